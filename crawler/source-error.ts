// A source that stopped: which source, on which page and URL, and why.
import { errorLine } from "../db/errors.js";
import type { WalkStop } from "./plan/walk.js";
import type { SourceName } from "./records.js";

/** Why a source stopped when no request failed: the page it sent, or the walk, says the source is broken. */
export type SourceStop = WalkStop | { kind: "format" } | { kind: "unexpected_304" };

/**
 * A source stopped: the pages before this one are stored and the checkpoint lets the next run resume.
 * Either `stop` says why, or the `cause` is the failed request (crawler/http.ts HttpError) or read.
 */
export class SourceError extends Error {
  readonly source: SourceName;
  /** The list page, 1-based within the crawl; null when a crawl resumed from a checkpoint that did not number it. */
  readonly page: number | null;
  readonly url: string | undefined;
  readonly stop: SourceStop | undefined;
  /** The requests this page cost before it stopped the source (its list request's attempts, retries included): its source counts them. */
  readonly requests: number;

  constructor(init: { source: SourceName; page: number | null; url?: string; stop?: SourceStop; message: string; cause?: unknown; requests?: number }) {
    super(`${init.source}: ${init.page === null ? "" : `page ${init.page}: `}${init.message}`, { cause: init.cause });
    this.name = "SourceError";
    this.source = init.source;
    this.page = init.page;
    this.url = init.url;
    this.stop = init.stop;
    this.requests = init.requests ?? 0;
  }
}

/**
 * `e`, thrown while the page at `url` was processed, as the SourceError that names that page; one
 * that already is a SourceError names its own. The message is the error's one line (a failed query's
 * reason, not its statement and parameters, which quote crawled text).
 */
export function atPage(e: unknown, at: { source: SourceName; page: number | null; url: string; requests?: number }): SourceError {
  if (e instanceof SourceError) return e;
  return new SourceError({ ...at, message: errorLine(e), cause: e });
}
