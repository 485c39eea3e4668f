// Replaces a file whole: a reader (a gateway starting up, reading its allow-list) finds the old content or the new, never part of either.
import { randomBytes } from "node:crypto";
import { chmod, chown, lstat, open, readlink, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/** Linux's limit on symbolic links followed in one path lookup: a longer chain (or a loop) is refused as the kernel would. */
const MAX_LINKS = 40;

/**
 * The file `path` names once its symbolic links are followed, also when the last one points at no file yet (a link set up
 * ahead of the first export): replacing the link itself would cut whatever the link was for (a config kept elsewhere).
 */
export async function linkTarget(path: string): Promise<string> {
  let at = path;
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    const entry = await lstat(at).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    });
    if (!entry?.isSymbolicLink()) return at;
    at = resolve(dirname(at), await readlink(at));
  }
  throw Object.assign(new Error(`too many symbolic links in ${path}`), { code: "ELOOP" });
}

/**
 * Writes `text` to a new file beside `path`'s target and renames it over the target: rename is atomic within a
 * directory, so a write that fails (a full disk, a file-size limit) or is cut short leaves the old file whole, and a
 * reader holding the old file open keeps reading all of it. The new file takes the old one's mode (and, when root
 * writes it, its owner and group: a gateway running as another user must still read it); a file that was not there
 * is created as writeFile would. The temporary file is removed on any failure.
 */
export async function replaceFile(path: string, text: string): Promise<void> {
  const target = await linkTarget(path);
  const old = await stat(target).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  });
  // Hidden and random, in the target's directory (rename cannot cross file systems); "wx" never opens what is there.
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temp, "wx");
  try {
    try {
      await handle.writeFile(text);
      // On disk before the rename: after a crash the name holds the new content or the old, not an empty file.
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (old) {
      // chown first: it clears setuid and setgid bits, which the mode then puts back.
      if (process.getuid?.() === 0) await chown(temp, old.uid, old.gid);
      await chmod(temp, old.mode & 0o7777);
    }
    await rename(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}
