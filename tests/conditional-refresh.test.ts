// Conditional requests and removal detection on full walks: a page answered 304 keeps its servers
// listed without being read or written; a changed page is read again; a server no source lists goes.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { classifyPending, classifyServerTools } from "../crawler/classify-stage.js";
import type { HttpClient } from "../crawler/http.js";
import { walksBeforeGone } from "../crawler/plan/crawl.js";
import { refresh, type RefreshOptions } from "../crawler/refresh.js";
import { glamaSource } from "../crawler/sources/glama.js";
import { registrySource } from "../crawler/sources/registry.js";
import { queryRows } from "../db/sql.js";
import { generateWorld } from "../scripts/dev/world/generate.js";
import { mutateWorld } from "../scripts/dev/world/mutate.js";
import { serveWorld, type WorldServer } from "../scripts/dev/world/serve.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";
import { buildGlamaServers, startGlamaReplay, type GlamaReplay } from "./helpers/glama-replay.js";
import { testHttpClient } from "./helpers/http.js";

/** What a refresh left in the catalog, to compare before and after. */
async function footprint(t: TestCatalog) {
  const [row] = await queryRows<Record<string, string | number | null>>(
    t.catalog.db,
    sql`select (select count(*) from servers)::int as servers,
      (select count(*) from servers where status = 'gone')::int as gone,
      (select max(changed_run_id) from servers)::int as last_changed_run,
      (select count(*) from server_sources)::int as records,
      (select max(fetched_at)::text from server_sources) as last_fetched,
      (select count(*) from tools)::int as tools,
      (select max(last_seen_at)::text from tools) as tools_last_written,
      (select count(*) from tool_changes)::int as tool_changes,
      (select count(*) from classifications)::int as classified`,
  );
  return row!;
}

/** The current tools of the servers Glama lists. */
async function glamaTools(t: TestCatalog): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.catalog.db,
    sql`select count(*)::int as n from tools where removed_at is null and server_id in (select server_id from server_sources where source = 'glama')`,
  );
  return row!.n;
}

type ClassificationRow = { k: string; category: string; risk: string; rationale: string; content_hash: string; facets: unknown };
const classificationsOf = (c: TestCatalog) =>
  queryRows<ClassificationRow>(
    c.catalog.db,
    sql`select s.key || '/' || t.name as k, c.category, c.risk, c.rationale, c.content_hash, c.facets
      from classifications c join tools t on t.id = c.tool_id join servers s on s.id = t.server_id order by 1`,
  );

/**
 * The classifications the classify stage gives a first refresh of the world (the same seed on either driver, so
 * the same world): one PGlite catalog refreshed without classifying tools as their pages are written, built once a
 * file by the first driver's test to ask and compared with each driver's inline classifications.
 */
let staged: Promise<ClassificationRow[]> | undefined;
function stagedClassifications(worldUrl: string, http: HttpClient): Promise<ClassificationRow[]> {
  staged ??= (async () => {
    const other = await openTestCatalog("pglite");
    try {
      await refresh(other.catalog, { sources: [registrySource(worldUrl), glamaSource({ baseUrl: worldUrl })], full: false, fetcherFor: () => http, classify: (db) => classifyPending(db) });
      return await classificationsOf(other);
    } finally {
      await other.dispose();
    }
  })();
  return staged;
}

