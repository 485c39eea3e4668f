// Source pages and the records placed on them: validators and cursors for conditional requests, raw records by (source, id).
import { sql } from "drizzle-orm";
import { validatorsOf, type Validators } from "../crawler/validators.js";
import type { Db } from "./client.js";
import { distinctRows, jsonb, queryRows } from "./sql.js";
import { saveCheckpoint, type Checkpoint } from "./source-state.js";
import type { NewSourceRow, StoredRecord } from "../crawler/plan/page.js";

/** A list page as fetched: what a later conditional request needs to stand in for its body. */
export interface PageInfo extends Validators {
  url: string;
  next: string | null;
  /** Its records' highest updatedAt. */
  maxUpdatedAt?: string;
  /** The updated_since the source named for its next poll (ParsedPage.nextUpdatedSince). */
  nextUpdatedSince?: string;
  /** Records the page listed. */
  records: number;
}

/** A page stored by an earlier crawl, for its conditional request. */
export interface StoredPage extends Validators {
  id: number;
  nextCursor: string | null;
  maxUpdatedAt: string | null;
  nextUpdatedSince: string | null;
  records: number;
}

/**
 * A page answered 304 (its body is what was stored), or one that failed on its own (what it stored
 * before stands): only the page is marked seen, which keeps every record placed on it listed, and the
 * checkpoint moves on. Nothing else is read or written. A failed page is found by its URL, and may
 * have no stored page at all.
 */
export async function markPageSeen(db: Db, o: { page: { id: number } | { source: string; url: string }; runId: number; checkpoint: Checkpoint }): Promise<void> {
  const page = "id" in o.page ? sql`id = ${o.page.id}` : sql`source = ${o.page.source} and url = ${o.page.url}`;
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await queryRows(t, sql`update source_pages set seen_run_id = ${o.runId} where ${page}`);
    await saveCheckpoint(t, o.checkpoint, o.runId);
  });
}

export async function upsertPage(db: Db, source: string, p: PageInfo, runId: number): Promise<{ id: number; inserted: boolean }> {
  const [row] = await queryRows<{ id: number; inserted: boolean }>(
    db,
    sql`insert into source_pages (source, url, etag, last_modified, next_cursor, max_updated_at, next_updated_since, records, seen_run_id)
      values (${source}, ${p.url}, ${p.etag ?? null}, ${p.lastModified ?? null}, ${p.next}, ${p.maxUpdatedAt ?? null}, ${p.nextUpdatedSince ?? null}, ${p.records}, ${runId})
      on conflict (source, url) do update set etag = excluded.etag, last_modified = excluded.last_modified, next_cursor = excluded.next_cursor,
        max_updated_at = excluded.max_updated_at, next_updated_since = excluded.next_updated_since, records = excluded.records, seen_run_id = excluded.seen_run_id
      returning id, (xmax = 0) as inserted`,
  );
  return { id: Number(row!.id), inserted: row!.inserted };
}

/** Writes a page's changed records (an unchanged one is not rewritten). */
export async function upsertSourceRows(db: Db, rows: readonly NewSourceRow[], o: { runId: number; pageId: number; placeAll: boolean }): Promise<void> {
  // An incremental page places only records that have no page yet: the full crawl's page still lists the others.
  const page = o.placeAll ? sql`excluded.page_id` : sql`coalesce(server_sources.page_id, excluded.page_id)`;
  await queryRows(db, sql`insert into server_sources (source, source_id, server_id, is_latest, raw, content_hash, run_id, page_id)
    select source, "sourceId", "serverId", "isLatest", raw, "contentHash", ${o.runId}, ${o.pageId}
    from jsonb_to_recordset(${jsonb(rows)}) as x(source text, "sourceId" text, "serverId" int, "isLatest" boolean, raw jsonb, "contentHash" text)
    on conflict (source, source_id) do update set
      server_id = excluded.server_id, is_latest = excluded.is_latest, raw = excluded.raw, content_hash = excluded.content_hash,
      run_id = excluded.run_id, fetched_at = now(), page_id = ${page}
    -- An unchanged record is not rewritten.
    where server_sources.content_hash <> excluded.content_hash or server_sources.is_latest <> excluded.is_latest
      or server_sources.server_id <> excluded.server_id or server_sources.page_id is distinct from ${page}`);
}

/**
 * A full crawl's page lists exactly these records now: those written above were placed with their
 * write, the unchanged ones are placed here, and records the page listed before but no longer does
 * lose their place (unless a later page of the crawl lists them, they are no longer listed by the
 * source when the crawl completes).
 */
