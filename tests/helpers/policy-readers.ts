// Reads every policy dialect back with its own parser (JSON, YAML, TOML; Cedar and CEL structurally) into tool → decision.
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";
import type { FormatName } from "../../classifier/formats/formats.js";
import { parseNativePolicy } from "../../classifier/formats/native-schema.js";
import { actionSplit } from "../../classifier/formats/export.js";
import { decisionOf, type Decision, type Rule } from "../../classifier/policy.js";
import type { Risk } from "../../classifier/taxonomy.js";

export const RISK_DECISION: Record<Risk, Decision> = { low: "allow", medium: "limit", high: "approve", critical: "deny" };

/**
 * What a dialect can say of a tool's rule: Cedar and CEL only permit or forbid, Codex has no limits,
 * Claude Code asks; policy.json lists only what it allows (undefined: not listed, so denied). A
 * consolidated tool with allowed actions is listed by the dialects that read arguments (allowed for
 * those actions, counted when one of them is limited) and gets the strictest rule in the others.
 */
export function expectedDecision(format: FormatName, rule: Rule, name: string): string | undefined {
  const split = actionSplit({ rule });
  if (split && split.allowed.length > 0 && (format === "native" || format === "intercept")) return split.limits.length ? "limit" : "allow";
  if (split && split.allowed.length > 0 && format === "cedar") return "allow"; // a permit with a condition
  const d = decisionOf(rule);
  switch (format) {
    case "native":
      return d === "allow" || d === "limit" ? d : undefined;
    case "intercept":
      // Intercept cannot count a dotted name, so a limit on one becomes a deny.
      return d === "limit" && name.includes(".") ? "deny" : d;
    case "claude-code":
      return { allow: "allow", limit: "allow", approve: "ask", deny: "deny" }[d];
    case "codex":
      return d === "limit" ? "allow" : d;
    case "cedar":
    case "agentgateway":
      return d === "allow" || d === "limit" ? "allow" : "deny";
  }
}

function once(out: Map<string, string>, name: string, decision: string): void {
  if (out.has(name)) throw new Error(`tool ${JSON.stringify(name)} appears more than once`);
  out.set(name, decision);
}

/** policy.json through the strict schema of its documented fields: listed tools are allowed, with or without limits; `hide` hides. */
export function readNative(text: string): Map<string, string> {
  const policy = parseNativePolicy(JSON.parse(text));
  if (policy.default !== "deny") throw new Error(`not a default-deny policy: ${text.slice(0, 80)}`);
  const out = new Map<string, string>();
  for (const [name, rule] of Object.entries(policy.tools ?? {})) once(out, name, rule.limits?.length ? "limit" : "allow");
  for (const name of policy.hide ?? []) once(out, name, "hide");
  return out;
}

type InterceptRule = { name: string; action?: string; rate_limit?: string; on_deny: string };

function readIntercept(text: string): Map<string, string> {
  const doc = parseYaml(text) as { version: string; default: string; hide?: string[]; tools: Record<string, { rules: InterceptRule[] }> };
  if (doc.version !== "1" || doc.default !== "deny") throw new Error("not an Intercept policy");
  const out = new Map<string, string>();
  for (const [name, { rules }] of Object.entries(doc.tools)) {
    const deny = rules.find((r) => r.action === "deny");
    const limited = rules.some((r) => typeof r.rate_limit === "string");
    once(out, name, deny ? (deny.name === "requires approval" ? "approve" : "deny") : limited ? "limit" : "allow");
  }
  for (const name of doc.hide ?? []) once(out, name, "hide");
  return out;
}

/** Keyed by Claude Code's rule name, mcp__<server>__<tool>. */
function readClaudeCode(text: string): Map<string, string> {
  const doc = JSON.parse(text) as { permissions: Record<"allow" | "ask" | "deny", string[]> };
  const out = new Map<string, string>();
  for (const list of ["allow", "ask", "deny"] as const) for (const rule of doc.permissions[list]) once(out, rule, list);
  return out;
}

