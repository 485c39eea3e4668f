// Keyset-paged lists for the served catalog: tools by name, servers by key, a server in full, counts for charts.
import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { SourceName } from "../crawler/records.js";
import type { Db } from "./client.js";
import { entries, outdatedVerdict, toEntry, verdictFilter, type ToolEntry } from "./lookups.js";
import { classifications, modelReviews, serverAliases, servers, serverSources, tools } from "./schema.js";
import { likeLiteral, queryRows } from "./sql.js";

/**
 * Where a tool sits in name order: its name lower-cased by the database, its server's key, then its name's bytes, which
 * part tools of one server whose names differ only in case (get, Get, GET): without them those tied, and a page ending
 * inside the tie lost the rest of it. The lower-cased name is the database's, never JavaScript's: the two differ beyond
 * ASCII (İ: i in Postgres, i and a combining dot in JavaScript), and a cursor holding another string than the order
 * compares would skip or repeat tools.
 */
export type NameKey = [lowerName: string, server: string, name: string];

/** The tie-break of name order: bytes, the same on every driver and whatever the database's collation. */
const nameBytes = sql`${tools.name} collate "C"`;
const lowerName = sql<string>`lower(${tools.name})`;

export interface ToolListOptions {
  /** Exact name, case-insensitive. */
  name?: string;
  category?: string;
  risk?: string;
  /** With a category or risk: a tool whose verdict is outdated for this classifier version matches either (verdictFilter). */
  outdatedFor?: string;
  serverId?: number;
  after?: NameKey;
  limit: number;
}

/**
 * Current tools in name order (then server), filtered; `after` continues from a tool's key. A name
 * (the API's `?name=`, asked far more than the full list) goes through one prepared statement.
 */
export async function listTools(db: Db, o: ToolListOptions): Promise<{ entries: ToolEntry[]; keys: NameKey[] }> {
  const rows = o.name !== undefined ? await toolsNamed(db, o.name, o) : await allTools(db, o);
  return { entries: rows.map(({ lowerName: _, ...row }) => toEntry(row)), keys: rows.map((r) => [r.lowerName, r.server, r.tool]) };
}

async function allTools(db: Db, o: ToolListOptions) {
  const conditions: SQL[] = [isNull(tools.removedAt)];
  if (o.category) conditions.push(verdictFilter(classifications.category, o.category, o.outdatedFor));
  if (o.risk) conditions.push(verdictFilter(classifications.risk, o.risk, o.outdatedFor));
  if (o.serverId !== undefined) conditions.push(eq(tools.serverId, o.serverId));
  if (o.after) conditions.push(sql`(${lowerName}, ${servers.key}, ${nameBytes}) > (${o.after[0]}, ${o.after[1]}, ${o.after[2]} collate "C")`);
  return entries(db, { lowerName })
    .where(and(...conditions))
    .orderBy(lowerName, asc(servers.key), nameBytes)
    .limit(o.limit);
}

/**
 * The tools of one name, as `allTools` would list them, in a statement built once per database handle
 * and prepared (on Postgres each connection parses and plans it once, one round trip instead of two;
 * on both drivers drizzle builds its SQL once). The name's index leads every plan, so the generic plan
 * is the custom one; the other filters are checked on its few rows, a null one matching every row.
 */
function toolsNamedStatement(db: Db) {
  const [category, risk, outdatedFor, serverId, afterName, afterServer, afterTool] = ["category", "risk", "outdatedFor", "serverId", "afterName", "afterServer", "afterTool"].map((p) => sql.placeholder(p));
  // verdictFilter's, with a null version for none.
  const outdated = sql`(${outdatedFor}::text is not null and ${outdatedVerdict(sql`${outdatedFor}::text`)})`;
  return entries(db, { lowerName })
    .where(
      and(
        sql`lower(${tools.name}) = lower(${sql.placeholder("name")})`,
        isNull(tools.removedAt),
        sql`(${category}::text is null or ${classifications.category} = ${category}::text or ${outdated})`,
        sql`(${risk}::text is null or ${classifications.risk} = ${risk}::text or ${outdated})`,
        sql`(${serverId}::int is null or ${tools.serverId} = ${serverId}::int)`,
        sql`(${afterName}::text is null or (${lowerName}, ${servers.key}, ${nameBytes}) > (${afterName}::text, ${afterServer}::text, ${afterTool}::text collate "C"))`,
      ),
    )
    .orderBy(asc(servers.key), nameBytes)
    .limit(sql.placeholder("limit"))
    .prepare("tools_named");
}

const toolsNamedStatements = new WeakMap<Db, ReturnType<typeof toolsNamedStatement>>();

