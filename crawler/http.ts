// The crawler's only way onto the network: undici with per-host politeness, retries, size caps and the SSRF guard.
import { maxHeaderSize } from "node:http";
import PQueue from "p-queue";
import { Agent, fetch as undiciFetch, request, type Dispatcher } from "undici";
import { BodyDecodeError, decodeBody } from "./content-encoding.js";
import { isHtmlPage } from "./html-page.js";
import { validatorsOf, type Validators } from "./validators.js";
import { redactUrl } from "./redact-url.js";
import { assertUrlAllowed, guardedLookup, SsrfError, type GuardOptions, type LookupFunction } from "./ssrf.js";
import { plural } from "../classifier/plural.js";

export interface HttpOptions {
  /** Sent on every request; see catalogUserAgent(). */
  userAgent: string;
  connectTimeoutMs: number;
  /** Longest wait for the status line and headers. */
  headersTimeoutMs: number;
  /** Longest silence between two body chunks. */
  bodyTimeoutMs: number;
  /** Hard limit on one attempt of getJson/getText, body included: a server dripping a byte a second cannot hold us. */
  requestTimeoutMs?: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  /** Cap on one backoff sleep; a Retry-After beyond it means give up (retryable later), not sleep. */
  maxDelayMs: number;
  maxBodyBytes: number;
  /** Redirect hops followed (each re-checked by the SSRF guard) before failing. */
  maxRedirects?: number;
  perHost: { concurrency: number; intervalMs: number; intervalCap: number };
  /** Lets the crawler reach loopback and private addresses (CATALOG_ALLOW_PRIVATE_NETWORK=1): tests only. */
  allowPrivateNetwork: boolean;
  /** Hosts exempt from the address checks (a registry mirror on the private network); redirects away from them are checked as usual. */
  trustedHosts?: readonly string[];
  lookup?: LookupFunction;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  onRetry?: (event: RetryEvent) => void;
}

/** Emitted before each backoff sleep, for progress logs. */
export interface RetryEvent {
  url: string;
  /** The attempt that failed (1-based). */
  attempt: number;
  delayMs: number;
  kind: HttpErrorKind;
  status?: number;
  reason: string;
}

export const DEFAULT_HTTP_OPTIONS = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  requestTimeoutMs: 120_000,
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  maxBodyBytes: 32 * 1024 * 1024,
  maxRedirects: 5,
  perHost: { concurrency: 4, intervalMs: 1_000, intervalCap: 10 },
  allowPrivateNetwork: false,
} satisfies Omit<HttpOptions, "userAgent">;

/** The descriptive User-Agent the crawler announces itself with. */
export function catalogUserAgent(version: string): string {
  return `mcp-catalog/${version} (+https://github.com/mcp-catalog/mcp-catalog)`;
}

/**
 * Besides the obvious: rate_limited is a 429 (retried, or given up on when its Retry-After is longer
 * than we wait); too_large is a body over the cap or headers over Node's limit; encoding is a body in
 * a Content-Encoding we cannot undo; html_page is an HTML page (a CDN's challenge) where JSON was asked for.
 */
export type HttpErrorKind = "network" | "timeout" | "status" | "rate_limited" | "too_large" | "blocked" | "invalid_json" | "html_page" | "encoding" | "redirect" | "aborted";

/**
 * A request that failed for good. `retryable` tells the runner what to do: true means the server or
 * network may recover (try this item again in a later run), false means this URL will not work as
 * it is (skip it). For kind "blocked" the cause is the SsrfError with the host and address.
 */
export class HttpError extends Error {
  readonly url: string;
  readonly method: string;
  readonly kind: HttpErrorKind;
  readonly attempts: number;
  readonly retryable: boolean;
  readonly status: number | undefined;
  /** What the server asked for in Retry-After when that was more than we wait. */
  readonly retryAfterMs: number | undefined;

