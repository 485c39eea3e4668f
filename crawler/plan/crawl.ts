// How a source's crawl starts and ends: its mode, checkpoint and watermark, and how many servers a full crawl may mark gone.
import type { SourceStateRow } from "../../db/schema.js";

/**
 * At most this share of the servers a source listed may go in one full crawl: a source that suddenly
 * lists far fewer servers is likelier broken (a wrong URL, a truncated mirror, an outage page that
 * parses) than emptied, so such a crawl marks nothing gone and says so in its summary.
 */
export const MAX_GONE_SHARE = 0.1;

/** Whether a full crawl marks its unlisted servers gone, or withholds them all as a likely broken source. */
export function goneDecision(o: { unlisted: number; listed: number }): { markGone: boolean; withheld: number } {
  if (o.unlisted > Math.max(1, MAX_GONE_SHARE * o.listed)) return { markGone: false, withheld: o.unlisted };
  return { markGone: o.unlisted > 0, withheld: 0 };
}

function later(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}

/** The later of two watermarks (either may be absent). */
export function laterWatermark(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return later(a, b) ? a : b;
}

export interface CrawlStart {
  mode: "full" | "incremental";
  /** updated_since of an incremental crawl. */
  since?: string;
  /** Resuming a crawl a killed run left half done. */
  resumed: boolean;
  /** The page to start from. */
  cursor: string | null;
  crawlStartedAt: string;
  /** The run that started the crawl; null for a crawl resumed from before pages were kept (it settles no removals). */
  crawlRunId: number | null;
}

/**
 * How a source's crawl starts: resume a crawl a killed run left half done (unless --full asks to start
 * over from a non-full one), else full when asked, when the source cannot be asked for changes or when
 * there is no watermark, else incremental from the watermark (already clamped to the clock).
 */
export function crawlStart(
  state: Pick<SourceStateRow, "cursor" | "mode" | "crawlStartedAt" | "crawlRunId"> | undefined,
  o: { full: boolean; incremental: boolean; watermark: string | null; runId: number; now: string },
): CrawlStart {
  const resumable = !!state?.cursor && (state.mode === "full" || (state.mode === "incremental" && !o.full));
  const mode: "full" | "incremental" = resumable && state?.mode === "incremental" ? "incremental" : resumable ? "full" : o.full || !o.incremental || !o.watermark ? "full" : "incremental";
  return {
    mode,
    ...(mode === "incremental" && o.watermark ? { since: o.watermark } : {}),
    resumed: resumable,
    cursor: resumable ? state!.cursor : null,
    crawlStartedAt: resumable && state?.crawlStartedAt ? state.crawlStartedAt : o.now,
    crawlRunId: resumable ? (state!.crawlRunId ?? null) : o.runId,
  };
}
