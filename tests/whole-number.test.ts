// wholeNumber on plain text: the one rule every whole-number flag, environment variable and query parameter is read by.
import { describe, expect, test } from "vitest";
import { wholeNumber } from "../scripts/whole-number.js";

describe("wholeNumber", () => {
  test.each(["0x10", "1e2", "1.0", "+1", "-1", " 1", "1 ", "", " ", "12abc", "Infinity", "٣"])("refuses %j", (text) => {
    expect(wholeNumber(text)).toBeUndefined();
  });

  test("takes decimal digits in range, leading zeros included", () => {
    expect(wholeNumber("16")).toBe(16);
    expect(wholeNumber("007")).toBe(7);
    expect(wholeNumber("0")).toBe(0);
    expect(wholeNumber("0", { min: 1 })).toBeUndefined();
    expect(wholeNumber("1000", { min: 1, max: 1000 })).toBe(1000);
    expect(wholeNumber("1001", { min: 1, max: 1000 })).toBeUndefined();
    expect(wholeNumber(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(wholeNumber("99999999999999999999")).toBeUndefined();
  });
});
