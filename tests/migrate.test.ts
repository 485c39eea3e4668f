// Opening the catalog applies the migrations the database lacks, and only checks when it lacks none.
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsFolder, openCatalog, type Catalog } from "../db/client.js";
import { knownMigrations, NewerCatalogError, unknownMigrations } from "../db/schema-migrations.js";
import { queryRows } from "../db/sql.js";
import { createScratchDatabase, DRIVERS } from "./helpers/catalog.js";
import { runCli } from "./helpers/cli.js";
import { migratedDataDir } from "./helpers/snapshot-catalog.js";
import { scratchBase } from "./helpers/templates.js";

interface Journal {
  entries: { when: number; tag: string }[];
}

const journal = JSON.parse(readFileSync(join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as Journal;

/** The committed migrations before the one tagged `tag`: a database that stopped at that release. */
function folderBefore(dir: string, tag: string): string {
  const at = journal.entries.findIndex((e) => e.tag === tag);
  if (at < 0) throw new Error(`no migration ${tag}`);
  const folder = join(dir, `migrations-before-${tag}`);
  cpSync(migrationsFolder(), folder, { recursive: true });
  writeFileSync(join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return folder;
}

async function applied(catalog: Catalog): Promise<number[]> {
  const rows = await queryRows<{ at: string }>(catalog.db, sql`select created_at::text as at from drizzle.__drizzle_migrations order by created_at`);
  return rows.map((r) => Number(r.at));
}

it("a catalog's migration is known by its time and its hash, in either line ending; any other is unknown", () => {
  const known = knownMigrations(migrationsFolder());
  const first = readFileSync(join(migrationsFolder(), `${known[0]!.tag}.sql`), "utf8");
  const sha = (text: string) => createHash("sha256").update(text).digest("hex");
  const at = (when: number, hash: string, index = 0) => ({ index, when, hash });
  expect(unknownMigrations([at(known[0]!.when, sha(first)), at(known[0]!.when, sha(first.replace(/\n/g, "\r\n")))], known)).toEqual([]);
  // Another build's contents at a time this release knows; a time it does not know, before or after its newest.
  expect(unknownMigrations([at(known[0]!.when, sha(`${first}\n-- edited`))], known)).toHaveLength(1);
  expect(unknownMigrations([at(known[0]!.when + 1, sha(first)), at(known.at(-1)!.when + 1, "h", 1)], known)).toHaveLength(2);
});

describe.each(DRIVERS)("opening the catalog (%s)", (driver) => {
  let dir: string;
  let open: () => Promise<Catalog>;
  /** The environment a CLI run opens the same catalog with. */
  let env: Record<string, string>;
  let drop = async () => {};
  beforeAll(async () => {
    dir = mkdtempSync(join(scratchBase(), "mcp-catalog-migrate-test-"));
    if (driver === "postgres") {
      const db = await createScratchDatabase();
      drop = db.drop;
      open = () => openCatalog({ databaseUrl: db.url, dataDir: "unused" });
      env = { DATABASE_URL: db.url };
    } else {
      // A copy of the run's migrated catalog rather than a first open's template and migrations: each test below
      // empties it and migrates it back to where it wants it.
      await migratedDataDir(join(dir, "catalog"));
      open = () => openCatalog({ dataDir: join(dir, "catalog") });
      env = { CATALOG_DATA_DIR: join(dir, "catalog") };
    }
  });
  afterAll(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Back to the schema before the migration tagged `tag`: drizzle's own migrator over the shorter journal,
   * on a database emptied of what opening it applied.
   */
  async function migrateBefore(catalog: Catalog, tag: string): Promise<void> {
    await catalog.db.execute(sql`drop schema public cascade`);
    await catalog.db.execute(sql`drop schema drizzle cascade`);
    await catalog.db.execute(sql`create schema public`);
    const { migrate } = await import(driver === "postgres" ? "drizzle-orm/postgres-js/migrator" : "drizzle-orm/pglite/migrator");
    await migrate(catalog.db as never, { migrationsFolder: folderBefore(dir, tag) });
  }

  it("applies the newest migration to a schema one migration behind, and opens a current one as it is", async () => {
    const stale = await open();
    try {
      await migrateBefore(stale, journal.entries.at(-1)!.tag);
      expect(await applied(stale)).toEqual(journal.entries.slice(0, -1).map((e) => e.when));
    } finally {
      await stale.close();
    }
    const reopened = await open();
    try {
      // drizzle records a migration in the transaction that ran its statements.
      expect(await applied(reopened)).toEqual(journal.entries.map((e) => e.when));
    } finally {
      await reopened.close();
    }
    // Current: opening again applies nothing and records nothing twice.
    const current = await open();
    try {
      expect(await applied(current)).toEqual(journal.entries.map((e) => e.when));
    } finally {
      await current.close();
    }
  }, 120_000);

  it("refuses a catalog a newer mcp-catalog migrated, on every command, and changes nothing in it", async () => {
    const newest = journal.entries.at(-1)!;
    const later = newest.when + 86_400_000;
    const catalog = await open();
    const recorded = async (c: Catalog) => queryRows<{ hash: string; at: string }>(c.db, sql`select hash, created_at::text as at from drizzle.__drizzle_migrations order by id`);
    let before: { hash: string; at: string }[];
    try {
      // What a release with two more migrations leaves: drizzle's records of them, generated after this release's newest.
      await catalog.db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('a1', ${later}), ('a2', ${later + 1000})`);
      before = await recorded(catalog);
    } finally {
      await catalog.close();
    }
    const refusal = await open().then(
      async (c) => {
        await c.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(NewerCatalogError);
    const migrations = journal.entries.length;
    const message = `was written by a newer mcp-catalog: it has 2 schema migrations this one does not know, the newest its migration ${migrations + 1}, generated ${new Date(later + 1000).toISOString()}; this one knows up to ${newest.tag} (migration ${migrations - 1}, generated ${new Date(newest.when).toISOString()}). Upgrade mcp-catalog to open it`;
    expect((refusal as Error).message).toContain(message);
    for (const argv of [["migrate"], ["risk", "read_file"], ["serve", "--port", "0"], ["mcp"]]) {
      const r = await runCli(argv, env);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe("");
    }
    const after = await open().catch(() => undefined);
    expect(after).toBeUndefined();
    // Nothing was migrated or written: read it as the newer release would, without this one's check.
    const raw = await openCatalog({ ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}), dataDir: join(dir, "catalog"), migrate: false });
    try {
      expect(await recorded(raw)).toEqual(before!);
      expect(await queryRows(raw.db, sql`select id from crawl_runs`)).toEqual([]);
      // Another build's contents at a time this release knows: refused too, as another build's.
      await raw.db.execute(sql`delete from drizzle.__drizzle_migrations where hash in ('a1', 'a2')`);
      await raw.db.execute(sql`update drizzle.__drizzle_migrations set hash = 'edited' where created_at = ${newest.when}`);
    } finally {
      await raw.close();
    }
    const other = await runCli(["policy", "x"], env);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`was written by another build of mcp-catalog: it has 1 schema migration this one does not ship (the newest its migration ${migrations - 1}, generated ${new Date(newest.when).toISOString()})`);
    // Back to this release's own record, for the tests below.
    const fix = await openCatalog({ ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}), dataDir: join(dir, "catalog"), migrate: false });
    try {
      const ours = knownMigrations(migrationsFolder()).at(-1)!.hashes[0]!;
      await fix.db.execute(sql`update drizzle.__drizzle_migrations set hash = ${ours} where created_at = ${newest.when}`);
    } finally {
      await fix.close();
    }
    await (await open()).close();
  }, 120_000);

  it("0016 gives each change before it the category of its definition when the catalog still has that classification", async () => {
    const old = await open();
    try {
      await migrateBefore(old, "0016_change_categories_and_lookalikes");
      await old.db.execute(sql`insert into servers (key, canonical_source, canonical_rank, content_hash) values ('io.github.acme/menu', 'registry:x', 30, 'h')`);
      // menu: read when added (h1), destructive after its description changed (h2), classified as it is now.
      // stale: classified as h3, changed to h4 and not classified since. gone: removed.
      await old.db.execute(sql`insert into tools (server_id, name, content_hash, origin) select id, t.name, t.hash, 'live' from servers,
        (values ('menu', 'h2'), ('stale', 'h4'), ('gone', 'h5')) t(name, hash)`);
      await old.db.execute(sql`insert into classifications (tool_id, classifier_version, content_hash, category, risk, confidence, signals, rationale, evidence, rule, method)
        select t.id, 'v', c.hash, c.category, 'low', 0.9, '[]', '', '[]', '{}', 'rules' from tools t
        join (values ('menu', 'h2', 'destructive'), ('stale', 'h3', 'write'), ('gone', 'h5', 'read')) c(name, hash, category) on c.name = t.name`);
      await old.db.execute(sql`insert into tool_changes (server_id, tool_name, kind, old_hash, new_hash, run_id) select s.id, c.name, c.kind, c.old, c.new, c.run from servers s,
        (values ('menu', 'added', null, 'h1', 1), ('menu', 'description_changed', 'h1', 'h2', 2),
          ('stale', 'added', null, 'h3', 1), ('stale', 'description_changed', 'h3', 'h4', 2),
          ('gone', 'added', null, 'h5', 1), ('gone', 'removed', 'h5', null, 2)) c(name, kind, old, new, run)`);
    } finally {
      await old.close();
    }
    const upgraded = await open();
    try {
      const rows = await queryRows<{ tool_name: string; kind: string; category: string | null }>(upgraded.db, sql`select tool_name, kind, category from tool_changes order by id`);
      expect(rows.map((r) => [r.tool_name, r.kind, r.category])).toEqual([
        ["menu", "added", null],
        ["menu", "description_changed", "destructive"],
        ["stale", "added", "write"],
        ["stale", "description_changed", null],
        ["gone", "added", "read"],
        ["gone", "removed", null],
      ]);
    } finally {
      await upgraded.close();
    }
  }, 120_000);

  it("0020 gives a tool's return without a class the category of its definition when the catalog still has that classification", async () => {
    const old = await open();
    try {
      await migrateBefore(old, "0020_returned_tool_change_categories");
      await old.db.execute(sql`insert into servers (key, canonical_source, canonical_rank, content_hash) values ('io.github.acme/files', 'registry:x', 30, 'h')`);
      // wipe: destructive, removed and listed again unchanged. note: changed (h3) before it was removed and listed again as h2.
      await old.db.execute(sql`insert into tools (server_id, name, content_hash, origin) select id, t.name, t.hash, 'live' from servers,
        (values ('wipe', 'h1'), ('note', 'h2')) t(name, hash)`);
      await old.db.execute(sql`insert into classifications (tool_id, classifier_version, content_hash, category, risk, confidence, signals, rationale, evidence, rule, method)
        select t.id, 'v', c.hash, c.category, 'low', 0.9, '[]', '', '[]', '{}', 'rules' from tools t
        join (values ('wipe', 'h1', 'destructive'), ('note', 'h3', 'read')) c(name, hash, category) on c.name = t.name`);
      await old.db.execute(sql`insert into tool_changes (server_id, tool_name, kind, old_hash, new_hash, details, run_id, category) select s.id, c.name, c.kind, c.old, c.new, c.details::jsonb, c.run, c.category from servers s,
        (values ('wipe', 'added', null, 'h1', null, 1, 'destructive'), ('wipe', 'removed', 'h1', null, null, 2, null), ('wipe', 'added', 'h1', 'h1', '{"reappeared": true}', 3, null),
          ('note', 'added', null, 'h2', null, 1, null), ('note', 'description_changed', 'h2', 'h3', null, 2, 'read'),
          ('note', 'removed', 'h3', null, null, 3, null), ('note', 'added', 'h3', 'h2', '{"reappeared": true}', 4, null)) c(name, kind, old, new, details, run, category)`);
    } finally {
      await old.close();
    }
    const upgraded = await open();
    try {
      const rows = await queryRows<{ tool_name: string; kind: string; category: string | null }>(upgraded.db, sql`select tool_name, kind, category from tool_changes order by id`);
      expect(rows.map((r) => [r.tool_name, r.kind, r.category])).toEqual([
        ["wipe", "added", "destructive"],
        ["wipe", "removed", null],
        ["wipe", "added", "destructive"],
        ["note", "added", null],
        ["note", "description_changed", "read"],
        ["note", "removed", null],
        ["note", "added", null],
      ]);
    } finally {
      await upgraded.close();
    }
  }, 120_000);

  it("0021 takes a server for listed for its record unless a run that began after its listing changed it", async () => {
    const old = await open();
    try {
      await migrateBefore(old, "0021_introspected_hash");
      await old.db.execute(sql`insert into crawl_runs (id, started_at, status, options) overriding system value values
        (1, '2026-01-01T00:00:00Z', 'succeeded', '{}'), (2, '2026-02-01T00:00:00Z', 'failed', '{}')`);
      // listed: changed by run 1, listed after it began. stopped: changed by run 2, which stopped before its listing stage.
      await old.db.execute(sql`insert into servers (key, canonical_source, canonical_rank, content_hash, changed_run_id, introspected_at) values
        ('listed', 'registry:a', 30, 'h1', 1, '2026-01-01T00:10:00Z'), ('stopped', 'registry:b', 30, 'h2', 2, '2026-01-01T00:10:00Z'),
        ('never', 'registry:c', 30, 'h3', 1, null)`);
    } finally {
      await old.close();
    }
    const upgraded = await open();
    try {
      const rows = await queryRows<{ key: string; introspected_hash: string | null }>(upgraded.db, sql`select key, introspected_hash from servers order by key`);
      expect(rows.map((r) => [r.key, r.introspected_hash])).toEqual([
        ["listed", "h1"],
        ["never", null],
        ["stopped", null],
      ]);
    } finally {
      await upgraded.close();
    }
  }, 120_000);
  it("0022 moves what a successful listing noted out of the listing error, and leaves failures there", async () => {
    const old = await open();
    const failures = ["timeout: no answer", "attempt 2 of 4, will retry: connect: ECONNREFUSED", "dead-lettered after 1 attempt: protocol: x", "error: boom", "install: not an npm package name: /tmp/x"];
    const notes = [
      'skipped 1 tool: page 1 tool 0: invalid (name: missing)',
      'skipped 2 tools: name "query": 2 tools with different definitions; none of them is kept; truncated: maxTools',
      "dropped 3 annotation hints of the wrong type, the tools kept: …",
      "truncated: maxPages",
      "NUL bytes or lone surrogates replaced by U+FFFD",
    ];
    try {
      await migrateBefore(old, "0022_introspection_notes");
      for (const [i, text] of [...failures, ...notes].entries()) {
        await old.db.execute(sql`insert into servers (key, canonical_source, canonical_rank, content_hash, introspected_at, introspection_error, catalog_updated_at)
          values (${`s${i}`}, 'registry:x', 30, 'h', '2026-01-01T00:00:00Z', ${text}, '2026-01-01T00:00:00Z')`);
      }
    } finally {
      await old.close();
    }
    const upgraded = await open();
    try {
      const rows = await queryRows<{ error: string | null; notes: string | null; moved: boolean }>(
        upgraded.db,
        sql`select introspection_error as error, introspection_notes as notes, catalog_updated_at > '2026-01-01T00:00:00Z' as moved from servers order by id`,
      );
      expect(rows).toEqual([...failures.map((error) => ({ error, notes: null, moved: false })), ...notes.map((n) => ({ error: null, notes: n, moved: true }))]);
    } finally {
      await upgraded.close();
    }
  }, 120_000);
  it("0023 counts a record its source's last complete walk did not list as missed once, the rest as not missed", async () => {
    const old = await open();
    try {
      await migrateBefore(old, "0023_missed_walks");
      await old.db.execute(sql`insert into servers (id, key, canonical_source, canonical_rank, content_hash) overriding system value values (1, 's', 'pulsemcp:a', 30, 'h')`);
      // pulsemcp's last complete walk started in run 5; glama has never completed one.
      await old.db.execute(sql`insert into source_state (source, full_run_id) values ('pulsemcp', 5), ('glama', null)`);
      await old.db.execute(sql`insert into source_pages (id, source, url, seen_run_id) overriding system value values (1, 'pulsemcp', 'p1', 5), (2, 'pulsemcp', 'p2', 4), (3, 'glama', 'g1', 1)`);
      await old.db.execute(sql`insert into server_sources (source, source_id, server_id, is_latest, raw, content_hash, page_id) values
        ('pulsemcp', 'listed', 1, true, '{}', 'h', 1), ('pulsemcp', 'old-page', 1, true, '{}', 'h', 2), ('pulsemcp', 'no-page', 1, true, '{}', 'h', null),
        ('glama', 'never-walked', 1, true, '{}', 'h', 3)`);
    } finally {
      await old.close();
    }
    const upgraded = await open();
    try {
      const rows = await queryRows<{ source_id: string; missed_walks: number }>(upgraded.db, sql`select source_id, missed_walks from server_sources order by source_id`);
      expect(rows.map((r) => [r.source_id, r.missed_walks])).toEqual([
        ["listed", 0],
        ["never-walked", 0],
        ["no-page", 1],
        ["old-page", 1],
      ]);
    } finally {
      await upgraded.close();
    }
  }, 120_000);

  it("0025 gives each alias to every record of its source on its server, drops one no such record can assert, and records no identity rules", async () => {
    const old = await open();
    try {
      await migrateBefore(old, "0025_record_aliases");
      await old.db.execute(sql`insert into servers (id, key, canonical_source, canonical_rank, content_hash) overriding system value
        values (1, 'io.github.acme/x', 'registry:io.github.acme/x@2', 30, 'h'), (2, 'github.com/acme/y', 'glama:y', 20, 'h')`);
      await old.db.execute(sql`insert into server_sources (source, source_id, server_id, is_latest, raw, content_hash) values
        ('registry', 'io.github.acme/x@1', 1, false, '{}', 'h'), ('registry', 'io.github.acme/x@2', 1, true, '{}', 'h'), ('glama', 'y', 2, true, '{}', 'h')`);
      // The glama alias on server 1 was left behind by a record since moved to server 2.
      await old.db.execute(sql`insert into server_aliases (kind, value, server_id, source) values
        ('registry', 'io.github.acme/x', 1, 'registry'), ('repo', 'github.com/acme/x', 1, 'registry'), ('glama', 'y', 1, 'glama'), ('glama', 'y', 2, 'glama')`);
      await old.db.execute(sql`insert into source_state (source, full_run_id) values ('registry', 5)`);
    } finally {
      await old.close();
    }
    const upgraded = await open();
    try {
      const rows = await queryRows<{ kind: string; value: string; server_id: number; source: string; source_id: string }>(
        upgraded.db,
        sql`select kind, value, server_id, source, source_id from server_aliases order by source, source_id, kind`,
      );
      expect(rows).toEqual([
        { kind: "glama", value: "y", server_id: 2, source: "glama", source_id: "y" },
        { kind: "registry", value: "io.github.acme/x", server_id: 1, source: "registry", source_id: "io.github.acme/x@1" },
        { kind: "repo", value: "github.com/acme/x", server_id: 1, source: "registry", source_id: "io.github.acme/x@1" },
        { kind: "registry", value: "io.github.acme/x", server_id: 1, source: "registry", source_id: "io.github.acme/x@2" },
        { kind: "repo", value: "github.com/acme/x", server_id: 1, source: "registry", source_id: "io.github.acme/x@2" },
      ]);
      expect(await queryRows(upgraded.db, sql`select source, identity_rules_version, crawl_rederives from source_state`)).toEqual([
        { source: "registry", identity_rules_version: null, crawl_rederives: false },
      ]);
    } finally {
      await upgraded.close();
    }
  }, 120_000);
});

describe.skipIf(!process.env.DATABASE_URL)("opening a catalog in a database that is not UTF8", () => {
  it("stops at the migration whose index needs Unicode normalization, saying what to do", async () => {
    const db = await createScratchDatabase({ encoding: "SQL_ASCII" });
    try {
      const r = await runCli(["migrate"], { DATABASE_URL: db.url });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^mcp-catalog migrate: cannot migrate the catalog at postgres:\/\/\S+: the catalog needs a UTF8 database \(this one is SQL_ASCII\): create one with ENCODING 'UTF8' and point DATABASE_URL at it/);
      // The step in words, naming the migration, not a fragment of its SQL (`during DO $$ BEGIN IF getdatabaseencoding`).
      expect(r.stderr).toMatch(/\(code P0001\) while applying schema migration 0016_change_categories_and_lookalikes\n$/);
    } finally {
      await db.drop();
    }
  }, 120_000);
});
