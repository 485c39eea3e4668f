// The catalog's writes and reads for crawling: source pages, checkpoints, runs and counts.
import { and, desc, eq, inArray, ne, or, sql, isNull } from "drizzle-orm";
import type { Db } from "./client.js";
import { crawlRuns, serverAliases, servers, serverSources, sourceState, type CrawlRunRow, type SourceStateRow } from "./schema.js";
import { excluded, queryRows } from "./sql.js";
import { syncToolListings, type ToolDefinition, type ToolOrigin, type ToolSyncResult } from "./tools.js";

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
  etag?: string;
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
}

export interface PageWrite {
  runId: number;
  /** Servers whose key changes before the page is written (a repository key becoming a registry name). */
  renames?: { from: string; to: string }[];
  servers: ServerUpsert[];
  sources: SourceRowUpsert[];
  aliases: AliasUpsert[];
  /** Tool lists the page's records carry (directories), applied once the servers exist. */
  toolListings?: { serverKey: string; origin: ToolOrigin; tools: ToolDefinition[] }[];
  checkpoint: Checkpoint;
}

export interface PageWriteResult {
  serversWritten: number;
  sourcesWritten: number;
  tools: Omit<ToolSyncResult, "written">;
  /** Server keys → ids, for every server the page touched. */
  serverIds: Map<string, number>;
}

/**
 * Writes one source page in one transaction: servers (only those that changed or that a
 * higher-ranked record now speaks for), raw records (only changed ones), aliases, and the
 * checkpoint that lets a killed run resume after this page.
 */
export async function writeSourcePage(db: Db, page: PageWrite): Promise<PageWriteResult> {
  return db.transaction(async (tx) => {
    for (const r of page.renames ?? []) await tx.update(servers).set({ key: r.to }).where(eq(servers.key, r.from));
    const keys = page.servers.map((s) => s.key);
    const existing = keys.length
      ? await tx
          .select({ id: servers.id, key: servers.key, contentHash: servers.contentHash, rank: servers.canonicalRank })
          .from(servers)
          .where(inArray(servers.key, keys))
      : [];
    const byKey = new Map(existing.map((r) => [r.key, r]));
    const serverIds = new Map(existing.map((r) => [r.key, r.id]));
    const changed = page.servers.filter((s) => {
      const old = byKey.get(s.key);
      return !old || s.canonicalRank > old.rank || (s.canonicalRank === old.rank && s.contentHash !== old.contentHash);
    });
    const unchangedIds = page.servers.filter((s) => !changed.includes(s)).map((s) => byKey.get(s.key)!.id);

    if (changed.length) {
      const rows = await tx
        .insert(servers)
        .values(
          changed.map((s) => ({
            ...s,
            firstRunId: page.runId,
            changedRunId: page.runId,
            seenRunId: page.runId,
            removedRunId: s.status === "deleted" ? page.runId : null,
          })),
        )
        .onConflictDoUpdate({
          target: servers.key,
          set: {
            title: excluded(servers.title),
            description: excluded(servers.description),
            repositoryKey: excluded(servers.repositoryKey),
            repositoryUrl: excluded(servers.repositoryUrl),
            repositorySubfolder: excluded(servers.repositorySubfolder),
            websiteUrl: excluded(servers.websiteUrl),
            version: excluded(servers.version),
            status: excluded(servers.status),
            packages: excluded(servers.packages),
            remotes: excluded(servers.remotes),
            publishedAt: excluded(servers.publishedAt),
            updatedAt: excluded(servers.updatedAt),
            canonicalSource: excluded(servers.canonicalSource),
            canonicalRank: excluded(servers.canonicalRank),
            contentHash: excluded(servers.contentHash),
            changedRunId: sql`${page.runId}`,
            seenRunId: sql`${page.runId}`,
            lastSeenAt: sql`now()`,
            // A server counts as removed in the run that moved it into deleted/gone.
            removedRunId: sql`case when excluded.status in ('deleted','gone') and ${servers.status} not in ('deleted','gone') then ${page.runId} else ${servers.removedRunId} end`,
          },
        })
        .returning({ id: servers.id, key: servers.key });
      for (const r of rows) serverIds.set(r.key, r.id);
    }
    if (unchangedIds.length) {
      await tx
        .update(servers)
        .set({ seenRunId: page.runId, lastSeenAt: sql`now()` })
        .where(and(inArray(servers.id, unchangedIds), or(isNull(servers.seenRunId), ne(servers.seenRunId, page.runId))));
    }

    let sourcesWritten = 0;
    const sourceRows = page.sources.flatMap((r) => {
      const serverId = serverIds.get(r.serverKey);
      return serverId === undefined
        ? []
        : [{ source: r.source, sourceId: r.sourceId, serverId, isLatest: r.isLatest, raw: r.raw, contentHash: r.contentHash, etag: r.etag ?? null, runId: page.runId }];
    });
    if (sourceRows.length) {
      const written = await tx
        .insert(serverSources)
        .values(sourceRows)
        .onConflictDoUpdate({
          target: [serverSources.source, serverSources.sourceId],
          set: {
            serverId: excluded(serverSources.serverId),
            isLatest: excluded(serverSources.isLatest),
            raw: excluded(serverSources.raw),
            contentHash: excluded(serverSources.contentHash),
            etag: excluded(serverSources.etag),
            runId: excluded(serverSources.runId),
            fetchedAt: sql`now()`,
          },
          // An unchanged record is not rewritten.
          setWhere: sql`${serverSources.contentHash} <> excluded.content_hash or ${serverSources.isLatest} <> excluded.is_latest or ${serverSources.serverId} <> excluded.server_id`,
        })
        .returning({ sourceId: serverSources.sourceId });
      sourcesWritten = written.length;
    }

    const aliasRows = page.aliases.flatMap((a) => {
      const serverId = serverIds.get(a.serverKey);
      return serverId === undefined ? [] : [{ kind: a.kind, value: a.value, serverId, source: a.source }];
    });
    if (aliasRows.length) await tx.insert(serverAliases).values(aliasRows).onConflictDoNothing();

    const listings = (page.toolListings ?? []).flatMap((l) => {
      const serverId = serverIds.get(l.serverKey);
      return serverId === undefined ? [] : [{ serverId, origin: l.origin, tools: l.tools }];
    });
    const { written: _written, ...toolCounts } = await syncToolListings(tx as unknown as Db, listings, page.runId);

    await saveCheckpoint(tx as unknown as Db, page.checkpoint, page.runId);
    return { serversWritten: changed.length, sourcesWritten, serverIds, tools: toolCounts };
  });
}

