// Which record of a page speaks for each server, where records land after resolution, and which tool list a directory keeps.
import { contentHash } from "../hash.js";
import { digestRecord, toolDefinition, type RecordDigest } from "../ingest.js";
import type { SourceName, SourceRecord } from "../records.js";
import type { SignalUpsert } from "../../db/signals.js";
import type { AliasUpsert, ServerUpsert, SourceRowUpsert } from "./page.js";
import { isToolOrigin, ORIGIN_RANK, type ListingGaps, type ToolDefinition, type ToolListing, type ToolOrigin } from "./tools.js";

/**
 * How strongly a record speaks for its server's fields: the registry's latest version first,
 * then directories, then older registry versions (which only create a server not yet seen).
 */
export function canonicalRank(record: SourceRecord): number {
  return sourceRank(record.source, record.isLatest);
}

/** canonicalRank of a record known only by its source and whether it is the latest (a stored source row). */
export function sourceRank(source: SourceName, isLatest: boolean): number {
  // Package registries describe the package more than the server; a list line describes it least.
  const base: Record<SourceName, number> = { registry: 30, glama: 20, smithery: 15, pulsemcp: 14, npm: 13, pypi: 13, awesome: 12 };
  return isLatest ? base[source] : 10;
}

/** The rank of a server the record that spoke for it has left: below every record's, so the next one written speaks for it. */
export const UNSPOKEN_RANK = 0;

/** How a server names the record that speaks for it (servers.canonical_source). */
export function canonicalSourceOf(record: { source: string; sourceId: string }): string {
  return `${record.source}:${record.sourceId}`;
}

function later(a: string | undefined, b: string | undefined): boolean {
  return (a ? Date.parse(a) : 0) > (b ? Date.parse(b) : 0);
}

export function serverUpsert(record: SourceRecord): ServerUpsert {
  const s = record.server;
  const fields = {
    key: s.key,
    title: s.title,
    description: s.description,
    repositoryKey: s.repository?.key,
    repositoryUrl: s.repository?.url,
    repositorySubfolder: s.repository?.subfolder,
    websiteUrl: s.websiteUrl,
    version: s.version,
    status: s.status,
    packages: s.packages,
    remotes: s.remotes,
    publishedAt: s.publishedAt,
    updatedAt: s.updatedAt,
  };
  return {
    ...fields,
    canonicalSource: canonicalSourceOf(record),
    canonicalRank: canonicalRank(record),
    contentHash: contentHash(fields),
  };
}

/** The tool list one record publishes for its server, with what ranks it against another record's list. */
export interface RecordListing extends ListingGaps {
  serverKey: string;
  origin: ToolOrigin;
  tools: ToolDefinition[];
  sourceId: string;
  rank: number;
}

export interface PageRows {
  servers: ServerUpsert[];
  sources: SourceRowUpsert[];
  aliases: AliasUpsert[];
  toolListings: RecordListing[];
  /** Categories and popularity of the records that carry them (an empty list clears what the record said). */
  signals: SignalUpsert[];
}

/** The origin of the tools a source's records list; none for a source whose records list no tools. */
export function toolOrigin(source: SourceName): ToolOrigin | undefined {
  return isToolOrigin(source) ? source : undefined;
}

/** One row per server (the record that outranks the others on the page), one per record, one per alias a record asserts. Records must be storable. */
export function pageRows(records: readonly SourceRecord[], digests: readonly RecordDigest[] = records.map(digestRecord)): PageRows {
  const best = new Map<string, { record: SourceRecord; rank: number }>();
  const sources = new Map<string, SourceRowUpsert>();
  const aliases = new Map<string, AliasUpsert>();
  records.forEach((record, i) => {
    const key = record.server.key;
    const rank = canonicalRank(record);
    const current = best.get(key);
    if (!current || rank > current.rank || (rank === current.rank && later(record.server.updatedAt, current.record.server.updatedAt))) {
      best.set(key, { record, rank });
    }
    sources.set(`${record.source}\u0000${record.sourceId}`, {
      source: record.source,
      sourceId: record.sourceId,
      serverKey: key,
      isLatest: record.isLatest,
      raw: record.raw,
      contentHash: digests[i]!.hash,
    });
    for (const a of record.aliases) {
      aliases.set(`${record.source}\u0000${record.sourceId}\u0000${a.kind}\u0000${a.value}`, { kind: a.kind, value: a.value, serverKey: key, source: record.source, sourceId: record.sourceId });
    }
  });
  const toolListings = records.flatMap((r) => {
    const origin = toolOrigin(r.source);
    return r.tools && origin ? [{ serverKey: r.server.key, origin, tools: r.tools.map(toolDefinition), ...r.toolGaps, sourceId: r.sourceId, rank: canonicalRank(r) }] : [];
  });
  const signals = records.flatMap((r) =>
    r.categories || r.popularity
      ? [{ source: r.source, sourceId: r.sourceId, serverKey: r.server.key, categories: r.categories ?? [], popularity: r.popularity ?? [] }]
      : [],
  );
  return {
    servers: [...best.values()].map(({ record }) => serverUpsert(record)),
    sources: [...sources.values()],
    aliases: [...aliases.values()],
    toolListings,
    signals,
  };
}

