// `mcp-catalog policy SERVER`: the recommended policy for every tool of one server, in a gateway's or client's dialect.
import { writeFile } from "node:fs/promises";
import { classifyServer, CLASSIFIER_VERSION } from "../../classifier/classify.js";
import { FORMAT_NAMES, renderPolicy, type FormatName } from "../../classifier/formats/formats.js";
import { buildPolicy, ruleSchema, type Rule } from "../../classifier/policy.js";
import type { ToolInput } from "../../classifier/tool.js";
import { serverTools, type ToolEntry } from "../../db/lookups.js";
import { CliError, type Command } from "../command.js";
import { loadConfig } from "../config.js";
import { withCatalog } from "../open-catalog.js";
import { requireServer } from "../resolve-server.js";
import { safeText } from "../terminal.js";

function toolInput(e: ToolEntry): ToolInput {
  return {
    name: e.tool,
    ...(e.title ? { title: e.title } : {}),
    description: e.description ?? undefined,
    ...(e.inputSchema ? { inputSchema: e.inputSchema as Record<string, unknown> } : {}),
    annotations: (e.annotations ?? undefined) as ToolInput["annotations"],
  };
}

/**
 * The stored rule of each tool; a tool whose classification is missing or stale (a newer classifier,
 * a changed definition not yet classified) is classified now, with its siblings, so every tool is in.
 */
export function rulesFor(serverKey: string, description: string | null, entries: ToolEntry[]): [string, Rule][] {
  const fresh = (e: ToolEntry) => e.classification && e.classification.classifierVersion === CLASSIFIER_VERSION && e.classification.contentHash === e.contentHash;
  const needed = entries.some((e) => !fresh(e));
  const computed = needed ? classifyServer({ name: serverKey, ...(description ? { description } : {}), tools: entries.map(toolInput) }) : [];
  return entries.map((e, i) => [e.tool, fresh(e) ? ruleSchema.parse(e.classification!.rule) : computed[i]!.rule]);
}

export const command: Command = {
  name: "policy",
  summary: "The recommended policy for one server, every tool in it, in the dialect your gateway or client speaks",
  usage: `SERVER [--format ${FORMAT_NAMES.join("|")}] [--out FILE] [--client-name NAME]`,
  details: [
    "SERVER is a registry name (io.github.owner/name), a repository URL, a package coordinate",
    "(npm:@scope/pkg, pypi:name, oci:image) or a unique prefix of a server's key.",
    "",
    "Per risk: low → allowed; medium → allowed, 30 calls a minute; high → needs approval, 10 an hour;",
    "critical → denied with a reason. Dialects without rate limits or approvals get the nearest rule",
    "that is never more permissive, with a comment saying so where the format allows comments.",
    "",
    "Exit codes: 0 written; 1 unknown server or a server with no tools; 2 bad arguments or an",
    "ambiguous SERVER (the candidates are listed).",
  ].join("\n"),
  positionals: [1, 1],
  options: {
    format: { type: "string", valueName: "F", description: `Output dialect: ${FORMAT_NAMES.join(", ")} (default native)` },
    out: { type: "string", valueName: "FILE", description: "Write to FILE instead of standard output" },
    "client-name": { type: "string", valueName: "NAME", description: "The server's name in your client or gateway config (claude-code, codex; default derived from the key)" },
  },
  async run(args, io) {
    const format = ((args.values.format as string | undefined) ?? "native") as FormatName;
    if (!(FORMAT_NAMES as readonly string[]).includes(format)) throw new CliError(`--format must be one of ${FORMAT_NAMES.join(", ")}; got '${safeText(format)}'`, 2);
    const config = loadConfig(io.env, io.cwd);
    const { server, entries } = await withCatalog(config, async (catalog) => {
      const server = await requireServer(catalog.db, args.positionals[0]!);
      return { server, entries: await serverTools(catalog.db, server.id) };
    });
    if (entries.length === 0) {
      throw new CliError(`${safeText(server.key)} has no tools in the catalog yet (its tools come from a directory or a live tools/list on the next refresh)`, 1);
    }
    const policy = buildPolicy(rulesFor(server.key, server.description, entries));
    const clientName = args.values["client-name"] as string | undefined;
    const text = renderPolicy(format, { server: { key: server.key, ...(clientName ? { clientName } : {}) }, policy, generatedAt: new Date().toISOString() });
    const out = args.values.out as string | undefined;
    if (out) {
      try {
        await writeFile(out, text);
      } catch (e) {
        throw new CliError(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 1);
      }
      io.stderr.write(`wrote the ${format} policy for ${safeText(server.key)} (${entries.length} tools) to ${out}\n`);
    } else {
      io.stdout.write(text);
    }
    return 0;
  },
};
