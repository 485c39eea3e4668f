// How a source's crawl starts and ends: its mode, checkpoint and watermark, and how many servers a full crawl may mark gone.
import type { SourceStateRow } from "../../db/schema.js";
import type { Checkpoint, CrawlCompletion } from "../../db/source-state.js";
import type { Failure } from "../failure.js";
import { IDENTITY_RULES_VERSION } from "../normalize.js";
import { SOURCE_NAMES, type SourceName } from "../records.js";
import { watermarkOf, type FutureDates } from "../timestamps.js";
import { DEFAULT_CRAWL_LIMITS } from "./walk.js";

/**
 * At most this share of the servers a source listed may go in one full crawl: a source that suddenly
 * lists far fewer servers is likelier broken (a wrong URL, a truncated mirror, an outage page that
 * parses) than emptied, so such a crawl marks nothing gone and says so in its summary.
 */
export const MAX_GONE_SHARE = 0.1;

/** Whether a full crawl marks its unlisted servers gone, or withholds them all as a likely broken source. */
export function goneDecision(o: { unlisted: number; listed: number }): { markGone: boolean; withheld: number } {
  if (o.unlisted > Math.max(1, MAX_GONE_SHARE * o.listed)) return { markGone: false, withheld: o.unlisted };
  return { markGone: o.unlisted > 0, withheld: 0 };
}

/**
 * How each source's walk reaches its next page, which decides how soon a record it stops listing stops vouching for
 * its server. `offset`: the next page is a count of entries in (an offset, a page number), so an entry deleted
 * before the walk's position moves an entry the walk has not read onto a page it has, and one walk misses it (an
 * insertion reads an entry twice, which is harmless). `keyset`: the next page starts after an entry named in the
 * cursor, so deletions and insertions elsewhere move nothing across it. `document`: the page is read whole.
 */
export const SOURCE_PAGING: Record<SourceName, "offset" | "keyset" | "document"> = {
  // nextCursor names the last entry returned (its name and version), and the list is ordered by it.
  registry: "keyset",
  // Relay-style endCursor, opaque, but the example in Glama's own OpenAPI document is base64 of "absolute:1": a
  // position, which moves under deletions as an offset does. Taken for one until shown otherwise.
  glama: "offset",
  // page and pageSize: page n is entries (n-1)·size onwards.
  smithery: "offset",
  // count_per_page and offset.
  pulsemcp: "offset",
  // The search API's from; its order is by score, which moves as well.
  npm: "offset",
  // Each list is one page, read whole.
  awesome: "document",
  // The catalog's own coordinates, sorted; the cursor is the name a page starts at.
  pypi: "keyset",
};

/**
 * How many complete walks of a source in a row must miss a record before it stops vouching for its server: a source
 * paged by offset can miss a live server in one walk (SOURCE_PAGING), so its records are kept through that walk;
 * the others' walks miss nothing live, so one is enough.
 */
export function walksBeforeGone(source: SourceName): number {
  return SOURCE_PAGING[source] === "offset" ? DEFAULT_CRAWL_LIMITS.offsetMissesBeforeGone : 1;
}

/** walksBeforeGone of every source: a server goes only when none of its records, of any source, still vouches. */
export function walksBeforeGoneBySource(): Record<SourceName, number> {
  return Object.fromEntries(SOURCE_NAMES.map((s) => [s, walksBeforeGone(s)])) as Record<SourceName, number>;
}

function later(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}

/** The later of two watermarks (either may be absent). */
export function laterWatermark(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return later(a, b) ? a : b;
}

export interface CrawlStart {
  mode: "full" | "incremental";
  /** updated_since of an incremental crawl. */
  since?: string;
  /** Resuming a crawl a killed run left half done. */
  resumed: boolean;
  /** The page to start from. */
  cursor: string | null;
  /**
   * The list page `cursor` is, 1-based within the crawl: 1 for a crawl started afresh, the checkpoint's
   * for a resumed one, so its pages are numbered on; null for a checkpoint written before pages were numbered.
   */
  page: number | null;
  crawlStartedAt: string;
  /** The run that started the crawl; null for a crawl resumed from before pages were kept (it settles no removals). */
  crawlRunId: number | null;
  /**
   * The source's records were derived by other identity rules than this release's (IDENTITY_RULES_VERSION): the crawl
   * is full, reads every page and detail whole and writes every record again, its key and aliases derived anew, so the
   * catalog ends as one built afresh would. Its aliases are dropped as it starts (not as it resumes).
   */
  rederive: boolean;
}

