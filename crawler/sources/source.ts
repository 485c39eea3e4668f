// The adapter every source implements: which page comes next, and how a page becomes records.
import type { AliasKind, RecordResult, SkippedEntry, SourceName, SourceRecord } from "../records.js";

export interface CrawlMode {
  /** Incremental crawls ask only for what changed since this instant (RFC 3339). */
  since?: string;
}

export interface ParsedPage {
  records: SourceRecord[];
  skipped: SkippedEntry[];
  /** The cursor of the next page; absent on the last one. */
  next?: string;
  /**
   * The `updated_since` the source says its next poll must pass to miss nothing (an mcp-catalog feed's
   * metadata.nextUpdatedSince): the page's watermark candidate instead of its records' highest
   * updatedAt, which a change still uncommitted when the page was read may be dated before.
   */
  nextUpdatedSince?: string;
}

/** What the catalog tells a source before its crawl. */
export interface SourceContext {
  /** Every value of this alias kind the catalog holds (PyPI reads the coordinates other sources named). */
  aliasValues(kind: AliasKind): Promise<string[]>;
}

export interface Source {
  readonly name: SourceName;
  /** Sources that support updated_since crawl incrementally once they have a watermark. */
  readonly incremental: boolean;
  /** How a list page's body is read: JSON (the default), or text (a markdown list) handed to parsePage as a string. */
  readonly format?: "json" | "text";
  /** Called once before the crawl, for a source whose work comes from the catalog. */
  start?(ctx: SourceContext): Promise<void>;
  /** The URL of the page at `cursor` (null: the first page). */
  pageUrl(cursor: string | null, mode: CrawlMode): string;
  /**
   * A source whose pages are documents of their own (awesome's lists, one per page) names the page
   * after `cursor` without reading it (undefined: `cursor` is the last). Such a page fails alone: its
   * failure is recorded, the records an earlier crawl stored from it stay listed (a blip never
   * removes servers), and the crawl goes on to the next page.
   */
  pageAfter?(cursor: string | null): string | undefined;
  /**
   * A source with no list endpoint (PyPI has no search) builds the list page at `cursor` itself
   * instead of fetching pageUrl, which then only names the page; its records come from detail pages.
   */
  listPage?(cursor: string | null): unknown;
  /**
   * Pure: a fetched body to records; `cursor` is the one the page was asked for (a source whose
   * cursor is a plan, like npm's split queries, reads where it is from it). Throws SourceFormatError
   * when the page itself is unusable.
   */
  parsePage(body: unknown, cursor?: string | null): ParsedPage;
  /** Request headers the source needs (auth). */
  headers?(): Record<string, string>;
  /**
   * Sources whose list pages leave out what we need (Smithery's tools) name a detail page per
   * record; the crawler fetches it and hands the body back to `parseDetail` before storing the page.
   */
  detailUrl?(record: SourceRecord): string | undefined;
  /**
   * The record completed by its detail page (with the reasons parts of it were dropped: tools that could not
   * be kept, counted), or why the detail shows it is not one to keep (skipped and counted).
   */
  parseDetail?(record: SourceRecord, body: unknown): RecordResult;
  /**
   * The detail body a stored record was completed from (npm: the manifest inside its raw). A source
   * that has it asks each detail page conditionally, with the validators the page last came with:
   * a 304 leaves the record as stored, or completes it again from this when its list entry changed.
   */
  storedDetail?(raw: unknown): unknown;
  /**
   * False when a source that keeps its detail (storedDetail) still asks every detail whole (Smithery): the stored
   * detail then only completes a record whose detail fails for now in a crawl deriving every record again.
   */
  readonly conditionalDetails?: boolean;
  /**
   * When only the detail proves the record (npm: the manifest shows a server), a record whose detail
   * fails is skipped and counted rather than stored from the list page alone.
   */
  readonly detailRequired?: boolean;
}

/** A page whose envelope is not what the source publishes: the source stops, nothing is written. */
export class SourceFormatError extends Error {
  constructor(
    readonly source: SourceName,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = "SourceFormatError";
  }
}
