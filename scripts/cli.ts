// The `mcp-catalog` binary: parses argv, dispatches to one command module, maps errors to exit codes.
import { parseArgs } from "node:util";
import { CliError, type Command, type Io, type ParsedArgs } from "./command.js";
import { describeDbError } from "../db/errors.js";
import { unstorableParam } from "../crawler/sanitize.js";
import { redactUrls } from "../crawler/redact-url.js";
import { debugOn } from "./switch.js";
import { safeText } from "./terminal.js";
import { unknownVariableLines } from "./unknown-variables.js";

/** Commands load lazily so `risk` does not pay for the crawler's imports at start-up. */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  refresh: { summary: "Crawl the sources and update the catalog (the nightly job)", load: async () => (await import("./commands/refresh.js")).command },
  stats: { summary: "Counts of servers, tools and classifications, and the last run", load: async () => (await import("./commands/stats.js")).command },
  classify: { summary: "Classify tools from a file or stdin (no database needed)", load: async () => (await import("./commands/classify.js")).command },
  risk: { summary: "The risk of a tool by name, per server, with rationale and suggested rule", load: async () => (await import("./commands/risk.js")).command },
  search: { summary: "Find tools by name or description, ranked and filtered", load: async () => (await import("./commands/search.js")).command },
  policy: { summary: "The recommended policy for a server, in native, intercept, claude-code, codex, cedar or agentgateway form", load: async () => (await import("./commands/policy.js")).command },
  changes: { summary: "The tool change feed with semantic labels", load: async () => (await import("./commands/changes.js")).command },
  annotations: { summary: "The MCP hints a server's tools should declare where theirs are missing, partial or contradicted", load: async () => (await import("./commands/annotations.js")).command },
  worker: { summary: "Take live-listing jobs from the queue and list each server (run many, on many machines)", load: async () => (await import("./commands/worker.js")).command },
  queue: { summary: "The live-listing queue: jobs by mode and state, the oldest wait, the last failures", load: async () => (await import("./commands/queue.js")).command },
  mcp: { summary: "Serve the catalog as an MCP server on stdio (check_tool, search_tools, check_server, get_policy, get_changes)", load: async () => (await import("./commands/mcp.js")).command },
  serve: { summary: "Serve the catalog: JSON API, registry-compatible feed, MCP endpoint and HTML pages", load: async () => (await import("./commands/serve.js")).command },
  migrate: { summary: "Create or upgrade the catalog's database schema", load: async () => (await import("./commands/migrate.js")).command },
};

function topHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    "mcp-catalog — every public MCP server and tool, classified by risk, with a recommended policy",
    "",
    "Usage: mcp-catalog <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Run `mcp-catalog <command> --help` for a command's options.",
    "Environment: DATABASE_URL (Postgres; unset = embedded PGlite in CATALOG_DATA_DIR, default ./.catalog).",
    "",
  ].join("\n");
}

/** A command's usage line; a command with no arguments or options (migrate, mcp) has no trailing space. */
function usageLine(cmd: Command): string {
  return `Usage: mcp-catalog ${cmd.name} ${cmd.usage}`.trimEnd();
}

export function commandHelp(cmd: Command): string {
  const opts = Object.entries(cmd.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.type === "string" ? ` ${o.valueName ?? "VALUE"}` : ""}`;
    return [flag, o.description] as const;
  });
  opts.push(["-h, --help", "Show this help"]);
  const width = Math.max(...opts.map(([f]) => f.length));
  return [
    usageLine(cmd),
    "",
    cmd.summary,
    "",
    "Options:",
    ...opts.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`),
    ...(cmd.details ? ["", cmd.details.trimEnd()] : []),
    "",
  ].join("\n");
}

function parse(cmd: Command, argv: string[]): ParsedArgs & { help: boolean } {
  const options = Object.fromEntries(
    Object.entries(cmd.options).map(([k, { description: _d, valueName: _v, ...o }]) => [k, o]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`${(e as Error).message.replace(/\. To specify.*$/s, "")}\nRun \`mcp-catalog ${cmd.name} --help\` for usage.`, 2);
  }
  const { help, ...values } = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const [min, max] = cmd.positionals ?? [0, 0];
  if (!help && (parsed.positionals.length < min || parsed.positionals.length > max)) {
    const want = min === max ? `${min}` : `${min} to ${max}`;
    throw new CliError(
      `${cmd.name} takes ${want} argument${max === 1 ? "" : "s"}, got ${parsed.positionals.length}.\n${usageLine(cmd)}`,
      2,
    );
  }
  refuseUnstorable(cmd, values, parsed.positionals);
  return { values, positionals: parsed.positionals, help: help === true };
}

/**
 * An argument with a NUL or a lone surrogate is refused, naming it: a query would fail on the NUL, and the
 * database driver would look up U+FFFD in the surrogate's place, as a file name would be written with one. A
 * shell cannot pass either (argv holds no NUL, and Node reads bytes that are not UTF-8 as U+FFFD): a program
 * calling `main` can.
 */
function refuseUnstorable(cmd: Command, values: ParsedArgs["values"], positionals: string[]): void {
  // A command takes at most one argument, the usage's first word: "NAME [--server S]", "[SERVER] …".
  const argument = /^\[?([A-Z]+)/.exec(cmd.usage)?.[1] ?? "the argument";
  const bad = unstorableParam({ [argument]: positionals, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`--${k}`, v])) });
  if (bad) throw new CliError(`${bad.name} must not contain ${bad.holds}`, 2);
}

/** Runs one invocation and returns its exit code; never calls process.exit. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.stderr : io.stdout).write(topHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V") {
    io.stdout.write(`${(await import("./version.js")).VERSION}\n`);
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr.write(`mcp-catalog: unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(", ")}.\n`);
    return 2;
  }
  try {
    const cmd = await entry.load();
    const args = parse(cmd, rest);
    if (args.help) {
      io.stdout.write(commandHelp(cmd));
      return 0;
    }
    // A misspelt variable would leave its default in force without a word (the line is escaped as any other).
    for (const line of unknownVariableLines(io.env)) io.stderr.write(`${safeText(line)}\n`);
    return await cmd.run(args, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr.write(`mcp-catalog ${name}: ${e.message}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    const debug = debugOn(io.env);
    // A failed query is the database's reason in one line (its statement only under CATALOG_DEBUG, its
    // parameters never); anything else may quote catalog data too, or a source URL with its credentials: escaped, redacted.
    io.stderr.write(`mcp-catalog ${name}: ${safeText(redactUrls(describeDbError(e, { debug }) ?? err.message ?? String(e)))}\n`);
    if (debug) io.stderr.write(`${redactUrls(String(err.stack))}\n`);
    return 1;
  }
}
