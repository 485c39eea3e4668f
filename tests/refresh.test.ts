// The refresh pipeline end to end: a local registry replay of real data into the catalog, on every driver.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { PageFetcher } from "../crawler/fetcher.js";
import type { HttpClient } from "../crawler/http.js";
import type { ProgressReporter } from "../crawler/progress.js";
import { refresh, RefreshBusyError, type RefreshOptions } from "../crawler/refresh.js";
import { glamaSource } from "../crawler/sources/glama.js";
import { registrySource } from "../crawler/sources/registry.js";
import { catalogStats } from "../db/queries.js";
import { lastRun } from "../db/runs.js";
import { getSourceState } from "../db/source-state.js";
import { serverAliases, servers, serverSources } from "../db/schema.js";
import { queryRows } from "../db/sql.js";
import { DRIVERS, emptyTestCatalog, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";
import { startGlamaReplay } from "./helpers/glama-replay.js";
import { testHttpClient } from "./helpers/http.js";
import { loadRegistrySample, meta, OFFICIAL, startRegistryReplay, type RegistryItem, type RegistryReplay } from "./helpers/registry-replay.js";

const sample = loadRegistrySample();
const distinctNames = new Set(sample.map((i) => i.server.name)).size;
const maxUpdatedAt = sample.map((i) => String(meta(i).updatedAt)).sort((a, b) => Date.parse(b) - Date.parse(a))[0]!;

/**
 * Every request and every applied page, in the order they happened. A request is logged as the crawler
 * makes it (before the replay answers), a page as applied once its write has committed (pageDone).
 */
function watched(http: HttpClient) {
  const events: string[] = [];
  let requested = 0;
  let applied = 0;
  let mostInFlight = 0;
  const fetcher: PageFetcher = {
    getJson(url, init) {
      requested += 1;
      events.push(`request ${requested}`);
      mostInFlight = Math.max(mostInFlight, requested - applied);
      return http.getJson(url, init);
    },
  };
  const progress: ProgressReporter = {
    sourceStarted() {},
    pageDone(p) {
      applied = p.pages;
      events.push(`applied ${p.pages}`);
    },
    sourceDone() {},
  };
  return { fetcher, progress, events, mostInFlight: () => mostInFlight };
}

function bump(item: RegistryItem, patch: Record<string, unknown>): RegistryItem {
  const copy = structuredClone(item);
  Object.assign(copy._meta![OFFICIAL]!, patch);
  return copy;
}

describe.each(DRIVERS)("refresh on %s", (driver) => {
  let t: TestCatalog;
  let replay: RegistryReplay;
  let http: HttpClient;

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    http = testHttpClient();
  });
  afterAll(async () => {
    await http.close();
    await t.dispose();
  });
  beforeEach(async () => {
    await replay?.close();
    replay = await startRegistryReplay(structuredClone(sample));
  });

  const run = (extra: Partial<RefreshOptions> = {}) =>
    refresh(t.catalog, { sources: [registrySource(replay.url)], full: false, fetcherFor: () => http, ...extra });

  test("a first run crawls every page and stores one server per registry name", async () => {
    const summary = await run();
    expect(summary.status).toBe("succeeded");
    expect(summary.sources.registry).toMatchObject({ mode: "full", pages: 6, records: 502, skipped: 0, errors: [] });
    expect(summary.sources.registry!.requests).toBe(6);
    expect(summary.servers).toEqual({ added: distinctNames, updated: 0, unchanged: 0, removed: 0 });
    expect(replay.requests.every((r) => !r.includes("updated_since"))).toBe(true);

    const stats = await catalogStats(t.catalog.db);
    expect(stats.servers).toMatchObject({ total: distinctNames, active: distinctNames, deleted: 0 });
    const [{ n }] = await queryRows<{ n: number }>(t.catalog.db, sql`select count(*)::int as n from server_sources`) as [{ n: number }];
    expect(n).toBe(502);

    // The isLatest version speaks for the server even when older versions came on later pages.
    const multi = sample.filter((i) => sample.filter((j) => j.server.name === i.server.name).length > 3)[0]!.server.name;
    const latest = sample.find((i) => i.server.name === multi && meta(i).isLatest === true)!;
    const [row] = await t.catalog.db.select().from(servers).where(eq(servers.key, multi));
    expect(row!.version).toBe(latest.server.version);
    expect(row!.canonicalSource).toBe(`registry:${multi}@${latest.server.version}`);

    const aliases = await t.catalog.db.select().from(serverAliases).where(eq(serverAliases.serverId, row!.id));
    expect(aliases).toContainEqual(expect.objectContaining({ kind: "registry", value: multi.toLowerCase() }));

    const state = await getSourceState(t.catalog.db, "registry");
    expect(Date.parse(state!.watermark!)).toBe(Date.parse(maxUpdatedAt));
    expect(state!.cursor).toBeNull();
  });

  test("a second run asks for updated_since and changes nothing", async () => {
    const before = await t.catalog.db.select({ key: servers.key, hash: servers.contentHash }).from(servers).orderBy(servers.key);
    const summary = await run();
    expect(summary.status).toBe("succeeded");
    expect(summary.sources.registry).toMatchObject({ mode: "incremental", records: 0, pages: 1 });
    expect(new URL(replay.requests[0]!, "http://x").searchParams.get("updated_since")).toBe(maxUpdatedAt);
    // Every server the catalog lists is unchanged, though the run read none of them.
    const { servers: live } = await catalogStats(t.catalog.db);
    expect(summary.servers).toEqual({ added: 0, updated: 0, unchanged: live.active + live.deprecated, removed: 0 });
    const after = await t.catalog.db.select({ key: servers.key, hash: servers.contentHash }).from(servers).orderBy(servers.key);
    expect(after).toEqual(before);
  });

  test("a new version and a deletion arrive incrementally", async () => {
    const name = sample.find((i) => meta(i).isLatest === true)!.server.name;
    const oldLatest = sample.find((i) => i.server.name === name && meta(i).isLatest === true)!;
    const later = new Date(Date.parse(maxUpdatedAt) + 60_000).toISOString();
    const newVersion = bump({ ...oldLatest, server: { ...oldLatest.server, version: "999.0.0", description: "A new version" } }, { updatedAt: later, isLatest: true });
    const demoted = bump(oldLatest, { updatedAt: later, isLatest: false });
    const victimName = sample.find((i) => meta(i).isLatest === true && i.server.name !== name)!.server.name;
    const victim = sample.find((i) => i.server.name === victimName && meta(i).isLatest === true)!;
    const deleted = bump(victim, { updatedAt: later, status: "deleted" });
    replay.items = [...sample.filter((i) => i !== oldLatest && i !== victim), demoted, newVersion, deleted];

    const summary = await run();
    expect(summary.status).toBe("succeeded");
    expect(summary.sources.registry).toMatchObject({ mode: "incremental", records: 3 });
    // The deleted server is removed, not also updated (its record changed only to say so).
    const { servers: live } = await catalogStats(t.catalog.db);
    expect(summary.servers).toEqual({ added: 0, updated: 1, unchanged: live.active + live.deprecated - 1, removed: 1 });
    const [row] = await t.catalog.db.select().from(servers).where(eq(servers.key, name));
    expect(row).toMatchObject({ version: "999.0.0", description: "A new version" });
    const [gone] = await t.catalog.db.select().from(servers).where(eq(servers.key, victimName));
    expect(gone!.status).toBe("deleted");
    expect((await catalogStats(t.catalog.db)).servers.total).toBe(distinctNames);
  });

  test("--full crawls everything again and finds nothing new", async () => {
    const summary = await run({ full: true });
    expect(summary.sources.registry!.mode).toBe("full");
    expect(replay.requests.some((r) => r.includes("updated_since"))).toBe(false);
    expect(summary.servers.added).toBe(0);
    expect(summary.servers.unchanged).toBeGreaterThan(0);
  });

  test("a 503 and a 429 with Retry-After are retried and the run succeeds", async () => {
    replay.faults.push({ kind: "status", status: 503, times: 1 }, { kind: "status", status: 429, retryAfter: "1", times: 1 });
    // Back-off sleeps are recorded, not slept: the test checks what the client waited for.
    const delays: number[] = [];
    const recording = testHttpClient({ sleep: async (ms) => void delays.push(ms) });
    try {
      const summary = await run({ full: true, fetcherFor: () => recording });
      expect(summary.status).toBe("succeeded");
      expect(summary.sources.registry!.requests).toBe(6 + 2);
    } finally {
      await recording.close();
    }
    // The 503's jittered back-off (base 5 ms), then the 429's Retry-After to the millisecond.
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeLessThanOrEqual(5);
    expect(delays[1]).toBe(1_000);
  });

  test("a truncated body fails the source cleanly and loses nothing", async () => {
    const before = await catalogStats(t.catalog.db);
    replay.faults.push({ kind: "truncate", times: 10 });
    const summary = await run({ full: true });
    expect(summary.status).toBe("failed");
    expect(summary.sources.registry!.errors[0]).toMatch(/registry: page 1/);
    const after = await catalogStats(t.catalog.db);
    expect(after.servers).toEqual(before.servers);
    expect(after.lastRun).toMatchObject({ id: summary.runId, status: "failed" });
  });

  test("a source that breaks mid-run keeps its pages and the next run resumes after them", async () => {
    replay.failFromPage = 3;
    const failed = await run({ full: true });
    expect(failed.status).toBe("failed");
    expect(failed.sources.registry!.pages).toBe(2);
    const state = await getSourceState(t.catalog.db, "registry");
    expect(state!.cursor).not.toBeNull();
    expect((await catalogStats(t.catalog.db)).servers.total).toBe(distinctNames);

    replay.failFromPage = undefined;
    replay.requests.length = 0;
    const resumed = await run();
    expect(resumed.status).toBe("succeeded");
    expect(resumed.sources.registry).toMatchObject({ mode: "full", resumed: true, pages: 4 });
    expect(new URL(replay.requests[0]!, "http://x").searchParams.get("cursor")).toBe(state!.cursor);
    expect((await getSourceState(t.catalog.db, "registry"))!.cursor).toBeNull();
  });

  test("a second refresh while one holds the lock refuses at once", async () => {
    const release = await t.catalog.tryLockRefresh();
    expect(release).toBeDefined();
    try {
      await expect(run()).rejects.toBeInstanceOf(RefreshBusyError);
    } finally {
      await release!();
    }
    expect((await run()).status).toBe("succeeded");
  });

  test("an interrupt after the crawl still ends in the run summary: failed, with an aborted failure, recorded", async () => {
    const controller = new AbortController();
    const summary = await run({
      full: true,
      signal: controller.signal,
      // SIGINT as the classify stage runs: the crawl is done, the run is not.
      classify: async (_db, signal) => {
        controller.abort(new Error("interrupted by SIGINT"));
        signal!.throwIfAborted();
        return { classified: 0 };
      },
    });
    expect(summary.status).toBe("failed");
    expect(summary.sources.registry).toMatchObject({ mode: "full", pages: 6, errors: [] });
    expect(summary.failures).toEqual([{ stage: "run", kind: "aborted", message: "interrupted by SIGINT" }]);
    expect(summary.stageMs.analyze).toBe(0);
    expect((await catalogStats(t.catalog.db)).lastRun).toMatchObject({ id: summary.runId, status: "failed" });
  });

  test("an interrupt during the crawl records one aborted failure, its source's, starts nothing after it and loses nothing", async () => {
    const before = await catalogStats(t.catalog.db);
    const glama = await startGlamaReplay();
    const controller = new AbortController();
    let requests = 0;
    // SIGINT as the registry's third page is asked for: the crawl is not done.
    const fetcher: PageFetcher = {
      getJson(url, init) {
        if (++requests === 3) controller.abort(new Error("interrupted by SIGINT"));
        return http.getJson(url, init);
      },
    };
    const started: string[] = [];
    try {
      const summary = await run({
        full: true,
        sources: [registrySource(replay.url), glamaSource({ baseUrl: glama.url })],
        fetcherFor: (source) => (source === "registry" ? fetcher : http),
        signal: controller.signal,
        introspect: async (_db, _runId, signal) => {
          started.push("introspect");
          throw signal?.reason;
        },
        classify: async (_db, signal) => {
          started.push("classify");
          throw signal?.reason;
        },
      });
      expect(summary.status).toBe("failed");
      // Where the interrupt surfaced (the write of a page, or the request of one ahead of it) words the message.
      // Either way it names the page the source stopped on, as any failure does.
      const stoppedOn = { page: expect.any(Number), url: expect.stringContaining(replay.url) };
      expect(summary.failures).toEqual([expect.objectContaining({ stage: "crawl", source: "registry", kind: "aborted", ...stoppedOn, message: expect.stringContaining("interrupted by SIGINT") })]);
      expect((await lastRun(t.catalog.db))!.failures).toEqual(summary.failures);
      // Neither the next source nor a stage after the crawl started.
      expect(summary.sources.glama).toBeUndefined();
      expect(glama.requests).toEqual([]);
      expect(started).toEqual([]);
      expect(summary.stageMs).toMatchObject({ introspect: 0, classify: 0, analyze: 0 });
      expect((await catalogStats(t.catalog.db)).servers).toEqual(before.servers);
    } finally {
      await glama.close();
    }
    // The next run resumes the interrupted crawl after the pages it wrote.
    const resumed = await run();
    expect(resumed.status).toBe("succeeded");
    expect(resumed.sources.registry).toMatchObject({ resumed: true, errors: [] });
    expect((await catalogStats(t.catalog.db)).servers).toEqual(before.servers);
  });

  test("raw records are kept with a content hash and not rewritten when unchanged", async () => {
    const [before] = await queryRows<{ max: string }>(t.catalog.db, sql`select max(fetched_at)::text as max from server_sources`);
    await run({ full: true });
    const [after] = await queryRows<{ max: string }>(t.catalog.db, sql`select max(fetched_at)::text as max from server_sources`);
    expect(after!.max).toBe(before!.max);
    const rows = await t.catalog.db.select({ hash: serverSources.contentHash }).from(serverSources).limit(5);
    expect(rows.every((r) => r.hash.length > 10)).toBe(true);
  });

  // The pages as a pipeline. The runs are incremental walks of every page (everything updated since
  // the watermark), whose requests start as soon as the page before is parsed (a full walk reads the
  // page's stored ETag first).
  let bumps = 0;
  function updateEverything() {
    bumps += 1;
    const later = new Date(Date.parse(maxUpdatedAt) + bumps * 3_600_000).toISOString();
    replay.items = replay.items.map((i) => bump(i, { updatedAt: later }));
  }

  test("page n+1 is requested before page n's write has committed", async () => {
    updateEverything();
    const w = watched(http);
    const summary = await run({ fetcherFor: () => w.fetcher, progress: w.progress, pagesInFlight: 2 });
    expect(summary.status).toBe("succeeded");
    expect(summary.sources.registry).toMatchObject({ mode: "incremental", pages: 6, records: sample.length });
    for (let n = 1; n < 6; n++) expect(w.events.indexOf(`request ${n + 1}`), w.events.join(", ")).toBeLessThan(w.events.indexOf(`applied ${n}`));
  });

  test("never more pages requested and not yet applied than the bound, whichever bound", async () => {
    for (const pagesInFlight of [1, 2, 4]) {
      updateEverything();
      const w = watched(http);
      const summary = await run({ fetcherFor: () => w.fetcher, progress: w.progress, pagesInFlight });
      expect(summary.sources.registry).toMatchObject({ pages: 6, records: sample.length, errors: [] });
      expect(w.mostInFlight()).toBeLessThanOrEqual(pagesInFlight);
      // Requests run ahead of the writes up to the bound (with one, strictly one page at a time).
      expect(w.mostInFlight()).toBeGreaterThanOrEqual(Math.min(pagesInFlight, 2));
      if (pagesInFlight === 1) for (let n = 1; n < 6; n++) expect(w.events.indexOf(`applied ${n}`)).toBeLessThan(w.events.indexOf(`request ${n + 1}`));
    }
  });

  test("a first crawl that meets an entry the registry already deleted counts it neither added nor removed", async () => {
    await emptyTestCatalog(t.catalog);
    const victim = sample.find((i) => meta(i).isLatest === true)!;
    replay.items = sample.map((i) => (i === victim ? bump(i, { status: "deleted" }) : i));
    const summary = await run();
    expect(summary.status).toBe("succeeded");
    expect(summary.servers).toEqual({ added: distinctNames - 1, updated: 0, unchanged: 0, removed: 0 });
    const [row] = await t.catalog.db.select().from(servers).where(eq(servers.key, victim.server.name));
    expect(row!.status).toBe("deleted");
  });
});

