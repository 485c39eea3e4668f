// Intercept (PolicyLayer's open-source MCP proxy): its policy YAML, per PolicyLayer/Intercept POLICY.md.
import { Document, Scalar, YAMLMap, YAMLSeq, type Pair } from "yaml";
import type { Limit } from "../policy.js";
import {
  commentText,
  headerLines,
  limitText,
  actionSplit,
  limitsText,
  lossWarnings,
  reasonSuffix,
  actionRuleLoss,
  actionsText,
  countsCallsOf,
  type ActionSplit,
  type Expressiveness,
  type Rendered,
  UnrepresentableNameError,
  yamlText,
  type ResolvedExport,
  type ToolEntry,
} from "./export.js";

const FORMAT = "intercept";

/** Rules with `rate_limit` count calls; there is no approval step. */
export const INTERCEPT_EXPRESSES: Expressiveness = { limits: "undotted", approval: false, argumentRules: "undotted", unnamedDenied: true };

interface InterceptRule {
  name: string;
  action?: "deny";
  conditions?: { path: string; op: "in"; value: string[] }[];
  rate_limit?: string;
  on_deny: string;
}

/**
 * Intercept expands `rate_limit` into a counter read at `state.<tool>.<counter>` and splits that
 * path on "."; a tool name with a dot points the counter at another tool, and `intercept validate`
 * rejects the file. Such a tool cannot be rate-limited, so it is denied instead (never looser).
 */
function canCount(name: string): boolean {
  return countsCallsOf(INTERCEPT_EXPRESSES, name);
}

/** One shorthand rule per window; two limits on the same window keep the tighter one. */
function rateLimitRules(name: string, limits: Limit[]): InterceptRule[] {
  const tightest = new Map<Limit["window"], Limit>();
  for (const limit of limits) {
    const seen = tightest.get(limit.window);
    if (!seen || limit.max < seen.max) tightest.set(limit.window, limit);
  }
  return [...tightest.values()].map((limit) => ({
    name: `rate limit ${limitText(limit)}`,
    rate_limit: limitText(limit),
    on_deny: `Rate limit of ${limit.max} calls per ${limit.window} reached for ${name}. Try again later.`,
  }));
}

function deny(name: string, onDeny: string): InterceptRule {
  return { name, action: "deny", on_deny: onDeny };
}

/**
 * A consolidated tool allowed for its safe actions: one evaluate rule whose condition admits only the
 * allowed values of the action argument, then the tightest limit of those values. Undefined when no
 * value is allowed, the argument's name holds a "." (a path would read it as a nested field), or a
 * limit is due on a name Intercept cannot count.
 */
function argumentRules(tool: ToolEntry): InterceptRule[] | undefined {
  const split = actionSplit(tool);
  if (!split || split.allowed.length === 0 || actionRuleLoss(INTERCEPT_EXPRESSES, tool.name, split)) return undefined;
  return [
    {
      name: "allowed actions",
      conditions: [{ path: `args.${split.argument}`, op: "in", value: split.allowed }],
      on_deny: `Only ${split.argument} ${split.allowed.join(", ")} may be called; ${split.refused.join(", ")} need approval or are denied.`,
    },
    ...rateLimitRules(tool.name, split.limits),
  ];
}

/**
 * A consolidated tool whose allowed actions Intercept could admit by their argument, but not within their limit: the
 * tool's name holds a ".", so the limit cannot be counted, and the tool gets its strictest rule, which Intercept writes as
 * a denial (never looser). The split, or undefined for any other tool.
 */
function uncountableSplit(tool: ToolEntry): ActionSplit | undefined {
  const split = actionSplit(tool);
  return split && split.allowed.length > 0 && actionRuleLoss(INTERCEPT_EXPRESSES, tool.name, split) === "uncounted limit" ? split : undefined;
}

/** What an uncountable split loses, as its comment and its warning say it after the tool's name. */
function uncountableLoss(split: ActionSplit): string {
  return `the limit ${split.limits.map(limitText).join(", ")} of the allowed actions cannot be counted for a name containing "."; denied instead`;
}

/** The rules for one tool, and a comment when Intercept cannot say exactly what the native rule says. */
function rulesFor(tool: ToolEntry): { rules: InterceptRule[]; note?: string } {
  const byArgument = argumentRules(tool);
  if (byArgument) return { rules: byArgument, note: `${commentText(tool.name)}: per-action rules; the refused actions are denied (Intercept has no approval step)` };
  const uncounted = uncountableSplit(tool);
  const strictest = rulesByDecision(tool);
  return uncounted ? { rules: strictest.rules, note: `${commentText(tool.name)}: per-action rules cannot be written: ${uncountableLoss(uncounted)}` } : strictest;
}

