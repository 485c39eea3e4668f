// The served catalog's questions, answered over the CLI's own query functions: shared by the API, the MCP tools and the pages.
import { exportNamed, exportPolicy, FORMAT_NAMES, UnrepresentableNameError, type FormatName, type Rendered } from "../classifier/formats/formats.js";
import { buildPolicy } from "../classifier/policy.js";
import { CATEGORIES, RISKS } from "../classifier/taxonomy.js";
import { listServers, listTools, serverDetail, type NameKey } from "../db/browse.js";
import type { Db } from "../db/client.js";
import { oneToolSummary, removedServerTool, searchToolsPage, similarToolNames, toolChangeFeed, type NameSummary, type SearchKey, type ServerRef } from "../db/lookups.js";
import { checkClientName } from "../scripts/client-name.js";
import { CliError } from "../scripts/command.js";
import { readInstant } from "../scripts/catalog-instant.js";
import { parseSince } from "../scripts/commands/changes.js";
import { currentNameSummary, currentPage, currentServerTools, currentTool } from "../scripts/current-lookups.js";
import { asStored, type CurrentEntry } from "../scripts/current-verdicts.js";
import { rulesFor } from "../scripts/policy-rules.js";
import { assessServers } from "../scripts/server-verdict.js";
import { closeServerKeys, listedCandidates, matchCount, matchServer, matchServerExactly, type ServerMatch } from "../scripts/resolve-server.js";
import { ambiguousToolMessage, matchTool, type ToolMatch } from "../scripts/resolve-tool.js";
import { isoInstant } from "../scripts/iso-instant.js";
import type { KeptPerServer } from "../scripts/kept-per-server.js";
import { catalogCounts, statsReport } from "../scripts/stats-report.js";
import type { VerdictCounts } from "../scripts/verdict-counts.js";
import type { AssessedFigures } from "../scripts/verdict-summary.js";
import { z } from "zod";
import { decodeCursor, encodeCursor, page } from "./cursor.js";
import { SERVE_DEFAULTS } from "./defaults.js";
import { ambiguous, badRequest, notFound, shownName } from "./errors.js";
import { typedThenTrimmed } from "./lookup-text.js";
import { changeItem, serverItem, toolItem, verdictOf, type CatalogSummary, type ChangeItem, type ServerDetailView, type ServerItem, type StatsView, type ToolItem } from "./views.js";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The one server `input` names (key, registry name, repository URL, package coordinate or key prefix; with
 * `matcher` = matchServerName, its key or registry name only).
 */
export async function resolveServer(db: Db, input: string, matcher: (db: Db, input: string) => Promise<ServerMatch> = matchServer): Promise<ServerRef> {
  const match = await matcher(db, input);
  if (match.kind === "one") return match.server;
  if (match.kind === "none") throw notFound(`no server in the catalog matches '${shownName(input)}'`, { names: "server", close: await closeServerKeys(db, input) });
  const { listed, more } = listedCandidates(match.candidates.map((c) => c.key));
  throw ambiguous(`'${shownName(input)}' matches ${matchCount(match.candidates.length)} servers; name one of them`, listed, "server", more);
}

/**
 * Whether `input` is a server's name exactly (its key in any case, or an identity such as its registry name): which
 * reading of a URL is meant. A key it only starts names no server here: the URL would answer for another.
 */
export async function namesServer(db: Db, input: string): Promise<boolean> {
  return (await matchServerExactly(db, input)).kind !== "none";
}

export interface ToolQuery {
  name?: string;
  q?: string;
  category?: (typeof CATEGORIES)[number];
  risk?: (typeof RISKS)[number];
  server?: string;
  cursor?: string;
  limit: number;
}

const nameKey = z.tuple([z.string(), z.string(), z.string()]);
// Each rank part is a 0/1 case expression: anything else would reach Postgres as a bad integer, a 500. The distance is
// 1 - similarity rounded to 6 places: a longer number could overflow Postgres's numeric, another 500.
const rankPart = z.number().int().min(0).max(1);
const searchKey = z.tuple([rankPart, rankPart, rankPart, z.string().regex(/^[01](\.\d{1,6})?$/), z.string(), z.string()]);

