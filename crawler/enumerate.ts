// Live tools/list against one MCP server through the official client (@modelcontextprotocol/client):
// a remote endpoint (Streamable HTTP or HTTP+SSE, either protocol era) or a sandboxed stdio child.
//
// What is the client's: both transports, the SSE reader, the 2026-07-28 era (server/discover,
// stateless requests with the `_meta` envelope) and its negotiation with the 2025 era.
// What is ours, handed to it as options: the SSRF-guarded fetch (crawler/http.ts, which also holds
// the redirect policy of every transport), the byte and time budgets below, and the sandboxed
// stdio process (crawler/sandbox.ts: the client's StdioClientTransport spawns the command itself,
// so it cannot drop privileges, clear the environment or cap stdout).
//
// Eras (see research/sources.md §8):
// - Streamable HTTP: the client probes with `server/discover` ("auto" negotiation); a server whose
//   discover says nothing but whose initialize is refused with -32022 naming 2026-07-28 is then
//   spoken to in that era from what the refusal announced.
// - stdio and SSE: initialize first (a probe sent to a legacy stdio server before initialize can
//   make some servers drop the session); an initialize refused with -32022 naming 2026-07-28
//   restarts the server and lists it in that era.
// Every limit in EnumerateLimits is enforced here; a list cut by one comes back with `truncated`.
import { setMaxListeners } from "node:events";
import {
  Client,
  ProtocolError,
  ProtocolErrorCode,
  SdkError,
  SdkErrorCode,
  SdkHttpError,
  SERVER_INFO_META_KEY,
  SSEClientTransport,
  SseError,
  StreamableHTTPClientTransport,
  UnauthorizedError,
  type PriorDiscovery,
  type Transport,
  type VersionNegotiationOptions,
} from "@modelcontextprotocol/client";
import { z } from "zod";
import { toolInputSchema, type ToolInput } from "../classifier/tool.js";
import { capTool, MAX_TEXT_CHARS } from "./text-cap.js";
import { describeAuthRequirement, type AuthChallenge, type AuthRequirement } from "./auth-posture.js";
import { HttpError, parseRetryAfter } from "./http.js";
import { SandboxedStdioTransport, DEFAULT_SANDBOX_OPTIONS, type SandboxOptions } from "./sandbox.js";
import { SsrfError } from "./ssrf.js";

export interface EnumerateLimits {
  /** Transport start plus initialize (or discover), per attempt. */
  connectTimeoutMs: number;
  /** Each tools/list page. */
  requestTimeoutMs: number;
  /** Everything, hard: the call returns (fails) by then whatever the server does. */
  totalTimeoutMs: number;
  maxTools: number;
  /** Sum of the JSON length of the tools received; the wire itself is cut at 2 × maxBytes + 1 MiB. */
  maxBytes: number;
  maxPages: number;
  /** Longer descriptions and titles are cut to this many characters (ending in "… [truncated]"). Unset: the default (10,000); Infinity: never. */
  maxDescriptionChars?: number;
}

export const DEFAULT_ENUMERATE_LIMITS: EnumerateLimits = {
  connectTimeoutMs: 15_000,
  requestTimeoutMs: 20_000,
  totalTimeoutMs: 60_000,
  maxTools: 2_000,
  maxBytes: 8 * 1024 * 1024,
  maxPages: 100,
  maxDescriptionChars: MAX_TEXT_CHARS,
};

export type EnumerateTransport = "streamable-http" | "sse" | "stdio";

/** Which limit cut the list: paging stopped there and the tools so far are returned. */
export type Truncation = "maxTools" | "maxBytes" | "maxPages" | "cursorLoop";

