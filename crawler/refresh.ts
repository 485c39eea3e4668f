// One refresh run: takes the lock, crawls each source page by page with checkpoints, records the run.
import type { Catalog } from "../db/client.js";
import { describeDbError } from "../db/errors.js";
import { aliasOwners, aliasValues, existingServerKeys } from "../db/identity.js";
import { listedRecordsOf, markPageSeen, storedPages, storedRecords, type PageInfo, type StoredPage } from "../db/pages.js";
import { analyzeChangedTables, failAbandonedRuns, finishRun, serverCountsForRun, startRun, type RunOutcome, type ServerCounts } from "../db/runs.js";
import { getSourceState, type Checkpoint } from "../db/source-state.js";
import { completeCrawl } from "./complete-crawl.js";
import { writeSourcePage, type ClassifyFresh } from "./page-write.js";
import { changedRecords } from "./plan/page.js";
import { crawlStart, laterWatermark } from "./plan/crawl.js";
import { fetchPage, type PageFetcher, type PageResponse } from "./fetcher.js";
import { digestRecord, storableRecords, type RecordDigest } from "./ingest.js";
import { applyResolutions, bestListings, pageRows, sourceRank } from "./plan/records.js";
import type { IntrospectResult } from "./introspect-stage.js";
import type { EnqueueResult } from "./listing-queue.js";
import type { ModelReviewStats } from "./model-review.js";
import { indexOwners, planResolutions } from "./resolve.js";
import { silentProgress, type ProgressReporter, type SourceProgress } from "./progress.js";
import type { Alias, SourceName, SourceRecord } from "./records.js";
import { storable } from "./sanitize.js";
import type { Source } from "./sources/source.js";
import { DEFAULT_CLOCK_SKEW_MS, watermarkOf, type FutureDates } from "./timestamps.js";
import { MAX_TEXT_CHARS } from "./text-cap.js";

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
  /** Instead of listing in-process: enqueue one listing job per due server for the workers (crawler/listing-queue.ts). */
  enqueue?: (db: Catalog["db"], runId: number, signal?: AbortSignal) => Promise<EnqueueResult>;
  /** The classify stage (crawler/classify-stage.ts), run after the sources over every new or changed tool. */
  classify?: (db: Catalog["db"], signal?: AbortSignal) => Promise<{ classified: number; review?: ModelReviewStats }>;
  /**
   * Classifies the tools of a server a page creates as the page is written (classifyServerTools), so
   * the classify stage need not read them back; with `classify`, which handles everything else.
   */
  classifyTools?: ClassifyFresh;
  /** Recorded in the run row so a run can be explained later. */
  describe?: Record<string, unknown>;
  now?: () => Date;
  /** How far past our clock a source's dates may run and still move the watermark (default DEFAULT_CLOCK_SKEW_MS). */
  clockSkewMs?: number;
}

export interface SourceSummary {
  mode: "full" | "incremental";
  since?: string;
  resumed: boolean;
  /** Pages walked, including those answered 304 Not Modified. */
  pages: number;
  /** Pages answered 304 to a conditional request: unchanged since the last crawl, neither parsed nor written. */
  notModified: number;
  requests: number;
  /** Records parsed from the pages fetched whole. */
  records: number;
  /** Of those, records whose raw JSON was as stored: not written again. */
  unchangedRecords: number;
  skipped: number;
  /** Why items were skipped: a few examples, with the count of each reason. */
  skippedReasons: Record<string, number>;
  /** Detail pages that failed; their records were stored from the list page alone. */
  detailErrors: number;
  /** Records merged into a server another source (or key) already described. */
  merged: number;
  /** Records whose identity pointed at several servers, kept apart as unsafe to merge. */
  ambiguous: number;
  /** Servers this full crawl found no source listing any more: marked gone. */
  gone: number;
  /**
   * Servers that would have gone but were kept: more than MAX_GONE_SHARE of the source at once looks
   * like a broken source, not a real removal (crawler/plan/crawl.ts).
   */
  goneWithheld: number;
  /** Dates later than now plus the clock skew, left out of the watermark (absent when there were none). */
  futureDates?: FutureDates;
  errors: string[];
  durationMs: number;
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
  /** Listing jobs enqueued for the workers, when the run was given --queue. */
  queued?: EnqueueResult;
  /** The model review's counts (calls, tokens, cache hits, dropped and unreviewed tools, cost), when it was on. */
  review?: ModelReviewStats;
  /** Wall time of each stage: the sources' crawls, the live listing, the classifier, statistics for the tables written. */
  stageMs: { crawl: number; introspect: number; classify: number; analyze: number };
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

/** Counted among skippedReasons: records kept, with a text longer than the cap cut (crawler/text-cap.ts). */
const TEXT_CUT = `stored with text over ${MAX_TEXT_CHARS.toLocaleString("en")} characters cut`;

/** Counted among skippedReasons: a record kept, but its tool list not applied (crawler/plan/records.ts bestListings). */
const SET_ASIDE = "tool list set aside: a better-ranked entry of the same source lists this server's tools";

/**
 * A failed query as one line that says why: the database's reason, code and operation (db/errors.ts),
 * not drizzle's "Failed query: <SQL> params: <every value>", which quotes crawled text by the kilobyte.
 */
function withCause(e: unknown): Error {
  const line = describeDbError(e);
  if (line) return new Error(line, { cause: e });
  return e instanceof Error ? e : new Error(String(e));
}

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
      const error = withCause(e);
      const servers = await serverCountsForRun(catalog.db, runId).catch(() => ({ added: 0, updated: 0, unchanged: 0, removed: 0 }));
      await finishRun(catalog.db, runId, storable({ status: "failed" as const, sources: {}, servers, error: error.message }).value).catch(() => {});
      throw error;
    }
  } finally {
    await release();
  }
}

