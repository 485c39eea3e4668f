// Opens the catalog: embedded PGlite in a data directory, or a Postgres server through postgres.js.
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { DrizzleQueryError } from "drizzle-orm/errors";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema.js";
import { defaultTemplateDir, readTemplate } from "./catalog-template.js";
import { checkDataDir, LOCK_FILE, makeCreationDir, makeDataDir, moveIntoPlace, removeAbandonedCreations, unwritableEntry, type UnwritableEntry } from "./data-dir.js";
import { during, StepQueryError } from "./errors.js";
import { acquireFileLock, type FileLock, type LockHolder } from "./file-lock.js";
import { renewingClient, type RenewingClient } from "./postgres-renewal.js";
import { survivingTransactions } from "./postgres-transactions.js";
import { appliedMigrations, knownMigrations, migrationOfStatement, NewerCatalogError, unknownMigrations } from "./schema-migrations.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Driver = "pglite" | "postgres";

export interface CatalogOptions {
  /** postgres://… ; when absent the catalog is an embedded PGlite database. */
  databaseUrl?: string;
  /** PGlite's data directory; "memory://" keeps it in memory (tests). */
  dataDir: string;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /**
   * A new PGlite starts from this data directory (a PGlite `dumpDataDir` tarball) instead of running initdb:
   * tests copy one migrated catalog into memory this way, a second and a half of CPU instead of four.
   */
  loadDataDir?: Blob;
  /**
   * Where a new PGlite data directory looks for the shipped template (db/catalog-template.ts; default beside
   * the compiled code). One for the installed PGlite is loaded instead of running initdb, which peaks at
   * twice the memory; without one, initdb runs.
   */
  templateDir?: string;
  /**
   * How long this process keeps an embedded catalog open: one command and exit (the default), or a server's
   * hours (serve, mcp). It sets how soon V8 optimises PGlite's WebAssembly (PGLITE_WASM_TIERING_BUDGET).
   */
  lifetime?: "command" | "server";
  /**
   * On Postgres, the longest a statement read through `reads` may run, in milliseconds (its connections'
   * statement_timeout); 0 or absent: no limit. Never on `db`: migrations and a refresh in the same process run
   * without it. PGlite cannot cancel a statement on a timer (its Postgres runs on this process's one thread, and
   * accepts the setting without ever acting on it): there `reads` is `db`, unlimited.
   */
  readStatementTimeoutMs?: number;
  /**
   * Tests only: called while a new PGlite catalog is being built, Postgres started in its temporary directory and the
   * migrations not yet applied, so a test can kill the process at that very step.
   */
  whileCreating?: () => void;
}

export interface Catalog {
  db: Db;
  /**
   * What a server's requests read through: `db`, or on Postgres with readStatementTimeoutMs, a pool of its own whose
   * statements the database cancels past `statementTimeoutMs` (then set).
   */
  reads: { db: Db; statementTimeoutMs?: number };
  driver: Driver;
  /** Where the catalog lives, for messages: a data directory or a redacted URL. */
  location: string;
  /**
   * Takes the catalog-wide refresh lock without waiting. Returns a release function,
   * or undefined when another refresh holds it.
   */
  tryLockRefresh(): Promise<(() => Promise<void>) | undefined>;
  close(): Promise<void>;
}

/** Thrown when the embedded catalog is already open in another process. */
export class CatalogBusyError extends Error {
  readonly pid: number;
  constructor(
    readonly location: string,
    readonly holder: LockHolder,
    /** Set when the holder could not be confirmed: what to check, and which file to remove if it is gone. */
    readonly doubt?: string,
  ) {
    const who = `process ${holder.pid}${holder.command ? ` (${holder.command.slice(0, 120)})` : ""}`;
    super(doubt ? `the catalog in ${location} is locked by ${who}: ${doubt}` : holder.lifetime === "server" ? `the catalog in ${location} is in use by ${who} (a server, which holds it until it is stopped); stop it first, or put the catalog on Postgres (DATABASE_URL), which any number of processes share` : `the catalog in ${location} is in use by ${who} (a refresh may be running); try again when it ends`);
    this.name = "CatalogBusyError";
    this.pid = holder.pid;
  }
}

