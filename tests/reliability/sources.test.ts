// Sources that misbehave: every fault ends with the run finishing, or the source failing cleanly after
// its retry budget, the catalog intact and the failure in the run record. All on 127.0.0.1, bounded in time.
import { maxHeaderSize } from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import type { Failure } from "../../crawler/failure.js";
import { refresh } from "../../crawler/refresh.js";
import { registrySource } from "../../crawler/sources/registry.js";
import { catalogStats } from "../../db/queries.js";
import { lastRun } from "../../db/runs.js";
import { queryRows } from "../../db/sql.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "../helpers/catalog.js";
import { testHttpClient } from "../helpers/http.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";
import { loadRegistrySample, startRegistryReplay } from "../helpers/registry-replay.js";

const sample = loadRegistrySample();
const firstPage = { servers: sample.slice(0, 50), metadata: { count: 50 } };
const json = (body: unknown) => JSON.stringify(body);

describe.each(DRIVERS)("misbehaving sources on %s", (driver) => {
  let t: TestCatalog;
  let baseline: Awaited<ReturnType<typeof catalogStats>>;
  const http = testHttpClient({ maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 1_500, bodyTimeoutMs: 800, requestTimeoutMs: 2_000, maxBodyBytes: 5 * 1024 * 1024 });
  const dripHttp = testHttpClient({ maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 1_500, bodyTimeoutMs: 800, requestTimeoutMs: 250 });

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    // A catalog with something in it, so "intact" means something.
    const replay = await startRegistryReplay(structuredClone(sample));
    await refresh(t.catalog, { sources: [registrySource(replay.url)], full: true, fetcherFor: () => http });
    await replay.close();
    baseline = await catalogStats(t.catalog.db);
    expect(baseline.servers.total).toBeGreaterThan(100);
  });
  afterAll(async () => {
    await Promise.all([http.close(), dripHttp.close()]);
    await t.dispose();
  });

  async function runAgainst(server: LocalServer, maxPages?: number, client = http) {
    // Each fault starts a crawl afresh: a failed crawl's checkpoint would otherwise resume it.
    await t.catalog.db.execute(sql`delete from source_state`);
    try {
      return await refresh(t.catalog, { sources: [registrySource(server.url)], full: true, fetcherFor: () => client, ...(maxPages ? { maxPages } : {}) });
    } finally {
      await server.close();
    }
  }

  /** Failed as `message` says, typed as `failure` in the summary and the run record, with the catalog as it was. */
  async function expectFailedCleanly(summary: Awaited<ReturnType<typeof refresh>>, message: RegExp, failure: Partial<Failure>) {
    expect(summary.status).toBe("failed");
    expect(summary.sources.registry!.errors.join(" ")).toMatch(message);
    expect(summary.failures).toEqual([expect.objectContaining({ stage: "crawl", source: "registry", ...failure })]);
    expect(summary.failures[0]!.message).toMatch(message);
    const after = await catalogStats(t.catalog.db);
    expect(after.servers).toEqual(baseline.servers);
    const run = await lastRun(t.catalog.db);
    expect(run).toMatchObject({ id: summary.runId, status: "failed" });
    expect(run!.error).toMatch(message);
    expect(run!.failures).toEqual(summary.failures);
  }

  test("a burst of 503s is retried through", async () => {
    const s = await startLocalServer((_req, res, n) => {
      if (n <= 2) return void res.writeHead(503).end("busy");
      res.writeHead(200, { "content-type": "application/json" }).end(json(firstPage));
    });
    const summary = await runAgainst(s);
    expect(summary.status).toBe("succeeded");
    expect(summary.sources.registry!.requests).toBe(3);
  });

  test("503 past the retry budget fails the source cleanly", async () => {
    const s = await startLocalServer((_req, res) => void res.writeHead(503).end("down"));
    const summary = await runAgainst(s);
    await expectFailedCleanly(summary, /HTTP 503.*|failed after 3 attempts/, { kind: "status", status: 503, attempts: 3, retryable: true, page: 1, url: expect.stringContaining(s.url) });
    expect(s.requests).toHaveLength(3);
  });

  test("429 with Retry-After waits as asked; 429 without it backs off", async () => {
    const s = await startLocalServer((_req, res, n) => {
      if (n === 1) return void res.writeHead(429, { "retry-after": "1" }).end();
      if (n === 2) return void res.writeHead(429).end();
      res.writeHead(200, { "content-type": "application/json" }).end(json(firstPage));
    });
    // Back-off sleeps are recorded, not slept: the test checks what the client waited for.
    const delays: number[] = [];
    const recording = testHttpClient({ maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 1_500, sleep: async (ms) => void delays.push(ms) });
    try {
      const summary = await runAgainst(s, undefined, recording);
      expect(summary.status).toBe("succeeded");
    } finally {
      await recording.close();
    }
    // The Retry-After to the millisecond, then a jittered back-off (base 5 ms, second attempt: up to 10 ms).
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBe(1_000);
    expect(delays[1]).toBeLessThanOrEqual(10);
  });

  test("a Retry-After longer than we wait fails the source instead of sleeping, rate-limited, with the wait asked for", async () => {
    const s = await startLocalServer((_req, res) => void res.writeHead(429, { "retry-after": "3600" }).end());
    const summary = await runAgainst(s);
    expect(s.requests).toHaveLength(1);
    await expectFailedCleanly(summary, /Retry-After 3600 s/, { kind: "rate_limited", status: 429, retryable: true, retryAfterMs: 3_600_000 });
  });

  test("headers over Node's limit fail the source as too_large, without a retry", async () => {
    const s = await startLocalServer((_req, res) => void res.writeHead(200, { "content-type": "application/json", "set-cookie": "a".repeat(maxHeaderSize) }).end(json(firstPage)));
    const summary = await runAgainst(s);
    expect(s.requests).toHaveLength(1);
    await expectFailedCleanly(summary, /the response headers exceed the \d+-byte limit/, { kind: "too_large", retryable: false, page: 1 });
  });

  test("a page gzipped though we asked for identity is decoded and stored", async () => {
    const s = await startLocalServer((_req, res) => void res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(gzipSync(json(firstPage))));
    const summary = await runAgainst(s);
    expect(summary.status).toBe("succeeded");
    expect(summary.sources.registry).toMatchObject({ pages: 1, records: 50 });
  });

  test("a CDN challenge page in place of JSON is retried through; one that stays fails the source as html_page", async () => {
    const challenge = "<!DOCTYPE html><html><head><title>Just a moment...</title></head></html>";
    const passing = await startLocalServer((_req, res, n) => {
      if (n === 1) return void res.writeHead(200, { "content-type": "text/html" }).end(challenge);
      res.writeHead(200, { "content-type": "application/json" }).end(json(firstPage));
    });
    expect(await runAgainst(passing)).toMatchObject({ status: "succeeded", sources: { registry: { requests: 2 } } });
    const s = await startLocalServer((_req, res) => void res.writeHead(200, { "content-type": "text/html" }).end(challenge));
    const summary = await runAgainst(s);
    expect(s.requests).toHaveLength(3);
    await expectFailedCleanly(summary, /answered an HTML page \(a challenge page\?\) instead of JSON/, { kind: "html_page", status: 200, retryable: true, attempts: 3, page: 1 });
  });

  test("connection resets are retried", async () => {
    const s = await startLocalServer((req, res, n) => {
      if (n === 1) return void req.socket.destroy();
      res.writeHead(200, { "content-type": "application/json" }).end(json(firstPage));
    });
    expect((await runAgainst(s)).status).toBe("succeeded");
  });

  test("a response that drips a byte a second is cut off by the request deadline", async () => {
    const s = await startLocalServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => res.write(" "), 100);
      res.on("close", () => clearInterval(timer));
    });
    // A shorter deadline than the file's (each of the 3 attempts waits it out, so it is kept short: 0.75 s in all); a
    // drip every 100 ms resets the 800 ms body timeout, so only the request deadline can end it.
    const summary = await runAgainst(s, undefined, dripHttp);
    await expectFailedCleanly(summary, /within 250 ms/, { kind: "timeout", retryable: true });
  });

  test("truncated JSON fails the source without a retry storm", async () => {
    const s = await startLocalServer((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end(json(firstPage).slice(0, 500)));
    const summary = await runAgainst(s);
    await expectFailedCleanly(summary, /not valid JSON/, { kind: "invalid_json", status: 200, retryable: false });
  });

  test("garbage items among good ones are skipped and counted", async () => {
    const s = await startLocalServer((_req, res) =>
      void res.writeHead(200, { "content-type": "application/json" }).end(json({ servers: [sample[0], null, "x", { server: { name: 7 } }, sample[1]], metadata: {} })),
    );
    const summary = await runAgainst(s);
    expect(summary.status).toBe("succeeded");
    expect(summary.sources.registry).toMatchObject({ records: 2, skipped: 3 });
    expect(Object.values(summary.sources.registry!.skippedReasons).reduce((a, b) => a + b, 0)).toBe(3);
  });

  test("a cursor that loops back to an earlier page stops the source", async () => {
    const s = await startLocalServer((req, res) => {
      const cursor = new URL(req.url!, "http://x").searchParams.get("cursor");
      const next = cursor === "b" ? "a" : cursor === "a" ? "b" : "a";
      res.writeHead(200, { "content-type": "application/json" }).end(json({ servers: [], metadata: { nextCursor: next } }));
    });
    const summary = await runAgainst(s);
    await expectFailedCleanly(summary, /loops back/, { kind: "cursor_loop" });
    expect(s.requests.length).toBeLessThan(5);
  });

  test("pagination that never ends is cut at the page limit", async () => {
    const s = await startLocalServer((req, res) => {
      const n = Number(new URL(req.url!, "http://x").searchParams.get("cursor") ?? 0);
      res.writeHead(200, { "content-type": "application/json" }).end(json({ servers: [], metadata: { nextCursor: String(n + 1) } }));
    });
    const summary = await runAgainst(s, 25);
    await expectFailedCleanly(summary, /after 25 pages/, { kind: "page_limit", page: 26 });
  });

  test("a 50 MB body is refused at the size cap without reading it all", async () => {
    let sent = 0;
    const s = await startLocalServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(1024 * 1024, " ");
      const pump = () => {
        while (sent < 50 && res.write(chunk)) sent += 1;
        if (sent >= 50) res.end();
        else res.once("drain", () => { sent += 1; pump(); });
      };
      pump();
    });
    const summary = await runAgainst(s);
    await expectFailedCleanly(summary, /limit/, { kind: "too_large", retryable: false });
    // The client hung up at the cap: the server never got to write the whole body.
    expect(sent).toBeLessThan(50);
  });

  test("nothing half-written: every stored registry record still has its server", async () => {
    const [orphans] = await queryRows<{ n: number }>(t.catalog.db, sql`select count(*)::int as n from server_sources s left join servers v on v.id = s.server_id where v.id is null`);
    expect(orphans!.n).toBe(0);
  });
});
