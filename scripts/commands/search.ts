// `mcp-catalog search TEXT`: tools by name or description, ranked, with filters on class and risk.
import { plural } from "../../classifier/plural.js";
import { CATEGORIES, RISKS } from "../../classifier/taxonomy.js";
import { catalogIsEmpty, SEARCH_SORTS, searchToolsPage, type SearchSort } from "../../db/lookups.js";
import { SERVE_DEFAULTS } from "../../server/defaults.js";
import { searchTextProblem } from "../../server/lookup-text.js";
import { CliError, type Command } from "../command.js";
import { loadConfig } from "../config.js";
import { currentPage } from "../current-lookups.js";
import { emptyCatalogText } from "../empty-catalog.js";
import { READER_EXIT_CODES, readerWait, WAIT_OPTION, withCatalog } from "../open-catalog.js";
import { requireServer, serverArgument } from "../resolve-server.js";
import { colorizer, nameText, safeText, truncate } from "../terminal.js";
import { RISK_STYLE, toolView } from "../tool-view.js";
import { wholeNumber } from "../whole-number.js";

export const command: Command = {
  name: "search",
  summary: "Find tools by name or description, ranked, optionally by category, risk and server",
  usage: "TEXT [--category C] [--risk R] [--server S] [--sort relevance|popularity] [--limit N] [--wait SECONDS] [--json]",
  details: [
    "Ranked: the exact name first, then names that contain TEXT or resemble it (trigram similarity),",
    "then tools whose description mentions it. --sort popularity puts the tools of the most popular servers",
    "first (GitHub stars, then weekly npm downloads, then a directory's download count), relevance within. Exit codes: 0 answered (no match is an empty answer);",
    `1 no such server; 2 bad arguments (TEXT blank or over ${SERVE_DEFAULTS.maxSearchChars} characters, a server name over ${SERVE_DEFAULTS.maxNameBytes} bytes)`,
    "or an ambiguous --server (the candidates are listed).",
    READER_EXIT_CODES,
  ].join("\n"),
  positionals: [1, 1],
  options: {
    ...WAIT_OPTION,
    category: { type: "string", valueName: "C", description: `Only this category: ${CATEGORIES.join(", ")}` },
    risk: { type: "string", valueName: "R", description: `Only this risk: ${RISKS.join(", ")}` },
    server: { type: "string", valueName: "S", description: "Only this server (registry name, repository URL, npm:<package> or unique key prefix)" },
    sort: { type: "string", valueName: "S", description: "relevance (default) or popularity: the most popular servers' tools first" },
    limit: { type: "string", valueName: "N", description: `At most N results (default ${SERVE_DEFAULTS.searchLimit}, at most ${SERVE_DEFAULTS.maxSearchLimit})` },
    json: { type: "boolean", description: "Print a JSON array of entries" },
  },
  async run(args, io) {
    const text = args.positionals[0]!.trim();
    const problem = searchTextProblem(text);
    if (problem !== undefined) throw new CliError(`TEXT ${problem}`, 2);
    const category = args.values.category as string | undefined;
    // An empty value is refused, not read as "no filter": `--risk "$LEVEL"` with LEVEL unset must not widen the search.
    if (category !== undefined && !(CATEGORIES as readonly string[]).includes(category)) throw new CliError(`--category must be one of ${CATEGORIES.join(", ")}`, 2);
    const risk = args.values.risk as string | undefined;
    if (risk !== undefined && !(RISKS as readonly string[]).includes(risk)) throw new CliError(`--risk must be one of ${RISKS.join(", ")}`, 2);
    const limitText = (args.values.limit as string | undefined) ?? String(SERVE_DEFAULTS.searchLimit);
    const limit = wholeNumber(limitText, { min: 1, max: SERVE_DEFAULTS.maxSearchLimit });
    if (limit === undefined) throw new CliError(`--limit must be a whole number from 1 to ${SERVE_DEFAULTS.maxSearchLimit}`, 2);
    const sort = ((args.values.sort as string | undefined) ?? "relevance") as SearchSort;
    if (!(SEARCH_SORTS as readonly string[]).includes(sort)) throw new CliError(`--sort must be one of ${SEARCH_SORTS.join(", ")}`, 2);
    const serverArg = serverArgument(args.values.server, "--server");
    const config = loadConfig(io.env, io.cwd);
    const { found, empty, server } = await withCatalog(io, config, async (catalog) => {
      const server = serverArg !== undefined ? await requireServer(catalog, serverArg) : undefined;
      const filter = { ...(category ? { category } : {}), ...(risk ? { risk } : {}) };
      // Read on by position: the popularity order has no key to continue after (searchToolsQuery), and a command's
      // search is one answer, not pages a catalog may change between.
      const { entries: found } = await currentPage<number>(catalog.db, {
        ...filter,
        limit,
        read: async ({ after = 0, limit, outdatedFor }) => {
          const page = await searchToolsPage(catalog.db, { text, limit, sort, offset: after, ...filter, outdatedFor, ...(server ? { serverIds: [server.id] } : {}) });
          return { entries: page.entries, keys: page.entries.map((_, i) => after + i + 1) };
        },
      });
      return { found, server, empty: found.length === 0 && (await catalogIsEmpty(catalog.db)) ? catalog.location : undefined };
    }, { wait: readerWait(args.values.wait, config, io, "search") });
    const views = found.map((e) => ({ ...toolView(e), description: e.description }));
    if (args.values.json) {
      io.stdout.write(`${JSON.stringify(views)}\n`);
      return 0;
    }
    if (empty !== undefined) {
      io.stderr.write(`${emptyCatalogText(empty)}\n`);
      return 0;
    }
    if (views.length === 0) {
      // Said with what narrowed it: "no tools match 'delete'" alone reads as if the catalog had no such tool at all.
      const narrowed = [...(category ? [`category ${category}`] : []), ...(risk ? [`risk ${risk}`] : [])];
      const within = `${narrowed.length ? ` with ${narrowed.join(" and ")}` : ""}${server ? ` on ${nameText(server.key)}` : ""}`;
      io.stderr.write(`no tools match '${safeText(truncate(text, 120))}'${within}\n`);
      return 0;
    }
    const unstored = views.filter((v) => !v.stored).length;
    if (unstored) io.stderr.write(`${plural(unstored, "verdict")} shown ${unstored === 1 ? "is" : "are"} the current classifier's, not yet stored: the next refresh stores ${unstored === 1 ? "it" : "them"}\n`);
    const paint = colorizer(io.stdout, io.env);
    const lines = views.map((v) => {
      const r = v.risk ? paint(RISK_STYLE[v.risk] ?? "bold", v.risk.padEnd(8)) : paint("dim", "-".padEnd(8));
      return `${r} ${(v.category ?? "-").padEnd(11)} ${nameText(truncate(v.tool, 120))}  ${paint("dim", nameText(truncate(v.server, 120)))}\n         ${safeText(truncate(v.description ?? "", 160))}`;
    });
    io.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  },
};
