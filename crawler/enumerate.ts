// Live tools/list against one MCP server: a remote endpoint (Streamable HTTP or HTTP+SSE, either protocol era) or a sandboxed stdio child.
//
// Eras (see research/sources.md §8): legacy servers (≤ 2025-11-25) need initialize first and are
// spoken to through the SDK's Client; modern servers (2026-07-28) are stateless, have no
// initialize, and get raw JSON-RPC with `_meta` (the SDK does not speak that era yet).
// - Streamable HTTP: a `server/discover` POST first (stateless, harmless to legacy servers, which
//   answer 400 or "method not found"); a DiscoverResult means modern, anything else legacy.
// - stdio and SSE: initialize first (a `server/discover` sent to a legacy stdio server before
//   initialize can make some servers drop the session); an initialize rejected with the
//   unsupported-version error listing 2026-07-28 switches to the modern flow.
// Every limit in EnumerateLimits is enforced here; a list cut by one comes back with `truncated`.
import { setMaxListeners } from "node:events";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport, SseError } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { ErrorCode, McpError, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { toolInputSchema, type ToolInput } from "../classifier/tool.js";
import { SandboxedStdioTransport, DEFAULT_SANDBOX_OPTIONS, type SandboxOptions } from "./sandbox.js";

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
  /** Longer descriptions are cut to this many characters (ending in "… [truncated]"). Unset: the default (10,000); Infinity: never. */
  maxDescriptionChars?: number;
}

export const DEFAULT_ENUMERATE_LIMITS: EnumerateLimits = {
  connectTimeoutMs: 15_000,
  requestTimeoutMs: 20_000,
  totalTimeoutMs: 60_000,
  maxTools: 2_000,
  maxBytes: 8 * 1024 * 1024,
  maxPages: 100,
  maxDescriptionChars: 10_000,
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
  /** Tools whose description was cut to maxDescriptionChars. */
  descriptionsTruncated: number;
}

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
  override cause?: unknown;

  constructor(message: string, reason: EnumerateReason, target: string, options?: { cause?: unknown }) {
    super(message);
    this.reason = reason;
    this.target = target;
    if (options && "cause" in options) this.cause = options.cause;
  }
}

const CLIENT_INFO = { name: "mcp-catalog", version: "0.1.0" };
const MODERN_VERSION = "2026-07-28";
const MAX_SKIP_REASONS = 10;
const TRUNCATION_MARK = "… [truncated]";

export interface RemoteOptions {
  limits: EnumerateLimits;
  /** The SSRF-guarded fetch (crawler/http.ts); every request of both transports goes through it. */
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

  noteTransportError(e: unknown): void {
    this.lastTransportError = e;
    if (this.parseError === undefined && isParseError(e)) this.parseError = e;
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
    this.timer = setTimeout(() => this.stop(new EnumerateError(`gave up after the total timeout of ${limits.totalTimeoutMs} ms`, "timeout", target)), limits.totalTimeoutMs);
    this.timer.unref?.();
    // The SDK adds an abort listener per request it is given this signal for and keeps it until the
    // signal is gone: one per page, bounded by maxPages, not a leak.
    setMaxListeners(limits.maxPages + 10, this.signal);
    if (callerSignal?.aborted) this.stop(callerSignal.reason);
    // The caller's signal outlives this listing (one refresh, thousands of servers): the listener goes in dispose().
    callerSignal?.addEventListener("abort", this.onCallerAbort, { once: true });
  }

  private readonly onCallerAbort = () => this.stop(this.callerSignal?.reason);

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

  /** `work` bounded by `ms`, failing with `onTimeout()` after that. */
  async within<T>(work: Promise<T>, ms: number, onTimeout: () => EnumerateError): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(onTimeout()), ms);
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

  constructor(private readonly limits: EnumerateLimits) {}

  private skip(reason: string): void {
    this.skipped += 1;
    if (this.skipReasons.length < MAX_SKIP_REASONS) this.skipReasons.push(reason);
  }

  /** Takes one page; returns the cursor of the next page to ask for, or undefined to stop. */
  add(page: Page): string | undefined {
    this.pages += 1;
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
      if (tool.description !== undefined && tool.description.length > max) {
        tool.description = cut(tool.description, max);
        this.descriptionsTruncated += 1;
      }
      this.tools.push(tool);
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
    };
  }
}

/** Cuts to at most `max` characters, never inside a surrogate pair, ending with a visible mark. */
function cut(text: string, max: number): string {
  if (max <= TRUNCATION_MARK.length) return text.slice(0, max);
  let end = max - TRUNCATION_MARK.length;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + TRUNCATION_MARK;
}

