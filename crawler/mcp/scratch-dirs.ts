// The sandbox's temporary directories (install prefixes, servers' HOMEs): each named for the process that made it,
// so that one a killed process left behind (kill -9, an OOM kill: no code of its own runs to remove it) is
// removed by the next worker or refresh, and removed with the rights of its owner.
import { execFile } from "node:child_process";
import { readlinkSync } from "node:fs";
import { lstat, mkdtemp, readdir, rm, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { probeProcess, type ProcessProbe } from "../../db/file-lock.js";

/** What a directory holds: an installed package, or a server's HOME. */
export type ScratchKind = "pkg" | "home";

/** The process that made a directory: its PID namespace, PID and start time (a reused PID has another). */
export interface Maker {
  pidNamespace: string;
  pid: number;
  startTime: string;
}

// mkdtemp's six characters follow the maker; directories made before makers were named have none.
const NAME = /^mcp-catalog-(pkg|home)-(?:(\d+)\.(\d+)\.(\d+)-)?[A-Za-z0-9]{6}$/;

/** A directory whose maker cannot be judged is left over at this age: no listing lasts a week (its install and listing time out in minutes). */
export const UNJUDGED_LEFTOVER_MS = 7 * 24 * 60 * 60_000;

/** This process as a maker, or undefined where /proc cannot say (its directories then carry no maker). */
function thisProcess(): Maker | undefined {
  try {
    const pidNamespace = /\[(\d+)\]/.exec(readlinkSync("/proc/self/ns/pid"))?.[1];
    const startTime = probeProcess(process.pid).startTime;
    return pidNamespace && startTime ? { pidNamespace, pid: process.pid, startTime } : undefined;
  } catch {
    return undefined; // not Linux
  }
}

const self = thisProcess();

/** A directory name's kind and maker (absent in names made before makers were named), or undefined for a name this module did not make. */
export function parseScratchName(name: string): { kind: ScratchKind; maker?: Maker } | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const kind = m[1] as ScratchKind;
  return m[2] ? { kind, maker: { pidNamespace: m[2], pid: Number(m[3]), startTime: m[4]! } } : { kind };
}

/**
 * Whether a directory is left over (pure). A maker of our own PID namespace is judged: gone when its PID is
 * unused or belongs to a process started at another time (alive, of unknown start time, or not probed: kept).
 * Another namespace's PIDs are other processes here (a container sharing /tmp, one restarted since), so a
 * directory made there, or one without a maker, is left over only once it has not changed for UNJUDGED_LEFTOVER_MS.
 */
export function leftOver(dir: { maker?: Maker; ageMs: number }, probe: ProcessProbe | undefined, pidNamespace: string | undefined): boolean {
  const { maker } = dir;
  if (!maker || maker.pidNamespace !== pidNamespace) return dir.ageMs > UNJUDGED_LEFTOVER_MS;
  if (!probe) return false;
  if (!probe.alive) return true;
  return probe.startTime !== undefined && probe.startTime !== maker.startTime;
}

/** A fresh directory under `root` named for this process. */
export function scratchDir(root: string, kind: ScratchKind): Promise<string> {
  const maker = self ? `${self.pidNamespace}.${self.pid}.${self.startTime}-` : "";
  return mkdtemp(join(root, `mcp-catalog-${kind}-${maker}`));
}

/**
 * Removes a directory tree with the rights of its owner. A server's HOME belongs to nobody, as every sandboxed
 * server does, and any of them can write in it: removed by root, a path swapped for a symlink between two
 * steps of the removal would have root delete files outside it. Removed as nobody, it deletes only what
 * nobody could; the directory itself, then empty, is removed by us when its parent is not writable by nobody
 * (a TMPDIR that is not sticky like /tmp).
 */
export async function removeTree(dir: string): Promise<void> {
  const st = await lstat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw e;
  });
  if (!st) return;
  if (st.uid === process.getuid?.() || process.getuid?.() !== 0) return rm(dir, { recursive: true, force: true });
  const complaint = await new Promise<string>((done) => {
    // A directory its owner made unreadable (chmod 000) stops rm; the owner may give itself the rights back first.
    // chmod -R follows no symlink it meets inside the tree, and runs as the owner anyway.
    execFile("sh", ["-c", 'chmod -R u+rwX -- "$1" 2>/dev/null; rm -rf -- "$1"', "sh", dir], { uid: st.uid, gid: st.gid, timeout: 60_000, env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } }, (e, _out, stderr) =>
      done(e ? String(stderr).trim() || e.message : ""),
    );
  });
  await rmdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== "ENOENT") throw new Error(`cannot remove ${dir} as its owner (uid ${st.uid}): ${complaint || e.message}`);
  });
}

export interface SweepResult {
  removed: string[];
  failed: { dir: string; error: string }[];
}

/**
 * Removes the directories under `root` that are left over (leftOver). Names this module did not make are left,
 * and so are symlinks and (unless we are root) directories of other users.
 */
export async function sweepScratch(root: string): Promise<SweepResult> {
  const result: SweepResult = { removed: [], failed: [] };
  const uid = process.getuid?.();
  for (const name of (await readdir(root)).sort()) {
    const parsed = parseScratchName(name);
    if (!parsed) continue;
    const dir = join(root, name);
    try {
      const st = await lstat(dir);
      if (!st.isDirectory() || (uid !== 0 && st.uid !== uid)) continue;
      const probe = parsed.maker && probeProcess(parsed.maker.pid);
      if (!leftOver({ ...parsed, ageMs: Date.now() - st.mtimeMs }, probe, self?.pidNamespace)) continue;
      await removeTree(dir);
      result.removed.push(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue; // another process swept it first
      result.failed.push({ dir, error: (e as Error).message });
    }
  }
  return result;
}
