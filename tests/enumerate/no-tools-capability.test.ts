// A server that initializes fine but declares no tools capability offers no tools (MCP): the SDK v2 server's own
// answer when it has none (server/discover says `capabilities: {}`, tools/list is a 404 carrying -32601). It is listed
// as an empty list, not a protocol failure, so the tools stored for it are removed, with the history saying so.
import { createMcpHandler, McpServer } from "@modelcontextprotocol/server";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { storeListing } from "../../crawler/listing.js";
import { listRemoteTools } from "../../crawler/mcp/remote.js";
import { listingCandidate } from "../../db/listing-jobs.js";
import { servers, toolChanges, tools } from "../../db/schema.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "../helpers/catalog.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";
import { limits, listingFailure, readBody, startRawLegacyServer, tool } from "./servers.js";

/** The SDK v2 McpServer over Streamable HTTP (createMcpHandler, stateless) on 127.0.0.1, with the tools `names` holds now. */
async function startSdkServer(names: () => string[]): Promise<LocalServer> {
  const handler = createMcpHandler(() => {
    const server = new McpServer({ name: "shrinking", version: "2.0.0" });
    for (const name of names()) server.registerTool(name, { description: `Read ${name}.`, inputSchema: { id: z.string() }, annotations: { readOnlyHint: true } }, async () => ({ content: [] }));
    return server;
  });
  return startLocalServer(async (req, res) => {
    const body = req.method === "POST" ? await readBody(req) : undefined;
    const headers = Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : []));
    const answer = await handler.fetch(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, ...(body !== undefined ? { body } : {}) }));
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
}

describe("listing a server that declares no tools capability", () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startSdkServer(() => []);
  });
  afterAll(() => server?.close());

  it("is an empty list, not a protocol failure", async () => {
    const r = await listRemoteTools({ url: `${server.url}/mcp`, type: "streamable-http" }, { limits });
    expect(r.tools).toEqual([]);
    expect(r.serverInfo).toEqual({ name: "shrinking", version: "2.0.0" });
    expect(r.truncated).toBeUndefined();
  });
});

/** A legacy (2025-06-18) server declaring `capabilities`, whose tools/list is answered with `answer` (a result, or an error). */
async function startDeclaring(capabilities: Record<string, unknown>, answer: { result: unknown } | { error: { code: number; message: string } }): Promise<LocalServer> {
  return startRawLegacyServer({
    takeOver: (m, _req, res) => {
      const reply = (body: Record<string, unknown>) => void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id: m.id, ...body }));
      if (m.method === "initialize") reply({ result: { protocolVersion: "2025-06-18", capabilities, serverInfo: { name: "declaring", version: "1" } } });
      else if (m.method === "tools/list") reply(answer);
      else return false;
      return true;
    },
  });
}

describe("the tools capability and a refused tools/list (legacy era)", () => {
  const started: LocalServer[] = [];
  const list = async (capabilities: Record<string, unknown>, answer: Parameters<typeof startDeclaring>[1]) => {
    const s = await startDeclaring(capabilities, answer);
    started.push(s);
    return listRemoteTools({ url: `${s.url}/mcp`, type: "streamable-http" }, { limits });
  };
  afterAll(() => Promise.all(started.map((s) => s.close())));

  it("no tools capability, any refusal: an empty list", async () => {
    expect((await list({ resources: {} }, { error: { code: -32603, message: "Internal error" } })).tools).toEqual([]);
  });

  it("no tools capability, but tools listed all the same: the tools are kept", async () => {
    expect((await list({}, { result: { tools: [tool("read_anyway")] } })).tools.map((x) => x.name)).toEqual(["read_anyway"]);
  });

  it("the tools capability declared, tools/list refused otherwise than 'method not found': a protocol failure, the stored tools kept", async () => {
    const e = await listingFailure(list({ tools: {} }, { error: { code: -32603, message: "Internal error" } }));
    expect(e.reason).toBe("protocol");
  });
});

describe.each(DRIVERS)("a server whose tools are all gone, on %s", (driver) => {
  let t: TestCatalog;
  let server: LocalServer;
  let names = ["read_a", "read_b"];

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    server = await startSdkServer(() => names);
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  it("has its stored tools removed, the history saying so, and no listing error", async () => {
    const [row] = await t.catalog.db
      .insert(servers)
      .values({ key: "io.test/shrinking", canonicalSource: "registry:x", canonicalRank: 30, contentHash: "h", remotes: [{ type: "streamable-http", url: `${server.url}/mcp`, needsSecret: false }] })
      .returning({ id: servers.id });
    const candidate = (await listingCandidate(t.catalog.db, row!.id))!;
    const listAndStore = async (runId: number) => {
      const fetched = await listRemoteTools({ url: `${server.url}/mcp`, type: "streamable-http" }, { limits });
      await storeListing(t.catalog.db, candidate, fetched, { runId, now: new Date(), mode: "remote", classify: false });
    };
    const current = async () => (await t.catalog.db.select({ name: tools.name }).from(tools).where(and(eq(tools.serverId, row!.id), isNull(tools.removedAt)))).map((x) => x.name).sort();

    await listAndStore(1);
    expect(await current()).toEqual(["read_a", "read_b"]);
    names = [];
    await listAndStore(2);
    expect(await current()).toEqual([]);
    const history = await t.catalog.db.select({ tool: toolChanges.toolName, kind: toolChanges.kind, runId: toolChanges.runId }).from(toolChanges).where(eq(toolChanges.serverId, row!.id));
    expect(history.filter((h) => h.runId === 2).sort((a, b) => a.tool.localeCompare(b.tool))).toEqual([
      { tool: "read_a", kind: "removed", runId: 2 },
      { tool: "read_b", kind: "removed", runId: 2 },
    ]);
    const [after] = await t.catalog.db.select({ error: servers.introspectionError, at: servers.introspectedAt }).from(servers).where(eq(servers.id, row!.id));
    expect(after!.error).toBeNull();
    expect(after!.at).not.toBeNull();
  });
});
