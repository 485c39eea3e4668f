// What a server's grade and toxic-flow finding are read from: its current tools with their stored
// classifications, its live-listing state, and its recent tool changes. Rows only; the caller decides.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./client.js";
import type { ToolEntry } from "./lookups.js";
import { jsonb, queryRows } from "./sql.js";

/** A current tool as every reader's entry (ToolEntry), with its server's facts a grade reads besides. */
export type VerdictToolRow = ToolEntry & {
  serverDescription: string | null;
  authPosture: string | null;
  introspectionError: string | null;
};

/**
 * Every current tool of the servers, with its classification, in server then name order; a server with no
 * current tool is not listed. Read as entries (the stored verdict whole: its model review too), so the verdicts
 * made now for them are made as every reader's are (scripts/current-verdicts.ts).
 */
export async function verdictToolRows(db: Db, serverIds: readonly number[]): Promise<VerdictToolRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select s.id as server_id, s.key as server_key, s.status as server_status, s.description as server_description, s.auth_posture, s.introspection_error,
        t.name, t.content_hash, t.title, t.description, t.input_schema, t.annotations, t.origin,
        c.tool_id is not null as classified, c.category, c.risk, c.confidence, c.signals, c.rationale, c.rule, c.hints, c.arguments, c.classifier_version,
        c.content_hash as classified_hash, c.method, c.review_model, c.review_prompt_version
      from servers s join tools t on t.server_id = s.id and t.removed_at is null
      left join classifications c on c.tool_id = t.id
      where s.id in (select jsonb_array_elements_text(${jsonb(serverIds)})::int)
      order by s.id, t.name`,
  );
  return rows.map((r) => ({
    serverId: Number(r.server_id),
    server: r.server_key as string,
    serverStatus: r.server_status as string,
    serverDescription: (r.server_description as string | null) ?? null,
    authPosture: (r.auth_posture as string | null) ?? null,
    introspectionError: (r.introspection_error as string | null) ?? null,
    tool: r.name as string,
    contentHash: r.content_hash as string,
    title: (r.title as string | null) ?? null,
    description: (r.description as string | null) ?? null,
    inputSchema: r.input_schema ?? null,
    annotations: (r.annotations as Record<string, unknown> | null) ?? null,
    origin: r.origin as string,
    classification:
      r.classified === true
        ? {
            category: r.category as string,
            risk: r.risk as string,
            confidence: Number(r.confidence),
            rationale: r.rationale as string,
            classifierVersion: r.classifier_version as string,
            contentHash: r.classified_hash as string,
            method: r.method as string,
            reviewModel: (r.review_model as string | null) ?? null,
            reviewPromptVersion: (r.review_prompt_version as string | null) ?? null,
            signals: r.signals as string[],
            rule: r.rule as Record<string, unknown>,
            hints: (r.hints as Record<string, boolean> | null) ?? null,
            arguments: r.arguments ?? null,
          }
        : null,
  }));
}

/** Rows in server order (verdictToolRows'), one run of rows per server. */
export function* serverRuns<T extends { serverId: number }>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j < rows.length && rows[j]!.serverId === rows[i]!.serverId) j++;
    yield rows.slice(i, j);
    i = j;
  }
}

/** A server and what identifies each of its current tools' definitions (verdictToolRows' tools, without their text). */
export interface ServerToolHashes {
  key: string;
  description: string | null;
  tools: { name: string; contentHash: string }[];
}

/** The key, description and current tools' names and content hashes of each server, by id; a server with no current tool is not listed. */
export async function serverToolHashes(db: Db, serverIds: readonly number[]): Promise<Map<number, ServerToolHashes>> {
  const rows = await queryRows<{ server_id: number; key: string; description: string | null; tools: [string, string][] }>(
    db,
    sql`select s.id as server_id, s.key, s.description, jsonb_agg(jsonb_build_array(t.name, t.content_hash)) as tools
      from servers s join tools t on t.server_id = s.id and t.removed_at is null
      where s.id in (select jsonb_array_elements_text(${jsonb(serverIds)})::int)
      group by s.id`,
  );
  return new Map(rows.map((r) => [Number(r.server_id), { key: r.key, description: r.description ?? null, tools: r.tools.map(([name, contentHash]) => ({ name, contentHash })) }]));
}

export interface RecentChangeRow {
  serverId: number;
  tool: string;
  kind: string;
  details: unknown;
  /** The tool's category right after the change (tool_changes.category). */
  category: string | null;
  /** Its category right before: that of the change that left it with the definition this one replaced. */
  previousCategory: string | null;
  /** The run that wrote the change. */
  runId: number | null;
  /** The first run that wrote any change of the server: the one that first listed its tools. */
  firstListingRunId: number | null;
}

/**
 * The category a tool had right before the change `tc`: that of the latest earlier change of the tool that
 * left it with the definition `tc` replaced (null when none did, or that definition was never classified).
 */
export const PREVIOUS_CATEGORY = sql`(select p.category from tool_changes p
  where p.server_id = tc.server_id and p.tool_name = tc.tool_name and p.new_hash = tc.old_hash and p.id < tc.id
  order by p.id desc limit 1)`;

/**
 * The servers' tool changes since `since`, each with the tool's category right after and right before it
 * and the run that first listed the server's tools (read over all its history, however old).
 */
export async function recentChangeRows(db: Db, since: Date, serverIds: readonly number[]): Promise<RecentChangeRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with recent as (
        select tc.id, tc.server_id, tc.tool_name, tc.kind, tc.details, tc.run_id, tc.category, ${PREVIOUS_CATEGORY} as previous_category
        from tool_changes tc
        where tc.at >= ${since.toISOString()} and tc.server_id in (select jsonb_array_elements_text(${jsonb(serverIds)})::int)
      ), first_listing as (
        select server_id, min(run_id) as run_id from tool_changes
        where server_id in (select server_id from recent)
        group by server_id
      )
      select r.server_id, r.tool_name, r.kind, r.details, r.run_id, f.run_id as first_listing_run_id, r.category, r.previous_category
      from recent r
      join first_listing f on f.server_id = r.server_id
      order by r.id`,
  );
  return rows.map((r) => ({
    serverId: Number(r.server_id),
    tool: r.tool_name as string,
    kind: r.kind as string,
    details: r.details ?? null,
    category: (r.category as string | null) ?? null,
    previousCategory: (r.previous_category as string | null) ?? null,
    runId: r.run_id == null ? null : Number(r.run_id),
    firstListingRunId: r.first_listing_run_id == null ? null : Number(r.first_listing_run_id),
  }));
}

