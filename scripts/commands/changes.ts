// `mcp-catalog changes`: the tool change feed with semantic labels (new destructive tool, readOnlyHint flipped, …).
import { changeLabels } from "../../classifier/change-labels.js";
import { toolChangeFeed } from "../../db/lookups.js";
import { CliError, type Command } from "../command.js";
import { loadConfig } from "../config.js";
import { withCatalog } from "../open-catalog.js";
import { requireServer } from "../resolve-server.js";
import { colorizer, safeText } from "../terminal.js";

/** An ISO date/time, or a relative age like 7d, 12h, 30m. */
export function parseSince(value: string, now = new Date()): string {
  const rel = /^(\d+)([dhm])$/.exec(value.trim());
  if (rel) {
    const ms = Number(rel[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[rel[2] as "d" | "h" | "m"];
    return new Date(now.getTime() - ms).toISOString();
  }
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}/.test(value.trim())) throw new CliError(`--since takes a date (2026-11-01, 2026-11-01T12:00:00Z) or an age (7d, 12h, 30m); got '${safeText(value)}'`, 2);
  return new Date(at).toISOString();
}

const ALERT = /destructive|financial|flipped|aimed at the model/;

export const command: Command = {
  name: "changes",
  summary: "The tool change feed: new and removed tools, changed descriptions, schemas and annotations, labelled",
  usage: "[--server S] [--since DATE] [--limit N] [--json]",
  options: {
    server: { type: "string", valueName: "S", description: "Only this server (registry name, repository URL, npm:<package> or unique key prefix)" },
    since: { type: "string", valueName: "DATE", description: "Only changes at or after DATE (ISO date/time) or within an age (7d, 12h, 30m)" },
    limit: { type: "string", valueName: "N", description: "At most N changes, newest first (default 100, at most 10000)" },
    json: { type: "boolean", description: "Print a JSON array of {at, server, tool, kind, labels, oldHash, newHash, details, runId}" },
  },
  async run(args, io) {
    const since = args.values.since !== undefined ? parseSince(args.values.since as string) : undefined;
    const limitText = (args.values.limit as string | undefined) ?? "100";
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > 10_000) throw new CliError("--limit must be a whole number from 1 to 10000", 2);
    const config = loadConfig(io.env, io.cwd);
    const rows = await withCatalog(config, async (catalog) => {
      const server = args.values.server ? await requireServer(catalog.db, args.values.server as string) : undefined;
      return toolChangeFeed(catalog.db, { limit, ...(since ? { since } : {}), ...(server ? { serverIds: [server.id] } : {}) });
    });
    const feed = rows.map((r) => ({ at: r.at, server: r.server, tool: r.tool, kind: r.kind, labels: changeLabels(r), oldHash: r.oldHash, newHash: r.newHash, details: r.details, runId: r.runId }));
    if (args.values.json) {
      io.stdout.write(`${JSON.stringify(feed)}\n`);
      return 0;
    }
    if (feed.length === 0) {
      io.stderr.write("no changes\n");
      return 0;
    }
    const paint = colorizer(io.stdout, io.env);
    const lines = feed.map((c) => {
      const labels = c.labels.join("; ");
      return `${String(c.at).slice(0, 19)}  ${safeText(c.server)}  ${paint("bold", safeText(c.tool))}  ${ALERT.test(labels) ? paint("red", safeText(labels)) : safeText(labels)}`;
    });
    io.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  },
};
