// One refresh run: takes the lock, crawls each source page by page with checkpoints, records the run.
import type { Catalog } from "../db/client.js";
import { describeDbError } from "../db/errors.js";
import { aliasValues } from "../db/identity.js";
import { analyzeChangedTables, failAbandonedRuns, finishRun, mergePendingIndexEntries, serverCountsForRun, startRun, unchangedToolsForRun, type RunOutcome, type ServerCounts } from "../db/runs.js";
import type { SourceStateRow } from "../db/schema.js";
import { dropSourceAliases } from "../db/servers.js";
import { getSourceState } from "../db/source-state.js";
import { completeCrawl } from "./complete-crawl.js";
import { failureLine, failureOf, type Failure } from "./failure.js";
import type { PageFetcher } from "./fetcher.js";
import type { IntrospectResult } from "./introspect-stage.js";
import { withdrawUnlistableTools } from "./tool-sync.js";
import type { IntrospectMode } from "../db/introspection.js";
import type { EnqueueResult } from "./listing-queue.js";
import type { ModelReviewStats } from "./model-review.js";
import { applyPage } from "./page-apply.js";
import { sourcePages } from "./page-stream.js";
import type { ClassifyFresh } from "./page-write.js";
import { pipeline } from "./pipeline.js";
import { crawlCompletion, openCrawl, refusesCheckpoint, type CrawlPosition } from "./plan/crawl.js";
import { addToolCounts, countPage, newSourceSummary, type RunToolCounts, type SourceSummary } from "./plan/summary.js";
import { DEFAULT_CRAWL_LIMITS } from "./plan/walk.js";
import { silentProgress, type ProgressReporter, type SourceProgress } from "./progress.js";
import type { SourceName } from "./records.js";
import { storable } from "./sanitize.js";
import { atPage, SourceError } from "./source-error.js";
import type { Source } from "./sources/source.js";
import { DEFAULT_CLOCK_SKEW_MS } from "./timestamps.js";

export interface RefreshOptions {
  sources: Source[];
  /** Ignore watermarks and crawl every page. */
  full: boolean;
  fetcherFor(source: SourceName): PageFetcher;
  progress?: ProgressReporter;
  signal?: AbortSignal;
  /** A source that pages past this is treated as broken (a cursor that never ends); default DEFAULT_CRAWL_LIMITS.maxPages. */
  maxPages?: number;
  /** Pages fetched ahead of the one being written, that one included; default DEFAULT_CRAWL_LIMITS.pagesInFlight. */
  pagesInFlight?: number;
  /**
   * The introspect stage (crawler/introspect-stage.ts): live tools/list of reachable servers, after the sources.
   * Interrupted, it resolves with its counts so far (the run records them and ends aborted). It calls `listed`
   * with each server it listed, whose tools the run then counts among those it saw.
   */
  introspect?: (db: Catalog["db"], runId: number, signal: AbortSignal | undefined, listed: (serverId: number) => void) => Promise<IntrospectResult>;
  /**
   * The modes this run lists (or enqueues) by and those the configuration lists by (CATALOG_INTROSPECT): a server one
   * of them can list keeps its live tools for that listing to replace (withdrawUnlistableTools). Default: none.
   */
  keepModes?: readonly IntrospectMode[];
  /**
   * Instead of listing in-process: enqueue one listing job per due server for the workers (crawler/listing-queue.ts).
   * Interrupted, it resolves with the jobs enqueued so far (the run records them and ends aborted).
   */
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

export interface RefreshSummary {
  runId: number;
  status: "succeeded" | "failed";
  sources: Partial<Record<SourceName, SourceSummary>>;
  /** What failed, typed: each source's stop, then the stages' (crawler/failure.ts); empty when the run succeeded. */
  failures: Failure[];
  servers: ServerCounts;
  tools: RunToolCounts;
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
    const soFar: RunSoFar = { sources: {}, failures: [], tools: emptyToolCounts() };
    try {
      return await runStages(catalog, runId, options, started, soFar);
    } catch (e) {
      // A stage that broke outright (the database went away, an interrupt) still closes its run record, with what the
      // run did before it: the sources it crawled, their failures and the tools counted so far.
      const error = withCause(e);
      const failures = [...soFar.failures, failureOf(e, { stage: "run", aborted: !!options.signal?.aborted })];
      const servers = await serverCountsForRun(catalog.db, runId).catch(() => ({ added: 0, updated: 0, unchanged: 0, removed: 0 }));
      const outcome = { status: "failed" as const, sources: soFar.sources, servers, tools: soFar.tools, failures, error: failures.map(failureLine).join("; ") };
      await finishRun(catalog.db, runId, storable(outcome).value).catch(() => {});
      throw error;
    }
  } finally {
    await release();
  }
}

