// capRecordText on plain records: a record long only for its many strings is kept as it is; any string over the cap, at any depth, is cut.
import { describe, expect, test } from "vitest";
import type { SourceRecord } from "../crawler/records.js";
import { capRecordText, MAX_TEXT_CHARS, TRUNCATION_MARK } from "../crawler/text-cap.js";

function record(o: { raw: unknown; description?: string; toolDescription?: string }): SourceRecord {
  return {
    source: "glama",
    sourceId: "a/b",
    isLatest: true,
    raw: o.raw,
    server: { key: "github.com/a/b", status: "active", packages: [], remotes: [], ...(o.description !== undefined ? { description: o.description } : {}) },
    aliases: [{ kind: "glama", value: "a/b" }],
    tools: [{ name: "t", ...(o.toolDescription !== undefined ? { description: o.toolDescription } : {}) }],
  };
}

const atCap = "x".repeat(MAX_TEXT_CHARS);
const overCap = "y".repeat(MAX_TEXT_CHARS + 1);

describe("capRecordText", () => {
  test("a record whose JSON is long but whose every string fits is returned as it was, uncopied", () => {
    const r = record({ raw: { tools: Array.from({ length: 5 }, () => ({ description: atCap })) }, description: atCap, toolDescription: atCap });
    const capped = capRecordText(r);
    expect(capped.cut).toBe(0);
    expect(capped.record).toBe(r);
  });

  test("a string over the cap deep in the raw record is cut, and nothing else changes", () => {
    const r = record({ raw: { servers: [{ tools: [{ inputSchema: { properties: { a: { description: overCap } } } }] }], id: "a/b" } });
    const capped = capRecordText(r);
    expect(capped.cut).toBe(1);
    const raw = capped.record.raw as { servers: { tools: { inputSchema: { properties: { a: { description: string } } } }[] }[]; id: string };
    const text = raw.servers[0]!.tools[0]!.inputSchema.properties.a.description;
    expect(text).toHaveLength(MAX_TEXT_CHARS);
    expect(text.endsWith(TRUNCATION_MARK)).toBe(true);
    expect(raw.id).toBe("a/b");
    expect(capped.record.server).toEqual(r.server);
    expect(r.raw).not.toBe(capped.record.raw);
  });

  test("a server field or a tool description over the cap is cut and counted", () => {
    expect(capRecordText(record({ raw: {}, description: overCap })).cut).toBe(1);
    const tool = capRecordText(record({ raw: {}, toolDescription: overCap }));
    expect(tool.cut).toBe(1);
    expect(tool.record.tools![0]!.description).toHaveLength(MAX_TEXT_CHARS);
  });
});
