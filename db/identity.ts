// Entity resolution's reads: which servers carry an alias, which keys exist, the values of one alias kind.
import { sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { missedTooFew, type WalksBeforeGone } from "./source-state.js";
import { distinctRows, jsonb, queryRows } from "./sql.js";

export interface AliasOwnerRow {
  kind: string;
  value: string;
  serverKey: string;
  registryNamed: boolean;
}

/**
 * Which servers already carry any of these aliases, and whether each is named by the registry: as asserted by the
 * records that still vouch for their servers (a record its source stopped listing names its server no more), other than
 * the records `rewriting` (of one source), whose aliases are being replaced by what they assert now.
 */
export async function aliasOwners(
  db: Db,
  aliases: readonly { kind: string; value: string }[],
  o: { rewriting: { source: string; sourceIds: readonly string[] }; walksBeforeGone: WalksBeforeGone },
): Promise<AliasOwnerRow[]> {
  if (aliases.length === 0) return [];
  const wanted = new Set(aliases.map((a) => `${a.kind}\u0000${a.value}`));
  const rows = await queryRows<{ kind: string; value: string; key: string; registry_named: boolean }>(
    db,
    // Index probes per value (distinctRows), then per alias row its record and its server. The server is probed on
    // its own too: joined inside, it was planned as a scan of every server.
    sql`select a.kind, a.value, s.key, s.canonical_source like 'registry:%' as registry_named
      from ${distinctRows(aliases.map((a) => a.value))} as v(value)
      cross join lateral (select kind, value, server_id, source, source_id from server_aliases where value = v.value offset 0) a
      cross join lateral (select source, missed_walks from server_sources where source = a.source and source_id = a.source_id offset 0) r
      cross join lateral (select key, canonical_source from servers where id = a.server_id offset 0) s
      where ${missedTooFew(o.walksBeforeGone, sql`r`)}
        and not (a.source = ${o.rewriting.source} and a.source_id in (select jsonb_array_elements_text(${jsonb(o.rewriting.sourceIds)})))`,
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
  // One index probe per key (distinctRows).
  const rows = await queryRows<{ key: string }>(
    db,
    sql`select s.key from ${distinctRows(keys)} as k(key) cross join lateral (select key from servers where key = k.key offset 0) s`,
  );
  return new Set(rows.map((r) => r.key));
}
