// Catalogs built once per test run and copied for each test file that asks: a PGlite data directory copied on disk,
// a Postgres database created from a template database. Building one costs seconds of CPU (PGlite's initdb alone
// about 5 s, a snapshot refresh about 10 s more); copying it a fraction of one.
import { accessSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { inject } from "vitest";
import { openCatalog } from "../../db/client.js";
import { createScratchDatabase as createScratch } from "../../db/scratch.js";
import type { DriverName } from "./catalog.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Set by tests/helpers/global-setup.ts: this run's template directory and template database prefix. */
    catalogTemplates: TemplateRun;
  }
}

export interface TemplateRun {
  /** PGlite templates live in here, one data directory each, removed when the run ends. */
  dir: string;
  /** Template databases are named `<prefix>_<name>` and dropped when the run ends. */
  databasePrefix: string;
}

/** Where a catalog lives, in the shape `openCatalog` takes. */
export interface CatalogLocation {
  databaseUrl?: string;
  dataDir: string;
}

export interface CatalogCopy {
  location: CatalogLocation;
  drop(): Promise<void>;
}

const SCRATCH_PREFIX = "mcp_catalog_test";

/** The build of the "migrated" template every empty test catalog starts from: the schema, no rows. */
export async function migrateInto(location: CatalogLocation): Promise<void> {
  await (await openCatalog(location)).close();
}

/** Each template is built at most once per run (onceInRun); this worker's own callers share one promise. */
const built = new Map<string, Promise<string>>();

/**
 * A new catalog holding what template `name` holds. The first call in the run builds the template by
 * calling `build` with an empty location (nothing is migrated yet); every call returns a private copy.
 */
export async function catalogFromTemplate(driver: DriverName, name: string, build: (location: CatalogLocation) => Promise<void>): Promise<CatalogCopy> {
  const template = await templateOf(driver, name, build);
  return driver === "postgres" ? copyPostgres(template) : copyPglite(template);
}

/** Template `name` copied into PGlite data directory `dataDir`, for a test that chooses where its catalog lives. */
export async function copyPgliteTemplate(name: string, build: (location: CatalogLocation) => Promise<void>, dataDir: string): Promise<void> {
  cpSync(await templateOf("pglite", name, build), dataDir, { recursive: true });
}

/** The template's data directory (pglite) or database name (postgres), built on first use. */
function templateOf(driver: DriverName, name: string, build: (location: CatalogLocation) => Promise<void>): Promise<string> {
  const key = `${driver}:${name}`;
  let template = built.get(key);
  if (!template) {
    template = driver === "postgres" ? buildPostgresTemplate(name, build) : buildPgliteTemplate(name, build);
    built.set(key, template);
    // A failed build is retried by the next caller rather than failing every later file the same way.
    template.catch(() => built.delete(key));
  }
  return template;
}

function run(): TemplateRun {
  const provided = inject("catalogTemplates");
  if (!provided) throw new Error("catalog templates need tests/helpers/global-setup.ts in vitest.config.ts's globalSetup");
  return provided;
}

/**
 * The path of file or directory `name` in this run's template directory, made by `build(path)` the first time any
 * worker asks. Each builder writes beside it and renames into place, so no one ever reads a half-built one.
 */
