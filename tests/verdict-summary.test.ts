// `stats`'s verdicts counted in SQL against the same verdicts read tool by tool (what `policy` shows for one
// server), server by server, on a catalog refreshed from a synthetic world and varied so that every row of the
// grade formula, every coverage and the toxic flow are met; and a catalog written before facets were stored,
// filled in by the next classify stage.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { classifyPending, classifyServerTools } from "../crawler/classify-stage.js";
import { refresh } from "../crawler/refresh.js";
import { glamaSource } from "../crawler/sources/glama.js";
import { registrySource } from "../crawler/sources/registry.js";
import type { Db } from "../db/client.js";
import { queryRows } from "../db/sql.js";
import { generateWorld } from "../scripts/dev/world/generate.js";
import { serveWorld } from "../scripts/dev/world/serve.js";
import { assessServers } from "../scripts/server-verdict.js";
import { catalogTallies, summarizeCatalogVerdicts, type ServerTally } from "../scripts/verdict-summary.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";
import { testHttpClient } from "./helpers/http.js";

const NOW = new Date();

async function serverIds(db: Db): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, sql`select distinct server_id as id from tools where removed_at is null order by 1`);
  return rows.map((r) => Number(r.id));
}

/** The reference: each server assessed tool by tool. */
async function assessed(db: Db): Promise<ServerTally[]> {
  return (await assessServers(db, { serverIds: await serverIds(db), now: NOW })).map((a) => ({ serverId: a.serverId, verdict: a.verdict, coverage: a.coverage, toxicFlow: a.flow !== undefined }));
}

async function counted(db: Db, pageSize: number): Promise<ServerTally[]> {
  const out: ServerTally[] = [];
  for await (const t of catalogTallies(db, { now: NOW, pageSize })) out.push(t);
  return out;
}

/** One current tool of the server (the first by name). */
async function firstTool(db: Db, serverId: number): Promise<number> {
  const [row] = await queryRows<{ id: number }>(db, sql`select id from tools where server_id = ${serverId} and removed_at is null order by name limit 1`);
  return Number(row!.id);
}

/**
 * Varies the catalog's servers so that each fact the grade reads is met, some servers' classifications left outdated.
 * Returns the server whose one declared hint is on a gated tool.
 */
async function vary(db: Db, ids: number[]): Promise<number> {
  const at = (i: number) => ids[i % ids.length]!;
  await queryRows(db, sql`update servers set auth_posture = 'open' where id in (${at(0)}, ${at(1)}, ${at(2)})`);
  await queryRows(db, sql`update servers set auth_posture = 'auth' where id = ${at(3)}`);
  await queryRows(db, sql`update servers set introspection_error = 'tools/list timed out' where id in (${at(4)}, ${at(5)})`);
  // Declared hints: all four on every tool of one server; values that are not booleans, or not in an object, declare nothing.
  await queryRows(db, sql`update tools set annotations = '{"readOnlyHint": true, "destructiveHint": false, "idempotentHint": true, "openWorldHint": false}' where server_id = ${at(6)}`);
  await queryRows(db, sql`update tools set annotations = '{"readOnlyHint": "true", "title": "x"}' where id = ${await firstTool(db, at(7))}`);
  await queryRows(db, sql`update tools set annotations = '[true]' where server_id = ${at(8)}`);
  await queryRows(db, sql`update tools set annotations = '{"openWorldHint": true}' where id = ${await firstTool(db, at(9))}`);
  // A gated (high or critical) tool that declares hints beside tools that declare none: left out of the share.
  const [gated] = await queryRows<{ server_id: number; id: number }>(
    db,
    sql`select t.server_id, t.id from tools t join classifications c on c.tool_id = t.id
      where t.removed_at is null and c.risk in ('high', 'critical') and t.server_id not in (${sql.join(ids.slice(0, 20).map((id) => sql`${id}`), sql`, `)})
        and (select count(*) from tools u where u.server_id = t.server_id and u.removed_at is null) > 1
      order by t.server_id, t.id limit 1`,
  );
  await queryRows(db, sql`update tools set annotations = null where server_id = ${gated!.server_id}`);
  await queryRows(db, sql`update tools set annotations = '{"destructiveHint": true}' where id = ${gated!.id}`);
  // Raw-language arguments: unlimited, limited, and with no word on it (unlimited).
  await queryRows(db, sql`update classifications set arguments = '{"raw": [{"name": "sql", "language": "sql", "limited": false}]}' where tool_id = ${await firstTool(db, at(10))}`);
  await queryRows(db, sql`update classifications set arguments = '{"raw": [{"name": "q", "language": "sql", "limited": true}]}' where tool_id = ${await firstTool(db, at(11))}`);
  await queryRows(db, sql`update classifications set arguments = '{"raw": [{"name": "cmd", "language": "shell"}, {"name": "q", "language": "sql", "limited": true}]}' where tool_id = ${await firstTool(db, at(12))}`);
  // Changes: a flipped readOnlyHint within the drift window, and one from before it.
  const tool = await queryRows<{ name: string }>(db, sql`select name from tools where id = ${await firstTool(db, at(13))}`);
  const flip = sql`'{"old": {"readOnlyHint": true}, "new": {"readOnlyHint": false}}'::jsonb`;
  await queryRows(db, sql`insert into tool_changes (server_id, tool_name, kind, details, at) values
    (${at(13)}, ${tool[0]!.name}, 'annotations_changed', ${flip}, now()),
    (${at(14)}, ${tool[0]!.name}, 'annotations_changed', ${flip}, now() - interval '40 days')`);
  // Outdated classifications: an older definition, another classifier version, no hints, no facets, none at all.
  await queryRows(db, sql`update classifications set content_hash = 'older' where tool_id = ${await firstTool(db, at(15))}`);
  await queryRows(db, sql`update classifications set classifier_version = '0.0.1' where tool_id = ${await firstTool(db, at(16))}`);
  await queryRows(db, sql`update classifications set hints = null where tool_id = ${await firstTool(db, at(17))}`);
  await queryRows(db, sql`update classifications set facets = null where tool_id = ${await firstTool(db, at(18))}`);
  await queryRows(db, sql`delete from classifications where tool_id = ${await firstTool(db, at(19))}`);
  return gated!.server_id;
}