async function runStages(catalog: Catalog, runId: number, options: RefreshOptions, started: number): Promise<RefreshSummary> {
  const summaries: Partial<Record<SourceName, SourceSummary>> = {};
  const tools: ToolCounts = { added: 0, changed: 0, removed: 0, unchanged: 0, classified: 0 };
  const stageMs = { crawl: 0, introspect: 0, classify: 0, analyze: 0 };
  let mark = Date.now();
  const lap = () => {
    const t = Date.now();
    const ms = t - mark;
    mark = t;
    return ms;
  };
  for (const source of options.sources) {
    summaries[source.name] = await crawlSource(catalog, source, runId, options, tools);
  }
  stageMs.crawl = lap();
  let introspection: IntrospectResult | undefined;
  if (options.introspect) {
    // One server failing is recorded on that server; only a broken stage (the database) fails the run.
    introspection = await options.introspect(catalog.db, runId, options.signal);
    for (const k of ["added", "changed", "removed", "unchanged"] as const) tools[k] += introspection.tools[k];
    stageMs.introspect = lap();
  }
  let queued: EnqueueResult | undefined;
  if (options.enqueue) {
    queued = await options.enqueue(catalog.db, runId, options.signal);
    stageMs.introspect = lap();
  }
  const errors = Object.entries(summaries).flatMap(([name, s]) => (s?.errors ?? []).map((e) => (e.startsWith(`${name}:`) ? e : `${name}: ${e}`)));
  let review: ModelReviewStats | undefined;
  if (options.classify) {
    try {
      const classified = await options.classify(catalog.db, options.signal);
      tools.classified += classified.classified;
      review = classified.review;
    } catch (e) {
      options.signal?.throwIfAborted();
      errors.push(`classify: ${(e as Error).message}`);
    }
    stageMs.classify = lap();
  }
  // Statistics for what the run wrote, so lookups plan well right after a big run.
  try {
    await analyzeChangedTables(catalog.db);
  } catch (e) {
    options.signal?.throwIfAborted();
    errors.push(`analyze: ${withCause(e).message}`);
  }
  stageMs.analyze = lap();
  const status = errors.length ? "failed" : "succeeded";
  const servers = await serverCountsForRun(catalog.db, runId);
  // Error texts may quote what a source sent (a NUL, a lone surrogate): the run record must still be written.
  const outcome = storable<RunOutcome>({
    status,
    sources: summaries,
    servers,
    tools: { ...tools, ...(introspection ? { introspection } : {}), ...(queued ? { queued } : {}), ...(review ? { review } : {}) },
    ...(errors.length ? { error: errors.join("; ") } : {}),
  }).value;
  await finishRun(catalog.db, runId, outcome);
  return { runId, status, sources: summaries, servers, tools, ...(introspection ? { introspection } : {}), ...(queued ? { queued } : {}), ...(review ? { review } : {}), stageMs, durationMs: Date.now() - started };
}

/**
 * Fetches each record's detail page concurrently (the HTTP client's per-host queue keeps it
 * polite). A detail that fails is counted and the record is kept as the list page gave it, unless
 * the source needs the detail to prove the record; a detail that shows the record is not one to
 * keep skips it. Skips are counted by reason.
 */
