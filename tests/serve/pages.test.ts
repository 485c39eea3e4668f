// The HTML pages over HTTP: every page answers, catalog text is escaped, CSP without unsafe-inline, no external URL loaded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_DESCRIPTION, HOSTILE_SERVER, HOSTILE_TOOL, hostileCliCatalog, OVERRIDE_TOOL, SPOOF_SERVER, ZERO_WIDTH_TOOL } from "../helpers/hostile-catalog.js";
import { serveCatalog, type ServedCatalog } from "../helpers/served-catalog.js";
import { unencodedServerPage } from "../../server/paths.js";
import { RISKS, type Risk } from "../../classifier/taxonomy.js";
import { runCli } from "../helpers/cli.js";
import { registryItem, startRegistryReplay } from "../helpers/registry-replay.js";
import { emptyCliCatalog, snapshotCliCatalog } from "../helpers/snapshot-catalog.js";

const GITHUB = "io.github.github/github-mcp-server";
const enc = encodeURIComponent;

async function page(s: ServedCatalog, path: string) {
  const r = await fetch(`${s.url}${path}`);
  return { status: r.status, text: await r.text(), headers: r.headers };
}

/** Nothing a page loads comes from another origin (links may point out; src/href of assets may not). */
function expectNoExternalLoads(text: string): void {
  expect(text).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)="(https?:)?\/\//i);
}

describe("a server URL written with its slashes", () => {
  // A registry name may end in /tools (io.github.acme/tools): KEY/tools is that server when the catalog has it, else
  // KEY's tools. The catalog decides that, and may decide otherwise tomorrow: only what the text decides is permanent.
  const catalogOf = (...keys: string[]) => async (name: string) => keys.includes(name);
  it.each([
    ["io.github.acme/tools", ["io.github.acme/tools", "io.github.acme"], { page: "/servers/io.github.acme%2Ftools", permanent: false }],
    ["io.github.acme/tools/", ["io.github.acme/tools"], { page: "/servers/io.github.acme%2Ftools", permanent: false }],
    ["io.github.acme/tools", ["io.github.acme"], { page: "/servers/io.github.acme", permanent: false }],
    ["io.github.acme%2Fthing/tools", ["io.github.acme/thing"], { page: "/servers/io.github.acme%2Fthing", permanent: false }],
    ["io.github.acme%2Fthing/tools/", ["io.github.acme/thing"], { page: "/servers/io.github.acme%2Fthing", permanent: false }],
    // Neither reading names a server: the whole, whose 404 says what was typed.
    ["io.github.acme/tools", [], { page: "/servers/io.github.acme%2Ftools", permanent: false }],
    ["io.github.acme/tools/x", ["io.github.acme"], { page: "/servers/io.github.acme/tools/x", permanent: true }],
    ["io.github.acme/thing/", [], { page: "/servers/io.github.acme%2Fthing", permanent: true }],
  ])("%s, with %j in the catalog, is %j", async (rest, keys, redirect) => {
    expect(await unencodedServerPage(rest, catalogOf(...keys))).toEqual(redirect);
  });
});

