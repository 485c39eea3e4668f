// The migrated, empty PGlite catalog the package ships: a new data directory starts from it instead of running initdb.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where the shipped template lives: beside the compiled catalog code (dist/db/catalog-template/), written
 * by `npm pack` (scripts/dev/catalog-template.ts). A checkout that never packed has none, and a new data
 * directory runs initdb as before.
 */
export function defaultTemplateDir(): string {
  return fileURLToPath(new URL("./catalog-template", import.meta.url));
}

/** The installed PGlite's version: a data directory is only handed to the PGlite that wrote it. */
export function pgliteVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.resolve("@electric-sql/pglite")));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "@electric-sql/pglite" && pkg.version) return pkg.version;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error("@electric-sql/pglite's package.json not found above its entry point");
    dir = up;
  }
}

export function templateFile(dir: string, version: string): string {
  return join(dir, `pglite-${version}.tar.gz`);
}

/** The template for this PGlite, or undefined when none was shipped for it. */
export function readTemplate(dir: string): Blob | undefined {
  const file = templateFile(dir, pgliteVersion());
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

/** Writes a template (a PGlite `dumpDataDir` tarball of a migrated, empty catalog) for this PGlite. */
export function writeTemplate(dir: string, tarball: Uint8Array): string {
  mkdirSync(dir, { recursive: true });
  const file = templateFile(dir, pgliteVersion());
  writeFileSync(file, tarball);
  return file;
}
