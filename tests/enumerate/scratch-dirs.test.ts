// The sandbox's temporary directories: named for their maker, swept once it is gone, removed with their owner's rights.
import { spawnSync } from "node:child_process";
import { chmod, chown, mkdir, mkdtemp, readdir, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NOBODY } from "../../crawler/mcp/sandbox.js";
import { leftOver, parseScratchName, removeTree, scratchDir, sweepScratch, UNJUDGED_LEFTOVER_MS } from "../../crawler/mcp/scratch-dirs.js";

const root = process.getuid?.() === 0;

describe("names and makers on plain data", () => {
  const maker = { pidNamespace: "4026531836", pid: 4242, startTime: "987654" };

  test("a name carries its kind and maker; one made before makers were named has none; other names are not ours", () => {
    expect(parseScratchName("mcp-catalog-home-4026531836.4242.987654-AbC123")).toEqual({ kind: "home", maker });
    expect(parseScratchName("mcp-catalog-pkg-4026531836.4242.987654-xyzXYZ")?.kind).toBe("pkg");
    expect(parseScratchName("mcp-catalog-pkg-AbC123")).toEqual({ kind: "pkg" });
    for (const name of ["mcp-catalog-cli-4026531836.4242.987654-AbC123", "mcp-catalog-pkg-4026531836.4242.987654-AbC12", "x-mcp-catalog-pkg-AbC123", "mcp-catalog-pkg-AbC123.tmp"]) {
      expect(parseScratchName(name), name).toBeUndefined();
    }
  });

  test("left over: a maker of our PID namespace whose PID is unused or now another process's; one that cannot be judged, after a week", () => {
    const ns = maker.pidNamespace;
    const fresh = { maker, ageMs: 0 };
    expect(leftOver(fresh, { alive: false }, ns)).toBe(true);
    expect(leftOver(fresh, { alive: true, startTime: "111" }, ns)).toBe(true);
    expect(leftOver(fresh, { alive: true, startTime: "987654" }, ns)).toBe(false);
    expect(leftOver(fresh, { alive: true }, ns)).toBe(false);
    expect(leftOver(fresh, undefined, ns)).toBe(false);
    // Another namespace's PID 4242 is another process here; a directory without a maker names none.
    for (const dir of [fresh, { ageMs: 0 }]) {
      expect(leftOver(dir, { alive: false }, "4026532000")).toBe(false);
      expect(leftOver({ ...dir, ageMs: UNJUDGED_LEFTOVER_MS + 1 }, { alive: true, startTime: "987654" }, "4026532000")).toBe(true);
    }
    expect(leftOver({ ageMs: UNJUDGED_LEFTOVER_MS }, undefined, ns)).toBe(false);
  });
});

describe("sweepScratch", () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), "scratch-dirs-"));
    await chmod(base, 0o755); // nobody must reach the HOMEs below
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  test("removes the directories of makers that are gone, and only those", async () => {
    const dir = join(base, "sweep");
    await mkdir(dir);
    await chmod(dir, 0o1777); // as /tmp is
    const ours = await scratchDir(dir, "pkg");
    const self = parseScratchName(basename(ours))!.maker!;
    const dead = spawnSync("true").pid!;
    const name = (m: { pidNamespace?: string; pid: number; startTime: string }, kind = "pkg") => `mcp-catalog-${kind}-${m.pidNamespace ?? self.pidNamespace}.${m.pid}.${m.startTime}-AbC123`;
    const weekOld = [name({ pidNamespace: "1", pid: process.pid, startTime: self.startTime }), "mcp-catalog-home-XyZ789"];
    const stale = [name({ pid: dead, startTime: "1" }), name({ pid: process.pid, startTime: `${self.startTime}0` }, "home"), ...weekOld];
    const kept = [name({ pidNamespace: "1", pid: dead, startTime: "1" }), "mcp-catalog-pkg-AbC123", "unrelated"];
    for (const n of [...stale, ...kept]) {
      await mkdir(join(dir, n, "node_modules"), { recursive: true });
      await writeFile(join(dir, n, "node_modules", "index.js"), "x");
    }
    const then = new Date(Date.now() - UNJUDGED_LEFTOVER_MS - 60_000);
    for (const n of weekOld) await utimes(join(dir, n), then, then);
    // A symlink named like a stale directory is not followed: what it points at stays.
    const target = join(base, "target");
    await mkdir(target);
    await writeFile(join(target, "keep"), "x");
    const link = name({ pid: dead, startTime: "2" });
    await symlink(target, join(dir, link));

    const result = await sweepScratch(dir);
    expect(result.failed).toEqual([]);
    expect(result.removed.sort()).toEqual(stale.map((n) => join(dir, n)).sort());
    expect((await readdir(dir)).sort()).toEqual([basename(ours), ...kept, link].sort());
    expect(await readdir(target)).toEqual(["keep"]);
  });

  test.skipIf(!root)("as root, a HOME of nobody's is removed as nobody: never more than nobody could delete", async () => {
    // A parent nobody cannot write (a TMPDIR that is not sticky): the emptied directory itself is then removed by root.
    const dir = join(base, "homes");
    await mkdir(dir, { mode: 0o755 });
    const home = await scratchDir(dir, "home");
    await chown(home, NOBODY, NOBODY);
    await mkdir(join(home, ".cache"));
    await writeFile(join(home, ".cache", "data"), "x");
    await chown(join(home, ".cache"), NOBODY, NOBODY);
    await chown(join(home, ".cache", "data"), NOBODY, NOBODY);
    await removeTree(home);
    await expect(stat(home)).rejects.toThrow();

    // A folder the server made unreadable to itself (chmod 000) does not keep its HOME: the owner takes the rights back.
    const locked = await scratchDir(dir, "home");
    await mkdir(join(locked, "a", "b"), { recursive: true });
    await writeFile(join(locked, "a", "b", "data"), "x");
    for (const p of [locked, join(locked, "a"), join(locked, "a", "b"), join(locked, "a", "b", "data")]) await chown(p, NOBODY, NOBODY);
    await chmod(join(locked, "a"), 0o000);
    await removeTree(locked);
    await expect(stat(locked)).rejects.toThrow();

    // Root's file in a directory of root's inside a HOME: root could delete it, nobody cannot, so it stays.
    const planted = await scratchDir(dir, "home");
    await mkdir(join(planted, "root-only"), { mode: 0o755 });
    await writeFile(join(planted, "root-only", "secret"), "x");
    await chown(planted, NOBODY, NOBODY);
    await expect(removeTree(planted)).rejects.toThrow(/as its owner \(uid 65534\).*Permission denied/);
    expect(await readdir(join(planted, "root-only"))).toEqual(["secret"]);
  });
});
