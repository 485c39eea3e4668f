// `npm run build` runs this after compiling: the migrated, empty PGlite catalog a new data directory starts
// from instead of initdb (db/catalog-template.ts). Built once per PGlite version, and again when a migration
// is newer than it, so a git checkout, the tests, the benchmark and the packed package all start from it.
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultTemplateDir, pgliteVersion, templateFile, writeTemplate } from "../db/catalog-template.js";
import { migrationsFolder, openCatalog } from "../db/client.js";
import { runAsScript } from "./run-as-script.js";

/** A PGlite `dumpDataDir` tarball (gzip) of a catalog created and migrated as the CLI creates one. */
export async function buildTemplate(): Promise<Uint8Array> {
  const dataDir = mkdtempSync(join(tmpdir(), "mcp-catalog-template-"));
  try {
    // Built by initdb and the migrations, as the CLI creates a catalog, never from an older template.
    await (await openCatalog({ dataDir, templateDir: join(dataDir, "no-template") })).close();
    // Only the files are dumped: PGlite opened bare is enough (the catalog's settings live in its postgresql.conf).
    const { PGlite } = await import("@electric-sql/pglite");
    const pg = await PGlite.create({ dataDir });
    try {
      // CHECKPOINT first: the tarball then carries the data files, not a WAL to replay at every first start.
      await pg.exec("checkpoint");
      return new Uint8Array(await (await pg.dumpDataDir("gzip")).arrayBuffer());
    } finally {
      await pg.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Whether `dir` lacks a template for this PGlite, or holds one older than the newest migration. */
export function templateOutdated(dir: string): boolean {
  const file = templateFile(dir, pgliteVersion());
  return !existsSync(file) || statSync(file).mtimeMs < statSync(join(migrationsFolder(), "meta", "_journal.json")).mtimeMs;
}

runAsScript(import.meta.url, "catalog-template", async () => {
  const dir = defaultTemplateDir();
  if (!templateOutdated(dir)) return 0;
  const file = writeTemplate(dir, await buildTemplate());
  process.stderr.write(`catalog-template: wrote ${file}\n`);
  return 0;
});
