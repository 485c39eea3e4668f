// A catalog built by the CLI from the shipped snapshot (real registry and Glama data), on PGlite or Postgres, for CLI tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SQL } from "drizzle-orm";
import { openCatalog } from "../../db/client.js";
import { queryRows } from "../../db/sql.js";
import { createScratchDatabase, type DriverName } from "./catalog.js";
import { runCli } from "./cli.js";

export const SNAPSHOT = "data/snapshot";

export interface CliCatalog {
  /** The environment that points a CLI run at this catalog. */
  env: NodeJS.ProcessEnv;
  /** Rows of one query, read straight from the tables (the catalog is opened and closed around it). */
  rows<T>(query: SQL): Promise<T[]>;
  dispose(): Promise<void>;
}

/** An empty catalog for `driver`: a temporary PGlite directory, or a scratch database on DATABASE_URL. */
export async function emptyCliCatalog(driver: DriverName, env: NodeJS.ProcessEnv = {}): Promise<CliCatalog> {
  let location: { databaseUrl?: string; dataDir: string };
  let drop: () => Promise<void>;
  if (driver === "postgres") {
    const db = await createScratchDatabase();
    location = { databaseUrl: db.url, dataDir: "unused" };
    drop = db.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), "mcp-catalog-cli-"));
    location = { dataDir: join(dir, "db") };
    drop = async () => rmSync(dir, { recursive: true, force: true });
  }
  return {
    env: { ...env, ...(location.databaseUrl ? { DATABASE_URL: location.databaseUrl } : { CATALOG_DATA_DIR: location.dataDir }) },
    async rows<T>(query: SQL) {
      const catalog = await openCatalog({ ...location, migrate: false });
      try {
        return await queryRows<T>(catalog.db, query);
      } finally {
        await catalog.close();
      }
    },
    dispose: drop,
  };
}

/** `refresh --snapshot data/snapshot` (no network) into a new catalog. */
export async function snapshotCliCatalog(driver: DriverName): Promise<CliCatalog> {
  const catalog = await emptyCliCatalog(driver);
  const r = await runCli(["refresh", "--snapshot", SNAPSHOT, "--json"], catalog.env);
  if (r.code !== 0) {
    await catalog.dispose();
    throw new Error(`refresh --snapshot failed (${r.code}): ${r.stderr}`);
  }
  return catalog;
}
