// kill -9 in the middle of a refresh, then run again: the catalog ends consistent and complete.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_CRAWL_LIMITS } from "../../crawler/plan/walk.js";
import { createScratchDatabase, DRIVERS } from "../helpers/catalog.js";
import { cliSession, runCli } from "../helpers/cli.js";
import { loadRegistrySample, startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";
import { migratedDataDir } from "../helpers/snapshot-catalog.js";
import { scratchBase } from "../helpers/templates.js";

const sample = loadRegistrySample();
const distinct = new Set(sample.map((i) => i.server.name)).size;

describe.each(DRIVERS)("kill -9 during refresh on %s", (driver) => {
  let replay: RegistryReplay;
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    replay = await startRegistryReplay(structuredClone(sample));
    const base = { REGISTRY_URL: replay.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1", CATALOG_INTROSPECT: "none" };
    if (driver === "postgres") {
      const db = await createScratchDatabase();
      env = { ...base, DATABASE_URL: db.url };
      cleanup = db.drop;
    } else {
      const dir = mkdtempSync(join(scratchBase(), "mcp-catalog-kill-"));
      env = { ...base, CATALOG_DATA_DIR: join(dir, "db") };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
      // A copy of the run's migrated catalog rather than an initdb of its own.
      await migratedDataDir(env.CATALOG_DATA_DIR!);
    }
    // The catalog exists before the child starts, so the time the test waits for is the crawl's, not
    // PGlite's initdb (tens of seconds on a loaded machine).
    expect((await runCli(["migrate"], env)).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await replay.close();
    await cleanup();
  });

  test("the killed run is marked failed and the rerun resumes to a complete catalog with no duplicates", async () => {
    replay.delayMs = 300;
    const child = spawn(process.execPath, ["bin/mcp-catalog.js", "refresh", "--sources", "registry", "--json"], { env: { PATH: process.env.PATH, ...env }, stdio: "ignore" });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    // Wait until page 4 has been asked for, then kill it hard: with the default 3 pages in flight
    // (DEFAULT_CRAWL_LIMITS), page n + 3 is asked for only once page n is committed.
    const pageRequests = () => replay.requests.filter((r) => r.startsWith("/v0.1/servers")).length;
    expect(DEFAULT_CRAWL_LIMITS.pagesInFlight).toBe(3);
    const deadline = Date.now() + 30_000;
    while (pageRequests() < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGKILL");
    expect(pageRequests(), "pages the child asked for before it was killed").toBeGreaterThanOrEqual(4);
    expect(await exited).toBe("SIGKILL");
    replay.delayMs = 0;

    // The first command after the kill opens what the killed process left (its lock, PGlite's files mid-write); the
    // commands after it share that open catalog (cliSession) instead of each opening it again.
    const after = cliSession(env);
    try {
      const killed = JSON.parse((await after.run(["stats", "--json"])).stdout);
      expect(killed.servers.total).toBeLessThan(distinct);

      const rerun = await after.run(["refresh", "--sources", "registry", "--json"]);
      expect(rerun.code).toBe(0);
      const summary = JSON.parse(rerun.stdout);
      expect(summary.status).toBe("succeeded");
      expect(summary.sources.registry.resumed).toBe(true);

      const stats = JSON.parse((await after.run(["stats", "--json"])).stdout);
      expect(stats.servers.total).toBe(distinct);
      expect(stats.lastRun.status).toBe("succeeded");

      // A full crawl afterwards finds nothing missing and nothing to add: the catalog was complete.
      const full = JSON.parse((await after.run(["refresh", "--sources", "registry", "--full", "--json"])).stdout);
      expect(full.servers.added).toBe(0);
      expect(full.sources.registry.records).toBe(sample.length);
    } finally {
      await after.close();
    }
  });
});
