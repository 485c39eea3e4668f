// The tool-list planner on plain data: origin rank, partial lists, revival, change kinds.
import { describe, expect, test } from "vitest";
import { changeRows, historyRows, planToolListings, UNLISTABLE_ORIGIN, type StoredToolState, type ToolDefinition } from "../../crawler/plan/tools.js";

const def = (name: string, hash = `h-${name}`, extra: Partial<ToolDefinition> = {}): ToolDefinition => ({ name, contentHash: hash, ...extra });
let nextId = 1;
const stored = (name: string, o: Partial<StoredToolState> = {}): StoredToolState => ({ id: nextId++, serverId: 1, name, contentHash: `h-${name}`, origin: "glama", removedAt: null, ...o });

describe("planToolListings", () => {
  test("a first listing adds every tool, records each as added and touches its server", () => {
    const plan = planToolListings([{ serverId: 1, origin: "glama", tools: [def("a"), def("b")] }], []);
    expect(plan.counts).toEqual({ added: 2, changed: 0, removed: 0, unchanged: 0, retracted: 0, reverted: 0, restored: 0 });
    expect(plan.upserts.map((u) => [u.name, u.origin, u.contentHash])).toEqual([["a", "glama", "h-a"], ["b", "glama", "h-b"]]);
    expect(plan.changes.map((c) => [c.toolName, c.kind, c.details])).toEqual([["a", "added", null], ["b", "added", null]]);
    expect(plan.touched).toEqual([1]);
  });

  test("a listing of a server created in this transaction is inserted as it is, the first of a name twice listed winning", () => {
    const plan = planToolListings([{ serverId: 2, origin: "glama", tools: [def("a"), def("b"), def("a", "second")], fresh: true }], []);
    expect(plan.inserts.map((u) => [u.serverId, u.name, u.contentHash])).toEqual([[2, "a", "h-a"], [2, "b", "h-b"]]);
    expect(plan.upserts).toEqual([]);
    expect(plan.counts).toEqual({ added: 2, changed: 0, removed: 0, unchanged: 0, retracted: 0, reverted: 0, restored: 0 });
    expect(plan.changes.map((c) => [c.toolName, c.kind])).toEqual([["a", "added"], ["b", "added"]]);
    expect(plan.touched).toEqual([2]);
  });

  test("a tool a lower-ranked list added earlier in the run is the higher list's to say: taken back when unlisted, added as listed when listed otherwise", () => {
    const plan = planToolListings(
      [{ serverId: 1, origin: "live", tools: [def("kept", "h-kept"), def("other", "live def")] }],
      [
        stored("kept", { addedInRun: "new" }),
        stored("other", { addedInRun: "new" }),
        stored("stale", { id: 90, addedInRun: "new" }),
        stored("back", { id: 91, addedInRun: "reappeared" }),
        // Glama's, from an earlier run: the live list removes it, as before.
        stored("older", { id: 92 }),
      ],
    );
    expect(plan.retractions).toEqual([
      { id: 90, serverId: 1, name: "stale", origin: "live", reappeared: false },
      { id: 91, serverId: 1, name: "back", origin: "live", reappeared: true },
    ]);
    expect(plan.removals).toEqual([{ id: 92, origin: "live" }]);
    expect(plan.amended).toEqual([{ serverId: 1, toolName: "other", newHash: "live def" }]);
    expect(plan.changed).toEqual([]);
    expect(plan.changes.map((c) => [c.toolName, c.kind])).toEqual([["older", "removed"]]);
    expect(plan.upserts.map((u) => [u.name, u.origin, u.contentHash])).toEqual([["kept", "live", "h-kept"], ["other", "live", "live def"]]);
    // The two adds taken back are that, not adds below none (the run's total nets them: addToolCounts).
    expect(plan.counts).toEqual({ added: 0, changed: 0, removed: 1, unchanged: 1, retracted: 2, reverted: 0, restored: 0 });
    expect(plan.touched).toEqual([1]);
  });

  test("a tool a lower-ranked list changed earlier in the run is the higher list's to say: the change is taken back and the tool compared as it was before the run", () => {
    // Each had `h-<name>` before the run; a directory's stale copy of this run changed it to `stale`.
    const changed = (name: string, id: number) => stored(name, { id, contentHash: "stale", changedInRun: `h-${name}` });
    const plan = planToolListings(
      [{ serverId: 1, origin: "live", tools: [def("same"), def("other", "live def"), def("agreed", "stale")] }],
      [changed("same", 80), changed("other", 81), changed("agreed", 82), changed("dropped", 83)],
    );
    expect(plan.reverts.map((r) => r.id)).toEqual([80, 81, 83]);
    expect(plan.changed).toEqual([{ id: 81, oldHash: "h-other", row: expect.objectContaining({ contentHash: "live def", origin: "live" }) }]);
    expect(plan.removals).toEqual([{ id: 83, origin: "live" }]);
    expect(plan.changes).toEqual([expect.objectContaining({ toolName: "dropped", kind: "removed", oldHash: "h-dropped" })]);
    // The live list's own definitions are kept by no one: nothing outranks it.
    expect(plan.overwritten).toEqual([]);
    expect(plan.counts).toEqual({ added: 0, changed: 1, removed: 1, unchanged: 2, retracted: 0, reverted: 3, restored: 0 });
    // A list of the rank that changed it changes it again as usual, from what it holds now.
    const again = planToolListings([{ serverId: 1, origin: "glama", tools: [def("other", "newer")] }], [changed("other", 84)]);
    expect(again).toMatchObject({ reverts: [], changed: [{ id: 84, oldHash: "stale" }], overwritten: [84] });
  });

  test("a list of the same rank as the one that added a tool in the run removes it as usual", () => {
    const plan = planToolListings([{ serverId: 1, origin: "glama", tools: [] }], [stored("a", { id: 95, addedInRun: "new" })]);
    expect(plan).toMatchObject({ retractions: [], removals: [{ id: 95, origin: "glama" }], counts: { removed: 1 } });
  });

  test("a withdrawn live list removes the live tools alone, as no list's, which any list may bring back", () => {
    const plan = planToolListings(
      [{ serverId: 1, origin: "live", tools: [], withdrawn: true }],
      [stored("a", { id: 70, origin: "live" }), stored("extra", { id: 71 }), stored("gone", { id: 72, origin: "live", removedAt: "2026-01-01 00:00:00+00" })],
    );
    expect(plan.removals).toEqual([{ id: 70, origin: UNLISTABLE_ORIGIN }]);
    expect(plan.changes).toEqual([{ serverId: 1, toolName: "a", kind: "removed", oldHash: "h-a", newHash: null, details: { unlistable: true } }]);
    const back = planToolListings([{ serverId: 1, origin: "smithery", tools: [def("a")] }], [stored("a", { origin: UNLISTABLE_ORIGIN, removedAt: "2026-01-02 00:00:00+00" })]);
    expect(back.counts.added).toBe(1);
  });

  test("the same listing again writes nothing and touches nothing", () => {
    const plan = planToolListings([{ serverId: 1, origin: "glama", tools: [def("a")] }], [stored("a")]);
    expect(plan).toMatchObject({ upserts: [], removals: [], changes: [], changed: [], touched: [], counts: { unchanged: 1 } });
  });

  test("a name listed twice keeps the first definition", () => {
    const plan = planToolListings([{ serverId: 1, origin: "glama", tools: [def("a", "first"), def("a", "second")] }], []);
    expect(plan.upserts.map((u) => u.contentHash)).toEqual(["first"]);
  });

  test("a changed hash is planned as changed, its history left to changeRows", () => {
    const old = stored("a");
    const plan = planToolListings([{ serverId: 1, origin: "glama", tools: [def("a", "new")] }], [old]);
    expect(plan.counts.changed).toBe(1);
    expect(plan.changed).toEqual([{ id: old.id, oldHash: "h-a", row: expect.objectContaining({ name: "a", contentHash: "new" }) }]);
    expect(plan.changes).toEqual([]);
  });

  test("origin rank: a directory does not overwrite a live tool, nor remove it", () => {
    const plan = planToolListings([{ serverId: 1, origin: "glama", tools: [def("a", "directory copy")] }], [stored("a", { origin: "live" }), stored("b", { origin: "live" })]);
    expect(plan).toMatchObject({ upserts: [], removals: [], counts: { unchanged: 1, removed: 0 } });
  });

  test("origin rank: a live list rewrites a directory's tool and removes what it does not list, taking its origin", () => {
    const b = stored("b", { origin: "smithery" });
    const plan = planToolListings([{ serverId: 1, origin: "live", tools: [def("a")] }], [stored("a"), b]);
    // Same content, new origin: rewritten to take the origin, counted unchanged.
    expect(plan.upserts.map((u) => [u.name, u.origin])).toEqual([["a", "live"]]);
    expect(plan.removals).toEqual([{ id: b.id, origin: "live" }]);
    expect(plan.changes.map((c) => [c.toolName, c.kind])).toEqual([["b", "removed"]]);
    expect(plan.counts).toEqual({ added: 0, changed: 0, removed: 1, unchanged: 1, retracted: 0, reverted: 0, restored: 0 });
  });

  test("a partial list records what it holds and removes nothing", () => {
    const plan = planToolListings([{ serverId: 1, origin: "live", tools: [def("c")], partial: true }], [stored("a", { origin: "live" })]);
    expect(plan.removals).toEqual([]);
    expect(plan.counts).toMatchObject({ added: 1, removed: 0 });
  });

  test("revival: a removed tool listed again is added back as reappeared, unless a higher origin removed it", () => {
    const byGlama = stored("a", { removedAt: "2026-01-01 00:00:00+00", origin: "glama" });
    const revived = planToolListings([{ serverId: 1, origin: "glama", tools: [def("a")] }], [byGlama]);
    expect(revived.changes).toEqual([expect.objectContaining({ toolName: "a", kind: "added", oldHash: "h-a", details: { reappeared: true } })]);
    expect(revived.upserts).toHaveLength(1);
    // A directory's bring-back keeps the definition it overwrites, for a higher list of the run to restore; the live list's, nothing.
    expect(revived.overwritten).toEqual([byGlama.id]);
    expect(planToolListings([{ serverId: 1, origin: "live", tools: [def("a")] }], [byGlama]).overwritten).toEqual([]);
    const byLive = stored("a", { removedAt: "2026-01-01 00:00:00+00", origin: "live" });
    const stale = planToolListings([{ serverId: 1, origin: "glama", tools: [def("a")] }], [byLive]);
    expect(stale).toMatchObject({ upserts: [], changes: [], counts: { added: 0, unchanged: 0 } });
  });

  test("an already removed tool is not removed again", () => {
    const plan = planToolListings([{ serverId: 1, origin: "glama", tools: [] }], [stored("a", { removedAt: "2026-01-01 00:00:00+00" })]);
    expect(plan).toMatchObject({ removals: [], counts: { removed: 0 } });
  });

  test("a list that replaces an origin rewrites and removes that origin's tools as its own, and brings back what it removed; a live tool stays", () => {
    const current = [stored("kept"), stored("gone"), stored("dropped", { removedAt: "2026-01-01 00:00:00+00" }), stored("live", { origin: "live" })];
    const plan = planToolListings([{ serverId: 1, origin: "smithery", replaces: "glama", tools: [def("kept"), def("dropped")] }], current);
    expect(plan.upserts.map((u) => [u.name, u.origin])).toEqual([["kept", "smithery"], ["dropped", "smithery"]]);
    expect(plan.removals.map((r) => [current.find((t) => t.id === r.id)!.name, r.origin])).toEqual([["gone", "smithery"]]);
    expect(plan.counts).toEqual({ added: 1, changed: 0, removed: 1, unchanged: 1, retracted: 0, reverted: 0, restored: 0 });
    // Without it, a lower origin neither rewrites nor removes a higher one's tools.
    expect(planToolListings([{ serverId: 1, origin: "smithery", tools: [def("kept")] }], current)).toMatchObject({ upserts: [], removals: [], counts: { unchanged: 1 } });
  });

  test("an origin this version does not know outranks nothing", () => {
    const plan = planToolListings([{ serverId: 1, origin: "smithery", tools: [def("a", "new")] }], [stored("a", { origin: "someday" })]);
    expect(plan.counts.changed).toBe(1);
  });

  test("listings of several servers are planned apart", () => {
    const plan = planToolListings(
      [{ serverId: 1, origin: "glama", tools: [def("a")] }, { serverId: 2, origin: "glama", tools: [] }],
      [stored("a", { serverId: 2 })],
    );
    expect(plan.counts).toEqual({ added: 1, changed: 0, removed: 1, unchanged: 0, retracted: 0, reverted: 0, restored: 0 });
    expect(plan.touched.sort()).toEqual([1, 2]);
  });
});

