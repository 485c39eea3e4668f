// The corpus files: a tool line exactly as listed, deterministic writing, reading back, the figures, and which packages a run redoes.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toolInputSchema } from "../../classifier/tool.js";
import { npmManifestSchema } from "../../crawler/sources/npm-manifest.js";
import { Corpus, isAnnotated, toolRecord as record, type PackageEntry } from "../../scripts/dev/corpus/corpus-data.js";
import { ExcludedPackages } from "../../scripts/dev/corpus/excluded.js";
import { hintLiterals } from "../../scripts/dev/corpus/prescreen.js";
import { corpusFigures, needsHarvest, orderByHints, selectCandidates } from "../../scripts/dev/corpus/run.js";

/** A tool as the crawler hands it over (validated by the same schema). */
const toolRecord = (pkg: string, version: string, tool: unknown) => record(pkg, version, toolInputSchema.parse(tool));

const entry = (p: Partial<PackageEntry> & Pick<PackageEntry, "package" | "status">): PackageEntry => ({ version: "1.0.0", origin: "file:c.tsv", listedAt: "2026-12-01T00:00:00.000Z", tools: 0, annotated: 0, ...p });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "corpus-data-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("toolRecord", () => {
  it("keeps the tool as listed: absent fields stay absent, null annotation values are dropped, extra tool fields are not copied", () => {
    expect(toolRecord("p", "1.0.0", { name: "t" })).toEqual({ package: "p", version: "1.0.0", name: "t" });
    const listed = { name: "t", title: "T", description: "D", inputSchema: { type: "object" }, annotations: { readOnlyHint: false, destructiveHint: true, vendor: null }, outputSchema: { type: "object" } };
    expect(toolRecord("p", "1.0.0", listed)).toEqual({ package: "p", version: "1.0.0", name: "t", title: "T", description: "D", inputSchema: { type: "object" }, annotations: { readOnlyHint: false, destructiveHint: true } });
  });

  it("a tool is labelled only by an explicit boolean readOnlyHint", () => {
    expect(isAnnotated(toolRecord("p", "1", { name: "a", annotations: { readOnlyHint: false } }))).toBe(true);
    expect(isAnnotated(toolRecord("p", "1", { name: "a", annotations: { destructiveHint: true } }))).toBe(false);
    expect(isAnnotated(toolRecord("p", "1", { name: "a" }))).toBe(false);
  });
});

describe("Corpus files", () => {
  it("writes packages sorted by name and each server's tools in its order, the same bytes every time, and reads them back", async () => {
    const c = new Corpus();
    c.excludedCandidates = 3;
    c.set(entry({ package: "zeta", status: "listed", tools: 2, annotated: 1 }), [toolRecord("zeta", "1.0.0", { name: "z2", annotations: { readOnlyHint: true } }), toolRecord("zeta", "1.0.0", { name: "a1" })]);
    c.set(entry({ package: "@scope/alpha", status: "failed", reason: "timeout", origin: "fixture:x.json" }), []);
    c.set(entry({ package: "mid", status: "not-a-server", reason: "no-bin" }), []);
    const meta = { generatedAt: "2026-12-01T00:00:00.000Z", candidatesFile: "c.tsv" };
    c.save(dir, meta);
    const first = [await readFile(join(dir, "manifest.json")), await readFile(join(dir, "tools.jsonl.gz"))];
    c.save(dir, meta);
    expect([await readFile(join(dir, "manifest.json")), await readFile(join(dir, "tools.jsonl.gz"))]).toEqual(first);

    const manifest = c.manifest(meta);
    expect(manifest.packages.map((p) => p.package)).toEqual(["@scope/alpha", "mid", "zeta"]);
    expect(manifest.candidateOrigins).toEqual({ "file:c.tsv": 2, "fixture:x.json": 1 });
    expect(c.toolLines().split("\n").filter(Boolean).map((l) => (JSON.parse(l) as { name: string }).name)).toEqual(["z2", "a1"]);

    const back = Corpus.load(dir, new ExcludedPackages([]));
    expect(back.manifest(meta)).toEqual(manifest);
    expect(back.toolLines()).toBe(c.toolLines());
    // A package that has since joined the evaluation list is dropped on load, tools and all.
    const dropped = Corpus.load(dir, new ExcludedPackages(["ZETA"]));
    expect([...dropped.entries.keys()].sort()).toEqual(["@scope/alpha", "mid"]);
    expect(dropped.toolLines()).toBe("");
  });

  it("an empty directory is an empty corpus", () => {
    expect(Corpus.load(join(dir, "nothing-here"), new ExcludedPackages([])).entries.size).toBe(0);
  });
});

