// Every transaction that writes a server's tools or their classifications locks the server's row first, and a page
// locks every server it writes (renamed, rewritten, or listing tools) in one batch in id order, each at the strength its
// write takes (those it creates, in key order), so a worker's listing, the classify stage and a refresh's pages never
// wait on each other's rows in opposite order (a deadlock, 40P01). Postgres only: PGlite has one connection, so no two
// transactions there ever run at once.
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { toolDefinition } from "../crawler/ingest.js";
import { storeListing } from "../crawler/listing.js";
import type { EnumerateResult } from "../crawler/mcp/limits.js";
import { writeSourcePage, type PageWrite } from "../crawler/page-write.js";
import { syncToolListings } from "../crawler/tool-sync.js";
import { storeClassifications } from "../db/classifications.js";
import { errorLine } from "../db/errors.js";
import { listingCandidate } from "../db/listing-jobs.js";
import { servers } from "../db/schema.js";
import { openTestCatalog, readClassification, type TestCatalog } from "./helpers/catalog.js";

describe.skipIf(!process.env.DATABASE_URL)("the server's row is locked before its tools, on Postgres", () => {
  let t: TestCatalog;
  /** Another session on the same catalog: a refresh's page transaction, and a look at who waits. */
  let other: postgres.Sql;

  beforeAll(async () => {
    t = await openTestCatalog("postgres");
    other = postgres(t.databaseUrl!, { max: 2, onnotice: () => {} });
  });
  afterAll(async () => {
    await other?.end();
    await t?.dispose();
  });

  /** Resolves once `n` transactions of this catalog wait on a lock (those under test, on rows another one holds). */
  async function someoneWaits(n = 1): Promise<void> {
    const deadline = Date.now() + 10_000;
    // Asked again at once: each look is a round trip to the server, and no timer decides when the waiters are there.
    for (;;) {
      const [row] = await other<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
      if (row!.n >= n) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} transactions to wait on a lock`);
    }
  }

  /** A server no source has listed tools of. */
  async function server(key: string): Promise<number> {
    const [row] = await t.catalog.db
      .insert(servers)
      .values({ key, status: "active", canonicalSource: `registry:${key}`, canonicalRank: 10, contentHash: "h", remotes: [{ type: "streamable-http", url: "http://127.0.0.1:9/mcp", needsSecret: false }] })
      .returning({ id: servers.id });
    return row!.id;
  }

  /** A server whose tool Glama listed: its tool row exists, with the directory's origin, and it is queued to classify. */
  async function serverWithTool(key: string, tool: { name: string; description: string }): Promise<number> {
    const id = await server(key);
    await syncToolListings(t.catalog.db, [{ serverId: id, origin: "glama", tools: [toolDefinition(tool)] }], 1);
    return id;
  }

  test("a server's first live listing, which only changes its directory tools' origin, waits for a page holding the server before writing a tool: no deadlock", async () => {
    const tool = { name: "read_note", description: "Read a note." };
    // Glama listed the tools first; the live list is the same tools, so the listing rewrites only their origin.
    const id = await serverWithTool("io.test/notes", tool);
    const candidate = await listingCandidate(t.catalog.db, id);
    const fetched: EnumerateResult = { tools: [tool], transport: "streamable-http", pages: 1, bytes: 0, skipped: 0, skipReasons: [], skippedNames: [], skippedUnnamed: false, descriptionsTruncated: 0, hintsDropped: 0, hintNotes: [] };

    // A refresh page that upserts the server, then writes its tools (as a directory's listing of them would).
    let listing: Promise<unknown> | undefined;
    const page = other.begin(async (tx) => {
      await tx`update servers set last_seen_at = now() where id = ${id}`;
      listing = storeListing(t.catalog.db, candidate!, fetched, { runId: 2, now: new Date(), mode: "remote", classify: true });
      listing.catch(() => undefined);
      await someoneWaits();
      await tx`update tools set last_seen_at = now() where server_id = ${id}`;
      return "committed";
    });
    // Both commit: the listing waited for the server before it took any tool row. Locking the server last, it held
    // the tools the page then waited on while it waited on the page's server: one of the two was killed with 40P01.
    await expect(page).resolves.toBe("committed");
    await listing;
    const tools = await other<{ origin: string }[]>`select origin from tools where server_id = ${id}`;
    expect(tools).toEqual([{ origin: "live" }]);
  }, 30_000);

  test("classifications of several servers lock them in id order, whatever order their rows and the servers' rows come in", async () => {
    const first = await serverWithTool("io.test/first", { name: "read_first", description: "Read the first thing." });
    const second = await serverWithTool("io.test/second", { name: "read_second", description: "Read the second thing." });
    // The first server's row rewritten: its live version now lies after the second's in the table.
    await other`update servers set description = 'Moved.' where id = ${first}`;
    const tools = await other<{ id: number; content_hash: string }[]>`select id, content_hash from tools where server_id in (${first}, ${second}) order by server_id desc`;
    const rows = tools.map((tool) => readClassification(tool.id, tool.content_hash));

    // Another writer of both servers' tools, locking them in id order as every writer does: the first, then the second.
    let classified: Promise<unknown> | undefined;
    const writer = other.begin(async (tx) => {
      await tx`select id from servers where id = ${first} for no key update`;
      classified = storeClassifications(t.catalog.db, rows, [first, second]);
      classified.catch(() => undefined);
      await someoneWaits();
      await tx`select id from servers where id = ${second} for no key update`;
      return "committed";
    });
    // Both commit: the classifications waited on the first server holding nothing. Had they locked the second first,
    // each would wait on the other's server (40P01).
    await expect(writer).resolves.toBe("committed");
    await classified;
    const stored = await other<{ n: number }[]>`select count(*)::int as n from classifications where tool_id in (${tools[0]!.id}, ${tools[1]!.id})`;
    expect(stored).toEqual([{ n: 2 }]);
  }, 30_000);

  /** A page of `source` listing the servers with these keys, in this order: each new, or rewritten (a new record hash). */
  function pageOf(source: "registry" | "glama", keys: string[]): PageWrite {
    return {
      runId: 2,
      source,
      mode: "incremental",
      page: { url: `http://127.0.0.1/${source}/servers`, next: null, records: keys.length },
      sourceIds: [],
      servers: keys.map((key) => ({ key, status: "active", packages: [], remotes: [], canonicalSource: `${source}:${key}`, canonicalRank: 10, contentHash: `${source} page` })),
      sources: [],
      aliases: [],
      checkpoint: { source, cursor: null, cursorPage: null, mode: "incremental", pendingWatermark: null, crawlStartedAt: new Date().toISOString(), crawlRunId: 2, rederives: false },
    };
  }

  /** Ends the holding transaction: what it wrote is rolled back, what it locked released. */
  class Released extends Error {}

  /**
   * Writes the pages while `holder` holds what they wait on, and lets it go once `waiters` transactions wait (the
   * pages, and any writer the holder started). Each page commits, or is killed with 40P01 for waiting in a circle.
   */
  async function writeWhileHeld(holder: (tx: postgres.TransactionSql) => Promise<void>, pages: PageWrite[], waiters = pages.length): Promise<string[]> {
    let written: Promise<PromiseSettledResult<unknown>[]> | undefined;
    await other
      .begin(async (tx) => {
        await holder(tx);
        written = Promise.allSettled(pages.map((p) => writeSourcePage(t.catalog.db, p)));
        await someoneWaits(waiters);
        throw new Released();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Released)) throw e;
      });
    return (await written!).map((r) => (r.status === "fulfilled" ? "committed" : errorLine(r.reason)));
  }

  // Each test holds one server (the gate) that the writers list between two others: in the order each listed them, a
  // writer took the row before the gate and waited there; the gate released, the first through it waited on the row
  // the other took, which waited on the gate behind it (40P01), every time.

  test("two pages rewriting the same servers in opposite order both commit: each locks them in id order", async () => {
    const keys = ["io.test/rewritten-one", "io.test/rewritten-gate", "io.test/rewritten-two"];
    const ids: number[] = [];
    for (const key of keys) ids.push(await serverWithTool(key, { name: "read_it", description: "Read it." }));
    const outcomes = await writeWhileHeld(async (tx) => void (await tx`select id from servers where id = ${ids[1]!} for no key update`), [
      pageOf("registry", keys),
      pageOf("glama", [...keys].reverse()),
    ]);
    expect(outcomes).toEqual(["committed", "committed"]);
  }, 30_000);

  test("two pages creating the same servers in opposite order both commit: each inserts them in key order", async () => {
    const keys = ["io.test/created-a", "io.test/created-gate", "io.test/created-z"];
    // The gate is another writer's insert of the middle key, rolled back: the pages create all three.
    const outcomes = await writeWhileHeld(
      async (tx) => void (await tx`insert into servers (key, status, canonical_source, canonical_rank, content_hash) values (${keys[1]!}, 'active', 'registry:gate', 10, 'h')`),
      [pageOf("registry", keys), pageOf("glama", [...keys].reverse())],
    );
    expect(outcomes).toEqual(["committed", "committed"]);
    const created = await other<{ key: string }[]>`select key from servers where key in ${other(keys)} order by key`;
    expect(created.map((r) => r.key)).toEqual(keys);
  }, 30_000);

  /**
   * The classify stage's batch of these servers' tools, locking them in id order, once it waits on one of them; what it
   * came to (committed, or the error that ended it) once let go.
   */
  async function classifyWaiting(ids: number[]): Promise<{ classified: Promise<string> }> {
    const tools = await other<{ id: number; content_hash: string }[]>`select id, content_hash from tools where server_id in ${other(ids)}`;
    const rows = tools.map((tool) => readClassification(tool.id, tool.content_hash));
    const classified = storeClassifications(t.catalog.db, rows, ids).then(() => "committed", errorLine);
    await someoneWaits(1);
    return { classified };
  }

  /**
   * Writes `page` while the classify stage's batch of `ids` waits at the gate (the server `gate`, held meanwhile), first
   * in line; what each came to, the page's first.
   */
  async function pageBehindClassifications(ids: number[], gate: number, page: PageWrite): Promise<string[]> {
    let classified: Promise<string> | undefined;
    const outcomes = await writeWhileHeld(
      async (tx) => {
        await tx`select id from servers where id = ${gate} for no key update`;
        ({ classified } = await classifyWaiting(ids));
      },
      [page],
      2,
    );
    return [...outcomes, await classified!];
  }

  test("a page waits for classifications holding its servers in id order, whatever the order of the page or of the keys", async () => {
    // Created in this order (their ids'), keyed in the opposite one: neither the page's order nor the keys' is the ids'.
    const keys = ["io.test/z-first", "io.test/m-gate", "io.test/a-last"];
    const ids: number[] = [];
    for (const key of keys) ids.push(await serverWithTool(key, { name: "read_it", description: "Read it." }));
    // The classify stage's batch, locking the three servers in id order: it takes the first and waits at the gate.
    const outcomes = await pageBehindClassifications(ids, ids[1]!, pageOf("registry", [...keys].reverse()));
    expect(outcomes).toEqual(["committed", "committed"]);
  }, 30_000);

  test("a page that rewrites some servers and lists the tools of another locks the three in one batch: it waits for classifications of them, holding none", async () => {
    // The server whose tools the page lists, not rewriting it, has the lowest id: the gate, where the classify stage's
    // batch waits first.
    const keys = ["io.test/listed-gate", "io.test/listed-one", "io.test/listed-two"];
    const ids: number[] = [];
    for (const key of keys) ids.push(await serverWithTool(key, { name: "read_it", description: "Read it." }));
    const page = pageOf("glama", keys);
    // Its record as stored (the same hash and rank): the page lists a tool of it without rewriting it.
    page.servers[0]!.contentHash = "h";
    page.toolListings = [{ serverKey: keys[0]!, origin: "glama", tools: [toolDefinition({ name: "read_it", description: "Read it." }), toolDefinition({ name: "read_more", description: "Read more." })] }];
    // The classify stage's batch of the servers the page writes: it waits at the gate, first in line.
    const outcomes = await pageBehindClassifications(ids, ids[0]!, page);
    // Both commit: the page's one batch waited at the gate holding nothing. Locking the servers it rewrites, then (for
    // their tools) those it lists, it held the last two while it waited at the gate behind the classifications, which
    // took the gate and waited on the second (40P01).
    expect(outcomes).toEqual(["committed", "committed"]);
    const listed = await other<{ name: string }[]>`select name from tools where server_id = ${ids[0]!} order by name`;
    expect(listed.map((r) => r.name)).toEqual(["read_it", "read_more"]);
  }, 30_000);

  test("a page renaming servers locks them in id order, whatever the order of its renames: it waits for classifications of them, holding none", async () => {
    const keys = ["io.test/repo-gate", "io.test/repo-other"];
    const ids: number[] = [];
    for (const key of keys) ids.push(await serverWithTool(key, { name: "read_it", description: "Read it." }));
    // The registry names both servers first met under their repository, the one with the higher id first.
    const page = pageOf("registry", ["io.test/named-other", "io.test/named-gate"]);
    page.renames = [
      { from: keys[1]!, to: "io.test/named-other" },
      { from: keys[0]!, to: "io.test/named-gate" },
    ];
    // The classify stage's batch of the servers the page writes: it waits at the gate, first in line.
    const outcomes = await pageBehindClassifications(ids, ids[0]!, page);
    // Both commit. Renaming in the page's order, it held the second server while it waited at the gate behind the
    // classifications, which took the gate and waited on the second (40P01).
    expect(outcomes).toEqual(["committed", "committed"]);
    const renamed = await other<{ key: string }[]>`select key from servers where id in ${other(ids)} order by id`;
    expect(renamed.map((r) => r.key)).toEqual(["io.test/named-gate", "io.test/named-other"]);
  }, 30_000);

  test("a page renaming servers takes the lock a key change needs with the others, up front: a writer referring to them in id order waits on it or it on the writer, never both", async () => {
    // servers.key has a unique index, so Postgres counts it a key: changing it takes FOR UPDATE, which a row referred to
    // by an uncommitted foreign key (FOR KEY SHARE) withholds; NO KEY UPDATE lets such a row be referred to meanwhile.
    const keys = ["io.test/repo-first", "io.test/repo-second"];
    const ids = [await server(keys[0]!), await server(keys[1]!)];
    // The registry names both servers, the one with the higher id first.
    const page = pageOf("registry", ["io.test/named-second", "io.test/named-first"]);
    page.renames = [
      { from: keys[1]!, to: "io.test/named-second" },
      { from: keys[0]!, to: "io.test/named-first" },
    ];
    // A writer referring to both servers in id order without their rows' locks (queueing them to classify, as the
    // classify stage queues servers): a foreign key's check holds each FOR KEY SHARE until the writer ends.
    let written: Promise<string> | undefined;
    const writer = other
      .begin(async (tx) => {
        await tx`insert into classify_queue (server_id) values (${ids[0]!})`;
        written = writeSourcePage(t.catalog.db, page).then(() => "committed", errorLine);
        await someoneWaits();
        await tx`insert into classify_queue (server_id) values (${ids[1]!})`;
        return "committed";
      })
      .catch(errorLine);
    // Both commit: the page waited on the first server holding none. Locking both NO KEY UPDATE, which the writer's
    // share of the first let it take, it renamed the second (FOR UPDATE, the lock upgraded) and waited to rename the
    // first, while the writer waited on the second's: one of the two was killed with 40P01.
    expect([await writer, await written!]).toEqual(["committed", "committed"]);
    const renamed = await other<{ key: string }[]>`select key from servers where id in ${other(ids)} order by id`;
    expect(renamed.map((r) => r.key)).toEqual(["io.test/named-first", "io.test/named-second"]);
  }, 30_000);
});
