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
