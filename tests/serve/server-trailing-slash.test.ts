// A server's name with a slash at its end (`io.github.github/github-mcp-server/`, pasted from an address) names the
// server, as its repository URL with one does: `policy`, `risk --server`, /servers/…, /api/servers/…, check_server and
// get_policy alike (scripts/resolve-server.ts). Slashes alone, or after a prefix, name no key.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIVERS } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { servedSnapshot, type ServedCatalog } from "../helpers/served-catalog.js";

const GITHUB = "io.github.github/github-mcp-server";
const enc = encodeURIComponent;

type CallResult = { content: { type: string; text?: string }[]; structuredContent?: any; isError?: boolean };

describe.each(DRIVERS)("a server name with a trailing slash (%s)", (driver) => {
  let s: ServedCatalog;
  beforeAll(async () => {
    s = await servedSnapshot(driver);
  }, 300_000);
  afterAll(async () => s?.close());

  it("names the server on the CLI, the HTTP API and pages, and the MCP tools", async () => {
    for (const name of [`${GITHUB}/`, `${GITHUB}//`, `https://github.com/github/github-mcp-server/`]) {
      const policy = await runCli(["policy", name], s.cli.env, { catalog: s.catalog });
      expect(policy.code, `${name}: ${policy.stderr}`).toBe(0);
      const risk = await runCli(["risk", "delete_file", "--server", name, "--json"], s.cli.env, { catalog: s.catalog });
      expect(risk.code, `${name}: ${risk.stderr}`).toBe(0);
      expect(JSON.parse(risk.stdout).entries.map((e: { server: string }) => e.server)).toEqual([GITHUB]);

      const api = await fetch(`${s.url}/api/servers/${enc(name)}`);
      expect(api.status, name).toBe(200);
      expect(((await api.json()) as { server: string }).server).toBe(GITHUB);
      expect((await fetch(`${s.url}/api/servers/${enc(name)}/policy?format=native`)).status, name).toBe(200);
      expect((await fetch(`${s.url}/servers/${enc(name)}`)).status, name).toBe(200);
    }

    // A page has one address: a server's name with its slash encoded goes (301) to the page without it, as
    // /servers/SERVER/ does, its tools' pages and a tool list's cursor included. The API answers where it is asked.
    for (const [typed, canonical] of [
      [`/servers/${enc(`${GITHUB}/`)}`, `/servers/${enc(GITHUB)}`],
      [`/servers/${enc(`${GITHUB}//`)}?cursor=abc`, `/servers/${enc(GITHUB)}?cursor=abc`],
      [`/servers/${enc("https://github.com/github/github-mcp-server/")}`, `/servers/${enc("https://github.com/github/github-mcp-server")}`],
      [`/servers/${enc(`${GITHUB}/`)}/tools/delete_file`, `/servers/${enc(GITHUB)}/tools/delete_file`],
      // What the lookup reads (trimmed, then without its slashes), the redirect reads: a slash, then a space.
      [`/servers/${enc(`${GITHUB}/ `)}`, `/servers/${enc(GITHUB)}`],
      [`/servers/${enc(` ${GITHUB} `)}?cursor=abc`, `/servers/${enc(GITHUB)}?cursor=abc`],
      [`/servers/${enc(`${GITHUB}/ `)}/tools/delete_file`, `/servers/${enc(GITHUB)}/tools/delete_file`],
    ] as const) {
      const r = await fetch(`${s.url}${typed}`, { redirect: "manual" });
      expect(r.status, typed).toBe(301);
      expect(r.headers.get("location"), typed).toBe(canonical);
    }
    // Slashes alone name nothing: the 404, not a redirect to /servers/.
    expect((await fetch(`${s.url}/servers/${enc("/")}`, { redirect: "manual" })).status).toBe(404);
    expect((await fetch(`${s.url}/servers/${enc(" / ")}`, { redirect: "manual" })).status).toBe(404);

    const client = new Client({ name: "mcp-catalog-test", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
    try {
      const server = (await client.callTool({ name: "check_server", arguments: { server: `${GITHUB}/` } })) as CallResult;
      expect(server.isError, server.content[0]?.text).toBeFalsy();
      expect(server.structuredContent.server).toBe(GITHUB);
      const policy = (await client.callTool({ name: "get_policy", arguments: { server: `${GITHUB}/` } })) as CallResult;
      expect(policy.isError, policy.content[0]?.text).toBeFalsy();
    } finally {
      await client.close();
    }
  });

  it("reads no key out of slashes alone, nor a prefix out of a name with one", async () => {
    expect((await runCli(["policy", "/"], s.cli.env, { catalog: s.catalog })).code).toBe(1);
    // Without its slash, `io.github.` would be a prefix of many keys: with it, it is a prefix of none.
    expect((await runCli(["policy", "io.github./"], s.cli.env, { catalog: s.catalog })).code).toBe(1);
  });
});
