// npm as a source: the search API finds packages with MCP keywords, and each one's manifest decides whether it is a server.
import { z } from "zod";
import { normalizeRepository, repositoryAlias } from "../normalize.js";
import type { Alias, SourceRecord } from "../records.js";
import { manifestRepository, mcpServerEvidence, npmManifestSchema } from "./npm-manifest.js";
import { DEFAULT_NPM_REGISTRY_URL, NPM_MCP_KEYWORDS, NPM_SEARCH_PAGE_SIZE, nextSearchFrom, npmManifestUrl, npmSearchUrl } from "./npm-registry.js";
import { SourceFormatError, type ParsedPage, type Source } from "./source.js";
import { describeIssue, nonEmpty, readItems, urlName } from "./fields.js";

/** npm's search serves no result past the 10,000th of a query, however it is paged. */
export const NPM_SEARCH_WINDOW = 10_000;

/**
 * Qualifier pairs that cut a query into two halves with nothing in common and nothing left out
 * (npm's search: `is:unstable` is a version below 1.0.0). A query over the window is split by the
 * first pair it does not use yet, and its halves again if they are still over.
 */
export const NPM_QUERY_SPLITS: readonly (readonly [string, string])[] = [
  ["is:unstable", "not:unstable"],
  ["is:insecure", "not:insecure"],
];

/**
 * One query per keyword, each excluding the keywords before it (`,-` is NOT in a keywords list),
 * so no package is listed by two queries and its manifest is read once per crawl.
 */
export function disjointKeywordQueries(keywords: readonly string[] = NPM_MCP_KEYWORDS): string[] {
  return keywords.map((k, i) => `keywords:${[k, ...keywords.slice(0, i).map((e) => `-${e}`)].join(",")}`);
}

/** Where a search crawl stands: the queries still to walk (the first under way) and the offset in it. */
const planSchema = z.object({ queue: z.array(z.string().min(1)).min(1), from: z.number().int().nonnegative() });
export type SearchPlan = z.infer<typeof planSchema>;

function readPlan(cursor: string | null | undefined, initial: readonly string[]): SearchPlan {
  if (!cursor) return { queue: [...initial], from: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(cursor);
  } catch {
    parsed = undefined;
  }
  const plan = planSchema.safeParse(parsed);
  // A checkpoint from an older build or a hand-edited state: start over rather than guess.
  return plan.success ? plan.data : { queue: [...initial], from: 0 };
}

/** The two halves of a query by the first split it does not use, or none when every split is used. */
export function splitQuery(text: string): [string, string] | undefined {
  const words = text.split(/\s+/);
  const pair = NPM_QUERY_SPLITS.find(([a, b]) => !words.includes(a) && !words.includes(b));
  return pair ? [`${text} ${pair[0]}`, `${text} ${pair[1]}`] : undefined;
}

const hitSchema = z
  .object({
    package: z
      .object({
        // Its manifest's URL is built from it.
        name: urlName(z.string().trim().min(1)),
        version: z.string().optional().catch(undefined),
        description: z.string().nullish().catch(undefined),
        links: z.object({ homepage: z.string().optional().catch(undefined) }).loose().optional().catch(undefined),
      })
      .loose(),
    downloads: z.object({ weekly: z.number().int().nonnegative().optional().catch(undefined) }).loose().optional().catch(undefined),
  })
  .loose();

const pageSchema = z.object({ objects: z.array(z.unknown()), total: z.number().int().nonnegative() }).loose();

function packageKey(name: string): string {
  return `npmjs.com/package/${name.toLowerCase()}`;
}

/** A search hit as a candidate: not yet a server, until its manifest proves it (see parseNpmManifest). */
export function npmCandidate(hit: unknown): SourceRecord | { skip: string } {
  const parsed = hitSchema.safeParse(hit);
  if (!parsed.success) return { skip: describeIssue(parsed.error) };
  const p = parsed.data.package;
  const weekly = parsed.data.downloads?.weekly;
  return {
    source: "npm",
    sourceId: p.name,
    isLatest: true,
    raw: { search: hit },
    server: { key: packageKey(p.name), title: p.name, description: nonEmpty(p.description), status: "active", websiteUrl: nonEmpty(p.links?.homepage), packages: [], remotes: [] },
    aliases: [{ kind: "npm", value: p.name.toLowerCase() }],
    categories: [],
    popularity: weekly !== undefined ? [{ metric: "weeklyDownloads", value: weekly }] : [],
  };
}

/**
 * The candidate completed by its manifest when the manifest proves a server (DESIGN: an `mcpName`,
 * or a bin with an MCP server framework or an "MCP server" keyword); otherwise why not. The
 * `mcpName` links it to its registry entry, whose name then keys it.
 */
