// The corpus on disk: tools.jsonl.gz (one listed tool a line) and manifest.json (one entry a package), their shapes, and reading / writing them deterministically.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { z } from "zod";
import type { ToolInput } from "../../../classifier/tool.js";
import type { ExcludedPackages } from "./excluded.js";

export const TOOLS_FILE = "tools.jsonl.gz";
export const MANIFEST_FILE = "manifest.json";

export const toolRecordSchema = z
  .object({
    package: z.string(),
    version: z.string(),
    name: z.string(),
    title: z.string().optional(),
    description: z.string().optional(),
    inputSchema: z.record(z.string(), z.unknown()).optional(),
    annotations: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type ToolRecord = z.infer<typeof toolRecordSchema>;

/** `refused`: from an evaluation package's repository; recorded (it is no evaluation package) but never installed. */
export const PACKAGE_STATUSES = ["listed", "failed", "not-a-server", "refused"] as const;

/** The reason of a refused entry. */
export const EVALUATION_REPOSITORY = "evaluation-repository";

export const packageEntrySchema = z
  .object({
    package: z.string(),
    /** The version tried (the `latest` dist-tag then); absent when the registry had no manifest. */
    version: z.string().optional(),
    /** Where the candidate's name came from. */
    origin: z.string(),
    /** Normalised repository URL from the manifest: groups a vendor's / monorepo's servers for leave-server-out folds. */
    repository: z.string().optional(),
    repositoryDirectory: z.string().optional(),
    license: z.string().optional(),
    /** When the package was tried. */
    listedAt: z.string(),
    status: z.enum(PACKAGE_STATUSES),
    /** Why it failed, is not a server or was refused (a FailureCode, a ServerEvidence reason, EVALUATION_REPOSITORY). */
    reason: z.string().optional(),
    /** The last error's text, cut. */
    detail: z.string().optional(),
    /** What proved it a server. */
    evidence: z.enum(["mcpName", "bin+framework", "bin+keyword"]).optional(),
    tools: z.number().int().nonnegative(),
    /** Tools carrying an explicit boolean readOnlyHint (the labelled ones). */
    annotated: z.number().int().nonnegative(),
    /** Tools the server sent that were not valid MCP tools (left out). */
    skippedTools: z.number().int().nonnegative().optional(),
    /** How it was started: the Node used, the placeholder variables set (names only) and the arguments, and how many tries it took. */
    start: z
      .object({ node: z.enum(["20", "22"]), env: z.array(z.string()), args: z.array(z.string()), attempts: z.number().int().positive() })
      .optional(),
    serverInfo: z.object({ name: z.string(), version: z.string().optional() }).optional(),
    protocolVersion: z.string().optional(),
  })
  .strict();
export type PackageEntry = z.infer<typeof packageEntrySchema>;

export const manifestSchema = z
  .object({
    generatedAt: z.string(),
    /** The main candidates file, relative to the repository root. */
    candidatesFile: z.string(),
    /** Every candidate source the packages came from, with how many packages each gave (a package's first origin). */
    candidateOrigins: z.record(z.string(), z.number().int().nonnegative()),
    /** Candidates refused as evaluation packages (only counted: they are never named here). */
    excludedCandidates: z.number().int().nonnegative(),
    packages: z.array(packageEntrySchema),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;

function withoutNulls(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

/** Pure: a listed tool as a corpus line, exactly as the server listed it (annotations as given, no nulls, absent stays absent). */
export function toolRecord(pkg: string, version: string, tool: ToolInput): ToolRecord {
  return {
    package: pkg,
    version,
    name: tool.name,
    ...(tool.title !== undefined ? { title: tool.title } : {}),
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    ...(tool.inputSchema !== undefined ? { inputSchema: tool.inputSchema } : {}),
    ...(tool.annotations ? { annotations: withoutNulls(tool.annotations) } : {}),
  };
}

/** Pure: the entry of a package refused as from an evaluation package's repository: provenance kept, nothing collected. */
export function refusedEntry(e: Pick<PackageEntry, "package" | "version" | "origin" | "repository" | "repositoryDirectory" | "license" | "listedAt">): PackageEntry {
  return {
    package: e.package,
    ...(e.version !== undefined ? { version: e.version } : {}),
    origin: e.origin,
    ...(e.repository !== undefined ? { repository: e.repository } : {}),
    ...(e.repositoryDirectory !== undefined ? { repositoryDirectory: e.repositoryDirectory } : {}),
    ...(e.license !== undefined ? { license: e.license } : {}),
    listedAt: e.listedAt,
    status: "refused",
    reason: EVALUATION_REPOSITORY,
    tools: 0,
    annotated: 0,
  };
}

/** A tool labelled by its server: an explicit boolean readOnlyHint. */
export function isAnnotated(tool: ToolRecord): boolean {
  return typeof tool.annotations?.readOnlyHint === "boolean";
}

/** The corpus in memory: one entry per package, its tools beside it. */
export class Corpus {
  readonly entries = new Map<string, PackageEntry>();
  readonly tools = new Map<string, ToolRecord[]>();
  excludedCandidates = 0;
  /** Packages load() changed (left out as now on the evaluation list, or refused as from an evaluation repository): the files hold the old state until saved. */
  changedOnLoad = 0;

  set(entry: PackageEntry, tools: ToolRecord[]): void {
    this.entries.set(entry.package, entry);
    if (tools.length) this.tools.set(entry.package, tools);
    else this.tools.delete(entry.package);
  }

  /**
   * Reads a corpus directory (empty when it holds none); a package now on the evaluation list is
   * dropped, and one from an evaluation package's repository becomes a refused entry without tools.
   */
  static load(dir: string, excluded: ExcludedPackages): Corpus {
    const corpus = new Corpus();
    const manifestPath = join(dir, MANIFEST_FILE);
    if (!existsSync(manifestPath)) return corpus;
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(manifestPath, "utf8")));
    corpus.excludedCandidates = manifest.excludedCandidates;
    const tools = readTools(dir);
    for (const entry of manifest.packages) {
      if (excluded.has(entry.package)) {
        corpus.changedOnLoad += 1;
        continue;
      }
      if (entry.status !== "refused" && excluded.hasRepository(entry.repository)) {
        corpus.changedOnLoad += 1;
        corpus.set(refusedEntry(entry), []);
        continue;
      }
      corpus.set(entry, tools.get(entry.package) ?? []);
    }
    return corpus;
  }

  /** Pure: the manifest, packages sorted by name so the file is the same for the same data. */
  manifest(meta: { generatedAt: string; candidatesFile: string }): Manifest {
    const packages = [...this.entries.values()].sort((a, b) => compare(a.package, b.package));
    const origins: Record<string, number> = {};
    for (const p of packages) origins[p.origin] = (origins[p.origin] ?? 0) + 1;
    return { ...meta, candidateOrigins: sortedKeys(origins), excludedCandidates: this.excludedCandidates, packages };
  }

  /** Pure: the tool lines, by package name, each package's tools in the order its server listed them. */
  toolLines(): string {
    return [...this.tools.keys()]
      .sort(compare)
      .flatMap((p) => this.tools.get(p)!.map((t) => JSON.stringify(t) + "\n"))
      .join("");
  }

  /** Writes both files, each atomically (a killed run leaves the previous complete file). */
  save(dir: string, meta: { generatedAt: string; candidatesFile: string }): void {
    atomicWrite(join(dir, TOOLS_FILE), gzipSync(this.toolLines(), { level: 9 }));
    atomicWrite(join(dir, MANIFEST_FILE), JSON.stringify(this.manifest(meta), null, 1) + "\n");
  }
}

/** Reads tools.jsonl.gz into package → tools (validated line by line). */
export function readTools(dir: string): Map<string, ToolRecord[]> {
  const out = new Map<string, ToolRecord[]>();
  const path = join(dir, TOOLS_FILE);
  if (!existsSync(path)) return out;
  const text = gunzipSync(readFileSync(path)).toString("utf8");
  for (const line of text.split("\n")) {
    if (!line) continue;
    const tool = toolRecordSchema.parse(JSON.parse(line));
    const list = out.get(tool.package) ?? [];
    list.push(tool);
    out.set(tool.package, list);
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => compare(a, b)));
}

function atomicWrite(path: string, data: string | Buffer): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
