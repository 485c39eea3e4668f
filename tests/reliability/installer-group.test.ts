// What an installer starts (node-gyp, a lifecycle script, git) dies with its run: on timeout, on abort, when the
// installer exits and leaves it behind, and when the worker exits. The installer here is a tiny script standing in
// for npm: it starts a grandchild in its own process group, as npm starts its children, and says both pids.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { EnumerateError } from "../../crawler/mcp/errors.js";
import { run } from "../../crawler/mcp/install.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "installer-group-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Running and not a zombie (a zombie has died and only waits to be reaped). */
function alive(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return false;
  }
  return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2));
}

/** Resolves once `file` exists; fails after `ms` (a step that never came). */
async function appeared(file: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} did not appear within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Whether `pid` is still alive once it has gone or `ms` have passed. */
async function stillAliveAfter(pid: number, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > deadline) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

const grandchildren: number[] = [];
afterEach(() => {
  // A failed test's grandchild is killed by pid, so that nothing outlives the run.
  for (const pid of grandchildren.splice(0)) if (alive(pid)) process.kill(pid, "SIGKILL");
});

/**
 * An installer that starts a grandchild (never detached: it stays in the installer's process group, as npm's children
 * do), writes `<pid> <grandchild pid>` to `marker`, then exits with `exitCode` or, without one, waits to be killed.
 */
async function installer(name: string, exitCode?: number): Promise<{ script: string; marker: string }> {
  const script = join(dir, `${name}.cjs`);
  const marker = join(dir, `${name}.pids`);
  await writeFile(
    script,
    `const cp = require("node:child_process");
const g = cp.spawn(process.execPath, ["-e", "setInterval(() => {}, 1 << 30)"], { stdio: "ignore" });
g.unref();
// Written whole, then renamed: whoever sees the marker reads both pids, even if it kills us at once.
require("node:fs").writeFileSync(${JSON.stringify(marker + ".tmp")}, process.pid + " " + g.pid);
require("node:fs").renameSync(${JSON.stringify(marker + ".tmp")}, ${JSON.stringify(marker)});
${exitCode === undefined ? "setInterval(() => {}, 1 << 30);" : `process.exit(${exitCode});`}
`,
  );
  return { script, marker };
}

async function pidsIn(marker: string): Promise<{ installer: number; grandchild: number }> {
  await appeared(marker);
  const [installerPid, grandchild] = readFileSync(marker, "utf8").split(" ").map(Number) as [number, number];
  grandchildren.push(grandchild);
  return { installer: installerPid, grandchild };
}

const opts = () => ({ cwd: dir, env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } });

describe("an installer's children die with its run", () => {
  test("aborted: the installer's grandchild is killed too", async () => {
    const { script, marker } = await installer("aborted");
    const abort = new AbortController();
    const running = run("npm install", process.execPath, [script], { ...opts(), timeoutMs: 600_000, signal: abort.signal });
    const pids = await pidsIn(marker);
    expect(alive(pids.grandchild)).toBe(true);
    abort.abort();
    await expect(running).rejects.toBeInstanceOf(EnumerateError);
    expect(await stillAliveAfter(pids.installer)).toBe(false);
    expect(await stillAliveAfter(pids.grandchild)).toBe(false);
  });

  test("timed out: the installer's grandchild is killed too, and the error says it timed out", async () => {
    const { script, marker } = await installer("timed-out");
    const running = run("npm install", process.execPath, [script], { ...opts(), timeoutMs: 3000 });
    const failure = running.catch((e: unknown) => e);
    const pids = await pidsIn(marker);
    const e = await failure;
    expect(e).toBeInstanceOf(EnumerateError);
    expect((e as EnumerateError).reason).toBe("timeout");
    expect(await stillAliveAfter(pids.grandchild)).toBe(false);
  });

  test("an installer that exits and leaves a child running: the child is killed, and the run does not wait for it", async () => {
    const { script, marker } = await installer("left-behind", 0);
    // The grandchild holds no pipe of ours (stdio: "ignore"); the run ends when the installer does.
    await run("npm install", process.execPath, [script], { ...opts(), timeoutMs: 600_000 });
    const pids = await pidsIn(marker);
    expect(await stillAliveAfter(pids.grandchild)).toBe(false);
  });

  test("the worker exits mid-install (process.exit): the installer's grandchild is killed too", async () => {
    const built = join(process.cwd(), "dist/crawler/mcp/install.js");
    expect(existsSync(built), "run npm run build first").toBe(true);
    const { script, marker } = await installer("worker-exit");
    // The worker exits once the installer has started its grandchild, as a worker told to stop does.
    const worker = `
      const { run } = await import(${JSON.stringify(pathToFileURL(built).href)});
      const fs = await import("node:fs");
      void run("npm install", process.execPath, [${JSON.stringify(script)}], { cwd: ${JSON.stringify(dir)}, env: { PATH: process.env.PATH }, timeoutMs: 600000 }).catch(() => {});
      const wait = setInterval(() => { if (fs.existsSync(${JSON.stringify(marker)})) { clearInterval(wait); process.exit(0); } }, 10);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", worker], { stdio: "ignore", env: { PATH: process.env.PATH } });
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    const pids = await pidsIn(marker);
    expect(await exited).toBe(0);
    expect(await stillAliveAfter(pids.installer)).toBe(false);
    expect(await stillAliveAfter(pids.grandchild)).toBe(false);
  });
});
