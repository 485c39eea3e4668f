// What a set of tool lists does to the stored tools: upserts, removals, history rows and counts, decided on plain data.
import type { tools, toolChanges, ToolRow } from "../../db/schema.js";
import { canonicalJson } from "../hash.js";

export const TOOL_ORIGINS = ["live", "glama", "smithery"] as const;
export type ToolOrigin = (typeof TOOL_ORIGINS)[number];

/** A live tools/list outranks a directory's copy of it. */
export const ORIGIN_RANK: Record<ToolOrigin, number> = { live: 3, glama: 2, smithery: 1 };

/**
 * The origin of a live-listed tool removed because no live listing of its server can be repeated (no remote without a
 * secret header, no npm package: ToolListing.withdrawn). No list dropped it, so it outranks nothing: any list may bring it back.
 */
export const UNLISTABLE_ORIGIN = "unlistable";

export function isToolOrigin(value: string): value is ToolOrigin {
  return (TOOL_ORIGINS as readonly string[]).includes(value);
}

/** The rank of a stored origin; one this version does not know outranks nothing. */
export function originRank(origin: string): number {
  return isToolOrigin(origin) ? ORIGIN_RANK[origin] : 0;
}

export type NewTool = typeof tools.$inferInsert;
export type NewToolChange = Omit<typeof toolChanges.$inferInsert, "id" | "at" | "runId">;

/** A tool as a list gives it: its definition and the hash that tells a changed one. */
export type ToolDefinition = { name: string; contentHash: string } & Partial<{ title: string; description: string; inputSchema: Record<string, unknown>; annotations: Record<string, unknown> }>;

/** What a list sent but could not keep: its silence about those tools is no evidence they are gone. */
export interface ListingGaps {
  /** A list cut short by a limit, or that skipped a tool without a usable name: what it holds is recorded, but its silence removes nothing. */
  partial?: boolean;
  /** Names of tools it sent but skipped (invalid): they keep their previous definition rather than being removed. */
  skippedNames?: string[];
}

/** A skipped tool's name, when it has one a catalog row could carry (else the list it came in removes nothing). */
export function skippedToolName(raw: unknown): string | undefined {
  const name = raw && typeof raw === "object" ? (raw as { name?: unknown }).name : undefined;
  return typeof name === "string" && name.trim() !== "" ? name : undefined;
}

/** Everything one source says a server serves, right now. */
export interface ToolListing extends ListingGaps {
  serverId: number;
  origin: ToolOrigin;
  tools: ToolDefinition[];
  /** The server was created in this transaction: it has no tools to read. */
  fresh?: boolean;
  /**
   * An origin this list takes over from: its tools rank as the list's own, so they are rewritten, or removed when it
   * does not list them (the list of the records still holding a server a directory entry left: what that entry listed goes).
   */
  replaces?: ToolOrigin;
  /**
   * The list of this origin that vouched for the server's tools can no longer be repeated (an empty list): it removes
   * the tools of its origin alone, as UNLISTABLE_ORIGIN's.
   */
  withdrawn?: boolean;
}

/**
 * What the catalog holds of a tool, as much as the plan needs (the full old definition is read only for changed ones),
 * and whether the run writing the lists added it (its first history row of the run is `added`): `new`, never stored
 * before, or `reappeared`, brought back from removed; or else changed it (its first history row of the run is a
 * change): `changedInRun`, the hash it had before the run; or else removed it (a removed tool whose first history row
 * of the run is `removed`, by a directory's list): `removedInRun`.
 */
export type StoredToolState = Pick<ToolRow, "id" | "serverId" | "name" | "contentHash" | "origin" | "removedAt"> & { addedInRun?: "new" | "reappeared"; changedInRun?: string; removedInRun?: true };

/** The old definition of a tool whose content hash changed: what its history rows compare. */
export type ToolBefore = Pick<ToolRow, "id" | "title" | "description" | "inputSchema" | "annotations">;

export type ChangeKind = "added" | "removed" | "description_changed" | "schema_changed" | "annotations_changed" | "title_changed";

