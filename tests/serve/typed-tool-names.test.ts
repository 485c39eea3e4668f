// A tool name as an agent or a person types it, answered by check_tool, the API and the pages as `risk` answers it.
// A name that reads as a catalogued tool's once Unicode-normalized (fullwidth letters, a combining accent) but is
// another name: `risk` answers with that tool as its lookalike; check_tool and the API, which answer no lookalikes,
// name it among the close names of their "no tool named" (trigram similarity alone finds none for fullwidth letters).
// A name with spaces at its ends is looked up as typed, then without them, as `risk` looks it up.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIVERS } from "../helpers/catalog.js";
import { servedSnapshot, type ServedCatalog } from "../helpers/served-catalog.js";

const GITHUB = "io.github.github/github-mcp-server";
/** delete_file in fullwidth letters: NFKC folds it to delete_file; it shares no trigram with it. */
const FULLWIDTH = "\uff44\uff45\uff4c\uff45\uff54\uff45_\uff46\uff49\uff4c\uff45";

describe.each(DRIVERS)("a tool name as typed on %s", (driver) => {
  let s: ServedCatalog;
  let client: Client;
  beforeAll(async () => {
    s = await servedSnapshot(driver);
    client = new Client({ name: "test", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
  }, 300_000);
  afterAll(async () => {
    await client?.close();
    await s?.close();
  });
  const checkTool = async (args: Record<string, string>) => (await client.callTool({ name: "check_tool", arguments: args })) as { content: { text: string }[]; isError?: boolean };

  it("check_tool names the lookalike first among the close names, across the catalog and on its server", async () => {
    const across = await checkTool({ name: FULLWIDTH });
    expect(across.isError).toBe(true);
    expect(across.content[0]!.text).toMatch(new RegExp(`^no tool named '${FULLWIDTH}' in the catalog \\(did you mean: delete_file[,)]`));
    const onServer = await checkTool({ name: FULLWIDTH, server: GITHUB });
    expect(onServer.isError).toBe(true);
    expect(onServer.content[0]!.text).toMatch(new RegExp(`^no tool named '${FULLWIDTH}' on ${GITHUB} \\(did you mean: delete_file[,)]`));
  });

  it("the API's 404 suggests it first too, and the name's page", async () => {
    const api = await fetch(`${s.url}/api/tools/${encodeURIComponent(GITHUB)}/${encodeURIComponent(FULLWIDTH)}`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { suggestions: string[] } }).error.suggestions[0]).toBe("delete_file");
    const page = await fetch(`${s.url}/tools/${encodeURIComponent(FULLWIDTH)}`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("delete_file");
  });

  it("a name with spaces at its ends is the tool without them, over MCP, the API and the pages, as risk answers it", async () => {
    const across = await checkTool({ name: " delete_file " });
    expect(across.isError, across.content[0]!.text).toBeFalsy();
    expect((across as unknown as { structuredContent: { servers: number; entries: { tool: string }[] } }).structuredContent).toMatchObject({ servers: 1, entries: [{ tool: "delete_file" }] });
    const onServer = await checkTool({ name: "delete_file ", server: GITHUB });
    expect(onServer.isError, onServer.content[0]!.text).toBeFalsy();
    const api = await fetch(`${s.url}/api/tools/${encodeURIComponent(GITHUB)}/${encodeURIComponent(" delete_file")}`);
    expect(api.status).toBe(200);
    expect(((await api.json()) as { tool: string }).tool).toBe("delete_file");
    expect((await fetch(`${s.url}/tools/${encodeURIComponent(" delete_file")}`)).status).toBe(200);
    const list = (await (await fetch(`${s.url}/api/tools?name=${encodeURIComponent("delete_file ")}`)).json()) as { items: { tool: string }[] };
    expect(list.items.map((i) => i.tool)).toEqual(["delete_file"]);
    // Spaces alone are no name: still refused, not read as every tool.
    expect((await checkTool({ name: "  " })).isError).toBe(true);
  });
});
