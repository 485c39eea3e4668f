// `mcp-catalog risk NAME`: how risky is this tool, on every server that has one by that name, and its lookalikes.
import { CLASSIFIER_VERSION } from "../../classifier/classify.js";
import { catalogHasNoServers, oneToolSummary, similarToolNames, type NameSummary } from "../../db/lookups.js";
import { SERVE_DEFAULTS } from "../../server/defaults.js";
import { nameProblem, typedThenTrimmed } from "../../server/lookup-text.js";
import { CliError, type Command } from "../command.js";
import { loadConfig } from "../config.js";
import { currentLookalikes, currentNameSummary, currentTool } from "../current-lookups.js";
import { emptyCatalogText } from "../empty-catalog.js";
import { READER_EXIT_CODES, readerWait, WAIT_OPTION, withCatalog } from "../open-catalog.js";
import { plural } from "../../classifier/plural.js";
import { requireServer, serverArgument } from "../resolve-server.js";
import { toolOnServer } from "../resolve-tool.js";
import { codePointText, colorizer, nameText, safeText, truncate, type Style } from "../terminal.js";
import { holdersText, outdatedGroupsText, renderToolText, RISK_STYLE, toolView } from "../tool-view.js";

/**
 * How a lookalike's name differs from the name asked for: the Unicode form it is written in (NFC, NFD, or
 * neither) when only normalization tells them apart, NFKC when it holds compatibility characters (fullwidth
 * letters, ligatures) that fold to the asked name's.
 */
export function lookalikeVariant(name: string, asked: string): "NFC" | "NFD" | "unnormalized" | "NFKC" {
  const canonical = (s: string) => s.normalize("NFC").toLowerCase();
  if (canonical(name) !== canonical(asked)) return "NFKC";
  if (name === name.normalize("NFC")) return "NFC";
  if (name === name.normalize("NFD")) return "NFD";
  return "unnormalized";
}

