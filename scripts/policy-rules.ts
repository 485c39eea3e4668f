// The rule of every tool of a server, as its current verdict (current-verdicts.ts) gives it.
import { ruleSchema, type Rule } from "../classifier/policy.js";
import type { CurrentEntry } from "./current-verdicts.js";

/** Each current tool's rule: every current tool has a current verdict (its stored one, or one made now). */
export function rulesFor(entries: readonly CurrentEntry[]): [string, Rule][] {
  return entries.map((e) => [e.tool, ruleSchema.parse(e.classification!.rule)]);
}
