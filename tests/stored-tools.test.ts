// A directory's stored record read back to the tool list it publishes (crawler/stored-tools.ts), as its page gave it.
import { describe, expect, test } from "vitest";
import { toolDefinition } from "../crawler/ingest.js";
import { parseGlamaItem } from "../crawler/sources/glama.js";
import { mergeSmitheryDetail, parseSmitheryItem } from "../crawler/sources/smithery.js";
import { storedToolList } from "../crawler/stored-tools.js";
import { buildGlamaServers } from "./helpers/glama-replay.js";
import { buildSmitheryData, type SmitheryListItem } from "./helpers/smithery-replay.js";

describe("storedToolList", () => {
  test("a Glama record's raw gives the tools its page listed", () => {
    const item = buildGlamaServers().find((s) => (s as { tools?: unknown[] }).tools?.length)!;
    const parsed = parseGlamaItem(item);
    if (!("record" in parsed)) throw new Error(parsed.skip);
    expect(storedToolList("glama", parsed.record.raw)).toEqual({ tools: parsed.record.tools!.map(toolDefinition), ...parsed.record.toolGaps });
    expect(storedToolList("glama", parsed.record.raw)!.tools.length).toBeGreaterThan(0);
  });

  test("a Smithery record's raw (its list entry and detail) gives its detail's tools; a list entry alone gives none", () => {
    const data = buildSmitheryData();
    const name = "buildkite/buildkite-mcp-server";
    const item = data.list.find((i) => (i as SmitheryListItem | null)?.qualifiedName === name);
    const listed = parseSmitheryItem(item);
    if ("skip" in listed) throw new Error(listed.skip);
    const { record } = mergeSmitheryDetail(listed, data.details[name]);
    expect(storedToolList("smithery", record.raw)).toEqual({ tools: record.tools!.map(toolDefinition), ...record.toolGaps });
    expect(record.tools!.length).toBeGreaterThan(0);
    expect(storedToolList("smithery", listed.raw)).toBeUndefined();
  });

  test("a raw its source no longer parses, or a live origin, lists nothing", () => {
    expect(storedToolList("glama", { nonsense: true })).toBeUndefined();
    expect(storedToolList("live", {})).toBeUndefined();
  });
});
