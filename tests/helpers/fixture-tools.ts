// Real tool lists from the JSON Lines fixtures (tests/fixtures/labeled, tests/fixtures/servers), as the classifier reads them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ToolInput } from "../../classifier/tool.js";
import { parseToolList } from "../../crawler/distinct-tools.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");

/** The tools of one fixture file, e.g. "labeled/github-mcp-server.jsonl"; a line that is not a tool fails the test. */
export function fixtureTools(file: string): ToolInput[] {
  const lines = readFileSync(join(FIXTURES, file), "utf8").split("\n").filter((l) => l.trim());
  // The labeled files write an absent title as null; the MCP shape leaves it out.
  const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>).map(({ title, ...rest }) => (title == null ? rest : { title, ...rest }));
  const { tools, dropped } = parseToolList(records);
  if (dropped.length) throw new Error(`${file}: ${dropped.join("; ")}`);
  return tools;
}
