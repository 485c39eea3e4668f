// Test catalogs: an in-memory PGlite always, and a fresh database on the Postgres server when DATABASE_URL is set.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openCatalog, type Catalog } from "../../db/client.js";

export type DriverName = "pglite" | "postgres";

export const DRIVERS: DriverName[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export interface TestCatalog {
  catalog: Catalog;
  /** The database URL (postgres) or undefined (pglite in memory), for CLI runs against the same catalog. */
  databaseUrl?: string;
  dispose(): Promise<void>;
}

/** Creates an empty database on the server named by DATABASE_URL and returns its URL and a dropper. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set");
  const name = `mcp_catalog_test_${randomBytes(5).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export async function openTestCatalog(driver: DriverName): Promise<TestCatalog> {
  if (driver === "pglite") {
    const catalog = await openCatalog({ dataDir: "memory://" });
    return { catalog, dispose: () => catalog.close() };
  }
  const db = await createScratchDatabase();
  const catalog = await openCatalog({ databaseUrl: db.url, dataDir: "unused" });
  return {
    catalog,
    databaseUrl: db.url,
    async dispose() {
      await catalog.close();
      await db.drop();
    },
  };
}
