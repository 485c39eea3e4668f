// The catalog's read side: a tool's risk by name, search, a server by any of its identities, the change feed.
import { and, asc, desc, eq, gte, ilike, inArray, isNotNull, isNull, like, ne, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { alias, type PgColumn, type PgTable, type SelectedFields } from "drizzle-orm/pg-core";
import type { Db } from "./client.js";
import { classifications, serverAliases, servers, toolChanges, tools } from "./schema.js";
import { likeLiteral, queryRows } from "./sql.js";
import { PREVIOUS_CATEGORY } from "./verdict-facts.js";

type ToolRow = typeof tools.$inferSelect;
type ServerRow = typeof servers.$inferSelect;
type ClassificationRow = typeof classifications.$inferSelect;

/** One tool on one server with its current classification, as every read command and page shows it. */
export interface ToolEntry {
  serverId: ServerRow["id"];
  server: ServerRow["key"];
  serverStatus: ServerRow["status"];
  tool: ToolRow["name"];
  title: ToolRow["title"];
  description: ToolRow["description"];
  inputSchema: ToolRow["inputSchema"];
  annotations: Record<string, unknown> | null;
  origin: ToolRow["origin"];
  contentHash: ToolRow["contentHash"];
  classification: null | (Pick<ClassificationRow, "category" | "risk" | "confidence" | "rationale" | "classifierVersion" | "contentHash" | "method" | "reviewModel" | "reviewPromptVersion"> & {
    signals: string[];
    rule: Record<string, unknown>;
    /** Predicted MCP hints; null for classifications stored before the classifier predicted them. */
    hints: Record<string, boolean> | null;
    /** ArgumentFindings as stored; null when the tool has no action argument or raw-language argument. */
    arguments: unknown;
  });
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
  classification: {
    category: classifications.category,
    risk: classifications.risk,
    confidence: classifications.confidence,
    signals: classifications.signals,
    rationale: classifications.rationale,
    rule: classifications.rule,
    hints: classifications.hints,
    arguments: classifications.arguments,
    classifierVersion: classifications.classifierVersion,
    contentHash: classifications.contentHash,
    method: classifications.method,
    reviewModel: classifications.reviewModel,
    reviewPromptVersion: classifications.reviewPromptVersion,
  },
};

/** Tools joined with their server and classification. */
export function entries<Extra extends SelectedFields = {}>(db: Db, extra?: Extra) {
  return db
    .select({ ...entryColumns, ...(extra as Extra) })
    .from(tools)
    .innerJoin(servers, eq(servers.id, tools.serverId))
    .leftJoin(classifications, eq(classifications.toolId, tools.id));
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entries>["execute"]>>[number];

// jsonb columns come back as `unknown`; these are the shapes the crawler and the classifier write.
export function toEntry(r: EntryRow): ToolEntry {
  const c = r.classification;
  return {
    ...r,
    annotations: (r.annotations as Record<string, unknown> | null) ?? null,
    classification: c ? { ...c, signals: c.signals as string[], rule: c.rule as Record<string, unknown>, hints: (c.hints as Record<string, boolean> | null) ?? null } : null,
  };
}

/**
 * Whether a tool (of a query over `tools` left-joined to `classifications`) has no stored verdict of `classifierVersion`
 * for its present definition: none, another version's, or an older definition's. A caller that classifies such tools now
 * (scripts/current-verdicts.ts) reads them whatever their stored verdict says; which of them stand is the caller's to decide.
 */
export function outdatedVerdict(classifierVersion: SQLWrapper | string): SQL {
  return sql`(${classifications.toolId} is null or ${classifications.classifierVersion} <> ${classifierVersion} or ${classifications.contentHash} <> ${tools.contentHash})`;
}

/**
 * A filter on a stored verdict's `column`: it says `value`, or (with `outdatedFor`, a classifier version) the verdict is
 * outdated for that version, and the caller filters the tool on the verdict it makes now.
 */
export function verdictFilter(column: PgColumn, value: string, outdatedFor: string | undefined): SQL {
  return outdatedFor === undefined ? eq(column, value) : sql`(${column} = ${value} or ${outdatedVerdict(outdatedFor)})`;
}

/** How the servers holding one tool name classify it: one group per (category, risk), largest first. */
export interface NameGroup {
  category: string | null;
  risk: string | null;
  count: number;
}

export interface NameSummary<Entry extends ToolEntry = ToolEntry> {
  name: string;
  /** Servers holding the name. */
  total: number;
  /** Tools holding it: more than `total` when a server has it in two cases (get_data and GET_DATA). */
  tools: number;
  /** Those tools by category and risk. */
  groups: NameGroup[];
  /** The riskiest entries first (a reader wants the worst case), then by server key; `limit` of them. */
  entries: Entry[];
  /** Of the tools, those whose stored verdict is outdated for the `outdatedFor` version asked (0 when none was). */
  outdated: number;
}

const RISK_ORDER = sql`case ${classifications.risk} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`;

/**
 * The statement behind `summarizeName`, built once per database handle. One round trip answers both
 * questions: the groups are counted by a subquery Postgres runs once (an InitPlan) beside the riskiest
 * entries. Prepared, so on Postgres each connection parses and plans it once (planning cost more than
 * running it) and drizzle builds its SQL once; the generic plan is the custom one (the name's index,
 * then the primary keys), and ANALYZE, which every refresh ends with, makes Postgres plan it again.
 * A null `limit` means every entry; each group counts its outdated verdicts for the `outdatedFor` version (none when null).
 */
export function nameSummaryStatement(db: Db) {
  const where = and(sql`lower(${tools.name}) = lower(${sql.placeholder("name")})`, isNull(tools.removedAt));
  const version = sql`${sql.placeholder("outdatedFor")}::text`;
  const counted = db
    .select({
      category: classifications.category,
      risk: classifications.risk,
      count: sql<number>`count(*)::int`.as("count"),
      outdated: sql<number>`(count(*) filter (where ${version} is not null and ${outdatedVerdict(version)}))::int`.as("outdated"),
    })
    .from(tools)
    .leftJoin(classifications, eq(classifications.toolId, tools.id))
    .where(where)
    .groupBy(classifications.category, classifications.risk)
    .as("counted");
  const groups = sql<(NameGroup & { outdated: number })[] | null>`(select json_agg(json_build_object('category', ${counted.category}, 'risk', ${counted.risk}, 'count', ${counted.count}, 'outdated', ${counted.outdated})) from ${counted})`;
  const holders = sql<number>`(select count(distinct ${tools.serverId})::int from ${tools} where ${where})`;
  return entries(db, { groups, holders })
    .where(where)
    .orderBy(RISK_ORDER, asc(servers.key))
    .limit(sql.placeholder("limit"))
    .prepare("name_summary");
}

const nameSummaryStatements = new WeakMap<Db, ReturnType<typeof nameSummaryStatement>>();

/** A name held by hundreds of servers answered as a grouped summary plus its top entries, in one
 * statement whose cost is bounded by `limit`, not by how many servers hold the name. */
export async function summarizeName(db: Db, name: string, o: { limit?: number; outdatedFor?: string } = {}): Promise<NameSummary> {
  let statement = nameSummaryStatements.get(db);
  if (!statement) nameSummaryStatements.set(db, (statement = nameSummaryStatement(db)));
  const rows = await statement.execute({ name, limit: o.limit ?? null, outdatedFor: o.outdatedFor ?? null });
  // Every row carries the same groups and count of servers; no row means no server holds the name.
  const counted = rows[0]?.groups ?? [];
  const groups = sortGroups(counted.map(({ category, risk, count }) => ({ category, risk, count })));
  const tools = groups.reduce((n, g) => n + g.count, 0);
  const outdated = counted.reduce((n, g) => n + g.outdated, 0);
  return { name, total: Number(rows[0]?.holders ?? 0), tools, groups, entries: rows.map(({ groups: _groups, holders: _holders, ...row }) => toEntry(row)), outdated };
}

/** A name's groups as its summary lists them: largest first, then by category and risk. */
export function sortGroups(groups: NameGroup[]): NameGroup[] {
  return groups.sort((a, b) => b.count - a.count || `${a.category}/${a.risk}`.localeCompare(`${b.category}/${b.risk}`));
}

/** A tool name as its lookalikes share it: Unicode-normalized (NFKC), then case-folded. */
function folded(name: SQLWrapper): SQL {
  return sql`lower(normalize(${name}, NFKC))`;
}

export interface Lookalikes {
  /** How many tools there are. */
  total: number;
  /** The riskiest first, then by server key and name; `limit` of them. */
  entries: ToolEntry[];
  /** Of the tools, those whose stored verdict is outdated for the `outdatedFor` version asked (0 when none was). */
  outdated: number;
}

/**
 * Tools whose name is another name than `name` even ignoring case, but reads the same once both are
 * Unicode-normalized and case-folded: "café" spelled with a combining accent (NFD) beside the precomposed
 * one, fullwidth "ｇｅｔ_ｄａｔａ" beside "get_data". summarizeName, matching case-insensitively, lists none of them.
 */
export async function lookalikeTools(db: Db, name: string, o: { serverId?: number; limit?: number; outdatedFor?: string } = {}): Promise<Lookalikes> {
  const query = entries(db, { total: sql<number>`count(*) over ()::int`, outdated: outdatedCount(o.outdatedFor) })
    .where(
      and(
        sql`${folded(tools.name)} = ${folded(sql`${name}::text`)}`,
        sql`lower(${tools.name}) <> lower(${name}::text)`,
        isNull(tools.removedAt),
        o.serverId !== undefined ? eq(tools.serverId, o.serverId) : undefined,
      ),
    )
    .orderBy(RISK_ORDER, asc(servers.key), asc(tools.name))
    .$dynamic();
  const rows = await (o.limit !== undefined ? query.limit(o.limit) : query);
  return { total: Number(rows[0]?.total ?? 0), entries: rows.map(({ total: _total, outdated: _outdated, ...row }) => toEntry(row)), outdated: Number(rows[0]?.outdated ?? 0) };
}

/** Over all the rows a query matches (a window, before its limit): how many have a verdict outdated for `outdatedFor`. */
function outdatedCount(outdatedFor: string | undefined) {
  return outdatedFor === undefined ? sql<number>`0` : sql<number>`(count(*) filter (where ${outdatedVerdict(outdatedFor)}) over ())::int`;
}

/**
 * The current tools of one server whose name is `name` ignoring case: every tool a name typed on that
 * server may mean (MCP names are case-sensitive, so a server may hold both `get_data` and `GET_DATA`).
 */
export async function serverToolsNamed(db: Db, serverId: number, name: string): Promise<ToolEntry[]> {
  const rows = await entries(db).where(and(eq(tools.serverId, serverId), isNull(tools.removedAt), sql`lower(${tools.name}) = lower(${name})`));
  return rows.map(toEntry);
}

/**
 * The tool of one server named `name` exactly that the server no longer lists, with when it stopped: its row is kept
 * (tools.removed_at) with its last classification, so a change that links to it has something to show.
 */
export async function removedServerTool(db: Db, serverId: number, name: string): Promise<(ToolEntry & { removedAt: string }) | undefined> {
  const [row] = await entries(db, { removedAt: tools.removedAt }).where(and(eq(tools.serverId, serverId), eq(tools.name, name), isNotNull(tools.removedAt)));
  return row ? { ...toEntry(row), removedAt: row.removedAt! } : undefined;
}

/** One tool of one server, or none, answered in the shape of a name's summary: the entry in its one group. */
export function oneToolSummary<Entry extends ToolEntry>(name: string, entry: Entry | undefined): NameSummary<Entry> {
  if (!entry) return { name, total: 0, tools: 0, groups: [], entries: [], outdated: 0 };
  const c = entry.classification;
  return { name, total: 1, tools: 1, groups: [{ category: c?.category ?? null, risk: c?.risk ?? null, count: 1 }], entries: [entry], outdated: 0 };
}

/**
 * Values of `column` close to `text` by trigram similarity (pg_trgm's `%`, its default threshold of 0.3),
 * best first, one per lower-cased value: the "did you mean" of a name that matched nothing.
 */
async function similarValues(db: Db, text: string, o: { table: PgTable; column: PgColumn; where?: SQL; limit: number }): Promise<string[]> {
  const value = sql`lower(${o.column})`;
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select name from (
          select distinct on (${value}) ${o.column} as name, similarity(${value}, lower(${text})) as score
          from ${o.table}
          where ${value} % lower(${text}) ${o.where ? sql`and ${o.where}` : sql``}
          order by ${value}, score desc, name) candidates
        order by score desc, name limit ${o.limit}`,
  );
  return rows.map((r) => r.name);
}

/**
 * Tool names close to `name`, best first, one per lower-cased name: its lookalikes first (the names that read the same
 * once Unicode-normalized and case-folded, which trigrams miss: fullwidth `ｇｅｔ_ｄａｔａ` shares none with `get_data`),
 * then by trigram similarity. A reader that answers no lookalikes (check_tool, the API) so still names them.
 */
export async function similarToolNames(db: Db, name: string, o: { serverIds?: number[]; limit?: number } = {}): Promise<string[]> {
  if (o.serverIds?.length === 0) return [];
  const limit = o.limit ?? 5;
  const where = and(isNull(tools.removedAt), o.serverIds ? inArray(tools.serverId, o.serverIds) : undefined);
  const alike = await db
    .selectDistinct({ name: tools.name })
    .from(tools)
    .where(and(where, sql`${folded(tools.name)} = ${folded(sql`${name}::text`)}`, sql`lower(${tools.name}) <> lower(${name}::text)`))
    .orderBy(asc(tools.name))
    .limit(limit);
  const close = await similarValues(db, name, { table: tools, column: tools.name, where, limit });
  const seen = new Set<string>();
  return [...alike.map((r) => r.name), ...close].filter((n) => !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase())).slice(0, limit);
}

/** Server keys close to what someone typed for a server that matched none, best first. */
export async function similarServerKeys(db: Db, input: string, o: { limit?: number } = {}): Promise<string[]> {
  return similarValues(db, input, { table: servers, column: servers.key, limit: o.limit ?? 5 });
}

/**
 * The keys of the servers in one repository (`host/owner/repo`), at its root or in a folder, in key order:
 * what a person meant who named a folder of it the catalog does not have.
 */
export async function repositoryServerKeys(db: Db, repository: string, o: { limit?: number } = {}): Promise<string[]> {
  const inFolder = `${likeLiteral(repository)}#%`;
  const rows = await db
    .selectDistinct({ key: servers.key })
    .from(serverAliases)
    .innerJoin(servers, eq(servers.id, serverAliases.serverId))
    .where(and(eq(serverAliases.kind, "repo"), or(eq(serverAliases.value, repository), like(serverAliases.value, inFolder))))
    .orderBy(asc(servers.key))
    .limit(o.limit ?? 5);
  return rows.map((r) => r.key);
}

export interface SearchOptions {
  text: string;
  category?: string;
  risk?: string;
  /** With a category or risk: a tool whose verdict is outdated for this classifier version matches either (verdictFilter). */
  outdatedFor?: string;
  serverIds?: number[];
  limit: number;
  /** relevance (the default): the tiers below; popularity: the most popular servers' tools first, relevance within. */
  sort?: SearchSort;
  /** Rows to skip: a one-off answer read in steps, whichever its order (`after` continues the relevance order alone). */
  offset?: number;
}

export const SEARCH_SORTS = ["relevance", "popularity"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/**
 * A server's popularity, best measure first: the most GitHub stars any source reports, then the
 * most weekly npm downloads, then the most downloads a directory counts. Scales are never mixed.
 */
function popularityOrder(): SQL[] {
  const most = (metrics: string[]) =>
    sql`(select max(p.value) from server_popularity p where p.server_id = ${servers.id} and p.metric in (${sql.join(metrics.map((m) => sql`${m}`), sql`, `)})) desc nulls last`;
  return [most(["stars"]), most(["weeklyDownloads"]), most(["downloads"])];
}

/** Where a search result ranks, lowest first: exact name, then named, containing, by trigram distance, name, server. */
export type SearchKey = [exact: number, named: number, contains: number, distance: string, name: string, server: string];

/** No tool at all: an answer of "nothing matches" would hide that the catalog was never filled. */
export async function catalogIsEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: tools.id }).from(tools).limit(1);
  return row === undefined;
}