/**
 * The earliest instant of any tool change at or after `since`, to the millisecond below it; null when there is
 * none. The first of `recentChangeRows` to leave a window that starts at `since` and moves on.
 */
export async function oldestChangeSince(db: Db, since: Date): Promise<Date | null> {
  const [row] = await queryRows<{ ms: number | null }>(
    db,
    sql`select floor(extract(epoch from min(at)) * 1000)::float8 as ms from tool_changes where at >= ${since.toISOString()}`,
  );
  return row?.ms == null ? null : new Date(Number(row.ms));
}

/** What `verdictCountRows` counts per server: the caller's names for each kind of count. */
export interface VerdictCountNames {
  /** Classifications of another classifier version are not current. */
  classifierVersion: string;
  risks: readonly string[];
  signals: readonly string[];
  facets: readonly string[];
  /** MCP's hint names: a tool declares one when its annotations hold it as a boolean. */
  hints: readonly string[];
}

export interface VerdictCountRow {
  serverId: number;
  authPosture: string | null;
  listingFailed: boolean;
  tools: number;
  /**
   * Whether every tool has a classification of the classifier version for its current definition, with
   * hints and facets; when not, the counts below read missing or outdated classifications.
   */
  current: boolean;
  /** Tools per risk, per signal they carry, and per facet they have, under the caller's names. */
  byRisk: Record<string, number>;
  bySignal: Record<string, number>;
  byFacet: Record<string, number>;
  /** Tools declaring any of the hints, and all of them. */
  annotated: number;
  fullyAnnotated: number;
  /** Tools declaring any of the hints, per risk. */
  annotatedByRisk: Record<string, number>;
  /** Tools with a raw-language argument their description does not limit (ArgumentFindings.raw). */
  unlimitedRaw: number;
}

