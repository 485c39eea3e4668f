// What a source's crawl and a whole run count: the summaries in the run record, added up page by page on plain data.
import type { FutureDates } from "../timestamps.js";
import type { ToolCounts } from "./tools.js";

export interface SourceSummary {
  mode: "full" | "incremental";
  since?: string;
  resumed: boolean;
  /**
   * The checkpoint a killed run left was refused by the source (its cursor expired, or is of an API since changed):
   * the request's failure, after which this crawl started over from the first page (not a failure of the run).
   */
  checkpointRefused?: string;
  /** Pages walked, including those answered 304 Not Modified. */
  pages: number;
  /** Pages answered 304 to a conditional request: unchanged since the last crawl, neither parsed nor written. */
  notModified: number;
  /**
   * Pages that failed on their own (a source whose pages stand alone: awesome's lists), each also in
   * errors and the run's failures: the records they listed before stay listed, the crawl went on.
   */
  failedPages: number;
  /** Requests made, retries included: for the pages walked and their details, and the page the source stopped on. */
  requests: number;
  /** Records parsed from the pages fetched whole. */
  records: number;
  /** Of those, records whose raw JSON was as stored: not written again. */
  unchangedRecords: number;
  skipped: number;
  /** Why items were skipped, with the count of each reason: the first MAX_SKIPPED_REASONS named, the rest under OTHER_REASONS. */
  skippedReasons: Record<string, number>;
  /** Detail pages asked (a source with one per record: npm's manifests, PyPI's projects). */
  details: number;
  /**
   * Of those, answered 304 to a conditional request: the record as stored (or completed again from
   * its stored detail when its list entry changed), its detail neither downloaded nor parsed.
   */
  detailsNotModified: number;
  /** Detail pages that failed; a stored record stayed as stored through one that may pass, others came from the list page alone (or were skipped, when only the detail proves them). */
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
  /**
   * Servers this full crawl did not list and no source lists any more, kept: their records were missed by fewer
   * complete walks in a row than their source needs before they go (a source paged by offset can skip a live server
   * in one walk; crawler/plan/crawl.ts walksBeforeGone). Listed again, they start over; missed by enough walks, they go.
   */
  missing: number;
  /** Dates later than now plus the clock skew, left out of the watermark (absent when there were none). */
  futureDates?: FutureDates;
  errors: string[];
  durationMs: number;
}

/** What one page adds to its source's summary; every field absent counts zero. */
export type PageCounts = Partial<Pick<SourceSummary, "pages" | "notModified" | "failedPages" | "requests" | "records" | "unchangedRecords" | "skipped" | "details" | "detailsNotModified" | "detailErrors" | "merged" | "ambiguous">> & {
  /** Reasons to add to skippedReasons, each with its count. */
  reasons?: Record<string, number>;
};

const COUNTED = ["pages", "notModified", "failedPages", "requests", "records", "unchangedRecords", "skipped", "details", "detailsNotModified", "detailErrors", "merged", "ambiguous"] as const;

export function newSourceSummary(o: { mode: "full" | "incremental"; since?: string; resumed: boolean }): SourceSummary {
  return {
    mode: o.mode,
    ...(o.since ? { since: o.since } : {}),
    resumed: o.resumed,
    pages: 0,
    notModified: 0,
    failedPages: 0,
    requests: 0,
    records: 0,
    unchangedRecords: 0,
    skipped: 0,
    skippedReasons: {},
    details: 0,
    detailsNotModified: 0,
    detailErrors: 0,
    merged: 0,
    ambiguous: 0,
    gone: 0,
    goneWithheld: 0,
    missing: 0,
    errors: [],
    durationMs: 0,
  };
}

/** Two sets of reasons added up. */
export function addReasons(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>> | undefined): Record<string, number> {
  const out = { ...a };
  for (const [reason, n] of Object.entries(b ?? {})) if (n) out[reason] = (out[reason] ?? 0) + n;
  return out;
}

/**
 * The most reasons a source's summary names. A reason may quote what its record held (a detail's URL, an
 * error's text), so a source with thousands of bad records would otherwise name thousands in the run record.
 */
export const MAX_SKIPPED_REASONS = 20;

/** Counted among skippedReasons: the reasons past the first MAX_SKIPPED_REASONS, together. */
export const OTHER_REASONS = `other reasons (only the first ${MAX_SKIPPED_REASONS} are named)`;

/** A summary's reasons with a page's added: a reason it does not name yet is named while there is room, else counted under OTHER_REASONS. */
function addSummaryReasons(named: Readonly<Record<string, number>>, page: Readonly<Record<string, number>> | undefined): Record<string, number> {
  const out = { ...named };
  let room = MAX_SKIPPED_REASONS - Object.keys(out).filter((r) => r !== OTHER_REASONS).length;
  for (const [reason, n] of Object.entries(page ?? {})) {
    if (!n) continue;
    let key = reason;
    if (!(reason in out)) {
      if (room > 0) room -= 1;
      else key = OTHER_REASONS;
    }
    out[key] = (out[key] ?? 0) + n;
  }
  return out;
}

/** Page counts added together (a page's parse, details and write each count their part). */
export function sumCounts(...parts: readonly PageCounts[]): PageCounts {
  const out: PageCounts = {};
  for (const part of parts) {
    for (const k of COUNTED) if (part[k]) out[k] = (out[k] ?? 0) + part[k]!;
    if (part.reasons) out.reasons = addReasons(out.reasons ?? {}, part.reasons);
  }
  return out;
}

/** A summary with one page's counts added (pure). */
export function countPage(summary: SourceSummary, counts: PageCounts): SourceSummary {
  const out = { ...summary, skippedReasons: addSummaryReasons(summary.skippedReasons, counts.reasons) };
  for (const k of COUNTED) out[k] += counts[k] ?? 0;
  return out;
}

/** Reasons counted once each, in order. */
export function reasonCounts(reasons: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of reasons) out[r] = (out[r] ?? 0) + 1;
  return out;
}

/**
 * What a run did to tools: its pages' and stages' counts, net of the adds, changes and removals taken back
 * (`retracted`, `reverted`, `restored`), and those classified.
 */
export interface RunToolCounts extends Omit<ToolCounts, "retracted" | "reverted" | "restored"> {
  /** Tools (re)classified because they were new, changed, or classified by an older classifier. */
  classified: number;
}

/** What a page or a stage did to tools: its own counts, the adds and changes it took back apart. */
export type StepToolCounts = Partial<ToolCounts & Pick<RunToolCounts, "classified">>;

export function addToolCounts(a: RunToolCounts, b: StepToolCounts): RunToolCounts {
  return {
    added: a.added + (b.added ?? 0) - (b.retracted ?? 0),
    changed: a.changed + (b.changed ?? 0) - (b.reverted ?? 0),
    removed: a.removed + (b.removed ?? 0) - (b.restored ?? 0),
    unchanged: a.unchanged + (b.unchanged ?? 0),
    classified: a.classified + (b.classified ?? 0),
  };
}
