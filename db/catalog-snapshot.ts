// The catalog's state as Postgres names it: the snapshot a query taken now would read under.
import { sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { queryRows } from "./sql.js";

/**
 * `pg_current_snapshot()` as text (xmin:xmax:the transactions in progress). Two equal snapshots see the
 * same committed rows: any write that commits or starts since changes it (a write takes a transaction id,
 * which moves xmax or leaves the in-progress list), whichever process or connection made it, while reads
 * leave it as it is. Writes outside the catalog (the queue's tables, another database on the server)
 * change it too: a spurious difference, never a missed one.
 */
export async function catalogSnapshot(db: Db): Promise<string> {
  const [row] = await queryRows<{ snapshot: string }>(db, sql`select pg_current_snapshot()::text as snapshot`);
  return row!.snapshot;
}
