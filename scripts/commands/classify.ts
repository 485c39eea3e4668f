// `mcp-catalog classify`: classify tools from a file or stdin, no database needed.
import { readFile } from "node:fs/promises";
import { classifyServer, type Classification } from "../../classifier/classify.js";
import type { ToolInput } from "../../classifier/tool.js";
import { CliError, type Command } from "../command.js";
import { colorizer, safeText, truncate } from "../terminal.js";
import { parseToolInput, readAll } from "../tool-input.js";
import { RISK_STYLE } from "../tool-view.js";

const NO_SERVER = "(no server)";

export const command: Command = {
  name: "classify",
  summary: "Classify tools from a tools/list result, a JSON array or JSON lines (no database needed)",
  usage: "[--input FILE|-] [--server NAME] [--json]",
  details: [
    "Input: {\"tools\": [...]} (a tools/list result, also inside a JSON-RPC response), a JSON array of",
    "tools, or JSON lines with one tool per line. A tool may carry \"server\"; tools of the same server",
    "are each other's siblings, which is evidence when a tool's own text is thin.",
    "",
    "Exit codes: 0 classified; 2 bad input (the message names the line or field; nothing is printed",
    "on stdout); 1 the file cannot be read.",
    "",
    "Example: mcp-catalog classify --input tools.json --server io.github.github/github-mcp-server --json",
  ].join("\n"),
  options: {
    input: { type: "string", valueName: "FILE", description: "Read tools from FILE, or - for standard input (the default)" },
    server: { type: "string", valueName: "NAME", description: "Server of tools that do not name one (their siblings' context)" },
    json: { type: "boolean", description: "Print one JSON line per tool: {server, tool, category, risk, confidence, signals, rationale, rule, classifierVersion}" },
  },
  async run(args, io) {
    const input = (args.values.input as string | undefined) ?? "-";
    let text: string;
    try {
      text = input === "-" ? await readAll(io.stdin) : await readFile(input, "utf8");
    } catch (e) {
      throw new CliError(`cannot read ${input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 1);
    }
    const items = parseToolInput(text, input === "-" ? "stdin" : input);
    const fallbackServer = (args.values.server as string | undefined) ?? NO_SERVER;

    // Group by server so siblings see each other, then answer in input order.
    const groups = new Map<string, { tools: ToolInput[]; positions: number[] }>();
    items.forEach((item, i) => {
      const server = item.server ?? fallbackServer;
      let g = groups.get(server);
      if (!g) groups.set(server, (g = { tools: [], positions: [] }));
      g.tools.push(item.tool);
      g.positions.push(i);
    });
    const results: { server: string; tool: string; c: Classification }[] = new Array(items.length);
    for (const [server, g] of groups) {
      const classified = classifyServer({ name: server === NO_SERVER ? "" : server, tools: g.tools });
      g.positions.forEach((pos, k) => (results[pos] = { server, tool: g.tools[k]!.name, c: classified[k]! }));
    }

    if (args.values.json) {
      const lines = results.map(({ server, tool, c }) =>
        JSON.stringify({ server: server === NO_SERVER ? null : server, tool, category: c.category, risk: c.risk, confidence: c.confidence, signals: c.signals, rationale: c.rationale, rule: c.rule, classifierVersion: c.classifierVersion }),
      );
      io.stdout.write(lines.length ? `${lines.join("\n")}\n` : "");
      return 0;
    }
    const paint = colorizer(io.stdout, io.env);
    const nameWidth = Math.min(40, Math.max(4, ...results.map((r) => safeText(r.tool).length)));
    const header = `${"RISK".padEnd(9)}${"CATEGORY".padEnd(12)}${"CONF".padEnd(6)}${"TOOL".padEnd(nameWidth + 2)}SIGNALS`;
    const rows = results.map(({ tool, c }) => {
      const risk = paint(RISK_STYLE[c.risk] ?? "bold", c.risk.padEnd(9));
      return `${risk}${c.category.padEnd(12)}${c.confidence.toFixed(2).padEnd(6)}${truncate(safeText(tool), nameWidth).padEnd(nameWidth + 2)}${safeText(truncate(c.signals.join(", "), 80))}`;
    });
    io.stdout.write(`${[header, ...rows].join("\n")}\n`);
    return 0;
  },
};
