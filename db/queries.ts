// The catalog in numbers: servers by status, tools, merges, remotes' auth posture, each source's contribution, the last run.
// Its tools by verdict are counted on the current verdicts instead (scripts/verdict-counts.ts).
import { sql } from "drizzle-orm";
import { redactUrls, redactUrlsIn } from "../crawler/redact-url.js";
import type { Db } from "./client.js";
import { lastCrawls, lastRun, type LastCrawl } from "./runs.js";
import { sourceContributions, type SourceContribution } from "./signals.js";
import { queryRows } from "./sql.js";

export interface CatalogStats {
  servers: { total: number; active: number; deprecated: number; deleted: number; gone: number };
  /** Auth posture of the remotes listed live: open, or needing credentials. */
  remotes: { open: number; needsAuth: number };
  tools: number;
  /** The model review's answers cached. */
  cachedModelAnswers: number;
  /** Servers described by more than one source (the registry and a directory, say), merged into one. */
  merged: number;
  /** Per source: records it listed, servers it contributed to, servers found only there, and what its last crawl cost. */
  sources: Record<string, SourceContribution & { lastCrawl?: LastCrawl }>;
  lastRun: null | {
    id: number;
    status: string;
    startedAt: string;
    finishedAt: string | null;
    servers: unknown;
    sources: unknown;
    /** The model review's counts as the run recorded them (crawler/model-review.ts), or null when it was off. */
    review: unknown;
    /** The listing jobs the run enqueued for the workers (refresh --queue), as the run recorded them, or null. */
    queued: unknown;
    error: string | null;
    /** The run's failures, typed (crawler/failure.ts failureSchema). */
    failures: unknown;
  };
}

export async function catalogStats(db: Db): Promise<CatalogStats> {
  const [s] = await queryRows<{ total: number; active: number; deprecated: number; deleted: number; gone: number }>(
    db,
    sql`select count(*)::int as total,
      count(*) filter (where status = 'active')::int as active,
      count(*) filter (where status = 'deprecated')::int as deprecated,
      count(*) filter (where status = 'deleted')::int as deleted,
      count(*) filter (where status = 'gone')::int as gone
    from servers`,
  );
  const [t] = await queryRows<{ tools: number; answers: number; merged: number }>(
    db,
    sql`select (select count(*) from tools where removed_at is null)::int as tools,
      (select count(*) from model_reviews)::int as answers,
      (select count(*) from (select server_id from server_sources group by server_id having count(distinct source) > 1) m)::int as merged`,
  );
  const [a] = await queryRows<{ open: number; auth: number }>(
    db,
    sql`select count(*) filter (where auth_posture = 'open')::int as open, count(*) filter (where auth_posture = 'auth')::int as auth from servers`,
  );
  const run = await lastRun(db);
  const [contributions, crawls] = await Promise.all([sourceContributions(db), lastCrawls(db)]);
  const sources: CatalogStats["sources"] = {};
  for (const name of [...new Set([...Object.keys(contributions), ...Object.keys(crawls)])].sort()) {
    sources[name] = { records: 0, servers: 0, only: 0, ...contributions[name], ...(crawls[name] ? { lastCrawl: crawls[name] } : {}) };
  }
  return {
    servers: { total: s?.total ?? 0, active: s?.active ?? 0, deprecated: s?.deprecated ?? 0, deleted: s?.deleted ?? 0, gone: s?.gone ?? 0 },
    remotes: { open: a?.open ?? 0, needsAuth: a?.auth ?? 0 },
    tools: t?.tools ?? 0,
    cachedModelAnswers: t?.answers ?? 0,
    merged: t?.merged ?? 0,
    sources,
    // Redacted as read, for every reader (stats, its --json, /api/stats): a run recorded before failures were
    // redacted as written still holds a source URL's credentials in its messages, failures and sources' errors.
    lastRun: run
      ? {
          id: run.id,
          status: run.status,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          servers: run.servers,
          sources: redactUrlsIn(run.sources),
          review: recordedBesideTools(run.tools, "review"),
          queued: recordedBesideTools(run.tools, "queued"),
          error: run.error === null ? null : redactUrls(run.error),
          failures: redactUrlsIn(run.failures),
        }
      : null,
  };
}

/** What a run recorded beside its tool counts (the review's counts, the jobs it queued), or null. */
function recordedBesideTools(tools: unknown, key: "review" | "queued"): unknown {
  return tools && typeof tools === "object" && key in tools ? (tools as Record<string, unknown>)[key] : null;
}