export interface EnumerateResult {
  tools: ToolInput[];
  transport: EnumerateTransport;
  protocolVersion?: string;
  serverInfo?: { name: string; version?: string };
  pages: number;
  bytes: number;
  truncated?: Truncation;
  /** Tools the server sent that failed validation or repeated an earlier name: skipped, not fatal. */
  skipped: number;
  /** Why, for the first few skipped tools. */
  skipReasons: string[];
  /** Descriptions and titles cut to maxDescriptionChars. */
  descriptionsTruncated: number;
  /** How long the server says its list stays fresh (2026-07-28 `ttlMs`, the smallest over the pages). */
  ttlMs?: number;
}

// ---------------------------------------------------------------------------------------------
// Errors

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

function chain(e: unknown): unknown[] {
  const out: unknown[] = [];
  for (let cur = e; cur && out.length < 6; cur = (cur as { cause?: unknown }).cause) out.push(cur);
  return out;
}

/**
 * The SSRF guard's refusal. By name too: the fetch is handed in, and a guard from another copy of
 * this module (another bundle, a caller's own guard) fails instanceof while meaning the same.
 */
function isRefusal(x: unknown): x is Error {
  return x instanceof SsrfError || (x instanceof HttpError && x.kind === "blocked") || (x instanceof Error && x.name === "SsrfError");
}

function isParseError(e: unknown): boolean {
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
      return e.status !== undefined ? reasonForStatus(e.status) : "protocol";
    case "invalid_json":
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

/** Any failure, as an EnumerateError with the reason the runner acts on. A refusal by the SSRF guard always reads `blocked`. */
function toEnumerateError(e: unknown, target: string, budget?: Budget): EnumerateError {
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
      return seen === undefined ? make(reason) : make(reason, `${message} (transport reported: ${(seen instanceof Error ? seen.message : String(seen)).slice(0, 300)})`);
    }
    if (x instanceof SseError && typeof x.code === "number") return make(x.code > 0 ? reasonForStatus(x.code) : "connect");
    if (x instanceof ProtocolError) return make("protocol");
    if (x instanceof Error && (x.name === "AbortError" || x.name === "TimeoutError")) return make("timeout");
    const code = (x as { code?: unknown }).code;
    if (typeof code === "string" && (NETWORK_CODES.has(code) || code.startsWith("UND_ERR"))) return make("connect");
  }
  if (isParseError(e)) return make("protocol");
  if (budget?.fetchFailure) return toEnumerateError(budget.fetchFailure, target);
  return make(e instanceof SdkError ? "connect" : "protocol");
}

const CLIENT_INFO = { name: "mcp-catalog", version: "0.1.0" };
const MODERN_VERSION = "2026-07-28";
const MAX_SKIP_REASONS = 10;

export interface RemoteOptions {
  limits: EnumerateLimits;
  /** The SSRF-guarded fetch (crawler/http.ts); every request of every transport goes through it, redirects included. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
  clientInfo?: { name: string; version: string };
}

export interface StdioOptions {
  limits: EnumerateLimits;
  signal?: AbortSignal;
  sandbox?: SandboxOptions;
  clientInfo?: { name: string; version: string };
}

// ---------------------------------------------------------------------------------------------
// Budget: the total deadline, the abort that ends everything, and the first fatal error.

class Budget {
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;
  private readonly deadline: number;
  private readonly timer: NodeJS.Timeout;
  /** Rejects when the run must stop (deadline, a fatal limit, the caller's abort). Always handled. */
  readonly stopped: Promise<never>;
  /** The last error a transport reported outside a request (a bad SSE event, a dropped stream). */
  lastTransportError: unknown;
  /** The first unparsable message a transport reported: makes a later timeout a protocol error. */
  parseError: unknown;
  /** The last failure our fetch threw: what a transport that swallows causes (the SSE stream reader) was refused by. */
  fetchFailure: unknown;
  /** The SSRF guard's refusal, when the guard refused any hop of any request of this listing. */
  refusal: Error | undefined;
  /** The first 401/403 a server answered: how it says it needs auth. */
  challenge: AuthChallenge | undefined;
  /** The server answered 429, and what its Retry-After asked for. */
  rateLimited: { retryAfterMs?: number } | undefined;

