// A source's pages off the wire, in order: each requested (conditionally when an earlier crawl kept its ETag), parsed, completed by its detail pages.
import type { Db } from "../db/client.js";
import { storedPage, type StoredPage } from "../db/pages.js";
import { fetchPage, type PageFetcher, type PageResponse } from "./fetcher.js";
import { settleDetail, type DetailResult } from "./plan/details.js";
import { reasonCounts, sumCounts, type PageCounts } from "./plan/summary.js";
import { cursorStop, describeWalkStop, mayTakePage, newWalk } from "./plan/walk.js";
import type { SourceRecord } from "./records.js";
import { SourceError } from "./source-error.js";
import type { Source } from "./sources/source.js";

/** A page as it came: answered 304 (as stored), or whole and parsed into records. */
export type FetchedPage =
  | { status: 304; at: string | null; url: string; next: string | null; stored: StoredPage; counts: PageCounts }
  | { status: 200; at: string | null; url: string; etag?: string; next: string | null; records: SourceRecord[]; counts: PageCounts };

export interface PageStreamOptions {
  db: Db;
  source: Source;
  fetcher: PageFetcher;
  /** The page to start from (null: the first). */
  cursor: string | null;
  /** updated_since of an incremental crawl. */
  since?: string;
  /** Ask each page the catalog keeps an ETag for with If-None-Match. */
  conditional: boolean;
  maxPages: number;
  signal?: AbortSignal;
}

/**
 * The pages of one crawl, one after another; a source that breaks (a failed request, an unusable
 * page, a cursor that loops or never ends) ends the stream with a SourceError naming the page.
 */
export async function* sourcePages(o: PageStreamOptions): AsyncGenerator<FetchedPage> {
  const { source } = o;
  const walk = newWalk();
  let at = o.cursor;
  for (;;) {
    o.signal?.throwIfAborted();
    const page = walk.pages + 1;
    const url = pageUrlOf(o, at);
    const limit = mayTakePage(walk, o.maxPages);
    if (limit) throw new SourceError({ source: source.name, page, url, stop: limit, message: describeWalkStop(limit) });
    const { response, stored } = await request(o, url, at, page);
    let fetched: FetchedPage;
    if (response.status === 304) {
      // The page is as stored: its records stay placed on it, nothing is parsed.
      if (!stored) throw new SourceError({ source: source.name, page, url, stop: { kind: "unexpected_304" }, message: "answered 304 Not Modified to a request that was not conditional" });
      fetched = { status: 304, at, url, next: stored.nextCursor, stored, counts: { pages: 1, notModified: 1, requests: response.attempts } };
    } else {
      let parsed;
      try {
        parsed = source.parsePage(response.body, at);
      } catch (e) {
        throw new SourceError({ source: source.name, page, url, stop: { kind: "format" }, message: (e as Error).message, cause: e });
      }
      fetched = {
        status: 200,
        at,
        url,
        ...(response.etag ? { etag: response.etag } : {}),
        next: parsed.next ?? null,
        records: parsed.records,
        counts: { pages: 1, requests: response.attempts, skipped: parsed.skipped.length, reasons: reasonCounts(parsed.skipped.map((s) => s.reason)) },
      };
    }
    walk.pages = page;
    const loop = cursorStop(walk, at, fetched.next);
    if (loop) throw new SourceError({ source: source.name, page, url, stop: loop, message: describeWalkStop(loop) });
    if (fetched.status === 200 && source.detailUrl && source.parseDetail) {
      const detailed = await withDetails(o, fetched.records);
      fetched = { ...fetched, records: detailed.records, counts: sumCounts(fetched.counts, detailed.counts) };
    }
    if (fetched.status === 200) fetched.counts = sumCounts(fetched.counts, { records: fetched.records.length });
    yield fetched;
    if (fetched.next === null) return;
    walk.cursors.add(fetched.next);
    at = fetched.next;
  }
}

function pageUrlOf(o: PageStreamOptions, at: string | null): string {
  return o.source.pageUrl(at, { ...(o.since ? { since: o.since } : {}) });
}

/** One list page's request; a source without a list endpoint makes its list page itself (no request). */
async function request(o: PageStreamOptions, url: string, at: string | null, page: number): Promise<{ response: PageResponse; stored?: StoredPage }> {
  const { source } = o;
  if (source.listPage) return { response: { status: 200, url, body: source.listPage(at), attempts: 0 } };
  const stored = o.conditional ? await storedPage(o.db, source.name, url) : undefined;
  const etag = stored?.etag ?? undefined;
  try {
    const response = await fetchPage(o.fetcher, url, { headers: source.headers?.() ?? {}, ...(etag ? { etag } : {}), ...(o.signal ? { signal: o.signal } : {}) }, source.format);
    return { response, ...(stored ? { stored } : {}) };
  } catch (e) {
    throw new SourceError({ source: source.name, page, url, message: (e as Error).message, cause: e });
  }
}

/**
 * Fetches each record's detail page concurrently (the HTTP client's per-host queue keeps it polite)
 * and settles each record by its detail (crawler/plan/details.ts).
 */
async function withDetails(o: PageStreamOptions, records: readonly SourceRecord[]): Promise<{ records: SourceRecord[]; counts: PageCounts }> {
  const { source } = o;
  const settled = await Promise.all(
    records.map(async (record) => {
      const { result, attempts } = await detailOf(o, record);
      const s = settleDetail(record, result, !!source.detailRequired);
      return { ...s, counts: sumCounts(s.counts, { requests: attempts }) };
    }),
  );
  return { records: settled.flatMap((s) => (s.record ? [s.record] : [])), counts: sumCounts(...settled.map((s) => s.counts)) };
}

async function detailOf(o: PageStreamOptions, record: SourceRecord): Promise<{ result: DetailResult; attempts: number }> {
  const url = o.source.detailUrl!(record);
  if (!url) return { result: { none: true }, attempts: 0 };
  try {
    const response = await o.fetcher.getJson(url, { headers: o.source.headers?.() ?? {}, ...(o.signal ? { signal: o.signal } : {}) });
    return { result: response.status === 200 ? { parsed: o.source.parseDetail!(record, response.body) } : { unchanged: true }, attempts: response.attempts };
  } catch (e) {
    o.signal?.throwIfAborted();
    return { result: { failed: (e as Error).message }, attempts: 0 };
  }
}
