// The catalog as an MCP server, driven by the SDK's own client over stdio (`mcp-catalog mcp`) and Streamable HTTP (`/mcp` on serve).
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "../../server/app.js";
import { openTestCatalog } from "../helpers/catalog.js";
import { serveCatalog, type ServedCatalog } from "../helpers/served-catalog.js";
import { snapshotCliCatalog, type CliCatalog } from "../helpers/snapshot-catalog.js";

const GITHUB = "io.github.github/github-mcp-server";
const TOOLS = ["check_server", "check_tool", "get_changes", "get_policy", "search_tools"];

type CallResult = { content: { type: string; text?: string }[]; structuredContent?: any; isError?: boolean };

/** What every transport must answer alike. */
async function exercise(client: Client): Promise<void> {
  // The tool list never changes: no notifications/tools/list_changed is promised.
  expect(client.getServerCapabilities()?.tools).toEqual({ listChanged: false });
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
  for (const t of tools) expect(t.annotations?.readOnlyHint, t.name).toBe(true);

  const check = (await client.callTool({ name: "check_tool", arguments: { name: "delete_file", server: GITHUB } })) as CallResult;
  expect(check.isError).toBeFalsy();
  const entry = check.structuredContent.entries[0];
  expect(entry).toMatchObject({ server: GITHUB, tool: "delete_file", category: "destructive", risk: "critical", rule: { action: "deny" } });
  expect(entry.rationale).toMatch(/delete/i);
  expect(entry).toHaveProperty("declaredAnnotations");
  expect(JSON.parse(check.content[0]!.text!)).toEqual(check.structuredContent);

  const search = (await client.callTool({ name: "search_tools", arguments: { query: "delete", category: "destructive", limit: 5 } })) as CallResult;
  expect(search.structuredContent.items.length).toBeGreaterThan(0);
  expect(search.structuredContent.items.every((i: any) => i.category === "destructive")).toBe(true);

  const server = (await client.callTool({ name: "check_server", arguments: { server: GITHUB } })) as CallResult;
  expect(server.structuredContent.verdict.risk).toBe("critical");
  expect(server.structuredContent.denied).toContain("delete_file");
  // Counted by the rules the lists are read from: sub_issue_write, a medium write with a destructive action, is denied.
  expect(server.structuredContent.denied).toContain("sub_issue_write");
  expect(server.structuredContent.verdict).toMatchObject({ denied: server.structuredContent.denied.length, needsApproval: server.structuredContent.needsApproval.length });
  expect(server.structuredContent.grade.reasons.length).toBeGreaterThan(0);
  expect(server.structuredContent.toolsByCategory.read.length).toBeGreaterThan(0);

  const policy = (await client.callTool({ name: "get_policy", arguments: { server: GITHUB, format: "claude-code" } })) as CallResult;
  expect(JSON.parse(policy.structuredContent.policy).permissions.deny.some((d: string) => d.endsWith("__delete_file"))).toBe(true);
  // A claude-code document has no comments: what it could not express comes beside it, as `policy` prints it on stderr.
  const warnings = policy.structuredContent.warnings as string[];
  expect(warnings).toContainEqual(expect.stringMatching(/^claude-code: sub_issue_write: per-action rules \(method: .*\) cannot be expressed; the strictest action's rule \(deny\) applies to every call$/));
  expect(warnings).toContainEqual(expect.stringMatching(/^claude-code: create_issue: the limit 30\/minute cannot be expressed; allowed without it$/));
  expect(warnings.every((w) => w.startsWith("claude-code: "))).toBe(true);

  const changes = (await client.callTool({ name: "get_changes", arguments: { server: GITHUB, limit: 3 } })) as CallResult;
  expect(changes.structuredContent.items).toHaveLength(3);
  expect(changes.structuredContent.nextCursor).toEqual(expect.any(String));

  // Errors come back as tool errors the model can read, not protocol failures.
  const unknown = (await client.callTool({ name: "check_tool", arguments: { name: "delete_fil" } })) as CallResult;
  expect(unknown.isError).toBe(true);
  expect(unknown.content[0]!.text).toContain("did you mean: delete_file");
  const unknownServer = (await client.callTool({ name: "check_server", arguments: { server: `${GITHUB}x` } })) as CallResult;
  expect(unknownServer.isError).toBe(true);
  expect(unknownServer.content[0]!.text).toContain(`no server in the catalog matches '${GITHUB}x' (did you mean: ${GITHUB},`);
  // A repository folder the catalog does not have is no server, wherever a server is named.
  const folder = "github.com/github/github-mcp-server/packages/does-not-exist";
  for (const [name, args] of [
    ["check_server", { server: folder }],
    ["get_policy", { server: folder }],
    ["check_tool", { name: "delete_file", server: folder }],
    ["search_tools", { query: "delete", server: folder }],
    ["get_changes", { server: folder }],
  ] as const) {
    const miss = (await client.callTool({ name, arguments: args })) as CallResult;
    expect(miss.isError, name).toBe(true);
    const text = miss.content[0]!.text!;
    expect(text.startsWith(`no server in the catalog matches '${folder}' (did you mean: ${GITHUB}`), text).toBe(true);
  }
  const ambiguous = (await client.callTool({ name: "check_server", arguments: { server: "io.github." } })) as CallResult;
  expect(ambiguous.isError).toBe(true);
  // The 20 it lists, saying there are more (the look-up reads a 21st only to know it).
  expect(ambiguous.content[0]!.text).toMatch(/^'io\.github\.' matches more than 20 servers; name one of them \(candidates, the first 20 of more: (io\.github\.[^,]+, ){19}io\.github\.[^,]+\)$/);
  // A NUL, which Postgres text cannot hold, is refused naming the argument: no query, no SQL sent back.
  for (const [name, args, needle] of [
    ["search_tools", { query: "a\u0000b" }, "query"],
    ["check_tool", { name: "\u0000" }, "name"],
    ["check_server", { server: "\u0000" }, "server"],
    ["get_changes", { server: "\u0000" }, "server"],
  ] as const) {
    const nul = (await client.callTool({ name, arguments: args })) as CallResult;
    expect(nul.isError, name).toBe(true);
    expect(nul.content[0]!.text, name).toBe(`${needle}: must not contain a NUL character`);
  }
  // Nor a lone surrogate, which no UTF-8 text holds: the driver would look up U+FFFD instead, and the answer would
  // quote it back as JSON a strict parser refuses.
  for (const [name, args, needle] of [
    ["check_tool", { name: "\ud800" }, "name"],
    ["check_tool", { name: "delete_file", server: `${GITHUB}\udc00` }, "server"],
    ["search_tools", { query: "delete\ud800" }, "query"],
    ["search_tools", { query: "delete", cursor: "\udfff" }, "cursor"],
    ["check_server", { server: "\ud800" }, "server"],
    ["get_policy", { server: GITHUB, format: "codex", clientName: "a\udbff" }, "clientName"],
    ["get_changes", { since: "\ud800" }, "since"],
  ] as const) {
    const lone = (await client.callTool({ name, arguments: args })) as CallResult;
    expect(lone.isError, name).toBe(true);
    expect(lone.content[0]!.text, name).toBe(`${needle}: must not contain a lone surrogate`);
  }
  // A cursor holding what no cursor the API issued holds (text Postgres cannot store, an instant it refuses, a distance
  // past its numeric's digits) is refused as one, not an "internal error".
  const made = (kind: string, key: unknown) => Buffer.from(JSON.stringify([kind, key])).toString("base64url");
  for (const [name, args] of [
    ["search_tools", { query: "file", cursor: made("search", [0, 0, 0, "0", "a\u0000", "b"]) }],
    ["search_tools", { query: "file", cursor: made("search", [0, 0, 0, "0", "\ud800", "b"]) }],
    ["search_tools", { query: "file", cursor: made("search", [0, 0, 0, "9".repeat(200_000), "a", "b"]) }],
    ["get_changes", { cursor: made("change", ["0000-01-01 00:00:00Z", 1]) }],
    ["get_changes", { cursor: made("change", ["2026-01-01 00:00:00+99", 1]) }],
  ] as const) {
    const bad = (await client.callTool({ name, arguments: args })) as CallResult;
    expect(bad.isError, name).toBe(true);
    expect(bad.content[0]!.text, name).toBe("cursor is not one this API issued (pass back nextCursor unchanged)");
  }
  // A since before the year 0001 is refused naming the range; the year 99 is the year 99.
  const ancient = (await client.callTool({ name: "get_changes", arguments: { since: "1000000d" } })) as CallResult;
  expect(ancient.isError).toBe(true);
  expect(ancient.content[0]!.text).toBe("since must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z (the years 0001 to 9999, UTC); got '1000000d'");
  expect(((await client.callTool({ name: "get_changes", arguments: { since: "0099-01-01", limit: 1 } })) as CallResult).structuredContent.items).toHaveLength(1);
  // Blank search text is refused, as the CLI refuses it, not read as "every tool"; text past the limits (256 characters
  // of search, 1,000 bytes of a name) is refused naming the argument and the limit, before any query.
  for (const [name, args, message] of [
    ["search_tools", { query: " " }, "query: must not be empty"],
    ["search_tools", { query: "" }, "query: must not be empty"],
    ["search_tools", { query: "x".repeat(100_000) }, "query: must be at most 256 characters"],
    ["check_tool", { name: "x".repeat(1001) }, "name: must be at most 1000 bytes (UTF-8)"],
    ["check_tool", { name: "delete_file", server: "\u00e9".repeat(501) }, "server: must be at most 1000 bytes (UTF-8)"],
    ["search_tools", { query: "delete", server: "s".repeat(1001) }, "server: must be at most 1000 bytes (UTF-8)"],
    ["check_server", { server: "s".repeat(1001) }, "server: must be at most 1000 bytes (UTF-8)"],
    ["get_policy", { server: "s".repeat(1001) }, "server: must be at most 1000 bytes (UTF-8)"],
    ["get_changes", { server: "s".repeat(1001) }, "server: must be at most 1000 bytes (UTF-8)"],
  ] as const) {
    const refused = (await client.callTool({ name, arguments: args })) as CallResult;
    expect(refused.isError, name).toBe(true);
    expect(refused.content[0]!.text, name).toBe(`Input validation error: Invalid arguments for tool ${name}: ${message}`);
  }
  const longest = (await client.callTool({ name: "search_tools", arguments: { query: "\u{1f600}".repeat(256) } })) as CallResult;
  expect(longest.isError).toBeFalsy();
  expect(longest.structuredContent.items).toEqual([]);
  // A pair is a character like any other.
  expect(((await client.callTool({ name: "check_tool", arguments: { name: "delete_file\ud83d\ude00" } })) as CallResult).content[0]!.text).toMatch(/^no tool named 'delete_file\u{1f600}' in the catalog/u);
}

describe("the catalog as an MCP server", () => {
  let catalog: CliCatalog;
  beforeAll(async () => {
    catalog = await snapshotCliCatalog("pglite");
  }, 300_000);
  afterAll(async () => catalog?.dispose());

  it("answers over stdio (mcp-catalog mcp), every tool read-only", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ["bin/mcp-catalog.js", "mcp"],
      env: { PATH: process.env.PATH!, ...(catalog.env as Record<string, string>) },
      stderr: "pipe",
    });
    const client = new Client({ name: "mcp-catalog-test", version: "1" });
    await client.connect(transport);
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  });

  describe("over Streamable HTTP (/mcp on serve)", () => {
    let served: ServedCatalog;
    beforeAll(async () => {
      served = await serveCatalog(catalog);
    });
    afterAll(async () => served?.close());

    it("answers the same, every tool read-only", async () => {
      const client = new Client({ name: "mcp-catalog-test", version: "1" });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${served.url}/mcp`)));
      try {
        await exercise(client);
      } finally {
        await client.close();
      }
    });

    it("reads a body whose bytes are not UTF-8 (a lone surrogate's) as text with U+FFFD in their place, and answers", async () => {
      const body = Buffer.concat([Buffer.from('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"check_tool","arguments":{"name":"delete_file'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}}}')]);
      const r = await fetch(`${served.url}/mcp`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18" }, body });
      expect(r.status).toBe(200);
      expect(await r.text()).toContain("no tool named 'delete_file\ufffd\ufffd\ufffd' in the catalog");
      expect(served.log.filter((l) => l.startsWith("error:"))).toEqual([]);
    });
  });
});

describe("an unexpected error over MCP", () => {
  /** search_tools on a closed catalog: its query fails with drizzle's "Failed query: select …". */
  async function searchClosed(debug: boolean): Promise<{ text: string; logged: string[] }> {
    const test = await openTestCatalog("pglite");
    await test.dispose();
    const logged: string[] = [];
    const app = createApp({ db: test.catalog.db, onError: (e) => logged.push(String((e as Error).message)), debug });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const client = new Client({ name: "mcp-catalog-test", version: "1" });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`)));
      const r = (await client.callTool({ name: "search_tools", arguments: { query: "delete" } })) as CallResult;
      expect(r.isError).toBe(true);
      return { text: r.content[0]!.text!, logged };
    } finally {
      await client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  it("is 'internal error' to the caller, its details logged for the operator", async () => {
    const { text, logged } = await searchClosed(false);
    expect(text).toBe("internal error");
    expect(logged.join("\n")).toMatch(/select/i);
  });

  it("shows its own message under CATALOG_DEBUG", async () => {
    expect((await searchClosed(true)).text).toMatch(/^internal error: .*select/is);
  });
});
