// Tool plans into the catalog: the state a plan reads, and its upserts by (server, name), history and removals (never deleted).
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { tools } from "./schema.js";
import { queueServers } from "./classifications.js";
import { catalogChanged } from "./servers.js";
import { QUEUE_SCHEMA, queueTables } from "./listing-jobs.js";
import { distinctRows, jsonb, queryRows } from "./sql.js";
import type { NewToolChange, StoredToolState, ToolBefore, ToolCounts, ToolPlan } from "../crawler/plan/tools.js";

export interface ToolSyncResult extends ToolCounts {
  /** Tools inserted or whose definition changed: the ones to classify. */
  written: StoredTool[];
}

export interface StoredTool {
  id: number;
  serverId: number;
  name: string;
  contentHash: string;
}

/** Rows per statement: each statement carries its rows as one jsonb value, so this bounds its size, not a parameter count. */
const ROWS_PER_STATEMENT = 2_000;

/**
 * What the catalog holds of the tools of these servers (hashes and origins, not definitions): a tool plan's state,
 * with which of them run `runId` added or changed (StoredToolState.addedInRun, changedInRun).
 */
export async function storedToolsOf(db: Db, serverIds: readonly number[], runId: number): Promise<StoredToolState[]> {
  if (serverIds.length === 0) return [];
  const rows = await queryRows<{ id: number; server_id: number; name: string; content_hash: string; origin: string; removed_at: string | null; run_kind: string | null; run_old_hash: string | null }>(
    db,
    // One index probe per server (distinctRows). Only a tool of a directory's origin can have been added, changed or
    // removed by a list a later one outranks: for those alone, the tool's first history row of the run (one probe of
    // the (server, name) index each). Unless another run wrote the tool since (a worker's listing of the run lands
    // late): what the run did is then no longer the tool's last word, for this run's higher list to take back.
    sql`select t.id, t.server_id, t.name, t.content_hash, t.origin, t.removed_at::text as removed_at, f.kind as run_kind, f.old_hash as run_old_hash
      from ${distinctRows(serverIds)} as k(id)
      cross join lateral (select * from tools where server_id = k.id::int offset 0) t
      left join lateral (select c.id, c.kind, c.old_hash from tool_changes c
          where t.origin not in ('live', 'unlistable') and c.server_id = t.server_id and c.tool_name = t.name and c.run_id = ${runId}
          order by c.id limit 1) f
        on not exists (select 1 from tool_changes l where l.server_id = t.server_id and l.tool_name = t.name and l.id > f.id and l.run_id is distinct from ${runId})`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    serverId: Number(r.server_id),
    name: r.name,
    contentHash: r.content_hash,
    origin: r.origin,
    removedAt: r.removed_at,
    ...(r.removed_at !== null ? (r.run_kind === "removed" ? { removedInRun: true as const } : {}) : runWrite(r.run_kind, r.run_old_hash)),
  }));
}

/** What the run's first history row of a current tool says the run did to it: added it, changed it, or neither. */
function runWrite(kind: string | null, oldHash: string | null): Pick<StoredToolState, "addedInRun" | "changedInRun"> {
  if (kind === "added") return { addedInRun: oldHash === null ? "new" : "reappeared" };
  // A current tool whose first row of the run is `removed` was brought back after (by a list of the same rank): its add is the run's word.
  return kind !== null && kind !== "removed" && oldHash !== null ? { changedInRun: oldHash } : {};
}

/**
 * The old definitions of the tools a plan changes, read only for those few: a tool whose change by a lower-ranked list
 * of run `runId` the plan takes back (plan.reverts), the one it had before the run (overwritten_definitions).
 */
export async function toolsBefore(db: Db, plan: ToolPlan, runId: number): Promise<ToolBefore[]> {
  if (plan.changed.length === 0) return [];
  const rows = await queryRows<{ id: number; title: string | null; description: string | null; input_schema: unknown; annotations: unknown }>(
    db,
    sql`select t.id, case when r.tool_id is null then t.title else r.title end as title,
        case when r.tool_id is null then t.description else r.description end as description,
        case when r.tool_id is null then t.input_schema else r.input_schema end as input_schema,
        case when r.tool_id is null then t.annotations else r.annotations end as annotations
      from tools t left join overwritten_definitions r on r.tool_id = t.id and r.run_id = ${runId}
        and r.tool_id in (select (value)::int from jsonb_array_elements_text(${jsonb(plan.reverts.map((c) => c.id))}))
      where t.id in (select (value)::int from jsonb_array_elements_text(${jsonb(plan.changed.map((c) => c.id))}))`,
  );
  return rows.map((r) => ({ id: Number(r.id), title: r.title, description: r.description, inputSchema: r.input_schema, annotations: r.annotations }) as ToolBefore);
}

