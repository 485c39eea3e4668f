// A directory record that moves to another server (its repository now that of a server the registry lists): the
// server it leaves, vouched for by no record any more, goes, rather than staying active for ever beside the one it
// became; one that other records keep loses the tools the record listed for it, taking those of the records still on
// it; one an older release left with no record goes on the next complete full walk (a registry and a Glama replay on
// 127.0.0.1).
import type { IncomingMessage, ServerResponse } from "node:http";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DRIVERS } from "./helpers/catalog.js";
import { startLocalServer, type LocalServer } from "./helpers/local-server.js";
import { registryItem, startRegistryReplay, type RegistryReplay } from "./helpers/registry-replay.js";
import { startSmitheryReplay, type SmitheryDetail, type SmitheryListItem, type SmitheryReplay } from "./helpers/smithery-replay.js";
import { emptyCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";

const tool = (name: string) => ({ name, description: `The ${name} tool.`, inputSchema: { type: "object", properties: {} } });
const glamaServer = (slug: string, repository: string, tools: unknown[]) => ({
  id: `${slug}`.padEnd(10, "0"),
  name: slug,
  namespace: "acme",
  slug,
  description: `The ${slug} server.`,
  url: `https://glama.ai/mcp/servers/acme/${slug}`,
  repository: { url: repository },
  spdxLicense: null,
  attributes: [],
  environmentVariablesJsonSchema: null,
  tools,
});
/** Enough servers that one going is within the share a crawl may mark gone at once. */
const fillers = Array.from({ length: 12 }, (_, i) => glamaServer(`filler${i}`, `https://github.com/acme/filler-${i}`, []));

type Summary = { status: string; sources: { registry: { mode: string; gone: number }; glama: { mode: string; gone: number } }; servers: { removed: number } };

describe.each(DRIVERS)("a record that moves to another server, on %s", (driver) => {
  let glama: LocalServer;
  let registry: RegistryReplay;
  let catalog: CliCatalog;
  /** Glama's servers whose repositories change between the runs: one only Glama lists, one the registry lists too. */
  const moving = glamaServer("theta", "https://github.com/acme/theta", [tool("theta_tool")]);
  const listed = glamaServer("gamma", "https://github.com/acme/gamma", [tool("gamma_tool")]);
  /** Two Glama entries of one repository: delta's list speaks for the server (the smaller id), deltb's is set aside. */
  const twins = [glamaServer("delta", "https://github.com/acme/delta", [tool("delta_tool")]), glamaServer("deltb", "https://github.com/acme/delta", [tool("deltb_tool")])];
  /** A Glama entry and a Smithery record of one repository: Glama's list speaks for the server (it outranks Smithery's). */
  const kappa = glamaServer("kappa", "https://github.com/acme/kappa", [tool("kappa_glama_tool"), tool("kappa_shared_tool")]);
  const kappaSmithery: SmitheryListItem = {
    id: "6f1c2a9e-0d4b-4c1e-a2f3-kappa0000001",
    qualifiedName: "acme/kappa",
    displayName: "Kappa",
    description: "The kappa server, on Smithery.",
    iconUrl: null,
    verified: false,
    useCount: 10,
    remote: false,
    isDeployed: false,
    createdAt: "2025-01-10T00:00:00.000Z",
    homepage: "https://smithery.ai/server/acme/kappa",
  };
  const kappaDetail: SmitheryDetail = {
    qualifiedName: "acme/kappa",
    displayName: "Kappa",
    description: "The kappa server, on Smithery.",
    iconUrl: null,
    remote: false,
    deploymentUrl: null,
    connections: [],
    security: null,
    tools: [tool("kappa_smithery_tool"), { ...tool("kappa_shared_tool"), description: "Smithery's word for the shared tool." }],
    resources: [],
    prompts: [],
    repository: "https://github.com/acme/kappa",
  };
  let smithery: SmitheryReplay;

  beforeAll(async () => {
    registry = await startRegistryReplay([
      registryItem("io.github.acme/target", { repository: { url: "https://github.com/acme/target", source: "github" } }),
      registryItem("io.github.acme/gamma", { repository: { url: "https://github.com/acme/gamma", source: "github" } }),
    ]);
    glama = await startLocalServer((_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ servers: [moving, listed, ...twins, kappa, ...fillers], pageInfo: { startCursor: null, endCursor: null, hasNextPage: false, hasPreviousPage: false } }));
    });
    smithery = await startSmitheryReplay({ data: { list: [kappaSmithery], details: { [kappaSmithery.qualifiedName]: kappaDetail } } });
    catalog = await emptyCliCatalog(driver, { REGISTRY_URL: registry.url, GLAMA_URL: glama.url, SMITHERY_URL: smithery.url, SMITHERY_API_KEY: "test-key", CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
  });
  afterAll(async () => {
    await catalog?.dispose();
    await Promise.all([glama?.close(), registry?.close(), smithery?.close()]);
  });

  const refresh = async (sources = "registry,glama") => {
    const r = await catalog.cli(["refresh", "--sources", sources, "--no-classify", "--json"]);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as Summary;
  };
  const status = async (key: string) => (await catalog.rows<{ status: string }>(sql`select status from servers where key = ${key}`))[0]?.status;

  test("the server it leaves goes in the run that moved it; the server it joins holds its tools", async () => {
    await refresh();
    expect(await status("github.com/acme/theta")).toBe("active");

    moving.repository = { url: "https://github.com/acme/target" };
    const moved = await refresh();
    const records = await catalog.rows<{ key: string }>(sql`select s.key from server_sources ss join servers s on s.id = ss.server_id where ss.source_id = ${moving.id}`);
    expect(records).toEqual([{ key: "io.github.acme/target" }]);
    expect(await status("github.com/acme/theta")).toBe("gone");
    // Gone by the page that moved its last record (db/servers.ts settleLeftServers), not unlisted by the walk.
    expect(moved.sources.glama.gone).toBe(0);
    expect(moved.servers.removed).toBe(1);
    const holders = await catalog.rows<{ key: string }>(sql`select s.key from tools t join servers s on s.id = t.server_id where t.name = 'theta_tool' and s.status = 'active'`);
    expect(holders).toEqual([{ key: "io.github.acme/target" }]);

    // Moved back, its record brings the server back.
    moving.repository = { url: "https://github.com/acme/theta" };
    await refresh();
    expect(await status("github.com/acme/theta")).toBe("active");
  });

  test("a server its registry record keeps loses the tools only the moved record listed, each a removal in the feed", async () => {
    const current = (name: string) => catalog.rows<{ key: string }>(sql`select s.key from tools t join servers s on s.id = t.server_id where t.name = ${name} and t.removed_at is null order by s.key`);
    expect(await current("gamma_tool")).toEqual([{ key: "io.github.acme/gamma" }]);

    listed.repository = { url: "https://github.com/acme/target" };
    const moved = await refresh();
    expect(await status("io.github.acme/gamma")).toBe("active");
    expect(moved.servers.removed).toBe(0);
    expect(await current("gamma_tool")).toEqual([{ key: "io.github.acme/target" }]);
    const feed = JSON.parse((await catalog.cli(["changes", "--server", "io.github.acme/gamma", "--json"])).stdout) as { tool: string; kind: string }[];
    expect(feed.map((c) => [c.tool, c.kind])).toEqual([["gamma_tool", "removed"], ["gamma_tool", "added"]]);
  });

  test("a server an older release left active with no record goes on the next complete full walk, and its record brings it back", async () => {
    // Before records owned their aliases, a directory entry whose repository changed moved to its new server and left
    // the old one active, holding no record (migration 0025 then dropped the aliases no record of it could assert).
    const [target] = await catalog.rows<{ id: number }>(sql`select id from servers where key = 'io.github.acme/target'`);
    const orphan = "github.com/acme/filler-1";
    await catalog.rows(sql`update server_sources set server_id = ${target!.id} where source = 'glama' and source_id = ${fillers[1]!.id}`);
    await catalog.rows(sql`update server_aliases set server_id = ${target!.id} where source = 'glama' and source_id = ${fillers[1]!.id}`);
    expect(await catalog.rows(sql`select 1 from server_sources ss join servers s on s.id = ss.server_id where s.key = ${orphan}`)).toEqual([]);
    expect(await status(orphan)).toBe("active");

    const swept = await refresh();
    expect(swept.sources.glama.mode).toBe("full");
    expect(await status(orphan)).toBe("gone");
    // Counted by the walk that swept it (the registry's, asked only for what changed, settles nothing), removed once.
    expect(swept.sources.registry.mode).toBe("incremental");
    expect(swept.sources.glama.gone).toBe(1);
    expect(swept.servers.removed).toBe(1);

    // Its entry changed and written again, resolved by its repository, lands on it and brings it back.
    fillers[1]!.description = `The filler1 server, described anew on ${driver}.`;
    const back = await refresh();
    expect(await status(orphan)).toBe("active");
    expect(await catalog.rows(sql`select ss.source_id from server_sources ss join servers s on s.id = ss.server_id where s.key = ${orphan}`)).toEqual([{ source_id: fillers[1]!.id }]);
    expect(back.servers.removed).toBe(0);
  });

  test("a server another entry of the same directory keeps takes that entry's tools in place of those the leaving entry listed", async () => {
    const current = (key: string) => catalog.rows<{ name: string; origin: string }>(sql`select t.name, t.origin from tools t join servers s on s.id = t.server_id where s.key = ${key} and t.removed_at is null order by t.name`);
    expect(await current("github.com/acme/delta")).toEqual([{ name: "delta_tool", origin: "glama" }]);

    twins[0]!.repository = { url: "https://github.com/acme/epsilon" };
    await refresh();
    expect(await status("github.com/acme/delta")).toBe("active");
    expect(await current("github.com/acme/delta")).toEqual([{ name: "deltb_tool", origin: "glama" }]);
    expect(await current("github.com/acme/epsilon")).toEqual([{ name: "delta_tool", origin: "glama" }]);
  });

  test("a server a Smithery record keeps takes Smithery's list in place of the tools the Glama entry that left listed", async () => {
    const current = (key: string) =>
      catalog.rows<{ name: string; origin: string; description: string }>(sql`select t.name, t.origin, t.description from tools t join servers s on s.id = t.server_id where s.key = ${key} and t.removed_at is null order by t.name`);
    await refresh("registry,glama,smithery");
    const records = await catalog.rows<{ source: string }>(sql`select ss.source from server_sources ss join servers s on s.id = ss.server_id where s.key = 'github.com/acme/kappa' order by ss.source`);
    expect(records).toEqual([{ source: "glama" }, { source: "smithery" }]);
    expect((await current("github.com/acme/kappa")).filter((t) => t.origin === "glama").map((t) => t.name)).toEqual(["kappa_glama_tool", "kappa_shared_tool"]);

    kappa.repository = { url: "https://github.com/acme/lambda" };
    await refresh("registry,glama,smithery");
    expect(await status("github.com/acme/kappa")).toBe("active");
    expect(await current("github.com/acme/kappa")).toEqual([
      { name: "kappa_shared_tool", origin: "smithery", description: "Smithery's word for the shared tool." },
      { name: "kappa_smithery_tool", origin: "smithery", description: "The kappa_smithery_tool tool." },
    ]);
    expect((await current("github.com/acme/lambda")).map((t) => [t.name, t.origin])).toEqual([
      ["kappa_glama_tool", "glama"],
      ["kappa_shared_tool", "glama"],
    ]);
    const feed = JSON.parse((await catalog.cli(["changes", "--server", "github.com/acme/kappa", "--json"])).stdout) as { tool: string; kind: string }[];
    expect(feed.filter((c) => c.tool === "kappa_glama_tool").map((c) => c.kind)).toEqual(["removed", "added"]);
  });
});