/** What a run has done so far, kept up to date by runStages: what its record says if a stage breaks the run outright. */
interface RunSoFar {
  sources: Partial<Record<SourceName, SourceSummary>>;
  failures: Failure[];
  tools: RunToolCounts;
}

function emptyToolCounts(): RunToolCounts {
  return { added: 0, changed: 0, removed: 0, unchanged: 0, classified: 0 };
}

async function runStages(catalog: Catalog, runId: number, options: RefreshOptions, started: number, soFar: RunSoFar): Promise<RefreshSummary> {
  const { sources: summaries, failures } = soFar;
  const stageMs = { crawl: 0, introspect: 0, classify: 0, analyze: 0 };
  let mark = Date.now();
  const lap = () => {
    const t = Date.now();
    const ms = t - mark;
    mark = t;
    return ms;
  };
  for (const source of options.sources) {
    // An interrupt ends the crawl where it landed: the sources after it are not started.
    if (options.signal?.aborted) break;
    const crawled = await crawlSource(catalog, source, runId, options);
    summaries[source.name] = crawled.summary;
    failures.push(...crawled.failures);
    soFar.tools = addToolCounts(soFar.tools, crawled.tools);
  }
  // A server the crawl left with nothing its live tools' listing, or a listing to come, could reach keeps none of them
  // as current (withdrawUnlistableTools).
  const withdrawn = await withdrawUnlistableTools(catalog.db, runId, options.keepModes ?? []);
  soFar.tools = addToolCounts(soFar.tools, { removed: withdrawn.removed });
  // A page's listings count only the records it wrote again: those of unchanged records and 304 pages list no
  // tools. So the run's unchanged tools are counted once, from the catalog: after the crawl, and again after a live
  // listing, whose servers the crawl may have seen too (a tool both said is unchanged once, one the listing changed
  // or removed is that alone).
  soFar.tools = { ...soFar.tools, unchanged: await unchangedToolsForRun(catalog.db, runId) };
  stageMs.crawl = lap();
  let introspection: IntrospectResult | undefined;
  let queued: EnqueueResult | undefined;
  let review: ModelReviewStats | undefined;
  // The stage running, so an interrupt's wall time goes to the stage it stopped (none: it came before them).
  let stage: keyof typeof stageMs | undefined;
  try {
    // An interrupted crawl starts no stage after it.
    options.signal?.throwIfAborted();
    stage = "introspect";
    if (options.introspect) {
      // One server failing is recorded on that server; only a broken stage (the database) fails the run.
      const listed: number[] = [];
      introspection = await options.introspect(catalog.db, runId, options.signal, (id) => listed.push(id));
      soFar.tools = { ...addToolCounts(soFar.tools, introspection.tools), unchanged: await unchangedToolsForRun(catalog.db, runId, listed) };
      // An interrupt ends the stage with the servers it listed, counted above: the run records them, then stops.
      options.signal?.throwIfAborted();
      stageMs.introspect = lap();
    }
    if (options.enqueue) {
      queued = await options.enqueue(catalog.db, runId, options.signal);
      // Interrupted, it resolves with the jobs it left on the queue, counted above: the run records them, then stops.
      options.signal?.throwIfAborted();
      stageMs.introspect = lap();
    }
    if (options.classify) {
      stage = "classify";
      try {
        const classified = await options.classify(catalog.db, options.signal);
        soFar.tools = addToolCounts(soFar.tools, { classified: classified.classified });
        review = classified.review;
      } catch (e) {
        options.signal?.throwIfAborted();
        failures.push(failureOf(e, { stage: "classify" }));
      }
      stageMs.classify = lap();
    }
    // Statistics for what the run wrote and its search index entries merged, so lookups plan well right after a big run.
    stage = "analyze";
    try {
      await mergePendingIndexEntries(catalog.db);
      await analyzeChangedTables(catalog.db);
    } catch (e) {
      options.signal?.throwIfAborted();
      failures.push(failureOf(e, { stage: "analyze" }));
    }
    stageMs.analyze = lap();
  } catch (e) {
    // An interrupt after the crawls ends the run as one during them does: failed, summed up (what `--json`
    // prints) with an `aborted` failure. Anything else broke the run outright (refresh's catch).
    if (!options.signal?.aborted) throw e;
    // One interrupt, one aborted failure: that of the source it stopped, else the run's (it landed in a stage,
    // or where no source saw it: between two sources, after a source's last page).
    if (!failures.some((f) => f.kind === "aborted")) failures.push(failureOf(e, { stage: "run", aborted: true }));
    if (stage) stageMs[stage] = lap();
  }
  const status = failures.length ? "failed" : "succeeded";
  const servers = await serverCountsForRun(catalog.db, runId);
  // Error texts may quote what a source sent (a NUL, a lone surrogate): the run record must still be written.
  const outcome = storable<RunOutcome>({
    status,
    sources: summaries,
    servers,
    tools: { ...soFar.tools, ...(introspection ? { introspection } : {}), ...(queued ? { queued } : {}), ...(review ? { review } : {}) },
    failures,
    ...(failures.length ? { error: failures.map(failureLine).join("; ") } : {}),
  }).value;
  await finishRun(catalog.db, runId, outcome);
  return { runId, status, sources: summaries, failures: outcome.failures, servers, tools: soFar.tools, ...(introspection ? { introspection } : {}), ...(queued ? { queued } : {}), ...(review ? { review } : {}), stageMs, durationMs: Date.now() - started };
}

