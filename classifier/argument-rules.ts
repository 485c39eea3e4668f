// A consolidated tool's rule per action, and the floor a raw-language argument puts under it. Pure:
// it receives the classes the classifier gave each action value and the raw arguments found.
import { decisionOf, decisionRank, ruleForRisk, ruleHasReason, type BaseRule, type Rule } from "./policy.js";
import type { RawArgument } from "./raw-arguments.js";
import { maxRisk, type Category, type Risk } from "./taxonomy.js";

export interface ActionClass {
  value: string;
  category: Category;
  risk: Risk;
  confidence: number;
  rationale: string;
  /** The reason a person meeting its rule reads (high and critical only). */
  reason: string;
}

/** What the classifier found in a tool's arguments, stored with its classification. */
export interface ArgumentFindings {
  action?: { argument: string; source: "enum" | "description"; values: ActionClass[] };
  raw: RawArgument[];
}

/** Raw SQL, shell or code with no limit in the description can do anything the server can: never below approval. */
const RAW_FLOOR: Risk = "high";

function rawFloorReason(raw: RawArgument): string {
  return `Takes raw ${raw.language === "shell" ? "shell commands" : raw.language.toUpperCase()} in '${raw.name}' that its description does not limit`;
}

export function stricter(a: BaseRule, b: BaseRule): BaseRule {
  return decisionRank(decisionOf(b)) > decisionRank(decisionOf(a)) ? b : a;
}

/** The risk an action value is given: its own class, never below the tool's when the tool's text aims at the model. */
export function actionRisk(action: { risk: Risk }, tool: { risk: Risk; signals: readonly string[] }): Risk {
  return tool.signals.includes("prompt_injection") ? maxRisk(action.risk, tool.risk) : action.risk;
}

/** The reason an action's rule gives a person (high and critical only): the action alone's, else its category's. */
export function actionReason(argument: string, value: string, risk: Risk, own: { category: Category; reason?: string | undefined }): string {
  return ruleHasReason(risk) ? `${argument}=${value}: ${own.reason ?? `${own.category} action`}` : "";
}

/**
 * A consolidated tool's actions and rule again once the tool's class has moved after the classifier gave them (a
 * model's review raised its risk or found its text aimed at the model): each action takes actionRisk under the tool
 * as it now stands, as the classifier's own finding would give it, and the rule follows (ruleWithArguments). Findings
 * whose actions all keep their risk are returned as they are, with `toolRule`.
 */
export function underTool(toolName: string, toolRule: Rule, findings: ArgumentFindings, tool: { risk: Risk; signals: readonly string[] }): { rule: Rule; findings: ArgumentFindings } {
  const action = findings.action;
  const values = action?.values.map((a) => {
    const risk = actionRisk(a, tool);
    return risk === a.risk ? a : { ...a, risk, reason: a.reason || actionReason(action.argument, a.value, risk, { category: a.category }) };
  });
  if (!action || !values || values.every((v, i) => v === action.values[i])) return { rule: toolRule, findings };
  const moved = { ...findings, action: { ...action, values } };
  return { rule: ruleWithArguments(toolName, toolRule, moved), findings: moved };
}

/**
 * The tool's rule with what its arguments say: an unlimited raw-language argument raises every rule
 * to approval at least; a consolidated tool whose actions do not all share one rule gets `byArgument`
 * (each value's rule) and, as its own rule, the strictest of them and of the tool's own.
 */
export function ruleWithArguments(toolName: string, toolRule: Rule, findings: ArgumentFindings): Rule {
  const unlimited = findings.raw.find((r) => !r.limited);
  const floor = (rule: BaseRule): BaseRule =>
    unlimited && decisionRank(decisionOf(rule)) < decisionRank("approve") ? ruleForRisk(toolName, RAW_FLOOR, rawFloorReason(unlimited)) : rule;
  const { byArgument: _ignored, ...own } = toolRule;
  let tool = floor(own);
  const action = findings.action;
  if (!action) return tool;
  const values: Record<string, BaseRule> = {};
  for (const a of action.values) values[a.value] = floor(ruleForRisk(toolName, a.risk, a.reason));
  const decisions = new Set(Object.values(values).map(decisionOf));
  for (const rule of Object.values(values)) tool = stricter(tool, rule);
  // One rule for every value says nothing the tool's own rule does not.
  if (decisions.size < 2) return tool;
  return { ...tool, byArgument: { argument: action.argument, values } };
}

/** The action values a rule allows (with or without limits), and the rest. */
export function splitValues(byArgument: NonNullable<Rule["byArgument"]>): { allowed: string[]; refused: string[] } {
  const allowed: string[] = [];
  const refused: string[] = [];
  for (const [value, rule] of Object.entries(byArgument.values)) (decisionRank(decisionOf(rule)) <= decisionRank("limit") ? allowed : refused).push(value);
  return { allowed, refused };
}