export interface ToolCounts {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** Tools a lower-ranked list added earlier in the run that this one took back (not in `added`: a run's total is net of them). */
  retracted: number;
  /**
   * Tools a lower-ranked list changed earlier in the run whose change this one took back (not in `changed`: a run's
   * total is net of them); what this list says of the tool counts as it would have without that change.
   */
  reverted: number;
  /**
   * Tools a lower-ranked list removed earlier in the run that this one lists: the removal is taken back (not in
   * `removed`: a run's total is net of them); what this list says of the tool counts as it would have without it.
   */
  restored: number;
}

/** Counts of a plan or a stage that has counted nothing yet. */
export function noToolCounts(): ToolCounts {
  return { added: 0, changed: 0, removed: 0, unchanged: 0, retracted: 0, reverted: 0, restored: 0 };
}

export interface ToolPlan {
  /** Rows of servers created in this transaction (fresh listings): no stored row can share their (server, name). */
  inserts: NewTool[];
  /** Rows to insert or rewrite by (server, name); a rewrite also clears removed_at. */
  upserts: NewTool[];
  /**
   * Tools to mark removed, taking the origin of the list that dropped them (UNLISTABLE_ORIGIN: a withdrawn list's).
   * `again`: a tool a lower-ranked list removed earlier in the run, which this one does not list either: the removal
   * becomes this list's (its origin; its history row stands, being what this list would have written).
   */
  removals: { id: number; origin: string; again?: true }[];
  /**
   * Tools a lower-ranked list added earlier in the same run, which this one does not list: the add is taken back (its
   * history rows of the run deleted; a new tool deleted, one that reappeared removed again, with this list's origin).
   */
  retractions: { id: number; serverId: number; name: string; origin: ToolOrigin; reappeared: boolean }[];
  /**
   * Tools a list a higher one outranks brings back or changes: their definition before it is kept for the run, for a
   * higher list of the run that takes the add or change back to restore (the upsert overwrites it).
   */
  overwritten: number[];
  /**
   * Tools a lower-ranked list changed or removed earlier in the same run, which this one lists: the change or removal
   * is taken back before this list's word is written (the run's history rows of the tool deleted, the definition
   * before the run restored), so the run's history compares the tool before the run with what this list says, and
   * holds no transient pair.
   */
  reverts: { id: number; serverId: number; name: string }[];
  /** Tools a lower-ranked list added earlier in the same run, which this one lists otherwise: the run's `added` row takes this definition. */
  amended: { serverId: number; toolName: string; newHash: string }[];
  /** History rows known without the old definition: added and removed. */
  changes: NewToolChange[];
  /** Tools whose definition changed: their history rows need the old definition (changeRows). */
  changed: { id: number; oldHash: string; row: NewTool }[];
  counts: ToolCounts;
  /** Servers whose tools were written or removed: the classify stage's work. */
  touched: number[];
}

/**
 * Applies listings (several servers at once) to the stored tools of their servers. A listing rewrites
 * tools it outranks or equals, and marks removed the tools of equal or lower origin that it no longer
 * lists (unless it is partial); unchanged tools are not written at all, except to take a new origin.
 * A tool a lower-ranked list added in the same run (a directory's stale copy, then the live listing) is the
 * higher list's to say: one it does not list is taken back, not removed, and one it lists otherwise is added
 * as it lists it, so the run's history holds what the higher list says and no transient pair (a take-back counts as
 * `retracted`, not in `added`: the run's total nets it). So with a change a lower-ranked list made in the run: it is
 * taken back (`reverted`, netted from the run's `changed`) and the tool compared as it was before the run with what
 * the higher list says (listed as it was, it is unchanged; not listed, it is removed as it was). And with a removal: a
 * higher list that lists the tool takes it back (`restored`, netted from the run's `removed`) and is compared with the
 * tool as it was before the run, not counted as bringing it back; one that does not list it takes the removal over.
 */
export function planToolListings(listings: readonly ToolListing[], stored: readonly StoredToolState[]): ToolPlan {
  const byServer = new Map<number, Map<string, StoredToolState>>();
  for (const row of stored) {
    let m = byServer.get(row.serverId);
    if (!m) byServer.set(row.serverId, (m = new Map()));
    m.set(row.name, row);
  }
  const plan: ToolPlan = { inserts: [], upserts: [], removals: [], retractions: [], overwritten: [], reverts: [], amended: [], changes: [], changed: [], counts: noToolCounts(), touched: [] };
  const touched = new Set<number>();

  for (const listing of listings) {
    const rank = ORIGIN_RANK[listing.origin];
    const rankOf = (origin: string) => (origin === listing.replaces ? rank : originRank(origin));
    const current = byServer.get(listing.serverId) ?? new Map<string, StoredToolState>();
    const listed = new Set<string>();
    for (const tool of listing.tools) {
      // Every source reads its list through distinctTools, one tool a name; a repeat here would break the (server, name) key.
      if (listed.has(tool.name)) continue;
      listed.add(tool.name);
      const old = current.get(tool.name);
      const row: NewTool = {
        serverId: listing.serverId,
        name: tool.name,
        title: tool.title ?? null,
        description: tool.description ?? null,
        inputSchema: tool.inputSchema ?? null,
        annotations: tool.annotations ?? null,
        contentHash: tool.contentHash,
        origin: listing.origin,
      };
      const removed = old?.removedAt != null;
      // A tool a higher-ranked list dropped stays removed: a directory's stale copy does not bring it back.
      if (old && removed && rankOf(old.origin) > rank) continue;
      if (old && removedBelow(old, rank)) {
        // Not a bring-back: the removal is taken back, and this list compared with the tool as it was before the run.
        plan.reverts.push({ id: old.id, serverId: old.serverId, name: old.name });
        plan.counts.restored += 1;
        plan.upserts.push(row);
        touched.add(listing.serverId);
        if (old.contentHash === tool.contentHash) {
          plan.counts.unchanged += 1;
          continue;
        }
        if (rank < ORIGIN_RANK.live) plan.overwritten.push(old.id);
        plan.changed.push({ id: old.id, oldHash: old.contentHash, row });
        plan.counts.changed += 1;
        continue;
      }
      if (!old || removed) {
        (listing.fresh ? plan.inserts : plan.upserts).push(row);
        if (old && rank < ORIGIN_RANK.live) plan.overwritten.push(old.id);
        touched.add(listing.serverId);
        plan.changes.push({ serverId: listing.serverId, toolName: tool.name, kind: "added", oldHash: old?.contentHash ?? null, newHash: tool.contentHash, details: old ? { reappeared: true } : null });
        plan.counts.added += 1;
        continue;
      }
      if (rankOf(old.origin) > rank) {
        plan.counts.unchanged += 1;
        continue;
      }
      if (old.contentHash === tool.contentHash) {
        // Unchanged tools are not rewritten: a nightly run that finds nothing new writes nothing.
        if (old.origin !== listing.origin) plan.upserts.push(row);
        plan.counts.unchanged += 1;
        continue;
      }
      plan.upserts.push(row);
      touched.add(listing.serverId);
      if (addedBelow(old, rank)) {
        plan.amended.push({ serverId: listing.serverId, toolName: tool.name, newHash: tool.contentHash });
        continue;
      }
      const before = revert(old, rank);
      if (before === tool.contentHash) {
        plan.counts.unchanged += 1;
        continue;
      }
      if (rank < ORIGIN_RANK.live) plan.overwritten.push(old.id);
      plan.changed.push({ id: old.id, oldHash: before, row });
      plan.counts.changed += 1;
    }
    if (listing.partial) continue;
    const skipped = new Set(listing.skippedNames);
    for (const [name, old] of current) {
      if (listed.has(name) || skipped.has(name)) continue;
      if (rankOf(old.origin) > rank || (listing.withdrawn && old.origin !== listing.origin)) continue;
      if (old.removedAt != null) {
        // Removed by a lower-ranked list of the run: as this list would have removed it, but with this list's origin.
        if (removedBelow(old, rank) && !listing.withdrawn) plan.removals.push({ id: old.id, origin: listing.origin, again: true });
        continue;
      }
      touched.add(listing.serverId);
      if (addedBelow(old, rank)) {
        plan.retractions.push({ id: old.id, serverId: listing.serverId, name, origin: listing.origin, reappeared: old.addedInRun === "reappeared" });
        plan.counts.retracted += 1;
        continue;
      }
      plan.removals.push({ id: old.id, origin: listing.withdrawn ? UNLISTABLE_ORIGIN : listing.origin });
      plan.changes.push({ serverId: listing.serverId, toolName: name, kind: "removed", oldHash: revert(old, rank), newHash: null, details: listing.withdrawn ? { unlistable: true } : null });
      plan.counts.removed += 1;
    }
  }
  plan.touched = [...touched];
  return plan;

  /** The hash `old` had before the run: a change this run's lower-ranked list made is taken back (plan.reverts). */
  function revert(old: StoredToolState, rank: number): string {
    if (old.changedInRun === undefined || originRank(old.origin) >= rank) return old.contentHash;
    plan.reverts.push({ id: old.id, serverId: old.serverId, name: old.name });
    plan.counts.reverted += 1;
    return old.changedInRun;
  }
}

/** A stored tool this run's lower-ranked list added: a list of `rank` speaks for it in that list's place. */
function addedBelow(old: StoredToolState, rank: number): boolean {
  return old.addedInRun !== undefined && originRank(old.origin) < rank;
}

/** A tool this run's lower-ranked list removed: a list of `rank` speaks for it in that list's place. */
function removedBelow(old: StoredToolState, rank: number): boolean {
  return old.removedInRun === true && old.removedAt != null && originRank(old.origin) < rank;
}

const MAX_DETAIL_CHARS = 4_000;

function clip(text: string | null | undefined): string | null {
  if (text == null) return null;
  return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}…` : text;
}

function argumentNames(schema: unknown): string[] {
  if (!schema || typeof schema !== "object" || !("properties" in schema)) return [];
  const props = schema.properties;
  return props && typeof props === "object" ? Object.keys(props).sort() : [];
}

// The stored side comes back from jsonb, which orders an object's keys its own way (shorter first); the listed side
// keeps the order the server sent. Compared as written, every schema and annotation object of a changed tool differed.
function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/** The history rows of one changed tool: which parts of its definition differ from before (each a change kind). */
export function changeRows(before: ToolBefore | undefined, row: NewTool, oldHash: string): NewToolChange[] {
  const base = { serverId: row.serverId, toolName: row.name, oldHash, newHash: row.contentHash };
  const prev = before ?? { title: null, description: null, inputSchema: null, annotations: null };
  const out: NewToolChange[] = [];
  const kind = (k: ChangeKind, details: unknown) => out.push({ ...base, kind: k, details });
  if (!same(prev.description, row.description)) kind("description_changed", { old: clip(prev.description), new: clip(row.description) });
  if (!same(prev.inputSchema, row.inputSchema)) {
    const was = argumentNames(prev.inputSchema);
    const now = argumentNames(row.inputSchema);
    kind("schema_changed", { addedArguments: now.filter((a) => !was.includes(a)), removedArguments: was.filter((a) => !now.includes(a)) });
  }
  if (!same(prev.annotations, row.annotations)) kind("annotations_changed", { old: prev.annotations, new: row.annotations });
  if (!same(prev.title, row.title)) kind("title_changed", { old: prev.title, new: row.title });
  return out;
}

/** Every history row of a plan, once the old definitions of its changed tools are known. */
export function historyRows(plan: ToolPlan, before: readonly ToolBefore[]): NewToolChange[] {
  const byId = new Map(before.map((b) => [b.id, b]));
  return [...plan.changes, ...plan.changed.flatMap((c) => changeRows(byId.get(c.id), c.row, c.oldHash))];
}
