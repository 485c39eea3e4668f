// Each kind of source failure, typed from the request or the page to the run record and the CLI: the
// line on stderr, exit code 1, `--json`'s failures and `stats`' last run, with the kind, source, URL and status.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { maxHeaderSize } from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Failure } from "../crawler/failure.js";
import { NOT_URL_SAFE } from "../crawler/sources/fields.js";
import { queryRows } from "../db/sql.js";
import { cliSession } from "./helpers/cli.js";
import { startLocalServer, type LocalServer } from "./helpers/local-server.js";
import { loadRegistrySample } from "./helpers/registry-replay.js";
import { migratedDataDir, SNAPSHOT } from "./helpers/snapshot-catalog.js";
import { scratchBase } from "./helpers/templates.js";

const sample = loadRegistrySample();
const page = (servers: unknown[], nextCursor?: string) => JSON.stringify({ servers, metadata: { count: servers.length, ...(nextCursor ? { nextCursor } : {}) } });

describe("refresh failures at the CLI", () => {
  const dir = mkdtempSync(join(scratchBase(), "mcp-catalog-failures-"));
  const env = { CATALOG_DATA_DIR: join(dir, "db"), CATALOG_ALLOW_PRIVATE_NETWORK: "1" };
  // The catalog exists before the first refresh (empty, as a first run finds it), and every command shares it held
  // open: the failures are the subject, not initdb or opening.
  const cli = cliSession(env);
  beforeAll(() => migratedDataDir(env.CATALOG_DATA_DIR));
  // Each test starts its own crawl: a failed one leaves a checkpoint the next run would resume, on its later pages.
  beforeEach(async () => void (await (await cli.catalog()).db.execute(sql`delete from source_state`)));
  afterAll(async () => {
    await cli.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A refresh of the registry at `url` with `--json`: the summary on stdout, the lines a person reads on stderr. */
  async function refreshAgainst(url: string, extra: Record<string, string> = {}, args: string[] = [], signal?: AbortSignal) {
    const run = await cli.run(["refresh", "--sources", "registry", "--full", "--json", ...args], { REGISTRY_URL: url, ...extra }, signal ? { signal } : {});
    return { run, summary: JSON.parse(run.stdout) as { status: string; failures: Failure[]; sources: { registry: { errors: string[]; resumed: boolean; pages: number; requests: number } } } };
  }

  async function expectFailure(server: LocalServer | string, want: Partial<Failure>, o: { env?: Record<string, string>; args?: string[]; signal?: AbortSignal } = {}) {
    const url = typeof server === "string" ? server : server.url;
    try {
      const { run, summary } = await refreshAgainst(url, o.env, o.args, o.signal);
      expect(run.code).toBe(1);
      expect(summary.status).toBe("failed");
      expect(summary.failures).toHaveLength(1);
      const failure = summary.failures[0]!;
      expect(failure).toMatchObject({ stage: "crawl", source: "registry", ...want });
      // The line a person reads is the failure's own message, as is the source's error in the summary.
      expect(run.stderr).toContain(`mcp-catalog refresh: registry failed: ${failure.message}`);
      expect(summary.sources.registry.errors).toEqual([failure.message]);
      return { run, failure, summary };
    } finally {
      if (typeof server !== "string") await server.close();
    }
  }

  /** The last run as the run record keeps it, read back by `stats`. */
  async function lastRun() {
    const json = JSON.parse((await cli.run(["stats", "--json"])).stdout) as { lastRun: { status: string; failures: Failure[] } };
    return { json: json.lastRun, text: (await cli.run(["stats"])).stdout };
  }

  test("status: an HTTP error status, with the status and the URL", async () => {
    const s = await startLocalServer((_req, res) => void res.writeHead(404).end("no"));
    const { failure } = await expectFailure(s, { kind: "status", status: 404, retryable: false, page: 1 });
    expect(failure.url).toMatch(new RegExp(`^${s.url}/v0\\.1/servers`));
    const run = await lastRun();
    expect(run.json).toMatchObject({ status: "failed", failures: [failure] });
    expect(run.text).toContain(`failed: registry (status 404 ${failure.url}): ${failure.message}`);
  });

  test("a source URL's credentials (user information, a token in its query) are redacted in what is printed and in the run record", async () => {
    const s = await startLocalServer((_req, res) => void res.writeHead(404).end("no"));
    const { run, failure, summary } = await expectFailure(s.url.replace("http://", "http://user:s3cret@") + "/?token=t0k3n&api_key=k3y", { kind: "status", status: 404 });
    expect(failure.url).toMatch(/^http:\/\/\*\*\*@127\.0\.0\.1:\d+\/\?token=\*\*\*/);
    const record = await queryRows((await cli.catalog()).db, sql`select failures, error, sources from crawl_runs order by id desc limit 1`);
    const stats = await lastRun();
    for (const text of [run.stdout, run.stderr, JSON.stringify(summary), JSON.stringify(record), JSON.stringify(stats.json), stats.text]) {
      expect(text).not.toMatch(/s3cret|t0k3n|k3y|user:/);
    }
    expect(run.stderr).toContain("***@127.0.0.1");
  });

  test("network: a refused connection, with its code; with no page stored the CLI points at the offline snapshot", async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const { run } = await expectFailure(`http://127.0.0.1:${port}`, { kind: "network", code: "ECONNREFUSED", retryable: true });
    expect(run.stderr).toContain("the network looks unreachable");
    expect(run.stderr).toContain("mcp-catalog refresh --snapshot data/snapshot");
  });

  test("rate_limited: a 429 whose Retry-After is longer than we wait, given up at once, with the wait asked for", async () => {
    const s = await startLocalServer((_req, res) => void res.writeHead(429, { "retry-after": "7200" }).end());
    const { failure } = await expectFailure(s, { kind: "rate_limited", status: 429, retryAfterMs: 7_200_000, retryable: true, attempts: 1, page: 1 });
    expect(failure.message).toContain("HTTP 429; Retry-After 7200 s is over the 60 s limit");
    const run = await lastRun();
    expect(run.json).toMatchObject({ status: "failed", failures: [failure] });
    expect(run.text).toContain(`failed: registry (rate_limited 429 ${failure.url}): ${failure.message}`);
  });

  test("too_large: response headers over Node's limit, not retried", async () => {
    const s = await startLocalServer((_req, res) => void res.writeHead(200, { "set-cookie": "a".repeat(maxHeaderSize) }).end(page([])));
    const { failure } = await expectFailure(s, { kind: "too_large", retryable: false, attempts: 1, page: 1 });
    expect(failure.message).toContain(`the response headers exceed the ${maxHeaderSize}-byte limit`);
    expect(s.requests).toHaveLength(1);
  });

  test("no failure: a Smithery entry whose name no URL can hold is skipped and counted, the rest of its page stored", async () => {
    // A lone surrogate in a qualifiedName: its detail URL cannot be written (encodeURIComponent throws). It stopped the source.
    const entries = [{ qualifiedName: "acme/first" }, { qualifiedName: "bad\\ud800name" }, { qualifiedName: "acme/last" }];
    const s = await startLocalServer((req, res) => {
      if (req.url!.startsWith("/servers?")) return void res.writeHead(200, { "content-type": "application/json" }).end(`{"servers":[${entries.map((e) => `{"qualifiedName":"${e.qualifiedName}"}`).join(",")}],"pagination":{"currentPage":1,"totalPages":1}}`);
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"code":"not_found"}}');
    });
    try {
      const run = await cli.run(["refresh", "--sources", "smithery", "--full", "--json"], { SMITHERY_URL: s.url, SMITHERY_API_KEY: "test-key" });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const summary = JSON.parse(run.stdout) as { status: string; failures: Failure[]; sources: { smithery: { records: number; skipped: number; skippedReasons: Record<string, number> } } };
      expect(summary).toMatchObject({ status: "succeeded", failures: [] });
      expect(summary.sources.smithery).toMatchObject({ records: 2, skipped: 1, skippedReasons: { [`qualifiedName: ${NOT_URL_SAFE}`]: 1 } });
      expect((await lastRun()).json).toMatchObject({ status: "succeeded", failures: [] });
    } finally {
      await s.close();
    }
  });

  test("invalid_json: a body cut short", async () => {
    const s = await startLocalServer((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end(page(sample.slice(0, 20)).slice(0, 300)));
    const { run } = await expectFailure(s, { kind: "invalid_json", status: 200 });
    expect(run.stderr).not.toContain("the network looks unreachable");
  });

  test("format: JSON that is not a page of the source", async () => {
    const s = await startLocalServer((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ error: "maintenance" })));
    await expectFailure(s, { kind: "format", page: 1 });
  });

  test("cursor_loop: a cursor pointing back, on the page that points back", async () => {
    const s = await startLocalServer((req, res) => {
      const cursor = new URL(req.url!, "http://x").searchParams.get("cursor");
      res.writeHead(200, { "content-type": "application/json" }).end(page([], cursor === "a" ? "b" : "a"));
    });
    await expectFailure(s, { kind: "cursor_loop", page: 3 });
  });

  test("unexpected_304: Not Modified to a request that was not conditional", async () => {
    const s = await startLocalServer((_req, res) => void res.writeHead(304).end());
    await expectFailure(s, { kind: "unexpected_304", page: 1 });
  });

  test("redirect: a redirect loop past the hop limit", async () => {
    const s = await startLocalServer((req, res) => void res.writeHead(302, { location: req.url! }).end());
    await expectFailure(s, { kind: "redirect" });
  });

  test("aborted: SIGINT during the crawl is the run's one failure, whatever stages would follow it, and --json still prints the summary", async () => {
    const controller = new AbortController();
    // SIGINT as the second page is asked for, cutting its request short. The live listing and the classify stage
    // are on, and neither starts (an interrupted listing would list nothing: it stops before its first server).
    const s = await startLocalServer((req, res) => {
      const cursor = new URL(req.url!, "http://x").searchParams.get("cursor");
      if (cursor) controller.abort(new Error("interrupted by SIGINT"));
      res.writeHead(200, { "content-type": "application/json" }).end(page(sample.slice(0, 5), cursor ? undefined : "next"));
    });
    // Where it stopped, as any failure says it: the page, its URL, the request's attempts; a later run may succeed.
    const at = { page: 2, url: expect.stringMatching(new RegExp(`^${s.url}/v0\\.1/servers\\?.*cursor=next`)), attempts: 1, retryable: true };
    const { failure, summary } = await expectFailure(s, { kind: "aborted", ...at }, { signal: controller.signal, env: { CATALOG_INTROSPECT: "remote" } });
    expect(failure.message).toContain("interrupted by SIGINT");
    // The second page's request counts, though the interrupt cut it short.
    expect(summary.sources.registry).toMatchObject({ pages: 1, requests: 2 });
    expect((await lastRun()).json).toMatchObject({ status: "failed", failures: [failure] });
  });

  test("blocked: a source on a private address without CATALOG_ALLOW_PRIVATE_NETWORK, refused before any request", async () => {
    const s = await startLocalServer((_req, res) => void res.writeHead(200).end(page([])));
    await expectFailure(s, { kind: "blocked", retryable: false }, { env: { CATALOG_ALLOW_PRIVATE_NETWORK: "" } });
    expect(s.requests).toEqual([]);
  });

  test("snapshot_miss: a recording without the page the crawl asks for", async () => {
    const snapshot = join(dir, "snapshot");
    mkdirSync(join(snapshot, "registry"), { recursive: true });
    writeFileSync(join(snapshot, "registry", "index.json"), JSON.stringify({ source: "registry", pages: {} }));
    await expectFailure("http://unused.invalid", { kind: "snapshot_miss", page: 1 }, { args: ["--snapshot", snapshot] });
  });

  /** The shipped registry snapshot with its third page cut short: pages 1 and 2 are stored, then the source stops. */
  function snapshotBrokenAtPage3(name: string): string {
    const snapshot = join(dir, name);
    cpSync(join(SNAPSHOT, "registry"), join(snapshot, "registry"), { recursive: true });
    writeFileSync(join(snapshot, "registry", "page-00003.json"), "{not json");
    return snapshot;
  }
  const atPage3 = { page: 3, url: expect.stringContaining("cursor=io.github.aimoda") };

  test("invalid_json: a snapshot page that is not JSON, naming its file", async () => {
    const snapshot = snapshotBrokenAtPage3("corrupt");
    const { failure } = await expectFailure("http://unused.invalid", { kind: "invalid_json", ...atPage3 }, { args: ["--snapshot", snapshot] });
    expect(failure.message).toContain(join(snapshot, "registry", "page-00003.json"));
  });

  test("invalid_json: a snapshot whose index is not JSON, naming the index", async () => {
    const snapshot = join(dir, "corrupt-index");
    cpSync(join(SNAPSHOT, "registry"), join(snapshot, "registry"), { recursive: true });
    writeFileSync(join(snapshot, "registry", "index.json"), "{not json");
    const { run } = await refreshAgainst("http://unused.invalid", {}, ["--snapshot", snapshot]);
    expect(run.code).toBe(1);
    const failure = (JSON.parse(run.stdout) as { failures: Failure[] }).failures[0]!;
    expect(failure).toMatchObject({ stage: "crawl", source: "registry", kind: "invalid_json" });
    expect(failure.message).toContain(`the snapshot index ${join(snapshot, "registry", "index.json")} is not valid JSON`);
  });

  // Under /proc mkdir answers ENOENT though the parent exists, where Node's recursive mkdir spins for ever.
  test.runIf(process.platform === "linux")("--record into a directory that cannot be made fails at once, before a run starts", async () => {
    const run = await cli.run(["refresh", "--sources", "registry", "--full", "--json", "--record", "/proc/mcp-catalog-nope/recording"], { REGISTRY_URL: "http://127.0.0.1:9" });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^mcp-catalog refresh: --record cannot write into \/proc\/mcp-catalog-nope\/recording: .+\n$/);
  });

  test("page: counted from the crawl's first page, also by a run that resumes the crawl after its second", async () => {
    const snapshot = snapshotBrokenAtPage3("resumed");
    const first = await expectFailure("http://unused.invalid", atPage3, { args: ["--snapshot", snapshot] });
    const { run, summary } = await refreshAgainst("http://unused.invalid", {}, ["--snapshot", snapshot]);
    expect(run.code).toBe(1);
    expect(summary.sources.registry).toMatchObject({ resumed: true, pages: 0 });
    expect(summary.failures).toEqual([first.failure]);
    expect(run.stderr).toContain("registry failed: registry: page 3: ");
  });

  test("a run that succeeds records no failure", async () => {
    const s = await startLocalServer((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end(page(sample.slice(0, 5))));
    try {
      const { run, summary } = await refreshAgainst(s.url);
      expect(run.code).toBe(0);
      expect(summary).toMatchObject({ status: "succeeded", failures: [] });
      const last = await lastRun();
      expect(last.json).toMatchObject({ status: "succeeded", failures: [] });
      expect(last.text).not.toContain("failed:");
    } finally {
      await s.close();
    }
  });
});