/** No server at all: an answer of "no server matches" would hide that the catalog was never filled. */
export async function catalogHasNoServers(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: servers.id }).from(servers).limit(1);
  return row === undefined;
}

/**
 * Tools whose name or description matches, ranked in tiers: the exact name (case-insensitive), then
 * names that contain the text or are like it by trigrams, then tools only whose description mentions
 * it; within a tier, containing beats resembling, and closer names come first. `after` continues
 * from a result's key (keyset paging: stable while the catalog changes, no offset to scan past).
 * The query, to await (or to explain, as the plan tests do); searchToolsPage reads its rows.
 */
export function searchToolsQuery(db: Db, o: SearchOptions & { after?: SearchKey }) {
  const pattern = `%${likeLiteral(o.text)}%`;
  const contains = ilike(tools.name, pattern);
  const resembles = sql`lower(${tools.name}) % lower(${o.text})`;
  // Which rows match asks the trigram index once for the names like the text (a hashed subplan). Tested row by row, in
  // the scan the description's ILIKE needs, `%` takes the text's trigrams again for every tool: over 6,000 tools a
  // 256-character text cost 0.5 s on Postgres, the index 0.05 s. The ranks below test only the rows that match.
  const resembling = inArray(tools.id, db.select({ id: tools.id }).from(tools).where(resembles));
  // Every part ascends, so one row comparison continues the order; the distance is rounded so it
  // survives the trip through a cursor unchanged.
  const rank = {
    exact: sql<number>`(case when lower(${tools.name}) = lower(${o.text}) then 0 else 1 end)`,
    named: sql<number>`(case when ${contains} or ${resembles} then 0 else 1 end)`,
    contains: sql<number>`(case when ${contains} then 0 else 1 end)`,
    distance: sql<string>`round((1 - similarity(lower(${tools.name}), lower(${o.text})))::numeric, 6)`,
  };
  const conditions: SQL[] = [isNull(tools.removedAt), or(resembling, contains, ilike(tools.description, pattern))!];
  if (o.category) conditions.push(verdictFilter(classifications.category, o.category, o.outdatedFor));
  if (o.risk) conditions.push(verdictFilter(classifications.risk, o.risk, o.outdatedFor));
  if (o.serverIds) conditions.push(inArray(tools.serverId, o.serverIds));
  if (o.after) {
    const [e, n, c, d, name, server] = o.after;
    conditions.push(sql`(${rank.exact}, ${rank.named}, ${rank.contains}, ${rank.distance}, ${tools.name}, ${servers.key}) > (${e}, ${n}, ${c}, ${d}::numeric, ${name}, ${server})`);
  }
  return entries(db, { rank })
    .where(and(...conditions))
    // Popularity leads when asked; keyset paging (`after`) follows the relevance key alone.
    .orderBy(...(o.sort === "popularity" ? popularityOrder() : []), rank.exact, rank.named, rank.contains, rank.distance, asc(tools.name), asc(servers.key))
    .limit(o.limit)
    .offset(o.offset ?? 0);
}

