// HttpClient against real local servers: retries and backoff, Retry-After, timeouts, size cap, ETags, politeness, errors.
import { maxHeaderSize, type IncomingMessage, type ServerResponse } from "node:http";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { catalogUserAgent, DEFAULT_HTTP_OPTIONS, errorCode, HttpClient, HttpError, parseRetryAfter, type HttpOptions, type RetryEvent } from "../../crawler/http.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";

let server: LocalServer | undefined;
let http: HttpClient | undefined;
afterEach(async () => {
  await http?.close();
  http = undefined;
  await server?.close();
  server = undefined;
});

/** A client for loopback tests whose sleeps are recorded, not slept. */
function client(overrides: Partial<HttpOptions> = {}) {
  const sleeps: number[] = [];
  const retries: RetryEvent[] = [];
  http = new HttpClient({
    ...DEFAULT_HTTP_OPTIONS,
    userAgent: catalogUserAgent("9.9.9"),
    allowPrivateNetwork: true,
    maxAttempts: 3,
    baseDelayMs: 100,
    maxDelayMs: 10_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    onRetry: (e) => retries.push(e),
    ...overrides,
  });
  return { http, sleeps, retries };
}

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => unknown;

async function serve(handler: Handler): Promise<LocalServer> {
  server = await startLocalServer(async (req, res, n) => {
    await handler(req, res, n);
  });
  return server;
}

async function failure(p: Promise<unknown>): Promise<HttpError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(HttpError);
  return err as HttpError;
}

