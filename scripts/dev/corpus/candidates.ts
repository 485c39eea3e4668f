// Which npm packages the corpus tries: candidate files, npm packages named in the project's fixtures, npm's search API; evaluation packages left out.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { HttpError, type HttpClient } from "../../../crawler/http.js";
import { NPM_MCP_SEARCHES, NpmSearchFormatError, nextSearchFrom, npmSearchUrl, parseNpmSearchPage } from "../../../crawler/sources/npm-registry.js";
import type { ExcludedPackages } from "./excluded.js";

export interface Candidate {
  name: string;
  /** Where the name came from: a candidates file, a fixture file, npm search. Recorded in the manifest. */
  origin: string;
}

/** A candidates file: one package name at the start of each line (tab-separated columns after it are ignored), `#` comments. */
export function parseCandidatesTsv(text: string, origin: string): Candidate[] {
  const out: Candidate[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const name = line.split("\t")[0]?.trim();
    if (name) out.push({ name, origin });
  }
  return out;
}

export function readCandidatesFile(file: string, root: string): Candidate[] {
  return parseCandidatesTsv(readFileSync(file, "utf8"), `file:${relative(root, file)}`);
}

function npmIdentifier(o: Record<string, unknown>): string | undefined {
  // Today's registry shape (registryType + identifier) and the 2025 seed's (registry_name + name).
  const type = o.registryType ?? o.registry_type ?? o.registry_name;
  if (typeof type !== "string" || type.toLowerCase() !== "npm") return undefined;
  const id = o.identifier ?? o.name;
  return typeof id === "string" && id.trim() ? id.trim() : undefined;
}

/** Pure: every npm package coordinate anywhere inside a parsed registry / directory document. */
export function npmPackagesIn(value: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    const id = npmIdentifier(v as Record<string, unknown>);
    if (id) found.add(id);
    Object.values(v).forEach(walk);
  };
  walk(value);
  return [...found];
}

function jsonDocuments(file: string): unknown[] {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  if (file.endsWith(".jsonl")) return text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
  return [JSON.parse(text) as unknown];
}

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.jsonl?$/.test(e) ? [path] : [];
  });
}

/** npm packages named in the JSON / JSON-lines fixtures under `dirs` (registry snapshots, Glama / Smithery records). */
export function readFixtureCandidates(dirs: readonly string[], root: string): Candidate[] {
  return dirs.flatMap((dir) => filesUnder(dir).flatMap((file) => npmPackagesIn(jsonDocuments(file)).map((name) => ({ name, origin: `fixture:${relative(root, file)}` }))));
}

export interface MergedCandidates {
  candidates: Candidate[];
  /** Candidates refused because they are evaluation packages (counted, never named in any output). */
  excluded: number;
}

/** Pure: one list in the given order, each package once (its first origin kept), evaluation packages removed. */
export function mergeCandidates(lists: readonly Candidate[][], excluded: ExcludedPackages): MergedCandidates {
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  const refused = new Set<string>();
  for (const c of lists.flat()) {
    const key = c.name.toLowerCase();
    if (excluded.has(c.name)) {
      refused.add(key);
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    candidates.push(c);
  }
  return { candidates, excluded: refused.size };
}

/** Pages per search query at most: npm stops serving results past 5,000 anyway. */
const MAX_SEARCH_PAGES = 20;

/**
 * Packages npm's search API finds for the MCP keywords, where the registry serves search (npm's own
 * does; many mirrors answer 404). An unavailable search is a notice, not a failure: the files remain.
 */
export async function searchCandidates(http: HttpClient, registryUrl: string, log: (line: string) => void): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const text of NPM_MCP_SEARCHES) {
    let from: number | undefined = 0;
    for (let page = 0; from !== undefined && page < MAX_SEARCH_PAGES; page++) {
      let parsed;
      try {
        const r = await http.getJson(npmSearchUrl(registryUrl, text, from));
        if (r.status !== 200) break;
        parsed = parseNpmSearchPage(r.body);
      } catch (e) {
        if (!(e instanceof HttpError || e instanceof NpmSearchFormatError)) throw e;
        log(`npm search (${text}) not available at ${registryUrl}: ${e.message}; using the candidate files only`);
        return out;
      }
      out.push(...parsed.hits.map((h) => ({ name: h.name, origin: `search:${text}` })));
      from = nextSearchFrom(from, parsed.hits.length + parsed.skipped.length, parsed.total);
    }
  }
  return out;
}
