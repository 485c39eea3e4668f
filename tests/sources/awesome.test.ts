// The awesome-list source on the real appcypher README: every entry right (checked against a second,
// line-based reading of the same file), one server per distinct repository, and a refresh on a local replay.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fetchPage, recordingFetcher, snapshotFetcher } from "../../crawler/fetcher.js";
import type { HttpClient } from "../../crawler/http.js";
import { normalizeRepository, repositoryAlias } from "../../crawler/normalize.js";
import { refresh } from "../../crawler/refresh.js";
import { awesomeSource, listNesting, MAX_LIST_NESTING, parseAwesomeList, readAwesomeList } from "../../crawler/sources/awesome.js";
import { registrySource } from "../../crawler/sources/registry.js";
import { SourceFormatError } from "../../crawler/sources/source.js";
import { serverSignals } from "../../db/signals.js";
import { queryRows } from "../../db/sql.js";
import { loadConfig } from "../../scripts/config.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "../helpers/catalog.js";
import { testHttpClient } from "../helpers/http.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";
import { loadRegistrySample, meta, startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";

const APPCYPHER = readFileSync(new URL("../../../shared/fixtures/sources/awesome-list_appcypher_README_2025-09-04.md", import.meta.url), "utf8");

/**
 * A second reading of the appcypher README, line by line with regular expressions: the entries are
 * the bullets from the first category heading (`## <emoji> <a name=…></a>Title`) to the trailing
 * "# Tools & Utilities" part, which lists server managers, not servers.
 */
function linesOracle(markdown: string): { name: string; url: string; description: string; category: string }[] {
  const out: { name: string; url: string; description: string; category: string }[] = [];
  let category: string | undefined;
  for (const line of markdown.split("\n")) {
    const heading = /^## .*<\/a>(.+)$/.exec(line);
    if (heading) category = heading[1]!.trim();
    if (/^# Tools & Utilities/.test(line)) break;
    if (!category || !line.startsWith("- ")) continue;
    const bare = line
      .slice(2)
      .replace(/<img[^>]*>/g, "")
      .replace(/<sup><sup>[^<]*<\/sup><\/sup>/g, "");
    const m = /^[^[]*?\**\[([^\]]+)\]\(([^)]+)\)\**\s*(?:-\s*)?(.*)$/.exec(bare)!;
    const url = /^https?:/.test(m[2]!) ? m[2]! : `https://${m[2]}`;
    out.push({ name: m[1]!.trim(), url, description: m[3]!.replace(/\[([^\]]+)\]\([^)]+\)/g, "$1").replace(/`|\*\*/g, "").replace(/\s+/g, " ").trim(), category });
  }
  return out;
}

describe("awesome source: the appcypher README", () => {
  const oracle = linesOracle(APPCYPHER);
  const { entries, skipped } = readAwesomeList(APPCYPHER);

  test("every entry comes out right: name, link, description and category, none left out, none invented", () => {
    expect(oracle).toHaveLength(184);
    expect(skipped).toEqual([]);
    expect(entries.map((e) => ({ ...e, description: e.description ?? "" }))).toEqual(oracle);
  });

  test("icons, footnote marks, bold and emoji never reach a name or a description", () => {
    for (const e of entries) {
      expect(`${e.name} ${e.description}`).not.toMatch(/<|>|\]\(|\*\*|cdn\.simpleicons/);
      // An emoji inside a description is the author's prose; a leading one was a legend.
      expect(`${e.name[0]}${e.description![0]}`).not.toMatch(/\p{Extended_Pictographic}/u);
      expect(e.description).toBeTruthy();
    }
    expect(entries.find((e) => e.name === "ShopSavvy")).toMatchObject({ url: "https://github.com/shopsavvy/shopsavvy-mcp-server", category: "E-Commerce" });
    expect(entries.find((e) => e.name === "ShopSavvy")!.description).toMatch(/Published as @shopsavvy\/mcp-server\.$/);
    // The server managers at the end are tools, not servers.
    expect(entries.find((e) => e.name === "mcp-get")).toBeUndefined();
    expect(new Set(entries.map((e) => e.category)).size).toBe(30);
  });

  test("one server per distinct repository: monorepo folders apart, one repository under two headings once", () => {
    const { records } = parseAwesomeList(APPCYPHER, "https://lists.example/appcypher.md");
    const distinct = new Set(oracle.map((o) => {
      const repo = /github\.com/.test(o.url) ? normalizeRepository(o.url) : undefined;
      return repo ? repositoryAlias(repo) : o.url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/+$/, "");
    }));
    expect(records).toHaveLength(distinct.size);
    expect(records).toHaveLength(182);
    expect(new Set(records.map((r) => r.server.key)).size).toBe(records.length);
    const fs = records.filter((r) => r.server.title === "FileSystem").map((r) => r.server.key);
    expect(fs.sort()).toEqual(["github.com/mark3labs/mcp-filesystem-server", "github.com/modelcontextprotocol/servers#src/filesystem"]);
    const videodb = records.find((r) => r.server.key === "github.com/video-db/agent-toolkit#modelcontextprotocol")!;
    expect(videodb.categories).toEqual(["Cloud Storage", "Databases"]);
    expect(records.find((r) => r.server.title === "FileStash")!.server.repository).toEqual({
      key: "github.com/mickael-kerjean/filestash",
      url: "https://github.com/mickael-kerjean/filestash",
      subfolder: "server/plugin/plg_handler_mcp",
    });
    // A product page, not a repository: the link is its identity.
    const box = records.find((r) => r.server.title === "Box")!;
    expect(box.server).toMatchObject({ key: "developer.box.com/guides/box-mcp", websiteUrl: "https://developer.box.com/guides/box-mcp/" });
    expect(box.aliases).toEqual([{ kind: "link", value: "developer.box.com/guides/box-mcp" }]);
    expect(records.find((r) => r.server.title === "Vulert")!.server.key).toBe("vulert.com");
  });
});

/** A short list in punkpeye's shape (written for this test from the format its README documents). */
const PUNKPEYE_STYLE = `# Awesome MCP Servers

- [Aggregators](#aggregators)

## Server Implementations

### 🔗 <a name="aggregators"></a>Aggregators

- [acme/meta-mcp](https://github.com/acme/meta-mcp) 📇 ☁️ 🏠 - One MCP server in front of many
- [GitHub's server](https://github.com/github/github-mcp-server) [![score](https://glama.ai/mcp/servers/github/github-mcp-server/badges/score.svg)](https://glama.ai/mcp/servers/github/github-mcp-server) 🎖️ #️⃣ 🏎️ ☁️ - Repositories, issues and pull requests
- [evil](javascript:alert(1)) - not a link anyone should follow
- [monorepo/tools](https://github.com/monorepo/tools/tree/main/servers/search) 🐍 🏠 Search, without a dash before it
  - a note about the entry above

### 📂 <a name="file-systems"></a>File Systems

- [acme/meta-mcp](https://github.com/acme/meta-mcp.git) 📇 - Listed twice, under two headings

## Frameworks

- [fw/mcp-framework](https://github.com/fw/mcp-framework) - A framework, not a server
`;

describe("awesome source: a punkpeye-style list", () => {
  test("legend emojis and score badges are stripped, a bad link is skipped and counted, sub-bullets and frameworks are not entries", () => {
    const { records, skipped } = parseAwesomeList(PUNKPEYE_STYLE, "L");
    expect(skipped).toEqual([{ index: 2, reason: "entry link is not an http(s) URL: javascript:alert(1)" }]);
    expect(records.map((r) => [r.server.key, r.server.title, r.server.description, r.categories])).toEqual([
      ["github.com/acme/meta-mcp", "acme/meta-mcp", "One MCP server in front of many", ["Aggregators", "File Systems"]],
      ["github.com/github/github-mcp-server", "GitHub's server", "Repositories, issues and pull requests", ["Aggregators"]],
      ["github.com/monorepo/tools#servers/search", "monorepo/tools", "Search, without a dash before it", ["Aggregators"]],
    ]);
  });

  test("each list is a page; a page that is not a list stops the source", () => {
    const source = awesomeSource(["http://127.0.0.1:9/a.md", "http://127.0.0.1:9/b.md"]);
    expect(source.format).toBe("text");
    expect(source.pageUrl(null, {})).toBe("http://127.0.0.1:9/a.md");
    expect(source.parsePage(PUNKPEYE_STYLE, null).next).toBe("1");
    expect(source.pageUrl("1", {})).toBe("http://127.0.0.1:9/b.md");
    expect(source.parsePage(PUNKPEYE_STYLE, "1").next).toBeUndefined();
    expect(() => source.parsePage("<html>404: Not Found</html>", null)).toThrow(SourceFormatError);
    expect(() => source.parsePage({ not: "text" }, null)).toThrow(/not text/);
  });
});

/** A list whose one entry has sub-bullets `depth` levels deep under it, each indented two columns further. */
const nestedList = (depth: number) => `# List\n\n## Servers\n\n### Things\n\n- [deep/one](https://github.com/deep/one) - fine\n${Array.from({ length: depth - 1 }, (_, i) => `${"  ".repeat(i + 1)}- x`).join("\n")}\n`;

describe("awesome source: how deep a list nests, read before it is parsed", () => {
  test("indentation (two columns a level) and container marks count; lines that open no list item do not", () => {
    expect(listNesting("# T\n\n- a\n- b\n")).toBe(1);
    expect(listNesting("- a\n  - b\n    - c\n")).toBe(3);
    expect(listNesting("- a\n    - b\n")).toBe(3);
    expect(listNesting("> - a\n>   - b\n")).toBe(3);
    expect(listNesting("1. a\n   2) b\n\t- c\n")).toBe(3);
    // Markers on one line nest as deep as indented ones (each marker's space counts too: never under).
    expect(listNesting("- - - x\n")).toBeGreaterThanOrEqual(3);
    // Indented code, quotes, emphasis and rules open no item.
    expect(listNesting(`${" ".repeat(80)}code\n${"> ".repeat(40)}quote\n    *emphasis*\n---\n-x\n`)).toBe(0);
    expect(listNesting(nestedList(MAX_LIST_NESTING))).toBe(MAX_LIST_NESTING);
  });

  test("a list nested over the limit is refused, naming the list, before any markdown parsing; one at the limit is read", () => {
    const source = awesomeSource(["http://127.0.0.1:9/a.md"]);
    expect(source.parsePage(nestedList(MAX_LIST_NESTING), null).records.map((r) => r.server.key)).toEqual(["github.com/deep/one"]);
    expect(() => source.parsePage(nestedList(MAX_LIST_NESTING + 1), null)).toThrow(
      new SourceFormatError("awesome", `http://127.0.0.1:9/a.md nests its list items ${MAX_LIST_NESTING + 1} levels deep, over ${MAX_LIST_NESTING}: not read`),
    );
    // Thousands deep (the markdown parser alone would take minutes and gigabytes): refused at once.
    const started = performance.now();
    expect(() => source.parsePage(nestedList(3_000), null)).toThrow(/3000 levels deep/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("awesome source: text pages through the fetchers", () => {
  test("--record keeps a list as text and --snapshot gives the same text back; a fetcher without text pages says so", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcp-catalog-awesome-"));
    try {
      const url = "https://raw.githubusercontent.com/appcypher/awesome-mcp-servers/main/README.md";
      const live = { getJson: () => Promise.reject(new Error("not JSON")), getText: async (u: string) => ({ status: 200 as const, url: u, text: PUNKPEYE_STYLE, etag: '"v1"', attempts: 1 }) };
      const recorded = await fetchPage(recordingFetcher(live, dir, "awesome"), url, {}, "text");
      expect(recorded).toMatchObject({ status: 200, body: PUNKPEYE_STYLE, etag: '"v1"' });
      expect(await fetchPage(snapshotFetcher(dir, "awesome"), url, {}, "text")).toMatchObject({ status: 200, body: PUNKPEYE_STYLE });
      await expect(fetchPage({ getJson: live.getJson }, url, {}, "text")).rejects.toThrow(/cannot read text pages/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("snapshot pages and signals", () => {
  test("each recorded page waits a turn of the event loop, where a SIGINT's handler runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcp-catalog-turn-"));
    try {
      const url = "https://raw.githubusercontent.com/appcypher/awesome-mcp-servers/main/README.md";
      const live = { getJson: () => Promise.reject(new Error("not JSON")), getText: async (u: string) => ({ status: 200 as const, url: u, text: PUNKPEYE_STYLE, attempts: 1 }) };
      await fetchPage(recordingFetcher(live, dir, "awesome"), url, {}, "text");
      // A macrotask queued before the read runs before the page comes back (a signal handler is one).
      let turned = false;
      setImmediate(() => void (turned = true));
      await fetchPage(snapshotFetcher(dir, "awesome"), url, {}, "text");
      expect(turned).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("awesome source: AWESOME_LIST_URLS", () => {
  test("comma-separated URLs replace the default lists; anything else is refused with exit code 2", () => {
    expect(loadConfig({}, "/").awesomeListUrls).toHaveLength(2);
    expect(loadConfig({ AWESOME_LIST_URLS: " http://127.0.0.1:1/a.md , https://x.example/b.md," }, "/").awesomeListUrls).toEqual(["http://127.0.0.1:1/a.md", "https://x.example/b.md"]);
    expect(() => loadConfig({ AWESOME_LIST_URLS: "https://x.example/a.md,ftp://x/b" }, "/")).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/AWESOME_LIST_URLS .*'ftp:\/\/x\/b' is not one/) }));
  });
});

describe.each(DRIVERS)("awesome lists beside the registry on %s", (driver) => {
  let t: TestCatalog;
  let http: HttpClient;
  let registry: RegistryReplay;
  let lists: LocalServer;
  const conditionals: (string | undefined)[] = [];
  const linked = loadRegistrySample().filter(
    (i) => meta(i).isLatest === true && ["io.github.github/github-mcp-server", "io.github.domdomegg/airtable-mcp-server", "io.github.VictoriaMetrics-Community/mcp-victoriametrics"].includes(i.server.name),
  );

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    http = testHttpClient();
    registry = await startRegistryReplay(linked);
    lists = await startLocalServer((req, res) => {
      const body = req.url === "/appcypher/README.md" ? APPCYPHER : req.url === "/punkpeye/README.md" ? PUNKPEYE_STYLE : undefined;
      if (body === undefined) return void res.writeHead(404).end("404: Not Found");
      const etag = `"${createHash("sha256").update(body).digest("hex").slice(0, 16)}"`;
      conditionals.push(req.headers["if-none-match"] as string | undefined);
      if (req.headers["if-none-match"] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8", etag }).end(body);
    });
  });

  afterAll(async () => {
    await http.close();
    await Promise.all([registry.close(), lists.close(), t.dispose()]);
  });

  test("entries merge into the registry's servers by repository; a repository on both lists is one server with both lists' categories; unchanged lists answer 304", async () => {
    const source = awesomeSource([`${lists.url}/appcypher/README.md`, `${lists.url}/punkpeye/README.md`]);
    const summary = await refresh(t.catalog, { sources: [registrySource(registry.url), source], full: false, fetcherFor: () => http });
    expect(summary.status).toBe("succeeded");
    expect(summary.sources.awesome).toMatchObject({ pages: 2, records: 182 + 3, skipped: 1, errors: [] });
    // GitHub's server is on both lists and in the registry; airtable and VictoriaMetrics on appcypher's and in the registry.
    expect(summary.sources.awesome!.merged).toBe(4);
    const [counts] = await queryRows<{ servers: number; awesome: number }>(
      t.catalog.db,
      sql`select (select count(*) from servers)::int as servers, (select count(distinct server_id) from server_sources where source = 'awesome')::int as awesome`,
    );
    // appcypher's 182, punkpeye's 3 of which GitHub's is shared; the registry's three are among them.
    expect(counts).toEqual({ servers: 182 + 2, awesome: 182 + 2 });
    const [github] = await queryRows<{ id: number }>(t.catalog.db, sql`select id from servers where key = 'io.github.github/github-mcp-server'`);
    const signals = await serverSignals(t.catalog.db, github!.id);
    expect(signals.categories.map((c) => [c.category, c.source])).toEqual([
      ["Aggregators", "awesome"],
      ["Version Control", "awesome"],
    ]);
    const again = await refresh(t.catalog, { sources: [registrySource(registry.url), source], full: false, fetcherFor: () => http });
    expect(again.sources.awesome).toMatchObject({ pages: 2, notModified: 2, records: 0 });
    expect(conditionals.slice(-2).every((e) => e !== undefined)).toBe(true);
  });
});

/** A list of its own: one entry per repository named, under one category. */
const listOf = (...repos: string[]) => `# List\n\n## Servers\n\n### Things\n\n${repos.map((r) => `- [${r}](https://github.com/${r}) - ${r} server`).join("\n")}\n`;

describe.each(DRIVERS)("awesome lists that fail, each on its own, on %s", (driver) => {
  let t: TestCatalog;
  let http: HttpClient;
  let lists: LocalServer;
  /** What each list answers now: a body, or an HTTP status. */
  const answers = new Map<string, string | number>();
  const key = (repo: string) => `github.com/${repo}`;

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    http = testHttpClient();
    lists = await startLocalServer((req, res) => {
      const answer = answers.get(req.url ?? "");
      if (typeof answer === "string") return void res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(answer);
      res.writeHead(answer ?? 404).end("no");
    });
  });
  afterAll(async () => {
    await http.close();
    await Promise.all([lists.close(), t.dispose()]);
  });

  const source = () => awesomeSource([`${lists.url}/a.md`, `${lists.url}/b.md`, `${lists.url}/c.md`]);
  const crawl = () => refresh(t.catalog, { sources: [source()], full: false, fetcherFor: () => http });
  async function statusOf(repos: string[]): Promise<Record<string, string>> {
    const rows = await queryRows<{ key: string; status: string }>(t.catalog.db, sql`select key, status from servers where key in (select jsonb_array_elements_text(${JSON.stringify(repos.map(key))}::jsonb))`);
    return Object.fromEntries(rows.map((r) => [r.key, r.status]));
  }

  test("a list that answers 500 is recorded typed; the lists after it are crawled; its servers stay active", async () => {
    answers.set("/a.md", listOf("acme/one", "acme/two"));
    answers.set("/b.md", listOf("beta/one", "beta/two"));
    answers.set("/c.md", listOf("gamma/one"));
    expect((await crawl()).status).toBe("succeeded");

    answers.set("/b.md", 500);
    answers.set("/c.md", listOf("gamma/one", "gamma/new"));
    const summary = await crawl();
    expect(summary.status).toBe("failed");
    expect(summary.failures).toHaveLength(1);
    expect(summary.failures[0]).toMatchObject({ stage: "crawl", source: "awesome", kind: "status", status: 500, page: 2, url: `${lists.url}/b.md` });
    expect(summary.sources.awesome).toMatchObject({ pages: 3, failedPages: 1, errors: [summary.failures[0]!.message], gone: 0 });
    // The list after the failed one was read: its new entry is a server.
    expect(await statusOf(["acme/one", "beta/one", "beta/two", "gamma/one", "gamma/new"])).toEqual({
      [key("acme/one")]: "active",
      [key("beta/one")]: "active",
      [key("beta/two")]: "active",
      [key("gamma/one")]: "active",
      [key("gamma/new")]: "active",
    });
  });

  test("a list that is no list (an error page answered 200) fails alone as a format failure; one that recovers settles as usual", async () => {
    answers.set("/a.md", "<html>404: Not Found</html>");
    answers.set("/c.md", listOf("gamma/one"));
    const summary = await crawl();
    expect(summary.failures.map((f) => [f.kind, f.url])).toEqual([
      ["format", `${lists.url}/a.md`],
      ["status", `${lists.url}/b.md`],
    ]);
    expect(summary.sources.awesome).toMatchObject({ pages: 3, failedPages: 2, gone: 1 });
    // gamma/new left list c, the only list read whole that named it: gone. The failed lists' servers stay.
    expect(await statusOf(["acme/one", "beta/one", "gamma/new"])).toEqual({ [key("acme/one")]: "active", [key("beta/one")]: "active", [key("gamma/new")]: "gone" });

    answers.set("/a.md", listOf("acme/one"));
    answers.set("/b.md", listOf("beta/one", "beta/two"));
    const recovered = await crawl();
    expect(recovered.status).toBe("succeeded");
    expect(await statusOf(["acme/one", "acme/two", "beta/one"])).toEqual({ [key("acme/one")]: "active", [key("acme/two")]: "gone", [key("beta/one")]: "active" });
  });

  test("a first crawl whose middle list is unreachable stores the others", async () => {
    const fresh = await openTestCatalog(driver);
    try {
      answers.set("/b.md", 404);
      const summary = await refresh(fresh.catalog, { sources: [source()], full: false, fetcherFor: () => http });
      expect(summary.failures.map((f) => [f.kind, f.status])).toEqual([["status", 404]]);
      expect(summary.sources.awesome).toMatchObject({ pages: 3, failedPages: 1, records: 2 });
      const [row] = await queryRows<{ n: number }>(fresh.catalog.db, sql`select count(*)::int as n from servers where status = 'active'`);
      expect(row!.n).toBe(2);
    } finally {
      await fresh.dispose();
    }
  });

  test("a list nested over the limit fails alone as a format failure naming it; the lists after it are read", async () => {
    answers.set("/a.md", listOf("acme/one"));
    answers.set("/b.md", `${listOf("beta/one")}${Array.from({ length: MAX_LIST_NESTING }, (_, i) => `${"  ".repeat(i + 1)}- x`).join("\n")}\n`);
    answers.set("/c.md", listOf("gamma/one", "gamma/later"));
    const summary = await crawl();
    expect(summary.failures.map((f) => [f.kind, f.url, f.message])).toEqual([
      ["format", `${lists.url}/b.md`, expect.stringContaining(`${lists.url}/b.md nests its list items ${MAX_LIST_NESTING + 1} levels deep, over ${MAX_LIST_NESTING}: not read`)],
    ]);
    expect(summary.sources.awesome).toMatchObject({ pages: 3, failedPages: 1 });
    expect(await statusOf(["beta/one", "gamma/later"])).toEqual({ [key("beta/one")]: "active", [key("gamma/later")]: "active" });
  });
});
