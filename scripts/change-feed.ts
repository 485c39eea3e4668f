// The change feed as `changes --limit N` shows it: the N newest changes whole, never one cut between its parts.
import type { Db } from "../db/client.js";
import { toolChangeFeed, type ChangeRow } from "../db/lookups.js";

/** One change: a tool's rows of one run recorded together, one a part (README: each with the same at, hashes and runId). */
function changeKey(r: ChangeRow): string {
  return JSON.stringify([r.server, r.tool, r.at, r.oldHash, r.newHash, r.runId]);
}

/**
 * The rows of the first `limit` changes in `rows` (newest first), or undefined when every row read is of those
 * changes and more may follow (`exhausted` false): the last of them may have parts not read yet.
 */
export function wholeChanges(rows: readonly ChangeRow[], limit: number, exhausted: boolean): ChangeRow[] | undefined {
  const kept = new Set<string>();
  let beyond = false;
  const whole = rows.filter((r) => {
    const key = changeKey(r);
    if (kept.has(key)) return true;
    if (kept.size === limit) {
      beyond = true;
      return false;
    }
    kept.add(key);
    return true;
  });
  return beyond || exhausted ? whole : undefined;
}

/** The `limit` newest changes (of some servers, since a time), each with every part: read on until a change past them shows. */
export async function changeFeed(db: Db, o: { serverIds?: number[]; since?: string; limit: number }): Promise<ChangeRow[]> {
  const rows: ChangeRow[] = [];
  for (;;) {
    const last = rows.at(-1);
    const page = await toolChangeFeed(db, { ...o, limit: o.limit + 1, ...(last ? { before: { at: last.at, id: last.id } } : {}) });
    rows.push(...page);
    const whole = wholeChanges(rows, o.limit, page.length <= o.limit);
    if (whole) return whole;
  }
}
