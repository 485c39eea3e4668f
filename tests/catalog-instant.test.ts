// The one rule for instants the catalog is asked about, on plain strings, and against Postgres itself on both drivers.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { queryRows } from "../db/sql.js";
import { readInstant, type InstantForm } from "../scripts/catalog-instant.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";

const iso = (text: string, form: InstantForm) => {
  const read = readInstant(text, form);
  return "ms" in read ? new Date(read.ms).toISOString() : read.problem;
};

describe("readInstant", () => {
  test.each([
    ["2026-11-01", "since", "2026-11-01T00:00:00.000Z"],
    ["2026-11-01T00:30:00-0130", "since", "2026-11-01T02:00:00.000Z"],
    // Date.UTC would read the years 0 to 99 as 1900 to 1999.
    ["0099-01-01", "since", "0099-01-01T00:00:00.000Z"],
    ["0001-01-01T00:00:00Z", "rfc3339", "0001-01-01T00:00:00.000Z"],
    ["9999-12-31T23:59:59.9999999Z", "rfc3339", "9999-12-31T23:59:59.999Z"],
    ["2026-11-01T12:00:00+15:59", "rfc3339", "2026-10-31T20:01:00.000Z"],
    // As Postgres prints a timestamptz: a session in UTC, in another zone, in a zone's local mean time of old.
    ["2026-03-01 12:00:00.123456+00", "postgres", "2026-03-01T12:00:00.123Z"],
    ["2026-03-01 17:30:00+05:30", "postgres", "2026-03-01T12:00:00.000Z"],
    ["1890-03-01 12:53:28+00:53:28", "postgres", "1890-03-01T12:00:00.000Z"],
  ] as const)("%j (%s) is %s", (text, form, expected) => expect(iso(text, form)).toBe(expected));

  test.each([
    ["2026-02-30", "since"],
    ["2025-02-29T00:00:00Z", "rfc3339"],
    ["2026-11-01T24:00", "since"],
    ["2026-11-01T12:00+25:00", "since"],
    ["2026-11-01T12:00:00+01:60", "rfc3339"],
    ["-001-01-01 00:00:00+00", "postgres"],
    ["+10000-01-01T00:00:00Z", "rfc3339"],
    // The form the API issues, and no other: a cursor in ISO form was not made by it.
    ["2026-03-01T12:00:00Z", "postgres"],
    ["2026-03-01 12:00:00.1234567+00", "postgres"],
    ["2026-03-01 12:00:00+00 BC", "postgres"],
  ] as const)("%j (%s) is no date and time", (text, form) => expect(iso(text, form)).toBe("invalid"));

  test.each([
    ["2026-01-01 00:00:00+16", "postgres"],
    ["2026-01-01T00:00:00+23:59", "rfc3339"],
    ["2026-11-01T12:00-2000", "since"],
  ] as const)("%j (%s) has an offset Postgres refuses", (text, form) => expect(iso(text, form)).toBe("offset"));

  test.each([
    ["0000-01-01", "since"],
    ["0000-01-01 00:00:00+00", "postgres"],
    ["0001-01-01T00:30:00+01:00", "rfc3339"],
    ["9999-12-31T23:00-05:00", "since"],
  ] as const)("%j (%s) is outside the years 0001 to 9999", (text, form) => expect(iso(text, form)).toBe("range"));
});

describe.each(DRIVERS)("what readInstant takes, Postgres takes (%s)", (driver) => {
  let cat: TestCatalog;
  beforeAll(async () => {
    cat = await openTestCatalog(driver);
  });
  afterAll(async () => cat?.dispose());

  test("each instant it takes is the same instant to Postgres; each it refuses for its offset or range, Postgres refuses or reads as another", async () => {
    const taken = ["0001-01-01T00:00:00Z", "0099-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2026-11-01T12:00:00+15:59", "2026-03-01 12:00:00.123456+00", "2026-03-01 17:30:00+05:30"];
    for (const text of taken) {
      const read = readInstant(text, text.includes("T") ? "rfc3339" : "postgres");
      expect(read, text).toHaveProperty("ms");
      const [row] = await queryRows<{ ms: number }>(cat.catalog.db, sql`select floor(extract(epoch from ${text}::timestamptz) * 1000)::float8 as ms`);
      expect(Number(row!.ms), text).toBe((read as { ms: number }).ms);
    }
    for (const text of ["2026-01-01T00:00:00+16:00", "0000-01-01T00:00:00Z", new Date(Date.parse("0001-01-01T00:00:00Z") - 1).toISOString(), new Date(Date.parse("9999-12-31T23:59:59.999Z") + 1).toISOString()]) {
      expect(readInstant(text, "rfc3339"), text).toHaveProperty("problem");
      await expect(queryRows(cat.catalog.db, sql`select ${text}::timestamptz as at`), text).rejects.toThrow();
    }
  });
});
