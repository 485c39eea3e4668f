// Tool lists into the catalog: upserts by (server, name), history in tool_changes, removals marked, never deleted.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { toolChanges, tools } from "./schema.js";
import { excluded } from "./sql.js";

export const TOOL_ORIGINS = ["live", "glama", "smithery"] as const;
export type ToolOrigin = (typeof TOOL_ORIGINS)[number];

/** A live tools/list outranks a directory's copy of it. */
export const ORIGIN_RANK: Record<ToolOrigin, number> = { live: 3, glama: 2, smithery: 1 };

export interface ToolDefinition {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
  contentHash: string;
}

/** Everything one source says a server serves, right now. */
export interface ToolListing {
  serverId: number;
  origin: ToolOrigin;
  tools: ToolDefinition[];
  /** A list cut short by a limit: what it holds is recorded, but its silence removes nothing. */
  partial?: boolean;
}

export interface StoredTool {
  id: number;
  serverId: number;
  name: string;
  contentHash: string;
}

export interface ToolSyncResult {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** Tools inserted or whose definition changed: the ones to classify. */
  written: StoredTool[];
}

type ChangeKind = "added" | "removed" | "description_changed" | "schema_changed" | "annotations_changed" | "title_changed";

const MAX_DETAIL_CHARS = 4_000;

function clip(text: string | null | undefined): string | null {
  if (text == null) return null;
  return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}…` : text;
}

function argumentNames(schema: unknown): string[] {
  const props = (schema as { properties?: unknown } | null | undefined)?.properties;
  return props && typeof props === "object" ? Object.keys(props).sort() : [];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Applies listings (several servers at once, one transaction's worth) to the tools table.
 * A listing rewrites tools it outranks or equals, and marks removed the tools of equal or lower
 * origin that it no longer lists; unchanged tools are not written at all.
 */
export async function syncToolListings(db: Db, listings: readonly ToolListing[], runId: number): Promise<ToolSyncResult> {
  const result: ToolSyncResult = { added: 0, changed: 0, removed: 0, unchanged: 0, written: [] };
  if (listings.length === 0) return result;
  const serverIds = [...new Set(listings.map((l) => l.serverId))];
  const existing = await db
    .select({
      id: tools.id,
      serverId: tools.serverId,
      name: tools.name,
      title: tools.title,
      description: tools.description,
      inputSchema: tools.inputSchema,
      annotations: tools.annotations,
      contentHash: tools.contentHash,
      origin: tools.origin,
      removedAt: tools.removedAt,
    })
    .from(tools)
    .where(inArray(tools.serverId, serverIds));
  const byServer = new Map<number, Map<string, (typeof existing)[number]>>();
  for (const row of existing) {
    let m = byServer.get(row.serverId);
    if (!m) byServer.set(row.serverId, (m = new Map()));
    m.set(row.name, row);
  }

  const upserts: (typeof tools.$inferInsert)[] = [];
  const changes: (typeof toolChanges.$inferInsert)[] = [];
  // Removed rows take the origin of the list that dropped them, so a lower-ranked copy cannot revive them.
  const removals = new Map<ToolOrigin, number[]>();

  for (const listing of listings) {
    const rank = ORIGIN_RANK[listing.origin];
    const current = byServer.get(listing.serverId) ?? new Map();
    const listed = new Set<string>();
    for (const tool of listing.tools) {
      if (listed.has(tool.name)) continue; // a server listing a name twice: the first wins
      listed.add(tool.name);
      const old = current.get(tool.name);
      const row = {
        serverId: listing.serverId,
        name: tool.name,
        title: tool.title ?? null,
        description: tool.description ?? null,
        inputSchema: tool.inputSchema ?? null,
        annotations: tool.annotations ?? null,
        contentHash: tool.contentHash,
        origin: listing.origin,
      };
      // A tool a higher-ranked list dropped stays removed: a directory's stale copy does not bring it back.
      if (old?.removedAt && ORIGIN_RANK[old.origin as ToolOrigin] > rank) continue;
      if (!old || old.removedAt) {
        upserts.push(row);
        changes.push({ serverId: listing.serverId, toolName: tool.name, kind: "added", oldHash: old?.contentHash ?? null, newHash: tool.contentHash, runId, details: old ? { reappeared: true } : null });
        result.added += 1;
        continue;
      }
      if (ORIGIN_RANK[old.origin as ToolOrigin] > rank) {
        result.unchanged += 1;
        continue;
      }
      if (old.contentHash === tool.contentHash) {
        // Unchanged tools are not rewritten: a nightly run that finds nothing new writes nothing.
        if (old.origin !== listing.origin) upserts.push(row);
        result.unchanged += 1;
        continue;
      }
      upserts.push(row);
      result.changed += 1;
      const base = { serverId: listing.serverId, toolName: tool.name, oldHash: old.contentHash, newHash: tool.contentHash, runId };
      const kinds: [ChangeKind, unknown][] = [];
      if (!same(old.description, row.description)) kinds.push(["description_changed", { old: clip(old.description), new: clip(row.description) }]);
      if (!same(old.inputSchema, row.inputSchema)) {
        const before = argumentNames(old.inputSchema);
        const after = argumentNames(row.inputSchema);
        kinds.push(["schema_changed", { addedArguments: after.filter((a) => !before.includes(a)), removedArguments: before.filter((a) => !after.includes(a)) }]);
      }
      if (!same(old.annotations, row.annotations)) kinds.push(["annotations_changed", { old: old.annotations, new: row.annotations }]);
      if (!same(old.title, row.title)) kinds.push(["title_changed", { old: old.title, new: row.title }]);
      for (const [kind, details] of kinds) changes.push({ ...base, kind, details });
    }
    for (const [name, old] of current) {
      if (listing.partial) break;
      if (listed.has(name) || old.removedAt) continue;
      if (ORIGIN_RANK[old.origin as ToolOrigin] > rank) continue;
      let ids = removals.get(listing.origin);
      if (!ids) removals.set(listing.origin, (ids = []));
      ids.push(old.id);
      changes.push({ serverId: listing.serverId, toolName: name, kind: "removed", oldHash: old.contentHash, newHash: null, runId, details: null });
      result.removed += 1;
    }
  }

  // Postgres caps a statement at 65,535 parameters; a few hundred tool rows per statement stays far below.
  for (let i = 0; i < upserts.length; i += 500) {
    const written = await db
      .insert(tools)
      .values(upserts.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [tools.serverId, tools.name],
        set: {
          title: excluded(tools.title),
          description: excluded(tools.description),
          inputSchema: excluded(tools.inputSchema),
          annotations: excluded(tools.annotations),
          contentHash: excluded(tools.contentHash),
          origin: excluded(tools.origin),
          lastSeenAt: sql`now()`,
          removedAt: null,
        },
      })
      .returning({ id: tools.id, serverId: tools.serverId, name: tools.name, contentHash: tools.contentHash });
    result.written.push(...written);
  }
  for (let i = 0; i < changes.length; i += 1000) await db.insert(toolChanges).values(changes.slice(i, i + 1000));
  for (const [origin, ids] of removals) await db.update(tools).set({ removedAt: sql`now()`, origin }).where(and(inArray(tools.id, ids), isNull(tools.removedAt)));
  return result;
}

/** The current (not removed) tools of a server, for classification context and exports. */
export async function currentTools(db: Db, serverId: number) {
  return db
    .select()
    .from(tools)
    .where(and(eq(tools.serverId, serverId), isNull(tools.removedAt)))
    .orderBy(tools.name);
}