  noteTransportError(e: unknown): void {
    this.lastTransportError = e;
    if (this.parseError === undefined && isParseError(e)) this.parseError = e;
  }

  noteFetchFailure(e: unknown): void {
    this.fetchFailure = e;
    const refused = chain(e).find(isRefusal);
    if (refused) this.refusal ??= refused;
  }

  constructor(
    readonly limits: EnumerateLimits,
    readonly target: string,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    this.deadline = Date.now() + limits.totalTimeoutMs;
    this.stopped = new Promise<never>((_, reject) => {
      this.signal.addEventListener("abort", () => reject(this.signal.reason), { once: true });
    });
    this.stopped.catch(() => undefined);
    this.timer = setTimeout(() => this.stop(this.totalTimeout()), limits.totalTimeoutMs);
    this.timer.unref?.();
    // The client adds an abort listener per request it is given this signal for and keeps it until the
    // signal is gone: one per page, bounded by maxPages, not a leak.
    setMaxListeners(limits.maxPages + 10, this.signal);
    if (callerSignal?.aborted) this.stop(callerSignal.reason);
    // The caller's signal outlives this listing (one refresh, thousands of servers): the listener goes in dispose().
    callerSignal?.addEventListener("abort", this.onCallerAbort, { once: true });
  }

  private readonly onCallerAbort = () => this.stop(this.callerSignal?.reason);

  private totalTimeout(): EnumerateError {
    return new EnumerateError(`gave up after the total timeout of ${this.limits.totalTimeoutMs} ms`, "timeout", this.target);
  }

  stop(reason: unknown): void {
    if (!this.signal.aborted) this.controller.abort(reason);
  }

  remaining(): number {
    return Math.max(1, this.deadline - Date.now());
  }

  requestTimeout(): number {
    return Math.min(this.limits.requestTimeoutMs, this.remaining());
  }

  connectTimeout(): number {
    return Math.min(this.limits.connectTimeoutMs, this.remaining());
  }

  /** `work`, but never past the moment the run is stopped. */
  run<T>(work: Promise<T>): Promise<T> {
    work.catch(() => undefined);
    return Promise.race([work, this.stopped]);
  }

  /** `work` bounded by `ms`, failing with `onTimeout()` after that, or with the total timeout's error when
   * `ms` is the rest of the run's budget: both timers then fire together, and which one wins must not
   * depend on the scheduler. */
  async within<T>(work: Promise<T>, ms: number, onTimeout: () => EnumerateError): Promise<T> {
    const boundedByTotal = ms >= this.remaining();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(boundedByTotal ? this.totalTimeout() : onTimeout()), ms);
    });
    try {
      return await this.run(Promise.race([work, late]));
    } finally {
      clearTimeout(timer);
    }
  }

  /** The error to report for `e`: a stop reason wins over whatever the stop caused downstream. */
  explain(e: unknown): unknown {
    if (this.signal.aborted) return this.signal.reason;
    return e;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener("abort", this.onCallerAbort);
    this.stop(new EnumerateError("finished", "connect", this.target));
  }
}

// ---------------------------------------------------------------------------------------------
// Collecting pages under the limits

const pageSchema = z
  .object({
    tools: z.array(z.unknown()),
    nextCursor: z.unknown().optional(),
    ttlMs: z.unknown().optional(),
    _meta: z.record(z.string(), z.unknown()).optional().catch(undefined),
  })
  .loose();

type Page = z.infer<typeof pageSchema>;

class ToolCollector {
  readonly tools: ToolInput[] = [];
  private readonly names = new Set<string>();
  private readonly cursors = new Set<string>();
  pages = 0;
  bytes = 0;
  truncated: Truncation | undefined;
  skipped = 0;
  readonly skipReasons: string[] = [];
  descriptionsTruncated = 0;
  ttlMs: number | undefined;

  constructor(private readonly limits: EnumerateLimits) {}

