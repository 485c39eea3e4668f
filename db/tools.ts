// Tool lists into the catalog: upserts by (server, name), history in tool_changes, removals marked, never deleted.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { tools } from "./schema.js";
import { queueServers } from "./classifications.js";
import { jsonb, queryRows } from "./sql.js";

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
  /** The server was created in this transaction: it has no tools to read. */
  fresh?: boolean;
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

type ExistingTool = { id: number; server_id: number; name: string; content_hash: string; origin: string; removed: boolean };
type ToolDetails = { id: number; title: string | null; description: string | null; input_schema: unknown; annotations: unknown };
type ToolRow = { server_id: number; name: string; title: string | null; description: string | null; input_schema: unknown; annotations: unknown; content_hash: string; origin: ToolOrigin };
type ChangeRow = { server_id: number; tool_name: string; kind: ChangeKind; old_hash: string | null; new_hash: string | null; details: unknown };

/** Rows per statement: each statement carries its rows as one jsonb value, so this bounds its size, not a parameter count. */
const ROWS_PER_STATEMENT = 2_000;

/**
 * Applies listings (several servers at once, one transaction's worth) to the tools table.
 * A listing rewrites tools it outranks or equals, and marks removed the tools of equal or lower
 * origin that it no longer lists; unchanged tools are not written at all. Servers whose tools were
 * written or removed are queued for the classify stage in the same transaction.
 */
export async function syncToolListings(db: Db, listings: readonly ToolListing[], runId: number, options: { unqueued?: ReadonlySet<number> } = {}): Promise<ToolSyncResult> {
  const result: ToolSyncResult = { added: 0, changed: 0, removed: 0, unchanged: 0, written: [] };
  if (listings.length === 0) return result;
  const serverIds = [...new Set(listings.filter((l) => !l.fresh).map((l) => l.serverId))];
  // Hashes only: the full old definition is read back just for the few tools that changed.
  const existing = !serverIds.length ? [] : await queryRows<ExistingTool>(
    db,
    // One index probe per server (OFFSET 0 keeps the planner from turning it into a scan of every tool
    // when a table that grew during the crawl has no statistics yet).
    sql`select t.id, t.server_id, t.name, t.content_hash, t.origin, t.removed_at is not null as removed
      from jsonb_array_elements_text(${jsonb(serverIds)}) as k(id)
      cross join lateral (select * from tools where server_id = k.id::int offset 0) t`,
  );
  const byServer = new Map<number, Map<string, ExistingTool>>();
  for (const row of existing) {
    const serverId = Number(row.server_id);
    let m = byServer.get(serverId);
    if (!m) byServer.set(serverId, (m = new Map()));
    m.set(row.name, row);
  }

  const upserts: ToolRow[] = [];
  const changes: ChangeRow[] = [];
  const changed: { old: ExistingTool; row: ToolRow }[] = [];
  // Removed rows take the origin of the list that dropped them, so a lower-ranked copy cannot revive them.
  const removals: { id: number; origin: ToolOrigin }[] = [];
  const touched = new Set<number>();

  for (const listing of listings) {
    const rank = ORIGIN_RANK[listing.origin];
    const current = byServer.get(listing.serverId) ?? new Map<string, ExistingTool>();
    const listed = new Set<string>();
    for (const tool of listing.tools) {
      if (listed.has(tool.name)) continue; // a server listing a name twice: the first wins
      listed.add(tool.name);
      const old = current.get(tool.name);
      const row: ToolRow = {
        server_id: listing.serverId,
        name: tool.name,
        title: tool.title ?? null,
        description: tool.description ?? null,
        input_schema: tool.inputSchema ?? null,
        annotations: tool.annotations ?? null,
        content_hash: tool.contentHash,
        origin: listing.origin,
      };
      // A tool a higher-ranked list dropped stays removed: a directory's stale copy does not bring it back.
      if (old?.removed && ORIGIN_RANK[old.origin as ToolOrigin] > rank) continue;
      if (!old || old.removed) {
        upserts.push(row);
        touched.add(listing.serverId);
        changes.push({ server_id: listing.serverId, tool_name: tool.name, kind: "added", old_hash: old?.content_hash ?? null, new_hash: tool.contentHash, details: old ? { reappeared: true } : null });
        result.added += 1;
        continue;
      }
      if (ORIGIN_RANK[old.origin as ToolOrigin] > rank) {
        result.unchanged += 1;
        continue;
      }
      if (old.content_hash === tool.contentHash) {
        // Unchanged tools are not rewritten: a nightly run that finds nothing new writes nothing.
        if (old.origin !== listing.origin) upserts.push(row);
        result.unchanged += 1;
        continue;
      }
      upserts.push(row);
      touched.add(listing.serverId);
      changed.push({ old, row });
      result.changed += 1;
    }
    for (const [name, old] of current) {
      if (listing.partial) break;
      if (listed.has(name) || old.removed) continue;
      if (ORIGIN_RANK[old.origin as ToolOrigin] > rank) continue;
      removals.push({ id: Number(old.id), origin: listing.origin });
      touched.add(listing.serverId);
      changes.push({ server_id: listing.serverId, tool_name: name, kind: "removed", old_hash: old.content_hash, new_hash: null, details: null });
      result.removed += 1;
    }
  }

  if (changed.length) {
    const details = await queryRows<ToolDetails>(
      db,
      sql`select id, title, description, input_schema, annotations from tools where id in (select jsonb_array_elements_text(${jsonb(changed.map((c) => Number(c.old.id)))})::int)`,
    );
    const before = new Map(details.map((d) => [Number(d.id), d]));
    for (const { old, row } of changed) changes.push(...changeRows(before.get(Number(old.id)), row, old.content_hash));
  }

  for (let i = 0; i < upserts.length; i += ROWS_PER_STATEMENT) {
    const written = await queryRows<{ id: number; server_id: number; name: string; content_hash: string }>(
      db,
      sql`insert into tools (server_id, name, title, description, input_schema, annotations, content_hash, origin)
        select server_id, name, title, description, input_schema, annotations, content_hash, origin
        from jsonb_to_recordset(${jsonb(upserts.slice(i, i + ROWS_PER_STATEMENT))})
          as x(server_id int, name text, title text, description text, input_schema jsonb, annotations jsonb, content_hash text, origin text)
        on conflict (server_id, name) do update set
          title = excluded.title, description = excluded.description, input_schema = excluded.input_schema,
          annotations = excluded.annotations, content_hash = excluded.content_hash, origin = excluded.origin,
          last_seen_at = now(), removed_at = null
        returning id, server_id, name, content_hash`,
    );
    for (const w of written) result.written.push({ id: Number(w.id), serverId: Number(w.server_id), name: w.name, contentHash: w.content_hash });
  }
  for (let i = 0; i < changes.length; i += ROWS_PER_STATEMENT) {
    await queryRows(db, sql`insert into tool_changes (server_id, tool_name, kind, old_hash, new_hash, details, run_id)
      select server_id, tool_name, kind, old_hash, new_hash, details, ${runId}
      from jsonb_to_recordset(${jsonb(changes.slice(i, i + ROWS_PER_STATEMENT))})
        as x(server_id int, tool_name text, kind text, old_hash text, new_hash text, details jsonb)`);
  }
  if (removals.length) {
    await queryRows(db, sql`update tools t set removed_at = now(), origin = x.origin
      from jsonb_to_recordset(${jsonb(removals)}) as x(id int, origin text)
      where t.id = x.id and t.removed_at is null`);
  }
  // Servers the caller classifies itself, in this transaction, need no pass of the classify stage.
  for (const id of options.unqueued ?? []) touched.delete(id);
  await queueServers(db, [...touched]);
  return result;
}

