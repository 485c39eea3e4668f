// The server names a client takes in its own config, checked before a policy names the server in that client's dialect.
import { UnrepresentableNameError, type FormatName } from "../classifier/formats/formats.js";

/**
 * The formats whose document names the server by the name it has in the client or gateway (the others ignore it), each
 * with what that name is there, as the help says it: the one table the list of formats and its prose are read from.
 */
const CLIENT_NAME_IN: Partial<Record<FormatName, string>> = { "claude-code": "claude-code", codex: "codex", agentgateway: "agentgateway's target" };

export const CLIENT_NAME_FORMATS = Object.keys(CLIENT_NAME_IN) as readonly FormatName[];

/**
 * The server names Claude Code and Codex take. Claude Code: `claude mcp add` refuses any other ("Names can only
 * contain letters, numbers, hyphens, and underscores") and a .mcp.json key outside it is not loaded; within it the
 * name is its own normal form, so the rules name exactly the server the user configured. Codex (codex-rs
 * validate_mcp_server_name): a [mcp_servers.<name>] table with any other name fails to start, so its tool lists
 * would configure nothing.
 */
const CLIENT_SERVER_NAME = /^[A-Za-z0-9_-]+$/;
const CLIENTS: Partial<Record<FormatName, string>> = { "claude-code": "Claude Code", codex: "Codex" };

/** What --client-name, the API's clientName and get_policy's clientName are, naming every format whose document uses it. */
export const CLIENT_NAME_MEANING = clientNameMeaning(CLIENT_NAME_IN);

/** The prose for a table of formats and what the name is in each: "server's name in your client or gateway config (a, b)". */
export function clientNameMeaning(nameIn: Partial<Record<FormatName, string>>): string {
  return `server's name in your client or gateway config (${Object.values(nameIn).join(", ")})`;
}

/**
 * Refuses a name the user gave for the server (--client-name, clientName) that the format's client would not take
 * or that its rules would not name unambiguously. Throws UnrepresentableNameError, as the export does for the names
 * it cannot write. The default name, derived from the catalog key, is always one every client takes.
 */
export function checkClientName(format: FormatName, clientName: string): void {
  const client = CLIENTS[format];
  if (client === undefined) return;
  if (!CLIENT_SERVER_NAME.test(clientName)) {
    throw new UnrepresentableNameError(format, "server", clientName, `${client} takes only letters, digits, "-" and "_" in a server name`);
  }
  // mcp__<server>__<tool> is split at the first "__": "a_" makes mcp__a___t, read as server "a" and tool "_t"; "_a"
  // makes mcp___a__t, where the server's "_" runs into the separator. ("__" inside the name the export refuses.)
  if (format === "claude-code" && (clientName.startsWith("_") || clientName.endsWith("_"))) {
    throw new UnrepresentableNameError(format, "server", clientName, `an "_" at either end runs into the "__" around the server name in mcp__<server>__<tool>`);
  }
}