async function fetchDetails(source: Source, records: SourceRecord[], fetcher: PageFetcher, summary: SourceSummary, signal?: AbortSignal): Promise<SourceRecord[]> {
  const skip = (reason: string) => {
    summary.skipped += 1;
    summary.skippedReasons[reason] = (summary.skippedReasons[reason] ?? 0) + 1;
  };
  const completed = await Promise.all(
    records.map(async (record): Promise<SourceRecord | undefined> => {
      const url = source.detailUrl!(record);
      if (!url) return source.detailRequired ? (skip("detail: none to prove the record"), undefined) : record;
      try {
        const response = await fetcher.getJson(url, { headers: source.headers?.() ?? {}, ...(signal ? { signal } : {}) });
        summary.requests += response.attempts;
        const detailed = response.status === 200 ? source.parseDetail!(record, response.body) : record;
        if ("skip" in detailed) return skip(detailed.skip), undefined;
        return detailed;
      } catch (e) {
        signal?.throwIfAborted();
        const reason = `detail: ${(e as Error).message}`;
        summary.skippedReasons[reason] = (summary.skippedReasons[reason] ?? 0) + 1;
        summary.detailErrors += 1;
        if (source.detailRequired) summary.skipped += 1;
        return source.detailRequired ? undefined : record;
      }
    }),
  );
  return completed.filter((r): r is SourceRecord => r !== undefined);
}

/**
 * Finds, for each record of a page, the server it is (DESIGN.md's identity ladder). Only one
 * refresh runs at a time, so reading before the page's write transaction is safe.
 */
async function resolvePage(catalog: Catalog, records: SourceRecord[], summary: SourceSummary): Promise<{ targetOf: Map<string, string>; renames: { from: string; to: string }[] }> {
  const byKey = new Map<string, Alias[]>();
  for (const r of records) byKey.set(r.server.key, [...(byKey.get(r.server.key) ?? []), ...r.aliases]);
  const [owners, existingKeys] = await Promise.all([aliasOwners(catalog.db, records.flatMap((r) => r.aliases)), existingServerKeys(catalog.db, [...byKey.keys()])]);
  const registryKeys = new Set(owners.filter((o) => o.registryNamed).map((o) => o.serverKey));
  const { targetOf, renames, merged, ambiguous } = planResolutions(byKey, { owners: indexOwners(owners), existingKeys, registryKeys });
  summary.merged += merged;
  summary.ambiguous += ambiguous;
  return { targetOf, renames };
}

/** A page request under way: started before the previous page is written, awaited after. */
type Fetch = Promise<{ url: string; stored?: StoredPage; response: PageResponse } | { url: string; error: unknown }>;

