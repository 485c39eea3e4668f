// The embedded catalog's lock: an atomic take-over of a stale lock, PID reuse told from a live holder,
// and readers that wait for a refresh instead of failing. Lock files only (PGlite has no server to share).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { acquireFileLock, judgeHolder, lockFileText, parseLockFile } from "../../db/file-lock.js";
import { runCli } from "../helpers/cli.js";
import { migratedDataDir } from "../helpers/snapshot-catalog.js";
import { scratchBase } from "../helpers/templates.js";

const dir = mkdtempSync(join(scratchBase(), "mcp-catalog-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A PID no process has: one that just exited. */
function deadPid(): number {
  return spawnSync("true").pid;
}

describe("judgeHolder on plain data", () => {
  const self = { pid: 100, dir: "/data" };
  const holder = { pid: 200, token: "t", startTime: "5000", command: "node bin/mcp-catalog.js refresh", dir: "/data" };
  test("a live holder started when the lock says, running its command, holds it", () => {
    expect(judgeHolder(holder, { alive: true, startTime: "5000", command: holder.command }, self)).toEqual({ state: "held" });
  });
  test("an exited holder, a reused PID, another command, another directory: stale", () => {
    expect(judgeHolder(holder, { alive: false }, self).state).toBe("stale");
    expect(judgeHolder(holder, { alive: true, startTime: "9000", command: "nginx" }, self)).toMatchObject({ state: "stale", why: expect.stringContaining("another process") });
    expect(judgeHolder({ ...holder, startTime: undefined }, { alive: true, command: "sleep 30" }, self)).toMatchObject({ state: "stale", why: expect.stringContaining("another command") });
    expect(judgeHolder(holder, { alive: true, startTime: "5000", command: holder.command }, { ...self, dir: "/copy" }).state).toBe("stale");
  });
  test("our own PID in a lock this process did not take (a container's PID 1 after an OOM kill): stale", () => {
    expect(judgeHolder({ pid: 100 }, { alive: true }, self)).toMatchObject({ state: "stale", why: expect.stringContaining("own PID 100") });
  });
  test("a bare-PID lock of a live foreign process cannot be confirmed: doubt, not a take-over", () => {
    expect(judgeHolder({ pid: 200 }, { alive: true, command: "node x" }, self).state).toBe("doubt");
  });
  test("lock files: this format, the plain JSON of bcff1a0 until it, and the bare PID of older versions", () => {
    expect(parseLockFile(lockFileText(holder))).toEqual(holder);
    expect(parseLockFile(lockFileText({ ...holder, command: "node bin/mcp-catalog.js risk café ☕" }))).toEqual({ ...holder, command: "node bin/mcp-catalog.js risk café ☕" });
    // A record naming another PID than its first line is no lock this module wrote.
    expect(parseLockFile(lockFileText(holder).replace(/^200/, "201"))).toBeUndefined();
    expect(parseLockFile("1234\n")).toEqual({ pid: 1234 });
    expect(parseLockFile(JSON.stringify(holder))).toEqual(holder);
    expect(parseLockFile(JSON.stringify({ ...holder, lifetime: "server" }))).toEqual({ ...holder, lifetime: "server" });
    expect(parseLockFile(JSON.stringify({ ...holder, lifetime: "forever" }))).toEqual(holder);
    expect(parseLockFile("garbage")).toBeUndefined();
  });
});

describe("a lock older releases read while this one holds the catalog", () => {
  // How releases read the lock file, kept as they were. Before bcff1a0 (db/file-lock.ts): parseInt of the text, and a
  // lock whose number is no live process's (NaN: JSON) removed. From bcff1a0 to this format: the trimmed text as a
  // bare PID, else as JSON; neither is "unreadable", a stale lock taken over.
  const beforeJsonLocks = (text: string) => Number.parseInt(text, 10);
  const jsonLocks = (text: string): { pid: number } | "unreadable" => {
    const trimmed = text.trim();
    if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) };
    try {
      const o = JSON.parse(trimmed) as { pid?: unknown };
      return typeof o.pid === "number" ? { pid: o.pid } : "unreadable";
    } catch {
      return "unreadable";
    }
  };
  test("each finds this process's live PID in it, never a lock to remove or take over; this release reads the whole record", () => {
    const data = join(dir, "read-by-older");
    mkdirSync(data, { recursive: true });
    const lockPath = join(data, "mcp-catalog.lock");
    const held = acquireFileLock(lockPath, { lifetime: "server" });
    expect(held.ok).toBe(true);
    try {
      const text = readFileSync(lockPath, "utf8");
      expect(beforeJsonLocks(text)).toBe(process.pid);
      // A bare PID of a live process: those releases refuse it as one they cannot confirm (judgeHolder's doubt).
      expect(jsonLocks(text)).toEqual({ pid: process.pid });
      expect(parseLockFile(text)).toEqual(expect.objectContaining({ pid: process.pid, dir: data, lifetime: "server", token: expect.any(String) }));
    } finally {
      if (held.ok) held.lock.release();
    }
    expect(readdirSync(data)).toEqual([]);
  });
});

