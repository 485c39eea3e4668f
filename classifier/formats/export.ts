// What every dialect renderer receives and shares: the export input, one entry per tool, the typed
// refusal for names a dialect cannot hold, and comment text that cannot break out of its line.
import type { Document } from "yaml";
import { splitValues } from "../argument-rules.js";
import { decisionOf, type BaseRule, type Decision, type Limit, type Policy, type Rule } from "../policy.js";
import { plural } from "../plural.js";

export interface PolicyExport {
  server: {
    /** Catalog key, e.g. "io.github.owner/name" or "github.com/owner/repo#sub". */
    key: string;
    /** The name the user gives the server in their client or gateway config; default derived from key. */
    clientName?: string;
  };
  /** Native policy: every tool with its rule. */
  policy: Policy;
  /** ISO timestamp; written as a comment where the dialect has comments. */
  generatedAt?: string;
  /** Native and Intercept: list denied tools in `hide` so the agent never sees them (default: denied, still listed). */
  hideDenied?: boolean;
}

/** A rendered document and, one line each, what the dialect could not express (printed on stderr). */
export interface Rendered {
  text: string;
  warnings: string[];
}

/** One tool as every dialect sees it: its native rule and the decision that rule means. */
export interface ToolEntry {
  name: string;
  rule: Rule;
  decision: Decision;
}

/** The input after defaults are applied and every tool name has passed the common checks. */
export interface ResolvedExport {
  serverKey: string;
  clientName: string;
  policy: Policy;
  generatedAt?: string;
  hideDenied: boolean;
  tools: ToolEntry[];
}

// Lone UTF-16 surrogates are not Unicode text: YAML, TOML and Cedar cannot carry them, and
// serializers silently replace them, which would make a rule name a different tool.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A tool or server name that a dialect cannot write without changing its meaning. The export stops
 * rather than write a document that targets a different tool; the CLI reports it and the user picks
 * another format, another --client-name, or writes that entry by hand.
 */
export class UnrepresentableNameError extends Error {
  override readonly name = "UnrepresentableNameError";
  constructor(
    readonly format: string,
    readonly kind: "tool" | "server",
    /** The offending name, exactly as given. */
    readonly value: string,
    readonly why: string,
  ) {
    super(`${format}: ${kind} name ${JSON.stringify(value)} cannot be written: ${why}`);
  }
}

/** Refuses names no dialect can hold: empty, or not well-formed Unicode. */
export function checkName(format: string, kind: "tool" | "server", value: string): void {
  if (value.length === 0) throw new UnrepresentableNameError(format, kind, value, "the name is empty");
  if (LONE_SURROGATE.test(value)) throw new UnrepresentableNameError(format, kind, value, "the name is not well-formed Unicode");
}

/** Checks every tool name once for what no dialect can hold, then pairs each with its decision. */
export function toolEntries(format: string, policy: Policy): ToolEntry[] {
  return Object.entries(policy.tools).map(([name, rule]) => {
    checkName(format, "tool", name);
    return { name, rule, decision: decisionOf(rule) };
  });
}

// Invisible format characters (\p{Cf}: bidi embeddings, overrides and isolates, zero-width spaces and
// joiners, BOM, soft hyphen, tag characters): written raw, a name holding them reads as another name
// in an editor or a review (Trojan Source), so every dialect escapes them wherever its syntax allows.

/** How a dialect writes one code point as an escape: JSON's \uXXXX (surrogate pairs beyond the BMP),
 * TOML/YAML/CEL's \uXXXX or \UXXXXXXXX, or Cedar's \u{X}. */
export type EscapeStyle = "json" | "u8" | "braces";

export function unicodeEscape(c: string, style: EscapeStyle): string {
  const cp = c.codePointAt(0)!;
  if (style === "braces") return `\\u{${cp.toString(16)}}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, "0")}`;
  if (style === "u8") return `\\U${cp.toString(16).padStart(8, "0")}`;
  return `\\u${c.charCodeAt(0).toString(16)}\\u${c.charCodeAt(1).toString(16)}`;
}

