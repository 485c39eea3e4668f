// The npm source: disjoint keyword queries split under npm's 10,000-result window, manifests that prove a
// server, and a refresh beside the registry on local replays in npm's documented shapes.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HttpClient } from "../../crawler/http.js";
import type { SourceRecord } from "../../crawler/records.js";
import { refresh, type RefreshSummary } from "../../crawler/refresh.js";
import { NOT_URL_SAFE } from "../../crawler/sources/fields.js";
import { disjointKeywordQueries, NPM_SEARCH_WINDOW, npmCandidate, npmSource, parseNpmManifest, splitQuery } from "../../crawler/sources/npm.js";
import { registrySource } from "../../crawler/sources/registry.js";
import type { Source } from "../../crawler/sources/source.js";
import { SourceFormatError } from "../../crawler/sources/source.js";
import { queryRows } from "../../db/sql.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "../helpers/catalog.js";
import { testHttpClient } from "../helpers/http.js";
import { searchObject, startNpmSearchReplay, type NpmSearchReplay, type ReplayPackage } from "../../scripts/dev/replays/npm-registry.js";
import { loadRegistrySample, meta, startRegistryReplay, type RegistryItem, type RegistryReplay } from "../helpers/registry-replay.js";

const SDK = { "@modelcontextprotocol/sdk": "^1.17.0" };

/** Walks a source's search pages as the crawler does (without details): every candidate and skip, in order. */
async function walk(source: Source): Promise<{ names: string[]; skipped: string[]; pages: number }> {
  const names: string[] = [];
  const skipped: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  for (;;) {
    const res = await fetch(source.pageUrl(cursor, {}));
    expect(res.status).toBe(200);
    const page = source.parsePage(await res.json(), cursor);
    pages += 1;
    names.push(...page.records.map((r) => r.sourceId));
    skipped.push(...page.skipped.map((s) => s.reason));
    if (!page.next) return { names, skipped, pages };
    cursor = page.next;
    expect(pages).toBeLessThan(500);
  }
}

describe("npm source: queries", () => {
  test("one query per keyword, each leaving out the keywords before it", () => {
    expect(disjointKeywordQueries()).toEqual(["keywords:mcp", "keywords:mcp-server,-mcp", "keywords:modelcontextprotocol,-mcp,-mcp-server"]);
  });

  test("a query splits by stability, then by insecurity, then not at all", () => {
    expect(splitQuery("keywords:mcp")).toEqual(["keywords:mcp is:unstable", "keywords:mcp not:unstable"]);
    expect(splitQuery("keywords:mcp not:unstable")).toEqual(["keywords:mcp not:unstable is:insecure", "keywords:mcp not:unstable not:insecure"]);
    expect(splitQuery("keywords:mcp not:unstable not:insecure")).toBeUndefined();
  });

  test("the first page asks size 250 from 0; a page that is not a search result stops the source", () => {
    const source = npmSource({ registryUrl: "http://127.0.0.1:9/" });
    expect(source.pageUrl(null, {})).toBe("http://127.0.0.1:9/-/v1/search?text=keywords%3Amcp&size=250&from=0");
    expect(() => source.parsePage({ error: "boom" }, null)).toThrow(SourceFormatError);
    expect(source.detailUrl!({ sourceId: "@scope/pkg" } as SourceRecord)).toBe("http://127.0.0.1:9/@scope%2Fpkg/latest");
  });

  test("a search hit whose name no URL can hold (a lone surrogate) is skipped with its reason; the page goes on", () => {
    expect(npmCandidate({ package: { name: "evil\ud800-mcp" } })).toEqual({ skip: `package.name: ${NOT_URL_SAFE}` });
    const page = npmSource().parsePage({ objects: [{ package: { name: "a-mcp" } }, { package: { name: "\udfffb-mcp" } }, { package: { name: "c-mcp" } }], total: 3 }, null);
    expect(page.records.map((r) => r.sourceId)).toEqual(["a-mcp", "c-mcp"]);
    expect(page.skipped).toEqual([{ index: 1, reason: `package.name: ${NOT_URL_SAFE}` }]);
  });
});

