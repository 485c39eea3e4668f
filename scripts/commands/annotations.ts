// `mcp-catalog annotations SERVER`: the MCP hints the catalog would declare for each tool whose own are
// missing, partial or contradicted, with the evidence: for a server author to paste, or a gateway to use.
import { annotationFix, type AnnotationFix } from "../../classifier/annotations.js";
import { CliError, type Command } from "../command.js";
import { loadConfig } from "../config.js";
import { READER_EXIT_CODES, readerWait, WAIT_OPTION, withCatalog } from "../open-catalog.js";
import { plural } from "../../classifier/plural.js";
import { requireServer, serverArgument } from "../resolve-server.js";
import { assessServers } from "../server-verdict.js";
import { nameText, safeText } from "../terminal.js";

const FORMATS = ["text", "json", "patch"] as const;
type Format = (typeof FORMATS)[number];

const STATUS_TEXT: Record<AnnotationFix["status"], string> = { missing: "declares no hints", partial: "declares some hints", contradicted: "declares hints that contradict what it does" };

/** The hints as a TypeScript/JSON object literal on one line, ready to paste into a tool definition. */
function literal(hints: AnnotationFix["suggested"]): string {
  return `{ readOnlyHint: ${hints.readOnlyHint}, destructiveHint: ${hints.destructiveHint}, idempotentHint: ${hints.idempotentHint}, openWorldHint: ${hints.openWorldHint} }`;
}

export const command: Command = {
  name: "annotations",
  summary: "The MCP hints each tool of a server should declare, where its own are missing, partial or contradicted",
  usage: "SERVER [--format text|json|patch] [--wait SECONDS]",
  details: [
    "For every tool whose readOnlyHint / destructiveHint / idempotentHint / openWorldHint are missing, partial or",
    "contradicted by what the tool does, the four hints the catalog would declare, with the evidence.",
    "--format json: {server, coverage, tools: [{tool, status, declared, suggested, contradicted, absent, evidence}]};",
    "--format patch: a JSON merge patch keyed by tool name, {\"<tool>\": {\"annotations\": {…}}}.",
    "Exit codes: 0 printed (nothing to fix included); 1 unknown server or a server with no tools; 2 bad arguments",
    "or an ambiguous SERVER.",
    READER_EXIT_CODES,
  ].join("\n"),
  positionals: [1, 1],
  options: { ...WAIT_OPTION, format: { type: "string", valueName: "F", description: "text (default), json or patch" } },
  async run(args, io) {
    const format = ((args.values.format as string | undefined) ?? "text") as Format;
    if (!FORMATS.includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(", ")}; got '${safeText(format)}'`, 2);
    const serverArg = serverArgument(args.positionals[0], "SERVER")!;
    const config = loadConfig(io.env, io.cwd);
    const { server, assessment } = await withCatalog(io, config, async (catalog) => {
      const server = await requireServer(catalog, serverArg);
      const [assessment] = await assessServers(catalog.db, { serverIds: [server.id] });
      return { server, assessment };
    }, { wait: readerWait(args.values.wait, config, io, "annotations") });
    if (!assessment) throw new CliError(`${nameText(server.key)} has no tools in the catalog yet`, 1);
    const fixes = assessment.tools.flatMap((t) => {
      const fix = annotationFix(t.annotations, t.hints, t.signals);
      return fix ? [{ tool: t.name, ...fix, evidence: t.rationale }] : [];
    });
    if (format === "json") {
      io.stdout.write(`${JSON.stringify({ server: server.key, coverage: assessment.coverage, tools: fixes }, null, 2)}\n`);
      return 0;
    }
    if (format === "patch") {
      const patch = Object.create(null) as Record<string, { annotations: AnnotationFix["suggested"] }>;
      for (const f of fixes) patch[f.tool] = { annotations: f.suggested };
      io.stdout.write(`${JSON.stringify(patch, null, 2)}\n`);
      return 0;
    }
    if (fixes.length === 0) {
      io.stderr.write(`${nameText(server.key)}: every tool declares all four hints, and none contradicts what it does\n`);
      return 0;
    }
    const blocks = fixes.map((f) => {
      const lines = [`${nameText(f.tool)}: ${STATUS_TEXT[f.status]}`, `  annotations: ${literal(f.suggested)}`];
      if (f.contradicted.length) lines.push(`  contradicted: ${f.contradicted.map((h) => `${h} is ${String(f.declared[h])}`).join(", ")}`);
      lines.push(`  evidence: ${safeText(f.evidence)}`);
      return lines.join("\n");
    });
    io.stdout.write(`${blocks.join("\n\n")}\n`);
    io.stderr.write(`${nameText(server.key)}: ${fixes.length} of ${plural(assessment.tools.length, "tool")} to fix (coverage: ${assessment.coverage})\n`);
    return 0;
  },
};
