// The run record: started, finished, abandoned, what it did to servers, and statistics for the tables it wrote.
import { desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "./client.js";
import { crawlRuns, type CrawlRunRow } from "./schema.js";
import { jsonb, queryRows } from "./sql.js";
import { dropSettledOverwrites } from "./tools.js";
import type { Failure } from "../crawler/failure.js";

/**
 * Analyzes the tables a run changed by more than a tenth, as autovacuum would: PGlite has no
 * autovacuum and some servers run without it, and the lookups after a big run (the first one
 * above all) need statistics to use their indexes. Returns the tables analyzed.
 */
export async function analyzeChangedTables(db: Db): Promise<string[]> {
  const rows = await queryRows<{ relname: string }>(
    db,
    sql`select relname from pg_stat_user_tables where schemaname = 'public' and n_mod_since_analyze > 50 + 0.1 * n_live_tup order by relname`,
  );
  // Names from the catalog itself, quoted as identifiers.
  for (const r of rows) await db.execute(sql.raw(`analyze "${r.relname.replace(/"/g, '""')}"`));
  return rows.map((r) => r.relname);
}

/**
 * Merges the entries written into the GIN (trigram) indexes' pending lists into the indexes proper, as autovacuum
 * would: PGlite has none, and Postgres's had merged none of the 1,111 pages a full refresh left half an hour later. A
 * search reads the whole pending list (up to 4 MB an index) beside the index, and the planner counts it in: after a
 * full refresh of 21,700 servers on PGlite, every search and similar-name lookup read every row instead (a word few
 * servers hold: 60 against 3 ms of CPU). Only indexes this role owns, as ANALYZE. Returns the pages merged.
 */
export async function mergePendingIndexEntries(db: Db): Promise<number> {
  const [row] = await queryRows<{ pages: number }>(
    db,
    sql`select coalesce(sum(gin_clean_pending_list(c.oid)), 0)::int as pages
      from pg_class c join pg_am am on am.oid = c.relam join pg_namespace n on n.oid = c.relnamespace
      where am.amname = 'gin' and n.nspname = 'public' and pg_has_role(c.relowner, 'USAGE')`,
  );
  return row!.pages;
}

export async function startRun(db: Db, options: Record<string, unknown>): Promise<number> {
  const [row] = await db.insert(crawlRuns).values({ status: "running", options }).returning({ id: crawlRuns.id });
  return row!.id;
}

export interface RunOutcome {
  status: "succeeded" | "failed";
  sources: Record<string, unknown>;
  servers: ServerCounts;
  tools?: Record<string, number> | object;
  /** Every failure of the run, typed; `error` joins their lines. */
  failures: Failure[];
  error?: string;
}

export async function finishRun(db: Db, runId: number, outcome: RunOutcome): Promise<void> {
  await db
    .update(crawlRuns)
    .set({
      status: outcome.status,
      finishedAt: sql`now()`,
      sources: outcome.sources,
      servers: outcome.servers,
      tools: outcome.tools ?? {},
      failures: outcome.failures,
      error: outcome.error ?? null,
    })
    .where(eq(crawlRuns.id, runId));
  // The run's in-process stages can take back nothing more: what it kept for them goes, unless its queued listings are still to come.
  await dropSettledOverwrites(db);
}

export interface ServerCounts {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/**
 * What a run did to servers, read back from the run ids each row carries. Unchanged is every server the catalog
 * lists (neither deleted nor gone) that the run neither added, updated nor removed, whatever the run read of it: one
 * on a page it fetched (200 or 304), one only listed live, one no source it crawled lists: a run that finds nothing
 * new counts every server the catalog lists unchanged, whichever sources it crawled and how. A server the run
 * removed is counted removed only: its record changed too (its status), but that change is the removal.
 * One the run both added and removed (a registry entry already deleted when first crawled) is neither:
 * it was not in the catalog before the run, and is not live in it after.
 */
export async function serverCountsForRun(db: Db, runId: number): Promise<ServerCounts> {
  const [row] = await queryRows<{ added: number; updated: number; removed: number; unchanged: number }>(
    db,
    sql`select
      count(*) filter (where first_run_id = ${runId} and removed_run_id is distinct from ${runId})::int as added,
      count(*) filter (where changed_run_id = ${runId} and first_run_id is distinct from ${runId} and removed_run_id is distinct from ${runId})::int as updated,
      count(*) filter (where removed_run_id = ${runId} and first_run_id is distinct from ${runId})::int as removed,
      (select count(*) from servers s
        where s.status not in ('deleted', 'gone') and s.first_run_id is distinct from ${runId}
          and s.changed_run_id is distinct from ${runId} and s.removed_run_id is distinct from ${runId})::int as unchanged
    from servers
    where ${runId} in (first_run_id, changed_run_id, removed_run_id)`,
  );
  return { added: row?.added ?? 0, updated: row?.updated ?? 0, unchanged: row?.unchanged ?? 0, removed: row?.removed ?? 0 };
}

/**
 * The live tools of the servers a run saw (a record on a page it fetched, 200 or 304, a record it
 * wrote, or a live listing of it, `listed`) that the run neither added nor changed (no history row of the run):
 * every tool the run found unchanged, counted once, whether or not its server's record was written again, and
 * whether one source or a live listing or both said so. Read after the live listing: a tool it changed or removed
 * is then counted as that, not also as unchanged. The run's
 * history rows and the live tools are grouped together by (server, name) rather than anti-joined:
 * on the statistics of a first run, the planner nested-looped that anti join, quadratic in the tools
 * of a server (27 s of a 36 s run at 10,000 tools); a grouping is linear whatever the estimates.
 */
export async function unchangedToolsForRun(db: Db, runId: number, listed: readonly number[] = []): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, unchangedToolsQuery(runId, listed));
  return row?.n ?? 0;
}

