// Evaluation packages: refused by name before any request, dropped from candidates, and absent from everything the corpus commits.
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_HTTP_OPTIONS, HttpClient } from "../../crawler/http.js";
import { mergeCandidates, parseCandidatesTsv } from "../../scripts/dev/corpus/candidates.js";
import { Corpus, manifestSchema, toolRecordSchema } from "../../scripts/dev/corpus/corpus-data.js";
import { DEFAULT_EXCLUDED_FILE, ExcludedPackageError, ExcludedPackages, ExcludedRepositoryError } from "../../scripts/dev/corpus/excluded.js";
import {
  DEFAULT_EXCLUDED_REPOSITORIES_FILE,
  formatRepositoryList,
  lookUpRepositories,
  parseRepositoryList,
  readRepositoryList,
} from "../../scripts/dev/corpus/excluded-repositories.js";
import { npmManifestSchema } from "../../crawler/sources/npm-manifest.js";
import { fetchLatestManifest, harvestPackage, manifestRepositories, type HarvestOptions } from "../../scripts/dev/corpus/harvest.js";
import { Node22 } from "../../scripts/dev/corpus/node-runtime.js";
import { runHarvest } from "../../scripts/dev/corpus/run.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";

const DATA = "scripts/dev/corpus/data";
const evaluationRepositories = readRepositoryList(DEFAULT_EXCLUDED_REPOSITORIES_FILE) ?? [];
// Forks that copy an evaluation package's code are refused like its own repository (the corpus script reads the same file).
const copiedRepositories = readRepositoryList("scripts/dev/corpus/evaluation-copies.txt") ?? [];
const excludedList = ExcludedPackages.read(DEFAULT_EXCLUDED_FILE).withRepositories([...evaluationRepositories, ...copiedRepositories]);
const evaluationNames = readFileSync(DEFAULT_EXCLUDED_FILE, "utf8")
  .split("\n")
  .map((l) => l.replace(/#.*/, "").trim())
  .filter(Boolean);

/** Harvest options for refusal tests: short limits, since nothing here may get as far as an install. */
function harvestOptions(registryUrl: string, http: HttpClient, excluded: ExcludedPackages): HarvestOptions {
  return {
    registryUrl,
    http,
    excluded,
    placeholders: {},
    limits: { connectTimeoutMs: 1000, requestTimeoutMs: 1000, totalTimeoutMs: 2000, maxTools: 10, maxBytes: 1000, maxPages: 1 },
    sandbox: { memoryMb: 128, noNetwork: true },
    installTimeoutMs: 1000,
    maxAttempts: 1,
    packageTimeoutMs: 5000,
    node22: new Node22({ timeoutMs: 1000, npmRegistryUrl: registryUrl }),
    now: () => new Date("2026-12-01T00:00:00Z"),
  };
}

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

  it("the committed list of evaluation copies is read", () => {
    expect(copiedRepositories).toContain("github.com/harshaust06/playwright-mcp");
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

describe("the repository rule", () => {
  it("refuses a package from an evaluation package's repository, whatever form the URL takes; another repository or none passes", () => {
    const list = new ExcludedPackages(["eval-a"], ["git+https://github.com/Acme/Eval-Servers.git"]);
    expect(list.repositoryCount).toBe(1);
    for (const url of ["https://github.com/acme/eval-servers", "git@github.com:ACME/eval-servers.git", "github.com/acme/eval-servers/tree/main/packages/other", "https://www.github.com/acme/eval-servers/"]) {
      expect(list.hasRepository(url)).toBe(true);
    }
    expect(list.hasRepository("https://github.com/acme/eval-servers-2")).toBe(false);
    expect(list.hasRepository("https://github.com/other/eval-servers")).toBe(false);
    expect(list.hasRepository(undefined)).toBe(false);
    expect(() => list.refuseRepository("sibling", ["https://github.com/other/x", "https://github.com/acme/eval-servers"])).toThrow(ExcludedRepositoryError);
    expect(() => list.refuseRepository("sibling", ["https://github.com/acme/eval-servers"])).toThrow(/repository of an evaluation package/);
    expect(() => list.refuseRepository("sibling", [])).not.toThrow();
    expect(list.evaluationRepository(["https://github.com/other/x", "git+https://github.com/acme/eval-servers.git"])).toBe("git+https://github.com/acme/eval-servers.git");
    // Names still refuse, and withRepositories keeps what was known.
    const more = list.withRepositories(["https://gitlab.com/b/c"]);
    expect(more.has("eval-a")).toBe(true);
    expect(more.repositoryCount).toBe(2);
  });

  it("a manifest's repositories: the declared one, and the code-host repository its bugs or homepage link lies in", () => {
    const m = (o: Record<string, unknown>) => npmManifestSchema.parse({ name: "p", version: "1.0.0", ...o });
    // An old monorepo package names its repository only in its bugs link.
    expect(manifestRepositories(m({ bugs: "https://github.com/Acme/Servers/issues", homepage: "https://acme.example" }))).toEqual(["https://github.com/acme/servers"]);
    expect(manifestRepositories(m({ repository: "github:acme/one", bugs: { url: "https://github.com/acme/one/issues" }, homepage: "https://gitlab.com/acme/two#readme" }))).toEqual([
      "https://github.com/acme/one",
      "https://gitlab.com/acme/two",
    ]);
    expect(manifestRepositories(m({ homepage: "https://docs.acme.example/x/y" }))).toEqual([]);
  });

  it("the list file reads back what it writes: normal keys, sorted, once each, comments ignored", () => {
    const text = formatRepositoryList(["git+https://github.com/B/b.git", "https://github.com/a/a", "https://github.com/b/b"]);
    expect(text.startsWith("#")).toBe(true);
    expect(parseRepositoryList(text)).toEqual(["github.com/a/a", "github.com/b/b"]);
  });

  it("looks up only the evaluation packages' repository fields, counting those that name none", async () => {
    const registry = await startLocalServer((req, res) => {
      const name = decodeURIComponent(req.url ?? "").split("/")[1];
      if (name === "no-such") {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ name, version: "1.0.0", ...(name === "bare" ? {} : { repository: { type: "git", url: `git+https://github.com/vendor/${name}.git` } }) }));
    });
    const http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, userAgent: "corpus-test", allowPrivateNetwork: true, maxAttempts: 1 });
    try {
      const found = await lookUpRepositories(["one", "two", "bare", "no-such"], { http, registryUrl: registry.url });
      expect(found).toEqual({ repositories: ["https://github.com/vendor/one", "https://github.com/vendor/two"], unresolved: 2 });
      expect(registry.requests).toEqual(["/one/latest", "/two/latest", "/bare/latest", "/no-such/latest"]);
    } finally {
      await http.close();
      await registry.close();
    }
  });

  it("the committed list holds the repositories of most evaluation packages", () => {
    expect(existsSync(DEFAULT_EXCLUDED_REPOSITORIES_FILE)).toBe(true);
    expect(evaluationRepositories.length).toBeGreaterThan(evaluationNames.length / 2);
    expect(excludedList.repositoryCount).toBe(new Set([...evaluationRepositories, ...copiedRepositories]).size);
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
    const o = harvestOptions(registry.url, http, excludedList);
    await expect(fetchLatestManifest(name, o)).rejects.toBeInstanceOf(ExcludedPackageError);
    await expect(harvestPackage({ name: name.toUpperCase(), origin: "cli:--only" }, o)).rejects.toBeInstanceOf(ExcludedPackageError);
    // A package the list does not name goes through to the registry: the server above is really listening.
    await fetchLatestManifest("some-other-package", o);
    expect(registry.requests).toEqual(["/some-other-package/latest"]);
  });
});

