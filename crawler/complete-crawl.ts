// A source's crawl finished: settle what a full crawl no longer lists (within the gone-share rule) and record the watermark.
import type { Db } from "../db/client.js";
import { dropUnreachedPages, finishSourceState, markUnlistedGone, unlistedCounts, type CrawlCompletion } from "../db/source-state.js";
import { goneDecision } from "./plan/crawl.js";

/**
 * In one transaction: a full crawl marks gone the servers none of whose records any source still lists
 * (unless goneDecision withholds them) and drops the pages it did not reach; then the watermark is
 * stored and the checkpoint cleared. Returns how many servers went, and how many were withheld.
 */
export async function completeCrawl(db: Db, c: CrawlCompletion): Promise<{ gone: number; withheld: number }> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    let gone = 0;
    let withheld = 0;
    if (c.mode === "full") {
      const decision = goneDecision(await unlistedCounts(t, c));
      withheld = decision.withheld;
      if (decision.markGone) gone = await markUnlistedGone(t, c);
      await dropUnreachedPages(t, c);
    }
    await finishSourceState(t, c);
    return { gone, withheld };
  });
}
