// `mcp-catalog serve`: the catalog over HTTP — JSON API, registry feed, MCP endpoint and pages — until SIGTERM.
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "../../server/app.js";
import { SERVE_DEFAULTS } from "../../server/defaults.js";
import { startRefreshLoop } from "../../server/refresh-loop.js";
import { CliError, type Command } from "../command.js";
import { loadConfig } from "../config.js";
import { parseDuration } from "../duration.js";
import { openConfiguredCatalog } from "../open-catalog.js";
import { safeText } from "../terminal.js";
import { reviewSettings } from "../model-review-setup.js";
import { parseSources, refreshPlan } from "./refresh.js";
import { wholeNumber } from "../whole-number.js";

function parsePort(value: string | undefined): number {
  if (value === undefined) return SERVE_DEFAULTS.port;
  const port = wholeNumber(value, { max: 65_535 });
  if (port === undefined) throw new CliError(`--port takes a port number from 0 to 65535 (0: any free port); got '${safeText(value)}'`, 2);
  return port;
}

export const command: Command = {
  name: "serve",
  summary: "Serve the catalog: JSON API, registry-compatible feed, MCP endpoint and HTML pages",
  usage: "[--port N] [--host H] [--refresh-every DURATION [--sources LIST]] [--quiet]",
  details: [
    "Routes: / (home), /tools/NAME, /servers/SERVER, /servers/SERVER/tools/TOOL, /api/…",
    "(OpenAPI at /api/openapi.json), /v0.1/servers (the official registry's shape), /mcp (MCP, Streamable HTTP).",
    "Serves read-only; with --refresh-every it also runs the nightly refresh in this process",
    "(the way to keep the embedded PGlite catalog fresh: it is one process's). On Postgres a request whose",
    "query runs past CATALOG_SERVE_STATEMENT_TIMEOUT_MS (default 5000 ms; the refresh has no limit) answers 503.",
    "SIGTERM or SIGINT stops it gracefully. Exit codes: 0 stopped; 1 cannot listen or open the catalog;",
    "2 bad arguments, or a catalog a newer mcp-catalog migrated; 3 the embedded catalog is in use by another process.",
  ].join("\n"),
  options: {
    port: { type: "string", valueName: "N", description: `Port to listen on (default ${SERVE_DEFAULTS.port}; 0 picks a free one)` },
    host: { type: "string", valueName: "H", description: `Address to listen on (default ${SERVE_DEFAULTS.host})` },
    "refresh-every": { type: "string", valueName: "DURATION", description: "Also run the refresh every DURATION (90s, 30m, 12h, 1d), in this process" },
    sources: { type: "string", valueName: "LIST", description: "With --refresh-every: the sources the refresh crawls, as refresh --sources takes them (default: every configured one)" },
    quiet: { type: "boolean", description: "No request log on stderr" },
  },
  async run(args, io) {
    const port = parsePort(args.values.port as string | undefined);
    const host = (args.values.host as string | undefined) ?? SERVE_DEFAULTS.host;
    if (!host.trim()) throw new CliError("--host must not be empty", 2);
    const everyMs = args.values["refresh-every"] !== undefined ? parseDuration(args.values["refresh-every"] as string, "--refresh-every") : undefined;
    const sources = parseSources(args.values.sources as string | undefined);
    if (sources && everyMs === undefined) throw new CliError("--sources only applies with --refresh-every", 2);
    const config = loadConfig(io.env, io.cwd);
    // The nightly default: the model review is on when an endpoint is configured.
    const review = reviewSettings(config, {});
    // Requests read through `reads`, under the statement timeout on Postgres; the refresh below keeps `db`, without one.
    const catalog = await openConfiguredCatalog(io, config, { lifetime: "server", readStatementTimeoutMs: config.serveStatementTimeoutMs });
    const log = (line: string) => io.stderr.write(`${line}\n`);
    try {
      const app = createApp({
        db: catalog.reads.db,
        statementTimeoutMs: catalog.reads.statementTimeoutMs,
        ...(args.values.quiet ? {} : { log }),
        onError: (e) => log(`internal error: ${safeText((e as Error).stack ?? String(e))}`),
        debug: config.debug,
      });
      const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
        const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
        s.once("error", reject);
      }).catch((e: NodeJS.ErrnoException) => {
        throw new CliError(`cannot listen on ${host}:${port}: ${e.code === "EADDRINUSE" ? "the port is in use" : e.code === "EACCES" ? "permission denied" : e.message}`, 1);
      });
      const address = server.address() as AddressInfo;
      const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
      log(`mcp-catalog serving ${catalog.location} on http://${shown}:${address.port}`);
      const loop =
        everyMs !== undefined
          ? startRefreshLoop({
              catalog,
              everyMs,
              plan: () => refreshPlan(config, { ...(sources ? { sources } : {}), full: false, classify: true, ...(review ? { review } : {}), notice: (line) => log(`refresh: ${line}`) }),
              report: (line) => log(safeText(line)),
            })
          : undefined;
      await new Promise<void>((resolve) => {
        if (io.signal?.aborted) resolve();
        io.signal?.addEventListener("abort", () => resolve(), { once: true });
      });
      // Stop taking connections; requests in flight get the grace period, then what is left is cut.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ("closeIdleConnections" in server) server.closeIdleConnections();
      const grace = setTimeout(() => "closeAllConnections" in server && server.closeAllConnections(), SERVE_DEFAULTS.shutdownGraceMs);
      await Promise.all([closed, loop?.stop()]);
      clearTimeout(grace);
      log("mcp-catalog serve: stopped");
      return 0;
    } finally {
      await catalog.close();
    }
  },
};
