// The detail page behind each record of a source (npm's manifest, PyPI's project JSON): validators and outcome, for conditional requests.
import { sql } from "drizzle-orm";
import type { StoredDetail } from "../crawler/plan/details.js";
import type { Db } from "./client.js";
import type { sourceDetails } from "./schema.js";
import { jsonb, queryRows } from "./sql.js";

export type NewSourceDetail = typeof sourceDetails.$inferInsert;

/** What the catalog holds for the details of these records of `source`: validators, outcome, and whether the kept record is still there to stand for a 304. */
export async function storedDetails(db: Db, source: string, sourceIds: readonly string[]): Promise<Map<string, StoredDetail>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await queryRows<{ source_id: string; url: string; etag: string | null; last_modified: string | null; skipped: string | null; list_hash: string; kept: boolean }>(
    db,
    sql`select d.source_id, d.url, d.etag, d.last_modified, d.skipped, d.list_hash,
        (s.id is not null and s.status <> 'gone') as kept
      from source_details d
      left join server_sources ss on ss.source = d.source and ss.source_id = d.source_id
      left join servers s on s.id = ss.server_id
      where d.source = ${source} and d.source_id in (select jsonb_array_elements_text(${jsonb(sourceIds)}))`,
  );
  return new Map(
    rows.map((r) => [r.source_id, { url: r.url, etag: r.etag, lastModified: r.last_modified, skipped: r.skipped, listHash: r.list_hash, recordStored: r.kept === true }]),
  );
}

/** The raw JSON stored for these records of `source`: what a record answered 304 is completed again from. */
export async function storedRaws(db: Db, source: string, sourceIds: readonly string[]): Promise<Map<string, unknown>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await queryRows<{ source_id: string; raw: unknown }>(
    db,
    sql`select source_id, raw from server_sources where source = ${source} and source_id in (select jsonb_array_elements_text(${jsonb(sourceIds)}))`,
  );
  return new Map(rows.map((r) => [r.source_id, r.raw]));
}

/** Stores the details a page read (their validators and outcome) and forgets those that came back without validators. */
export async function writeDetails(db: Db, o: { source: string; rows: readonly NewSourceDetail[]; cleared: readonly string[] }): Promise<void> {
  if (o.rows.length) {
    await queryRows(db, sql`insert into source_details (source, source_id, url, etag, last_modified, skipped, list_hash)
      select source, "sourceId", url, etag, "lastModified", skipped, "listHash"
      from jsonb_to_recordset(${jsonb(o.rows)}) as x(source text, "sourceId" text, url text, etag text, "lastModified" text, skipped text, "listHash" text)
      on conflict (source, source_id) do update set url = excluded.url, etag = excluded.etag, last_modified = excluded.last_modified,
        skipped = excluded.skipped, list_hash = excluded.list_hash`);
  }
  if (o.cleared.length) {
    await queryRows(db, sql`delete from source_details where source = ${o.source} and source_id in (select jsonb_array_elements_text(${jsonb(o.cleared)}))`);
  }
}
