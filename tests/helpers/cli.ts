// Runs the CLI in-process, capturing what it prints, the way a user would see it.
import { Readable } from "node:stream";
import { openCatalog, redactUrl, type Catalog, type CatalogOptions } from "../../db/client.js";
import { main } from "../../scripts/cli.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  stdin?: string;
  tty?: boolean;
  cwd?: string;
  /**
   * A catalog the test holds open, handed to the command instead of its own open (and left open after it). The
   * environment must name this catalog; without this option the command opens and closes the catalog itself.
   */
  catalog?: Catalog;
  /** What SIGINT or SIGTERM aborts in the binary (scripts/main.ts). */
  signal?: AbortSignal;
  /** Called with each write to stderr as it happens: a test acts on a notice instead of waiting a set time. */
  onStderr?: (text: string) => void;
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}, options: CliOptions = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
    stderr: {
      write: (s: string) => {
        stderr += s;
        options.onStderr?.(s);
        return true;
      },
      isTTY: options.tty ?? false,
    },
    stdin: Readable.from(options.stdin !== undefined ? [options.stdin] : []),
    // Registry fixtures name real remote endpoints: tests never list them live unless they ask to.
    // Directory defaults point at the internet: a test that forgets to name its sources gets a refused
    // loopback port rather than traffic leaving the machine.
    env: { PATH: process.env.PATH, CATALOG_INTROSPECT: "none", GLAMA_URL: "http://127.0.0.1:9", SMITHERY_URL: "http://127.0.0.1:9", ...env },
    cwd: options.cwd ?? process.cwd(),
    ...(options.catalog ? { openCatalog: handOver(options.catalog) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { code, stdout, stderr };
}

/** An opener that hands back `catalog` when the command asks for the catalog it is, and fails the test otherwise. */
function handOver(catalog: Catalog): (options: CatalogOptions) => Promise<Catalog> {
  return async (options) => {
    const asked = options.databaseUrl ? redactUrl(options.databaseUrl) : options.dataDir;
    if (asked !== catalog.location) throw new Error(`runCli holds the catalog at ${catalog.location}, but the command asked for ${asked}`);
    return { ...catalog, close: async () => {} };
  };
}

/** Where `env` points the CLI, in the shape `openCatalog` takes (tests name absolute directories). */
function catalogLocation(env: NodeJS.ProcessEnv): CatalogOptions {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL, dataDir: "unused" };
  if (!env.CATALOG_DATA_DIR) throw new Error("the environment names no catalog (DATABASE_URL or CATALOG_DATA_DIR)");
  return { dataDir: env.CATALOG_DATA_DIR };
}

export interface CliSession {
  /** The environment every run starts from. */
  env: NodeJS.ProcessEnv;
  /** Runs the CLI on the session's catalog, held open from the first run (or `catalog()`) until `close()`. */
  run(argv: string[], env?: NodeJS.ProcessEnv, options?: Omit<CliOptions, "catalog">): Promise<CliResult>;
  /** The catalog the runs share, opened on first use. */
  catalog(): Promise<Catalog>;
  /** Whether the catalog is open now (a process or a plain runCli on it would find it busy). */
  readonly open: boolean;
  close(): Promise<void>;
}

/**
 * Many CLI runs on the catalog `env` names, sharing one open catalog instead of each opening it (a PGlite open is
 * about 0.3 s of CPU). For commands whose subject is not opening: the lock, migrations on open and open errors
 * are tested by plain runCli, which opens the catalog as the installed binary does.
 */
export function cliSession(env: NodeJS.ProcessEnv): CliSession {
  let held: Promise<Catalog> | undefined;
  const catalog = () => (held ??= openCatalog(catalogLocation(env)));
  return {
    env,
    run: async (argv, more = {}, options = {}) => runCli(argv, { ...env, ...more }, { ...options, catalog: await catalog() }),
    catalog,
    get open() {
      return held !== undefined;
    },
    async close() {
      const open = held;
      held = undefined;
      if (open) await (await open).close();
    },
  };
}
