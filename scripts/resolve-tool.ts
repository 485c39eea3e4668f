// Finds the tool a user means on one server: the tool named exactly, else the one whose name differs only in case.
import type { Db } from "../db/client.js";
import { serverToolsNamed, type ServerRef, type ToolEntry } from "../db/lookups.js";
import { CliError } from "./command.js";
import { nameText, truncate } from "./terminal.js";

export type ToolMatch = { kind: "one"; entry: ToolEntry } | { kind: "ambiguous"; candidates: string[] } | { kind: "none" };

/**
 * MCP tool names are case-sensitive: `get_data` and `GET_DATA` on one server are two tools, and the one named
 * exactly is meant. Case is forgiven only when it picks one tool; several that differ only in case are ambiguous.
 */
export async function matchTool(db: Db, serverId: number, name: string): Promise<ToolMatch> {
  const found = await serverToolsNamed(db, serverId, name);
  const exact = found.find((e) => e.tool === name);
  if (exact) return { kind: "one", entry: exact };
  if (found.length === 1) return { kind: "one", entry: found[0]! };
  // In code-point order, the same on every database whatever its collation.
  return found.length ? { kind: "ambiguous", candidates: found.map((e) => e.tool).sort() } : { kind: "none" };
}

/** What an ambiguous tool name tells, on every surface. */
export function ambiguousToolMessage(name: string, server: string, candidates: number): string {
  return `'${name}' matches ${candidates} tools on ${server} whose names differ only in case; name one exactly`;
}

/** The tool `name` means on `server`, undefined when none; an ambiguous name is a CliError listing the candidates (exit 2). */
export async function toolOnServer(db: Db, server: ServerRef, name: string): Promise<ToolEntry | undefined> {
  const match = await matchTool(db, server.id, name);
  if (match.kind === "one") return match.entry;
  if (match.kind === "none") return undefined;
  const shown = match.candidates.map((c) => `  ${nameText(c)}`);
  throw new CliError([`${ambiguousToolMessage(nameText(truncate(name, 120)), nameText(server.key), match.candidates.length)}:`, ...shown].join("\n"), 2);
}
