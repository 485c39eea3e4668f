// listRemoteTools against real MCP servers on 127.0.0.1: the SDK's own, hand-written legacy ones that misbehave, and a 2026-07-28 one.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import type { EnumerateLimits } from "../../crawler/mcp/limits.js";
import { listRemoteTools } from "../../crawler/mcp/remote.js";
import type { LocalServer } from "../helpers/local-server.js";
import { annotatedServer, closesMidStream, limits, listingFailure, startModernServer, startRawLegacyServer, startSseServer, startStreamableServer, tool } from "./servers.js";

const servers: LocalServer[] = [];
const track = <T extends LocalServer>(s: T): T => {
  servers.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const with_ = (over: Partial<EnumerateLimits>): EnumerateLimits => ({ ...limits, ...over });

describe("legacy servers (initialize, then tools/list)", () => {
  it("lists an SDK McpServer over Streamable HTTP, with annotations, and ends its session", async () => {
    const s = track(await startStreamableServer(annotatedServer));
    const r = await listRemoteTools({ url: `${s.url}/mcp`, type: "streamable-http" }, { limits });
    expect(r.transport).toBe("streamable-http");
    expect(r.protocolVersion).toBe("2025-11-25");
    expect(r.serverInfo).toEqual({ name: "fixture-server", version: "1.2.3" });
    expect(r.tools.map((t) => t.name)).toEqual(["list_issues", "create_issue", "delete_repo"]);
    const list = r.tools.find((t) => t.name === "list_issues")!;
    expect(list.title).toBe("List issues");
    expect(list.annotations).toEqual({ readOnlyHint: true, openWorldHint: true });
    expect(list.inputSchema).toMatchObject({ type: "object", properties: { repo: { type: "string" } } });
    expect(r.tools.find((t) => t.name === "delete_repo")!.annotations).toEqual({ destructiveHint: true, idempotentHint: true });
    expect(r).toMatchObject({ pages: 1, skipped: 0, descriptionsTruncated: 0 });
    expect(r.truncated).toBeUndefined();
    expect(r.bytes).toBeGreaterThan(100);
    // The session was closed with DELETE, so the server could free it at once.
    expect(s.deleted).toHaveLength(1);
  });

  it("lists an SDK McpServer over HTTP+SSE when the remote is declared sse", async () => {
    const s = track(await startSseServer(annotatedServer));
    const r = await listRemoteTools({ url: `${s.url}/sse`, type: "sse" }, { limits });
    expect(r.transport).toBe("sse");
    expect(r.serverInfo?.name).toBe("fixture-server");
    expect(r.tools.map((t) => t.name)).toEqual(["list_issues", "create_issue", "delete_repo"]);
    expect(r.tools[0]!.annotations).toEqual({ readOnlyHint: true, openWorldHint: true });
    expect(s.requests.filter((u) => u === "/sse")).toHaveLength(1); // no Streamable HTTP attempt first
  });

  it("falls back to SSE when a declared streamable-http endpoint refuses the POST with 405", async () => {
    const s = track(await startSseServer(annotatedServer));
    const r = await listRemoteTools({ url: `${s.url}/sse`, type: "streamable-http" }, { limits });
    expect(r.transport).toBe("sse");
    expect(r.tools).toHaveLength(3);
  });

  it("routes every request through the fetch it is given (the SSRF guard's hook), on both transports", async () => {
    const s1 = track(await startStreamableServer(annotatedServer));
    const s2 = track(await startSseServer(annotatedServer));
    const seen: string[] = [];
    const spy = ((input: string | URL | Request, init?: RequestInit) => {
      seen.push(`${init?.method ?? "GET"} ${new URL(input instanceof Request ? input.url : input.toString()).pathname}`);
      return fetch(input, init);
    }) as typeof fetch;
    await listRemoteTools({ url: `${s1.url}/mcp`, type: "streamable-http" }, { limits, fetch: spy });
    await listRemoteTools({ url: `${s2.url}/sse`, type: "sse" }, { limits, fetch: spy });
    expect(seen).toContain("POST /mcp");
    expect(seen).toContain("GET /sse");
    expect(seen).toContain("POST /messages");
    // What the guard refuses surfaces as "blocked".
    const blocked = (() => Promise.reject(Object.assign(new Error("refused 127.0.0.1"), { name: "SsrfError" }))) as typeof fetch;
    const e = await listingFailure(listRemoteTools({ url: `${s1.url}/mcp`, type: "streamable-http" }, { limits, fetch: blocked }));
    expect(e.reason).toBe("blocked");
  });

  it("pages through hundreds of tools by nextCursor (low-level Server with its own tools/list)", async () => {
    const all = Array.from({ length: 450 }, (_, i) => tool(`tool_${String(i).padStart(3, "0")}`, { annotations: { readOnlyHint: i % 2 === 0 } }));
    const cursors: (string | undefined)[] = [];
    const s = track(
      await startStreamableServer(() => {
        const server = new Server({ name: "paged", version: "2.0.0" }, { capabilities: { tools: {} } });
        server.setRequestHandler(ListToolsRequestSchema, async (req) => {
          cursors.push(req.params?.cursor);
          const start = req.params?.cursor ? Number(Buffer.from(req.params.cursor, "base64url").toString()) : 0;
          const end = start + 100;
          return { tools: all.slice(start, end) as never, ...(end < all.length ? { nextCursor: Buffer.from(String(end)).toString("base64url") } : {}) };
        });
        return server;
      }),
    );
    const r = await listRemoteTools({ url: `${s.url}/mcp`, type: "streamable-http" }, { limits });
    expect(r.pages).toBe(5);
    expect(r.tools).toHaveLength(450);
    expect(r.tools[449]!.name).toBe("tool_449");
    expect(r.tools[2]!.annotations).toEqual({ readOnlyHint: true });
    expect(cursors[0]).toBeUndefined();
    expect(r.truncated).toBeUndefined();
  });

  it("treats a server without tools (method not found) as an empty list", async () => {
    const s = track(await startRawLegacyServer({}));
    const r = await listRemoteTools({ url: s.url, type: "streamable-http" }, { limits });
    expect(r.tools).toEqual([]);
    expect(r.serverInfo).toEqual({ name: "raw", version: "0.0.1" });
    expect(r.protocolVersion).toBe("2025-06-18");
  });
});

describe("limits", () => {
  it("a server that hangs on initialize is cut off by the total timeout, and its connections are closed", async () => {
    const s = track(await startRawLegacyServer({ takeOver: () => true })); // never answers anything
    const t0 = Date.now();
    const e = await listingFailure(listRemoteTools({ url: s.url, type: "streamable-http" }, { limits: with_({ connectTimeoutMs: 30_000, requestTimeoutMs: 30_000, totalTimeoutMs: 400 }) }));
    const took = Date.now() - t0;
    expect(e.reason).toBe("timeout");
    expect(e.message).toMatch(/total timeout of 400 ms/);
    expect(took).toBeLessThan(1_500);
    await new Promise((r) => setTimeout(r, 100));
    expect(s.closed()).toBeGreaterThanOrEqual(1);
  });

  it("the connect timeout bounds discover + initialize even when the total is generous", async () => {
    const s = track(await startRawLegacyServer({ takeOver: () => true }));
    const t0 = Date.now();
    const e = await listingFailure(listRemoteTools({ url: s.url, type: "streamable-http" }, { limits: with_({ connectTimeoutMs: 200, totalTimeoutMs: 20_000 }) }));
    expect(e.reason).toBe("timeout");
    expect(e.message).toMatch(/initialize within 200 ms/);
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it("the request timeout bounds each tools/list page", async () => {
    const s = track(await startRawLegacyServer({ takeOver: (m) => m.method === "tools/list" }));
    const e = await listingFailure(listRemoteTools({ url: s.url, type: "streamable-http" }, { limits: with_({ requestTimeoutMs: 200 }) }));
    expect(e.reason).toBe("timeout");
  });

  it("the caller's abort signal stops the run", async () => {
    const s = track(await startRawLegacyServer({ takeOver: () => true }));
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error("shutting down")), 100);
    const e = await listRemoteTools({ url: s.url, type: "streamable-http" }, { limits, signal: ac.signal }).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/shutting down/);
  });

  it("a cursor that loops back stops paging (cursorLoop)", async () => {
    const s = track(await startRawLegacyServer({ toolsList: (_c, n) => ({ tools: [tool(`t${n}`)], nextCursor: "again" }) }));
    const r = await listRemoteTools({ url: s.url, type: "streamable-http" }, { limits });
    expect(r.truncated).toBe("cursorLoop");
    expect(r.pages).toBe(2);
    expect(r.tools.map((t) => t.name)).toEqual(["t1", "t2"]);
  });

  it("a server that never stops paging is cut at maxPages", async () => {
    const s = track(await startRawLegacyServer({ toolsList: (_c, n) => ({ tools: [tool(`t${n}`)], nextCursor: `page-${n + 1}` }) }));
    const r = await listRemoteTools({ url: s.url, type: "streamable-http" }, { limits: with_({ maxPages: 7 }) });
    expect(r.truncated).toBe("maxPages");
    expect(r.pages).toBe(7);
    expect(r.tools).toHaveLength(7);
    expect(s.methods.filter((m) => m === "tools/list")).toHaveLength(7);
  });

  it("10,000 tools: stops paging at maxTools", async () => {
    const s = track(
      await startRawLegacyServer({
        toolsList: (cursor) => {
          const start = Number(cursor ?? 0);
          return { tools: Array.from({ length: 1000 }, (_, i) => tool(`tool_${start + i}`)), ...(start + 1000 < 10_000 ? { nextCursor: String(start + 1000) } : {}) };
        },
      }),
    );
    const r = await listRemoteTools({ url: s.url, type: "streamable-http" }, { limits: with_({ maxTools: 2_500 }) });
    expect(r.tools).toHaveLength(2_500);
    expect(r.truncated).toBe("maxTools");
    expect(r.pages).toBe(3);
    expect(s.methods.filter((m) => m === "tools/list")).toHaveLength(3);
  });

  it("10,000 tools in one page: cut at the default maxTools", async () => {
    const s = track(await startRawLegacyServer({ toolsList: () => ({ tools: Array.from({ length: 10_000 }, (_, i) => tool(`tool_${i}`)) }) }));
    const r = await listRemoteTools({ url: s.url, type: "streamable-http" }, { limits });
    expect(r.tools).toHaveLength(2_000);
    expect(r.truncated).toBe("maxTools");
  });

  it("exactly maxTools tools and no more pages is not truncated", async () => {
    const s = track(await startRawLegacyServer({ toolsList: () => ({ tools: [tool("a"), tool("b")] }) }));
    const r = await listRemoteTools({ url: s.url, type: "streamable-http" }, { limits: with_({ maxTools: 2 }) });
    expect(r.tools).toHaveLength(2);
    expect(r.truncated).toBeUndefined();
  });

  it("maxBytes cuts the list by the JSON size of the tools received", async () => {
    const big = "x".repeat(10_000);
    const s = track(await startRawLegacyServer({ toolsList: () => ({ tools: Array.from({ length: 100 }, (_, i) => tool(`t${i}`, { description: big })) }) }));
    const r = await listRemoteTools({ url: s.url, type: "streamable-http" }, { limits: with_({ maxBytes: 200_000 }) });
    expect(r.truncated).toBe("maxBytes");
    expect(r.tools.length).toBeGreaterThan(15);
    expect(r.tools.length).toBeLessThan(20);
    expect(r.bytes).toBeLessThanOrEqual(200_000);
  });

  it("a 5 MB description is cut to maxDescriptionChars (default 10,000 when unset) and marked", async () => {
    const huge = "A".repeat(5 * 1024 * 1024);
    const s = track(await startRawLegacyServer({ toolsList: () => ({ tools: [tool("verbose", { description: huge }), tool("terse")] }) }));
    const { maxDescriptionChars: _unset, ...unset } = limits;
    const r = await listRemoteTools({ url: s.url, type: "streamable-http" }, { limits: unset });
    expect(r.tools.map((t) => t.name)).toEqual(["verbose", "terse"]);
    expect(r.tools[0]!.description).toHaveLength(10_000);
    expect(r.tools[0]!.description!.endsWith("… [truncated]")).toBe(true);
    expect(r.tools[1]!.description).toBe("Tool terse.");
    expect(r.descriptionsTruncated).toBe(1);
  });

  it("a 5 MB description over a small byte budget fails as a limit, without reading it all", async () => {
    const huge = "A".repeat(5 * 1024 * 1024);
    const s = track(await startRawLegacyServer({ toolsList: () => ({ tools: [tool("verbose", { description: huge })] }) }));
    const e = await listingFailure(listRemoteTools({ url: s.url, type: "streamable-http" }, { limits: with_({ maxBytes: 512 * 1024 }) }));
    expect(e.reason).toBe("limit");
    expect(e.message).toMatch(/more than \d+ bytes/);
  });
});

