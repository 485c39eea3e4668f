// What a process killed mid-listing leaves in the temp dir (an install directory, a server's HOME) is removed by
// the next worker or refresh that lists over stdio, which says so on stderr.
import { spawn, spawnSync } from "node:child_process";
import { readlinkSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NOBODY } from "../../crawler/mcp/sandbox.js";
import { createScratchDatabase, DRIVERS } from "../helpers/catalog.js";
import { startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";
import { migratedDataDir } from "../helpers/snapshot-catalog.js";

let base: string;
let registry: RegistryReplay;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), "sandbox-leftovers-"));
  await chmod(base, 0o755); // a HOME of nobody's below is removed as nobody, who must reach it
  registry = await startRegistryReplay([]);
});
afterAll(async () => {
  await registry.close();
  await rm(base, { recursive: true, force: true });
});

/** A temp dir holding what a killed worker leaves: its install directory and (as root, nobody's) server HOME. */
async function tempDirWithLeftovers(name: string): Promise<{ dir: string; left: string[] }> {
  const dir = join(base, name);
  await mkdir(dir);
  await chmod(dir, 0o1777); // as /tmp is
  const maker = `${/\[(\d+)\]/.exec(readlinkSync("/proc/self/ns/pid"))![1]}.${spawnSync("true").pid}.1`;
  const pkg = join(dir, `mcp-catalog-pkg-${maker}-AbC123`);
  const home = join(dir, `mcp-catalog-home-${maker}-XyZ789`);
  await mkdir(join(pkg, "node_modules"), { recursive: true });
  await writeFile(join(pkg, "node_modules", "server.js"), "");
  await mkdir(home);
  await writeFile(join(home, ".npmrc"), "");
  if (process.getuid?.() === 0) {
    for (const p of [home, join(home, ".npmrc")]) await chown(p, NOBODY, NOBODY);
  }
  return { dir, left: [home, pkg] };
}

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["bin/mcp-catalog.js", ...args], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr })));
}

describe("the next process that lists over stdio removes what a killed one left", () => {
  test("refresh --introspect stdio, in-process", async () => {
    const { dir, left } = await tempDirWithLeftovers("refresh");
    const dataDir = join(base, "catalog");
    await migratedDataDir(dataDir);
    const r = await cli(["refresh", "--sources", "registry", "--introspect", "stdio"], { TMPDIR: dir, CATALOG_DATA_DIR: dataDir, REGISTRY_URL: registry.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`mcp-catalog refresh: removed 2 sandbox directories left behind: ${left.join(", ")}`);
    expect(await readdir(dir)).toEqual([]);
  });

  test.skipIf(!DRIVERS.includes("postgres"))("worker --modes stdio", async () => {
    const { dir, left } = await tempDirWithLeftovers("worker");
    const db = await createScratchDatabase();
    try {
      const r = await cli(["worker", "--modes", "stdio", "--once"], { TMPDIR: dir, DATABASE_URL: db.url });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`mcp-catalog worker: removed 2 sandbox directories left behind: ${left.join(", ")}`);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
