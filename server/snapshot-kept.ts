// A value built from the whole catalog, kept while the catalog is as it was: the stats report (stats-cache.ts) and the
// home page's verdict counts (scripts/verdict-counts.ts) each take seconds on a large catalog.
import { catalogSnapshot } from "../db/catalog-snapshot.js";
import type { Db } from "../db/client.js";

/**
 * `build(arg)`, kept under the Postgres snapshot read before it was built (catalogSnapshot: any write since, by any
 * process, changes it; a process's classifier version never changes, so the snapshot alone says when its verdicts could)
 * and while `fresh(value, arg)` holds. One build runs at a time: a request during a build waits for it and takes its
 * value whichever snapshot the request read (it may miss a write the request saw; the first request after the build
 * builds again), so a burst of requests across a refresh's writes pays one build, not one each. A failed build is not kept.
 */
export function keptPerSnapshot<A, T>(
  db: Db,
  build: (arg: A) => Promise<T>,
  o: { snapshot?: (db: Db) => Promise<string>; fresh?: (value: T, arg: A) => boolean } = {},
): (arg: A) => Promise<T> {
  const snapshotOf = o.snapshot ?? catalogSnapshot;
  const fresh = o.fresh ?? (() => true);
  let kept: { snapshot: string; value: Promise<T> } | undefined;
  let building: Promise<T> | undefined;
  return async (arg) => {
    const snapshot = await snapshotOf(db);
    if (kept?.snapshot === snapshot) {
      const value = await kept.value;
      if (fresh(value, arg)) return value;
    }
    if (building) return building;
    const entry = { snapshot, value: build(arg) };
    kept = entry;
    building = entry.value;
    const settled = () => {
      if (building === entry.value) building = undefined;
    };
    entry.value.then(settled, () => {
      settled();
      if (kept === entry) kept = undefined;
    });
    return entry.value;
  };
}
