// Timestamps in one ISO form, from the text each driver prints for timestamptz.
import { describe, expect, test } from "vitest";
import { isoInstant } from "../scripts/iso-instant.js";

describe("isoInstant", () => {
  test.each([
    ["PGlite, to the millisecond", "2026-12-06 02:57:42.321+00", "2026-12-06T02:57:42.321Z"],
    ["PGlite, trailing zeros dropped", "2026-12-06 02:57:42.3+00", "2026-12-06T02:57:42.300Z"],
    ["Postgres, to the microsecond", "2026-12-06 02:57:42.321456+00", "2026-12-06T02:57:42.321Z"],
    ["a whole second", "2026-12-06 02:57:42+00", "2026-12-06T02:57:42.000Z"],
    ["a session in another time zone", "2026-12-06 08:27:42.321+05:30", "2026-12-06T02:57:42.321Z"],
    ["already ISO", "2026-12-06T02:57:42.321Z", "2026-12-06T02:57:42.321Z"],
  ])("%s", (_, stored, iso) => expect(isoInstant(stored)).toBe(iso));

  test("null stays null", () => expect(isoInstant(null)).toBeNull());
});
