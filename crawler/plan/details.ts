// What a record's detail page does to it, decided on plain data: how it is asked (conditionally or not), and whether it completes the record, shows it is not one to keep, leaves it as stored, or fails.
import type { sourceDetails } from "../../db/schema.js";
import type { RecordResult, SourceRecord } from "../records.js";
import { validatorsOf, type Validators } from "../validators.js";
import { reasonCounts, sumCounts, type PageCounts } from "./summary.js";

/** What the catalog holds for the detail page behind one record (db/details.ts): its source_details row, and
 * whether the kept record is still stored, on a server that is not gone, so it can stand for a 304. */
export type StoredDetail = Pick<typeof sourceDetails.$inferSelect, "url" | "etag" | "lastModified" | "skipped" | "listHash"> & { recordStored: boolean };

/**
 * The validators to ask a detail page with: none when there are none for this URL, when the request
 * must be whole (`full`: a skipped candidate is judged again by the current rules), or when a 304
 * could not be answered from the catalog (the kept record was removed, or its server is gone and
 * must come back through a record written again).
 */
export function detailValidators(stored: StoredDetail | undefined, url: string, o: { full: boolean }): Validators {
  if (!stored || o.full || stored.url !== url) return {};
  if (stored.skipped === null && !stored.recordStored) return {};
  return validatorsOf(stored);
}

export type NotModified = { skip: string } | { unchanged: true } | { rebuild: true };

/**
 * What a 304 means for a record: skipped again for the reason its detail gave; as stored, neither
 * parsed nor written, when the list page says of it what it said then; otherwise completed again
 * from the stored detail (npm's search hit carries the weekly downloads, which move while the
 * manifest does not).
 */
export function notModified(stored: StoredDetail, listHash: string): NotModified {
  if (stored.skipped !== null) return { skip: stored.skipped };
  return stored.listHash === listHash ? { unchanged: true } : { rebuild: true };
}

/**
 * How a record's detail went: parsed (a record, with what it dropped, or why to skip it), as stored (a 304), failed (for
 * now, or for good: a 404), or no detail to fetch.
 */
export type DetailResult = { parsed: RecordResult } | { asStored: true } | { failed: string; transient: boolean } | { none: true };

export const NO_DETAIL = "detail: none to prove the record";

/**
 * The record a detail leaves, and what it counts. When the failure may pass (a 429 asking more patience
 * than we have, a 5xx, a timeout), a record already stored (`stored`: on a server that is not gone) stays
 * listed as it is rather than changing for a blip: rewritten from its list entry alone, it would lose what
 * only the detail gives (Smithery's connections and repository). Otherwise a failed detail keeps the record
 * as the list page gave it, unless the source needs the detail to prove the record (`required`): then it is
 * skipped and counted, a stored one left listed as it is when the failure may pass. A 304 leaves the record
 * as stored: listed, neither parsed nor written. A crawl deriving every record again leaves none as stored (it
 * dropped their aliases): when the failure may pass, the record completed again from the detail it was stored with
 * (`fromStored`, where the source keeps it: npm, PyPI) is written instead, the failure counted.
 */
export function settleDetail(
  record: SourceRecord,
  result: DetailResult,
  o: { required: boolean; stored: boolean; fromStored?: RecordResult },
): { record?: SourceRecord; asStored?: string; counts: PageCounts } {
  const { required } = o;
  if ("none" in result) return required ? { counts: { skipped: 1, reasons: { [NO_DETAIL]: 1 } } } : { record, counts: {} };
  if ("asStored" in result) return { asStored: record.sourceId, counts: {} };
  if ("failed" in result) {
    const failure = { detailErrors: 1, reasons: { [`detail: ${result.failed}`]: 1 } };
    if (result.transient && o.fromStored) {
      const again = settleDetail(record, { parsed: o.fromStored }, { required, stored: o.stored });
      return { ...again, counts: sumCounts(failure, again.counts) };
    }
    const counts = { ...failure, ...(required ? { skipped: 1 } : {}) };
    if (result.transient && (required || o.stored)) return { asStored: record.sourceId, counts };
    return required ? { counts } : { record, counts };
  }
  const { parsed } = result;
  if ("skip" in parsed) return { counts: { skipped: 1, reasons: { [parsed.skip]: 1 } } };
  if (!("dropped" in parsed)) return { record: parsed, counts: {} };
  // What the detail dropped of a record it kept is counted as a list page's is: among the skipped, by reason.
  const { record: completed, dropped } = parsed;
  return { record: completed, counts: dropped.length ? { skipped: dropped.length, reasons: reasonCounts(dropped) } : {} };
}
