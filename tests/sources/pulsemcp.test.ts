// The PulseMCP adapter: records from its documented shape, offset paging by `next`, and a refresh beside the registry on a local replay.
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { HttpClient } from "../../crawler/http.js";
import { refresh } from "../../crawler/refresh.js";
import { parsePulseItem, parsePulsePage, pulsemcpSource } from "../../crawler/sources/pulsemcp.js";
import { registrySource } from "../../crawler/sources/registry.js";
import { SourceFormatError } from "../../crawler/sources/source.js";
import { serverSignals } from "../../db/signals.js";
import { queryRows } from "../../db/sql.js";
import { DRIVERS, emptyTestCatalog, openTestCatalog, type TestCatalog } from "../helpers/catalog.js";
import { testHttpClient } from "../helpers/http.js";
import { buildPulseServers, PULSE_GARBAGE, PULSE_ONLY, startPulseReplay, type PulseReplay, type PulseServer } from "../helpers/pulsemcp-replay.js";
import { startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";

describe("pulsemcp source: requests and records", () => {
  test("pages by count_per_page and offset on the configured base", () => {
    const source = pulsemcpSource();
    expect(source.name).toBe("pulsemcp");
    expect(source.incremental).toBe(false);
    expect(source.pageUrl(null, {})).toBe("https://api.pulsemcp.com/v0beta/servers?count_per_page=1000&offset=0");
    expect(pulsemcpSource({ baseUrl: "http://127.0.0.1:9/v0beta/", pageSize: 7 }).pageUrl("14", {})).toBe("http://127.0.0.1:9/v0beta/servers?count_per_page=7&offset=14");
    expect(new URL(pulsemcpSource({ pageSize: 9000 }).pageUrl(null, {})).searchParams.get("count_per_page")).toBe("5000");
  });

  test("`next` gives the offset of the next page; its host is not followed; no next ends the walk", () => {
    const page = parsePulsePage({ servers: [], total_count: 30, next: "https://api.pulsemcp.com/v0beta/servers?count_per_page=10&offset=20" });
    expect(page.next).toBe("20");
    expect(parsePulsePage({ servers: [], total_count: 30 }).next).toBeUndefined();
    expect(parsePulsePage({ servers: [], total_count: 30, next: null }).next).toBeUndefined();
    expect(() => parsePulsePage({ servers: [], next: "https://api.pulsemcp.com/v0beta/servers?page=2" })).toThrow(SourceFormatError);
    expect(() => parsePulsePage({ error: "rate limited" })).toThrow(/pulsemcp: page is not/);
  });

  test("every field of a server: repository, package, remotes, stars and downloads", () => {
    const r = parsePulseItem(PULSE_ONLY[0]);
    if ("skip" in r) throw new Error(r.skip);
    expect(r).toMatchObject({ source: "pulsemcp", sourceId: "pulsemcp.com/servers/acme-weather", isLatest: true, categories: [] });
    expect(r.server).toEqual({
      key: "github.com/acme-labs/weather-mcp",
      title: "Weather Forecast",
      description: "Forecasts and alerts from a public weather API.",
      status: "active",
      repository: { key: "github.com/acme-labs/weather-mcp", url: "https://github.com/acme-labs/weather-mcp" },
      websiteUrl: "https://www.pulsemcp.com/servers/acme-weather",
      packages: [{ registryType: "npm", identifier: "@acme-labs/weather-mcp" }],
      remotes: [],
    });
    expect(r.aliases).toEqual([
      { kind: "pulsemcp", value: "pulsemcp.com/servers/acme-weather" },
      { kind: "repo", value: "github.com/acme-labs/weather-mcp" },
      { kind: "npm", value: "@acme-labs/weather-mcp" },
    ]);
    expect(r.popularity).toEqual([
      { metric: "stars", value: 12 },
      { metric: "downloads", value: 340 },
    ]);
    const hosted = parsePulseItem(PULSE_ONLY[1]);
    if ("skip" in hosted) throw new Error(hosted.skip);
    expect(hosted.server.key).toBe("pulsemcp.com/servers/hosted-notes");
    expect(hosted.server.remotes).toEqual([{ type: "streamable-http", url: "https://notes.example.com/mcp", needsSecret: false }]);
    expect(hosted.aliases).toContainEqual({ kind: "remote", value: "https://notes.example.com/mcp" });
    expect(hosted.popularity).toEqual([]);
  });

  test("malformed items are skipped with a reason; a malformed optional field costs only that field", () => {
    const page = parsePulsePage({ servers: [...PULSE_GARBAGE, { ...PULSE_ONLY[0], github_stars: "many", remotes: "none" }] });
    expect(page.skipped.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(page.skipped[0]!.reason).toMatch(/^name:/);
    expect(page.records).toHaveLength(1);
    expect(page.records[0]!.popularity).toEqual([{ metric: "downloads", value: 340 }]);
  });
});

describe.each(DRIVERS)("pulsemcp beside the registry on %s", (driver) => {
  let t: TestCatalog;
  let http: HttpClient;
  let registry: RegistryReplay;
  let pulse: PulseReplay;
  const { servers, fromRegistry } = buildPulseServers();
  const delays: number[] = [];

  beforeAll(async () => {
    t = await openTestCatalog(driver);
  });
  afterAll(async () => t?.dispose());

  // Each test from an empty catalog.
  beforeEach(async () => {
    await emptyTestCatalog(t.catalog);
    // Backoff sleeps are recorded, not slept: the test checks what the client waited for.
    delays.length = 0;
    http = testHttpClient({ sleep: async (ms) => void delays.push(ms) });
    registry = await startRegistryReplay(fromRegistry);
    pulse = await startPulseReplay(servers);
  });

  afterEach(async () => {
    await http.close();
    await Promise.all([registry.close(), pulse.close()]);
  });

  const run = (sources = [registrySource(registry.url), pulsemcpSource({ baseUrl: pulse.url, pageSize: 10 })]) => refresh(t.catalog, { sources, full: false, fetcherFor: () => http });

  test("one server per real server: PulseMCP's entries merge into the registry's, stars and downloads land on them", async () => {
    pulse.throttle(1, "1");
    const summary = await run();
    expect(summary.status).toBe("succeeded");
    const p = summary.sources.pulsemcp!;
    const listed = servers.length - PULSE_GARBAGE.length;
    expect(p).toMatchObject({ pages: Math.ceil(servers.length / 10), records: listed, skipped: PULSE_GARBAGE.length, merged: fromRegistry.length, ambiguous: 0, errors: [] });
    // The 429 was waited out (Retry-After: 1) and the page asked again.
    expect(p.requests).toBe(p.pages + 1);
    expect(delays).toEqual([1_000]);
    const [counts] = await queryRows<{ servers: number; pulse: number }>(
      t.catalog.db,
      sql`select (select count(*) from servers)::int as servers, (select count(distinct server_id) from server_sources where source = 'pulsemcp')::int as pulse`,
    );
    expect(counts).toEqual({ servers: fromRegistry.length + PULSE_ONLY.length, pulse: listed });
    // Each registry server carries its PulseMCP alias and PulseMCP's figures, dated.
    const sample = fromRegistry[4]!;
    const [server] = await queryRows<{ id: number }>(t.catalog.db, sql`select id from servers where key = ${sample.server.name}`);
    const aliases = await queryRows<{ kind: string }>(t.catalog.db, sql`select kind from server_aliases where server_id = ${server!.id} and source = 'pulsemcp'`);
    expect(aliases.map((a) => a.kind)).toContain("pulsemcp");
    const signals = await serverSignals(t.catalog.db, server!.id);
    const listedAs = servers.find((s) => (s as PulseServer | null)?.url?.endsWith(`/${sample.server.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`)) as PulseServer;
    expect(signals.popularity.find((x) => x.metric === "stars")).toMatchObject({ source: "pulsemcp", value: listedAs.github_stars });
    expect(Date.parse(signals.popularity[0]!.observedAt)).toBeGreaterThan(Date.now() - 60_000);
    // The server listed with a malformed star count kept its downloads.
    const [bad] = await queryRows<{ metrics: string }>(
      t.catalog.db,
      sql`select string_agg(metric, ',' order by metric) as metrics from server_popularity where source_id = ${(servers[1] as PulseServer).url!.replace("https://www.", "")}`,
    );
    expect(bad!.metrics).toBe("downloads");
  });

  test("a second refresh asks every page conditionally and reads none again", async () => {
    await run();
    const first = pulse.requests.length;
    const summary = await run();
    const p = summary.sources.pulsemcp!;
    expect(p.notModified).toBe(p.pages);
    expect(p.records).toBe(0);
    expect(pulse.conditionals.slice(first).every((etag) => etag !== null)).toBe(true);
  });

  test("a PulseMCP that fails leaves the registry's crawl whole", async () => {
    const summary = await run([registrySource(registry.url), pulsemcpSource({ baseUrl: `${pulse.url}/missing` })]);
    expect(summary.status).toBe("failed");
    expect(summary.sources.registry!.errors).toEqual([]);
    expect(summary.sources.pulsemcp!.errors[0]).toMatch(/pulsemcp: page 1: .*404/);
    const [row] = await queryRows<{ n: number }>(t.catalog.db, sql`select count(*)::int as n from servers`);
    expect(row!.n).toBe(fromRegistry.length);
  });
});
