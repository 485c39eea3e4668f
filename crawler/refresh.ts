// One refresh run: takes the lock, crawls each source page by page with checkpoints, records the run.
import type { Catalog } from "../db/client.js";
import {
  aliasOwners,
  completeCrawl,
  existingServerKeys,
  failAbandonedRuns,
  finishRun,
  getSourceState,
  serverCountsForRun,
  startRun,
  writeSourcePage,
  type ServerCounts,
} from "../db/queries.js";
import type { PageFetcher } from "./fetcher.js";
import { applyResolutions, pageRows } from "./ingest.js";
import type { IntrospectResult } from "./introspect-stage.js";
import { indexOwners, resolveRecord } from "./resolve.js";
import { silentProgress, type ProgressReporter, type SourceProgress } from "./progress.js";
import type { Alias, SourceName, SourceRecord } from "./records.js";
import type { Source } from "./sources/source.js";

export interface RefreshOptions {
  sources: Source[];
  /** Ignore watermarks and crawl every page. */
  full: boolean;
  fetcherFor(source: SourceName): PageFetcher;
  progress?: ProgressReporter;
  signal?: AbortSignal;
  /** A source that pages past this is treated as broken (a cursor that never ends). */
  maxPages?: number;
  /** The introspect stage (crawler/introspect-stage.ts): live tools/list of reachable servers, after the sources. */
  introspect?: (db: Catalog["db"], runId: number, signal?: AbortSignal) => Promise<IntrospectResult>;
  /** The classify stage (crawler/classify-stage.ts), run after the sources over every new or changed tool. */
  classify?: (db: Catalog["db"], signal?: AbortSignal) => Promise<{ classified: number }>;
  /** Recorded in the run row so a run can be explained later. */
  describe?: Record<string, unknown>;
  now?: () => Date;
}

export interface SourceSummary {
  mode: "full" | "incremental";
  since?: string;
  resumed: boolean;
  pages: number;
  requests: number;
  records: number;
  skipped: number;
  /** Why items were skipped: a few examples, with the count of each reason. */
  skippedReasons: Record<string, number>;
  /** Detail pages that failed; their records were stored from the list page alone. */
  detailErrors: number;
  /** Records merged into a server another source (or key) already described. */
  merged: number;
  /** Records whose identity pointed at several servers, kept apart as unsafe to merge. */
  ambiguous: number;
  errors: string[];
}

export interface ToolCounts {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** Tools (re)classified because they were new, changed, or classified by an older classifier. */
  classified: number;
}

export interface RefreshSummary {
  runId: number;
  status: "succeeded" | "failed";
  sources: Partial<Record<SourceName, SourceSummary>>;
  servers: ServerCounts;
  tools: ToolCounts;
  /** Live tools/list outcomes, when the run introspected. */
  introspection?: IntrospectResult;
  durationMs: number;
}

/** Another refresh holds the catalog's lock. */
export class RefreshBusyError extends Error {
  constructor(location: string) {
    super(`another refresh is already running on ${location}; this one did not start`);
    this.name = "RefreshBusyError";
  }
}

