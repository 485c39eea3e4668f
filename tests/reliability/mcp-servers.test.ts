// MCP servers that misbehave, met by a whole refresh: each is cut off by a documented limit, its
// outcome is recorded on the server, the run goes on, and nothing already in the catalog is lost.
// (tests/enumerate/remote.test.ts pins each limit down at the protocol level.)
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import type { HttpClient } from "../../crawler/http.js";
import { introspectServers } from "../../crawler/introspect-stage.js";
import { refresh } from "../../crawler/refresh.js";
import { registrySource } from "../../crawler/sources/registry.js";
import { servers, tools } from "../../db/schema.js";
import { closesMidStream, startRawLegacyServer, tool } from "../enumerate/servers.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "../helpers/catalog.js";
import { testHttpClient } from "../helpers/http.js";
import type { LocalServer } from "../helpers/local-server.js";
import { startRegistryReplay, type RegistryItem, type RegistryReplay } from "../helpers/registry-replay.js";

const LIMITS = { connectTimeoutMs: 3_000, requestTimeoutMs: 3_000, totalTimeoutMs: 6_000, maxTools: 500, maxBytes: 1024 * 1024, maxPages: 20 };

function item(name: string, url: string): RegistryItem {
  const at = "2025-11-01T00:00:00Z";
  return {
    server: { name, description: "misbehaving", version: "1.0.0", remotes: [{ type: "streamable-http", url }] },
    _meta: { "io.modelcontextprotocol.registry/official": { status: "active", publishedAt: at, updatedAt: at, isLatest: true } },
  } as RegistryItem;
}

/**
 * True for each driver's first run, whose failures the tests check. In the rerun, about the other servers, the two
 * whose failure is a wait (a hang; a stream closed mid-reply can race into the request timeout) drop each request at
 * once: failures all the same, without waiting out the 3 s timeouts again.
 */
let firstRun = true;

/** Per server: its tool list on each call (by call number), so the second run can differ from the first. */
const behaviours: Record<string, Parameters<typeof startRawLegacyServer>[0]> = {
  "io.test/hangs-on-initialize": {
    takeOver: (m, _req, res) => {
      if (m.method !== "initialize") return false;
      if (!firstRun) res.destroy(); // else never answers
      return true;
    },
  },
  "io.test/ten-thousand-tools": {
    toolsList: (cursor) => {
      const start = Number(cursor ?? 0);
      return { tools: Array.from({ length: 1_000 }, (_, i) => tool(`tool_${start + i}`)), ...(start + 1_000 < 10_000 ? { nextCursor: String(start + 1_000) } : {}) };
    },
  },
  "io.test/huge-description": { toolsList: () => ({ tools: [tool("verbose", { description: "A".repeat(5 * 1024 * 1024) }), tool("terse")] }) },
  "io.test/long-description": { toolsList: () => ({ tools: [tool("verbose", { description: "A".repeat(512 * 1024) }), tool("terse")] }) },
  "io.test/invalid-json-rpc": {
    takeOver: (m, _req, res) => {
      if (m.method !== "tools/list") return false;
      res.writeHead(200, { "content-type": "application/json" }).end('{"jsonrpc":"2.0","id":');
      return true;
    },
  },
  "io.test/json-rpc-1.0": {
    takeOver: (m, _req, res) => {
      if (m.method !== "tools/list") return false;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "1.0", id: m.id, result: { tools: [tool("old")] } }));
      return true;
    },
  },
  "io.test/pages-forever": { toolsList: (_c, n) => ({ tools: [tool(`page_${n}`)], nextCursor: `page-${n + 1}` }) },
  "io.test/closes-mid-stream": {
    takeOver: (m, req, res) => {
      if (firstRun) return closesMidStream(m, req, res);
      if (m.method !== "tools/list") return false;
      res.destroy();
      return true;
    },
  },
  // MCP's optional fields sent as null, a hint of the wrong type, and one entry that is no tool at all.
  "io.test/null-fields": {
    toolsList: () => ({
      tools: [tool("nullable_title", { title: null, annotations: { title: null, readOnlyHint: null, destructiveHint: true } }), { name: 42 }, tool("plain"), tool("string_hint", { annotations: { readOnlyHint: "true", destructiveHint: true } })],
    }),
  },
  // Three names that become one once NUL and lone surrogates are replaced, sent in another order on each call.
  "io.test/names-collide-when-cleaned": {
    toolsList: (_c, n) => {
      const colliding = [tool("a\u0000", { description: "Read only." }), tool("a\ud800", { description: "Delete all files permanently." }), tool("a\udc00")];
      return { tools: [...(n % 2 ? colliding : colliding.reverse()), tool("kept")] };
    },
  },
  // One `query` at first; from the second call on, two tools of that name with different definitions.
  "io.test/same-name-twice": {
    toolsList: (_c, n) => {
      const read = tool("query", { description: "Read rows.", annotations: { readOnlyHint: true } });
      const drop = tool("query", { description: "Drop the table.", annotations: { destructiveHint: true } });
      return { tools: [...(n === 1 ? [read] : n % 2 ? [read, drop] : [drop, read]), tool("kept")] };
    },
  },
  "io.test/well-behaved": { toolsList: () => ({ tools: [tool("get_status"), tool("delete_everything", { description: "Delete every record." })] }) },
};

