// The current classifier's verdict on a catalogued tool: the stored one when this classifier (or a newer) wrote it for the
// tool's present definition, else the tool classified now with its siblings. Every reader takes its verdicts from here
// (risk, search, policy, annotations, grades, the API, the pages, the MCP tools, the feed), so none of them shows a verdict
// another one contradicts between an upgrade that bumps CLASSIFIER_VERSION and the refresh that stores the new verdicts.
import { classifyServer, classifyTool, CLASSIFIER_VERSION, type Classification } from "../classifier/classify.js";
import { storedToolInput } from "../classifier/tool.js";
import type { Db } from "../db/client.js";
import type { ToolEntry } from "../db/lookups.js";
import { verdictToolRows } from "../db/verdict-facts.js";
import { laterClassifierVersion } from "./classifier-versions.js";

/** A catalogued tool as the classifier reads it. */
export type StoredTool = Parameters<typeof storedToolInput>[0];

/** A server and all its current tools: each tool's siblings, which decide its domain when its own text is thin. */
export interface ServerTools {
  key: string;
  description: string | null;
  tools: readonly StoredTool[];
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
 */
export function classifyNow(server: ServerTools, indices: readonly number[]): Map<number, Classification> {
  if (indices.length === 0) return new Map();
  const tools = server.tools.map(storedToolInput);
  const context = { name: server.key, ...(server.description ? { description: server.description } : {}), tools };
  if (indices.length * (tools.length / 100 + 1) < tools.length) return new Map(indices.map((i) => [i, classifyTool(tools[i]!, context)]));
  const all = classifyServer(context);
  return new Map(indices.map((i) => [i, all[i]!]));
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
 * with an entry whose stored verdict does not stand: those entries are classified now, beside their siblings.
 */
export function currentEntries(entries: readonly ToolEntry[], servers: ReadonlyMap<number, ServerTools>): CurrentEntry[] {
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
    const classified = classifyNow({ ...server, tools }, [...new Set(indices)]);
    positions.forEach((p, k) => {
      const e = entries[p]!;
      out[p] = { ...e, classification: asEntryClassification(classified.get(indices[k]!)!, e.contentHash), stored: false, storedClassifierVersion: e.classification?.classifierVersion ?? null };
    });
  }
  return out as CurrentEntry[];
}

/** All the current tools of one server, each with the current verdict, its siblings being these entries. */
export function currentServerEntries(server: { key: string; description: string | null }, entries: readonly ToolEntry[]): CurrentEntry[] {
  const serverId = entries[0]?.serverId;
  if (serverId === undefined) return [];
  return currentEntries(entries, new Map([[serverId, { ...server, tools: entries.map((e) => ({ ...e, name: e.tool })) }]]));
}

/** Each entry (a current tool) with the current verdict, reading the tools of the servers that need classifying now: none when every verdict stands. */
export async function withCurrentVerdicts(db: Db, entries: readonly ToolEntry[]): Promise<CurrentEntry[]> {
  const serverIds = [...new Set(entries.filter((e) => !entryStands(e)).map((e) => e.serverId))];
  if (serverIds.length === 0) return entries.map(asStored);
  const servers = new Map<number, { key: string; description: string | null; tools: StoredTool[] }>();
  for (const row of await verdictToolRows(db, serverIds)) {
    let server = servers.get(row.serverId);
    if (!server) servers.set(row.serverId, (server = { key: row.serverKey, description: row.serverDescription, tools: [] }));
    server.tools.push(row);
  }
  return currentEntries(entries, servers);
}
