// A worker classifies what its listing changed in the same transaction; a tool it finds removed and then listed
// again unchanged is not classified again, yet its return keeps the class it had: a "returned destructive tool".
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ScratchDatabase } from "../../db/scratch.js";
import { createScratchDatabase } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import type { LocalServer } from "../helpers/local-server.js";
import { startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";
import { startRawLegacyServer, tool } from "../enumerate/servers.js";
import { closeQueueWorld, HAS_POSTGRES, queueEnv, registryItem, rows, runWorkerHere } from "./helpers.js";

const READ = tool("list_files", { description: "List the files in a folder.", annotations: { readOnlyHint: true } });
const WIPE = tool("wipe_folder", { description: "Remove all files in a folder recursively." });

describe.skipIf(!HAS_POSTGRES)("the class of a worker's changes (Postgres)", () => {
  let db: ScratchDatabase;
  let registry: RegistryReplay;
  let server: LocalServer;
  let env: Record<string, string>;
  /** What the server's tools/list answers now. */
  let listed = [READ];

  beforeAll(async () => {
    db = await createScratchDatabase();
    server = await startRawLegacyServer({ toolsList: () => ({ tools: listed }) });
    registry = await startRegistryReplay([registryItem("io.test/files", `${server.url}/mcp`)]);
    // Every refresh queues the server's listing again, however recent the last one.
    env = queueEnv(db.url, registry.url, { CATALOG_INTROSPECT_MAX_AGE_HOURS: "0" });
  }, 60_000);
  afterAll(() => closeQueueWorld({ workers: [], servers: [server], registry, db }));

  /** One round of the fleet: the refresh queues the listing, a worker drains it. */
  async function round(tools: typeof listed): Promise<void> {
    listed = tools;
    const r = await runCli(["refresh", "--sources", "registry", "--queue"], env);
    expect(r.code, r.stderr).toBe(0);
    const w = runWorkerHere(["--once"], env);
    expect((await w.exited).code, w.stderr()).toBe(0);
  }

  test("a destructive tool removed and listed again unchanged returns destructive", async () => {
    await round([READ, WIPE]);
    await round([READ]);
    await round([READ, WIPE]);
    const history = await rows<{ kind: string; category: string | null }>(db.url, "select kind, category from tool_changes where tool_name = 'wipe_folder' order by id");
    expect(history).toEqual([
      { kind: "added", category: "destructive" },
      { kind: "removed", category: null },
      { kind: "added", category: "destructive" },
    ]);
    const feed = await runCli(["changes", "--server", "io.test/files", "--json"], env);
    expect((JSON.parse(feed.stdout) as { tool: string; labels: string[] }[]).filter((c) => c.tool === "wipe_folder").map((c) => c.labels)).toEqual([
      ["returned destructive tool"],
      ["removed tool"],
      ["new destructive tool"],
    ]);
  }, 120_000);
});
