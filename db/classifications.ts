// Reads the servers the classify stage must look at, and stores their new classifications (and the categories of the changes that led to them).
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./client.js";
import type { classifications } from "./schema.js";
import { catalogChanged, lockServers } from "./servers.js";
import { jsonb, queryRows } from "./sql.js";

export type NewClassification = typeof classifications.$inferInsert;

export interface ToolToClassify {
  id: number;
  name: string;
  title: string | null;
  description: string | null;
  inputSchema: unknown;
  annotations: unknown;
  contentHash: string;
}

export interface ServerToClassify {
  serverId: number;
  key: string;
  description: string | null;
  /** Every current tool of the server, by name: a tool's siblings are part of its evidence. */
  tools: ToolToClassify[];
  /** Ids of the tools among `tools` whose classification is missing or stale. */
  stale: Set<number>;
}

/**
 * With the model review on: the classifications it should see (the caller's needsReview, as a confidence bound
 * and signals) that no verdict of this model and prompt version was applied to.
 */
export interface ReviewSelection {
  /** Confidence below this. */
  below: number;
  /** Or any of these signals. */
  signals: readonly string[];
  model: string;
  promptVersion: string;
}

/**
 * `c` is a classification the review should see and has not (confidence as `real` on both sides, as stored). One
 * whose definition's answer from this model and prompt version was refused has been seen: the cached answer would
 * be refused again (its quotes are not in the same text), so asking would only rewrite the same classification.
 */
function awaitsReview(r: ReviewSelection): SQL {
  return sql`((c.confidence < ${r.below}::real or exists (select 1 from jsonb_array_elements_text(${jsonb(r.signals)}) s(v) where c.signals ? s.v))
    and (c.review_model is distinct from ${r.model} or c.review_prompt_version is distinct from ${r.promptVersion})
    and not exists (select 1 from model_reviews m where m.content_hash = c.content_hash and m.model = ${r.model} and m.prompt_version = ${r.promptVersion} and m.rejected is not null))`;
}

/**
 * Queues every server with a tool classified by another classifier version (a new version redoes
 * them all) or stored before classifications kept their facets, and with `review`, every server with a tool awaiting the model's review (one left over by a
 * budget or an unavailable endpoint, classified before the review was on, or reviewed by another model or
 * prompt). Without `review` it is answered from the version index, so with nothing outdated it reads nothing.
 */
export async function queueOutdatedClassifications(db: Db, classifierVersion: string, review?: ReviewSelection): Promise<void> {
  await queryRows(db, sql`insert into classify_queue (server_id)
    select distinct t.server_id from classifications c join tools t on t.id = c.tool_id
    where c.classifier_version < ${classifierVersion} or c.classifier_version > ${classifierVersion} or c.facets is null
    on conflict do nothing`);
  if (!review) return;
  await queryRows(db, sql`insert into classify_queue (server_id)
    select distinct t.server_id from classifications c join tools t on t.id = c.tool_id
    where t.removed_at is null and ${awaitsReview(review)}
    on conflict do nothing`);
}

/**
 * The next queued servers (after `afterServerId`, in id order) with all their current tools and which
 * of those need classifying: no classification, another classifier version, an older definition, or no facets; with
 * `review`, also those awaiting the model's review.
 */
export async function queuedServers(db: Db, classifierVersion: string, afterServerId: number, limit: number, review?: ReviewSelection): Promise<ServerToClassify[]> {
  const rows = await queryRows<{
    server_id: number;
    key: string;
    server_description: string | null;
    id: number | null;
    name: string | null;
    title: string | null;
    description: string | null;
    input_schema: unknown;
    annotations: unknown;
    content_hash: string | null;
    stale: boolean | null;
  }>(
    db,
    sql`with q as (select server_id from classify_queue where server_id > ${afterServerId} order by server_id limit ${limit})
      select s.id as server_id, s.key, s.description as server_description,
        t.id, t.name, t.title, t.description, t.input_schema, t.annotations, t.content_hash,
        (c.tool_id is null or c.classifier_version <> ${classifierVersion} or c.content_hash <> t.content_hash or c.facets is null${review ? sql` or ${awaitsReview(review)}` : sql``}) as stale
      -- Index probes per queued server, even before the tables have statistics (OFFSET 0 keeps them probes).
      from q cross join lateral (select * from servers where id = q.server_id offset 0) s
      left join lateral (select * from tools where server_id = s.id and removed_at is null offset 0) t on true
      left join classifications c on c.tool_id = t.id
      order by s.id, t.name`,
  );
  const out: ServerToClassify[] = [];
  let current: ServerToClassify | undefined;
  for (const r of rows) {
    const serverId = Number(r.server_id);
    if (current?.serverId !== serverId) out.push((current = { serverId, key: r.key, description: r.server_description, tools: [], stale: new Set() }));
    // A queued server whose tools were all removed has nothing to classify, but still leaves the queue.
    if (r.id === null) continue;
    const id = Number(r.id);
    current.tools.push({ id, name: r.name!, title: r.title, description: r.description, inputSchema: r.input_schema, annotations: r.annotations, contentHash: r.content_hash! });
    if (r.stale) current.stale.add(id);
  }
  return out;
}

