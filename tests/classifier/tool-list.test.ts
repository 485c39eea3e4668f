// A tool list's entries read without zod where they can be: the same tools, fields and key order as zod gives.
import { describe, expect, test } from "vitest";
import { parseTool, toolInputSchema } from "../../classifier/tool.js";

/** What toolInputSchema alone makes of one entry: the tool as JSON (key order included), or the reason it fails. */
function viaZod(item: unknown): string {
  const parsed = toolInputSchema.safeParse(item);
  if (parsed.success) return JSON.stringify(parsed.data);
  const issue = parsed.error.issues[0];
  return `tool dropped: ${issue ? `${issue.path.join(".") || "item"}: ${issue.message}` : "invalid item"}`;
}

function viaParseTool(item: unknown): string {
  const one = parseTool(item);
  return "tool" in one ? JSON.stringify(one.tool) : one.dropped;
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

describe("parseTool", () => {
  for (const [label, item] of Object.entries(ENTRIES)) {
    test(`gives what toolInputSchema gives: ${label}`, () => {
      expect(viaParseTool(item)).toBe(viaZod(item));
    });
  }

  test("returns a tool that shares nothing at the top with the entry it came from", () => {
    const item = { name: "a", inputSchema: { type: "object" }, annotations: { readOnlyHint: true } };
    const one = parseTool(item);
    if (!("tool" in one)) throw new Error(one.dropped);
    expect(one.tool).not.toBe(item);
    expect(one.tool.inputSchema).not.toBe(item.inputSchema);
    expect(one.tool.annotations).not.toBe(item.annotations);
  });
});