/** A page of searchToolsQuery's tools, each with the key the next page continues after. */
export async function searchToolsPage(db: Db, o: SearchOptions & { after?: SearchKey }): Promise<{ entries: ToolEntry[]; keys: SearchKey[] }> {
  const rows = await searchToolsQuery(db, o);
  return {
    entries: rows.map(({ rank: _rank, ...row }) => toEntry(row)),
    keys: rows.map((r) => [Number(r.rank.exact), Number(r.rank.named), Number(r.rank.contains), String(r.rank.distance), r.tool, r.server]),
  };
}

/** The first `limit` tools of a search, ranked as searchToolsPage ranks them. */
export async function searchTools(db: Db, o: SearchOptions): Promise<ToolEntry[]> {
  return (await searchToolsPage(db, o)).entries;
}

/** Every current tool of a server with its classification, by name. */
export async function serverTools(db: Db, serverId: number): Promise<ToolEntry[]> {
  const rows = await entries(db)
    .where(and(eq(tools.serverId, serverId), isNull(tools.removedAt)))
    .orderBy(asc(tools.name));
  return rows.map(toEntry);
}

/** The names of a server's current tools, without their definitions or verdicts. */
export async function serverToolNames(db: Db, serverId: number): Promise<string[]> {
  const rows = await db
    .select({ name: tools.name })
    .from(tools)
    .where(and(eq(tools.serverId, serverId), isNull(tools.removedAt)));
  return rows.map((r) => r.name);
}

