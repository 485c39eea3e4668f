// Codex: the [mcp_servers.<name>] keys of config.toml that allow, gate and deny each tool.
//
// Codex (codex-rs config, `McpServerConfig`) reads `enabled_tools` as an allow-list (when set, only
// those tools are registered), then removes `disabled_tools`; `enabled = false` skips starting the server. `[mcp_servers.<name>.tools.<tool>]
// approval_mode = "prompt"` asks the user before every call of that tool. (Its other modes are
// looser: "auto" decides from annotations and "approve" runs without asking.) Codex has no rate
// limits, so those appear only as comments. Codex shortens a tool's model-facing name
// `mcp__<server>__<tool>` past 64 characters (a prefix and a SHA-1), but its lists and tool tables
// are matched against the server's own tool name, so they hold that name whatever its length.
import type { Decision } from "../policy.js";
import { commentText, headerLines, limitsText, lossWarnings, reasonSuffix, unicodeEscape, type Expressiveness, type Rendered, type ResolvedExport, type ToolEntry } from "./export.js";

const FORMAT = "codex";

/** Tool lists and per-tool approval_mode: no counters, nothing about arguments; a disabled tool is not registered, so hidden. */
export const CODEX_EXPRESSES: Expressiveness = { limits: "none", approval: true, argumentRules: "none", unnamedDenied: true };

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * A TOML basic string. JSON's escapes (\" \\ \b \f \n \r \t \uXXXX) are all TOML escapes, and JSON
 * escapes every control character TOML requires escaped except DEL. Lone surrogates (which would
 * come out as \udXXX, invalid in TOML) are refused before rendering.
 */
export function tomlString(value: string): string {
  // DEL must be escaped in TOML; C1 controls, U+2028/9 and invisible format characters are legal raw
  // but invisible, line-breaking or reordering in editors.
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029]|\p{Cf}/gu, (c) => unicodeEscape(c, "u8"));
}

/** A TOML key: bare when it only has A-Za-z0-9_- (so dots never split it into a sub-table), else quoted. */
export function tomlKey(key: string): string {
  return BARE_KEY.test(key) ? key : tomlString(key);
}

function note(tool: ToolEntry): string {
  const limits = limitsText(tool.rule);
  switch (tool.decision) {
    case "allow":
      return "";
    case "limit":
      return `recommended limit ${limits}; Codex cannot rate-limit`;
    case "approve":
      return `asks before every call${reasonSuffix(tool.rule)}` + (limits ? `; recommended limit ${limits} not enforced` : "");
    case "deny":
      return `denied${reasonSuffix(tool.rule)}`;
  }
}

function arrayItems(tools: ToolEntry[]): string[] {
  return tools.map((tool) => {
    const text = note(tool);
    return `  ${tomlString(tool.name)},${text ? ` # ${commentText(text)}` : ""}`;
  });
}

function byDecision(input: ResolvedExport, ...decisions: Decision[]): ToolEntry[] {
  return input.tools.filter((tool) => decisions.includes(tool.decision));
}

/**
 * Why a server none of whose tools is allowed is written `enabled = false` rather than `enabled_tools = []`: Codex
 * writes an empty list back as no list whenever it rewrites config.toml (`codex mcp add` and the other `codex mcp`
 * edits; codex-rs config/src/mcp_edit.rs keeps enabled_tools only when non-empty), and no list enables every tool, so
 * a tool the server adds later would run. It keeps `enabled = false` (written back whenever false).
 */
const NOTHING_ALLOWED = [
  "No tool of this server is allowed: enabled = false keeps Codex from starting it. (An empty enabled_tools would",
  "be dropped the next time Codex rewrites this file, e.g. codex mcp add, and every tool, new ones too, enabled.)",
];

/**
 * allow and limit → enabled; approve → enabled with approval_mode "prompt"; deny → disabled.
 * Every tool appears in exactly one of enabled_tools / disabled_tools, save that with none enabled the server itself
 * is disabled (NOTHING_ALLOWED) and enabled_tools left out; with some enabled, the server is enabled outright.
 */
export function renderCodex(input: ResolvedExport): Rendered {
  const table = `mcp_servers.${tomlKey(input.clientName)}`;
  const enabled = byDecision(input, "allow", "limit", "approve");
  const disabled = byDecision(input, "deny");
  const lines = [
    ...headerLines(FORMAT, input, { namesServer: true }),
    `Merge these keys into the existing [${table}] table of ~/.codex/config.toml (or .codex/config.toml).`,
    `Per-tool approval_mode needs a Codex version that reads [mcp_servers.<name>.tools.<tool>].`,
  ].map((line) => `# ${line}`);
  lines.push("", `[${table}]`);
  // `enabled = true` said outright: merged into a table an earlier export of a server with nothing allowed set false,
  // these keys would otherwise leave the server off, its allowed tools too.
  if (enabled.length) lines.push("enabled = true", "enabled_tools = [", ...arrayItems(enabled), "]");
  else lines.push(...NOTHING_ALLOWED.map((line) => `# ${line}`), "enabled = false");
  lines.push(disabled.length ? "disabled_tools = [" : "disabled_tools = []", ...arrayItems(disabled), ...(disabled.length ? ["]"] : []));
  for (const tool of byDecision(input, "approve")) {
    lines.push("", `[${table}.tools.${tomlKey(tool.name)}]`, `approval_mode = "prompt"`);
  }
  return { text: `${lines.join("\n")}\n`, warnings: lossWarnings(FORMAT, input, CODEX_EXPRESSES) };
}
