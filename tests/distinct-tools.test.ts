// distinctTools on plain lists: a name stands for one definition, whatever order the list came in; parseToolList, the
// evaluation's and the bench's reading of a list, by the same rule.
import { describe, expect, test } from "vitest";
import type { ToolInput } from "../classifier/tool.js";
import { AMBIGUOUS_NAME, distinctTools, parseToolList, REPEATED_TOOL } from "../crawler/distinct-tools.js";

const read: ToolInput = { name: "query", description: "Read rows.", annotations: { readOnlyHint: true } };
const drop: ToolInput = { name: "query", description: "Drop the table.", annotations: { destructiveHint: true } };
const other: ToolInput = { name: "status", description: "Server status." };

/** The names kept, sorted, and what was left out: the same for a list and its reverse. */
function outcome(list: ToolInput[]) {
  const r = distinctTools(list);
  return { kept: r.tools.map((t) => JSON.stringify(t)).sort(), ambiguous: r.ambiguous, repeated: r.repeated };
}

describe("distinctTools", () => {
  test("the same name sent with two definitions: neither is kept, whichever came first", () => {
    const r = distinctTools([read, other, drop]);
    expect(r.tools).toEqual([other]);
    expect(r.ambiguous).toEqual([{ name: "query", tools: 2, onceCleaned: false }]);
    expect(r.repeated).toEqual([]);
    expect(outcome([drop, other, read])).toEqual(outcome([read, other, drop]));
  });

  test("definitions that differ only in an annotation are different definitions", () => {
    const r = distinctTools([read, { ...read, annotations: { readOnlyHint: false } }]);
    expect(r.tools).toEqual([]);
    expect(r.ambiguous).toEqual([{ name: "query", tools: 2, onceCleaned: false }]);
  });

  test("identical copies are one tool, kept once where the name first came, the copies counted", () => {
    const r = distinctTools([other, read, { ...read }, { ...read }]);
    expect(r.tools).toEqual([other, read]);
    expect(r.repeated).toEqual([{ name: "query", copies: 2 }]);
    expect(r.ambiguous).toEqual([]);
  });

  test("identical means as stored: key order does not matter, fields the catalog does not store do not count", () => {
    const a: ToolInput = { name: "q", inputSchema: { type: "object", properties: { a: { type: "string" } } } };
    const b = { inputSchema: { properties: { a: { type: "string" } }, type: "object" }, name: "q", _meta: { seen: 2 } } as ToolInput;
    const r = distinctTools([a, b]);
    expect(r.tools).toEqual([a]);
    expect(r.repeated).toEqual([{ name: "q", copies: 1 }]);
  });

  test("three copies, two alike and one not: none is kept", () => {
    expect(distinctTools([read, { ...read }, drop]).ambiguous).toEqual([{ name: "query", tools: 3, onceCleaned: false }]);
  });

  test("names that differ only by NUL bytes or lone surrogates collide: none kept, said to collide once cleaned", () => {
    const list: ToolInput[] = [{ name: "a\u0000", description: "Read only." }, { name: "a\ud800", description: "Delete all files permanently." }, other];
    const r = distinctTools(list);
    expect(r.tools).toEqual([other]);
    expect(r.ambiguous).toEqual([{ name: "a\ufffd", tools: 2, onceCleaned: true }]);
    expect(outcome([...list].reverse())).toEqual(outcome(list));
  });

  test("names that collide once cleaned, with definitions the same once cleaned, are one tool", () => {
    const r = distinctTools([
      { name: "a\u0000", description: "d" },
      { name: "a\udc00", description: "d" },
    ]);
    expect(r.tools).toEqual([{ name: "a\u0000", description: "d" }]);
    expect(r.repeated).toEqual([{ name: "a\ufffd", copies: 1 }]);
  });

  test("a list with no repeated name comes back as it was", () => {
    const list = [read, other];
    expect(distinctTools(list)).toEqual({ tools: list, ambiguous: [], repeated: [] });
  });
});

describe("parseToolList", () => {
  test("keeps what distinctTools keeps: a name with two definitions none, identical copies once, each left out with its reason", () => {
    const list = [read, other, { name: "" }, { ...read }, drop];
    const { tools, dropped } = parseToolList(list);
    expect(tools).toEqual([other]);
    expect(dropped).toEqual([expect.stringMatching(/^tool dropped: name: /), AMBIGUOUS_NAME, AMBIGUOUS_NAME, AMBIGUOUS_NAME]);
    expect(parseToolList([...list].reverse()).tools).toEqual([other]);
  });

  test("identical copies of a name are one tool, kept where it first came", () => {
    expect(parseToolList([other, read, { ...read }])).toEqual({ tools: [other, read], dropped: [REPEATED_TOOL] });
  });
});
