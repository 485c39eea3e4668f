// A page's detail requests: each record's detail page, asked conditionally when what is stored can stand for a 304, completes, skips or keeps the record.
import type { Db } from "../db/client.js";
import { errorLine } from "../db/errors.js";
import { storedDetails, storedRaws, type NewSourceDetail } from "../db/details.js";
import { storedRecords } from "../db/pages.js";
import type { PageFetcher } from "./fetcher.js";
import { textHash } from "./hash.js";
import { HttpError } from "./http.js";
import { detailValidators, notModified, settleDetail, type DetailResult, type StoredDetail } from "./plan/details.js";
import { sumCounts, type PageCounts } from "./plan/summary.js";
import type { RecordResult, SourceRecord } from "./records.js";
import type { Source } from "./sources/source.js";
import { hasValidators, validatorsOf, type Validators } from "./validators.js";

export interface PageDetails {
  /** The records to write: completed by their detail page (or, for a source that does not need it, as listed). */
  records: SourceRecord[];
  /**
   * Records still listed as stored, neither parsed nor written: their detail answered 304 and their
   * list entry is as it was, or their detail failed for now (a stored one is not dropped for that).
   */
  asStored: string[];
  /** Validators and outcomes to store with the page, for the next crawl's conditional requests. */
  rows: NewSourceDetail[];
  /** Records whose detail came back without validators: what was stored for them goes. */
  cleared: string[];
  counts: PageCounts;
}

export interface DetailOptions {
  db: Db;
  source: Source;
  fetcher: PageFetcher;
  /** Ask every detail whole (refresh --full). */
  full: boolean;
  /** The crawl derives every record again (crawler/plan/crawl.ts CrawlStart.rederive): none may be left as stored. */
  rederive?: boolean;
  signal?: AbortSignal;
}

/** One record's detail as it came back, before a 304 that needs the stored raw is completed. */
type Asked = { record: SourceRecord; attempts: number; asked: boolean; notModified: boolean } & ({ result: DetailResult } | { rebuild: { url: string; listHash: string; validators: Validators } });

/**
 * Fetches each record's detail page concurrently (the HTTP client's per-host queue keeps it
 * polite) and settles each record by it (plan/details.ts). A source that can complete a record from
 * its stored raw (`storedDetail`) asks each page with the validators stored for it; a 304 then
 * skips the record again for its old reason, leaves it as stored, or completes it again from the
 * stored detail when its list entry changed.
 */
