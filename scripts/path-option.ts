// A FILE or DIR option's value, read the one way every command reads it, and why a path given so cannot be used.
import { accessSync, constants } from "node:fs";
import { makeDirectories } from "../db/data-dir.js";
import { CliError } from "./command.js";
import { safeText } from "./terminal.js";

/**
 * The path an option names, or undefined when it is not given. A blank value (`--snapshot "$DIR"` with DIR unset)
 * names no path: read as the option left out it would quietly change what the command does (a live crawl of the
 * internet instead of the replay asked for, a crawl that records nothing, stdin instead of a file), so it is refused.
 */
export function pathOption(value: string | boolean | string[] | undefined, flag: string, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !value.trim()) throw new CliError(`${flag} needs ${what}`, 2);
  return value;
}

/** Why the file system refused a path an option names, in words. */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such directory";
  if (code === "ENOTDIR") return "a part of the path is not a directory";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EROFS") return "read-only file system";
  if (code === "ENOSPC") return "no space left on the device";
  if (code === "EFBIG") return "file too large (over the file-size limit)";
  return safeText(code ?? (e as Error).message);
}

/**
 * Makes the directory a DIR option writes into (with its parents), or refuses it, naming the option: found before
 * any work, not as each writer's failure after it began (a refresh whose every source failed on its first page).
 */
export function writableDirectory(dir: string, flag: string): void {
  try {
    makeDirectories(dir);
    accessSync(dir, constants.W_OK);
  } catch (e) {
    // makeDirectories answers EEXIST only for something there that is not a directory.
    const why = (e as NodeJS.ErrnoException).code === "EEXIST" ? "it is a file, not a directory" : fsReason(e);
    throw new CliError(`${flag} cannot write into ${safeText(dir)}: ${why}`, 1);
  }
}