/** A source stopped: the pages before this one are stored and the checkpoint lets the next run resume. */
export class SourceError extends Error {
  constructor(
    readonly source: SourceName,
    readonly page: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: page ${page}: ${message}`, options);
    this.name = "SourceError";
  }
}

export const DEFAULT_MAX_PAGES = 100_000;

/** Counted among skippedReasons: records kept, with NUL bytes or lone surrogates replaced by U+FFFD. */
const SANITIZED = "stored with unstorable characters (NUL, lone surrogates) replaced by U+FFFD";

export async function refresh(catalog: Catalog, options: RefreshOptions): Promise<RefreshSummary> {
  const release = await catalog.tryLockRefresh();
  if (!release) throw new RefreshBusyError(catalog.location);
  const started = Date.now();
  try {
    await failAbandonedRuns(catalog.db);
    const runId = await startRun(catalog.db, { sources: options.sources.map((s) => s.name), full: options.full, ...options.describe });
    try {
      return await runStages(catalog, runId, options, started);
    } catch (e) {
      // A stage that broke outright (the database went away, an interrupt) still closes its run record.
      await finishRun(catalog.db, runId, { status: "failed", sources: {}, servers: await serverCountsForRun(catalog.db, runId).catch(() => ({ added: 0, updated: 0, unchanged: 0, removed: 0 })), error: (e as Error).message ?? String(e) }).catch(() => {});
      throw e;
    }
  } finally {
    await release();
  }
}

async function runStages(catalog: Catalog, runId: number, options: RefreshOptions, started: number): Promise<RefreshSummary> {
  const summaries: Partial<Record<SourceName, SourceSummary>> = {};
  const tools: ToolCounts = { added: 0, changed: 0, removed: 0, unchanged: 0, classified: 0 };
  for (const source of options.sources) {
    summaries[source.name] = await crawlSource(catalog, source, runId, options, tools);
  }
  let introspection: IntrospectResult | undefined;
  if (options.introspect) {
    // One server failing is recorded on that server; only a broken stage (the database) fails the run.
    introspection = await options.introspect(catalog.db, runId, options.signal);
    for (const k of ["added", "changed", "removed", "unchanged"] as const) tools[k] += introspection.tools[k];
  }
  const errors = Object.entries(summaries).flatMap(([name, s]) => (s?.errors ?? []).map((e) => (e.startsWith(`${name}:`) ? e : `${name}: ${e}`)));
  if (options.classify) {
    try {
      tools.classified = (await options.classify(catalog.db, options.signal)).classified;
    } catch (e) {
      options.signal?.throwIfAborted();
      errors.push(`classify: ${(e as Error).message}`);
    }
  }
  const status = errors.length ? "failed" : "succeeded";
  const servers = await serverCountsForRun(catalog.db, runId);
  await finishRun(catalog.db, runId, {
    status,
    sources: summaries,
    servers,
    tools: { ...tools, ...(introspection ? { introspection } : {}) },
    ...(errors.length ? { error: errors.join("; ") } : {}),
  });
  return { runId, status, sources: summaries, servers, tools, ...(introspection ? { introspection } : {}), durationMs: Date.now() - started };
}

/**
 * Fetches each record's detail page concurrently (the HTTP client's per-host queue keeps it
 * polite). A detail that fails is counted and the record is kept as the list page gave it.
 */
async function fetchDetails(source: Source, records: SourceRecord[], fetcher: PageFetcher, summary: SourceSummary, signal?: AbortSignal): Promise<SourceRecord[]> {
  return Promise.all(
    records.map(async (record) => {
      const url = source.detailUrl!(record);
      if (!url) return record;
      try {
        const response = await fetcher.getJson(url, { headers: source.headers?.() ?? {}, ...(signal ? { signal } : {}) });
        summary.requests += response.attempts;
        return response.status === 200 ? source.parseDetail!(record, response.body) : record;
      } catch (e) {
        signal?.throwIfAborted();
        const reason = `detail: ${(e as Error).message}`;
        summary.skippedReasons[reason] = (summary.skippedReasons[reason] ?? 0) + 1;
        summary.detailErrors += 1;
        return record;
      }
    }),
  );
}

/**
 * Finds, for each record of a page, the server it is (DESIGN.md's identity ladder). Only one
 * refresh runs at a time, so reading before the page's write transaction is safe.
 */
async function resolvePage(catalog: Catalog, records: SourceRecord[], summary: SourceSummary): Promise<{ targetOf: Map<string, string>; renames: { from: string; to: string }[] }> {
  const byKey = new Map<string, Alias[]>();
  for (const r of records) byKey.set(r.server.key, [...(byKey.get(r.server.key) ?? []), ...r.aliases]);
  const owners = await aliasOwners(catalog.db, records.flatMap((r) => r.aliases));
  const existingKeys = await existingServerKeys(catalog.db, [...byKey.keys()]);
  const registryKeys = new Set(owners.filter((o) => o.registryNamed).map((o) => o.serverKey));
  const known = { owners: indexOwners(owners), existingKeys, registryKeys };
  const targetOf = new Map<string, string>();
  const renames: { from: string; to: string }[] = [];
  for (const [key, aliases] of byKey) {
    const resolution = resolveRecord({ key, aliases }, known);
    if (resolution.kind === "ambiguous") summary.ambiguous += 1;
    if (resolution.kind !== "merge") continue;
    summary.merged += 1;
    if (aliases.some((a) => a.kind === "registry") && !registryKeys.has(resolution.key)) {
      // The registry names a server we first met under its repository: it takes the official name.
      renames.push({ from: resolution.key, to: key });
    } else {
      targetOf.set(key, resolution.key);
    }
  }
  return { targetOf, renames };
}

async function crawlSource(catalog: Catalog, source: Source, runId: number, options: RefreshOptions, toolCounts: ToolCounts): Promise<SourceSummary> {
  const now = options.now ?? (() => new Date());
  const progress = options.progress ?? silentProgress;
  const fetcher = options.fetcherFor(source.name);
  const state = await getSourceState(catalog.db, source.name);

  // Resume a crawl a killed run left half done, unless --full asks to start over from a non-full one.
  const resumable = state?.cursor && state.mode && (state.mode === "full" || !options.full);
  const mode: "full" | "incremental" = resumable
    ? (state.mode as "full" | "incremental")
    : options.full || !source.incremental || !state?.watermark
      ? "full"
      : "incremental";
  const since = mode === "incremental" ? (state?.watermark ?? undefined) : undefined;
  let cursor: string | null = resumable ? state.cursor : null;
  let pendingWatermark: string | null = resumable ? (state.pendingWatermark ?? null) : null;
  const crawlStartedAt = resumable && state.crawlStartedAt ? state.crawlStartedAt : now().toISOString();

  const summary: SourceSummary = { mode, ...(since ? { since } : {}), resumed: !!resumable, pages: 0, requests: 0, records: 0, skipped: 0, skippedReasons: {}, detailErrors: 0, merged: 0, ambiguous: 0, errors: [] };
  const p: SourceProgress = { source: source.name, mode, pages: 0, requests: 0, records: 0, skipped: 0, startedAt: Date.now() };
  progress.sourceStarted(p);
  const seenCursors = new Set<string>();
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      if (summary.pages >= maxPages) throw new SourceError(source.name, summary.pages + 1, `stopped after ${maxPages} pages (pagination does not end)`);
      const url = source.pageUrl(cursor, { ...(since ? { since } : {}) });
      let response;
      try {
        response = await fetcher.getJson(url, { headers: source.headers?.() ?? {}, ...(options.signal ? { signal: options.signal } : {}) });
      } catch (e) {
        throw new SourceError(source.name, summary.pages + 1, (e as Error).message, { cause: e });
      }
      summary.requests += response.attempts;
      if (response.status === 304) break;
      let page;
      try {
        page = source.parsePage(response.body);
      } catch (e) {
        throw new SourceError(source.name, summary.pages + 1, (e as Error).message, { cause: e });
      }
      summary.pages += 1;
      if (source.detailUrl && source.parseDetail) {
        page = { ...page, records: await fetchDetails(source, page.records, fetcher, summary, options.signal) };
      }
      summary.records += page.records.length;
      summary.skipped += page.skipped.length;
      for (const s of page.skipped) summary.skippedReasons[s.reason] = (summary.skippedReasons[s.reason] ?? 0) + 1;
      if (page.maxUpdatedAt && (!pendingWatermark || Date.parse(page.maxUpdatedAt) > Date.parse(pendingWatermark))) pendingWatermark = page.maxUpdatedAt;
      const next = page.next ?? null;
      if (next !== null) {
        // A cursor seen before would loop forever: the source is broken, stop it cleanly.
        if (seenCursors.has(next) || next === cursor) throw new SourceError(source.name, summary.pages, `cursor ${JSON.stringify(next)} loops back to an earlier page`);
        seenCursors.add(next);
      }
      const resolved = await resolvePage(catalog, page.records, summary);
      const { sanitized, ...rows } = pageRows(page.records, response.etag);
      if (sanitized) summary.skippedReasons[SANITIZED] = (summary.skippedReasons[SANITIZED] ?? 0) + sanitized;
      const written = await writeSourcePage(catalog.db, {
        runId,
        ...applyResolutions(rows, resolved.targetOf),
        renames: resolved.renames,
        checkpoint: { source: source.name, cursor: next, mode, pendingWatermark, crawlStartedAt },
      });
      for (const k of ["added", "changed", "removed", "unchanged"] as const) toolCounts[k] += written.tools[k];
      Object.assign(p, { pages: summary.pages, requests: summary.requests, records: summary.records, skipped: summary.skipped });
      progress.pageDone(p);
      if (next === null) break;
      cursor = next;
    }
    const previous = state?.watermark ?? null;
    const watermark = !pendingWatermark ? previous : !previous || Date.parse(pendingWatermark) > Date.parse(previous) ? pendingWatermark : previous;
    await completeCrawl(catalog.db, source.name, watermark, runId);
    progress.sourceDone(p);
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    summary.errors.push(message);
    progress.sourceDone(p, message);
  }
  return summary;
}