/** One count per name, as a jsonb object keyed by the name. */
function countsBy(names: readonly string[], holds: (name: string) => SQL): SQL {
  if (names.length === 0) return sql`'{}'::jsonb`;
  return sql`jsonb_build_object(${sql.join(names.map((n) => sql`${n}::text, count(*) filter (where ${holds(n)})`), sql`, `)})`;
}

/**
 * A page of servers with a current tool, after `afterServerId` in id order, each with its tools counted in
 * SQL: what a grade, a coverage and a toxic flow are read from, without reading the tools themselves.
 */
export async function verdictCountRows(db: Db, page: { afterServerId: number; limit: number }, names: VerdictCountNames): Promise<VerdictCountRow[]> {
  const declared = names.hints.length
    ? sql.join(names.hints.map((h) => sql`coalesce(jsonb_typeof(t.annotations -> ${h}::text) = 'boolean', false)::int`), sql` + `)
    : sql`0`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with page as (
        select s.id, s.auth_posture, s.introspection_error from servers s
        where s.id > ${page.afterServerId} and exists (select 1 from tools t where t.server_id = s.id and t.removed_at is null)
        order by s.id limit ${page.limit}
      ), tool_facts as (
        select t.server_id, c.risk, c.signals, c.facets, c.arguments, ${declared} as declared,
          (c.tool_id is not null and c.content_hash = t.content_hash and c.classifier_version = ${names.classifierVersion}
            and c.hints is not null and c.facets is not null) as current
        from page p join tools t on t.server_id = p.id and t.removed_at is null
        left join classifications c on c.tool_id = t.id
      )
      select p.id as server_id, p.auth_posture, p.introspection_error is not null as listing_failed,
        count(*)::int as tools, bool_and(f.current) as current,
        ${countsBy(names.risks, (r) => sql`f.risk = ${r}`)} as by_risk,
        ${countsBy(names.signals, (s) => sql`f.signals ? ${s}`)} as by_signal,
        ${countsBy(names.facets, (x) => sql`f.facets ? ${x}`)} as by_facet,
        count(*) filter (where f.declared > 0)::int as annotated,
        count(*) filter (where f.declared = ${names.hints.length})::int as fully_annotated,
        ${countsBy(names.risks, (r) => sql`f.risk = ${r} and f.declared > 0`)} as annotated_by_risk,
        count(*) filter (where jsonb_path_exists(f.arguments, '$.raw[*] ? (!(@.limited == true))'))::int as unlimited_raw
      from page p join tool_facts f on f.server_id = p.id
      group by p.id, p.auth_posture, p.introspection_error
      order by p.id`,
  );
  return rows.map((r) => ({
    serverId: Number(r.server_id),
    authPosture: (r.auth_posture as string | null) ?? null,
    listingFailed: r.listing_failed === true,
    tools: Number(r.tools),
    current: r.current === true,
    byRisk: counts(r.by_risk),
    bySignal: counts(r.by_signal),
    byFacet: counts(r.by_facet),
    annotated: Number(r.annotated),
    fullyAnnotated: Number(r.fully_annotated),
    annotatedByRisk: counts(r.annotated_by_risk),
    unlimitedRaw: Number(r.unlimited_raw),
  }));
}

/** A jsonb object of counts as numbers (postgres.js and PGlite both hand jsonb over parsed). */
function counts(value: unknown): Record<string, number> {
  return Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, Number(v)]));
}