describe("broken servers", () => {
  it("skips and counts tools that fail validation or repeat a name; keeps the rest, an ill-typed hint dropped", async () => {
    const s = track(
      await startRawLegacyServer({
        toolsList: () => ({ tools: [tool("ok_one"), { description: "no name" }, { name: 42 }, tool("ok_two", { annotations: { readOnlyHint: "yes" } }), tool("ok_one"), "junk", tool("ok_three", { description: null }), tool("bad_schema", { inputSchema: "x" })] }),
      }),
    );
    const r = await listRemoteTools({ url: s.url, type: "streamable-http" }, { limits });
    expect(r.tools.map((t) => t.name)).toEqual(["ok_one", "ok_two", "ok_three"]);
    expect(r.tools[1]!.annotations).toEqual({});
    expect(r.tools[2]!.description).toBeUndefined();
    expect(r.skipped).toBe(5);
    // The skipped tool with a name keeps its stored definition; the nameless ones make the list partial.
    expect(r.skippedNames).toEqual(["bad_schema"]);
    expect(r.skippedUnnamed).toBe(true);
    expect(r.skipReasons[0]).toMatch(/page 1 tool 1: invalid \(name/);
    expect(r.skipReasons.some((x) => /duplicate name "ok_one"/.test(x))).toBe(true);
    // The ill-typed hint is dropped, and said so.
    expect(r.hintsDropped).toBe(1);
    expect(r.hintNotes).toEqual(['page 1 tool 3 "ok_two": readOnlyHint dropped: a string ("yes"), not a boolean']);
  });

  it("hints of the wrong type are all counted, the first few named", async () => {
    const tools = Array.from({ length: 50 }, (_, i) => tool(`t${i}`, { annotations: { readOnlyHint: "true", destructiveHint: 0, openWorldHint: true } }));
    const s = track(await startRawLegacyServer({ toolsList: () => ({ tools }) }));
    const r = await listRemoteTools({ url: s.url, type: "streamable-http" }, { limits });
    expect(r.tools).toHaveLength(50);
    expect(r.tools[0]!.annotations).toEqual({ openWorldHint: true });
    expect(r.hintsDropped).toBe(100);
    expect(r.hintNotes).toHaveLength(10);
    expect(r.hintNotes[1]).toBe('page 1 tool 0 "t0": destructiveHint dropped: a number (0), not a boolean');
  });

  it("a name sent twice with different definitions keeps neither, whichever order they come in; identical copies keep one", async () => {
    const read = tool("query", { description: "Read rows.", annotations: { readOnlyHint: true } });
    const drop = tool("query", { description: "Drop the table.", annotations: { destructiveHint: true } });
    // The order flips on every call, as a server iterating a hash map may.
    const s = track(await startRawLegacyServer({ toolsList: (_c, n) => ({ tools: [...(n % 2 ? [read, drop] : [drop, read]), tool("status"), tool("status"), { name: "query", inputSchema: "x" }] }) }));
    for (const _ of [1, 2]) {
      const r = await listRemoteTools({ url: s.url, type: "streamable-http" }, { limits });
      expect(r.tools.map((t) => t.name)).toEqual(["status"]);
      expect(r.skipped).toBe(4);
      expect(r.skipReasons).toEqual([
        'name "query": 2 tools with different definitions; none of them is kept',
        expect.stringMatching(/^page 1 tool 4: invalid \(inputSchema/),
        'duplicate name "status": 1 identical copy left out, the tool kept once',
      ]);
      // The invalid copy does not keep a stored "query": a name that stands for two tools keeps none.
      expect(r.skippedNames).toEqual([]);
    }
  });

  it("a reply that is not JSON fails as a protocol error", async () => {
    const s = track(
      await startRawLegacyServer({
        takeOver: (m, _req, res) => {
          if (m.method !== "tools/list") return false;
          res.writeHead(200, { "content-type": "application/json" }).end("{not json");
          return true;
        },
      }),
    );
    const e = await listingFailure(listRemoteTools({ url: s.url, type: "streamable-http" }, { limits }));
    expect(e.reason).toBe("protocol");
  });

  it("a reply in a JSON-RPC 1.0 envelope fails as a protocol error said in one line, as a JSON body or as an SSE event", async () => {
    for (const sse of [false, true]) {
      const s = track(
        await startRawLegacyServer({
          takeOver: (m, _req, res) => {
            if (m.method !== "tools/list") return false;
            const reply = JSON.stringify({ jsonrpc: "1.0", id: m.id, result: { tools: [tool("a")] } });
            if (sse) res.writeHead(200, { "content-type": "text/event-stream" }).write(`event: message\ndata: ${reply}\n\n`);
            else res.writeHead(200, { "content-type": "application/json" }).end(reply);
            return true;
          },
        }),
      );
      const e = await listingFailure(listRemoteTools({ url: s.url, type: "streamable-http" }, { limits: with_({ requestTimeoutMs: 300 }) }));
      expect(e.reason).toBe("protocol");
      const said = `the server's reply is not JSON-RPC 2.0: jsonrpc: expected "2.0"`;
      // An SSE event the client cannot read leaves the request to time out, with what the stream carried.
      expect(e.message).toBe(sse ? `Request timed out (transport reported: ${said})` : said);
    }
  });

  it("an initialize answered in a JSON-RPC 1.0 envelope fails the same way", async () => {
    const s = track(
      await startRawLegacyServer({
        takeOver: (m, _req, res) => {
          if (m.method !== "initialize") return false;
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "1.0", id: m.id, result: { protocolVersion: "2025-06-18", capabilities: {}, serverInfo: { name: "old", version: "1" } } }));
          return true;
        },
      }),
    );
    const e = await listingFailure(listRemoteTools({ url: s.url, type: "streamable-http" }, { limits }));
    expect(e.reason).toBe("protocol");
    expect(e.message).toBe(`the server's reply is not JSON-RPC 2.0: jsonrpc: expected "2.0"`);
  });

  it("a JSON-RPC result without a tools array fails as a protocol error", async () => {
    const s = track(await startRawLegacyServer({ toolsList: () => ({ tools: "many" }) }));
    const e = await listingFailure(listRemoteTools({ url: s.url, type: "streamable-http" }, { limits }));
    expect(e.reason).toBe("protocol");
  });

  it("an invalid initialize result fails as a protocol error", async () => {
    const s = track(
      await startRawLegacyServer({
        takeOver: (m, _req, res) => {
          if (m.method !== "initialize") return false;
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id: m.id, result: { hello: "world" } }));
          return true;
        },
      }),
    );
    const e = await listingFailure(listRemoteTools({ url: s.url, type: "streamable-http" }, { limits }));
    expect(e.reason).toBe("protocol");
  });

  it("invalid JSON inside an SSE reply stream fails as a protocol error, not a bare timeout", async () => {
    const s = track(
      await startRawLegacyServer({
        takeOver: (m, _req, res) => {
          if (m.method !== "tools/list") return false;
          res.writeHead(200, { "content-type": "text/event-stream" });
          res.write("event: message\ndata: {broken\n\n");
          return true;
        },
      }),
    );
    const e = await listingFailure(listRemoteTools({ url: s.url, type: "streamable-http" }, { limits: with_({ requestTimeoutMs: 300 }) }));
    expect(e.reason).toBe("protocol");
  });

  it("a server that closes the connection mid-reply fails as a connect error", async () => {
    const s = track(
      await startRawLegacyServer({
        takeOver: (m, _req, res) => {
          if (m.method !== "tools/list") return false;
          res.writeHead(200, { "content-type": "application/json", "content-length": "5000" });
          res.write('{"jsonrpc":"2.0","id":');
          setTimeout(() => res.socket?.destroy(), 20);
          return true;
        },
      }),
    );
    const e = await listingFailure(listRemoteTools({ url: s.url, type: "streamable-http" }, { limits }));
    expect(e.reason).toBe("connect");
  });

  it("a server that drops its SSE reply stream mid-event fails (connect), bounded by the request timeout", async () => {
    const s = track(
      await startRawLegacyServer({
        takeOver: closesMidStream,
      }),
    );
    const t0 = Date.now();
    const e = await listingFailure(listRemoteTools({ url: s.url, type: "streamable-http" }, { limits: with_({ requestTimeoutMs: 400 }) }));
    expect(["connect", "timeout"]).toContain(e.reason);
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it("nothing listening: connect", async () => {
    const s = await startRawLegacyServer({});
    const url = s.url;
    await s.close();
    const e = await listingFailure(listRemoteTools({ url, type: "streamable-http" }, { limits }));
    expect(e.reason).toBe("connect");
  });

  it("401: auth, and no SSE fallback (401 is not a fallback status)", async () => {
    const s = track(await startRawLegacyServer({ takeOver: (_m, _req, res) => (res.writeHead(401, { "www-authenticate": 'Bearer realm="x"' }).end(), true) }));
    const e = await listingFailure(listRemoteTools({ url: s.url, type: "streamable-http" }, { limits }));
    expect(e.reason).toBe("auth");
    expect(s.requests.length).toBe(1); // the discover probe already says so: no initialize, no SSE GET
  });

  it("404 on both transports: protocol, naming both attempts", async () => {
    const s = track(await startRawLegacyServer({ takeOver: (_m, _req, res) => (res.writeHead(404).end(), true) }));
    const e = await listingFailure(listRemoteTools({ url: `${s.url}/nothing`, type: "streamable-http" }, { limits }));
    expect(e.reason).toBe("protocol");
    expect(e.message).toMatch(/SSE fallback failed too/);
  });
});