describe.each(DRIVERS)("stats' verdicts counted in SQL (%s)", (driver) => {
  let t: TestCatalog;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "mcp-catalog-verdicts-"));
    await generateWorld({ dir, servers: 30, seed: 3 });
    const world = await serveWorld({ dir });
    const http = testHttpClient();
    try {
      t = await openTestCatalog(driver);
      const sources = [registrySource(world.url), glamaSource({ baseUrl: world.url })];
      await refresh(t.catalog, { sources, full: false, fetcherFor: () => http, classify: (db) => classifyPending(db), classifyTools: classifyServerTools });
    } finally {
      await http.close();
      await world.close();
    }
  }, 300_000);
  afterAll(async () => {
    await t?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  test("a catalog classified before facets were stored is graded the same, and the next classify stage stores them as the classifier gives them", async () => {
    const db = t.catalog.db;
    const facets = sql`select tool_id, facets from classifications order by tool_id`;
    const stored = await queryRows<{ tool_id: number; facets: unknown }>(db, facets);
    expect(stored.some((r) => Array.isArray(r.facets) && r.facets.length > 0)).toBe(true);
    const before = await counted(db, 50);
    await queryRows(db, sql`update classifications set facets = null`);
    expect(await counted(db, 50)).toEqual(before);
    expect((await classifyPending(db)).classified).toBe(stored.length);
    expect(await queryRows(db, facets)).toEqual(stored);
    expect((await classifyPending(db)).classified).toBe(0);
  });

  test("every server's grade, score, reasons, coverage and flow are those read tool by tool, page after page", async () => {
    const db = t.catalog.db;
    const ids = await serverIds(db);
    expect(ids.length).toBeGreaterThan(20);
    // Every classification has its facets: all but the servers vary() leaves outdated are counted in SQL.
    expect(await queryRows(db, sql`select count(*)::int as n from classifications where facets is null`)).toEqual([{ n: 0 }]);
    const gatedServer = await vary(db, ids);
    const reference = await assessed(db);
    expect(await counted(db, 7)).toEqual(reference);
    // The server whose only declared hints are on a gated tool: partly annotated, yet all of the share lacks hints.
    const gated = reference.find((x) => x.serverId === Number(gatedServer))!;
    expect(gated.coverage).toBe("partial");
    expect(gated.verdict.reasons.map((r) => r.reason)).toContain("100% of its tools declare no hints (not counting high and critical tools that do)");
    // The catalog meets what the grade reads: each of these reasons, each coverage, flows and grades apart.
    const reasons = new Set(reference.flatMap((x) => x.verdict.reasons.map((r) => r.reason)));
    for (const words of ["critical tool", "high risk or above", "raw SQL", "declare no hints", "without asking for credentials", "last live tools/list failed", "made it riskier", "toxic flow"]) {
      expect([...reasons].some((r) => r.includes(words)), words).toBe(true);
    }
    expect(new Set(reference.map((x) => x.coverage))).toEqual(new Set(["full", "partial", "none"]));
    expect(new Set(reference.map((x) => x.verdict.grade)).size).toBeGreaterThanOrEqual(3);
    const summary = await summarizeCatalogVerdicts(db, { now: NOW });
    expect(summary.toxicFlows).toBe(reference.filter((x) => x.toxicFlow).length);
    for (const g of ["A", "B", "C", "D", "F"] as const) expect(summary.grades[g]).toBe(reference.filter((x) => x.verdict.grade === g).length);
    for (const c of ["full", "partial", "none"] as const) expect(summary.annotationCoverage[c]).toBe(reference.filter((x) => x.coverage === c).length);
  });
});
