// The corpus harvest end to end against a local npm registry: search and candidate file, manifest decision, scriptless install, sandboxed listing with placeholders, failures, resume.
import { mkdtemp, readFile, rm, writeFile, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient, DEFAULT_HTTP_OPTIONS } from "../../crawler/http.js";
import { sandboxCapabilities } from "../../crawler/mcp/sandbox.js";
import { mergeCandidates, readCandidatesFile, searchCandidates } from "../../scripts/dev/corpus/candidates.js";
import { manifestSchema } from "../../scripts/dev/corpus/corpus-data.js";
import { ExcludedPackages } from "../../scripts/dev/corpus/excluded.js";
import { Node22 } from "../../scripts/dev/corpus/node-runtime.js";
import { packedHintLiterals } from "../../scripts/dev/corpus/prescreen.js";
import { runHarvest, type RunOptions } from "../../scripts/dev/corpus/run.js";
import type { LocalServer } from "../helpers/local-server.js";
import { startNpmRegistry, type FixturePackage } from "./npm-registry-server.js";
import { scriptServer } from "../helpers/script-server.js";

const caps = await sandboxCapabilities();

/** A stdio MCP server in plain JS (no dependencies to install): `preamble` runs first, then it answers initialize and tools/list. */
function server(tools: unknown[], preamble = ""): string {
  return scriptServer({ tools, before: preamble });
}

const ANNOTATED_TOOLS = [
  { name: "read_note", title: "Read a note", description: "Read one note by id.", inputSchema: { type: "object", properties: { id: { type: "string" } } }, annotations: { readOnlyHint: true, title: "Read note", vendorHint: null } },
  { name: "delete_note", description: "Delete a note for good.", inputSchema: { type: "object" }, annotations: { readOnlyHint: false, destructiveHint: true } },
  { name: "plain_tool", inputSchema: { type: "object" } },
];

const SDK_STUB: FixturePackage = { manifest: { name: "@modelcontextprotocol/sdk", version: "1.0.0", main: "index.js" }, files: { "index.js": "module.exports = {};\n" } };

const PACKAGES: FixturePackage[] = [
  SDK_STUB,
  {
    manifest: { name: "tiny-annotated-server", version: "1.0.0", mcpName: "io.github.example/tiny-annotated", bin: { "tiny-annotated-server": "server.js" }, repository: { type: "git", url: "git+https://github.com/Example/Tiny-Servers.git", directory: "packages/annotated" } },
    files: { "server.js": server(ANNOTATED_TOOLS) },
  },
  {
    // Proven by bin + SDK dependency; wants one variable its code names (found by reading it) and one it only names when it fails.
    manifest: { name: "tiny-keyed-server", version: "2.0.0", license: "Apache-2.0", bin: "server.js", dependencies: { "@modelcontextprotocol/sdk": "1.0.0" } },
    files: {
      "server.js": server(
        [{ name: "list_regions", description: "List regions.", annotations: { readOnlyHint: true } }],
        `if (!process.env.TINY_SERVICE_API_KEY) { console.error("TINY_SERVICE_API_KEY is not set"); process.exit(1); }
const hidden = "TINY_" + "REGION_TOKEN";
if (!process.env[hidden]) { console.error("Error: " + hidden + " environment variable is required"); process.exit(1); }`,
      ),
    },
  },
  { manifest: { name: "tiny-library", version: "1.0.0", main: "index.js", dependencies: { "@modelcontextprotocol/sdk": "1.0.0" } }, files: { "index.js": "module.exports = {};\n" } },
  { manifest: { name: "tiny-crasher", version: "1.0.0", mcpName: "io.github.example/tiny-crasher", bin: "server.js" }, files: { "server.js": 'throw new Error("boom: something internal broke");\n' } },
  { manifest: { name: "tiny-evaluation-server", version: "1.0.0", mcpName: "io.github.example/tiny-eval", bin: "server.js" }, files: { "server.js": server([{ name: "secret_tool" }]) } },
];

let root: string;
let registry: LocalServer;
let http: HttpClient;
let node22: Node22;
const excluded = new ExcludedPackages(["tiny-evaluation-server"]);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "corpus-harvest-"));
  await chmod(root, 0o755);
  registry = await startNpmRegistry(PACKAGES);
  http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, userAgent: "corpus-test", allowPrivateNetwork: true, maxAttempts: 1 });
  // Installs go under this test's own directory: other test files watch the system temp dir for leftovers.
  node22 = new Node22({ timeoutMs: 20_000, npmRegistryUrl: registry.url, workRoot: root });
});
afterAll(async () => {
  await node22?.dispose();
  await http?.close();
  await registry?.close();
  await rm(root, { recursive: true, force: true });
});

