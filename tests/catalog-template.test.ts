// A new embedded catalog starts from the migrated template the package ships (db/catalog-template.ts) instead of initdb.
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pgliteVersion, readTemplate, templateFile, writeTemplate } from "../db/catalog-template.js";
import { migrationsFolder, openCatalog, PGLITE_SETTINGS } from "../db/client.js";
import { queryRows } from "../db/sql.js";
import { buildTemplate, templateOutdated } from "../scripts/catalog-template.js";

const journalEntries = () => (JSON.parse(readFileSync(join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;

describe("the shipped catalog template", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "mcp-catalog-template-test-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is built by the build script, and a new data directory starts from it: migrated, with the catalog's settings, and reopens", async () => {
    const templateDir = join(dir, "templates");
    writeTemplate(templateDir, await buildTemplate());
    const tarball = readFileSync(templateFile(templateDir, pgliteVersion()));
    expect([...tarball.subarray(0, 2)]).toEqual([0x1f, 0x8b]); // gzip: what npm pack ships stays small

    const dataDir = join(dir, "catalog");
    const first = await openCatalog({ dataDir, templateDir });
    try {
      const [applied] = await queryRows<{ n: number }>(first.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect(applied?.n).toBe(journalEntries());
      await first.db.execute(sql`insert into source_state (source, cursor) values ('registry', 'c1')`);
      for (const [name, value] of Object.entries(PGLITE_SETTINGS)) {
        const [row] = await queryRows<{ setting: string }>(first.db, sql`select current_setting(${name}) as setting`);
        expect(row?.setting).toBe(value);
      }
    } finally {
      await first.close();
    }
    // The second open finds a database there and never loads the template over it.
    const again = await openCatalog({ dataDir, templateDir });
    try {
      expect(await queryRows(again.db, sql`select source, cursor from source_state`)).toEqual([{ source: "registry", cursor: "c1" }]);
    } finally {
      await again.close();
    }
    // A template holding that row: a new data directory that shows it was loaded from the template, not made by initdb.
    const { PGlite } = await import("@electric-sql/pglite");
    const pg = await PGlite.create({ dataDir });
    const marked = new Uint8Array(await (await pg.dumpDataDir("gzip")).arrayBuffer());
    await pg.close();
    const markedDir = join(dir, "marked");
    writeTemplate(markedDir, marked);
    const fromMarked = await openCatalog({ dataDir: join(dir, "second"), templateDir: markedDir });
    try {
      expect(await queryRows(fromMarked.db, sql`select cursor from source_state`)).toEqual([{ cursor: "c1" }]);
    } finally {
      await fromMarked.close();
    }
  }, 300_000); // initdb and three PGlite starts: CPU-bound seconds that a loaded machine stretches

  it("is rebuilt by the build when missing or older than the newest migration", () => {
    expect(templateOutdated(dir)).toBe(true);
    writeFileSync(templateFile(dir, pgliteVersion()), "built");
    expect(templateOutdated(dir)).toBe(false);
    utimesSync(templateFile(dir, pgliteVersion()), new Date(0), new Date(0));
    expect(templateOutdated(dir)).toBe(true);
  });

  it("is only read by the PGlite version that wrote it", () => {
    writeFileSync(templateFile(dir, "0.0.1"), "not this one");
    expect(readTemplate(dir)).toBeUndefined();
    writeFileSync(templateFile(dir, pgliteVersion()), "this one");
    expect(readTemplate(dir)).toBeInstanceOf(Blob);
  });
});
