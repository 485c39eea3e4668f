// The native dialect: PolicyLayer's policy.json exactly as documented (see native-schema.ts), nothing else.
//
// Under `default: deny` a tool listed with `{}` is allowed, one with `limits` is allowed within them,
// and a tool not listed is denied. The document has no approval step and no place for a reason, so
// a tool that needs approval is not listed (the strictest rule it can hold), a denied tool is not
// listed or, when the operator asks, listed in `hide`, and every such loss is a warning.
import { parseNativePolicy, type NativePolicy, type NativeTool } from "./native-schema.js";
import { actionRuleLoss, actionSplit, jsonText, lossWarnings, UnrepresentableNameError, type Expressiveness, type Rendered, type ResolvedExport, type ToolEntry } from "./export.js";

const FORMAT = "native";

/** Limits and argument conditions (`require` / `deny_if`); approval has no form. */
export const NATIVE_EXPRESSES: Expressiveness = { limits: "any", approval: false, argumentRules: "undotted", unnamedDenied: true };

/**
 * A consolidated tool allowed for its safe actions only: `require` admits the allowed values of the
 * action argument (so a value added later, or none, is denied), `deny_if` names the refused ones, and
 * the tightest limit of an allowed value counts every call. Undefined when nothing is allowed, or when
 * the argument's name holds a "." (a condition path would read it as a nested field).
 */
function argumentRule(tool: ToolEntry): NativeTool | undefined {
  const split = actionSplit(tool);
  if (!split || split.allowed.length === 0 || actionRuleLoss(NATIVE_EXPRESSES, tool.name, split)) return undefined;
  const path = `args.${split.argument}`;
  return {
    require: [{ path, op: "in", value: split.allowed }],
    ...(split.refused.length ? { deny_if: [{ path, op: "in", value: split.refused }] } : {}),
    ...(split.limits.length ? { limits: split.limits } : {}),
  };
}

export function renderNative(input: ResolvedExport): Rendered {
  // A null-prototype object, so a tool named `__proto__` is an ordinary key.
  const tools = Object.create(null) as Record<string, NativeTool>;
  const hide: string[] = [];
  for (const tool of input.tools) {
    const written = tool.decision === "allow" || tool.decision === "limit" || (tool.decision === "deny" && input.hideDenied);
    // "*" in `hide` hides every tool, and as a tools key it reads as a wildcard to a gateway that has one.
    if (written && tool.name === "*") throw new UnrepresentableNameError(FORMAT, "tool", tool.name, `"*" is PolicyLayer's wildcard for every tool`);
    const conditional = argumentRule(tool);
    if (conditional) {
      if (tool.name === "*") throw new UnrepresentableNameError(FORMAT, "tool", tool.name, `"*" is PolicyLayer's wildcard for every tool`);
      tools[tool.name] = conditional;
      continue;
    }
    if (tool.decision === "allow") tools[tool.name] = {};
    else if (tool.decision === "limit") tools[tool.name] = { limits: tool.rule.limits ?? [] };
    else if (tool.decision === "deny" && input.hideDenied) hide.push(tool.name);
  }
  const policy: NativePolicy = { version: "1", default: "deny", ...(hide.length ? { hide } : {}), tools };
  // What we write must pass the documented schema: a key PolicyLayer does not list is a bug here.
  parseNativePolicy(policy);
  return { text: jsonText(policy), warnings: lossWarnings(FORMAT, input, NATIVE_EXPRESSES) };
}
