// The wire: every response body counted against one cap, every request bound to the run's abort.
import { parseRetryAfter } from "../http.js";
import { Budget } from "./budget.js";
import { EnumerateError } from "./errors.js";
import type { EnumerateLimits } from "./limits.js";

export function wireCap(limits: EnumerateLimits): number {
  return 2 * limits.maxBytes + 1024 * 1024;
}

export function boundedFetch(base: typeof fetch, budget: Budget): typeof fetch {
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
