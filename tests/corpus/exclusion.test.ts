// Evaluation packages: refused by name before any request, dropped from candidates, and absent from everything the corpus commits.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_HTTP_OPTIONS, HttpClient } from "../../crawler/http.js";
import { mergeCandidates, parseCandidatesTsv } from "../../scripts/dev/corpus/candidates.js";
import { manifestSchema, toolRecordSchema } from "../../scripts/dev/corpus/corpus-data.js";
import { DEFAULT_EXCLUDED_FILE, ExcludedPackageError, ExcludedPackages } from "../../scripts/dev/corpus/excluded.js";
import { fetchLatestManifest, harvestPackage, type HarvestOptions } from "../../scripts/dev/corpus/harvest.js";
import { Node22 } from "../../scripts/dev/corpus/node-runtime.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";

const DATA = "scripts/dev/corpus/data";
const excludedList = ExcludedPackages.read(DEFAULT_EXCLUDED_FILE);
const evaluationNames = readFileSync(DEFAULT_EXCLUDED_FILE, "utf8")
  .split("\n")
  .map((l) => l.replace(/#.*/, "").trim())
  .filter(Boolean);

describe("the exclusion list", () => {
  it("parses names, ignoring comments and blank lines, and matches regardless of case", () => {
    const list = ExcludedPackages.parse("# evaluation servers\n@Acme/Secret-MCP\n\nplain-server  # trailing note\n");
    expect(list.size).toBe(2);
    expect(list.has("@acme/secret-mcp")).toBe(true);
    expect(list.has("PLAIN-SERVER")).toBe(true);
    // Its platform builds and plug-ins are the same server: refused too. A longer name without the dash is another package.
    expect(list.has("plain-server-linux-x64")).toBe(true);
    expect(list.has("@acme/secret-mcp-provider-tools")).toBe(true);
    expect(list.has("plain-servers")).toBe(false);
    expect(list.has("other-plain-server")).toBe(false);
    expect(() => list.refuse("@ACME/secret-mcp")).toThrow(ExcludedPackageError);
    expect(() => list.refuse("other")).not.toThrow();
  });

  it("the shared list is read (the evaluation set is not empty)", () => {
    expect(evaluationNames.length).toBeGreaterThan(100);
    expect(excludedList.size).toBe(new Set(evaluationNames.map((n) => n.toLowerCase())).size);
  });

  it("candidates drop evaluation packages from every source and count them once", () => {
    const list = new ExcludedPackages(["eval-a", "@v/eval-b"]);
    const merged = mergeCandidates(
      [parseCandidatesTsv("# c\neval-a\t10\nkeep-1\t5\n@V/Eval-B\t1\n", "file:c.tsv"), [{ name: "eval-a", origin: "search:keywords:mcp" }, { name: "keep-1", origin: "search:keywords:mcp" }, { name: "keep-2", origin: "fixture:x.json" }]],
      list,
    );
    expect(merged.candidates).toEqual([
      { name: "keep-1", origin: "file:c.tsv" },
      { name: "keep-2", origin: "fixture:x.json" },
    ]);
    expect(merged.excluded).toBe(2);
  });
});

describe("refusal before any request", () => {
  let registry: LocalServer;
  let http: HttpClient;
  beforeAll(async () => {
    registry = await startLocalServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ name: "x", version: "1.0.0", mcpName: "io.github.x/y", bin: "a.js" }));
    });
    http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, userAgent: "corpus-test", allowPrivateNetwork: true, maxAttempts: 1 });
  });
  afterAll(async () => {
    await http.close();
    await registry.close();
  });

  it("fetchLatestManifest and harvestPackage throw ExcludedPackageError for an evaluation package, and the registry hears nothing", async () => {
    const name = evaluationNames[0]!;
    const o = {
      registryUrl: registry.url,
      http,
      excluded: excludedList,
      placeholders: {},
      limits: { connectTimeoutMs: 1000, requestTimeoutMs: 1000, totalTimeoutMs: 2000, maxTools: 10, maxBytes: 1000, maxPages: 1 },
      sandbox: { memoryMb: 128, noNetwork: true },
      installTimeoutMs: 1000,
      maxAttempts: 1,
      packageTimeoutMs: 5000,
      node22: new Node22({ timeoutMs: 1000, npmRegistryUrl: registry.url }),
      now: () => new Date(),
    } satisfies HarvestOptions;
    await expect(fetchLatestManifest(name, o)).rejects.toBeInstanceOf(ExcludedPackageError);
    await expect(harvestPackage({ name: name.toUpperCase(), origin: "cli:--only" }, o)).rejects.toBeInstanceOf(ExcludedPackageError);
    // A package the list does not name goes through to the registry: the server above is really listening.
    await fetchLatestManifest("some-other-package", o);
    expect(registry.requests).toEqual(["/some-other-package/latest"]);
  });
});

describe("the committed corpus", () => {
  it("names no evaluation package: not in the manifest, not in the tools, not in the committed candidate list", () => {
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(DATA, "manifest.json"), "utf8")));
    expect(manifest.packages.length).toBeGreaterThan(0);
    expect(manifest.packages.filter((p) => excludedList.has(p.package)).map((p) => p.package)).toEqual([]);

    const tools = gunzipSync(readFileSync(join(DATA, "tools.jsonl.gz"))).toString("utf8").split("\n").filter(Boolean);
    expect(tools.length).toBeGreaterThan(0);
    const packages = new Set(tools.map((l) => toolRecordSchema.parse(JSON.parse(l)).package));
    expect([...packages].filter((p) => excludedList.has(p))).toEqual([]);
    // Every tool belongs to a listed package of the manifest at that package's version.
    const listed = new Map(manifest.packages.filter((p) => p.status === "listed").map((p) => [p.package, p.version]));
    for (const l of tools) {
      const t = toolRecordSchema.parse(JSON.parse(l));
      expect(listed.get(t.package)).toBe(t.version);
    }

    const extra = "scripts/dev/corpus/npm-package-list-candidates.tsv";
    expect(existsSync(extra)).toBe(true);
    expect(parseCandidatesTsv(readFileSync(extra, "utf8"), "x").filter((c) => excludedList.has(c.name))).toEqual([]);
  });
});
