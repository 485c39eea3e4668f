// The adapter every source implements: which page comes next, and how a page becomes records.
import type { SkippedEntry, SourceName, SourceRecord } from "../records.js";

export interface CrawlMode {
  /** Incremental crawls ask only for what changed since this instant (RFC 3339). */
  since?: string;
}

export interface ParsedPage {
  records: SourceRecord[];
  skipped: SkippedEntry[];
  /** The cursor of the next page; absent on the last one. */
  next?: string;
}

export interface Source {
  readonly name: SourceName;
  /** Sources that support updated_since crawl incrementally once they have a watermark. */
  readonly incremental: boolean;
  /** The URL of the page at `cursor` (null: the first page). */
  pageUrl(cursor: string | null, mode: CrawlMode): string;
  /** Pure: a fetched body to records. Throws SourceFormatError when the page itself is unusable. */
  parsePage(body: unknown): ParsedPage;
  /** Request headers the source needs (auth). */
  headers?(): Record<string, string>;
  /**
   * Sources whose list pages leave out what we need (Smithery's tools) name a detail page per
   * record; the crawler fetches it and hands the body back to `parseDetail` before storing the page.
   */
  detailUrl?(record: SourceRecord): string | undefined;
  parseDetail?(record: SourceRecord, body: unknown): SourceRecord;
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