async function runArtifact(name: string, build: (path: string) => Promise<void>): Promise<string> {
  const target = join(run().dir, name);
  await onceInRun(name, () => existsSync(target), async () => {
    const scratch = mkdtempSync(join(run().dir, `${name}.building-`));
    try {
      await build(join(scratch, name));
      renameSync(join(scratch, name), target);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
  return target;
}

const CLAIM_POLL_MS = 100;

/**
 * Runs `build` unless `done()`, in one worker of the run at a time: the first to ask claims `name` (an atomic
 * mkdir) and builds; another worker asking meanwhile waits for the claim to go instead of building the same
 * thing beside it (initdb or a snapshot refresh: seconds of CPU on a machine whose cores both workers share).
 * A builder that failed leaves no claim, and the next to ask builds.
 */
async function onceInRun(name: string, done: () => boolean | Promise<boolean>, build: () => Promise<void>): Promise<void> {
  const claim = join(run().dir, `${name}.claim`);
  for (;;) {
    if (await done()) return;
    try {
      mkdirSync(claim);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      while (existsSync(claim)) await new Promise((r) => setTimeout(r, CLAIM_POLL_MS));
      continue;
    }
    try {
      if (!(await done())) await build();
      return;
    } finally {
      rmSync(claim, { recursive: true, force: true });
    }
  }
}

function buildPgliteTemplate(name: string, build: (location: CatalogLocation) => Promise<void>): Promise<string> {
  return runArtifact(`pglite-${name}`, (dataDir) => build({ dataDir }));
}

/**
 * A tarball as PGlite's loader reads it (`arrayBuffer()`, a fresh copy each time). Node 20's Blob copies its bytes
 * in when made and reads them back in small chunks: a new Blob per catalog cost ~0.3 s of CPU to make and ~0.25 s
 * to read for the 41 MB migrated template, where one kept per worker and copied whole costs a few milliseconds.
 */
class TarballBlob extends Blob {
  readonly #bytes: Uint8Array<ArrayBuffer>;
  constructor(bytes: Uint8Array<ArrayBuffer>) {
    super([bytes]);
    this.#bytes = bytes;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes.slice().buffer);
  }
}

/** This worker's tarballs, read once each (the file never changes during a run). */
const tarballs = new Map<string, Promise<Blob>>();

/**
 * Template `name` as a PGlite data directory tarball, for `openCatalog({ dataDir: "memory://", loadDataDir })`:
 * an in-memory catalog without initdb.
 */
export function pgliteTemplateTarball(name: string, build: (location: CatalogLocation) => Promise<void>): Promise<Blob> {
  let tarball = tarballs.get(name);
  if (!tarball) {
    tarball = readTarball(name, build);
    tarballs.set(name, tarball);
    tarball.catch(() => tarballs.delete(name));
  }
  return tarball;
}

async function readTarball(name: string, build: (location: CatalogLocation) => Promise<void>): Promise<Blob> {
  const path = await runArtifact(`pglite-${name}.tar`, async (tarball) => {
    const copy = await catalogFromTemplate("pglite", name, build);
    try {
      const { PGlite } = await import("@electric-sql/pglite");
      const pg = await PGlite.create({ dataDir: copy.location.dataDir });
      try {
        writeFileSync(tarball, Buffer.from(await (await pg.dumpDataDir("none")).arrayBuffer()));
      } finally {
        await pg.close();
      }
    } finally {
      await copy.drop();
    }
  });
  return new TarballBlob(new Uint8Array(readFileSync(path)));
}

/** Room a run's templates and copies need at most at once (a PGlite data directory is about 40 MB, 1,064 files). */
const SCRATCH_ROOM = 2 * 1024 ** 3;

/**
 * Where catalog templates and their copies live: a memory file system when there is one with room, else the temp
 * dir. A PGlite copy is 1,064 files: on this ext4 disk (mounted with discard) copying one took ~1 s and removing it
 * ~2.7 s of wall time, on /dev/shm 0.4 s and 0.1 s, and PGlite's own writes to it go no further than memory either.
 * A container's /dev/shm is often 64 MB: too small, so the temp dir.
 */
export function scratchBase(): string {
  const shm = "/dev/shm";
  try {
    accessSync(shm, constants.W_OK);
    const fs = statfsSync(shm);
    if (fs.bavail * fs.bsize >= SCRATCH_ROOM) return shm;
  } catch {
    // No /dev/shm (macOS) or not ours to write: the temp dir.
  }
  return tmpdir();
}

function copyPglite(template: string): CatalogCopy {
  // In the run's directory: removed with it at the end of the run if a test file never drops its copy.
  const dir = mkdtempSync(join(run().dir, "mcp-catalog-cli-"));
  const dataDir = join(dir, "db");
  cpSync(template, dataDir, { recursive: true });
  return { location: { dataDir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

function serverUrl(): string {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set");
  return base;
}

async function onServer<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres(serverUrl(), { max: 1, onnotice: () => {} });
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

async function buildPostgresTemplate(name: string, build: (location: CatalogLocation) => Promise<void>): Promise<string> {
  const target = `${run().databasePrefix}_${name}`;
  const exists = async () => (await onServer((sql) => sql`select 1 from pg_database where datname = ${target}`)).length > 0;
  await onceInRun(`postgres-${name}`, exists, async () => {
    const scratch = await createScratch(serverUrl(), SCRATCH_PREFIX);
    try {
      await build({ databaseUrl: scratch.url, dataDir: "unused" });
      const from = new URL(scratch.url).pathname.slice(1);
      // No connections, and none from autovacuum either: a database with connections cannot be a template.
      await onServer((sql) => sql.unsafe(`alter database ${from} with allow_connections false`));
      await onServer((sql) => sql.unsafe(`alter database ${from} rename to ${target}`));
    } catch (e) {
      await scratch.drop();
      throw e;
    }
  });
  return target;
}

async function copyPostgres(template: string): Promise<CatalogCopy> {
  const db = await createScratch(serverUrl(), SCRATCH_PREFIX, { template });
  return { location: { databaseUrl: db.url, dataDir: "unused" }, drop: db.drop };
}

/** The template run for vitest's globalSetup: a directory and a database prefix unique to this run. */
export function startTemplateRun(): TemplateRun & { end(): Promise<void> } {
  const dir = mkdtempSync(join(scratchBase(), "mcp-catalog-templates-"));
  const databasePrefix = `mcp_catalog_tmpl_${process.pid}_${Date.now().toString(36)}`;
  return {
    dir,
    databasePrefix,
    async end() {
      rmSync(dir, { recursive: true, force: true });
      if (!process.env.DATABASE_URL) return;
      const names = await onServer((sql) => sql<{ datname: string }[]>`select datname from pg_database where datname like ${`${databasePrefix}_%`}`);
      for (const { datname } of names) await onServer((sql) => sql.unsafe(`drop database if exists ${datname} with (force)`));
    },
  };
}
