// A worker that finishes an old job for a server whose remote a crawl dropped while it listed (and whose live tools
// that crawl withdrew) does not put the tools back: at write time its listing checks that the server still names
// the remote it reached.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ScratchDatabase } from "../../db/scratch.js";
import { createScratchDatabase } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import type { LocalServer } from "../helpers/local-server.js";
import { meta, startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";
import { startRawLegacyServer, tool } from "../enumerate/servers.js";
import { closeQueueWorld, HAS_POSTGRES, queueEnv, registryItem, rows, runWorkerHere } from "./helpers.js";

describe.skipIf(!HAS_POSTGRES)("a worker's listing of a remote dropped meanwhile (Postgres)", () => {
  let db: ScratchDatabase;
  let registry: RegistryReplay;
  let server: LocalServer;
  let env: Record<string, string>;
  /** Set while a test holds the server's tools/list: resolved when one arrives; `release` answers it. */
  let hold: { arrived: () => void; released: Promise<void> } | undefined;

  beforeAll(async () => {
    db = await createScratchDatabase();
    server = await startRawLegacyServer({
      takeOver: async (msg) => {
        if (msg.method === "tools/list" && hold) {
          hold.arrived();
          await hold.released;
        }
        return false;
      },
      toolsList: () => ({ tools: [tool("read_page"), tool("delete_page")] }),
    });
    registry = await startRegistryReplay([registryItem("io.test/pages", `${server.url}/mcp`)]);
    env = queueEnv(db.url, registry.url, { CATALOG_INTROSPECT_MAX_AGE_HOURS: "0" });
  }, 60_000);
  afterAll(() => closeQueueWorld({ workers: [], servers: [server], registry, db }));

  const current = () => rows<{ name: string; origin: string }>(db.url, "select name, origin from tools where removed_at is null order by name");

  test("the tools the crawl withdrew stay withdrawn; the job is skipped", async () => {
    // Listed once by a worker.
    expect((await runCli(["refresh", "--sources", "registry", "--queue"], env)).code).toBe(0);
    const first = runWorkerHere(["--once"], env);
    expect((await first.exited).code, first.stderr()).toBe(0);
    expect(await current()).toEqual([
      { name: "delete_page", origin: "live" },
      { name: "read_page", origin: "live" },
    ]);

    // Queued again, and taken by a worker whose tools/list the server holds.
    let arrived!: () => void;
    const listing = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    hold = { arrived, released: new Promise<void>((resolve) => (release = resolve)) };
    expect((await runCli(["refresh", "--sources", "registry", "--queue"], env)).code).toBe(0);
    const late = runWorkerHere(["--once"], env);
    await listing;

    // Meanwhile the registry drops the remote: the next crawl withdraws the tools it listed.
    const item = registry.items[0]!;
    item.server = { ...item.server, remotes: [] };
    meta(item).updatedAt = "2025-12-01T00:00:00Z";
    const crawl = await runCli(["refresh", "--sources", "registry", "--json"], env);
    expect(crawl.code, crawl.stderr).toBe(0);
    expect(JSON.parse(crawl.stdout).tools).toMatchObject({ removed: 2 });
    expect(await current()).toEqual([]);

    // The held listing ends: the worker writes nothing of it.
    release();
    expect((await late.exited).code, late.stderr()).toBe(0);
    expect(await current()).toEqual([]);
    expect(late.stderr()).toMatch(/listed 0, failed 0, skipped 1/);
    expect(await rows(db.url, "select origin, count(*)::int as n from tools group by origin")).toEqual([{ origin: "unlistable", n: 2 }]);
    hold = undefined;
  }, 120_000);
});