describe.each(DRIVERS)("conditional refresh on %s", (driver) => {
  let t: TestCatalog;
  let dir: string;
  let world: WorldServer;
  let base: HttpClient;
  let http: HttpClient;
  const requests: { url: string; conditional: boolean; status?: number }[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "mcp-catalog-conditional-"));
    await generateWorld({ dir, servers: 150, seed: 7 });
    world = await serveWorld({ dir });
    t = await openTestCatalog(driver);
    base = testHttpClient();
    // The same client, watched: which requests were conditional and how they were answered.
    http = new Proxy(base, {
      get(target, prop, receiver) {
        if (prop !== "getJson") return Reflect.get(target, prop, receiver);
        return async (url: string, init?: { etag?: string }) => {
          const r = await target.getJson(url, init);
          requests.push({ url, conditional: !!init?.etag, status: r.status });
          return r;
        };
      },
    });
  });
  afterAll(async () => {
    await base.close();
    await world.close();
    await t.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const run = (extra: Partial<RefreshOptions> = {}) => {
    requests.length = 0;
    return refresh(t.catalog, {
      sources: [registrySource(world.url), glamaSource({ baseUrl: world.url })],
      full: false,
      fetcherFor: () => http,
      classify: (db) => classifyPending(db),
      classifyTools: classifyServerTools,
      ...extra,
    });
  };

  test("a first run stores every page with its ETag and asks nothing conditionally", async () => {
    const summary = await run();
    expect(summary.status).toBe("succeeded");
    expect(requests.every((r) => !r.conditional && r.status === 200)).toBe(true);
    expect(summary.sources.glama).toMatchObject({ mode: "full", notModified: 0, errors: [] });
    expect(summary.servers.added).toBeGreaterThan(150);
    expect(summary.tools.added).toBeGreaterThan(0);
    expect(summary.tools.classified).toBe(summary.tools.added);
    // Every current tool has a classification, whether written with its page or by the classify stage.
    const [row] = await queryRows<{ tools: number; classified: number; queued: number }>(
      t.catalog.db,
      sql`select (select count(*) from tools where removed_at is null)::int as tools, (select count(*) from classifications)::int as classified, (select count(*) from classify_queue)::int as queued`,
    );
    expect(row).toEqual({ tools: summary.tools.added, classified: summary.tools.added, queued: 0 });
  });

  test("tools classified as their page is written get what the classify stage would have given them", async () => {
    const [inline, staged] = await Promise.all([classificationsOf(t), stagedClassifications(world.url, base)]);
    expect(inline.length).toBeGreaterThan(100);
    expect(inline).toEqual(staged);
  });

  test("a second run gets 304 for every Glama page, writes nothing and removes nothing", async () => {
    const before = await footprint(t);
    const summary = await run();
    expect(summary.status).toBe("succeeded");
    const glama = summary.sources.glama!;
    expect(glama.pages).toBeGreaterThan(1);
    expect(glama).toMatchObject({ notModified: glama.pages, records: 0 });
    expect(requests.filter((r) => r.url.includes("/v1/servers")).every((r) => r.conditional && r.status === 304)).toBe(true);
    // The tools behind the 304s are counted unchanged, though no page listed them again.
    expect(summary.tools).toEqual({ added: 0, changed: 0, removed: 0, unchanged: await glamaTools(t), classified: 0 });
    expect(summary.tools.unchanged).toBeGreaterThan(100);
    expect(summary.servers).toMatchObject({ added: 0, updated: 0, removed: 0 });
    // Every server the catalog lists is unchanged: those Glama's 304s vouched for, and the registry's the run did not read.
    const [live] = await queryRows<{ n: number }>(t.catalog.db, sql`select count(*)::int as n from servers where status not in ('deleted', 'gone')`);
    expect(summary.servers.unchanged).toBe(live!.n);
    expect(await footprint(t)).toEqual(before);
  });

  test("registry --full asks every page conditionally: all 304, nothing removed", async () => {
    const before = await footprint(t);
    const summary = await run({ full: true, sources: [registrySource(world.url)] });
    expect(summary.status).toBe("succeeded");
    const registry = summary.sources.registry!;
    expect(registry).toMatchObject({ mode: "full", notModified: registry.pages, records: 0 });
    expect(summary.servers).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect(await footprint(t)).toEqual(before);
  });

  test("a changed page is read again and only what changed is written", async () => {
    const before = await footprint(t);
    const mutation = await mutateWorld({ dir, fraction: 0.05 });
    const summary = await run();
    expect(summary.status).toBe("succeeded");
    const glama = summary.sources.glama!;
    expect(glama.pages - glama.notModified).toBeGreaterThan(0);
    expect(glama.records - glama.unchangedRecords).toBe(mutation.glamaIds.length);
    expect(summary.tools.changed + summary.tools.added).toBeGreaterThanOrEqual(mutation.glamaIds.length);
    // Every tool Glama lists counted once: new, changed, or unchanged (on a 304 page, an unchanged record or a changed one).
    expect(summary.tools.added + summary.tools.changed + summary.tools.unchanged).toBe(await glamaTools(t));
    expect(summary.tools.classified).toBeGreaterThan(0);
    expect(summary.servers.removed).toBe(0);
    const after = await footprint(t);
    expect(after.gone).toBe(0);
    expect(Number(after.tool_changes)).toBeGreaterThan(Number(before.tool_changes));
    // The registry's new versions came incrementally.
    expect(summary.sources.registry).toMatchObject({ mode: "incremental", records: mutation.registryKeys.length });
  });
});

