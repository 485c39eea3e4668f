// A first run killed while it creates the embedded catalog (the template unpacked, the migrations applied) leaves the
// data directory as it was: the catalog is built beside it and renamed into place only when complete.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { defaultTemplateDir, pgliteVersion, templateFile } from "../../db/catalog-template.js";
import { openCatalog } from "../../db/client.js";
import { LOCK_FILE } from "../../db/data-dir.js";
import { lockFileText } from "../../db/file-lock.js";
import { scratchBase } from "../helpers/templates.js";

const client = fileURLToPath(new URL("../../dist/db/client.js", import.meta.url));

/** Whatever is beside `dataDir` under its name: the catalog and any creation of it left there. */
const besides = (dataDir: string) => readdirSync(dirname(dataDir)).filter((name) => name.startsWith(`${basename(dataDir)}.`));

async function tablesOf(dataDir: string): Promise<number> {
  const catalog = await openCatalog({ dataDir });
  try {
    const rows = (await catalog.db.execute(`select count(*)::int as n from information_schema.tables where table_name = 'servers'`)) as unknown as { rows: { n: number }[] };
    return rows.rows[0]!.n;
  } finally {
    await catalog.close();
  }
}

describe("a new embedded catalog is created atomically", () => {
  const base = mkdtempSync(join(scratchBase(), "mcp-catalog-first-run-"));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  test("a creation killed midway leaves no broken catalog, and its leftover is removed on the next open", async () => {
    const dataDir = join(base, "killed");
    // The built client (the CLI's), in a process of its own that kills itself hard once Postgres runs on the new catalog.
    const script = `import { openCatalog } from ${JSON.stringify(client)};
await openCatalog({ dataDir: ${JSON.stringify(dataDir)}, whileCreating: () => process.kill(process.pid, "SIGKILL") });`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: "ignore" });
    const signal = await new Promise<NodeJS.Signals | null>((done) => child.on("exit", (_code, sig) => done(sig)));
    expect(signal).toBe("SIGKILL");
    expect(existsSync(join(dataDir, "PG_VERSION")), "the data directory holds no half-made catalog").toBe(false);
    expect(besides(dataDir)).toHaveLength(1); // the killed creation's directory

    expect(await tablesOf(dataDir)).toBe(1);
    expect(besides(dataDir)).toEqual([]);
  }, 120_000);

  test("a template cut short fails the open and leaves the directory to make again", async () => {
    const dataDir = join(base, "cut");
    // The shipped template's tar with its second half gone, compressed again: files unpacked, then Postgres cannot start.
    const tar = gunzipSync(readFileSync(templateFile(defaultTemplateDir(), pgliteVersion())));
    const cut = gzipSync(tar.subarray(0, Math.floor(tar.length / 1024) * 512));
    await expect(openCatalog({ dataDir, loadDataDir: new Blob([cut]) })).rejects.toThrow();
    expect(besides(dataDir)).toEqual([]);
    expect(await tablesOf(dataDir)).toBe(1);
  }, 120_000);

  test("a creation whose lock names a live process is left alone", async () => {
    const dataDir = join(base, "live");
    const creating = `${dataDir}.creating-live01`;
    mkdirSync(creating);
    // A creation renaming its catalog into place carries the data directory's lock, written for the data directory.
    writeFileSync(join(creating, LOCK_FILE), lockFileText({ pid: process.ppid, dir: resolve(dataDir) }));
    expect(await tablesOf(dataDir)).toBe(1);
    expect(existsSync(join(creating, LOCK_FILE))).toBe(true);
  }, 120_000);
});
