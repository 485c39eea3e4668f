// A catalog built by the CLI from the shipped snapshot (real registry and Glama data), on PGlite or Postgres, for CLI tests.
import type { SQL } from "drizzle-orm";
import { openCatalog } from "../../db/client.js";
import { queryRows } from "../../db/sql.js";
import type { DriverName } from "./catalog.js";
import { cliSession, runCli, type CliSession } from "./cli.js";
import { catalogFromTemplate, copyPgliteTemplate, migrateInto, type CatalogCopy, type CatalogLocation } from "./templates.js";

export const SNAPSHOT = "data/snapshot";

export interface CliCatalog {
  /** The environment that points a CLI run at this catalog. */
  env: NodeJS.ProcessEnv;
  /** CLI runs that share this catalog held open (cliSession); closed by `dispose`. */
  cli: CliSession["run"];
  /** The catalog `cli` holds open, opened on first use. */
  held: CliSession["catalog"];
  /**
   * Rows of one query, read straight from the tables: on the catalog `cli` holds open, else on one opened and
   * closed around the query.
   */
  rows<T>(query: SQL): Promise<T[]>;
  /**
   * Closes the catalog `cli` holds open, so that another opener (a server the test starts, a process) may open it; the
   * next `cli`, `held` or `rows` opens it again.
   */
  release(): Promise<void>;
  dispose(): Promise<void>;
}

/** A migrated, empty catalog for `driver`: a PGlite directory or a Postgres database, copied from the run's template. */
export async function emptyCliCatalog(driver: DriverName, env: NodeJS.ProcessEnv = {}): Promise<CliCatalog> {
  return cliCatalog(await catalogFromTemplate(driver, "migrated", migrateInto), env);
}

/**
 * A migrated, empty PGlite catalog at `dataDir`, as the first command run there leaves it: a copy of the run's
 * template instead of initdb and the migrations (4.5 s of CPU each time, half a second for the copy).
 */
export function migratedDataDir(dataDir: string): Promise<void> {
  return copyPgliteTemplate("migrated", migrateInto, dataDir);
}

/** `refresh --snapshot data/snapshot` (no network) into a new catalog: a copy of the one the run built first. */
export async function snapshotCliCatalog(driver: DriverName): Promise<CliCatalog> {
  return templateCliCatalog(driver, "snapshot", refreshSnapshotInto);
}

/**
 * A copy of the run's template `name`, built by `build` the first time any test file asks: for a catalog several
 * files fill the same way (a refresh of the same records), filled once a run.
 */
export async function templateCliCatalog(driver: DriverName, name: string, build: (location: CatalogLocation) => Promise<void>): Promise<CliCatalog> {
  return cliCatalog(await catalogFromTemplate(driver, name, build), {});
}

async function refreshSnapshotInto(location: CatalogLocation): Promise<void> {
  // On PGlite from a copy of the migrated template rather than initdb: the refresh is what this template is for.
  if (!location.databaseUrl) await migratedDataDir(location.dataDir);
  const r = await runCli(["refresh", "--snapshot", SNAPSHOT, "--json"], envFor(location));
  if (r.code !== 0) throw new Error(`refresh --snapshot failed (${r.code}): ${r.stderr}`);
}

/** The environment that points a CLI run at `location`. */
export function envFor(location: CatalogLocation): NodeJS.ProcessEnv {
  return location.databaseUrl ? { DATABASE_URL: location.databaseUrl } : { CATALOG_DATA_DIR: location.dataDir };
}

function cliCatalog({ location, drop }: CatalogCopy, env: NodeJS.ProcessEnv): CliCatalog {
  const session = cliSession({ ...env, ...envFor(location) });
  return {
    env: session.env,
    cli: session.run,
    held: session.catalog,
    async rows<T>(query: SQL) {
      if (session.open) return queryRows<T>((await session.catalog()).db, query);
      const catalog = await openCatalog({ ...location, migrate: false });
      try {
        return await queryRows<T>(catalog.db, query);
      } finally {
        await catalog.close();
      }
    },
    release: () => session.close(),
    async dispose() {
      await session.close();
      await drop();
    },
  };
}