export async function fetchDetails(o: DetailOptions, records: readonly SourceRecord[]): Promise<PageDetails> {
  const { source } = o;
  const conditional = !!source.storedDetail && source.conditionalDetails !== false;
  const stored = conditional ? await storedDetails(o.db, source.name, records.map((r) => r.sourceId)) : new Map<string, StoredDetail>();
  // By record: a list page naming one record twice stores it once.
  const rows = new Map<string, NewSourceDetail>();
  const cleared: string[] = [];
  /** Remembers what a detail showed, with the validators it came with. */
  const remember = (record: SourceRecord, url: string, listHash: string, validators: Validators, parsed: RecordResult) => {
    if (!conditional) return;
    const v = validatorsOf(validators);
    if (hasValidators(v)) {
      const skipped = "skip" in parsed ? parsed.skip : null;
      rows.set(record.sourceId, { source: source.name, sourceId: record.sourceId, url, etag: v.etag ?? null, lastModified: v.lastModified ?? null, skipped, listHash });
    } else if (stored.has(record.sourceId)) cleared.push(record.sourceId);
  };

  const asked = await Promise.all(
    records.map(async (record): Promise<Asked> => {
      const url = detailUrlOf(source, record);
      if (typeof url === "object") return { record, attempts: 0, asked: false, notModified: false, result: { parsed: url } };
      if (!url) return { record, attempts: 0, asked: false, notModified: false, result: { none: true } };
      const listHash = textHash(JSON.stringify(record.raw) ?? "null");
      const s = stored.get(record.sourceId);
      const validators = conditional ? detailValidators(s, url, { full: o.full }) : {};
      try {
        const response = await o.fetcher.getJson(url, { headers: source.headers?.() ?? {}, ...validators, ...(o.signal ? { signal: o.signal } : {}) });
        const base = { record, attempts: response.attempts, asked: true };
        if (response.status === 200) {
          const parsed = readDetail(source, record, response.body);
          remember(record, url, listHash, response, parsed);
          return { ...base, notModified: false, result: { parsed } };
        }
        if (!s || !hasValidators(validators)) return { ...base, notModified: false, result: { failed: "answered 304 Not Modified to a request that was not conditional", transient: false } };
        const meaning = notModified(s, listHash);
        if ("rebuild" in meaning) return { ...base, notModified: true, rebuild: { url, listHash, validators: { ...validators, ...validatorsOf(response) } } };
        return { ...base, notModified: true, result: "skip" in meaning ? { parsed: meaning } : { asStored: true } };
      } catch (e) {
        o.signal?.throwIfAborted();
        // Only a failure the client calls permanent (a 404: unpublished) is one for good.
        const transient = !(e instanceof HttpError) || e.retryable;
        return { record, attempts: e instanceof HttpError ? e.attempts : 0, asked: true, notModified: false, result: { failed: (e as Error).message, transient } };
      }
    }),
  );

  // Records whose list entry changed behind an unchanged detail are completed again from their stored
  // raw. (The database gives a raw back with its keys in jsonb's order, so the next time such a
  // detail is read whole, by --full, its record hashes differently and is written once more, unchanged.)
  // So are, in a crawl deriving every record again, records whose detail failed for now (settleDetail).
  const rebuild = asked.flatMap((a) => ("rebuild" in a ? [a.record.sourceId] : []));
  // Records whose detail failed for now, and which of them are stored on a server that is not gone: those stay as stored.
  const blips = asked.flatMap((a) => ("result" in a && "failed" in a.result && a.result.transient ? [a.record.sourceId] : []));
  const fromStored = o.rederive && source.storedDetail ? blips : [];
  const raws = rebuild.length || fromStored.length ? await storedRaws(o.db, source.name, [...rebuild, ...fromStored]) : new Map<string, unknown>();
  const storedBlips = new Set(blips.length ? [...(await storedRecords(o.db, source.name, blips))].flatMap(([id, r]) => (r.serverStatus === "gone" ? [] : [id])) : []);
  const completed: SourceRecord[] = [];
  const asStored: string[] = [];
  const counts: PageCounts[] = [];
  for (const a of asked) {
    let result: DetailResult;
    if ("result" in a) result = a.result;
    else if (!raws.has(a.record.sourceId)) result = { failed: "answered 304, but the stored record is gone", transient: true };
    else {
      const parsed = readDetail(source, a.record, source.storedDetail!(raws.get(a.record.sourceId)));
      remember(a.record, a.rebuild.url, a.rebuild.listHash, a.rebuild.validators, parsed);
      result = { parsed };
    }
    const raw = fromStored.length && "result" in a ? raws.get(a.record.sourceId) : undefined;
    const again = raw === undefined ? {} : { fromStored: readDetail(source, a.record, source.storedDetail!(raw)) };
    const settled = settleDetail(a.record, result, { required: !!source.detailRequired, stored: storedBlips.has(a.record.sourceId), ...again });
    if (settled.record) completed.push(settled.record);
    if (settled.asStored) asStored.push(settled.asStored);
    counts.push(settled.counts, { requests: a.attempts, details: a.asked ? 1 : 0, detailsNotModified: a.notModified ? 1 : 0 });
  }
  return { records: completed, asStored, rows: [...rows.values()], cleared, counts: sumCounts(...counts) };
}

/** Counted among skippedReasons: a record whose detail URL the source could not build (a name no URL can hold). */
export const NO_DETAIL_URL = "detail: no URL could be built for it";

/** Counted among skippedReasons: a record whose detail the source could not read. */
export const UNREADABLE_DETAIL = "detail: the source could not read it";

/**
 * The record's detail URL, or why it is skipped when the source throws building it: whatever one record
 * holds costs that record, not its page and the source (the same record would stop it on every run).
 */
function detailUrlOf(source: Source, record: SourceRecord): string | undefined | { skip: string } {
  try {
    return source.detailUrl!(record);
  } catch (e) {
    return { skip: `${NO_DETAIL_URL} (${errorLine(e)})` };
  }
}

/** The source's reading of one record's detail; a throw skips that record alone, as detailUrlOf does. */
function readDetail(source: Source, record: SourceRecord, body: unknown): RecordResult {
  try {
    return source.parseDetail!(record, body);
  } catch (e) {
    return { skip: `${UNREADABLE_DETAIL} (${errorLine(e)})` };
  }
}
