// The planner over what lower-ranked lists of the run did first: a higher list speaks for the tool as if it had been
// applied alone to the state before the run (tool-run-orderings.test.ts runs whole orderings on the catalog).
import { describe, expect, test } from "vitest";
import { noToolCounts, planToolListings, type StoredToolState, type ToolListing, type ToolOrigin } from "../../crawler/plan/tools.js";

const RUN_REMOVED = "2026-01-01 00:00:00+00";
/** Tool `t` of server `serverId` (id 10 + serverId), `A` before the run unless said otherwise. */
const t = (o: Partial<StoredToolState> = {}, serverId = 1): StoredToolState => ({ id: 10 + serverId, serverId, name: "t", contentHash: "A", origin: "smithery", removedAt: null, ...o });
const list = (origin: ToolOrigin, hash: string | undefined, extra: Partial<ToolListing> = {}, serverId = 1): ToolListing => ({ serverId, origin, tools: hash === undefined ? [] : [{ name: "t", contentHash: hash }], ...extra });

describe("a list over what a lower-ranked list of the run did to a tool", () => {
  test.each([
    {
      name: "removed below, listed as it was: the removal is taken back, nothing added",
      stored: t({ removedAt: RUN_REMOVED, removedInRun: true }),
      listing: list("glama", "A"),
      want: { reverts: [11], upserts: [["t", "glama", "A"]], changed: [], removals: [], changes: [], overwritten: [], counts: { unchanged: 1, restored: 1 } },
    },
    {
      name: "removed below, listed otherwise: the removal is taken back, one change from before the run (kept for the live list)",
      stored: t({ removedAt: RUN_REMOVED, removedInRun: true }),
      listing: list("glama", "B"),
      want: { reverts: [11], upserts: [["t", "glama", "B"]], changed: [[11, "A"]], removals: [], changes: [], overwritten: [11], counts: { changed: 1, restored: 1 } },
    },
    {
      name: "removed below, listed live otherwise: nothing outranks the live list, so nothing is kept",
      stored: t({ removedAt: RUN_REMOVED, removedInRun: true, origin: "glama" }),
      listing: list("live", "C"),
      want: { reverts: [11], upserts: [["t", "live", "C"]], changed: [[11, "A"]], removals: [], changes: [], overwritten: [], counts: { changed: 1, restored: 1 } },
    },
    {
      name: "removed below, not listed: the removal becomes this list's",
      stored: t({ removedAt: RUN_REMOVED, removedInRun: true }),
      listing: list("live", undefined),
      want: { reverts: [], upserts: [], changed: [], removals: [{ id: 11, origin: "live", again: true }], changes: [], overwritten: [], counts: {} },
    },
    {
      name: "removed below, a partial list without it: its silence says nothing",
      stored: t({ removedAt: RUN_REMOVED, removedInRun: true }),
      listing: list("live", undefined, { partial: true }),
      want: { reverts: [], upserts: [], changed: [], removals: [], changes: [], overwritten: [], counts: {} },
    },
    {
      name: "removed below, a withdrawn live list: no list, it takes nothing over",
      stored: t({ removedAt: RUN_REMOVED, removedInRun: true }),
      listing: list("live", undefined, { withdrawn: true }),
      want: { reverts: [], upserts: [], changed: [], removals: [], changes: [], overwritten: [], counts: {} },
    },
    {
      name: "removed by a list of the same rank: brought back as ever",
      stored: t({ removedAt: RUN_REMOVED, removedInRun: true, origin: "glama" }),
      listing: list("glama", "A"),
      want: { reverts: [], upserts: [["t", "glama", "A"]], changed: [], removals: [], changes: [["added", "A", "A"]], overwritten: [11], counts: { added: 1 } },
    },
    {
      name: "removed before the run: brought back as ever",
      stored: t({ removedAt: RUN_REMOVED }),
      listing: list("glama", "A"),
      want: { reverts: [], upserts: [["t", "glama", "A"]], changed: [], removals: [], changes: [["added", "A", "A"]], overwritten: [11], counts: { added: 1 } },
    },
    {
      name: "changed twice below (first row of the run from A), listed live as it was: the changes are taken back",
      stored: t({ contentHash: "C", origin: "glama", changedInRun: "A" }),
      listing: list("live", "A"),
      want: { reverts: [11], upserts: [["t", "live", "A"]], changed: [], removals: [], changes: [], overwritten: [], counts: { unchanged: 1, reverted: 1 } },
    },
    {
      name: "changed twice below, not listed live: removed as it was before the run",
      stored: t({ contentHash: "C", origin: "glama", changedInRun: "A" }),
      listing: list("live", undefined),
      want: { reverts: [11], upserts: [], changed: [], removals: [{ id: 11, origin: "live" }], changes: [["removed", "A", null]], overwritten: [], counts: { removed: 1, reverted: 1 } },
    },
    {
      name: "added below, listed otherwise by a list lower still: the higher add stands",
      stored: t({ contentHash: "B", origin: "glama", addedInRun: "new" }),
      listing: list("smithery", "C"),
      want: { reverts: [], upserts: [], changed: [], removals: [], changes: [], overwritten: [], counts: { unchanged: 1 } },
    },
  ])("$name", ({ stored, listing, want }) => {
    const plan = planToolListings([listing], [stored]);
    expect({
      reverts: plan.reverts.map((r) => r.id),
      upserts: plan.upserts.map((u) => [u.name, u.origin, u.contentHash]),
      changed: plan.changed.map((c) => [c.id, c.oldHash]),
      removals: plan.removals,
      changes: plan.changes.map((c) => [c.kind, c.oldHash, c.newHash]),
      overwritten: plan.overwritten,
      counts: plan.counts,
    }).toEqual({ ...want, counts: { ...noToolCounts(), ...want.counts } });
  });

  test("two servers sharing a tool name are each the state of their own", () => {
    const plan = planToolListings(
      [list("live", "A", {}, 1), list("live", "A", {}, 2)],
      [t({ removedAt: RUN_REMOVED, removedInRun: true, origin: "glama" }, 1), t({ removedAt: RUN_REMOVED, origin: "glama" }, 2)],
    );
    // Server 1's removal was the run's (taken back); server 2's was an earlier run's (the tool comes back).
    expect(plan.reverts).toEqual([{ id: 11, serverId: 1, name: "t" }]);
    expect(plan.changes.map((c) => [c.serverId, c.kind])).toEqual([[2, "added"]]);
    expect(plan.counts).toEqual({ ...noToolCounts(), unchanged: 1, restored: 1, added: 1 });
  });
});