/** The query of unchangedToolsForRun (the tests read its plan). */
export function unchangedToolsQuery(runId: number, listed: readonly number[] = []) {
  return sql`select count(*)::int as n from (
      select 1 from (
        select t.server_id, t.name, false as changed from tools t
          where t.removed_at is null
            and t.server_id in (select ss.server_id from server_sources ss left join source_pages p on p.id = ss.page_id
                                where p.seen_run_id = ${runId} or ss.run_id = ${runId}
                                union select jsonb_array_elements_text(${jsonb(listed)})::int)
        union all
        select c.server_id, c.tool_name, true from tool_changes c where c.run_id = ${runId}
      ) u
      group by u.server_id, u.name
      having bool_and(not u.changed)
    ) unchanged`;
}

export async function lastRun(db: Db): Promise<CrawlRunRow | undefined> {
  const [row] = await db.select().from(crawlRuns).orderBy(desc(crawlRuns.id)).limit(1);
  return row;
}

const ABANDONED: Failure = { stage: "run", kind: "aborted", message: "the process running it stopped before it finished" };

// A run older than a field counts it as none.
const figure = z.number().int().nonnegative().catch(0);
const crawlFigures = z.object({ pages: figure, notModified: figure, details: figure, detailsNotModified: figure, requests: figure, records: figure, skipped: figure });

/** What a source's last crawl cost: requests, and how many of its pages and detail pages answered 304. */
export type LastCrawl = { runId: number } & z.infer<typeof crawlFigures>;

/** Per source, the figures of the latest finished run that crawled it (runs may crawl a few sources only). */
export async function lastCrawls(db: Db): Promise<Record<string, LastCrawl>> {
  const rows = await queryRows<{ source: string; run_id: number; summary: unknown }>(
    db,
    sql`select distinct on (e.key) e.key as source, r.id as run_id, e.value as summary
      from crawl_runs r cross join lateral jsonb_each(r.sources) e
      where r.finished_at is not null
      order by e.key, r.id desc`,
  );
  return Object.fromEntries(rows.map((r) => [r.source, { runId: Number(r.run_id), ...crawlFigures.parse(r.summary ?? {}) }]));
}

/** Marks runs left "running" by a process that died (kill -9) as failed. */
export async function failAbandonedRuns(db: Db): Promise<number> {
  const rows = await db
    .update(crawlRuns)
    .set({ status: "failed", finishedAt: sql`now()`, error: ABANDONED.message, failures: [ABANDONED] })
    .where(eq(crawlRuns.status, "running"))
    .returning({ id: crawlRuns.id });
  return rows.length;
}