/**
 * PGlite could not start Postgres on an embedded catalog's data directory ("PGlite failed to initialize properly":
 * Postgres exited while starting). A directory a process was killed in while first creating it (initdb, or the
 * shipped template being unpacked) is left so, and so is one damaged since; nothing here tells which, so the
 * message says what to do in each case. One this process cannot write (another user's) fails the same way: then the
 * entry it cannot write is named instead, since deleting the catalog, the advice for the other two, would lose it.
 */
export class PgliteStartError extends Error {
  constructor(
    readonly dataDir: string,
    cause: unknown,
    /** An entry of the directory this process cannot write: the likelier reason, and one deleting the catalog would not fix. */
    readonly unwritable?: UnwritableEntry,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      unwritable
        ? `Postgres did not start on its data directory (${why}): this user cannot write ${unwritable.path} (owner uid ${unwritable.uid}, mode ${unwritable.mode.toString(8).padStart(4, "0")}), ` +
            `and Postgres writes to its data directory on every start, even to read it. Make all of ${dataDir} writable by this user (chown -R, or chmod -R u+w), or run as the user who owns it`
        : `Postgres did not start on its data directory (${why}): the directory is incomplete or damaged. ` +
            `If it never opened successfully (a first run stopped while creating it), it holds no catalog yet: delete ${dataDir} and run again; otherwise restore it from a backup`,
      { cause },
    );
    this.name = "PgliteStartError";
  }
}

const REFRESH_LOCK_KEY = 0x6d63_7063; // "mcpc": one advisory lock id for the whole catalog

export function migrationsFolder(): string {
  // db/client.ts sits beside migrations/; the build (dist/db/client.js) two levels further down.
  for (const rel of ["./migrations", "../../db/migrations"]) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  throw new Error("db/migrations not found beside the catalog code; reinstall the package");
}

export async function openCatalog(options: CatalogOptions): Promise<Catalog> {
  const catalog = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.readStatementTimeoutMs ?? 0)
    : await openPglite(options.dataDir, options.loadDataDir ?? newDataDirTemplate(options), options.lifetime ?? "command", {
        migrate: options.migrate !== false,
        ...(options.whileCreating ? { whileCreating: options.whileCreating } : {}),
      });
  if (options.migrate !== false) {
    try {
      await migrateCatalog(catalog);
    } catch (e) {
      await catalog.close();
      throw e;
    }
  }
  return catalog;
}

/** The shipped template, when `options` name a PGlite data directory that holds no database yet. */
function newDataDirTemplate(options: CatalogOptions): Blob | undefined {
  if (options.databaseUrl || options.dataDir.startsWith("memory://") || existsSync(join(options.dataDir, "PG_VERSION"))) return undefined;
  return readTemplate(options.templateDir ?? defaultTemplateDir());
}

/**
 * Applies the migrations the database lacks, after refusing a catalog that records migrations this release does not
 * know (NewerCatalogError): an older release would misread a newer one's schema and write rows its migrations would
 * have filled in. Every command opens the catalog, so the usual case — the schema already current — is two reads and
 * this release's migration files hashed; drizzle's migrator (two DDL statements and a transaction to learn the same)
 * runs only when one is missing. It decides the same way: by the newest applied migration's timestamp.
 */
export async function migrateCatalog(catalog: Pick<Catalog, "db" | "driver" | "location">): Promise<void> {
  const folder = migrationsFolder();
  const known = knownMigrations(folder);
  const newest = known.at(-1)!;
  const applied = await during("checking the catalog's schema", () => appliedMigrations(catalog.db));
  const unknown = unknownMigrations(applied ?? [], known);
  if (unknown.length) throw new NewerCatalogError(catalog.location, unknown, newest);
  if (applied?.some((a) => a.when === newest.when)) return;
  const migrationsConfig = { migrationsFolder: folder };
  try {
    if (catalog.driver === "pglite") {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(catalog.db as never, migrationsConfig);
    } else {
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      await migrate(catalog.db as never, migrationsConfig);
    }
  } catch (e) {
    if (!(e instanceof DrizzleQueryError)) throw e;
    const at = migrationOfStatement(folder, known, e.query);
    throw new StepQueryError(at ? `applying schema migration ${at.tag}` : "preparing the catalog's schema migrations", e);
  }
}

