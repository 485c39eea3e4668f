// The model review's answer cache: verdicts by (tool content hash, model, prompt version), read before a call
// and written after it. The verdicts go back as stored; the crawler validates them like a fresh answer.
import { sql } from "drizzle-orm";
import type { Db } from "./client.js";
import type { modelReviews } from "./schema.js";
import { jsonb, queryRows } from "./sql.js";

type ModelReviewRow = typeof modelReviews.$inferSelect;

/** The stored verdicts of these content hashes for this model and prompt version, by content hash. */
export async function storedVerdicts(db: Db, contentHashes: readonly string[], model: string, promptVersion: string): Promise<Map<string, ModelReviewRow["verdict"]>> {
  if (contentHashes.length === 0) return new Map();
  const rows = await queryRows<{ content_hash: string; verdict: unknown }>(
    db,
    sql`select content_hash, verdict from model_reviews
      where model = ${model} and prompt_version = ${promptVersion}
        and content_hash in (select jsonb_array_elements_text(${jsonb(contentHashes)}))`,
  );
  return new Map(rows.map((r) => [r.content_hash, r.verdict]));
}

/** Stores verdicts (a newer answer for the same key replaces the older one). */
export async function storeVerdicts(db: Db, entries: readonly { contentHash: string; verdict: unknown }[], model: string, promptVersion: string): Promise<void> {
  if (entries.length === 0) return;
  await queryRows(
    db,
    sql`insert into model_reviews (content_hash, model, prompt_version, verdict)
      select "contentHash", ${model}, ${promptVersion}, verdict from jsonb_to_recordset(${jsonb(entries)}) as x("contentHash" text, verdict jsonb)
      on conflict (content_hash, model, prompt_version) do update set verdict = excluded.verdict, reviewed_at = now()`,
  );
}
