// `refresh --queue` interrupted while it enqueues: the jobs it left on the queue stay there for the workers, so the
// run's summary and record count them (as an interrupted in-process listing counts the servers it listed), and it
// stops before the next server. The real queue on a scratch Postgres; the interrupt lands right after the first job.
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { enqueueListings, openListingQueue } from "../../crawler/listing-queue.js";
import { refresh } from "../../crawler/refresh.js";
import { openCatalog, type Catalog } from "../../db/client.js";
import type { ScratchDatabase } from "../../db/scratch.js";
import { loadConfig } from "../../scripts/config.js";
import { createScratchDatabase } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";
import { closeQueueWorld, HAS_POSTGRES, queueEnv, registryItem, rows } from "./helpers.js";

describe.skipIf(!HAS_POSTGRES)("refresh --queue interrupted while enqueueing (Postgres)", () => {
  let db: ScratchDatabase;
  let registry: RegistryReplay;
  let env: Record<string, string>;
  let catalog: Catalog;
  let boss: PgBoss;

  beforeAll(async () => {
    db = await createScratchDatabase();
    // Never reached: the servers are only enqueued.
    registry = await startRegistryReplay(["one", "two", "three"].map((n) => registryItem(`io.test/${n}`, `http://127.0.0.1:9/${n}`)));
    env = queueEnv(db.url, registry.url);
    const crawl = await runCli(["refresh", "--sources", "registry", "--introspect", "none"], env);
    expect(crawl.code, crawl.stderr).toBe(0);
    catalog = await openCatalog({ databaseUrl: db.url, dataDir: "" });
    boss = await openListingQueue(db.url, loadConfig(env, process.cwd()).queue, { supervise: false });
  }, 60_000);

  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
    await catalog?.close();
    await closeQueueWorld({ workers: [], servers: [], registry, db });
  });

  test("the run ends aborted, its summary and record counting the job it enqueued; no job after the interrupt", async () => {
    const interrupt = new AbortController();
    // The real queue, interrupted as its first job is sent.
    const sending = { send: (name: string, data: object, options: PgBoss.SendOptions) => boss.send(name, data, options).finally(() => interrupt.abort(new Error("interrupted by SIGTERM"))) } as unknown as PgBoss;
    const summary = await refresh(catalog, {
      sources: [],
      full: false,
      fetcherFor: () => {
        throw new Error("no source is crawled");
      },
      signal: interrupt.signal,
      enqueue: (d, runId, signal) => enqueueListings(d, sending, runId, { modes: ["remote"], maxAgeHours: 24, ...(signal ? { signal } : {}) }),
    });
    expect(summary.status).toBe("failed");
    expect(summary.failures.map((f) => f.kind)).toEqual(["aborted"]);
    expect(summary.queued).toEqual({ enqueued: { remote: 1, stdio: 0 }, alreadyQueued: 0 });
    expect(await rows(db.url, "select count(*)::int as n from mcp_catalog_queue.job where name = 'listing-remote'")).toEqual([{ n: 1 }]);
    expect(await rows(db.url, `select status, tools->'queued' as queued from crawl_runs where id = ${summary.runId}`)).toEqual([{ status: "failed", queued: { enqueued: { remote: 1, stdio: 0 }, alreadyQueued: 0 } }]);
  }, 60_000);
});
