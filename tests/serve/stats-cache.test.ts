// GET /api/stats builds its report once per state of the catalog: a request with nothing changed answers the kept
// report (and its ETag), a run or any other write builds it again, and so does a change leaving the drift window.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogSnapshot } from "../../db/catalog-snapshot.js";
import { finishRun, startRun } from "../../db/runs.js";
import { storeVerdicts } from "../../db/model-reviews.js";
import { queryRows } from "../../db/sql.js";
import { oldestChangeSince } from "../../db/verdict-facts.js";
import { stats } from "../../server/reader.js";
import { statsCache } from "../../server/stats-cache.js";
import { isoInstant } from "../../scripts/iso-instant.js";
import { driftEnd, driftStart } from "../../scripts/server-verdict.js";
import { DRIVERS } from "../helpers/catalog.js";
import { serveCatalog, type ServedCatalog } from "../helpers/served-catalog.js";
import { snapshotCliCatalog } from "../helpers/snapshot-catalog.js";

describe.each(DRIVERS)("the stats report kept between requests on %s", (driver) => {
  let s: ServedCatalog;
  /** The `now` of every report the app built. */
  const builds: Date[] = [];
  /**
   * The catalog's state read before each answer. Another test file writing on the same Postgres server moves it as
   * a write here does, so the builds expected are counted from it: one more each time it changed.
   */
  const states: string[] = [];
  const expectedBuilds = () => states.filter((state, i) => i === 0 || state !== states[i - 1]).length;
  const get = async (path: string, init?: RequestInit) => {
    const r = await fetch(`${s.url}${path}`, init);
    return { status: r.status, etag: r.headers.get("etag"), body: r.status === 200 ? ((await r.json()) as any) : null };
  };

  beforeAll(async () => {
    s = await serveCatalog(await snapshotCliCatalog(driver), {
      stats: {
        build: (db, now) => {
          builds.push(now);
          return stats(db, now);
        },
        snapshot: async (db) => {
          const state = await catalogSnapshot(db);
          states.push(state);
          return state;
        },
      },
    });
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await s?.cli.dispose();
  });

  it("builds once while nothing changes, and again after a run starts, after it finishes, and after a write outside a run", async () => {
    // Whether nothing was written between the last two answers (always so on PGlite, which no other file shares).
    const quiet = () => states.at(-1) === states.at(-2);
    const first = await get("/api/stats");
    expect(first.status).toBe(200);
    expect(first.body.servers.total).toBeGreaterThan(0);
    expect(builds).toHaveLength(1);
    const again = await get("/api/stats");
    if (quiet()) expect(again).toEqual(first);
    const conditional = await get("/api/stats", { headers: { "if-none-match": first.etag! } });
    if (quiet() && states.at(-2) === states[0]) expect(conditional.status).toBe(304);
    expect(builds).toHaveLength(expectedBuilds());

    const db = s.catalog.db;
    const before = builds.length;
    const runId = await startRun(db, { sources: [] });
    const running = await get("/api/stats");
    expect(running.body.lastRun).toMatchObject({ id: runId, status: "running", finishedAt: null });
    expect(running.etag).not.toBe(first.etag);
    expect(builds.length).toBeGreaterThan(before);
    expect(builds).toHaveLength(expectedBuilds());
    await finishRun(db, runId, { status: "succeeded", sources: {}, servers: { added: 0, updated: 0, unchanged: 0, removed: 0 }, failures: [] });
    const finished = await get("/api/stats");
    expect(finished.body.lastRun).toMatchObject({ id: runId, status: "succeeded" });
    const afterFinish = await get("/api/stats");
    if (quiet()) expect(afterFinish).toEqual(finished);
    expect(builds).toHaveLength(expectedBuilds());

    // A worker's listing or a model's answer is written outside any run.
    await storeVerdicts(db, [{ contentHash: "stats-cache-test", verdict: {}, rejected: null }], "test-model", "1");
    const answered = await get("/api/stats");
    expect(answered.body.cachedModelAnswers).toBe(finished.body.cachedModelAnswers + 1);
    expect(builds).toHaveLength(expectedBuilds());
    // Nothing changed on PGlite but what this test wrote: one build for the catalog, the run's start, its end and the answer.
    if (driver === "pglite") expect(builds).toHaveLength(4);
  });

  it("builds again once a change it counted leaves the drift window, and after a failed build", async () => {
    const db = s.catalog.db;
    const [latest] = await queryRows<{ at: string }>(db, sql`select max(at)::text as at from tool_changes`);
    // Just after the snapshot's refresh, whenever the run's catalog template was built: its changes are all recent.
    const start = new Date(Date.parse(isoInstant(latest!.at)) + 1000);
    const oldest = (await oldestChangeSince(db, driftStart(start)))!;
    expect(oldest).not.toBeNull();
    let clock = start;
    let failNext = false;
    const seen: Date[] = [];
    const report = statsCache(db, {
      clock: () => clock,
      // The window is the subject: another test file writing on the same Postgres server would move the real snapshot.
      snapshot: async () => "held still",
      build: async (inner, now) => {
        seen.push(now);
        if (failNext) {
          failNext = false;
          throw new Error("the build failed");
        }
        return stats(inner, now);
      },
    });
    await report();
    clock = new Date(driftEnd(oldest).getTime() - 1);
    await report();
    expect(seen).toEqual([start]);
    clock = driftEnd(oldest);
    failNext = true;
    await expect(report()).rejects.toThrow("the build failed");
    await report();
    expect(seen).toEqual([start, clock, clock]);
    // A clock set back could bring older changes into the window again.
    clock = new Date(start.getTime() - 1);
    await report();
    expect(seen).toHaveLength(4);
  });
});
