// `mcp-catalog classify`: classify tools from a file or stdin, no database needed.
import { readFile } from "node:fs/promises";
import { classifyServer, type Classification } from "../../classifier/classify.js";
import type { ToolInput } from "../../classifier/tool.js";
import { CliError, type Command } from "../command.js";
import { loadConfig } from "../config.js";
import { pathOption } from "../path-option.js";
import { ambiguousNote, distinctTools, repeatedNote } from "../../crawler/distinct-tools.js";
import { reviewTools } from "../../crawler/model-review.js";
import { modelReviewConfig, REVIEW_OPTIONS, reviewClient, reviewFlags, reviewSettings, reviewSummary, unusedReviewFlagsNotice } from "../model-review-setup.js";
import { colorizer, nameText, safeText, truncate } from "../terminal.js";
import { parseToolInput, readAll } from "../tool-input.js";
import { RISK_STYLE } from "../tool-view.js";
import { plural } from "../../classifier/plural.js";

function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return safeText(code ?? (e as Error).message);
}

export const command: Command = {
  name: "classify",
  summary: "Classify tools from a tools/list result, a JSON array or JSON lines (no database needed)",
  usage: "[--input FILE|-] [--server NAME] [--llm | --no-llm] [--llm-threshold X] [--llm-budget N] [--json]",
  details: [
    "Input: {\"tools\": [...]} (a tools/list result, also inside a JSON-RPC response), a JSON array of",
    "tools, or JSON lines with one tool per line. A tool may carry \"server\"; tools of the same server",
    "are each other's siblings, which is evidence when a tool's own text is thin. A name one server gives to",
    "tools with different definitions is left out, all of them, as the catalog leaves it out (which one to",
    "keep would depend on their order); identical copies are one tool. What was left out goes to stderr.",
    "",
    "With a model endpoint (OPENAI_API_KEY or OPENAI_BASE_URL) or --llm, tools below the confidence threshold",
    "and tools their hints contradict are reviewed by the model (CATALOG_LLM_MODEL); its counts go to stderr.",
    "",
    "Exit codes: 0 classified; 2 bad input (the message names the line or field; nothing is printed",
    "on stdout); 1 the file cannot be read.",
    "",
    "Example: mcp-catalog classify --input tools.json --server io.github.github/github-mcp-server --json",
  ].join("\n"),
  options: {
    input: { type: "string", valueName: "FILE", description: "Read tools from FILE, or - for standard input (the default)" },
    server: { type: "string", valueName: "NAME", description: "Server of tools that do not name one (their siblings' context)" },
    json: { type: "boolean", description: "Print one JSON line per tool: {server, tool, category, risk, confidence, signals, rationale, rule, hints, arguments?, method, reviewedBy?: {model, promptVersion}, classifierVersion}" },
    ...REVIEW_OPTIONS,
  },
  async run(args, io) {
    const input = pathOption(args.values.input, "--input", "a file name, or - for standard input") ?? "-";
    const named = args.values.server as string | undefined;
    if (named !== undefined && !named.trim()) throw new CliError("--server must not be empty", 2);
    // Waiting on a terminal for JSON nobody is typing looks like a hang.
    const config = loadConfig(io.env, io.cwd);
    const flags = reviewFlags(args.values);
    const review = reviewSettings(config, flags);
    const unused = unusedReviewFlagsNotice(config, flags, review);
    if (unused) io.stderr.write(`mcp-catalog classify: ${unused}\n`);
    if (input === "-" && (io.stdin as { isTTY?: boolean }).isTTY) throw new CliError("no input: pass --input FILE, or pipe a tools/list result into standard input", 2);
    let text: string;
    try {
      text = input === "-" ? await readAll(io.stdin) : await readFile(input, "utf8");
    } catch (e) {
      throw new CliError(`cannot read ${safeText(input)}: ${readError(e)}`, 1);
    }
    const items = parseToolInput(text, input === "-" ? "stdin" : safeText(input));

    // Group by server so siblings see each other, then answer in input order (undefined: no server named).
    const groups = new Map<string | undefined, { tools: ToolInput[]; positions: number[] }>();
    items.forEach((item, i) => {
      const server = item.server ?? named;
      let g = groups.get(server);
      if (!g) groups.set(server, (g = { tools: [], positions: [] }));
      g.tools.push(item.tool);
      g.positions.push(i);
    });
    // One tool a name of each server, by the catalog's rule (crawler/distinct-tools.ts): what it leaves out is said, not classified.
    const byPosition: ({ server: string | undefined; tool: ToolInput; c: Classification } | undefined)[] = new Array(items.length);
    for (const [server, g] of groups) {
      const distinct = distinctTools(g.tools);
      const left = g.tools.length - distinct.tools.length;
      if (left) {
        const notes = [...distinct.ambiguous.map(ambiguousNote), ...distinct.repeated.map(repeatedNote)].join("; ");
        io.stderr.write(`${server === undefined ? "" : `${nameText(server)}: `}${safeText(`skipped ${plural(left, "tool")}: ${notes}`)}\n`);
      }
      const kept = new Set(distinct.tools);
      const classified = classifyServer({ name: server ?? "", tools: distinct.tools });
      let k = 0;
      g.tools.forEach((tool, j) => {
        if (kept.has(tool)) byPosition[g.positions[j]!] = { server, tool, c: classified[k++]! };
      });
    }
    const results = byPosition.filter((r) => r !== undefined);
    if (review) {
      const reviewed = await reviewTools(await reviewClient(config), modelReviewConfig(config, review), results.map((r, i) => ({ contentHash: String(i), tool: r.tool, classification: r.c })));
      reviewed.classifications.forEach((c, i) => (results[i]!.c = c));
      io.stderr.write(`${reviewSummary(reviewed.stats)}\n`);
    }

    if (args.values.json) {
      const lines = results.map(({ server, tool, c }) =>
        JSON.stringify({ server: server ?? null, tool: tool.name, category: c.category, risk: c.risk, confidence: c.confidence, signals: c.signals, rationale: c.rationale, rule: c.rule, hints: c.hints, ...(c.arguments ? { arguments: c.arguments } : {}), method: c.method, ...(c.reviewedBy ? { reviewedBy: c.reviewedBy } : {}), classifierVersion: c.classifierVersion }),
      );
      io.stdout.write(lines.length ? `${lines.join("\n")}\n` : "");
      return 0;
    }
    if (results.length === 0) {
      io.stderr.write(items.length ? "no tool left to classify\n" : "no tools in the input\n");
      return 0;
    }
    const paint = colorizer(io.stdout, io.env);
    const column = (values: string[], title: string) => Math.min(40, values.reduce((width, v) => Math.max(width, v.length), title.length));
    const cell = (value: string, width: number) => truncate(value, width).padEnd(width + 2);
    // With tools of several servers the server is a column; with one it would repeat on every row.
    const servers = groups.size > 1 ? results.map((r) => (r.server === undefined ? "-" : nameText(r.server))) : undefined;
    const serverWidth = servers ? column(servers, "SERVER") : 0;
    const tools = results.map((r) => nameText(r.tool.name));
    const nameWidth = column(tools, "TOOL");
    const header = `${"RISK".padEnd(9)}${"CATEGORY".padEnd(12)}${"CONF".padEnd(6)}${servers ? cell("SERVER", serverWidth) : ""}${cell("TOOL", nameWidth)}SIGNALS`;
    const rows = results.map(({ c }, i) => {
      const risk = paint(RISK_STYLE[c.risk] ?? "bold", c.risk.padEnd(9));
      return `${risk}${c.category.padEnd(12)}${c.confidence.toFixed(2).padEnd(6)}${servers ? cell(servers[i]!, serverWidth) : ""}${cell(tools[i]!, nameWidth)}${safeText(truncate(c.signals.join(", "), 80))}`.trimEnd();
    });
    io.stdout.write(`${[header, ...rows].join("\n")}\n`);
    return 0;
  },
};
