// Opening the catalog applies the migrations the database lacks, and only checks when it lacks none.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsFolder, openCatalog, type Catalog } from "../db/client.js";
import { queryRows } from "../db/sql.js";
import { createScratchDatabase, DRIVERS } from "./helpers/catalog.js";

interface Journal {
  entries: { when: number }[];
}

const journal = JSON.parse(readFileSync(join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as Journal;

/** The committed migrations without the newest: a database that stopped one release back. */
function folderWithoutNewest(dir: string): string {
  const folder = join(dir, "migrations");
  cpSync(migrationsFolder(), folder, { recursive: true });
  writeFileSync(join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }));
  return folder;
}

async function applied(catalog: Catalog): Promise<number[]> {
  const rows = await queryRows<{ at: string }>(catalog.db, sql`select created_at::text as at from drizzle.__drizzle_migrations order by created_at`);
  return rows.map((r) => Number(r.at));
}

describe.each(DRIVERS)("opening the catalog (%s)", (driver) => {
  let dir: string;
  let open: () => Promise<Catalog>;
  let drop = async () => {};
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mcp-catalog-migrate-test-"));
    if (driver === "postgres") {
      const db = await createScratchDatabase();
      drop = db.drop;
      open = () => openCatalog({ databaseUrl: db.url, dataDir: "unused" });
    } else {
      open = () => openCatalog({ dataDir: join(dir, "catalog") });
    }
  });
  afterAll(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("applies the newest migration to a schema one migration behind, and opens a current one as it is", async () => {
    const stale = await open();
    try {
      // Back to the schema before the newest migration: drizzle's own migrator over the shorter journal,
      // on a database emptied of what opening it just applied.
      await stale.db.execute(sql`drop schema public cascade`);
      await stale.db.execute(sql`drop schema drizzle cascade`);
      await stale.db.execute(sql`create schema public`);
      const { migrate } = await import(driver === "postgres" ? "drizzle-orm/postgres-js/migrator" : "drizzle-orm/pglite/migrator");
      await migrate(stale.db as never, { migrationsFolder: folderWithoutNewest(dir) });
      expect(await applied(stale)).toEqual(journal.entries.slice(0, -1).map((e) => e.when));
    } finally {
      await stale.close();
    }
    const reopened = await open();
    try {
      // drizzle records a migration in the transaction that ran its statements.
      expect(await applied(reopened)).toEqual(journal.entries.map((e) => e.when));
    } finally {
      await reopened.close();
    }
    // Current: opening again applies nothing and records nothing twice.
    const current = await open();
    try {
      expect(await applied(current)).toEqual(journal.entries.map((e) => e.when));
    } finally {
      await current.close();
    }
  }, 120_000);
});
