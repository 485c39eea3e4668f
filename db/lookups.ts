// The catalog's read side: a tool's risk by name, search, a server by any of its identities, the change feed.
import { and, asc, desc, eq, gte, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client.js";
import { classifications, serverAliases, servers, toolChanges, tools } from "./schema.js";
import { queryRows } from "./sql.js";

export interface ToolEntry {
  serverId: number;
  server: string;
  serverStatus: string;
  tool: string;
  title: string | null;
  description: string | null;
  inputSchema: unknown;
  annotations: Record<string, unknown> | null;
  origin: string;
  contentHash: string;
  classification: null | {
    category: string;
    risk: string;
    confidence: number;
    signals: string[];
    rationale: string;
    rule: Record<string, unknown>;
    /** Predicted MCP hints; null for classifications stored before the classifier predicted them. */
    hints: Record<string, boolean> | null;
    classifierVersion: string;
    contentHash: string;
    method: string;
  };
}

const entryColumns = {
  serverId: servers.id,
  server: servers.key,
  serverStatus: servers.status,
  tool: tools.name,
  title: tools.title,
  description: tools.description,
  inputSchema: tools.inputSchema,
  annotations: tools.annotations,
  origin: tools.origin,
  contentHash: tools.contentHash,
  category: classifications.category,
  risk: classifications.risk,
  confidence: classifications.confidence,
  signals: classifications.signals,
  rationale: classifications.rationale,
  rule: classifications.rule,
  hints: classifications.hints,
  classifierVersion: classifications.classifierVersion,
  classifiedHash: classifications.contentHash,
  method: classifications.method,
};

type EntryRow = { [K in keyof typeof entryColumns]: unknown };

function toEntry(r: EntryRow): ToolEntry {
  return {
    serverId: r.serverId as number,
    server: r.server as string,
    serverStatus: r.serverStatus as string,
    tool: r.tool as string,
    title: (r.title as string | null) ?? null,
    description: (r.description as string | null) ?? null,
    inputSchema: r.inputSchema ?? null,
    annotations: (r.annotations as Record<string, unknown> | null) ?? null,
    origin: r.origin as string,
    contentHash: r.contentHash as string,
    classification:
      r.category == null
        ? null
        : {
            category: r.category as string,
            risk: r.risk as string,
            confidence: Number(r.confidence),
            signals: r.signals as string[],
            rationale: r.rationale as string,
            rule: r.rule as Record<string, unknown>,
            hints: (r.hints as Record<string, boolean> | null) ?? null,
            classifierVersion: r.classifierVersion as string,
            contentHash: r.classifiedHash as string,
            method: r.method as string,
          },
  };
}

function entries(db: Db) {
  return db
    .select(entryColumns)
    .from(tools)
    .innerJoin(servers, eq(servers.id, tools.serverId))
    .leftJoin(classifications, eq(classifications.toolId, tools.id));
}

/** Every current tool with this name (case-insensitive), one per server; answered from the lower(name) index. */
export async function toolsByName(db: Db, name: string, serverIds?: number[]): Promise<ToolEntry[]> {
  const conditions: SQL[] = [sql`lower(${tools.name}) = lower(${name})`, isNull(tools.removedAt)];
  if (serverIds) conditions.push(inArray(tools.serverId, serverIds));
  const rows = await entries(db)
    .where(and(...conditions))
    .orderBy(asc(servers.key));
  return rows.map(toEntry);
}

/** Tool names close to `name` by trigram similarity (pg_trgm), best first, one per lower-cased name. */
export async function similarToolNames(db: Db, name: string, o: { serverIds?: number[]; limit?: number } = {}): Promise<string[]> {
  if (o.serverIds?.length === 0) return [];
  const onServers = o.serverIds ? sql`and server_id in (${sql.join(o.serverIds.map((id) => sql`${id}`), sql`, `)})` : sql``;
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select name from (
          select distinct on (lower(name)) name, similarity(lower(name), lower(${name})) as score
          from tools
          where lower(name) % lower(${name}) and removed_at is null ${onServers}
          order by lower(name), score desc, name) candidates
        order by score desc, name limit ${o.limit ?? 5}`,
  );
  return rows.map((r) => r.name);
}

export interface SearchOptions {
  text: string;
  category?: string;
  risk?: string;
  serverIds?: number[];
  limit: number;
}

/**
 * Tools whose name or description matches, ranked in tiers: the exact name (case-insensitive), then
 * names that contain the text or are like it by trigrams, then tools only whose description mentions
 * it; within a tier, containing beats resembling, and closer names come first.
 */
export async function searchTools(db: Db, o: SearchOptions): Promise<ToolEntry[]> {
  const pattern = `%${o.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const contains = ilike(tools.name, pattern);
  const resembles = sql`lower(${tools.name}) % lower(${o.text})`;
  const conditions: SQL[] = [isNull(tools.removedAt), or(resembles, contains, ilike(tools.description, pattern))!];
  if (o.category) conditions.push(eq(classifications.category, o.category));
  if (o.risk) conditions.push(eq(classifications.risk, o.risk));
  if (o.serverIds) conditions.push(inArray(tools.serverId, o.serverIds));
  const rows = await entries(db)
    .where(and(...conditions))
    .orderBy(
      desc(sql`lower(${tools.name}) = lower(${o.text})`),
      desc(sql`(${contains} or ${resembles})`),
      desc(contains),
      desc(sql`similarity(lower(${tools.name}), lower(${o.text}))`),
      asc(tools.name),
      asc(servers.key),
    )
    .limit(o.limit);
  return rows.map(toEntry);
}

/** Every current tool of a server with its classification, by name. */
export async function serverTools(db: Db, serverId: number): Promise<ToolEntry[]> {
  const rows = await entries(db)
    .where(and(eq(tools.serverId, serverId), isNull(tools.removedAt)))
    .orderBy(asc(tools.name));
  return rows.map(toEntry);
}

export interface ServerRef {
  id: number;
  key: string;
  title: string | null;
  description: string | null;
  status: string;
  /** Why the last live tools/list failed or was cut; null when it succeeded or never ran. */
  introspectionError: string | null;
  /** open | auth, from the last live listing of a remote; null when none told. */
  authPosture: string | null;
  authDetails: unknown;
}

const serverRefColumns = {
  id: servers.id,
  key: servers.key,
  title: servers.title,
  description: servers.description,
  status: servers.status,
  introspectionError: servers.introspectionError,
  authPosture: servers.authPosture,
  authDetails: servers.authDetails,
};

export async function serversByKeyInsensitive(db: Db, key: string): Promise<ServerRef[]> {
  return db.select(serverRefColumns).from(servers).where(sql`lower(${servers.key}) = lower(${key})`);
}

export async function serversByAlias(db: Db, kind: string, value: string): Promise<ServerRef[]> {
  return db
    .selectDistinct(serverRefColumns)
    .from(serverAliases)
    .innerJoin(servers, eq(servers.id, serverAliases.serverId))
    .where(and(eq(serverAliases.kind, kind), eq(serverAliases.value, value)));
}

/** Servers whose key starts with `prefix` (case-insensitive), at most `limit` + 1 so callers see ambiguity. */
export async function serversByKeyPrefix(db: Db, prefix: string, limit = 20): Promise<ServerRef[]> {
  const pattern = `${prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select(serverRefColumns)
    .from(servers)
    .where(sql`lower(${servers.key}) like ${pattern}`)
    .orderBy(asc(servers.key))
    .limit(limit + 1);
}

export interface ChangeRow {
  id: number;
  server: string;
  tool: string;
  kind: string;
  oldHash: string | null;
  newHash: string | null;
  details: unknown;
  at: string;
  runId: number | null;
  category: string | null;
  risk: string | null;
  annotations: unknown;
}

/** The change feed, newest first. */
export async function toolChangeFeed(db: Db, o: { serverIds?: number[]; since?: string; limit: number }): Promise<ChangeRow[]> {
  const conditions: SQL[] = [];
  if (o.serverIds) conditions.push(inArray(toolChanges.serverId, o.serverIds));
  if (o.since) conditions.push(gte(toolChanges.at, o.since));
  const rows = await db
    .select({
      id: toolChanges.id,
      server: servers.key,
      tool: toolChanges.toolName,
      kind: toolChanges.kind,
      oldHash: toolChanges.oldHash,
      newHash: toolChanges.newHash,
      details: toolChanges.details,
      at: toolChanges.at,
      runId: toolChanges.runId,
      category: classifications.category,
      risk: classifications.risk,
      annotations: tools.annotations,
    })
    .from(toolChanges)
    .innerJoin(servers, eq(servers.id, toolChanges.serverId))
    .leftJoin(tools, and(eq(tools.serverId, toolChanges.serverId), eq(tools.name, toolChanges.toolName)))
    .leftJoin(classifications, eq(classifications.toolId, tools.id))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(toolChanges.at), desc(toolChanges.id))
    .limit(o.limit);
  return rows as ChangeRow[];
}
