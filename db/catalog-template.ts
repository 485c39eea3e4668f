// The migrated, empty PGlite catalog the package ships: a new data directory starts from it instead of running initdb.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeDirectories } from "./data-dir.js";

/**
 * Where the template lives: beside the compiled catalog code (dist/db/catalog-template/), written by
 * `npm run build` (scripts/catalog-template.ts); code run from its sources (the tests) reads the build's.
 * Without one (a PGlite of another version, a tree never built) a new data directory runs initdb.
 */
export function defaultTemplateDir(): string {
  const beside = fileURLToPath(new URL("./catalog-template", import.meta.url));
  const built = fileURLToPath(new URL("../dist/db/catalog-template", import.meta.url));
  return !existsSync(beside) && existsSync(built) ? built : beside;
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

/**
 * Writes a template (a PGlite `dumpDataDir` tarball of a migrated, empty catalog) for this PGlite: beside
 * it first, then renamed into place, so a catalog created meanwhile (or a second build racing this one)
 * never reads half a file.
 */
export function writeTemplate(dir: string, tarball: Uint8Array): string {
  makeDirectories(dir);
  const file = templateFile(dir, pgliteVersion());
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, tarball);
  renameSync(partial, file);
  return file;
}
