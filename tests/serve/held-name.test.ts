// A list by name (GET /api/tools?name=) reads a name with spaces at its ends as typed when a current tool has it, else
// without them: a server may name a tool " lead", and asking for " lead" lists that tool, not "lead".
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { toolDefinition } from "../../crawler/ingest.js";
import { syncToolListings } from "../../crawler/tool-sync.js";
import { servers } from "../../db/schema.js";
import { findTools } from "../../server/reader.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "../helpers/catalog.js";

describe.each(DRIVERS)("a list by a name with spaces at its ends on %s", (driver) => {
  let t: TestCatalog;
  beforeAll(async () => {
    t = await openTestCatalog(driver);
    const [row] = await t.catalog.db.insert(servers).values({ key: "io.github.acme/spaced", canonicalSource: "registry:s", canonicalRank: 30, contentHash: "h" }).returning({ id: servers.id });
    const names = [" lead", "lead", "trail"];
    await syncToolListings(t.catalog.db, [{ serverId: row!.id, origin: "live", tools: names.map((name) => toolDefinition({ name, description: `The ${name.trim()} tool.` })) }], 1);
  });
  afterAll(() => t.dispose());

  test("as typed when a current tool has it, else trimmed", async () => {
    expect((await findTools(t.catalog.db, { name: " lead", limit: 10 })).items.map((i) => i.tool)).toEqual([" lead"]);
    expect((await findTools(t.catalog.db, { name: " trail ", limit: 10 })).items.map((i) => i.tool)).toEqual(["trail"]);
  });
});

// The name as typed or trimmed is decided within the query's filters: " x" held by another server says nothing of what
// " x" means on a server that holds only "x", as /api/tools/SERVER/%20x answers it.
describe.each(DRIVERS)("a list by a name with spaces at its ends, on one server, on %s", (driver) => {
  let t: TestCatalog;
  beforeAll(async () => {
    t = await openTestCatalog(driver);
    const rows = await t.catalog.db
      .insert(servers)
      .values(["io.github.acme/spaced-other", "io.github.acme/plain"].map((key) => ({ key, canonicalSource: `registry:${key}`, canonicalRank: 30, contentHash: "h" })))
      .returning({ id: servers.id });
    const listing = (serverId: number, name: string) => ({ serverId, origin: "live" as const, tools: [toolDefinition({ name, description: `The ${name.trim()} tool.` })] });
    await syncToolListings(t.catalog.db, [listing(rows[0]!.id, " x"), listing(rows[1]!.id, "x")], 1);
  });
  afterAll(() => t.dispose());

  test("reads the name trimmed on a server that holds only the trimmed name", async () => {
    expect((await findTools(t.catalog.db, { name: " x", server: "io.github.acme/plain", limit: 10 })).items.map((i) => [i.server, i.tool])).toEqual([["io.github.acme/plain", "x"]]);
    expect((await findTools(t.catalog.db, { name: " x", server: "io.github.acme/spaced-other", limit: 10 })).items.map((i) => [i.server, i.tool])).toEqual([["io.github.acme/spaced-other", " x"]]);
    expect((await findTools(t.catalog.db, { name: " x", limit: 10 })).items.map((i) => i.tool)).toEqual([" x"]);
  });
});