  private skip(reason: string): void {
    this.skipped += 1;
    if (this.skipReasons.length < MAX_SKIP_REASONS) this.skipReasons.push(reason);
  }

  /** Takes one page; returns the cursor of the next page to ask for, or undefined to stop. */
  add(page: Page): string | undefined {
    this.pages += 1;
    if (typeof page.ttlMs === "number" && Number.isFinite(page.ttlMs) && page.ttlMs >= 0) this.ttlMs = Math.min(this.ttlMs ?? Infinity, page.ttlMs);
    for (const [i, raw] of page.tools.entries()) {
      if (this.tools.length >= this.limits.maxTools) {
        this.truncated = "maxTools";
        return undefined;
      }
      const size = JSON.stringify(raw)?.length ?? 0;
      if (this.bytes + size > this.limits.maxBytes) {
        this.truncated = "maxBytes";
        return undefined;
      }
      this.bytes += size;
      const parsed = toolInputSchema.safeParse(raw);
      const where = `page ${this.pages} tool ${i}`;
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        this.skip(`${where}: invalid (${issue ? `${issue.path.join(".") || "tool"}: ${issue.message}` : "not a tool"})`);
        continue;
      }
      const tool = parsed.data;
      if (this.names.has(tool.name)) {
        this.skip(`${where}: duplicate name ${JSON.stringify(tool.name.slice(0, 100))}`);
        continue;
      }
      this.names.add(tool.name);
      const max = this.limits.maxDescriptionChars ?? DEFAULT_ENUMERATE_LIMITS.maxDescriptionChars ?? Infinity;
      const capped = capTool(tool, max);
      this.descriptionsTruncated += capped.cut;
      this.tools.push(capped.tool);
    }
    const next = page.nextCursor;
    if (typeof next !== "string" || next === "") return undefined;
    if (this.tools.length >= this.limits.maxTools) {
      this.truncated = "maxTools";
      return undefined;
    }
    if (this.cursors.has(next)) {
      this.truncated = "cursorLoop";
      return undefined;
    }
    if (this.pages >= this.limits.maxPages) {
      this.truncated = "maxPages";
      return undefined;
    }
    this.cursors.add(next);
    return next;
  }

  result(base: { transport: EnumerateTransport; protocolVersion?: string | undefined; serverInfo?: { name: string; version?: string } | undefined }, target: string): EnumerateResult {
    if (this.tools.length === 0 && this.truncated === "maxBytes") {
      throw new EnumerateError(`the first tool alone is over maxBytes (${this.limits.maxBytes})`, "limit", target);
    }
    return {
      tools: this.tools,
      transport: base.transport,
      ...(base.protocolVersion ? { protocolVersion: base.protocolVersion } : {}),
      ...(base.serverInfo ? { serverInfo: base.serverInfo } : {}),
      pages: this.pages,
      bytes: this.bytes,
      ...(this.truncated ? { truncated: this.truncated } : {}),
      skipped: this.skipped,
      skipReasons: this.skipReasons,
      descriptionsTruncated: this.descriptionsTruncated,
      ...(this.ttlMs !== undefined ? { ttlMs: this.ttlMs } : {}),
    };
  }
}

/** Cuts to at most `max` characters, never inside a surrogate pair, ending with a visible mark. */
async function collect(c: ToolCollector, fetchPage: (cursor: string | undefined) => Promise<Page | "none">): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    if (page === "none") return;
    cursor = c.add(page);
  } while (cursor !== undefined);
}

/** A server's name and version, from the client or from a result's `_meta`, cut to sane lengths. */
function serverInfoOf(v: unknown): { name: string; version?: string } | undefined {
  if (!v || typeof v !== "object") return undefined;
  const { name, version } = v as { name?: unknown; version?: unknown };
  if (typeof name !== "string") return undefined;
  return { name: name.slice(0, 200), ...(typeof version === "string" ? { version: version.slice(0, 100) } : {}) };
}