/**
 * Tools by exact name, by search text (ranked), or all of them, filtered on their current verdicts; keyset-paged. While
 * some stored verdicts are outdated a filtered page reads at most `filterReadTools` tools (currentPage): one cut short
 * holds fewer than `limit` and still links the next.
 */
export async function findTools(db: Db, o: ToolQuery): Promise<Page<ToolItem>> {
  const server = o.server !== undefined ? await resolveServer(db, o.server) : undefined;
  const filters = { ...(o.category ? { category: o.category } : {}), ...(o.risk ? { risk: o.risk } : {}) };
  const shown = <Key>(found: { entries: CurrentEntry[]; next: Key | null }, kind: string): Page<ToolItem> => ({
    items: found.entries.map(toolItem),
    nextCursor: found.next === null ? null : encodeCursor(kind, found.next),
  });
  const paging = { ...filters, limit: o.limit, budget: SERVE_DEFAULTS.filterReadTools };
  // Text given is a search, never "every tool": the routes and the MCP tool refuse blank text (searchTextProblem).
  if (o.q !== undefined) {
    const text = o.q.trim();
    const after = o.cursor !== undefined ? (decodeCursor(o.cursor, "search", searchKey) as SearchKey) : undefined;
    const read = (p: { after?: SearchKey; limit: number; outdatedFor: string }) => searchToolsPage(db, { text, ...filters, ...(server ? { serverIds: [server.id] } : {}), ...p });
    return shown(await currentPage(db, { ...paging, ...(after ? { after } : {}), read }), "search");
  }
  const after = o.cursor !== undefined ? (decodeCursor(o.cursor, "name", nameKey) as NameKey) : undefined;
  const reader = (name: string | undefined) => (p: { after?: NameKey; limit: number; outdatedFor: string }) =>
    listTools(db, { ...(name !== undefined ? { name } : {}), ...filters, ...(server ? { serverId: server.id } : {}), ...p });
  // Whether the name as typed lists a tool under this query's filters (its server, category and risk): another
  // server's " x" says nothing of what " x" means on this one. A first page cut short by the budget still read tools
  // of that name, so the name as typed is meant.
  const listsAny = async (name: string) => {
    const first = await currentPage(db, { ...paging, limit: 1, read: reader(name) });
    return first.entries.length > 0 || first.next !== null;
  };
  const name = o.name !== undefined ? await heldName(o.name, listsAny) : undefined;
  return shown(await currentPage(db, { ...paging, ...(after ? { after } : {}), read: reader(name) }), "name");
}

/**
 * The name a list by name reads, the same on every page: as typed when `listsAny` finds a tool of that name under the
 * query's filters, else without the spaces at its ends (typedThenTrimmed).
 */
async function heldName(name: string, listsAny: (name: string) => Promise<boolean>): Promise<string> {
  const [typed, trimmed] = typedThenTrimmed(name);
  if (trimmed === undefined) return typed!;
  return (await listsAny(typed!)) ? typed! : trimmed;
}

/**
 * A tool name across the servers that hold it, as `risk NAME` answers it: groups by category and risk,
 * the riskiest `limit` entries; on one server, the one tool it means there (toolNamedOn). A 404 with close
 * names when no server has it.
 */
export async function toolsNamed(db: Db, name: string, o: { server?: ServerRef; limit?: number } = {}): Promise<NameSummary<CurrentEntry>> {
  if (o.server) return oneToolSummary(name, await toolNamedOn(db, o.server, name));
  for (const asked of typedThenTrimmed(name)) {
    const summary = await currentNameSummary(db, asked, { ...(o.limit !== undefined ? { limit: o.limit } : {}) });
    if (summary.total > 0) return summary;
  }
  throw notFound(`no tool named '${shownName(name)}' in the catalog`, { names: "tool", close: await similarToolNames(db, name.trim() || name) });
}

/**
 * The tool `name` means on `server` (matchTool; as typed, else without the spaces at its ends), with its current
 * verdict; a 409 listing the tools it matches ignoring case, a 404 with close names for none.
 */