export async function placeRecords(db: Db, o: { source: string; pageId: number; listed: string[]; unchanged: string[]; newPage: boolean }): Promise<void> {
  if (o.unchanged.length) {
    await queryRows(db, sql`update server_sources set page_id = ${o.pageId}
      where source = ${o.source} and source_id in (select jsonb_array_elements_text(${jsonb(o.unchanged)})) and page_id is distinct from ${o.pageId}`);
  }
  if (o.newPage) return;
  await queryRows(db, sql`update server_sources set page_id = null
    where page_id = ${o.pageId} and source_id not in (select jsonb_array_elements_text(${jsonb(o.listed)}))`);
}

/** The stored hash, server and page of each of these records of `source`, with the page's URL and the last run that fetched it. */
export async function storedRecords(db: Db, source: string, sourceIds: readonly string[]): Promise<Map<string, StoredRecord>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await queryRows<{ source_id: string; content_hash: string; server_id: number; page_id: number | null; status: string; key: string; page_url: string | null; seen_run_id: number | null }>(
    db,
    // One index probe per record, one per its server and one per its page (distinctRows).
    sql`select ss.source_id, ss.content_hash, ss.server_id, ss.page_id, ss.status, ss.key, p.url as page_url, p.seen_run_id
      from ${distinctRows(sourceIds)} as k(id)
      cross join lateral (
        select ss.source_id, ss.content_hash, ss.server_id, ss.page_id, s.status, s.key
        from server_sources ss join servers s on s.id = ss.server_id where ss.source = ${source} and ss.source_id = k.id offset 0) ss
      left join source_pages p on p.id = ss.page_id`,
  );
  return new Map(
    rows.map((r) => [
      r.source_id,
      {
        contentHash: r.content_hash,
        serverId: Number(r.server_id),
        pageId: r.page_id === null ? null : Number(r.page_id),
        page: r.page_url === null || r.seen_run_id === null ? null : { url: r.page_url, seenRunId: Number(r.seen_run_id) },
        serverKey: r.key,
        serverStatus: r.status,
      },
    ]),
  );
}

/** The records of these `sources` on these servers still placed on a list page: whose tool lists may speak for them. */
export async function listedRecordsOn(
  db: Db,
  sources: readonly string[],
  serverIds: readonly number[],
): Promise<{ serverId: number; source: string; sourceId: string; isLatest: boolean; raw: unknown }[]> {
  if (serverIds.length === 0 || sources.length === 0) return [];
  const rows = await queryRows<{ server_id: number; source: string; source_id: string; is_latest: boolean; raw: unknown }>(
    db,
    sql`select ss.server_id, ss.source, ss.source_id, ss.is_latest, ss.raw from server_sources ss
      where ss.server_id in (select jsonb_array_elements_text(${jsonb(serverIds)})::int)
        and ss.source in (select jsonb_array_elements_text(${jsonb(sources)})) and ss.page_id is not null`,
  );
  return rows.map((r) => ({ serverId: Number(r.server_id), source: r.source, sourceId: r.source_id, isLatest: r.is_latest, raw: r.raw }));
}

/** The records of `source` still placed on a list page, of the servers with these keys: whose tool list may speak for them. */
export async function listedRecordsOf(db: Db, source: string, serverKeys: readonly string[]): Promise<{ serverKey: string; sourceId: string; isLatest: boolean }[]> {
  if (serverKeys.length === 0) return [];
  const rows = await queryRows<{ key: string; source_id: string; is_latest: boolean }>(
    db,
    // Index probes per key, then per server (distinctRows): the source's own condition stays outside,
    // or it is planned as a scan of every record of the source, per key.
    sql`select s.key, ss.source_id, ss.is_latest
      from ${distinctRows(serverKeys)} as k(key)
      cross join lateral (select id, key from servers where key = k.key offset 0) s
      cross join lateral (select source, source_id, is_latest, page_id from server_sources where server_id = s.id offset 0) ss
      where ss.source = ${source} and ss.page_id is not null`,
  );
  return rows.map((r) => ({ serverKey: r.key, sourceId: r.source_id, isLatest: r.is_latest }));
}

/** The page of `source` at `url` as an earlier crawl stored it with a validator, if it did: what its conditional request needs. */
export async function storedPage(db: Db, source: string, url: string): Promise<StoredPage | undefined> {
  const [r] = await queryRows<{ id: number; etag: string | null; last_modified: string | null; next_cursor: string | null; max_updated_at: string | null; next_updated_since: string | null; records: number }>(
    db,
    sql`select id, etag, last_modified, next_cursor, max_updated_at, next_updated_since, records from source_pages
      where source = ${source} and url = ${url} and (etag is not null or last_modified is not null)`,
  );
  return r
    ? { id: Number(r.id), ...validatorsOf({ etag: r.etag, lastModified: r.last_modified }), nextCursor: r.next_cursor, maxUpdatedAt: r.max_updated_at, nextUpdatedSince: r.next_updated_since, records: Number(r.records) }
    : undefined;
}