async function options(dataDir: string, over: Partial<RunOptions> = {}): Promise<RunOptions> {
  const file = join(root, "candidates.tsv");
  await writeFile(file, "# test candidates\n# name\tdownloads\ntiny-evaluation-server\t9\ntiny-annotated-server\t5\n");
  const log: string[] = [];
  const merged = mergeCandidates([readCandidatesFile(file, root), await searchCandidates(http, registry.url, (l) => log.push(l))], excluded);
  return {
    candidates: merged.candidates,
    excludedCandidates: merged.excluded,
    candidatesFile: "candidates.tsv",
    dataDir,
    concurrency: 2,
    retry: false,
    flushIntervalMs: 60_000,
    log: (l) => log.push(l),
    registryUrl: registry.url,
    npmRegistryUrl: registry.url,
    http,
    excluded,
    placeholders: {},
    limits: { connectTimeoutMs: 10_000, requestTimeoutMs: 10_000, totalTimeoutMs: 20_000, maxTools: 100, maxBytes: 1 << 20, maxPages: 5, maxDescriptionChars: Infinity },
    sandbox: { memoryMb: 256, noNetwork: caps.namespaces },
    installTimeoutMs: 60_000,
    maxAttempts: 5,
    packageTimeoutMs: 90_000,
    node22,
    workRoot: root,
    now: () => new Date("2026-12-01T00:00:00Z"),
    ...over,
  };
}

