// Each source's position: the checkpoint of a crawl under way, and what completing a crawl settles.
import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client.js";
import { CATALOG_CHANGED_AT, sourceState, type SourceStateRow } from "./schema.js";
import { jsonb, queryRows } from "./sql.js";

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
  /** The crawl under way derives every record again (crawler/plan/crawl.ts CrawlStart.rederive). */
  rederives: boolean;
}

export async function saveCheckpoint(db: Db, cp: Checkpoint, runId: number): Promise<void> {
  await queryRows(db, sql`insert into source_state (source, cursor, cursor_page, mode, pending_watermark, crawl_started_at, crawl_run_id, crawl_rederives, last_run_id)
    values (${cp.source}, ${cp.cursor}, ${cp.cursorPage}, ${cp.mode}, ${cp.pendingWatermark}, ${cp.crawlStartedAt}, ${cp.crawlRunId}, ${cp.rederives}, ${runId})
    on conflict (source) do update set cursor = excluded.cursor, cursor_page = excluded.cursor_page, mode = excluded.mode, pending_watermark = excluded.pending_watermark,
      crawl_started_at = excluded.crawl_started_at, crawl_run_id = excluded.crawl_run_id, crawl_rederives = excluded.crawl_rederives, last_run_id = excluded.last_run_id, updated_at = now()`);
}

export interface CrawlCompletion {
  source: string;
  /** The next run's updated_since (crawler/plan/crawl.ts crawlCompletion). */
  watermark: string | null;
  runId: number;
  mode: "full" | "incremental";
  /** The run that started the crawl (earlier than runId when it resumed a killed one). */
  crawlRunId: number;
  /** The identity rules every record the source lists is now derived by (a complete rederiving crawl); null: as they were. */
  identityRulesVersion: number | null;
}

export async function getSourceState(db: Db, source: string): Promise<SourceStateRow | undefined> {
  const [row] = await db.select().from(sourceState).where(eq(sourceState.source, source));
  return row;
}

/**
 * How many complete walks of each source in a row must miss a record before it stops vouching for its server
 * (crawler/plan/crawl.ts walksBeforeGone); a source not named: 1.
 */
export type WalksBeforeGone = Readonly<Record<string, number>>;

const walksOf = (rule: WalksBeforeGone, source: SQL) => sql`coalesce((${jsonb(rule)} ->> ${source})::int, 1)`;

/**
 * Whether the server_sources row `record` (a table alias) has been missed by fewer complete walks of its source in a row
 * than the rule allows: whether it still vouches for its server, once its source's walk is complete (countMissedWalks).
 */
export function missedTooFew(rule: WalksBeforeGone, record: SQL): SQL {
  return sql`${record}.missed_walks < ${walksOf(rule, sql`${record}.source`)}`;
}

const listedBy = (c: { crawlRunId: number }) => sql`exists (select 1 from source_pages p where p.id = ss.page_id and p.seen_run_id >= ${c.crawlRunId})`;

/** A full crawl of `c.source` completed: each of its records it listed has been missed by no walk since (placed on a page this crawl saw). */
export async function resetMissedWalks(db: Db, c: { source: string; crawlRunId: number }): Promise<void> {
  await db.execute(sql`update server_sources ss set missed_walks = 0 where ss.source = ${c.source} and ss.missed_walks > 0 and ${listedBy(c)}`);
}

/**
 * A full crawl of `c.source` completed and was not withheld: each of its records it did not list has been missed by
 * one more walk, counted up to the walks that stop it vouching (beyond, the count would change nothing). A walk the
 * gone-share rule withholds counts no miss: a source likelier broken than emptied says nothing of its records, and a
 * record counted missed would stop merging (db/identity.ts), so a directory crawled next would make duplicates.
 */
export async function countMissedWalks(db: Db, c: { source: string; crawlRunId: number; walksBeforeGone: WalksBeforeGone }): Promise<void> {
  await db.execute(sql`update server_sources ss set missed_walks = ss.missed_walks + 1
    where ss.source = ${c.source} and ss.missed_walks < ${walksOf(c.walksBeforeGone, sql`ss.source`)} and not ${listedBy(c)}`);
}

/**
 * The servers a full crawl of `c.source` leaves unlisted: listed now is a record of this source whose
 * page this crawl saw; of another source, whose page that source's last full crawl (or a later
 * incremental one) saw. A source never crawled fully since pages were kept vouches for all its records.
 * With `walksBeforeGone`, a record not listed still vouches until that many complete walks of its source
 * in a row have missed it, this walk counted (before countMissedWalks counts it, which only a walk not withheld
 * does): the servers that go, rather than those no walk lists.
 * A server holding no record at all is unlisted too, by any source's complete walk: a page marks a server gone when its
 * last record leaves it (db/servers.ts settleLeftServers), but older releases left such servers active (a directory
 * entry whose repository became another server's), and no walk of any source would ever miss them otherwise.
 */
