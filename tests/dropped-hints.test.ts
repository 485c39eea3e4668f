// droppedHints on plain tools: which annotation hints a list sent that the tool as read is without, and what came instead.
import { describe, expect, test } from "vitest";
import { toolInputSchema } from "../classifier/tool.js";
import { droppedHints } from "../crawler/dropped-hints.js";

/** The hints dropped from `raw` when it is read as every list reads a tool. */
const dropped = (raw: Record<string, unknown>) => droppedHints(raw, toolInputSchema.parse(raw));

describe("droppedHints", () => {
  test("a hint of each wrong type is named with what came instead; a string or a number with its value", () => {
    const raw = { name: "q", annotations: { readOnlyHint: "true", destructiveHint: 1, idempotentHint: { yes: true }, openWorldHint: [true] } };
    expect(dropped(raw)).toEqual([
      { hint: "readOnlyHint", kind: "a string", value: '"true"' },
      { hint: "destructiveHint", kind: "a number", value: "1" },
      { hint: "idempotentHint", kind: "an object" },
      { hint: "openWorldHint", kind: "an array" },
    ]);
  });

  test("booleans, nulls (read as absent), absent hints and other annotations are not dropped hints", () => {
    expect(dropped({ name: "q", annotations: { readOnlyHint: true, destructiveHint: null, title: "Q", custom: "x" } })).toEqual([]);
    expect(dropped({ name: "q" })).toEqual([]);
    expect(dropped({ name: "q", annotations: null })).toEqual([]);
  });

  test("a long string is shown cut: a server chooses how long it is", () => {
    const [hint] = dropped({ name: "q", annotations: { readOnlyHint: "x".repeat(10_000) } });
    expect(hint!.value!.length).toBeLessThan(50);
  });
});
