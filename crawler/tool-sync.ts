// A set of tool lists into the catalog, in the caller's transaction: read the stored tools, plan, apply.
import type { Db } from "../db/client.js";
import { serversUnlistable, type IntrospectMode } from "../db/introspection.js";
import { lockServers } from "../db/servers.js";
import { applyToolPlan, storedToolsOf, toolsBefore, type ToolSyncResult } from "../db/tools.js";
import { historyRows, noToolCounts, planToolListings, type ToolListing } from "./plan/tools.js";

/**
 * Applies listings (several servers at once, one transaction's worth) to the tools table. Servers in
 * `unqueued` are classified by the caller in this transaction and need no pass of the classify stage. Servers in
 * `held` are locked by the caller's transaction already (lockServers, in its one batch: a page); the others are
 * locked here (a listing).
 */
export async function syncToolListings(
  db: Db,
  listings: readonly ToolListing[],
  runId: number,
  options: { held?: ReadonlySet<number>; unqueued?: ReadonlySet<number> } = {},
): Promise<ToolSyncResult> {
  if (listings.length === 0) return { ...noToolCounts(), written: [] };
  // Servers created in this transaction have no tools to read, and no other transaction sees them.
  const existing = listings.filter((l) => !l.fresh).map((l) => l.serverId);
  // The servers' rows first, before their tools are read or written (see lockServers): a tool rewritten only to take a
  // new origin writes nothing else of its server, so its row locks would otherwise come before the server's. Read after
  // the lock, the stored tools cannot change under the plan. Those held are not asked for again: a lock of them
  // waits on nothing and costs a statement.
  const held = options.held;
  await lockServers(db, { servers: held ? existing.filter((id) => !held.has(id)) : existing });
  const stored = await storedToolsOf(db, existing, runId);
  const plan = planToolListings(listings, stored);
  const unqueued = options.unqueued;
  if (unqueued?.size) plan.touched = plan.touched.filter((id) => !unqueued.has(id));
  const history = historyRows(plan, await toolsBefore(db, plan, runId));
  const written = await applyToolPlan(db, plan, history, runId);
  return { ...plan.counts, written };
}

/** Servers whose live tools are withdrawn in one transaction. */
const WITHDRAW_BATCH = 500;

/**
 * Withdraws the live-listed tools of every server whose listing cannot be repeated (serversUnlistable: the mode that
 * listed them can no longer list it, the records having dropped its remote or made it need a secret, or dropped its
 * npm package, and no mode of `keepModes` can): nothing can confirm them any more, so they stop being current, each a
 * `removed` change of the run, as UNLISTABLE_ORIGIN's, which any list may bring back. Its directories' copies stay.
 * Returns the tools removed.
 */
export async function withdrawUnlistableTools(db: Db, runId: number, keepModes: readonly IntrospectMode[]): Promise<ToolSyncResult> {
  const total: ToolSyncResult = { ...noToolCounts(), written: [] };
  for (let after = 0; ; ) {
    const ids = await serversUnlistable(db, { afterId: after, limit: WITHDRAW_BATCH, keepModes });
    if (ids.length === 0) return total;
    after = ids[ids.length - 1]!;
    const r = await db.transaction((tx) => syncToolListings(tx as unknown as Db, ids.map((serverId) => ({ serverId, origin: "live", tools: [], withdrawn: true })), runId));
    total.removed += r.removed;
  }
}