  constructor(init: {
    url: string;
    method?: string;
    kind: HttpErrorKind;
    attempts: number;
    retryable: boolean;
    status?: number;
    retryAfterMs?: number;
    detail: string;
    cause?: unknown;
  }) {
    const method = init.method ?? "GET";
    super(`${method} ${redactUrl(init.url)} failed after ${plural(init.attempts, "attempt")}: ${init.detail}`, { cause: init.cause });
    this.name = "HttpError";
    this.url = init.url;
    this.method = method;
    this.kind = init.kind;
    this.attempts = init.attempts;
    this.retryable = init.retryable;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
  }
}

export type JsonResponse =
  | ({ status: 200; url: string; body: unknown; attempts: number; bytes: number } & Validators)
  | ({ status: 304; url: string; attempts: number; bytes: 0 } & Validators);

export type TextResponse = { status: 200 | 304; url: string; text: string; attempts: number; bytes: number; contentType?: string } & Validators;

export interface GetInit extends Validators {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** One attempt's failure, with what the retry loop needs to decide. */
class AttemptError extends Error {
  constructor(
    readonly kind: HttpErrorKind,
    readonly retryable: boolean,
    message: string,
    readonly extra: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: extra.cause });
  }
}

// 408 and 429 are the only 4xx worth another try; 52x are Cloudflare's "origin unreachable" family.
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524]);
// A name that does not exist will not exist in a second either.
const PERMANENT_NETWORK_CODES = new Set(["ENOTFOUND", "ERR_INVALID_URL", "UND_ERR_INVALID_ARG", "UND_ERR_NOT_SUPPORTED"]);
const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);
// Headers that must not follow a redirect to another origin (credentials for the first one).
const SAFE_CROSS_ORIGIN_HEADERS = new Set(["accept", "accept-language", "user-agent"]);

/** Seconds or an HTTP date, as milliseconds from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  // Only an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse would also read "-5" as a year.
  if (!/[a-z]{3}/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** An error and the chain of its causes, outermost first (at most six). */
export function causes(e: unknown): unknown[] {
  const out: unknown[] = [];
  for (let cur = e; cur && out.length < 6; cur = (cur as { cause?: unknown }).cause) out.push(cur);
  return out;
}

