// A source's crawl finished: settle what a full crawl no longer lists (within the miss and gone-share rules) and record the watermark.
import type { Db } from "../db/client.js";
import { countMissedWalks, dropUnreachedPages, finishSourceState, markUnlistedGone, resetMissedWalks, unlistedCounts, type CrawlCompletion } from "../db/source-state.js";
import { goneDecision, walksBeforeGoneBySource } from "./plan/crawl.js";

/**
 * In one transaction: a full crawl marks gone the servers none of whose records any source still lists, each missed
 * by as many walks as its source needs, this one counted (walksBeforeGone; unless goneDecision withholds them), and
 * counts, for each record of its source, the walks in a row that missed it (none for a withheld walk); it drops the pages it did not reach; then the watermark is
 * stored and the checkpoint cleared. Returns how many servers went, how many were withheld, and how many no source
 * lists but were kept because a walk that may skip a live server missed them too few times (missing).
 */
export async function completeCrawl(db: Db, c: CrawlCompletion): Promise<{ gone: number; withheld: number; missing: number }> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    let gone = 0;
    let withheld = 0;
    let missing = 0;
    if (c.mode === "full") {
      const rule = { ...c, walksBeforeGone: walksBeforeGoneBySource() };
      await resetMissedWalks(t, rule);
      const counts = await unlistedCounts(t, rule);
      const decision = goneDecision(counts);
      withheld = decision.withheld;
      missing = counts.missing;
      if (decision.markGone) gone = await markUnlistedGone(t, rule);
      if (withheld === 0) await countMissedWalks(t, rule);
      await dropUnreachedPages(t, c);
    }
    await finishSourceState(t, c);
    return { gone, withheld, missing };
  });
}
