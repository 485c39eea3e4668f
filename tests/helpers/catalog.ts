// Test catalogs: an in-memory PGlite always, and a fresh database on the Postgres server when DATABASE_URL is set.
import { sql } from "drizzle-orm";
import { openCatalog, type Catalog } from "../../db/client.js";
import { createScratchDatabase as createScratch, type ScratchDatabase } from "../../db/scratch.js";
import { catalogFromTemplate, migrateInto, pgliteTemplateTarball } from "./templates.js";
import type { NewClassification } from "../../db/classifications.js";
import { queryRows } from "../../db/sql.js";

export type DriverName = "pglite" | "postgres";

export const DRIVERS: DriverName[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export interface TestCatalog {
  catalog: Catalog;
  /** The database URL (postgres) or undefined (pglite in memory), for CLI runs against the same catalog. */
  databaseUrl?: string;
  dispose(): Promise<void>;
}

/** Creates an empty database on the server named by DATABASE_URL and returns its URL and a dropper. */
/** A fresh database on the server DATABASE_URL names (in another encoding when asked), dropped by the caller. */
export async function createScratchDatabase(options: { encoding?: "SQL_ASCII" } = {}): Promise<ScratchDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set");
  return createScratch(base, "mcp_catalog_test", options);
}

export async function openTestCatalog(driver: DriverName): Promise<TestCatalog> {
  if (driver === "pglite") {
    const catalog = await openCatalog({ dataDir: "memory://", loadDataDir: await pgliteTemplateTarball("migrated", migrateInto) });
    return { catalog, dispose: () => catalog.close() };
  }
  // A copy of the run's migrated template database: half the time of creating one and migrating it.
  const copy = await catalogFromTemplate("postgres", "migrated", migrateInto);
  let catalog: Catalog;
  try {
    catalog = await openCatalog(copy.location);
  } catch (e) {
    await copy.drop();
    throw e;
  }
  return {
    catalog,
    databaseUrl: copy.location.databaseUrl,
    async dispose() {
      try {
        await catalog.close();
      } finally {
        await copy.drop();
      }
    },
  };
}

/**
 * Empties a test catalog back to what a new one holds: every table of the catalog's schema truncated and its ids
 * restarted (the migrations' record, in its own schema, stays). For a file whose tests each start from an empty
 * catalog: tens of milliseconds, where a new one is a third of a CPU-second on PGlite and a database copy on Postgres.
 */
export async function emptyTestCatalog(catalog: Catalog): Promise<void> {
  const tables = await queryRows<{ name: string }>(catalog.db, sql`select quote_ident(tablename) as name from pg_tables where schemaname = 'public'`);
  await catalog.db.execute(sql.raw(`truncate ${tables.map((t) => t.name).join(", ")} restart identity cascade`));
}

/** A plain read classification of a tool's definition, as a test stores one by hand. */
export function readClassification(toolId: number, contentHash: string): NewClassification {
  return { toolId, classifierVersion: "test", contentHash, category: "read", risk: "low", confidence: 0.9, signals: [], rationale: "reads", evidence: [], rule: { action: "allow" }, method: "rules" };
}
