// A consolidated tool's rule per action, and the floor a raw-language argument puts under it. Pure:
// it receives the classes the classifier gave each action value and the raw arguments found.
import { decisionOf, decisionRank, ruleForRisk, type BaseRule, type Rule } from "./policy.js";
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