/** The history rows of one changed tool: which parts of its definition differ from before. */
function changeRows(old: ToolDetails | undefined, row: ToolRow, oldHash: string): ChangeRow[] {
  const base = { server_id: row.server_id, tool_name: row.name, old_hash: oldHash, new_hash: row.content_hash };
  const prev = old ?? { title: null, description: null, input_schema: null, annotations: null };
  const out: ChangeRow[] = [];
  if (!same(prev.description, row.description)) out.push({ ...base, kind: "description_changed", details: { old: clip(prev.description), new: clip(row.description) } });
  if (!same(prev.input_schema, row.input_schema)) {
    const before = argumentNames(prev.input_schema);
    const after = argumentNames(row.input_schema);
    out.push({ ...base, kind: "schema_changed", details: { addedArguments: after.filter((a) => !before.includes(a)), removedArguments: before.filter((a) => !after.includes(a)) } });
  }
  if (!same(prev.annotations, row.annotations)) out.push({ ...base, kind: "annotations_changed", details: { old: prev.annotations, new: row.annotations } });
  if (!same(prev.title, row.title)) out.push({ ...base, kind: "title_changed", details: { old: prev.title, new: row.title } });
  return out;
}

/** The current (not removed) tools of a server, for classification context and exports. */
export async function currentTools(db: Db, serverId: number) {
  return db
    .select()
    .from(tools)
    .where(and(eq(tools.serverId, serverId), isNull(tools.removedAt)))
    .orderBy(tools.name);
}