export async function toolNamedOn(db: Db, server: ServerRef, name: string): Promise<CurrentEntry> {
  let match: ToolMatch = { kind: "none" };
  for (const asked of typedThenTrimmed(name)) if (match.kind === "none") match = await matchTool(db, server.id, asked);
  return matchedTool(db, server, name, match);
}

async function matchedTool(db: Db, server: ServerRef, name: string, match: ToolMatch): Promise<CurrentEntry> {
  if (match.kind === "one") return currentTool(db, match.entry);
  if (match.kind === "ambiguous") throw ambiguous(ambiguousToolMessage(shownName(name), server.key, match.candidates.length), match.candidates, { toolsOf: server.key });
  // The close names are this server's tools: a page links each to its page here.
  throw notFound(`no tool named '${shownName(name)}' on ${server.key}`, { names: { toolsOf: server.key }, close: await similarToolNames(db, name, { serverIds: [server.id] }) });
}

/** One tool on one server, with the server. */
export async function toolOn(db: Db, serverInput: string, name: string): Promise<{ server: ServerRef; entry: CurrentEntry }> {
  const server = await resolveServer(db, serverInput);
  return { server, entry: await toolNamedOn(db, server, name) };
}

/**
 * One tool on one server as its page shows it: the current tool named exactly, else the tool of that exact name the
 * server no longer lists (its history and last classification, with `removedAt`), else the one `name` means ignoring
 * case (toolNamedOn). A change's link names its tool exactly, removed or not.
 */
export async function toolPageOn(db: Db, serverInput: string, name: string): Promise<{ server: ServerRef; entry: CurrentEntry; removedAt: string | null }> {
  const server = await resolveServer(db, serverInput);
  const match = await matchTool(db, server.id, name);
  if (match.kind !== "one" || match.entry.tool !== name) {
    const removed = await removedServerTool(db, server.id, name);
    if (removed) {
      const { removedAt, ...entry } = removed;
      return { server, entry: asStored(entry), removedAt: isoInstant(removedAt) };
    }
  }
  return { server, entry: await matchedTool(db, server, name, match), removedAt: null };
}

export async function findServers(db: Db, o: { q?: string; cursor?: string; limit: number }): Promise<Page<ServerItem>> {
  const after = o.cursor !== undefined ? decodeCursor(o.cursor, "server", z.string()) : undefined;
  const rows = await listServers(db, { ...(o.q?.trim() ? { q: o.q.trim() } : {}), limit: o.limit + 1, ...(after !== undefined ? { after } : {}) });
  return page(rows.map(serverItem), rows.map((r) => r.key), o.limit, "server");
}

export interface ServerView extends ServerDetailView {
  entries: CurrentEntry[];
  description: string | null;
}

/** A server in full: its row, verdict, tools (with their current verdicts), aliases and sources. */
export async function serverView(db: Db, input: string): Promise<ServerView> {
  const ref = await resolveServer(db, input);
  const detail = (await serverDetail(db, ref.id))!;
  const entries = await currentServerTools(db, ref);
  const [assessment] = await assessServers(db, { serverIds: [ref.id] });
  return {
    ...serverItem(detail),
    verdict: verdictOf(entries),
    grade: assessment?.verdict ?? null,
    toxicFlow: assessment?.flow ?? null,
    items: entries.map(toolItem),
    aliases: detail.aliases,
    sources: detail.sources.map((s) => ({ ...s, fetchedAt: isoInstant(s.fetchedAt) })),
    entries,
  };
}

/** The file type each dialect is written in. */
export const POLICY_MEDIA_TYPES: Record<FormatName, string> = {
  native: "application/json",
  "claude-code": "application/json",
  intercept: "application/yaml",
  cedar: "application/yaml",
  agentgateway: "application/yaml",
  codex: "application/toml",
};

/**
 * The server's recommended policy in one dialect, as the `policy` command writes it, from its tools' current verdicts,
 * with what the dialect could not express (the lines `policy` prints on stderr).
 */
