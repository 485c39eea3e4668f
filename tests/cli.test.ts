// The binary as users run it: refresh and stats against a local registry replay, help, and every bad input.
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { COMMANDS } from "../scripts/cli.js";
import { exportPolicy, FORMAT_NAMES, type FormatName } from "../classifier/formats/formats.js";
import { buildPolicy } from "../classifier/policy.js";
import { CLIENT_NAME_FORMATS } from "../scripts/client-name.js";
import { envSchema } from "../scripts/config.js";
import { DRIVERS } from "./helpers/catalog.js";
import { cliSession, runCli } from "./helpers/cli.js";
import { emptyCliCatalog, migratedDataDir, type CliCatalog } from "./helpers/snapshot-catalog.js";
import { loadRegistrySample, meta, startRegistryReplay, type RegistryReplay } from "./helpers/registry-replay.js";
import { startGlamaReplay } from "./helpers/glama-replay.js";
import { namesField, README, readmePart } from "./helpers/readme.js";
import { appWithoutCatalog, listedMcpTools } from "./helpers/served-surface.js";
import { scratchBase } from "./helpers/templates.js";

const sample = loadRegistrySample();
const distinctNames = new Set(sample.map((i) => i.server.name)).size;
const execFileP = promisify(execFile);

describe.each(DRIVERS)("refresh and stats through the CLI on %s", (driver) => {
  let replay: RegistryReplay;
  let catalog: CliCatalog;
  // After the first test, which opens the catalog as the binary does, the commands share one held open.
  const cli = (argv: string[]) => catalog.cli(argv);

  beforeAll(async () => {
    replay = await startRegistryReplay(structuredClone(sample));
    catalog = await emptyCliCatalog(driver, { REGISTRY_URL: replay.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
  });
  afterAll(async () => {
    await replay.close();
    await catalog.dispose();
  });

  test("stats on an empty catalog", async () => {
    const r = await runCli(["stats", "--json"], catalog.env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ servers: { total: 0, active: 0, deprecated: 0, deleted: 0, gone: 0 }, remotes: { open: 0, needsAuth: 0 }, tools: 0, classified: 0, classifiedNow: 0, modelReviewed: 0, byCategoryRisk: [], cachedModelAnswers: 0, merged: 0, sources: {}, grades: { A: 0, B: 0, C: 0, D: 0, F: 0 }, annotationCoverage: { full: 0, partial: 0, none: 0 }, toxicFlows: 0, lastRun: null });
  });

  test("refresh --json then stats --json count one server per registry name", async () => {
    const r = await cli(["refresh", "--sources", "registry", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ status: "succeeded", sources: { registry: { records: 502, errors: [] } }, servers: { added: distinctNames, updated: 0, unchanged: 0, removed: 0 } });
    expect(typeof summary.runId).toBe("number");
    expect(summary.sources.registry.requests).toBe(6);
    expect(summary.durationMs).toBeGreaterThan(0);
    // Every key the summary has is one README's list of it names.
    const documented = readmePart("- `--json` prints the run summary:", "\n- ");
    for (const key of [...Object.keys(summary), ...Object.keys(summary.sources.registry)]) expect(namesField(documented, key), `README names ${key}`).toBe(true);

    const s = await cli(["stats", "--json"]);
    const stats = JSON.parse(s.stdout);
    expect(stats.servers.total).toBe(distinctNames);
    expect(stats.lastRun).toMatchObject({ id: summary.runId, status: "succeeded" });
  });

  test("a second refresh asks for updated_since and changes nothing", async () => {
    replay.requests.length = 0;
    const r = await cli(["refresh", "--sources", "registry", "--json"]);
    expect(r.code).toBe(0);
    const servers = JSON.parse(r.stdout).servers;
    const since = new URL(replay.requests[0]!, "http://x").searchParams.get("updated_since");
    expect(Date.parse(since!)).toBe(Math.max(...sample.map((i) => Date.parse(String(meta(i).updatedAt)))));
    const stats = JSON.parse((await cli(["stats", "--json"])).stdout);
    expect(stats.servers.total).toBe(distinctNames);
    // Every server the catalog lists is unchanged, though the run read none of them.
    expect(servers).toEqual({ added: 0, updated: 0, unchanged: stats.servers.active + stats.servers.deprecated, removed: 0 });
  });

  test("without --json and off a terminal refresh prints nothing on success", async () => {
    const r = await cli(["refresh", "--sources", "registry"]);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  test("stats without --json is a readable summary", async () => {
    const r = await cli(["stats"]);
    expect(r.stdout).toMatch(new RegExp(`servers\\s+${distinctNames} \\(active ${distinctNames}`));
    expect(r.stdout).toMatch(/last run\s+#\d+ succeeded/);
  });

  test("a failing source exits 1, says why, and keeps the catalog", async () => {
    // A server error the client does not retry (501): a 500 fails the same way after 5 attempts and 4 s of backoff
    // (the CLI's own retries are the unreachable registry's test below).
    replay.faults.push({ kind: "status", status: 501, times: 1 });
    const r = await cli(["refresh", "--sources", "registry", "--full", "--json"]);
    expect(replay.faults).toEqual([]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).status).toBe("failed");
    expect(r.stderr).toMatch(/registry failed: registry: page 1: .*501/);
    const stats = JSON.parse((await cli(["stats", "--json"])).stdout);
    expect(stats.servers.total).toBe(distinctNames);
    expect(stats.lastRun.status).toBe("failed");
  });
});

describe("offline snapshot", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(scratchBase(), "mcp-catalog-snap-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("refresh --snapshot builds the catalog from the shipped recording, with no network", async () => {
    const env = { CATALOG_DATA_DIR: join(dir, "db"), REGISTRY_URL: "http://127.0.0.1:9" };
    const r = await runCli(["refresh", "--snapshot", "data/snapshot", "--json"], env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ status: "succeeded", sources: { registry: { records: 502, errors: [] }, glama: { records: 49, errors: [] } } });
    // Glama's servers that are registry servers merge into them; the rest are new.
    expect(summary.servers.added).toBe(distinctNames + 49 - summary.sources.glama.merged);
    expect(summary.sources.glama.merged).toBeGreaterThan(0);
    expect(summary.tools.added).toBeGreaterThan(100);
    expect(summary.tools.classified).toBe(summary.tools.added);
  });

  test("refresh --snapshot again changes nothing and counts every tool unchanged, as it counts every server", async () => {
    // The refresh and the stats after it share one open catalog: the first run's open is the test above's.
    const session = cliSession({ CATALOG_DATA_DIR: join(dir, "db"), REGISTRY_URL: "http://127.0.0.1:9" });
    try {
      const r = await session.run(["refresh", "--snapshot", "data/snapshot", "--json"]);
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.stdout);
      const stats = JSON.parse((await session.run(["stats", "--json"])).stdout);
      expect(summary.servers).toEqual({ added: 0, updated: 0, unchanged: stats.servers.total, removed: 0 });
      expect(summary.tools).toEqual({ added: 0, changed: 0, removed: 0, unchanged: stats.tools, classified: 0 });
      expect(stats.tools).toBeGreaterThan(100);
    } finally {
      await session.close();
    }
  });

  test("--record writes a snapshot that --snapshot replays to the same catalog", async () => {
    const replay = await startRegistryReplay(structuredClone(sample));
    try {
      const rec = join(dir, "rec");
      // Both catalogs exist before the refreshes (a first run's initdb is the test above's).
      await migratedDataDir(join(dir, "db-live"));
      await migratedDataDir(join(dir, "db-offline"));
      const live = cliSession({ CATALOG_DATA_DIR: join(dir, "db-live"), REGISTRY_URL: replay.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
      const offline = cliSession({ CATALOG_DATA_DIR: join(dir, "db-offline") });
      try {
        expect((await live.run(["refresh", "--sources", "registry", "--record", rec, "--json"])).code).toBe(0);
        // A second recording after the first run is still a full crawl: an incremental one could not be replayed.
        expect((await live.run(["refresh", "--sources", "registry", "--record", rec, "--json"])).code).toBe(0);
        expect((await offline.run(["refresh", "--snapshot", rec, "--json"])).code).toBe(0);
        const a = JSON.parse((await live.run(["stats", "--json"])).stdout);
        const b = JSON.parse((await offline.run(["stats", "--json"])).stdout);
        expect(b.servers).toEqual(a.servers);
      } finally {
        await live.close();
        await offline.close();
      }
    } finally {
      await replay.close();
    }
  });

  test("--record against sources at other paths (a Glama mirror, another awesome list) writes a snapshot --snapshot replays", async () => {
    const glama = await startGlamaReplay();
    const list = createServer((_req, res) => res.writeHead(200, { "content-type": "text/markdown" }).end("# Awesome MCP Servers\n\n## Server Implementations\n\n### Databases\n\n- [acme/pg-mcp](https://github.com/acme/pg-mcp) - Postgres, read-only\n"));
    await new Promise<void>((resolve) => list.listen(0, "127.0.0.1", resolve));
    try {
      const rec = join(dir, "rec-mirror");
      await migratedDataDir(join(dir, "db-mirror-live"));
      await migratedDataDir(join(dir, "db-mirror-offline"));
      const listUrl = `http://user:secret@127.0.0.1:${(list.address() as AddressInfo).port}/lists/mine.md`;
      const live = await runCli(["refresh", "--sources", "glama,awesome", "--record", rec, "--json"], { CATALOG_DATA_DIR: join(dir, "db-mirror-live"), GLAMA_URL: glama.url, AWESOME_LIST_URLS: listUrl, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
      expect(live.stderr).toBe("");
      expect(live.code).toBe(0);
      expect(readFileSync(join(rec, "awesome", "index.json"), "utf8")).not.toContain("secret");
      // Offline, with the environment pointing elsewhere (or nowhere): the recording names what it was made against.
      const offline = await runCli(["refresh", "--snapshot", rec, "--json"], { CATALOG_DATA_DIR: join(dir, "db-mirror-offline"), GLAMA_URL: "http://127.0.0.1:9" });
      expect(offline.stderr).toBe("");
      expect(offline.code).toBe(0);
      const a = JSON.parse(live.stdout);
      const b = JSON.parse(offline.stdout);
      expect(b.sources.glama.records).toBe(a.sources.glama.records);
      expect(b.sources.awesome.records).toBe(1);
      expect(b.servers.added).toBe(a.servers.added);
      expect(b.tools.added).toBe(a.tools.added);
    } finally {
      await glama.close();
      await new Promise((resolve) => list.close(resolve));
    }
  });

  test("a snapshot directory without the source's pages is refused", async () => {
    const r = await runCli(["refresh", "--snapshot", join(dir, "nothing-here")], { CATALOG_DATA_DIR: join(dir, "db2") });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has no pages for: registry/);
  });
});

describe("errors a user can hit", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(scratchBase(), "mcp-catalog-err-"));
    await migratedDataDir(join(dir, "db"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("an unreachable registry fails the run and points at --snapshot", async () => {
    // Retries a millisecond apart at first, not half a second: the four backoffs cost ~4 s of wall time at the default.
    const r = await runCli(["refresh", "--sources", "registry"], { CATALOG_DATA_DIR: join(dir, "db"), REGISTRY_URL: "http://127.0.0.1:9", CATALOG_ALLOW_PRIVATE_NETWORK: "1", CATALOG_HTTP_RETRY_DELAY_MS: "1" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/registry failed.*after 5 attempts/);
    expect(r.stderr).toMatch(/--snapshot data\/snapshot/);
  });

  test("a --record DIR that cannot be written is refused before anything is crawled, not met by every source", async () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    const env = { CATALOG_DATA_DIR: join(dir, "db"), REGISTRY_URL: "http://127.0.0.1:9", CATALOG_ALLOW_PRIVATE_NETWORK: "1" };
    const lastRunId = async () => JSON.parse((await runCli(["stats", "--json"], env)).stdout).lastRun?.id ?? null;
    const before = await lastRunId();
    for (const [record, why] of [
      [file, "it is a file, not a directory"],
      [join(file, "under"), "a part of the path is not a directory"],
    ]) {
      const r = await runCli(["refresh", "--sources", "registry", "--record", record!], env);
      expect(r).toEqual({ code: 1, stdout: "", stderr: `mcp-catalog refresh: --record cannot write into ${record}: ${why}\n` });
    }
    // No run was started.
    expect(await lastRunId()).toBe(before);
  });

  test("the registry on a private address is refused without CATALOG_ALLOW_PRIVATE_NETWORK", async () => {
    const r = await runCli(["refresh", "--sources", "registry", "--json"], { CATALOG_DATA_DIR: join(dir, "db"), REGISTRY_URL: "http://127.0.0.1:9" });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).sources.registry.errors[0]).toMatch(/127\.0\.0\.1/);
  });

  test.each([
    [["refresh", "--sources", "nope"], /unknown source 'nope'/],
    [["refresh", "--sources", ""], /at least one source/],
    // An empty item is refused as `policy --servers a,,b` refuses it, not skipped.
    [["refresh", "--sources", "registry,,glama"], /--sources takes a comma-separated list of sources with no empty item; got 'registry,,glama'/],
    [["refresh", "--sources", "registry,"], /--sources takes a comma-separated list of sources with no empty item/],
    [["refresh", "--introspect", "remote,,stdio"], /--introspect takes a comma-separated list of modes with no empty item/],
    [["refresh", "--introspect", ""], /--introspect takes remote, stdio, remote,stdio or none\n/],
    // The worker's modes are the same table without "none": one message whichever way --modes is wrong.
    [["worker", "--modes", ""], /--modes takes remote, stdio or remote,stdio\n/],
    [["worker", "--modes", "none"], /--modes takes remote, stdio or remote,stdio; got 'none'/],
    // Decimal digits only, as every whole number is read: Number() took 0x10 as 16.
    [["worker", "--concurrency", "0x10"], /--concurrency takes a whole number from 1 to 1000; got '0x10'/],
    [["worker", "--concurrency", "1e2"], /--concurrency takes a whole number from 1 to 1000; got '1e2'/],
    [["search", "read", "--limit", "0x10"], /--limit must be a whole number from 1 to 1000/],
    [["serve", "--port", "0x10"], /--port takes a port number from 0 to 65535/],
    [["refresh", "--bogus"], /Unknown option '--bogus'/],
    [["refresh", "extra"], /takes 0 arguments/],
    [["refresh", "--snapshot", "a", "--record", "b"], /cannot be combined/],
    [["search", "read", "--sort", "stars"], /--sort must be one of relevance, popularity/],
    [["frobnicate"], /unknown command 'frobnicate'/],
    [[], /Usage: mcp-catalog <command>/],
  ])("%j exits 2 with a clear message", async (argv, message) => {
    const r = await runCli(argv, { CATALOG_DATA_DIR: join(dir, "db") });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  test.each([
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL must be a postgres/],
    [{ REGISTRY_URL: "not a url" }, /REGISTRY_URL must be an http/],
    [{ CATALOG_ALLOW_PRIVATE_NETWORK: "maybe" }, /CATALOG_ALLOW_PRIVATE_NETWORK/],
    [{ PULSEMCP_URL: "ftp://x" }, /PULSEMCP_URL must be an http/],
    [{ PYPI_URL: "nope" }, /PYPI_URL must be an http/],
    [{ AWESOME_LIST_URLS: "https://x.example/a.md,b.md" }, /AWESOME_LIST_URLS must be comma-separated http\(s\) URLs; 'b.md'/],
    // Past what pg-boss, a timer or Postgres takes: refused up front, not met late (exit 1, a hang, a spin).
    [{ CATALOG_QUEUE_RETRY_DELAY_SECONDS: "99999999999" }, /environment variable CATALOG_QUEUE_RETRY_DELAY_SECONDS must be a whole number from 1 to 86400/],
    [{ CATALOG_CRAWL_PAGES_IN_FLIGHT: "99999999999" }, /environment variable CATALOG_CRAWL_PAGES_IN_FLIGHT must be a whole number from 1 to 100/],
    [{ CATALOG_HTTP_RETRY_DELAY_MS: "60001" }, /environment variable CATALOG_HTTP_RETRY_DELAY_MS must be a whole number from 1 to 60000/],
    [{ CATALOG_DEBUG: "maybe" }, /environment variable CATALOG_DEBUG must be 1, true, yes or on, or 0, false, no or off/],
    [{ CATALOG_INTROSPECT_CONCURRENCY: "0x10" }, /CATALOG_INTROSPECT_CONCURRENCY must be a whole number from 1/],
    // Past the largest exact number: Number() would round it.
    [{ CATALOG_QUEUE_RETRY_LIMIT: "99999999999999999999" }, /CATALOG_QUEUE_RETRY_LIMIT must be a whole number/],
  ])("bad environment %j exits 2", async (env, message) => {
    const r = await runCli(["stats"], { CATALOG_DATA_DIR: join(dir, "db"), ...env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  test("an empty variable is an unset one: REGISTRY_URL= takes the default, as DATABASE_URL= does", async () => {
    const r = await runCli(["stats"], { CATALOG_DATA_DIR: join(dir, "db"), REGISTRY_URL: "", DATABASE_URL: "", CATALOG_DEBUG: "" });
    expect(r.code).toBe(0);
  });

  test.each([[["stats"]], [["worker", "--once", "--modes", "remote"]], [["queue"]], [["refresh", "--sources", "registry"]]])("%j: an unreachable Postgres is one clear line and exit 1, as its help says", async (argv) => {
    const r = await runCli(argv, { DATABASE_URL: "postgres://postgres@127.0.0.1:9/none", REGISTRY_URL: "http://127.0.0.1:9" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot open the catalog at postgres:\/\/postgres@127\.0\.0\.1:9\/none/);
    if (argv[0] === "stats") return;
    const help = await runCli([argv[0]!, "--help"], {});
    expect(help.stdout.replace(/\s+/g, " ")).toMatch(/Exit codes: .*1 [^;]*the catalog cannot be opened/);
  });

  test("a data directory that cannot be created is one line naming it and exit 1", async () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    const r = await runCli(["stats"], { CATALOG_DATA_DIR: join(file, "db") });
    expect(r).toMatchObject({ code: 1, stdout: "" });
    expect(r.stderr).toBe(`mcp-catalog stats: cannot create the catalog's data directory ${join(file, "db")}: ENOTDIR: not a directory, mkdir '${join(file, "db")}'; set CATALOG_DATA_DIR to a directory this user can create\n`);
  });

  // Under /proc mkdir answers ENOENT though the parent exists: Node's recursive mkdir loops there for ever, deaf to
  // SIGTERM. A process of its own, so that a regression is a killed child, not a hung test worker.
  test.runIf(process.platform === "linux" && existsSync("/proc/self"))("a data directory under /proc fails at once instead of spinning", async () => {
    const run = execFileP(process.execPath, ["bin/mcp-catalog.js", "stats"], { env: { PATH: process.env.PATH, CATALOG_DATA_DIR: "/proc/mcp-catalog-nope/db" }, timeout: 15_000, killSignal: "SIGKILL" });
    const e = (await run.then(() => undefined, (err: unknown) => err)) as { code?: number; killed?: boolean; stderr?: string } | undefined;
    expect(e).toMatchObject({ code: 1, killed: false });
    expect(e!.stderr).toContain("cannot create the catalog's data directory /proc/mcp-catalog-nope/db: ENOENT");
  });

  test("a data directory holding other files and no catalog is refused with one line, and nothing is written into it", async () => {
    // CATALOG_DATA_DIR=. or a project's own directory by mistake: Postgres's files would be strewn among the user's.
    const data = join(dir, "someones-project");
    mkdirSync(data);
    writeFileSync(join(data, "notes.txt"), "mine");
    const r = await runCli(["stats"], { CATALOG_DATA_DIR: data });
    expect(r).toMatchObject({ code: 1, stdout: "" });
    expect(r.stderr).toBe(
      `mcp-catalog stats: the catalog's data directory ${data} holds other files (notes.txt) and no catalog: set CATALOG_DATA_DIR to a new or empty directory ` +
        `(if ${data} is a catalog whose first run was stopped before it was made, delete it and run again)\n`,
    );
    expect(readdirSync(data)).toEqual(["notes.txt"]);
    // An empty directory, or one holding only a lock file a killed process left, becomes a catalog.
    rmSync(join(data, "notes.txt"));
    writeFileSync(join(data, "mcp-catalog.lock"), "999999");
    expect((await runCli(["stats"], { CATALOG_DATA_DIR: data })).code).toBe(0);
    expect(existsSync(join(data, "PG_VERSION"))).toBe(true);
  });

  test("an embedded catalog in use by another process is refused (exit 3)", async () => {
    const data = join(dir, "busy");
    await migratedDataDir(data);
    // A live foreign pid in the lock file is what a running refresh leaves there.
    writeFileSync(join(data, "mcp-catalog.lock"), String(process.ppid));
    const r = await runCli(["stats", "--wait", "0"], { CATALOG_DATA_DIR: data });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`locked by process ${process.ppid}`));
    // A lock left by a dead process (kill -9) is taken over.
    writeFileSync(join(data, "mcp-catalog.lock"), "999999");
    expect((await runCli(["stats"], { CATALOG_DATA_DIR: data })).code).toBe(0);
  });
});

describe("small things a careless user meets (issue 10, case 12)", () => {
  const dir = mkdtempSync(join(scratchBase(), "mcp-catalog-careless-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  test("an empty --risk or --category is refused, not read as no filter", async () => {
    for (const flag of ["--risk", "--category"]) {
      const r = await runCli(["search", "read", flag, ""], { CATALOG_DATA_DIR: join(dir, "never-opened") });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${flag} must be one of`));
    }
  });

  // The commands below share one open catalog (cliSession): what they say of an empty catalog is the subject, not the
  // open, which "errors a user can hit" tests (a PGlite open is about a third of a CPU-second, nine of them here).
  test("search on an empty catalog says it is empty and how to fill it; a name as long as may be is cut in messages", async () => {
    const data = join(dir, "empty");
    await migratedDataDir(data);
    const session = cliSession({ CATALOG_DATA_DIR: data });
    try {
      const empty = await session.run(["search", "read_file"]);
      expect(empty.code).toBe(0);
      expect(empty.stderr).toMatch(/^the catalog in .* is empty; fill it with `mcp-catalog refresh`/);
      const long = "n".repeat(1000);
      const risk = await session.run(["risk", long]);
      expect(risk.code).toBe(1);
      expect(risk.stderr.length).toBeLessThan(500);
      expect(risk.stderr).toContain("…");
    } finally {
      await session.close();
    }
  });

  test("a tool or server asked of an empty catalog is answered with the catalog's place and how to fill it, not only 'no such'", async () => {
    // The default catalog is ./.catalog of the working directory: run from another one, a command opens a new, empty catalog.
    const data = join(dir, "empty-elsewhere");
    await migratedDataDir(data);
    const session = cliSession({ CATALOG_DATA_DIR: data });
    const filling = `the catalog in ${data} is empty; fill it with \`mcp-catalog refresh\``;
    try {
      const risk = await session.run(["risk", "delete_file"]);
      expect(risk.code).toBe(1);
      expect(risk.stderr).toContain("no tool named 'delete_file'");
      expect(risk.stderr).toContain(filling);
      for (const argv of [["policy", "io.github.github/github-mcp-server"], ["annotations", "io.github.github/github-mcp-server"], ["risk", "delete_file", "--server", "io.github.github/github-mcp-server"], ["changes", "--server", "io.github.github/github-mcp-server"]]) {
        const r = await session.run(argv);
        expect(r.code, argv.join(" ")).toBe(1);
        expect(r.stderr, argv.join(" ")).toContain("no server in the catalog matches 'io.github.github/github-mcp-server'");
        expect(r.stderr, argv.join(" ")).toContain(filling);
      }
      const changes = await session.run(["changes"]);
      expect(changes.code).toBe(0);
      expect(changes.stderr).toContain(filling);
      const search = await session.run(["search", "read_file"]);
      expect(search.code).toBe(0);
      expect(search.stderr).toContain(filling);
    } finally {
      await session.close();
    }
  });
});

describe("help and the installed binary", () => {
  /** The --flags a usage line names. */
  const flagsOf = (text: string) => [...new Set([...text.matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1]!))].sort();

  test("every command's --help: its usage line names every option, and README's heading for it the same ones", async () => {
    for (const [name, entry] of Object.entries(COMMANDS)) {
      const r = await runCli([name, "--help"]);
      expect(r.code).toBe(0);
      const usage = r.stdout.split("\n")[0]!;
      expect(usage).toMatch(new RegExp(`^Usage: mcp-catalog ${name}\\b`));
      expect(r.stdout).toContain("--help");
      const command = await entry.load();
      expect(flagsOf(usage), `${name}'s usage line`).toEqual(Object.keys(command.options).sort());
      const heading = new RegExp(`^### \`mcp-catalog ${name}\\b([^\`]*)\``, "m").exec(README);
      expect(heading, `README's heading for ${name}`).not.toBeNull();
      expect(flagsOf(heading![1]!), `README's heading for ${name}`).toEqual(flagsOf(usage));
    }
  });

  test("--client-name's help, the API's and get_policy's clientName, and README name every format whose document it changes", async () => {
    const policy = buildPolicy([["list_items", {}]]);
    const written = (format: FormatName, clientName: string) => exportPolicy(format, { server: { key: "io.github.acme/tools", clientName }, policy }).text;
    const uses = FORMAT_NAMES.filter((f) => written(f, "alpha") !== written(f, "beta"));
    expect(uses).toContain("agentgateway");
    // The formats policy says --client-name is not used by are exactly those whose document it leaves unchanged.
    expect(uses).toEqual(CLIENT_NAME_FORMATS);
    const help = (await runCli(["policy", "--help"])).stdout;
    const option = /--client-name NAME\s+(.*)/.exec(help)![1]!;
    const readme = /`--client-name` is the name you gave the server[^.]*/.exec(README)![0];
    const app = appWithoutCatalog();
    const openapi = (await (await app.request("/api/openapi.json")).json()) as { paths: Record<string, { get: { parameters: { name: string; description?: string }[] } }> };
    const api = openapi.paths["/servers/{server}/policy"]!.get.parameters.find((p) => p.name === "clientName")!.description!;
    const mcp = (await listedMcpTools(app)).find((t) => t.name === "get_policy")!.inputSchema.properties.clientName!.description!;
    for (const format of uses) {
      expect(option, `--help names ${format}`).toContain(format);
      expect(api, `the API's clientName names ${format}`).toContain(format);
      expect(mcp, `get_policy's clientName names ${format}`).toContain(format);
      expect(readme, `README names ${format}`).toContain(`\`${format}\``);
    }
  });

  test("the top-level help lists the commands", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["refresh", "stats", "migrate"]) expect(r.stdout).toContain(c);
  });

  test("bin/mcp-catalog.js runs the compiled CLI", async () => {
    const { stdout } = await execFileP(process.execPath, ["bin/mcp-catalog.js", "--help"]);
    expect(stdout).toMatch(/Usage: mcp-catalog <command>/);
    const { stdout: version } = await execFileP(process.execPath, ["bin/mcp-catalog.js", "--version"]);
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
