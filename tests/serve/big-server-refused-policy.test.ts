// A server with more tools than its page holds links each dialect's document (/api/servers/SERVER/policy?format=F)
// instead of writing it out. A dialect that cannot name one of its tools (`*`, PolicyLayer's and Intercept's wildcard)
// refuses that document: its link would only answer 400, so the page says in its place, as the switcher of a smaller
// server's page does, which tool, why, what a document of that dialect does with it and what to do; and the API's 400
// names the tool and why.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIVERS } from "../helpers/catalog.js";
import type { GlamaTool } from "../helpers/glama-replay.js";
import { shownText as shown } from "../helpers/page-text.js";
import { servedGlamaServer, type ServedCatalog } from "../helpers/served-catalog.js";
import { SERVE_DEFAULTS } from "../../server/defaults.js";

const SERVER = "glama.ai/acme/records";
const enc = encodeURIComponent;
const tool = (name: string, description: string): GlamaTool => ({ name, description, inputSchema: { type: "object", properties: {} } });
const FILLERS = Array.from({ length: SERVE_DEFAULTS.serverPageTools }, (_, i) => tool(`read_item_${String(i).padStart(3, "0")}`, `Returns item ${i} from the store. Read-only.`));

describe.each(DRIVERS)("a paged server's policy links where a dialect refuses its document, on %s", (driver) => {
  let s: ServedCatalog;

  beforeAll(async () => {
    s = await servedGlamaServer(driver, { namespace: "acme", slug: "records", name: "Records", description: "A record store.", repository: null, attributes: [], tools: [tool("*", "Lists every record in the store. Read-only."), ...FILLERS] });
  }, 300_000);
  afterAll(async () => {
    await s?.close();
  });

  it("says, in place of the native and intercept links, why there is no document and what to do; links the others, which answer", async () => {
    const r = await fetch(`${s.url}/servers/${enc(SERVER)}`);
    expect(r.status).toBe(200);
    const page = await r.text();
    expect(page).toContain(`${SERVE_DEFAULTS.serverPageTools} of ${FILLERS.length + 1} tools on this page, by name.`);
    const block = page.slice(page.indexOf("<h2>Recommended policy</h2>"), page.indexOf("<h2>Sources and aliases</h2>"));
    const linked = [...block.matchAll(/<a href="(\/api\/servers\/[^"]+\/policy\?format=([^"]+))">/g)];
    expect(linked.map((m) => m[2])).toEqual(["claude-code", "codex", "cedar", "agentgateway"]);
    for (const [, link] of linked) expect((await fetch(`${s.url}${link!.replace(/&amp;/g, "&")}`)).status, link).toBe(200);
    const items = [...block.matchAll(/<li>(.*?)<\/li>/gs)].map((m) => m[1]!);
    for (const format of ["native", "intercept"]) {
      const item = items.find((i) => i.startsWith(`${format} `));
      expect(item, format).toBeDefined();
      const note = shown(/<p class="unwritable">(.*?)<\/p>/s.exec(item!)?.[1] ?? "");
      expect(note, format).toContain(`No ${format} policy: it cannot name the tool * (`);
      expect(note, format).toContain(`${format} denies a tool its document does not name, so there * is denied, stricter than its rule (*: allow).`);
      expect(note, format).toContain(`mcp-catalog policy ${SERVER} --format ${format} refuses to write this document: write one by hand that leaves * out, every other tool's rule as it is (--json gives every tool's rule).`);
      expect(note, format).toContain("To let it run as its rule says, use a format that names it: claude-code, codex, cedar and agentgateway.");
    }
    expect(shown(items.find((i) => i.startsWith("native "))!)).toContain(`"*" is PolicyLayer's wildcard for every tool`);
  });

  it("answers the refused document with a 400 naming the tool and why", async () => {
    for (const [format, why] of [
      ["native", `"*" is PolicyLayer's wildcard for every tool`],
      ["intercept", `"*" is Intercept's wildcard key for every tool`],
    ] as const) {
      const r = await fetch(`${s.url}/api/servers/${enc(SERVER)}/policy?format=${format}`);
      expect(r.status, format).toBe(400);
      const body = await r.text();
      expect(body, format).toContain(`the ${format} format cannot hold the tool name '*' (${why.replace(/"/g, '\\"')}) of ${SERVER}`);
    }
  });
});
