// Each source's position: the checkpoint of a crawl under way, and what completing a crawl settles.
import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client.js";
import { CATALOG_CHANGED_AT, sourceState, type SourceStateRow } from "./schema.js";
import { queryRows } from "./sql.js";

export interface Checkpoint {
  source: string;
  cursor: string | null;
  /** The list page the cursor is, 1-based within the crawl (null: no cursor, or not known). */
  cursorPage: number | null;
  mode: "full" | "incremental";
  pendingWatermark: string | null;
  crawlStartedAt: string;
  /** The run that started the crawl under way. */
  crawlRunId: number;
}

export async function saveCheckpoint(db: Db, cp: Checkpoint, runId: number): Promise<void> {
  await queryRows(db, sql`insert into source_state (source, cursor, cursor_page, mode, pending_watermark, crawl_started_at, crawl_run_id, last_run_id)
    values (${cp.source}, ${cp.cursor}, ${cp.cursorPage}, ${cp.mode}, ${cp.pendingWatermark}, ${cp.crawlStartedAt}, ${cp.crawlRunId}, ${runId})
    on conflict (source) do update set cursor = excluded.cursor, cursor_page = excluded.cursor_page, mode = excluded.mode, pending_watermark = excluded.pending_watermark,
      crawl_started_at = excluded.crawl_started_at, crawl_run_id = excluded.crawl_run_id, last_run_id = excluded.last_run_id, updated_at = now()`);
}

export interface CrawlCompletion {
  source: string;
  /** The next run's updated_since (crawler/plan/crawl.ts crawlCompletion). */
  watermark: string | null;
  runId: number;
  mode: "full" | "incremental";
  /** The run that started the crawl (earlier than runId when it resumed a killed one). */
  crawlRunId: number;
}

export async function getSourceState(db: Db, source: string): Promise<SourceStateRow | undefined> {
  const [row] = await db.select().from(sourceState).where(eq(sourceState.source, source));
  return row;
}

/**
 * The servers a full crawl of `c.source` leaves unlisted: listed now is a record of this source whose
 * page this crawl saw; of another source, whose page that source's last full crawl (or a later
 * incremental one) saw. A source never crawled fully since pages were kept vouches for all its records.
 */
function unlisted(c: { source: string; crawlRunId: number }): SQL {
  return sql`s.status not in ('deleted', 'gone')
    and s.id in (select ss.server_id from server_sources ss left join source_pages p on p.id = ss.page_id
                 where ss.source = ${c.source} and (p.id is null or p.seen_run_id < ${c.crawlRunId}))
    and not exists (
      select 1 from server_sources o
      left join source_pages op on op.id = o.page_id
      left join source_state st on st.source = o.source
      where o.server_id = s.id and case when o.source = ${c.source} then op.seen_run_id >= ${c.crawlRunId}
                                        else st.full_run_id is null or op.seen_run_id >= st.full_run_id end)`;
}

/** How many servers a full crawl leaves unlisted, and how many the source lists in all: what the gone-share rule weighs. */
export async function unlistedCounts(db: Db, c: { source: string; crawlRunId: number }): Promise<{ unlisted: number; listed: number }> {
  const [count] = await queryRows<{ unlisted: number; listed: number }>(
    db,
    sql`select (select count(*) from servers s where ${unlisted(c)})::int as unlisted,
      (select count(distinct ss.server_id) from server_sources ss join servers s on s.id = ss.server_id
       where ss.source = ${c.source} and s.status not in ('deleted', 'gone'))::int as listed`,
  );
  return { unlisted: Number(count?.unlisted ?? 0), listed: Number(count?.listed ?? 0) };
}

/** Marks the servers a full crawl left unlisted gone, removed in this run; returns how many. */
export async function markUnlistedGone(db: Db, c: { source: string; crawlRunId: number; runId: number }): Promise<number> {
  return (await queryRows<{ id: number }>(db, sql`update servers s set status = 'gone', removed_run_id = ${c.runId}, catalog_updated_at = ${CATALOG_CHANGED_AT} where ${unlisted(c)} returning s.id`)).length;
}

/** Drops the pages a full crawl did not reach and no record stands on (old cursors, old updated_since URLs). */
export async function dropUnreachedPages(db: Db, c: { source: string; crawlRunId: number }): Promise<void> {
  await db.execute(sql`delete from source_pages p where p.source = ${c.source} and p.seen_run_id < ${c.crawlRunId}
    and not exists (select 1 from server_sources ss where ss.page_id = p.id)`);
}

/** A crawl finished: its watermark becomes the next run's updated_since, the checkpoint is cleared, a full crawl is remembered. */
export async function finishSourceState(db: Db, c: CrawlCompletion): Promise<void> {
  await db.execute(sql`insert into source_state (source, watermark, cursor, cursor_page, mode, pending_watermark, crawl_started_at, crawl_run_id, full_run_id, last_completed_at, last_run_id)
    values (${c.source}, ${c.watermark}, null, null, null, null, null, null, ${c.mode === "full" ? c.crawlRunId : null}, now(), ${c.runId})
    on conflict (source) do update set watermark = excluded.watermark, cursor = null, cursor_page = null, mode = null, pending_watermark = null,
      crawl_started_at = null, crawl_run_id = null, full_run_id = coalesce(excluded.full_run_id, source_state.full_run_id),
      last_completed_at = now(), last_run_id = excluded.last_run_id, updated_at = now()`);
}