describe("/servers/NAME/tools where one registry name starts another", () => {
  // io.github.acme starts io.github.acmesoft/foo's name as a prefix, and names no server itself.
  let s: ServedCatalog;
  beforeAll(async () => {
    const replay = await startRegistryReplay([registryItem("io.github.acme/widget"), registryItem("io.github.acmesoft/foo")]);
    try {
      const cli = await emptyCliCatalog("pglite", { REGISTRY_URL: replay.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
      // Not through cli.cli, which would hold the catalog open against the server's own open.
      const r = await runCli(["refresh", "--sources", "registry", "--json"], cli.env);
      if (r.code !== 0) throw new Error(`refresh failed: ${r.stderr}`);
      s = await serveCatalog(cli);
    } finally {
      await replay.close();
    }
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await s?.cli.dispose();
  });

  it("goes to a server's page only when the name before /tools is that server's exactly, and says so for now (302)", async () => {
    for (const [typed, location] of [
      // A prefix of a key names no server here: the URL names a server io.github.acmesoft/tools, which is unknown.
      ["/servers/io.github.acmesoft/tools", `/servers/${enc("io.github.acmesoft/tools")}`],
      ["/servers/io.github.acme/tools", `/servers/${enc("io.github.acme/tools")}`],
      ["/servers/io.github.acme/tools/", `/servers/${enc("io.github.acme/tools")}`],
      // A key, in any case, names its server.
      [`/servers/${enc("io.github.acme/widget")}/tools`, `/servers/${enc("io.github.acme/widget")}`],
      ["/servers/IO.GITHUB.ACME/WIDGET/tools", `/servers/${enc("IO.GITHUB.ACME/WIDGET")}`],
    ] as const) {
      const r = await fetch(`${s.url}${typed}`, { redirect: "manual" });
      expect(r.status, typed).toBe(302);
      expect(r.headers.get("location"), typed).toBe(location);
    }
    const unknown = await page(s, "/servers/io.github.acmesoft/tools");
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain("no server in the catalog matches &#39;io.github.acmesoft/tools&#39;");
    // What the text alone decides stays permanent.
    for (const [typed, location] of [
      ["/servers/io.github.acme/widget", `/servers/${enc("io.github.acme/widget")}`],
      ["/servers/io.github.acme/widget/tools/x", `/servers/${enc("io.github.acme/widget")}/tools/x`],
    ] as const) {
      const r = await fetch(`${s.url}${typed}`, { redirect: "manual" });
      expect(r.status, typed).toBe(301);
      expect(r.headers.get("location"), typed).toBe(location);
    }
  });
});

describe("pages on the shipped snapshot", () => {
  let s: ServedCatalog;
  beforeAll(async () => {
    s = await serveCatalog(await snapshotCliCatalog("pglite"));
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await s?.cli.dispose();
  });

  it("serves home, search, a tool name, a tool and a server page", async () => {
    const home = await page(s, "/");
    expect(home.status).toBe(200);
    expect(home.text).toContain('<svg class="chart"');
    expect(home.text).toContain("data-live-search");
    expect(home.text).toMatch(/Latest changes/);
    const search = await page(s, "/search?q=delete_file");
    expect(search.text).toContain(`/servers/${enc(GITHUB)}/tools/delete_file`);
    const name = await page(s, "/tools/delete_file");
    expect(name.text).toMatch(/\d+ servers?: \d+ destructive \/ critical/);
    const tool = await page(s, `/servers/${enc(GITHUB)}/tools/delete_file`);
    expect(tool.status).toBe(200);
    // The tool's name in each heading is isolated from the heading's own words.
    for (const heading of ["What <bdi>delete_file</bdi> does", "Why <bdi>delete_file</bdi> needs a policy", "How to control <bdi>delete_file</bdi>", "Other tools on", "History", "FAQ"]) expect(tool.text).toContain(heading);
    for (const format of ["native", "intercept", "claude-code", "codex", "cedar", "agentgateway"]) expect(tool.text).toContain(`data-format="${format}"`);
    const server = await page(s, `/servers/${enc(GITHUB)}`);
    expect(server.text).toContain("Tools by category");
    expect(server.text).toContain("Sources and aliases");
    expect(server.text).toMatch(/denied/);
    expect(server.text).toMatch(/<h2>Grade <span class="grade grade-[A-F]">[A-F]<\/span>/);
    expect(server.text).toMatch(/critical tools /);
    for (const p of [home, search, name, tool, server]) {
      expect(p.headers.get("content-type")).toMatch(/^text\/html/);
      expectNoExternalLoads(p.text);
    }
  });

  it("redirects a server named with its slash as typed to its page, and a tool on it to the tool's page", async () => {
    for (const [typed, canonical] of [
      [`/servers/${GITHUB}`, `/servers/${enc(GITHUB)}`],
      [`/servers/${GITHUB}/`, `/servers/${enc(GITHUB)}`],
      [`/servers/${GITHUB}/tools/delete_file`, `/servers/${enc(GITHUB)}/tools/delete_file`],
      ["/servers/github.com/containers/kubernetes-mcp-server", `/servers/${enc("github.com/containers/kubernetes-mcp-server")}`],
      // A trailing slash on a tool's URL is dropped as on a server's; the tool list is the server's page.
      [`/servers/${enc(GITHUB)}/tools/delete_file/`, `/servers/${enc(GITHUB)}/tools/delete_file`],
      ["/tools/delete_file/", "/tools/delete_file"],
    ] as const) {
      const r = await fetch(`${s.url}${typed}`, { redirect: "manual" });
      expect(r.status, typed).toBe(301);
      expect(r.headers.get("location"), typed).toBe(canonical);
    }
    // No server is named GITHUB/tools: with or without the slash, it asks for GITHUB's tools. Only for now: the
    // catalog decided it, and may come to hold a server so named.
    for (const typed of [`/servers/${enc(GITHUB)}/tools/`, `/servers/${GITHUB}/tools/`, `/servers/${enc(GITHUB)}/tools`, `/servers/${GITHUB}/tools`]) {
      const r = await fetch(`${s.url}${typed}`, { redirect: "manual" });
      expect(r.status, typed).toBe(302);
      expect(r.headers.get("location"), typed).toBe(`/servers/${enc(GITHUB)}`);
    }
    const landed = await fetch(`${s.url}/servers/${GITHUB}/tools/delete_file`);
    expect(landed.status).toBe(200);
    expect(landed.url).toBe(`${s.url}/servers/${enc(GITHUB)}/tools/delete_file`);
    expect(await landed.text()).toContain("What <bdi>delete_file</bdi> does");
    // Nothing to name: the plain 404.
    expect((await page(s, "/servers/a//b")).status).toBe(404);
    expect((await page(s, "/tools/a/b/")).status).toBe(404);
  });

  it("says the chart's numbers in its accessible name: a screen reader reads no part of an image", async () => {
    const { byCategoryRisk } = (await (await fetch(`${s.url}/api/stats`)).json()) as { byCategoryRisk: { category: string; risk: string; tools: number }[] };
    const label = /<svg class="chart" role="img" aria-label="([^"]*)"/.exec((await page(s, "/")).text)?.[1];
    const destructive = byCategoryRisk.filter((c) => c.category === "destructive").sort((a, b) => RISKS.indexOf(a.risk as Risk) - RISKS.indexOf(b.risk as Risk));
    expect(destructive.length).toBeGreaterThan(0);
    const total = destructive.reduce((n, c) => n + c.tools, 0);
    expect(label).toContain(`destructive: ${total} (${destructive.map((c) => `${c.tools} ${c.risk}`).join(", ")})`);
    expect(label).toMatch(/^Classified tools by category and risk: read: \d+ \(/);
    expect(label).toMatch(/; financial: 0$/);
  });

  it("sends a CSP without unsafe-inline, and serves its one script and stylesheet itself", async () => {
    const home = await page(s, "/");
    const csp = home.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(home.text).not.toMatch(/<script>(?!<\/script>)/);
    expect((await page(s, "/assets/app.js")).headers.get("content-type")).toMatch(/javascript/);
    expect((await page(s, "/assets/style.css")).headers.get("content-type")).toMatch(/text\/css/);
  });

  it("serves an icon that every page links, and at /favicon.ico, which a browser asks for on its own", async () => {
    expect((await page(s, "/")).text).toContain('<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">');
    for (const path of ["/assets/icon.svg", "/favicon.ico"]) {
      const icon = await page(s, path);
      expect(icon.status, path).toBe(200);
      expect(icon.headers.get("content-type"), path).toBe("image/svg+xml");
      expect(icon.text, path).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^]*<\/svg>$/);
    }
  });

  it("answers an unknown tool or server with a 404 page linking close names, an ambiguous server with a 409 page", async () => {
    const miss = await page(s, "/tools/delete_fil");
    expect(miss.status).toBe(404);
    expect(miss.text).toContain('href="/tools/delete_file"');
    // The list says what it is: a screen reader, or anyone, otherwise meets links under "Not found" with no word on them.
    expect(miss.text).toMatch(/<p>Close names in the catalog:<\/p>\s*<ul class="results"><li><a href="\/tools\//);
    // On one server, its close tools are that server's: each linked to its page there, not to the name's on every server.
    const missOn = await page(s, `/servers/${enc(GITHUB)}/tools/delete_fil`);
    expect(missOn.status).toBe(404);
    expect(missOn.text).toContain(`<li><a href="/servers/${enc(GITHUB)}/tools/delete_file"><bdi>delete_file</bdi></a></li>`);
    const unknown = await page(s, `/servers/${enc(`${GITHUB}x`)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain(`<li><a href="/servers/${enc(GITHUB)}"><bdi>${GITHUB}</bdi></a></li>`);
    // A repository folder the catalog does not have is no server, typed with its slashes or encoded, nor a tool on one.
    const folder = "github.com/github/github-mcp-server/packages/does-not-exist";
    for (const path of [`/servers/${folder}`, `/servers/${enc(folder)}`, `/servers/${enc(folder)}/tools/delete_file`, `/servers/${folder}/tools/delete_file`]) {
      const r = await page(s, path);
      expect(r.status, path).toBe(404);
      expect(r.text, path).toContain(`no server in the catalog matches &#39;${folder}&#39;`);
      expect(r.text, path).toContain(`<li><a href="/servers/${enc(GITHUB)}"><bdi>${GITHUB}</bdi></a></li>`);
    }
    // The folder the catalog has, written with a slash where its key has `#`, which a browser would not send.
    const azure = await page(s, "/servers/github.com/microsoft/mcp/servers/Azure.Mcp.Server");
    expect(azure.status).toBe(200);
    expect(azure.text).toContain("com.microsoft/azure");
    const amb = await page(s, "/servers/io.github.");
    expect(amb.status).toBe(409);
    expect(amb.text).toMatch(/href="\/servers\/io\.github\.[^"]+%2F[^"]+"/);
    // It lists 20 and says more match: the look-up reads a 21st only to know there are more.
    expect(amb.text).toContain("<p>The first 20 names it could be (more match: type more of the name):</p>");
    expect(amb.text.match(/<li><a href="\/servers\//g)?.length).toBe(20);
  });

  it("finds a server without tools by its key, links to its page, and says when neither a tool nor a server matches", async () => {
    const touch = "io.github.8beeeaaat/touchdesigner-mcp-server";
    const found = await page(s, "/search?q=touchdesigner");
    expect(found.status).toBe(200);
    expect(found.text).toContain(`<a href="/servers/${enc(touch)}"><bdi>${touch}</bdi></a>`);
    expect(found.text).not.toContain("No tool");
    const server = await page(s, `/servers/${enc(touch)}`);
    expect(server.text).toContain("No tools in the catalog yet.");
    // Every page's search box says what it finds.
    expect(server.text).toContain('placeholder="Search tools and servers" aria-label="Search tools and servers"');
    const none = await page(s, "/search?q=no-such-thing-anywhere");
    expect(none.text).toContain("No tool or server matches.");
    // More servers than a page holds: the rest follow their own cursor, without the tools again.
    const many = await page(s, "/search?q=github");
    const more = /href="(\/search\?q=github&amp;serverCursor=[^"]+)"/.exec(many.text);
    expect(more).not.toBeNull();
    const next = await page(s, more![1]!.replace(/&amp;/g, "&"));
    expect(next.status).toBe(200);
    expect(next.text).toContain("<h2>Servers</h2>");
    expect(next.text).not.toContain("<h2>Tools</h2>");
  });

  it("answers a NUL in a search or a name with a 400 page naming where it was", async () => {
    for (const [path, needle] of [["/search?q=%00", "q:"], ["/tools/%00", "path:"], ["/servers/%00", "path:"]] as const) {
      const r = await page(s, path);
      expect(r.status, path).toBe(400);
      expect(r.text, path).toContain(`${needle} must not contain a NUL character`);
    }
  });

  it("answers search text over 256 characters and names over 1,000 bytes with a 400 page naming the parameter and the limit", async () => {
    const name = enc("\u00e9".repeat(501));
    for (const [path, message] of [
      [`/search?q=${"a".repeat(257)}`, "q: must be at most 256 characters"],
      [`/tools/${name}`, "name: must be at most 1000 bytes (UTF-8)"],
      [`/servers/${name}`, "server: must be at most 1000 bytes (UTF-8)"],
      [`/servers/${enc(GITHUB)}/tools/${name}`, "tool: must be at most 1000 bytes (UTF-8)"],
      [`/servers/${name}/tools/delete_file`, "server: must be at most 1000 bytes (UTF-8)"],
    ] as const) {
      const r = await page(s, path);
      expect(r.status, path).toBe(400);
      expect(r.text, path).toContain(message);
    }
    // A blank search is the empty search page, as before.
    expect((await page(s, "/search?q=%20")).status).toBe(200);
  });

  it("answers percent-encoded bytes that are not UTF-8 (a lone surrogate's) with a 400 page naming where they were", async () => {
    for (const [path, needle] of [
      ["/search?q=%ED%A0%80", "q"],
      ["/search?q=delete&cursor=%ED%A0%80", "cursor"],
      ["/tools/%ED%A0%80", "path"],
      ["/tools/%ED%A0%80/", "path"],
      ["/servers/%ED%A0%80", "path"],
      [`/servers/${enc(GITHUB)}/tools/%ED%A0%80`, "path"],
      ["/servers/io.github.github/%ED%A0%80", "path"],
      ["/servers/%E0%A4%A/x", "path"],
    ] as const) {
      const r = await page(s, path);
      expect(r.status, path).toBe(400);
      expect(r.text, path).toContain(`${needle}: its percent-encoded bytes are not UTF-8 text`);
      // A page like any other: under the CSP, never framed.
      expect(r.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(r.headers.get("x-frame-options"), path).toBe("SAMEORIGIN");
    }
  });
});

describe("pages of a hostile server", () => {
  let s: ServedCatalog;
  beforeAll(async () => {
    s = await serveCatalog(await hostileCliCatalog());
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await s?.cli.dispose();
  });

  it("shows every catalog value as text", async () => {
    const tool = await page(s, `/servers/${enc(HOSTILE_SERVER)}/tools/${enc(HOSTILE_TOOL)}`);
    expect(tool.status).toBe(200);
    expect(tool.text).toContain("&lt;script&gt;window.__pwned = 1;");
    expect(tool.text).toContain("&lt;img src=x onerror=");
    expect(tool.text).not.toContain(HOSTILE_DESCRIPTION);
    expect(tool.text).not.toContain("<svg onload");
    const server = await page(s, `/servers/${enc(HOSTILE_SERVER)}`);
    expect(server.status).toBe(200);
    expect(server.text).not.toMatch(/<script>alert|<iframe|<style>|<\/pre><script>/);
    expect(server.text).toContain("&lt;iframe");
    const search = await page(s, "/search?q=%3Cscript%3E");
    expect(search.text).not.toContain("<script>alert");
  });

  it("marks a spoofing name's invisible characters and isolates each catalog value, in the page, its title and its description", async () => {
    const spoof = `/servers/${enc(SPOOF_SERVER)}`;
    const override = '<bdi><span class="invisible">\u27e8U+202E\u27e9</span>exe.txt</bdi>';
    // Plain text cannot hold an element: the name is marked the same and put between FSI and PDI.
    const plain = "\u2068\u27e8U+202E\u27e9exe.txt\u2069";
    const tool = await page(s, `${spoof}/tools/${enc(OVERRIDE_TOOL)}`);
    expect(tool.text).toContain(`<title>${plain} on \u2068${SPOOF_SERVER}\u2069 · mcp-catalog</title>`);
    expect(tool.text).toContain(`<meta name="description" content="${plain}: read, low risk. Allow ${plain}.">`);
    expect(tool.text).toContain(`<h1>${override} <span class="badge low">low</span></h1>`);
    expect(tool.text).toContain(`<h2>What ${override} does</h2>`);
    expect(tool.text).toContain(`<p>Allow ${override}.</p>`);
    expect(tool.text).toContain(`<a href="${spoof}"><bdi>${SPOOF_SERVER}</bdi></a>`);
    expect(tool.text).toContain('<p class="desc"><bdi>Reads a text file.</bdi></p>');
    const zeroWidth = await page(s, `${spoof}/tools/${enc(ZERO_WIDTH_TOOL)}`);
    expect(zeroWidth.text).toContain('<p>Deny <bdi>delete<span class="invisible">\u27e8U+200B\u27e9</span>file</bdi>: <bdi>Irreversible: deletes a file</bdi>.</p>');
    const server = await page(s, spoof);
    expect(server.text).toContain('<h1><bdi>Spoof<span class="invisible">\u27e8U+200B\u27e9</span>Server</bdi> ');
    expect(server.text).toContain(`<a href="${spoof}/tools/${enc(ZERO_WIDTH_TOOL)}"><bdi>delete<span class="invisible">\u27e8U+200B\u27e9</span>file</bdi></a>`);
    const searched = await page(s, `/search?q=${enc("\u202eexe")}`);
    expect(searched.text).toContain('<h1 data-search-heading>Tools and servers matching “<bdi><span class="invisible">\u27e8U+202E\u27e9</span>exe</bdi>”</h1>');
    // No page's body holds an invisible character but the isolates of its aria-labels, a 404's message (which quotes
    // the name) included.
    for (const path of ["/", "/search?q=exe", spoof, `${spoof}/tools/${enc(OVERRIDE_TOOL)}`, `${spoof}/tools/${enc(ZERO_WIDTH_TOOL)}`, `/tools/${enc(OVERRIDE_TOOL)}`, `/tools/${enc("\u202eexe.tx")}`]) {
      const p = await page(s, path);
      expect(p.text.slice(p.text.indexOf("<body>")), path).not.toMatch(/(?![\u2068\u2069])\p{Cf}/u);
    }
  });
});
