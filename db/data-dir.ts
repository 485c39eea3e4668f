// Directories the product makes, with their missing parents, without Node's recursive walk; the embedded catalog's
// data directory's failure as a typed error naming it.
import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";

/** The data directory could not be created: the directory asked for, and the system's reason (its code). */
export class DataDirError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly dir: string,
    cause: unknown,
  ) {
    super(`cannot create the catalog's data directory ${dir}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "DataDirError";
    this.code = (cause as NodeJS.ErrnoException | undefined)?.code;
  }
}

/** Creates the catalog's data directory and its missing parents (makeDirectories), or throws a DataDirError naming it. */
export function makeDataDir(dir: string): void {
  try {
    makeDirectories(dir);
  } catch (e) {
    throw new DataDirError(dir, e);
  }
}

/**
 * Creates `dir` and its missing parents. Not mkdirSync's `recursive`: Node's walk (20 and 22) loops
 * forever, at full CPU and deaf to SIGTERM, when a parent exists but mkdir in it answers ENOENT
 * (anything under /proc), and the mkdirp packages walk the same way. Here each level is tried again
 * at most once, after its parent exists, so such a directory fails with that ENOENT. Every directory the
 * product makes goes through it: the data directory, a recording's, the catalog template's.
 */
export function makeDirectories(dir: string): void {
  makeLevel(dir);
}

/** One level, after its parents when they are missing; `retry` false once they exist, so an ENOENT then is final. */
function makeLevel(dir: string, retry = true): void {
  try {
    mkdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST" && statSync(dir).isDirectory()) return;
    const parent = dirname(dir);
    if (code !== "ENOENT" || !retry || parent === dir) throw e;
    makeLevel(parent);
    makeLevel(dir, false);
  }
}
