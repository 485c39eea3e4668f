// The embedded catalog's lock file: who holds a data directory. Created and taken over atomically; a
// holder that died (kill -9, an OOM kill) or whose PID another program now has is taken over.
import { createHash, randomBytes } from "node:crypto";
import { linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";

export interface FileLock {
  release(): void;
}

/** What a lock file says about its holder (lockFileText). Files written before bcff1a0 hold a bare PID. */
export interface LockHolder {
  pid: number;
  /** A fresh random value per lock taken: tells one holding of the directory from another. */
  token?: string;
  /** The holder's start time (/proc/<pid>/stat, in clock ticks since boot): a reused PID has another. */
  startTime?: string;
  /** The holder's command line, for the person reading a message and for the PID-reuse check. */
  command?: string;
  /** The data directory the holder opened (a copied directory carries a lock that is not its own). */
  dir?: string;
  /**
   * How long the holder keeps the lock: one command (a refresh, a lookup), or a server's hours (serve, mcp),
   * which a reader gains nothing by waiting for. Absent in locks written before it was recorded.
   */
  lifetime?: LockLifetime;
}

export type LockLifetime = "command" | "server";

/** Facts about the process a lock names, read from the system (undefined: could not be read). */
export interface ProcessProbe {
  alive: boolean;
  startTime?: string;
  command?: string;
}

export type Verdict = { state: "held" } | { state: "stale"; why: string } | { state: "doubt"; why: string };

export type LockResult = { ok: true; lock: FileLock } | { ok: false; holder: LockHolder; doubt?: string };

/** Tokens of the locks this process holds: a lock naming our own PID but not one of these is a past life's. */
const heldHere = new Set<string>();

/**
 * Whether the holder a lock file names still holds it (pure: decided on plain data). A holder is
 * gone when its process is, when its PID now belongs to a process started at another time or running
 * another command (a container's PID 1 after an OOM kill), or when the lock was written for another
 * directory. A bare-PID lock of a live foreign process cannot be verified: in doubt, it is held.
 */
export function judgeHolder(holder: LockHolder, probe: ProcessProbe, self: { pid: number; dir: string }): Verdict {
  if (holder.dir !== undefined && holder.dir !== self.dir) return { state: "stale", why: `it was written for ${holder.dir} (a copied data directory)` };
  if (holder.pid === self.pid) {
    return holder.token !== undefined && heldHere.has(holder.token)
      ? { state: "held" }
      : { state: "stale", why: `it names this process's own PID ${holder.pid}, left by an earlier process that had the same PID` };
  }
  if (!probe.alive) return { state: "stale", why: `process ${holder.pid} has exited` };
  if (holder.startTime !== undefined && probe.startTime !== undefined && holder.startTime !== probe.startTime) {
    return { state: "stale", why: `PID ${holder.pid} now belongs to another process (${probe.command ?? "started later"})` };
  }
  if (holder.command !== undefined && probe.command !== undefined && holder.command !== probe.command) {
    return { state: "stale", why: `PID ${holder.pid} now runs another command (${probe.command})` };
  }
  if (holder.startTime !== undefined && probe.startTime !== undefined) return { state: "held" };
  return { state: "doubt", why: `process ${holder.pid} is alive but cannot be confirmed as the mcp-catalog that took the lock${probe.command ? ` (it runs ${probe.command})` : ""}` };
}

/**
 * A lock file's text: the holder's PID on its own line, then its record (LockHolder) as JSON spelled in spaces and
 * tabs, a bit each (a tab is 1), eight to a byte of its UTF-8. Older releases read the file two other ways, and each
 * must find a live PID in it rather than a lock to take over while this one holds the catalog:
 * - before bcff1a0, `parseInt` of the text: the leading PID (JSON alone read as NaN, and the lock was removed);
 * - from bcff1a0, the trimmed text as a bare PID, else as JSON: a PID then readable JSON is neither, "unreadable",
 *   and taken over. Trailing whitespace trims away: a bare PID, whose live holder they refuse (as unconfirmable,
 *   naming the file to remove if no mcp-catalog uses the directory).
 */
export function lockFileText(holder: LockHolder): string {
  const bits = [...Buffer.from(JSON.stringify(holder), "utf8")].map((byte) => byte.toString(2).padStart(8, "0")).join("");
  return `${holder.pid}\n${bits.replace(/0/g, " ").replace(/1/g, "\t")}\n`;
}

/** A holder's record as lockFileText spells it, or undefined when the text holds no whole one. */
function spelledRecord(bits: string): unknown {
  if (bits.length % 8 !== 0) return undefined;
  const bytes = Buffer.alloc(bits.length / 8);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(bits.slice(i * 8, i * 8 + 8).replace(/ /g, "0").replace(/\t/g, "1"), 2);
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The holder a parsed record names, its fields checked one by one; undefined without a whole-number PID. */
function holderOf(record: unknown): LockHolder | undefined {
  const o = (record ?? {}) as Partial<Record<keyof LockHolder, unknown>>;
  if (typeof o.pid !== "number" || !Number.isInteger(o.pid)) return undefined;
  const holder: LockHolder = { pid: o.pid };
  for (const k of ["token", "startTime", "command", "dir"] as const) {
    const v = o[k];
    if (typeof v === "string") holder[k] = v;
  }
  if (o.lifetime === "command" || o.lifetime === "server") holder.lifetime = o.lifetime;
  return holder;
}

/**
 * Parses a lock file's text: lockFileText's; the plain JSON written from bcff1a0 until it; or a bare PID from before.
 * A record whose PID is not the one on its first line is no lock this module wrote: unreadable.
 */
export function parseLockFile(text: string): LockHolder | undefined {
  const spelled = /^(\d+)\n([ \t]+)\n$/.exec(text);
  if (spelled) {
    const holder = holderOf(spelledRecord(spelled[2]!));
    return holder?.pid === Number(spelled[1]) ? holder : undefined;
  }
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) };
  try {
    return holderOf(JSON.parse(trimmed));
  } catch {
    return undefined;
  }
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat, counted after the command name (which may hold spaces and parentheses). */
function startTimeOf(pid: number): string | undefined {
  const stat = readProc(pid, "stat");
  if (!stat) return undefined;
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

function commandOf(pid: number): string | undefined {
  const cmdline = readProc(pid, "cmdline");
  return cmdline ? cmdline.split("\0").filter(Boolean).join(" ").slice(0, 300) : undefined;
}

export function probeProcess(pid: number): ProcessProbe {
  let alive: boolean;
  try {
    process.kill(pid, 0);
    alive = true;
  } catch (e) {
    alive = (e as NodeJS.ErrnoException).code === "EPERM";
  }
  if (!alive) return { alive };
  const startTime = startTimeOf(pid);
  const command = commandOf(pid);
  return { alive, ...(startTime !== undefined ? { startTime } : {}), ...(command !== undefined ? { command } : {}) };
}

/** Creates `path` holding `text` only if it does not exist: written aside, then hard-linked in one step. */
function createExclusive(path: string, text: string): boolean {
  const aside = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(aside, text);
  try {
    linkSync(aside, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    unlinkSync(aside);
  }
}

function readLock(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A take-over marker older than this was left by a process that died mid-take-over. */
const MARKER_STALE_MS = 30_000;

/**
 * Takes the lock at `path` for this process, or says who holds it. A stale lock is taken over under
 * a marker named for that very lock's contents, created exclusively: of processes racing for the same
 * stale lock exactly one removes it, and none can remove the lock the winner then writes.
 */
export function acquireFileLock(path: string, options: { beforeTakeOver?: () => void; lifetime?: LockLifetime } = {}): LockResult {
  const dir = resolve(dirname(path));
  const token = randomBytes(12).toString("hex");
  const startTime = startTimeOf(process.pid);
  const command = commandOf(process.pid);
  const lifetime = options.lifetime;
  const mine = lockFileText({ pid: process.pid, token, ...(startTime ? { startTime } : {}), ...(command ? { command } : {}), dir, ...(lifetime ? { lifetime } : {}) });
  const acquired = (): LockResult => {
    heldHere.add(token);
    let released = false;
    return {
      ok: true,
      lock: {
        release() {
          if (released) return;
          released = true;
          heldHere.delete(token);
          // Only our own lock is removed: never one a take-over wrote after judging ours stale.
          if (parseLockFile(readLock(path) ?? "")?.token === token) unlinkSync(path);
        },
      },
    };
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    if (createExclusive(path, mine)) return acquired();
    const text = readLock(path);
    if (text === undefined) continue; // released between our create and read: try again
    const holder = parseLockFile(text) ?? { pid: 0 };
    const verdict = holder.pid > 0 ? judgeHolder(holder, probeProcess(holder.pid), { pid: process.pid, dir }) : { state: "stale" as const, why: "it is unreadable" };
    if (verdict.state === "held") return { ok: false, holder };
    if (verdict.state === "doubt") return { ok: false, holder, doubt: `${verdict.why}. If no mcp-catalog process is using ${dir}, remove ${path} and run again` };
    // Between judging a lock stale and taking it over is where racing processes interleave; tests step in here.
    options.beforeTakeOver?.();
    const marker = `${dir}/${basename(path)}.takeover-${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
    if (!createExclusive(marker, mine)) {
      const age = markerAge(marker);
      if (age !== undefined && age > MARKER_STALE_MS) {
        return { ok: false, holder, doubt: `a take-over of a stale lock (${verdict.why}) was interrupted. If no mcp-catalog process is using ${dir}, remove ${path} and ${marker} and run again` };
      }
      pause(10); // another process is taking this stale lock over: see what it leaves
      continue;
    }
    try {
      // Still the stale lock we judged (not one a faster take-over already replaced)? Then it is ours to remove.
      if (readLock(path) === text) unlinkSync(path);
      if (createExclusive(path, mine)) return acquired();
    } finally {
      unlinkSync(marker);
    }
  }
  throw new Error(`could not take the lock ${path}: it keeps changing hands`);
}

function markerAge(marker: string): number | undefined {
  try {
    return Date.now() - statSync(marker).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Whether the lock file at `path` names a holder that still holds it, for the directory `dir` the holder wrote it
 * for (judged as acquireFileLock judges it; a missing or unreadable lock holds nothing). Read only: nothing is taken over.
 */
export function lockHeld(path: string, dir: string): boolean {
  const holder = parseLockFile(readLock(path) ?? "");
  if (!holder || holder.pid <= 0) return false;
  return judgeHolder(holder, probeProcess(holder.pid), { pid: process.pid, dir: resolve(dir) }).state !== "stale";
}
