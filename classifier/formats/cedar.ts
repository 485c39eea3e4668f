// ToolHive: a Cedar policy set inside the authorization config file that `thv run --authz-config` reads.
//
// ToolHive (stacklok/toolhive docs/authz.md) takes a JSON or YAML file
// `{version: "1.0", type: cedarv1, cedar: {policies: [...], entities_json: "[]"}}` whose policies
// are Cedar statements over `Action::"call_tool"` and `Tool::"<tool name>"`. We write the YAML form
// because it can carry comments (rate limits and approvals have no Cedar equivalent, and the user
// should see that). Cedar denies whatever no permit matches and a forbid beats any permit; ToolHive
// filters tools/list down to what the caller may call, so no list_tools policy is needed.
import { Document, Scalar, type YAMLSeq } from "yaml";
import { decisionOf, type Decision, type Policy } from "../policy.js";
import { actionSplit, allowOrDenyNote, commentText, headerLines, lossWarnings, unicodeEscape, type ActionSplit, type Expressiveness, type Rendered, type ResolvedExport, type ToolEntry, yamlText } from "./export.js";

const FORMAT = "cedar";

/** Cedar conditions can read the request context (argument rules); it cannot count calls or ask a person. ToolHive lists only what may be called. */
export const CEDAR_EXPRESSES: Expressiveness = { limits: "none", approval: false, argumentRules: "any", unnamedDenied: true };

const NAMED_ESCAPES: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0" };

/**
 * A Cedar string literal. Cedar unescapes like Rust (\n \r \t \\ \0 \' \" \u{...}); every other
 * control character, the Unicode line/paragraph separators and the invisible format characters are
 * written as \u{...} so the statement stays on one line and reads unambiguously, and so are U+FFFE and
 * U+FFFF, which the YAML file around the statement may not hold raw.
 */
export function cedarString(value: string): string {
  const body = value.replace(/[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]|\p{Cf}/gu, (c) => NAMED_ESCAPES[c] ?? unicodeEscape(c, "braces"));
  return `"${body}"`;
}

const EFFECT: Record<Decision, "permit" | "forbid"> = { allow: "permit", limit: "permit", approve: "forbid", deny: "forbid" };

export function cedarStatement(tool: ToolEntry): string {
  return `${EFFECT[tool.decision]}(principal, action == Action::"call_tool", resource == Tool::${cedarString(tool.name)});`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Cedar's reserved words cannot follow a "." even as attribute names.
const RESERVED = new Set(["true", "false", "if", "then", "else", "in", "is", "like", "has", "principal", "action", "resource", "context"]);

/** ToolHive puts each tool argument in the request context as `arg_<name>`. */
export function cedarArgumentAttribute(argument: string): string {
  return `arg_${argument}`;
}

/** `context has arg_x && <test of context.arg_x>`, with the quoted forms for a name that is not an identifier. */
function contextTest(argument: string, values: readonly string[]): string {
  const attribute = cedarArgumentAttribute(argument);
  const plain = IDENTIFIER.test(attribute) && !RESERVED.has(attribute);
  const has = plain ? `context has ${attribute}` : `context has ${cedarString(attribute)}`;
  const read = plain ? `context.${attribute}` : `context[${cedarString(attribute)}]`;
  return `${has} && [${values.map(cedarString).join(", ")}].contains(${read})`;
}

/**
 * A consolidated tool: permitted only when the action argument is present and one of the allowed
 * values (a `has` guard first, as Cedar's validator requires for an optional attribute), and
 * forbidden for the refused ones, so a forbid states the intent even beside a broader permit.
 */
export function cedarArgumentStatements(tool: ToolEntry, split: ActionSplit): string[] {
  const head = `(principal, action == Action::"call_tool", resource == Tool::${cedarString(tool.name)})`;
  return [
    `permit${head} when { ${contextTest(split.argument, split.allowed)} };`,
    ...(split.refused.length ? [`forbid${head} when { ${contextTest(split.argument, split.refused)} };`] : []),
  ];
}

/**
 * A Cedar schema (JSON form) for the policies rendered from `input`: ToolHive's entity types, the
 * call_tool action, and every argument a policy reads as an optional String in the context. It lets
 * Cedar's own validator check the policy set (names, types, and that each read is guarded by `has`).
 */
export function cedarSchema(policy: Policy): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const rule of Object.values(policy.tools)) {
    const split = actionSplit({ rule });
    if (split && split.allowed.length > 0) attributes[cedarArgumentAttribute(split.argument)] = { type: "String", required: false };
  }
  return {
    "": {
      entityTypes: { Client: {}, Tool: {} },
      actions: {
        call_tool: { appliesTo: { principalTypes: ["Client"], resourceTypes: ["Tool"], context: { type: "Record", attributes } } },
      },
    },
  };
}

