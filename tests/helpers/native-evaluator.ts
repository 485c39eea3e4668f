// A reference evaluator of PolicyLayer's policy.json for tests: hide, default, and per tool every
// `require` condition must hold and no `deny_if` condition may (limits are quota, not a decision here).
import type { NativeCondition, NativePolicy } from "../../classifier/formats/native-schema.js";

function resolve(args: Record<string, unknown>, path: string): { found: boolean; value: unknown } {
  let current: unknown = { args };
  for (const part of path.split(".")) {
    if (!current || typeof current !== "object" || !Object.hasOwn(current, part)) return { found: false, value: undefined };
    current = (current as Record<string, unknown>)[part];
  }
  return { found: true, value: current };
}

function holds(condition: NativeCondition, args: Record<string, unknown>): boolean {
  const { found, value } = resolve(args, condition.path);
  const expected = condition.value;
  switch (condition.op) {
    case "exists":
      return found === expected;
    case "eq":
      return found && value === expected;
    case "neq":
      return !found || value !== expected;
    case "in":
      return found && Array.isArray(expected) && expected.includes(value);
    case "not_in":
      return !found || (Array.isArray(expected) && !expected.includes(value));
    case "lt":
      return typeof value === "number" && value < (expected as number);
    case "lte":
      return typeof value === "number" && value <= (expected as number);
    case "gt":
      return typeof value === "number" && value > (expected as number);
    case "gte":
      return typeof value === "number" && value >= (expected as number);
    case "regex":
      return typeof value === "string" && new RegExp(expected as string).test(value);
    case "contains":
      return typeof value === "string" ? value.includes(expected as string) : Array.isArray(value) && value.includes(expected);
  }
}

/** Whether the document lets `tool` be called with `args`. */
export function nativeAllows(policy: NativePolicy, tool: string, args: Record<string, unknown>): boolean {
  if (policy.hide?.includes(tool) || policy.hide?.includes("*")) return false;
  const rule = policy.tools && Object.hasOwn(policy.tools, tool) ? policy.tools[tool] : undefined;
  if (!rule) return policy.default === "allow";
  if (!(rule.require ?? []).every((c) => holds(c, args))) return false;
  return !(rule.deny_if ?? []).some((c) => holds(c, args));
}
