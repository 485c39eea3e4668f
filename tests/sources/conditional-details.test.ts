// Conditional requests per record (npm's manifests, PyPI's projects) and per page by Last-Modified: a second
// refresh sends the stored validators, a 304 writes nothing; a changed record is read again; a registry that
// ignores validators still works; a 429 on one manifest is waited out as its Retry-After asks.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HttpClient } from "../../crawler/http.js";
import { IDENTITY_RULES_VERSION } from "../../crawler/normalize.js";
import { refresh, type RefreshSummary } from "../../crawler/refresh.js";
import { awesomeSource } from "../../crawler/sources/awesome.js";
import { npmSource } from "../../crawler/sources/npm.js";
import { pulsemcpSource } from "../../crawler/sources/pulsemcp.js";
import { pypiSource } from "../../crawler/sources/pypi.js";
import type { Source } from "../../crawler/sources/source.js";
import { getSourceState } from "../../db/source-state.js";
import { queryRows } from "../../db/sql.js";
import { startNpmSearchReplay, type NpmSearchReplay, type ReplayPackage } from "../../scripts/dev/replays/npm-registry.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "../helpers/catalog.js";
import { testHttpClient } from "../helpers/http.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";
import { startPulseReplay, type PulseReplay } from "../helpers/pulsemcp-replay.js";

const SDK = { "@modelcontextprotocol/sdk": "^1.17.0" };

/** What a refresh left in the catalog: equal before and after a run that wrote nothing. */
async function footprint(t: TestCatalog) {
  const [row] = await queryRows<Record<string, string | number | null>>(
    t.catalog.db,
    sql`select (select count(*) from servers)::int as servers,
      (select max(changed_run_id) from servers)::int as last_changed_run,
      (select count(*) from server_sources)::int as records,
      (select max(fetched_at)::text from server_sources) as last_fetched,
      (select string_agg(content_hash, ',' order by source, source_id) from server_sources) as hashes,
      (select count(*) from server_aliases)::int as aliases,
      (select string_agg(metric || '=' || value || '@' || observed_at::text, ',' order by server_id, metric) from server_popularity) as popularity`,
  );
  return row!;
}

/** Six servers (three linked by mcpName), two packages no manifest proves a server, one whose manifest is gone. */
function npmPackages(): ReplayPackage[] {
  const servers: ReplayPackage[] = Array.from({ length: 6 }, (_, n) => ({
    manifest: {
      name: n % 2 ? `@acme/tool-${n}-mcp` : `tool-${n}-mcp`,
      version: "1.0.0",
      keywords: [n < 4 ? "mcp" : "mcp-server"],
      bin: { [`tool-${n}`]: "dist/index.js" },
      dependencies: SDK,
      repository: { type: "git", url: `git+https://github.com/acme/tool-${n}.git` },
      ...(n < 3 ? { mcpName: `io.github.acme/tool-${n}` } : {}),
    },
    weeklyDownloads: 100 + n,
  }));
  return [
    ...servers,
    { manifest: { name: "mcp-utils", version: "3.0.0", keywords: ["mcp"], dependencies: SDK } },
    { manifest: { name: "mcp-chat-cli", version: "1.1.0", keywords: ["mcp"], bin: "chat.js", dependencies: { "@ai-sdk/mcp": "^1.0.0" } } },
    { manifest: { name: "gone-mcp", version: "1.0.0", keywords: ["mcp"] }, manifestMissing: true },
  ];
}
const SERVERS = 6;
/** Manifests read whole and judged (kept or not a server): each has validators stored. */
const JUDGED = 8;

