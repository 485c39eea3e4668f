// A throwaway database on a Postgres server, for the tests and the benchmark: created fresh, dropped after.
import { randomBytes } from "node:crypto";
import postgres from "postgres";

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function onServer(base: string, statement: string): Promise<void> {
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(statement);
  } finally {
    await admin.end();
  }
}

/**
 * Creates `<prefix>_<random>` on the server `base` points at (a copy of `template` when given, or an empty
 * database in another `encoding`) and returns its URL.
 */
export async function createScratchDatabase(base: string, prefix: string, options: { template?: string; encoding?: "SQL_ASCII" } = {}): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  // Another encoding than template1's needs template0, which holds no encoding-dependent data.
  const from = options.encoding ? ` template template0 encoding '${options.encoding}'` : options.template ? ` template ${options.template}` : "";
  await onServer(base, `create database ${name}${from}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(base, `drop database if exists ${name} with (force)`),
  };
}
