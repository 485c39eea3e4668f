// An alias names a server while a record listed by its source asserts it: a record that changes its package or its
// repository, or that its source stops listing, leaves no identity behind for a later record to merge on; a server it
// leaves takes its fields from the records still on it.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HttpClient } from "../crawler/http.js";
import { refresh, type RefreshSummary } from "../crawler/refresh.js";
import { glamaSource } from "../crawler/sources/glama.js";
import { pulsemcpSource } from "../crawler/sources/pulsemcp.js";
import { registrySource } from "../crawler/sources/registry.js";
import { queryRows } from "../db/sql.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";
import { startGlamaReplay, type GlamaReplay } from "./helpers/glama-replay.js";
import { testHttpClient } from "./helpers/http.js";
import { startPulseReplay, type PulseReplay, type PulseServer } from "./helpers/pulsemcp-replay.js";
import { registryItem, startRegistryReplay, type RegistryReplay } from "./helpers/registry-replay.js";

const pulseServer = (name: string, sourceCodeUrl: string, npm?: string): PulseServer => ({
  name,
  url: `https://www.pulsemcp.com/servers/${name}`,
  source_code_url: sourceCodeUrl,
  ...(npm ? { package_registry: "npm", package_name: npm } : {}),
});

// PulseMCP files the widget under a package it has since renamed, then corrects it.
const widget = pulseServer("widget", "https://github.com/acme/widget", "@acme/legacy-widget");
const widgetFixed = pulseServer("widget", "https://github.com/acme/widget", "@acme/widget");
// PulseMCP lists the gadget with a package, then drops the entry.
const gadget = pulseServer("gadget", "https://github.com/acme/gadget", "@acme/old-gadget");
// A server known only to PulseMCP, whose entry moves to another repository.
const solo = pulseServer("solo", "https://github.com/acme/solo-old");
const soloMoved = pulseServer("solo", "https://github.com/acme/solo-new");
// Later entries of other servers carrying the identities the first ones gave up.
const legacy = pulseServer("legacy", "https://github.com/other/legacy", "@acme/legacy-widget");
const oldGadget = pulseServer("old-gadget", "https://github.com/other/gadget", "@acme/old-gadget");