describe("run decisions", () => {
  it("redoes a package at a new version, a failed one only with --retry, a non-server once its manifest proves a server, never a done one at its version", () => {
    const v1 = npmManifestSchema.parse({ name: "a", version: "1.0.0", bin: "cli.js" });
    expect(needsHarvest(undefined, v1, false)).toBe(true);
    expect(needsHarvest(entry({ package: "a", status: "listed" }), { ...v1, version: "1.0.1" }, false)).toBe(true);
    expect(needsHarvest(entry({ package: "a", status: "listed" }), v1, true)).toBe(false);
    expect(needsHarvest(entry({ package: "a", status: "failed" }), v1, false)).toBe(false);
    expect(needsHarvest(entry({ package: "a", status: "failed" }), v1, true)).toBe(true);
    expect(needsHarvest(entry({ package: "a", status: "not-a-server" }), v1, true)).toBe(false);
    expect(needsHarvest(entry({ package: "a", status: "not-a-server" }), { ...v1, keywords: ["mcp-server"] }, false)).toBe(true);
  });

  it("--only picks by name (a name no source offered still runs), --limit takes the first N", () => {
    const all = [
      { name: "a", origin: "f" },
      { name: "B", origin: "f" },
      { name: "c", origin: "f" },
    ];
    expect(selectCandidates(all, { only: ["b", "zz"] })).toEqual([{ name: "B", origin: "f" }, { name: "zz", origin: "cli:--only" }]);
    expect(selectCandidates(all, { limit: 2 })).toEqual(all.slice(0, 2));
    expect(selectCandidates(all, {})).toEqual(all);
  });

  it("counts literal hint values as written or minified, not the SDK's schema of them", () => {
    expect(hintLiterals(`annotations: { readOnlyHint: true, destructiveHint: false }`)).toBe(2);
    expect(hintLiterals(`{"readOnlyHint":true}`)).toBe(1);
    expect(hintLiterals(`annotations:{readOnlyHint:!0,destructiveHint:!1}`)).toBe(2);
    expect(hintLiterals(`readOnlyHint: z.boolean().optional(), destructiveHint: z.optional(z.boolean())`)).toBe(0);
    expect(hintLiterals(`readOnlyHint: isReadOnly, notreadOnlyHint: true`)).toBe(0);
  });

  it("orders candidates with hints first, most first, the rest in their given order", () => {
    const c = (name: string) => ({ name, origin: "file:c.tsv" });
    const hints = new Map([["b", 2], ["d", 5], ["e", 2], ["a", 0]]);
    expect(orderByHints([c("a"), c("b"), c("c"), c("d"), c("e")], hints).map((x) => x.name)).toEqual(["d", "b", "e", "a", "c"]);
  });

  it("counts servers, listings, labelled tools and failures by reason over the whole corpus", () => {
    const f = corpusFigures([
      entry({ package: "a", status: "listed", evidence: "mcpName", tools: 10, annotated: 4 }),
      entry({ package: "b", status: "listed", evidence: "bin+framework", tools: 3, annotated: 0 }),
      entry({ package: "c", status: "failed", evidence: "mcpName", reason: "needs-config" }),
      entry({ package: "d", status: "failed", reason: "no-manifest" }),
      entry({ package: "e", status: "not-a-server", reason: "no-bin" }),
      entry({ package: "f", status: "refused", reason: "evaluation-repository" }),
    ]);
    expect(f).toEqual({ packages: 6, noManifest: 1, refused: 1, servers: 3, listed: 2, annotatedServers: 1, tools: 13, annotatedTools: 4, notServers: { "no-bin": 1 }, failures: { "needs-config": 1 } });
  });
});

describe("the published package", () => {
  it("leaves the development scripts and the corpus data out", async () => {
    const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { env: { PATH: process.env.PATH ?? "", HOME: dir } });
    const files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    // The product's compiled code is published (the crawler the corpus reuses among it); the corpus script and its data are not.
    expect(files).toContain("dist/crawler/sources/npm-manifest.js");
    expect(files.filter((f) => /(^|\/)scripts\/dev\/|corpus/.test(f))).toEqual([]);
  });
});
