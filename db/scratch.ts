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

/** Creates `<prefix>_<random>` on the server `base` points at (a copy of `template` when given) and returns its URL. */
export async function createScratchDatabase(base: string, prefix: string, options: { template?: string } = {}): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  await onServer(base, `create database ${name}${options.template ? ` template ${options.template}` : ""}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(base, `drop database if exists ${name} with (force)`),
  };
}