describe.each(DRIVERS)("aliases of the records that assert them on %s", (driver) => {
  let t: TestCatalog;
  let http: HttpClient;
  let registry: RegistryReplay;
  let pulse: PulseReplay;
  const runs: RefreshSummary[] = [];

  const crawlPulse = async (servers: PulseServer[]) => {
    pulse.servers.splice(0, pulse.servers.length, ...servers);
    const summary = await refresh(t.catalog, { sources: [pulsemcpSource({ baseUrl: pulse.url })], full: false, fetcherFor: () => http });
    expect(summary.status).toBe("succeeded");
    runs.push(summary);
  };
  const servers = () =>
    queryRows<{ key: string; status: string; repository: string | null; sources: string | null }>(
      t.catalog.db,
      sql`select s.key, s.status, s.repository_key as repository, string_agg(ss.source || ':' || ss.source_id, ',' order by ss.source, ss.source_id) as sources
        from servers s left join server_sources ss on ss.server_id = s.id group by s.id order by s.key`,
    );

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    http = testHttpClient();
    registry = await startRegistryReplay([
      registryItem("io.github.acme/widget", { repository: { url: "https://github.com/acme/widget", source: "github" }, packages: [{ registryType: "npm", identifier: "@acme/widget", version: "1.0.0", transport: { type: "stdio" } }] }),
      registryItem("io.github.acme/gadget", { repository: { url: "https://github.com/acme/gadget", source: "github" } }),
    ]);
    pulse = await startPulseReplay([]);
    expect((await refresh(t.catalog, { sources: [registrySource(registry.url)], full: false, fetcherFor: () => http })).status).toBe("succeeded");
    await crawlPulse([widget, gadget, solo]);
    // The widget's package fixed, the gadget dropped (PulseMCP is paged by offset: two walks must miss it), the solo moved.
    await crawlPulse([widgetFixed, soloMoved]);
    await crawlPulse([widgetFixed, soloMoved]);
    await crawlPulse([widgetFixed, soloMoved, legacy, oldGadget]);
  });
  afterAll(async () => {
    await http?.close();
    await Promise.all([registry?.close(), pulse?.close(), t?.dispose()]);
  });

  test("the first crawl merges each PulseMCP entry into the registry's server of its repository", () => {
    expect(runs[0]!.sources.pulsemcp).toMatchObject({ records: 3, merged: 2 });
  });

  test("a package a record no longer names, or named by a record its source stopped listing, merges nothing into its old server", async () => {
    expect(await servers()).toEqual([
      { key: "github.com/acme/solo-new", status: "active", repository: "github.com/acme/solo-new", sources: "pulsemcp:pulsemcp.com/servers/solo" },
      // The server the solo entry named before, which no record is on any more: no source lists it.
      { key: "github.com/acme/solo-old", status: "gone", repository: "github.com/acme/solo-old", sources: null },
      { key: "github.com/other/gadget", status: "active", repository: "github.com/other/gadget", sources: "pulsemcp:pulsemcp.com/servers/old-gadget" },
      { key: "github.com/other/legacy", status: "active", repository: "github.com/other/legacy", sources: "pulsemcp:pulsemcp.com/servers/legacy" },
      // The dropped gadget entry stays on its server, as every record a source stops listing does.
      { key: "io.github.acme/gadget", status: "active", repository: "github.com/acme/gadget", sources: "pulsemcp:pulsemcp.com/servers/gadget,registry:io.github.acme/gadget@1.0.0" },
      { key: "io.github.acme/widget", status: "active", repository: "github.com/acme/widget", sources: "pulsemcp:pulsemcp.com/servers/widget,registry:io.github.acme/widget@1.0.0" },
    ]);
    expect(runs[3]!.sources.pulsemcp).toMatchObject({ merged: 0 });
  });

  test("each record's aliases are what it asserts now", async () => {
    const aliases = await queryRows<{ source_id: string; kind: string; value: string; key: string }>(
      t.catalog.db,
      sql`select a.source_id, a.kind, a.value, s.key from server_aliases a join servers s on s.id = a.server_id
        where a.source = 'pulsemcp' and a.source_id in ('pulsemcp.com/servers/widget', 'pulsemcp.com/servers/solo') order by a.source_id, a.kind, a.value`,
    );
    expect(aliases).toEqual([
      { source_id: "pulsemcp.com/servers/solo", kind: "pulsemcp", value: "pulsemcp.com/servers/solo", key: "github.com/acme/solo-new" },
      { source_id: "pulsemcp.com/servers/solo", kind: "repo", value: "github.com/acme/solo-new", key: "github.com/acme/solo-new" },
      { source_id: "pulsemcp.com/servers/widget", kind: "npm", value: "@acme/widget", key: "io.github.acme/widget" },
      { source_id: "pulsemcp.com/servers/widget", kind: "pulsemcp", value: "pulsemcp.com/servers/widget", key: "io.github.acme/widget" },
      { source_id: "pulsemcp.com/servers/widget", kind: "repo", value: "github.com/acme/widget", key: "io.github.acme/widget" },
    ]);
  });

  test("a server its only record left is removed in that run, the record's new server added", () => {
    expect(runs[1]!.servers).toMatchObject({ added: 1, removed: 1 });
  });
});

describe.each(DRIVERS)("a server the record that spoke for it left, on %s", (driver) => {
  let t: TestCatalog;
  let http: HttpClient;
  let glama: GlamaReplay;
  let pulse: PulseReplay;
  const duo = (repository: string) => ({ id: "duo0000001", name: "Duo on Glama", namespace: "acme", slug: "duo", description: "Glama's duo.", repository: { url: repository }, tools: [] });
  const pulseDuo = (description: string): PulseServer => ({ ...pulseServer("Duo on PulseMCP", "https://github.com/acme/duo"), url: "https://www.pulsemcp.com/servers/duo", short_description: description });

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    http = testHttpClient();
    glama = await startGlamaReplay({ servers: [duo("https://github.com/acme/duo")] });
    pulse = await startPulseReplay([pulseDuo("PulseMCP's duo.")]);
  });
  afterAll(async () => {
    await http?.close();
    await Promise.all([glama?.close(), pulse?.close(), t?.dispose()]);
  });

  const crawl = async () => {
    const summary = await refresh(t.catalog, { sources: [glamaSource({ baseUrl: glama.url }), pulsemcpSource({ baseUrl: pulse.url })], full: false, fetcherFor: () => http });
    expect(summary.status).toBe("succeeded");
  };
  const server = async (key: string) => (await queryRows<{ title: string; description: string }>(t.catalog.db, sql`select title, description from servers where key = ${key}`))[0];

  test("the next of its records written speaks for it, though it ranks below the one that left", async () => {
    await crawl();
    // Glama outranks PulseMCP: its record speaks for the server both list.
    expect(await server("github.com/acme/duo")).toEqual({ title: "Duo on Glama", description: "Glama's duo." });
    glama.servers.splice(0, 1, duo("https://github.com/acme/duo-fork"));
    pulse.servers.splice(0, 1, pulseDuo("PulseMCP's duo, edited."));
    await crawl();
    expect(await server("github.com/acme/duo-fork")).toEqual({ title: "Duo on Glama", description: "Glama's duo." });
    expect(await server("github.com/acme/duo")).toEqual({ title: "Duo on PulseMCP", description: "PulseMCP's duo, edited." });
  });
});
