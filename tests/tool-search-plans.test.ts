// Tool search (`search TEXT`, /api/tools?q=, search_tools) asks the trigram index for the names like its text once, rather
// than testing `%` on every tool, which takes the text's trigrams again for each: a long text made that seconds.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client.js";
import { searchToolsPage, searchToolsQuery, type SearchOptions } from "../db/lookups.js";
import { mergePendingIndexEntries } from "../db/runs.js";
import { queryRows } from "../db/sql.js";
import { DRIVERS } from "./helpers/catalog.js";
import { snapshotCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";

/** Search text as long as a search may be: a sentence, repeated. */
const LONG_TEXT = "delete the file from the repository and list every open issue ".repeat(5).slice(0, 256);

describe.each(DRIVERS)("searching tools on %s", (driver) => {
  let cli: CliCatalog;
  let db: Db;

  beforeAll(async () => {
    cli = await snapshotCliCatalog(driver);
    db = (await cli.held()).db;
    // Thousands of tools with descriptions of a real catalog's length, so the planner weighs the index against reading them all.
    await db.execute(sql`insert into servers (key, canonical_source, canonical_rank, content_hash)
      select 'github.com/plan/s' || i, 'test:' || i, 20, 'h' from generate_series(1, 100) i`);
    await db.execute(sql`insert into tools (server_id, name, description, content_hash, origin)
      select s.id, (array['get', 'list', 'create', 'delete', 'update'])[1 + t % 5] || '_' || (array['file', 'issue', 'page', 'record'])[1 + t % 4] || '_' || t,
        'Does one thing to ' || t || ' records. ' || repeat('It reads each record, checks it and writes it back. ', 25), 'h', 'live'
      from servers s, generate_series(1, 60) t where s.key like 'github.com/plan/%'`);
    await mergePendingIndexEntries(db);
    await db.execute(sql`analyze tools`);
  }, 300_000);
  afterAll(() => cli?.dispose());

  const plan = async (o: SearchOptions) =>
    (await queryRows<{ "QUERY PLAN": string }>(db, sql`explain ${searchToolsQuery(db, o).getSQL()}`)).map((r) => r["QUERY PLAN"]).join("\n");

  it("finds the names like a long text through the trigram index, and tests no tool's name against it by trigrams", async () => {
    const read = await plan({ text: LONG_TEXT, limit: 21 });
    expect(read).toContain("tools_name_trgm_idx");
    // The scan every tool passes through (the description's ILIKE needs it) filters without `%`.
    const scans = read.split("\n").filter((line) => /Filter: .*removed_at IS NULL/.test(line));
    expect(scans.length).toBeGreaterThan(0);
    for (const filter of scans) expect(filter).not.toMatch(/\) % /);
  });

  it("still finds a tool whose name is only like the text (a typo), in the tier of names", async () => {
    const found = await searchToolsPage(db, { text: "delete_recrd_3", limit: 5 });
    expect(found.entries[0]!.tool).toBe("delete_record_3");
    // Not the exact name, among the names, not containing the text.
    expect(found.keys[0]!.slice(0, 3)).toEqual([1, 0, 1]);
  });
});