describe.each(DRIVERS)("misbehaving MCP servers on %s", (driver) => {
  let t: TestCatalog;
  let registry: RegistryReplay;
  let http: HttpClient;
  const running: LocalServer[] = [];
  let summary: Awaited<ReturnType<typeof refresh>>;

  const run = () =>
    refresh(t.catalog, {
      sources: [registrySource(registry.url)],
      full: true,
      fetcherFor: () => http,
      introspect: (db, runId) =>
        introspectServers(db, runId, { modes: ["remote"], limits: LIMITS, concurrency: 8, perHostConcurrency: 8, maxAgeHours: 0, fetch: http.fetch, sandbox: { memoryMb: 256, noNetwork: true }, installTimeoutMs: 1_000 }),
    });

  const errorOf = async (key: string) => (await t.catalog.db.select({ error: servers.introspectionError }).from(servers).where(eq(servers.key, key)))[0]!.error;
  /** What a listing that succeeded noted, with no failure recorded beside it. */
  const notesOf = async (key: string) => {
    const [row] = await t.catalog.db.select({ error: servers.introspectionError, notes: servers.introspectionNotes }).from(servers).where(eq(servers.key, key));
    expect(row!.error).toBeNull();
    return row!.notes;
  };
  const toolsOf = async (key: string) =>
    (
      await t.catalog.db
        .select({ name: tools.name, description: tools.description })
        .from(tools)
        .innerJoin(servers, eq(servers.id, tools.serverId))
        .where(and(eq(servers.key, key), isNull(tools.removedAt)))
    ).sort((a, b) => a.name.localeCompare(b.name));

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    http = testHttpClient({ maxAttempts: 1 });
    const items: RegistryItem[] = [];
    for (const [name, behaviour] of Object.entries(behaviours)) {
      const s = await startRawLegacyServer(behaviour);
      running.push(s);
      items.push(item(name, s.url));
    }
    registry = await startRegistryReplay(items);
    // Every server is bounded by its own total timeout: a run that waited on a hung one would never finish.
    firstRun = true;
    summary = await run();
    firstRun = false;
  });
  afterAll(async () => {
    await Promise.all([http.close(), registry.close(), ...running.map((s) => s.close())]);
    await t.dispose();
  });

  test("the run succeeds with every failure counted by reason", () => {
    expect(summary.status).toBe("succeeded");
    expect(summary.introspection).toMatchObject({ attempted: 12, succeeded: 7, failed: 5 });
    const { protocol, limit, timeout = 0, connect = 0, ...other } = summary.introspection!.failures;
    expect({ protocol, limit, other }).toEqual({ protocol: 2, limit: 1, other: {} });
    // The hanging server times out; the stream closed mid-reply is a connect error or, if the close races the read, a timeout.
    expect(timeout + connect).toBe(2);
  });

  test("a server that hangs on initialize is cut off at the total timeout and recorded", async () => {
    expect(await errorOf("io.test/hangs-on-initialize")).toMatch(/^timeout: /);
  });

  test("10,000 tools: the first maxTools are kept and the cut is noted (a note, no failure)", async () => {
    expect(await toolsOf("io.test/ten-thousand-tools")).toHaveLength(LIMITS.maxTools);
    expect(await notesOf("io.test/ten-thousand-tools")).toBe("truncated: maxTools");
  });

  test("a 5 MB description is over the byte budget: the listing fails as a limit without reading it all", async () => {
    expect(await errorOf("io.test/huge-description")).toMatch(/^limit: .*more than \d+ bytes/);
    expect(await toolsOf("io.test/huge-description")).toEqual([]);
  });

  test("a 512 KB description within the budget is stored cut to 10,000 characters and marked", async () => {
    const [terse, verbose] = await toolsOf("io.test/long-description");
    expect(terse!.name).toBe("terse");
    expect(verbose!.description).toHaveLength(10_000);
    expect(verbose!.description!.endsWith("… [truncated]")).toBe(true);
  });

  test("invalid JSON-RPC and a stream closed mid-reply fail their server only", async () => {
    expect(await errorOf("io.test/invalid-json-rpc")).toMatch(/^protocol: /);
    expect(await errorOf("io.test/closes-mid-stream")).toMatch(/^(connect|timeout): /);
    expect(await toolsOf("io.test/invalid-json-rpc")).toEqual([]);
  });

  test("a reply in a JSON-RPC 1.0 envelope is a protocol failure recorded in one line naming the problem", async () => {
    expect(await errorOf("io.test/json-rpc-1.0")).toBe(`protocol: the server's reply is not JSON-RPC 2.0: jsonrpc: expected "2.0"`);
    expect(await toolsOf("io.test/json-rpc-1.0")).toEqual([]);
  });

  test("a tool whose title or annotation hints are null, or a hint of the wrong type, is kept without them; the wrong type and a tool that cannot be kept are recorded on its server", async () => {
    const listed = await t.catalog.db
      .select({ name: tools.name, title: tools.title, annotations: tools.annotations })
      .from(tools)
      .innerJoin(servers, eq(servers.id, tools.serverId))
      .where(eq(servers.key, "io.test/null-fields"));
    expect(listed.map((x) => x.name).sort()).toEqual(["nullable_title", "plain", "string_hint"]);
    const nullable = listed.find((x) => x.name === "nullable_title")!;
    expect(nullable.title).toBeNull();
    expect(nullable.annotations).toEqual({ destructiveHint: true });
    expect(listed.find((x) => x.name === "string_hint")!.annotations).toEqual({ destructiveHint: true });
    expect(await notesOf("io.test/null-fields")).toMatch(
      /^skipped 1 tool: page 1 tool 1: invalid \(name[^;]*; dropped 1 annotation hint of the wrong type, the tools kept: page 1 tool 3 "string_hint": readOnlyHint dropped: a string \("true"\), not a boolean$/,
    );
  });

  test("tools whose names collide once NUL and lone surrogates are replaced are none of them kept, whatever their order, and named on the server", async () => {
    expect(await toolsOf("io.test/names-collide-when-cleaned")).toEqual([{ name: "kept", description: "Tool kept." }]);
    expect(await notesOf("io.test/names-collide-when-cleaned")).toBe('skipped 3 tools: name "a\ufffd": 3 tools whose names collide once NUL bytes or lone surrogates are replaced; none of them is kept');
  });

  test("a name listed once is stored (the rerun below lists it twice)", async () => {
    expect((await toolsOf("io.test/same-name-twice")).map((x) => x.name)).toEqual(["kept", "query"]);
  });

  test("a server that never stops paging is cut at maxPages", async () => {
    expect(await toolsOf("io.test/pages-forever")).toHaveLength(LIMITS.maxPages);
    expect(await notesOf("io.test/pages-forever")).toBe("truncated: maxPages");
  });

  test("a rerun where the truncated lists come back different removes nothing they did not reach", async () => {
    const before = (await toolsOf("io.test/pages-forever")).length;
    const second = await run();
    expect(second.status).toBe("succeeded");
    // pages-forever now lists page_21… (its call counter moved on); the first run's tools stay.
    expect((await toolsOf("io.test/pages-forever")).length).toBeGreaterThan(before);
    expect(await toolsOf("io.test/ten-thousand-tools")).toHaveLength(LIMITS.maxTools);
    expect((await toolsOf("io.test/well-behaved")).map((x) => x.name)).toEqual(["delete_everything", "get_status"]);
    // The colliding names came in the other order: still none of them.
    expect((await toolsOf("io.test/names-collide-when-cleaned")).map((x) => x.name)).toEqual(["kept"]);
  });

  test("a name listed once, then twice with different definitions: the stored tool is removed, not one of the two kept, and the name is on its server", async () => {
    // The first run stored the one `query`; the rerun above met two.
    expect(await toolsOf("io.test/same-name-twice")).toEqual([{ name: "kept", description: "Tool kept." }]);
    expect(await notesOf("io.test/same-name-twice")).toBe('skipped 2 tools: name "query": 2 tools with different definitions; none of them is kept');
  });
});
