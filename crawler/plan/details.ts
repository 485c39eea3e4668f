// What a record's detail page does to it: completes it, shows it is not one to keep, or fails, decided on plain data.
import type { SourceRecord } from "../records.js";
import type { PageCounts } from "./summary.js";

/** How a record's detail went: parsed (a record or why to skip it), unchanged (304), failed, or no detail to fetch. */
export type DetailResult = { parsed: SourceRecord | { skip: string } } | { unchanged: true } | { failed: string } | { none: true };

export const NO_DETAIL = "detail: none to prove the record";

/**
 * The record a detail leaves, and what it counts. A failed detail keeps the record as the list page
 * gave it, unless the source needs the detail to prove the record (then it is skipped, counted).
 */
export function settleDetail(record: SourceRecord, result: DetailResult, required: boolean): { record?: SourceRecord; counts: PageCounts } {
  if ("none" in result) return required ? { counts: { skipped: 1, reasons: { [NO_DETAIL]: 1 } } } : { record, counts: {} };
  if ("unchanged" in result) return { record, counts: {} };
  if ("failed" in result) {
    const counts = { detailErrors: 1, ...(required ? { skipped: 1 } : {}), reasons: { [`detail: ${result.failed}`]: 1 } };
    return required ? { counts } : { record, counts };
  }
  const { parsed } = result;
  return "skip" in parsed ? { counts: { skipped: 1, reasons: { [parsed.skip]: 1 } } } : { record: parsed, counts: {} };
}