describe("npm source: npm's 10,000-result window", () => {
  let replay: NpmSearchReplay;
  // 10,620 packages under `mcp`: 300 unstable, 400 insecure, the rest neither; 50 more only under mcp-server, 20 also under modelcontextprotocol.
  const packages: ReplayPackage[] = Array.from({ length: 10_620 }, (_, i) => ({
    manifest: {
      name: `mcp-pkg-${String(i).padStart(5, "0")}`,
      version: i < 300 ? "0.3.1" : "1.2.0",
      keywords: i < 20 ? ["mcp", "modelcontextprotocol"] : ["mcp"],
    },
    insecure: i >= 300 && i < 700,
  }));
  for (let i = 0; i < 50; i++) packages.push({ manifest: { name: `server-only-${i}`, version: "2.0.0", keywords: ["mcp-server"] } });

  beforeAll(async () => {
    replay = await startNpmSearchReplay(packages);
  });
  afterAll(() => replay.close());

  test("a query over the window is split until every part fits: every package found once, no page asked past it", async () => {
    const { names, skipped } = await walk(npmSource({ registryUrl: replay.url }));
    expect(skipped).toEqual([]);
    expect(names).toHaveLength(packages.length);
    expect(new Set(names).size).toBe(packages.length);
    const texts = replay.requests.map((r) => new URL(r, "http://x").searchParams.get("text"));
    expect(new Set(texts)).toEqual(
      new Set([
        "keywords:mcp",
        "keywords:mcp is:unstable",
        "keywords:mcp not:unstable",
        "keywords:mcp not:unstable is:insecure",
        "keywords:mcp not:unstable not:insecure",
        "keywords:mcp-server,-mcp",
        "keywords:modelcontextprotocol,-mcp,-mcp-server",
      ]),
    );
    for (const r of replay.requests) {
      const q = new URL(r, "http://x").searchParams;
      expect(Number(q.get("from")) + Number(q.get("size"))).toBeLessThanOrEqual(NPM_SEARCH_WINDOW);
    }
  });

  test("what no split can bring under the window is walked to its end and the rest counted, never lost silently", async () => {
    const small = await startNpmSearchReplay(packages.slice(700, 770), { window: 50 });
    try {
      const { names, skipped } = await walk(npmSource({ registryUrl: small.url, window: 50, pageSize: 20 }));
      expect(names).toHaveLength(50);
      expect(skipped).toHaveLength(20);
      expect(skipped[0]).toBe(`beyond npm's 50-result window of "keywords:mcp not:unstable not:insecure" (no split left)`);
    } finally {
      await small.close();
    }
  });
});

describe("npm source: a manifest proves a server", () => {
  const candidate = (name: string, weekly = 5) => {
    const r = npmCandidate(searchObject({ manifest: { name, version: "1.0.0" }, weeklyDownloads: weekly }));
    if ("skip" in r) throw new Error(r.skip);
    return r;
  };

  test("an mcpName keys the server by its registry name and links it there; weekly downloads are its popularity", () => {
    const r = parseNpmManifest(candidate("@acme/notes-mcp", 1234), {
      name: "@acme/notes-mcp",
      version: "1.4.0",
      mcpName: "io.github.acme/notes",
      bin: { "notes-mcp": "dist/index.js" },
      dependencies: SDK,
      repository: { type: "git", url: "git+https://github.com/Acme/tools.git", directory: "packages/notes" },
    });
    if ("skip" in r) throw new Error(r.skip);
    expect(r.server).toMatchObject({
      key: "io.github.acme/notes",
      version: "1.4.0",
      status: "active",
      repository: { key: "github.com/acme/tools", subfolder: "packages/notes" },
      packages: [{ registryType: "npm", identifier: "@acme/notes-mcp", version: "1.4.0", transport: "stdio" }],
    });
    expect(r.aliases).toEqual([
      { kind: "registry", value: "io.github.acme/notes" },
      { kind: "npm", value: "@acme/notes-mcp" },
      { kind: "repo", value: "github.com/acme/tools#packages/notes" },
    ]);
    expect(r.popularity).toEqual([{ metric: "weeklyDownloads", value: 1234 }]);
  });

  test("no proof, no server: a library without a bin, a client's bin, a manifest of another package", () => {
    expect(parseNpmManifest(candidate("mcp-lib"), { name: "mcp-lib", version: "1.0.0", dependencies: SDK })).toEqual({ skip: "not a server: no-bin" });
    expect(parseNpmManifest(candidate("mcp-chat"), { name: "mcp-chat", version: "1.0.0", bin: "cli.js", dependencies: { "@ai-sdk/mcp": "^1" } })).toEqual({ skip: "not a server: no-mcp-dependency" });
    expect(parseNpmManifest(candidate("a-mcp"), { name: "b-mcp", version: "1.0.0", bin: "x.js", dependencies: SDK })).toEqual({ skip: "manifest: names b-mcp, not a-mcp" });
    expect(parseNpmManifest(candidate("a-mcp"), { error: "Not found" })).toMatchObject({ skip: expect.stringMatching(/^manifest: /) });
  });
});

/** Latest registry entries with an npm package, each package named once, each repository once. */
function registryWithNpm(count: number): RegistryItem[] {
  const seen = new Set<string>();
  return loadRegistrySample().filter((i) => {
    if (meta(i).isLatest !== true || seen.size >= count * 2) return false;
    const s = i.server as { packages?: { registryType: string; identifier: string }[]; repository?: { url?: string } };
    const pkg = s.packages?.find((p) => p.registryType === "npm")?.identifier;
    const repo = s.repository?.url?.toLowerCase();
    if (!pkg || !repo || seen.has(pkg) || seen.has(repo)) return false;
    seen.add(pkg).add(repo);
    return true;
  }).slice(0, count);
}

