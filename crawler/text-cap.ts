// The one cap on text the catalog stores from outside: a description, a title, any string of a raw record.
import type { ToolInput } from "../classifier/tool.js";
import type { SourceRecord } from "./records.js";

/** Longer text is stored cut to this many characters, ending in TRUNCATION_MARK. */
export const MAX_TEXT_CHARS = 10_000;
export const TRUNCATION_MARK = "… [truncated]";

/** `text` cut to `max` characters including the mark, never splitting a surrogate pair. */
export function cut(text: string, max: number = MAX_TEXT_CHARS): string {
  if (text.length <= max) return text;
  if (max <= TRUNCATION_MARK.length) return text.slice(0, max);
  let end = max - TRUNCATION_MARK.length;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + TRUNCATION_MARK;
}

/** A tool with its title and description cut; `cut` counts the fields shortened. */
export function capTool(tool: ToolInput, max: number = MAX_TEXT_CHARS): { tool: ToolInput; cut: number } {
  let n = 0;
  const capped = (s: string | undefined) => {
    if (s === undefined || s.length <= max) return s;
    n += 1;
    return cut(s, max);
  };
  const title = capped(tool.title);
  const description = capped(tool.description);
  if (!n) return { tool, cut: 0 };
  return { tool: { ...tool, ...(title !== undefined ? { title } : {}), ...(description !== undefined ? { description } : {}) }, cut: n };
}

/** Whether any string in `v` (at any depth) is longer than the cap. */
function hasLongString(v: unknown): boolean {
  if (typeof v === "string") return v.length > MAX_TEXT_CHARS;
  if (Array.isArray(v)) return v.some(hasLongString);
  if (v && typeof v === "object") {
    for (const x of Object.values(v)) if (hasLongString(x)) return true;
  }
  return false;
}

/**
 * A record with every string over the cap cut: the server's fields, its tools', and the raw record
 * as stored beside them (a directory once listed a 2,000,000-character description). `cut` counts
 * the strings shortened; 0 returns the record as it was.
 */
export function capRecordText(record: SourceRecord): { record: SourceRecord; cut: number } {
  // A long record is usually long for its many strings, none over the cap: then nothing is copied.
  if (!hasLongString(record.raw) && !hasLongString(record.server) && !record.tools?.some((t) => hasLongString(t.title) || hasLongString(t.description))) return { record, cut: 0 };
  let n = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      if (v.length <= MAX_TEXT_CHARS) return v;
      n += 1;
      return cut(v);
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const raw = walk(record.raw);
  const server = walk(record.server) as SourceRecord["server"];
  let toolsCut = 0;
  const tools = record.tools?.map((t) => {
    const c = capTool(t);
    toolsCut += c.cut;
    return c.tool;
  });
  if (!n && !toolsCut) return { record, cut: 0 };
  return { record: { ...record, raw, server, ...(tools ? { tools } : {}) }, cut: n + toolsCut };
}