/**
 * The current tools of a server but `except`, the riskiest `limit` first (then by name), how many there are, and how
 * many of them have a verdict outdated for `outdatedFor`.
 */
export async function otherServerTools(db: Db, serverId: number, except: string, limit: number, outdatedFor?: string): Promise<{ total: number; entries: ToolEntry[]; outdated: number }> {
  const rows = await entries(db, { total: sql<number>`count(*) over ()::int`, outdated: outdatedCount(outdatedFor) })
    .where(and(eq(tools.serverId, serverId), isNull(tools.removedAt), ne(tools.name, except)))
    .orderBy(RISK_ORDER, asc(tools.name))
    .limit(limit);
  return { total: Number(rows[0]?.total ?? 0), entries: rows.map(({ total: _total, outdated: _outdated, ...row }) => toEntry(row)), outdated: Number(rows[0]?.outdated ?? 0) };
}

export interface ServerRef {
  id: number;
  key: string;
  title: string | null;
  description: string | null;
  status: string;
  /** Why the last live tools/list failed; null when it succeeded or never ran (what a successful one cut is a note, not this). */
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

export async function serversByKey(db: Db, key: string): Promise<ServerRef[]> {
  return db.select(serverRefColumns).from(servers).where(eq(servers.key, key));
}

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
  const pattern = `${likeLiteral(prefix.toLowerCase())}%`;
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
  /** The tool's category right after the change, and right before it (null when not known). */
  category: string | null;
  previousCategory: string | null;
}

