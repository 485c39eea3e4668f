// Orderings of a run's lists over one tool: whatever the lower-ranked lists did first, the run ends as if only the
// highest list that listed the server had been applied to the state before the run (row, history, net counts).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { toolDefinition } from "../crawler/ingest.js";
import { ORIGIN_RANK, type ToolOrigin } from "../crawler/plan/tools.js";
import { syncToolListings } from "../crawler/tool-sync.js";
import type { Db } from "../db/client.js";
import { servers, toolChanges, tools } from "../db/schema.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";

/** A list of one run: its origin and how it has tool `t` (a description, or undefined: not listed). */
type Step = [ToolOrigin, string | undefined];

/**
 * `origin`: where the run ends otherwise by design: a bring-back the live list takes back leaves the tool removed as
 * the live list's (tool-history.test), so that the directory's stale copy cannot bring it back again.
 */
const CASES: { name: string; before: Step[]; run: Step[]; origin?: ToolOrigin }[] = [
  { name: "removed by one list, brought back as it was by a higher one", before: [["smithery", "A"]], run: [["smithery", undefined], ["glama", "A"]] },
  { name: "removed by one list, brought back otherwise by a higher one", before: [["smithery", "A"]], run: [["smithery", undefined], ["glama", "B"]] },
  { name: "removed by one list, brought back by a higher one, then listed live as it was", before: [["smithery", "A"]], run: [["smithery", undefined], ["glama", "B"], ["live", "A"]] },
  { name: "removed by one list, listed live as it was", before: [["smithery", "A"]], run: [["smithery", undefined], ["live", "A"]] },
  { name: "removed by one list, listed live otherwise", before: [["smithery", "A"]], run: [["smithery", undefined], ["live", "C"]] },
  { name: "removed by one list, not listed by a higher one either", before: [["smithery", "A"]], run: [["smithery", undefined], ["glama", undefined]] },
  { name: "removed by one list, not listed by a higher one either, then listed live", before: [["smithery", "A"]], run: [["smithery", undefined], ["glama", undefined], ["live", "A"]] },
  { name: "changed below, removed by a higher list, then listed live otherwise", before: [["smithery", "A"]], run: [["smithery", "B"], ["glama", undefined], ["live", "C"]] },
  { name: "brought back, a lower list without it, then listed live", before: [["glama", "A"], ["glama", undefined]], run: [["glama", "B"], ["smithery", undefined], ["live", "C"]] },
  { name: "brought back, a lower list without it, then not listed live", before: [["glama", "A"], ["glama", undefined]], run: [["glama", "B"], ["smithery", undefined], ["live", undefined]], origin: "live" },
  { name: "changed twice below, listed live as it was", before: [["smithery", "A"]], run: [["smithery", "B"], ["glama", "C"], ["live", "A"]] },
  { name: "changed twice below, listed live otherwise", before: [["smithery", "A"]], run: [["smithery", "B"], ["glama", "C"], ["live", "D"]] },
  { name: "changed twice below, not listed live", before: [["smithery", "A"]], run: [["smithery", "B"], ["glama", "C"], ["live", undefined]] },
  { name: "changed twice below, the second back to before", before: [["smithery", "A"]], run: [["smithery", "B"], ["glama", "A"]] },
  { name: "added below, listed otherwise by a still lower list", before: [], run: [["glama", "B"], ["smithery", "C"]] },
  { name: "added below, listed otherwise lower still, then live", before: [], run: [["glama", "B"], ["smithery", "C"], ["live", "D"]] },
  { name: "added below, listed otherwise lower still, not live", before: [], run: [["glama", "B"], ["smithery", "C"], ["live", undefined]] },
];

describe.each(DRIVERS)("a run's list orderings on %s", (driver) => {
  let t: TestCatalog;
  let run = 5_000;
  let n = 0;

  beforeAll(async () => {
    t = await openTestCatalog(driver);
  });
  afterAll(() => t.dispose());

  /** Servers sharing the tool names `keep` and `t`, each with `before` applied, one run apiece. */
  async function prepared(count: number, before: Step[]): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const [row] = await t.catalog.db.insert(servers).values({ key: `io.github.acme/order-${++n}`, canonicalSource: "registry:o", canonicalRank: 30, contentHash: "h" }).returning({ id: servers.id });
      ids.push(row!.id);
    }
    for (const step of before) await apply(ids, step, ++run);
    return ids;
  }
  // In a transaction, as every caller writes a list: a removal and its history row are of one moment.
  const apply = (ids: number[], [origin, description]: Step, runId: number) =>
    t.catalog.db.transaction((tx) => syncToolListings(tx as unknown as Db, ids.map((serverId) => ({ serverId, origin, tools: [toolDefinition({ name: "keep", description: "Kept." }), ...(description === undefined ? [] : [toolDefinition({ name: "t", description })])] })), runId));

  /** What the run left of `t` on a server: its row (removed_at as before the run or not) and the run's history rows. */
  async function outcome(serverId: number, runId: number, removedBefore: string | null, origin?: ToolOrigin) {
    const [row] = await t.catalog.db.select().from(tools).where(and(eq(tools.serverId, serverId), eq(tools.name, "t")));
    const history = await t.catalog.db.select().from(toolChanges).where(and(eq(toolChanges.serverId, serverId), eq(toolChanges.runId, runId))).orderBy(asc(toolChanges.id));
    return {
      row: row && { description: row.description, contentHash: row.contentHash, origin: origin ?? row.origin, removed: row.removedAt === null ? null : String(row.removedAt) === removedBefore ? "as before" : "now" },
      history: history.map((c) => ({ tool: c.toolName, kind: c.kind, oldHash: c.oldHash, newHash: c.newHash, details: c.details })),
    };
  }
  const removedAt = async (serverId: number) => (await t.catalog.db.select().from(tools).where(and(eq(tools.serverId, serverId), eq(tools.name, "t"))))[0]?.removedAt ?? null;

  test.each(CASES)("$name: as if only the highest list had been applied", async ({ before, run: steps, origin }) => {
    // Two servers sharing the tool names go through the run together; a third has only the highest list applied.
    const [a, b, only] = await prepared(3, before);
    const pre = { a: await removedAt(a!), b: await removedAt(b!), only: await removedAt(only!) };
    const r = ++run;
    const net = { added: 0, changed: 0, removed: 0 };
    for (const step of steps) {
      const c = await apply([a!, b!], step, r);
      net.added += c.added - c.retracted;
      net.changed += c.changed - c.reverted;
      net.removed += c.removed - c.restored;
    }
    const highest = steps.reduce((h, s) => (ORIGIN_RANK[s[0]] > ORIGIN_RANK[h[0]] ? s : h));
    const o = ++run;
    const expected = await apply([only!], highest, o);
    const want = await outcome(only!, o, pre.only, origin);
    expect(await outcome(a!, r, pre.a)).toEqual(want);
    expect(await outcome(b!, r, pre.b)).toEqual(want);
    expect(net).toEqual({ added: 2 * expected.added, changed: 2 * expected.changed, removed: 2 * expected.removed });
  });
});