export function policyDocument(server: { key: string }, entries: readonly CurrentEntry[], format: FormatName, clientName?: string): Rendered {
  if (entries.length === 0) throw notFound(`${server.key} has no tools in the catalog yet`);
  const input = { server: { key: server.key, ...(clientName !== undefined ? { clientName } : {}) }, policy: buildPolicy(rulesFor(entries)) };
  try {
    if (clientName !== undefined) checkClientName(format, clientName);
    return exportPolicy(format, input);
  } catch (e) {
    if (!(e instanceof UnrepresentableNameError)) throw e;
    if (e.kind === "server") throw badRequest(`the ${format} format cannot hold the server name '${shownName(e.value)}' of ${server.key}: ${e.why}`);
    // Every tool it cannot name, each with why, as the server's page says: not only the first the exporter met.
    const { unnamed } = exportNamed(format, input);
    const each = unnamed.map((u) => `'${shownName(u.tool)}' (${u.why})`).join(", ");
    throw badRequest(
      `the ${format} format cannot hold the tool ${unnamed.length > 1 ? "names" : "name"} ${each} of ${server.key}; choose another format, or write ${unnamed.length > 1 ? "their rules" : "its rule"} by hand`,
    );
  }
}

export async function serverPolicy(db: Db, input: string, format: FormatName, clientName?: string): Promise<{ server: ServerRef } & Rendered> {
  const server = await resolveServer(db, input);
  return { server, ...policyDocument(server, await currentServerTools(db, server), format, clientName) };
}

export { FORMAT_NAMES };

// The id is a Postgres integer: a larger number is out of its range, not merely past the last page.
// The time is Postgres's text form of a timestamptz, as the feed's rows carry it: another form, or an instant Postgres
// would refuse (year 0000, an offset of +99), is no cursor the API issued.
const changeKey = z.tuple([z.string().refine((at) => "ms" in readInstant(at, "postgres")), z.number().int().min(1).max(2 ** 31 - 1)]);

/** `since` as the CLI reads it (a date, a date and time, or an age like 7d), else a 400. */
export function sinceInstant(since: string, now = new Date()): string {
  try {
    return parseSince(since, now);
  } catch (e) {
    if (e instanceof CliError) throw badRequest(e.message.replace(/^--since/, "since"));
    throw e;
  }
}

/** The change feed, filtered; `tool` (a name exactly, with `server`) is one tool's history. */
export async function findChanges(db: Db, o: { since?: string; server?: string; tool?: string; cursor?: string; limit: number }): Promise<Page<ChangeItem>> {
  const server = o.server !== undefined ? await resolveServer(db, o.server) : undefined;
  const before = o.cursor !== undefined ? decodeCursor(o.cursor, "change", changeKey) : undefined;
  const rows = await toolChangeFeed(db, {
    limit: o.limit + 1,
    ...(o.tool !== undefined ? { tool: o.tool } : {}),
    ...(o.since !== undefined ? { since: sinceInstant(o.since) } : {}),
    ...(server ? { serverIds: [server.id] } : {}),
    ...(before ? { before: { at: before[0], id: before[1] } } : {}),
  });
  // The key keeps the database's own timestamp: Postgres has microseconds, which the ISO form rounds away.
  return page(rows.map(changeItem), rows.map((r) => [r.at, r.id]), o.limit, "change");
}

/** GET /api/stats: everything `stats --json` tells, every server graded (its drift window ending at `now`; `kept`: servers assessed now by the last report, for this one). */
export async function stats(db: Db, now: Date, kept?: KeptPerServer<AssessedFigures>): Promise<StatsView> {
  return statsReport(db, { now, ...(kept ? { kept } : {}) });
}

/**
 * The home page's figures: the counts without grading every server, which costs seconds on a large catalog, and the
 * tools by their current verdicts as `verdictCounts` gives them (kept per state of the catalog: server/app.ts).
 */
export async function catalogSummary(db: Db, verdictCounts: () => Promise<VerdictCounts>): Promise<CatalogSummary> {
  return { ...(await catalogCounts(db)), ...(await verdictCounts()) };
}