export const command: Command = {
  name: "risk",
  summary: "The risk of a tool by name: category, risk, confidence, rationale and suggested rule per server",
  usage: "NAME [--server S] [--all] [--wait SECONDS] [--json]",
  details: [
    "NAME matches case-insensitively, as typed first (a tool's name may start or end with a space), then without",
    "the spaces at its ends. A name on many servers is answered as a summary by category and risk",
    `plus the ${SERVE_DEFAULTS.nameEntries} riskiest entries (--all lists every one). With --server, one tool: the one named`,
    "exactly, else the one whose name differs only in case. Lookalikes (another name that reads the same once",
    `Unicode-normalized: NFC/NFD or NFKC variants) follow, each named in escapes, the ${SERVE_DEFAULTS.nameEntries} riskiest unless --all,`,
    "with --server too (that server's). Exit codes: 0 found (a lookalike",
    `counts); 1 no such tool (with suggestions) or no such server; 2 bad arguments (a NAME or a server name over`,
    `${SERVE_DEFAULTS.maxNameBytes} bytes among them), an ambiguous --server, or a NAME`,
    "several tools of that server match ignoring case (the candidates are listed).",
    READER_EXIT_CODES,
  ].join("\n"),
  positionals: [1, 1],
  options: {
    ...WAIT_OPTION,
    server: { type: "string", valueName: "S", description: "Only this server (registry name, repository URL, npm:<package> or unique key prefix)" },
    all: { type: "boolean", description: `Every entry and lookalike, not only the ${SERVE_DEFAULTS.nameEntries} riskiest (with --server: every lookalike on that server)` },
    json: { type: "boolean", description: "Print one JSON object: {name, total, tools, groups, outdated, entries, lookalikes}" },
  },
  async run(args, io) {
    const typed = args.positionals[0]!;
    const trimmed = typed.trim();
    if (!trimmed) throw new CliError("NAME must not be empty", 2);
    const tooLong = nameProblem(typed);
    if (tooLong !== undefined) throw new CliError(`NAME ${tooLong}`, 2);
    const serverArg = serverArgument(args.values.server, "--server");
    const config = loadConfig(io.env, io.cwd);
    const limit = args.values.all ? undefined : SERVE_DEFAULTS.nameEntries;
    const { server, summary, lookalikes, empty, suggestions } = await withCatalog(io, config, async (catalog) => {
      const server = serverArg !== undefined ? await requireServer(catalog, serverArg) : undefined;
      const top = limit !== undefined ? { limit } : {};
      const scope = { ...(server ? { serverId: server.id } : {}), ...top };
      // A server may name a tool " lead": that name as typed, else the name a shell or a paste added spaces to.
      const lookUp = async (name: string) => {
        const one = server ? await toolOnServer(catalog.db, server, name) : undefined;
        const summary = server ? oneToolSummary(name, one && (await currentTool(catalog.db, one))) : await currentNameSummary(catalog.db, name, top);
        return { summary, lookalikes: await currentLookalikes(catalog.db, name, scope) };
      };
      let found: Awaited<ReturnType<typeof lookUp>> | undefined;
      for (const asked of typedThenTrimmed(typed)) if (!found || (found.summary.total === 0 && found.lookalikes.total === 0)) found = await lookUp(asked);
      const { summary, lookalikes } = found!;
      // On one server the suggestions are that server's names; a name on another server is no answer there.
      const none = summary.total === 0 && lookalikes.total === 0;
      // Never filled (with --server, requireServer has said so): a catalog of servers whose tools are not listed yet is not empty.
      const empty = none && !server && (await catalogHasNoServers(catalog.db)) ? catalog.location : undefined;
      return { server, summary, lookalikes, empty, suggestions: none && !empty ? await similarToolNames(catalog.db, trimmed, { ...(server ? { serverIds: [server.id] } : {}) }) : [] };
    }, { wait: readerWait(args.values.wait, config, io, "risk") });
    const name = summary.name;
    if (empty !== undefined) throw new CliError(`no tool named '${nameText(truncate(typed, 120))}': ${emptyCatalogText(empty)}`, 1);
    if (summary.total === 0 && lookalikes.total === 0) {
      const hint = suggestions.length ? ` Did you mean: ${suggestionsText(suggestions).join(", ")}?` : "";
      throw new CliError(`no tool named '${nameText(truncate(typed, 120))}' ${server ? `on ${nameText(server.key)}` : "in the catalog"}.${hint}`, 1);
    }
    const views = summary.entries.map(toolView);
    const alike = lookalikes.entries.map((e) => ({ ...toolView(e), variant: lookalikeVariant(e.tool, name) }));
    if (args.values.json) {
      const answer = { name: summary.name, total: summary.total, tools: summary.tools, groups: summary.groups, outdated: summary.outdated, entries: views, lookalikes: { total: lookalikes.total, entries: alike } };
      io.stdout.write(`${JSON.stringify(answer)}\n`);
      return 0;
    }
    const paint = colorizer(io.stdout, io.env);
    const blocks = views.map((v) => renderToolText(v, paint));
    if (summary.tools > 1) blocks.unshift(renderGroups(summary, paint));
    const hidden = summary.tools - views.length;
    if (hidden > 0) blocks.push(paint("dim", `… and ${hidden} more by that name (--all lists every one)`));
    const outdated = outdatedGroupsText(summary, CLASSIFIER_VERSION);
    if (outdated) blocks.push(paint("dim", `${outdated} (--all classifies every one)`));
    // A lookalike renders as the name asked for: its line names it in escapes, so the two read apart.
    const asked = truncate(codePointText(name), 120);
    if (summary.total === 0) blocks.push(paint("yellow", `no tool is named ${asked}${server ? ` on ${nameText(server.key)}` : ""}, but ${plural(lookalikes.total, "tool")} look${lookalikes.total === 1 ? "s" : ""} the same:`));
    for (const v of alike) {
      const warning = paint("yellow", `also: ${v.variant} variant ${truncate(codePointText(v.tool), 120)} of ${asked}, another tool whose name looks the same`);
      blocks.push(`${warning}\n${renderToolText(v, paint)}`);
    }
    const unlisted = lookalikes.total - alike.length;
    if (unlisted > 0) blocks.push(paint("dim", `… and ${plural(unlisted, "more lookalike")} (--all lists every one)`));
    io.stdout.write(`${blocks.join("\n\n")}\n`);
    return 0;
  },
};

/**
 * The suggestions as a list reads them: each as it can be typed back, except those that would read the same as another
 * suggestion once Unicode-normalized (NFKC: "café" precomposed and with a combining accent, fullwidth letters), which
 * are named in escapes as the lookalike lines name them, with the form they are written in when only canonical
 * equivalence tells them apart: "caf\u{e9} (NFC), cafe\u{301} (NFD)".
 */
export function suggestionsText(suggestions: readonly string[]): string[] {
  const folded = (name: string) => name.normalize("NFKC");
  return suggestions.map((name) => {
    const twins = suggestions.filter((other) => other !== name && folded(other) === folded(name));
    if (twins.length === 0) return safeText(retypable(name));
    const variant = lookalikeVariant(name, twins[0]!);
    return `${codePointText(name)}${variant === "NFKC" ? "" : ` (${variant})`}`;
  });
}

/**
 * A suggested name as it can be typed back: in double quotes when it holds a space (which a shell splits on, and a
 * reader misses at its ends), a comma or a quote (which blur where it starts and ends in the list).
 */
function retypable(name: string): string {
  return /[\s",]/.test(name) ? JSON.stringify(name) : name;
}

/** "77 servers: 70 read / low, 7 write / medium". */
export function renderGroups(summary: Omit<NameSummary, "outdated">, paint: (style: Style, text: string) => string): string {
  const parts = summary.groups.map((g) => {
    const label = g.category ? `${g.category} / ${g.risk}` : "not classified yet";
    return `${g.count} ${g.risk ? paint(RISK_STYLE[g.risk] ?? "bold", label) : paint("dim", label)}`;
  });
  return `${paint("bold", nameText(summary.name))} is on ${holdersText(summary)}: ${parts.join(", ")}`;
}
