// The embedded catalog's data directory: made with its parents, kept when it exists, a typed error when it cannot be.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { DataDirError, makeDataDir } from "../db/data-dir.js";

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