describe.each(DRIVERS)("a registry feed's nextUpdatedSince on %s", (driver) => {
  let t: TestCatalog;
  let http: HttpClient;
  let replay: RegistryReplay;
  beforeAll(async () => {
    http = testHttpClient();
    t = await openTestCatalog(driver);
  });
  afterAll(async () => {
    await http.close();
    await t?.dispose();
  });
  // Each test from an empty catalog: what a crawl's watermark becomes depends on the one stored before it.
  beforeEach(async () => {
    await emptyTestCatalog(t.catalog);
    // Another mcp-catalog's feed: a change dated before the latest updatedAt may still be uncommitted.
    replay = await startRegistryReplay(structuredClone(sample));
  });
  afterEach(async () => {
    await replay.close();
  });

  // Microseconds, as the feed writes it; a day before the sample's latest updatedAt (2025-12-17), on page 1.
  const safeSince = "2025-12-16T08:30:00.123457Z";
  const run = (extra: Partial<RefreshOptions> = {}) => refresh(t.catalog, { sources: [registrySource(replay.url)], full: false, fetcherFor: () => http, ...extra });
  const state = async () => (await getSourceState(t.catalog.db, "registry"))!;
  /** The updated_since the next run asks with. */
  async function nextAsks(): Promise<string | null> {
    const requested = replay.requests.length;
    expect((await run()).sources.registry).toMatchObject({ mode: "incremental" });
    return new URL(replay.requests[requested]!, "http://x").searchParams.get("updated_since");
  }

  test("the next incremental run asks with the feed's nextUpdatedSince, not the highest updatedAt it saw", async () => {
    replay.nextUpdatedSince = safeSince;
    expect((await run()).sources.registry).toMatchObject({ mode: "full", pages: 6, records: sample.length });
    expect((await state()).watermark).toBe(safeSince);
    expect(await nextAsks()).toBe(safeSince);
  });

  test("a watermark stored before the feed sent nextUpdatedSince gives way to the feed's, though later", async () => {
    await run();
    expect(Date.parse((await state()).watermark!)).toBe(Date.parse(maxUpdatedAt));
    replay.nextUpdatedSince = safeSince;
    // Asked from the stored watermark, the feed names an earlier time: a write open when it was read may be dated
    // before the stored watermark and commit later. Keeping the later of the two would never ask for it.
    expect((await run()).sources.registry).toMatchObject({ mode: "incremental", since: maxUpdatedAt });
    expect((await state()).watermark).toBe(safeSince);
    expect(await nextAsks()).toBe(safeSince);
  });

  test("a crawl resumed from a checkpoint written before the feed sent nextUpdatedSince ends on the feed's, not the highest updatedAt before the break", async () => {
    replay.failFromPage = 3;
    expect((await run()).status).toBe("failed");
    expect(Date.parse((await state()).pendingWatermark!)).toBe(Date.parse(maxUpdatedAt));
    replay.failFromPage = undefined;
    replay.nextUpdatedSince = safeSince;
    expect((await run()).sources.registry).toMatchObject({ mode: "full", resumed: true, pages: 4 });
    expect((await state()).watermark).toBe(safeSince);
    expect(await nextAsks()).toBe(safeSince);
  });

  test("a crawl of the feed broken and resumed ends on the feed's nextUpdatedSince, not a later watermark stored before it", async () => {
    await run();
    replay.nextUpdatedSince = safeSince;
    replay.failFromPage = 3;
    expect((await run({ full: true })).status).toBe("failed");
    replay.failFromPage = undefined;
    expect((await run()).sources.registry).toMatchObject({ mode: "full", resumed: true, pages: 4 });
    expect((await state()).watermark).toBe(safeSince);
    expect(await nextAsks()).toBe(safeSince);
  });

  test("a full crawl whose pages all answer 304 takes the nextUpdatedSince stored with them, not a later watermark", async () => {
    replay.etags = true;
    replay.nextUpdatedSince = safeSince;
    await run();
    // A poll the feed could promise nothing for (its role cannot see every session): the highest updatedAt it listed.
    replay.nextUpdatedSince = undefined;
    expect((await run()).sources.registry).toMatchObject({ mode: "incremental", since: safeSince, records: 9 });
    expect(Date.parse((await state()).watermark!)).toBe(Date.parse(maxUpdatedAt));
    // The same pass again, nothing changed: every page as stored, nextUpdatedSince and all.
    replay.nextUpdatedSince = safeSince;
    expect((await run({ full: true })).sources.registry).toMatchObject({ mode: "full", pages: 6, notModified: 6, records: 0 });
    expect((await state()).watermark).toBe(safeSince);
    expect(await nextAsks()).toBe(safeSince);
  });
});
