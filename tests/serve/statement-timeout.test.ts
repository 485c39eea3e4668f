// serve's statement timeout on Postgres: a request whose query outlasts the limit answers 503 (a 503 page, an MCP tool
// error) naming it, while a refresh in the same process, on the catalog's own pool, runs as long as it must.
//
// A query made slow for certain: another session holds the tables locked (as a migration or a VACUUM FULL would), so
// every query reading them waits until the lock goes or the limit cancels it. No sleep and no timing: the order of
// events alone says which query waited longer than the limit.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refresh } from "../../crawler/refresh.js";
import { registrySource } from "../../crawler/sources/registry.js";
import { catalogStats } from "../../db/queries.js";
import { SERVE_DEFAULTS } from "../../server/defaults.js";
import { testHttpClient } from "../helpers/http.js";
import { loadRegistrySample, startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";
import { serveCatalog, type ServedCatalog } from "../helpers/served-catalog.js";
import { startServeProcess } from "../helpers/serve-process.js";
import { emptyCliCatalog, type CliCatalog } from "../helpers/snapshot-catalog.js";

const LIMIT_MS = 1;
const MESSAGE = `a query took longer than the catalog's limit of ${LIMIT_MS} ms; try again in ${SERVE_DEFAULTS.timeoutRetryAfterSeconds} s`;

describe.runIf(!!process.env.DATABASE_URL)("serving under a statement timeout on Postgres", () => {
  let cli: CliCatalog;
  let served: ServedCatalog;
  let replay: RegistryReplay;
  let admin: postgres.Sql;
  let watcher: postgres.Sql;
  let dbName: string;
  const http = testHttpClient();

  beforeAll(async () => {
    cli = await emptyCliCatalog("postgres");
    served = await serveCatalog(cli, { statementTimeoutMs: LIMIT_MS });
    replay = await startRegistryReplay(loadRegistrySample());
    admin = postgres(cli.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    // Outside any transaction: one reads pg_stat_activity as it was when the transaction began.
    watcher = postgres(cli.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    dbName = new URL(cli.env.DATABASE_URL!).pathname.slice(1);
  }, 300_000);
  afterAll(async () => {
    await admin?.end();
    await watcher?.end();
    await replay?.close();
    await http.close();
    await served?.close();
    await cli?.dispose();
  });

  /** Runs `fn` while another session holds the run records and the tools locked; returns what `fn` returns, once the lock is gone. */
  async function whileLocked<T>(fn: () => Promise<T>): Promise<T> {
    let result!: T;
    await admin.begin(async (tx) => {
      await tx`lock table crawl_runs, tools in access exclusive mode`;
      result = await fn();
    });
    return result;
  }

  /** The backends of the catalog's database waiting for a lock. */
  async function lockWaiters(): Promise<number[]> {
    const rows = await watcher<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${dbName} and wait_event_type = 'Lock' order by pid`;
    return rows.map((r) => r.pid);
  }

  it("a request whose query outlasts the limit answers 503 with Retry-After, naming the limit; so do the page and the MCP tool", async () => {
    const client = new Client({ name: "mcp-catalog-test", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${served.url}/mcp`)));
    try {
      await whileLocked(async () => {
        const api = await fetch(`${served.url}/api/tools?name=delete_file`, { headers: { origin: "https://elsewhere.example" } });
        expect(api.status).toBe(503);
        expect(api.headers.get("retry-after")).toBe(String(SERVE_DEFAULTS.timeoutRetryAfterSeconds));
        // A script on another origin may read when to try again.
        expect(api.headers.get("access-control-expose-headers")).toContain("Retry-After");
        expect(await api.json()).toEqual({ error: { status: 503, message: MESSAGE } });

        const page = await fetch(`${served.url}/tools/delete_file`);
        expect(page.status).toBe(503);
        expect(page.headers.get("retry-after")).toBe(String(SERVE_DEFAULTS.timeoutRetryAfterSeconds));
        expect(page.headers.get("content-type")).toMatch(/^text\/html/);
        const html = await page.text();
        expect(html).toContain("<h1>Too slow to answer</h1>");
        expect(html).toContain(MESSAGE.replace(/'/g, "&#39;"));

        const tool = (await client.callTool({ name: "check_tool", arguments: { name: "delete_file" } })) as { content: { text?: string }[]; isError?: boolean };
        expect(tool.isError).toBe(true);
        expect(tool.content[0]!.text).toBe(MESSAGE);
      });
    } finally {
      await client.close();
    }
    // A timeout is no internal error: nothing was logged as one.
    expect(served.log.filter((l) => l.startsWith("error:"))).toEqual([]);
    expect(served.log.some((l) => /^GET \/api\/tools 503 /.test(l))).toBe(true);
  });

  it("a refresh in the same process waits out the lock a request is cut at, and succeeds", async () => {
    const { running } = await whileLocked(async () => {
      let settled = false;
      const running = refresh(served.catalog, { sources: [registrySource(replay.url)], full: true, fetcherFor: () => http }).catch((e: unknown) => e);
      void running.finally(() => (settled = true));
      // Its first statement writes the run records: wait until the database shows it waiting for the lock.
      let waiters: number[] = [];
      while (waiters.length === 0 && !settled) waiters = await lockWaiters();
      expect(waiters).toHaveLength(1);
      const [waiter] = waiters;
      // A request waits for the same lock, begun after the refresh's statement began waiting, and is cut at the limit…
      expect((await fetch(`${served.url}/api/tools?name=delete_file`)).status).toBe(503);
      // …while the refresh's statement, which has waited longer, still waits: the limit never reached it.
      expect(await lockWaiters()).toContain(waiter);
      return { running };
    });
    const run = await running;
    expect(run).not.toBeInstanceOf(Error);
    expect((run as Awaited<ReturnType<typeof refresh>>).status).toBe("succeeded");
    expect((await catalogStats(served.catalog.db)).servers.total).toBe(new Set(loadRegistrySample().map((i) => i.server.name)).size);
  });

  it("`mcp` (stdio) reads CATALOG_SERVE_STATEMENT_TIMEOUT_MS: a tool call past it is a tool error naming it, not a hang", { timeout: 60_000 }, async () => {
    const client = new Client({ name: "mcp-catalog-test", version: "1" });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ["bin/mcp-catalog.js", "mcp"],
        env: { PATH: process.env.PATH!, ...(cli.env as Record<string, string>), CATALOG_SERVE_STATEMENT_TIMEOUT_MS: String(LIMIT_MS) },
        stderr: "pipe",
      }),
    );
    try {
      const tool = await whileLocked(async () => (await client.callTool({ name: "check_tool", arguments: { name: "delete_file" } })) as { content: { text?: string }[]; isError?: boolean });
      expect(tool.isError).toBe(true);
      expect(tool.content[0]!.text).toBe(MESSAGE);
    } finally {
      await client.close();
    }
  });

  it("`serve` reads CATALOG_SERVE_STATEMENT_TIMEOUT_MS: a request past it answers 503 naming it", { timeout: 60_000 }, async () => {
    const serve = await startServeProcess(["--quiet"], { ...cli.env, CATALOG_SERVE_STATEMENT_TIMEOUT_MS: String(LIMIT_MS) });
    try {
      await whileLocked(async () => {
        const r = await fetch(`${serve.url}/api/tools?name=delete_file`);
        expect(r.status).toBe(503);
        expect(await r.json()).toEqual({ error: { status: 503, message: MESSAGE } });
      });
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });
});
