// Source dates: the validator says exactly what the database stores, and the watermark ignores the far future.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { isStorableTimestamp, watermarkOf } from "../crawler/timestamps.js";
import { queryRows } from "../db/sql.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";

const GOOD = [
  "2025-09-09T04:08:35.763105Z",
  "2025-09-09T04:08:35Z",
  "2025-09-09T04:08:35+02:00",
  "2025-09-09T04:08:35-0530",
  "2025-09-09 04:08:35Z",
  "2025-09-09T04:08Z",
  "2025-09-09",
  "2024-02-29T00:00:00Z",
  "2000-02-29T12:00:00Z",
  "0001-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
  "294275-06-01T00:00:00Z",
];

const BAD = [
  "not-a-date",
  "",
  "2026-02-30T00:00:00Z",
  "2025-02-29T00:00:00Z",
  "1900-02-29T00:00:00Z",
  "2026-13-01T00:00:00Z",
  "2026-00-10T00:00:00Z",
  "2026-04-31T00:00:00Z",
  "0000-01-01T00:00:00Z",
  "294277-01-01T00:00:00Z",
  "2026-01-01T25:00:00Z",
  "2026-01-01T12:60:00Z",
  "2026-01-01T12:00:00+16:00",
  "yesterday",
  "1735689600",
];

describe("isStorableTimestamp on plain strings", () => {
  test.each(GOOD)("accepts %s", (s) => expect(isStorableTimestamp(s)).toBe(true));
  test.each(BAD)("refuses %j", (s) => expect(isStorableTimestamp(s)).toBe(false));
});

describe("watermarkOf", () => {
  const now = Date.parse("2026-06-01T00:00:00Z");
  test("the latest date within the limit; later ones counted and the latest of them named", () => {
    const w = watermarkOf(["2026-01-01T00:00:00Z", "9999-12-31T00:00:00Z", undefined, "2026-05-31T00:00:00Z", "100000-01-01T00:00:00Z", "2026-07-01T00:00:00Z"], now);
    expect(w).toEqual({ max: "2026-05-31T00:00:00Z", ignored: 3, latestIgnored: "100000-01-01T00:00:00Z" });
  });
  test("nothing within the limit: no watermark", () => {
    expect(watermarkOf(["9999-01-01T00:00:00Z"], now)).toEqual({ ignored: 1, latestIgnored: "9999-01-01T00:00:00Z" });
    expect(watermarkOf([], now)).toEqual({ ignored: 0 });
  });
});

describe.each(DRIVERS)("the validator agrees with the database on %s", (driver) => {
  let t: TestCatalog;
  beforeAll(async () => {
    t = await openTestCatalog(driver);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function stores(s: string): Promise<number | undefined> {
    try {
      const [row] = await queryRows<{ ms: string }>(t.catalog.db, sql`select (extract(epoch from ${s}::timestamptz) * 1000)::bigint::text as ms`);
      return Number(row!.ms);
    } catch {
      return undefined;
    }
  }

  test("every accepted date is stored, as the instant Date.parse reads where it can", async () => {
    for (const s of GOOD) {
      const ms = await stores(s);
      expect(ms, s).not.toBeUndefined();
      // A zone-less date is read in the session's zone by Postgres and in local time by Date: compare only dated instants.
      if (/Z|[+-]\d{2}(:?\d{2})?$/.test(s.slice(10)) && !Number.isNaN(Date.parse(s))) expect(ms, s).toBe(Date.parse(s.replace(" ", "T").replace(/([+-]\d{2})(\d{2})$/, "$1:$2")));
    }
  });

  test("every refused impossible date is refused by the database too", async () => {
    // "1735689600" and the words are refused by choice (Postgres guesses at some of them); the impossible ones it refuses itself.
    for (const s of BAD.filter((b) => /^\d{4,6}-/.test(b) || b === "not-a-date")) expect(await stores(s), s).toBeUndefined();
  });
});
