// One bad record must not stop a source: replays carrying each record a hostile directory could list
// crawl to the end, store every good record and count the bad ones by reason. Both drivers.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { MAX_JSON_DEPTH, TOO_DEEP } from "../../crawler/json-depth.js";
import { refresh } from "../../crawler/refresh.js";
import { NO_DETAIL_URL, UNREADABLE_DETAIL } from "../../crawler/details.js";
import { AMBIGUOUS_NAME } from "../../crawler/distinct-tools.js";
import { NOT_URL_SAFE } from "../../crawler/sources/fields.js";
import { glamaSource, parseGlamaItem } from "../../crawler/sources/glama.js";
import { npmSource } from "../../crawler/sources/npm.js";
import { registrySource } from "../../crawler/sources/registry.js";
import { parseSmitheryItem, smitherySource } from "../../crawler/sources/smithery.js";
import type { Source } from "../../crawler/sources/source.js";
import { lastRun } from "../../db/runs.js";
import { queryRows } from "../../db/sql.js";
import { DRIVERS, emptyTestCatalog, openTestCatalog, type TestCatalog } from "../helpers/catalog.js";
import { buildGlamaServers, glamaId, startGlamaReplay, type GlamaServer } from "../helpers/glama-replay.js";
import { testHttpClient } from "../helpers/http.js";
import { loadRegistrySample, meta, OFFICIAL, startRegistryReplay, type RegistryItem } from "../helpers/registry-replay.js";
import { buildSmitheryData, SMITHERY_GARBAGE, startSmitheryReplay, type SmitheryDetail, type SmitheryListItem, type SmitheryTool } from "../helpers/smithery-replay.js";
import { startNpmSearchReplay, type ReplayPackage } from "../../scripts/dev/replays/npm-registry.js";

const http = testHttpClient({ maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50 });
afterAll(() => http.close());

function glamaServer(namespace: string, slug: string, repository: string | null, tools: unknown[]): GlamaServer {
  return {
    id: glamaId(namespace, slug),
    name: `${namespace}/${slug}`,
    namespace,
    slug,
    description: `${slug} by ${namespace}`,
    url: `https://glama.ai/mcp/servers/${namespace}/${slug}`,
    repository: repository ? { url: repository } : null,
    spdxLicense: null,
    attributes: [],
    environmentVariablesJsonSchema: null,
    tools: tools as GlamaServer["tools"],
  };
}

const tool = (name: string, description = `does ${name}`) => ({ name, description, inputSchema: { type: "object", properties: {} } });

/** A registry item of the sample with its dates replaced. */
function dated(item: RegistryItem, name: string, dates: { publishedAt?: unknown; updatedAt?: unknown }): RegistryItem {
  const copy = structuredClone(item);
  copy.server.name = name;
  copy.server.version = "1.0.0";
  delete copy.server.repository;
  delete copy.server.packages;
  delete copy.server.remotes;
  copy._meta = { [OFFICIAL]: { ...meta(item), status: "active", isLatest: true, ...dates } };
  return copy;
}

async function serverKeys(t: TestCatalog): Promise<Set<string>> {
  return new Set((await queryRows<{ key: string }>(t.catalog.db, sql`select key from servers`)).map((r) => r.key));
}

async function toolsOf(t: TestCatalog, key: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    t.catalog.db,
    sql`select t.name from tools t join servers s on s.id = t.server_id where s.key = ${key} and t.removed_at is null order by t.name`,
  );
  return rows.map((r) => r.name);
}

