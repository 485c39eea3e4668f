// The embedded catalog's data directory: made with its parents, kept when it exists, a typed error when it cannot be.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { DataDirError, LOCK_FILE, makeCreationDir, makeDataDir, moveIntoPlace } from "../db/data-dir.js";
import { acquireFileLock } from "../db/file-lock.js";

describe("makeDataDir", () => {
  const dir = mkdtempSync(join(tmpdir(), "mcp-catalog-data-dir-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("makes the missing parents too, and leaves a directory that exists as it is", () => {
    const nested = join(dir, "a", "b", "catalog");
    makeDataDir(nested);
    expect(existsSync(nested)).toBe(true);
    writeFileSync(join(nested, "kept"), "");
    makeDataDir(nested);
    expect(existsSync(join(nested, "kept"))).toBe(true);
  });

  test("a directory that cannot be made is a DataDirError with the directory and the system's code", () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    const below = join(file, "x", "catalog");
    expect(() => makeDataDir(below)).toThrow(DataDirError);
    expect(() => makeDataDir(below)).toThrow(expect.objectContaining({ dir: below, code: "ENOTDIR" }));
    expect(() => makeDataDir(file)).toThrow(expect.objectContaining({ dir: file, code: "EEXIST" }));
  });
});

describe("moveIntoPlace", () => {
  const dir = mkdtempSync(join(tmpdir(), "mcp-catalog-move-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("renames a built catalog onto its data directory, carrying the lock file through, still this process's", () => {
    const dataDir = join(dir, "placed");
    makeDataDir(dataDir);
    const held = acquireFileLock(join(dataDir, LOCK_FILE));
    if (!held.ok) throw new Error("lock not taken");
    const creating = makeCreationDir(dataDir)!;
    writeFileSync(join(creating, "PG_VERSION"), "17\n");
    expect(moveIntoPlace(creating, dataDir)).toBe("placed");
    expect(readdirSync(dataDir).sort()).toEqual(["PG_VERSION", LOCK_FILE]);
    expect(existsSync(creating)).toBe(false);
    held.lock.release();
    expect(readdirSync(dataDir)).toEqual(["PG_VERSION"]);
  });

  test("says 'taken' when the emptied data directory was taken meanwhile, and leaves what is there", () => {
    const dataDir = join(dir, "taken");
    makeDataDir(dataDir);
    const held = acquireFileLock(join(dataDir, LOCK_FILE));
    if (!held.ok) throw new Error("lock not taken");
    const creating = makeCreationDir(dataDir)!;
    writeFileSync(join(dataDir, `${LOCK_FILE}.other`), "");
    expect(moveIntoPlace(creating, dataDir)).toBe("taken");
    expect(readdirSync(dataDir)).toEqual([`${LOCK_FILE}.other`]);
    expect(readdirSync(creating)).toEqual([LOCK_FILE]);
    held.lock.release();
  });
});