// ---------------------------------------------------------------------------------------------
// The wire: every response body counted against one cap, every request bound to the run's abort.

function wireCap(limits: EnumerateLimits): number {
  return 2 * limits.maxBytes + 1024 * 1024;
}

function boundedFetch(base: typeof fetch, budget: Budget): typeof fetch {
  const cap = wireCap(budget.limits);
  let received = 0;
  const f = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const signal = init?.signal ? AbortSignal.any([init.signal, budget.signal]) : budget.signal;
    let res: Response;
    try {
      res = await base(input, { ...init, signal });
    } catch (e) {
      budget.noteFetchFailure(e);
      throw e;
    }
    if ((res.status === 401 || res.status === 403) && !budget.challenge) budget.challenge = { status: res.status, wwwAuthenticate: res.headers.get("www-authenticate") };
    if (res.status === 429 && !budget.rateLimited) {
      const retryAfterMs = parseRetryAfter(res.headers.get("retry-after") ?? undefined);
      budget.rateLimited = retryAfterMs === undefined ? {} : { retryAfterMs };
    }
    if (!res.body) return res;
    const reader = res.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (e) {
          controller.error(e);
          return;
        }
        if (chunk.done) return controller.close();
        received += chunk.value.byteLength;
        if (received > cap) {
          const err = new EnumerateError(`server sent more than ${cap} bytes (2 × maxBytes + 1 MiB)`, "limit", budget.target);
          budget.stop(err);
          controller.error(err);
          void reader.cancel().catch(() => undefined);
          return;
        }
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        return reader.cancel(reason).catch(() => undefined);
      },
    });
    const counted = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    // A constructed Response has an empty url; the client reads it to resolve relative endpoints.
    Object.defineProperty(counted, "url", { value: res.url });
    return counted;
  };
  return f as typeof fetch;
}

// ---------------------------------------------------------------------------------------------
// One session through the client: connect (negotiating the era), page tools/list, close.

/** The versions an "unsupported protocol version" answer (-32022) says the server speaks, from a JSON-RPC error or the HTTP 400 that carried one. */
const unsupportedVersionSchema = z.object({
  code: z.literal(ProtocolErrorCode.UnsupportedProtocolVersion),
  data: z.object({ supported: z.array(z.string()) }).loose(),
});
const rpcErrorBodySchema = z.object({ error: unsupportedVersionSchema }).loose();

function modernAnnounced(e: unknown): string[] | undefined {
  for (const x of chain(e)) {
    let supported: string[] | undefined;
    if (x instanceof ProtocolError) supported = unsupportedVersionSchema.safeParse({ code: x.code, data: x.data }).data?.data.supported;
    else if (x instanceof SdkHttpError && x.status === 400 && typeof x.data.text === "string") {
      try {
        supported = rpcErrorBodySchema.safeParse(JSON.parse(x.data.text)).data?.error.data.supported;
      } catch {
        supported = undefined;
      }
    }
    if (supported?.includes(MODERN_VERSION)) return supported;
  }
  return undefined;
}

/**
 * What a server that refused initialize with -32022 announced, as the discover result the client
 * adopts without a round trip (it sends no server/discover that such a server may not answer).
 */
function announcedDiscovery(supported: string[]): PriorDiscovery {
  return { kind: "modern", discover: { supportedVersions: supported, capabilities: { tools: {} } } };
}

interface SessionSpec {
  transport: Transport;
  kind: EnumerateTransport;
  clientInfo: { name: string; version: string };
  /** How the client picks the era: "auto" probes with server/discover, "legacy" initializes; `prior` adopts a known modern era. */
  negotiation: VersionNegotiationOptions["mode"];
  prior?: PriorDiscovery;
}

