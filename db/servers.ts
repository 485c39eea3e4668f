// Server rows as a page writes them: renames, the state a page plan reads, upserts, aliases, servers its records left.
import { eq, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { CATALOG_CHANGED_AT, servers } from "./schema.js";
import { distinctRows, jsonb, queryRows } from "./sql.js";
import type { NewAlias, ServerUpsert, StoredServer } from "../crawler/plan/page.js";

/**
 * Servers whose key changes before a page is written (a repository key becoming a registry name). The caller has
 * locked them FOR UPDATE, the lock a key change takes (lockServers, `renaming` their old keys), with every other server
 * its transaction writes: one at a time here, in the page's order, they would be locked out of id order.
 */
export async function renameServers(db: Db, renames: readonly { from: string; to: string }[]): Promise<void> {
  for (const r of renames) await db.update(servers).set({ key: r.to }).where(eq(servers.key, r.from));
}

/** What the catalog holds of the servers with these keys: what decides whether a page rewrites them. */
export async function storedServers(db: Db, keys: readonly string[]): Promise<StoredServer[]> {
  if (keys.length === 0) return [];
  const rows = await queryRows<{ id: number; key: string; content_hash: string; canonical_rank: number; status: string }>(
    db,
    // One index probe per key (distinctRows).
    sql`select s.id, s.key, s.content_hash, s.canonical_rank, s.status
      from ${distinctRows(keys)} as k(key)
      cross join lateral (select id, key, content_hash, canonical_rank, status from servers where key = k.key offset 0) s`,
  );
  return rows.map((r) => ({ id: Number(r.id), key: r.key, contentHash: r.content_hash, canonicalRank: Number(r.canonical_rank), status: r.status }));
}

/**
 * Inserts or rewrites the servers a page plan chose; returns each one's id and whether it is new. The caller has locked
 * the rows already there (lockServers, by key) with every other server its transaction writes; the new ones are
 * inserted in key order, the order of the unique index a concurrent insert of the same key waits on. In the page's
 * order, two pages creating the same servers the other way round could each hold a key the other waits on (a
 * deadlock, 40P01).
 */
export async function upsertServers(db: Db, rows: readonly ServerUpsert[], runId: number): Promise<{ id: number; key: string; inserted: boolean }[]> {
  if (rows.length === 0) return [];
  const input = jsonb(rows);
  return queryRows<{ id: number; key: string; inserted: boolean }>(
    db,
    sql`insert into servers (key, title, description, repository_key, repository_url, repository_subfolder, website_url, version, status,
        packages, remotes, published_at, updated_at, canonical_source, canonical_rank, content_hash, first_run_id, changed_run_id, removed_run_id)
      select key, title, description, "repositoryKey", "repositoryUrl", "repositorySubfolder", "websiteUrl", version, status,
        coalesce(packages, '[]'::jsonb), coalesce(remotes, '[]'::jsonb), "publishedAt", "updatedAt", "canonicalSource", "canonicalRank", "contentHash",
        ${runId}, ${runId}, case when status = 'deleted' then ${runId}::int end
      from jsonb_to_recordset(${input}) as x(key text, title text, description text, "repositoryKey" text, "repositoryUrl" text,
        "repositorySubfolder" text, "websiteUrl" text, version text, status text, packages jsonb, remotes jsonb, "publishedAt" timestamptz,
        "updatedAt" timestamptz, "canonicalSource" text, "canonicalRank" int, "contentHash" text)
      order by key
      on conflict (key) do update set
        title = excluded.title, description = excluded.description, repository_key = excluded.repository_key,
        repository_url = excluded.repository_url, repository_subfolder = excluded.repository_subfolder, website_url = excluded.website_url,
        version = excluded.version, status = excluded.status, packages = excluded.packages, remotes = excluded.remotes,
        published_at = excluded.published_at, updated_at = excluded.updated_at, canonical_source = excluded.canonical_source,
        canonical_rank = excluded.canonical_rank, content_hash = excluded.content_hash, changed_run_id = excluded.changed_run_id,
        last_seen_at = now(), catalog_updated_at = ${CATALOG_CHANGED_AT},
        -- A server counts as removed in the run that moved it into deleted/gone.
        removed_run_id = case when excluded.status in ('deleted', 'gone') and servers.status not in ('deleted', 'gone') then ${runId}::int else servers.removed_run_id end
      returning id, key, (xmax = 0) as inserted`,
  );
}

/**
 * Locks these servers' rows (or those of these tools' servers, or of the servers with these keys) in id order until
 * the transaction ends, and returns their ids. Every transaction that writes a server's tools, their history or their
 * classifications calls it before touching them (a server it created itself excepted: no other transaction sees that
 * one), and a page and a listing's outcome lock the server's row as well: two such transactions then wait on the
 * server, never on each other's tool rows in opposite order (a deadlock). A transaction calls it once, for every server
 * it will write, before any other row lock: a second call for more servers would lock them after the first batch, out
 * of id order, and a multi-server writer locking both sets in id order could hold one the first waits on while waiting
 * on the first's (40P01). A second call for servers it holds waits on nothing; a caller holding them says so instead
 * (syncToolListings' `held`).
 *
 * NO KEY UPDATE is the lock an update of the row takes; unlike FOR UPDATE it lets others insert rows that reference the
 * server meanwhile (a foreign key's check holds the server FOR KEY SHARE). Servers `renaming` (by their current keys)
 * are locked FOR UPDATE, in the same id order: servers.key has a unique index, so Postgres counts it a key and a change
 * of it takes FOR UPDATE whatever refers to it. Taken later, by the rename, it would be an upgrade of a lock held, which
 * waits on the others' KEY SHARE of that server while holding the rest, in whatever order the renames come: a writer
 * referring to the servers in id order could hold one of them and wait on another renamed first (40P01).
 */
export async function lockServers(
  db: Db,
  of: { servers: readonly number[] } | { tools: readonly number[] } | { keys: readonly string[]; renaming?: readonly string[] },
): Promise<number[]> {
  const renaming = "keys" in of ? (of.renaming ?? []) : [];
  const values = "servers" in of ? of.servers : "tools" in of ? of.tools : [...of.keys, ...renaming];
  if (values.length === 0) return [];
  const listed = sql`select jsonb_array_elements_text(${jsonb(values)})`;
  const ids = sql`${listed}::int`;
  const chosen = "keys" in of ? sql`key in (${listed})` : "servers" in of ? sql`id in (${ids})` : sql`id in (select server_id from tools where id in (${ids}))`;
  const strong = renaming.length ? sql`key in (select jsonb_array_elements_text(${jsonb(renaming)}))` : sql`false`;
  // One statement locking each row at its own strength, in the order of the sorted subquery (OFFSET 0 keeps the
  // filter, where the locks are taken, out of it): a statement's FOR clause names one strength for all its rows.
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select s.id from (select id, ${strong} as strong from servers where ${chosen} order by id offset 0) s
      where case when s.strong then exists (select from servers where id = s.id for update)
        else exists (select from servers where id = s.id for no key update) end`,
  );
  return rows.map((r) => Number(r.id));
}

/**
 * What the catalog says of these servers changed (their tools, their tools' classifications): their catalog_updated_at
 * is now. The caller has locked them (lockServers) before writing what changed.
 */
export async function catalogChanged(db: Db, serverIds: readonly number[]): Promise<void> {
  if (serverIds.length === 0) return;
  await queryRows(db, sql`update servers set catalog_updated_at = ${CATALOG_CHANGED_AT} where id in (select jsonb_array_elements_text(${jsonb(serverIds)})::int)`);
}

/**
 * The aliases these records of `source` assert now (`rows`), in place of those they asserted before: an identity a
 * record no longer claims, or claimed on the server it has left, stops naming that server.
 */
export async function replaceAliases(db: Db, o: { source: string; sourceIds: readonly string[]; rows: readonly NewAlias[] }): Promise<void> {
  if (o.sourceIds.length) {
    await queryRows(db, sql`delete from server_aliases where source = ${o.source} and source_id in (select jsonb_array_elements_text(${jsonb(o.sourceIds)}))`);
  }
  if (o.rows.length === 0) return;
  await queryRows(db, sql`insert into server_aliases (kind, value, server_id, source, source_id)
    select kind, value, "serverId", source, "sourceId" from jsonb_to_recordset(${jsonb(o.rows)}) as x(kind text, value text, "serverId" int, source text, "sourceId" text)
    on conflict do nothing`);
}

/** A rederiving crawl of `source` starts (crawler/plan/crawl.ts CrawlStart.rederive): every alias its records asserted goes, and each record written again asserts its own. */
export async function dropSourceAliases(db: Db, source: string): Promise<void> {
  await queryRows(db, sql`delete from server_aliases where source = ${source}`);
}

/**
 * Servers a page's records have left (locked by the caller with the page's): one no record is on any more is gone,
 * removed in this run, as no source lists it; one whose fields a record that left spoke for (`spokenBy`, a
 * canonical_source) takes `rank`, so the next of its own records written speaks for it.
 */
export async function settleLeftServers(db: Db, o: { serverIds: readonly number[]; spokenBy: readonly string[]; rank: number; runId: number }): Promise<void> {
  if (o.serverIds.length === 0) return;
  const ids = sql`(select jsonb_array_elements_text(${jsonb(o.serverIds)})::int)`;
  await queryRows(db, sql`update servers s set status = 'gone', removed_run_id = ${o.runId}, catalog_updated_at = ${CATALOG_CHANGED_AT}
    where s.id in ${ids} and s.status not in ('deleted', 'gone') and not exists (select 1 from server_sources ss where ss.server_id = s.id)`);
  if (o.spokenBy.length === 0) return;
  await queryRows(db, sql`update servers set canonical_rank = ${o.rank}
    where id in ${ids} and canonical_source in (select jsonb_array_elements_text(${jsonb(o.spokenBy)}))`);
}
