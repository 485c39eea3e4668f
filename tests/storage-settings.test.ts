// How the catalog's tables store what a run writes: statistics without the documents no query plans on
// (migrations 0011, 0013), raw records compressed with lz4 where the server has it (0012).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../db/sql.js";
import { classifications, servers, tools } from "../db/schema.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";

describe.each(DRIVERS)("storage settings on %s", (driver) => {
  let t: TestCatalog;

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    const { db } = t.catalog;
    const [server] = await db.insert(servers).values({ key: "io.github.acme/tools", canonicalSource: "registry:x", canonicalRank: 30, contentHash: "h" }).returning({ id: servers.id });
    const written = await db
      .insert(tools)
      .values(Array.from({ length: 200 }, (_, i) => ({ serverId: server!.id, name: `tool_${i}`, description: `Does thing ${i}`, inputSchema: { type: "object", properties: { [`arg${i}`]: { type: "string" } } }, annotations: { readOnlyHint: i % 2 === 0 }, contentHash: `c${i}`, origin: "glama" })))
      .returning({ id: tools.id });
    await db.insert(classifications).values(
      written.map((w, i) => ({
        toolId: w.id,
        classifierVersion: "v1",
        contentHash: `c${i}`,
        category: i % 2 ? "read" : "write",
        risk: "low",
        confidence: 0.9,
        signals: ["reads"],
        rationale: `rationale ${i}`,
        evidence: [{ text: `evidence ${i}` }],
        rule: { name: "r" },
        hints: { readOnlyHint: true },
        facets: [],
        method: "rules",
      })),
    );
  });
  afterAll(() => t.dispose());

  const statColumns = async (table: string) =>
    (await queryRows<{ attname: string }>(t.catalog.db, sql`select attname from pg_stats where schemaname = 'public' and tablename = ${table} order by attname`)).map((r) => r.attname);

  test("an analyzed table gets statistics on the columns its queries plan on", async () => {
    // Whole tables, as analyzeChangedTables runs them (whose choice of tables waits on Postgres's statistics collector).
    for (const table of ["classifications", "tools"]) await t.catalog.db.execute(sql.raw(`analyze ${table}`));
    const planned = await statColumns("classifications");
    expect(planned).toEqual(expect.arrayContaining(["category", "classifier_version", "facets", "hints", "risk", "tool_id"]));
    // Documents returned but never filtered, joined, grouped or sorted on.
    for (const column of ["evidence", "rationale", "rule", "signals"]) expect(planned).not.toContain(column);
    // Tools keep theirs on what lookups filter on, not on their schemas and annotations (0013).
    const toolColumns = await statColumns("tools");
    expect(toolColumns).toEqual(expect.arrayContaining(["description", "name", "server_id"]));
    for (const column of ["annotations", "input_schema"]) expect(toolColumns).not.toContain(column);
  });

  test("raw records are compressed with lz4 where the server was built with it, else with the default", async () => {
    const [lz4] = await queryRows<{ available: boolean }>(t.catalog.db, sql`select 'lz4' = any(enumvals) as available from pg_settings where name = 'default_toast_compression'`);
    const [column] = await queryRows<{ compression: string }>(
      t.catalog.db,
      sql`select attcompression::text as compression from pg_attribute where attrelid = 'server_sources'::regclass and attname = 'raw'`,
    );
    expect(column!.compression).toBe(lz4?.available ? "l" : "");
  });
});
