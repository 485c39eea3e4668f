// A tool named on one server: MCP names are case-sensitive, so `get_data` and `GET_DATA` are two tools, and the one
// named exactly is answered by the API, the pages, check_tool and `risk --server` alike; case is forgiven only when
// it picks one tool, and several that differ only in case are ambiguous.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIVERS } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { servedGlamaServer, type ServedCatalog } from "../helpers/served-catalog.js";

const SERVER = "glama.ai/weird/tools";
const enc = encodeURIComponent;

const tool = (name: string, description: string) => ({ name, description, inputSchema: { type: "object", properties: {} } });
const TOOLS = [
  tool("get_data", "Returns the stored records. Read-only."),
  tool("GET_DATA", "Permanently deletes every record in the database and drops all tables."),
  tool("new_tool", "Returns things."),
  tool("NEW_TOOL", "Returns other things."),
  tool("Fetch_Records", "Returns the stored records."),
  tool("Get", "Returns a record."),
  tool("get", "Returns a record."),
  tool("GET", "Returns a record."),
  tool("get_x", "Returns a record."),
  // İ lower-cased is i in Postgres, i and a combining dot in JavaScript: a cursor holding JavaScript's lower case named
  // a place after ia in the database's order, and ia was skipped.
  tool("\u0130", "Returns a record."),
  tool("ia", "Returns a record."),
];
/** The server's tools in the API's name order: ignoring case, then by their bytes (upper case first). */
const NAME_ORDER = ["Fetch_Records", "GET", "Get", "get", "GET_DATA", "get_data", "get_x", "\u0130", "ia", "NEW_TOOL", "new_tool"];

describe.each(DRIVERS)("a tool name on one server on %s", (driver) => {
  let s: ServedCatalog;
  const get = async (path: string) => {
    const r = await fetch(`${s.url}${path}`);
    return { status: r.status, text: await r.text() };
  };
  const api = async (name: string) => {
    const r = await get(`/api/tools/${enc(SERVER)}/${enc(name)}`);
    return { status: r.status, body: JSON.parse(r.text) };
  };
  const risk = async (name: string) => runCli(["risk", name, "--server", SERVER, "--json"], s.cli.env, { catalog: s.catalog });

  beforeAll(async () => {
    s = await servedGlamaServer(driver, { namespace: "weird", slug: "tools", name: "Weird tools", description: "Tools whose names differ only in case.", repository: null, attributes: [], tools: TOOLS });
  }, 300_000);
  afterAll(async () => {
    await s?.close();
  });

  it("answers the tool named exactly, not its riskier namesake in another case", async () => {
    const low = await api("get_data");
    expect(low.status).toBe(200);
    expect(low.body).toMatchObject({ server: SERVER, tool: "get_data", risk: "low" });
    const critical = await api("GET_DATA");
    expect(critical.body).toMatchObject({ tool: "GET_DATA", risk: "critical" });

    // Each tool's own page, the link the API gives it, shows that tool.
    const page = await get(low.body.page);
    expect(low.body.page).toBe(`/servers/${enc(SERVER)}/tools/get_data`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1><bdi>get_data</bdi> <span class="badge low">low</span></h1>');
    expect((await get(critical.body.page)).text).toContain('<h1><bdi>GET_DATA</bdi> <span class="badge critical">critical</span></h1>');

    for (const name of ["get_data", "GET_DATA"]) {
      const r = await risk(name);
      expect(r.code, r.stderr).toBe(0);
      const answer = JSON.parse(r.stdout);
      expect(answer).toMatchObject({ name, total: 1, groups: [{ count: 1, risk: name === "get_data" ? "low" : "critical" }] });
      expect(answer.entries.map((e: any) => e.tool)).toEqual([name]);
    }
  });

  it("pages a server's tools, and a name's, through names that differ only in case: each once, in order, whatever the page size", async () => {
    /** Every item of a list, following nextCursor from the first page. */
    const pages = async (query: string) => {
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const r = await get(`/api/tools?${query}${cursor ? `&cursor=${cursor}` : ""}`);
        expect(r.status, r.text).toBe(200);
        const body = JSON.parse(r.text) as { items: { tool: string }[]; nextCursor: string | null };
        names.push(...body.items.map((i) => i.tool));
        cursor = body.nextCursor;
      } while (cursor && names.length <= NAME_ORDER.length);
      return names;
    };
    for (const limit of [1, 2, 3, 100]) {
      expect(await pages(`server=${enc(SERVER)}&limit=${limit}`), `limit ${limit}`).toEqual(NAME_ORDER);
      expect(await pages(`name=GET&limit=${limit}`), `name, limit ${limit}`).toEqual(["GET", "Get", "get"]);
    }
  });

  it("forgives case when it picks one tool", async () => {
    expect((await api("fetch_records")).body).toMatchObject({ tool: "Fetch_Records" });
    expect((await get(`/servers/${enc(SERVER)}/tools/FETCH_RECORDS`)).text).toContain("<h1><bdi>Fetch_Records</bdi> ");
    const r = await risk("fetch_records");
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).entries.map((e: any) => e.tool)).toEqual(["Fetch_Records"]);
  });

  it("lists the candidates when the name is none of the tools exactly but several ignoring case: 409, a 409 page, exit 2", async () => {
    const message = `'New_Tool' matches 2 tools on ${SERVER} whose names differ only in case; name one exactly`;
    const amb = await api("New_Tool");
    expect(amb.status).toBe(409);
    expect(amb.body.error).toEqual({
      status: 409,
      message,
      candidates: [
        { server: SERVER, tool: "NEW_TOOL", page: `/servers/${enc(SERVER)}/tools/NEW_TOOL` },
        { server: SERVER, tool: "new_tool", page: `/servers/${enc(SERVER)}/tools/new_tool` },
      ],
      moreCandidates: false,
    });
    const page = await get(`/servers/${enc(SERVER)}/tools/New_Tool`);
    expect(page.status).toBe(409);
    // Every candidate is listed: the page says no more than that.
    expect(page.text).toContain("<p>The names it could be:</p>");
    expect(page.text).toContain(`<li><a href="/servers/${enc(SERVER)}/tools/new_tool"><bdi>new_tool</bdi></a></li>`);
    expect(page.text).toContain(`<li><a href="/servers/${enc(SERVER)}/tools/NEW_TOOL"><bdi>NEW_TOOL</bdi></a></li>`);
    const r = await risk("New_Tool");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`mcp-catalog risk: ${message}:\n  NEW_TOOL\n  new_tool\n`);
  });

  it("check_tool with a server answers the same way; without one, every tool of the name in any case", async () => {
    const client = new Client({ name: "test", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
    try {
      const call = async (args: Record<string, string>) => (await client.callTool({ name: "check_tool", arguments: args })) as { content: { text: string }[]; structuredContent?: any; isError?: boolean };
      const exact = await call({ name: "get_data", server: SERVER });
      expect(exact.isError).toBeFalsy();
      expect(exact.structuredContent).toMatchObject({ servers: 1, entries: [{ tool: "get_data", risk: "low" }] });
      expect(exact.structuredContent.entries).toHaveLength(1);
      const amb = await call({ name: "New_Tool", server: SERVER });
      expect(amb.isError).toBe(true);
      expect(amb.content[0]!.text).toBe(`'New_Tool' matches 2 tools on ${SERVER} whose names differ only in case; name one exactly (candidates: NEW_TOOL, new_tool)`);
      const across = await call({ name: "get_data" });
      expect(across.structuredContent.entries.map((e: any) => e.tool)).toEqual(["GET_DATA", "get_data"]);
    } finally {
      await client.close();
    }
  });
});