/** Rewrites a page's rows so each record lands on the server resolution chose for it. */
export function applyResolutions(rows: PageRows, targetOf: ReadonlyMap<string, string>): PageRows {
  const target = (key: string) => targetOf.get(key) ?? key;
  const servers = new Map<string, ServerUpsert>();
  for (const s of rows.servers) {
    const key = target(s.key);
    const current = servers.get(key);
    // Two records of the page that turn out to be one server: the higher-ranked one speaks for it.
    if (!current || s.canonicalRank > current.canonicalRank) servers.set(key, { ...s, key });
  }
  return {
    servers: [...servers.values()],
    sources: rows.sources.map((r) => ({ ...r, serverKey: target(r.serverKey) })),
    aliases: rows.aliases.map((a) => ({ ...a, serverKey: target(a.serverKey) })),
    toolListings: rows.toolListings.map((l) => ({ ...l, serverKey: target(l.serverKey) })),
    signals: rows.signals.map((g) => ({ ...g, serverKey: target(g.serverKey) })),
  };
}

/** Another record of the same source already placed on a server (a stored source row). */
export interface ListingRival {
  serverKey: string;
  sourceId: string;
  rank: number;
}

/** Whether list `a` speaks for its server before list `b`: the higher rank, then (a fixed order) the smaller source id. */
function outranks(a: { rank: number; sourceId: string }, b: { rank: number; sourceId: string }): boolean {
  return a.rank > b.rank || (a.rank === b.rank && a.sourceId < b.sourceId);
}

/**
 * One tool list per server and origin. Two entries of a directory can resolve to one server (one
 * repository under two namespaces): on one page both lists would write the same (server, name) twice,
 * across pages each would replace the other's every night. The best-ranked record's list is kept,
 * whichever page it is on; both records stay stored on the server. `setAside` counts the others.
 */
export function bestListings(listings: readonly RecordListing[], rivals: readonly ListingRival[]): { listings: RecordListing[]; setAside: number } {
  const best = new Map<string, RecordListing>();
  for (const l of listings) {
    const k = `${l.serverKey}\u0000${l.origin}`;
    const current = best.get(k);
    if (!current || outranks(l, current)) best.set(k, l);
  }
  const kept = [...best.values()].filter((l) => !rivals.some((r) => r.serverKey === l.serverKey && r.sourceId !== l.sourceId && outranks(r, l)));
  return { listings: kept, setAside: listings.length - kept.length };
}

/** A record of a directory still on a server a page's records left, with the tool list it publishes (none: it lists none). */
export interface RemainingRecord {
  serverId: number;
  origin: ToolOrigin;
  sourceId: string;
  rank: number;
  listing?: { tools: ToolDefinition[] } & ListingGaps;
}

/**
 * What becomes of the tools the records of directory `origin` listed for the servers they left (`left`): on each, the
 * list of the best record still on it that lists tools (of the higher origin, then as bestListings ranks a directory's
 * records) takes over those tools, so what only the leaving records listed goes; with none, an empty list of `origin`
 * removes them. A server the page gives a list of its own (`listed`) is left to that list.
 */
export function leftListings(left: readonly number[], origin: ToolOrigin, remaining: readonly RemainingRecord[], listed: ReadonlySet<number>): ToolListing[] {
  return left
    .filter((serverId) => !listed.has(serverId))
    .map((serverId) => {
      let best: RemainingRecord | undefined;
      for (const r of remaining) {
        if (r.serverId !== serverId || !r.listing) continue;
        const rank = ORIGIN_RANK[r.origin];
        const bestRank = best ? ORIGIN_RANK[best.origin] : -1;
        if (!best || rank > bestRank || (rank === bestRank && outranks(r, best))) best = r;
      }
      if (!best?.listing) return { serverId, origin, tools: [] };
      const { tools, partial, skippedNames } = best.listing;
      return {
        serverId,
        origin: best.origin,
        tools,
        ...(partial ? { partial } : {}),
        ...(skippedNames ? { skippedNames } : {}),
        ...(best.origin !== origin ? { replaces: origin } : {}),
      };
    });
}
