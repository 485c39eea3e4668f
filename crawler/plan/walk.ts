// The walk over a source's pages: how far it may go, how many pages may be in flight, and when a cursor says the source is broken.

/** The one table of crawl limits; CATALOG_CRAWL_PAGES_IN_FLIGHT defaults to pagesInFlight (scripts/config.ts). */
export const DEFAULT_CRAWL_LIMITS = {
  /** A source that pages past this is treated as broken (a cursor that never ends). */
  maxPages: 100_000,
  /**
   * Pages fetched ahead of the one being written, that one included: 2 already overlaps fetching the
   * next page with writing this one; 3 absorbs a slow page on either side. Memory holds this many pages.
   */
  pagesInFlight: 3,
  /**
   * Complete walks of a source paged by offset that must miss a record in a row before it stops vouching for its
   * server (crawler/plan/crawl.ts walksBeforeGone): an entry deleted or inserted before the walk's position shifts
   * the entries after it across a page boundary, so one walk can miss a live server, never two in a row by chance.
   */
  offsetMissesBeforeGone: 2,
};

/** Why a walk stops before its last page: the source is broken, not the network. */
export type WalkStop = { kind: "page_limit"; maxPages: number } | { kind: "cursor_loop"; cursor: string };

/** The walk so far: pages taken and the cursors they pointed to. */
export interface Walk {
  pages: number;
  /** Every cursor met: one met again would loop forever. Grows by one short string a page. */
  cursors: Set<string>;
}

export function newWalk(): Walk {
  return { pages: 0, cursors: new Set() };
}

/** Whether another page may be taken (pure): none past the page limit. */
export function mayTakePage(walk: Pick<Walk, "pages">, maxPages: number): WalkStop | undefined {
  return walk.pages >= maxPages ? { kind: "page_limit", maxPages } : undefined;
}

/** Whether the page at `at`, pointing to `next`, keeps the walk going (pure): a cursor seen before loops back. */
export function cursorStop(walk: Pick<Walk, "cursors">, at: string | null, next: string | null): WalkStop | undefined {
  if (next === null) return undefined;
  return walk.cursors.has(next) || next === at ? { kind: "cursor_loop", cursor: next } : undefined;
}

/** A walk stop as the line a run record shows. */
export function describeWalkStop(stop: WalkStop): string {
  return stop.kind === "page_limit" ? `stopped after ${stop.maxPages} pages (pagination does not end)` : `cursor ${JSON.stringify(stop.cursor)} loops back to an earlier page`;
}
