// Small SQL helpers shared by the query modules: excluded.<col> in upserts, rows of a raw query, LIKE literals.
import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "./client.js";

/** `excluded.<column>`: the value an upsert proposed for a conflicting row. */
export function excluded(column: PgColumn): SQL {
  return sql.raw(`excluded."${column.name}"`);
}

/** `text` as a LIKE pattern that matches only itself: its wildcards and the escape character escaped. */
export const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Runs a raw query and returns its rows on either driver (PGlite returns {rows}, postgres.js an array).
 * Deliberately unprepared: a generic plan cached while a crawl's tables are still small goes on being
 * used as they grow (measured at 50,000 servers: twice the database CPU of planning each statement).
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** A transaction handle is a Db for every query function here. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Rows as one jsonb parameter, for `jsonb_to_recordset(...)`: a page of rows is written by one
 * statement with one bound value, which Postgres parses far faster than thousands of parameters
 * (and which has no 65,535-parameter limit).
 */
export function jsonb(value: unknown): SQL {
  return sql`${JSON.stringify(value)}::jsonb`;
}

/**
 * The distinct `values` as rows of one text column, to probe a table once per value:
 * `from ${distinctRows(keys)} as k(key) cross join lateral (select … where key = k.key offset 0) s`.
 * OFFSET 0 keeps each lateral an index probe: a crawl grows its tables faster than autovacuum analyzes
 * them (and some servers run without it), and without statistics the planner matched a page's keys by
 * scanning the whole table, on every page.
 */
export function distinctRows(values: readonly (string | number)[]): SQL {
  return sql`jsonb_array_elements_text(${jsonb([...new Set(values)])})`;
}
