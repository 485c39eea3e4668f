// The server names a client takes in its own config, checked before a policy names the server in that client's dialect.
import { UnrepresentableNameError, type FormatName } from "../classifier/formats/formats.js";

/**
 * Claude Code's own rule for a server name: `claude mcp add` refuses any other ("Names can only contain letters,
 * numbers, hyphens, and underscores") and a .mcp.json key outside it is not loaded. Within it the name is its own
 * normal form, so the rules name exactly the server the user configured.
 */
const CLAUDE_CODE_SERVER_NAME = /^[A-Za-z0-9_-]+$/;

/**
 * Refuses a name the user gave for the server (--client-name, clientName) that the format's client would not take
 * or that its rules would not name unambiguously. Throws UnrepresentableNameError, as the export does for the names
 * it cannot write. The default name, derived from the catalog key, is always one every client takes.
 */
export function checkClientName(format: FormatName, clientName: string): void {
  if (format !== "claude-code") return;
  if (!CLAUDE_CODE_SERVER_NAME.test(clientName)) {
    throw new UnrepresentableNameError(format, "server", clientName, `Claude Code takes only letters, digits, "-" and "_" in a server name`);
  }
  // mcp__<server>__<tool> is split at the first "__": "a_" makes mcp__a___t, read as server "a" and tool "_t"; "_a"
  // makes mcp___a__t, where the server's "_" runs into the separator. ("__" inside the name the export refuses.)
  if (clientName.startsWith("_") || clientName.endsWith("_")) {
    throw new UnrepresentableNameError(format, "server", clientName, `an "_" at either end runs into the "__" around the server name in mcp__<server>__<tool>`);
  }
}