describe.each(DRIVERS)("bad records on %s", (driver) => {
  let t: TestCatalog;
  beforeAll(async () => {
    t = await openTestCatalog(driver);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const reset = () => emptyTestCatalog(t.catalog);

  test("case 1: two Glama entries of one server on one page are merged; the page and the pages after it are stored", async () => {
    await reset();
    const filler = buildGlamaServers().filter((s): s is GlamaServer => !!s && typeof s === "object" && typeof (s as GlamaServer).id === "string").slice(0, 25);
    const servers = [
      ...filler.slice(0, 3),
      glamaServer("ACME", "tool", "https://github.com/ACME/tool.git", [tool("alpha"), tool("beta")]),
      ...filler.slice(3, 6),
      glamaServer("acme-mirror", "tool", "https://github.com/acme/tool/tree/main", [tool("alpha"), tool("gamma")]),
      ...filler.slice(6),
    ];
    const replay = await startGlamaReplay({ servers });
    try {
      const summary = await refresh(t.catalog, { sources: [glamaSource({ baseUrl: replay.url, pageSize: 10 })], full: true, fetcherFor: () => http });
      expect(summary.sources.glama!.errors).toEqual([]);
      expect(summary.status).toBe("succeeded");
      expect(summary.sources.glama!.pages).toBe(3);
      const keys = await serverKeys(t);
      expect(keys.has("github.com/acme/tool")).toBe(true);
      // Every unrelated server on the page and after it is stored.
      expect(keys.size).toBe(servers.length - 1);
      // The better-ranked entry (the same rank: the smaller id) gives the tools; both records point at the server.
      const winner = [glamaId("ACME", "tool"), glamaId("acme-mirror", "tool")].sort()[0];
      expect(await toolsOf(t, "github.com/acme/tool")).toEqual(winner === glamaId("ACME", "tool") ? ["alpha", "beta"] : ["alpha", "gamma"]);
      const sources = await queryRows<{ source_id: string }>(t.catalog.db, sql`select ss.source_id from server_sources ss join servers s on s.id = ss.server_id where s.key = 'github.com/acme/tool' order by 1`);
      expect(sources.map((r) => r.source_id)).toEqual([glamaId("ACME", "tool"), glamaId("acme-mirror", "tool")].sort());
      expect(Object.keys(summary.sources.glama!.skippedReasons).join(" ")).toMatch(/tool list set aside/);
    } finally {
      await replay.close();
    }
  });

  test("case 1: the two entries on different pages: the better-ranked list holds, run after run, in either order", async () => {
    for (const order of [0, 1]) {
      await reset();
      const a = glamaServer("ACME", "tool", "https://github.com/ACME/tool.git", [tool("alpha"), tool("beta")]);
      const b = glamaServer("acme-mirror", "tool", "https://github.com/acme/tool/tree/main", [tool("alpha"), tool("gamma")]);
      const [first, second] = order ? [b, a] : [a, b];
      const filler = [1, 2, 3].map((n) => glamaServer("filler", `server-${n}`, `https://github.com/filler/server-${n}`, [tool(`f${n}`)]));
      const replay = await startGlamaReplay({ servers: [first, ...filler, second] });
      const winner = [a, b].sort((x, y) => (x.id! < y.id! ? -1 : 1))[0]!;
      const expected = winner.tools.map((x) => x.name!).sort();
      const history = async () =>
        (await queryRows<{ n: number }>(t.catalog.db, sql`select count(*)::int as n from tool_changes c join servers s on s.id = c.server_id where s.key = 'github.com/acme/tool'`))[0]!.n;
      try {
        const counts: number[] = [];
        for (let run = 0; run < 3; run++) {
          const summary = await refresh(t.catalog, { sources: [glamaSource({ baseUrl: replay.url, pageSize: 2 })], full: true, fetcherFor: () => http });
          expect(summary.sources.glama!.errors).toEqual([]);
          expect(await toolsOf(t, "github.com/acme/tool")).toEqual(expected);
          counts.push(await history());
        }
        // Once both entries were met, the list no longer flaps: later runs change nothing.
        expect(counts[2]).toBe(counts[0]);
        const sources = await queryRows<{ n: number }>(t.catalog.db, sql`select count(*)::int as n from server_sources ss join servers s on s.id = ss.server_id where s.key = 'github.com/acme/tool'`);
        expect(sources[0]!.n).toBe(2);
      } finally {
        await replay.close();
      }
    }
  });

  test("case 1: one Glama entry (one id) listed twice on a page and again on the next: its first listing is the record, run after run", async () => {
    await reset();
    const entry = (description: string, tools: unknown[]) => ({ ...glamaServer("acme", "dup", null, tools), description });
    const servers = [
      entry("first listing", [tool("read_things", "Read things.")]),
      entry("same id, same page", [tool("delete_things", "Delete things.")]),
      glamaServer("filler", "server-1", "https://github.com/filler/server-1", [tool("f1")]),
      entry("same id, next page", [tool("delete_all", "Delete all.")]),
    ];
    const replay = await startGlamaReplay({ servers });
    const key = `glama.ai/acme/dup`;
    try {
      const runs = [];
      for (let run = 0; run < 3; run++) {
        const summary = await refresh(t.catalog, { sources: [glamaSource({ baseUrl: replay.url, pageSize: 2 })], full: true, fetcherFor: () => http });
        expect(summary.sources.glama!.errors).toEqual([]);
        expect(await toolsOf(t, key)).toEqual(["read_things"]);
        runs.push({ tools: summary.tools, repeated: summary.sources.glama!.skippedReasons["entry skipped: the source listed the same id earlier in this run"] });
      }
      expect(runs[0]).toMatchObject({ tools: { added: 2, removed: 0 }, repeated: 2 }) // read_things and the filler's f1;
      // Identical input, nothing changes: no tool added or removed, no history.
      expect(runs.slice(1)).toEqual(runs.slice(1).map(() => ({ tools: expect.objectContaining({ added: 0, changed: 0, removed: 0 }), repeated: 2 })));
      const history = await queryRows<{ n: number }>(t.catalog.db, sql`select count(*)::int as n from tool_changes c join servers s on s.id = c.server_id where s.key = ${key}`);
      expect(history[0]!.n).toBe(1);
      const server = await queryRows<{ description: string }>(t.catalog.db, sql`select description from servers where key = ${key}`);
      expect(server[0]!.description).toBe("first listing");
    } finally {
      await replay.close();
    }
  });

  test("case 2: impossible dates skip their item, counted by reason; the page and the crawl go on", async () => {
    await reset();
    const sample = loadRegistrySample();
    const base = sample[0]!;
    const bad = [
      dated(base, "io.example/not-a-date", { updatedAt: "not-a-date" }),
      dated(base, "io.example/feb-30", { updatedAt: "2026-02-30T00:00:00Z" }),
      dated(base, "io.example/month-13", { publishedAt: "2026-13-01T00:00:00Z" }),
      dated(base, "io.example/year-0", { publishedAt: "0000-01-01T00:00:00Z" }),
      dated(base, "io.example/year-294277", { updatedAt: "294277-01-01T00:00:00Z" }),
    ];
    const items = [...sample.slice(0, 150), ...bad, ...sample.slice(150)];
    const replay = await startRegistryReplay(items);
    try {
      const summary = await refresh(t.catalog, { sources: [registrySource(replay.url)], full: true, fetcherFor: () => http });
      const s = summary.sources.registry!;
      expect(s.errors).toEqual([]);
      expect(summary.status).toBe("succeeded");
      expect(s.records).toBe(sample.length);
      const reasons = Object.entries(s.skippedReasons).filter(([r]) => /not a date Postgres accepts/.test(r));
      expect(reasons.reduce((n, [, c]) => n + c, 0)).toBe(bad.length);
      const keys = await serverKeys(t);
      for (const item of bad) expect(keys.has(item.server.name)).toBe(false);
      for (const item of sample) expect(keys.has(item.server.name)).toBe(true);
      const run = await lastRun(t.catalog.db);
      expect(JSON.stringify(run!.sources)).toMatch(/not a date Postgres accepts/);
    } finally {
      await replay.close();
    }
  });

  test("an item nested thousands deep (which no recursive walk survives) is skipped, counted by reason; the page and the crawl go on", async () => {
    await reset();
    const sample = loadRegistrySample().slice(0, 60);
    const deep = dated(sample[0]!, "io.example/deep", {});
    deep.server.description = "holds a NUL \u0000, so the record is walked to replace it";
    // Built as text: JSON.parse nests without recursion, unlike everything after it.
    (deep.server as Record<string, unknown>).x = JSON.parse(`${"[".repeat(3_000)}${"]".repeat(3_000)}`);
    const atLimit = dated(sample[0]!, "io.example/at-limit", {});
    (atLimit.server as Record<string, unknown>).x = JSON.parse(`${"[".repeat(MAX_JSON_DEPTH - 3)}${"]".repeat(MAX_JSON_DEPTH - 3)}`);
    const replay = await startRegistryReplay([...sample.slice(0, 30), deep, atLimit, ...sample.slice(30)]);
    try {
      const summary = await refresh(t.catalog, { sources: [registrySource(replay.url)], full: true, fetcherFor: () => http });
      const s = summary.sources.registry!;
      expect(summary.failures).toEqual([]);
      expect(s.skippedReasons).toMatchObject({ [TOO_DEEP]: 1 });
      const keys = await serverKeys(t);
      expect(keys.has("io.example/deep")).toBe(false);
      expect(keys.has("io.example/at-limit")).toBe(true);
      for (const item of sample) expect(keys.has(item.server.name)).toBe(true);
    } finally {
      await replay.close();
    }
  });

  test("case 3: a far-future updatedAt does not become the watermark; the run record says so and later updates arrive", async () => {
    await reset();
    const sample = loadRegistrySample();
    const future = dated(sample[0]!, "io.example/from-the-future", { updatedAt: "9999-12-31T00:00:00Z" });
    const items = [...sample, future];
    const replay = await startRegistryReplay(items);
    try {
      const first = await refresh(t.catalog, { sources: [registrySource(replay.url)], full: true, fetcherFor: () => http });
      expect(first.sources.registry!.errors).toEqual([]);
      // The record itself is kept: only the watermark ignores its date.
      expect((await serverKeys(t)).has("io.example/from-the-future")).toBe(true);
      expect(first.sources.registry!.futureDates).toMatchObject({ ignored: 1, latest: "9999-12-31T00:00:00Z" });
      const [state] = await queryRows<{ watermark: string }>(t.catalog.db, sql`select watermark from source_state where source = 'registry'`);
      expect(Date.parse(state!.watermark)).toBeLessThan(Date.now() + 24 * 3600_000);
      const run = await lastRun(t.catalog.db);
      expect(JSON.stringify(run!.sources)).toContain("futureDates");

      // A server updated after the crawl arrives on the next incremental run.
      const fresh = dated(sample[0]!, "io.example/updated-later", { updatedAt: new Date(Date.now() - 1_000).toISOString() });
      replay.items.push(fresh);
      const second = await refresh(t.catalog, { sources: [registrySource(replay.url)], full: false, fetcherFor: () => http });
      expect(second.sources.registry!.mode).toBe("incremental");
      expect((await serverKeys(t)).has("io.example/updated-later")).toBe(true);
    } finally {
      await replay.close();
    }
  });

  test("case 3: a watermark already stored in the far future is set aside: the run crawls in full and says why", async () => {
    await reset();
    const sample = loadRegistrySample().slice(0, 40);
    const replay = await startRegistryReplay(structuredClone(sample));
    try {
      await refresh(t.catalog, { sources: [registrySource(replay.url)], full: true, fetcherFor: () => http });
      await t.catalog.db.execute(sql`update source_state set watermark = '9999-12-31T00:00:00Z' where source = 'registry'`);
      const summary = await refresh(t.catalog, { sources: [registrySource(replay.url)], full: false, fetcherFor: () => http });
      const s = summary.sources.registry!;
      expect(s.mode).toBe("full");
      expect(s.futureDates).toMatchObject({ storedWatermark: "9999-12-31T00:00:00Z" });
      expect(replay.requests.at(-1)).not.toContain("updated_since=9999");
    } finally {
      await replay.close();
    }
  });

  test("a registry replay carrying every bad record crawls to the end, stores every good record and counts the bad ones by reason", async () => {
    await reset();
    const sample = loadRegistrySample();
    const base = sample[0]!;
    const huge = dated(base, "io.example/huge-description", { updatedAt: "2025-10-01T00:00:00Z" });
    huge.server.description = "D".repeat(2_000_000);
    const bad = [
      dated(base, "io.example/not-a-date", { updatedAt: "not-a-date" }),
      dated(base, "io.example/feb-30", { publishedAt: "2026-02-30T00:00:00Z" }),
      dated(base, "io.example/month-13", { updatedAt: "2026-13-01T00:00:00Z" }),
      dated(base, "io.example/year-0", { updatedAt: "0000-01-01T00:00:00Z" }),
      dated(base, "io.example/year-294277", { publishedAt: "294277-01-01T00:00:00Z" }),
    ];
    const future = dated(base, "io.example/far-future", { updatedAt: "9999-12-31T00:00:00Z" });
    // Spread over the pages: the first, a middle one and the last.
    const items = [bad[0]!, ...sample.slice(0, 120), bad[1]!, huge, ...sample.slice(120, 330), bad[2]!, future, bad[3]!, ...sample.slice(330), bad[4]!];
    const replay = await startRegistryReplay(items);
    try {
      const summary = await refresh(t.catalog, { sources: [registrySource(replay.url)], full: true, fetcherFor: () => http });
      const s = summary.sources.registry!;
      expect(summary.status).toBe("succeeded");
      expect(s.errors).toEqual([]);
      expect(s.pages).toBe(Math.ceil(items.length / 100));
      const keys = await serverKeys(t);
      for (const item of [...sample, huge, future]) expect(keys.has(item.server.name)).toBe(true);
      for (const item of bad) expect(keys.has(item.server.name)).toBe(false);
      const reasons = s.skippedReasons;
      expect(Object.entries(reasons).filter(([r]) => r.includes("not a date Postgres accepts")).reduce((n, [, c]) => n + c, 0)).toBe(5);
      expect(reasons["stored with text over 10,000 characters cut"]).toBe(1);
      expect(s.futureDates).toMatchObject({ ignored: 1, latest: "9999-12-31T00:00:00Z" });
      const [row] = await queryRows<{ n: number; raw: number }>(
        t.catalog.db,
        sql`select length(s.description)::int as n, max(length(ss.raw::text))::int as raw from servers s join server_sources ss on ss.server_id = s.id where s.key = 'io.example/huge-description' group by s.description`,
      );
      expect(row!.n).toBe(10_000);
      expect(row!.raw).toBeLessThan(20_000);
      const run = await lastRun(t.catalog.db);
      expect(run!.status).toBe("succeeded");
      expect((run!.sources as Record<string, { skippedReasons: Record<string, number> }>).registry!.skippedReasons).toEqual(reasons);
    } finally {
      await replay.close();
    }
  });

  test("a Glama replay carrying every bad record crawls to the end, stores every good record and counts the bad ones by reason", async () => {
    await reset();
    const good = buildGlamaServers().filter((x): x is GlamaServer => !!x && typeof x === "object" && typeof (x as GlamaServer).id === "string");
    const nullable = glamaServer("nulls", "nullable-tools", "https://github.com/nulls/nullable-tools", [
      { name: "drop_table", title: null, description: "Drop a table and every row in it", inputSchema: null, annotations: { title: null, readOnlyHint: null, destructiveHint: true } },
      { name: "list_tables", title: "List tables", description: null, annotations: null },
      // The one tool that truly cannot be kept.
      { name: null, description: "nameless" },
    ]);
    const huge = glamaServer("huge", "huge-text", "https://github.com/huge/huge-text", [tool("verbose", "V".repeat(2_000_000))]);
    huge.description = "D".repeat(2_000_000);
    const bidi = glamaServer("bidi", "trojan", "https://github.com/bidi/trojan", [tool("safe\u202e\u2066name"), tool("plain_\u200bname")]);
    const twinA = glamaServer("ACME", "tool", "https://github.com/ACME/tool.git", [tool("alpha"), tool("beta")]);
    const twinB = glamaServer("acme-mirror", "tool", "https://github.com/acme/tool/tree/main", [tool("alpha"), tool("gamma")]);
    const twinC = glamaServer("acme-fork", "tool", "https://github.com/acme/tool", [tool("delta")]);
    // Twins A and B share a page; C is on a later one.
    const servers = [...good.slice(0, 10), twinA, nullable, twinB, ...good.slice(10, 40), huge, bidi, ...good.slice(40), twinC];
    const replay = await startGlamaReplay({ servers });
    try {
      const summary = await refresh(t.catalog, { sources: [glamaSource({ baseUrl: replay.url, pageSize: 20 })], full: true, fetcherFor: () => http });
      const s = summary.sources.glama!;
      expect(summary.status).toBe("succeeded");
      expect(s.errors).toEqual([]);
      expect(s.pages).toBe(Math.ceil(servers.length / 20));
      // Every entry is stored, on the server its key names (entries of one repository on one server).
      const expectedKeys = new Set(
        servers.flatMap((x) => {
          const r = parseGlamaItem(x);
          return "record" in r ? [r.record.server.key] : [];
        }),
      );
      expect(await serverKeys(t)).toEqual(expectedKeys);
      expect(await toolsOf(t, "github.com/nulls/nullable-tools")).toEqual(["drop_table", "list_tables"]);
      const [dropTable] = await queryRows<{ annotations: unknown; title: string | null }>(t.catalog.db, sql`select annotations, title from tools where name = 'drop_table'`);
      expect(dropTable).toEqual({ annotations: { destructiveHint: true }, title: null });
      expect(await toolsOf(t, "github.com/bidi/trojan")).toEqual(["plain_\u200bname", "safe\u202e\u2066name"]);
      const [long] = await queryRows<{ server: number; tool: number }>(
        t.catalog.db,
        sql`select length(s.description)::int as server, length(t.description)::int as tool from servers s join tools t on t.server_id = s.id where s.key = 'github.com/huge/huge-text'`,
      );
      expect(long).toEqual({ server: 10_000, tool: 10_000 });
      const twins = [twinA, twinB, twinC].sort((x, y) => (x.id! < y.id! ? -1 : 1));
      expect(await toolsOf(t, "github.com/acme/tool")).toEqual(twins[0]!.tools.map((x) => x.name!).sort());
      const reasons = s.skippedReasons;
      expect(reasons["tool list set aside: a better-ranked entry of the same source lists this server's tools"]).toBe(twins[0] === twinC ? 1 : 2);
      expect(reasons["stored with text over 10,000 characters cut"]).toBe(1);
      expect(Object.keys(reasons).some((r) => r.startsWith("tool dropped: name"))).toBe(true);
    } finally {
      await replay.close();
    }
  });
  test("a Smithery entry whose name no URL can hold (a lone surrogate) is skipped and counted; the rest of its page and the pages after it are stored", async () => {
    await reset();
    const data = buildSmitheryData();
    const good = data.list.filter((x) => !("skip" in parseSmitheryItem(x))) as SmitheryListItem[];
    // On the second page of ten, with servers after it there and on the pages after.
    const bad = { ...good[0]!, id: "0bad0000-0000-4000-a000-000000000000", qualifiedName: "acme/bad\ud800name", displayName: "Bad name" };
    data.list.splice(13, 0, bad);
    const replay = await startSmitheryReplay({ data });
    try {
      const summary = await refresh(t.catalog, { sources: [smitherySource({ apiKey: "sk-test", baseUrl: replay.url, pageSize: 10 })], full: true, fetcherFor: () => http });
      const s = summary.sources.smithery!;
      expect(summary.failures).toEqual([]);
      expect(summary.status).toBe("succeeded");
      expect(s.errors).toEqual([]);
      expect(s.pages).toBe(Math.ceil(data.list.length / 10));
      expect(s.records).toBe(good.length);
      // The garbage entries, the bad one, and the tool insideout-remote's detail lists without a name.
      expect(s.skipped).toBe(SMITHERY_GARBAGE + 1 + 1);
      expect(s.skippedReasons[`qualifiedName: ${NOT_URL_SAFE}`]).toBe(1);
      // Every good entry is stored, those after the bad one too, and each asked for its detail.
      const aliases = await queryRows<{ value: string }>(t.catalog.db, sql`select value from server_aliases where kind = 'smithery'`);
      const stored = new Set(aliases.map((a) => a.value));
      for (const item of good) expect(stored.has(item.qualifiedName.toLowerCase())).toBe(true);
      expect(stored.has(bad.id)).toBe(false);
      expect(replay.requests.filter((r) => r.startsWith("/servers/"))).toHaveLength(good.length);
      const run = await lastRun(t.catalog.db);
      expect(run!.status).toBe("succeeded");
      expect((run!.sources as Record<string, { skippedReasons: Record<string, number> }>).smithery!.skippedReasons).toEqual(s.skippedReasons);
    } finally {
      await replay.close();
    }
  });

  test("an npm search result whose package name no URL can hold is skipped and counted; the packages after it are stored", async () => {
    await reset();
    const SDK = { "@modelcontextprotocol/sdk": "^1.17.0" };
    const packages: ReplayPackage[] = ["alpha", "beta", "gamma"].map((n) => ({ manifest: { name: `${n}-mcp`, version: "1.0.0", keywords: ["mcp"], bin: `${n}.js`, dependencies: SDK } }));
    // Leading the hits of the first query, as a malformed entry of the index would.
    const hostile = { package: { name: "evil\udc00-mcp", version: "1.0.0" } };
    const replay = await startNpmSearchReplay(packages, { garbage: [hostile], garbageQuery: "keywords:mcp" });
    try {
      const summary = await refresh(t.catalog, { sources: [npmSource({ registryUrl: replay.url })], full: true, fetcherFor: () => http });
      const s = summary.sources.npm!;
      expect(summary.failures).toEqual([]);
      expect(summary.status).toBe("succeeded");
      expect(s.records).toBe(packages.length);
      expect(s.skipped).toBe(1);
      expect(s.skippedReasons).toEqual({ [`package.name: ${NOT_URL_SAFE}`]: 1 });
      expect(await serverKeys(t)).toEqual(new Set(packages.map((p) => `npmjs.com/package/${p.manifest.name}`)));
      expect(replay.manifests.map((m) => m.name).sort()).toEqual(packages.map((p) => p.manifest.name));
    } finally {
      await replay.close();
    }
  });

  test("a source that throws building one record's detail URL, or reading its detail, loses that record alone", async () => {
    await reset();
    const data = buildSmitheryData();
    const good = data.list.filter((x) => !("skip" in parseSmitheryItem(x))) as SmitheryListItem[];
    const [noUrl, unreadable] = [good[4]!, good[12]!];
    const replay = await startSmitheryReplay({ data });
    // What a bug on what one record holds does: any throw, here the one a lone surrogate gave encodeURIComponent.
    const base = smitherySource({ apiKey: "sk-test", baseUrl: replay.url, pageSize: 10 });
    const source: Source = {
      ...base,
      detailUrl: (r) => (r.sourceId === noUrl.id ? encodeURIComponent("\ud800") : base.detailUrl!(r)),
      parseDetail: (r, body) => (r.sourceId === unreadable.id ? JSON.parse("{not json") : base.parseDetail(r, body)),
    };
    try {
      const summary = await refresh(t.catalog, { sources: [source], full: true, fetcherFor: () => http });
      const s = summary.sources.smithery!;
      expect(summary.failures).toEqual([]);
      expect(s.records).toBe(good.length - 2);
      // With the tool insideout-remote's detail lists without a name.
      expect(s.skipped).toBe(SMITHERY_GARBAGE + 2 + 1);
      expect(s.skippedReasons[`${NO_DETAIL_URL} (URI malformed)`]).toBe(1);
      expect(Object.entries(s.skippedReasons).filter(([r]) => r.startsWith(`${UNREADABLE_DETAIL} (`))).toEqual([[expect.stringContaining("JSON"), 1]]);
      const aliases = await queryRows<{ value: string }>(t.catalog.db, sql`select value from server_aliases where kind = 'smithery'`);
      const stored = new Set(aliases.map((a) => a.value));
      for (const item of good) expect(stored.has(item.qualifiedName.toLowerCase())).toBe(item !== noUrl && item !== unreadable);
    } finally {
      await replay.close();
    }
  });
  test("what Smithery's details drop of their tools (a nameless tool, a name with two definitions, a hint of the wrong type) is counted by reason in the run record, as Glama's list is", async () => {
    await reset();
    const data = buildSmitheryData();
    const buildkite = data.details["buildkite/buildkite-mcp-server"] as SmitheryDetail;
    const [first, ...rest] = buildkite.tools!;
    buildkite.tools = [{ ...first!, annotations: { readOnlyHint: "true" } } as SmitheryTool, ...rest, tool("query", "Read rows."), tool("query", "Delete every row.")];
    const replay = await startSmitheryReplay({ data });
    try {
      const summary = await refresh(t.catalog, { sources: [smitherySource({ apiKey: "sk-test", baseUrl: replay.url, pageSize: 10 })], full: true, fetcherFor: () => http });
      const s = summary.sources.smithery!;
      expect(summary.failures).toEqual([]);
      const dropped = {
        // insideout-remote's detail lists a tool without a name.
        nameless: Object.entries(s.skippedReasons).filter(([r]) => r.startsWith("tool dropped: name: ")),
        ambiguous: s.skippedReasons[AMBIGUOUS_NAME],
        hint: s.skippedReasons["annotation hint dropped, the tool kept: readOnlyHint is a string, not a boolean"],
      };
      expect(dropped).toEqual({ nameless: [[expect.any(String), 1]], ambiguous: 2, hint: 1 });
      expect(s.skipped).toBe(SMITHERY_GARBAGE + 4);
      // The servers are kept, with the tools that could be.
      expect(await toolsOf(t, "github.com/buildkite/buildkite-mcp-server")).toEqual(rest.map((x) => x.name!).concat(first!.name!).sort());
      const run = await lastRun(t.catalog.db);
      expect((run!.sources as Record<string, { skippedReasons: Record<string, number> }>).smithery!.skippedReasons).toEqual(s.skippedReasons);
    } finally {
      await replay.close();
    }
  });
});