async function collect(c: ToolCollector, fetchPage: (cursor: string | undefined) => Promise<Page | "none">): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    if (page === "none") return;
    cursor = c.add(page);
  } while (cursor !== undefined);
}

function serverInfoOf(v: unknown): { name: string; version?: string } | undefined {
  if (!v || typeof v !== "object") return undefined;
  const { name, version } = v as { name?: unknown; version?: unknown };
  if (typeof name !== "string") return undefined;
  return { name: name.slice(0, 200), ...(typeof version === "string" ? { version: version.slice(0, 100) } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Errors from anywhere, as EnumerateError

function chain(e: unknown): unknown[] {
  const out: unknown[] = [];
  for (let cur = e; cur && out.length < 6; cur = (cur as { cause?: unknown }).cause) out.push(cur);
  return out;
}

function isParseError(e: unknown): boolean {
  return chain(e).some((x) => x instanceof SyntaxError || (x instanceof Error && (x.name === "ZodError" || x.name === "$ZodError")));
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

function reasonForStatus(status: number): EnumerateReason {
  if (status === 401 || status === 403) return "auth";
  if (status === 408 || status === 429 || status >= 500) return "connect";
  return "protocol";
}

function toEnumerateError(e: unknown, target: string, budget?: Budget): EnumerateError {
  if (e instanceof EnumerateError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const make = (reason: EnumerateReason, msg = message) => new EnumerateError(msg, reason, target, { cause: e });
  for (const x of chain(e)) {
    if (x instanceof EnumerateError) return x;
    if (!x || typeof x !== "object") continue;
    const o = x as { name?: string; kind?: string; status?: number; code?: unknown; message?: string };
    if (o.name === "SsrfError" || o.kind === "blocked") return make("blocked");
    if (o.name === "HttpError") {
      if (o.kind === "too_large") return make("limit");
      if (o.kind === "timeout") return make("timeout");
      if (o.kind === "invalid_json") return make("protocol");
      if (o.kind === "status" && typeof o.status === "number") return make(reasonForStatus(o.status));
      if (o.kind === "network") return make("connect");
    }
    if ((x instanceof StreamableHTTPError || x instanceof SseError) && typeof x.code === "number") {
      return make(x.code > 0 ? reasonForStatus(x.code) : x.code === -1 ? "protocol" : "connect");
    }
    if (o.name === "UnauthorizedError") return make("auth");
    if (x instanceof McpError) {
      if (x.code === ErrorCode.RequestTimeout) {
        const seen = budget?.parseError ?? budget?.lastTransportError;
        if (seen !== undefined) {
          const why = seen instanceof Error ? seen.message : String(seen);
          return make(isParseError(seen) ? "protocol" : "timeout", `${message} (transport reported: ${why.slice(0, 300)})`);
        }
        return make("timeout");
      }
      if (x.code === ErrorCode.ConnectionClosed) return make("connect");
      return make("protocol");
    }
    if (o.name === "AbortError" || o.name === "TimeoutError") return make("timeout");
    if (typeof o.code === "string" && (NETWORK_CODES.has(o.code) || o.code.startsWith("UND_ERR"))) return make("connect");
  }
  if (isParseError(e)) return make("protocol");
  if (e instanceof TypeError && /fetch failed|terminated|network/i.test(message)) return make("connect");
  return make("protocol");
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
    const res = await base(input, { ...init, signal });
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
    // The SDK checks redirects against response.url, which a constructed Response leaves empty.
    Object.defineProperty(counted, "url", { value: res.url });
    return counted;
  };
  return f as typeof fetch;
}

// ---------------------------------------------------------------------------------------------
// Modern (2026-07-28) flow: stateless JSON-RPC with _meta, over HTTP or any SDK Transport.

interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}

type RpcReply = { result: Record<string, unknown> } | { error: RpcError; httpStatus?: number };

interface ModernChannel {
  request(method: string, params: Record<string, unknown>, timeoutMs: number): Promise<RpcReply>;
}

const rpcReplySchema = z.union([
  z.object({ jsonrpc: z.literal("2.0"), id: z.union([z.string(), z.number()]), result: z.record(z.string(), z.unknown()) }),
  z.object({
    jsonrpc: z.literal("2.0"),
    id: z.union([z.string(), z.number(), z.null()]).optional(),
    error: z.object({ code: z.number(), message: z.string(), data: z.unknown().optional() }),
  }),
]);

function modernMeta(clientInfo: { name: string; version: string }) {
  return {
    "io.modelcontextprotocol/protocolVersion": MODERN_VERSION,
    "io.modelcontextprotocol/clientInfo": clientInfo,
    "io.modelcontextprotocol/clientCapabilities": {},
  };
}

function asReply(v: unknown): RpcReply | undefined {
  const r = rpcReplySchema.safeParse(v);
  if (!r.success) return undefined;
  return "result" in r.data ? { result: r.data.result } : { error: r.data.error };
}

/** Reads an SSE body until the JSON-RPC response with `id` arrives. */
async function replyFromEventStream(body: ReadableStream<Uint8Array>, id: string): Promise<RpcReply> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += value;
      let nl: number;
      while ((nl = buf.indexOf("\n")) !== -1) {
        const line = buf.slice(0, nl).replace(/\r$/, "");
        buf = buf.slice(nl + 1);
        if (line === "") {
          if (data.length) {
            const msg = JSON.parse(data.join("\n")) as { id?: unknown };
            data = [];
            if (msg && msg.id === id) {
              const reply = asReply(msg);
              if (!reply) throw new SyntaxError("not a JSON-RPC response");
              return reply;
            }
          }
        } else if (line.startsWith("data:")) {
          data.push(line.slice(5).replace(/^ /, ""));
        }
      }
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  throw new SyntaxError("event stream ended without a response");
}

class HttpModernChannel implements ModernChannel {
  private seq = 0;

  constructor(
    private readonly url: URL,
    private readonly fetch: typeof globalThis.fetch,
    private readonly clientInfo: { name: string; version: string },
    private readonly target: string,
  ) {}

  async request(method: string, params: Record<string, unknown>, timeoutMs: number): Promise<RpcReply> {
    const id = `mcp-catalog-${++this.seq}`;
    const body = JSON.stringify({ jsonrpc: "2.0", id, method, params: { ...params, _meta: modernMeta(this.clientInfo) } });
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const res = await this.fetch(this.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-protocol-version": MODERN_VERSION,
          "mcp-method": method,
        },
        body,
        signal,
        redirect: "follow",
      });
      const type = res.headers.get("content-type") ?? "";
      if (res.ok && type.includes("text/event-stream") && res.body) return await replyFromEventStream(res.body, id);
      const text = await res.text();
      let reply: RpcReply | undefined;
      try {
        reply = asReply(JSON.parse(text));
      } catch {
        reply = undefined;
      }
      if (reply && "error" in reply) return { ...reply, httpStatus: res.status };
      if (!res.ok) throw new StreamableHTTPError(res.status, `${method}: HTTP ${res.status} ${text.slice(0, 200)}`);
      if (!reply) throw new EnumerateError(`${method}: the reply is not a JSON-RPC response`, "protocol", this.target);
      return reply;
    } catch (e) {
      if (signal.aborted && !(e instanceof EnumerateError)) throw new EnumerateError(`${method}: no answer within ${timeoutMs} ms`, "timeout", this.target, { cause: e });
      throw e;
    }
  }
}