/** JSON text whose invisible characters and line separators are \u escapes (JSON.stringify writes them raw). */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/[\u2028\u2029]|\p{Cf}/gu, (c) => unicodeEscape(c, "json"))}\n`;
}

// Characters that end a line in YAML, TOML, Cedar or an editor, the rest of C0/C1 controls, the invisible ones, and the
// noncharacters U+FFFE and U+FFFF, which YAML readers (go-yaml, libyaml) refuse anywhere in a file, comments included.
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]|\p{Cf}/gu;

/** Text safe to put after a comment marker: anything that could end the line is shown escaped. */
export function commentText(text: string): string {
  return text
    .replace(/\p{Cs}/gu, "\ufffd")
    .replace(LINE_BREAKING, (c) => {
      if (c === "\n") return "\\n";
      if (c === "\r") return "\\r";
      if (c === "\t") return "\\t";
      return unicodeEscape(c, "u8");
    });
}

/** "30/minute" — the way limits read in comments and in Intercept's shorthand. */
export function limitText(limit: Limit): string {
  return `${limit.max}/${limit.window}`;
}

export function limitsText(rule: Rule): string {
  return (rule.limits ?? []).map(limitText).join(", ");
}

/**
 * The first lines of every dialect that has comments: what this is, for which server, when.
 * `namesServer` says whether the document refers to the server by its client name.
 */
export function headerLines(format: string, input: ResolvedExport, options: { namesServer: boolean }): string[] {
  const counts = { allow: 0, limit: 0, approve: 0, deny: 0 };
  for (const tool of input.tools) counts[tool.decision] += 1;
  return [
    `mcp-catalog recommended policy (${format}) for ${commentText(input.serverKey)}`,
    ...(input.generatedAt ? [`Generated ${commentText(input.generatedAt)}`] : []),
    ...(options.namesServer ? [`Server name used below: ${commentText(input.clientName)} (must match the name in your config)`] : []),
    `${plural(input.tools.length, "tool")}: ${counts.allow} allowed, ${counts.limit} rate-limited, ` +
      `${counts.approve} need approval, ${counts.deny} denied; tools not listed are denied.`,
  ];
}

/** What a dialect can say besides allow and deny: the table the loss warnings are read from. */
export interface Expressiveness {
  /**
   * Whether it can count calls: not at all, for any tool, or only for a tool whose name holds no "." (Intercept
   * counts at `state.<tool>.<counter>`, a path split at each ".").
   */
  limits: "none" | "any" | "undotted";
  approval: boolean;
  /**
   * Whether it can allow or deny a tool by the value of an argument: not at all, or by any argument
   * name, or only by names without "." (where a condition path `args.a.b` reads a nested field).
   */
  argumentRules: "none" | "any" | "undotted";
  /** Whether a tool the document does not name is denied (every format but claude-code: a default deny or an allow-list). */
  unnamedDenied: boolean;
}

/** Whether a format that can say `can` counts the calls of the tool named `name`. */
export function countsCallsOf(can: Expressiveness, name: string): boolean {
  return can.limits === "any" || (can.limits === "undotted" && !name.includes("."));
}

/**
 * Why a format that reads arguments writes the strictest action's rule for a consolidated tool instead of its rule per
 * action: the action argument's name holds a "." it cannot write as a condition path, or the allowed actions carry a
 * limit it cannot count under the tool's name (it would admit them unlimited: it denies instead). Undefined when it
 * writes the rule per action, and for a format that reads no arguments (it never does).
 */
export function actionRuleLoss(can: Expressiveness, toolName: string, split: Pick<ActionSplit, "argument" | "limits">): "dotted argument" | "uncounted limit" | undefined {
  if (can.argumentRules === "none") return undefined;
  if (can.argumentRules === "undotted" && split.argument.includes(".")) return "dotted argument";
  if (can.limits !== "none" && split.limits.length > 0 && !countsCallsOf(can, toolName)) return "uncounted limit";
  return undefined;
}

/**
 * One warning per tool whose rule the dialect cannot say as is, naming what was lost and the
 * stricter rule written instead: limits dropped from an allowed tool, approval turned into denial.
 * (`--hide` loses nothing anywhere: native and Intercept write `hide`, and the readers of the other
 * dialects leave a denied tool out of the agent's list by themselves.)
 */
export function lossWarnings(format: string, input: Pick<ResolvedExport, "tools">, can: Expressiveness): string[] {
  const out: string[] = [];
  for (const tool of input.tools) {
    const name = commentText(tool.name);
    const split = actionSplit(tool);
    const expressible = split !== undefined && (can.argumentRules === "any" || (can.argumentRules === "undotted" && !split.argument.includes(".")));
    if (split && expressible) {
      for (const value of split.refused) {
        if (decisionOf(split.rules[value]!) === "approve" && !can.approval) out.push(`${format}: ${name}: ${commentText(split.argument)}=${commentText(value)} needs approval, which ${format} cannot express; denied instead`);
      }
      if (split.allowed.length > 0) continue;
    }
    if (split && !expressible) {
      out.push(
        `${format}: ${name}: per-action rules (${commentText(split.argument)}: ${actionsText(split)}) ` +
          `cannot be expressed; the strictest action's rule (${tool.decision}) applies to every call`,
      );
    }
    if (tool.decision === "limit" && can.limits === "none") out.push(`${format}: ${name}: the limit ${limitsText(tool.rule)} cannot be expressed; allowed without it`);
    if (tool.decision === "approve" && !can.approval) out.push(`${format}: ${name}: needs approval, which ${format} cannot express; denied instead`);
  }
  return out;
}