function toolsNamed(db: Db, name: string, o: ToolListOptions) {
  let statement = toolsNamedStatements.get(db);
  if (!statement) toolsNamedStatements.set(db, (statement = toolsNamedStatement(db)));
  return statement.execute({
    name,
    category: o.category ?? null,
    risk: o.risk ?? null,
    outdatedFor: o.outdatedFor ?? null,
    serverId: o.serverId ?? null,
    afterName: o.after?.[0] ?? null,
    afterServer: o.after?.[1] ?? null,
    afterTool: o.after?.[2] ?? null,
    limit: o.limit,
  });
}

const serverColumns = {
  id: servers.id,
  key: servers.key,
  title: servers.title,
  description: servers.description,
  version: servers.version,
  status: servers.status,
  repositoryUrl: servers.repositoryUrl,
  repositorySubfolder: servers.repositorySubfolder,
  websiteUrl: servers.websiteUrl,
  packages: servers.packages,
  remotes: servers.remotes,
  publishedAt: servers.publishedAt,
  updatedAt: servers.updatedAt,
  catalogUpdatedAt: servers.catalogUpdatedAt,
  lastSeenAt: servers.lastSeenAt,
  introspectedAt: servers.introspectedAt,
  introspectionError: servers.introspectionError,
  introspectionNotes: servers.introspectionNotes,
  authPosture: servers.authPosture,
  authDetails: servers.authDetails,
  // Named in full: in a select from servers drizzle writes a column bare ("id"), which inside this subquery would be
  // the tool's own id, counting tools whose id equals their server's.
  tools: sql<number>`(select count(*)::int from tools t where t.server_id = "servers"."id" and t.removed_at is null)`,
};

export type ServerSummary = Awaited<ReturnType<typeof listServers>>[number];

export interface ServerListOptions {
  /** Text in the key, title or description, case-insensitive. */
  q?: string;
  /** Only servers whose entry the catalog changed at or after this instant (catalog_updated_at: the feed's `updated_since`). */
  updatedSince?: string;
  /** Continue after this key. */
  after?: string;
  /** Leave out deleted and gone servers unless true (the registry's include_deleted); default: include them. */
  includeDeleted?: boolean;
  limit: number;
}

/** Servers in key order, filtered: the query, to await (or to explain, as the plan tests do). */
export function listServers(db: Db, o: ServerListOptions) {
  const conditions: SQL[] = [];
  if (o.q) {
    const pattern = `%${likeLiteral(o.q)}%`;
    conditions.push(or(ilike(servers.key, pattern), ilike(servers.title, pattern), ilike(servers.description, pattern))!);
  }
  if (o.updatedSince) conditions.push(sql`${servers.catalogUpdatedAt} >= ${o.updatedSince}::timestamptz`);
  if (o.after !== undefined) conditions.push(sql`${servers.key} > ${o.after}`);
  if (o.includeDeleted === false) conditions.push(sql`${servers.status} not in ('deleted', 'gone')`);
  return db
    .select(serverColumns)
    .from(servers)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(servers.key))
    .limit(o.limit);
}

/**
 * A time at or after which every change to a server's entry not yet committed will be dated, by the database's
 * clock, to the microsecond (RFC 3339, UTC): the feed's nextUpdatedSince, read before the page it goes with. A change
 * is seen only once its transaction commits, perhaps long after it was dated; but it is dated by the clock after its
 * transaction shows in pg_stat_activity (CATALOG_CHANGED_AT), so the time is no later than the start of the oldest
 * transaction shown open on this database, nor than this statement's start (a transaction not yet shown dates its
 * changes after it), nor than just after the latest change committed: while nothing changes the time stays the same,
 * and a feed page's ETag with it. Sessions without a role (autovacuum) write nothing. PGlite lists only its own
 * session: its one connection runs a transaction to the end before the next statement, so none is ever open here.
 * Undefined when a session's transaction is not shown (another role's, to a role outside pg_read_all_stats;
 * track_activities off): nothing can then be promised.
 */
export async function unseenChangesFrom(db: Db): Promise<string | undefined> {
  const [row] = await queryRows<{ at: string | null }>(
    db,
    sql`select case when bool_or(a.query = '<insufficient privilege>' or a.state = 'disabled') then null
        else to_char(least(min(a.xact_start), statement_timestamp(), (select max(${servers.catalogUpdatedAt}) from ${servers}) + interval '1 microsecond')
          at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') end as at
      from pg_stat_activity a where a.datname = current_database() and a.usesysid is not null`,
  );
  return row?.at ?? undefined;
}

/** One server by id, with the keys it is known by and the source records it was built from. */
export async function serverDetail(db: Db, id: number) {
  const [server] = await db.select(serverColumns).from(servers).where(eq(servers.id, id));
  if (!server) return undefined;
  // Once each, however many of a source's records assert it (each registry version names its server).
  const aliases = await db
    .selectDistinct({ kind: serverAliases.kind, value: serverAliases.value, source: serverAliases.source })
    .from(serverAliases)
    .where(eq(serverAliases.serverId, id))
    .orderBy(asc(serverAliases.kind), asc(serverAliases.value));
  const sources = await db
    .select({ source: serverSources.source, sourceId: serverSources.sourceId, isLatest: serverSources.isLatest, fetchedAt: serverSources.fetchedAt })
    .from(serverSources)
    .where(eq(serverSources.serverId, id))
    .orderBy(asc(serverSources.source), asc(serverSources.sourceId));
  return { ...server, aliases, sources };
}

