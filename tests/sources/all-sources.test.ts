// A refresh over every keyless source at once, each a local replay describing the same few real servers
// its own way: one server per real server, with every source's alias, the lists' categories and the
// directories' popularity; a name collision stays two servers; stats and search read what was stored.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HttpClient } from "../../crawler/http.js";
import { refresh, type RefreshSummary } from "../../crawler/refresh.js";
import { awesomeSource } from "../../crawler/sources/awesome.js";
import { glamaSource } from "../../crawler/sources/glama.js";
import { npmSource } from "../../crawler/sources/npm.js";
import { pulsemcpSource } from "../../crawler/sources/pulsemcp.js";
import { pep503, pypiSource } from "../../crawler/sources/pypi.js";
import { registrySource } from "../../crawler/sources/registry.js";
import { searchTools } from "../../db/lookups.js";
import { catalogStats } from "../../db/queries.js";
import { serverSignals } from "../../db/signals.js";
import { queryRows } from "../../db/sql.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "../helpers/catalog.js";
import { glamaId, loadGithubTools, loadLabeledTools, startGlamaReplay, type GlamaReplay } from "../helpers/glama-replay.js";
import { testHttpClient } from "../helpers/http.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";
import { startNpmSearchReplay, type NpmSearchReplay } from "../../scripts/dev/replays/npm-registry.js";
import { PULSE_ONLY, pulseServerFor, startPulseReplay, type PulseReplay } from "../helpers/pulsemcp-replay.js";
import { loadRegistrySample, meta, startRegistryReplay, type RegistryItem, type RegistryReplay } from "../helpers/registry-replay.js";

const SDK = { "@modelcontextprotocol/sdk": "^1.17.0" };
const latest = (name: string) => loadRegistrySample().find((i) => i.server.name === name && meta(i).isLatest === true)!;
const GITHUB = latest("io.github.github/github-mcp-server");
const AIRTABLE = latest("io.github.domdomegg/airtable-mcp-server");
/** A registry entry published to PyPI, with its repository on GitHub. */
const PYTHON: RegistryItem = loadRegistrySample().find((i) => {
  const s = i.server as { packages?: { registryType: string }[]; repository?: { url?: string } };
  return meta(i).isLatest === true && s.packages?.some((p) => p.registryType === "pypi") && s.repository?.url?.startsWith("https://github.com/");
})!;
const described = (i: RegistryItem) => i.server as { packages?: { registryType: string; identifier: string }[]; repository?: { url?: string } };
const pythonPackage = described(PYTHON).packages!.find((p) => p.registryType === "pypi")!.identifier;

const LIST = `# Awesome MCP Servers

## Server Implementations

### 🔗 <a name="aggregators"></a>Developer Tools

- [github/github-mcp-server](https://github.com/github/github-mcp-server) 🎖️ 🏎️ ☁️ - GitHub's own server
- [acme-labs/weather-mcp](https://github.com/acme-labs/weather-mcp) 📇 🏠 - Forecasts and alerts

### 🗄️ <a name="databases"></a>Databases

- [domdomegg/airtable-mcp-server](https://github.com/domdomegg/airtable-mcp-server) 📇 - Read and write Airtable bases
- [Notes](https://github.com/alpha/notes-mcp) - Notes, the first of that name
- [Notes](https://github.com/beta/notes-mcp) - Notes, another server with the same name
`;