describe("changeRows", () => {
  const row = { serverId: 1, name: "t", title: "New", description: "after", inputSchema: { properties: { a: {}, c: {} } }, annotations: { readOnlyHint: true }, contentHash: "new", origin: "live" };

  test("each differing part is its own change kind, with what changed", () => {
    const rows = changeRows({ id: 9, title: "Old", description: "before", inputSchema: { properties: { a: {}, b: {} } }, annotations: null }, row, "old");
    expect(rows.map((r) => [r.kind, r.details])).toEqual([
      ["description_changed", { old: "before", new: "after" }],
      ["schema_changed", { addedArguments: ["c"], removedArguments: ["b"] }],
      ["annotations_changed", { old: null, new: { readOnlyHint: true } }],
      ["title_changed", { old: "Old", new: "New" }],
    ]);
    expect(rows.every((r) => r.oldHash === "old" && r.newHash === "new" && r.toolName === "t")).toBe(true);
  });

  test("a schema or annotations stored with their keys in another order (jsonb's) are not a change", () => {
    const listed = { ...row, inputSchema: { type: "object", properties: { id: { type: "string", description: "x" } }, required: ["id"] }, annotations: { readOnlyHint: true, title: "T" } };
    const fromJsonb = { type: "object", required: ["id"], properties: { id: { description: "x", type: "string" } } };
    const rows = changeRows({ id: 9, title: "New", description: "before", inputSchema: fromJsonb, annotations: { title: "T", readOnlyHint: true } }, listed, "old");
    expect(rows.map((r) => r.kind)).toEqual(["description_changed"]);
  });

  test("a description over 4,000 characters is clipped in the history", () => {
    const [r] = changeRows({ id: 9, title: "New", description: "x".repeat(5_000), inputSchema: row.inputSchema, annotations: row.annotations }, row, "old");
    expect((r!.details as { old: string }).old).toHaveLength(4_001);
  });

  test("historyRows appends the changed tools' kinds after the added and removed rows", () => {
    const old = stored("t", { id: 42 });
    const plan = planToolListings([{ serverId: 1, origin: "glama", tools: [def("t", "new", { description: "after" }), def("u")] }], [old]);
    const rows = historyRows(plan, [{ id: 42, title: null, description: "before", inputSchema: null, annotations: null }]);
    expect(rows.map((r) => [r.toolName, r.kind])).toEqual([["u", "added"], ["t", "description_changed"]]);
  });
});
