// The embedded catalog starts with its own Postgres settings (db/client.ts PGLITE_SETTINGS), not PGlite's defaults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGLITE_SETTINGS, type Catalog } from "../db/client.js";
import { queryRows } from "../db/sql.js";
import { sql } from "drizzle-orm";
import { openTestCatalog, type TestCatalog } from "./helpers/catalog.js";

describe("PGlite settings", () => {
  let test: TestCatalog;
  let catalog: Catalog;
  beforeAll(async () => {
    test = await openTestCatalog("pglite");
    catalog = test.catalog;
  });
  afterAll(() => test.dispose());

  it("runs with every setting of PGLITE_SETTINGS", async () => {
    for (const [name, value] of Object.entries(PGLITE_SETTINGS)) {
      const [row] = await queryRows<{ setting: string }>(catalog.db, sql`select current_setting(${name}) as setting`);
      expect(row?.setting).toBe(value);
    }
  });
});