describe.each(DRIVERS)("npm beside the registry on %s", (driver) => {
  let t: TestCatalog;
  let http: HttpClient;
  let registry: RegistryReplay;
  let npm: NpmSearchReplay;
  let summary: RefreshSummary;
  const linked = registryWithNpm(8);
  const described = (i: RegistryItem) => i.server as { packages?: { registryType: string; identifier: string }[]; repository?: { url?: string } };
  const npmName = (i: RegistryItem) => described(i).packages!.find((p) => p.registryType === "npm")!.identifier;
  const repoUrl = (i: RegistryItem) => described(i).repository!.url!;
  // The first six publish their registry name as mcpName; the last two do not, and are found by their repository.
  const packages: ReplayPackage[] = [
    ...linked.map((i, n) => ({
      manifest: { name: npmName(i), version: "1.0.2", keywords: ["mcp"], bin: { [npmName(i).split("/").pop()!]: "dist/index.js" }, dependencies: SDK, repository: { type: "git", url: `git+${repoUrl(i)}.git` }, ...(n < 6 ? { mcpName: i.server.name } : {}) },
      weeklyDownloads: 100 + n,
    })),
    { manifest: { name: "acme-weather-mcp", version: "0.4.0", keywords: ["mcp-server"], bin: "build/index.js", dependencies: { fastmcp: "^3.0.0" }, repository: "github:acme-labs/weather-mcp" }, weeklyDownloads: 40 },
    { manifest: { name: "@acme/bundled-mcp", version: "2.1.0", keywords: ["mcp", "mcp-server"], bin: { bundled: "dist/cli.js" } }, weeklyDownloads: 7 },
    { manifest: { name: "old-mcp-server", version: "1.0.0", keywords: ["modelcontextprotocol"], bin: "index.js", dependencies: SDK, deprecated: "use new-mcp-server" }, weeklyDownloads: 1 },
    { manifest: { name: "mcp-utils", version: "3.0.0", keywords: ["mcp"], dependencies: SDK } },
    { manifest: { name: "mcp-chat-cli", version: "1.1.0", keywords: ["mcp"], bin: "chat.js", dependencies: { "@ai-sdk/mcp": "^1.0.0" } } },
    { manifest: { name: "gone-mcp", version: "1.0.0", keywords: ["mcp"] }, manifestMissing: true },
  ];
  const garbage = [{ package: { version: "1.0.0" } }, null];
  const servers = linked.length + 3;

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    http = testHttpClient();
    registry = await startRegistryReplay(linked);
    npm = await startNpmSearchReplay(packages, { garbage, garbageQuery: "keywords:mcp" });
    summary = await refresh(t.catalog, { sources: [registrySource(registry.url), npmSource({ registryUrl: npm.url })], full: false, fetcherFor: () => http });
  });

  afterAll(async () => {
    await http.close();
    await Promise.all([registry.close(), npm.close(), t.dispose()]);
  });

  test("only proven servers are stored; every other candidate is skipped and counted by reason", () => {
    expect(summary.status).toBe("succeeded");
    const s = summary.sources.npm!;
    expect(s.records).toBe(servers);
    expect(s.skipped).toBe(garbage.length + 3);
    expect(s.detailErrors).toBe(1);
    expect(s.skippedReasons["not a server: no-bin"]).toBe(1);
    expect(s.skippedReasons["not a server: no-mcp-dependency"]).toBe(1);
    expect(Object.keys(s.skippedReasons).some((r) => r.startsWith("detail: ") && r.includes("404"))).toBe(true);
  });

  test("one server per real server: registry entries take their npm package's record, the rest are new servers", async () => {
    expect(summary.sources.npm!.merged).toBe(2);
    const rows = await queryRows<{ key: string; sources: string; weekly: number | null; status: string }>(
      t.catalog.db,
      sql`select s.key, string_agg(distinct ss.source, ',' order by ss.source) as sources, max(p.value)::int as weekly, s.status
        from servers s join server_sources ss on ss.server_id = s.id
        left join server_popularity p on p.server_id = s.id and p.metric = 'weeklyDownloads'
        group by s.id order by s.key`,
    );
    expect(rows).toHaveLength(linked.length + 3);
    for (const [n, item] of linked.entries()) expect(rows.find((r) => r.key === item.server.name)).toMatchObject({ sources: "npm,registry", weekly: 100 + n });
    expect(rows.find((r) => r.key === "github.com/acme-labs/weather-mcp")).toMatchObject({ sources: "npm", weekly: 40 });
    expect(rows.find((r) => r.key === "npmjs.com/package/@acme/bundled-mcp")).toMatchObject({ sources: "npm", weekly: 7 });
    expect(rows.find((r) => r.key === "npmjs.com/package/old-mcp-server")).toMatchObject({ status: "deprecated" });
  });
});
