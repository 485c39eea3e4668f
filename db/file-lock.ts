// A lock file holding the owner's pid; a lock whose owner died (kill -9) is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";

export interface FileLock {
  release(): void;
}

export type LockResult = { ok: true; lock: FileLock } | { ok: false; pid: number };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireFileLock(path: string): LockResult {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        ok: true,
        lock: {
          release() {
            if (released) return;
            released = true;
            rmSync(path, { force: true });
          },
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let pid = Number.NaN;
      try {
        pid = Number.parseInt(readFileSync(path, "utf8"), 10);
      } catch {
        // Vanished between open and read: the holder just released it; try again.
        continue;
      }
      if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) return { ok: false, pid };
      if (pid === process.pid) return { ok: false, pid };
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the lock ${path}`);
}
