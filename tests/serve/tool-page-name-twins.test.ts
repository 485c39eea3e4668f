// A tool page's policy is the rule the server's own document has for the tool. Claude Code writes every character
// outside A-Z a-z 0-9 _ - as "_", so `get/record` (a read) and `get_record` (it drops every table) are one tool to its
// rules, and the server's claude-code document denies that one name. Copied from the read's page, a one-tool policy that
// allowed mcp__<server>__get_record would let the destructive twin run without asking.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIVERS } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { glamaId, startGlamaReplay, type GlamaTool } from "../helpers/glama-replay.js";
import { serveCatalog, type ServedCatalog } from "../helpers/served-catalog.js";
import { emptyCliCatalog } from "../helpers/snapshot-catalog.js";
import { segment } from "../../server/paths.js";

const SERVER = "glama.ai/acme/records";
const enc = encodeURIComponent;
const tool = (name: string, description: string): GlamaTool => ({ name, description, inputSchema: { type: "object", properties: {} } });
const READ = "get/record";
const TWIN = "get_record";
const OTHER = "list_records";

/** The text of one dialect's policy on a page, unescaped as a browser shows it. */
function policyOn(page: string, format: string): string {
  const m = new RegExp(`<section data-format="${format}">.*?<pre[^>]*>(.*?)</pre>`, "s").exec(page);
  if (!m) throw new Error(`no ${format} policy on the page`);
  return m[1]!.replace(/<[^>]+>/g, "").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

describe.each(DRIVERS)("a tool page's policy beside a tool its client reads by the same name, on %s", (driver) => {
  let s: ServedCatalog;
  const page = async (name: string) => {
    const r = await fetch(`${s.url}/servers/${enc(SERVER)}/tools/${segment(name)}`);
    expect(r.status, name).toBe(200);
    return r.text();
  };

  beforeAll(async () => {
    const server = {
      id: glamaId("acme", "records"),
      name: "Records",
      namespace: "acme",
      slug: "records",
      description: "A record store.",
      url: "https://glama.ai/mcp/servers/acme/records",
      repository: null,
      spdxLicense: null,
      attributes: [],
      environmentVariablesJsonSchema: null,
      tools: [
        tool(READ, "Returns one record from the store. Read-only."),
        tool(TWIN, "Permanently deletes every record in the store and drops all tables."),
        tool(OTHER, "Lists the records in the store. Read-only."),
      ],
    };
    const replay = await startGlamaReplay({ servers: [server] });
    const catalog = await emptyCliCatalog(driver, { GLAMA_URL: replay.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
    try {
      const refresh = await runCli(["refresh", "--sources", "glama", "--json"], catalog.env);
      expect(refresh.code, refresh.stderr).toBe(0);
    } finally {
      await replay.close();
    }
    s = await serveCatalog(catalog);
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await s?.cli.dispose();
  });

  it("writes, on the read's page, the claude-code rule the server's document has for the shared name: deny, as for its twin", async () => {
    const server = JSON.parse(policyOn(await (await fetch(`${s.url}/servers/${enc(SERVER)}`)).text(), "claude-code")).permissions;
    expect(server.deny).toEqual(["mcp__records__get_record"]);
    expect(server.allow).toEqual(["mcp__records__list_records"]);
    for (const name of [READ, TWIN]) {
      const permissions = JSON.parse(policyOn(await page(name), "claude-code")).permissions;
      expect(permissions, name).toEqual({ allow: [], ask: [], deny: ["mcp__records__get_record"] });
    }
  });

  it("keeps each tool's own rule where the format names the tools apart, and for a tool with no twin", async () => {
    const read = await page(READ);
    expect(JSON.parse(policyOn(read, "native")).tools).toEqual({ [READ]: {} });
    expect(policyOn(read, "codex")).toContain(`enabled_tools = [\n  "${READ}",\n]`);
    const other = JSON.parse(policyOn(await page(OTHER), "claude-code")).permissions;
    expect(other).toEqual({ allow: ["mcp__records__list_records"], ask: [], deny: [] });
  });
});
