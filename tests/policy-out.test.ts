// `policy --out FILE` replaces FILE whole: a gateway reading it finds the old policy or the new one, never a part of one,
// and a write that fails leaves the policy that stood there.
import { spawn } from "node:child_process";
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DRIVERS } from "./helpers/catalog.js";
import { snapshotCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";

const GITHUB = "io.github.github/github-mcp-server";
const OLD = "# the policy a gateway runs with\n".repeat(200);

/** A policy without its Generated time, which differs run to run. */
const undated = (text: string) => text.replace(/^# Generated .*$/m, "# Generated");

/** What an open descriptor reads from its start, all of it. */
function readAll(fd: number): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(65536);
  for (let at = 0, n; (n = readSync(fd, buffer, 0, buffer.length, at)) > 0; at += n) chunks.push(Buffer.from(buffer.subarray(0, n)));
  return Buffer.concat(chunks).toString("utf8");
}

describe.each(DRIVERS)("policy --out FILE (%s)", (driver) => {
  let cat: CliCatalog;
  let dir: string;
  let policy: string;

  beforeAll(async () => {
    cat = await snapshotCliCatalog(driver);
    policy = (await cat.cli(["policy", GITHUB, "--format", "intercept"])).stdout;
  });
  afterAll(async () => {
    await cat?.dispose();
  });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mcp-catalog-policy-out-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("the file is replaced, not rewritten in place: a reader of the old one reads it whole; its mode is kept; no temporary file is left", async () => {
    const file = join(dir, "replaced.yaml");
    writeFileSync(file, OLD);
    chmodSync(file, 0o640);
    const before = statSync(file);
    const reader = openSync(file, "r");
    try {
      const r = await cat.cli(["policy", GITHUB, "--format", "intercept", "--out", file]);
      expect(r.code).toBe(0);
      expect(undated(readFileSync(file, "utf8"))).toBe(undated(policy));
      const after = statSync(file);
      expect(after.ino).not.toBe(before.ino);
      expect(after.mode & 0o7777).toBe(0o640);
      expect({ uid: after.uid, gid: after.gid }).toEqual({ uid: before.uid, gid: before.gid });
      expect(readAll(reader)).toBe(OLD);
    } finally {
      closeSync(reader);
    }
    expect(readdirSync(dir)).toEqual(["replaced.yaml"]);
    rmSync(file);
  });

  test("a symbolic link is kept and its target replaced, also a link to a file not there yet", async () => {
    const real = join(dir, "real");
    mkdirSync(real);
    writeFileSync(join(real, "policy.yaml"), OLD);
    symlinkSync(join("real", "policy.yaml"), join(dir, "link.yaml"));
    symlinkSync(join("real", "first.yaml"), join(dir, "dangling.yaml"));
    for (const [link, target] of [["link.yaml", "policy.yaml"], ["dangling.yaml", "first.yaml"]] as const) {
      const r = await cat.cli(["policy", GITHUB, "--format", "intercept", "--out", join(dir, link)]);
      expect(r.code).toBe(0);
      expect(lstatSync(join(dir, link)).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(dir, link))).toBe(join("real", target));
      expect(undated(readFileSync(join(real, target), "utf8"))).toBe(undated(policy));
    }
    expect(readdirSync(real).sort()).toEqual(["first.yaml", "policy.yaml"]);
    rmSync(real, { recursive: true });
    rmSync(join(dir, "link.yaml"));
    rmSync(join(dir, "dangling.yaml"));
  });

  // The binary under a file-size limit: PGlite writes its catalog's files under the same limit and cannot open, so this
  // runs on Postgres; the plain-data tests below put replaceFile under the limit on either driver.
  test.runIf(driver === "postgres")("a write that fails part way (a file-size limit) leaves the old policy whole and no temporary file, exit 1 saying why", async () => {
    const file = join(dir, "limited.yaml");
    writeFileSync(file, OLD);
    // The policy is larger than the limit (ulimit -f counts 512-byte blocks): the write stops part way with EFBIG.
    const blocks = Math.floor(policy.length / 2 / 512);
    expect(blocks * 512).toBeGreaterThan(OLD.length);
    await cat.release();
    const child = spawn("sh", ["-c", `ulimit -f ${blocks} && exec "$0" "$@"`, process.execPath, "bin/mcp-catalog.js", "policy", GITHUB, "--format", "intercept", "--out", file], {
      env: { PATH: process.env.PATH, ...cat.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect({ code, last: stderr.trimEnd().split("\n").at(-1) }).toEqual({
      code: 1,
      last: `mcp-catalog policy: cannot write ${file}: file too large (over the file-size limit); it is left as it was`,
    });
    expect(readFileSync(file, "utf8")).toBe(OLD);
    expect(readdirSync(dir)).toEqual(["limited.yaml"]);
    expect(existsSync(file)).toBe(true);
    rmSync(file);
  });
});

/** Runs replaceFile(path, text) from the build in a process limited to files of `blocks` 512-byte blocks. */
function replaceUnderLimit(path: string, text: string, blocks: number): Promise<{ code: number | null; stderr: string }> {
  const script = `import { replaceFile } from "./dist/scripts/replace-file.js";
replaceFile(process.argv[1], process.argv[2]).catch((e) => { process.stderr.write(e.code); process.exitCode = 1; });`;
  const child = spawn("sh", ["-c", `ulimit -f ${blocks} && exec "$0" "$@"`, process.execPath, "--input-type=module", "-e", script, path, text], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr })));
}

describe("replaceFile", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mcp-catalog-replace-file-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a write stopped part way (a file-size limit) leaves the old file whole and no temporary file", async () => {
    const file = join(dir, "limited.yaml");
    writeFileSync(file, OLD);
    const r = await replaceUnderLimit(file, "x".repeat(64 * 1024), 32);
    expect(r).toEqual({ code: 1, stderr: "EFBIG" });
    expect(readFileSync(file, "utf8")).toBe(OLD);
    expect(readdirSync(dir)).toEqual(["limited.yaml"]);
    // Under the limit the same process replaces it.
    expect(await replaceUnderLimit(file, "new", 32)).toEqual({ code: 0, stderr: "" });
    expect(readFileSync(file, "utf8")).toBe("new");
    rmSync(file);
  });

  test("a rename that fails (the target became a directory) leaves it as it was and no temporary file", async () => {
    const { replaceFile } = await import("../scripts/replace-file.js");
    const target = join(dir, "now-a-directory");
    mkdirSync(target);
    writeFileSync(join(target, "kept"), OLD);
    await expect(replaceFile(target, "new")).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/) });
    expect(readdirSync(dir)).toEqual(["now-a-directory"]);
    expect(readFileSync(join(target, "kept"), "utf8")).toBe(OLD);
    rmSync(target, { recursive: true });
  });
});
