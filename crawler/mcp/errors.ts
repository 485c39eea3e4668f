// Why a live listing failed: one typed error with a reason, and the mapping from whatever the client,
// the fetch or the sandbox threw to that reason.
import { ProtocolError, SdkError, SdkErrorCode, SdkHttpError, SseError, UnauthorizedError } from "@modelcontextprotocol/client";
import { z } from "zod";
import type { AuthRequirement } from "../auth-posture.js";
import { HttpError } from "../http.js";
import { SsrfError } from "../ssrf.js";
import { cut } from "../text-cap.js";
import { Budget } from "./budget.js";
import { notJsonRpc } from "./not-json-rpc.js";

/**
 * Why a server could not be listed, as what the runner should do about it:
 * connect — unreachable or went away (retry in a later run); timeout — too slow (retry later);
 * protocol — answers, but not valid MCP (skip until it changes); limit — over a size limit
 * before any tool could be kept (skip); auth — needs credentials (skip); install — the package
 * would not install or has no command (skip this version); blocked — refused by the SSRF guard
 * or the sandbox (do not retry).
 */
export type EnumerateReason = "connect" | "timeout" | "protocol" | "limit" | "auth" | "install" | "blocked";

export class EnumerateError extends Error {
  override name = "EnumerateError";
  readonly reason: EnumerateReason;
  /** The URL, or the command / package that was being listed. */
  readonly target: string;
  /** For reason "auth" on a remote: how the server said it needs credentials. */
  readonly auth: AuthRequirement | undefined;
  /** The server answered 429: how long it asked us to wait (Retry-After), when it said. */
  readonly rateLimited: { retryAfterMs?: number } | undefined;
  override cause?: unknown;

  constructor(message: string, reason: EnumerateReason, target: string, options?: { cause?: unknown; auth?: AuthRequirement; rateLimited?: { retryAfterMs?: number } }) {
    super(message);
    this.reason = reason;
    this.target = target;
    this.auth = options?.auth;
    this.rateLimited = options?.rateLimited;
    if (options && "cause" in options) this.cause = options.cause;
  }
}

export function chain(e: unknown): unknown[] {
  const out: unknown[] = [];
  for (let cur = e; cur && out.length < 6; cur = (cur as { cause?: unknown }).cause) out.push(cur);
  return out;
}

/**
 * The SSRF guard's refusal. By name too: the fetch is handed in, and a guard from another copy of
 * this module (another bundle, a caller's own guard) fails instanceof while meaning the same.
 */
export function isRefusal(x: unknown): x is Error {
  return x instanceof SsrfError || (x instanceof HttpError && x.kind === "blocked") || (x instanceof Error && x.name === "SsrfError");
}

export function isParseError(e: unknown): boolean {
  return chain(e).some((x) => x instanceof SyntaxError || x instanceof z.ZodError || (x instanceof SdkError && x.code === SdkErrorCode.InvalidResult));
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);

function reasonForStatus(status: number): EnumerateReason {
  if (status === 401 || status === 403) return "auth";
  if (status === 408 || status === 429 || status >= 500) return "connect";
  return "protocol";
}

function reasonForHttpError(e: HttpError): EnumerateReason {
  switch (e.kind) {
    case "blocked":
      return "blocked";
    case "too_large":
      return "limit";
    case "timeout":
      return "timeout";
    case "network":
    case "aborted":
      return "connect";
    case "status":
    case "rate_limited":
      return e.status !== undefined ? reasonForStatus(e.status) : "protocol";
    case "invalid_json":
    case "html_page":
    case "encoding":
    case "redirect":
      return "protocol";
  }
}

function reasonForSdkError(e: SdkError, budget: Budget | undefined): EnumerateReason | undefined {
  if (e instanceof SdkHttpError) return reasonForStatus(e.status);
  switch (e.code) {
    case SdkErrorCode.RequestTimeout:
      // A request that timed out after the transport choked on a bad message is a protocol failure.
      return budget?.parseError !== undefined ? "protocol" : "timeout";
    case SdkErrorCode.ConnectionClosed:
    case SdkErrorCode.NotConnected:
    case SdkErrorCode.SendFailed:
    case SdkErrorCode.ClientHttpFailedToOpenStream:
      return "connect";
    case SdkErrorCode.ClientHttpAuthentication:
    case SdkErrorCode.ClientHttpForbidden:
      return "auth";
    case SdkErrorCode.EraNegotiationFailed:
      // The client says why in the cause when it has one (a network failure, a 5xx).
      return undefined;
    default:
      return "protocol";
  }
}

/** What a transport choked on, in one line: a message that is not JSON-RPC 2.0 by its first problem (zod's own report of one runs to thousands of characters). */
export function reported(x: unknown): string {
  return x instanceof z.ZodError ? notJsonRpc(x) : cut(x instanceof Error ? x.message : String(x), 300);
}

/** Any failure, as an EnumerateError with the reason the runner acts on. A refusal by the SSRF guard always reads `blocked`. */
export function toEnumerateError(e: unknown, target: string, budget?: Budget): EnumerateError {
  if (e instanceof EnumerateError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const make = (reason: EnumerateReason, msg = message) => new EnumerateError(msg, reason, target, { cause: e });
  // The SSE transport's stream reader reports a failed fetch as an event without its cause: the fetch itself says what it was.
  if (budget?.refusal) return make("blocked", budget.refusal.message);
  for (const x of chain(e)) {
    if (x instanceof EnumerateError) return x;
    if (isRefusal(x)) return make("blocked");
    if (x instanceof HttpError) return make(reasonForHttpError(x));
    if (x instanceof UnauthorizedError) return make("auth");
    if (x instanceof SdkError) {
      const reason = reasonForSdkError(x, budget);
      if (reason === undefined) continue;
      const seen = reason !== "connect" && x.code === SdkErrorCode.RequestTimeout ? (budget?.parseError ?? budget?.lastTransportError) : undefined;
      return seen === undefined ? make(reason) : make(reason, `${message} (transport reported: ${reported(seen)})`);
    }
    if (x instanceof SseError && typeof x.code === "number") return make(x.code > 0 ? reasonForStatus(x.code) : "connect");
    if (x instanceof ProtocolError) return make("protocol");
    if (x instanceof Error && (x.name === "AbortError" || x.name === "TimeoutError")) return make("timeout");
    const code = (x as { code?: unknown }).code;
    if (typeof code === "string" && (NETWORK_CODES.has(code) || code.startsWith("UND_ERR"))) return make("connect");
  }
  if (isParseError(e)) return make("protocol", reported(chain(e).find((x) => x instanceof z.ZodError) ?? e));
  if (budget?.fetchFailure) return toEnumerateError(budget.fetchFailure, target);
  return make(e instanceof SdkError ? "connect" : "protocol");
}