describe.each(DRIVERS)("every keyless source at once on %s", (driver) => {
  let t: TestCatalog;
  let http: HttpClient;
  let registry: RegistryReplay;
  let glama: GlamaReplay;
  let pulse: PulseReplay;
  let npm: NpmSearchReplay;
  let web: LocalServer;
  let summary: RefreshSummary;

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    http = testHttpClient();
    registry = await startRegistryReplay([GITHUB, AIRTABLE, PYTHON]);
    glama = await startGlamaReplay({
      servers: [
        { id: glamaId("github", "github-mcp-server"), name: "GitHub MCP Server", namespace: "github", slug: "github-mcp-server", description: "GitHub's server", url: "https://glama.ai/mcp/servers/github/github-mcp-server", repository: { url: "https://github.com/github/github-mcp-server" }, spdxLicense: null, attributes: [], environmentVariablesJsonSchema: null, tools: loadGithubTools() },
        { id: glamaId("containers", "kubernetes-mcp-server"), name: "Kubernetes MCP Server", namespace: "containers", slug: "kubernetes-mcp-server", description: "Kubernetes and OpenShift", url: "https://glama.ai/mcp/servers/containers/kubernetes-mcp-server", repository: { url: "https://github.com/containers/kubernetes-mcp-server" }, spdxLicense: null, attributes: [], environmentVariablesJsonSchema: null, tools: loadLabeledTools("kubernetes-mcp-server.jsonl") },
      ],
    });
    pulse = await startPulseReplay([pulseServerFor(GITHUB), pulseServerFor(AIRTABLE), pulseServerFor(PYTHON), PULSE_ONLY[0]]);
    npm = await startNpmSearchReplay([
      { manifest: { name: "airtable-mcp-server", version: "1.9.6", keywords: ["mcp"], mcpName: AIRTABLE.server.name, bin: { "airtable-mcp-server": "dist/main.js" }, dependencies: SDK, repository: { type: "git", url: "git+https://github.com/domdomegg/airtable-mcp-server.git" } }, weeklyDownloads: 4200 },
      { manifest: { name: "@acme-labs/weather-mcp", version: "0.4.0", keywords: ["mcp-server"], bin: "build/index.js", dependencies: { fastmcp: "^3.0.0" }, repository: "github:acme-labs/weather-mcp" }, weeklyDownloads: 90 },
      { manifest: { name: "notes-mcp", version: "1.0.0", keywords: ["mcp"], bin: "index.js", dependencies: SDK, repository: "alpha/notes-mcp" }, weeklyDownloads: 3 },
    ]);
    const python = {
      info: { name: pythonPackage, version: "1.0.0", summary: "On PyPI", description: `<!-- mcp-name: ${PYTHON.server.name} -->`, home_page: null, project_urls: { Source: described(PYTHON).repository!.url! } },
      last_serial: 1,
    };
    web = await startLocalServer((req, res) => {
      if (req.url === "/awesome/README.md") return void res.writeHead(200, { "content-type": "text/plain" }).end(LIST);
      const body = req.url === `/pypi/${pep503(pythonPackage)}/json` ? python : undefined;
      res.writeHead(body ? 200 : 404, { "content-type": "application/json" }).end(JSON.stringify(body ?? { message: "Not Found" }));
    });
    const sources = [
      registrySource(registry.url),
      glamaSource({ baseUrl: glama.url }),
      pulsemcpSource({ baseUrl: pulse.url }),
      npmSource({ registryUrl: npm.url }),
      awesomeSource([`${web.url}/awesome/README.md`]),
      pypiSource({ baseUrl: web.url }),
    ];
    summary = await refresh(t.catalog, { sources, full: false, fetcherFor: () => http });
  });

  afterAll(async () => {
    await http.close();
    await Promise.all([registry.close(), glama.close(), pulse.close(), npm.close(), web.close(), t.dispose()]);
  });

  async function server(key: string) {
    const [row] = await queryRows<{ id: number; sources: string; kinds: string }>(
      t.catalog.db,
      sql`select s.id, (select string_agg(distinct source, ',' order by source) from server_sources where server_id = s.id) as sources,
        (select string_agg(distinct kind, ',' order by kind) from server_aliases where server_id = s.id) as kinds
        from servers s where s.key = ${key}`,
    );
    expect(row, key).toBeDefined();
    return { ...row!, signals: await serverSignals(t.catalog.db, row!.id) };
  }

  test("one server per real server, each with every source's alias, categories and popularity", async () => {
    expect(summary.status).toBe("succeeded");
    const [count] = await queryRows<{ n: number }>(t.catalog.db, sql`select count(*)::int as n from servers`);
    // GitHub, Airtable, the PyPI server, Acme Weather, Kubernetes, and the two servers named Notes.
    expect(count!.n).toBe(7);
    const github = await server(GITHUB.server.name);
    expect(github).toMatchObject({ sources: "awesome,glama,pulsemcp,registry", kinds: "glama,pulsemcp,registry,remote,repo" });
    expect(github.signals.categories.map((c) => c.category)).toEqual(["Developer Tools"]);
    expect(github.signals.popularity.map((p) => [p.metric, p.source])).toEqual([["stars", "pulsemcp"]]);
    const airtable = await server(AIRTABLE.server.name);
    expect(airtable).toMatchObject({ sources: "awesome,npm,pulsemcp,registry" });
    expect(airtable.kinds.split(",")).toEqual(expect.arrayContaining(["mcpb", "npm", "oci", "pulsemcp", "registry", "repo"]));
    expect(airtable.signals.categories.map((c) => c.category)).toEqual(["Databases"]);
    expect(airtable.signals.popularity.map((p) => [p.metric, p.source, p.value])).toEqual([
      ["downloads", "pulsemcp", expect.any(Number)],
      ["stars", "pulsemcp", expect.any(Number)],
      ["weeklyDownloads", "npm", 4200],
    ]);
    expect(await server(PYTHON.server.name)).toMatchObject({ sources: "pulsemcp,pypi,registry" });
    const weather = await server("github.com/acme-labs/weather-mcp");
    expect(weather).toMatchObject({ sources: "awesome,npm,pulsemcp", kinds: "npm,pulsemcp,repo" });
    expect(weather.signals.popularity.map((p) => p.metric)).toEqual(["downloads", "stars", "weeklyDownloads"]);
    expect(await server("github.com/containers/kubernetes-mcp-server")).toMatchObject({ sources: "glama" });
  });

  test("a name two different servers share stays two servers", async () => {
    expect(await server("github.com/alpha/notes-mcp")).toMatchObject({ sources: "awesome,npm", kinds: "npm,repo" });
    expect(await server("github.com/beta/notes-mcp")).toMatchObject({ sources: "awesome", kinds: "repo" });
  });

  test("stats: per source, records seen, servers contributed, servers found only there", async () => {
    const stats = await catalogStats(t.catalog.db);
    const contributions = Object.fromEntries(Object.entries(stats.sources).map(([name, { lastCrawl, ...c }]) => [name, c]));
    expect(contributions).toEqual({
      awesome: { records: 5, servers: 5, only: 1 },
      glama: { records: 2, servers: 2, only: 1 },
      npm: { records: 3, servers: 3, only: 0 },
      pulsemcp: { records: 4, servers: 4, only: 0 },
      pypi: { records: 1, servers: 1, only: 0 },
      registry: { records: 3, servers: 3, only: 0 },
    });
    expect(stats.servers.total).toBe(7);
    // And what each source's last crawl cost: npm read one manifest per candidate.
    const npm = stats.sources.npm!.lastCrawl!;
    expect(npm).toMatchObject({ runId: expect.any(Number), notModified: 0, detailsNotModified: 0 });
    expect(npm.details).toBeGreaterThanOrEqual(3);
    expect(npm.requests).toBe(npm.pages + npm.details);
    expect(Object.values(stats.sources).every((s) => s.lastCrawl !== undefined)).toBe(true);
  });

  test("search ranks by popularity on request: the starred server's tools before the unranked one's", async () => {
    const byRelevance = await searchTools(t.catalog.db, { text: "list", limit: 200 });
    const byPopularity = await searchTools(t.catalog.db, { text: "list", limit: 200, sort: "popularity" });
    expect(new Set(byPopularity.map((e) => e.server))).toEqual(new Set([GITHUB.server.name, "github.com/containers/kubernetes-mcp-server"]));
    const firstK8s = byPopularity.findIndex((e) => e.server !== GITHUB.server.name);
    expect(byPopularity.slice(firstK8s).every((e) => e.server !== GITHUB.server.name)).toBe(true);
    expect(byRelevance.map((e) => e.server)).not.toEqual(byPopularity.map((e) => e.server));
  });
});
