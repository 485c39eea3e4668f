// Prepares a page of source records for planning: tool definitions and their hashes, raw digests, storable text.
import type { ToolInput } from "../classifier/tool.js";
import type { ToolDefinition } from "./plan/tools.js";
import { contentHash, textHash } from "./hash.js";
import { mayBeUnstorable, storable } from "./sanitize.js";
import { capRecordText, MAX_TEXT_CHARS } from "./text-cap.js";
import type { SourceRecord } from "./records.js";

/** A tool as stored: its definition and the hash that tells a changed one. */
export function toolDefinition(tool: ToolInput): ToolDefinition {
  const def = {
    name: tool.name,
    ...(tool.title !== undefined ? { title: tool.title } : {}),
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    ...(tool.inputSchema !== undefined ? { inputSchema: tool.inputSchema } : {}),
    ...(tool.annotations !== undefined ? { annotations: tool.annotations as Record<string, unknown> } : {}),
  };
  return { ...def, contentHash: contentHash(def) };
}

/** A record's raw JSON hashed as the source sent it, and whether it may need sanitizing or cutting before storage. */
export interface RecordDigest {
  hash: string;
  clean: boolean;
  /** The JSON is longer than the text cap: one of its strings may be too. */
  long: boolean;
}

/**
 * Hashes the raw record over its JSON as parsed: a source lists an unchanged record with the same
 * bytes, so key order need not be canonical here (tools, which several origins describe, are
 * hashed canonically in toolDefinition). The same text tells whether sanitizing can be skipped.
 */
export function digestRecord(record: SourceRecord): RecordDigest {
  const text = JSON.stringify(record.raw) ?? "null";
  return { hash: textHash(text), clean: !mayBeUnstorable(text), long: text.length > MAX_TEXT_CHARS };
}

/**
 * The records with NUL bytes and lone surrogates replaced, before anything (an identity look-up, a
 * write) sends their strings to the database, which cannot hold them, and every string cut to the
 * text cap; `sanitized` and `cut` count the records changed.
 */
export function storableRecords(input: readonly SourceRecord[], digests: readonly RecordDigest[]): { records: SourceRecord[]; sanitized: number; cut: number } {
  let sanitized = 0;
  let cut = 0;
  const records = input.map((r, i) => {
    // Every stored string comes from the raw record, so a clean, short raw means a clean record.
    const { clean, long } = digests[i]!;
    let record = r;
    if (long) {
      const capped = capRecordText(record);
      if (capped.cut) cut += 1;
      record = capped.record;
    }
    if (clean) return record;
    const { value, replaced } = storable(record);
    if (replaced) sanitized += 1;
    return value;
  });
  return { records, sanitized, cut };
}
