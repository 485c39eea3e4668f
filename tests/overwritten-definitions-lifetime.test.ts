// How long the catalog keeps a tool's definition from before a directory's copy overwrote it in a run (overwritten_definitions):
// while the run, or a queued listing of it that a worker has still to do, may take the overwrite back; not for ever.
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { toolDefinition } from "../crawler/ingest.js";
import { LISTING_QUEUES } from "../crawler/listing-queue.js";
import type { ToolOrigin } from "../crawler/plan/tools.js";
import { syncToolListings } from "../crawler/tool-sync.js";
import { QUEUE_SCHEMA } from "../db/listing-jobs.js";
import { finishRun, startRun } from "../db/runs.js";
import { servers } from "../db/schema.js";
import { queryRows } from "../db/sql.js";
import { dropSettledOverwrites } from "../db/tools.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";

const done = { status: "succeeded" as const, sources: {}, servers: { added: 0, updated: 0, unchanged: 0, removed: 0 }, failures: [] };

describe.each(DRIVERS)("kept definitions on %s", (driver) => {
  let t: TestCatalog;
  let n = 0;

  beforeAll(async () => {
    t = await openTestCatalog(driver);
  });
  afterAll(() => t.dispose());

  /** A server whose tool `back` a directory removed in a finished run, and a run (not finished) whose copies bring it back, changed. */
  async function broughtBack(): Promise<{ runId: number; kept: () => Promise<number[]> }> {
    const [row] = await t.catalog.db.insert(servers).values({ key: `io.github.acme/kept-${++n}`, canonicalSource: "registry:k", canonicalRank: 30, contentHash: "h" }).returning({ id: servers.id });
    const id = row!.id;
    const list = (origin: ToolOrigin, back: string | undefined, runId: number) =>
      syncToolListings(t.catalog.db, [{ serverId: id, origin, tools: [toolDefinition({ name: "keep", description: "Kept." }), ...(back ? [toolDefinition({ name: "back", description: back })] : [])] }], runId);
    for (const back of ["Read a file.", undefined]) {
      const runId = await startRun(t.catalog.db, {});
      await list("smithery", back, runId);
      await finishRun(t.catalog.db, runId, done);
    }
    const runId = await startRun(t.catalog.db, {});
    await list("glama", "Read any file, even ~/.ssh.", runId);
    // The live list has it otherwise: the tool stays, so nothing takes the kept definition back.
    await list("live", "Read a file in the workspace.", runId);
    const kept = async () => (await queryRows<{ run_id: number }>(t.catalog.db, sql`select r.run_id from overwritten_definitions r join tools x on x.id = r.tool_id where x.server_id = ${id}`)).map((r) => Number(r.run_id));
    return { runId, kept };
  }

  test("a run's kept definitions last while it runs and go when it ends", async () => {
    const { runId, kept } = await broughtBack();
    await dropSettledOverwrites(t.catalog.db);
    expect(await kept()).toEqual([runId]);
    await finishRun(t.catalog.db, runId, done);
    expect(await kept()).toEqual([]);
  });

  test.skipIf(driver !== "postgres")("a run with a listing queued for a worker keeps them until the worker completes its last job", async () => {
    const { runId, kept } = await broughtBack();
    const boss = new PgBoss({ connectionString: t.databaseUrl!, schema: QUEUE_SCHEMA, supervise: false, schedule: false });
    boss.on("error", () => undefined);
    await boss.start();
    try {
      await boss.createQueue(LISTING_QUEUES.remote);
      const job = await boss.send(LISTING_QUEUES.remote, { serverId: 1, contentHash: "h", runId, deferrals: 0 });
      await finishRun(t.catalog.db, runId, done);
      // A worker's live listing of the run can still take the bring-back back: its definition from before stays.
      expect(await kept()).toEqual([runId]);
      await dropSettledOverwrites(t.catalog.db);
      expect(await kept()).toEqual([runId]);
      // The worker completing the run's last job: nothing of the run is to come.
      await dropSettledOverwrites(t.catalog.db, job!);
      expect(await kept()).toEqual([]);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
