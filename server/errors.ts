// What a request can get wrong, and a query that ran out of time, typed: each error knows its HTTP status; the API, pages and MCP tools say it their way.
import { queryCanceled } from "../db/errors.js";
import { truncate } from "../scripts/terminal.js";
import { SERVE_DEFAULTS } from "./defaults.js";
import { paths } from "./paths.js";

/** A name as an error echoes it: cut as the CLI cuts it, so a 100 KB name makes no 100 KB message. */
export const shownName = (name: string) => truncate(name, 120);

/**
 * What an error's names are: servers (a 409's candidates, an unknown server's close keys), tool names, or the
 * tools of one server (a 409's tools whose names differ only in case, an unknown tool's close names on it).
 */
export type NameKind = "server" | "tool" | { toolsOf: string };

/** The page of one name an error lists. */
export function namePage(names: NameKind, name: string): string {
  if (names === "server") return paths.server(name);
  if (names === "tool") return paths.toolName(name);
  return paths.tool(names.toolsOf, name);
}

export class RequestError extends Error {
  constructor(
    readonly status: 400 | 404 | 405 | 409,
    message: string,
    /** A 409's servers, each with its key (or one server's tools, by name); a 404's "did you mean" names. */
    readonly candidates: readonly string[] = [],
    /** What the candidates name, so a page links each to its own page. */
    readonly names: NameKind = "server",
    /** A 409's: more names match than `candidates` lists (a key prefix's look-up stops past a cap). */
    readonly moreCandidates = false,
  ) {
    super(message);
    this.name = "RequestError";
  }
}

export const badRequest = (message: string) => new RequestError(400, message);
/** A 404, with the close names that do exist when there are any. */
export const notFound = (message: string, suggestions?: { names: NameKind; close: readonly string[] }) => new RequestError(404, message, suggestions?.close, suggestions?.names);
export const ambiguous = (message: string, candidates: readonly string[], names: NameKind = "server", more = false) => new RequestError(409, message, candidates, names, more);

/** What lists a 409's candidates, on a page, in the API's words and the MCP tool's: "The first 20 names it could be (more match)". */
export function candidatesLeadIn(e: RequestError): string {
  return e.moreCandidates ? `The first ${e.candidates.length} names it could be (more match: type more of the name)` : "The names it could be";
}

/**
 * A request the catalog did not answer in time: the database cancelled one of its queries, at the serving limit
 * (Catalog.reads) or at a statement_timeout or cancel of the database's own. Not the request's fault, and perhaps
 * not the next one's: a 503 with Retry-After.
 */
export class QueryTimeoutError extends Error {
  readonly status = 503;
  readonly retryAfterSeconds = SERVE_DEFAULTS.timeoutRetryAfterSeconds;
  constructor(
    /** The serving limit, when the catalog's reads have one. */
    readonly limitMs: number | undefined,
    cause: unknown,
  ) {
    // With the limit set, a cancel is that limit's: nothing of ours cancels a query, and an administrator seldom does.
    const what = limitMs !== undefined ? `a query took longer than the catalog's limit of ${limitMs} ms` : "the database cancelled a query (a statement timeout of its own, or an administrator)";
    super(`${what}; try again in ${SERVE_DEFAULTS.timeoutRetryAfterSeconds} s`, { cause });
    this.name = "QueryTimeoutError";
  }
}

/** `e` as a QueryTimeoutError when the database cancelled the query behind it, else undefined. */
export function asQueryTimeout(e: unknown, limitMs: number | undefined): QueryTimeoutError | undefined {
  return queryCanceled(e) ? new QueryTimeoutError(limitMs, e) : undefined;
}

/** What a route, page or MCP tool answers as an error of its own: the request's, or the catalog's timeout. */
export type ServedError = RequestError | QueryTimeoutError;
