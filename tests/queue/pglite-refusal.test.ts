// The queue needs Postgres: on the embedded PGlite catalog every queue command exits 2 before it crawls or touches anything.
// So does `refresh --queue` in a run that lists nothing live, which would enqueue nothing without a word.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { startLocalServer } from "../helpers/local-server.js";

describe("queue commands on PGlite", () => {
  const dir = mkdtempSync(join(tmpdir(), "queue-pglite-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([[["refresh", "--queue", "--sources", "registry"]], [["worker"]], [["worker", "--once"]], [["queue", "--json"]]])("%j exits 2 and leaves no catalog behind", async (argv) => {
    const registry = await startLocalServer((_req, res) => void res.end("{}"));
    try {
      const dataDir = join(dir, argv.join("-"));
      const r = await runCli(argv, { CATALOG_DATA_DIR: dataDir, REGISTRY_URL: registry.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/needs Postgres/);
      expect(r.stderr).toMatch(/DATABASE_URL/);
      expect(r.stdout).toBe("");
      expect(existsSync(dataDir)).toBe(false);
      expect(registry.requests).toEqual([]);
    } finally {
      await registry.close();
    }
  });
});

describe("refresh --queue in a run that lists nothing live", () => {
  test.each([
    [["--introspect", "none"], {}, /\(--introspect none\)/],
    [["--snapshot", "data/snapshot"], {}, /--snapshot lists nothing live unless --introspect names modes/],
    [[], { CATALOG_INTROSPECT: "none" }, /\(CATALOG_INTROSPECT=none\)/],
  ])("refresh --queue %j with no listing mode exits 2 before it opens or crawls anything", async (flags, env, why) => {
    const registry = await startLocalServer((_req, res) => void res.end("{}"));
    try {
      // A database nothing listens on: the refusal comes before the catalog is opened.
      const r = await runCli(["refresh", "--queue", "--sources", "registry", ...flags], { DATABASE_URL: "postgres://nobody@127.0.0.1:9/none", REGISTRY_URL: registry.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1", ...env });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--queue enqueues live listings, but this run lists none/);
      expect(r.stderr).toMatch(why);
      expect(r.stdout).toBe("");
      expect(registry.requests).toEqual([]);
    } finally {
      await registry.close();
    }
  });
});

test("refresh --help names these refusals under exit code 2, as README does", async () => {
  const help = await runCli(["refresh", "--help"], {});
  expect(help.code).toBe(0);
  const exit2 = /; 2 (bad arguments.*?\)); 3 another/.exec(help.stdout.replace(/\s+/g, " "))?.[1];
  expect(exit2).toBe("bad arguments or environment (--queue on the embedded PGlite catalog, or in a run that lists nothing live; a catalog a newer mcp-catalog migrated)");
});
