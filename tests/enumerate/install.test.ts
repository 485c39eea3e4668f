// installPackage offline: a tiny package the test writes and packs, installed without its scripts, then listed in the sandbox.
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listStdioTools } from "../../crawler/mcp/stdio.js";
import { installLocalNpmPackage, installPackage } from "../../crawler/mcp/install.js";
import { sandboxCapabilities } from "../../crawler/mcp/sandbox.js";
import { npmTarball } from "../helpers/npm-tarball.js";
import { limits, listingFailure } from "./servers.js";
import { scriptServer } from "../helpers/script-server.js";

const caps = await sandboxCapabilities();
// Nothing listens here: any attempt to reach a registry fails at once, so the tests prove they are offline.
const DEAD_REGISTRY = "http://127.0.0.1:9/";

let root: string;
let tarball: string;
let noBinTarball: string;
const postinstallMarker = () => join(root, "postinstall-ran");

const SERVER = scriptServer({ name: "tiny-fixture", tools: [{ name: "read_note", description: "Read a note.", inputSchema: { type: "object" }, annotations: { readOnlyHint: true } }] });

/** A tarball of package `name` as `npm pack` writes it. */
async function pack(name: string, manifest: Record<string, unknown>, files: Record<string, string>): Promise<string> {
  const path = join(root, `${name}-1.0.0.tgz`);
  await writeFile(path, npmTarball({ name, version: "1.0.0", ...manifest }, files));
  return path;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "enumerate-install-"));
  await chmod(root, 0o755);
  tarball = await pack(
    "tiny-mcp-fixture",
    { bin: { "tiny-mcp-fixture": "server.js", "other-tool": "other.js" }, scripts: { postinstall: `node -e "require('fs').writeFileSync('${postinstallMarker()}', 'ran')"` } },
    { "server.js": SERVER, "other.js": "process.exit(9)\n" },
  );
  noBinTarball = await pack("no-bin-fixture", {}, { "index.js": "module.exports = 1;\n" });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("installPackage (npm)", () => {
  it("installs a local tarball without running its scripts, picks the bin named like the package, and lists it in the sandbox", async () => {
    const installed = await installLocalNpmPackage(tarball, { timeoutMs: 60_000, npmRegistryUrl: DEAD_REGISTRY });
    try {
      expect(installed.spec.command).toBe(process.execPath);
      expect(installed.spec.args).toEqual([join(installed.dir, "node_modules", "tiny-mcp-fixture", "server.js")]);
      await expect(stat(postinstallMarker())).rejects.toThrow(); // --ignore-scripts
      const r = await listStdioTools({ ...installed.spec, cwd: installed.dir }, { limits, sandbox: { memoryMb: 256, noNetwork: caps.namespaces } });
      expect(r.serverInfo).toEqual({ name: "tiny-fixture", version: "1.0.0" });
      expect(r.tools).toEqual([{ name: "read_note", description: "Read a note.", inputSchema: { type: "object" }, annotations: { readOnlyHint: true } }]);
    } finally {
      await installed.dispose();
    }
    await expect(stat(installed.dir)).rejects.toThrow();
  });

  it("a package without a bin: install error, and its temp dir is removed", async () => {
    const before = await readdir(tmpdir());
    const e = await listingFailure(installLocalNpmPackage(noBinTarball, { timeoutMs: 60_000, npmRegistryUrl: DEAD_REGISTRY }));
    expect(e.reason).toBe("install");
    expect(e.message).toMatch(/no "bin"/);
    const leftover = (await readdir(tmpdir())).filter((f) => f.startsWith("mcp-catalog-pkg-") && !before.includes(f));
    expect(leftover).toEqual([]);
  });

  it("refuses identifiers that are not package names (flags, URLs, git specs, local paths) without running npm", async () => {
    for (const identifier of ["--registry=http://evil", "https://evil.example/x.tgz", "git+ssh://x/y", "a b", tarball, "./x", "../x", "file:x", "~/x", "x.tgz", "x.tar.gz"]) {
      const e = await listingFailure(installPackage({ registryType: "npm", identifier }, { timeoutMs: 5_000 }));
      expect(e.reason).toBe("install");
      expect(e.message).toBe(`not an npm package name: ${JSON.stringify(identifier)}`);
    }
    for (const version of ["..", ".", "x.tgz", "file:x", "../x"]) {
      const e = await listingFailure(installPackage({ registryType: "npm", identifier: "some-mcp-server", version }, { timeoutMs: 5_000 }));
      expect(e.message).toBe(`not an npm version: ${JSON.stringify(version)}`);
    }
  });

  it("a registry that cannot be reached: install error naming npm's complaint", async () => {
    const e = await listingFailure(installPackage({ registryType: "npm", identifier: "some-mcp-server", version: "1.0.0" }, { timeoutMs: 20_000, npmRegistryUrl: DEAD_REGISTRY }));
    expect(["install", "timeout"]).toContain(e.reason);
  });
});

describe("installPackage (pypi)", () => {
  it("no PyPI here: an unreachable index (or no installer) is an install error", async () => {
    const e = await listingFailure(installPackage({ registryType: "pypi", identifier: "mcp-server-fetch", version: "1.0.0" }, { timeoutMs: 30_000, pypiIndexUrl: "http://127.0.0.1:9/simple" }));
    expect(e.reason).toBe("install");
    expect(e.message).toMatch(/pip|uv|Python installer/i);
  });

  it("refuses names that are not PEP 508 names, and archive file names", async () => {
    for (const identifier of ["--index-url=http://evil", "/tmp/x", "./x", "x-", "x.whl", "x-1.0.tar.gz"]) {
      const e = await listingFailure(installPackage({ registryType: "pypi", identifier }, { timeoutMs: 5_000 }));
      expect(e.reason).toBe("install");
      expect(e.message).toBe(`not a PyPI package name: ${JSON.stringify(identifier)}`);
    }
  });
});