describe.each(DRIVERS)("servers no source lists any more on %s", (driver) => {
  let t: TestCatalog;
  let replay: GlamaReplay;
  let http: HttpClient;
  const all = buildGlamaServers() as { id?: string; namespace?: string; slug?: string; repository?: unknown }[];

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    http = testHttpClient();
  });
  afterAll(async () => {
    await replay?.close();
    await http.close();
    await t.dispose();
  });

  const crawl = async (servers: unknown[]) => {
    await replay?.close();
    replay = await startGlamaReplay({ servers });
    return refresh(t.catalog, { sources: [glamaSource({ baseUrl: replay.url })], full: false, fetcherFor: () => http });
  };
  const status = async (id: string) =>
    (await queryRows<{ status: string }>(t.catalog.db, sql`select s.status from servers s join server_sources ss on ss.server_id = s.id where ss.source = 'glama' and ss.source_id = ${id}`))[0]?.status;

  test("a server dropped from full walks is gone once the rule's walks in a row missed it, and comes back when it is listed again", async () => {
    const first = await crawl(all);
    expect(first.status).toBe("succeeded");
    const victim = all.find((s) => s && typeof s === "object" && typeof s.id === "string")!;
    expect(await status(victim.id!)).toBe("active");

    // Glama's cursor may be a position (crawler/plan/crawl.ts SOURCE_PAGING): a walk that misses a server may have
    // skipped it, so it stays, counted as missing, until enough walks in a row missed it.
    for (let missed = 1; missed < walksBeforeGone("glama"); missed++) {
      const kept = await crawl(all.filter((s) => s !== victim));
      expect(kept.status).toBe("succeeded");
      expect(kept.servers.removed).toBe(0);
      expect(kept.sources.glama).toMatchObject({ gone: 0, goneWithheld: 0, missing: 1 });
      expect(await status(victim.id!)).toBe("active");
    }
    const without = await crawl(all.filter((s) => s !== victim));
    expect(without.status).toBe("succeeded");
    expect(without.servers.removed).toBe(1);
    expect(without.sources.glama).toMatchObject({ gone: 1, goneWithheld: 0, missing: 0 });
    expect(await status(victim.id!)).toBe("gone");

    const back = await crawl(all);
    expect(back.status).toBe("succeeded");
    expect(back.servers.removed).toBe(0);
    expect(await status(victim.id!)).toBe("active");
  });

  test("a walk that suddenly lists far fewer servers marks none gone and says how many it kept", async () => {
    // Missed by fewer walks than the rule asks, they are kept as missing; missed by as many, they are withheld.
    for (let missed = 1; missed < walksBeforeGone("glama"); missed++) {
      const kept = await crawl(all.slice(0, 12));
      expect(kept.servers.removed).toBe(0);
      expect(kept.sources.glama).toMatchObject({ gone: 0, goneWithheld: 0 });
      expect(kept.sources.glama!.missing).toBeGreaterThan(10);
    }
    const shrunk = await crawl(all.slice(0, 12));
    expect(shrunk.status).toBe("succeeded");
    expect(shrunk.servers.removed).toBe(0);
    expect(shrunk.sources.glama!.gone).toBe(0);
    expect(shrunk.sources.glama!.goneWithheld).toBeGreaterThan(10);
    const back = await crawl(all);
    expect(back.servers.removed).toBe(0);
  });

  test("a walk that fails half-way removes nothing", async () => {
    const before = (await queryRows<{ n: number }>(t.catalog.db, sql`select count(*)::int as n from servers where status = 'gone'`))[0]!.n;
    await replay?.close();
    replay = await startGlamaReplay({ servers: all.slice(0, 20) });
    // A short listing, but the walk breaks after its first page: nothing is settled.
    const broken = await refresh(t.catalog, {
      sources: [glamaSource({ baseUrl: replay.url, pageSize: 5 })],
      full: false,
      fetcherFor: () => ({
        getJson: async (url, init) => {
          if (url.includes("after=")) throw new Error("connection reset");
          return http.getJson(url, init);
        },
      }),
    });
    expect(broken.status).toBe("failed");
    expect(broken.servers.removed).toBe(0);
    expect((await queryRows<{ n: number }>(t.catalog.db, sql`select count(*)::int as n from servers where status = 'gone'`))[0]!.n).toBe(before);
  });
});
