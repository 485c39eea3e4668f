// The catalog's writes and reads for crawling: source pages, checkpoints, runs and counts.
import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { crawlRuns, servers, sourceState, type CrawlRunRow, type NewServerRow, type SourceStateRow } from "./schema.js";
import { jsonb, queryRows } from "./sql.js";
import { insertClassifications, queueServers, type NewClassification } from "./classifications.js";
import { replaceSignals, sourceContributions, type SignalUpsert, type SourceContribution } from "./signals.js";
import type { StoredTool, ToolSyncResult } from "./tools.js";
import type { ToolDefinition, ToolOrigin } from "../crawler/plan/tools.js";
import { syncToolListings } from "../crawler/tool-sync.js";

/** One server as a page of records proposes it, already reduced to the record that speaks for it. */
export interface ServerUpsert {
  key: string;
  title?: string;
  description?: string;
  repositoryKey?: string;
  repositoryUrl?: string;
  repositorySubfolder?: string;
  websiteUrl?: string;
  version?: string;
  status: string;
  packages: unknown[];
  remotes: unknown[];
  publishedAt?: string;
  updatedAt?: string;
  canonicalSource: string;
  canonicalRank: number;
  contentHash: string;
}

export interface SourceRowUpsert {
  source: string;
  sourceId: string;
  serverKey: string;
  isLatest: boolean;
  raw: unknown;
  contentHash: string;
}

export interface AliasUpsert {
  kind: string;
  value: string;
  serverKey: string;
  source: string;
}

export interface Checkpoint {
  source: string;
  cursor: string | null;
  mode: "full" | "incremental";
  pendingWatermark: string | null;
  crawlStartedAt: string;
  /** The run that started the crawl under way. */
  crawlRunId: number;
}

/** A list page as fetched: what a later conditional request needs to stand in for its body. */
export interface PageInfo {
  url: string;
  etag?: string;
  next: string | null;
  maxUpdatedAt?: string;
  /** Records the page listed. */
  records: number;
}

/** What the catalog already holds for one (source, source id): an unchanged record needs no write. */
export interface StoredRecord {
  contentHash: string;
  serverId: number;
  pageId: number | null;
  /** The status of the server the record belongs to (a `gone` server comes back when listed again). */
  serverStatus: string;
}

/** A page stored by an earlier crawl, for its conditional request. */
export interface StoredPage {
  id: number;
  etag: string | null;
  nextCursor: string | null;
  maxUpdatedAt: string | null;
  records: number;
}

export interface PageWrite {
  runId: number;
  source: string;
  /** A full crawl places every record the page lists on it; an incremental one only places new records. */
  mode: "full" | "incremental";
  page: PageInfo;
  /** Every source id the page listed, changed or not. */
  sourceIds: string[];
  /** Servers whose key changes before the page is written (a repository key becoming a registry name). */
  renames?: { from: string; to: string }[];
  /** Servers, records and aliases of the records that changed (new, or a different raw hash). */
  servers: ServerUpsert[];
  sources: SourceRowUpsert[];
  aliases: AliasUpsert[];
  /** Tool lists the page's changed records carry (directories), applied once the servers exist. */
  toolListings?: { serverKey: string; origin: ToolOrigin; tools: ToolDefinition[] }[];
  /** Categories and popularity of the page's changed records. */
  signals?: SignalUpsert[];
  /**
   * Classifies a server this page creates from its one listing (which is then all its tools), so its
   * tools are classified as they are written instead of read back by the classify stage.
   */
  classifyFresh?: (server: { key: string; description?: string }, tools: (ToolDefinition & { id: number })[]) => NewClassification[];
  checkpoint: Checkpoint;
}

export interface PageWriteResult {
  pageId: number;
  serversWritten: number;
  tools: Omit<ToolSyncResult, "written">;
  /** Tools classified as they were written (see classifyFresh). */
  classified: number;
}

type ServerState = { id: number; key: string; content_hash: string; canonical_rank: number; status: string };

/**
 * Writes one source page in one transaction: the page (its ETag and where it points), servers
 * (only those that changed or that a higher-ranked record now speaks for), raw records, aliases,
 * tools, and the checkpoint that lets a killed run resume after this page. Every statement carries
 * its rows as one jsonb value, so a page costs a handful of statements however many rows it has.
 */
