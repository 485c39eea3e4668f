// `risk NAME` for a generic name held by many servers: a grouped summary and the riskiest entries, not a wall of blocks.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { summarizeName } from "../db/lookups.js";
import { classifications, servers, tools } from "../db/schema.js";
import { renderGroups } from "../scripts/commands/risk.js";
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
    expect(s).toMatchObject({ name: "SEARCH", total: 30 });
    expect(s.groups).toEqual([
      { category: "read", risk: "low", count: 25 },
      { category: "write", risk: "medium", count: 3 },
      { category: "destructive", risk: "critical", count: 1 },
      { category: null, risk: null, count: 1 },
    ]);
    expect(s.entries).toHaveLength(20);
    expect(s.entries.map((e) => e.classification?.risk).slice(0, 5)).toEqual(["critical", "medium", "medium", "medium", "low"]);
  });

  test("without a limit every entry comes back; a server filter narrows both the groups and the entries", async () => {
    expect((await summarizeName(t.catalog.db, "search")).entries).toHaveLength(30);
    const [one] = await t.catalog.db.select({ id: servers.id }).from(servers).limit(1);
    const s = await summarizeName(t.catalog.db, "search", { serverIds: [one!.id] });
    expect(s.total).toBe(1);
    expect(s.entries).toHaveLength(1);
  });

  test("an unknown name is an empty summary", async () => {
    expect(await summarizeName(t.catalog.db, "no_such_tool", { limit: 20 })).toEqual({ name: "no_such_tool", total: 0, groups: [], entries: [] });
  });
});

test("the summary line names every group with its count", () => {
  const line = renderGroups(
    { name: "search", total: 4, groups: [{ category: "read", risk: "low", count: 3 }, { category: null, risk: null, count: 1 }], entries: [] },
    (_style, text) => text,
  );
  expect(line).toBe("search is on 4 servers: 3 read / low, 1 not classified yet");
});
