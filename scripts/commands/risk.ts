// `mcp-catalog risk NAME`: how risky is this tool, on every server that has one by that name.
import { similarToolNames, toolsByName } from "../../db/lookups.js";
import { CliError, type Command } from "../command.js";
import { loadConfig } from "../config.js";
import { withCatalog } from "../open-catalog.js";
import { requireServer, serverArgument } from "../resolve-server.js";
import { colorizer, safeText } from "../terminal.js";
import { renderToolText, toolView } from "../tool-view.js";

export const command: Command = {
  name: "risk",
  summary: "The risk of a tool by name: category, risk, confidence, rationale and suggested rule per server",
  usage: "NAME [--server S] [--json]",
  details: [
    "NAME matches case-insensitively. Exit codes: 0 found; 1 no such tool (with suggestions) or no such",
    "server; 2 bad arguments or an ambiguous --server (the candidates are listed).",
  ].join("\n"),
  positionals: [1, 1],
  options: {
    server: { type: "string", valueName: "S", description: "Only this server (registry name, repository URL, npm:<package> or unique key prefix)" },
    json: { type: "boolean", description: "Print a JSON array of entries" },
  },
  async run(args, io) {
    const name = args.positionals[0]!.trim();
    if (!name) throw new CliError("NAME must not be empty", 2);
    const serverArg = serverArgument(args.values.server, "--server");
    const config = loadConfig(io.env, io.cwd);
    const { server, found, suggestions } = await withCatalog(config, async (catalog) => {
      const server = serverArg !== undefined ? await requireServer(catalog.db, serverArg) : undefined;
      const found = await toolsByName(catalog.db, name, server ? [server.id] : undefined);
      // On one server the suggestions are that server's names; a name on another server is no answer there.
      return { server, found, suggestions: found.length ? [] : await similarToolNames(catalog.db, name, { ...(server ? { serverIds: [server.id] } : {}) }) };
    });
    if (found.length === 0) {
      const hint = suggestions.length ? ` Did you mean: ${suggestions.map((s) => safeText(s)).join(", ")}?` : "";
      throw new CliError(`no tool named '${safeText(name)}' ${server ? `on ${safeText(server.key)}` : "in the catalog"}.${hint}`, 1);
    }
    const views = found.map(toolView);
    if (args.values.json) {
      io.stdout.write(`${JSON.stringify(views)}\n`);
      return 0;
    }
    const paint = colorizer(io.stdout, io.env);
    io.stdout.write(`${views.map((v) => renderToolText(v, paint)).join("\n\n")}\n`);
    return 0;
  },
};