/** The values a split allows and refuses, as a warning says them: "create, update allowed; delete not", "none allowed; …". */
export function actionsText(split: ActionSplit): string {
  const allowed = `${split.allowed.length > 0 ? split.allowed.map(commentText).join(", ") : "none"} allowed`;
  return split.refused.length > 0 ? `${allowed}; ${split.refused.map(commentText).join(", ")} not` : allowed;
}

/** A consolidated tool's per-action rules as dialects write them: the argument, the values allowed and the rest. */
export interface ActionSplit {
  argument: string;
  allowed: string[];
  refused: string[];
  rules: Record<string, BaseRule>;
  /** The limits every allowed call counts against: the tightest an allowed value carries (a dialect counts per tool). */
  limits: Limit[];
}

export function actionSplit(tool: { rule: Rule }): ActionSplit | undefined {
  const by = tool.rule.byArgument;
  if (!by) return undefined;
  const { allowed, refused } = splitValues(by);
  const limited = allowed.map((v) => by.values[v]!).filter((r) => (r.limits ?? []).length > 0);
  const limits = limited.length ? limited.reduce((a, b) => (tightest(b.limits!) < tightest(a.limits!) ? b : a)).limits! : [];
  return { argument: by.argument, allowed, refused, rules: by.values, limits };
}

/** Calls a minute a set of limits allows at most, to compare two sets. */
function tightest(limits: readonly Limit[]): number {
  const PER_MINUTE = { minute: 1, hour: 60, day: 1440 } as const;
  return Math.min(...limits.map((l) => l.max / PER_MINUTE[l.window]));
}

/** A reason as it reads after "denied: " — or nothing when the rule has none. */
export function reasonSuffix(rule: Rule): string {
  return rule.reason ? `: ${rule.reason}` : "";
}

/**
 * A tool's comment in a dialect that can only allow or deny: the limit it cannot count and the approval it cannot ask
 * for, each with what the dialect does instead (`cannot`), and a denial with its reason; nothing for an allowed tool.
 */
export function allowOrDenyNote(tool: ToolEntry, cannot: { limit: string; approval: string }): string {
  const name = commentText(tool.name);
  switch (tool.decision) {
    case "allow":
      return "";
    case "limit":
      return `${name}: recommended limit ${limitsText(tool.rule)}; ${cannot.limit}`;
    case "approve":
      return `${name}: needs approval${commentText(reasonSuffix(tool.rule))}; ${cannot.approval}`;
    case "deny":
      return `${name}: denied${commentText(reasonSuffix(tool.rule))}`;
  }
}

// Characters YAML 1.1 parsers (libyaml, Go's yaml.v3) read as line breaks even inside quotes, the C1
// controls, the invisible characters, and U+FFFE and U+FFFF, outside the characters a YAML stream may
// hold (go-yaml and libyaml refuse the whole file): the yaml library writes them raw, so they are turned
// into \u escapes here.
const YAML_RAW = /[\u007f-\u009f\u2028\u2029\ufffe\uffff]|\p{Cf}/gu;

/**
 * A YAML document as text. Every string is double-quoted JSON-style unless its node says otherwise
 * (so `yes`, `null` or `a: b` stay strings) and nothing is folded. The characters above can then
 * only sit in double-quoted scalars, where \uXXXX means the same character: comments went through
 * commentText, and single-quoted scalars hold Cedar/CEL literals that already escape them.
 */
export function yamlText(doc: Document): string {
  const text = doc.toString({ lineWidth: 0, defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", doubleQuotedAsJSON: true });
  return text.replace(YAML_RAW, (c) => unicodeEscape(c, "u8"));
}
