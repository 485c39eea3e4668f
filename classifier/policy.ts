// The catalog's recommendation: a rule per tool (allow, limits, approval or denial, with the reason) and
// a policy per server. Every export dialect renders it, native (PolicyLayer policy.json) included; it is
// also what `classify --json` and `policy --json` print, because it keeps what dialects lose (reasons, approval).
import { z } from "zod";
import type { Risk } from "./taxonomy.js";

export const limitSchema = z.object({
  counter: z.string(),
  window: z.enum(["minute", "hour", "day"]),
  max: z.number().int().positive(),
  scope: z.enum(["grant", "tool", "server"]),
});
export type Limit = z.infer<typeof limitSchema>;

export const baseRuleSchema = z.object({
  action: z.enum(["require_approval", "deny"]).optional(),
  reason: z.string().optional(),
  limits: z.array(limitSchema).optional(),
});
/** A rule without argument conditions: one action value's rule. */
export type BaseRule = z.infer<typeof baseRuleSchema>;

/**
 * The rule of each value of the argument that picks a consolidated tool's action. The tool's own
 * rule (the fields beside `byArgument`) is the strictest of them: what a dialect that cannot read
 * arguments must apply to every call.
 */
export const argumentRuleSchema = z.object({
  argument: z.string().min(1),
  values: z.record(z.string(), baseRuleSchema),
});
export type ArgumentRule = z.infer<typeof argumentRuleSchema>;

export const ruleSchema = baseRuleSchema.extend({ byArgument: argumentRuleSchema.optional() });
/** One tool's entry: `{}` allows it; limits throttle it; action gates it; byArgument decides per action. */
export type Rule = z.infer<typeof ruleSchema>;

export const policySchema = z.object({
  version: z.literal("1"),
  default: z.enum(["allow", "deny"]),
  tools: z.record(z.string(), ruleSchema),
});
export type Policy = z.infer<typeof policySchema>;

/** What a rule means, independent of any dialect: the decision every export renders. */
export type Decision = "allow" | "limit" | "approve" | "deny";

export const WRITE_LIMIT_PER_MINUTE = 30;
export const APPROVAL_LIMIT_PER_HOUR = 10;

/**
 * The rule DESIGN.md prescribes for a risk level: low → allowed, medium → allowed at
 * 30 calls a minute, high → approval with 10 calls an hour, critical → denied.
 * `reason` explains high and critical rules to the person who meets them.
 */
export function ruleForRisk(toolName: string, risk: Risk, reason: string): Rule {
  switch (risk) {
    case "low":
      return {};
    case "medium":
      return { limits: [{ counter: `${toolName}_rate`, window: "minute", max: WRITE_LIMIT_PER_MINUTE, scope: "grant" }] };
    case "high":
      return {
        action: "require_approval",
        reason,
        limits: [{ counter: `${toolName}_rate`, window: "hour", max: APPROVAL_LIMIT_PER_HOUR, scope: "grant" }],
      };
    case "critical":
      return { action: "deny", reason };
  }
}

/** Whether ruleForRisk's rule for `risk` carries the reason: only approval and deny rules explain themselves. */
export function ruleHasReason(risk: Risk): boolean {
  return risk === "high" || risk === "critical";
}

/** Decisions from the most permissive to the strictest. */
export const DECISIONS: readonly Decision[] = ["allow", "limit", "approve", "deny"];

export function decisionRank(decision: Decision): number {
  return DECISIONS.indexOf(decision);
}

export function decisionOf(rule: BaseRule): Decision {
  if (rule.action === "deny") return "deny";
  if (rule.action === "require_approval") return "approve";
  return rule.limits && rule.limits.length > 0 ? "limit" : "allow";
}

/** A server's policy: default deny, one entry per tool, in name order so exports are stable. */
export function buildPolicy(rules: Iterable<readonly [toolName: string, rule: Rule]>): Policy {
  const sorted = [...rules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { version: "1", default: "deny", tools: Object.fromEntries(sorted) };
}
