// An installer (npm, pip, uv) runs in a process group of its own, and the whole group is killed when its run ends:
// on timeout, on abort, when the installer exits, and when this process exits. Killing the installer alone left
// what it starts (node-gyp, lifecycle scripts, git) running after it, in our group, until they ended by themselves.
import { spawn } from "node:child_process";

/** The groups of installers still running, killed by the exit hook. */
const live = new Set<number>();
let hooked = false;

/** SIGKILLs process group `pgid`; whether the signal was sent (a group already gone is no error: false). */
export function killGroup(pgid: number): boolean {
  try {
    process.kill(-pgid, "SIGKILL");
    return true;
  } catch {
    // ESRCH: every member has gone already
    return false;
  }
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  // "exit" handlers run synchronously, and process.kill is synchronous: the groups die before we do.
  process.on("exit", () => {
    for (const pgid of live) killGroup(pgid);
  });
}

export interface GroupRunOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** stdout and stderr together past this many bytes: the group is killed and the run fails. */
  maxOutputBytes: number;
}

/** How a group run ended: `exit` (with its code or signal), or cut short by `timeout`, `abort`, `output` (too much) or `spawn` (could not start). */
export type GroupRunEnd =
  | { how: "exit"; code: number | null; signal: NodeJS.Signals | null }
  | { how: "timeout" | "abort" | "output" }
  | { how: "spawn"; error: Error };

export interface GroupRunResult {
  end: GroupRunEnd;
  stdout: string;
  stderr: string;
}

/** Runs `file argv` without a shell as the leader of a new process group; resolves once it has ended and its group is killed. */
export function runInGroup(file: string, argv: string[], o: GroupRunOptions): Promise<GroupRunResult> {
  return new Promise((done) => {
    if (o.signal?.aborted) return done({ end: { how: "abort" }, stdout: "", stderr: "" });
    const child = spawn(file, argv, { cwd: o.cwd, env: o.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let cut: GroupRunEnd | undefined;
    const pgid = child.pid;
    if (pgid !== undefined) {
      hookExit();
      live.add(pgid);
    }
    const stop = (why: GroupRunEnd) => {
      cut ??= why;
      if (pgid !== undefined) killGroup(pgid);
    };
    const timer = setTimeout(() => stop({ how: "timeout" }), o.timeoutMs);
    const onAbort = () => stop({ how: "abort" });
    o.signal?.addEventListener("abort", onAbort, { once: true });
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      bytes += chunk.byteLength;
      if (bytes > o.maxOutputBytes) return stop({ how: "output" });
      into.push(chunk);
    };
    child.stdout.on("data", collect(out));
    child.stderr.on("data", collect(err));
    let finished = false;
    const finish = (end: GroupRunEnd) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      o.signal?.removeEventListener("abort", onAbort);
      if (pgid !== undefined) {
        // What the installer started and left behind is killed with it, whatever the ending.
        killGroup(pgid);
        live.delete(pgid);
      }
      done({ end: cut ?? end, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    };
    child.once("error", (error) => finish({ how: "spawn", error }));
    // A process left behind may hold our pipes open, so "close" would wait for it: its group is killed at "exit".
    child.once("exit", () => pgid !== undefined && killGroup(pgid));
    child.once("close", (code, signal) => finish({ how: "exit", code, signal }));
  });
}
