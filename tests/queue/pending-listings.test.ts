// `refresh --queue` ends `succeeded` once it has crawled and enqueued: its live listings are still the workers' to do.
// `stats` (text and --json), /api/stats and the home page show the last run, so they say how many of its listings are
// still pending and how the others ended, read from the run's jobs (each job's data names its run).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openCatalog, type Catalog } from "../../db/client.js";
import type { ScratchDatabase } from "../../db/scratch.js";
import { createApp } from "../../server/app.js";
import { createScratchDatabase } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import type { LocalServer } from "../helpers/local-server.js";
import { startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";
import { startStreamableServer } from "../enumerate/servers.js";
import { closeQueueWorld, HAS_POSTGRES, queueEnv, registryItem, runWorkerHere, toolServer, type Worker } from "./helpers.js";

describe.skipIf(!HAS_POSTGRES)("the last run's queued live listings in stats and on the home page (Postgres)", () => {
  let db: ScratchDatabase;
  let registry: RegistryReplay;
  let env: Record<string, string>;
  let catalog: Catalog;
  const servers: LocalServer[] = [];
  const workers: Worker[] = [];

  beforeAll(async () => {
    db = await createScratchDatabase();
    for (const name of ["sierra", "tango"]) servers.push(await startStreamableServer(toolServer(name)));
    registry = await startRegistryReplay(servers.map((s, i) => registryItem(`io.test/${["sierra", "tango"][i]}`, `${s.url}/mcp`)));
    env = queueEnv(db.url, registry.url);
  }, 60_000);

  afterAll(async () => {
    await catalog?.close();
    await closeQueueWorld({ workers, servers, registry, db });
  });

  test("pending after the run succeeds, then listed once a worker took them", async () => {
    const refresh = await runCli(["refresh", "--sources", "registry", "--queue"], env);
    expect(refresh.code, refresh.stderr).toBe(0);

    const pending = await runCli(["stats", "--json"], env);
    expect(pending.code, pending.stderr).toBe(0);
    const run = JSON.parse(pending.stdout).lastRun;
    expect(run.status).toBe("succeeded");
    expect(run.queued).toEqual({ enqueued: { remote: 2, stdio: 0 }, alreadyQueued: 0, jobs: { waiting: 2, retrying: 0, active: 0, listed: 0, failed: 0, deadLettered: 0, skipped: 0 } });
    expect((await runCli(["stats"], env)).stdout).toMatch(/^ {12}live listings queued for workers: 2; 2 still pending \(waiting 2, retrying 0, active 0\); listed 0, failed 0, dead-lettered 0, skipped 0$/m);
    catalog = await openCatalog({ databaseUrl: db.url, dataDir: "" });
    const app = createApp({ db: catalog.db });
    const api = (await (await app.request("/api/stats")).json()) as { lastRun: { queued: { jobs: { waiting: number } } } };
    expect(api.lastRun.queued.jobs.waiting).toBe(2);
    expect(await (await app.request("/")).text()).toContain("Its live listings: 2 of 2 still pending in the queue for workers.");

    const drain = runWorkerHere(["--once", "--modes", "remote"], env);
    workers.push(drain);
    expect((await drain.exited).code, drain.stderr()).toBe(0);
    const done = JSON.parse((await runCli(["stats", "--json"], env)).stdout).lastRun.queued.jobs;
    expect(done).toEqual({ waiting: 0, retrying: 0, active: 0, listed: 2, failed: 0, deadLettered: 0, skipped: 0 });
    expect((await runCli(["stats"], env)).stdout).toMatch(/live listings queued for workers: 2; none pending; listed 2,/);
    expect(await (await createApp({ db: catalog.db }).request("/")).text()).toContain("Its 2 live listings queued for workers: none pending.");
  }, 90_000);
});
