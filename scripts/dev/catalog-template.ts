// `npm pack` runs this (prepack): builds the migrated, empty PGlite catalog the package ships, so a user's
// first command on a new data directory loads it instead of running initdb (db/catalog-template.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultTemplateDir, writeTemplate } from "../../db/catalog-template.js";
import { openCatalog } from "../../db/client.js";
import { runAsScript } from "../run-as-script.js";

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

runAsScript(import.meta.url, "catalog-template", async () => {
  const file = writeTemplate(defaultTemplateDir(), await buildTemplate());
  process.stderr.write(`catalog-template: wrote ${file}\n`);
  return 0;
});
