// A failure as the run record and the CLI keep it: its kind, where it happened (stage, source, page), the URL and status,
// read from the error's type and fields, never from its message.
import { DrizzleQueryError } from "drizzle-orm/errors";
import { z } from "zod";
import { ConnectionLostError, describeDbError } from "../db/errors.js";
import { SnapshotJsonError, SnapshotMissError } from "./fetcher.js";
import { errorCode, HttpError, type HttpErrorKind } from "./http.js";
import { SOURCE_NAMES, type SourceName } from "./records.js";
import { redactUrl, redactUrls } from "./redact-url.js";
import { SourceError } from "./source-error.js";

/**
 * What went wrong. A request's own kinds (crawler/http.ts HttpError): network, timeout, status,
 * rate_limited (a 429), too_large (the body, or the headers), blocked (the SSRF guard), invalid_json
 * (a snapshot page's too), html_page (a challenge page in place of JSON), encoding (a Content-Encoding
 * that does not decode), redirect, aborted; a page the source sent that is unusable (format), a walk
 * that never ends (page_limit, cursor_loop), a 304 to a request that was not conditional
 * (unexpected_304), a page a snapshot does not hold (snapshot_miss), the catalog's database refusing
 * or failing (database); anything else (error).
 */
export const FAILURE_KINDS = [
  "network",
  "timeout",
  "status",
  "rate_limited",
  "too_large",
  "blocked",
  "invalid_json",
  "html_page",
  "encoding",
  "redirect",
  "aborted",
  "format",
  "page_limit",
  "cursor_loop",
  "unexpected_304",
  "snapshot_miss",
  "database",
  "error",
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** Where a run failed: one source's crawl, or a stage after the crawls; `run` is a stage that broke the run outright. */
export const FAILURE_STAGES = ["crawl", "introspect", "enqueue", "classify", "analyze", "run"] as const;
export type FailureStage = (typeof FAILURE_STAGES)[number];

export const failureSchema = z.object({
  stage: z.enum(FAILURE_STAGES),
  source: z.enum(SOURCE_NAMES).optional(),
  kind: z.enum(FAILURE_KINDS),
  /** The list page the source stopped on (1-based within the crawl). */
  page: z.number().int().optional(),
  url: z.string().optional(),
  /** The HTTP status a source answered with. */
  status: z.number().int().optional(),
  /** The network or database error code (ECONNREFUSED, 23514). */
  code: z.string().optional(),
  attempts: z.number().int().optional(),
  /** Whether a later run may succeed where this one failed (a request's own judgement). */
  retryable: z.boolean().optional(),
  /** The wait a server asked for (Retry-After, in milliseconds) when it was longer than the crawler waits. */
  retryAfterMs: z.number().int().optional(),
  /** One line for a person, the database's reason for a failed query (db/errors.ts). */
  message: z.string(),
});
export type Failure = z.infer<typeof failureSchema>;

/** The request's own failure, with what tells a later run what to do; every request kind is a failure kind. */
function requestFailure(e: HttpError): Pick<Failure, "kind" | "url" | "status" | "code" | "attempts" | "retryable" | "retryAfterMs"> {
  const kind: HttpErrorKind = e.kind;
  return { kind, url: redactUrl(e.url), status: e.status, code: errorCode(e.cause), attempts: e.attempts, retryable: e.retryable, ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}) };
}

/**
 * What the error behind a source's stop, a stage's or the run's, was (pure: reads types and fields).
 * `aborted`: the run was interrupted, whatever the error the interruption surfaced as; that error still
 * says where (the page and its URL) and, a request's, its attempts. A request the interrupt cut short
 * says nothing against its source: a later run may succeed.
 */
export function failureOf(e: unknown, where: { stage: FailureStage; source?: SourceName; aborted?: boolean }): Failure {
  const { aborted, ...at } = where;
  if (aborted) {
    const surfaced = failureOf(e, at);
    return { ...surfaced, kind: "aborted", ...(surfaced.retryable !== undefined ? { retryable: true } : {}) };
  }
  // A message may quote the URL it failed on, credentials and all (an error of a library, a record written before).
  const base = { ...at, message: redactUrls(describeDbError(e) ?? (e instanceof Error ? e.message : String(e))) };
  if (e instanceof SourceError) {
    const stopped = { ...base, ...(e.page !== null ? { page: e.page } : {}), ...(e.url !== undefined ? { url: redactUrl(e.url) } : {}) };
    if (e.stop) return { ...stopped, kind: e.stop.kind };
    // Its cause as it would be alone (a request's, a snapshot's, the database's, anything else), at this page, in its words.
    const { stage: _stage, source: _source, message: _message, ...cause } = failureOf(e.cause, at);
    return { ...stopped, ...cause };
  }
  if (e instanceof HttpError) return { ...base, ...requestFailure(e) };
  if (e instanceof SnapshotMissError) return { ...base, kind: "snapshot_miss" };
  // A snapshot's index that is not JSON stops its source before any page is asked for.
  if (e instanceof SnapshotJsonError) return { ...base, kind: "invalid_json" };
  if (e instanceof DrizzleQueryError) return { ...base, kind: "database", code: errorCode(e.cause) };
  if (e instanceof ConnectionLostError) return { ...base, kind: "database", code: e.code };
  return { ...base, kind: "error" };
}

/** A failure as one line for a person: where, then why. */
export function failureLine(f: Failure): string {
  const where = f.source ?? f.stage;
  return f.message.startsWith(`${where}:`) ? f.message : `${where}: ${f.message}`;
}
