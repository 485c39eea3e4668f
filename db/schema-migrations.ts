// The schema migrations this release ships and those a catalog has applied: which of the catalog's it does not know
// (a newer release wrote them), and the error that refuses such a catalog.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { Db } from "./client.js";
import { queryRows } from "./sql.js";

/** A migration of this release: drizzle-kit's tag and when it was generated (what drizzle records it by). */
export interface KnownMigration {
  /** Its number in this release's journal (0 for 0000_…). */
  index: number;
  tag: string;
  when: number;
  /** The SHA-256 drizzle records, of the file as read and of the file with the other line endings (see knownMigrations). */
  hashes: string[];
}

/** A migration the catalog records as applied (drizzle.__drizzle_migrations): its hash and generation time. */
export interface AppliedMigration {
  /** Its place among the catalog's applied migrations, oldest first (0 for the first). */
  index: number;
  hash: string;
  when: number;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * This release's migrations, oldest first. drizzle records the hash of a file's text as read, so a checkout that
 * turned its line endings into CRLF (git's autocrlf on Windows) records other hashes for the same migrations:
 * both forms count as known.
 */
export function knownMigrations(folder: string): KnownMigration[] {
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as { entries: { when: number; tag: string }[] };
  return journal.entries.map((e, index) => {
    const text = readFileSync(join(folder, `${e.tag}.sql`), "utf8");
    const lf = text.replace(/\r\n/g, "\n");
    return { index, tag: e.tag, when: e.when, hashes: [...new Set([sha256(text), sha256(lf), sha256(lf.replace(/\n/g, "\r\n"))])] };
  });
}

/** The migrations the catalog has applied, oldest first; undefined when it records none (a new database). */
export async function appliedMigrations(db: Db): Promise<AppliedMigration[] | undefined> {
  const [table] = await queryRows<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!table?.present) return undefined;
  const rows = await queryRows<{ hash: string; at: string }>(db, sql`select hash, created_at::text as at from drizzle.__drizzle_migrations order by created_at, id`);
  return rows.map((r, index) => ({ index, hash: r.hash, when: Number(r.at) }));
}

/**
 * The catalog's migrations this release does not ship: generated at a time none of its own was (a newer release's),
 * or at one of its times with other contents (another build's). Pure.
 */
export function unknownMigrations(applied: readonly AppliedMigration[], known: readonly KnownMigration[]): AppliedMigration[] {
  const byTime = new Map(known.map((k) => [k.when, k]));
  return applied.filter((a) => !byTime.get(a.when)?.hashes.includes(a.hash));
}

/** The migration in `folder` one of whose statements `query` is, as drizzle's migrator splits and runs them: where it stopped. */
export function migrationOfStatement(folder: string, known: readonly KnownMigration[], query: string): KnownMigration | undefined {
  const file = readMigrationFiles({ migrationsFolder: folder }).find((m) => m.sql.includes(query));
  return file && known.find((k) => k.when === file.folderMillis);
}

const instant = (ms: number) => new Date(ms).toISOString();

/**
 * The catalog records migrations this release does not know: a newer mcp-catalog (or another build) wrote its
 * schema. Opening it would read tables it has changed and write rows without what its migrations fill in, so no
 * command does; upgrading mcp-catalog is the way on.
 */
export class NewerCatalogError extends Error {
  constructor(
    /** The data directory, or the redacted URL. */
    readonly location: string,
    readonly unknown: readonly AppliedMigration[],
    readonly newestKnown: KnownMigration,
  ) {
    const newest = unknown.reduce((a, b) => (b.when > a.when ? b : a));
    const knows = `this one knows up to ${newestKnown.tag} (migration ${newestKnown.index}, generated ${instant(newestKnown.when)})`;
    const count = unknown.length === 1 ? "1 schema migration" : `${unknown.length} schema migrations`;
    super(
      newest.when > newestKnown.when
        ? `the catalog at ${location} was written by a newer mcp-catalog: it has ${count} this one does not know, the newest its migration ${newest.index}, generated ${instant(newest.when)}; ${knows}. Upgrade mcp-catalog to open it (this one would misread it and write rows the newer one cannot trust)`
        : `the catalog at ${location} was written by another build of mcp-catalog: it has ${count} this one does not ship (the newest its migration ${newest.index}, generated ${instant(newest.when)}); ${knows}. Open it with the mcp-catalog that wrote it, or a newer release`,
    );
    this.name = "NewerCatalogError";
  }
}
