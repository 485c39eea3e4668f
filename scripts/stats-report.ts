// The catalog's statistics in one shape: what `stats --json` prints and GET /api/stats serves (beside its chart counts).
import { z } from "zod";
import { failureSchema } from "../crawler/failure.js";
import { modelReviewStatsSchema } from "../crawler/model-review.js";
import { LISTING_QUEUES } from "../crawler/listing-queue.js";
import type { Db } from "../db/client.js";
import { QUEUE_SCHEMA, runListingJobs, runListingJobsSchema } from "../db/listing-jobs.js";
import { catalogStats, type CatalogStats } from "../db/queries.js";
import { isoInstant } from "./iso-instant.js";
import { verdictCountsSchema } from "./verdict-counts.js";
import type { KeptPerServer } from "./kept-per-server.js";
import { summarizeCatalogVerdicts, verdictSummarySchema, type AssessedFigures } from "./verdict-summary.js";

const count = z.number().int();

/** The listing jobs a `refresh --queue` run enqueued, as its record keeps them. */
const queuedRecordSchema = z.object({ enqueued: z.object({ remote: count, stdio: count }), alreadyQueued: count });

const lastRunSchema = z.object({
  id: count,
  status: z.string(),
  startedAt: z.string().meta({ description: "ISO 8601, UTC" }),
  finishedAt: z.string().nullable().meta({ description: "ISO 8601, UTC; null while the run is under way" }),
  servers: z.record(z.string(), count).meta({ description: "what the run did to servers: added, updated, unchanged, removed" }),
  sources: z.record(z.string(), z.unknown()).meta({ description: "each source's summary, as refresh --json prints it" }),
  review: modelReviewStatsSchema.nullable().meta({ description: "the model review's counts; null when the run had no review" }),
  queued: queuedRecordSchema
    .extend({
      jobs: runListingJobsSchema
        .nullable()
        .meta({ description: "where the run's jobs are now: still pending (waiting, retrying, active) or how they ended; null when the queue cannot be read" }),
    })
    .nullable()
    .meta({ description: "the live listings a refresh --queue run left to the workers; null when the run listed in process" }),
  error: z.string().nullable(),
  failures: z.array(failureSchema),
});

/** The counts that cost a few queries, whatever the catalog's size (the home page shows these, beside verdict-counts.ts's). */
export const catalogCountsSchema = z.object({
  servers: z.object({ total: count, active: count, deprecated: count, deleted: count, gone: count }),
  remotes: z.object({ open: count, needsAuth: count }).meta({ description: "remotes by auth posture, as listed live" }),
  tools: count,
  cachedModelAnswers: count,
  merged: count.meta({ description: "servers seen in more than one source" }),
  sources: z.record(
    z.string(),
    z.object({
      records: count,
      servers: count,
      only: count,
      lastCrawl: z.object({ runId: count, pages: count, notModified: count, details: count, detailsNotModified: count, requests: count, records: count, skipped: count }).optional(),
    }),
  ),
  lastRun: lastRunSchema.nullable(),
});
export type CatalogCounts = z.infer<typeof catalogCountsSchema>;

/** Everything `stats` tells: the counts, then every server graded (a page of servers at a time) and its tools counted by their current verdicts. */
export const statsReportSchema = catalogCountsSchema.extend(verdictSummarySchema.shape).extend(verdictCountsSchema.shape);
export type StatsReport = z.infer<typeof statsReportSchema>;

/** The run record's JSON columns as `lastRun` shows them; a record from before a field was kept has none. */
const storedRunSchema = z.object({
  servers: lastRunSchema.shape.servers.catch({}),
  sources: lastRunSchema.shape.sources.catch({}),
  review: lastRunSchema.shape.review.catch(null),
  queued: queuedRecordSchema.nullable().catch(null),
  failures: lastRunSchema.shape.failures.catch([]),
});

/**
 * The last run with ISO times: the drivers print timestamps differently (PGlite "… 02:57:42.321+00", Postgres to the
 * microsecond). (A record written before source URLs were redacted is redacted as read: db/queries.ts catalogStats.)
 */
function lastRunView(run: NonNullable<CatalogStats["lastRun"]>) {
  const stored = storedRunSchema.parse(run);
  return { ...run, ...stored, startedAt: isoInstant(run.startedAt), finishedAt: isoInstant(run.finishedAt) };
}

/**
 * The last run; one that queued its live listings (refresh --queue) with where its jobs are now, read from the queue:
 * its status is the crawl's, and the listings may be pending long after it. One grouped count over the listing queues'
 * jobs (each job's data names its run), only for such a run.
 */
async function lastRunWithJobs(db: Db, run: NonNullable<CatalogStats["lastRun"]>): Promise<CatalogCounts["lastRun"]> {
  const { queued, ...view } = lastRunView(run);
  if (!queued) return { ...view, queued: null };
  const jobs = await runListingJobs(db, QUEUE_SCHEMA, Object.values(LISTING_QUEUES), run.id);
  return { ...view, queued: { ...queued, jobs: jobs ?? null } };
}

export async function catalogCounts(db: Db): Promise<CatalogCounts> {
  const stats = await catalogStats(db);
  return { ...stats, lastRun: stats.lastRun ? await lastRunWithJobs(db, stats.lastRun) : null };
}

/** `now` ends the drift window the grades count risky changes in; `kept` holds servers assessed now for the next report (catalogTallies). */
export async function statsReport(db: Db, options: { now?: Date; kept?: KeptPerServer<AssessedFigures> } = {}): Promise<StatsReport> {
  return { ...(await catalogCounts(db)), ...(await summarizeCatalogVerdicts(db, options)) };
}
