// The PyPI source: the coordinates other sources named, each read from a local replay of PyPI's JSON API
// (projects with and without an `mcp-name:` line, one gone, one malformed), merged into the servers that named them.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HttpClient } from "../../crawler/http.js";
import type { SourceRecord } from "../../crawler/records.js";
import { refresh, type RefreshSummary } from "../../crawler/refresh.js";
import { pulsemcpSource } from "../../crawler/sources/pulsemcp.js";
import { parsePypiProject, pep503, projectRepository, pypiSource } from "../../crawler/sources/pypi.js";
import { registrySource } from "../../crawler/sources/registry.js";
import { queryRows } from "../../db/sql.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "../helpers/catalog.js";
import { testHttpClient } from "../helpers/http.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";
import { startPulseReplay, type PulseReplay } from "../helpers/pulsemcp-replay.js";
import { loadRegistrySample, meta, startRegistryReplay, type RegistryItem, type RegistryReplay } from "../helpers/registry-replay.js";

/** A project as PyPI's JSON API serves it (GET /pypi/<name>/json), with the fields it always has. */
function pypiProject(o: { name: string; version: string; summary: string; description: string; projectUrls: Record<string, string> | null; homePage?: string }): unknown {
  return {
    info: {
      author: "Someone",
      author_email: "someone@example.com",
      classifiers: ["Programming Language :: Python :: 3"],
      description: o.description,
      description_content_type: "text/markdown",
      downloads: { last_day: -1, last_month: -1, last_week: -1 },
      home_page: o.homePage ?? null,
      keywords: "mcp",
      license: "MIT",
      name: o.name,
      package_url: `https://pypi.org/project/${o.name}/`,
      project_url: `https://pypi.org/project/${o.name}/`,
      project_urls: o.projectUrls,
      release_url: `https://pypi.org/project/${o.name}/${o.version}/`,
      requires_dist: ["mcp>=1.2.0"],
      requires_python: ">=3.10",
      summary: o.summary,
      version: o.version,
      yanked: false,
      yanked_reason: null,
    },
    last_serial: 29_000_000,
    releases: { [o.version]: [{ filename: `${o.name}-${o.version}.tar.gz`, packagetype: "sdist", size: 12_345 }] },
    urls: [{ filename: `${o.name}-${o.version}.tar.gz`, packagetype: "sdist" }],
    vulnerabilities: [],
  };
}

const described = (i: RegistryItem) => i.server as { packages?: { registryType: string; identifier: string }[]; repository?: { url?: string } };
const pypiName = (i: RegistryItem) => described(i).packages!.find((p) => p.registryType === "pypi")!.identifier;

describe("pypi source: a project's JSON", () => {
  const candidate = { source: "pypi", sourceId: "acme-mcp", isLatest: true, raw: null, server: { key: "pypi.org/project/acme-mcp", status: "active", packages: [], remotes: [] }, aliases: [{ kind: "pypi", value: "acme-mcp" }] } satisfies SourceRecord;

  test("the mcp-name line keys the server by its registry name; version, summary and repository come along", () => {
    const r = parsePypiProject(candidate, pypiProject({ name: "Acme_MCP", version: "0.3.0", summary: "Acme tools", description: "# Acme\n\n<!-- mcp-name: io.github.acme/acme-mcp -->\n", projectUrls: { Homepage: "https://acme.example", "Source Code": "https://github.com/Acme/acme-mcp" } }));
    if ("skip" in r) throw new Error(r.skip);
    expect(r.server).toEqual({
      key: "io.github.acme/acme-mcp",
      title: "Acme_MCP",
      description: "Acme tools",
      version: "0.3.0",
      status: "active",
      repository: { key: "github.com/acme/acme-mcp", url: "https://github.com/acme/acme-mcp" },
      websiteUrl: "https://acme.example",
      packages: [{ registryType: "pypi", identifier: "Acme_MCP", version: "0.3.0" }],
      remotes: [],
    });
    expect(r.aliases).toEqual([
      { kind: "registry", value: "io.github.acme/acme-mcp" },
      { kind: "pypi", value: "acme-mcp" },
      { kind: "repo", value: "github.com/acme/acme-mcp" },
    ]);
    expect(Object.keys(r.raw as object)).toEqual(["info", "last_serial"]);
  });

  test("without mcp-name or a repository the project keeps its PyPI key; another project's JSON or a broken one is skipped", () => {
    const r = parsePypiProject(candidate, pypiProject({ name: "acme.mcp", version: "1.0.0", summary: "", description: "no line here", projectUrls: null, homePage: "https://acme.example" }));
    if ("skip" in r) throw new Error(r.skip);
    expect(r.server).toMatchObject({ key: "pypi.org/project/acme-mcp", websiteUrl: "https://acme.example" });
    expect(r.server.description).toBeUndefined();
    expect(parsePypiProject(candidate, pypiProject({ name: "other", version: "1", summary: "", description: "", projectUrls: null }))).toEqual({ skip: "project: names other, not acme-mcp" });
    expect(parsePypiProject(candidate, { message: "Not Found" })).toMatchObject({ skip: expect.stringMatching(/^project: info/) });
  });

  test("PEP 503 names; a source-like label wins over other code-host links", () => {
    expect(pep503("Foo__Bar.baz")).toBe("foo-bar-baz");
    expect(projectRepository({ Issues: "https://github.com/a/issues-only/issues", Repository: "https://gitlab.com/a/b" })!.key).toBe("gitlab.com/a/b");
    expect(projectRepository({ Docs: "https://docs.example" }, "https://github.com/a/c")!.key).toBe("github.com/a/c");
    expect(projectRepository({ Docs: "https://docs.example" })).toBeUndefined();
  });
});

