// The export dialects by name: what `policy --format` accepts, and the one entry point that renders.
import { policySchema, ruleSchema, type Policy } from "../policy.js";
import { AGENTGATEWAY_EXPRESSES, agentgatewayTargetName, renderAgentgateway } from "./agentgateway.js";
import { CEDAR_EXPRESSES, renderCedar } from "./cedar.js";
import { CLAUDE_CODE_EXPRESSES, claudeCodeName, renderClaudeCode } from "./claude-code.js";
import { CODEX_EXPRESSES, renderCodex } from "./codex.js";
import { checkName, commentText, toolEntries, UnrepresentableNameError, type Expressiveness, type PolicyExport, type Rendered, type ResolvedExport } from "./export.js";
import { INTERCEPT_EXPRESSES, renderIntercept } from "./intercept.js";
import { NATIVE_EXPRESSES, renderNative } from "./native.js";

export type { PolicyExport, Rendered } from "./export.js";
export { UnrepresentableNameError } from "./export.js";

export const FORMAT_NAMES = ["native", "intercept", "claude-code", "codex", "cedar", "agentgateway"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** One line per format for `--format` help. */
export const FORMAT_DESCRIPTIONS: Record<FormatName, string> = {
  native: "PolicyLayer policy.json (version, default, hide, tools with require / deny_if / limits)",
  intercept: "Intercept proxy policy YAML (rate_limit and deny rules)",
  "claude-code": "Claude Code settings.json permissions (allow / ask / deny)",
  codex: "Codex config.toml [mcp_servers.<name>] enabled_tools / disabled_tools",
  cedar: "ToolHive authz config YAML with Cedar permit / forbid policies",
  agentgateway: "agentgateway mcpAuthorization rules (CEL)",
};

/** What each format can say, as its exporter declares it (the pages name the formats that read an action argument from it). */
export const FORMAT_EXPRESSES: Record<FormatName, Expressiveness> = {
  native: NATIVE_EXPRESSES,
  intercept: INTERCEPT_EXPRESSES,
  "claude-code": CLAUDE_CODE_EXPRESSES,
  codex: CODEX_EXPRESSES,
  cedar: CEDAR_EXPRESSES,
  agentgateway: AGENTGATEWAY_EXPRESSES,
};

const RENDERERS: Record<FormatName, (input: ResolvedExport) => Rendered> = {
  native: renderNative,
  intercept: renderIntercept,
  "claude-code": renderClaudeCode,
  codex: renderCodex,
  cedar: renderCedar,
  agentgateway: renderAgentgateway,
};

/**
 * What a format makes of the default client name, where its client or gateway would not take that name as it is:
 * agentgateway's target names hold no "_".
 */
const DEFAULT_NAME_IN: Partial<Record<FormatName, (clientName: string) => string>> = { agentgateway: agentgatewayTargetName };

/** The server's name in `format`'s document when the user gives none. */
export function defaultClientNameIn(format: FormatName, serverKey: string): string {
  const name = defaultClientName(serverKey);
  return DEFAULT_NAME_IN[format]?.(name) ?? name;
}

/**
 * How a format's client or gateway names a tool where it matches its rules: Claude Code writes every character outside
 * A-Z a-z 0-9 _ - as "_", so `a/b` and `a_b` are one tool to its rules (and its document gives them one rule, the
 * strictest); every other format names a tool as its server does.
 */
const TOOL_NAME_IN: Partial<Record<FormatName, (tool: string) => string>> = { "claude-code": claudeCodeName };

/** The name `format` matches `tool` by: two tools with the same such name get one rule in its document. */
export function toolNameIn(format: FormatName, tool: string): string {
  return TOOL_NAME_IN[format]?.(tool) ?? tool;
}

export function isFormatName(value: string): value is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(value);
}

/**
 * The name a user most likely gives the server in a client or gateway config: the last path segment
 * of the catalog key (the subfolder of a monorepo key), read as the text it encodes (a key taken from
 * a link keeps the link's percent-encoding: `%2F` is a "/" between segments, `caf%C3%A9` is "café"),
 * lower-cased, accents dropped ("é" → "e"), with every run of characters still outside [a-z0-9_-]
 * turned into one "-" — a name every dialect accepts unquoted (agentgateway's target takes it with "_" as "-":
 * defaultClientNameIn).
 * "io.github.github/github-mcp-server" → "github-mcp-server";
 * "github.com/modelcontextprotocol/servers#src/filesystem" → "filesystem";
 * "example.com/servers/acme%2Fweather%20tools" → "weather-tools".
 */