/**
 * Postgres settings of the embedded catalog, given at every start. PGlite's Postgres lives in this
 * process's WebAssembly heap, which never shrinks: memory it touches once stays resident.
 * - shared_buffers 16MB (PGlite's default 128MB): zeroed on every start, the default cost 120 MB of RSS
 *   and seconds of start-up for a cache the operating system's page cache duplicates anyway (the data
 *   directory is read through ordinary files).
 * - default_statistics_target 25 (Postgres's 100): ANALYZE samples 300 rows per unit of it. Analyzing
 *   the default world's catalog (500,128 tools; the end of its full refresh) touched 55 MB of WebAssembly
 *   memory at 100 (resident 29 → 84 MB) and 13 MB at 25 (29 → 42 MB), in 3.8 → 1.0 s of CPU, and `risk`'s
 *   summary cost the same after either (3.3-3.5 ms of CPU per lookup).
 */
export const PGLITE_SETTINGS = { shared_buffers: "16MB", default_statistics_target: "25" } as const;

/**
 * V8 compiles PGlite's Postgres (9 MB of WebAssembly) a function at a time with its baseline compiler, then
 * compiles again with its optimising one each function that has run its tiering budget (V8's default: 1.8M,
 * roughly bytes of code executed), on background threads but on this process's CPU. Starting Postgres and a
 * refresh with nothing to do cross that budget in hundreds of functions that then hardly run again: about
 * 1 s of the 2.4 s of CPU of such a refresh (3,000 servers) went to that compiling, and a full refresh was
 * no quicker for it. A command's process gets a budget a thousand times larger, so only the functions that
 * keep running are optimised; a server keeps V8's default (its requests cost a third less CPU once warm,
 * within its first few thousand). The flag is the process's: it applies to WebAssembly instantiated after it is set.
 */
export const PGLITE_WASM_TIERING_BUDGET = { command: 1_800_000_000, server: 1_800_000 } as const;

/** How a new PGlite data directory is built: migrated there (unless the caller migrates itself), and the tests' hook. */
interface Creation {
  migrate: boolean;
  whileCreating?: () => void;
}

