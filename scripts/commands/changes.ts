// `mcp-catalog changes`: the tool change feed with semantic labels (new destructive tool, became destructive, readOnlyHint flipped, …).
import { changeLabels } from "../../classifier/change-labels.js";
import { catalogIsEmpty } from "../../db/lookups.js";
import { SERVE_DEFAULTS } from "../../server/defaults.js";
import { CliError, type Command } from "../command.js";
import { inInstantRange, INSTANT_LIMITS, readInstant, type InstantProblem } from "../catalog-instant.js";
import { changeFeed } from "../change-feed.js";
import { isoInstant } from "../iso-instant.js";
import { loadConfig } from "../config.js";
import { emptyCatalogText } from "../empty-catalog.js";
import { READER_EXIT_CODES, readerWait, WAIT_OPTION, withCatalog } from "../open-catalog.js";
import { requireServer, serverArgument } from "../resolve-server.js";
import { colorizer, nameText, safeText, truncate } from "../terminal.js";
import { wholeNumber } from "../whole-number.js";

const SINCE_HELP = "--since takes a date (2026-11-01), a date and time (2026-11-01T12:00:00Z; UTC unless it names an offset) or an age (7d, 12h, 30m)";

/**
 * An ISO date/time, or a relative age like 7d, 12h, 30m, as an ISO instant. Strict: Date.parse would take
 * "2026-02-30" as March 2 and "2026-11-01junk" as a date, silently answering another question. An instant the
 * catalog does not take (readInstant: before the year 0001, after 9999) is refused naming the range.
 */
export function parseSince(value: string, now = new Date()): string {
  const text = value.trim();
  const refuse = (problem: InstantProblem) => new CliError(`${problem === "invalid" ? SINCE_HELP : `--since ${INSTANT_LIMITS[problem]}`}; got '${safeText(value)}'`, 2);
  const age = /^(\d+)([dhm])$/.exec(text);
  if (age) {
    const ms = now.getTime() - Number(age[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[age[2] as "d" | "h" | "m"];
    if (!inInstantRange(ms)) throw refuse("range");
    return new Date(ms).toISOString();
  }
  const read = readInstant(text, "since");
  if ("problem" in read) throw refuse(read.problem);
  return new Date(read.ms).toISOString();
}

const ALERT = /destructive|financial|flipped|aimed at the model/;

export const command: Command = {
  name: "changes",
  summary: "The tool change feed: new and removed tools, changed descriptions, schemas and annotations, labelled",
  usage: "[--server S] [--since DATE] [--limit N] [--wait SECONDS] [--json]",
  details: [
    "Labels: new tool, new destructive tool, new financial tool, removed tool, returned tool (or",
    "returned destructive or financial tool), readOnlyHint or destructiveHint flipped, description",
    "gained text aimed at the model, new argument(s), became destructive or financial; each by the",
    "tool's class right after the change. Times are UTC.",
    "Exit codes: 0 answered; 1 no such server; 2 bad arguments or an ambiguous --server.",
    READER_EXIT_CODES,
  ].join("\n"),
  options: {
    ...WAIT_OPTION,
    server: { type: "string", valueName: "S", description: "Only this server (registry name, repository URL, npm:<package> or unique key prefix)" },
    since: { type: "string", valueName: "DATE", description: "Only changes at or after DATE (2026-11-01, 2026-11-01T12:00:00Z; years 0001 to 9999) or within an age (7d, 12h, 30m)" },
    limit: { type: "string", valueName: "N", description: `At most N changes, newest first, each with all its parts (default ${SERVE_DEFAULTS.changesLimit}, at most ${SERVE_DEFAULTS.maxChangesLimit})` },
    json: { type: "boolean", description: "Print a JSON array of {at, server, tool, kind, labels, oldHash, newHash, details, runId}" },
  },
  async run(args, io) {
    const since = args.values.since !== undefined ? parseSince(args.values.since as string) : undefined;
    const limitText = (args.values.limit as string | undefined) ?? String(SERVE_DEFAULTS.changesLimit);
    const limit = wholeNumber(limitText, { min: 1, max: SERVE_DEFAULTS.maxChangesLimit });
    if (limit === undefined) throw new CliError(`--limit must be a whole number from 1 to ${SERVE_DEFAULTS.maxChangesLimit}`, 2);
    const serverArg = serverArgument(args.values.server, "--server");
    const config = loadConfig(io.env, io.cwd);
    const { rows, empty } = await withCatalog(io, config, async (catalog) => {
      const server = serverArg !== undefined ? await requireServer(catalog, serverArg) : undefined;
      const rows = await changeFeed(catalog.db, { limit, ...(since ? { since } : {}), ...(server ? { serverIds: [server.id] } : {}) });
      return { rows, empty: rows.length === 0 && (await catalogIsEmpty(catalog.db)) ? catalog.location : undefined };
    }, { wait: readerWait(args.values.wait, config, io, "changes") });
    const feed = rows.map((r) => ({ at: isoInstant(r.at), server: r.server, tool: r.tool, kind: r.kind, labels: changeLabels(r), oldHash: r.oldHash, newHash: r.newHash, details: r.details, runId: r.runId }));
    if (args.values.json) {
      io.stdout.write(`${JSON.stringify(feed)}\n`);
      return 0;
    }
    if (feed.length === 0) {
      io.stderr.write(empty !== undefined ? `${emptyCatalogText(empty)}\n` : "no changes\n");
      return 0;
    }
    const paint = colorizer(io.stdout, io.env);
    const lines = feed.map((c) => {
      const labels = c.labels.join("; ");
      const text = safeText(truncate(labels, 300));
      return `${c.at.slice(0, 19).replace("T", " ")}  ${nameText(truncate(c.server, 120))}  ${paint("bold", nameText(truncate(c.tool, 120)))}  ${ALERT.test(labels) ? paint("red", text) : text}`;
    });
    io.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  },
};
