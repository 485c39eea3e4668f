// A source's pages off the wire, in order: each requested (conditionally when an earlier crawl kept its validators), parsed, completed by its detail pages.
import type { Db } from "../db/client.js";
import type { NewSourceDetail } from "../db/details.js";
import { storedPage, type StoredPage } from "../db/pages.js";
import { fetchDetails } from "./details.js";
import { fetchPage, type PageFetcher, type PageResponse } from "./fetcher.js";
import { HttpError } from "./http.js";
import { nestsDeeperThan, TOO_DEEP } from "./json-depth.js";
import { reasonCounts, sumCounts, type PageCounts } from "./plan/summary.js";
import { cursorStop, describeWalkStop, mayTakePage, newWalk } from "./plan/walk.js";
import type { SourceRecord } from "./records.js";
import { atPage, SourceError } from "./source-error.js";
import type { Source } from "./sources/source.js";
import { validatorsOf, type Validators } from "./validators.js";

/**
 * A page as it came: answered 304 (as stored), whole and parsed into records, or failed on its own
 * (a source whose pages stand alone, Source.pageAfter): what it stored before stays listed. `page` is
 * its number, 1-based within the crawl (null: not known, PageStreamOptions.page).
 */
export type FetchedPage =
  | { status: 304; page: number | null; at: string | null; url: string; next: string | null; stored: StoredPage; counts: PageCounts }
  | { status: "failed"; page: number | null; at: string | null; url: string; next: string | null; error: SourceError; counts: PageCounts }
  | ({
      status: 200;
      page: number | null;
      at: string | null;
      url: string;
      next: string | null;
      /** ParsedPage.nextUpdatedSince. */
      nextUpdatedSince?: string;
      records: SourceRecord[];
      /** Records the page lists that stay as stored, not parsed (their detail answered 304, or failed for now). */
      asStored: string[];
      /** The validators and outcomes of the details behind the records (crawler/details.ts). */
      details?: { rows: NewSourceDetail[]; cleared: string[] };
      counts: PageCounts;
    } & Validators);

export interface PageStreamOptions {
  db: Db;
  source: Source;
  fetcher: PageFetcher;
  /** The page to start from (null: the first). */
  cursor: string | null;
  /** The list page `cursor` is, 1-based within the crawl (crawler/plan/crawl.ts CrawlStart.page). */
  page: number | null;
  /** updated_since of an incremental crawl. */
  since?: string;
  /** Ask each page the catalog keeps validators for conditionally (If-None-Match, If-Modified-Since). */
  conditional: boolean;
  /** Ask every detail page whole (refresh --full). */
  full: boolean;
  /** The crawl derives every record again (crawler/plan/crawl.ts CrawlStart.rederive). */
  rederive?: boolean;
  maxPages: number;
  signal?: AbortSignal;
}

/**
 * The pages of one crawl, one after another; a source that breaks (a failed request, an unusable
 * page, a cursor that loops or never ends) ends the stream with a SourceError naming the page,
 * except that a failed page of a source whose pages stand alone is yielded as failed (failsAlone).
 */
export async function* sourcePages(o: PageStreamOptions): AsyncGenerator<FetchedPage> {
  const { source } = o;
  const walk = newWalk();
  let at = o.cursor;
  for (;;) {
    o.signal?.throwIfAborted();
    // Numbered within the crawl, not the run: a resumed crawl's pages go on from its checkpoint's.
    const page = o.page === null ? null : o.page + walk.pages;
    const url = pageUrlOf(o, at);
    // Whatever breaks while this page is processed (a query, a source's bug on what the page holds) names it too.
    const here = { source: source.name, page, url };
    const limit = mayTakePage(walk, o.maxPages);
    if (limit) throw new SourceError({ ...here, stop: limit, message: describeWalkStop(limit) });
    let fetched: FetchedPage;
    try {
      fetched = await listPage(o, url, at, page);
    } catch (e) {
      const next = failsAlone(o, e, at);
      if (next === undefined) throw atPage(e, here);
      fetched = { status: "failed", page, at, url, next, error: e as SourceError, counts: { pages: 1, failedPages: 1, requests: (e as SourceError).requests } };
    }
    walk.pages += 1;
    const loop = cursorStop(walk, at, fetched.next);
    const requests = fetched.counts.requests ?? 0;
    if (loop) throw new SourceError({ ...here, stop: loop, message: describeWalkStop(loop), requests });
    if (fetched.status === 200 && source.detailUrl && source.parseDetail) {
      const d = await fetchDetails({ db: o.db, source, fetcher: o.fetcher, full: o.full, rederive: !!o.rederive, ...(o.signal ? { signal: o.signal } : {}) }, fetched.records).catch((e: unknown) => {
        throw atPage(e, { ...here, requests });
      });
      const shallow = withoutDeep(d.records);
      fetched = { ...fetched, records: shallow.records, asStored: d.asStored, details: { rows: d.rows, cleared: d.cleared }, counts: sumCounts(fetched.counts, d.counts, shallow.counts) };
    }
    if (fetched.status === 200) fetched.counts = sumCounts(fetched.counts, { records: fetched.records.length });
    yield fetched;
    if (fetched.next === null) return;
    walk.cursors.add(fetched.next);
    at = fetched.next;
  }
}