export async function writeSourcePage(db: Db, w: PageWrite): Promise<PageWriteResult> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    for (const r of w.renames ?? []) await t.update(servers).set({ key: r.to }).where(eq(servers.key, r.from));
    // One statement at a time: after a failure nothing more is sent on the transaction's connection.
    const page = await upsertPage(t, w.source, w.page, w.runId);
    const existing = w.servers.length
      ? await queryRows<ServerState>(t, sql`select id, key, content_hash, canonical_rank, status from servers where key in (select jsonb_array_elements_text(${jsonb(w.servers.map((s) => s.key))}))`)
      : [];
    const byKey = new Map(existing.map((r) => [r.key, r]));
    const serverIds = new Map(existing.map((r) => [r.key, Number(r.id)]));
    const changed = w.servers.filter((s) => {
      const old = byKey.get(s.key);
      return !old || old.status === "gone" || s.canonicalRank > old.canonical_rank || (s.canonicalRank === old.canonical_rank && s.contentHash !== old.content_hash);
    });
    // Servers this page creates have no tools yet: their listings need not read any.
    const created = new Set<number>();
    if (changed.length) {
      for (const r of await upsertServers(t, changed, w.runId)) {
        serverIds.set(r.key, Number(r.id));
        if (r.inserted) created.add(Number(r.id));
      }
    }

    const sourceRows = w.sources.flatMap((r) => {
      const serverId = serverIds.get(r.serverKey);
      return serverId === undefined ? [] : [{ source: r.source, source_id: r.sourceId, server_id: serverId, is_latest: r.isLatest, raw: r.raw, content_hash: r.contentHash }];
    });
    const aliasRows = w.aliases.flatMap((a) => {
      const serverId = serverIds.get(a.serverKey);
      return serverId === undefined ? [] : [{ kind: a.kind, value: a.value, server_id: serverId, source: a.source }];
    });
    const listings = (w.toolListings ?? []).flatMap((l) => {
      const serverId = serverIds.get(l.serverKey);
      return serverId === undefined ? [] : [{ serverId, origin: l.origin, tools: l.tools, ...(created.has(serverId) ? { fresh: true } : {}) }];
    });
    const rewritten = new Set(w.sources.map((r) => r.sourceId));
    if (sourceRows.length) await upsertSourceRows(t, sourceRows, { runId: w.runId, pageId: page.id, placeAll: w.mode === "full" });
    if (w.mode === "full") await placeRecords(t, { source: w.source, pageId: page.id, listed: w.sourceIds, unchanged: w.sourceIds.filter((id) => !rewritten.has(id)), newPage: page.inserted });
    if (aliasRows.length) {
      await queryRows(t, sql`insert into server_aliases (kind, value, server_id, source)
        select kind, value, server_id, source from jsonb_to_recordset(${jsonb(aliasRows)}) as x(kind text, value text, server_id int, source text)
        on conflict do nothing`);
    }
    if (w.signals?.length) await replaceSignals(t, w.signals, serverIds);
    const inline = w.classifyFresh ? freshSingleListings(listings) : [];
    const { written: toolsWritten, ...toolCounts } = await syncToolListings(t, listings, w.runId, { unqueued: new Set(inline.map((l) => l.serverId)) });
    let classifications: NewClassification[] = [];
    try {
      classifications = inline.length ? classifyInline(inline, toolsWritten, changed, serverIds, w.classifyFresh!) : [];
    } catch {
      // A classifier failure must not cost the page: the servers go to the classify stage, which
      // meets the same failure and records it as the stage's error.
      await queueServers(t, inline.map((l) => l.serverId));
    }
    if (classifications.length) await insertClassifications(t, classifications);
    await saveCheckpoint(t, w.checkpoint, w.runId);
    return { pageId: page.id, serversWritten: changed.length, tools: toolCounts, classified: classifications.length };
  });
}

type Listing = { serverId: number; origin: ToolOrigin; tools: ToolDefinition[]; fresh?: boolean };

/** Listings of servers created on this page that are their server's only listing here: all its tools. */
function freshSingleListings(listings: readonly Listing[]): Listing[] {
  const count = new Map<number, number>();
  for (const l of listings) count.set(l.serverId, (count.get(l.serverId) ?? 0) + 1);
  return listings.filter((l) => l.fresh && count.get(l.serverId) === 1);
}

