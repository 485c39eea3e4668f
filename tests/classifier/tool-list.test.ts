// A directory's tool list read without zod where it can be: the same tools, fields and key order as zod gives.
import { describe, expect, test } from "vitest";
import { parseToolList, toolInputSchema } from "../../classifier/tool.js";

/** What toolInputSchema alone makes of one entry: the tool as JSON (key order included), or the reason it fails. */
function viaZod(item: unknown): string {
  const parsed = toolInputSchema.safeParse(item);
  if (parsed.success) return JSON.stringify(parsed.data);
  const issue = parsed.error.issues[0];
  return `tool dropped: ${issue ? `${issue.path.join(".") || "item"}: ${issue.message}` : "invalid item"}`;
}

function viaList(item: unknown): string {
  const { tools, dropped } = parseToolList([item]);
  return tools.length ? JSON.stringify(tools[0]) : dropped[0]!;
}

const ENTRIES: Record<string, unknown> = {
  "a plain tool": { name: "list_files", description: "Lists files", inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] } },
  "fields out of order, extra keys": { z: 1, annotations: { q: 2, destructiveHint: true, title: "Delete" }, description: "d", name: "n", inputSchema: { b: 1, a: null } },
  "a null description": { name: "x", description: null },
  "a null hint": { name: "x", annotations: { readOnlyHint: null, title: "t" } },
  "an array as inputSchema": { name: "x", inputSchema: [] },
  "a null inputSchema": { name: "x", inputSchema: null },
  "an empty name": { name: "", description: "d" },
  "a name of spaces": { name: "   " },
  "a name over 1,000 bytes in few characters": { name: "é".repeat(600) },
  "a name of 1,000 bytes": { name: "x".repeat(1_000) },
  "a hint that is not a boolean": { name: "x", annotations: { readOnlyHint: "yes" } },
  "a title that is not a string": { name: "x", title: 5 },
  "annotations as an array": { name: "x", annotations: [] },
  "a __proto__ key": JSON.parse('{"name":"x","__proto__":{"a":1}}'),
  "a __proto__ key in inputSchema": JSON.parse('{"name":"x","inputSchema":{"__proto__":{"a":1},"b":2}}'),
  "no name": { description: "d" },
  "not an object": "list_files",
  null: null,
};

describe("parseToolList", () => {
  for (const [label, item] of Object.entries(ENTRIES)) {
    test(`gives what toolInputSchema gives: ${label}`, () => {
      expect(viaList(item)).toBe(viaZod(item));
    });
  }

  test("keeps the first entry of a name and says why the others were dropped", () => {
    const { tools, dropped } = parseToolList([{ name: "a", description: "first" }, { name: "a", description: "second" }, { name: "" }]);
    expect(tools).toEqual([{ name: "a", description: "first" }]);
    expect(dropped).toEqual(["tool dropped: duplicate name", expect.stringMatching(/^tool dropped: name: /)]);
  });

  test("returns tools that share nothing at the top with the list they came from", () => {
    const item = { name: "a", inputSchema: { type: "object" }, annotations: { readOnlyHint: true } };
    const [tool] = parseToolList([item]).tools;
    expect(tool).not.toBe(item);
    expect(tool!.inputSchema).not.toBe(item.inputSchema);
    expect(tool!.annotations).not.toBe(item.annotations);
  });
});