async function listThroughClient(spec: SessionSpec, budget: Budget): Promise<EnumerateResult> {
  const connectMs = budget.connectTimeout();
  const negotiation: VersionNegotiationOptions = { mode: spec.negotiation ?? "legacy", probe: { timeoutMs: connectMs } };
  const client = new Client(spec.clientInfo, { capabilities: {}, versionNegotiation: negotiation });
  client.onerror = (e) => budget.noteTransportError(e);
  try {
    const connected = client.connect(spec.transport, { timeout: connectMs, signal: budget.signal, ...(spec.prior ? { prior: spec.prior } : {}) });
    await budget.within(connected, connectMs, () => new EnumerateError(`no answer to initialize within ${connectMs} ms`, "timeout", budget.target));
    const c = new ToolCollector(budget.limits);
    let serverInfo = serverInfoOf(client.getServerVersion());
    await collect(c, async (cursor) => {
      try {
        const page = await budget.run(client.request({ method: "tools/list", params: cursor ? { cursor } : {} }, pageSchema, { timeout: budget.requestTimeout(), signal: budget.signal }));
        serverInfo ??= serverInfoOf(page._meta?.[SERVER_INFO_META_KEY]);
        return page;
      } catch (e) {
        // A server without tools answers "method not found": an empty list, not a failure.
        if (e instanceof ProtocolError && e.code === ProtocolErrorCode.MethodNotFound && c.pages === 0) return "none";
        throw e;
      }
    });
    return c.result({ transport: spec.kind, protocolVersion: client.getNegotiatedProtocolVersion(), serverInfo }, budget.target);
  } finally {
    await closeQuietly(client, spec.transport);
  }
}

async function closeQuietly(client: Client, transport: Transport): Promise<void> {
  const bounded = (p: Promise<unknown>) => Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
  // Politeness: end the server's session (HTTP DELETE) so it can free it now, not at its idle timeout.
  if (transport instanceof StreamableHTTPClientTransport && transport.sessionId) await bounded(transport.terminateSession());
  await bounded(client.close());
}

/** Lists through `open()`'s transport; an initialize refused with -32022 naming 2026-07-28 is retried on a fresh transport in that era. */
async function listEitherEra(open: () => Promise<Transport> | Transport, spec: Omit<SessionSpec, "transport" | "prior">, budget: Budget): Promise<EnumerateResult> {
  try {
    return await listThroughClient({ ...spec, transport: await open() }, budget);
  } catch (e) {
    const supported = budget.signal.aborted ? undefined : modernAnnounced(e);
    if (!supported) throw e;
    return listThroughClient({ ...spec, transport: await open(), negotiation: "legacy", prior: announcedDiscovery(supported) }, budget);
  }
}

// ---------------------------------------------------------------------------------------------
// Remote

/** A status that means "not this transport here" (try the other one), from either transport's error. */
function isFallbackStatus(e: unknown): boolean {
  return chain(e).some((x) => {
    const status = x instanceof SdkHttpError ? x.status : x instanceof SseError ? x.code : undefined;
    return status === 400 || status === 404 || status === 405;
  });
}

/**
 * Lists a remote server's tools. Streamable HTTP first (the client negotiates the era), then
 * HTTP+SSE when the POST is refused with 400/404/405; `type: "sse"` tries SSE first.
 */
