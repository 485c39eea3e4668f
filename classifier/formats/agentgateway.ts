// agentgateway: an mcpAuthorization policy whose rules are CEL expressions over mcp.tool.target/name.
//
// agentgateway (crates/agentgateway http/authorization.rs, RuleSets::validate) evaluates a rule list
// where a plain string allows, `{deny: <CEL>}` denies and `{require: <CEL>}` must hold: any deny
// wins; with at least one allow rule the list is an allow-list (nothing matched → denied), but with
// only deny rules it becomes a deny-list that lets everything else through. So a policy always has at
// least one allow rule (the constant `false` when no tool is allowed), and every tool a rule names is
// matched by target too, so a rule for this server never admits a same-named tool of another target.
// Rate limits (localRateLimit) are route-wide and there is no approval step: both appear as comments.
//
// How agentgateway names a target's tools (crates/agentgateway/src/mcp/handler.rs): with one target they keep their
// own names; with several (or `prefixMode: always`) tools/list shows each as `<target>_<tool>`, and a tools/call name
// is split at its first "_" into target and tool (parse_resource_name, split_once("_")), which is what
// mcp.tool.target and mcp.tool.name then hold, and where the call is sent (`prefixMode: never` keeps the names and finds
// the target by listing). tools/list is filtered by the true target and tool. So a rule naming target and tool matches exactly the calls agentgateway sends to that tool as long as the target
// name holds no "_": a "_" in the tool name stays in the part after the first one. A target name with "_" is read back
// as a shorter target (`my_srv` + `echo` → target `my`, tool `srv_echo`): no rule can name its tools' calls, which
// agentgateway routes to another target or refuses. agentgateway now refuses such a target name
// (validate_mcp_target_name, agentgateway#1622, as its Kubernetes controller always did for a Gateway API SectionName).
import { Document, Scalar, type YAMLSeq } from "yaml";
import { allowOrDenyNote, commentText, headerLines, lossWarnings, unicodeEscape, type Expressiveness, type Rendered, type ResolvedExport, yamlText } from "./export.js";

const FORMAT = "agentgateway";

/** Request-time CEL sees the tool's name, not its arguments; no counters, no approval step. */
export const AGENTGATEWAY_EXPRESSES: Expressiveness = { limits: "none", approval: false, argumentRules: "none", unnamedDenied: true };

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

/** The MCP target names agentgateway takes: a Gateway API SectionName ("_" and "+" are its delimiters of multiplexed names). */
const TARGET_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const TARGET_NAME_LIMIT = 253;

/**
 * The target name the export assumes when none is given: the client name every dialect derives from the key
 * (defaultClientName: [a-z0-9_-], no "-" or "_" at either end), each "_" a "-", which agentgateway takes as it is.
 */
export function agentgatewayTargetName(clientName: string): string {
  return clientName.replace(/_/g, "-").replace(/-{2,}/g, "-");
}

/**
 * Why agentgateway would not match these rules as written to the target named `target`, or nothing. A target name with
 * "_" is the ambiguity agentgateway itself makes of `<target>_<tool>`: no rule can fix it, only another name.
 */
function targetNameWarning(target: string): string | undefined {
  if (isTargetName(target)) return undefined;
  const name = commentText(target);
  const refused =
    `agentgateway refuses it as a target name (lowercase letters, digits, "-" and "." only, at most ${TARGET_NAME_LIMIT} characters; ` +
    `"_" and "+" are its delimiters of multiplexed names), so these rules name no target it serves`;
  const underscore = target.indexOf("_");
  if (underscore < 0) return `${FORMAT}: target name ${name}: ${refused}; name the target otherwise and pass that name as --client-name`;
  const shorter = commentText(target.slice(0, underscore));
  const rest = commentText(target.slice(underscore + 1));
  const suggested = agentgatewayTargetName(target);
  return (
    `${FORMAT}: target name ${name}: ${refused}. An older agentgateway takes it, but when it prefixes tool names (several targets on the route, ` +
    `or prefixMode always) it shows a tool as ${name}_<tool> and reads a call back at the first "_", as target ${shorter} and tool ${rest}_<tool>: ` +
    `these rules never match a call to this target, which goes to target ${shorter} or fails. ` +
    `Name the target without "_"${isTargetName(suggested) ? ` (${suggested})` : ""} and pass that name as --client-name`
  );
}

function isTargetName(name: string): boolean {
  return TARGET_NAME.test(name) && name.length <= TARGET_NAME_LIMIT;
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
  const target = targetNameWarning(input.clientName);
  return { text: yamlText(doc), warnings: [...(target ? [target] : []), ...lossWarnings(FORMAT, input, AGENTGATEWAY_EXPRESSES)] };
}