/**
 * Writes a tool plan (crawler/plan/tools.ts): its upserts, history rows and removals, set-based, and
 * queues its touched servers for the classify stage in the same transaction. Returns the tools written.
 * The caller has locked the plan's servers (lockServers) before reading the state it was planned from.
 */
export async function applyToolPlan(db: Db, plan: ToolPlan, history: readonly NewToolChange[], runId: number): Promise<StoredTool[]> {
  const written: StoredTool[] = [];
  await catalogChanged(db, plan.touched);
  // New servers' tools need no conflict handling: a plain INSERT costs the server less (3,000 tools: 62.5 -> 57.5 ms of CPU).
  const upsert = sql`on conflict (server_id, name) do update set
    title = excluded.title, description = excluded.description, input_schema = excluded.input_schema,
    annotations = excluded.annotations, content_hash = excluded.content_hash, origin = excluded.origin,
    last_seen_at = now(), removed_at = null`;
  // First, so that the definitions kept below and the history rows written are the run's from before the change.
  await takeBackRun(db, plan.reverts, runId);
  if (plan.overwritten.length) {
    // Kept before the upsert overwrites it: a higher list of the run that takes the add or change back restores it. A
    // row of this run holds the definition from before the run already: it is not overwritten by a later list's.
    await queryRows(db, sql`insert into overwritten_definitions (tool_id, run_id, title, description, input_schema, annotations, content_hash, last_seen_at)
      select id, ${runId}, title, description, input_schema, annotations, content_hash, last_seen_at from tools
      where id in (select (value)::int from jsonb_array_elements_text(${jsonb(plan.overwritten)}))
      on conflict (tool_id) do update set run_id = excluded.run_id, title = excluded.title, description = excluded.description,
        input_schema = excluded.input_schema, annotations = excluded.annotations, content_hash = excluded.content_hash, last_seen_at = excluded.last_seen_at
      where overwritten_definitions.run_id <> excluded.run_id`);
  }
  for (const [all, onConflict] of [[plan.inserts, sql``], [plan.upserts, upsert]] as const) {
    for (let i = 0; i < all.length; i += ROWS_PER_STATEMENT) {
      const rows = await queryRows<{ id: number; server_id: number; name: string; content_hash: string }>(
        db,
        sql`insert into tools (server_id, name, title, description, input_schema, annotations, content_hash, origin)
          select "serverId", name, title, description, "inputSchema", annotations, "contentHash", origin
          from jsonb_to_recordset(${jsonb(all.slice(i, i + ROWS_PER_STATEMENT))})
            as x("serverId" int, name text, title text, description text, "inputSchema" jsonb, annotations jsonb, "contentHash" text, origin text)
          ${onConflict}
          returning id, server_id, name, content_hash`,
      );
      for (const w of rows) written.push({ id: Number(w.id), serverId: Number(w.server_id), name: w.name, contentHash: w.content_hash });
    }
  }
  for (let i = 0; i < history.length; i += ROWS_PER_STATEMENT) {
    // A change that leaves the tool with the definition its stored classification was made of (a tool listed again
    // unchanged, or changed back before the other was classified) takes that category now: that definition is not
    // classified again, so labelHistory (db/classifications.ts) would never stamp it. Any other waits for its
    // classification. A tool never stored before (no old hash) has no classification to probe for.
    await queryRows(db, sql`insert into tool_changes (server_id, tool_name, kind, old_hash, new_hash, details, run_id, category)
      select x."serverId", x."toolName", x.kind, x."oldHash", x."newHash", x.details, ${runId},
        (select c.category from tools t join classifications c on c.tool_id = t.id
          where x."oldHash" is not null and t.server_id = x."serverId" and t.name = x."toolName" and c.content_hash = x."newHash")
      from jsonb_to_recordset(${jsonb(history.slice(i, i + ROWS_PER_STATEMENT))})
        as x("serverId" int, "toolName" text, kind text, "oldHash" text, "newHash" text, details jsonb)`);
  }
  if (plan.retractions.length) {
    // The add is taken back: a tool the run created goes (its classification too), one it brought back is removed again
    // as it was (takeBackRun), as of its last removal, by the list that took it back.
    await takeBackRun(db, plan.retractions, runId);
    const gone = plan.retractions.filter((r) => !r.reappeared);
    if (gone.length) await queryRows(db, sql`delete from tools where id in (select (value)::int from jsonb_array_elements_text(${jsonb(gone.map((r) => r.id))}))`);
    const again = plan.retractions.filter((r) => r.reappeared);
    if (again.length) {
      await queryRows(db, sql`update tools t set origin = x.origin,
          removed_at = coalesce((select max(c.at) from tool_changes c where c.server_id = t.server_id and c.tool_name = t.name and c.kind = 'removed'), now())
        from jsonb_to_recordset(${jsonb(again)}) as x(id int, origin text)
        where t.id = x.id`);
    }
  }
  if (plan.amended.length) {
    // Its category is the new definition's: its stored classification's when that was made of it (a reappeared tool
    // listed as it was classified is not classified again, as above), else written when it is classified (labelHistory).
    await queryRows(db, sql`update tool_changes c set new_hash = x."newHash",
        category = (select k.category from tools t join classifications k on k.tool_id = t.id
          where t.server_id = x."serverId" and t.name = x."toolName" and k.content_hash = x."newHash")
      from jsonb_to_recordset(${jsonb(plan.amended)}) as x("serverId" int, "toolName" text, "newHash" text)
      where c.server_id = x."serverId" and c.tool_name = x."toolName" and c.run_id = ${runId} and c.kind = 'added'`);
  }
  if (plan.removals.length) {
    await queryRows(db, sql`update tools t set removed_at = coalesce(t.removed_at, now()), origin = x.origin
      from jsonb_to_recordset(${jsonb(plan.removals)}) as x(id int, origin text, again boolean)
      where t.id = x.id and (t.removed_at is null or x.again)`);
  }
  await queueServers(db, plan.touched);
  return written;
}

