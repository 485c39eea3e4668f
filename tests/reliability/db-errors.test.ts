// A database failure reads as the database's reason, code and operation in one line: never drizzle's
// "Failed query: <SQL> params: <every value>", never a parameter (crawled text). Both drivers.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { refresh } from "../../crawler/refresh.js";
import { glamaSource } from "../../crawler/sources/glama.js";
import { connectionLossCode, describeDbError, operationOf, sessionEndedCode } from "../../db/errors.js";
import { mayResend } from "../../db/postgres-renewal.js";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { lastRun } from "../../db/runs.js";
import { queryRows } from "../../db/sql.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { migratedDataDir } from "../helpers/snapshot-catalog.js";
import { startGlamaReplay } from "../helpers/glama-replay.js";
import { testHttpClient } from "../helpers/http.js";

const SECRET = `crawled-text-${"x".repeat(5_000)}`;

test("the operation of a statement names what it did, not its values", () => {
  expect(operationOf(`insert into "tools" ("server_id", "name") values ($1, $2)`)).toBe(`insert into "tools"`);
  expect(operationOf(`select "id", "key" from "servers" where "key" = $1`)).toBe(`select … from "servers"`);
  expect(operationOf(`CREATE SCHEMA IF NOT EXISTS "drizzle"`)).toBe(`CREATE SCHEMA IF NOT EXISTS "drizzle"`);
});

test("a lost connection is told apart from a failed statement, through drizzle's wrapping", () => {
  const closed = Object.assign(new Error("write CONNECTION_CLOSED 127.0.0.1:5432"), { code: "CONNECTION_CLOSED" });
  expect(connectionLossCode(closed)).toBe("CONNECTION_CLOSED");
  expect(connectionLossCode(new DrizzleQueryError("insert into tools", [], Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })))).toBe("ECONNRESET");
  // The database refusing a statement is no lost connection: postgres.js rolls that transaction back itself.
  expect(connectionLossCode(new DrizzleQueryError("insert into tools", [], Object.assign(new Error("duplicate key"), { code: "23505" })))).toBeUndefined();
  expect(connectionLossCode(new Error("no code"))).toBeUndefined();
  expect(connectionLossCode(undefined)).toBeUndefined();
});

test("a server error that ended its session is a lost connection, and the statement it rejected never ran", () => {
  const ended = Object.assign(new Error("terminating connection due to administrator command"), { severity: "FATAL", code: "57P01" });
  expect(sessionEndedCode(new DrizzleQueryError("update crawl_runs", [], ended))).toBe("57P01");
  expect(connectionLossCode(ended)).toBe("57P01");
  // An error of the statement itself leaves its session alive.
  const refused = Object.assign(new Error("duplicate key"), { severity: "ERROR", code: "23505" });
  expect(sessionEndedCode(refused)).toBeUndefined();
  expect(connectionLossCode(refused)).toBeUndefined();
});

test("a statement is sent again when it never ran, or when it only reads and its connection was lost", () => {
  const ended = Object.assign(new Error("terminating connection"), { severity: "FATAL", code: "57P01" });
  const closed = Object.assign(new Error("write CONNECTION_CLOSED 127.0.0.1:5432"), { code: "CONNECTION_CLOSED" });
  const refused = Object.assign(new Error("duplicate key"), { severity: "ERROR", code: "23505" });
  expect(mayResend(`insert into "crawl_runs" ("status") values ($1) returning "id"`, ended)).toBe(true);
  expect(mayResend(`select "id" from "servers" where "key" = $1`, closed)).toBe(true);
  expect(mayResend(`  analyze "servers"`, closed)).toBe(true);
  // A write whose connection was lost under it may have committed: not twice.
  expect(mayResend(`update "crawl_runs" set "status" = $1`, closed)).toBe(false);
  expect(mayResend(`with moved as (delete from t returning *) select * from moved`, closed)).toBe(false);
  expect(mayResend(`select "id" from "servers"`, refused)).toBe(false);
});

