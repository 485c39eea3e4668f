// A stopping worker puts the job in its hands back (db/listing-jobs.ts putBackActiveJob), unless pg-boss expired it
// first (a listing that outlived its expiry): then the job is no longer the worker's, pg-boss retries it, and the worker
// must not count or log it as released. The expiry is made here by hand, as pg-boss's maintenance leaves it (state
// retry, due after its retry delay), while the worker holds the listing: no waiting on the clock.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ScratchDatabase } from "../../db/scratch.js";
import { createScratchDatabase } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import type { LocalServer } from "../helpers/local-server.js";
import { startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";
import { startRawLegacyServer, tool } from "../enumerate/servers.js";
import { closeQueueWorld, HAS_POSTGRES, queueEnv, registryItem, rows, runWorkerHere } from "./helpers.js";

describe.skipIf(!HAS_POSTGRES)("a stopping worker whose job pg-boss already expired (Postgres)", () => {
  let db: ScratchDatabase;
  let server: LocalServer;
  let registry: RegistryReplay;
  /** Resolved when the worker's tools/list arrives; the server never answers it. */
  let held!: () => void;
  const listing = new Promise<void>((resolve) => (held = resolve));

  beforeAll(async () => {
    db = await createScratchDatabase();
    server = await startRawLegacyServer({
      takeOver: (m) => m.method === "tools/list" && (held(), true),
      toolsList: () => ({ tools: [tool("slow_read")] }),
    });
    registry = await startRegistryReplay([registryItem("io.test/slow", `${server.url}/mcp`)]);
  }, 60_000);

  afterAll(() => closeQueueWorld({ workers: [], servers: [server], registry, db }));

  test("is neither counted nor logged released: it says pg-boss retries it, and leaves the job to pg-boss", async () => {
    const env = queueEnv(db.url, registry.url, { CATALOG_WORKER_GRACE_SECONDS: "0" });
    expect((await runCli(["refresh", "--sources", "registry", "--queue"], env)).code).toBe(0);
    const w = runWorkerHere(["--concurrency", "1"], env);
    await listing;
    // What pg-boss's expiry leaves: the attempt failed by timeout, its retry due after the retry delay.
    const expired = await rows<{ id: string }>(db.url, "update mcp_catalog_queue.job set state = 'retry', start_after = now() + interval '1 hour' where name = 'listing-remote' and state = 'active' returning id::text");
    expect(expired).toHaveLength(1);
    w.stop();
    expect((await w.exited).code, w.stderr()).toBe(0);
    expect(w.stderr()).toMatch(/expired io\.test\/slow: not released: pg-boss had already expired its job and retries it/);
    expect(w.stderr()).not.toMatch(/released io\.test\/slow/);
    expect(w.stderr()).toMatch(/released 0;/);
    // Nothing put back beside it: the one job, still pg-boss's retry.
    expect(await rows(db.url, "select id::text, state::text from mcp_catalog_queue.job where name = 'listing-remote'")).toEqual([{ id: expired[0]!.id, state: "retry" }]);
  }, 60_000);
});
