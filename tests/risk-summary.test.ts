// `risk NAME` for a generic name held by many servers: a grouped summary and the riskiest entries, not a wall of blocks;
// the servers counted once however many cases they hold the name in, and the names that only look the same beside it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { lookalikeTools, nameSummaryStatement, summarizeName } from "../db/lookups.js";
import { queryRows } from "../db/sql.js";
import { sql } from "drizzle-orm";
import { classifications, servers, tools } from "../db/schema.js";
import { lookalikeVariant, renderGroups } from "../scripts/commands/risk.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";

/** 30 servers with a `search` tool: 25 read / low, 3 write / medium, 1 destructive / critical, 1 not classified yet. */
const LABELS = [
  ...Array.from({ length: 25 }, () => ["read", "low"] as const),
  ...Array.from({ length: 3 }, () => ["write", "medium"] as const),
  ["destructive", "critical"] as const,
  null,
];

describe.each(DRIVERS)("the grouped answer for a name on many servers (%s)", (driver) => {
  let t: TestCatalog;

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    const db = t.catalog.db;
    const rows = await db
      .insert(servers)
      .values(LABELS.map((_, i) => ({ key: `example.com/server-${String(i).padStart(2, "0")}`, canonicalSource: `registry:${i}`, canonicalRank: 1, contentHash: `h${i}` })))
      .returning({ id: servers.id });
    const toolRows = await db
      .insert(tools)
      .values(rows.map((s, i) => ({ serverId: s.id, name: i % 2 ? "Search" : "search", contentHash: `t${i}`, origin: "live" })))
      .returning({ id: tools.id });
    await db.insert(classifications).values(
      LABELS.flatMap((label, i) =>
        label
          ? [{ toolId: toolRows[i]!.id, classifierVersion: "test", contentHash: `t${i}`, category: label[0], risk: label[1], confidence: 0.9, signals: [], rationale: "r", evidence: [], rule: {}, method: "rules" }]
          : [],
      ),
    );
  });
  afterAll(async () => t?.dispose());

  test("every holder counts in its group, largest first; the entries are the riskiest, cut at the limit", async () => {
    const s = await summarizeName(t.catalog.db, "SEARCH", { limit: 20 });
    expect(s).toMatchObject({ name: "SEARCH", total: 30, tools: 30 });
    expect(s.groups).toEqual([
      { category: "read", risk: "low", count: 25 },
      { category: "write", risk: "medium", count: 3 },
      { category: "destructive", risk: "critical", count: 1 },
      { category: null, risk: null, count: 1 },
    ]);
    expect(s.entries).toHaveLength(20);
    expect(s.entries.map((e) => e.classification?.risk).slice(0, 5)).toEqual(["critical", "medium", "medium", "medium", "low"]);
  });

  test("without a limit every entry comes back", async () => {
    expect((await summarizeName(t.catalog.db, "search")).entries).toHaveLength(30);
  });

  test("a lookup sees the catalog as it is now, not as the first lookup found it", async () => {
    const db = t.catalog.db;
    expect((await summarizeName(db, "fetch_page", { limit: 20 })).total).toBe(0);
    const [first, second] = await db.select({ id: servers.id }).from(servers).orderBy(servers.key).limit(2);
    const [added] = await db.insert(tools).values({ serverId: first!.id, name: "fetch_page", contentHash: "f1", origin: "live" }).returning({ id: tools.id });
    await db.insert(tools).values({ serverId: second!.id, name: "FETCH_PAGE", contentHash: "f2", origin: "live" });
    expect(await summarizeName(db, "fetch_page", { limit: 20 })).toMatchObject({ total: 2, tools: 2, groups: [{ category: null, risk: null, count: 2 }] });
    await db.update(tools).set({ removedAt: new Date().toISOString() }).where(sql`${tools.id} = ${added!.id}`);
    // The removed tool is gone from the answer: what is left is the other server's.
    expect(await summarizeName(db, "fetch_page", { limit: 20 })).toMatchObject({ total: 1, entries: [{ tool: "FETCH_PAGE" }] });
  });

  test("the prepared statement's generic plan reads the tools by the name's index, not by scanning them", async () => {
    const db = t.catalog.db;
    // Enough other tools that a scan would cost more than the index, as in any real catalog.
    const holders = await db.select({ id: servers.id }).from(servers);
    await db.insert(tools).values(holders.flatMap((s) => Array.from({ length: 60 }, (_, i) => ({ serverId: s.id, name: `other_${i}`, contentHash: `o${i}`, origin: "live" }))));
    await db.execute(sql`analyze`);
    const { sql: text, params } = nameSummaryStatement(db).getQuery();
    const types: Record<string, string> = { name: "text", limit: "bigint", outdatedFor: "text" };
    const values: Record<string, string> = { name: "'search'", limit: "20", outdatedFor: "'learned-1'" };
    const names = params.map((p) => (p as { name: string }).name);
    // One transaction: a prepared statement and a setting belong to one connection of the pool.
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`prepare name_summary_plan (${names.map((n) => types[n]).join(", ")}) as ${text}`));
      await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
      const lines = await queryRows<{ "QUERY PLAN": string }>(tx, sql.raw(`explain execute name_summary_plan (${names.map((n) => values[n]).join(", ")})`));
      await tx.execute(sql`deallocate name_summary_plan`);
      return lines.map((r) => r["QUERY PLAN"]).join("\n");
    });
    // The entries, the groups and the count of servers.
    expect(plan.match(/tools_name_lower_idx/g)).toHaveLength(3);
    expect(plan).not.toMatch(/Seq Scan on tools/);
  });

  test("an unknown name is an empty summary", async () => {
    expect(await summarizeName(t.catalog.db, "no_such_tool", { limit: 20 })).toEqual({ name: "no_such_tool", total: 0, tools: 0, groups: [], entries: [], outdated: 0 });
  });

  test("a server with the name in two cases is one server holding two tools", async () => {
    const db = t.catalog.db;
    const [one] = await db.select({ id: servers.id }).from(servers).orderBy(servers.key).limit(1);
    await db.insert(tools).values([
      { serverId: one!.id, name: "get_data", contentHash: "g1", origin: "live" },
      { serverId: one!.id, name: "GET_DATA", contentHash: "g2", origin: "live" },
    ]);
    const s = await summarizeName(db, "get_data", { limit: 20 });
    expect(s).toMatchObject({ total: 1, tools: 2, groups: [{ category: null, risk: null, count: 2 }] });
    expect(s.entries.map((e) => e.tool).sort()).toEqual(["GET_DATA", "get_data"]);
    expect(renderGroups(s, (_style, text) => text)).toBe("get_data is on 1 server (2 tools): 2 not classified yet");
  });

  test("lookalikes: the names that read the same once Unicode-normalized and case-folded, not the name's case variants, riskiest first", async () => {
    const db = t.catalog.db;
    const [first, second] = await db.select({ id: servers.id, key: servers.key }).from(servers).orderBy(servers.key).limit(2);
    const added = await db
      .insert(tools)
      .values([
        { serverId: first!.id, name: "caf\u00e9", contentHash: "c1", origin: "live" },
        { serverId: first!.id, name: "cafe\u0301", contentHash: "c2", origin: "live" },
        { serverId: second!.id, name: "CAFE\u0301", contentHash: "c3", origin: "live" },
        { serverId: second!.id, name: "\uff43\uff41\uff46\u00e9", contentHash: "c4", origin: "live" },
        { serverId: second!.id, name: "cafe", contentHash: "c5", origin: "live" },
      ])
      .returning({ id: tools.id, name: tools.name });
    await db.insert(classifications).values({ toolId: added.find((a) => a.name === "cafe\u0301")!.id, classifierVersion: "test", contentHash: "c2", category: "destructive", risk: "critical", confidence: 0.9, signals: [], rationale: "r", evidence: [], rule: {}, method: "rules" });

    expect((await summarizeName(db, "caf\u00e9")).entries.map((e) => e.tool)).toEqual(["caf\u00e9"]);
    const alike = await lookalikeTools(db, "caf\u00e9");
    expect(alike.total).toBe(3);
    expect(alike.entries.map((e) => [e.server, e.tool, e.classification?.risk ?? null])).toEqual([
      [first!.key, "cafe\u0301", "critical"],
      [second!.key, "CAFE\u0301", null],
      [second!.key, "\uff43\uff41\uff46\u00e9", null],
    ]);
    expect(alike.entries.map((e) => lookalikeVariant(e.tool, "caf\u00e9"))).toEqual(["NFD", "NFD", "NFKC"]);
    // Asked in NFD, the precomposed name is the lookalike; the limit cuts the list, not the count; a server narrows both.
    expect((await lookalikeTools(db, "CAF\u00c9", { limit: 1 })).entries.map((e) => e.tool)).toEqual(["cafe\u0301"]);
    expect(await lookalikeTools(db, "cafe\u0301", { limit: 1 })).toMatchObject({ total: 2, entries: [{ tool: "caf\u00e9" }] });
    expect((await lookalikeTools(db, "caf\u00e9", { serverId: second!.id })).entries.map((e) => e.tool)).toEqual(["CAFE\u0301", "\uff43\uff41\uff46\u00e9"]);
    expect(await lookalikeTools(db, "no_such_tool")).toEqual({ total: 0, entries: [], outdated: 0 });
  });

  test("lookalikes are found by the folded name's index, not by normalizing every name", async () => {
    const db = t.catalog.db;
    await db.execute(sql`analyze`);
    const lines = await queryRows<{ "QUERY PLAN": string }>(db, sql`explain select 1 from tools where lower(normalize(name, NFKC)) = lower(normalize(${"caf\u00e9"}::text, NFKC))`);
    expect(lines.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/tools_name_folded_idx/);
  });
});

test("the summary line names every group with its count", () => {
  const line = renderGroups(
    { name: "search", total: 4, tools: 4, groups: [{ category: "read", risk: "low", count: 3 }, { category: null, risk: null, count: 1 }], entries: [] },
    (_style, text) => text,
  );
  expect(line).toBe("search is on 4 servers: 3 read / low, 1 not classified yet");
  const one = renderGroups({ name: "search", total: 1, tools: 1, groups: [{ category: "read", risk: "low", count: 1 }], entries: [] }, (_style, text) => text);
  expect(one).toBe("search is on 1 server: 1 read / low");
});
