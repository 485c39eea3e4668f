// Claude Code: a settings.json fragment whose permissions allow, ask or deny each mcp__server__tool.
import { commentText, jsonText, lossWarnings, UnrepresentableNameError, type Expressiveness, type Rendered, type ResolvedExport, type ToolEntry } from "./export.js";
import type { Decision } from "../policy.js";

/**
 * Claude Code names an MCP tool `mcp__<server>__<tool>` after replacing every character outside
 * [A-Za-z0-9_-] with "_" in both parts (buildMcpToolName and normalizeNameForMCP, services/mcp; only a
 * "claude.ai " connector's name is collapsed further), so a rule must use that normalized form to match,
 * and two tools that differ only in such characters are one name to it.
 */
export function claudeCodeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "_");
}

/**
 * The longest tool name Claude's API takes where Claude Code names an MCP tool to it (`tool_reference.tool_name` of
 * tool search, and every tool definition before the API allowed 128). Claude Code does not shorten a longer name, nor
 * hash it as Codex does: the tool keeps its full `mcp__<server>__<tool>`, which is what its permission rules are
 * matched against, so the rule below still names it; but a request that offers or calls it can be refused (HTTP 400
 * "String should have at most 64 characters", anthropics/claude-code#2445, #19882, #22327).
 */
export const CLAUDE_CODE_NAME_LIMIT = 64;

/** Permissions name whole tools: no arguments, no counters; `ask` is its approval. */
export const CLAUDE_CODE_EXPRESSES: Expressiveness = { limits: "none", approval: true, argumentRules: "none", unnamedDenied: false };

/**
 * Every other dialect denies a tool it does not name; Claude Code cannot for one server: deny beats ask beats allow, so
 * a rule denying mcp__<server> (or mcp__<server>__*) would deny the tools allowed here too. A tool the server adds
 * after the export falls to the permission mode, and the JSON has no comment to say so.
 */
const UNNAMED_NOT_DENIED =
  "claude-code: a tool these rules do not name (one the server adds later) is not denied: Claude Code asks before each call, and runs it without asking in bypassPermissions mode";

type List = "allow" | "ask" | "deny";

/** The permissions list a tool's decision puts it in. */
export const CLAUDE_CODE_LIST: Record<Decision, List> = { allow: "allow", limit: "allow", approve: "ask", deny: "deny" };
const STRICTNESS: Record<List, number> = { allow: 0, ask: 1, deny: 2 };

/** The list of the one rule for tools Claude Code names alike: the strictest of theirs (deny beats ask beats allow, as in Claude Code). */
export function sharedList(decisions: readonly Decision[]): List {
  return decisions.map((decision) => CLAUDE_CODE_LIST[decision]).reduce((a, b) => (STRICTNESS[b] > STRICTNESS[a] ? b : a));
}

/**
 * low/medium → allow (Claude Code cannot rate-limit), high → ask, critical → deny. Tools whose names normalize to the
 * same Claude Code name (`a/b`, `a b` and `a_b` are all mcp__<server>__a_b) are one tool to its rules, so that name gets
 * the strictest of their lists (deny beats ask beats allow, as in Claude Code), and a warning names them.
 */
export function renderClaudeCode(input: ResolvedExport): Rendered {
  const server = claudeCodeName(input.clientName);
  // Claude Code splits mcp__<server>__<tool> on "__", so a server name holding "__" is read as a
  // shorter server name and a longer tool name: the rules would not be about this server.
  if (server.includes("__")) {
    throw new UnrepresentableNameError("claude-code", "server", input.clientName, `Claude Code reads "__" as the end of the server name`);
  }
  const byRule = new Map<string, ToolEntry[]>();
  for (const tool of input.tools) {
    const rule = `mcp__${server}__${claudeCodeName(tool.name)}`;
    byRule.set(rule, [...(byRule.get(rule) ?? []), tool]);
  }
  const permissions: Record<List, string[]> = { allow: [], ask: [], deny: [] };
  const overLong: string[] = [];
  const shared: string[] = [];
  for (const [rule, tools] of byRule) {
    const list = sharedList(tools.map((tool) => tool.decision));
    permissions[list].push(rule);
    if (rule.length > CLAUDE_CODE_NAME_LIMIT) overLong.push(...tools.map((tool) => overLongWarning(tool, rule, list)));
    if (tools.length > 1) shared.push(sharedNameWarning(tools, rule, list));
  }
  for (const list of Object.values(permissions)) list.sort();
  return { text: jsonText({ permissions }), warnings: [...lossWarnings("claude-code", input, CLAUDE_CODE_EXPRESSES), ...overLong, ...shared, UNNAMED_NOT_DENIED] };
}

/**
 * Tools the server names apart but Claude Code names alike: no rule can tell them apart, so the one rule written has the
 * strictest of their lists, and a tool whose own rule was looser is held to it. The warning names every such tool with
 * its own list beside the one the shared rule has, so the user sees which tool lost its rule.
 */
function sharedNameWarning(tools: ToolEntry[], rule: string, list: List): string {
  const names = tools.map((tool) => `"${commentText(tool.name)}" (${CLAUDE_CODE_LIST[tool.decision]})`);
  return (
    `claude-code: tools ${names.slice(0, -1).join(", ")} and ${names.at(-1)} are one name in Claude Code, ${rule} (it writes each character outside A-Z a-z 0-9 _ - as "_"), ` +
    `so one rule holds them all: ${list}, the strictest of their rules`
  );
}

/**
 * A tool whose name in Claude Code is over the API's limit: its rule is kept (it names the tool as Claude Code does),
 * and the warning says what fails and the one fix the user has, a shorter server name in their Claude Code config.
 */
function overLongWarning(tool: ToolEntry, rule: string, list: List): string {
  const room = CLAUDE_CODE_NAME_LIMIT - `mcp____${claudeCodeName(tool.name)}`.length;
  const fix =
    room > 0
      ? `naming the server with at most ${room} characters in your Claude Code config (and --client-name) brings it within ${CLAUDE_CODE_NAME_LIMIT}`
      : `the tool's own name leaves no room for any server name; only the server's author can shorten it`;
  return (
    `claude-code: ${commentText(tool.name)}: its Claude Code name ${rule} is ${rule.length} characters, over the ${CLAUDE_CODE_NAME_LIMIT} Claude's API takes; ` +
    `Claude Code does not shorten it, so the rule still names the tool (${list}), but Claude Code's requests that offer or call it may be refused; ${fix}`
  );
}
