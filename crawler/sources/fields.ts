// Small readers every source applies to a directory's fields and its validation failures.
import type { z } from "zod";
import { parseTool, type ToolInput } from "../../classifier/tool.js";
import { errorLine } from "../../db/errors.js";
import { distinctTools, droppedByName } from "../distinct-tools.js";
import { type DroppedHint, droppedHints } from "../dropped-hints.js";
import { DEFAULT_ENUMERATE_LIMITS } from "../mcp/limits.js";
import { skippedToolName, type ListingGaps } from "../plan/tools.js";
import type { RecordResult, SkippedEntry, SourceRecord } from "../records.js";
import { storable } from "../sanitize.js";

/** A skipped item's reason: the first failing field and what was wrong with it. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "item"}: ${issue.message}` : "invalid item";
}

/** Counted among a directory's dropped items: a hint of the wrong type, by hint and type (no tool name, so the reasons stay few); the tool is kept. */
export function droppedHintReason(d: DroppedHint): string {
  return `annotation hint dropped, the tool kept: ${d.hint} is ${d.kind}, not a boolean`;
}

/**
 * A directory's tool list as a record carries it: the valid tools, one per name as the live listing
 * keeps them (distinctTools), cut at the live listing's maxTools (one server's list must not cost a run
 * hours); the reasons for what was dropped; and the gaps that keep the list from removing tools it sent
 * but could not keep.
 */
export function directoryToolList(list: readonly unknown[], maxTools = DEFAULT_ENUMERATE_LIMITS.maxTools): { tools: ToolInput[]; dropped: string[]; gaps?: ListingGaps } {
  const parsed: ToolInput[] = [];
  const dropped: string[] = [];
  for (const item of list) {
    const one = parseTool(item);
    if (!("tool" in one)) {
      dropped.push(one.dropped);
      continue;
    }
    for (const d of droppedHints(item, one.tool)) dropped.push(droppedHintReason(d));
    parsed.push(one.tool);
  }
  const distinct = distinctTools(parsed);
  const { tools, ambiguous } = distinct;
  dropped.push(...droppedByName(distinct));
  const gaps: ListingGaps = {};
  if (dropped.length) {
    // By the name as stored: the list removes no tool it sent but could not keep, except under a name that
    // stands for several (none of them kept, so none of them left allowed).
    const kept = new Set(tools.map((t) => storable(t.name).value));
    const ambiguousNames = new Set(ambiguous.map((a) => a.name));
    for (const item of list) {
      const name = skippedToolName(item);
      if (name === undefined) gaps.partial = true;
      else if (!kept.has(storable(name).value) && !ambiguousNames.has(storable(name).value)) (gaps.skippedNames ??= []).push(name);
    }
  }
  if (tools.length > maxTools) {
    dropped.push(`truncated: maxTools (${tools.length} tools, the first ${maxTools} kept)`);
    gaps.partial = true;
  }
  return { tools: tools.slice(0, maxTools), dropped, ...(gaps.partial || gaps.skippedNames ? { gaps } : {}) };
}

/** Counted among skippedReasons: an item its source's reader threw on. */
export const UNREADABLE_ITEM = "item: the source could not read it";

/**
 * A list page's items read one by one: the records, and each item skipped (or part of a record dropped,
 * noted against the record's index) with its reason. A reader that throws on one item (on what it holds
 * that no check foresaw) costs that item, not the page: the same item would stop its source on every run.
 */
export function readItems(items: readonly unknown[], read: (item: unknown) => RecordResult): { records: SourceRecord[]; skipped: SkippedEntry[] } {
  const records: SourceRecord[] = [];
  const skipped: SkippedEntry[] = [];
  items.forEach((item, index) => {
    let result: RecordResult;
    try {
      result = read(item);
    } catch (e) {
      result = { skip: `${UNREADABLE_ITEM} (${errorLine(e)})` };
    }
    if ("skip" in result) skipped.push({ index, reason: result.skip });
    else if ("dropped" in result) {
      records.push(result.record);
      for (const reason of result.dropped) skipped.push({ index, reason });
    } else records.push(result);
  });
  return { records, skipped };
}

/** Why a name is refused by `urlName`. */
export const NOT_URL_SAFE = "holds a lone surrogate, so no URL can name it";

/**
 * A name a source builds a URL from (Smithery's qualifiedName, an npm package's name): one holding a lone
 * surrogate names no page (encodeURIComponent throws "URI malformed"), so its item is skipped where it is
 * read, counted by this reason, rather than stopping the source where its URL is built.
 */
export function urlName<T extends z.ZodString>(schema: T): T {
  return schema.refine(encodable, NOT_URL_SAFE);
}

function encodable(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    // URIError: the only failure encodeURIComponent has.
    return false;
  }
}

/** A text field trimmed, or undefined when it holds nothing. */
export function nonEmpty(s: string | null | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}