/**
 * How a source's crawl starts: resume a crawl a killed run left half done (unless --full asks to start
 * over from a non-full one), else full when asked, when the source cannot be asked for changes or when
 * there is no watermark, else incremental from the watermark (already clamped to the clock). A source
 * whose records were derived by other identity rules (or none: never crawled whole) rederives: full,
 * resuming only a crawl that was rederiving too, as one that was not left its first pages as they were.
 */
export function crawlStart(
  state: Pick<SourceStateRow, "cursor" | "cursorPage" | "mode" | "crawlStartedAt" | "crawlRunId" | "crawlRederives" | "identityRulesVersion"> | undefined,
  o: { full: boolean; incremental: boolean; watermark: string | null; runId: number; now: string },
): CrawlStart {
  const rederive = state?.identityRulesVersion !== IDENTITY_RULES_VERSION;
  const full = o.full || rederive;
  const resumable = !!state?.cursor && (state.mode === "full" || (state.mode === "incremental" && !full)) && (!rederive || state.crawlRederives);
  const mode: "full" | "incremental" = resumable && state?.mode === "incremental" ? "incremental" : resumable ? "full" : full || !o.incremental || !o.watermark ? "full" : "incremental";
  return {
    rederive,
    mode,
    ...(mode === "incremental" && o.watermark ? { since: o.watermark } : {}),
    resumed: resumable,
    cursor: resumable ? state!.cursor : null,
    page: resumable ? (state!.cursorPage ?? null) : 1,
    crawlStartedAt: resumable && state?.crawlStartedAt ? state.crawlStartedAt : o.now,
    crawlRunId: resumable ? (state!.crawlRunId ?? null) : o.runId,
  };
}

/**
 * Statuses that refuse the request itself, as a cursor the source no longer takes is refused (expired, or written by an
 * API version since replaced): not auth (401, 403, 407), a timeout (408) or a rate limit (429), which starting over
 * would meet again.
 */
const REFUSED_REQUEST = new Set([400, 404, 410, 422]);

/**
 * Whether a walk's failure is the source refusing the checkpoint it resumed from (pure): the first page it asked, the
 * checkpoint's, answered with a status that refuses the request, before any page was walked. Resuming would fail on it
 * every run; the crawl starts over instead.
 */
export function refusesCheckpoint(start: CrawlStart, pagesWalked: number, failure: Pick<Failure, "kind" | "status" | "page">): boolean {
  return (
    start.resumed &&
    start.cursor !== null &&
    pagesWalked === 0 &&
    failure.kind === "status" &&
    failure.status !== undefined &&
    REFUSED_REQUEST.has(failure.status) &&
    (start.page === null || failure.page === start.page)
  );
}

/** How a crawl judges a source's dates: the latest instant the clock allows, and the dates it left out. */
export interface Clock {
  limitMs: number;
  futureDates?: FutureDates;
}

/** The latest of `dates` the clock allows (pure); the clock comes back with the dates it left out counted. */
export function withinClock(clock: Clock, dates: readonly (string | null | undefined)[]): { latest?: string; clock: Clock } {
  const w = watermarkOf(
    dates.map((d) => d ?? undefined),
    clock.limitMs,
  );
  const latest = w.max !== undefined ? { latest: w.max } : {};
  if (!w.ignored) return { ...latest, clock };
  const seen = clock.futureDates ?? { ignored: 0, limit: new Date(clock.limitMs).toISOString() };
  const futureDates = { ...seen, ignored: seen.ignored + w.ignored, latest: watermarkOf([seen.latest, w.latestIgnored], clock.limitMs).latestIgnored };
  return { ...latest, clock: { ...clock, futureDates } };
}

/** Where a crawl stands between two pages: its watermark so far, the last page's nextUpdatedSince, and the dates the clock left out. */
export interface CrawlPosition {
  /** The highest updatedAt of the crawl's pages so far, its resumed part's included (the checkpoint keeps it). */
  pendingWatermark: string | null;
  /**
   * The last page's nextUpdatedSince (ParsedPage.nextUpdatedSince), within the clock: absent when that page gave none.
   * Not kept by the checkpoint: the last page of a crawl is always one the run that completes it applied.
   */
  nextUpdatedSince?: string;
  clock: Clock;
}

/** What a page says of its dates: its records' updatedAt (a 304: the stored page's highest), and the source's nextUpdatedSince. */
export interface PageDates {
  updatedAt: readonly (string | null | undefined)[];
  nextUpdatedSince?: string | null;
}

/**
 * The crawl's position after a page (pure), and the page's highest updatedAt within the clock. The highest updatedAt
 * of the crawl keeps the later of the pages'; nextUpdatedSince is the page's own, replacing the one before it: a feed
 * names what to ask next as of the pass, not the latest date it has seen.
 */
