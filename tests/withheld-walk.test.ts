// A source that answers a full walk with an empty list (an outage page that parses, a truncated mirror) is likelier
// broken than emptied: the gone-share rule withholds every removal. Such a walk must count no miss either: a registry
// record counted missed stops merging, so the directory crawled next made a duplicate of every server it lists.
// Real-shaped replays on 127.0.0.1: the registry's sample, and Glama's directory built from the same entries.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HttpClient } from "../crawler/http.js";
import { refresh, type RefreshSummary } from "../crawler/refresh.js";
import { glamaSource } from "../crawler/sources/glama.js";
import { registrySource } from "../crawler/sources/registry.js";
import type { Source } from "../crawler/sources/source.js";
import { queryRows } from "../db/sql.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";
import { startGlamaReplay, type GlamaReplay } from "./helpers/glama-replay.js";
import { testHttpClient } from "./helpers/http.js";
import { loadRegistrySample, startRegistryReplay, type RegistryReplay } from "./helpers/registry-replay.js";

describe.each(DRIVERS)("a full walk the gone-share rule withholds, on %s", (driver) => {
  let http: HttpClient;
  let glama: GlamaReplay;
  const catalogs: TestCatalog[] = [];
  const replays: RegistryReplay[] = [];

  beforeAll(async () => {
    http = testHttpClient();
    glama = await startGlamaReplay();
  });
  afterAll(async () => {
    for (const r of replays) await r.close();
    await glama.close();
    await http.close();
    for (const c of catalogs) await c.dispose();
  });

  /** A catalog the registry's sample was crawled into; with `emptied`, then walked again in full while it listed nothing. */
  async function catalogAfterRegistry(emptied: boolean): Promise<{ t: TestCatalog; run: (source: Source) => Promise<RefreshSummary> }> {
    const t = await openTestCatalog(driver);
    catalogs.push(t);
    const replay = await startRegistryReplay(loadRegistrySample());
    replays.push(replay);
    const run = (source: Source) => refresh(t.catalog, { sources: [source], full: true, fetcherFor: () => http });
    expect((await run(registrySource(replay.url))).status).toBe("succeeded");
    if (emptied) {
      replay.items.splice(0);
      const empty = await run(registrySource(replay.url));
      expect(empty.status).toBe("succeeded");
      expect(empty.servers.removed).toBe(0);
      expect(empty.sources.registry!.goneWithheld).toBeGreaterThan(0);
    }
    return { t, run };
  }

  test("counts no miss: the registry's records vouch and merge as before, and the directory crawled next merges into them", async () => {
    const control = await catalogAfterRegistry(false);
    const expected = await control.run(glamaSource({ baseUrl: glama.url }));
    expect(expected.sources.glama!.merged).toBeGreaterThan(0);

    const broken = await catalogAfterRegistry(true);
    const missed = await queryRows<{ n: number }>(broken.t.catalog.db, sql`select count(*)::int as n from server_sources where source = 'registry' and missed_walks > 0`);
    expect(missed[0]!.n).toBe(0);
    const after = await broken.run(glamaSource({ baseUrl: glama.url }));
    expect(after.status).toBe("succeeded");
    expect(after.sources.glama!.merged).toBe(expected.sources.glama!.merged);
    expect(after.servers.added).toBe(expected.servers.added);
  });
});
