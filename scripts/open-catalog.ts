// Opens the catalog the configuration names, turning driver failures into one clear line.
import { CatalogBusyError, openCatalog, redactUrl, type Catalog, type CatalogOptions } from "../db/client.js";
import { DataDirError, ForeignDataDirError } from "../db/data-dir.js";
import { describeDbError } from "../db/errors.js";
import { NewerCatalogError } from "../db/schema-migrations.js";
import { CliError, type Io } from "./command.js";
import type { Config } from "./config.js";
import { safeText } from "./terminal.js";
import { wholeNumber } from "./whole-number.js";

export interface OpenOptions {
  migrate?: boolean;
  /** A server's process (serve, mcp) keeps the catalog open for hours; a command's, for one command. */
  lifetime?: CatalogOptions["lifetime"];
  /** `serve`: the limit of the catalog's `reads` (CatalogOptions). */
  readStatementTimeoutMs?: CatalogOptions["readStatementTimeoutMs"];
  /**
   * A reader (risk, search, policy, annotations, changes, stats) waits this long for an embedded catalog another
   * process holds (a refresh), saying so once on `notice`; without it a held catalog refuses at once.
   * A server holding it (serve, mcp) is refused at once too: it keeps the catalog until someone stops it.
   */
  wait?: { seconds: number; notice: (line: string) => void; signal?: AbortSignal };
}

const POLL_MS = 250;

export async function openConfiguredCatalog(io: Pick<Io, "openCatalog">, config: Config, options: OpenOptions = {}): Promise<Catalog> {
  const { wait, ...open } = options;
  const opener = io.openCatalog ?? openCatalog;
  const deadline = Date.now() + (wait?.seconds ?? 0) * 1000;
  let noticed = false;
  for (;;) {
    try {
      return await opener({ ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), dataDir: config.dataDir, ...open });
    } catch (e) {
      if (e instanceof CatalogBusyError) {
        // A lock in doubt, or a server's, will not clear by waiting: the message says what to remove or stop.
        if (!wait || e.doubt || e.holder.lifetime === "server" || Date.now() >= deadline || wait.signal?.aborted) {
          throw new CliError(noticed ? `${e.message} (waited ${wait!.seconds} s)` : e.message, 3);
        }
        if (!noticed) wait.notice(`${e.message.replace(/; try again when it ends$/, "")}; waiting up to ${wait.seconds} s for it (--wait SECONDS)`);
        noticed = true;
        await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
        continue;
      }
      if (e instanceof DataDirError) throw new CliError(`${safeText(e.message)}; set CATALOG_DATA_DIR to a directory this user can create`, 1);
      if (e instanceof ForeignDataDirError) {
        throw new CliError(`${safeText(e.message)}: set CATALOG_DATA_DIR to a new or empty directory (if ${safeText(e.dir)} is a catalog whose first run was stopped before it was made, delete it and run again)`, 1);
      }
      throwIfNewer(e);
      const where = config.databaseUrl ? redactUrl(config.databaseUrl) : config.dataDir;
      throw new CliError(`cannot open the catalog at ${where}: ${describeDbError(e) ?? (e as Error).message}`, 1);
    }
  }
}

/**
 * A catalog a newer mcp-catalog wrote ends the command with exit 2, as bad environment does: this release cannot
 * use it, and running again will not change that; upgrading will.
 */
export function throwIfNewer(e: unknown): void {
  if (e instanceof NewerCatalogError) throw new CliError(safeText(e.message), 2);
}

/** The exit codes every read command shares, which its --help gives after its own. */
export const READER_EXIT_CODES = "Every reader also exits 1 when the catalog cannot be opened, and 3 when the embedded catalog is held by another process: a refresh past --wait SECONDS, or a server at once.";

/** `--wait SECONDS` of the read commands (the default is CATALOG_WAIT_SECONDS). */
export const WAIT_OPTION = {
  wait: { type: "string", valueName: "SECONDS", description: "On the embedded catalog, wait up to SECONDS for a refresh holding it (default CATALOG_WAIT_SECONDS, 60; 0: refuse at once)" },
} as const;

/** The wait a read command asked for, with its notice on stderr. */
export function readerWait(value: unknown, config: Config, io: Io, command: string): NonNullable<OpenOptions["wait"]> {
  let seconds = config.readerWaitSeconds;
  if (value !== undefined) {
    const given = typeof value === "string" ? wholeNumber(value) : undefined;
    if (given === undefined) throw new CliError("--wait must be a whole number of seconds", 2);
    seconds = given;
  }
  return { seconds, notice: (line) => io.stderr.write(`mcp-catalog ${command}: ${line}\n`), ...(io.signal ? { signal: io.signal } : {}) };
}

/** Opens the catalog, runs `fn`, and always closes it (an open PGlite keeps the process alive). */
export async function withCatalog<T>(io: Pick<Io, "openCatalog">, config: Config, fn: (catalog: Catalog) => Promise<T>, options: OpenOptions = {}): Promise<T> {
  const catalog = await openConfiguredCatalog(io, config, options);
  try {
    return await fn(catalog);
  } finally {
    await catalog.close();
  }
}
