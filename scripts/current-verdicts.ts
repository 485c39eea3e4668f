// The current classifier's verdict on a catalogued tool: the stored one when this classifier (or a newer) wrote it for the
// tool's present definition, else the tool classified now with its siblings. Every reader takes its verdicts from here
// (risk, search, policy, annotations, grades, the API, the pages, the MCP tools, the feed), so none of them shows a verdict
// another one contradicts between an upgrade that bumps CLASSIFIER_VERSION and the refresh that stores the new verdicts.
import { classifyServer, classifyTool, CLASSIFIER_VERSION, type Classification } from "../classifier/classify.js";
import { storedToolInput } from "../classifier/tool.js";
import type { Db } from "../db/client.js";
import type { ToolEntry } from "../db/lookups.js";
import { serverToolHashes, verdictToolRows } from "../db/verdict-facts.js";
import { carryReview, reviewAnswers, type ReviewAnswers } from "./carried-reviews.js";
import { laterClassifierVersion } from "./classifier-versions.js";
import { serverFingerprint, verdictCache } from "./verdict-cache.js";

/** A catalogued tool as the classifier reads it. */
export type StoredTool = Parameters<typeof storedToolInput>[0];

/** A server and all its current tools: each tool's siblings, which decide its domain when its own text is thin. */
export interface ServerTools {
  key: string;
  description: string | null;
  tools: readonly StoredTool[];
  /** serverFingerprint of these tools: given, verdicts are kept and reused while the server's tools stay the same (verdict-cache.ts). */
  fingerprint?: string;
  /**
   * The verdicts kept for `fingerprint` when the tools were read, held here: tools read by name alone (withCurrentVerdicts)
   * are classified from these, never from their names, even if the cache dropped the fingerprint since (another server
   * kept in between, in this request or another).
   */
  kept?: ReadonlyMap<string, Classification>;
}

/** A tool entry with the verdict a reader shows: `stored` false when it was classified now and the catalog holds another. */
export type CurrentEntry = ToolEntry & {
  /** Whether the verdict is the catalog's stored one; false: classified now, the next refresh stores it. */
  stored: boolean;
  /** The classifier version of the stored verdict (null: none stored); the verdict's own is `classification.classifierVersion`. */
  storedClassifierVersion: string | null;
};

/**
 * Whether a stored verdict stands as the current classifier's: written for the tool's present definition by this
 * classifier version, or by a later one (a newer release shares the catalog: its verdict is not taken back to this one's).
 * `classifierVersion` is null when nothing is stored.
 */
export function storedVerdictStands(classifierVersion: string | null, sameDefinition: boolean): boolean {
  if (classifierVersion === null || !sameDefinition) return false;
  return classifierVersion === CLASSIFIER_VERSION || laterClassifierVersion(classifierVersion, CLASSIFIER_VERSION);
}

/**
 * The tools at `indices` of one server, classified now with all its tools as siblings; the only in-memory classification
 * of catalogued tools. A few tools are each read alone beside the server's profile (classifyTool gives classifyServer's
 * verdict for it); many, in one pass of the whole server. Measured per tool: reading one alone costs the profile (0.01 ms
 * per sibling) and about 0.5 ms; the whole pass about 0.5 ms per tool, so alone is cheaper while k·(n/100 + 1) < n.
 * With a fingerprint, verdicts already made for the same tools are reused, and a server asked for again is classified
 * whole and kept: a second page, batch or request reads it from memory (verdict-cache.ts).
 */
export function classifyNow(server: ServerTools, indices: readonly number[]): Map<number, Classification> {
  if (indices.length === 0) return new Map();
  const kept = server.kept ?? (server.fingerprint === undefined ? undefined : verdictCache.get(server.fingerprint));
  const out = new Map<number, Classification>();
  const missing = indices.filter((i) => {
    const c = kept?.get(server.tools[i]!.name);
    if (c) out.set(i, c);
    return !c;
  });
  if (missing.length === 0) return out;
  const tools = server.tools.map(storedToolInput);
  const context = { name: server.key, ...(server.description ? { description: server.description } : {}), tools };
  if (kept === undefined && missing.length * (tools.length / 100 + 1) < tools.length) {
    for (const i of missing) out.set(i, classifyTool(tools[i]!, context));
  } else {
    const all = classifyServer(context);
    for (const i of missing) out.set(i, all[i]!);
    if (server.fingerprint !== undefined) verdictCache.add(server.fingerprint, all.map((c, i) => [tools[i]!.name, c]));
    return out;
  }
  if (server.fingerprint !== undefined) verdictCache.add(server.fingerprint, missing.map((i) => [tools[i]!.name, out.get(i)!]));
  return out;
}

function entryStands(e: ToolEntry): boolean {
  return storedVerdictStands(e.classification?.classifierVersion ?? null, e.classification?.contentHash === e.contentHash);
}

/** A verdict made now, in the shape a stored one is read in. */
function asEntryClassification(c: Classification, contentHash: string): NonNullable<ToolEntry["classification"]> {
  return {
    category: c.category,
    risk: c.risk,
    confidence: c.confidence,
    rationale: c.rationale,
    classifierVersion: c.classifierVersion,
    contentHash,
    method: c.method,
    reviewModel: c.reviewedBy?.model ?? null,
    reviewPromptVersion: c.reviewedBy?.promptVersion ?? null,
    signals: c.signals,
    rule: c.rule as Record<string, unknown>,
    hints: { ...c.hints },
    arguments: c.arguments ?? null,
  };
}

/** An entry shown as stored: its verdict stands, or it is a removed tool's last one (what the catalog last knew; no refresh redoes it). */
export function asStored(e: ToolEntry): CurrentEntry {
  return { ...e, stored: true, storedClassifierVersion: e.classification?.classifierVersion ?? null };
}