describe.each(DRIVERS)("npm manifests asked conditionally on %s", (driver) => {
  let t: TestCatalog;
  let http: HttpClient;
  let replay: NpmSearchReplay;
  const delays: number[] = [];
  const packages = npmPackages();

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    // Backoff sleeps are recorded, not slept: the test checks what the client waited for.
    http = testHttpClient({ sleep: async (ms) => void delays.push(ms) });
    replay = await startNpmSearchReplay(packages);
  });
  afterAll(async () => {
    await http.close();
    await Promise.all([replay.close(), t.dispose()]);
  });

  const run = async (o: { source?: Source; full?: boolean } = {}): Promise<{ summary: RefreshSummary; asked: NpmSearchReplay["manifests"] }> => {
    const from = replay.manifests.length;
    const summary = await refresh(t.catalog, { sources: [o.source ?? npmSource({ registryUrl: replay.url })], full: o.full ?? false, fetcherFor: () => http });
    expect(summary.status).toBe("succeeded");
    return { summary, asked: replay.manifests.slice(from) };
  };
  const details = async () => (await queryRows<{ n: number }>(t.catalog.db, sql`select count(*)::int as n from source_details where source = 'npm'`))[0]!.n;
  const version = async (name: string) =>
    (await queryRows<{ version: string }>(t.catalog.db, sql`select s.version from servers s join server_sources ss on ss.server_id = s.id where ss.source = 'npm' and ss.source_id = ${name}`))[0]?.version;
  const weekly = async (name: string) =>
    (
      await queryRows<{ value: number }>(
        t.catalog.db,
        sql`select p.value::int as value from server_popularity p join server_sources ss on ss.server_id = p.server_id where ss.source = 'npm' and ss.source_id = ${name} and p.metric = 'weeklyDownloads'`,
      )
    )[0]?.value;

  test("a first refresh asks every manifest whole and keeps the validators of each one it judged", async () => {
    const { summary, asked } = await run();
    expect(asked).toHaveLength(packages.length);
    expect(asked.every((a) => a.ifNoneMatch === undefined && a.ifModifiedSince === undefined)).toBe(true);
    expect(summary.sources.npm).toMatchObject({ records: SERVERS, details: packages.length, detailsNotModified: 0, detailErrors: 1 });
    // The servers and the two packages that are not servers; the gone one sent no validators.
    expect(await details()).toBe(JUDGED);
  });

  test("a second refresh sends If-None-Match and If-Modified-Since, every manifest answers 304, nothing is written", async () => {
    const before = await footprint(t);
    const { summary, asked } = await run();
    const conditional = asked.filter((a) => a.name !== "gone-mcp");
    expect(conditional).toHaveLength(JUDGED);
    expect(conditional.every((a) => a.ifNoneMatch?.startsWith('"') && a.ifModifiedSince?.endsWith("GMT") && a.status === 304)).toBe(true);
    expect(asked.find((a) => a.name === "gone-mcp")).toEqual({ name: "gone-mcp", status: 404 });
    const npm = summary.sources.npm!;
    expect(npm).toMatchObject({ records: 0, details: packages.length, detailsNotModified: JUDGED, detailErrors: 1, errors: [] });
    // The packages that are not servers are skipped again, for the reasons their manifests gave.
    expect(npm.skippedReasons).toMatchObject({ "not a server: no-bin": 1, "not a server: no-mcp-dependency": 1 });
    expect(summary.servers).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: SERVERS });
    expect(await footprint(t)).toEqual(before);
  });

  test("a 429 asking more patience than the client has costs the record nothing: it stays listed as stored, no server goes", async () => {
    const name = packages[3]!.manifest.name;
    // Retry-After 120 s is over the client's 2 s limit: it gives up at once, retryable.
    replay.throttle(name, 1, "120");
    const before = await footprint(t);
    const { summary, asked } = await run();
    expect(asked.filter((a) => a.name === name).map((a) => a.status)).toEqual([429]);
    expect(summary.sources.npm).toMatchObject({ detailErrors: 2, gone: 0, goneWithheld: 0, errors: [] });
    expect(Object.keys(summary.sources.npm!.skippedReasons).some((r) => r.includes("Retry-After 120 s is over"))).toBe(true);
    const [row] = await queryRows<{ placed: boolean; status: string }>(
      t.catalog.db,
      sql`select ss.page_id is not null as placed, s.status from server_sources ss join servers s on s.id = ss.server_id where ss.source = 'npm' and ss.source_id = ${name}`,
    );
    expect(row).toEqual({ placed: true, status: "active" });
    expect(await footprint(t)).toEqual(before);
  });

  test("--full reads every manifest whole (a package once judged no server is judged again) and writes nothing that did not change", async () => {
    const before = await footprint(t);
    const { summary, asked } = await run({ full: true });
    expect(asked.every((a) => a.ifNoneMatch === undefined && a.ifModifiedSince === undefined)).toBe(true);
    expect(summary.sources.npm).toMatchObject({ records: SERVERS, unchangedRecords: SERVERS, detailsNotModified: 0 });
    expect(await footprint(t)).toEqual(before);
  });

  test("a changed manifest (new ETag) is read again; a search hit with new downloads completes its record from the stored manifest", async () => {
    const changed = packages[0]!;
    changed.manifest = { ...changed.manifest, version: "1.1.0" };
    changed.modified = "2026-11-30T08:00:00.000Z";
    const popular = packages[1]!;
    popular.weeklyDownloads = 5_000;
    const { summary, asked } = await run();
    expect(asked.find((a) => a.name === changed.manifest.name)).toMatchObject({ status: 200, ifNoneMatch: expect.any(String) });
    expect(asked.find((a) => a.name === popular.manifest.name)).toMatchObject({ status: 304 });
    expect(summary.sources.npm).toMatchObject({ records: 2, detailsNotModified: JUDGED - 1, unchangedRecords: 0 });
    // Downloads are the server's popularity, not part of the server: only the new version updates one.
    expect(summary.servers).toMatchObject({ added: 0, updated: 1, removed: 0 });
    expect(await version(changed.manifest.name)).toBe("1.1.0");
    expect(await weekly(popular.manifest.name)).toBe(5_000);
    expect(await version(popular.manifest.name)).toBe("1.0.0");

    // Both are as stored now: the next refresh writes nothing again.
    const before = await footprint(t);
    const again = await run();
    expect(again.summary.sources.npm).toMatchObject({ records: 0, detailsNotModified: JUDGED });
    expect(await footprint(t)).toEqual(before);
  });

  test("a 429 with Retry-After on one manifest is waited out as asked, and the record is kept", async () => {
    const name = packages[2]!.manifest.name;
    replay.throttle(name, 1, "2");
    delays.length = 0;
    const { summary, asked } = await run();
    expect(asked.filter((a) => a.name === name).map((a) => a.status)).toEqual([429, 304]);
    expect(delays).toEqual([2_000]);
    expect(summary.sources.npm).toMatchObject({ detailErrors: 1, detailsNotModified: JUDGED, errors: [] });
    expect(summary.servers.removed).toBe(0);
  });

  test("a registry that ignores validators still works: every manifest read whole, stale validators dropped, nothing written twice", async () => {
    const mirror = await startNpmSearchReplay(packages, { validators: "none" });
    try {
      const crawl = async () => {
        const from = mirror.manifests.length;
        const summary = await refresh(t.catalog, { sources: [npmSource({ registryUrl: mirror.url })], full: false, fetcherFor: () => http });
        expect(summary.status).toBe("succeeded");
        // Validators from another registry's URLs are never sent to this one.
        expect(mirror.manifests.slice(from).every((a) => a.ifNoneMatch === undefined && a.ifModifiedSince === undefined && a.status !== 304)).toBe(true);
        expect(summary.sources.npm).toMatchObject({ records: SERVERS, detailsNotModified: 0, errors: [] });
        expect(summary.servers).toMatchObject({ added: 0, updated: 0, removed: 0 });
        return summary.sources.npm!;
      };
      // The record last completed from its stored manifest is written once more, the same but for
      // its keys' order (crawler/details.ts); after that nothing is written.
      expect((await crawl()).unchangedRecords).toBe(SERVERS - 1);
      const before = await footprint(t);
      expect((await crawl()).unchangedRecords).toBe(SERVERS);
      expect(await footprint(t)).toEqual(before);
      expect(await details()).toBe(0);
    } finally {
      await mirror.close();
    }
  });

  test("deriving every record again (the records were derived by other identity rules), a manifest that fails for now completes its record from the stored one, which asserts its aliases again", async () => {
    await t.catalog.db.execute(sql`update source_state set identity_rules_version = null where source = 'npm'`);
    const name = packages[4]!.manifest.name;
    replay.throttle(name, 1, "120");
    const { summary, asked } = await run();
    expect(asked.filter((a) => a.name === name).map((a) => a.status)).toEqual([429]);
    expect(summary.sources.npm).toMatchObject({ mode: "full", records: SERVERS, unchangedRecords: 0, detailErrors: 2, errors: [] });
    const aliases = await queryRows<{ kind: string; value: string }>(t.catalog.db, sql`select kind, value from server_aliases where source = 'npm' and source_id = ${name} order by kind`);
    expect(aliases).toEqual([
      { kind: "npm", value: name },
      { kind: "repo", value: "github.com/acme/tool-4" },
    ]);
    expect((await getSourceState(t.catalog.db, "npm"))!.identityRulesVersion).toBe(IDENTITY_RULES_VERSION);
  });
});