/** Queues servers for the classify stage. */
export async function queueServers(db: Db, serverIds: readonly number[]): Promise<void> {
  if (serverIds.length === 0) return;
  await queryRows(db, sql`insert into classify_queue (server_id) select jsonb_array_elements_text(${jsonb(serverIds)})::int on conflict do nothing`);
}

/** Stores classifications and takes their servers off the queue, in one transaction. */
export async function storeClassifications(db: Db, rows: readonly NewClassification[], serverIds: readonly number[]): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await catalogChanged(t, await lockServers(t, { tools: rows.map((r) => r.toolId) }));
    await insertClassifications(t, rows);
    await queryRows(t, sql`delete from classify_queue where server_id in (select jsonb_array_elements_text(${jsonb(serverIds)})::int)`);
  });
}

/**
 * Writes classifications (new, or over older ones of the same tools). With `newTools` (tools written in
 * this transaction, which no classification can name yet) a plain INSERT: 3,000 rows 52.5 -> 45 ms of server CPU.
 */
export async function insertClassifications(db: Db, rows: readonly NewClassification[], o: { newTools?: boolean } = {}): Promise<void> {
  const upsert = sql`on conflict (tool_id) do update set
    classifier_version = excluded.classifier_version, content_hash = excluded.content_hash, category = excluded.category,
    risk = excluded.risk, confidence = excluded.confidence, signals = excluded.signals, rationale = excluded.rationale,
    evidence = excluded.evidence, rule = excluded.rule, hints = excluded.hints, arguments = excluded.arguments, facets = excluded.facets, method = excluded.method,
    review_model = excluded.review_model, review_prompt_version = excluded.review_prompt_version, classified_at = now()`;
  for (let i = 0; i < rows.length; i += 2_000) {
    // The rows go as JSON under their own (camelCase) keys; jsonb_to_recordset names the columns it reads.
    await queryRows(db, sql`insert into classifications (tool_id, classifier_version, content_hash, category, risk, confidence, signals, rationale, evidence, rule, hints, arguments, facets, method, review_model, review_prompt_version)
      select "toolId", "classifierVersion", "contentHash", category, risk, confidence, signals, rationale, evidence, rule, hints, nullif(arguments, 'null'::jsonb), facets, method, "reviewModel", "reviewPromptVersion"
      from jsonb_to_recordset(${jsonb(rows.slice(i, i + 2_000))}) as x("toolId" int, "classifierVersion" text, "contentHash" text, category text, risk text,
        confidence real, signals jsonb, rationale text, evidence jsonb, rule jsonb, hints jsonb, arguments jsonb, facets jsonb, method text, "reviewModel" text, "reviewPromptVersion" text)
      ${o.newTools ? sql`` : upsert}`);
    await labelHistory(db, rows.slice(i, i + 2_000));
  }
}

/**
 * Writes each classified definition's category on the tool's history rows that left the tool with it
 * (tool_changes.category): the change feed and the grade read a change by what the tool was right after it.
 * A later classification of the same definition (a new classifier version, the model's review) replaces it.
 * A change written after this one (the tool removed and listed again unchanged) takes it as it is written (applyToolPlan).
 */
async function labelHistory(db: Db, rows: readonly NewClassification[]): Promise<void> {
  const defined = rows.map((r) => ({ toolId: r.toolId, contentHash: r.contentHash, category: r.category }));
  await queryRows(db, sql`update tool_changes tc set category = x.category
    from jsonb_to_recordset(${jsonb(defined)}) as x("toolId" int, "contentHash" text, category text)
    join tools t on t.id = x."toolId"
    where tc.server_id = t.server_id and tc.tool_name = t.name and tc.new_hash = x."contentHash"
      and tc.category is distinct from x.category`);
}
