// What a server's grade and toxic-flow finding are read from: its current tools with their stored
// classifications, its live-listing state, and its recent tool changes. Rows only; the caller decides.
import { sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { jsonb, queryRows } from "./sql.js";

export interface VerdictToolRow {
  serverId: number;
  serverKey: string;
  serverDescription: string | null;
  authPosture: string | null;
  introspectionError: string | null;
  name: string;
  title: string | null;
  description: string | null;
  inputSchema: unknown;
  annotations: unknown;
  /** Null when the tool has no classification yet. */
  category: string | null;
  risk: string | null;
  signals: unknown;
  rationale: string | null;
  hints: unknown;
  arguments: unknown;
  classifierVersion: string | null;
  stale: boolean;
}

/**
 * Every current tool of the servers (all servers when `serverIds` is undefined), with its classification,
 * in server then name order; a server with no current tool is not listed.
 */
export async function verdictToolRows(db: Db, serverIds?: readonly number[]): Promise<VerdictToolRow[]> {
  const only = serverIds ? sql`and s.id in (select jsonb_array_elements_text(${jsonb(serverIds)})::int)` : sql``;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select s.id as server_id, s.key as server_key, s.description as server_description, s.auth_posture, s.introspection_error,
        t.name, t.title, t.description, t.input_schema, t.annotations,
        c.category, c.risk, c.signals, c.rationale, c.hints, c.arguments, c.classifier_version, (c.content_hash is distinct from t.content_hash) as stale
      from servers s join tools t on t.server_id = s.id and t.removed_at is null
      left join classifications c on c.tool_id = t.id
      where true ${only}
      order by s.id, t.name`,
  );
  return rows.map((r) => ({
    serverId: Number(r.server_id),
    serverKey: r.server_key as string,
    serverDescription: (r.server_description as string | null) ?? null,
    authPosture: (r.auth_posture as string | null) ?? null,
    introspectionError: (r.introspection_error as string | null) ?? null,
    name: r.name as string,
    title: (r.title as string | null) ?? null,
    description: (r.description as string | null) ?? null,
    inputSchema: r.input_schema ?? null,
    annotations: r.annotations ?? null,
    category: (r.category as string | null) ?? null,
    risk: (r.risk as string | null) ?? null,
    signals: r.signals ?? null,
    rationale: (r.rationale as string | null) ?? null,
    hints: r.hints ?? null,
    arguments: r.arguments ?? null,
    classifierVersion: (r.classifier_version as string | null) ?? null,
    stale: r.stale === true,
  }));
}

export interface RecentChangeRow {
  serverId: number;
  tool: string;
  kind: string;
  details: unknown;
  category: string | null;
}

/** Tool changes since `since`, with the changed tool's current category when it has one. */
export async function recentChangeRows(db: Db, since: Date, serverIds?: readonly number[]): Promise<RecentChangeRow[]> {
  const only = serverIds ? sql`and tc.server_id in (select jsonb_array_elements_text(${jsonb(serverIds)})::int)` : sql``;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select tc.server_id, tc.tool_name, tc.kind, tc.details, c.category
      from tool_changes tc
      left join tools t on t.server_id = tc.server_id and t.name = tc.tool_name
      left join classifications c on c.tool_id = t.id
      where tc.at >= ${since.toISOString()} ${only}
      order by tc.id`,
  );
  return rows.map((r) => ({ serverId: Number(r.server_id), tool: r.tool_name as string, kind: r.kind as string, details: r.details ?? null, category: (r.category as string | null) ?? null }));
}