async function openPglite(dataDir: string, loadDataDir: Blob | undefined, lifetime: keyof typeof PGLITE_WASM_TIERING_BUDGET, creation: Creation): Promise<Catalog> {
  setFlagsFromString(`--wasm-tiering-budget=${PGLITE_WASM_TIERING_BUDGET[lifetime]}`);
  const [{ PGlite }, { pg_trgm }, { drizzle }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("drizzle-orm/pglite"),
  ]);
  const inMemory = dataDir.startsWith("memory://");
  const settings = Object.entries(PGLITE_SETTINGS).map(([name, value]) => `${name}=${value}`);
  let lock: FileLock | undefined;
  if (!inMemory) {
    makeDataDir(dataDir);
    // PGlite is single-process: a second process on the same directory would corrupt it.
    const held = acquireFileLock(`${dataDir}/${LOCK_FILE}`, { lifetime });
    if (!held.ok) throw new CatalogBusyError(dataDir, held.holder, held.doubt);
    lock = held.lock;
    try {
      // Looked at under the lock: another process making the catalog there has files in it and no PG_VERSION yet.
      checkDataDir(dataDir);
      removeAbandonedCreations(dataDir);
      const creating = existsSync(join(dataDir, "PG_VERSION")) ? undefined : makeCreationDir(dataDir);
      if (creating) {
        let moved: ReturnType<typeof moveIntoPlace> | undefined;
        try {
          const built = await start(creating, loadDataDir);
          try {
            creation.whileCreating?.();
            if (creation.migrate) await migrateCatalog({ db: drizzle({ client: built, schema }) as unknown as Db, driver: "pglite", location: dataDir });
          } finally {
            await built.close();
          }
          moved = moveIntoPlace(creating, dataDir);
        } finally {
          if (moved !== "placed") rmSync(creating, { recursive: true, force: true });
        }
        // Another process took the data directory while ours was being renamed into place: open it as it now is.
        if (moved === "taken") {
          lock.release();
          return openPglite(dataDir, undefined, lifetime, creation);
        }
      }
    } catch (e) {
      lock.release();
      throw e;
    }
  }
  /** Starts Postgres on `dir` (memory when undefined), from `template` when given: an error naming the data directory. */
  async function start(dir: string | undefined, template: Blob | undefined) {
    try {
      return await PGlite.create({
        dataDir: dir,
        ...(template ? { loadDataDir: template } : {}),
        extensions: { pg_trgm },
        startParams: [...PGlite.defaultStartParams, ...settings.flatMap((s) => ["-c", s])],
        // A new data directory's postgresql.conf (and initdb's own instance) gets the same settings.
        initDbStartParams: settings.flatMap((s) => ["--set", s]),
      });
    } catch (e) {
      throw dir === undefined ? e : new PgliteStartError(dataDir, e, unwritableEntry(dir));
    }
  }
  let client;
  try {
    // A catalog not made beside its data directory (memory, or a parent that takes none) is made where it is opened.
    client = await (inMemory ? start(undefined, loadDataDir) : start(dataDir, existsSync(join(dataDir, "PG_VERSION")) ? undefined : loadDataDir));
  } catch (e) {
    lock?.release();
    throw e;
  }
  const db = drizzle({ client, schema }) as unknown as Db;
  let refreshing = false;
  return {
    db,
    reads: { db },
    driver: "pglite",
    location: inMemory ? "memory" : dataDir,
    // The file lock already keeps other processes out; this keeps a second refresh in this one out.
    async tryLockRefresh() {
      if (refreshing) return undefined;
      refreshing = true;
      return async () => {
        refreshing = false;
      };
    },
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** Connections a Postgres catalog's client keeps at most (and its pool for reads with a statement timeout, when it has one). */
export const POSTGRES_POOL_SIZE = 4;

async function openPostgres(url: string, readStatementTimeoutMs: number): Promise<Catalog> {
  const [{ default: postgres }, { drizzle }] = await Promise.all([import("postgres"), import("drizzle-orm/postgres-js")]);
  const open = (settings: { statement_timeout?: number }) =>
    renewingClient(() =>
      postgres(url, {
        max: POSTGRES_POOL_SIZE,
        onnotice: () => {},
        connect_timeout: 10,
        // No column here is an array of a custom type, so the per-connection type query is not needed; without
        // it a connection is one round trip quicker, and one cut while connecting fails its query, not the process.
        fetch_types: false,
        connection: {
          // Every query here is a short keyed read or a page-sized write; JIT compiling one costs more than
          // running it (and estimates on tables a crawl has just filled, not yet analyzed, often ask for it).
          jit: "off",
          // A commit does not wait for its WAL flush (the server flushes within a fraction of a second).
          // Our process dying loses nothing; the server crashing loses at most its last moments, never
          // consistency: a page and its checkpoint go together, so the next run fetches them again.
          // (PGlite keeps synchronous commits: there the server dies with our process.)
          synchronous_commit: "off",
          ...settings,
        },
      }),
    );
  const over = (client: RenewingClient) => drizzle({ client: survivingTransactions(client.sql), schema }) as unknown as Db;
  const client = open({});
  const db = over(client);
  // A setting of the session, so a pool of its own: requests are not in transactions (SET LOCAL would need one), and
  // a refresh sharing the process (serve --refresh-every) keeps `db`, whose statements may rightly run for minutes.
  const timed = readStatementTimeoutMs > 0 ? open({ statement_timeout: readStatementTimeoutMs }) : undefined;
  return {
    db,
    reads: timed ? { db: over(timed), statementTimeoutMs: readStatementTimeoutMs } : { db },
    driver: "postgres",
    location: redactUrl(url),
    async tryLockRefresh() {
      // A session-level advisory lock lives on one session: a client of its own holds it for the run
      // (postgres.js's reserved connections hang when their session is terminated under them).
      // Without the type query: a session terminated during it rejects its next statement and, unhandled, the process (porsager/postgres#1223).
      const session = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10, fetch_types: false });
      const [row] = await session<{ locked: boolean }[]>`select pg_try_advisory_lock(${REFRESH_LOCK_KEY}) as locked`;
      if (!row?.locked) {
        await session.end({ timeout: 1 });
        return undefined;
      }
      return async () => {
        // Ending the session releases the lock; if the server already cut it, the lock went with it.
        await session.end({ timeout: 2 }).catch(() => {});
      };
    },
    async close() {
      await Promise.all([client.end({ timeout: 5 }), timed?.end({ timeout: 5 })]);
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres (unparseable URL)";
  }
}
