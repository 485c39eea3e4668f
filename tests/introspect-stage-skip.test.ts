// The in-process live listing stage's figures add up: a listing that comes back stale (another run's crawl dropped the
// remote it reached while it waited for the answer) is skipped, counted as that, with nothing written on its server.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HttpClient } from "../crawler/http.js";
import { introspectServers } from "../crawler/introspect-stage.js";
import { servers, tools } from "../db/schema.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";
import { startHeldMcpServer, type HeldMcpServer } from "./helpers/held-mcp-server.js";
import { testHttpClient } from "./helpers/http.js";

describe.each(DRIVERS)("a stale live listing on %s", (driver) => {
  let t: TestCatalog;
  let held: HeldMcpServer;
  let http: HttpClient;

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    held = await startHeldMcpServer({ era: "modern", hold: true });
    http = testHttpClient();
  });
  afterAll(async () => {
    await Promise.all([http?.close(), held?.close()]);
    await t?.dispose();
  });

  test("is attempted and skipped, neither succeeded nor failed, and leaves its server due", async () => {
    const { db } = t.catalog;
    const [row] = await db
      .insert(servers)
      .values({ key: "io.github.acme/moved", canonicalSource: "registry:x", canonicalRank: 30, contentHash: "h", remotes: [{ type: "streamable-http", url: held.endpoint, needsSecret: false }] })
      .returning({ id: servers.id });
    // Another run's crawl drops the remote while the listing waits for its answer; then the server answers.
    const dropped = held.listing.then(async () => {
      await db.update(servers).set({ remotes: [] }).where(eq(servers.id, row!.id));
      held.release();
    });
    const result = await introspectServers(db, 1, {
      modes: ["remote"],
      limits: { connectTimeoutMs: 5_000, requestTimeoutMs: 5_000, totalTimeoutMs: 10_000, maxTools: 100, maxBytes: 1_000_000, maxPages: 5 },
      concurrency: 1,
      perHostConcurrency: 1,
      maxAgeHours: 0,
      fetch: http.fetch,
      sandbox: { memoryMb: 256, noNetwork: true },
      installTimeoutMs: 1_000,
    });
    await dropped;
    expect(result).toEqual({ attempted: 1, succeeded: 0, failed: 0, skipped: 1, failures: {}, tools: { added: 0, changed: 0, removed: 0, unchanged: 0, retracted: 0, reverted: 0, restored: 0 } });
    expect(await db.select().from(tools).where(eq(tools.serverId, row!.id))).toEqual([]);
    const [after] = await db.select({ introspectedAt: servers.introspectedAt, introspectionError: servers.introspectionError }).from(servers).where(eq(servers.id, row!.id));
    expect(after).toEqual({ introspectedAt: null, introspectionError: null });
  });
});
