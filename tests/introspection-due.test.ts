// Which servers a run lists live: a server whose record changed since its last listing is due, whichever run changed
// it, so a run that stopped before its listing stage leaves nothing stale for the next one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordIntrospection, serversDueForIntrospection } from "../db/introspection.js";
import { servers, serverSources } from "../db/schema.js";
import { eq } from "drizzle-orm";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";

describe.each(DRIVERS)("servers due for a live listing on %s", (driver) => {
  let t: TestCatalog;
  let id: number;
  const far = new Date(0).toISOString();
  const due = async (sources?: string[]) =>
    (await serversDueForIntrospection(t.catalog.db, { afterId: 0, limit: 10, staleBefore: far, modes: ["remote"], ...(sources ? { sources } : {}) })).map((s) => s.id);

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    const [row] = await t.catalog.db
      .insert(servers)
      .values({ key: "io.github.acme/notes", canonicalSource: "registry:x", canonicalRank: 30, contentHash: "h1", remotes: [{ type: "streamable-http", url: "https://notes.example/mcp", needsSecret: false }] })
      .returning({ id: servers.id });
    id = row!.id;
  });
  afterAll(() => t?.dispose());

  it("is due until listed for its record, again once the record changes, and not while it stays as listed", async () => {
    expect(await due()).toEqual([id]);
    await recordIntrospection(t.catalog.db, { id, contentHash: "h1" }, { introspectionError: null, relistAt: null });
    expect(await due()).toEqual([]);
    // Changed by a run that stopped before it listed anything: the next run (another id) still lists it.
    await t.catalog.db.update(servers).set({ contentHash: "h2", changedRunId: 7 }).where(eq(servers.id, id));
    expect(await due()).toEqual([id]);
    // A failed listing was made for the record too: tried once, not every run.
    await recordIntrospection(t.catalog.db, { id, contentHash: "h2" }, { introspectionError: "timeout: no answer in 30 s", relistAt: null });
    expect(await due()).toEqual([]);
  });

  it("restricted to some sources, is due only when one of them lists the server", async () => {
    await t.catalog.db.update(servers).set({ contentHash: "h3" }).where(eq(servers.id, id));
    await t.catalog.db.insert(serverSources).values([
      { source: "registry", sourceId: "io.github.acme/notes", serverId: id, isLatest: true, raw: {}, contentHash: "r1" },
      { source: "glama", sourceId: "acme-notes", serverId: id, isLatest: true, raw: {}, contentHash: "g1" },
    ]);
    expect(await due()).toEqual([id]);
    expect(await due(["registry"])).toEqual([id]);
    expect(await due(["pulsemcp", "glama"])).toEqual([id]);
    expect(await due(["pulsemcp"])).toEqual([]);
    expect(await due(["smithery", "npm"])).toEqual([]);
  });
});
