// A server's tools as pages and API routes: tools named `.` and `..` (dot segments every URL parser removes), a tool
// the server stopped listing (the latest changes link to it), and a server with more tools than a page holds.
import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVE_DEFAULTS } from "../../server/defaults.js";
import { pathName, segment } from "../../server/paths.js";
import { DRIVERS } from "../helpers/catalog.js";
import { launchChromium } from "../helpers/chromium.js";
import { glamaId, startGlamaReplay, type GlamaTool } from "../helpers/glama-replay.js";
import { serveCatalog, type ServedCatalog } from "../helpers/served-catalog.js";
import { emptyCliCatalog } from "../helpers/snapshot-catalog.js";

const ARTIFACTS = "test-artifacts/screenshots";
const SERVER = "glama.ai/acme/many";
const enc = encodeURIComponent;
const tool = (name: string, description: string): GlamaTool => ({ name, description, inputSchema: { type: "object", properties: {} } });
const DOTTED = [".", "..", "~..", "..."];
const REMOVED = "wipe_store";
/** More tools than a server's page lists at once: `read_item_000`…, and a few riskier ones. */
const FILLERS = Array.from({ length: SERVE_DEFAULTS.serverPageTools + 5 }, (_, i) => tool(`read_item_${String(i).padStart(3, "0")}`, `Returns item ${i} from the store. Read-only.`));
const RISKY = ["delete_item", "drop_table"].map((name) => tool(name, "Permanently deletes records from the database."));

describe("a name as a path segment", () => {
  it.each([".", "..", "~.", "~..", "~~..", "...", "~", ".a", "a/..", "%2E%2E", "é"])("%s survives a URL parser and reads back", (name) => {
    const path = `/servers/s/tools/${segment(name)}`;
    // What a browser or fetch sends: dot segments (`.`, `..`, `%2E`, `%2E%2E`) are removed before the request leaves.
    expect(new URL(path, "http://h").pathname).toBe(path);
    expect(pathName(decodeURIComponent(segment(name)))).toBe(name);
  });
  it("writes a name that is no dot segment as percent-encoding alone", () => {
    expect(segment("a/..")).toBe("a%2F..");
    expect(segment("...")).toBe("...");
    expect(segment("..")).toBe("~..");
  });
});