/**
 * Takes back what the lower-ranked lists of run `runId` wrote on these tools (an add or a change a higher list of the
 * run has the last word over): their history rows of the run go, and a tool whose definition one overwrote gets back
 * the one it had before the run (overwritten_definitions, whose row this uses up), not that list's stale copy.
 */
async function takeBackRun(db: Db, taken: readonly { id: number; serverId: number; name: string }[], runId: number): Promise<void> {
  if (taken.length === 0) return;
  await queryRows(db, sql`delete from tool_changes c using jsonb_to_recordset(${jsonb(taken)}) as x("serverId" int, name text)
    where c.server_id = x."serverId" and c.tool_name = x.name and c.run_id = ${runId}`);
  await queryRows(db, sql`with b as (delete from overwritten_definitions r using jsonb_to_recordset(${jsonb(taken)}) as x(id int)
      where r.tool_id = x.id and r.run_id = ${runId} returning r.*)
    update tools t set title = b.title, description = b.description, input_schema = b.input_schema, annotations = b.annotations,
      content_hash = b.content_hash, last_seen_at = b.last_seen_at
    from b where t.id = b.tool_id`);
}

/**
 * Drops the kept definitions (overwritten_definitions) no write can restore any more: those of runs that have ended and have no
 * listing job waiting, due for a retry or in hand. A queue worker's live listing of a run lands after the run ended
 * (its job names the run), and may take back what the run's directories wrote as well as the in-process stage.
 * `exceptJob`: the job completing, whose handler calls this (in hand until it returns).
 */
export async function dropSettledOverwrites(db: Db, exceptJob?: string): Promise<void> {
  const [kept] = await queryRows<{ any: boolean }>(db, sql`select exists (select 1 from overwritten_definitions) as any`);
  if (!kept?.any) return;
  // Without the queue's schema (PGlite, a catalog never queued to) no job can be waiting; with one this role cannot
  // read, which runs a job still needs is unknown: all are kept, for a role that can read it to drop.
  const queue = await queueTables(db, QUEUE_SCHEMA, ["job"]);
  if (queue === "unreadable") return;
  const waiting = queue === "readable"
    ? sql`select (data->>'runId')::int from ${sql.identifier(QUEUE_SCHEMA)}.job
        where state in ('created', 'retry', 'active') ${exceptJob ? sql`and id <> ${exceptJob}` : sql``}`
    : sql`select null::int where false`;
  await queryRows(db, sql`delete from overwritten_definitions r
    where not exists (select 1 from crawl_runs c where c.id = r.run_id and c.status = 'running')
      and r.run_id not in (select run_id from (${waiting}) w(run_id) where run_id is not null)`);
}

/** The current (not removed) tools of a server, for classification context and exports. */
export async function currentTools(db: Db, serverId: number) {
  return db
    .select()
    .from(tools)
    .where(and(eq(tools.serverId, serverId), isNull(tools.removedAt)))
    .orderBy(tools.name);
}
