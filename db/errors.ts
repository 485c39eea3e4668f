// A database failure as one line a person can act on: the database's own reason, its code, the operation.
import { DrizzleQueryError } from "drizzle-orm/errors";

const MAX_LINE = 300;

/** What a statement did, never its values: "insert into tools", "select … from servers", "CREATE SCHEMA IF NOT EXISTS "drizzle"". */
export function operationOf(query: string): string {
  const flat = query.replace(/\s+/g, " ").trim();
  const from = /^select\b.*?\bfrom\s+("?[\w.]+"?)/i.exec(flat);
  if (from) return `select … from ${from[1]}`;
  // Up to the first column list, value list or condition.
  return flat.split(/\s*\(|\s+(?:values|where|set|select|on|as)\b/i)[0]!.slice(0, 80);
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_LINE ? `${flat.slice(0, MAX_LINE - 1)}…` : flat;
}

/** The reason a driver gave (postgres.js, PGlite, a socket): its message and code. */
function reasonOf(e: unknown): { message: string; code?: string } {
  if (e instanceof AggregateError && e.errors.length) return reasonOf(e.errors[0]);
  const err = e as { message?: unknown; code?: unknown; cause?: unknown } | null;
  const message = typeof err?.message === "string" && err.message ? err.message : String(e);
  const code = typeof err?.code === "string" || typeof err?.code === "number" ? String(err.code) : undefined;
  // A connection error wrapped once more (postgres.js CONNECT_TIMEOUT has its socket error as cause) keeps the inner code.
  if (!code && err?.cause) return reasonOf(err.cause);
  return { message, ...(code ? { code } : {}) };
}

/**
 * A failed query of a step the catalog names in words ("checking the catalog's schema"): told by that step rather
 * than by its SQL, which says nothing to the person reading (`select to_regclass`, `DO $$ BEGIN IF …`).
 */
export class StepQueryError extends DrizzleQueryError {
  constructor(
    /** What was being done, as "while <step>" reads: "checking the catalog's schema". */
    readonly step: string,
    e: DrizzleQueryError,
  ) {
    super(e.query, e.params, e.cause);
    this.name = "StepQueryError";
  }
}

/** Runs `fn`, a step named `step`: a query of it that fails is a StepQueryError. */
export async function during<T>(step: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw e instanceof DrizzleQueryError && !(e instanceof StepQueryError) ? new StepQueryError(step, e) : e;
  }
}

/**
 * A failed query (drizzle's "Failed query: <SQL> params: <every value>") as one line: the database's
 * message, its code, and the operation (its step in words, else what the statement did), cut to a line.
 * Parameters never appear (they carry crawled text); the statement only with `debug` (CATALOG_DEBUG), on lines of
 * its own. Other errors: undefined.
 */
export function describeDbError(e: unknown, o: { debug?: boolean } = {}): string | undefined {
  if (!(e instanceof DrizzleQueryError)) return undefined;
  const reason = e.cause ? reasonOf(e.cause) : { message: "the query failed" };
  const operation = e instanceof StepQueryError ? `while ${e.step}` : `during ${operationOf(e.query)}`;
  const line = oneLine(`${reason.message}${reason.code ? ` (code ${reason.code})` : ""} ${operation}`);
  return o.debug ? `${line}\nstatement: ${e.query}` : line;
}

/** Any error as one line: a failed query described as above, anything else by its first line, cut. */
export function errorLine(e: unknown): string {
  return describeDbError(e) ?? oneLine((e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "");
}

/**
 * Codes a statement fails with when its connection went away under it: postgres.js's own (the
 * server closed the connection, or the client tore it down) and the socket's.
 */
const CONNECTION_LOSS_CODES = new Set(["CONNECTION_CLOSED", "CONNECTION_DESTROYED", "ECONNRESET", "EPIPE"]);

/** The driver's error behind `e` and its causes (drizzle keeps the driver's error as its cause). */
function* causes(e: unknown): Generator<{ code?: unknown; severity?: unknown }> {
  for (let cur = e, depth = 0; cur && typeof cur === "object" && depth < 5; cur = (cur as { cause?: unknown }).cause, depth += 1) yield cur;
}

/**
 * The code of a server error that ended its session (severity FATAL: an administrator's
 * pg_terminate_backend, a shutdown), or undefined. postgres.js settles a statement with a server
 * error only at the ReadyForQuery that ends the statement, and none follows a FATAL: a statement
 * rejected with one never ran on that session. It is a new connection's refusal, or the error of a
 * session that died under an earlier statement, which postgres.js keeps on the connection and hands
 * to the first statement the reconnected connection is given (porsager/postgres#1223).
 */
export function sessionEndedCode(e: unknown): string | undefined {
  for (const cur of causes(e)) if (cur.severity === "FATAL" && typeof cur.code === "string") return cur.code;
  return undefined;
}

/** Postgres's query_canceled: what a statement past its statement_timeout fails with. */
const QUERY_CANCELED = "57014";

/**
 * Whether the server cancelled the statement behind `e` (57014 query_canceled): its statement_timeout ran out, or an
 * administrator cancelled it (pg_cancel_backend). The connection and its session live on.
 */
export function queryCanceled(e: unknown): boolean {
  for (const cur of causes(e)) if (cur.code === QUERY_CANCELED) return true;
  return false;
}

/** The code of the lost connection or ended session behind `e`, or undefined. */
export function connectionLossCode(e: unknown): string | undefined {
  for (const cur of causes(e)) if (typeof cur.code === "string" && CONNECTION_LOSS_CODES.has(cur.code)) return cur.code;
  return sessionEndedCode(e);
}

/**
 * The database connection died while a transaction was open (the server restarted, an administrator
 * terminated the session, the network dropped): the server rolled the transaction back, and every
 * transaction committed before it stands. For a refresh that is one page: the next run resumes there.
 */
export class ConnectionLostError extends Error {
  constructor(
    /** The driver's or the socket's code (CONNECTION_CLOSED, ECONNRESET). */
    readonly code: string,
    cause: unknown,
  ) {
    super(`the database connection was lost mid-transaction (${code}): that transaction was rolled back, everything committed before it is kept; run again to go on from there`, { cause });
    this.name = "ConnectionLostError";
  }
}