/**
 * Crawls one source: fetch → parse → read state → plan → apply, page after page. The pages are a
 * stream (crawler/page-stream.ts) that runs ahead of the writes by at most `pagesInFlight` pages
 * (crawler/pipeline.ts): fetching and parsing the next pages overlaps applying this one. A page is
 * applied only after the one before it commits: its records may resolve to servers that one created.
 */
async function crawlSource(catalog: Catalog, source: Source, runId: number, options: RefreshOptions): Promise<SourceCrawl> {
  const state = await getSourceState(catalog.db, source.name);
  const crawl = await walkSource(catalog, source, runId, options, state);
  if (!crawl.refusedCheckpoint) return crawl;
  // The checkpoint's cursor is one the source no longer takes (expired, or of an API since changed): resuming would
  // fail on it every run, --full too. The crawl starts over from its first page; its requests include the refused one.
  const again = await walkSource(catalog, source, runId, options, state && { ...state, cursor: null });
  const summary = { ...again.summary, checkpointRefused: crawl.refusedCheckpoint.message, requests: again.summary.requests + crawl.summary.requests, durationMs: again.summary.durationMs + crawl.summary.durationMs };
  return { ...again, summary };
}

interface SourceCrawl {
  summary: SourceSummary;
  tools: RunToolCounts;
  failures: Failure[];
  /** The resumed crawl's first request, refused by the source (its cursor): nothing was walked, nothing recorded as failed. */
  refusedCheckpoint?: Failure;
}