/** A server written `enabled = false` (no tool allowed) has no enabled_tools: Codex starts none of its tools. */
function readCodex(text: string, clientName: string): Map<string, string> {
  const doc = parseToml(text) as { mcp_servers: Record<string, { enabled?: boolean; enabled_tools?: string[]; disabled_tools: string[]; tools?: Record<string, { approval_mode: string }> }> };
  const server = doc.mcp_servers[clientName];
  if (!server) throw new Error(`no [mcp_servers.${clientName}] table; tables: ${Object.keys(doc.mcp_servers).join(", ")}`);
  const prompted = new Set(Object.entries(server.tools ?? {}).filter(([, t]) => t.approval_mode === "prompt").map(([name]) => name));
  const out = new Map<string, string>();
  for (const name of server.enabled === false ? [] : server.enabled_tools!) once(out, name, prompted.has(name) ? "approve" : "allow");
  for (const name of server.disabled_tools) once(out, name, "deny");
  return out;
}

function unescape(body: string, named: Record<string, string>): string {
  return body.replace(/\\(u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|.)/gsu, (_, esc: string, braced?: string, plain?: string) => {
    if (braced) return String.fromCodePoint(parseInt(braced, 16));
    if (plain) return String.fromCharCode(parseInt(plain, 16));
    const c = named[esc];
    if (c === undefined) throw new Error(`bad escape \\${esc}`);
    return c;
  });
}

const ESCAPES = { n: "\n", r: "\r", t: "\t", "\\": "\\", "0": "\0", "'": "'", '"': '"' };
// A statement about one tool, with or without a condition on its arguments (`when { context has … }`).
const CEDAR = /^(permit|forbid)\(principal, action == Action::"call_tool", resource == Tool::"((?:[^"\\\n\r]|\\.)*)"\)( when \{ context has .* \})?;$/su;

function readCedar(text: string): Map<string, string> {
  const doc = parseYaml(text) as { type: string; cedar: { policies: string[] } };
  if (doc.type !== "cedarv1") throw new Error("not a ToolHive Cedar config");
  const out = new Map<string, string>();
  for (const statement of doc.cedar.policies) {
    const m = CEDAR.exec(statement);
    if (!m) throw new Error(`not one call_tool statement: ${statement}`);
    // A conditional forbid only narrows its tool's conditional permit: the permit says what the tool is.
    if (m[3] && m[1] === "forbid") continue;
    once(out, unescape(m[2]!, ESCAPES), m[1] === "permit" ? "allow" : "deny");
  }
  return out;
}

const CEL_LITERAL = String.raw`"((?:[^"\\\n\r]|\\.)*)"`;
const CEL_RULE = new RegExp(`^mcp\\.tool\\.target == ${CEL_LITERAL} && mcp\\.tool\\.name == ${CEL_LITERAL}$`, "su");

function readAgentgateway(text: string, clientName: string): Map<string, string> {
  const doc = parseYaml(text) as { mcpAuthorization: { rules: (string | { deny: string })[] } };
  const out = new Map<string, string>();
  for (const rule of doc.mcpAuthorization.rules) {
    const denied = typeof rule === "object";
    const expression = denied ? rule.deny : rule;
    if (expression === "false" && !denied) continue;
    const m = CEL_RULE.exec(expression);
    if (!m) throw new Error(`not a target+name rule: ${expression}`);
    if (unescape(m[1]!, ESCAPES) !== clientName) throw new Error(`rule for another target: ${expression}`);
    once(out, unescape(m[2]!, ESCAPES), denied ? "deny" : "allow");
  }
  return out;
}

/** Tool (or, for claude-code, rule name) → the decision the document makes; throws on anything malformed. */
export function readPolicy(format: FormatName, text: string, clientName: string): Map<string, string> {
  switch (format) {
    case "native":
      return readNative(text);
    case "intercept":
      return readIntercept(text);
    case "claude-code":
      return readClaudeCode(text);
    case "codex":
      return readCodex(text, clientName);
    case "cedar":
      return readCedar(text);
    case "agentgateway":
      return readAgentgateway(text, clientName);
  }
}

/** The key a dialect gives a tool in readPolicy's map. */
export function policyKey(format: FormatName, clientName: string, tool: string): string {
  return format === "claude-code" ? `mcp__${clientName.replace(/[^A-Za-z0-9_-]/g, "_")}__${tool.replace(/[^A-Za-z0-9_-]/g, "_")}` : tool;
}
