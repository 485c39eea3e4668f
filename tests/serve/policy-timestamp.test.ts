// Which policy documents say when they were made: `policy` on the CLI writes a `Generated <time>` comment in every
// dialect that has comments (intercept, codex, cedar, agentgateway; native and claude-code are JSON); the API and
// get_policy never do, so their document is the catalog's alone (the same bytes, and ETag, while it is unchanged).
// Otherwise the three are the same document.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORMAT_NAMES } from "../../classifier/formats/formats.js";
import { DRIVERS } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { README } from "../helpers/readme.js";
import { servedSnapshot, type ServedCatalog } from "../helpers/served-catalog.js";

const GITHUB = "io.github.github/github-mcp-server";
const COMMENTED = ["intercept", "codex", "cedar", "agentgateway"];
const GENERATED = /^(?:#|\/\/) Generated (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\n/m;

type CallResult = { content: { type: string; text?: string }[]; structuredContent?: any; isError?: boolean };

describe.each(DRIVERS)("the time in a policy document (%s)", (driver) => {
  let s: ServedCatalog;
  beforeAll(async () => {
    s = await servedSnapshot(driver);
  }, 300_000);
  afterAll(async () => s?.close());

  it("is on the CLI's document in the dialects with comments only, and never on the API's or get_policy's", async () => {
    expect([...FORMAT_NAMES].sort()).toEqual([...COMMENTED, "claude-code", "native"].sort());
    const client = new Client({ name: "mcp-catalog-test", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
    const stamped: string[] = [];
    try {
      for (const format of FORMAT_NAMES) {
        const before = Date.now();
        const cli = await runCli(["policy", GITHUB, "--format", format], s.cli.env, { catalog: s.catalog });
        expect(cli.code, cli.stderr).toBe(0);
        const stamp = GENERATED.exec(cli.stdout);
        expect(stamp !== null, format).toBe(COMMENTED.includes(format));
        if (stamp) stamped.push(format);
        if (stamp) expect(Date.parse(stamp[1]!)).toBeGreaterThanOrEqual(before);
        const document = cli.stdout.replace(GENERATED, "");

        const api = await fetch(`${s.url}/api/servers/${encodeURIComponent(GITHUB)}/policy?format=${format}`);
        expect(api.status, format).toBe(200);
        const again = await fetch(`${s.url}/api/servers/${encodeURIComponent(GITHUB)}/policy?format=${format}`);
        expect(again.headers.get("etag"), format).toBe(api.headers.get("etag"));
        const mcp = (await client.callTool({ name: "get_policy", arguments: { server: GITHUB, format } })) as CallResult;
        expect(mcp.isError, format).toBeFalsy();
        const body = await api.text();
        for (const text of [body, mcp.structuredContent.policy as string]) {
          expect(text, format).not.toMatch(/Generated/);
          // A JSON dialect's body may be laid out otherwise: the same document either way.
          if (format === "native" || format === "claude-code") expect(JSON.parse(text), format).toEqual(JSON.parse(document));
          else expect(text, format).toBe(document);
        }
      }
    } finally {
      await client.close();
    }
    // README names exactly those dialects, and the surfaces that leave the time out.
    const flat = README.replace(/\s+/g, " ");
    expect(flat).toContain(`The document \`policy\` writes in a dialect with comments (${stamped.map((f) => `\`${f}\``).join(", ")}) has a \`Generated <time>\` comment`);
    expect(flat).toContain("`GET /api/servers/:server/policy` and `get_policy` write that line in no dialect");
  });
});