/** A project as PyPI's JSON API serves it, with the fields the source reads. */
function pypiProject(name: string, version: string): unknown {
  return {
    info: { name, version, summary: `${name} on PyPI`, description: `# ${name}\n`, home_page: null, project_url: `https://pypi.org/project/${name}/`, project_urls: { Homepage: `https://github.com/acme/${name}` } },
    last_serial: 1,
    releases: {},
    urls: [],
  };
}

/** Answers a GET with `body` and only a Last-Modified, and 304 to an If-Modified-Since not before it. */
function lastModifiedOnly(res: import("node:http").ServerResponse, ims: string | undefined, body: string, modified: Date, type: string): void {
  const lastModified = modified.toUTCString();
  if (ims && Date.parse(ims) >= Math.floor(modified.getTime() / 1000) * 1000) return void res.writeHead(304, { "last-modified": lastModified }).end();
  res.writeHead(200, { "content-type": type, "last-modified": lastModified }).end(body);
}

describe.each(DRIVERS)("servers that send only Last-Modified on %s", (driver) => {
  let t: TestCatalog;
  let http: HttpClient;
  let pulse: PulseReplay;
  let pypi: LocalServer;
  let lists: LocalServer;
  const asked: { path: string; ims?: string; inm?: string }[] = [];
  const modified = new Date("2026-11-01T12:00:00Z");
  const projects = new Map([
    ["acme-weather", pypiProject("acme-weather", "1.0.0")],
    ["acme-notes", pypiProject("acme-notes", "2.0.0")],
  ]);
  const list = "# Awesome\n\n## Servers\n\n### Weather\n\n- [acme/weather](https://github.com/acme/acme-weather) - Weather for agents\n- [acme/notes](https://github.com/acme/acme-notes) - Notes\n";

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    http = testHttpClient();
    pulse = await startPulseReplay([...projects.keys()].map((name) => ({ name, url: `https://www.pulsemcp.com/servers/${name}`, package_registry: "pypi", package_name: name })));
    const record = (req: import("node:http").IncomingMessage) => {
      const ims = req.headers["if-modified-since"];
      const inm = req.headers["if-none-match"];
      asked.push({ path: req.url ?? "/", ...(typeof ims === "string" ? { ims } : {}), ...(typeof inm === "string" ? { inm } : {}) });
      return typeof ims === "string" ? ims : undefined;
    };
    pypi = await startLocalServer((req, res) => {
      const ims = record(req);
      const body = projects.get(/^\/pypi\/([^/]+)\/json$/.exec(req.url ?? "")?.[1] ?? "");
      if (!body) return void res.writeHead(404).end();
      lastModifiedOnly(res, ims, JSON.stringify(body), modified, "application/json");
    });
    lists = await startLocalServer((req, res) => lastModifiedOnly(res, record(req), list, modified, "text/plain; charset=utf-8"));
  });
  afterAll(async () => {
    await http.close();
    await Promise.all([pulse.close(), pypi.close(), lists.close(), t.dispose()]);
  });

  const run = async () => {
    asked.length = 0;
    const summary = await refresh(t.catalog, {
      sources: [pulsemcpSource({ baseUrl: pulse.url }), awesomeSource([`${lists.url}/a.md`]), pypiSource({ baseUrl: pypi.url })],
      full: false,
      fetcherFor: () => http,
    });
    expect(summary.status).toBe("succeeded");
    return summary;
  };

  test("PyPI projects and an awesome list are asked again with If-Modified-Since, answer 304, and nothing is written", async () => {
    const first = await run();
    expect(first.sources.pypi).toMatchObject({ records: 2, detailsNotModified: 0 });
    expect(first.sources.awesome).toMatchObject({ records: 2, notModified: 0 });
    expect(asked.every((a) => a.ims === undefined)).toBe(true);

    const before = await footprint(t);
    const second = await run();
    expect(asked).toHaveLength(3);
    expect(asked.every((a) => a.ims === modified.toUTCString() && a.inm === undefined)).toBe(true);
    expect(second.sources.pypi).toMatchObject({ records: 0, details: 2, detailsNotModified: 2 });
    expect(second.sources.awesome).toMatchObject({ pages: 1, notModified: 1, records: 0 });
    expect(second.servers).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect(await footprint(t)).toEqual(before);
  });
});
