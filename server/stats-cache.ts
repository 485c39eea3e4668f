// GET /api/stats's report kept between requests: grading every server takes seconds on a large catalog
// (about 10 s on PGlite at 21,700 servers), and the report changes only when the catalog does or when a
// change leaves the grades' drift window.
import type { Db } from "../db/client.js";
import { oldestChangeSince } from "../db/verdict-facts.js";
import { driftEnd, driftStart } from "../scripts/server-verdict.js";
import { KeptPerServer } from "../scripts/kept-per-server.js";
import type { AssessedFigures } from "../scripts/verdict-summary.js";
import { stats } from "./reader.js";
import { keptPerSnapshot } from "./snapshot-kept.js";
import type { StatsView } from "./views.js";

export interface StatsCacheOptions {
  /** Builds the report on the catalog as it is, its drift window ending at `now` (by default `stats`, the servers it assessed now kept for the next report). */
  build?: (db: Db, now: Date) => Promise<StatsView>;
  clock?: () => Date;
  /** The catalog's state (by default catalogSnapshot): a test of the drift window holds it still, as other writers on a shared Postgres server move it. */
  snapshot?: (db: Db) => Promise<string>;
}

interface Built {
  report: StatsView;
  /** The `now` it was built at (ms since the epoch): a clock set back could bring older changes into the window. */
  at: number;
  /** When the first change counted in the report's drift window leaves it (ms since the epoch). */
  until: number;
}

/**
 * The report, built once per state of the catalog (keptPerSnapshot: it holds at least what the snapshot read before it
 * sees) until a change it counted as recent drift is no longer recent.
 */
export function statsCache(db: Db, o: StatsCacheOptions = {}): () => Promise<StatsView> {
  const assessed = new KeptPerServer<AssessedFigures>();
  const build = o.build ?? ((db: Db, now: Date) => stats(db, now, assessed));
  const clock = o.clock ?? (() => new Date());
  const kept = keptPerSnapshot(
    db,
    async (now: Date): Promise<Built> => {
      const oldest = await oldestChangeSince(db, driftStart(now));
      return { report: await build(db, now), at: now.getTime(), until: oldest ? driftEnd(oldest).getTime() : Infinity };
    },
    { ...(o.snapshot ? { snapshot: o.snapshot } : {}), fresh: (built, now) => built.at <= now.getTime() && now.getTime() < built.until },
  );
  return async () => (await kept(clock())).report;
}
