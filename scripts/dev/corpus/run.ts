// A harvest run: which candidates need work, several packages at once, the corpus written as it grows, and the figures at the end.
import PQueue from "p-queue";
import { mcpServerEvidence, type NpmManifest } from "../../../crawler/sources/npm-manifest.js";
import type { Candidate } from "./candidates.js";
import { Corpus, refusedEntry, type PackageEntry } from "./corpus-data.js";
import { baseEntry, fetchLatestManifest, harvestPackage, manifestRepositories, type HarvestOptions } from "./harvest.js";
import { packedHintLiterals } from "./prescreen.js";

export interface RunOptions extends HarvestOptions {
  candidates: Candidate[];
  /** Candidates refused as evaluation packages before this run (counted in the manifest). */
  excludedCandidates: number;
  dataDir: string;
  /** The main candidates file as the manifest names it. */
  candidatesFile: string;
  concurrency: number;
  /** Only the first N candidates. */
  limit?: number;
  /** Only these packages (by name). */
  only?: string[];
  /** Try again packages that failed at the same version (listed and not-a-server stay done). */
  retry: boolean;
  /** Harvest first the candidates whose own published files declare tool hints (see prescreen.ts). */
  annotatedFirst?: boolean;
  /** The corpus is written at most this often while the run goes on, and once at its end. */
  flushIntervalMs: number;
  log: (line: string) => void;
}

export interface CorpusFigures {
  packages: number;
  /** Packages whose manifest could not be read (neither known servers nor known non-servers). */
  noManifest: number;
  /** Packages refused as from an evaluation package's repository (never installed). */
  refused: number;
  /** Packages whose manifest proves a server (listed or failed). */
  servers: number;
  listed: number;
  /** Listed servers with at least one tool carrying an explicit readOnlyHint. */
  annotatedServers: number;
  tools: number;
  annotatedTools: number;
  notServers: Record<string, number>;
  failures: Record<string, number>;
}

export interface RunSummary {
  run: { candidates: number; harvested: number; skipped: number; refusedByRepository: number };
  corpus: CorpusFigures;
}

/** Pure: the figures of a corpus, over every package it holds. */
export function corpusFigures(entries: Iterable<PackageEntry>): CorpusFigures {
  const f: CorpusFigures = { packages: 0, noManifest: 0, refused: 0, servers: 0, listed: 0, annotatedServers: 0, tools: 0, annotatedTools: 0, notServers: {}, failures: {} };
  const bump = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);
  for (const e of entries) {
    f.packages += 1;
    if (e.status === "refused") {
      f.refused += 1;
      continue;
    }
    if (e.status === "not-a-server") {
      bump(f.notServers, e.reason ?? "unknown");
      continue;
    }
    if (!e.evidence) {
      f.noManifest += 1;
      continue;
    }
    f.servers += 1;
    if (e.status === "failed") {
      bump(f.failures, e.reason ?? "unknown");
      continue;
    }
    f.listed += 1;
    f.tools += e.tools;
    f.annotatedTools += e.annotated;
    if (e.annotated > 0) f.annotatedServers += 1;
  }
  return f;
}

/**
 * Pure: whether a package needs harvesting at its manifest's version, given what the corpus holds. A
 * package once judged no server is judged again (the decision may have learnt a new kind of evidence).
 */
export function needsHarvest(held: PackageEntry | undefined, manifest: NpmManifest, retry: boolean): boolean {
  if (!held || held.version !== manifest.version) return true;
  // Asked only once the repository check passed: a package refused before is no longer refused.
  if (held.status === "refused") return true;
  if (held.status === "not-a-server") return mcpServerEvidence(manifest).server;
  return retry && held.status === "failed";
}

function describe(e: PackageEntry): string {
  if (e.status === "listed") {
    const how = e.start && (e.start.node === "22" || e.start.attempts > 1 || e.start.args.length) ? ` (node ${e.start.node}, ${e.start.attempts} tr${e.start.attempts === 1 ? "y" : "ies"})` : "";
    return `listed ${e.tools} tools, ${e.annotated} with readOnlyHint${how}`;
  }
  return `${e.status} (${e.reason}${e.detail ? `: ${e.detail.slice(0, 160)}` : ""})`;
}

/** Selects the candidates of this run: --only, then --limit. */
export function selectCandidates(all: Candidate[], o: { only?: string[]; limit?: number }): Candidate[] {
  let picked = all;
  if (o.only?.length) {
    const byName = new Map(all.map((c) => [c.name.toLowerCase(), c]));
    picked = o.only.map((name) => byName.get(name.toLowerCase()) ?? { name, origin: "cli:--only" });
  }
  return o.limit !== undefined ? picked.slice(0, o.limit) : picked;
}

