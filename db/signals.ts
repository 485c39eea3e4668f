// What sources say about a server beyond its fields: the categories they file it under and how popular it is.
import { sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { jsonb, queryRows } from "./sql.js";

/** The categories and popularity one changed record carries; an empty list clears what it said before. */
export interface SignalUpsert {
  source: string;
  sourceId: string;
  serverKey: string;
  categories: string[];
  popularity: { metric: string; value: number }[];
}

/**
 * Replaces what each record said (the record is the unit a source changes): its old categories and
 * popularity go, the new ones land on the server the record now belongs to, dated now.
 */
export async function replaceSignals(db: Db, rows: readonly SignalUpsert[], serverIds: ReadonlyMap<string, number>): Promise<void> {
  const placed = rows.flatMap((r) => {
    const serverId = serverIds.get(r.serverKey);
    return serverId === undefined ? [] : [{ ...r, serverId }];
  });
  if (placed.length === 0) return;
  const records = jsonb(placed.map((r) => ({ source: r.source, source_id: r.sourceId })));
  const keyed = sql`(select source, source_id from jsonb_to_recordset(${records}) as x(source text, source_id text))`;
  await queryRows(db, sql`delete from server_categories where (source, source_id) in ${keyed}`);
  await queryRows(db, sql`delete from server_popularity where (source, source_id) in ${keyed}`);
  const categories = placed.flatMap((r) => [...new Set(r.categories)].map((category) => ({ source: r.source, source_id: r.sourceId, server_id: r.serverId, category })));
  if (categories.length) {
    await queryRows(db, sql`insert into server_categories (source, source_id, server_id, category)
      select source, source_id, server_id, category from jsonb_to_recordset(${jsonb(categories)}) as x(source text, source_id text, server_id int, category text)
      on conflict do nothing`);
  }
  const popularity = placed.flatMap((r) => r.popularity.map((p) => ({ source: r.source, source_id: r.sourceId, server_id: r.serverId, metric: p.metric, value: p.value })));
  if (popularity.length) {
    await queryRows(db, sql`insert into server_popularity (source, source_id, server_id, metric, value)
      select source, source_id, server_id, metric, value from jsonb_to_recordset(${jsonb(popularity)}) as x(source text, source_id text, server_id int, metric text, value bigint)
      on conflict (source, source_id, metric) do update set value = excluded.value, server_id = excluded.server_id, observed_at = now()`);
  }
}

export interface ServerSignals {
  categories: { category: string; source: string; observedAt: string }[];
  popularity: { metric: string; value: number; source: string; observedAt: string }[];
}

/** A server's categories and popularity, with the source and date of each. */
export async function serverSignals(db: Db, serverId: number): Promise<ServerSignals> {
  const categories = await queryRows<{ category: string; source: string; observed_at: string }>(
    db,
    sql`select category, source, max(observed_at)::text as observed_at from server_categories where server_id = ${serverId} group by category, source order by category, source`,
  );
  const popularity = await queryRows<{ metric: string; value: string | number; source: string; observed_at: string }>(
    db,
    sql`select metric, max(value) as value, source, max(observed_at)::text as observed_at from server_popularity where server_id = ${serverId} group by metric, source order by metric, source`,
  );
  return {
    categories: categories.map((c) => ({ category: c.category, source: c.source, observedAt: c.observed_at })),
    popularity: popularity.map((p) => ({ metric: p.metric, value: Number(p.value), source: p.source, observedAt: p.observed_at })),
  };
}

export interface SourceContribution {
  /** Records of the source the catalog holds (every one it listed, each version for the registry). */
  records: number;
  /** Servers at least one of its records belongs to. */
  servers: number;
  /** Of those, servers no other source lists. */
  only: number;
}

/** Per source: records held, servers it contributed to, and servers found only there. */
export async function sourceContributions(db: Db): Promise<Record<string, SourceContribution>> {
  const rows = await queryRows<{ source: string; records: number; servers: number; only: number }>(
    db,
    sql`with per_server as (select server_id, count(distinct source)::int as sources from server_sources group by server_id)
      select ss.source, count(*)::int as records, count(distinct ss.server_id)::int as servers,
        count(distinct ss.server_id) filter (where p.sources = 1)::int as only
      from server_sources ss join per_server p on p.server_id = ss.server_id
      group by ss.source order by ss.source`,
  );
  return Object.fromEntries(rows.map((r) => [r.source, { records: Number(r.records), servers: Number(r.servers), only: Number(r.only) }]));
}