function classifyInline(
  listings: readonly Listing[],
  written: readonly StoredTool[],
  servers: readonly ServerUpsert[],
  serverIds: ReadonlyMap<string, number>,
  classify: NonNullable<PageWrite["classifyFresh"]>,
): NewClassification[] {
  const ids = new Map(written.map((t) => [`${t.serverId}\u0000${t.name}`, t.id]));
  const byId = new Map(servers.map((s) => [serverIds.get(s.key), s]));
  return listings.flatMap((l) => {
    const server = byId.get(l.serverId);
    if (!server) return [];
    // As written: the first tool of a name wins.
    const seen = new Set<string>();
    const tools = l.tools.flatMap((t) => {
      const id = ids.get(`${l.serverId}\u0000${t.name}`);
      if (id === undefined || seen.has(t.name)) return [];
      seen.add(t.name);
      return [{ ...t, id }];
    });
    return classify({ key: server.key, ...(server.description ? { description: server.description } : {}) }, tools);
  });
}

/**
 * A page answered 304: its body is what was stored, so only the page is marked seen (which keeps
 * every record placed on it listed) and the checkpoint moves on. Nothing else is read or written.
 */
export async function markPageSeen(db: Db, o: { pageId: number; runId: number; checkpoint: Checkpoint }): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await queryRows(t, sql`update source_pages set seen_run_id = ${o.runId} where id = ${o.pageId}`);
    await saveCheckpoint(t, o.checkpoint, o.runId);
  });
}

async function upsertPage(db: Db, source: string, p: PageInfo, runId: number): Promise<{ id: number; inserted: boolean }> {
  const [row] = await queryRows<{ id: number; inserted: boolean }>(
    db,
    sql`insert into source_pages (source, url, etag, next_cursor, max_updated_at, records, seen_run_id)
      values (${source}, ${p.url}, ${p.etag ?? null}, ${p.next}, ${p.maxUpdatedAt ?? null}, ${p.records}, ${runId})
      on conflict (source, url) do update set etag = excluded.etag, next_cursor = excluded.next_cursor,
        max_updated_at = excluded.max_updated_at, records = excluded.records, seen_run_id = excluded.seen_run_id
      returning id, (xmax = 0) as inserted`,
  );
  return { id: Number(row!.id), inserted: row!.inserted };
}

async function upsertServers(db: Db, rows: ServerUpsert[], runId: number): Promise<{ id: number; key: string; inserted: boolean }[]> {
  const input = rows.map((s) => ({
    key: s.key,
    title: s.title,
    description: s.description,
    repository_key: s.repositoryKey,
    repository_url: s.repositoryUrl,
    repository_subfolder: s.repositorySubfolder,
    website_url: s.websiteUrl,
    version: s.version,
    status: s.status,
    packages: s.packages,
    remotes: s.remotes,
    published_at: s.publishedAt,
    updated_at: s.updatedAt,
    canonical_source: s.canonicalSource,
    canonical_rank: s.canonicalRank,
    content_hash: s.contentHash,
  }));
  return queryRows<{ id: number; key: string; inserted: boolean }>(
    db,
    sql`insert into servers (key, title, description, repository_key, repository_url, repository_subfolder, website_url, version, status,
        packages, remotes, published_at, updated_at, canonical_source, canonical_rank, content_hash, first_run_id, changed_run_id, removed_run_id)
      select key, title, description, repository_key, repository_url, repository_subfolder, website_url, version, status,
        coalesce(packages, '[]'::jsonb), coalesce(remotes, '[]'::jsonb), published_at, updated_at, canonical_source, canonical_rank, content_hash,
        ${runId}, ${runId}, case when status = 'deleted' then ${runId}::int end
      from jsonb_to_recordset(${jsonb(input)}) as x(key text, title text, description text, repository_key text, repository_url text,
        repository_subfolder text, website_url text, version text, status text, packages jsonb, remotes jsonb, published_at timestamptz,
        updated_at timestamptz, canonical_source text, canonical_rank int, content_hash text)
      on conflict (key) do update set
        title = excluded.title, description = excluded.description, repository_key = excluded.repository_key,
        repository_url = excluded.repository_url, repository_subfolder = excluded.repository_subfolder, website_url = excluded.website_url,
        version = excluded.version, status = excluded.status, packages = excluded.packages, remotes = excluded.remotes,
        published_at = excluded.published_at, updated_at = excluded.updated_at, canonical_source = excluded.canonical_source,
        canonical_rank = excluded.canonical_rank, content_hash = excluded.content_hash, changed_run_id = excluded.changed_run_id,
        last_seen_at = now(),
        -- A server counts as removed in the run that moved it into deleted/gone.
        removed_run_id = case when excluded.status in ('deleted', 'gone') and servers.status not in ('deleted', 'gone') then ${runId}::int else servers.removed_run_id end
      returning id, key, (xmax = 0) as inserted`,
  );
}

