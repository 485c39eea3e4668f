// The benchmark's database side: a raw COPY of the rows a refresh wrote (the floor its ingest is
// measured against), row counts, and a sample of tool names for lookup latency.
import { createReadStream, createWriteStream } from "node:fs";
import { unlink } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import type { Catalog } from "../../../db/client.js";
import { queryRows } from "../../../db/sql.js";
import { copyTextRow } from "./copy-text.js";

/**
 * Every table a refresh's write stages fill, the crawl (which also classifies the tools of the servers
 * its pages create) and the classify stage: referenced tables before the tables that reference them,
 * so the twins can be loaded with their foreign keys in place.
 */
export const WRITTEN_TABLES = ["servers", "source_pages", "server_sources", "server_aliases", "server_categories", "server_popularity", "tools", "overwritten_definitions", "tool_changes", "classifications"] as const;
export type BenchTable = (typeof WRITTEN_TABLES)[number];

export interface CopyTiming {
  table: BenchTable;
  rows: number;
  bytes: number;
  /** Loading the rows with COPY FROM into an empty copy of the table (same columns and indexes). */
  ms: number;
}

const SCHEMA = "bench_copy";

/** Row counts of the tables, as they stand. */
export async function tableRows(catalog: Catalog, tables: readonly BenchTable[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await queryRows<{ n: number }>(catalog.db, sql.raw(`select count(*)::int as n from public.${t}`));
    out[t] = Number(row?.n ?? 0);
  }
  return out;
}

/**
 * Copies each table out (COPY TO) and times loading it back with COPY FROM into an empty twin in a
 * scratch schema of the same database, which is dropped afterwards: `CREATE TABLE … (LIKE … INCLUDING
 * ALL)` gives the same columns, defaults, checks and indexes, and the table's foreign keys are added
 * pointing at the twins of the tables they reference (copied first), so COPY checks each row's
 * reference as the refresh's statements do. On Postgres the dumps go through files in `tmpDir`, on
 * connections of their own to `databaseUrl`.
 */
export async function copyBaseline(catalog: Catalog, tables: readonly BenchTable[], o: { tmpDir: string; databaseUrl?: string }): Promise<CopyTiming[]> {
  const out: CopyTiming[] = [];
  await catalog.db.execute(sql.raw(`drop schema if exists ${SCHEMA} cascade`));
  await catalog.db.execute(sql.raw(`create schema ${SCHEMA}`));
  try {
    for (const table of tables) {
      await catalog.db.execute(sql.raw(`create table ${SCHEMA}.${table} (like public.${table} including all)`));
      for (const fk of await foreignKeys(catalog, table)) await catalog.db.execute(sql.raw(`alter table ${SCHEMA}.${table} add ${fk}`));
      const [row] = await queryRows<{ n: number }>(catalog.db, sql.raw(`select count(*)::int as n from public.${table}`));
      const rows = Number(row?.n ?? 0);
      const timing = catalog.driver === "pglite" ? await copyPglite(catalog, table) : await copyPostgres(o.databaseUrl!, table, o.tmpDir);
      out.push({ table, rows, ...timing });
    }
  } finally {
    await catalog.db.execute(sql.raw(`drop schema if exists ${SCHEMA} cascade`));
  }
  return out;
}

/** The table's foreign keys as `FOREIGN KEY (…) REFERENCES bench_copy.<table>(…) …`, pointing at the twins. */
async function foreignKeys(catalog: Catalog, table: BenchTable): Promise<string[]> {
  const rows = await queryRows<{ def: string }>(
    catalog.db,
    sql`select pg_get_constraintdef(c.oid) as def from pg_constraint c
      where c.contype = 'f' and c.conrelid = ${`public.${table}`}::regclass`,
  );
  return rows.map((r) => r.def.replace(/REFERENCES (?:public\.)?("?)(\w+)\1\(/, (_, __, name: string) => `REFERENCES ${SCHEMA}.${name}(`));
}

interface PgliteClient {
  query(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ blob?: Blob }>;
}

async function copyPglite(catalog: Catalog, table: string): Promise<{ bytes: number; ms: number }> {
  const client = (catalog.db as unknown as { $client: PgliteClient }).$client;
  const dumped = await client.query(`copy public.${table} to '/dev/blob'`);
  const blob = dumped.blob ?? new Blob([]);
  const started = performance.now();
  await client.query(`copy ${SCHEMA}.${table} from '/dev/blob'`, [], { blob });
  return { bytes: blob.size, ms: performance.now() - started };
}

async function copyPostgres(databaseUrl: string, table: string, tmpDir: string): Promise<{ bytes: number; ms: number }> {
  const file = join(tmpDir, `${table}.copy`);
  // The dump and the load on connections of their own (postgres.js hangs a COPY FROM STDIN on a client that streamed a COPY TO STDOUT).
  const out = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const into = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const bytes = await dumpTable(out, table, file);
    // Connected before the clock starts: the refresh's connections are open before its rows are written.
    await into`select 1`;
    const started = performance.now();
    await pipeline(createReadStream(file), await into.unsafe(`copy ${SCHEMA}.${table} from stdin`).writable());
    return { bytes, ms: performance.now() - started };
  } finally {
    await Promise.all([out.end(), into.end()]);
    await unlink(file).catch(() => {});
  }
}

/** Rows a cursor reads at a time when dumping: a few MB of classifications. */
const DUMP_ROWS = 2_000;

/**
 * Writes the table to `file` as `COPY public.<table> TO STDOUT` would, byte for byte, from its rows'
 * raw text values read through a cursor, and returns the bytes written. Not through `COPY … TO STDOUT`:
 * postgres.js's readable for it never ended on the default world's 483 MB of classifications, the
 * server done and the connection idle (porsager/postgres#917); a cursor's batches are ordinary query
 * results, each asked for when the file has taken the last.
 */
export async function dumpTable(sql: postgres.Sql, table: string, file: string): Promise<number> {
  const dump = createWriteStream(file);
  await pipeline(async function* () {
    for await (const rows of sql.unsafe(`select * from public.${table}`).raw().cursor(DUMP_ROWS)) yield Buffer.concat(rows.map((r) => copyTextRow(r)));
  }, dump);
  return dump.bytesWritten;
}

/** Up to `n` distinct current tool names, drawn at random. */
export async function sampleToolNames(catalog: Catalog, n: number): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    catalog.db,
    sql`select name from (select distinct name from tools where removed_at is null) names order by random() limit ${n}`,
  );
  return rows.map((r) => r.name);
}