describe("case 6: the take-over of a stale lock is atomic", () => {
  test("a contender that judged the lock stale, overtaken by another's whole take-over, does not remove the new holder's lock", () => {
    const data = join(dir, "interleaved");
    mkdirSync(data, { recursive: true });
    const lockPath = join(data, "mcp-catalog.lock");
    writeFileSync(lockPath, JSON.stringify({ pid: deadPid(), token: "stale", dir: data }));
    let first: ReturnType<typeof acquireFileLock> | undefined;
    // The second contender runs its whole take-over in the gap the first leaves between judging and acting.
    const second = acquireFileLock(lockPath, { beforeTakeOver: () => void (first ??= acquireFileLock(lockPath)) });
    expect(first?.ok).toBe(true);
    expect(second.ok).toBe(false);
    const holder = parseLockFile(readFileSync(lockPath, "utf8"));
    expect(holder?.pid).toBe(process.pid);
    if (first?.ok) first.lock.release();
    expect(readdirSync(data)).toEqual([]);
  });
});

describe("the lock between processes", () => {
  let moduleUrl: string;
  beforeAll(() => {
    // The built module, as the installed CLI runs it (npm test builds first).
    const built = join(process.cwd(), "dist/db/file-lock.js");
    expect(existsSync(built), "run npm run build first").toBe(true);
    moduleUrl = pathToFileURL(built).href;
  });

  /**
   * A process that loads the lock module, says "ready", and on "go" (a line on stdin) tries the lock once: "busy", or
   * "held" and holding it until told "release". Started together and let go together, they race with no spinning wait
   * and no timed hold: the test releases the holder only once every contender has tried.
   */
  interface Contender {
    /** Sends "go"; resolves with its answer: "busy" or "held". */
    go(): Promise<string>;
    /** Tells the holder to release the lock; resolves with its answer, "released". */
    release(): Promise<string>;
    /** Resolves once it has exited. */
    closed: Promise<void>;
  }

  async function contender(lockPath: string): Promise<Contender> {
    const script = `
      const { acquireFileLock } = await import(${JSON.stringify(moduleUrl)});
      const lines = (await import("node:readline")).createInterface({ input: process.stdin })[Symbol.asyncIterator]();
      process.stdout.write("ready\\n");
      await lines.next();
      const r = acquireFileLock(${JSON.stringify(lockPath)});
      if (!r.ok) { process.stdout.write("busy\\n"); process.exit(0); }
      process.stdout.write("held\\n");
      await lines.next();
      r.lock.release();
      process.stdout.write("released\\n");
      process.exit(0);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["pipe", "pipe", "inherit"] });
    const closed = new Promise<void>((resolve) => child.on("close", () => resolve()));
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const next = async () => ((await lines.next()).value as string | undefined) ?? "(exited without a line)";
    expect(await next()).toBe("ready");
    return {
      go: () => (child.stdin!.write("go\n"), next()),
      release: () => (child.stdin!.end("release\n"), next()),
      closed,
    };
  }

  test("case 6: six processes started at once on a stale lock: exactly one holds the directory, round after round", async () => {
    const data = join(dir, "race");
    mkdirSync(data, { recursive: true });
    const lockPath = join(data, "mcp-catalog.lock");
    for (let round = 0; round < 4; round++) {
      writeFileSync(lockPath, JSON.stringify({ pid: deadPid(), token: `stale-${round}`, dir: data }));
      const contenders = await Promise.all(Array.from({ length: 6 }, () => contender(lockPath)));
      // Every contender tries while the winner holds the lock: one holds it, the five others are refused.
      const outcomes = await Promise.all(contenders.map((c) => c.go()));
      expect(outcomes.filter((o) => o === "held"), `round ${round}: ${outcomes.join(",")}`).toHaveLength(1);
      expect(outcomes.filter((o) => o === "busy"), `round ${round}: ${outcomes.join(",")}`).toHaveLength(5);
      expect(await contenders[outcomes.indexOf("held")]!.release()).toBe("released");
      await Promise.all(contenders.map((c) => c.closed));
      // The winner released its own lock; no take-over marker or scratch file is left behind.
      expect(readdirSync(data)).toEqual([]);
    }
  });
});

describe("case 7: a stale lock whose PID is reused", () => {
  let sleeper: ChildProcess;
  beforeAll(() => {
    sleeper = spawn("sleep", ["3600"], { stdio: "ignore" });
  });
  afterAll(() => {
    sleeper.kill();
  });

  test("a lock naming the CLI's own PID, left by an earlier process (PID 1 in a container), is taken over", async () => {
    const data = join(dir, "own-pid");
    // The catalog already exists, as a lock's holder leaves it: the test is about the lock, not about initdb.
    await migratedDataDir(data);
    writeFileSync(join(data, "mcp-catalog.lock"), String(process.pid));
    const r = await runCli(["stats", "--wait", "0"], { CATALOG_DATA_DIR: data });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  test("a lock whose PID now belongs to another program (another start time) is taken over", async () => {
    const data = join(dir, "reused");
    await migratedDataDir(data);
    writeFileSync(join(data, "mcp-catalog.lock"), JSON.stringify({ pid: sleeper.pid, token: "old", startTime: "1", command: "node bin/mcp-catalog.js refresh", dir: data }));
    const r = await runCli(["stats", "--wait", "0"], { CATALOG_DATA_DIR: data });
    expect(r.code).toBe(0);
  });

  test("when the holder cannot be confirmed, the message names the file to remove and why", async () => {
    const data = join(dir, "doubt");
    mkdirSync(data, { recursive: true });
    const lockPath = join(data, "mcp-catalog.lock");
    writeFileSync(lockPath, String(sleeper.pid));
    const r = await runCli(["stats", "--wait", "5"], { CATALOG_DATA_DIR: data });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`process ${sleeper.pid} is alive but cannot be confirmed as the mcp-catalog that took the lock (it runs sleep 3600)`);
    expect(r.stderr).toContain(`remove ${lockPath}`);
    expect(r.stderr).not.toMatch(/waiting/);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(readFileSync(lockPath, "utf8")).toBe(String(sleeper.pid));
  });
});

describe("case 8: readers wait for a refresh instead of failing", () => {
  test("stats waits with one notice and answers once the lock is released; --wait 0 refuses at once; a bad --wait is a usage error", async () => {
    const data = join(dir, "reader");
    await migratedDataDir(data);
    const held = acquireFileLock(join(data, "mcp-catalog.lock"));
    if (!held.ok) throw new Error("could not take the test lock");
    const refused = await runCli(["stats", "--wait", "0"], { CATALOG_DATA_DIR: data });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/in use by process \d+/);
    expect((await runCli(["search", "x", "--wait", "soon"], { CATALOG_DATA_DIR: data })).code).toBe(2);
    // Released as the notice is written: the answer can only come after the wait.
    let released = false;
    const release = (line: string) => line.includes("waiting up to 30 s") && (held.lock.release(), (released = true));
    const waited = await runCli(["stats", "--wait", "30"], { CATALOG_DATA_DIR: data }, { onStderr: release });
    expect(waited.code).toBe(0);
    expect(released).toBe(true);
    const notices = waited.stderr.trimEnd().split("\n");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^mcp-catalog stats: the catalog in .* is in use by process \d+ .*waiting up to 30 s for it \(--wait SECONDS\)$/);
    expect(waited.stdout).toMatch(/^servers /);
  });

  test("a server's lock (serve, mcp) is refused at once, saying it is a server: it never ends on its own", async () => {
    const data = join(dir, "served");
    await migratedDataDir(data);
    const held = acquireFileLock(join(data, "mcp-catalog.lock"), { lifetime: "server" });
    if (!held.ok) throw new Error("could not take the test lock");
    try {
      const started = Date.now();
      const r = await runCli(["stats", "--wait", "30"], { CATALOG_DATA_DIR: data });
      expect(r.code).toBe(3);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(r.stderr).toMatch(/^mcp-catalog stats: the catalog in .* is in use by process \d+ \(.*\) \(a server, which holds it until it is stopped\); stop it first, or put the catalog on Postgres \(DATABASE_URL\)/);
      expect(r.stderr).not.toMatch(/refresh may be running|waiting/);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    } finally {
      held.lock.release();
    }
  });

  test("annotations waits as the other read commands do: answers once the lock is released, --wait bounds it, CATALOG_WAIT_SECONDS without it", async () => {
    const data = join(dir, "annotations");
    await migratedDataDir(data);
    const held = acquireFileLock(join(data, "mcp-catalog.lock"));
    if (!held.ok) throw new Error("could not take the test lock");
    try {
      const bounded = await runCli(["annotations", "io.github.acme/none", "--wait", "1"], { CATALOG_DATA_DIR: data });
      expect(bounded.code).toBe(3);
      expect(bounded.stderr).toMatch(/^mcp-catalog annotations: the catalog in .* is in use by process \d+ .*waiting up to 1 s for it \(--wait SECONDS\)\n/);
      expect(bounded.stderr).toMatch(/\(waited 1 s\)\n$/);
      const byDefault = await runCli(["annotations", "io.github.acme/none"], { CATALOG_DATA_DIR: data, CATALOG_WAIT_SECONDS: "1" });
      expect(byDefault.code).toBe(3);
      expect(byDefault.stderr).toMatch(/\(waited 1 s\)\n$/);
      // Released as the notice is written: the command then opens the catalog and answers (no such server here).
      const answered = await runCli(["annotations", "io.github.acme/none", "--wait", "60"], { CATALOG_DATA_DIR: data }, { onStderr: (line) => line.includes("waiting up to 60 s") && held.lock.release() });
      expect(answered.code).toBe(1);
      expect(answered.stderr).toMatch(/waiting up to 60 s for it \(--wait SECONDS\)\nmcp-catalog annotations: no server in the catalog matches 'io.github.acme\/none'/);
    } finally {
      held.lock.release();
    }
  });

  test("the wait is bounded: a lock held past it ends in exit 3 saying how long it waited", async () => {
    const data = join(dir, "bounded");
    mkdirSync(data, { recursive: true });
    const held = acquireFileLock(join(data, "mcp-catalog.lock"));
    if (!held.ok) throw new Error("could not take the test lock");
    try {
      const r = await runCli(["risk", "read_file", "--wait", "1"], { CATALOG_DATA_DIR: data });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/waited 1 s/);
    } finally {
      held.lock.release();
    }
  });
});