export async function saveCheckpoint(db: Db, cp: Checkpoint, runId: number): Promise<void> {
  await db
    .insert(sourceState)
    .values({ source: cp.source, cursor: cp.cursor, mode: cp.mode, pendingWatermark: cp.pendingWatermark, crawlStartedAt: cp.crawlStartedAt, lastRunId: runId })
    .onConflictDoUpdate({
      target: sourceState.source,
      set: {
        cursor: excluded(sourceState.cursor),
        mode: excluded(sourceState.mode),
        pendingWatermark: excluded(sourceState.pendingWatermark),
        crawlStartedAt: excluded(sourceState.crawlStartedAt),
        lastRunId: excluded(sourceState.lastRunId),
        updatedAt: sql`now()`,
      },
    });
}

/** A crawl finished: its highest updatedAt becomes the next run's updated_since, the checkpoint is cleared. */
export async function completeCrawl(db: Db, source: string, watermark: string | null, runId: number): Promise<void> {
  await db
    .insert(sourceState)
    .values({ source, watermark, cursor: null, mode: null, pendingWatermark: null, lastCompletedAt: sql`now()`, lastRunId: runId })
    .onConflictDoUpdate({
      target: sourceState.source,
      set: {
        watermark: excluded(sourceState.watermark),
        cursor: null,
        mode: null,
        pendingWatermark: null,
        crawlStartedAt: null,
        lastCompletedAt: sql`now()`,
        lastRunId: runId,
        updatedAt: sql`now()`,
      },
    });
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

/** What a run did to servers, read back from the run ids each row carries. */
export async function serverCountsForRun(db: Db, runId: number): Promise<ServerCounts> {
  const [row] = await queryRows<{ added: number; updated: number; unchanged: number; removed: number }>(
    db,
    sql`select
      count(*) filter (where first_run_id = ${runId})::int as added,
      count(*) filter (where changed_run_id = ${runId} and first_run_id is distinct from ${runId})::int as updated,
      count(*) filter (where seen_run_id = ${runId} and changed_run_id is distinct from ${runId})::int as unchanged,
      count(*) filter (where removed_run_id = ${runId})::int as removed
    from servers
    where ${runId} in (first_run_id, changed_run_id, seen_run_id, removed_run_id)`,
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
  tools: number;
  classified: number;
  /** Servers described by more than one source (the registry and a directory, say), merged into one. */
  merged: number;
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
  const run = await lastRun(db);
  return {
    servers: { total: s?.total ?? 0, active: s?.active ?? 0, deprecated: s?.deprecated ?? 0, deleted: s?.deleted ?? 0, gone: s?.gone ?? 0 },
    tools: t?.tools ?? 0,
    classified: t?.classified ?? 0,
    merged: t?.merged ?? 0,
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
  const rows = await db
    .select({
      kind: serverAliases.kind,
      value: serverAliases.value,
      serverKey: servers.key,
      registryNamed: sql<boolean>`${servers.canonicalSource} like 'registry:%'`,
    })
    .from(serverAliases)
    .innerJoin(servers, eq(servers.id, serverAliases.serverId))
    .where(inArray(serverAliases.value, values));
  return rows.filter((r) => wanted.has(`${r.kind}\u0000${r.value}`));
}

/** Which of these keys name existing servers. */
export async function existingServerKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.select({ key: servers.key }).from(servers).where(inArray(servers.key, [...new Set(keys)]));
  return new Set(rows.map((r) => r.key));
}

export interface IntrospectionCandidate {
  id: number;
  key: string;
  remotes: { type: string; url: string; needsSecret?: boolean }[];
  packages: { registryType: string; identifier: string; version?: string; transport?: string }[];
}

/**
 * Servers (after `afterId`, in id order) due for a live tools/list: never introspected, changed in
 * this run, or last introspected before `staleBefore`. Deleted and gone servers are left alone.
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
    .select({ id: servers.id, key: servers.key, remotes: servers.remotes, packages: servers.packages })
    .from(servers)
    .where(
      and(
        sql`${servers.id} > ${o.afterId}`,
        sql`${servers.status} in ('active', 'deprecated')`,
        or(...reachable),
        or(isNull(servers.introspectedAt), eq(servers.changedRunId, o.runId), sql`${servers.introspectedAt} < ${o.staleBefore}`),
      ),
    )
    .orderBy(servers.id)
    .limit(o.limit);
  return rows as IntrospectionCandidate[];
}

/** Records the outcome of a live listing on the server: when, and why it failed (null on success). */
export async function recordIntrospection(db: Db, serverId: number, error: string | null): Promise<void> {
  await db.update(servers).set({ introspectedAt: sql`now()`, introspectionError: error }).where(eq(servers.id, serverId));
}
