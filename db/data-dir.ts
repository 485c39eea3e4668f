// Directories the product makes, with their missing parents, without Node's recursive walk; the embedded catalog's
// data directory's failures as typed errors naming it.
import { accessSync, constants, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { lockHeld } from "./file-lock.js";

/** The embedded catalog's lock file in its data directory (db/file-lock.ts writes its siblings beside it: `<name>.…`). */
export const LOCK_FILE = "mcp-catalog.lock";

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

/**
 * A data directory that holds files of something else and no catalog. Postgres's initdb refuses a directory that is
 * not empty; PGlite does not, and would write a database's thousand files among someone's own (CATALOG_DATA_DIR=.,
 * or a project's directory, by mistake).
 */
export class ForeignDataDirError extends Error {
  constructor(
    readonly dir: string,
    /** What is in it besides the lock file, in name order. */
    readonly entries: string[],
  ) {
    super(`the catalog's data directory ${dir} holds other files (${entries.slice(0, 3).join(", ")}${entries.length > 3 ? `, and ${entries.length - 3} more` : ""}) and no catalog`);
    this.name = "ForeignDataDirError";
  }
}

/**
 * Refuses a data directory that holds no catalog (no PG_VERSION) but other files: only a new or empty directory is made
 * into one. Its own lock files do not count: a process killed before it made the catalog leaves them.
 */
export function checkDataDir(dir: string): void {
  if (existsSync(join(dir, "PG_VERSION"))) return;
  const entries = readdirSync(dir).filter((name) => !name.startsWith(LOCK_FILE)).sort();
  if (entries.length) throw new ForeignDataDirError(dir, entries);
}

/** A file or directory of a data directory this process cannot write: where, whose, and its permission bits. */
export interface UnwritableEntry {
  path: string;
  uid: number;
  mode: number;
}

/**
 * The first entry under `dir` (itself included) this process cannot write, or, a directory, list; undefined when
 * there is none. Postgres writes its data directory on every start, a read-only command's too, so a catalog made by
 * another user (`sudo mcp-catalog refresh`) or copied or restored read-only does not start, and would be taken for a
 * damaged one. PGlite's own file layer refuses to write an entry with no write bit at all even to root, whom
 * access(2) lets write anything: the bits are read too. Symbolic links are not followed.
 */
export function unwritableEntry(dir: string): UnwritableEntry | undefined {
  const pending = [dir];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink()) continue;
    const needs = stat.isDirectory() ? constants.R_OK | constants.W_OK | constants.X_OK : constants.W_OK;
    if ((stat.mode & 0o222) === 0 || !allowed(path, needs)) return { path, uid: stat.uid, mode: stat.mode & 0o7777 };
    if (stat.isDirectory()) for (const name of readdirSync(path).sort().reverse()) pending.push(join(path, name));
  }
  return undefined;
}

function allowed(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
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

/**
 * A new catalog is built (the template unpacked, the migrations applied) in a sibling directory named so, and renamed
 * into place only when complete: a first run killed while building leaves the data directory as it was, not a
 * directory Postgres cannot start on. A sibling, so the rename stays on one filesystem.
 */
function creationPrefix(dataDir: string): string {
  const full = resolve(dataDir);
  return join(dirname(full), `${basename(full)}.creating-`);
}

/** Codes of a directory the product may not write beside, or rename onto (a mount point, another filesystem). */
const CANNOT_BESIDE = new Set(["EACCES", "EPERM", "EROFS", "EBUSY", "EXDEV"]);

/**
 * A new, empty directory beside `dataDir` to build its catalog in (only while holding the data directory's lock), or
 * undefined when its parent takes none (a data directory made beforehand in a directory the user cannot write): the
 * catalog is then built in the data directory itself, as before.
 */
export function makeCreationDir(dataDir: string): string | undefined {
  try {
    return mkdtempSync(creationPrefix(dataDir));
  } catch (e) {
    if (CANNOT_BESIDE.has((e as NodeJS.ErrnoException).code ?? "")) return undefined;
    throw e;
  }
}

/**
 * Removes the directories beside `dataDir` a killed creation left (called holding the data directory's lock). A
 * creation builds only while it holds that lock, and carries the lock in its directory while renaming it into place
 * (moveIntoPlace): one whose lock file names a live holder is a creation in its last step and is kept; any other
 * never became a catalog (it is one only once renamed), so removing it loses nothing.
 */
export function removeAbandonedCreations(dataDir: string): void {
  const prefix = creationPrefix(dataDir);
  const parent = dirname(prefix);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch (e) {
    // A parent that cannot be listed holds no creation of ours: one is only made where the listing is possible too.
    if (CANNOT_BESIDE.has((e as NodeJS.ErrnoException).code ?? "")) return;
    throw e;
  }
  for (const name of names) {
    const dir = join(parent, name);
    if (!dir.startsWith(prefix) || !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
    if (lockHeld(join(dir, LOCK_FILE), dataDir)) continue;
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Renames the complete catalog in `creation` to `dataDir`, holding the data directory's lock throughout: its lock file
 * moves into `creation` first (a rename replaces only an empty directory), and so is back in `dataDir` after, still
 * this process's. "taken" when another process took the emptied data directory meanwhile (the rename is refused) and
 * "cannot" when the system refuses it (a data directory that is a mount point): either way `creation` is the
 * caller's to remove, and after "cannot" the lock is back in the data directory.
 */
export function moveIntoPlace(creation: string, dataDir: string): "placed" | "taken" | "cannot" {
  const lock = join(dataDir, LOCK_FILE);
  const carried = join(creation, LOCK_FILE);
  linkSync(lock, carried);
  unlinkSync(lock);
  try {
    renameSync(creation, dataDir);
    return "placed";
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    if (code === "ENOTEMPTY" || code === "EEXIST") return "taken";
    // The lock back where it was, unless another process holds the data directory now (EEXIST).
    try {
      linkSync(carried, lock);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === "EEXIST") return "taken";
      throw again;
    }
    if (CANNOT_BESIDE.has(code)) return "cannot";
    throw e;
  }
}
