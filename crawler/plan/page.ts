// What a page of source records does to the catalog's servers, records and aliases, decided on plain data.
import type { NewServerRow, ServerRow, serverAliases, serverSources } from "../../db/schema.js";
import type { StoredTool } from "../../db/tools.js";
import type { RecordDigest } from "../ingest.js";
import type { SourceRecord } from "../records.js";
import { canonicalSourceOf } from "./records.js";
import type { ListingGaps, ToolDefinition, ToolListing, ToolOrigin } from "./tools.js";

/** One server as a page of records proposes it, already reduced to the record that speaks for it. */
export type ServerUpsert = Pick<
  NewServerRow,
  "title" | "description" | "repositoryKey" | "repositoryUrl" | "repositorySubfolder" | "websiteUrl" | "version" | "publishedAt" | "updatedAt"
> &
  Required<Pick<NewServerRow, "key" | "status" | "packages" | "remotes" | "canonicalSource" | "canonicalRank" | "contentHash">>;

/** A record as stored, placed on its server by key until the server's id is known. */
export type SourceRowUpsert = Pick<typeof serverSources.$inferInsert, "source" | "sourceId" | "isLatest" | "raw" | "contentHash"> & { serverKey: string };
export type AliasUpsert = Pick<typeof serverAliases.$inferInsert, "kind" | "value" | "source" | "sourceId"> & { serverKey: string };
export type NewSourceRow = Omit<typeof serverSources.$inferInsert, "fetchedAt" | "runId" | "pageId">;
export type NewAlias = typeof serverAliases.$inferInsert;

/** What the catalog already holds for one (source, source id): an unchanged record needs no write. */
export interface StoredRecord {
  contentHash: string;
  serverId: number;
  pageId: number | null;
  /** The page the record is placed on: its URL and the last run that fetched it. */
  page: { url: string; seenRunId: number } | null;
  /** The key and status of the server the record belongs to (a `gone` server comes back when listed again). */
  serverKey: string;
  serverStatus: string;
}

/**
 * Each record's first listing in this run: a source listing one id twice, on one page or on an earlier
 * page of this run (its stored record is placed on another page this run fetched), would write one
 * entry over the other, and again the next night. The first listing (of the earliest page, the
 * first on it) is the record; `repeated` counts the others, which are skipped.
 */
export function firstListings(
  records: readonly SourceRecord[],
  digests: readonly RecordDigest[],
  stored: ReadonlyMap<string, StoredRecord>,
  at: { runId: number; url: string },
): { records: SourceRecord[]; digests: RecordDigest[]; repeated: number } {
  const seen = new Set<string>();
  const out: SourceRecord[] = [];
  const outDigests: RecordDigest[] = [];
  records.forEach((record, i) => {
    const page = stored.get(record.sourceId)?.page;
    if (seen.has(record.sourceId) || (page && page.seenRunId === at.runId && page.url !== at.url)) return;
    seen.add(record.sourceId);
    out.push(record);
    outDigests.push(digests[i]!);
  });
  return { records: out, digests: outDigests, repeated: records.length - out.length };
}

/**
 * The records of a page that need writing: new, with a different raw hash, or whose server is gone
 * (revival: a server marked gone comes back through its record even when the record is unchanged);
 * every one in a crawl that derives them again (`rederive`: crawler/plan/crawl.ts CrawlStart.rederive).
 */
export function changedRecords(
  records: readonly SourceRecord[],
  digests: readonly RecordDigest[],
  stored: ReadonlyMap<string, StoredRecord>,
  o: { rederive: boolean },
): { records: SourceRecord[]; digests: RecordDigest[]; unchanged: number } {
  const out: SourceRecord[] = [];
  const outDigests: RecordDigest[] = [];
  records.forEach((record, i) => {
    const s = stored.get(record.sourceId);
    if (!o.rederive && s && s.contentHash === digests[i]!.hash && s.serverStatus !== "gone") return;
    out.push(record);
    outDigests.push(digests[i]!);
  });
  return { records: out, digests: outDigests, unchanged: records.length - out.length };
}

/**
 * The servers a page's written records leave, each for the server resolution now lands it on: by key as stored (before
 * the page's renames), to lock, and by id, to settle (db/servers.ts settleLeftServers); and which of the records spoke
 * for the server they left (its canonical_source).
 */
