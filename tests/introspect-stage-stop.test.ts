// How the in-process live listing stage (refresh without --queue) stops. SIGINT or SIGTERM while it lists: the run
// ends as one interrupted in the crawl does, failed with one aborted failure, `--json` printing its summary with the
// listing's counts so far; the servers listed before it keep their tools, those it cut short are left due. A database
// that refuses the listings' outcomes: the run fails outright. Either way nothing rejects unhandled (a listing's
// rejection once did, which killed the process with the interrupt's error, and let a broken stage pass for a success).
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { lastRun } from "../db/runs.js";
import { servers, tools } from "../db/schema.js";
import { DRIVERS, createScratchDatabase } from "./helpers/catalog.js";
import { cliSession, type CliSession } from "./helpers/cli.js";
import { HELD_SERVER_TOOLS, startHeldMcpServer, type HeldMcpServer } from "./helpers/held-mcp-server.js";
import { registryItem, startRegistryReplay, type RegistryReplay } from "./helpers/registry-replay.js";
import { migratedDataDir } from "./helpers/snapshot-catalog.js";
import { scratchBase } from "./helpers/templates.js";

describe.each(DRIVERS)("the live listing stopped on %s", (driver) => {
  let dir: string;
  let registry: RegistryReplay;
  // Listed in the order of their names, two at a time: both answered ones are stored before either held one is asked.
  const named: [string, HeldMcpServer][] = [];
  let database: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let cli: CliSession;
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => void unhandled.push(e);

  beforeAll(async () => {
    dir = mkdtempSync(join(scratchBase(), "introspect-stop-"));
    for (const [name, era, hold] of [
      ["io.github.acme/answers-modern", "modern", false],
      ["io.github.acme/answers-legacy", "legacy", false],
      ["io.github.acme/held-modern", "modern", true],
      ["io.github.acme/held-legacy", "legacy", true],
    ] as const) {
      named.push([name, await startHeldMcpServer({ era, hold })]);
    }
    registry = await startRegistryReplay(named.map(([name, s]) => registryItem(name, { remotes: [{ type: "streamable-http", url: s.endpoint }] })));
    if (driver === "postgres") database = await createScratchDatabase();
    const env = {
      CATALOG_DATA_DIR: join(dir, "db"),
      ...(database ? { DATABASE_URL: database.url } : {}),
      REGISTRY_URL: registry.url,
      CATALOG_ALLOW_PRIVATE_NETWORK: "1",
      CATALOG_INTROSPECT: "remote",
      CATALOG_INTROSPECT_CONCURRENCY: "2",
      CATALOG_INTROSPECT_MAX_AGE_HOURS: "0",
    };
    if (!database) await migratedDataDir(env.CATALOG_DATA_DIR);
    cli = cliSession(env);
    process.on("unhandledRejection", onUnhandled);
  });
  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await cli?.close();
    await Promise.all([registry?.close(), ...named.map(([, s]) => s.close())]);
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("fails the run with one aborted failure, prints the summary with the listing's counts so far, and keeps what was listed", async () => {
    const controller = new AbortController();
    const held = named.filter(([name]) => name.includes("/held-")).map(([, s]) => s);
    // SIGTERM once both held listings wait for their answer, one server of each era.
    void Promise.all(held.map((s) => s.listing)).then(() => controller.abort(new Error("interrupted by SIGTERM")));
    const run = await cli.run(["refresh", "--sources", "registry", "--no-classify", "--json"], {}, { signal: controller.signal });

    expect(run.code).toBe(1);
    expect(run.stderr).toBe("mcp-catalog refresh: run failed: interrupted by SIGTERM\n");
    const summary = JSON.parse(run.stdout) as { runId: number; status: string; failures: unknown[]; introspection: unknown; tools: { added: number } };
    const aborted = { stage: "run", kind: "aborted", message: "interrupted by SIGTERM" };
    expect(summary).toMatchObject({ status: "failed", failures: [aborted] });
    // The two listed before the interrupt, counted; the two it cut short attempted and skipped, neither listed nor failed.
    const introspection = { attempted: 4, succeeded: 2, failed: 0, skipped: 2, failures: {}, tools: { added: 6, changed: 0, removed: 0, unchanged: 0, retracted: 0, reverted: 0, restored: 0 } };
    expect(summary.introspection).toEqual(introspection);
    expect(summary.tools.added).toBe(6);

    const { db } = await cli.catalog();
    expect(await lastRun(db)).toMatchObject({ id: summary.runId, status: "failed", failures: [aborted], tools: { introspection } });
    const rows = await db.select({ key: servers.key, introspectedAt: servers.introspectedAt, introspectionError: servers.introspectionError }).from(servers).orderBy(servers.key);
    const listed = (key: string) => ({ key, introspectedAt: expect.any(String), introspectionError: null });
    // Cut short is no outcome of the server's: no failure recorded on it, so the next run lists it.
    const due = (key: string) => ({ key, introspectedAt: null, introspectionError: null });
    expect(rows).toEqual([listed("io.github.acme/answers-legacy"), listed("io.github.acme/answers-modern"), due("io.github.acme/held-legacy"), due("io.github.acme/held-modern")]);
    const answered = rows.slice(0, 2).map((r) => r.key);
    const stored = await db.select({ name: tools.name }).from(tools).innerJoin(servers, eq(servers.id, tools.serverId)).where(inArray(servers.key, answered));
    expect(stored.map((t) => t.name).sort()).toEqual([...HELD_SERVER_TOOLS, ...HELD_SERVER_TOOLS].sort());
    expect(unhandled).toEqual([]);
  });

  test("a database failure storing a listing fails the run outright, once the listings under way have settled", async () => {
    for (const [, s] of named) s.release();
    const { db } = await cli.catalog();
    // Every listing's outcome is refused, a success's and a failure's alike: the stage is broken, not one server.
    await db.execute(sql`alter table servers add constraint refuse_listing check (introspected_at is null) not valid`);
    try {
      const run = await cli.run(["refresh", "--sources", "registry", "--no-classify", "--json"]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/violates check constraint "refuse_listing" \(code 23514\) during update "servers"/);
      const record = await lastRun(db);
      expect(record).toMatchObject({ status: "failed", failures: [{ stage: "run", kind: "database", code: "23514" }] });
      // The crawl before the broken stage is still the run's: its source's figures are in the record.
      expect(record!.sources).toMatchObject({ registry: { pages: 1, requests: 1, errors: [] } });
      expect(record!.tools).toMatchObject({ added: 0, changed: 0, removed: 0 });
    } finally {
      await db.execute(sql`alter table servers drop constraint refuse_listing`);
    }
    expect(unhandled).toEqual([]);
  });
});
