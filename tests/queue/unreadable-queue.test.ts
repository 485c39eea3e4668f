// `stats`, /api/stats and the home page read a `refresh --queue` run's jobs from pg-boss's tables. A role that can read
// the catalog but not the queue's schema (README: a read-only role granted after `migrate`) must get the run with its
// jobs unknown (null: "the queue cannot be read"), not a failed report.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { QUEUE_SCHEMA, runListingJobs } from "../../db/listing-jobs.js";
import { queryRows } from "../../db/sql.js";
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
  }, 60_000);

  afterAll(async () => {
    await queryRows(test_.catalog.db, sql.raw(`drop role if exists ${role}`)).catch(() => undefined);
    await test_?.dispose();
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
});
