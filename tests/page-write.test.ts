// What a page's transaction asks of the database: the servers it writes are locked in one statement, and tool sync,
// listing the tools of servers the page holds, locks none of them again.
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { toolDefinition } from "../crawler/ingest.js";
import { writeSourcePage, type PageWrite } from "../crawler/page-write.js";
import { syncToolListings } from "../crawler/tool-sync.js";
import type { Db } from "../db/client.js";
import { servers } from "../db/schema.js";
import { queryRows } from "../db/sql.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";

const dialect = new PgDialect();

/** `db`, noting the text of every raw statement it and its transactions run (the query modules' queryRows). */
function noting(db: Db, statements: string[]): Db {
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, key, receiver) {
        const d = t as unknown as Db;
        if (key === "execute")
          return (query: SQL) => {
            statements.push(dialect.sqlToQuery(query).sql);
            return d.execute(query);
          };
        if (key === "transaction") return (run: (tx: Db) => Promise<unknown>) => d.transaction((tx) => run(wrap(tx as unknown as Db)));
        return Reflect.get(t, key, receiver);
      },
    });
  return wrap(db);
}

describe.each(DRIVERS)("a page's server locks on %s", (driver) => {
  let t: TestCatalog;

  beforeAll(async () => {
    t = await openTestCatalog(driver);
  });
  afterAll(() => t.dispose());

  test("a page listing the tools of servers it rewrites or only lists tools of locks them once, in its one batch", async () => {
    const keys = ["io.test/listed-only", "io.test/rewritten"];
    const ids: number[] = [];
    for (const key of keys) {
      const [row] = await t.catalog.db.insert(servers).values({ key, canonicalSource: `glama:${key}`, canonicalRank: 10, contentHash: "h" }).returning({ id: servers.id });
      ids.push(row!.id);
      await syncToolListings(t.catalog.db, [{ serverId: row!.id, origin: "glama", tools: [toolDefinition({ name: "read_it", description: "Read it." })] }], 1);
    }
    const tools = [toolDefinition({ name: "read_it", description: "Read it." }), toolDefinition({ name: "read_more", description: "Read more." })];
    const page: PageWrite = {
      runId: 2,
      source: "glama",
      mode: "incremental",
      page: { url: "http://127.0.0.1/glama/servers", next: null, records: keys.length },
      sourceIds: [],
      // The first as stored (the page lists its tools without rewriting it), the second with a new record.
      servers: keys.map((key, i) => ({ key, status: "active", packages: [], remotes: [], canonicalSource: `glama:${key}`, canonicalRank: 10, contentHash: i === 0 ? "h" : "new" })),
      sources: [],
      aliases: [],
      toolListings: keys.map((serverKey) => ({ serverKey, origin: "glama", tools })),
      checkpoint: { source: "glama", cursor: null, cursorPage: null, mode: "incremental", pendingWatermark: null, crawlStartedAt: new Date().toISOString(), crawlRunId: 2, rederives: false },
    };
    const statements: string[] = [];
    const written = await writeSourcePage(noting(t.catalog.db, statements), page);
    expect(written).toMatchObject({ serversWritten: 1, tools: { added: 2, unchanged: 2 } });
    // One lock statement: tool sync's second one, for servers the page held, waited on nothing and cost a round trip.
    expect(statements.filter((s) => /\bfor (no key )?update\b/i.test(s))).toHaveLength(1);
    const listed = await queryRows<{ n: number }>(t.catalog.db, sql`select count(*)::int as n from tools where server_id in (${ids[0]!}, ${ids[1]!}) and name = 'read_more'`);
    expect(listed).toEqual([{ n: 2 }]);
  });
});
