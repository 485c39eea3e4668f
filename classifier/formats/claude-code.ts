// Claude Code: a settings.json fragment whose permissions allow, ask or deny each mcp__server__tool.
import { jsonText, lossWarnings, UnrepresentableNameError, type Expressiveness, type Rendered, type ResolvedExport } from "./export.js";
import type { Decision } from "../policy.js";

/**
 * Claude Code names an MCP tool `mcp__<server>__<tool>` after replacing every character outside
 * [A-Za-z0-9_-] with "_" in both parts, so a rule must use that normalized form to match.
 */
export function claudeCodeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "_");
}

/** Permissions name whole tools: no arguments, no counters; `ask` is its approval. */
export const CLAUDE_CODE_EXPRESSES: Expressiveness = { limits: false, approval: true, argumentRules: "none", hides: false };

type List = "allow" | "ask" | "deny";

const LIST: Record<Decision, List> = { allow: "allow", limit: "allow", approve: "ask", deny: "deny" };
const STRICTNESS: Record<List, number> = { allow: 0, ask: 1, deny: 2 };

/**
 * low/medium → allow (Claude Code cannot rate-limit), high → ask, critical → deny. Two tools whose
 * names normalize to the same rule (`a.b` and `a_b`) share it, so the rule takes the stricter list.
 */
export function renderClaudeCode(input: ResolvedExport): Rendered {
  const server = claudeCodeName(input.clientName);
  // Claude Code splits mcp__<server>__<tool> on "__", so a server name holding "__" is read as a
  // shorter server name and a longer tool name: the rules would not be about this server.
  if (server.includes("__")) {
    throw new UnrepresentableNameError("claude-code", "server", input.clientName, `Claude Code reads "__" as the end of the server name`);
  }
  const lists = new Map<string, List>();
  for (const tool of input.tools) {
    const rule = `mcp__${server}__${claudeCodeName(tool.name)}`;
    const list = LIST[tool.decision];
    const seen = lists.get(rule);
    if (!seen || STRICTNESS[list] > STRICTNESS[seen]) lists.set(rule, list);
  }
  const permissions: Record<List, string[]> = { allow: [], ask: [], deny: [] };
  for (const [rule, list] of lists) permissions[list].push(rule);
  for (const list of Object.values(permissions)) list.sort();
  return { text: jsonText({ permissions }), warnings: lossWarnings("claude-code", input, CLAUDE_CODE_EXPRESSES) };
}
