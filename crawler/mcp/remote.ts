// Listing a remote MCP server (Streamable HTTP or HTTP+SSE) through the SSRF-guarded fetch.
import { SdkHttpError, SSEClientTransport, SseError, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { describeAuthRequirement } from "../auth-posture.js";
import { boundedFetch } from "./bounded-fetch.js";
import { Budget } from "./budget.js";
import { chain, EnumerateError, toEnumerateError } from "./errors.js";
import type { EnumerateLimits, EnumerateResult } from "./limits.js";
import { CLIENT_INFO, listEitherEra } from "./session.js";

export interface RemoteOptions {
  limits: EnumerateLimits;
  /** The SSRF-guarded fetch (crawler/http.ts); every request of every transport goes through it, redirects included. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
  clientInfo?: { name: string; version: string };
}

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