export function parseNpmManifest(candidate: SourceRecord, body: unknown): SourceRecord | { skip: string } {
  const manifest = npmManifestSchema.safeParse(body);
  if (!manifest.success) return { skip: `manifest: ${describeIssue(manifest.error)}` };
  const m = manifest.data;
  if (m.name.toLowerCase() !== candidate.sourceId.toLowerCase()) return { skip: `manifest: names ${m.name}, not ${candidate.sourceId}` };
  const evidence = mcpServerEvidence(m);
  if (!evidence.server) return { skip: `not a server: ${evidence.reason}` };
  const declared = manifestRepository(m);
  const repository = declared ? normalizeRepository(declared.url, declared.directory) : undefined;
  const mcpName = evidence.evidence === "mcpName" ? evidence.mcpName : undefined;
  const aliases: Alias[] = [...candidate.aliases];
  if (mcpName) aliases.unshift({ kind: "registry", value: mcpName.toLowerCase() });
  if (repository) aliases.push({ kind: "repo", value: repositoryAlias(repository) });
  const search = (candidate.raw as { search?: unknown } | null)?.search;
  return {
    ...candidate,
    raw: { search, manifest: body },
    server: {
      ...candidate.server,
      key: mcpName ?? (repository ? repositoryAlias(repository) : candidate.server.key),
      version: m.version,
      status: m.deprecated ? "deprecated" : "active",
      repository,
      packages: [{ registryType: "npm", identifier: m.name, version: m.version, ...(evidence.hasBin ? { transport: "stdio" } : {}) }],
    },
    aliases,
  };
}

export interface NpmSourceOptions {
  /** Default https://registry.npmjs.org. */
  registryUrl?: string;
  /** The keyword queries (made disjoint); default NPM_MCP_KEYWORDS. */
  keywords?: readonly string[];
  /** Results per search page, at most npm's 250. */
  pageSize?: number;
  /** The most results one query serves (npm: 10,000); a mirror with another limit says so here. */
  window?: number;
}

export function npmSource(opts: NpmSourceOptions = {}): Source {
  const base = (opts.registryUrl ?? DEFAULT_NPM_REGISTRY_URL).replace(/\/+$/, "");
  const size = Math.max(1, Math.min(NPM_SEARCH_PAGE_SIZE, Math.floor(opts.pageSize ?? NPM_SEARCH_PAGE_SIZE)));
  const window = opts.window ?? NPM_SEARCH_WINDOW;
  const initial = disjointKeywordQueries(opts.keywords);

  /**
   * One search page to candidates, and where the plan goes next: the rest of this query, its two
   * halves when it matches more than the window serves (this page's hits are then left to them),
   * or the next query. A query that cannot be split further is walked to the window and what lies
   * beyond is counted as skipped, never silently lost.
   */
  function parsePage(body: unknown, cursor?: string | null): ParsedPage {
    const plan = readPlan(cursor, initial);
    const page = pageSchema.safeParse(body);
    if (!page.success) throw new SourceFormatError("npm", `page is not an npm search result {objects: [...], total} (${describeIssue(page.error)})`);
    const [query, ...rest] = plan.queue as [string, ...string[]];
    const { total, objects } = page.data;
    const halves = plan.from === 0 && total > window ? splitQuery(query) : undefined;
    if (halves) return { records: [], skipped: [], next: JSON.stringify({ queue: [...halves, ...rest], from: 0 }) };
    const { records, skipped } = readItems(objects, npmCandidate);
    const reachable = Math.min(total, window);
    const from = nextSearchFrom(plan.from, objects.length, reachable);
    if (from === undefined && total > window) {
      const cut = total - window;
      for (let i = 0; i < cut; i++) skipped.push({ index: objects.length + i, reason: `beyond npm's ${window}-result window of "${query}" (no split left)` });
    }
    const next = from !== undefined ? { queue: plan.queue, from } : rest.length ? { queue: rest, from: 0 } : undefined;
    return { records, skipped, ...(next ? { next: JSON.stringify(next) } : {}) };
  }

  return {
    name: "npm",
    // The search has no updated-since filter: every refresh walks the queries.
    incremental: false,
    pageUrl(cursor: string | null): string {
      const plan = readPlan(cursor, initial);
      // Never ask past the window: the last page is cut to end at it.
      return npmSearchUrl(base, plan.queue[0]!, plan.from, Math.min(size, window - plan.from));
    },
    parsePage,
    detailUrl(record: SourceRecord): string {
      return npmManifestUrl(base, record.sourceId);
    },
    parseDetail: parseNpmManifest,
    // A manifest answered 304 is the one stored beside the search hit (see parseNpmManifest).
    storedDetail: (raw: unknown) => (raw as { manifest?: unknown } | null)?.manifest,
    // Only the manifest proves a package is a server: without it the candidate is not stored.
    detailRequired: true,
  };
}