/** One walk of a source from its stored state (crawlSource); a resumed walk whose cursor is refused says so instead of failing. */
async function walkSource(catalog: Catalog, source: Source, runId: number, options: RefreshOptions, state: SourceStateRow | undefined): Promise<SourceCrawl> {
  const started = Date.now();
  const progress = options.progress ?? silentProgress;
  const { db } = catalog;
  const opening = openCrawl(state, {
    full: options.full,
    incremental: !!source.incremental,
    runId,
    now: (options.now ?? (() => new Date()))(),
    clockSkewMs: options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS,
  });
  const { start } = opening;
  let summary = newSourceSummary({ mode: start.mode, ...(start.since ? { since: start.since } : {}), resumed: start.resumed });
  let tools = emptyToolCounts();
  // Pages that failed alone (Source.pageAfter), then the failure that stopped the source, if one did.
  const failures: Failure[] = [];
  let position: CrawlPosition = { pendingWatermark: opening.pendingWatermark, clock: opening.clock };
  const p: SourceProgress = { source: source.name, mode: start.mode, pages: 0, requests: 0, records: 0, skipped: 0, startedAt: Date.now() };
  progress.sourceStarted(p);
  // Cancels the pages fetched ahead when a write fails.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  try {
    // A crawl deriving every record again replaces every alias of the source (a resumed one, those of the pages it has
    // not written yet): it goes first, so what the source asserted by other rules names no server, and what PyPI
    // reads (start) is only what other sources name.
    if (start.rederive && !start.resumed) await dropSourceAliases(db, source.name);
    await source.start?.({ aliasValues: (kind) => aliasValues(db, kind) });
    const pages = sourcePages({
      db,
      source,
      fetcher: options.fetcherFor(source.name),
      cursor: start.cursor,
      page: start.page,
      ...(start.since ? { since: start.since } : {}),
      // Not for sources with detail pages: an unchanged list page says nothing about the details behind it. Nor when
      // every record is derived again: a 304 stands for records as they are stored.
      conditional: start.mode === "full" && !source.detailUrl && !start.rederive,
      full: options.full || start.rederive,
      rederive: start.rederive,
      maxPages: options.maxPages ?? DEFAULT_CRAWL_LIMITS.maxPages,
      signal,
    });
    const apply = { db, source: { name: source.name, incremental: !!source.incremental }, runId, start, ...(options.classifyTools ? { classifyFresh: options.classifyTools } : {}) };
    await pipeline(pages, {
      inFlight: options.pagesInFlight ?? DEFAULT_CRAWL_LIMITS.pagesInFlight,
      stop: () => stop.abort(),
      consume: async (page) => {
        // What stops the source here (an interrupt, the write) stops it on this page, which was requested.
        const here = { source: source.name, page: page.page, url: page.url, requests: page.counts.requests ?? 0 };
        if (options.signal?.aborted) throw atPage(options.signal.reason, here);
        if (page.status === "failed") failures.push(failureOf(page.error, { stage: "crawl", source: source.name }));
        const applied = await applyPage(apply, page, position).catch((e: unknown) => {
          throw atPage(e, here);
        });
        position = applied.position;
        summary = countPage(summary, applied.counts);
        tools = addToolCounts(tools, applied.tools);
        Object.assign(p, { pages: summary.pages, requests: summary.requests, records: summary.records, skipped: summary.skipped });
        progress.pageDone(p);
      },
    });
    const settled = await completeCrawl(db, crawlCompletion(source.name, opening, position, runId));
    summary = { ...summary, gone: settled.gone, goneWithheld: settled.withheld, missing: settled.missing };
  } catch (e) {
    // The page it stopped on was requested too (those fetched ahead of it are dropped uncounted, as their records are).
    if (e instanceof SourceError) summary = countPage(summary, { requests: e.requests });
    const failure = failureOf(e, { stage: "crawl", source: source.name, aborted: !!options.signal?.aborted });
    if (failures.length === 0 && refusesCheckpoint(start, summary.pages, failure)) {
      progress.sourceDone(p, `${failure.message}; starting over from the first page`);
      return { summary: { ...summary, durationMs: Date.now() - started }, tools, failures, refusedCheckpoint: failure };
    }
    failures.push(failure);
  }
  summary = { ...summary, errors: failures.map((f) => f.message) };
  progress.sourceDone(p, failures.length ? summary.errors.join("; ") : undefined);
  const { futureDates } = position.clock;
  return { summary: { ...summary, ...(futureDates ? { futureDates } : {}), durationMs: Date.now() - started }, tools, failures };
}