type SourceRow = { source: string; source_id: string; server_id: number; is_latest: boolean; raw: unknown; content_hash: string };

async function upsertSourceRows(db: Db, rows: SourceRow[], o: { runId: number; pageId: number; placeAll: boolean }): Promise<void> {
  // An incremental page places only records that have no page yet: the full crawl's page still lists the others.
  const page = o.placeAll ? sql`excluded.page_id` : sql`coalesce(server_sources.page_id, excluded.page_id)`;
  await queryRows(db, sql`insert into server_sources (source, source_id, server_id, is_latest, raw, content_hash, run_id, page_id)
    select source, source_id, server_id, is_latest, raw, content_hash, ${o.runId}, ${o.pageId}
    from jsonb_to_recordset(${jsonb(rows)}) as x(source text, source_id text, server_id int, is_latest boolean, raw jsonb, content_hash text)
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
async function placeRecords(db: Db, o: { source: string; pageId: number; listed: string[]; unchanged: string[]; newPage: boolean }): Promise<void> {
  if (o.unchanged.length) {
    await queryRows(db, sql`update server_sources set page_id = ${o.pageId}
      where source = ${o.source} and source_id in (select jsonb_array_elements_text(${jsonb(o.unchanged)})) and page_id is distinct from ${o.pageId}`);
  }
  if (o.newPage) return;
  await queryRows(db, sql`update server_sources set page_id = null
    where page_id = ${o.pageId} and source_id not in (select jsonb_array_elements_text(${jsonb(o.listed)}))`);
}

/** The stored hash, server and page of each of these records of `source`. */
export async function storedRecords(db: Db, source: string, sourceIds: readonly string[]): Promise<Map<string, StoredRecord>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await queryRows<{ source_id: string; content_hash: string; server_id: number; page_id: number | null; status: string }>(
    db,
    sql`select ss.source_id, ss.content_hash, ss.server_id, ss.page_id, s.status
      from server_sources ss join servers s on s.id = ss.server_id
      where ss.source = ${source} and ss.source_id in (select jsonb_array_elements_text(${jsonb(sourceIds)}))`,
  );
  return new Map(
    rows.map((r) => [r.source_id, { contentHash: r.content_hash, serverId: Number(r.server_id), pageId: r.page_id === null ? null : Number(r.page_id), serverStatus: r.status }]),
  );
}

/** The records of `source` still placed on a list page, of the servers with these keys: whose tool list may speak for them. */
export async function listedRecordsOf(db: Db, source: string, serverKeys: readonly string[]): Promise<{ serverKey: string; sourceId: string; isLatest: boolean }[]> {
  if (serverKeys.length === 0) return [];
  const rows = await queryRows<{ key: string; source_id: string; is_latest: boolean }>(
    db,
    sql`select s.key, ss.source_id, ss.is_latest
      from servers s join server_sources ss on ss.server_id = s.id
      where ss.source = ${source} and ss.page_id is not null and s.key in (select jsonb_array_elements_text(${jsonb(serverKeys)}))`,
  );
  return rows.map((r) => ({ serverKey: r.key, sourceId: r.source_id, isLatest: r.is_latest }));
}

/** The pages of `source` an earlier crawl stored with an ETag, by URL: what a conditional request needs. */
export async function storedPages(db: Db, source: string): Promise<Map<string, StoredPage>> {
  const rows = await queryRows<{ id: number; url: string; etag: string | null; next_cursor: string | null; max_updated_at: string | null; records: number }>(
    db,
    sql`select id, url, etag, next_cursor, max_updated_at, records from source_pages where source = ${source} and etag is not null`,
  );
  return new Map(
    rows.map((r) => [r.url, { id: Number(r.id), etag: r.etag, nextCursor: r.next_cursor, maxUpdatedAt: r.max_updated_at, records: Number(r.records) }]),
  );
}

export async function saveCheckpoint(db: Db, cp: Checkpoint, runId: number): Promise<void> {
  await queryRows(db, sql`insert into source_state (source, cursor, mode, pending_watermark, crawl_started_at, crawl_run_id, last_run_id)
    values (${cp.source}, ${cp.cursor}, ${cp.mode}, ${cp.pendingWatermark}, ${cp.crawlStartedAt}, ${cp.crawlRunId}, ${runId})
    on conflict (source) do update set cursor = excluded.cursor, mode = excluded.mode, pending_watermark = excluded.pending_watermark,
      crawl_started_at = excluded.crawl_started_at, crawl_run_id = excluded.crawl_run_id, last_run_id = excluded.last_run_id, updated_at = now()`);
}

export interface CrawlCompletion {
  source: string;
  /** Highest updatedAt of the crawl: the next run's updated_since. */
  watermark: string | null;
  runId: number;
  mode: "full" | "incremental";
  /** The run that started the crawl (earlier than runId when it resumed a killed one). */
  crawlRunId: number;
}

/**
 * At most this share of the servers a source listed may go in one full crawl: a source that suddenly
 * lists far fewer servers is likelier broken (a wrong URL, a truncated mirror, an outage page that
 * parses) than emptied, so such a crawl marks nothing gone and says so in its summary.
 */
export const MAX_GONE_SHARE = 0.1;

/**
 * A crawl finished: its highest updatedAt becomes the next run's updated_since and the checkpoint is
 * cleared. A full crawl also settles what the source no longer lists: a server none of whose records
 * any source still lists becomes `gone` (removed in this run). Returns how many servers went, and how
 * many would have but were withheld by MAX_GONE_SHARE.
 */
export async function completeCrawl(db: Db, c: CrawlCompletion): Promise<{ gone: number; withheld: number }> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    let gone = 0;
    let withheld = 0;
    if (c.mode === "full") {
      // Listed now: a record of this source whose page this crawl saw; of another source, whose page
      // that source's last full crawl (or a later incremental one) saw. A source never crawled fully
      // since pages were kept vouches for all its records.
      const unlisted = sql`s.status not in ('deleted', 'gone')
        and s.id in (select ss.server_id from server_sources ss left join source_pages p on p.id = ss.page_id
                     where ss.source = ${c.source} and (p.id is null or p.seen_run_id < ${c.crawlRunId}))
        and not exists (
          select 1 from server_sources o
          left join source_pages op on op.id = o.page_id
          left join source_state st on st.source = o.source
          where o.server_id = s.id and case when o.source = ${c.source} then op.seen_run_id >= ${c.crawlRunId}
                                            else st.full_run_id is null or op.seen_run_id >= st.full_run_id end)`;
      const [count] = await queryRows<{ unlisted: number; listed: number }>(
        t,
        sql`select (select count(*) from servers s where ${unlisted})::int as unlisted,
          (select count(distinct ss.server_id) from server_sources ss join servers s on s.id = ss.server_id
           where ss.source = ${c.source} and s.status not in ('deleted', 'gone'))::int as listed`,
      );
      const candidates = Number(count?.unlisted ?? 0);
      if (candidates > Math.max(1, MAX_GONE_SHARE * Number(count?.listed ?? 0))) {
        withheld = candidates;
      } else if (candidates > 0) {
        gone = (await queryRows<{ id: number }>(t, sql`update servers s set status = 'gone', removed_run_id = ${c.runId} where ${unlisted} returning s.id`)).length;
      }
      // Pages this crawl did not reach and no record stands on (old cursors, old updated_since URLs).
      await t.execute(sql`delete from source_pages p where p.source = ${c.source} and p.seen_run_id < ${c.crawlRunId}
        and not exists (select 1 from server_sources ss where ss.page_id = p.id)`);
    }
    await t.execute(sql`insert into source_state (source, watermark, cursor, mode, pending_watermark, crawl_started_at, crawl_run_id, full_run_id, last_completed_at, last_run_id)
      values (${c.source}, ${c.watermark}, null, null, null, null, null, ${c.mode === "full" ? c.crawlRunId : null}, now(), ${c.runId})
      on conflict (source) do update set watermark = excluded.watermark, cursor = null, mode = null, pending_watermark = null,
        crawl_started_at = null, crawl_run_id = null, full_run_id = coalesce(excluded.full_run_id, source_state.full_run_id),
        last_completed_at = now(), last_run_id = excluded.last_run_id, updated_at = now()`);
    return { gone, withheld };
  });
}

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

export async function getSourceState(db: Db, source: string): Promise<SourceStateRow | undefined> {
  const [row] = await db.select().from(sourceState).where(eq(sourceState.source, source));
  return row;
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
      error: outcome.error ?? null,
    })
    .where(eq(crawlRuns.id, runId));
}

export interface ServerCounts {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/**
 * What a run did to servers, read back from the run ids each row carries; a server the run saw
 * without changing it is one with a record on a page the run fetched (200 or 304).
 */
export async function serverCountsForRun(db: Db, runId: number): Promise<ServerCounts> {
  const [row] = await queryRows<{ added: number; updated: number; removed: number; unchanged: number }>(
    db,
    sql`select
      count(*) filter (where first_run_id = ${runId})::int as added,
      count(*) filter (where changed_run_id = ${runId} and first_run_id is distinct from ${runId})::int as updated,
      count(*) filter (where removed_run_id = ${runId})::int as removed,
      (select count(*) from servers s
        where s.changed_run_id is distinct from ${runId} and s.removed_run_id is distinct from ${runId}
          and s.id in (select ss.server_id from server_sources ss join source_pages p on p.id = ss.page_id where p.seen_run_id = ${runId}))::int as unchanged
    from servers
    where ${runId} in (first_run_id, changed_run_id, removed_run_id)`,
  );
  return { added: row?.added ?? 0, updated: row?.updated ?? 0, unchanged: row?.unchanged ?? 0, removed: row?.removed ?? 0 };
}

export async function lastRun(db: Db): Promise<CrawlRunRow | undefined> {
  const [row] = await db.select().from(crawlRuns).orderBy(desc(crawlRuns.id)).limit(1);
  return row;
}

/** Marks runs left "running" by a process that died (kill -9) as failed. */
export async function failAbandonedRuns(db: Db): Promise<number> {
  const rows = await db
    .update(crawlRuns)
    .set({ status: "failed", finishedAt: sql`now()`, error: "the process running it stopped before it finished" })
    .where(eq(crawlRuns.status, "running"))
    .returning({ id: crawlRuns.id });
  return rows.length;
}

export interface CatalogStats {
  servers: { total: number; active: number; deprecated: number; deleted: number; gone: number };
  /** Auth posture of the remotes listed live: open, or needing credentials. */
  remotes: { open: number; needsAuth: number };
  tools: number;
  classified: number;
  /** Servers described by more than one source (the registry and a directory, say), merged into one. */
  merged: number;
  /** Per source: records it listed, servers it contributed to, servers found only there. */
  sources: Record<string, SourceContribution>;
  lastRun: null | {
    id: number;
    status: string;
    startedAt: string;
    finishedAt: string | null;
    servers: unknown;
    sources: unknown;
    error: string | null;
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
  const [t] = await queryRows<{ tools: number; classified: number; merged: number }>(
    db,
    sql`select (select count(*) from tools where removed_at is null)::int as tools,
      (select count(*) from classifications c join tools t on t.id = c.tool_id where t.removed_at is null)::int as classified,
      (select count(*) from (select server_id from server_sources group by server_id having count(distinct source) > 1) m)::int as merged`,
  );
  const [a] = await queryRows<{ open: number; auth: number }>(
    db,
    sql`select count(*) filter (where auth_posture = 'open')::int as open, count(*) filter (where auth_posture = 'auth')::int as auth from servers`,
  );
  const run = await lastRun(db);
  const sources = await sourceContributions(db);
  return {
    servers: { total: s?.total ?? 0, active: s?.active ?? 0, deprecated: s?.deprecated ?? 0, deleted: s?.deleted ?? 0, gone: s?.gone ?? 0 },
    remotes: { open: a?.open ?? 0, needsAuth: a?.auth ?? 0 },
    tools: t?.tools ?? 0,
    classified: t?.classified ?? 0,
    merged: t?.merged ?? 0,
    sources,
    lastRun: run
      ? { id: run.id, status: run.status, startedAt: run.startedAt, finishedAt: run.finishedAt, servers: run.servers, sources: run.sources, error: run.error }
      : null,
  };
}

export interface AliasOwnerRow {
  kind: string;
  value: string;
  serverKey: string;
  registryNamed: boolean;
}

/** Which servers already carry any of these aliases, and whether each is named by the registry. */
export async function aliasOwners(db: Db, aliases: readonly { kind: string; value: string }[]): Promise<AliasOwnerRow[]> {
  if (aliases.length === 0) return [];
  const values = [...new Set(aliases.map((a) => a.value))];
  const wanted = new Set(aliases.map((a) => `${a.kind}\u0000${a.value}`));
  const rows = await queryRows<{ kind: string; value: string; key: string; registry_named: boolean }>(
    db,
    // Index probes per value, OFFSET 0 keeping them probes while the tables have no statistics yet
    // (a crawl fills them faster than autovacuum analyzes, and some servers run without it).
    sql`select a.kind, a.value, a.key, a.registry_named
      from jsonb_array_elements_text(${jsonb(values)}) as v(value)
      cross join lateral (
        select a.kind, a.value, s.key, s.canonical_source like 'registry:%' as registry_named
        from server_aliases a join servers s on s.id = a.server_id where a.value = v.value offset 0) a`,
  );
  return rows.filter((r) => wanted.has(`${r.kind}\u0000${r.value}`)).map((r) => ({ kind: r.kind, value: r.value, serverKey: r.key, registryNamed: r.registry_named }));
}

/** Every distinct value of one alias kind, in order (the PyPI source reads the coordinates other sources named). */
export async function aliasValues(db: Db, kind: string): Promise<string[]> {
  const rows = await queryRows<{ value: string }>(db, sql`select distinct value from server_aliases where kind = ${kind} order by value`);
  return rows.map((r) => r.value);
}

/** Which of these keys name existing servers. */
export async function existingServerKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await queryRows<{ key: string }>(db, sql`select key from servers where key in (select jsonb_array_elements_text(${jsonb([...new Set(keys)])}))`);
  return new Set(rows.map((r) => r.key));
}

export interface IntrospectionCandidate {
  id: number;
  key: string;
  description: string | null;
  /** The server record's hash: a listing job is keyed by server and this. */
  contentHash: string;
  remotes: { type: string; url: string; needsSecret?: boolean }[];
  packages: { registryType: string; identifier: string; version?: string; transport?: string }[];
}

/**
 * Servers (after `afterId`, in id order) due for a live tools/list: never introspected, changed in
 * this run, past the re-listing time their own list asked for (relist_at), or, without one, last
 * introspected before `staleBefore`. Deleted and gone servers are left alone.
 */
export async function serversDueForIntrospection(
  db: Db,
  o: { afterId: number; limit: number; runId: number; staleBefore: string; modes: ("remote" | "stdio")[] },
): Promise<IntrospectionCandidate[]> {
  const reachable = [
    ...(o.modes.includes("remote") ? [sql`${servers.remotes} @> '[{"needsSecret": false}]'::jsonb`] : []),
    ...(o.modes.includes("stdio") ? [sql`${servers.packages} @> '[{"registryType": "npm"}]'::jsonb`] : []),
  ];
  if (reachable.length === 0) return [];
  const rows = await db
    .select({ id: servers.id, key: servers.key, description: servers.description, contentHash: servers.contentHash, remotes: servers.remotes, packages: servers.packages })
    .from(servers)
    .where(
      and(
        sql`${servers.id} > ${o.afterId}`,
        sql`${servers.status} in ('active', 'deprecated')`,
        or(...reachable),
        or(
          isNull(servers.introspectedAt),
          eq(servers.changedRunId, o.runId),
          sql`${servers.relistAt} <= now()`,
          and(isNull(servers.relistAt), sql`${servers.introspectedAt} < ${o.staleBefore}`),
        ),
      ),
    )
    .orderBy(servers.id)
    .limit(o.limit);
  return rows as IntrospectionCandidate[];
}

/** What a live listing leaves on its server; the auth fields only when the listing told (a remote answered or refused). */
export type IntrospectionOutcome = Pick<NewServerRow, "introspectionError" | "relistAt" | "authPosture" | "authDetails">;

/** Records the outcome of a live listing on the server: when, why it failed (null on success), when it is due again, its auth posture. */
export async function recordIntrospection(db: Db, serverId: number, outcome: IntrospectionOutcome): Promise<void> {
  await db
    .update(servers)
    .set({ introspectedAt: sql`now()`, introspectionError: outcome.introspectionError ?? null, relistAt: outcome.relistAt ?? null, ...("authPosture" in outcome ? { authPosture: outcome.authPosture, authDetails: outcome.authDetails ?? null } : {}) })
    .where(eq(servers.id, serverId));
}