describe("the 2026-07-28 stateless protocol", () => {
  it("discovers a modern server and pages tools/list with _meta and the required headers, no initialize", async () => {
    const s = track(await startModernServer());
    const r = await listRemoteTools({ url: s.url, type: "streamable-http" }, { limits, clientInfo: { name: "test-client", version: "9.9.9" } });
    expect(r.protocolVersion).toBe("2026-07-28");
    expect(r.transport).toBe("streamable-http");
    expect(r.serverInfo).toEqual({ name: "ExampleServer", version: "1.0.0" });
    expect(r.tools.map((t) => t.name)).toEqual(["get_weather", "get_current_time"]);
    expect(r.tools[0]!.title).toBe("Weather Information Provider");
    expect(r.pages).toBe(2);
    expect(s.log.map((l) => l.method)).toEqual(["server/discover", "tools/list", "tools/list"]);
    expect(s.log[2]!.cursor).toBe("next-page-cursor");
    for (const l of s.log) {
      expect(l.headers).toEqual({ version: "2026-07-28", method: l.method, session: undefined });
      expect(l.meta).toEqual({
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientInfo": { name: "test-client", version: "9.9.9" },
        "io.modelcontextprotocol/clientCapabilities": {},
      });
    }
  });

  it("switches to the modern flow when discover fails but initialize is refused with -32022 listing 2026-07-28", async () => {
    const s = track(await startModernServer({ discover: false }));
    const r = await listRemoteTools({ url: s.url, type: "streamable-http" }, { limits });
    expect(r.protocolVersion).toBe("2026-07-28");
    expect(r.tools).toHaveLength(2);
    expect(r.serverInfo?.name).toBe("ExampleServer");
    expect(s.log.map((l) => l.method)).toEqual(["server/discover", "initialize", "tools/list", "tools/list"]);
  });

  it("a legacy SDK server is not mistaken for a modern one", async () => {
    const s = track(await startStreamableServer(annotatedServer));
    const r = await listRemoteTools({ url: `${s.url}/mcp`, type: "streamable-http" }, { limits });
    expect(r.protocolVersion).toBe("2025-11-25");
  });
});