async function crawlSource(catalog: Catalog, source: Source, runId: number, options: RefreshOptions, toolCounts: ToolCounts): Promise<SourceSummary> {
  const now = options.now ?? (() => new Date());
  const progress = options.progress ?? silentProgress;
  const fetcher = options.fetcherFor(source.name);
  const state = await getSourceState(catalog.db, source.name);
  const started = Date.now();
  const limitMs = now().getTime() + (options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS);
  let futureDates: FutureDates | undefined;
  /** The latest of `dates` the clock allows; the rest are counted in the run record. */
  const within = (dates: readonly (string | null | undefined)[]): string | undefined => {
    const w = watermarkOf(dates.map((d) => d ?? undefined), limitMs);
    if (w.ignored) {
      const f = (futureDates ??= { ignored: 0, limit: new Date(limitMs).toISOString() });
      f.ignored += w.ignored;
      f.latest = watermarkOf([f.latest, w.latestIgnored], limitMs).latestIgnored;
    }
    return w.max;
  };
  // A watermark stored in the far future (by a version before the clamp) would ask for nothing new forever.
  const storedWatermark = state?.watermark ? (within([state.watermark]) ?? null) : null;
  if (state?.watermark && !storedWatermark) futureDates!.storedWatermark = state.watermark;

  const { mode, since, resumed: resumable, cursor, crawlStartedAt, crawlRunId } = crawlStart(state, {
    full: options.full,
    incremental: !!source.incremental,
    watermark: storedWatermark,
    runId,
    now: now().toISOString(),
  });
  let pendingWatermark: string | null = resumable ? (within([state?.pendingWatermark]) ?? null) : null;
  const raiseWatermark = (candidate: string | undefined) => {
    pendingWatermark = laterWatermark(candidate, pendingWatermark);
  };

  // A full walk asks each page it has an ETag for with If-None-Match. Not for sources with detail
  // pages: an unchanged list page says nothing about the details behind it.
  const conditional = mode === "full" && !source.detailUrl;
  const pages = conditional ? await storedPages(catalog.db, source.name) : new Map<string, StoredPage>();

  const summary: SourceSummary = { mode, ...(since ? { since } : {}), resumed: !!resumable, pages: 0, notModified: 0, requests: 0, records: 0, unchangedRecords: 0, skipped: 0, skippedReasons: {}, detailErrors: 0, merged: 0, ambiguous: 0, gone: 0, goneWithheld: 0, errors: [], durationMs: 0 };
  const p: SourceProgress = { source: source.name, mode, pages: 0, requests: 0, records: 0, skipped: 0, startedAt: Date.now() };
  progress.sourceStarted(p);
  const seenCursors = new Set<string>();
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const start = (at: string | null): Fetch => {
    const url = source.pageUrl(at, { ...(since ? { since } : {}) });
    // A source without a list endpoint makes its list page itself: no request.
    if (source.listPage) return Promise.resolve({ url, response: { status: 200, url, body: source.listPage(at), attempts: 0 } });
    const stored = pages.get(url);
    const etag = stored?.etag ?? undefined;
    return fetchPage(fetcher, url, { headers: source.headers?.() ?? {}, ...(etag ? { etag } : {}), ...(options.signal ? { signal: options.signal } : {}) }, source.format)
      .then(
        (response) => ({ url, ...(stored ? { stored } : {}), response }),
        (error: unknown) => ({ url, error }),
      );
  };
  const checkpoint = (next: string | null) => ({ source: source.name, cursor: next, mode, pendingWatermark, crawlStartedAt, crawlRunId: crawlRunId ?? runId });

  /**
   * Takes the page at `at` off the wire: a 304, or a body parsed and hashed. `prepare` reads what the
   * catalog holds for it and returns the write (one transaction).
   */
  const take = async (at: string | null, pending: Fetch): Promise<{ next: string | null; prepare: () => Promise<() => Promise<void>> }> => {
    options.signal?.throwIfAborted();
    if (summary.pages >= maxPages) throw new SourceError(source.name, summary.pages + 1, `stopped after ${maxPages} pages (pagination does not end)`);
    const fetched = await pending;
    if ("error" in fetched) throw new SourceError(source.name, summary.pages + 1, (fetched.error as Error).message, { cause: fetched.error });
    const { url, stored, response } = fetched;
    summary.requests += response.attempts;
    if (response.status === 304) {
      // The page is as stored: its records stay placed on it, nothing is parsed or written.
      if (!stored) throw new SourceError(source.name, summary.pages + 1, "answered 304 Not Modified to a request that was not conditional");
      summary.pages += 1;
      summary.notModified += 1;
      const next = stored.nextCursor;
      checkCursor(at, next);
      raiseWatermark(within([stored.maxUpdatedAt]));
      const cp = checkpoint(next);
      return { next, prepare: async () => () => markPageSeen(catalog.db, { pageId: stored.id, runId, checkpoint: cp }) };
    }
    let page;
    try {
      page = source.parsePage(response.body, at);
    } catch (e) {
      throw new SourceError(source.name, summary.pages + 1, (e as Error).message, { cause: e });
    }
    summary.pages += 1;
    const next = page.next ?? null;
    checkCursor(at, next);
    if (source.detailUrl && source.parseDetail) page = { ...page, records: await fetchDetails(source, page.records, fetcher, summary, options.signal) };
    summary.records += page.records.length;
    summary.skipped += page.skipped.length;
    for (const s of page.skipped) summary.skippedReasons[s.reason] = (summary.skippedReasons[s.reason] ?? 0) + 1;
    const { records } = page;
    // Only a source that is asked for what changed since a date needs the page's latest one.
    const maxUpdatedAt = source.incremental ? within(records.map((r) => r.server.updatedAt)) : undefined;
    raiseWatermark(maxUpdatedAt);
    const digests = records.map(digestRecord);
    const info: PageInfo = { url, ...(response.etag ? { etag: response.etag } : {}), next, ...(maxUpdatedAt ? { maxUpdatedAt } : {}), records: records.length };
    const cp = checkpoint(next);
    return { next, prepare: () => preparePage(catalog, { source, runId, mode, summary, toolCounts, records, digests, info, checkpoint: cp, ...(options.classifyTools ? { classifyFresh: options.classifyTools } : {}) }) };
  };

  try {
    await source.start?.({ aliasValues: (kind) => aliasValues(catalog.db, kind) });
    let taken = await take(cursor, start(cursor));
    for (;;) {
      const { next } = taken;
      // Overlapped: the next page is fetched while this one's stored state is read, and parsed and
      // hashed while this one is written. No request starts during the write's transaction: with
      // postgres.js a connection lost mid-transaction can take the process down (porsager/postgres#1208),
      // and what is in flight then is better a read, which fails cleanly. The next page is stored only
      // after this one commits: its records may resolve to servers this page creates.
      const nextFetch = next !== null ? start(next) : undefined;
      const write = await taken.prepare();
      const fetched = await nextFetch;
      const writing = write();
      writing.catch(() => {}); // awaited below; this only keeps a failure from going unhandled meanwhile
      let following: Awaited<ReturnType<typeof take>> | undefined;
      let takeError: unknown;
      if (next !== null && fetched) {
        try {
          following = await take(next, Promise.resolve(fetched));
        } catch (e) {
          takeError = e;
        }
      }
      await writing;
      Object.assign(p, { pages: summary.pages - (following ? 1 : 0), requests: summary.requests, records: summary.records, skipped: summary.skipped });
      progress.pageDone(p);
      if (takeError !== undefined) throw takeError;
      if (next === null || !following) break;
      taken = following;
    }
    const watermark = laterWatermark(pendingWatermark, storedWatermark);
    const settled = await completeCrawl(catalog.db, { source: source.name, watermark, runId, mode: mode === "full" && crawlRunId !== null ? "full" : "incremental", crawlRunId: crawlRunId ?? runId });
    summary.gone = settled.gone;
    summary.goneWithheld = settled.withheld;
    progress.sourceDone(p);
  } catch (e) {
    const message = withCause(e).message;
    summary.errors.push(message);
    progress.sourceDone(p, message);
  }
  if (futureDates) summary.futureDates = futureDates;
  summary.durationMs = Date.now() - started;
  return summary;

  function checkCursor(at: string | null, next: string | null): void {
    if (next === null) return;
    // A cursor seen before would loop forever: the source is broken, stop it cleanly.
    if (seenCursors.has(next) || next === at) throw new SourceError(source.name, summary.pages, `cursor ${JSON.stringify(next)} loops back to an earlier page`);
    seenCursors.add(next);
  }
}

