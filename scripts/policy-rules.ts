// The rule of every tool of a server: the stored one when fresh, else classified now with its siblings.
import { classifyServer, CLASSIFIER_VERSION } from "../classifier/classify.js";
import { ruleSchema, type Rule } from "../classifier/policy.js";
import { storedToolInput } from "../classifier/tool.js";
import type { ToolEntry } from "../db/lookups.js";

/**
 * The stored rule of each tool; a tool whose classification is missing or stale (a newer classifier,
 * a changed definition not yet classified) is classified now, with its siblings, so every tool is in.
 */
export function rulesFor(serverKey: string, description: string | null, entries: ToolEntry[]): [string, Rule][] {
  const fresh = (e: ToolEntry) => e.classification && e.classification.classifierVersion === CLASSIFIER_VERSION && e.classification.contentHash === e.contentHash;
  const needed = entries.some((e) => !fresh(e));
  const computed = needed ? classifyServer({ name: serverKey, ...(description ? { description } : {}), tools: entries.map((e) => storedToolInput({ ...e, name: e.tool })) }) : [];
  return entries.map((e, i) => [e.tool, fresh(e) ? ruleSchema.parse(e.classification!.rule) : computed[i]!.rule]);
}