export function defaultClientName(serverKey: string): string {
  const hash = serverKey.lastIndexOf("#");
  const path = percentDecoded(hash >= 0 ? serverKey.slice(hash + 1) : serverKey).replace(/\/+$/, "");
  const last = path.slice(path.lastIndexOf("/") + 1);
  // Decomposed before lower-casing: a compatibility form (𝐆, ℌ, ㎒) decomposes to capitals, which would then be dropped.
  const name = last
    .normalize("NFKD")
    .toLowerCase()
    .replace(/\p{M}+/gu, "")
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/_{2,}/g, "_") // "__" separates server from tool in Claude Code's mcp__server__tool
    .replace(/-{2,}/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "");
  return name || "server";
}

/**
 * Text with its percent-escapes decoded as UTF-8. Bytes that are not UTF-8 (`%FF`, a cut-off `%E2%9C`) become
 * U+FFFD, which the name then drops like any other character outside it, rather than failing the whole key.
 */
function percentDecoded(text: string): string {
  const utf8 = new TextDecoder();
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => utf8.decode(Uint8Array.from(run.slice(1).split("%"), (hex) => parseInt(hex, 16))));
}

/**
 * The policy checked against its schema, rule by rule: a zod record would drop a tool named
 * `__proto__`, and a dropped tool is a tool the export silently stops mentioning.
 */
function checkedPolicy(policy: Policy): Policy {
  const head = policySchema.omit({ tools: true }).parse(policy);
  const tools = Object.fromEntries(Object.entries(policy.tools).map(([name, rule]) => [name, ruleSchema.parse(rule)] as const));
  return { ...head, tools };
}

/**
 * The policy in `format`, ready to write to a file (ends with "\n"), and what the dialect could not
 * express. Throws UnrepresentableNameError.
 */
export function exportPolicy(format: FormatName, input: PolicyExport): Rendered {
  const policy = checkedPolicy(input.policy);
  const clientName = input.server.clientName ?? defaultClientNameIn(format, input.server.key);
  checkName(format, "server", clientName);
  const resolved: ResolvedExport = {
    serverKey: input.server.key,
    clientName,
    policy,
    ...(input.generatedAt ? { generatedAt: input.generatedAt } : {}),
    hideDenied: input.hideDenied ?? false,
    tools: toolEntries(format, policy),
  };
  const { text, warnings } = RENDERERS[format](resolved);
  return { text: text.endsWith("\n") ? text : `${text}\n`, warnings };
}

/** A tool whose name a format cannot hold, and why (UnrepresentableNameError's words). */
export interface UnnamedTool {
  tool: string;
  why: string;
}

/**
 * The export in `format` of every tool it can name, and the tools it cannot (exportPolicy stops at the first): what
 * the pages and `policy --json` say of a server with such a tool, where no document of the format can be written. A
 * server name it cannot hold still throws: no rule of the document could name the server.
 */
export function exportNamed(format: FormatName, input: PolicyExport): { unnamed: UnnamedTool[]; rendered: Rendered } {
  const unnamed: UnnamedTool[] = [];
  let tools = input.policy.tools;
  for (;;) {
    try {
      return { unnamed, rendered: exportPolicy(format, { ...input, policy: { ...input.policy, tools } }) };
    } catch (e) {
      if (!(e instanceof UnrepresentableNameError) || e.kind !== "tool" || !Object.hasOwn(tools, e.value)) throw e;
      unnamed.push({ tool: e.value, why: e.why });
      const refused = e.value;
      tools = Object.fromEntries(Object.entries(tools).filter(([name]) => name !== refused));
    }
  }
}

/**
 * The warnings of an export in `format` when no document is written (`policy --json` prints the recommendation
 * instead): a tool name the format cannot hold stops exportPolicy, but here it is one more warning, naming the
 * tool and why, beside what the export would say of every other tool.
 */
export function exportWarnings(format: FormatName, input: PolicyExport): string[] {
  const { unnamed, rendered } = exportNamed(format, input);
  return [
    ...unnamed.map((u) => `${format}: ${commentText(u.tool)}: the name cannot be written (${u.why}); a ${format} document cannot be exported with this tool, so its rule must be written by hand`),
    ...rendered.warnings,
  ];
}

/** The document alone. */
export function renderPolicy(format: FormatName, input: PolicyExport): string {
  return exportPolicy(format, input).text;
}
