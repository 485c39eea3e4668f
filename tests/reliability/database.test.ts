// The database under a running refresh: a second refresh refuses, a dropped connection fails the run cleanly.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openCatalog, type Catalog } from "../../db/client.js";
import { refresh, RefreshBusyError } from "../../crawler/refresh.js";
import { registrySource } from "../../crawler/sources/registry.js";
import { catalogStats } from "../../db/queries.js";
import { lastRun } from "../../db/runs.js";
import { queryRows } from "../../db/sql.js";
import { createScratchDatabase } from "../helpers/catalog.js";
import { testHttpClient } from "../helpers/http.js";
import { loadRegistrySample, startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";

const sample = loadRegistrySample();
const distinct = new Set(sample.map((i) => i.server.name)).size;

describe.runIf(!!process.env.DATABASE_URL)("a Postgres catalog under a running refresh", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let a: Catalog;
  let b: Catalog;
  let replay: RegistryReplay;
  const http = testHttpClient();

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    a = await openCatalog({ databaseUrl: scratch.url, dataDir: "unused" });
    b = await openCatalog({ databaseUrl: scratch.url, dataDir: "unused" });
    replay = await startRegistryReplay(structuredClone(sample));
  });
  afterAll(async () => {
    await replay.close();
    await http.close();
    await a.close();
    await b.close();
    await scratch.drop();
  });

  test("a second refresh from another connection refuses at once while the first holds the lock", async () => {
    const release = await a.tryLockRefresh();
    expect(release).toBeDefined();
    try {
      const t0 = Date.now();
      await expect(refresh(b, { sources: [registrySource(replay.url)], full: true, fetcherFor: () => http })).rejects.toBeInstanceOf(RefreshBusyError);
      expect(Date.now() - t0).toBeLessThan(2_000);
    } finally {
      await release!();
    }
  });

  test("connections dropped mid-run (pg_terminate_backend) fail the run cleanly; a rerun completes", async () => {
    // Cut every connection of the catalog between two pages, while the run is under way: once page 1 is
    // written, before page 2 is fetched. Not during a page's write: postgres.js cannot survive a backend
    // dying mid-transaction (its own ROLLBACK writes to the closed socket, porsager/postgres#1208), and the
    // pages are pipelined, so page 2's request may start while page 1 is being written.
    let cut = false;
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const dbName = new URL(scratch.url).pathname.slice(1);
    const server = registrySource(replay.url);
    let firstWritten!: () => void;
    const written = new Promise<void>((resolve) => (firstWritten = resolve));
    const progress = { sourceStarted() {}, pageDone: () => firstWritten(), sourceDone() {} };
    const fetcher = {
      async getJson(url: string, init?: Parameters<typeof http.getJson>[1]) {
        if (url.includes("cursor=") && !cut) {
          cut = true;
          await written;
          await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${dbName} and pid <> pg_backend_pid()`;
        }
        return http.getJson(url, init);
      },
    };
    const summary = await refresh(a, { sources: [server], full: true, fetcherFor: () => fetcher, progress }).catch((e: Error) => e);
    expect(cut).toBe(true);
    if (summary instanceof Error) {
      // The run could not even close its record: the next run marks it failed.
      expect(summary.message).toMatch(/terminat|connection|closed/i);
    } else {
      expect(["failed", "succeeded"]).toContain(summary.status);
    }
    // Nothing half-written: every record has its server, and no server lacks its latest record.
    const [orphans] = await queryRows<{ n: number }>(a.db, sql`select count(*)::int as n from server_sources s left join servers v on v.id = s.server_id where v.id is null`);
    expect(orphans!.n).toBe(0);

    const rerun = await refresh(a, { sources: [server], full: false, fetcherFor: () => http });
    expect(rerun.status).toBe("succeeded");
    expect((await catalogStats(a.db)).servers.total).toBe(distinct);
    expect((await lastRun(a.db))!.status).toBe("succeeded");
    await admin.end();
  });
});
