// The catalog's lookups as the readers show them: each tool with its current verdict (current-verdicts.ts), and whatever
// a verdict decides (a name's groups, the riskiest entries first, a filter by category or risk) decided on that verdict.
// db/ orders and filters on the stored columns; a verdict outdated for this classifier may say otherwise, so:
//  - a list ordered riskiest first and cut is read as SQL orders it while no verdict in it is outdated (SQL counts them);
//    else a server's other tools are read whole and ordered here, and a name's holders and its lookalikes (held by any
//    number of servers) are cut as SQL orders them and what is shown ordered here (the rest keep their stored verdicts);
//  - a filtered list has SQL return its outdated tools whatever their stored verdict says (verdictFilter) and filters
//    those here on the verdict made now, reading on until the page is full.
// While nothing is outdated (every day but the ones between an upgrade and its refresh) each is the one query it was.
import { CLASSIFIER_VERSION } from "../classifier/classify.js";
import { FORMAT_NAMES, toolNameIn } from "../classifier/formats/formats.js";
import { RISKS } from "../classifier/taxonomy.js";
import type { Db } from "../db/client.js";
import { lookalikeTools, otherServerTools, serverToolNames, serverTools, sortGroups, summarizeName, type Lookalikes, type NameSummary, type ServerRef, type ToolEntry } from "../db/lookups.js";
import { asStored, currentReviewAnswers, currentServerEntries, withCurrentVerdicts, type CurrentEntry } from "./current-verdicts.js";

/** Code-point order, as a tie-break the same on every driver. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The riskiest first (unclassified last), then by `key`: db/lookups.ts's RISK_ORDER, on the current verdicts. */
function riskiestFirst(entries: CurrentEntry[], key: (e: CurrentEntry) => string): CurrentEntry[] {
  const rank = (e: CurrentEntry) => {
    const i = RISKS.indexOf(e.classification?.risk as (typeof RISKS)[number]);
    return i < 0 ? RISKS.length : RISKS.length - 1 - i;
  };
  return entries.sort((a, b) => rank(a) - rank(b) || byText(key(a), key(b)));
}

/** One current tool with its current verdict. */
export async function currentTool(db: Db, entry: ToolEntry): Promise<CurrentEntry> {
  return (await withCurrentVerdicts(db, [entry]))[0]!;
}

/** A group's key: its category and risk, null for a tool not classified. */
function groupKey(c: { category: string | null; risk: string | null } | null): string {
  return JSON.stringify([c?.category ?? null, c?.risk ?? null]);
}

/**
 * A tool name across the servers that hold it: groups by category and risk, the riskiest `limit` entries (every one
 * without a limit). While some stored verdicts are outdated, a request classifies only the entries it shows, so at most
 * `limit` servers however many hold the name: the entries are those SQL ranks riskiest by their stored verdicts, each
 * with its current verdict and ordered by it; the groups count them by their current verdicts and the other tools by
 * their stored ones, and `outdated` says how many of those others are not this classifier's verdicts (0 when every
 * entry is shown).
 */
export async function currentNameSummary(db: Db, name: string, o: { limit?: number } = {}): Promise<NameSummary<CurrentEntry>> {
  const summary = await summarizeName(db, name, { ...o, outdatedFor: CLASSIFIER_VERSION });
  if (summary.outdated === 0) return { ...summary, entries: summary.entries.map(asStored) };
  const entries = await withCurrentVerdicts(db, summary.entries);
  const groups = new Map(summary.groups.map((g) => [groupKey(g), { ...g }]));
  let outdated = summary.outdated;
  entries.forEach((e, i) => {
    // SQL counts as outdated any verdict but this classifier's for the present definition, a later one's too (which stands).
    if (!e.stored || e.classification?.classifierVersion !== CLASSIFIER_VERSION) outdated -= 1;
    if (e.stored) return;
    const was = groups.get(groupKey(summary.entries[i]!.classification))!;
    was.count -= 1;
    const key = groupKey(e.classification);
    const now = groups.get(key) ?? { category: e.classification?.category ?? null, risk: e.classification?.risk ?? null, count: 0 };
    now.count += 1;
    groups.set(key, now);
  });
  return {
    ...summary,
    groups: sortGroups([...groups.values()].filter((g) => g.count > 0)),
    entries: riskiestFirst(entries, (e) => `${e.server}\u0000${e.tool}`),
    outdated,
  };
}