describe.each(DRIVERS)("pypi after the registry and PulseMCP on %s", (driver) => {
  let t: TestCatalog;
  let http: HttpClient;
  let registry: RegistryReplay;
  let pulse: PulseReplay;
  let pypi: LocalServer;
  let summary: RefreshSummary;
  const seen = new Set<string>();
  const linked = loadRegistrySample()
    .filter((i) => {
      if (meta(i).isLatest !== true) return false;
      const pkg = described(i).packages?.find((p) => p.registryType === "pypi")?.identifier;
      const repo = described(i).repository?.url?.toLowerCase();
      if (!pkg || !repo?.startsWith("https://github.com/") || seen.has(pep503(pkg)) || seen.has(repo)) return false;
      seen.add(pep503(pkg)).add(repo);
      return true;
    })
    .slice(0, 6);
  const projects = new Map<string, unknown>();
  // The first three publish the mcp-name line; the next two only link their repository; the last is gone from PyPI.
  linked.slice(0, 5).forEach((i, n) => {
    const repo = described(i).repository!.url!;
    const line = n < 3 ? `\n\n<!-- mcp-name: ${i.server.name} -->\n` : "\n";
    projects.set(pep503(pypiName(i)), pypiProject({ name: pypiName(i), version: "1.0.0", summary: `${pypiName(i)} on PyPI`, description: `# ${pypiName(i)}${line}`, projectUrls: { Homepage: repo, Repository: repo } }));
  });
  // Known only to PulseMCP, under a name PyPI normalises.
  projects.set("acme-weather-mcp", pypiProject({ name: "Acme_Weather.MCP", version: "2.0.1", summary: "Weather for agents", description: "Weather.", projectUrls: { Homepage: "https://weather.example" } }));
  projects.set("broken-mcp", { info: { name: 5 } });
  const pulseServers = [
    { name: "Acme Weather (Python)", url: "https://www.pulsemcp.com/servers/acme-weather-py", source_code_url: null, package_registry: "pypi", package_name: "Acme_Weather.MCP", github_stars: 3 },
    { name: "Broken", url: "https://www.pulsemcp.com/servers/broken", package_registry: "pypi", package_name: "broken-mcp" },
  ];

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    http = testHttpClient();
    registry = await startRegistryReplay(linked);
    pulse = await startPulseReplay(pulseServers);
    pypi = await startLocalServer((req, res) => {
      const m = /^\/pypi\/([^/]+)\/json$/.exec(req.url ?? "");
      const body = m ? projects.get(decodeURIComponent(m[1]!)) : undefined;
      res.writeHead(body ? 200 : 404, { "content-type": "application/json" }).end(JSON.stringify(body ?? { message: "Not Found" }));
    });
    summary = await refresh(t.catalog, { sources: [registrySource(registry.url), pulsemcpSource({ baseUrl: pulse.url }), pypiSource({ baseUrl: pypi.url, pageSize: 3 })], full: false, fetcherFor: () => http });
  });

  afterAll(async () => {
    await http.close();
    await Promise.all([registry.close(), pulse.close(), pypi.close(), t.dispose()]);
  });

  test("every known coordinate is read once; a gone or malformed project is skipped and counted", () => {
    expect(summary.status).toBe("succeeded");
    const s = summary.sources.pypi!;
    const known = linked.length + pulseServers.length;
    expect(pypi.requests.sort()).toEqual([...[...linked.map((i) => pep503(pypiName(i))), "acme-weather-mcp", "broken-mcp"].map((n) => `/pypi/${n}/json`)].sort());
    expect(s).toMatchObject({ pages: Math.ceil(known / 3), records: known - 2, skipped: 2, detailErrors: 1, errors: [] });
    expect(s.skippedReasons).toMatchObject({ "project: info.name: Invalid input: expected string, received number": 1 });
  });

  test("no new server: each project lands on the server that named it, by mcp-name, repository or coordinate", async () => {
    expect(summary.sources.pypi!.merged).toBe(3);
    const rows = await queryRows<{ key: string; sources: string }>(
      t.catalog.db,
      sql`select s.key, string_agg(distinct ss.source, ',' order by ss.source) as sources from servers s join server_sources ss on ss.server_id = s.id group by s.id order by s.key`,
    );
    expect(rows).toHaveLength(linked.length + pulseServers.length);
    for (const i of linked.slice(0, 5)) expect(rows.find((r) => r.key === i.server.name)).toMatchObject({ sources: "pypi,registry" });
    expect(rows.find((r) => r.key === linked[5]!.server.name)).toMatchObject({ sources: "registry" });
    expect(rows.find((r) => r.key === "pulsemcp.com/servers/acme-weather-py")).toMatchObject({ sources: "pulsemcp,pypi" });
  });
});
