// ToolHive: a Cedar policy set inside the authorization config file that `thv run --authz-config` reads.
//
// ToolHive (stacklok/toolhive docs/authz.md) takes a JSON or YAML file
// `{version: "1.0", type: cedarv1, cedar: {policies: [...], entities_json: "[]"}}` whose policies
// are Cedar statements over `Action::"call_tool"` and `Tool::"<tool name>"`. We write the YAML form
// because it can carry comments (rate limits and approvals have no Cedar equivalent, and the user
// should see that). Cedar denies whatever no permit matches and a forbid beats any permit; ToolHive
// filters tools/list down to what the caller may call, so no list_tools policy is needed.
import { Document, Scalar, type YAMLSeq } from "yaml";
import type { Decision } from "../policy.js";
import { commentText, headerLines, limitsText, lossWarnings, reasonSuffix, type Expressiveness, type Rendered, type ResolvedExport, type ToolEntry, yamlText } from "./export.js";

const FORMAT = "cedar";

/** Cedar conditions can read the request context (argument rules); it cannot count calls or ask a person. */
export const CEDAR_EXPRESSES: Expressiveness = { limits: false, approval: false, argumentRules: true };

const NAMED_ESCAPES: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0" };

/**
 * A Cedar string literal. Cedar unescapes like Rust (\n \r \t \\ \0 \' \" \u{...}); every other
 * control character and the Unicode line/paragraph separators are written as \u{...} so the
 * statement stays on one line and reads unambiguously.
 */
export function cedarString(value: string): string {
  const body = value.replace(/[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => NAMED_ESCAPES[c] ?? `\\u{${c.charCodeAt(0).toString(16)}}`);
  return `"${body}"`;
}

const EFFECT: Record<Decision, "permit" | "forbid"> = { allow: "permit", limit: "permit", approve: "forbid", deny: "forbid" };

export function cedarStatement(tool: ToolEntry): string {
  return `${EFFECT[tool.decision]}(principal, action == Action::"call_tool", resource == Tool::${cedarString(tool.name)});`;
}

function note(tool: ToolEntry): string {
  const name = commentText(tool.name);
  switch (tool.decision) {
    case "allow":
      return "";
    case "limit":
      return `${name}: recommended limit ${limitsText(tool.rule)}; Cedar cannot count calls (use ToolHive's rate limiting)`;
    case "approve":
      return `${name}: needs approval${commentText(reasonSuffix(tool.rule))}; Cedar has no approval step, so it is forbidden`;
    case "deny":
      return `${name}: denied${commentText(reasonSuffix(tool.rule))}`;
  }
}

export function renderCedar(input: ResolvedExport): Rendered {
  const doc = new Document({ version: "1.0", type: "cedarv1", cedar: { policies: [], entities_json: "[]" } });
  const policies = doc.getIn(["cedar", "policies"]) as YAMLSeq;
  for (const tool of input.tools) {
    const statement = new Scalar(cedarStatement(tool));
    // Single quotes, as in ToolHive's docs: Cedar's own double quotes need no YAML escaping.
    statement.type = Scalar.QUOTE_SINGLE;
    const text = note(tool);
    if (text) statement.commentBefore = ` ${text}`;
    policies.items.push(statement);
  }
  doc.commentBefore = [...headerLines(FORMAT, input, { namesServer: false }), `Use with: thv run --authz-config <this file> ...`]
    .map((line) => ` ${line}`)
    .join("\n");
  return { text: yamlText(doc), warnings: lossWarnings(FORMAT, input.tools, CEDAR_EXPRESSES) };
}