/** The record each of these servers takes its fields from, as its source published it, where that record is `source`'s; by server id. */
export async function canonicalRecords(db: Db, serverIds: readonly number[], source: SourceName): Promise<Map<number, unknown>> {
  if (serverIds.length === 0) return new Map();
  const rows = await db
    .select({ serverId: servers.id, raw: serverSources.raw })
    .from(servers)
    .innerJoin(serverSources, and(eq(serverSources.serverId, servers.id), eq(serverSources.source, source)))
    .where(and(inArray(servers.id, [...serverIds]), sql`${servers.canonicalSource} = ${serverSources.source} || ':' || ${serverSources.sourceId}`));
  return new Map(rows.map((r) => [r.serverId, r.raw]));
}

/** Current tools of many servers at once, with their classifications, grouped by server id. */
export async function toolsOfServers(db: Db, serverIds: readonly number[]): Promise<Map<number, ToolEntry[]>> {
  const byServer = new Map<number, ToolEntry[]>(serverIds.map((id) => [id, []]));
  if (serverIds.length === 0) return byServer;
  const rows = await entries(db)
    .where(and(inArray(tools.serverId, [...serverIds]), isNull(tools.removedAt)))
    .orderBy(asc(tools.serverId), asc(tools.name));
  for (const row of rows.map(toEntry)) byServer.get(row.serverId)?.push(row);
  return byServer;
}

export interface CategoryRiskCount {
  category: string;
  risk: string;
  tools: number;
}

/** Current tools counted by the category and risk of their stored verdicts, and by whether a model review raised it. */
export type StandingVerdictCount = CategoryRiskCount & { reviewed: boolean };

/**
 * The current tools whose stored verdict is `classifierVersion`'s for their present definition (not outdatedVerdict),
 * counted by category, risk and whether a model review raised it (method rules+model); the others are the caller's
 * to classify now (outdatedVerdictServers).
 */
export async function standingVerdictCounts(db: Db, classifierVersion: string): Promise<StandingVerdictCount[]> {
  return queryRows<StandingVerdictCount>(
    db,
    sql`select ${classifications.category} as category, ${classifications.risk} as risk, ${classifications.method} = 'rules+model' as reviewed, count(*)::int as tools
        from ${tools} join ${classifications} on ${classifications.toolId} = ${tools.id}
        where ${tools.removedAt} is null and not ${outdatedVerdict(classifierVersion)}
        group by 1, 2, 3 order by 1, 2, 3`,
  );
}

/** A server with a current tool to classify now, and a digest of everything its verdicts made now rest on. */
export interface OutdatedServer {
  serverId: number;
  fingerprint: string;
}

/**
 * The servers, in id order, with a current tool whose stored verdict is outdated for `classifierVersion` (outdatedVerdict),
 * each with an md5 of what its current verdicts and its grade are made from: its key, description, auth posture and
 * listing error, and each current tool's id, name, content hash, the stored verdict's version, definition hash, method,
 * risk and review (model, prompt version) and the cached model answer that review rests on. Equal fingerprints give
 * equal verdicts (and, with the same risky changes, the same grade), so a count keeps a server's figures while its
 * fingerprint stands (scripts/kept-per-server.ts); row text (`(…)::text`) tells a null from an empty string.
 */
export async function outdatedVerdictServers(db: Db, classifierVersion: string): Promise<OutdatedServer[]> {
  const rows = await queryRows<{ server_id: number; fingerprint: string }>(
    db,
    sql`select s.id as server_id,
          md5((s.key, s.description, s.auth_posture, s.introspection_error)::text || string_agg((t.id, t.name, t.content_hash, c.classifier_version, c.content_hash, c.method, c.risk, c.review_model, c.review_prompt_version, md5(r.verdict::text))::text, ',' order by t.id)) as fingerprint
        from ${servers} s join ${tools} t on t.server_id = s.id and t.removed_at is null
        left join ${classifications} c on c.tool_id = t.id
        left join ${modelReviews} r on c.method = 'rules+model' and r.content_hash = t.content_hash and r.model = c.review_model and r.prompt_version = c.review_prompt_version
        where s.id in (select distinct ${tools.serverId} from ${tools} left join ${classifications} on ${classifications.toolId} = ${tools.id}
                       where ${tools.removedAt} is null and ${outdatedVerdict(classifierVersion)})
        group by s.id, s.key, s.description, s.auth_posture, s.introspection_error
        order by 1`,
  );
  return rows.map((r) => ({ serverId: Number(r.server_id), fingerprint: r.fingerprint }));
}