/** One list page asked for and read: as stored (304), or parsed; a SourceError names why it is unusable. */
async function listPage(o: PageStreamOptions, url: string, at: string | null, page: number | null): Promise<FetchedPage> {
  const { source } = o;
  const { response, stored } = await request(o, url, at, page);
  if (response.status === 304) {
    // The page is as stored: its records stay placed on it, nothing is parsed.
    if (!stored) throw new SourceError({ source: source.name, page, url, stop: { kind: "unexpected_304" }, message: "answered 304 Not Modified to a request that was not conditional", requests: response.attempts });
    return { status: 304, page, at, url, next: stored.nextCursor, stored, counts: { pages: 1, notModified: 1, requests: response.attempts } };
  }
  let parsed;
  try {
    parsed = source.parsePage(response.body, at);
  } catch (e) {
    throw new SourceError({ source: source.name, page, url, stop: { kind: "format" }, message: (e as Error).message, cause: e, requests: response.attempts });
  }
  const shallow = withoutDeep(parsed.records);
  return {
    status: 200,
    page,
    at,
    url,
    ...validatorsOf(response),
    next: parsed.next ?? null,
    ...(parsed.nextUpdatedSince ? { nextUpdatedSince: parsed.nextUpdatedSince } : {}),
    records: shallow.records,
    asStored: [],
    counts: sumCounts({ pages: 1, requests: response.attempts, skipped: parsed.skipped.length, reasons: reasonCounts(parsed.skipped.map((s) => s.reason)) }, shallow.counts),
  };
}

/**
 * The records that nest no deeper than MAX_JSON_DEPTH, the others skipped and counted: everything after
 * (hashing, sanitizing, classifying) walks a record recursively, and one item nested thousands deep
 * would overflow the stack and stop its source at the same page on every run.
 */
function withoutDeep(records: SourceRecord[]): { records: SourceRecord[]; counts: PageCounts } {
  const shallow = records.filter((r) => !nestsDeeperThan(r));
  const skipped = records.length - shallow.length;
  return skipped ? { records: shallow, counts: { skipped, reasons: { [TOO_DEEP]: skipped } } } : { records, counts: {} };
}

/**
 * The page after a failed one, when the failure stops only that page (pure): the source's pages stand
 * alone and the page itself failed (its request or its body). Undefined: the failure stops the source
 * (any other source, an interrupted run). Null: the failed page was the last.
 */
function failsAlone(o: Pick<PageStreamOptions, "source" | "signal">, e: unknown, at: string | null): string | null | undefined {
  if (!o.source.pageAfter || !(e instanceof SourceError) || o.signal?.aborted) return undefined;
  if (e.cause instanceof HttpError && e.cause.kind === "aborted") return undefined;
  return o.source.pageAfter(at) ?? null;
}

function pageUrlOf(o: PageStreamOptions, at: string | null): string {
  return o.source.pageUrl(at, { ...(o.since ? { since: o.since } : {}) });
}

/** One list page's request; a source without a list endpoint makes its list page itself (no request). */
async function request(o: PageStreamOptions, url: string, at: string | null, page: number | null): Promise<{ response: PageResponse; stored?: StoredPage }> {
  const { source } = o;
  if (source.listPage) return { response: { status: 200, url, body: source.listPage(at), attempts: 0 } };
  const stored = o.conditional ? await storedPage(o.db, source.name, url) : undefined;
  try {
    const response = await fetchPage(o.fetcher, url, { headers: source.headers?.() ?? {}, ...(stored ? validatorsOf(stored) : {}), ...(o.signal ? { signal: o.signal } : {}) }, source.format);
    return { response, ...(stored ? { stored } : {}) };
  } catch (e) {
    throw new SourceError({ source: source.name, page, url, message: (e as Error).message, cause: e, requests: e instanceof HttpError ? e.attempts : 1 });
  }
}