export async function listRemoteTools(remote: { url: string; type: "streamable-http" | "sse" }, opts: RemoteOptions): Promise<EnumerateResult> {
  const target = remote.url;
  let url: URL;
  try {
    url = new URL(remote.url);
  } catch (e) {
    throw new EnumerateError(`not a URL: ${remote.url}`, "protocol", target, { cause: e });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new EnumerateError(`not an http(s) URL: ${remote.url}`, "blocked", target);
  const budget = new Budget(opts.limits, target, opts.signal);
  const fetch = boundedFetch(opts.fetch ?? globalThis.fetch, budget);
  const clientInfo = opts.clientInfo ?? CLIENT_INFO;

  // redirectPolicy "follow" hands every redirect to our fetch, whose one policy (crawler/http.ts) holds for every transport.
  const viaStreamable = () =>
    listEitherEra(
      () =>
        new StreamableHTTPClientTransport(url, {
          fetch,
          redirectPolicy: "follow",
          reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: 1000, maxReconnectionDelay: 1000, reconnectionDelayGrowFactor: 1 },
        }),
      { kind: "streamable-http", clientInfo, negotiation: "auto" },
      budget,
    );
  const viaSse = () => listEitherEra(() => new SSEClientTransport(url, { fetch, redirectPolicy: "follow" }), { kind: "sse", clientInfo, negotiation: "legacy" }, budget);
  const [first, second] = remote.type === "sse" ? [viaSse, viaStreamable] : [viaStreamable, viaSse];

  try {
    try {
      return await first();
    } catch (e) {
      if (budget.signal.aborted || budget.refusal || !isFallbackStatus(e)) throw e;
      try {
        return await second();
      } catch (e2) {
        const a = toEnumerateError(budget.explain(e), target, budget);
        const b = toEnumerateError(budget.explain(e2), target, budget);
        throw new EnumerateError(`${a.message}; the ${remote.type === "sse" ? "Streamable HTTP" : "SSE"} fallback failed too: ${b.message}`, a.reason, target, { cause: e });
      }
    }
  } catch (e) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    const err = toEnumerateError(budget.explain(e), target, budget);
    const { challenge, rateLimited } = budget;
    if (rateLimited) throw new EnumerateError(err.message, err.reason, target, { cause: err.cause, rateLimited });
    if (err.reason !== "auth" || !challenge || budget.signal.aborted) throw err;
    // How it says it needs auth: the challenge and the protected-resource metadata it points to.
    const ms = Math.min(budget.requestTimeout(), 10_000);
    const auth = await budget.within(describeAuthRequirement(target, challenge, fetch), ms, () => new EnumerateError("no metadata", "timeout", target)).catch(() => ({ status: challenge.status }));
    throw new EnumerateError(err.message, "auth", target, { cause: err.cause, auth });
  } finally {
    budget.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// stdio

/**
 * Lists the tools of a stdio server, spawned inside the sandbox (see crawler/sandbox.ts for exactly
 * what isolation that gives). Legacy initialize first; an unsupported-version answer naming
 * 2026-07-28 restarts the server and lists it in that era.
 */
export async function listStdioTools(spec: { command: string; args: string[]; cwd?: string; env?: Record<string, string> }, opts: StdioOptions): Promise<EnumerateResult> {
  const target = [spec.command, ...spec.args].join(" ").slice(0, 500);
  const budget = new Budget(opts.limits, target, opts.signal);
  const clientInfo = opts.clientInfo ?? CLIENT_INFO;
  const transportOpts = { sandbox: opts.sandbox ?? DEFAULT_SANDBOX_OPTIONS, maxStdoutBytes: wireCap(opts.limits) };
  const open: SandboxedStdioTransport[] = [];
  const spawn = async () => {
    await Promise.all(open.map((t) => t.close()));
    const t = new SandboxedStdioTransport(spec, transportOpts);
    open.push(t);
    // A limit hit on stdout stops the run at once rather than at the next timeout.
    t.onLimit = (e) => budget.stop(e);
    const startMs = budget.connectTimeout();
    await budget.within(t.start(), startMs, () => new EnumerateError(`could not start within ${startMs} ms`, "timeout", target));
    return t;
  };
  try {
    return await listEitherEra(spawn, { kind: "stdio", clientInfo, negotiation: "legacy" }, budget);
  } catch (e) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    const limit = open.find((t) => t.error?.reason === "limit")?.error;
    if (limit) throw limit;
    const err = toEnumerateError(budget.explain(e), target, budget);
    // The server's own words beat "connection closed".
    const died = open.find((t) => t.error)?.error;
    if (died && (err.reason === "connect" || err.reason === "timeout") && !budget.signal.aborted) throw died;
    throw err;
  } finally {
    budget.dispose();
    await Promise.all(open.map((t) => t.close()));
  }
}