/**
 * Each entry (a current tool) with the current classifier's verdict. `servers` holds, by id, the tools of each server
 * with an entry whose stored verdict does not stand: those entries are classified now, beside their siblings, and a
 * model review their stored verdicts carry is carried over with `answers` (carried-reviews.ts; without its answer, the
 * stored reviewed risk is the floor).
 */
export function currentEntries(entries: readonly ToolEntry[], servers: ReadonlyMap<number, ServerTools>, answers: ReviewAnswers = new Map()): CurrentEntry[] {
  const out = entries.map((e) => (entryStands(e) ? asStored(e) : undefined));
  const byServer = new Map<number, number[]>();
  entries.forEach((e, i) => {
    if (out[i] === undefined) byServer.set(e.serverId, [...(byServer.get(e.serverId) ?? []), i]);
  });
  for (const [serverId, positions] of byServer) {
    // A tool read before a refresh removed it (the entries and the siblings are two reads) is read beside the rest.
    const server = servers.get(serverId) ?? { key: entries[positions[0]!]!.server, description: null, tools: [] };
    const tools = [...server.tools];
    const at = new Map(tools.map((t, i) => [t.name, i]));
    const indices = positions.map((p) => {
      const e = entries[p]!;
      let index = at.get(e.tool);
      if (index === undefined) at.set(e.tool, (index = tools.push({ ...e, name: e.tool }) - 1));
      return index;
    });
    // A tool added here is not among the tools the fingerprint names: its verdict is made, not kept.
    const { fingerprint, kept, ...rest } = server;
    const same = tools.length === server.tools.length;
    const classified = classifyNow({ ...rest, tools, ...(fingerprint !== undefined && same ? { fingerprint } : {}), ...(kept !== undefined && same ? { kept } : {}) }, [...new Set(indices)]);
    positions.forEach((p, k) => {
      const e = entries[p]!;
      out[p] = { ...e, classification: asEntryClassification(carryReview(e, classified.get(indices[k]!)!, answers), e.contentHash), stored: false, storedClassifierVersion: e.classification?.classifierVersion ?? null };
    });
  }
  return out as CurrentEntry[];
}

/**
 * The cached model answers the entries classified now need (carried-reviews.ts), read at once for a request's entries:
 * none are read while every verdict stands or none of the outdated ones was reviewed.
 */
export function currentReviewAnswers(db: Db, entries: readonly ToolEntry[]): Promise<ReviewAnswers> {
  return reviewAnswers(db, entries.filter((e) => !entryStands(e)));
}

/**
 * All the current tools of one server, each with the current verdict, its siblings being these entries; `answers`
 * (currentReviewAnswers of these entries, or of a page holding them) carries their stored model reviews over.
 */
export function currentServerEntries(server: { key: string; description: string | null }, entries: readonly ToolEntry[], answers: ReviewAnswers): CurrentEntry[] {
  const serverId = entries[0]?.serverId;
  if (serverId === undefined) return [];
  const tools = entries.map((e) => ({ ...e, name: e.tool }));
  const fingerprint = entries.some((e) => !entryStands(e)) ? serverFingerprint({ ...server, tools }) : undefined;
  return currentEntries(entries, new Map([[serverId, { ...server, tools, ...(fingerprint !== undefined ? { fingerprint } : {}) }]]), answers);
}

/**
 * Each entry (a current tool) with the current verdict, reading the tools of the servers that need classifying now: none
 * when every verdict stands. Each such server's tools are first read by name and hash alone, and read in full only when a
 * verdict needed is not kept for them (verdict-cache.ts).
 */
/** The two catalog reads withCurrentVerdicts makes, apart: a test puts what another request does between them. */
export interface VerdictReads {
  serverToolHashes: typeof serverToolHashes;
  verdictToolRows: typeof verdictToolRows;
}
const CATALOG_READS: VerdictReads = { serverToolHashes, verdictToolRows };

export async function withCurrentVerdicts(db: Db, entries: readonly ToolEntry[], reads: VerdictReads = CATALOG_READS): Promise<CurrentEntry[]> {
  const outdated = entries.filter((e) => !entryStands(e));
  const serverIds = [...new Set(outdated.map((e) => e.serverId))];
  if (serverIds.length === 0) return entries.map(asStored);
  const servers = new Map<number, ServerTools & { tools: StoredTool[] }>();
  const unread: number[] = [];
  for (const [serverId, hashes] of await reads.serverToolHashes(db, serverIds)) {
    const fingerprint = serverFingerprint(hashes);
    const kept = verdictCache.get(fingerprint);
    const server: ServerTools & { tools: StoredTool[] } = { key: hashes.key, description: hashes.description, fingerprint, tools: [] };
    servers.set(serverId, server);
    // Every verdict needed is kept: the tools are named only, in the fingerprint's order, and their verdicts held with them
    // (the cache may drop them before classifyNow reads them, and a tool named only must never be classified).
    if (kept !== undefined && outdated.every((e) => e.serverId !== serverId || kept.has(e.tool))) {
      server.tools.push(...hashes.tools.map((t) => ({ name: t.name, title: null, description: null, inputSchema: null, annotations: null })));
      server.kept = kept;
    } else unread.push(serverId);
  }
  for (const row of unread.length ? await reads.verdictToolRows(db, unread) : []) servers.get(row.serverId)?.tools.push({ ...row, name: row.tool });
  // Fingerprinted as read in full: a refresh between the two reads must not keep new tools' verdicts under the old key.
  for (const id of unread) {
    const server = servers.get(id)!;
    server.fingerprint = serverFingerprint({ ...server, tools: server.tools as (StoredTool & { contentHash: string })[] });
  }
  return currentEntries(entries, servers, await reviewAnswers(db, outdated));
}