/** The rules of the tool's own (strictest) rule, and a comment when Intercept cannot say it exactly. */
function rulesByDecision(tool: ToolEntry): { rules: InterceptRule[]; note?: string } {
  const limits = tool.rule.limits ?? [];
  switch (tool.decision) {
    case "allow":
      return { rules: [] };
    case "limit":
      if (canCount(tool.name)) return { rules: rateLimitRules(tool.name, limits) };
      return {
        rules: [deny("cannot rate-limit", `Denied: the recommended limit (${limitsText(tool.rule)}) cannot be enforced for this tool name.`)],
        note: `${commentText(tool.name)}: recommended ${limitsText(tool.rule)}, but Intercept cannot count a name containing "."; denied instead`,
      };
    case "approve":
      // Intercept has no approval step: the tool stays denied until a person removes the first rule;
      // the limit below is what remains once they do.
      return {
        rules: [
          deny("requires approval", `Requires approval${reasonSuffix(tool.rule)}. Blocked until a person allows it.`),
          ...(canCount(tool.name) ? rateLimitRules(tool.name, limits) : []),
        ],
        note:
          `${commentText(tool.name)}: needs approval; Intercept has no approval step, so it is denied until a person removes "requires approval"` +
          (canCount(tool.name) || limits.length === 0 ? "" : `; the limit (${limitsText(tool.rule)}) cannot be written for a name containing "."`),
      };
    case "deny":
      return { rules: [deny("denied", `Denied by policy${reasonSuffix(tool.rule)}.`)] };
  }
}

/** A plain denial, with no action of the tool allowed: what `hide` may take (a tool with allowed actions stays visible). */
function deniedOutright(tool: ToolEntry): boolean {
  return tool.decision === "deny" && argumentRules(tool) === undefined;
}

/**
 * Whether Intercept takes the name as a `hide` entry: its Validate, run before the proxy starts, refuses an entry that
 * Go's strings.TrimSpace empties (every character Unicode White_Space), and so the whole file.
 */
function hideable(name: string): boolean {
  return !/^\p{White_Space}*$/u.test(name);
}

/**
 * The policy file: version "1", default deny, one entry per tool under `tools`. With `hideDenied`, a tool denied
 * outright goes to `hide` instead (Intercept strips it from tools/list and denies its calls) and out of `tools`, so
 * taking it off `hide` leaves it denied by `default: deny`; one whose name `hide` cannot hold stays denied under `tools`.
 */
export function renderIntercept(input: ResolvedExport): Rendered {
  const doc = new Document({ version: "1", description: `mcp-catalog recommended policy for ${input.serverKey}`, default: "deny" });
  const denied = input.hideDenied ? input.tools.filter(deniedOutright) : [];
  const hidden = denied.filter((tool) => hideable(tool.name));
  const unhidden = denied
    .filter((tool) => !hideable(tool.name))
    .map((tool) => `${FORMAT}: ${commentText(tool.name)}: cannot be hidden (Intercept refuses a hide entry of white space alone, and with it the whole file); denied under tools instead, so the agent still sees it`);
  if (hidden.length) {
    const hide = new YAMLSeq();
    for (const tool of hidden) {
      const name = new Scalar(tool.name);
      name.type = Scalar.QUOTE_DOUBLE;
      name.commentBefore = ` ${commentText(tool.name)}: denied${commentText(reasonSuffix(tool.rule))}`;
      hide.items.push(name);
    }
    doc.set("hide", hide);
  }
  const tools = new YAMLMap();
  doc.set("tools", tools);
  const uncountable: string[] = [];
  for (const tool of input.tools) {
    // "*" is Intercept's wildcard key: a rule under it applies to every tool of the server ("*" in `hide` hides them all).
    if (tool.name === "*") throw new UnrepresentableNameError(FORMAT, "tool", tool.name, `"*" is Intercept's wildcard key for every tool`);
    if (hidden.includes(tool)) continue;
    const { rules, note } = rulesFor(tool);
    const split = uncountableSplit(tool);
    if (split) {
      uncountable.push(`${FORMAT}: ${commentText(tool.name)}: per-action rules (${commentText(split.argument)}: ${actionsText(split)}) cannot be expressed: ${uncountableLoss(split)}`);
    } else if (tool.decision === "limit" && !canCount(tool.name)) {
      uncountable.push(`${FORMAT}: ${commentText(tool.name)}: the limit ${limitsText(tool.rule)} cannot be counted for a name containing "."; denied instead`);
    }
    // Keys are always double-quoted so names like `yes`, `null`, `1e3` or `a: b` stay strings.
    const key = new Scalar(tool.name);
    key.type = Scalar.QUOTE_DOUBLE;
    if (note) key.commentBefore = ` ${note}`;
    // Pairs are added as nodes (not object properties) so a tool named `__proto__` is a plain key.
    tools.items.push(doc.createPair(key, { rules }) as Pair);
  }
  doc.commentBefore = [
    ...headerLines(FORMAT, input, { namesServer: false }),
    `Check with: intercept validate -c <this file>`,
    `Limits are per tool and shared by every caller of this proxy (the native policy counts per grant).`,
  ]
    .map((line) => ` ${line}`)
    .join("\n");
  return { text: yamlText(doc), warnings: [...lossWarnings(FORMAT, input, INTERCEPT_EXPRESSES), ...uncountable, ...unhidden] };
}