/** Raw JSON-RPC over an SDK Transport (stdio), for the modern era the SDK Client cannot speak. */
class TransportModernChannel implements ModernChannel {
  private seq = 0;
  private readonly pending = new Map<string, { ok: (r: RpcReply) => void; fail: (e: unknown) => void }>();

  constructor(
    private readonly transport: Transport,
    private readonly clientInfo: { name: string; version: string },
    private readonly target: string,
  ) {
    transport.onmessage = (message: JSONRPCMessage) => {
      const id = (message as { id?: unknown }).id;
      const reply = asReply(message);
      if (typeof id === "string" && reply) this.pending.get(id)?.ok(reply);
    };
    const onclose = transport.onclose;
    transport.onclose = () => {
      onclose?.();
      const gone = (transport as { error?: unknown }).error ?? new EnumerateError("the server closed the connection", "connect", target);
      for (const p of this.pending.values()) p.fail(gone);
    };
  }

  async request(method: string, params: Record<string, unknown>, timeoutMs: number): Promise<RpcReply> {
    const id = `mcp-catalog-${++this.seq}`;
    const answered = new Promise<RpcReply>((ok, fail) => this.pending.set(id, { ok, fail }));
    answered.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    try {
      await this.transport.send({ jsonrpc: "2.0", id, method, params: { ...params, _meta: modernMeta(this.clientInfo) } } as JSONRPCMessage);
      return await Promise.race([
        answered,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new EnumerateError(`${method}: no answer within ${timeoutMs} ms`, "timeout", this.target)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      this.pending.delete(id);
    }
  }
}

/** True when an error (JSON-RPC or HTTP) says "unsupported version" and lists 2026-07-28 as supported. */
function saysModern(e: unknown): boolean {
  for (const x of chain(e)) {
    if (x instanceof McpError && (x.code === -32022 || x.code === ErrorCode.InvalidParams || x.code === ErrorCode.InvalidRequest)) {
      const supported = (x.data as { supported?: unknown } | undefined)?.supported;
      if (Array.isArray(supported) && supported.includes(MODERN_VERSION)) return true;
    }
    if (x instanceof StreamableHTTPError && x.code === 400 && x.message.includes(MODERN_VERSION) && x.message.includes("-32022")) return true;
  }
  return false;
}

function isModernDiscover(reply: RpcReply): boolean {
  if ("error" in reply) {
    const supported = (reply.error.data as { supported?: unknown } | undefined)?.supported;
    return reply.error.code === -32022 && Array.isArray(supported) && supported.includes(MODERN_VERSION);
  }
  const versions = reply.result.supportedVersions;
  return Array.isArray(versions) && versions.includes(MODERN_VERSION);
}

async function listModern(
  channel: ModernChannel,
  budget: Budget,
  transport: EnumerateTransport,
  serverInfo: { name: string; version?: string } | undefined,
): Promise<EnumerateResult> {
  const c = new ToolCollector(budget.limits);
  let info = serverInfo;
  await collect(c, async (cursor) => {
    const reply = await budget.run(channel.request("tools/list", cursor ? { cursor } : {}, budget.requestTimeout()));
    if ("error" in reply) {
      if (reply.error.code === ErrorCode.MethodNotFound && c.pages === 0) return "none";
      throw new EnumerateError(`tools/list failed: ${reply.error.code} ${reply.error.message.slice(0, 300)}`, "protocol", budget.target);
    }
    info ??= serverInfoOf((reply.result._meta as Record<string, unknown> | undefined)?.["io.modelcontextprotocol/serverInfo"]);
    const page = pageSchema.safeParse(reply.result);
    if (!page.success) throw new EnumerateError("tools/list result has no tools array", "protocol", budget.target);
    return page.data;
  });
  return c.result({ transport, protocolVersion: MODERN_VERSION, serverInfo: info }, budget.target);
}

// ---------------------------------------------------------------------------------------------
// Legacy (initialize) flow through the SDK Client

async function listWithClient(transport: Transport, kind: EnumerateTransport, budget: Budget, clientInfo: { name: string; version: string }): Promise<EnumerateResult> {
  const client = new Client(clientInfo, { capabilities: {} });
  client.onerror = (e) => budget.noteTransportError(e);
  let negotiated: string | undefined;
  const setVersion = transport.setProtocolVersion?.bind(transport);
  transport.setProtocolVersion = (v: string) => {
    negotiated = v;
    setVersion?.(v);
  };
  try {
    const connectMs = budget.connectTimeout();
    await budget.within(client.connect(transport, { timeout: connectMs, signal: budget.signal }), connectMs, () =>
      new EnumerateError(`no answer to initialize within ${connectMs} ms`, "timeout", budget.target),
    );
    const c = new ToolCollector(budget.limits);
    await collect(c, async (cursor) => {
      try {
        return await budget.run(client.request({ method: "tools/list", params: cursor ? { cursor } : {} }, pageSchema, { timeout: budget.requestTimeout(), signal: budget.signal }));
      } catch (e) {
        // A server without tools answers "method not found": an empty list, not a failure.
        if (e instanceof McpError && e.code === ErrorCode.MethodNotFound && c.pages === 0) return "none";
        throw e;
      }
    });
    return c.result({ transport: kind, protocolVersion: negotiated, serverInfo: serverInfoOf(client.getServerVersion()) }, budget.target);
  } finally {
    await closeQuietly(client, transport);
  }
}

async function closeQuietly(client: Client, transport: Transport): Promise<void> {
  const bounded = (p: Promise<unknown>) => Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
  // Politeness: end the server's session (HTTP DELETE) so it can free it now, not at its idle timeout.
  if (transport instanceof StreamableHTTPClientTransport && transport.sessionId) await bounded(transport.terminateSession());
  await bounded(client.close());
}

// ---------------------------------------------------------------------------------------------
// Remote

function isFallbackStatus(e: unknown): boolean {
  return chain(e).some((x) => (x instanceof StreamableHTTPError || x instanceof SseError) && (x.code === 400 || x.code === 404 || x.code === 405));
}

/**
 * Lists a remote server's tools. Streamable HTTP first (modern discover, then legacy initialize),
 * then HTTP+SSE when the POST is refused with 400/404/405; `type: "sse"` tries SSE first.
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

  const viaStreamable = async (): Promise<EnumerateResult> => {
    const channel = new HttpModernChannel(url, fetch, clientInfo, target);
    const probe = await discover(channel, budget);
    if (probe.modern) return listModern(channel, budget, "streamable-http", probe.serverInfo);
    const transport = new StreamableHTTPClientTransport(url, {
      fetch,
      reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: 1000, maxReconnectionDelay: 1000, reconnectionDelayGrowFactor: 1 },
    });
    try {
      return await listWithClient(transport, "streamable-http", budget, clientInfo);
    } catch (e) {
      if (!budget.signal.aborted && saysModern(e)) return listModern(channel, budget, "streamable-http", undefined);
      throw e;
    }
  };
  const viaSse = () => listWithClient(new SSEClientTransport(url, { fetch }), "sse", budget, clientInfo);
  const [first, second] = remote.type === "sse" ? [viaSse, viaStreamable] : [viaStreamable, viaSse];

  try {
    try {
      return await first();
    } catch (e) {
      if (budget.signal.aborted || !isFallbackStatus(e)) throw e;
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
    throw toEnumerateError(budget.explain(e), target, budget);
  } finally {
    budget.dispose();
  }
}

/** The modern probe: is this a 2026-07-28 server? Any failure short of the run stopping means "legacy". */
async function discover(channel: ModernChannel, budget: Budget): Promise<{ modern: boolean; serverInfo?: { name: string; version?: string } }> {
  const ms = Math.min(budget.connectTimeout(), budget.requestTimeout());
  try {
    const reply = await budget.run(channel.request("server/discover", {}, ms));
    if (!isModernDiscover(reply)) return { modern: false };
    const info = "result" in reply ? serverInfoOf((reply.result._meta as Record<string, unknown> | undefined)?.["io.modelcontextprotocol/serverInfo"]) : undefined;
    return { modern: true, ...(info ? { serverInfo: info } : {}) };
  } catch (e) {
    if (budget.signal.aborted) throw e;
    // Unreachable is unreachable in either era; everything else (4xx, odd bodies, a slow answer) is legacy.
    const err = toEnumerateError(e, budget.target, budget);
    if (err.reason === "connect" && !isFallbackStatus(e) && !chain(e).some((x) => x instanceof StreamableHTTPError)) throw err;
    if (err.reason === "blocked" || err.reason === "limit" || err.reason === "auth") throw err;
    return { modern: false };
  }
}

// ---------------------------------------------------------------------------------------------
// stdio

/**
 * Lists the tools of a stdio server, spawned inside the sandbox (see crawler/sandbox.ts for exactly
 * what isolation that gives). Legacy initialize first; an unsupported-version answer naming
 * 2026-07-28 restarts the server and lists it the modern way.
 */
export async function listStdioTools(spec: { command: string; args: string[]; cwd?: string; env?: Record<string, string> }, opts: StdioOptions): Promise<EnumerateResult> {
  const target = [spec.command, ...spec.args].join(" ").slice(0, 500);
  const budget = new Budget(opts.limits, target, opts.signal);
  const clientInfo = opts.clientInfo ?? CLIENT_INFO;
  const transportOpts = { sandbox: opts.sandbox ?? DEFAULT_SANDBOX_OPTIONS, maxStdoutBytes: wireCap(opts.limits) };
  const open: SandboxedStdioTransport[] = [];
  const spawn = async () => {
    const t = new SandboxedStdioTransport(spec, transportOpts);
    open.push(t);
    // A limit hit on stdout stops the run at once rather than at the next timeout.
    t.onclose = () => {
      if (t.error?.reason === "limit") budget.stop(t.error);
    };
    const startMs = budget.connectTimeout();
    await budget.within(t.start(), startMs, () => new EnumerateError(`could not start within ${startMs} ms`, "timeout", target));
    return t;
  };
  try {
    const first = await spawn();
    try {
      return await listWithClient(first, "stdio", budget, clientInfo);
    } catch (e) {
      if (budget.signal.aborted || !saysModern(e)) throw first.error?.reason === "limit" ? first.error : e;
      await first.close();
      const second = await spawn();
      const channel = new TransportModernChannel(second, clientInfo, target);
      return await listModern(channel, budget, "stdio", undefined);
    }
  } catch (e) {
    if (opts.signal?.aborted) throw opts.signal.reason;
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