export function afterPage(at: CrawlPosition, page: PageDates): { position: CrawlPosition; maxUpdatedAt?: string } {
  const judged = withinClock(at.clock, page.updatedAt);
  const next = withinClock(judged.clock, [page.nextUpdatedSince]);
  return {
    position: { pendingWatermark: laterWatermark(judged.latest, at.pendingWatermark), ...(next.latest ? { nextUpdatedSince: next.latest } : {}), clock: next.clock },
    ...(judged.latest ? { maxUpdatedAt: judged.latest } : {}),
  };
}

/** A crawl as it opens: how it starts, the watermarks it carries, and the clock its dates are judged by. */
export interface CrawlOpening {
  start: CrawlStart;
  /** The stored watermark, unless the clock sets it aside. */
  storedWatermark: string | null;
  /** The resumed crawl's watermark so far (null for a crawl started afresh). */
  pendingWatermark: string | null;
  clock: Clock;
}

/**
 * Opens a source's crawl from its stored state (pure). A watermark stored in the far future (by a
 * version before the clamp) would ask for nothing new forever: it is set aside, said so in the
 * clock's futureDates, and the crawl runs as if there were none.
 */
export function openCrawl(
  state: Pick<SourceStateRow, "cursor" | "cursorPage" | "mode" | "crawlStartedAt" | "crawlRunId" | "crawlRederives" | "identityRulesVersion" | "watermark" | "pendingWatermark"> | undefined,
  o: { full: boolean; incremental: boolean; runId: number; now: Date; clockSkewMs: number },
): CrawlOpening {
  let clock: Clock = { limitMs: o.now.getTime() + o.clockSkewMs };
  let storedWatermark: string | null = null;
  if (state?.watermark) {
    const judged = withinClock(clock, [state.watermark]);
    storedWatermark = judged.latest ?? null;
    const seen = judged.clock.futureDates ?? { ignored: 0, limit: new Date(clock.limitMs).toISOString() };
    clock = storedWatermark ? judged.clock : { ...judged.clock, futureDates: { ...seen, storedWatermark: state.watermark } };
  }
  const start = crawlStart(state, { full: o.full, incremental: o.incremental, watermark: storedWatermark, runId: o.runId, now: o.now.toISOString() });
  if (!start.resumed || !state?.pendingWatermark) return { start, storedWatermark, pendingWatermark: null, clock };
  const pending = withinClock(clock, [state.pendingWatermark]);
  return { start, storedWatermark, pendingWatermark: pending.latest ?? null, clock: pending.clock };
}

/**
 * The checkpoint a page's write leaves: where the next run resumes (the page's `next` cursor, and the
 * list page that is: the one after `page`), and the watermark so far.
 */
export function checkpointAfter(source: string, start: CrawlStart, page: { next: string | null; page: number | null }, pendingWatermark: string | null, runId: number): Checkpoint {
  const cursorPage = page.next === null || page.page === null ? null : page.page + 1;
  return { source, cursor: page.next, cursorPage, mode: start.mode, pendingWatermark, crawlStartedAt: start.crawlStartedAt, crawlRunId: start.crawlRunId ?? runId, rederives: start.rederive };
}

/**
 * What completing a crawl settles: its watermark, and removals only for a full crawl that knows the run it started
 * in (one resumed from before pages were kept cannot).
 *
 * The watermark is the last page's nextUpdatedSince when it gave one, whatever was stored or seen before; else the
 * later of the crawl's highest updatedAt and the stored watermark. A feed's nextUpdatedSince is the time at or after
 * which every change its pass could not see will be dated, and may be earlier than dates the pass listed (a write
 * still open when the pass began, dated before changes committed since): a later watermark, kept from an earlier
 * pass, from before the feed sent it, or from the highest updatedAt of this one, would ask past such a change and
 * never list it. Asking again from an earlier time only lists some entries twice. The last page's, because it ends
 * the pass that the next poll goes on from; a resumed crawl's last page is this run's, so the checkpoint need not keep it.
 */
export function crawlCompletion(source: string, opening: Pick<CrawlOpening, "start" | "storedWatermark">, position: Pick<CrawlPosition, "pendingWatermark" | "nextUpdatedSince">, runId: number): CrawlCompletion {
  const { start } = opening;
  const mode = start.mode === "full" && start.crawlRunId !== null ? "full" : "incremental";
  return {
    source,
    watermark: position.nextUpdatedSince ?? laterWatermark(position.pendingWatermark, opening.storedWatermark),
    runId,
    mode,
    crawlRunId: start.crawlRunId ?? runId,
    // A complete rederiving crawl wrote every record the source lists by these rules.
    identityRulesVersion: start.rederive && mode === "full" ? IDENTITY_RULES_VERSION : null,
  };
}