describe("npm run corpus, end to end on a local registry", () => {
  it("lists real servers with their own annotations, records every other outcome, never touches an evaluation package, and resumes", { timeout: 240_000 }, async () => {
    const dataDir = await mkdtemp(join(root, "data-"));
    const first = await runHarvest(await options(dataDir));

    const manifest = manifestSchema.parse(JSON.parse(await readFile(join(dataDir, "manifest.json"), "utf8")));
    expect(manifest.packages.map((p) => p.package)).toEqual(["@modelcontextprotocol/sdk", "tiny-annotated-server", "tiny-crasher", "tiny-keyed-server", "tiny-library"]);
    expect(manifest.excludedCandidates).toBe(1);
    expect(manifest.candidateOrigins).toEqual({ "file:candidates.tsv": 1, "search:keywords:mcp": 4 });
    const byName = Object.fromEntries(manifest.packages.map((p) => [p.package, p]));

    expect(byName["tiny-annotated-server"]).toMatchObject({
      version: "1.0.0",
      origin: "file:candidates.tsv",
      repository: "https://github.com/example/tiny-servers",
      repositoryDirectory: "packages/annotated",
      license: "MIT",
      listedAt: "2026-12-01T00:00:00.000Z",
      status: "listed",
      evidence: "mcpName",
      tools: 3,
      annotated: 2,
      start: { node: "20", attempts: 1 },
    });
    // The variable its code reads is filled before the first start; the one it only names in its complaint on the second.
    expect(byName["tiny-keyed-server"], JSON.stringify(byName["tiny-keyed-server"])).toMatchObject({ status: "listed", evidence: "bin+framework", license: "Apache-2.0", tools: 1, annotated: 1 });
    expect(byName["tiny-keyed-server"]!.start).toEqual({ node: "20", env: ["TINY_REGION_TOKEN", "TINY_SERVICE_API_KEY"], args: [], attempts: 2 });
    expect(byName["tiny-library"]).toMatchObject({ status: "not-a-server", reason: "no-bin", tools: 0 });
    expect(byName["@modelcontextprotocol/sdk"]).toMatchObject({ status: "not-a-server", reason: "no-bin" });
    // A crash that is not about configuration tries Node 22 next; this registry has none, and the failure says so.
    expect(byName["tiny-crasher"]).toMatchObject({ status: "failed", reason: "crashed" });
    expect(byName["tiny-crasher"]!.detail).toMatch(/^Node 22, to try next, is unavailable .*boom: something internal broke/);

    const lines = gunzipSync(await readFile(join(dataDir, "tools.jsonl.gz"))).toString("utf8").trim().split("\n").map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual([
      { package: "tiny-annotated-server", version: "1.0.0", name: "read_note", title: "Read a note", description: "Read one note by id.", inputSchema: ANNOTATED_TOOLS[0]!.inputSchema, annotations: { readOnlyHint: true, title: "Read note" } },
      { package: "tiny-annotated-server", version: "1.0.0", name: "delete_note", description: "Delete a note for good.", inputSchema: { type: "object" }, annotations: { readOnlyHint: false, destructiveHint: true } },
      { package: "tiny-annotated-server", version: "1.0.0", name: "plain_tool", inputSchema: { type: "object" } },
      { package: "tiny-keyed-server", version: "2.0.0", name: "list_regions", description: "List regions.", annotations: { readOnlyHint: true } },
    ]);
    expect(first.corpus).toMatchObject({ packages: 5, servers: 3, listed: 2, annotatedServers: 2, tools: 4, annotatedTools: 3, failures: { crashed: 1 }, notServers: { "no-bin": 2 } });

    // The evaluation package was offered by the file and by search, and never asked about.
    expect(registry.requests.filter((r) => r.includes("tiny-evaluation-server"))).toEqual([]);

    // Rerun: everything is done at its version, nothing is installed again, the tools file is byte for byte the same.
    const toolsBefore = await readFile(join(dataDir, "tools.jsonl.gz"));
    const tarballsBefore = registry.requests.filter((r) => r.startsWith("/tarballs/")).length;
    const second = await runHarvest(await options(dataDir));
    expect(second.run).toEqual({ candidates: 5, harvested: 0, skipped: 5, refusedByRepository: 0 });
    expect(registry.requests.filter((r) => r.startsWith("/tarballs/")).length).toBe(tarballsBefore);
    expect(await readFile(join(dataDir, "tools.jsonl.gz"))).toEqual(toolsBefore);

    // --retry tries the failed one again, and only it.
    const third = await runHarvest(await options(dataDir, { retry: true }));
    expect(third.run).toEqual({ candidates: 5, harvested: 1, skipped: 4, refusedByRepository: 0 });
  });

  it("--only an evaluation package refuses it without a request and records nothing", async () => {
    const dataDir = await mkdtemp(join(root, "data-"));
    const before = registry.requests.length;
    const log: string[] = [];
    const summary = await runHarvest(await options(dataDir, { only: ["Tiny-Evaluation-Server"], log: (l) => log.push(l) }));
    expect(summary.run.harvested).toBe(0);
    expect(log.join("\n")).toMatch(/Tiny-Evaluation-Server: refused, an evaluation package/);
    expect(registry.requests.slice(before).filter((r) => !r.startsWith("/-/v1/search"))).toEqual([]);
    const manifest = manifestSchema.parse(JSON.parse(await readFile(join(dataDir, "manifest.json"), "utf8")));
    expect(manifest.packages).toEqual([]);
  });

  it("a placeholder entry writes its files into the workspace before the start, and its own time bound replaces the harvest's", { timeout: 120_000 }, async () => {
    const configured: FixturePackage = {
      manifest: { name: "tiny-configured-server", version: "1.0.0", mcpName: "io.github.example/tiny-configured", bin: "server.js" },
      files: {
        "server.js": server(
          [{ name: "list_environments", annotations: { readOnlyHint: true } }],
          `const envs = JSON.parse(require("node:fs").readFileSync(process.env.TINY_CONFIG_FILE, "utf8"));
if (!Array.isArray(envs) || !envs[0]?.alias) { console.error("Configuration must be an array of environments"); process.exit(1); }`,
        ),
      },
    };
    // Never answers: only a time bound ends it.
    const silent: FixturePackage = { manifest: { name: "tiny-silent-server", version: "1.0.0", mcpName: "io.github.example/tiny-silent", bin: "server.js" }, files: { "server.js": "#!/usr/bin/env node\nsetInterval(() => {}, 1000);\n" } };
    const local = await startNpmRegistry([configured, silent]);
    try {
      const dataDir = await mkdtemp(join(root, "data-"));
      const o = await options(dataDir, { registryUrl: local.url, npmRegistryUrl: local.url });
      const placeholders = {
        "tiny-configured-server": { env: { TINY_CONFIG_FILE: "{workspace}/envs.json" }, files: { "envs.json": '[{"alias":"placeholder","root":"{workspace}"}]' } },
        "tiny-silent-server": { timeoutMs: 3_000 },
      };
      const candidates = [{ name: "tiny-configured-server", origin: "file:c.tsv" }, { name: "tiny-silent-server", origin: "file:c.tsv" }];
      const summary = await runHarvest({ ...o, candidates, placeholders });
      expect(summary.corpus).toMatchObject({ listed: 1, annotatedTools: 1, failures: { timeout: 1 } });
      const manifest = manifestSchema.parse(JSON.parse(await readFile(join(dataDir, "manifest.json"), "utf8")));
      const byName = Object.fromEntries(manifest.packages.map((p) => [p.package, p]));
      expect(byName["tiny-configured-server"]).toMatchObject({ status: "listed", tools: 1, start: { env: ["TINY_CONFIG_FILE"], attempts: 1 } });
      expect(byName["tiny-silent-server"]).toMatchObject({ status: "failed", reason: "timeout", detail: "the package took more than 3000 ms in all" });
    } finally {
      await local.close();
    }
  });

  it("--annotated-first reads each candidate's tarball without installing it and harvests those that declare hints first", { timeout: 120_000 }, async () => {
    const pack = { npmRegistryUrl: registry.url, timeoutMs: 30_000, workRoot: root };
    // The annotated server's file gives its three literal hints; a server without any gives none.
    expect(await packedHintLiterals("tiny-annotated-server", "1.0.0", pack)).toBe(3);
    expect(await packedHintLiterals("tiny-crasher", "1.0.0", pack)).toBe(0);

    const dataDir = await mkdtemp(join(root, "data-"));
    const log: string[] = [];
    const o = await options(dataDir, { annotatedFirst: true, log: (l) => log.push(l) });
    const candidates = [{ name: "tiny-crasher", origin: "file:c.tsv" }, { name: "tiny-library", origin: "file:c.tsv" }, { name: "tiny-annotated-server", origin: "file:c.tsv" }];
    await runHarvest({ ...o, candidates, concurrency: 1 });
    expect(log).toContain("1 of the candidates to harvest declare tool hints in their own files: those go first");
    expect(log.filter((l) => l.startsWith("[")).map((l) => l.replace(/^\[\d+\/\d+\] (\S+)@.*$/, "$1"))).toEqual(["tiny-annotated-server", "tiny-crasher", "tiny-library"]);
  });
});
