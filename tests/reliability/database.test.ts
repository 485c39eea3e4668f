// The database under a running refresh: a second refresh refuses, a dropped connection fails the run cleanly,
// and what runs after connections died under statements runs on fresh ones.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openCatalog, POSTGRES_POOL_SIZE, type Catalog } from "../../db/client.js";
import { ConnectionLostError } from "../../db/errors.js";
import { refresh, RefreshBusyError } from "../../crawler/refresh.js";
import { registrySource } from "../../crawler/sources/registry.js";
import { catalogStats } from "../../db/queries.js";
import { lastRun } from "../../db/runs.js";
import { queryRows } from "../../db/sql.js";
import type { Failure } from "../../crawler/failure.js";
import { createScratchDatabase } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { testHttpClient } from "../helpers/http.js";
import { loadRegistrySample, startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";

const sample = loadRegistrySample();
const distinct = new Set(sample.map((i) => i.server.name)).size;

describe.runIf(!!process.env.DATABASE_URL)("a Postgres catalog under a running refresh", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let a: Catalog;
  let b: Catalog;
  let replay: RegistryReplay;
  const http = testHttpClient();

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    a = await openCatalog({ databaseUrl: scratch.url, dataDir: "unused" });
    b = await openCatalog({ databaseUrl: scratch.url, dataDir: "unused" });
    replay = await startRegistryReplay(structuredClone(sample));
  });
  afterAll(async () => {
    await replay.close();
    await http.close();
    await a.close();
    await b.close();
    await scratch.drop();
  });

  test("a second refresh from another connection refuses at once while the first holds the lock", async () => {
    const release = await a.tryLockRefresh();
    expect(release).toBeDefined();
    try {
      // The lock is released only after this settles: a refresh that waited for it would never settle.
      await expect(refresh(b, { sources: [registrySource(replay.url)], full: true, fetcherFor: () => http })).rejects.toBeInstanceOf(RefreshBusyError);
    } finally {
      await release!();
    }
  });

  test("connections dropped mid-run (pg_terminate_backend) fail the run cleanly; a rerun completes", async () => {
    // Cut every connection of the catalog between two pages, while the run is under way: once page 1 is
    // written, before page 2 is fetched (a backend dying inside a page's write is the test below).
    let cut = false;
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const dbName = new URL(scratch.url).pathname.slice(1);
    const server = registrySource(replay.url);
    let firstWritten!: () => void;
    const written = new Promise<void>((resolve) => (firstWritten = resolve));
    const progress = { sourceStarted() {}, pageDone: () => firstWritten(), sourceDone() {} };
    const fetcher = {
      async getJson(url: string, init?: Parameters<typeof http.getJson>[1]) {
        if (url.includes("cursor=") && !cut) {
          cut = true;
          await written;
          await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${dbName} and pid <> pg_backend_pid()`;
        }
        return http.getJson(url, init);
      },
    };
    const summary = await refresh(a, { sources: [server], full: true, fetcherFor: () => fetcher, progress }).catch((e: Error) => e);
    expect(cut).toBe(true);
    if (summary instanceof Error) {
      // The run could not even close its record: the next run marks it failed.
      expect(summary.message).toMatch(/terminat|connection|closed/i);
    } else {
      expect(["failed", "succeeded"]).toContain(summary.status);
    }
    // Nothing half-written: every record has its server, and no server lacks its latest record.
    const [orphans] = await queryRows<{ n: number }>(a.db, sql`select count(*)::int as n from server_sources s left join servers v on v.id = s.server_id where v.id is null`);
    expect(orphans!.n).toBe(0);

    const rerun = await refresh(a, { sources: [server], full: false, fetcherFor: () => http });
    expect(rerun.status, JSON.stringify(rerun.failures)).toBe("succeeded");
    expect((await catalogStats(a.db)).servers.total).toBe(distinct);
    expect((await lastRun(a.db))!.status).toBe("succeeded");
    await admin.end();
  });

  test("a refresh right after every session of the catalog died under a statement succeeds", async () => {
    await killSessionsUnderStatements(a);
    const run = await refresh(a, { sources: [registrySource(replay.url)], full: true, fetcherFor: () => http });
    expect(run.status, JSON.stringify(run.failures)).toBe("succeeded");
    expect((await catalogStats(a.db)).servers.total).toBe(distinct);
  });
});

/**
 * Every connection of the catalog's pool loses its session under a statement: as many transactions as
 * it has connections, at once, each terminating its own backend. postgres.js keeps each dead session's
 * error on its connection (porsager/postgres#1223).
 */
async function killSessionsUnderStatements(catalog: Catalog): Promise<void> {
  const killed = await Promise.all(
    Array.from({ length: POSTGRES_POOL_SIZE }, () => catalog.db.transaction(async (tx) => void (await tx.execute(sql`select pg_terminate_backend(pg_backend_pid())`))).catch((e: unknown) => e)),
  );
  for (const e of killed) expect(e).toBeInstanceOf(ConnectionLostError);
}

/** The CLI as a user runs it, in a process of its own: what it printed and how it ended. */
function spawnCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["bin/mcp-catalog.js", ...args], { env: { PATH: process.env.PATH!, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** A libpq connection string for dblink, from a postgres:// URL. */
function connectionString(url: string): string {
  const u = new URL(url);
  const parts = { host: u.hostname, port: u.port || "5432", user: decodeURIComponent(u.username), dbname: u.pathname.slice(1), ...(u.password ? { password: decodeURIComponent(u.password) } : {}) };
  return Object.entries(parts)
    .map(([k, v]) => `${k}='${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`)
    .join(" ");
}

/**
 * A trigger on `table` that, for a row matching `when`, terminates the backend inserting or updating it
 * from a second connection (dblink), inside the writer's transaction: once, since that second
 * connection also deletes the one armed row.
 */
async function armTerminator(admin: postgres.Sql, url: string, o: { table: string; when: string }): Promise<void> {
  await admin.unsafe(`create extension if not exists dblink;
    create table if not exists kill_switch (armed boolean);
    insert into kill_switch values (true);
    create or replace function terminate_writer() returns trigger language plpgsql as $$
    begin
      if ${o.when} then
        perform * from dblink(${"'" + connectionString(url).replace(/'/g, "''") + "'"},
          format('with armed as (delete from kill_switch returning 1) select pg_terminate_backend(%s) from armed', pg_backend_pid())) as killed(ok boolean);
      end if;
      return new;
    end $$;
    create or replace trigger terminate_writer after insert or update on ${o.table} for each row execute function terminate_writer();`);
}

describe.runIf(!!process.env.DATABASE_URL)("a backend terminated while a transaction is open", () => {
  test("a transaction, and a savepoint inside one, reject with ConnectionLostError; the process and the catalog go on", async () => {
    const scratch = await createScratchDatabase();
    const admin = postgres(scratch.url, { max: 1, onnotice: () => {} });
    const catalog = await openCatalog({ databaseUrl: scratch.url, dataDir: "unused" });
    try {
      await admin`create table victim (x int)`;
      await armTerminator(admin, scratch.url, { table: "victim", when: "new.x = 2" });
      await catalog.db.execute(sql`insert into victim values (1)`);
      const write = (x: number) => catalog.db.transaction(async (tx) => tx.transaction(async (t) => void (await t.execute(sql`insert into victim values (${x})`))));
      const lost = await write(2).catch((e: unknown) => e);
      expect(lost).toBeInstanceOf(ConnectionLostError);
      expect(lost).toMatchObject({ code: "CONNECTION_CLOSED" });
      // Re-armed: the backend dies again, this time under a plain transaction of several statements.
      await admin`insert into kill_switch values (true)`;
      const again = await catalog.db.transaction(async (tx) => {
        await tx.execute(sql`insert into victim values (3)`);
        await tx.execute(sql`insert into victim values (2)`);
      }).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(ConnectionLostError);
      // The pool goes on with a fresh connection; what was committed stays, what was rolled back is gone.
      await write(4);
      const rows = await queryRows<{ x: number }>(catalog.db, sql`select x from victim order by x`);
      expect(rows.map((r) => r.x)).toEqual([1, 4]);
    } finally {
      await catalog.close();
      await admin.end();
      await scratch.drop();
    }
  });

  test("statements given to connections whose sessions died under a statement run once each: reads, a write, a transaction", async () => {
    const scratch = await createScratchDatabase();
    const catalog = await openCatalog({ databaseUrl: scratch.url, dataDir: "unused" });
    try {
      await catalog.db.execute(sql`create table victim (x int)`);
      await killSessionsUnderStatements(catalog);
      // As many statements as the pool has connections, at once: on the old pool each would be the first one
      // a reconnected connection is given, and get the dead session's error or a hole before its rows.
      const [first, , inserted, last] = await Promise.all([
        queryRows<{ one: number }>(catalog.db, sql`select 1 as one`),
        catalog.db.transaction(async (tx) => void (await tx.execute(sql`insert into victim values (2)`))),
        queryRows<{ x: number }>(catalog.db, sql`insert into victim values (1) returning x`),
        queryRows<{ one: number }>(catalog.db, sql`select 1 as one`),
      ]);
      expect([first, inserted, last]).toEqual([[{ one: 1 }], [{ x: 1 }], [{ one: 1 }]]);
      const rows = await queryRows<{ x: number }>(catalog.db, sql`select x from victim order by x`);
      expect(rows.map((r) => r.x)).toEqual([1, 2]);
    } finally {
      await catalog.close();
      await scratch.drop();
    }
  });

  test("the refresh exits 1 with a typed database failure instead of crashing; what was committed stays, and the next run resumes", async () => {
    const scratch = await createScratchDatabase();
    const replay = await startRegistryReplay(structuredClone(sample));
    const admin = postgres(scratch.url, { max: 1, onnotice: () => {} });
    const env = { DATABASE_URL: scratch.url, REGISTRY_URL: replay.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1", CATALOG_INTROSPECT: "none" };
    try {
      expect((await runCli(["refresh", "--sources", "registry", "--json"], env)).code).toBe(0);
      // The hook, deterministic: writing page 2 (the first page asked with a cursor) fires a trigger
      // inside the page's transaction that terminates the backend running it from a second connection.
      await armTerminator(admin, scratch.url, { table: "source_pages", when: "new.url like '%cursor=%'" });

      const run = await spawnCli(["refresh", "--sources", "registry", "--full", "--json"], env);
      expect(run.stderr).not.toMatch(/TypeError|Unhandled|uncaught/i);
      expect(run.code).toBe(1);
      const summary = JSON.parse(run.stdout) as { status: string; failures: Failure[]; sources: { registry: { pages: number; errors: string[] } } };
      expect(summary.status).toBe("failed");
      // On the page whose write it broke, as every failure of a page names it.
      expect(summary.failures).toEqual([expect.objectContaining({ stage: "crawl", source: "registry", kind: "database", code: "CONNECTION_CLOSED", page: 2, url: expect.stringContaining("cursor=") })]);
      expect(summary.failures[0]!.message).toMatch(/^registry: page 2: the database connection was lost mid-transaction \(CONNECTION_CLOSED\): that transaction was rolled back, everything committed before it is kept/);
      expect(run.stderr).toContain(`mcp-catalog refresh: registry failed: ${summary.failures[0]!.message}`);
      expect(summary.sources.registry.pages).toBe(1);
      const [armed] = await admin<{ n: number }[]>`select count(*)::int as n from kill_switch`;
      expect(armed!.n, "the trigger terminated the page's backend").toBe(0);

      // Nothing the first run committed was lost, and the failed run is on record as failed.
      const stats = JSON.parse((await runCli(["stats", "--json"], env)).stdout) as { servers: { total: number; active: number }; lastRun: { status: string; failures: Failure[] } };
      expect(stats.servers.total).toBe(distinct);
      expect(stats.servers.active).toBe(distinct);
      expect(stats.lastRun).toMatchObject({ status: "failed", failures: summary.failures });

      const rerun = await runCli(["refresh", "--sources", "registry", "--json"], env);
      expect(rerun.code, rerun.stderr + rerun.stdout).toBe(0);
      expect(JSON.parse(rerun.stdout).sources.registry).toMatchObject({ resumed: true, errors: [] });
      expect(JSON.parse((await runCli(["stats", "--json"], env)).stdout).servers.total).toBe(distinct);
    } finally {
      await admin.end();
      await replay.close();
      await scratch.drop();
    }
  }, 120_000);
});