/**
 * Reads what the catalog holds for a fetched page and returns its write. Records whose raw JSON hashes
 * as stored are left alone (only placed on this page); the rest are resolved to their servers and
 * written with their aliases and tools.
 */
async function preparePage(
  catalog: Catalog,
  o: {
    source: Source;
    runId: number;
    mode: "full" | "incremental";
    summary: SourceSummary;
    toolCounts: ToolCounts;
    records: SourceRecord[];
    digests: RecordDigest[];
    info: PageInfo;
    checkpoint: Checkpoint;
    classifyFresh?: ClassifyFresh;
  },
): Promise<() => Promise<void>> {
  const { digests } = o;
  const { records, sanitized, cut } = storableRecords(o.records, digests);
  if (sanitized) o.summary.skippedReasons[SANITIZED] = (o.summary.skippedReasons[SANITIZED] ?? 0) + sanitized;
  if (cut) o.summary.skippedReasons[TEXT_CUT] = (o.summary.skippedReasons[TEXT_CUT] ?? 0) + cut;
  const stored = await storedRecords(catalog.db, o.source.name, records.map((r) => r.sourceId));
  const { records: changed, digests: changedDigests, unchanged } = changedRecords(records, digests, stored);
  o.summary.unchangedRecords += unchanged;
  const resolved = changed.length ? await resolvePage(catalog, changed, o.summary) : { targetOf: new Map<string, string>(), renames: [] };
  const rows = applyResolutions(pageRows(changed, changedDigests), resolved.targetOf);
  const listed = rows.toolListings.length ? await listedRecordsOf(catalog.db, o.source.name, [...new Set(rows.toolListings.map((l) => l.serverKey))]) : [];
  const { listings: toolListings, setAside } = bestListings(rows.toolListings, listed.map((r) => ({ ...r, rank: sourceRank(o.source.name, r.isLatest) })));
  if (setAside) o.summary.skippedReasons[SET_ASIDE] = (o.summary.skippedReasons[SET_ASIDE] ?? 0) + setAside;
  const write = {
    runId: o.runId,
    source: o.source.name,
    mode: o.mode,
    page: o.info,
    sourceIds: records.map((r) => r.sourceId),
    ...rows,
    toolListings,
    renames: resolved.renames,
    checkpoint: o.checkpoint,
    ...(o.classifyFresh ? { classifyFresh: o.classifyFresh } : {}),
  };
  return async () => {
    const written = await writeSourcePage(catalog.db, write);
    for (const k of ["added", "changed", "removed", "unchanged"] as const) o.toolCounts[k] += written.tools[k];
    o.toolCounts.classified += written.classified;
  };
}
