// Whole-catalog counts after an upgrade, before the refresh that stores its verdicts: the home page's counts and the
// stats report keep each server's figures under its fingerprint (scripts/kept-per-server.ts), so a count after a write
// that touches one server classifies that server alone, and its figures are those of a count from scratch; serve runs
// one such count at a time (server/snapshot-kept.ts), however many requests across however many writes ask for it.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLASSIFIER_VERSION } from "../classifier/classify.js";
import { REVIEW_PROMPT_VERSION } from "../classifier/review.js";
import type { Db } from "../db/client.js";
import { outdatedVerdictServers } from "../db/browse.js";
import { storeVerdicts } from "../db/model-reviews.js";
import { queryRows } from "../db/sql.js";
import { fillStaleCatalog } from "../scripts/dev/bench/stale-catalog.js";
import { KeptPerServer } from "../scripts/kept-per-server.js";
import { currentVerdictCounts, type UncountedGroup } from "../scripts/verdict-counts.js";
import { summarizeCatalogVerdicts, type AssessedFigures } from "../scripts/verdict-summary.js";
import { keptPerSnapshot } from "../server/snapshot-kept.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";

const SERVERS = 12;
const NOW = new Date("2026-12-01T00:00:00Z");

describe.each(DRIVERS)("counts kept per server on %s", (driver) => {
  let t: TestCatalog;
  let db: Db;
  /** The id of tool `n` (from 1, in id order) of the `s`-th server. */
  const toolId = async (s: number, n: number) => {
    const [row] = await queryRows<{ id: number }>(db, sql`select t.id from tools t where t.server_id = (select id from servers order by id offset ${s - 1} limit 1) order by t.id offset ${n - 1} limit 1`);
    return Number(row!.id);
  };
  /** Stores this classifier's verdict (destructive, critical) for the tool, as a refresh would for its present definition. */
  const storeCurrent = async (id: number) => {
    await db.execute(sql`update classifications c set classifier_version = ${CLASSIFIER_VERSION}, content_hash = t.content_hash, category = 'destructive', risk = 'critical'
      from tools t where t.id = c.tool_id and c.tool_id = ${id}`);
  };

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    db = t.catalog.db;
    await fillStaleCatalog(t.catalog, SERVERS, 4);
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it("the home page's counts: a write to one server's verdict classifies that server again, and no other; the figures are a count from scratch's", async () => {
    const kept = new KeptPerServer<UncountedGroup[]>();
    const first = await currentVerdictCounts(db, { kept });
    expect(first).toMatchObject({ classified: 0, classifiedNow: SERVERS * 4 });
    expect(kept.serversClassified).toBe(SERVERS);
    expect(await currentVerdictCounts(db, { kept })).toEqual(first);
    expect(kept.serversClassified).toBe(SERVERS);

    await storeCurrent(await toolId(3, 2));
    const afterOne = await currentVerdictCounts(db, { kept });
    expect(kept.serversClassified).toBe(SERVERS + 1);
    expect(afterOne).toEqual(await currentVerdictCounts(db));
    expect(afterOne).toMatchObject({ classified: 1, classifiedNow: SERVERS * 4 - 1 });

    // A server whose every verdict is stored leaves the count's work, and what was kept of it.
    for (let n = 1; n <= 4; n++) await storeCurrent(await toolId(5, n));
    const afterServer = await currentVerdictCounts(db, { kept });
    expect(kept.serversClassified).toBe(SERVERS + 1);
    expect(kept.size).toBe(SERVERS - 1);
    expect(afterServer).toEqual(await currentVerdictCounts(db));
  });

  it("the stats report's grades and counts: a write to one server's verdict assesses that server again, and no other; the summary is one from scratch's", async () => {
    const kept = new KeptPerServer<AssessedFigures>();
    const first = await summarizeCatalogVerdicts(db, { now: NOW, kept });
    expect(kept.serversClassified).toBe(SERVERS - 1);
    expect(await summarizeCatalogVerdicts(db, { now: NOW, kept })).toEqual(first);
    expect(kept.serversClassified).toBe(SERVERS - 1);

    await storeCurrent(await toolId(7, 1));
    const afterOne = await summarizeCatalogVerdicts(db, { now: NOW, kept });
    expect(kept.serversClassified).toBe(SERVERS);
    expect(afterOne).toEqual(await summarizeCatalogVerdicts(db, { now: NOW }));
    expect(afterOne.classified).toBe(first.classified + 1);
  });

  it("a server's fingerprint changes with the model answer its stored review rests on, and no other server's does", async () => {
    const fingerprints = async () => new Map((await outdatedVerdictServers(db, CLASSIFIER_VERSION)).map((f) => [f.serverId, f.fingerprint]));
    const id = await toolId(9, 2);
    await db.execute(sql`update classifications set method = 'rules+model', review_model = 'test-model', review_prompt_version = ${REVIEW_PROMPT_VERSION} where tool_id = ${id}`);
    const before = await fingerprints();
    const [tool] = await queryRows<{ serverId: number; contentHash: string }>(db, sql`select server_id as "serverId", content_hash as "contentHash" from tools where id = ${id}`);
    await storeVerdicts(db, [{ contentHash: tool!.contentHash, verdict: { risk: "critical" }, rejected: null }], "test-model", REVIEW_PROMPT_VERSION);
    const after = await fingerprints();
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect([...after].filter(([server, f]) => before.get(server) !== f).map(([server]) => server)).toEqual([Number(tool!.serverId)]);
  });
});

describe("one build at a time across snapshots", () => {
  it("requests reading other snapshots during a build wait for it and take its value; the next request after it builds again", async () => {
    const snapshots = ["a", "b", "c", "d"];
    let builds = 0;
    const releases: (() => void)[] = [];
    const kept = keptPerSnapshot<void, number>({} as Db, () => new Promise<number>((resolve) => releases.push(() => resolve(++builds))), {
      snapshot: async () => snapshots.shift()!,
    });
    const during = [kept(), kept(), kept()];
    await new Promise((r) => setImmediate(r));
    expect(releases).toHaveLength(1);
    releases[0]!();
    expect(await Promise.all(during)).toEqual([1, 1, 1]);
    const next = kept();
    await new Promise((r) => setImmediate(r));
    expect(releases).toHaveLength(2);
    releases[1]!();
    expect(await next).toBe(2);
  });
});
