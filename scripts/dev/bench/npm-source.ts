// `npm run bench -- --npm`: what the npm source costs on a replay of realistic size (three keyword
// queries, one past npm's 10,000-result window, one manifest per candidate): requests, bytes and wall
// time of a first refresh, a second one asked conditionally, and one after 1% of the manifests changed.
import { loadavg } from "node:os";
import { join } from "node:path";
import { DEFAULT_HTTP_OPTIONS } from "../../../crawler/http.js";
import type { RefreshSummary } from "../../../crawler/refresh.js";
import { startNpmSearchReplay, type ReplayPackage } from "../replays/npm-registry.js";
import { parseSummary, refreshEnv, runCli } from "./processes.js";
import { figure, format, table, withDetail, type Figure } from "./report.js";

export interface NpmBenchOptions {
  /** Packages under the three keywords; 70% under `mcp` (past the window at 15,000). */
  packages: number;
}

export interface NpmRun {
  label: string;
  wallMs: number;
  crawlMs: number;
  requests: number;
  searchPages: number;
  details: number;
  detailsNotModified: number;
  /** Records written (new or changed). */
  written: number;
  bytes: number;
  loadAverage: number;
}

const SDK = { "@modelcontextprotocol/sdk": "^1.17.0" };

/**
 * `count` packages in the shapes npm publishes (a `latest` manifest of ~1.5 KB, like real ones): 60%
 * servers (a third of them with an mcpName), the rest libraries and clients the manifest rules out;
 * 70% under `mcp`, 20% under `mcp-server`, 10% under `modelcontextprotocol`; a twentieth unstable.
 */
export function npmBenchPackages(count: number): ReplayPackage[] {
  return Array.from({ length: count }, (_, i) => {
    const name = i % 4 === 0 ? `@org-${i % 97}/mcp-pkg-${i}` : `mcp-pkg-${i}`;
    const keyword = i % 10 < 7 ? "mcp" : i % 10 < 9 ? "mcp-server" : "modelcontextprotocol";
    const server = i % 5 < 3;
    return {
      manifest: {
        name,
        version: i % 20 === 0 ? "0.4.2" : "1.3.0",
        description: `An MCP package number ${i}: tools for a service, with a description of ordinary length.`,
        keywords: [keyword, "ai", "llm", "tools"],
        license: "MIT",
        author: { name: "Someone", email: "someone@example.com" },
        homepage: `https://github.com/org-${i % 97}/mcp-pkg-${i}#readme`,
        bugs: { url: `https://github.com/org-${i % 97}/mcp-pkg-${i}/issues` },
        repository: { type: "git", url: `git+https://github.com/org-${i % 97}/mcp-pkg-${i}.git` },
        type: "module",
        main: "dist/index.js",
        types: "dist/index.d.ts",
        files: ["dist", "README.md", "LICENSE"],
        engines: { node: ">=18" },
        scripts: { build: "tsc", start: "node dist/index.js", test: "vitest run", lint: "eslint ." },
        ...(server ? { bin: { [`mcp-pkg-${i}`]: "dist/index.js" } } : {}),
        dependencies: server && i % 3 === 0 ? { fastmcp: "^3.0.0", zod: "^3.25.0" } : { ...SDK, zod: "^3.25.0" },
        devDependencies: { typescript: "^5.9.0", vitest: "^3.2.0", eslint: "^9.0.0", "@types/node": "^22.0.0" },
        ...(server && i % 3 === 1 ? { mcpName: `io.github.org-${i % 97}/mcp-pkg-${i}` } : {}),
      },
      weeklyDownloads: (i * 7919) % 20_000,
    };
  });
}

/** Runs the three refreshes against a replay, each a child process of the real CLI on `catalog`. */
export async function benchNpmSource(
  o: NpmBenchOptions,
  catalog: { databaseUrl: string } | { dataDir: string },
  work: string,
  log: (line: string) => void,
): Promise<NpmRun[]> {
  const packages = npmBenchPackages(o.packages);
  const replay = await startNpmSearchReplay(packages);
  // The rate limit lifted (refreshEnv): the figures are the pipeline's; npmFigures adds the politeness floor.
  const env = { ...refreshEnv({ url: replay.url, catalog }), NPM_REGISTRY_URL: replay.url };
  const runs: NpmRun[] = [];
  try {
    const once = async (label: string) => {
      const load = loadavg()[0]!;
      const from = { requests: replay.requests.length, bytes: replay.bytesSent() };
      const run = await runCli(["refresh", "--sources", "npm", "--introspect", "none", "--json"], env, { rssFile: join(work, "rss"), parse: parseSummary });
      const s: RefreshSummary = run.result;
      const npm = s.sources.npm;
      if (s.status !== "succeeded" || !npm) throw new Error(`the ${label} npm refresh failed: ${JSON.stringify(s.sources)}`);
      const r: NpmRun = {
        label,
        wallMs: Math.round(run.wallMs),
        crawlMs: npm.durationMs,
        requests: replay.requests.length - from.requests,
        searchPages: npm.pages,
        details: npm.details,
        detailsNotModified: npm.detailsNotModified,
        written: npm.records - npm.unchangedRecords,
        bytes: replay.bytesSent() - from.bytes,
        loadAverage: Math.max(load, loadavg()[0]!),
      };
      log(`npm ${label}: ${format(r.wallMs / 1000, "s")} s, ${r.requests} requests (${r.detailsNotModified} answered 304), ${format(r.bytes / 1e6, "MB")} MB`);
      runs.push(r);
    };
    await once("first refresh");
    await once("second refresh (conditional)");
    // 1% of the manifests get a new version (a new ETag); a tenth of the search hits new downloads.
    packages.forEach((p, i) => {
      if (i % 100 === 0) Object.assign(p, { manifest: { ...p.manifest, version: "1.3.1" }, modified: new Date().toUTCString() });
      if (i % 10 === 5) p.weeklyDownloads = (p.weeklyDownloads ?? 0) + 1;
    });
    await once("1% of manifests changed");
    return runs;
  } finally {
    await replay.close();
  }
}

/** Requests a second the crawler starts against one host by default (CATALOG_HTTP_PER_HOST_RATE). */
const DEFAULT_RATE = DEFAULT_HTTP_OPTIONS.perHost.intervalCap / (DEFAULT_HTTP_OPTIONS.perHost.intervalMs / 1000);

/** One figure per run: wall time, with requests, 304s, bytes and what the default politeness would add. */
export function npmFigures(o: NpmBenchOptions, runs: readonly NpmRun[]): Figure[] {
  return runs.map((r) =>
    withDetail(
      figure(`npm, ${r.label}`, r.wallMs / 1000, "s"),
      `${format(o.packages)} packages: ${format(r.requests)} requests (${r.searchPages} search pages, ${format(r.details)} manifests, ${format(r.detailsNotModified)} answered 304), ` +
        `${format(r.bytes / 1e6, "MB")} MB served, ${format(r.written)} records written; the crawl ${format(r.crawlMs / 1000, "s")} s of it, on loopback without a rate limit. ` +
        `At the default ${DEFAULT_RATE} requests/s per host the same requests take at least ${format(r.requests / DEFAULT_RATE, "s")} s: a 304 saves the body and its parsing, not the request. ` +
        `Load average ${r.loadAverage.toFixed(1)}.`,
    ),
  );
}

export function renderNpm(o: NpmBenchOptions, runs: readonly NpmRun[]): string {
  return table(`npm source on a replay of ${format(o.packages)} packages`, npmFigures(o, runs));
}