/** Pure: the candidates with a hint count first, most hints first; the others after them, each group in its given order. */
export function orderByHints(candidates: Candidate[], hints: ReadonlyMap<string, number>): Candidate[] {
  const first = candidates.filter((c) => (hints.get(c.name) ?? 0) > 0);
  const rest = candidates.filter((c) => (hints.get(c.name) ?? 0) <= 0);
  return [...first.map((c, i) => ({ c, i })).sort((a, b) => hints.get(b.c.name)! - hints.get(a.c.name)! || a.i - b.i).map(({ c }) => c), ...rest];
}

/** The literal hints in the tarballs of the candidates that need work (a tarball that cannot be read counts none). */
async function hintsOfCandidates(selected: Candidate[], corpus: Corpus, o: RunOptions): Promise<Map<string, number>> {
  const hints = new Map<string, number>();
  const queue = new PQueue({ concurrency: o.concurrency });
  await Promise.all(
    selected.map((c) =>
      queue.add(async () => {
        if (o.signal?.aborted || o.excluded.has(c.name)) return;
        const { manifest } = await fetchLatestManifest(c.name, o);
        if (!manifest || !needsHarvest(corpus.entries.get(c.name), manifest, o.retry) || o.excluded.evaluationRepository(manifestRepositories(manifest))) return;
        const n = await packedHintLiterals(c.name, manifest.version, { ...o, timeoutMs: o.installTimeoutMs }).catch(() => 0);
        if (n > 0) hints.set(c.name, n);
      }),
    ),
  );
  return hints;
}

/**
 * Harvests every selected candidate not already done at its current version, `concurrency` at
 * once, writing the corpus every flushIntervalMs and at the end (also when stopped by the signal).
 */
export async function runHarvest(o: RunOptions): Promise<RunSummary> {
  const corpus = Corpus.load(o.dataDir, o.excluded);
  if (!o.only?.length && o.limit === undefined) corpus.excludedCandidates = o.excludedCandidates;
  let selected = selectCandidates(o.candidates, o);
  if (o.annotatedFirst) {
    const hints = await hintsOfCandidates(selected, corpus, o);
    o.log(`${hints.size} of the candidates to harvest declare tool hints in their own files: those go first`);
    selected = orderByHints(selected, hints);
  }
  const save = () => corpus.save(o.dataDir, { generatedAt: o.now().toISOString(), candidatesFile: o.candidatesFile });
  let lastSave = Date.now();
  let dirty = corpus.changedOnLoad > 0;
  const counts = { harvested: 0, skipped: 0, done: 0, refusedByRepository: 0 };
  const queue = new PQueue({ concurrency: o.concurrency });

  const one = async (c: Candidate) => {
    if (o.signal?.aborted) return;
    if (o.excluded.has(c.name)) {
      // mergeCandidates already left these out; --only may still name one.
      o.log(`${c.name}: refused, an evaluation package (excluded-packages.txt)`);
      return;
    }
    const { manifest } = await fetchLatestManifest(c.name, o);
    const repository = manifest && o.excluded.evaluationRepository(manifestRepositories(manifest));
    if (manifest && repository) {
      // The same vendor's code as an evaluation package: recorded as refused (an earlier run's tools of it dropped), never installed.
      counts.refusedByRepository += 1;
      const held = corpus.entries.get(c.name);
      if (held?.status === "refused" && held.version === manifest.version) return;
      corpus.set(refusedEntry({ repository, ...baseEntry(c, manifest, o.now()) }), []);
      dirty = true;
      o.log(`${c.name}: refused, from ${repository}, the repository of an evaluation package`);
      return;
    }
    if (manifest && !needsHarvest(corpus.entries.get(c.name), manifest, o.retry)) {
      counts.skipped += 1;
      return;
    }
    const { entry, tools } = await harvestPackage(c, o, manifest);
    corpus.set(entry, tools);
    counts.harvested += 1;
    dirty = true;
    o.log(`[${++counts.done + counts.skipped}/${selected.length}] ${entry.package}${entry.version ? `@${entry.version}` : ""}: ${describe(entry)}`);
    if (Date.now() - lastSave >= o.flushIntervalMs) {
      save();
      lastSave = Date.now();
      dirty = false;
    }
  };

  try {
    await Promise.all(
      selected.map((c) =>
        queue.add(() =>
          one(c).catch((e: unknown) => {
            if (!o.signal?.aborted) throw e;
          }),
        ),
      ),
    );
  } finally {
    if (dirty || corpus.entries.size === 0) save();
  }
  return {
    run: { candidates: selected.length, harvested: counts.harvested, skipped: counts.skipped, refusedByRepository: counts.refusedByRepository },
    corpus: corpusFigures(corpus.entries.values()),
  };
}
