// Small SQL helpers shared by the query modules: excluded.<col> in upserts, rows of a raw query.
import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "./client.js";

/** `excluded.<column>`: the value an upsert proposed for a conflicting row. */
export function excluded(column: PgColumn): SQL {
  return sql.raw(`excluded."${column.name}"`);
}

/** Runs a raw query and returns its rows on either driver (PGlite returns {rows}, postgres.js an array). */
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

interface Internals {
  session: { prepareQuery(query: unknown, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> } };
  dialect: { sqlToQuery(query: SQL): unknown };
}

/**
 * queryRows as a named prepared statement: on Postgres it is parsed once per connection and then costs
 * one round trip a call instead of two (postgres.js describes an unprepared statement before binding
 * it). For the statements a crawl runs thousands of times; PGlite runs it as queryRows would.
 */
export async function preparedRows<T>(db: Db, query: SQL): Promise<T[]> {
  const d = db as unknown as Internals;
  // drizzle prepares any query given a name; postgres.js keys its statements by text, not by this name.
  const result = (await d.session.prepareQuery(d.dialect.sqlToQuery(query), undefined, "catalog", false).execute()) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