describe("refusal by repository, before any install", () => {
  const EVAL_REPO = "https://github.com/acme/eval-servers";
  let registry: LocalServer;
  let http: HttpClient;
  let dir: string;
  beforeAll(async () => {
    registry = await startLocalServer((req, res) => {
      const name = decodeURIComponent(req.url ?? "").split("/")[1];
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ name, version: "2.0.0", mcpName: "io.github.acme/sibling", bin: "a.js", repository: { type: "git", url: `git+${EVAL_REPO}.git`, directory: "packages/sibling" } }));
    });
    http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, userAgent: "corpus-test", allowPrivateNetwork: true, maxAttempts: 1 });
    dir = await mkdtemp(join(tmpdir(), "corpus-repo-rule-"));
  });
  afterAll(async () => {
    await http.close();
    await registry.close();
    await rm(dir, { recursive: true, force: true });
  });

  const options = (excluded: ExcludedPackages) => harvestOptions(registry.url, http, excluded);

  it("harvestPackage throws ExcludedRepositoryError after reading the manifest, and installs nothing", async () => {
    const before = registry.requests.length;
    const o = options(new ExcludedPackages(["eval-server"], [EVAL_REPO]));
    await expect(harvestPackage({ name: "sibling-server", origin: "cli:--only" }, o)).rejects.toBeInstanceOf(ExcludedRepositoryError);
    expect(registry.requests.slice(before)).toEqual(["/sibling-server/latest"]);
  });

  it("a run records the candidate as refused, drops what an earlier run collected of it, and does not redo it", async () => {
    // An earlier run, before its repository was known to be an evaluation package's, listed it.
    const earlier = new Corpus();
    earlier.set({ package: "sibling-server", version: "1.0.0", origin: "file:c.tsv", repository: EVAL_REPO, listedAt: "2026-11-01T00:00:00.000Z", status: "listed", tools: 1, annotated: 1 }, [
      { package: "sibling-server", version: "1.0.0", name: "t", annotations: { readOnlyHint: true } },
    ]);
    earlier.set({ package: "kept-server", version: "1.0.0", origin: "file:c.tsv", listedAt: "2026-11-01T00:00:00.000Z", status: "failed", reason: "timeout", tools: 0, annotated: 0 }, []);
    earlier.save(dir, { generatedAt: "2026-11-01T00:00:00.000Z", candidatesFile: "c.tsv" });

    const run = async () => {
      const log: string[] = [];
      const summary = await runHarvest({
        ...options(new ExcludedPackages(["eval-server"], [EVAL_REPO])),
        candidates: [{ name: "sibling-server", origin: "file:c.tsv" }],
        excludedCandidates: 0,
        dataDir: dir,
        candidatesFile: "c.tsv",
        concurrency: 1,
        retry: true,
        flushIntervalMs: 60_000,
        log: (l) => log.push(l),
      });
      return { summary, log };
    };
    const before = registry.requests.length;
    const first = await run();
    expect(first.summary.run).toMatchObject({ harvested: 0, refusedByRepository: 1 });
    expect(first.summary.corpus).toMatchObject({ packages: 2, refused: 1, listed: 0, tools: 0 });
    expect(first.log.join("\n")).toMatch(/sibling-server: refused, from https:\/\/github\.com\/acme\/eval-servers/);
    expect(registry.requests.slice(before)).toEqual(["/sibling-server/latest"]);
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")));
    expect(manifest.packages).toEqual([
      expect.objectContaining({ package: "kept-server", status: "failed" }),
      { package: "sibling-server", version: "2.0.0", origin: "file:c.tsv", repository: EVAL_REPO, repositoryDirectory: "packages/sibling", listedAt: "2026-12-01T00:00:00.000Z", status: "refused", reason: "evaluation-repository", tools: 0, annotated: 0 },
    ]);
    expect(gunzipSync(readFileSync(join(dir, "tools.jsonl.gz"))).toString("utf8")).toBe("");
    // Resumed: still refused, nothing rewritten, nothing installed.
    const second = await run();
    expect(second.summary.run).toMatchObject({ harvested: 0, refusedByRepository: 1 });
    expect(second.log).toEqual([]);
  });

  it("loading a corpus turns a package whose repository has since become an evaluation package's into a refused entry without tools", () => {
    const earlier = new Corpus();
    earlier.set({ package: "late-sibling", version: "1.0.0", origin: "file:c.tsv", repository: "https://github.com/other/x", listedAt: "2026-11-01T00:00:00.000Z", status: "listed", tools: 1, annotated: 0 }, [
      { package: "late-sibling", version: "1.0.0", name: "t" },
    ]);
    earlier.save(dir, { generatedAt: "2026-11-01T00:00:00.000Z", candidatesFile: "c.tsv" });
    expect(Corpus.load(dir, new ExcludedPackages([], ["https://github.com/third/y"])).changedOnLoad).toBe(0);
    const back = Corpus.load(dir, new ExcludedPackages([], ["git+https://github.com/Other/X.git"]));
    expect(back.changedOnLoad).toBe(1);
    expect([...back.entries.values()]).toEqual([expect.objectContaining({ package: "late-sibling", status: "refused", reason: "evaluation-repository", tools: 0, annotated: 0 })]);
    expect(back.toolLines()).toBe("");
  });
});

describe("the committed corpus", () => {
  it("names no evaluation package: not in the manifest, not in the tools, not in the committed candidate list", () => {
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(DATA, "manifest.json"), "utf8")));
    expect(manifest.packages.length).toBeGreaterThan(0);
    expect(manifest.packages.filter((p) => excludedList.has(p.package)).map((p) => p.package)).toEqual([]);
    // A package from an evaluation package's repository is only ever recorded as refused, with nothing collected.
    expect(manifest.packages.filter((p) => excludedList.hasRepository(p.repository) && (p.status !== "refused" || p.tools > 0)).map((p) => p.package)).toEqual([]);

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
