// The tool list a directory's stored record publishes, read back from its raw JSON as its source parsed it.
import { toolDefinition } from "./ingest.js";
import type { ListingGaps, ToolDefinition, ToolOrigin } from "./plan/tools.js";
import type { SourceRecord } from "./records.js";
import { parseGlamaItem } from "./sources/glama.js";
import { mergedHalves, mergeSmitheryDetail, parseSmitheryItem } from "./sources/smithery.js";

/** The record a directory stored as `raw` (Smithery's: its list entry and detail, as mergeSmitheryDetail keeps them). */
function storedRecord(origin: ToolOrigin, raw: unknown): SourceRecord | undefined {
  if (origin === "glama") {
    const parsed = parseGlamaItem(raw);
    return "record" in parsed ? parsed.record : undefined;
  }
  if (origin === "smithery") {
    const halves = mergedHalves(raw);
    const listed = parseSmitheryItem(halves ? halves.list : raw);
    if ("skip" in listed) return undefined;
    return halves ? mergeSmitheryDetail(listed, halves.detail).record : listed;
  }
  return undefined;
}

/** The tools a stored record of directory `origin` lists, as a page would list them; none when it lists none. */
export function storedToolList(origin: ToolOrigin, raw: unknown): ({ tools: ToolDefinition[] } & ListingGaps) | undefined {
  const record = storedRecord(origin, raw);
  return record?.tools ? { tools: record.tools.map(toolDefinition), ...record.toolGaps } : undefined;
}
