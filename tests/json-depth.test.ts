// Values nested deeper than the stack goes: measured and sanitized without recursion; a live listing skips the deep tool alone.
import { describe, expect, test } from "vitest";
import { MAX_JSON_DEPTH, nestsDeeperThan, TOO_DEEP } from "../crawler/json-depth.js";
import { ToolCollector } from "../crawler/mcp/collector.js";
import { DEFAULT_ENUMERATE_LIMITS } from "../crawler/mcp/limits.js";
import { storable } from "../crawler/sanitize.js";

/** `inner` wrapped in `depth` arrays, built as text: JSON.parse nests without recursion. */
const nested = (depth: number, inner = "0") => JSON.parse(`${"[".repeat(depth)}${inner}${"]".repeat(depth)}`) as unknown;

describe("json depth", () => {
  test("a scalar is 0 deep, each array or object one more; any depth is measured", () => {
    expect(nestsDeeperThan("x", 0)).toBe(false);
    expect(nestsDeeperThan({ a: [1] }, 1)).toBe(true);
    expect(nestsDeeperThan({ a: [1] }, 2)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(nestsDeeperThan(nested(100_000))).toBe(true);
  });

  test("storable replaces a NUL at the bottom of a value nested 20,000 deep", () => {
    const { value, replaced } = storable({ x: nested(20_000, '"a\\u0000"') });
    expect(replaced).toBe(true);
    let v = (value as { x: unknown }).x;
    while (Array.isArray(v)) v = v[0];
    expect(v).toBe("a\ufffd");
  });

  test("a listed tool nested thousands deep is skipped with its reason; its siblings are kept", () => {
    const collector = new ToolCollector(DEFAULT_ENUMERATE_LIMITS);
    const tool = (name: string, inputSchema: unknown) => ({ name, description: name, inputSchema });
    collector.add({ tools: [tool("read_a", { type: "object" }), tool("deep", { type: "object", default: nested(5_000) }), tool("read_b", { type: "object" })] });
    expect(collector.tools.map((t) => t.name)).toEqual(["read_a", "read_b"]);
    expect(collector.skipReasons).toEqual([`page 1 tool 1: ${TOO_DEEP}`]);
  });
});