function json(res: ServerResponse, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(200, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

describe("getJson", { timeout: 10_000 }, () => {
  it("returns the parsed body, final URL, ETag, attempts and bytes, and says who it is", async () => {
    let ua: string | undefined;
    let accept: string | undefined;
    const s = await serve((req, res) => {
      ua = req.headers["user-agent"];
      accept = req.headers.accept;
      json(res, { servers: [{ name: "io.github.x/y" }] }, { etag: '"v1"' });
    });
    const { http } = client();
    const r = await http.getJson(`${s.url}/v0/servers?limit=1`);
    expect(r).toEqual({ status: 200, url: `${s.url}/v0/servers?limit=1`, body: { servers: [{ name: "io.github.x/y" }] }, etag: '"v1"', attempts: 1, bytes: 38 });
    expect(ua).toBe("mcp-catalog/9.9.9 (+https://github.com/mcp-catalog/mcp-catalog)");
    expect(accept).toBe("application/json");
    expect(http.stats()).toEqual({ requests: 1, retries: 0, bytes: 38 });
  });

  it("retries a 503 and counts the attempts", async () => {
    const s = await serve((_req, res, n) => {
      if (n === 1) {
        res.writeHead(503);
        return res.end("busy");
      }
      json(res, { ok: true });
    });
    const { http, sleeps, retries } = client();
    const r = await http.getJson(s.url);
    expect(r).toMatchObject({ status: 200, body: { ok: true }, attempts: 2 });
    expect(s.requests).toHaveLength(2);
    // Full jitter: random() × base × 2^(attempt-1) = 0.5 × 100.
    expect(sleeps).toEqual([50]);
    expect(retries).toEqual([{ url: s.url, attempt: 1, delayMs: 50, kind: "status", status: 503, reason: "HTTP 503" }]);
    expect(http.stats()).toMatchObject({ requests: 2, retries: 1 });
  });

  it("honours Retry-After in seconds", async () => {
    const s = await serve((_req, res, n) => {
      if (n === 1) {
        res.writeHead(429, { "retry-after": "7" });
        return res.end();
      }
      json(res, [1]);
    });
    const { http, sleeps } = client();
    await expect(http.getJson(s.url)).resolves.toMatchObject({ status: 200, attempts: 2 });
    expect(sleeps).toEqual([7_000]);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const s = await serve((_req, res, n) => {
      if (n === 1) {
        res.writeHead(429, { "retry-after": new Date(Date.now() + 5_000).toUTCString() });
        return res.end();
      }
      json(res, [1]);
    });
    const { http, sleeps } = client();
    await expect(http.getJson(s.url)).resolves.toMatchObject({ status: 200, attempts: 2 });
    // HTTP dates have whole seconds, so the wait is a little under five seconds.
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(3_500);
    expect(sleeps[0]).toBeLessThanOrEqual(5_000);
  });

  it("gives up at once, rate-limited and retryable, when Retry-After is beyond the maximum delay", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(429, { "retry-after": "3600" });
      res.end();
    });
    const { http, sleeps } = client({ maxDelayMs: 60_000 });
    const err = await failure(http.getJson(s.url));
    expect(err).toMatchObject({ kind: "rate_limited", status: 429, attempts: 1, retryable: true, retryAfterMs: 3_600_000 });
    expect(err.message).toMatch(/Retry-After 3600 s is over the 60 s limit/);
    expect(sleeps).toEqual([]);
    expect(s.requests).toHaveLength(1);
  });

  it("backs off exponentially with full jitter, capped by maxDelayMs, when a 429 has no Retry-After", async () => {
    const s = await serve((_req, res, n) => {
      if (n < 5) {
        res.writeHead(429);
        return res.end();
      }
      json(res, {});
    });
    const { http, sleeps } = client({ maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 300, random: () => 1 });
    await expect(http.getJson(s.url)).resolves.toMatchObject({ attempts: 5 });
    expect(sleeps).toEqual([100, 200, 300, 300]);

    const jittered = client({ maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 300, random: () => 0.25 });
    await expect(jittered.http.getJson(`${s.url}/ok`)).resolves.toMatchObject({ attempts: 1 });
    expect(jittered.sleeps).toEqual([]);
  });

  it("fails a 429 that outlasts the retry budget as rate_limited", async () => {
    const s = await serve((_req, res) => void res.writeHead(429).end());
    const { http, retries } = client();
    await expect(failure(http.getJson(s.url))).resolves.toMatchObject({ kind: "rate_limited", status: 429, attempts: 3, retryable: true, retryAfterMs: undefined });
    expect(retries.map((r) => r.kind)).toEqual(["rate_limited", "rate_limited"]);
  });

  it("fails headers over Node's limit as too_large, naming the limit, without retrying", async () => {
    const s = await serve((_req, res) => void res.writeHead(200, { "content-type": "application/json", "set-cookie": "a".repeat(maxHeaderSize) }).end("{}"));
    const { http } = client();
    const err = await failure(http.getJson(s.url));
    expect(err).toMatchObject({ kind: "too_large", retryable: false, attempts: 1 });
    expect(err.message).toContain(`the response headers exceed the ${maxHeaderSize}-byte limit`);
    expect(s.requests).toHaveLength(1);
  });

  it("retries a connection reset", async () => {
    const s = await serve((req, res, n) => {
      if (n === 1) return req.socket.destroy();
      json(res, { second: true });
    });
    const { http, retries } = client();
    await expect(http.getJson(s.url)).resolves.toMatchObject({ body: { second: true }, attempts: 2 });
    expect(retries[0]?.kind).toBe("network");
  });

  it("retries a reset in the middle of the body", async () => {
    const s = await serve((req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { "content-length": "1000" });
        res.write('{"partial":');
        return setTimeout(() => req.socket.destroy(), 20);
      }
      json(res, { whole: true });
    });
    const { http, retries } = client();
    await expect(http.getJson(s.url)).resolves.toMatchObject({ body: { whole: true }, attempts: 2 });
    expect(retries[0]?.kind).toBe("network");
  });

  it("times out a body that drips a byte a second (body timeout), and says so", async () => {
    const timers: NodeJS.Timeout[] = [];
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      timers.push(setInterval(() => res.write("1,"), 1_000));
    });
    const { http } = client({ bodyTimeoutMs: 300, maxAttempts: 2 });
    // The body never ends: only the body timer can settle this, and its code in the message says it did.
    const err = await failure(http.getJson(s.url));
    timers.forEach(clearInterval);
    expect(err).toMatchObject({ kind: "timeout", retryable: true, attempts: 2 });
    expect(err.message).toMatch(/UND_ERR_BODY_TIMEOUT/);
  });

  it("cuts a body that keeps dripping faster than the body timeout at requestTimeoutMs", async () => {
    const timers: NodeJS.Timeout[] = [];
    const s = await serve((_req, res) => {
      res.writeHead(200);
      timers.push(setInterval(() => res.write(" "), 50));
    });
    const { http } = client({ bodyTimeoutMs: 1_000, requestTimeoutMs: 400, maxAttempts: 1 });
    // The drip never lets the body timer fire, so the request deadline named in the message is what cut it.
    const err = await failure(http.getJson(s.url));
    timers.forEach(clearInterval);
    expect(err).toMatchObject({ kind: "timeout", retryable: true, attempts: 1 });
    expect(err.message).toMatch(/within 400 ms/);
    expect(err.cause).toBeInstanceOf(Error);
  });

  it("times out a server that never sends headers", async () => {
    const s = await serve(() => undefined);
    const { http } = client({ headersTimeoutMs: 200, maxAttempts: 1 });
    const err = await failure(http.getJson(s.url));
    expect(err).toMatchObject({ kind: "timeout", retryable: true, message: expect.stringMatching(/UND_ERR_HEADERS_TIMEOUT/) });
    // The underlying error stays the cause: what the run record and a person debugging it read the code from.
    expect(errorCode(err)).toBe("UND_ERR_HEADERS_TIMEOUT");
  });

  it("fails truncated JSON as invalid_json without retrying", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"servers": [{"name": "a"}, {"na');
    });
    const { http } = client();
    const err = await failure(http.getJson(s.url));
    expect(err).toMatchObject({ kind: "invalid_json", retryable: false, attempts: 1, status: 200 });
    expect(s.requests).toHaveLength(1);
  });

  it("retries an HTML page in place of JSON (a CDN's challenge) with backoff, then fails it as html_page", async () => {
    const challenge = "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>";
    const s = await serve((_req, res) => void res.writeHead(200, { "content-type": "text/html; charset=UTF-8" }).end(challenge));
    const { http, sleeps, retries } = client();
    const err = await failure(http.getJson(s.url));
    expect(err).toMatchObject({ kind: "html_page", status: 200, retryable: true, attempts: 3 });
    expect(err.message).toContain("answered an HTML page (a challenge page?) instead of JSON");
    expect(s.requests).toHaveLength(3);
    // The backoff of any retryable failure: 0.5 × 100 × 2^(attempt-1).
    expect(sleeps).toEqual([50, 100]);
    expect(retries[0]).toMatchObject({ kind: "html_page", status: 200, attempt: 1 });
  });

  it("takes the JSON a retry brings after an HTML page; an HTML body of a text request is the text", async () => {
    const s = await serve((req, res, n) => {
      // No Content-Type: told by how the body opens.
      if (n === 1 || req.url === "/page.md") return void res.end("\n  <html lang=en><body>Access denied</body></html>");
      json(res, { a: 1 });
    });
    const { http } = client();
    await expect(http.getJson(s.url)).resolves.toMatchObject({ status: 200, body: { a: 1 }, attempts: 2 });
    await expect(http.getText(`${s.url}/page.md`)).resolves.toMatchObject({ status: 200, attempts: 1, text: expect.stringContaining("Access denied") });
  });

  it("decodes a body compressed against accept-encoding: identity (gzip, deflate raw or wrapped, br, two codings)", async () => {
    const body = JSON.stringify({ servers: ["a".repeat(2_000)] });
    const encoded: Record<string, [string, Buffer]> = {
      "/gzip": ["gzip", gzipSync(body)],
      "/x-gzip": ["x-gzip", gzipSync(body)],
      "/deflate": ["deflate", deflateSync(body)],
      "/raw-deflate": ["deflate", deflateRawSync(body)],
      "/br": ["br", brotliCompressSync(body)],
      "/gzip-br": ["gzip, br", brotliCompressSync(gzipSync(body))],
    };
    let asked: string | undefined;
    const s = await serve((req, res) => {
      asked = req.headers["accept-encoding"];
      const [coding, bytes] = encoded[req.url!]!;
      res.writeHead(200, { "content-type": "application/json", "content-encoding": coding }).end(bytes);
    });
    const { http } = client();
    expect(await http.getText(`${s.url}/gzip`)).toMatchObject({ text: body, bytes: body.length });
    for (const path of Object.keys(encoded)) await expect(http.getJson(`${s.url}${path}`), path).resolves.toMatchObject({ body: JSON.parse(body), attempts: 1 });
    expect(asked).toBe("identity");
  });

  it("cuts a decompression bomb at maxBodyBytes: too_large, not retried", async () => {
    // 16 MB of spaces, gzipped to some 16 KB: under the cap on the wire, far over it decoded.
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20));
    const s = await serve((_req, res) => void res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(bomb));
    const { http } = client({ maxBodyBytes: 1024 * 1024 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const err = await failure(http.getJson(s.url));
    expect(err).toMatchObject({ kind: "too_large", retryable: false, attempts: 1 });
    expect(err.message).toContain("the gzip body decodes to more than the 1048576-byte limit");
  });

  it("fails a body it cannot decode as encoding: an unknown coding, or bytes that are not in theirs", async () => {
    const s = await serve((req, res) => {
      if (req.url === "/zstd") return void res.writeHead(200, { "content-encoding": "zstd" }).end("(\xb5/\xfd");
      res.writeHead(200, { "content-encoding": "gzip" }).end('{"not":"gzip"}');
    });
    const { http } = client();
    await expect(failure(http.getJson(`${s.url}/zstd`))).resolves.toMatchObject({ kind: "encoding", retryable: false, attempts: 1, message: expect.stringContaining("the body is in Content-Encoding zstd, which the crawler does not decode") });
    await expect(failure(http.getJson(`${s.url}/corrupt`))).resolves.toMatchObject({ kind: "encoding", retryable: false, attempts: 1, message: expect.stringContaining("the body is not valid gzip (incorrect header check)") });
  });

  it("accepts a UTF-8 BOM before JSON", async () => {
    const s = await serve((_req, res) => res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')])));
    await expect(client().http.getJson(s.url)).resolves.toMatchObject({ body: { a: 1 } });
  });

  it("stops reading a 50 MB stream at maxBodyBytes: too_large, not retried", async () => {
    let written = 0;
    const total = 50 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const s = await serve(async (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      while (written < total && !res.destroyed) {
        written += chunk.length;
        if (!res.write(chunk)) {
          await new Promise<void>((resolve) => {
            const done = () => {
              res.off("drain", done);
              res.off("close", done);
              resolve();
            };
            res.on("drain", done);
            res.on("close", done);
          });
        }
      }
      res.end();
    });
    const { http } = client({ maxBodyBytes: 1024 * 1024 });
    const err = await failure(http.getJson(s.url));
    expect(err).toMatchObject({ kind: "too_large", retryable: false, attempts: 1 });
    expect(s.requests).toHaveLength(1);
    // Socket buffers hold a few MB at most; the rest was never sent.
    expect(written).toBeLessThan(16 * 1024 * 1024);
    expect(http.stats().bytes).toBeLessThanOrEqual(1024 * 1024 + chunk.length);
  });

  it("refuses a declared Content-Length over the cap before reading", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-length": String(50 * 1024 * 1024) });
      res.write("[");
    });
    const { http } = client({ maxBodyBytes: 1024 });
    await expect(failure(http.getJson(s.url))).resolves.toMatchObject({ kind: "too_large", retryable: false, message: expect.stringMatching(/52428800 bytes/) });
    expect(http.stats().bytes).toBe(0);
  });

  it("sends a stored ETag as If-None-Match and returns a 304 without a body", async () => {
    const seen: (string | undefined)[] = [];
    const s = await serve((req, res) => {
      const inm = req.headers["if-none-match"];
      seen.push(inm);
      if (inm === '"abc"') {
        res.writeHead(304, { etag: '"abc"' });
        return res.end();
      }
      json(res, { fresh: true }, { etag: '"abc"' });
    });
    const { http } = client();
    const first = await http.getJson(s.url);
    expect(first).toMatchObject({ status: 200, etag: '"abc"' });
    const second = await http.getJson(s.url, { etag: first.etag! });
    expect(second).toEqual({ status: 304, url: `${s.url}/`, etag: '"abc"', attempts: 1, bytes: 0 });
    expect(seen).toEqual([undefined, '"abc"']);
  });

  it("keeps the sent ETag when a 304 leaves it out", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(304);
      res.end();
    });
    await expect(client().http.getJson(s.url, { etag: 'W/"7"' })).resolves.toMatchObject({ status: 304, etag: 'W/"7"' });
  });

  it("never has more than perHost.concurrency requests in flight against one host", async () => {
    let inFlight = 0;
    let peak = 0;
    const s = await serve((_req, res) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        json(res, {});
      }, 40);
    });
    const { http } = client({ perHost: { concurrency: 2, intervalMs: 1_000, intervalCap: 100 } });
    await Promise.all(Array.from({ length: 8 }, (_, i) => http.getJson(`${s.url}/${i}`)));
    expect(peak).toBe(2);
    expect(s.requests).toHaveLength(8);
  });

  it("starts at most perHost.intervalCap requests per interval", async () => {
    const starts: number[] = [];
    const s = await serve((_req, res) => {
      starts.push(Date.now());
      json(res, {});
    });
    const { http } = client({ perHost: { concurrency: 10, intervalMs: 200, intervalCap: 2 } });
    const origin = Date.now();
    await Promise.all(Array.from({ length: 6 }, (_, i) => http.getJson(`${s.url}/${i}`)));
    expect(starts).toHaveLength(6);
    // The (i+1)-th pair cannot leave before i intervals have passed since the first request was queued.
    // Measured from the queueing, not between arrivals: a loaded machine can delay one arrival and not
    // the next, but never make a request arrive before it was sent (a little slack for timer granularity).
    starts.forEach((at, i) => expect(at - origin).toBeGreaterThanOrEqual(Math.floor(i / 2) * 200 - 20));
  });

  it("names the URL and the attempts when the retry budget is spent", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const { http, sleeps } = client({ maxAttempts: 4 });
    const url = `${s.url}/v0/servers?cursor=abc`;
    const err = await failure(http.getJson(url));
    expect(err).toMatchObject({ url, kind: "status", status: 503, attempts: 4, retryable: true });
    expect(err.message).toBe(`GET ${url} failed after 4 attempts: HTTP 503`);
    expect(s.requests).toHaveLength(4);
    expect(sleeps).toEqual([50, 100, 200]);
    expect(http.stats()).toMatchObject({ requests: 4, retries: 3 });
  });

  it.each([400, 401, 403, 404, 410, 422])("does not retry a %i", async (status) => {
    const s = await serve((_req, res) => {
      res.writeHead(status);
      res.end();
    });
    const err = await failure(client().http.getJson(s.url));
    expect(err).toMatchObject({ kind: "status", status, attempts: 1, retryable: false });
    expect(s.requests).toHaveLength(1);
  });

  it("retries a 408", async () => {
    const s = await serve((_req, res, n) => {
      if (n === 1) {
        res.writeHead(408);
        return res.end();
      }
      json(res, {});
    });
    await expect(client().http.getJson(s.url)).resolves.toMatchObject({ attempts: 2 });
  });

  it("retries a refused connection, then reports it as a network error", async () => {
    const s = await serve(() => undefined);
    const url = `${s.url}/gone`;
    await s.close();
    server = undefined;
    const err = await failure(client().http.getJson(url));
    expect(err).toMatchObject({ kind: "network", retryable: true, attempts: 3 });
    expect(err.message).toMatch(/ECONNREFUSED/);
  });

  it("follows up to maxRedirects redirects, then fails as redirect", async () => {
    const s = await serve((req, res) => {
      const n = Number(req.url?.slice(1));
      if (n < 9) {
        res.writeHead(302, { location: `/${n + 1}` });
        return res.end();
      }
      json(res, { n });
    });
    const { http } = client({ maxRedirects: 9 });
    await expect(http.getJson(`${s.url}/0`)).resolves.toMatchObject({ url: `${s.url}/9`, body: { n: 9 } });
    const strict = client({ maxRedirects: 5 }).http;
    const err = await failure(strict.getJson(`${s.url}/0`));
    expect(err).toMatchObject({ kind: "redirect", retryable: false, attempts: 1 });
  });

  it("drops credentials on a redirect to another origin", async () => {
    const seen: Record<string, string | undefined>[] = [];
    const other = await startLocalServer((req, res) => {
      seen.push({ authorization: req.headers.authorization, "x-api-key": req.headers["x-api-key"] as string | undefined, ua: req.headers["user-agent"] });
      json(res, {});
    });
    try {
      const s = await serve((req, res) => {
        seen.push({ authorization: req.headers.authorization });
        res.writeHead(307, { location: `${other.url}/landing` });
        res.end();
      });
      await client().http.getJson(s.url, { headers: { authorization: "Bearer secret", "x-api-key": "k" } });
      expect(seen).toEqual([{ authorization: "Bearer secret" }, { authorization: undefined, "x-api-key": undefined, ua: catalogUserAgent("9.9.9") }]);
    } finally {
      await other.close();
    }
  });

  it("stops at the caller's abort signal, and close() fails everything queued", async () => {
    const s = await serve(() => undefined);
    const { http } = client({ perHost: { concurrency: 1, intervalMs: 1_000, intervalCap: 100 } });
    const ac = new AbortController();
    const first = failure(http.getJson(`${s.url}/a`, { signal: ac.signal }));
    setTimeout(() => ac.abort(new Error("stop")), 50);
    await expect(first).resolves.toMatchObject({ kind: "aborted", retryable: false });

    const running = failure(http.getJson(`${s.url}/b`));
    const queued = failure(http.getJson(`${s.url}/c`));
    await new Promise((r) => setTimeout(r, 50));
    await http.close();
    await expect(running).resolves.toMatchObject({ kind: "aborted" });
    await expect(queued).resolves.toMatchObject({ kind: "aborted" });
    await expect(failure(http.getJson(`${s.url}/d`))).resolves.toMatchObject({ kind: "aborted" });
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  it.each([
    ["120", 120_000],
    [" 2 ", 2_000],
    ["1.5", 1_500],
    ["Wed, 01 Jan 2025 00:00:30 GMT", 30_000],
    ["Tue, 31 Dec 2024 23:00:00 GMT", 0],
    ["soon", undefined],
    ["", undefined],
    ["-5", undefined],
  ])("reads %j", (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});

describe("fetch (for MCP transports)", { timeout: 10_000 }, () => {
  it("posts like fetch, adds the User-Agent, and counts bytes", async () => {
    const s = await serve(async (req, res) => {
      let body = "";
      for await (const c of req) body += c;
      res.writeHead(200, { "content-type": "application/json", "mcp-session-id": "s1" });
      res.end(JSON.stringify({ method: req.method, ua: req.headers["user-agent"], ct: req.headers["content-type"], body: JSON.parse(body) as unknown }));
    });
    const { http } = client();
    const res = await http.fetch(`${s.url}/mcp`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("mcp-session-id")).toBe("s1");
    expect(res.url).toBe(`${s.url}/mcp`);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ method: "POST", ua: catalogUserAgent("9.9.9"), ct: "application/json", body: { jsonrpc: "2.0", id: 1, method: "tools/list" } });
    expect(http.stats().requests).toBe(1);
    expect(http.stats().bytes).toBeGreaterThan(50);
  });

  it("accepts a Request object", async () => {
    const s = await serve(async (req, res) => {
      let body = "";
      for await (const c of req) body += c;
      res.end(`${req.method} ${req.headers["x-test"]} ${body}`);
    });
    const res = await client().http.fetch(new Request(`${s.url}/r`, { method: "PUT", headers: { "x-test": "yes" }, body: "payload" }));
    expect(await res.text()).toBe("PUT yes payload");
  });

  it("follows a 307 with method and body, a 303 as GET", async () => {
    const s = await serve(async (req, res) => {
      let body = "";
      for await (const c of req) body += c;
      if (req.url === "/307") {
        res.writeHead(307, { location: "/end" });
        return res.end();
      }
      if (req.url === "/303") {
        res.writeHead(303, { location: "/end" });
        return res.end();
      }
      res.end(`${req.method} ${body}`);
    });
    const { http } = client();
    const a = await http.fetch(`${s.url}/307`, { method: "POST", body: "x" });
    expect([a.status, a.url, await a.text()]).toEqual([200, `${s.url}/end`, "POST x"]);
    const b = await http.fetch(`${s.url}/303`, { method: "POST", body: "x" });
    expect(await b.text()).toBe("GET ");
    const manual = await http.fetch(`${s.url}/307`, { method: "POST", body: "x", redirect: "manual" });
    expect(manual.status).toBe(307);
  });

  it("cuts a response body at maxBodyBytes with too_large", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(`data: ${"x".repeat(4096)}\n\n`)), 1);
    });
    const res = await client({ maxBodyBytes: 64 * 1024 }).http.fetch(`${s.url}/sse`);
    const err = await res.text().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ kind: "too_large", retryable: false, method: "GET" });
  });

  it("reports a refused connection as an HttpError, and passes the caller's abort through", async () => {
    const s = await serve(() => undefined);
    const { http } = client();
    const ac = new AbortController();
    const pending = http.fetch(`${s.url}/hang`, { signal: ac.signal });
    ac.abort();
    const aborted = await pending.then(() => undefined, (e: unknown) => e);
    expect(aborted).not.toBeInstanceOf(HttpError);
    expect((aborted as Error).name).toBe("AbortError");
    const url = `${s.url}/x`;
    await s.close();
    server = undefined;
    const err = await failure(http.fetch(url, { method: "POST", body: "{}" }));
    expect(err).toMatchObject({ kind: "network", method: "POST", attempts: 1 });
  });
});
