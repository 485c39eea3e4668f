// `mcp-catalog mcp`: the catalog as an MCP server on stdio, for a host or gateway to launch.
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { catalogMcpServer } from "../../server/mcp.js";
import type { Command } from "../command.js";
import { loadConfig } from "../config.js";
import { withCatalog } from "../open-catalog.js";
import { safeText } from "../terminal.js";

export const command: Command = {
  name: "mcp",
  summary: "Serve the catalog as an MCP server on stdio (check_tool, search_tools, check_server, get_policy, get_changes)",
  usage: "",
  details: [
    "Every tool is read-only (readOnlyHint: true). The server runs until its client closes stdin or",
    "it gets SIGTERM. Example host configuration: {\"command\": \"npx\", \"args\": [\"mcp-catalog\", \"mcp\"]}.",
    "On Postgres a tool call whose query runs past CATALOG_SERVE_STATEMENT_TIMEOUT_MS (default 5000 ms), as on serve,",
    "is a tool error saying so.",
    "Exit codes: 0 the client went away; 1 the catalog cannot be opened; 2 a newer mcp-catalog migrated it;",
    "3 the embedded catalog is in use.",
  ].join("\n"),
  options: {},
  async run(_args, io) {
    const config = loadConfig(io.env, io.cwd);
    await withCatalog(io, config, async (catalog) => {
      const ended = new Promise<void>((resolve) => {
        io.stdin.once("end", resolve);
        io.stdin.once("close", resolve);
        if (io.signal?.aborted) resolve();
        io.signal?.addEventListener("abort", () => resolve(), { once: true });
      });
      const mcp = {
        onError: (e: unknown) => io.stderr.write(`mcp-catalog mcp: internal error: ${safeText((e as Error).stack ?? String(e))}\n`),
        debug: config.debug,
        statementTimeoutMs: catalog.reads.statementTimeoutMs,
      };
      // Tool calls read through `reads`, under serve's statement timeout on Postgres: a query stuck behind a lock or a
      // bad plan answers a tool error instead of leaving the host's call hanging.
      const handle = serveStdio(() => catalogMcpServer(catalog.reads.db, mcp), { onerror: (e) => io.stderr.write(`mcp-catalog mcp: ${safeText(e.message)}\n`) });
      await ended;
      await handle.close();
    }, { lifetime: "server", readStatementTimeoutMs: config.serveStatementTimeoutMs });
    return 0;
  },
};