describe.each(DRIVERS)("a server's tool pages on %s", (driver) => {
  let s: ServedCatalog;
  let browser: Browser;
  const get = async (path: string) => {
    const r = await fetch(`${s.url}${path}`);
    return { status: r.status, text: await r.text(), url: r.url };
  };
  const json = async (path: string) => {
    const r = await fetch(`${s.url}${path}`);
    return { status: r.status, body: (await r.json()) as any };
  };
  const links = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]!);

  beforeAll(async () => {
    const server = {
      id: glamaId("acme", "many"),
      name: "Many tools",
      namespace: "acme",
      slug: "many",
      description: "More tools than a page holds.",
      url: "https://glama.ai/mcp/servers/acme/many",
      repository: null,
      spdxLicense: null,
      attributes: [],
      environmentVariablesJsonSchema: null,
      tools: [...DOTTED.map((name) => tool(name, `Returns the ${name} entry. Read-only.`)), tool(REMOVED, "Permanently deletes every record in the store and drops all tables."), ...RISKY, ...FILLERS],
    };
    const replay = await startGlamaReplay({ servers: [server] });
    const catalog = await emptyCliCatalog(driver, { GLAMA_URL: replay.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
    try {
      // Both refreshes on one open catalog, released for the server to open.
      expect((await catalog.cli(["refresh", "--sources", "glama", "--json"])).code).toBe(0);
      // The server stops listing one tool: the next refresh records it removed.
      server.tools = server.tools.filter((t) => t.name !== REMOVED);
      const second = await catalog.cli(["refresh", "--sources", "glama", "--json"]);
      expect(second.code, second.stderr).toBe(0);
      expect(JSON.parse(second.stdout).tools.removed).toBe(1);
    } finally {
      await catalog.release();
      await replay.close();
    }
    s = await serveCatalog(catalog);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
    await s?.cli.dispose();
  });

  it("gives a tool named `.` or `..` a page and API route that a URL parser leaves alone", async () => {
    for (const name of DOTTED) {
      const { status, body } = await json(`/api/tools?name=${enc(name)}&server=${enc(SERVER)}`);
      expect(status, name).toBe(200);
      const page = body.items[0].page;
      expect(page, name).toBe(`/servers/${enc(SERVER)}/tools/${segment(name)}`);
      // fetch (undici) resolves the URL as a browser does: the page it reaches is the tool's.
      const r = await get(page);
      expect(r.status, name).toBe(200);
      expect(r.url, name).toBe(`${s.url}${page}`);
      expect(r.text, name).toContain(`<h1><bdi>${name}</bdi> <span class="badge`);
      const api = await json(`/api/tools/${enc(SERVER)}/${segment(name)}`);
      expect(api.body, name).toMatchObject({ server: SERVER, tool: name, page });
      const across = await get(`/tools/${segment(name)}`);
      expect(across.text, name).toContain(`<h1><bdi>${name}</bdi></h1>`);
    }
    expect(segment("..")).toBe("~..");
  });

  it("opens a `..` tool's page in Chromium from the server's page, and by its address", async () => {
    const page = await browser.newPage();
    try {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.goto(`${s.url}/servers/${enc(SERVER)}`);
      await Promise.all([page.waitForURL(`${s.url}/servers/${enc(SERVER)}/tools/~..`), page.locator(`main a[href$="/tools/~.."]`).click()]);
      expect(await page.locator("h1").textContent()).toMatch(/^\.\. /);
      await page.goto(`${s.url}/servers/${enc(SERVER)}/tools/~.`);
      expect(page.url()).toBe(`${s.url}/servers/${enc(SERVER)}/tools/~.`);
      expect(await page.locator("h1").textContent()).toMatch(/^\. /);
      // As a person sees them: a removed tool's page, a server's page of a page's worth of tools.
      await page.goto(`${s.url}/servers/${enc(SERVER)}/tools/${REMOVED}`);
      await page.screenshot({ path: `${ARTIFACTS}/removed-tool.png`, fullPage: true });
      await page.goto(`${s.url}/servers/${enc(SERVER)}`);
      await page.screenshot({ path: `${ARTIFACTS}/server-paged.png` });
    } finally {
      await page.close();
    }
  });

  it("links a removed tool from the latest changes to its page, marked removed, with its history and last classification", async () => {
    const removedPage = `/servers/${enc(SERVER)}/tools/${REMOVED}`;
    const home = await get("/");
    expect(home.text).toContain(`<a href="${removedPage}"><bdi>${REMOVED}</bdi></a>`);
    // The latest change is the removal, linked to the same page.
    expect((await json(`/api/changes?server=${enc(SERVER)}&limit=1`)).body.items[0]).toMatchObject({ tool: REMOVED, kind: "removed", page: removedPage });
    const page = await get(removedPage);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<title>\u2068wipe_store\u2069 on \u2068glama\.ai\/acme\/many\u2069 \(removed \d{4}-\d\d-\d\d\)/);
    expect(page.text).toMatch(/<strong>Removed tool\.<\/strong> <bdi>glama\.ai\/acme\/many<\/bdi> stopped listing <bdi>wipe_store<\/bdi> on \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(page.text).toContain('<h1><bdi>wipe_store</bdi> <span class="badge critical">critical</span></h1>');
    // Its own history, however many changes its server has had since it was added.
    const history = page.text.slice(page.text.indexOf("<h2>History</h2>"), page.text.indexOf("<h2>FAQ</h2>"));
    expect(links(history, /<li><span class="muted">[^<]+<\/span> <a href="[^"]+"><bdi>([^<]+)<\/bdi><\/a>/g)).toEqual([REMOVED, REMOVED]);
    expect(history).toMatch(/— <bdi>removed tool<\/bdi><\/li>[^]*— <bdi>new destructive tool<\/bdi>/);
    // The server lists it no more; the API's tool route answers for current tools, as `risk --server` does.
    expect((await get(`/servers/${enc(SERVER)}`)).text).not.toContain(`>${REMOVED}</bdi><`);
    expect((await json(`/api/tools/${enc(SERVER)}/${REMOVED}`)).status).toBe(404);
    // A current tool's page is not marked.
    expect((await get(`/servers/${enc(SERVER)}/tools/drop_table`)).text).not.toContain("Removed tool.");
  });

  it("lists the riskiest of a tool's siblings on its page, up to a limit, and links the server's page for the rest", async () => {
    const page = await get(`/servers/${enc(SERVER)}/tools/read_item_000`);
    const others = page.text.slice(page.text.indexOf("<h2>Other tools on"), page.text.indexOf("<h2>History</h2>"));
    const listed = links(others, /<li><a href="\/servers\/[^"]+\/tools\/([^"]+)">/g);
    expect(listed).toHaveLength(SERVE_DEFAULTS.otherTools);
    expect(listed.slice(0, 2).sort()).toEqual(["delete_item", "drop_table"]);
    expect(listed).not.toContain("read_item_000");
    const total = FILLERS.length + RISKY.length + DOTTED.length - 1;
    expect(others).toContain(`The ${SERVE_DEFAULTS.otherTools} riskiest of ${total}: <a href="/servers/${enc(SERVER)}">every tool of <bdi>${SERVER}</bdi></a>.`);
  });

  it("pages a server's tools when it has more than a page holds, and links its policy in each dialect", async () => {
    const total = FILLERS.length + RISKY.length + DOTTED.length;
    const first = await get(`/servers/${enc(SERVER)}`);
    const tools = (html: string) => links(html, /<li><a href="\/servers\/[^"]+\/tools\/([^"]+)">/g);
    expect(tools(first.text)).toHaveLength(SERVE_DEFAULTS.serverPageTools);
    expect(first.text).toContain(`${SERVE_DEFAULTS.serverPageTools} of ${total} tools on this page, by name.`);
    // Each category heading counts the page's tools of it and the server's.
    expect(first.text).toMatch(new RegExp(`<h3>read <span class="muted">\\(\\d+ of ${FILLERS.length + DOTTED.length}\\)</span></h3>`));
    expect(first.text).toContain(`<link rel="canonical" href="/servers/${enc(SERVER)}">`);
    // Not every dialect written out: each is a link to the API's policy.
    expect(first.text).not.toContain("data-format=");
    const policies = links(first.text, /<li><a href="(\/api\/servers\/[^"]+\/policy\?format=[^"]+)">/g);
    expect(policies).toHaveLength(6);
    for (const policy of policies) expect((await fetch(`${s.url}${policy}`)).status, policy).toBe(200);
    const next = /<a href="(\/servers\/[^"?]+\?cursor=[^"]+)">Next tools<\/a>/.exec(first.text)![1]!.replace(/&amp;/g, "&");
    const second = await get(next);
    expect(second.status).toBe(200);
    expect(second.text).toContain(`<link rel="canonical" href="${next}">`);
    const all = [...tools(first.text), ...tools(second.text)];
    expect(all).toHaveLength(total);
    expect(new Set(all).size).toBe(total);
    expect(second.text).not.toContain("Next tools");
    expect(second.text).toContain(`<a href="/servers/${enc(SERVER)}">First page</a>`);
    // The cursor is read as the API reads it.
    for (const path of [`/servers/${enc(SERVER)}?cursor=nope`, `${next}&cursor=x`]) expect((await get(path)).status, path).toBe(400);
  });

  it("names a tool's and a server's page canonically when another URL answers with it", async () => {
    const upper = await get(`/servers/${enc(SERVER.toUpperCase())}/tools/READ_ITEM_001`);
    expect(upper.status).toBe(200);
    expect(upper.text).toContain(`<link rel="canonical" href="/servers/${enc(SERVER)}/tools/read_item_001">`);
    const dots = await get(`/servers/${enc("glama.ai/acme/MA")}/tools/~..`);
    expect(dots.text).toContain(`<link rel="canonical" href="/servers/${enc(SERVER)}/tools/~..">`);
  });
});