describe.each(DRIVERS)("database errors on %s", (driver) => {
  let t: TestCatalog;
  beforeAll(async () => {
    t = await openTestCatalog(driver);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  test("a constraint violation: the reason, its code and the operation, cut to a line; the statement only under debug", async () => {
    let error: unknown;
    try {
      await queryRows(t.catalog.db, sql`insert into tools (server_id, name, content_hash, origin) values (${999_999}, ${SECRET}, ${"h"}, ${"live"})`);
    } catch (e) {
      error = e;
    }
    const line = describeDbError(error)!;
    expect(line).toMatch(/violates foreign key constraint/);
    expect(line).toContain("(code 23503)");
    expect(line).toContain("during insert into tools");
    expect(line).not.toContain("crawled-text");
    expect(line).not.toContain("\n");
    expect(line.length).toBeLessThanOrEqual(300);
    const debug = describeDbError(error, { debug: true })!;
    expect(debug).toContain("statement: insert into tools (server_id, name, content_hash, origin) values");
    expect(debug).not.toContain("crawled-text");
  });

  test("a page write the database refuses: the run record and the source error are one line with the reason, no parameters", async () => {
    // Every tool name is refused: a real failure of the page's transaction, not a mock.
    await t.catalog.db.execute(sql`alter table tools add constraint refuse_all check (length(name) < 0) not valid`);
    const replay = await startGlamaReplay();
    const http = testHttpClient({ maxAttempts: 1 });
    try {
      const summary = await refresh(t.catalog, { sources: [glamaSource({ baseUrl: replay.url })], full: true, fetcherFor: () => http });
      expect(summary.status).toBe("failed");
      const [error] = summary.sources.glama!.errors;
      expect(error).toMatch(/violates check constraint "refuse_all" \(code 23514\) during insert into tools/);
      expect(error).not.toMatch(/Failed query|params:/);
      expect(error!.length).toBeLessThanOrEqual(300);
      const run = await lastRun(t.catalog.db);
      expect(run!.error).toMatch(/code 23514/);
      expect(run!.error!.length).toBeLessThan(400);
      // Typed to the run record: a database failure with its code, on the source whose page it was.
      expect(summary.failures).toEqual([expect.objectContaining({ stage: "crawl", source: "glama", kind: "database", code: "23514", message: error })]);
      expect(run!.failures).toEqual(summary.failures);
    } finally {
      await t.catalog.db.execute(sql`alter table tools drop constraint refuse_all`);
      await replay.close();
      await http.close();
    }
  });
});

describe("the CLI on an unusable database", () => {
  test("a data directory Postgres cannot start on (a first run killed while creating it) says what to do with it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcp-catalog-broken-"));
    try {
      // What such a run leaves first: PG_VERSION, and not the rest of the cluster.
      const dataDir = join(dir, "catalog");
      mkdirSync(dataDir);
      writeFileSync(join(dataDir, "PG_VERSION"), "18\n");
      const r = await runCli(["stats"], { CATALOG_DATA_DIR: dataDir });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `mcp-catalog stats: cannot open the catalog at ${dataDir}: Postgres did not start on its data directory (PGlite failed to initialize properly): the directory is incomplete or damaged. ` +
          `If it never opened successfully (a first run stopped while creating it), it holds no catalog yet: delete ${dataDir} and run again; otherwise restore it from a backup\n`,
      );
      // The lock went with the failed open.
      expect(readdirSync(dataDir)).toEqual(["PG_VERSION"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a catalog this user cannot write is said so, naming the entry, not called damaged and to be deleted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mcp-catalog-unwritable-"));
    const dataDir = join(dir, "catalog");
    const files: string[] = [];
    try {
      await migratedDataDir(dataDir);
      // Its files read-only, as a catalog restored or copied so (another user's are to this one): the directory
      // itself stays writable, so the lock is taken and Postgres is the one to fail.
      for (const entry of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
      }
      for (const file of files) chmodSync(file, 0o444);
      const r = await runCli(["stats"], { CATALOG_DATA_DIR: dataDir });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(
        new RegExp(
          `^mcp-catalog stats: cannot open the catalog at ${dataDir}: Postgres did not start on its data directory \\(.*\\): this user cannot write ${dataDir}/\\S+ \\(owner uid \\d+, mode 0444\\), ` +
            `and Postgres writes to its data directory on every start, even to read it\\. Make all of ${dataDir} writable by this user \\(chown -R, or chmod -R u\\+w\\), or run as the user who owns it\n$`,
        ),
      );
      // Made writable again, it opens as the catalog it was.
      for (const file of files) chmodSync(file, 0o644);
      expect(await runCli(["stats"], { CATALOG_DATA_DIR: dataDir })).toMatchObject({ code: 0, stderr: "" });
    } finally {
      for (const file of files) chmodSync(file, 0o644);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a refused connection is the driver's reason and code, not the first statement", async () => {
    const r = await runCli(["stats"], { DATABASE_URL: "postgres://postgres@127.0.0.1:9/none" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mcp-catalog stats: cannot open the catalog at postgres:\/\/postgres@127\.0\.0\.1:9\/none: .*ECONNREFUSED\) while checking the catalog's schema$/m);
    expect(r.stderr).not.toMatch(/Failed query|params:|to_regclass/);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  test("migrate on an unreachable server names the catalog it could not reach, as every other command does", async () => {
    const r = await runCli(["migrate"], { DATABASE_URL: "postgres://postgres:hunter2@127.0.0.1:9/none" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mcp-catalog migrate: cannot migrate the catalog at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:9\/none: .*ECONNREFUSED\) while checking the catalog's schema\n$/);
  });

  test.runIf(!!process.env.DATABASE_URL)("a missing database says so, with its code", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = "/mcp_catalog_no_such_database";
    const r = await runCli(["stats"], { DATABASE_URL: url.toString() });
    expect(r.code).toBe(1);
    // What was being done in words, not a fragment of its SQL (`during select to_regclass`).
    expect(r.stderr).toMatch(/database "mcp_catalog_no_such_database" does not exist \(code 3D000\) while checking the catalog's schema$/m);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
