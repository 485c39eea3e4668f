// What text a lookup takes, on plain strings: search text by characters, names by UTF-8 bytes, both from SERVE_DEFAULTS.
import { describe, expect, test } from "vitest";
import { MAX_TOOL_NAME_BYTES } from "../classifier/tool.js";
import { SERVE_DEFAULTS } from "../server/defaults.js";
import { nameProblem, searchTextProblem } from "../server/lookup-text.js";

describe("searchTextProblem", () => {
  test("blank text is refused, as the CLI's search refuses it", () => {
    for (const text of ["", " ", "\t\n "]) expect(searchTextProblem(text), JSON.stringify(text)).toBe("must not be empty");
  });

  test("text up to the limit is searched; one character more is refused, naming the limit", () => {
    expect(SERVE_DEFAULTS.maxSearchChars).toBe(256);
    expect(searchTextProblem("a".repeat(256))).toBeUndefined();
    expect(searchTextProblem("a".repeat(257))).toBe("must be at most 256 characters");
    expect(searchTextProblem("x".repeat(3_000_000))).toBe("must be at most 256 characters");
  });

  test("characters are counted, not UTF-16 units, and the spaces around the text are not", () => {
    expect(searchTextProblem("\u{1f600}".repeat(256))).toBeUndefined();
    expect(searchTextProblem("\u{1f600}".repeat(257))).toBe("must be at most 256 characters");
    expect(searchTextProblem(` ${"a".repeat(256)}  `)).toBeUndefined();
  });
});

describe("nameProblem", () => {
  test("the limit is the crawler's: no stored tool name is longer", () => {
    expect(SERVE_DEFAULTS.maxNameBytes).toBe(MAX_TOOL_NAME_BYTES);
  });

  test("a name is measured in UTF-8 bytes", () => {
    expect(nameProblem("n".repeat(1000))).toBeUndefined();
    expect(nameProblem("n".repeat(1001))).toBe("must be at most 1000 bytes (UTF-8)");
    // Two bytes each: 500 fit, 501 do not.
    expect(nameProblem("\u00e9".repeat(500))).toBeUndefined();
    expect(nameProblem("\u00e9".repeat(501))).toBe("must be at most 1000 bytes (UTF-8)");
    expect(nameProblem("\u{1f600}".repeat(250))).toBeUndefined();
    expect(nameProblem("\u{1f600}".repeat(251))).toBe("must be at most 1000 bytes (UTF-8)");
  });
});