/** The first error code (ECONNREFUSED, UND_ERR_…, a database's SQLSTATE) along an error's chain of causes. */
export function errorCode(e: unknown): string | undefined {
  for (const c of causes(e)) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

function ssrfOf(e: unknown): SsrfError | undefined {
  return causes(e).find((c): c is SsrfError => c instanceof SsrfError);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function stripForRedirect(headers: Record<string, string>, from: URL, to: URL): Record<string, string> {
  if (from.origin === to.origin) return headers;
  return Object.fromEntries(Object.entries(headers).filter(([k]) => SAFE_CROSS_ORIGIN_HEADERS.has(k.toLowerCase())));
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

export class HttpClient {
  private readonly options: HttpOptions & Required<Pick<HttpOptions, "requestTimeoutMs" | "maxRedirects">>;
  private readonly agent: Agent;
  private readonly queues = new Map<string, PQueue>();
  private readonly counters = { requests: 0, retries: 0, bytes: 0 };
  private readonly sleep: NonNullable<HttpOptions["sleep"]>;
  private readonly random: () => number;
  /** Aborted by close(): every queued, sleeping or running request stops. */
  private readonly closing = new AbortController();
  /** fetch-compatible, for the MCP client's transports: the same SSRF guard, agent, timeouts and size cap, one redirect policy; no retries, no queue. */
  readonly fetch: typeof globalThis.fetch;

  constructor(options: HttpOptions) {
    this.options = {
      ...options,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_HTTP_OPTIONS.requestTimeoutMs,
      maxRedirects: options.maxRedirects ?? DEFAULT_HTTP_OPTIONS.maxRedirects,
    };
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.agent = new Agent({
      // The connector resolves through the guard, so DNS rebinding between check and connect is refused too.
      connect: { timeout: options.connectTimeoutMs, lookup: guardedLookup(this.guardOptions()) },
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
      maxResponseSize: options.maxBodyBytes,
      // undici's default too; named here because the too_large failure quotes it.
      maxHeaderSize,
    });
    this.fetch = ((input: string | URL | Request, init?: RequestInit) => this.guardedFetch(input, init)) as typeof globalThis.fetch;
  }

  stats(): { requests: number; retries: number; bytes: number } {
    return { ...this.counters };
  }

  async getJson(url: string, init: GetInit = {}): Promise<JsonResponse> {
    // Read within the retry loop: an HTML page in place of JSON is retried like a 503.
    return this.withRetries(url, { ...init, headers: { accept: "application/json", ...init.headers } }, (r) => {
      const validators = validatorsOf(r);
      if (r.status === 304) return { status: 304, url: r.url, ...validators, bytes: 0 };
      try {
        // A BOM is legal in a UTF-8 file and illegal to JSON.parse.
        const body = JSON.parse(r.text.replace(/^\uFEFF/, "")) as unknown;
        return { status: 200, url: r.url, body, ...validators, bytes: r.bytes };
      } catch (e) {
        // A bot challenge or an error page from a CDN in front of the API: it may let the next attempt through.
        if (isHtmlPage(r.text, r.contentType)) throw new AttemptError("html_page", true, "answered an HTML page (a challenge page?) instead of JSON", { status: 200, cause: e });
        throw new AttemptError("invalid_json", false, `the body is not valid JSON (${messageOf(e)})`, { status: 200, cause: e });
      }
    });
  }

  async getText(url: string, init: GetInit = {}): Promise<TextResponse> {
    return this.withRetries(url, init, (r) => r);
  }

  /** Attempts `url` until one succeeds and `read` takes its response, or a failure is final; `read` throws AttemptError to refuse it. */
  private async withRetries<T>(url: string, init: GetInit, read: (r: Omit<TextResponse, "attempts">) => T): Promise<T & { attempts: number }> {
    const signal = init.signal ? AbortSignal.any([init.signal, this.closing.signal]) : this.closing.signal;
    let host: string;
    try {
      host = new URL(url).host;
    } catch (e) {
      throw new HttpError({ url, kind: "blocked", attempts: 0, retryable: false, detail: `not a URL (${messageOf(e)})`, cause: e });
    }
    for (let attempt = 1; ; attempt++) {
      let failure: AttemptError;
      try {
        const r = await this.queue(host).add(() => this.attempt(url, init, signal), { signal });
        return { ...read(r), attempts: attempt };
      } catch (e) {
        failure = e instanceof AttemptError ? e : this.classify(e, signal);
      }
      const { kind, retryable, message } = failure;
      const { status, retryAfterMs } = failure.extra;
      const fail = (detail: string, extra: { retryAfterMs?: number } = {}) =>
        new HttpError({ url, kind, attempts: attempt, retryable, ...(status !== undefined ? { status } : {}), ...extra, detail, cause: failure.extra.cause ?? failure });
      if (!retryable || attempt >= this.options.maxAttempts) throw fail(message);
      // Full jitter: a crowd of crawlers retrying together spreads out instead of stampeding.
      let delay = Math.round(this.random() * Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempt - 1)));
      if (retryAfterMs !== undefined) {
        // A server asking for more patience than we allow is a server we try again next run.
        if (retryAfterMs > this.options.maxDelayMs) {
          throw fail(`${message}; Retry-After ${Math.ceil(retryAfterMs / 1000)} s is over the ${Math.ceil(this.options.maxDelayMs / 1000)} s limit`, { retryAfterMs });
        }
        delay = retryAfterMs;
      }
      this.counters.retries += 1;
      this.options.onRetry?.({ url, attempt, delayMs: delay, kind, ...(status !== undefined ? { status } : {}), reason: message });
      try {
        await this.sleep(delay, signal);
      } catch (e) {
        throw new HttpError({ url, kind: "aborted", attempts: attempt, retryable: false, detail: `aborted while waiting to retry (${message})`, cause: e });
      }
    }
  }

  /** Stops every queued and running request and closes all connections. */
  async close(): Promise<void> {
    this.closing.abort(new Error("the HTTP client was closed"));
    for (const q of this.queues.values()) q.clear();
    this.queues.clear();
    await this.agent.destroy();
  }

  private queue(host: string): PQueue {
    let q = this.queues.get(host);
    if (!q) {
      const { concurrency, intervalMs, intervalCap } = this.options.perHost;
      q = new PQueue({ concurrency, interval: intervalMs, intervalCap });
      this.queues.set(host, q);
    }
    return q;
  }

  private guardOptions(): GuardOptions {
    const { allowPrivateNetwork, lookup, trustedHosts } = this.options;
    return { allowPrivateNetwork, ...(lookup ? { lookup } : {}), ...(trustedHosts ? { trustedHosts } : {}) };
  }

  /** Reads an undici/network error as an attempt failure; `deadline` marks our own per-attempt timeout. */
  private classify(e: unknown, signal: AbortSignal, deadline?: AbortSignal): AttemptError {
    if (e instanceof AttemptError) return e;
    const ssrf = ssrfOf(e);
    if (ssrf) return new AttemptError("blocked", false, ssrf.message, { cause: ssrf });
    if (signal.aborted) return new AttemptError("aborted", false, `aborted: ${messageOf(signal.reason)}`, { cause: e });
    if (deadline?.aborted) return new AttemptError("timeout", true, `no complete response within ${this.options.requestTimeoutMs} ms`, { cause: e });
    const code = errorCode(e);
    if ((code && TIMEOUT_CODES.has(code)) || (e as Error)?.name === "TimeoutError") {
      return new AttemptError("timeout", true, `timed out (${code ?? "TimeoutError"})`, { cause: e });
    }
    if (code === "UND_ERR_RES_EXCEEDED_MAX_SIZE") return new AttemptError("too_large", false, `the body exceeds the ${this.options.maxBodyBytes}-byte limit`, { cause: e });
    // A response whose headers alone pass Node's limit (--max-http-header-size) will be as large the next time.
    if (code === "UND_ERR_HEADERS_OVERFLOW") return new AttemptError("too_large", false, `the response headers exceed the ${maxHeaderSize}-byte limit`, { cause: e });
    const text = messageOf(e);
    return new AttemptError("network", !(code && PERMANENT_NETWORK_CODES.has(code)), `network error${code ? ` ${code}` : ""}${text ? `: ${text}` : ""}`, { cause: e });
  }

  /** One attempt: follows redirects by hand so every hop passes the SSRF guard. */
  private async attempt(url: string, init: GetInit, outer: AbortSignal): Promise<Omit<TextResponse, "attempts">> {
    const deadline = AbortSignal.timeout(this.options.requestTimeoutMs);
    const signal = AbortSignal.any([outer, deadline]);
    let current = new URL(url);
    let headers: Record<string, string> = {
      ...init.headers,
      ...(init.etag ? { "if-none-match": init.etag } : {}),
      ...(init.lastModified ? { "if-modified-since": init.lastModified } : {}),
    };
    try {
      for (let hop = 0; ; hop++) {
        await assertUrlAllowed(current, this.guardOptions());
        this.counters.requests += 1;
        const res = await request(current, {
          method: "GET",
          dispatcher: this.agent,
          signal,
          // undici's request() does not decompress, so ask for the body as it is (one compressed anyway is decoded: readCapped).
          headers: { "user-agent": this.options.userAgent, "accept-encoding": "identity", ...headers },
        });
        const { statusCode } = res;
        const received = validatorsOf({
          ...(typeof res.headers.etag === "string" ? { etag: res.headers.etag } : {}),
          ...(typeof res.headers["last-modified"] === "string" ? { lastModified: res.headers["last-modified"] } : {}),
        });
        if (statusCode >= 300 && statusCode < 400 && statusCode !== 304) {
          await res.body.dump();
          const location = res.headers.location;
          if (typeof location !== "string") throw new AttemptError("redirect", false, `HTTP ${statusCode} without a Location header`, { status: statusCode });
          if (hop >= this.options.maxRedirects) throw new AttemptError("redirect", false, `more than ${this.options.maxRedirects} redirects (last to ${location})`, { status: statusCode });
          const next = new URL(location, current);
          headers = stripForRedirect(headers, current, next);
          current = next;
          continue;
        }
        if (statusCode === 304) {
          await res.body.dump();
          // A 304 may leave the validators out; those we sent are still the right ones to keep.
          return { status: 304, url: current.toString(), text: "", ...validatorsOf(init), ...received, bytes: 0 };
        }
        if (statusCode < 200 || statusCode >= 300) {
          await res.body.dump().catch(() => undefined);
          const retryAfterMs = parseRetryAfter(res.headers["retry-after"]);
          throw new AttemptError(statusCode === 429 ? "rate_limited" : "status", RETRYABLE_STATUS.has(statusCode), `HTTP ${statusCode}`, { status: statusCode, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
        }
        const text = await this.readCapped(res);
        const contentType = res.headers["content-type"];
        return { status: 200, url: current.toString(), text, ...received, bytes: Buffer.byteLength(text), ...(typeof contentType === "string" ? { contentType } : {}) };
      }
    } catch (e) {
      throw this.classify(e, outer, deadline);
    }
  }

  /** Reads the body up to maxBodyBytes and stops reading (closing the connection) past it; a compressed one is decoded within the same cap. */
  private async readCapped(res: Dispatcher.ResponseData): Promise<string> {
    const cap = this.options.maxBodyBytes;
    const declared = Number(res.headers["content-length"]);
    if (Number.isFinite(declared) && declared > cap) {
      res.body.destroy();
      throw new AttemptError("too_large", false, `the body is ${declared} bytes, over the ${cap}-byte limit`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      this.counters.bytes += chunk.length;
      if (size > cap) {
        res.body.destroy();
        throw new AttemptError("too_large", false, `the body exceeds the ${cap}-byte limit`);
      }
      chunks.push(chunk);
    }
    const body = Buffer.concat(chunks);
    try {
      return (await decodeBody(body, res.headers["content-encoding"], cap)).toString("utf8");
    } catch (e) {
      if (!(e instanceof BodyDecodeError)) throw e;
      throw new AttemptError(e.reason === "too_large" ? "too_large" : "encoding", false, e.message, { cause: e });
    }
  }

  /**
   * fetch for MCP transports: redirects re-checked hop by hop, those of a POST only within its
   * origin; failures as HttpError (a caller's abort passes through as it is).
   */
  private async guardedFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    let url: URL;
    let base: RequestInit = {};
    if (input instanceof URL || typeof input === "string") url = new URL(input.toString());
    else {
      url = new URL(input.url);
      const hasBody = input.method !== "GET" && input.method !== "HEAD" && input.body !== null;
      base = { method: input.method, headers: input.headers, signal: input.signal, ...(hasBody ? { body: await input.arrayBuffer() } : {}) };
    }
    let method = (init.method ?? base.method ?? "GET").toUpperCase();
    let body = init.body !== undefined ? init.body : base.body;
    let headers = new Headers(init.headers ?? base.headers);
    if (!headers.has("user-agent")) headers.set("user-agent", this.options.userAgent);
    const callerSignal = init.signal ?? base.signal ?? undefined;
    const signal = callerSignal ? AbortSignal.any([callerSignal, this.closing.signal]) : this.closing.signal;
    const redirect = init.redirect ?? "follow";
    const fail = (e: unknown): never => {
      if (callerSignal?.aborted) throw e;
      const f = this.classify(e, signal);
      throw new HttpError({ url: url.toString(), method, kind: f.kind, attempts: 1, retryable: f.retryable, ...(f.extra.status !== undefined ? { status: f.extra.status } : {}), detail: f.message, cause: f.extra.cause ?? e });
    };
    for (let hop = 0; ; hop++) {
      let res: Response;
      try {
        await assertUrlAllowed(url, this.guardOptions());
        this.counters.requests += 1;
        res = (await undiciFetch(url, { ...init, method, headers, body, signal, dispatcher: this.agent, redirect: "manual" } as never)) as unknown as Response;
      } catch (e) {
        return fail(e);
      }
      const location = res.headers.get("location");
      if (redirect === "manual" || res.status < 300 || res.status >= 400 || res.status === 304 || !location) return this.counted(res, url, method, callerSignal);
      await res.body?.cancel().catch(() => undefined);
      if (redirect === "error" || hop >= this.options.maxRedirects) {
        const detail = redirect === "error" ? `unexpected redirect to ${location}` : `more than ${this.options.maxRedirects} redirects (last to ${location})`;
        throw new HttpError({ url: url.toString(), method, kind: "redirect", attempts: 1, retryable: false, status: res.status, detail });
      }
      const next = new URL(location, url);
      // The redirect policy of every MCP transport: a request with a body (or any method but GET and
      // HEAD) is followed only within its origin, so a body is never re-sent to a host it was not
      // addressed to; a GET may cross origins without its credentials. The guard checks every hop,
      // first: a hop it refuses is a refusal ("blocked") whatever the method.
      try {
        await assertUrlAllowed(next, this.guardOptions());
      } catch (e) {
        return fail(e);
      }
      if (method !== "GET" && method !== "HEAD" && next.origin !== url.origin) {
        throw new HttpError({ url: url.toString(), method, kind: "redirect", attempts: 1, retryable: false, status: res.status, detail: `refused to follow a ${res.status} redirect of a ${method} to another origin (${next.origin})` });
      }
      // Fetch's rules: 303, and 301/302 after a POST, become a GET without a body.
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
        method = "GET";
        body = undefined;
        headers.delete("content-type");
        headers.delete("content-length");
      }
      if (next.origin !== url.origin) headers = new Headers([...headers].filter(([k]) => SAFE_CROSS_ORIGIN_HEADERS.has(k)));
      url = next;
    }
  }

  /** The same response with its body counted into stats(), cut at maxBodyBytes, and read failures as HttpError. */
  private counted(res: Response, url: URL, method: string, callerSignal: AbortSignal | undefined): Response {
    if (!res.body || NULL_BODY_STATUS.has(res.status)) return res;
    const cap = this.options.maxBodyBytes;
    const reader = res.body.getReader();
    let size = 0;
    const bodyError = (kind: HttpErrorKind, retryable: boolean, detail: string, cause?: unknown) =>
      new HttpError({ url: url.toString(), method, kind, attempts: 1, retryable, status: res.status, detail: `reading the body: ${detail}`, cause });
    const body = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (e) {
          if (callerSignal?.aborted) return controller.error(e);
          const f = this.classify(e, this.closing.signal);
          return controller.error(bodyError(f.kind, f.retryable, f.message, f.extra.cause ?? e));
        }
        if (chunk.done) return controller.close();
        size += chunk.value.byteLength;
        this.counters.bytes += chunk.value.byteLength;
        if (size > cap) {
          void reader.cancel().catch(() => undefined);
          return controller.error(bodyError("too_large", false, `the body exceeds the ${cap}-byte limit`));
        }
        controller.enqueue(chunk.value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    const out = new Response(body, { status: res.status, statusText: res.statusText, headers: [...res.headers] });
    Object.defineProperty(out, "url", { value: url.toString() });
    return out;
  }
}
