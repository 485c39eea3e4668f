// Small readers every source applies to a directory's fields and its validation failures.
import type { z } from "zod";
import { parseToolList, type ToolInput } from "../../classifier/tool.js";
import { DEFAULT_ENUMERATE_LIMITS } from "../mcp/limits.js";
import { skippedToolName, type ListingGaps } from "../plan/tools.js";

/** A skipped item's reason: the first failing field and what was wrong with it. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "item"}: ${issue.message}` : "invalid item";
}

/**
 * A directory's tool list as a record carries it: the valid tools, first of each name, cut at the
 * live listing's maxTools (one server's list must not cost a run hours); the reasons for what was
 * dropped; and the gaps that keep the list from removing tools it sent but could not keep.
 */
export function directoryToolList(list: readonly unknown[], maxTools = DEFAULT_ENUMERATE_LIMITS.maxTools): { tools: ToolInput[]; dropped: string[]; gaps?: ListingGaps } {
  const { tools, dropped } = parseToolList(list);
  const gaps: ListingGaps = {};
  if (dropped.length) {
    const kept = new Set(tools.map((t) => t.name));
    for (const item of list) {
      const name = skippedToolName(item);
      if (name === undefined) gaps.partial = true;
      else if (!kept.has(name)) (gaps.skippedNames ??= []).push(name);
    }
  }
  if (tools.length > maxTools) {
    dropped.push(`truncated: maxTools (${tools.length} tools, the first ${maxTools} kept)`);
    gaps.partial = true;
  }
  return { tools: tools.slice(0, maxTools), dropped, ...(gaps.partial || gaps.skippedNames ? { gaps } : {}) };
}

/** A text field trimmed, or undefined when it holds nothing. */
export function nonEmpty(s: string | null | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}