export function leftServers(
  sources: readonly SourceRowUpsert[],
  stored: ReadonlyMap<string, StoredRecord>,
  renames: readonly { from: string; to: string }[],
): { keys: string[]; ids: number[]; records: string[] } {
  const renamed = new Map(renames.map((r) => [r.from, r.to]));
  const keys = new Set<string>();
  const ids = new Set<number>();
  const records: string[] = [];
  for (const r of sources) {
    const s = stored.get(r.sourceId);
    if (!s || (renamed.get(s.serverKey) ?? s.serverKey) === r.serverKey) continue;
    keys.add(s.serverKey);
    ids.add(s.serverId);
    records.push(canonicalSourceOf(r));
  }
  return { keys: [...keys], ids: [...ids], records };
}

export type StoredServer = Pick<ServerRow, "id" | "key" | "contentHash" | "canonicalRank" | "status">;

/**
 * The servers a page rewrites: new ones, gone ones listed again, and those a higher-ranked record now
 * speaks for or whose speaking record changed; a lower-ranked record never overwrites a better one.
 */
export function serversToWrite(proposed: readonly ServerUpsert[], stored: readonly StoredServer[]): ServerUpsert[] {
  const byKey = new Map(stored.map((r) => [r.key, r]));
  return proposed.filter((s) => {
    const old = byKey.get(s.key);
    return !old || old.status === "gone" || s.canonicalRank > old.canonicalRank || (s.canonicalRank === old.canonicalRank && s.contentHash !== old.contentHash);
  });
}

/** The page's records, aliases and tool lists placed on server ids; those whose server is unknown are left out. */
export function placeOnServers(
  rows: { sources: readonly SourceRowUpsert[]; aliases: readonly AliasUpsert[]; toolListings: readonly ({ serverKey: string; origin: ToolOrigin; tools: ToolDefinition[] } & ListingGaps)[] },
  serverIds: ReadonlyMap<string, number>,
  created: ReadonlySet<number>,
): { sources: NewSourceRow[]; aliases: NewAlias[]; listings: ToolListing[] } {
  const place = <T extends { serverKey: string }, R>(items: readonly T[], to: (item: T, serverId: number) => R): R[] =>
    items.flatMap((item) => {
      const serverId = serverIds.get(item.serverKey);
      return serverId === undefined ? [] : [to(item, serverId)];
    });
  return {
    sources: place(rows.sources, (r, serverId) => ({ source: r.source, sourceId: r.sourceId, serverId, isLatest: r.isLatest, raw: r.raw, contentHash: r.contentHash })),
    aliases: place(rows.aliases, (a, serverId) => ({ kind: a.kind, value: a.value, serverId, source: a.source, sourceId: a.sourceId })),
    // Servers this page creates have no tools yet: their listings need not read any.
    listings: place(rows.toolListings, (l, serverId) => ({ serverId, origin: l.origin, tools: l.tools, ...(l.partial ? { partial: true } : {}), ...(l.skippedNames ? { skippedNames: l.skippedNames } : {}), ...(created.has(serverId) ? { fresh: true } : {}) })),
  };
}

/** Listings of servers created on this page that are their server's only listing here: all its tools, classifiable as written. */
export function inlineListings(listings: readonly ToolListing[]): ToolListing[] {
  const count = new Map<number, number>();
  for (const l of listings) count.set(l.serverId, (count.get(l.serverId) ?? 0) + 1);
  return listings.filter((l) => l.fresh && count.get(l.serverId) === 1);
}

/** What the classifier needs for each inline listing: its server and its tools as written (the first of a name wins). */
export function inlineClassifyInputs(
  listings: readonly ToolListing[],
  written: readonly StoredTool[],
  servers: readonly ServerUpsert[],
  serverIds: ReadonlyMap<string, number>,
): { server: { key: string; description?: string }; tools: (ToolDefinition & { id: number })[] }[] {
  const ids = new Map(written.map((t) => [`${t.serverId}\u0000${t.name}`, t.id]));
  const byId = new Map(servers.map((s) => [serverIds.get(s.key), s]));
  return listings.flatMap((l) => {
    const server = byId.get(l.serverId);
    if (!server) return [];
    const seen = new Set<string>();
    const tools = l.tools.flatMap((t) => {
      const id = ids.get(`${l.serverId}\u0000${t.name}`);
      if (id === undefined || seen.has(t.name)) return [];
      seen.add(t.name);
      return [{ ...t, id }];
    });
    return [{ server: { key: server.key, ...(server.description ? { description: server.description } : {}) }, tools }];
  });
}
