// The model review's answer cache: verdicts by (tool content hash, model, prompt version), read before a call
// and written after it, each with why it was refused when it was. The verdicts go back as stored; the crawler
// validates them like a fresh answer.
import { sql } from "drizzle-orm";
import type { Db } from "./client.js";
import type { modelReviews } from "./schema.js";
import { jsonb, queryRows } from "./sql.js";

type ModelReviewRow = typeof modelReviews.$inferSelect;
export type StoredVerdict = Pick<ModelReviewRow, "verdict" | "rejected">;

/** The stored verdicts of these content hashes for this model and prompt version, by content hash. */
export async function storedVerdicts(db: Db, contentHashes: readonly string[], model: string, promptVersion: string): Promise<Map<string, StoredVerdict>> {
  if (contentHashes.length === 0) return new Map();
  const rows = await queryRows<{ content_hash: string; verdict: unknown; rejected: string | null }>(
    db,
    sql`select content_hash, verdict, rejected from model_reviews
      where model = ${model} and prompt_version = ${promptVersion}
        and content_hash in (select jsonb_array_elements_text(${jsonb(contentHashes)}))`,
  );
  return new Map(rows.map((r) => [r.content_hash, { verdict: r.verdict, rejected: r.rejected }]));
}

/** Stores verdicts and their refusals (a newer answer, or a refusal decided again, replaces the stored one). */
export async function storeVerdicts(db: Db, entries: readonly { contentHash: string; verdict: unknown; rejected: string | null }[], model: string, promptVersion: string): Promise<void> {
  if (entries.length === 0) return;
  await queryRows(
    db,
    sql`insert into model_reviews (content_hash, model, prompt_version, verdict, rejected)
      select "contentHash", ${model}, ${promptVersion}, verdict, rejected from jsonb_to_recordset(${jsonb(entries)}) as x("contentHash" text, verdict jsonb, rejected text)
      on conflict (content_hash, model, prompt_version) do update set verdict = excluded.verdict, rejected = excluded.rejected, reviewed_at = now()`,
  );
}
