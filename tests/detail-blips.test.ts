// A detail page that fails for now (a 429 asking more patience than the crawler has, a 5xx past its retries) is a
// blip: a record already stored stays as stored, rather than being rewritten from its list entry alone, which would
// drop what only the detail gives (Smithery's connections and repository). A Smithery replay on 127.0.0.1.
import type { IncomingMessage, ServerResponse } from "node:http";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DRIVERS } from "./helpers/catalog.js";
import { startLocalServer, type LocalServer } from "./helpers/local-server.js";
import { emptyCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";

const item = (name: string) => ({
  id: `id-${name}`,
  qualifiedName: `acme/${name}`,
  displayName: name,
  description: `The ${name} server.`,
  homepage: `https://smithery.ai/server/acme/${name}`,
  createdAt: "2026-01-02T00:00:00Z",
});
const detail = (name: string) => ({
  qualifiedName: `acme/${name}`,
  displayName: name,
  description: `The ${name} server.`,
  repository: `https://github.com/acme/${name}`,
  connections: [{ type: "http", deploymentUrl: `https://${name}.acme.example/mcp`, configSchema: {} }],
  tools: [{ name: `read_${name}`, description: `Read ${name}.`, inputSchema: { type: "object" } }],
});

type Summary = { status: string; sources: { smithery: { detailErrors: number; records: number } } };
type Row = { key: string; status: string; remotes: { url: string }[]; repository_key: string | null };

describe.each(DRIVERS)("a detail page that fails for now, on %s", (driver) => {
  let smithery: LocalServer;
  let catalog: CliCatalog;
  const listed = ["tracker"];
  /** Detail pages answered 429 with a Retry-After past what the crawler waits. */
  const throttled = new Set<string>();
  /** Detail pages answered so once, then as usual. */
  const throttledOnce = new Set<string>();

  beforeAll(async () => {
    smithery = await startLocalServer((req: IncomingMessage, res: ServerResponse) => {
      const path = decodeURIComponent((req.url ?? "/").split("?")[0]!);
      res.setHeader("content-type", "application/json");
      if (path === "/servers") return void res.end(JSON.stringify({ servers: listed.map(item), pagination: { currentPage: 1, pageSize: 100, totalPages: 1, totalCount: listed.length } }));
      const name = path.replace("/servers/acme/", "");
      if (throttledOnce.delete(name) || throttled.has(name)) return void res.writeHead(429, { "retry-after": "3600" }).end('{"error":"rate limited"}');
      res.end(JSON.stringify(detail(name)));
    });
    catalog = await emptyCliCatalog(driver, { SMITHERY_URL: smithery.url, SMITHERY_API_KEY: "k", CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
  });
  afterAll(async () => {
    await catalog?.dispose();
    await smithery?.close();
  });

  const refresh = async () => JSON.parse((await catalog.cli(["refresh", "--sources", "smithery", "--no-classify", "--json"])).stdout) as Summary;
  const servers = () => catalog.rows<Row>(sql`select key, status, remotes, repository_key from servers order by key`);

  test("a stored record stays as stored; a new one is stored from its list entry", async () => {
    expect((await refresh()).status).toBe("succeeded");
    const before = await servers();
    expect(before).toMatchObject([{ key: "github.com/acme/tracker", status: "active", repository_key: "github.com/acme/tracker", remotes: [{ url: "https://tracker.acme.example/mcp" }] }]);

    throttled.add("tracker");
    listed.push("notes");
    throttled.add("notes");
    const blip = await refresh();
    // The stored one is listed as stored, as a 304 would leave it: not among the records written.
    expect(blip.sources.smithery).toMatchObject({ detailErrors: 2, records: 1 });
    expect(await servers()).toEqual([...before, { key: "smithery.ai/acme/notes", status: "active", repository_key: null, remotes: [] }]);
    const tools = await catalog.rows<{ name: string; removed: boolean }>(sql`select name, removed_at is not null as removed from tools`);
    expect(tools).toEqual([{ name: "read_tracker", removed: false }]);
  });

  test("deriving every record again, a stored record whose detail fails for now is completed from the detail it was stored with, and asserts its aliases again", async () => {
    throttled.clear();
    await catalog.rows(sql`update source_state set identity_rules_version = null where source = 'smithery'`);
    throttledOnce.add("tracker");
    const run = await refresh();
    expect(run.sources.smithery).toMatchObject({ detailErrors: 1, records: 2 });
    const aliases = await catalog.rows<{ kind: string; value: string }>(sql`select kind, value from server_aliases where source = 'smithery' and source_id = 'id-tracker' order by kind, value`);
    expect(aliases).toEqual([
      { kind: "remote", value: "https://tracker.acme.example/mcp" },
      { kind: "repo", value: "github.com/acme/tracker" },
      { kind: "smithery", value: "acme/tracker" },
      { kind: "smithery", value: "id-tracker" },
    ]);
    // notes' detail, read at last, names its repository: its record moves there and the server its list entry made is gone.
    expect(await servers()).toMatchObject([
      { key: "github.com/acme/notes", status: "active", repository_key: "github.com/acme/notes" },
      { key: "github.com/acme/tracker", status: "active", repository_key: "github.com/acme/tracker", remotes: [{ url: "https://tracker.acme.example/mcp" }] },
      { key: "smithery.ai/acme/notes", status: "gone" },
    ]);
  });
});