function unlisted(c: { source: string; crawlRunId: number }, walksBeforeGone?: WalksBeforeGone): SQL {
  const listed = sql`case when o.source = ${c.source} then op.seen_run_id >= ${c.crawlRunId}
                          else st.full_run_id is null or op.seen_run_id >= st.full_run_id end`;
  const missed = sql`o.missed_walks + case when o.source = ${c.source} then 1 else 0 end`;
  const vouches = walksBeforeGone ? sql`(${listed} or ${missed} < ${walksOf(walksBeforeGone, sql`o.source`)})` : listed;
  return sql`s.status not in ('deleted', 'gone')
    and s.id in (select ss.server_id from server_sources ss left join source_pages p on p.id = ss.page_id
                 where ss.source = ${c.source} and (p.id is null or p.seen_run_id < ${c.crawlRunId})
                 union all
                 select r.id from servers r where not exists (select 1 from server_sources rs where rs.server_id = r.id))
    and not exists (
      select 1 from server_sources o
      left join source_pages op on op.id = o.page_id
      left join source_state st on st.source = o.source
      where o.server_id = s.id and ${vouches})`;
}

/**
 * What the gone-share rule weighs after a full crawl: the servers that would go (unlisted, and missed by enough walks),
 * and how many the source lists in all; and the servers no source lists any more that are kept only because their
 * records were missed by fewer walks than walksBeforeGone asks (missing).
 */
export async function unlistedCounts(db: Db, c: { source: string; crawlRunId: number; walksBeforeGone: WalksBeforeGone }): Promise<{ unlisted: number; listed: number; missing: number }> {
  const [count] = await queryRows<{ unlisted: number; listed: number; unlisted_by_walks: number }>(
    db,
    sql`select (select count(*) from servers s where ${unlisted(c, c.walksBeforeGone)})::int as unlisted,
      (select count(*) from servers s where ${unlisted(c)})::int as unlisted_by_walks,
      (select count(distinct ss.server_id) from server_sources ss join servers s on s.id = ss.server_id
       where ss.source = ${c.source} and s.status not in ('deleted', 'gone'))::int as listed`,
  );
  const gone = Number(count?.unlisted ?? 0);
  return { unlisted: gone, listed: Number(count?.listed ?? 0), missing: Number(count?.unlisted_by_walks ?? 0) - gone };
}

/** Marks the servers a full crawl left unlisted, missed by enough walks, gone, removed in this run; returns how many. */
export async function markUnlistedGone(db: Db, c: { source: string; crawlRunId: number; runId: number; walksBeforeGone: WalksBeforeGone }): Promise<number> {
  return (
    await queryRows<{ id: number }>(
      db,
      sql`update servers s set status = 'gone', removed_run_id = ${c.runId}, catalog_updated_at = ${CATALOG_CHANGED_AT} where ${unlisted(c, c.walksBeforeGone)} returning s.id`,
    )
  ).length;
}

/** Drops the pages a full crawl did not reach and no record stands on (old cursors, old updated_since URLs). */
export async function dropUnreachedPages(db: Db, c: { source: string; crawlRunId: number }): Promise<void> {
  await db.execute(sql`delete from source_pages p where p.source = ${c.source} and p.seen_run_id < ${c.crawlRunId}
    and not exists (select 1 from server_sources ss where ss.page_id = p.id)`);
}

/**
 * A crawl finished: its watermark becomes the next run's updated_since, the checkpoint is cleared, a full crawl is
 * remembered, and so are the identity rules a rederiving one derived its records by.
 */
export async function finishSourceState(db: Db, c: CrawlCompletion): Promise<void> {
  await db.execute(sql`insert into source_state (source, watermark, cursor, cursor_page, mode, pending_watermark, crawl_started_at, crawl_run_id, full_run_id, identity_rules_version, last_completed_at, last_run_id)
    values (${c.source}, ${c.watermark}, null, null, null, null, null, null, ${c.mode === "full" ? c.crawlRunId : null}, ${c.identityRulesVersion}, now(), ${c.runId})
    on conflict (source) do update set watermark = excluded.watermark, cursor = null, cursor_page = null, mode = null, pending_watermark = null,
      crawl_started_at = null, crawl_run_id = null, crawl_rederives = false, full_run_id = coalesce(excluded.full_run_id, source_state.full_run_id),
      identity_rules_version = coalesce(excluded.identity_rules_version, source_state.identity_rules_version),
      last_completed_at = now(), last_run_id = excluded.last_run_id, updated_at = now()`);
}
