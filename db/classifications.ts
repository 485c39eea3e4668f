// Reads the tools whose classification is missing or stale, and stores new classifications.
import { and, asc, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { classifications, servers, tools } from "./schema.js";
import { excluded, queryRows } from "./sql.js";

export type NewClassification = typeof classifications.$inferInsert;

export interface ServerToClassify {
  serverId: number;
  key: string;
  description: string | null;
  tools: (typeof tools.$inferSelect)[];
  /** Ids of the tools among `tools` whose classification is missing or stale. */
  stale: Set<number>;
}

/**
 * Servers (after `afterServerId`, in id order) with at least one current tool whose classification
 * is missing, from another classifier version, or of an older definition — with all their current
 * tools, since a tool's siblings are part of its evidence.
 */
export async function serversNeedingClassification(db: Db, classifierVersion: string, afterServerId: number, limit: number): Promise<ServerToClassify[]> {
  const pending = await queryRows<{ server_id: number; tool_id: number }>(
    db,
    sql`with s as (
          select distinct t.server_id from tools t
          left join classifications c on c.tool_id = t.id
          where t.removed_at is null and t.server_id > ${afterServerId}
            and (c.tool_id is null or c.classifier_version <> ${classifierVersion} or c.content_hash <> t.content_hash)
          order by t.server_id limit ${limit})
        select t.server_id, t.id as tool_id from tools t
        join s on s.server_id = t.server_id
        left join classifications c on c.tool_id = t.id
        where t.removed_at is null
          and (c.tool_id is null or c.classifier_version <> ${classifierVersion} or c.content_hash <> t.content_hash)`,
  );
  if (pending.length === 0) return [];
  const serverIds = [...new Set(pending.map((p) => Number(p.server_id)))].sort((a, b) => a - b);
  const [serverRows, toolRows] = await Promise.all([
    db.select({ id: servers.id, key: servers.key, description: servers.description }).from(servers).where(inArray(servers.id, serverIds)),
    db.select().from(tools).where(and(inArray(tools.serverId, serverIds), isNull(tools.removedAt))).orderBy(asc(tools.serverId), asc(tools.name)),
  ]);
  const stale = new Set(pending.map((p) => Number(p.tool_id)));
  const byId = new Map(serverRows.map((s) => [s.id, s]));
  const result = new Map<number, ServerToClassify>();
  for (const id of serverIds) {
    const s = byId.get(id)!;
    result.set(id, { serverId: id, key: s.key, description: s.description, tools: [], stale: new Set() });
  }
  for (const t of toolRows) {
    const entry = result.get(t.serverId)!;
    entry.tools.push(t);
    if (stale.has(t.id)) entry.stale.add(t.id);
  }
  return [...result.values()];
}

export async function upsertClassifications(db: Db, rows: readonly NewClassification[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(classifications)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: classifications.toolId,
        set: {
          classifierVersion: excluded(classifications.classifierVersion),
          contentHash: excluded(classifications.contentHash),
          category: excluded(classifications.category),
          risk: excluded(classifications.risk),
          confidence: excluded(classifications.confidence),
          signals: excluded(classifications.signals),
          rationale: excluded(classifications.rationale),
          evidence: excluded(classifications.evidence),
          rule: excluded(classifications.rule),
          method: excluded(classifications.method),
          classifiedAt: sql`now()`,
        },
      });
  }
}