// ToolHive filters tools/list by asking Cedar whether each tool may be called with no arguments in the context
// (pkg/authz/tool_filter.go), so a tool permitted only for some action values is never listed; a call by name is
// authorized with its arguments. Permitting the argument-less case would let a call without the action through.
const UNLISTED = "not in ToolHive's tools/list (checked without arguments)";

function argumentNote(tool: ToolEntry, split: ActionSplit): string {
  const refused = split.refused.map((v) => `${commentText(v)} (${decisionOf(split.rules[v]!) === "approve" ? "needs approval; Cedar has none, so forbidden" : "denied"})`);
  return `${commentText(tool.name)}: ${commentText(split.argument)} ${split.allowed.map(commentText).join(", ")} allowed${refused.length ? `; ${refused.join(", ")}` : ""}; ${UNLISTED}`;
}

/** The warning for a tool the agent will not find in tools/list although some of its actions are allowed. */
function unlistedWarning(tool: ToolEntry, split: ActionSplit): string {
  return (
    `${FORMAT}: ${commentText(tool.name)}: ToolHive lists a tool only if a call without arguments is permitted, so this one is left out of tools/list; ` +
    `a call by name with ${commentText(split.argument)} ${split.allowed.map(commentText).join(", ")} is allowed`
  );
}

/** What Cedar's policies cannot express, and what is written instead, in a tool's comment. */
const CANNOT = { limit: "Cedar cannot count calls (use ToolHive's rate limiting)", approval: "Cedar has no approval step, so it is forbidden" };

export function renderCedar(input: ResolvedExport): Rendered {
  const doc = new Document({ version: "1.0", type: "cedarv1", cedar: { policies: [], entities_json: "[]" } });
  const policies = doc.getIn(["cedar", "policies"]) as YAMLSeq;
  const unlisted: string[] = [];
  for (const tool of input.tools) {
    const split = actionSplit(tool);
    if (split && split.allowed.length > 0) unlisted.push(unlistedWarning(tool, split));
    const statements = split && split.allowed.length > 0 ? cedarArgumentStatements(tool, split) : [cedarStatement(tool)];
    statements.forEach((text, i) => {
      const statement = new Scalar(text);
      // Single quotes, as in ToolHive's docs: Cedar's own double quotes need no YAML escaping.
      statement.type = Scalar.QUOTE_SINGLE;
      const comment = i === 0 ? (split && split.allowed.length > 0 ? argumentNote(tool, split) : allowOrDenyNote(tool, CANNOT)) : "";
      if (comment) statement.commentBefore = ` ${comment}`;
      policies.items.push(statement);
    });
  }
  doc.commentBefore = [...headerLines(FORMAT, input, { namesServer: false }), `Use with: thv run --authz-config <this file> ...`]
    .map((line) => ` ${line}`)
    .join("\n");
  return { text: yamlText(doc), warnings: [...lossWarnings(FORMAT, input, CEDAR_EXPRESSES), ...unlisted] };
}