/** The change feed, newest first, of some servers or one tool's (by its exact name); `before` continues after a change (its time and id, keyset paging). */
export async function toolChangeFeed(db: Db, o: { serverIds?: number[]; tool?: string; since?: string; before?: { at: string; id: number }; limit: number }): Promise<ChangeRow[]> {
  // Aliased as PREVIOUS_CATEGORY names it.
  const tc = alias(toolChanges, "tc");
  const conditions: SQL[] = [];
  if (o.serverIds) conditions.push(inArray(tc.serverId, o.serverIds));
  if (o.tool !== undefined) conditions.push(eq(tc.toolName, o.tool));
  if (o.since) conditions.push(gte(tc.at, o.since));
  if (o.before) conditions.push(sql`(${tc.at}, ${tc.id}) < (${o.before.at}::timestamptz, ${o.before.id})`);
  return db
    .select({
      id: tc.id,
      server: servers.key,
      tool: tc.toolName,
      kind: tc.kind,
      oldHash: tc.oldHash,
      newHash: tc.newHash,
      details: tc.details,
      at: tc.at,
      runId: tc.runId,
      category: tc.category,
      previousCategory: sql<string | null>`${PREVIOUS_CATEGORY}`,
    })
    .from(tc)
    .innerJoin(servers, eq(servers.id, tc.serverId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(tc.at), desc(tc.id))
    .limit(o.limit);
}