/** A name's lookalikes (lookalikeTools), the riskiest `limit` by their stored verdicts, each with its current verdict and ordered by it. */
export async function currentLookalikes(db: Db, name: string, o: { serverId?: number; limit?: number } = {}): Promise<Omit<Lookalikes, "entries"> & { entries: CurrentEntry[] }> {
  const found = await lookalikeTools(db, name, { ...o, outdatedFor: CLASSIFIER_VERSION });
  if (found.outdated === 0) return { ...found, entries: found.entries.map(asStored) };
  return { ...found, entries: riskiestFirst(await withCurrentVerdicts(db, found.entries), (e) => `${e.server}\u0000${e.tool}`) };
}

/** All a server's current tools, each with its current verdict (the policy, a server's page, its other tools). */
export async function currentServerTools(db: Db, server: ServerRef): Promise<CurrentEntry[]> {
  const entries = await serverTools(db, server.id);
  return currentServerEntries(server, entries, await currentReviewAnswers(db, entries));
}

/** A server's tools but `except`, the riskiest `limit` by their current verdicts, and how many there are. */
export async function currentOtherTools(db: Db, server: ServerRef, except: string, limit: number): Promise<{ total: number; entries: CurrentEntry[] }> {
  const found = await otherServerTools(db, server.id, except, limit, CLASSIFIER_VERSION);
  if (found.outdated === 0) return { total: found.total, entries: found.entries.map(asStored) };
  // The server's tools are read whole anyway: they are the siblings an outdated verdict is made beside.
  const others = (await currentServerTools(db, server)).filter((e) => e.tool !== except);
  return { total: found.total, entries: riskiestFirst(others, (e) => e.tool).slice(0, limit) };
}

/**
 * The server's other current tools that some policy format names as it names `tool` (toolNameIn: Claude Code's `a/b`
 * and `a_b`), each with its current verdict: one rule of that format's document holds them all, so a tool's own rule,
 * written alone, would say of its twins what the server's document does not. Only their names are read unless one is.
 */
export async function currentNameTwins(db: Db, server: ServerRef, tool: string): Promise<CurrentEntry[]> {
  const sameName = (other: string) => other !== tool && FORMAT_NAMES.some((format) => toolNameIn(format, other) === toolNameIn(format, tool));
  if (!(await serverToolNames(db, server.id)).some(sameName)) return [];
  return (await currentServerTools(db, server)).filter((e) => sameName(e.tool));
}

export interface VerdictFilter {
  category?: string;
  risk?: string;
}

/** What a page reads: up to `limit` tools after `after` in its order, each with its key, a filter's outdated tools among them. */
export type PageReader<Key> = (p: { after?: Key; limit: number; outdatedFor: string }) => Promise<{ entries: ToolEntry[]; keys: Key[] }>;

/**
 * Up to `limit` tools in `read`'s order whose current verdict passes `filter`, with their keys, and the key the next page
 * continues after (null: no more). With a filter, SQL passes the tools whose verdict is outdated whatever it says, and they
 * are filtered here, reading on in growing steps until the page is full or `budget` tools were read: a page cut short by
 * the budget continues where reading stopped. Without outdated verdicts the first read is the page, as before.
 */
export async function currentPage<Key>(db: Db, o: VerdictFilter & { limit: number; after?: Key; budget?: number; read: PageReader<Key> }): Promise<{ entries: CurrentEntry[]; keys: Key[]; next: Key | null }> {
  const passes = (e: CurrentEntry) => (o.category === undefined || e.classification?.category === o.category) && (o.risk === undefined || e.classification?.risk === o.risk);
  const entries: CurrentEntry[] = [];
  const keys: Key[] = [];
  let after = o.after;
  let size = o.limit + 1;
  for (let read = 0; ; ) {
    const batch = await o.read({ ...(after !== undefined ? { after } : {}), limit: size, outdatedFor: CLASSIFIER_VERSION });
    const current = await withCurrentVerdicts(db, batch.entries);
    for (const [i, e] of current.entries()) {
      if (!passes(e)) continue;
      if (entries.length === o.limit) return { entries, keys, next: keys.at(-1)! };
      entries.push(e);
      keys.push(batch.keys[i]!);
    }
    read += current.length;
    if (current.length < size) return { entries, keys, next: null };
    after = batch.keys.at(-1)!;
    if (o.budget !== undefined && read >= o.budget) return { entries, keys, next: after };
    size = Math.min(size * 2, o.budget === undefined ? 1_000 : Math.max(o.budget - read, 1));
  }
}
