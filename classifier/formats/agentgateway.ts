// agentgateway: an mcpAuthorization policy whose rules are CEL expressions over mcp.tool.target/name.
//
// agentgateway (crates/agentgateway http/authorization.rs, RuleSets::validate) evaluates a rule list
// where a plain string allows, `{deny: <CEL>}` denies and `{require: <CEL>}` must hold: any deny
// wins; with at least one allow rule the list is an allow-list (nothing matched → denied), but with
// only deny rules it becomes a deny-list that lets everything else through. So a policy always has at
// least one allow rule (the constant `false` when no tool is allowed), and every tool a rule names is
// matched by target too, so a rule for this server never admits a same-named tool of another target.
// Rate limits (localRateLimit) are route-wide and there is no approval step: both appear as comments.
import { Document, Scalar, type YAMLSeq } from "yaml";
import { allowOrDenyNote, headerLines, lossWarnings, unicodeEscape, type Expressiveness, type Rendered, type ResolvedExport, yamlText } from "./export.js";

const FORMAT = "agentgateway";

/** Request-time CEL sees the tool's name, not its arguments; no counters, no approval step. */
export const AGENTGATEWAY_EXPRESSES: Expressiveness = { limits: false, approval: false, argumentRules: "none" };

const NAMED_ESCAPES: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * A CEL double-quoted string literal: backslash and quote escaped, control characters, the Unicode
 * line/paragraph separators, the invisible format characters and U+FFFE/U+FFFF (which the YAML file around
 * the rule may not hold raw) as \uXXXX or \UXXXXXXXX (all CEL-spec escapes); other text stays as is.
 */
export function celString(value: string): string {
  const body = value.replace(/[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]|\p{Cf}/gu, (c) => NAMED_ESCAPES[c] ?? unicodeEscape(c, "u8"));
  return `"${body}"`;
}

export function celMatch(target: string, tool: string): string {
  return `mcp.tool.target == ${celString(target)} && mcp.tool.name == ${celString(tool)}`;
}

function quoted(text: string): Scalar {
  const scalar = new Scalar(text);
  // Single quotes, as in agentgateway's examples: CEL's double quotes need no YAML escaping.
  scalar.type = Scalar.QUOTE_SINGLE;
  return scalar;
}

/** What agentgateway's rules cannot express, and what is written instead, in a tool's comment. */
const CANNOT = { limit: "mcpAuthorization cannot count calls (see localRateLimit)", approval: "agentgateway has no approval step, so it is denied" };

export function renderAgentgateway(input: ResolvedExport): Rendered {
  const doc = new Document({ mcpAuthorization: { rules: [] } });
  const rules = doc.getIn(["mcpAuthorization", "rules"]) as YAMLSeq;
  for (const tool of input.tools) {
    const match = quoted(celMatch(input.clientName, tool.name));
    const allowed = tool.decision === "allow" || tool.decision === "limit";
    const item = allowed ? match : doc.createNode({ deny: match });
    const text = allowOrDenyNote(tool, CANNOT);
    if (text) item.commentBefore = ` ${text}`;
    rules.items.push(item);
  }
  if (!input.tools.some((tool) => tool.decision === "allow" || tool.decision === "limit")) {
    const never = quoted("false");
    never.commentBefore = " no tool is allowed: this rule keeps the list an allow-list, so every other call is denied";
    rules.items.push(never);
  }
  doc.commentBefore = [
    ...headerLines(FORMAT, input, { namesServer: true }),
    `Put mcpAuthorization under the policies of the route that serves the MCP target named above.`,
    `With these rules, prompts, resources and tools of other targets on that route are denied unless other rules allow them.`,
  ]
    .map((line) => ` ${line}`)
    .join("\n");
  return { text: yamlText(doc), warnings: lossWarnings(FORMAT, input, AGENTGATEWAY_EXPRESSES) };
}
