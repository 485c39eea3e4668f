// A refresh restricted to some sources (`--sources`) touches only their servers: the live listing lists (and
// `--queue` enqueues) only servers those sources list, and a source that was not crawled removes nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { walksBeforeGone } from "../crawler/plan/crawl.js";
import { DRIVERS, createScratchDatabase } from "./helpers/catalog.js";
import { cliSession, type CliSession } from "./helpers/cli.js";
import type { LocalServer } from "./helpers/local-server.js";
import { startPulseReplay, type PulseReplay, type PulseServer } from "./helpers/pulsemcp-replay.js";
import { registryItem, startRegistryReplay, type RegistryReplay } from "./helpers/registry-replay.js";
import { migratedDataDir } from "./helpers/snapshot-catalog.js";
import { startStreamableServer } from "./enumerate/servers.js";
import { scratchBase } from "./helpers/templates.js";

/** An MCP server with one read tool named after it. */
const toolServer = (name: string) => () => {
  const server = new McpServer({ name, version: "1.0.0" });
  server.registerTool(`read_${name}`, { description: `Read ${name} items.`, annotations: { readOnlyHint: true } }, async () => ({ content: [] }));
  return server;
};

type Summary = { status: string; introspection?: { attempted: number; succeeded: number }; queued?: { enqueued: { remote: number } }; servers: { removed: number } };

describe.each(DRIVERS)("refresh --sources on %s", (driver) => {
  let dir: string;
  let registry: RegistryReplay;
  let pulse: PulseReplay;
  // Only the registry lists `official`, only PulseMCP `directory`; both list `shared` (merged by its repository).
  const mcp: Record<"official" | "directory" | "shared", LocalServer> = {} as never;
  let database: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let cli: CliSession;

  /** tools/list requests each MCP server has seen so far (every listing POSTs to /mcp). */
  const hits = () => Object.fromEntries(Object.entries(mcp).map(([k, s]) => [k, s.requests.length]));
  const refresh = async (argv: string[]): Promise<Summary> => {
    const r = await cli.run(["refresh", ...argv, "--json"]);
    expect(r.stderr).toBe("");
    return JSON.parse(r.stdout);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(scratchBase(), "refresh-sources-"));
    for (const name of ["official", "directory", "shared"] as const) mcp[name] = await startStreamableServer(toolServer(name));
    registry = await startRegistryReplay([
      registryItem("io.github.acme/official", { remotes: [{ type: "streamable-http", url: `${mcp.official.url}/mcp` }] }),
      registryItem("io.github.acme/shared", { repository: { url: "https://github.com/acme/shared", source: "github" }, remotes: [{ type: "streamable-http", url: `${mcp.shared.url}/mcp` }] }),
    ]);
    const directory: PulseServer[] = [
      { name: "Directory Only", url: "https://www.pulsemcp.com/servers/directory-only", source_code_url: "https://github.com/acme/directory", remotes: [{ url: `${mcp.directory.url}/mcp`, transport: "streamable_http" }] },
      { name: "Shared", url: "https://www.pulsemcp.com/servers/shared", source_code_url: "https://github.com/acme/shared" },
    ];
    pulse = await startPulseReplay(directory);
    if (driver === "postgres") database = await createScratchDatabase();
    const env = {
      CATALOG_DATA_DIR: join(dir, "db"),
      ...(database ? { DATABASE_URL: database.url } : {}),
      REGISTRY_URL: registry.url,
      PULSEMCP_URL: pulse.url,
      CATALOG_ALLOW_PRIVATE_NETWORK: "1",
      CATALOG_INTROSPECT: "remote",
      // Every server is due on every run: what a run lists is decided by its sources alone.
      CATALOG_INTROSPECT_MAX_AGE_HOURS: "0",
    };
    if (!database) await migratedDataDir(env.CATALOG_DATA_DIR);
    cli = cliSession(env);
    const first = await refresh(["--sources", "registry,pulsemcp", "--introspect", "none"]);
    expect(first.status).toBe("succeeded");
    expect(hits()).toEqual({ official: 0, directory: 0, shared: 0 });
  });
  afterAll(async () => {
    await cli?.close();
    await Promise.all([registry.close(), pulse.close(), ...Object.values(mcp).map((s) => s.close())]);
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("a run of one source lists that source's servers live, not the rest of the catalog's", async () => {
    const before = hits();
    const registryRun = await refresh(["--sources", "registry"]);
    expect(registryRun.introspection).toMatchObject({ attempted: 2, succeeded: 2 });
    const afterRegistry = hits();
    expect(afterRegistry.directory).toBe(before.directory);
    expect(afterRegistry.official).toBeGreaterThan(before.official!);
    expect(afterRegistry.shared).toBeGreaterThan(before.shared!);

    const pulseRun = await refresh(["--sources", "pulsemcp"]);
    expect(pulseRun.introspection).toMatchObject({ attempted: 2, succeeded: 2 });
    const afterPulse = hits();
    expect(afterPulse.official).toBe(afterRegistry.official);
    expect(afterPulse.directory).toBeGreaterThan(afterRegistry.directory!);
    expect(afterPulse.shared).toBeGreaterThan(afterRegistry.shared!);

    // Both sources named: every server of either.
    expect((await refresh(["--sources", "registry,pulsemcp"])).introspection).toMatchObject({ attempted: 3, succeeded: 3 });
  });

  test("a server that left an uncrawled source stays; the crawls of its source remove it", async () => {
    const directoryOnly = pulse.servers.shift();
    try {
      const registryRun = await refresh(["--sources", "registry", "--introspect", "none"]);
      expect(registryRun.servers.removed).toBe(0);
      // PulseMCP pages by offset: the walks the rule asks must miss it in a row (crawler/plan/crawl.ts walksBeforeGone).
      for (let missed = 1; missed < walksBeforeGone("pulsemcp"); missed++) {
        expect((await refresh(["--sources", "pulsemcp", "--introspect", "none"])).servers.removed).toBe(0);
      }
      const pulseRun = await refresh(["--sources", "pulsemcp", "--introspect", "none"]);
      expect(pulseRun.servers.removed).toBe(1);
      // The server the registry also lists is not removed with it.
      const stats = JSON.parse((await cli.run(["stats", "--json"])).stdout);
      expect(stats.servers).toMatchObject({ active: 2, gone: 1 });
    } finally {
      pulse.servers.unshift(directoryOnly);
    }
    expect((await refresh(["--sources", "pulsemcp", "--introspect", "none"])).status).toBe("succeeded");
  });

  test.runIf(driver === "postgres")("refresh --queue --sources enqueues only the servers of those sources", async () => {
    const queued = await refresh(["--sources", "pulsemcp", "--queue"]);
    expect(queued.queued?.enqueued.remote).toBe(2);
  });
});
