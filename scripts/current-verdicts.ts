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

/** A catalogued tool as the classifier reads it, with the hash of that definition. */
export type StoredTool = Parameters<typeof storedToolInput>[0] & { contentHash: string };

/** A server and all its current tools: each tool's siblings, which decide its domain when its own text is thin. */
export interface ServerTools {
  key: string;
  description: string | null;
  tools: readonly StoredTool[];
  /**
   * Only the tools asked for carry their definitions, the others their names alone: what a verdict reads of its siblings
   * (classifier/server-profile.ts builds the profile from the server's key, description and tool names). Each verdict is
   * then made alone beside them, never in one pass of the whole server, which would classify tools from their names.
   */
  namedOnly?: boolean;
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
 * Whether the `missing` verdicts of a server of `size` tools are made in one pass of the whole server rather than each
 * alone beside its profile (classifyTool gives classifyServer's verdict for it). Measured per tool: reading one alone
 * costs the profile (0.01 ms per sibling) and about 0.5 ms; the whole pass about 0.5 ms per tool, so alone is cheaper
 * while k·(n/100 + 1) < n. A server some of whose verdicts are kept already is asked for again: it is classified whole
 * and kept, so a second page, batch or request reads it from memory (verdict-cache.ts).
 */
export function classifiedWhole(o: { somethingKept: boolean; missing: number; size: number }): boolean {
  return o.missing > 0 && (o.somethingKept || o.missing * (o.size / 100 + 1) >= o.size);
}

/**
 * The tools at `indices` of one server, classified now with all its tools as siblings; the only in-memory classification
 * of catalogued tools, alone or in one pass (classifiedWhole). With a fingerprint, verdicts already made for the same
 * tools are reused, and those made are kept.
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
  if (server.namedOnly || !classifiedWhole({ somethingKept: kept !== undefined, missing: missing.length, size: tools.length })) {
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
    const server = servers.get(serverId) ?? { key: entries[positions[0]!]!.server, description: null, tools: [] };
    const tools = [...server.tools];
    const at = new Map(tools.map((t, i) => [t.name, i]));
    // Each verdict is made from the definition its entry shows, beside the siblings. The entries and the siblings are two
    // reads: a tool a refresh removed or changed between them is read as its entry has it, and then the tools are not the
    // ones the fingerprint names, so no verdict is taken from what is kept for it (another definition's) nor kept under it.
    let same = true;
    const indices = positions.map((p) => {
      const e = entries[p]!;
      const index = at.get(e.tool) ?? tools.length;
      if (tools[index]?.contentHash !== e.contentHash) same = false;
      tools[index] = { name: e.tool, contentHash: e.contentHash, title: e.title, description: e.description, inputSchema: e.inputSchema, annotations: e.annotations };
      at.set(e.tool, index);
      return index;
    });
    const { fingerprint, kept, ...rest } = server;
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

/** The catalog reads withCurrentVerdicts makes, passed in: a test puts what a refresh does between them and the entries' read. */
export interface VerdictReads {
  serverToolHashes: typeof serverToolHashes;
  verdictToolRows: typeof verdictToolRows;
}
const CATALOG_READS: VerdictReads = { serverToolHashes, verdictToolRows };

/** A sibling as serverToolHashes reads it: its name and hash, all a verdict beside it reads (ServerTools.namedOnly). */
function namedOnly(t: { name: string; contentHash: string }): StoredTool {
  // Field by field: spread, it cost up to 20 µs a tool on Node 20 (measured), 0.3 s of CPU a lookup at 2,000 servers of 20 tools.
  return { name: t.name, contentHash: t.contentHash, title: null, description: null, inputSchema: null, annotations: null };
}

/**
 * Each entry (a current tool) with the current verdict, reading the siblings of the tools that need classifying now: none
 * when every verdict stands. Their servers' tools are read by name and hash, in one statement, and that is all while the
 * verdicts needed are kept or each is made alone (from its entry's definition, beside the names: classifiedWhole); a
 * server classified whole is read in full.
 */
export async function withCurrentVerdicts(db: Db, entries: readonly ToolEntry[], reads: VerdictReads = CATALOG_READS): Promise<CurrentEntry[]> {
  const outdated = entries.filter((e) => !entryStands(e));
  if (outdated.length === 0) return entries.map(asStored);
  const asked = new Map<number, Set<string>>();
  for (const e of outdated) asked.set(e.serverId, (asked.get(e.serverId) ?? new Set()).add(e.tool));
  const servers = new Map<number, ServerTools & { tools: StoredTool[] }>();
  const unread: number[] = [];
  for (const [serverId, hashes] of await reads.serverToolHashes(db, [...asked.keys()])) {
    const fingerprint = serverFingerprint(hashes);
    const kept = verdictCache.get(fingerprint);
    const missing = [...asked.get(serverId)!].filter((name) => !kept?.has(name)).length;
    if (classifiedWhole({ somethingKept: kept !== undefined, missing, size: hashes.tools.length })) {
      unread.push(serverId);
      continue;
    }
    // The verdicts kept are held with the tools (the cache may drop them before classifyNow reads them).
    servers.set(serverId, { key: hashes.key, description: hashes.description, fingerprint, tools: hashes.tools.map(namedOnly), namedOnly: true, ...(missing === 0 && kept ? { kept } : {}) });
  }
  const rows = unread.length ? await reads.verdictToolRows(db, unread) : [];
  for (const row of rows) {
    const server: ServerTools & { tools: StoredTool[] } = servers.get(row.serverId) ?? { key: row.server, description: row.serverDescription, tools: [] };
    servers.set(row.serverId, server);
    server.tools.push({ ...row, name: row.tool });
  }
  // Fingerprinted as read in full: a refresh between the two reads must not keep new tools' verdicts under the old key.
  for (const id of unread) {
    const server = servers.get(id);
    if (server) server.fingerprint = serverFingerprint({ ...server, tools: server.tools as (StoredTool & { contentHash: string })[] });
  }
  return currentEntries(entries, servers, await reviewAnswers(db, outdated));
}
