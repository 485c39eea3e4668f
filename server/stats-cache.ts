// GET /api/stats's report kept between requests: grading every server takes seconds on a large catalog
// (about 10 s on PGlite at 21,700 servers), and the report changes only when the catalog does or when a
// change leaves the grades' drift window.
import { catalogSnapshot } from "../db/catalog-snapshot.js";
import type { Db } from "../db/client.js";
import { oldestChangeSince } from "../db/verdict-facts.js";
import { driftEnd, driftStart } from "../scripts/server-verdict.js";
import { stats } from "./reader.js";
import type { StatsView } from "./views.js";

export interface StatsCacheOptions {
  /** Builds the report on the catalog as it is, its drift window ending at `now` (by default `stats`). */
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
 * The report, built once per state of the catalog: kept under the Postgres snapshot read before it was built
 * (so it holds at least what that snapshot sees; any write since, by any process, changes the snapshot) until
 * a change it counted as recent drift is no longer recent. Requests during a build wait for that build; a
 * failed build is not kept.
 */
export function statsCache(db: Db, o: StatsCacheOptions = {}): () => Promise<StatsView> {
  const build = o.build ?? stats;
  const clock = o.clock ?? (() => new Date());
  const snapshotOf = o.snapshot ?? catalogSnapshot;
  let kept: { snapshot: string; built: Promise<Built> } | undefined;
  const buildAt = async (now: Date): Promise<Built> => {
    const oldest = await oldestChangeSince(db, driftStart(now));
    return { report: await build(db, now), at: now.getTime(), until: oldest ? driftEnd(oldest).getTime() : Infinity };
  };
  return async () => {
    const now = clock();
    const snapshot = await snapshotOf(db);
    if (kept?.snapshot === snapshot) {
      const built = await kept.built;
      if (built.at <= now.getTime() && now.getTime() < built.until) return built.report;
    }
    const entry = { snapshot, built: buildAt(now) };
    kept = entry;
    entry.built.catch(() => {
      if (kept === entry) kept = undefined;
    });
    return (await entry.built).report;
  };
}
