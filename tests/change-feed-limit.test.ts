// `changes --limit N` counts changes, not rows: a tool whose definition changed in several parts in one run (a row
// each) is shown whole or not at all, however the limit falls.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ChangeRow } from "../db/lookups.js";
import { wholeChanges } from "../scripts/change-feed.js";
import { DRIVERS } from "./helpers/catalog.js";
import { emptyCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";

const row = (id: number, tool: string, kind: string, at = "2026-11-02 10:00:00+00"): ChangeRow => ({
  id, server: "example.com/s", tool, kind, oldHash: kind === "added" ? null : `${tool}-old`, newHash: `${tool}-new`, details: null, at, runId: 7, category: null, previousCategory: null,
});

test("wholeChanges keeps the first N changes with all their parts, and asks for more rows while the last may go on", () => {
  const rows = [row(5, "b", "description_changed"), row(4, "b", "schema_changed"), row(3, "a", "description_changed"), row(2, "a", "schema_changed"), row(1, "c", "added", "2026-11-01 10:00:00+00")];
  expect(wholeChanges(rows, 1, false)?.map((r) => r.id)).toEqual([5, 4]);
  expect(wholeChanges(rows, 2, false)?.map((r) => r.id)).toEqual([5, 4, 3, 2]);
  // Every row read is of the first change: its next part may be the next row.
  expect(wholeChanges(rows.slice(0, 2), 1, false)).toBeUndefined();
  expect(wholeChanges(rows.slice(0, 2), 1, true)?.map((r) => r.id)).toEqual([5, 4]);
  expect(wholeChanges(rows, 3, true)?.map((r) => r.id)).toEqual([5, 4, 3, 2, 1]);
  expect(wholeChanges([], 3, true)).toEqual([]);
});

describe.each(DRIVERS)("changes --limit (%s)", (driver) => {
  let cat: CliCatalog;

  beforeAll(async () => {
    cat = await emptyCliCatalog(driver);
    const db = (await cat.held()).db;
    await db.execute(sql`insert into servers (key, canonical_source, canonical_rank, content_hash) values ('example.com/s', 'test:1', 1, 'h')`);
    // One run: `note` added, then `search` and `fetch` each changed in two parts (a row each), all at one instant.
    await db.execute(sql`insert into tool_changes (server_id, tool_name, kind, old_hash, new_hash, details, run_id, at)
      select s.id, c.tool, c.kind, c.old, c.new, null, 7, '2026-11-02T10:00:00Z' from servers s, (values
        ('note', 'added', null, 'n1', 1),
        ('search', 'description_changed', 's0', 's1', 2), ('search', 'schema_changed', 's0', 's1', 3),
        ('fetch', 'description_changed', 'f0', 'f1', 4), ('fetch', 'annotations_changed', 'f0', 'f1', 5)) c(tool, kind, old, new, n)
      order by c.n`);
  });
  afterAll(async () => cat?.dispose());

  test("counts whole changes: each shown with every part, in JSON and in text", async () => {
    const feed = async (limit: number) => {
      const r = await cat.cli(["changes", "--limit", String(limit), "--json"]);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { tool: string; kind: string }[]).map((c) => `${c.tool} ${c.kind}`);
    };
    expect(await feed(1)).toEqual(["fetch annotations_changed", "fetch description_changed"]);
    expect(await feed(2)).toEqual(["fetch annotations_changed", "fetch description_changed", "search schema_changed", "search description_changed"]);
    expect(await feed(3)).toHaveLength(5);
    const text = await cat.cli(["changes", "--limit", "1"]);
    expect(text.stdout.trimEnd().split("\n")).toHaveLength(2);
  });
});
