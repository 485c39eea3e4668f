// What a `refresh --queue` run left to the workers, in words (pure): its status is its crawl's, and its live listings
// may still be pending long after it ended, which `stats` and the home page must say beside that status.
import { plural } from "../classifier/plural.js";
import type { CatalogCounts } from "./stats-report.js";

export type QueuedListings = NonNullable<NonNullable<CatalogCounts["lastRun"]>["queued"]>;

/** The run's jobs still waiting, waiting for a retry or in a worker's hands; undefined when the queue could not be read. */
export function pendingListings(q: QueuedListings): number | undefined {
  return q.jobs ? q.jobs.waiting + q.jobs.retrying + q.jobs.active : undefined;
}

/** `stats`'s line: how many were queued, how many are still pending and how the others ended. */
export function queuedListingsText(q: QueuedListings): string {
  const already = q.alreadyQueued ? ` (and ${q.alreadyQueued} already waiting from an earlier run)` : "";
  const head = `live listings queued for workers: ${q.enqueued.remote + q.enqueued.stdio}${already}`;
  const pending = pendingListings(q);
  if (pending === undefined || !q.jobs) return `${head}; the queue cannot be read (see \`mcp-catalog queue\`)`;
  const j = q.jobs;
  const state = pending ? `${pending} still pending (waiting ${j.waiting}, retrying ${j.retrying}, active ${j.active})` : "none pending";
  return `${head}; ${state}; listed ${j.listed}, failed ${j.failed}, dead-lettered ${j.deadLettered}, skipped ${j.skipped}`;
}

/** The home page's sentence after the last run's status. */
export function queuedListingsSentence(q: QueuedListings): string {
  const enqueued = q.enqueued.remote + q.enqueued.stdio;
  const pending = pendingListings(q);
  const listings = plural(enqueued, "live listing");
  if (pending === undefined) return `Its ${listings} ${enqueued === 1 ? "was" : "were"} queued for workers.`;
  return pending ? `Its live listings: ${pending} of ${enqueued} still pending in the queue for workers.` : `Its ${listings} queued for workers: none pending.`;
}
