// `stats`, /api/stats and the home page read a `refresh --queue` run's jobs from pg-boss's tables, and every run's end
// (and a worker's completed job) reads them to drop the kept definitions no job still needs. A role that can use the
// catalog but not the queue's schema (README: a read-only role granted after `migrate`; a crawler's role beside the
// workers') must get the report with the jobs unknown, and end its run keeping those definitions, not fail.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { toolDefinition } from "../../crawler/ingest.js";
import { syncToolListings } from "../../crawler/tool-sync.js";
import { QUEUE_SCHEMA, runListingJobs } from "../../db/listing-jobs.js";
import { servers } from "../../db/schema.js";
import { queryRows } from "../../db/sql.js";
import { dropSettledOverwrites } from "../../db/tools.js";
import { openTestCatalog, type TestCatalog } from "../helpers/catalog.js";
import { HAS_POSTGRES } from "./helpers.js";

describe.skipIf(!HAS_POSTGRES)("a run's listing jobs read by a role that cannot read the queue (Postgres)", () => {
  let test_: TestCatalog;
  const role = `mcp_catalog_reader_${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    test_ = await openTestCatalog("postgres");
    const db = test_.catalog.db;
    // pg-boss's two tables as far as the count reads them, with one waiting job of run 1.
    await queryRows(db, sql.raw(`create schema ${QUEUE_SCHEMA}`));
    for (const table of ["job", "archive"]) await queryRows(db, sql.raw(`create table ${QUEUE_SCHEMA}.${table} (name text, state text, output jsonb, data jsonb)`));
    await queryRows(db, sql.raw(`insert into ${QUEUE_SCHEMA}.job values ('listing-remote', 'created', null, '{"runId": 1}')`));
    await queryRows(db, sql.raw(`create role ${role} nologin`));
    await queryRows(db, sql.raw(`grant select, delete on overwritten_definitions to ${role}; grant select on crawl_runs to ${role}`));
  }, 60_000);

  afterAll(async () => {
    await test_?.dispose();
    // A role is the server's, not the database's: dropped once the database holding its grants is gone.
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop role if exists ${role}`);
    } finally {
      await admin.end();
    }
  });

  test("the owner counts the jobs; the role gets undefined, not an error", async () => {
    const db = test_.catalog.db;
    expect(await runListingJobs(db, QUEUE_SCHEMA, ["listing-remote"], 1)).toMatchObject({ waiting: 1 });
    const asRole = await db.transaction(async (tx) => {
      await queryRows(tx, sql.raw(`set local role ${role}`));
      return runListingJobs(tx, QUEUE_SCHEMA, ["listing-remote"], 1);
    });
    expect(asRole).toBeUndefined();
  });

  test("a definition kept for a run that has ended stays while this role cannot read whether a job still needs it", async () => {
    const db = test_.catalog.db;
    const [row] = await db.insert(servers).values({ key: "io.github.acme/unreadable-queue", canonicalSource: "registry:u", canonicalRank: 30, contentHash: "h" }).returning({ id: servers.id });
    await syncToolListings(db, [{ serverId: row!.id, origin: "live", tools: [toolDefinition({ name: "read", description: "Read a file." })] }], 0);
    await queryRows(db, sql`insert into overwritten_definitions (tool_id, run_id, content_hash, last_seen_at) select id, -1, 'h', now() from tools where server_id = ${row!.id}`);
    const kept = async () => Number((await queryRows<{ n: number }>(db, sql`select count(*)::int as n from overwritten_definitions where run_id = -1`))[0]!.n);
    await db.transaction(async (tx) => {
      await queryRows(tx, sql.raw(`set local role ${role}`));
      await dropSettledOverwrites(tx);
    });
    expect(await kept()).toBe(1);
    // The owner reads the queue: no job names run -1, so its definition goes.
    await dropSettledOverwrites(db);
    expect(await kept()).toBe(0);
  });
});
