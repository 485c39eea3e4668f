// One source page into the catalog in one transaction: read what it touches, plan, apply.
import type { Db } from "../db/client.js";
import { insertClassifications, queueServers, type NewClassification } from "../db/classifications.js";
import { writeDetails, type NewSourceDetail } from "../db/details.js";
import { listedRecordsOn, placeRecords, upsertPage, upsertSourceRows, type PageInfo } from "../db/pages.js";
import { lockServers, renameServers, replaceAliases, settleLeftServers, storedServers, upsertServers } from "../db/servers.js";
import { replaceSignals, type SignalUpsert } from "../db/signals.js";
import { saveCheckpoint, type Checkpoint } from "../db/source-state.js";
import { inlineClassifyInputs, inlineListings, placeOnServers, serversToWrite, type AliasUpsert, type ServerUpsert, type SourceRowUpsert } from "./plan/page.js";
import { leftListings, sourceRank, UNSPOKEN_RANK } from "./plan/records.js";
import { TOOL_ORIGINS, type ListingGaps, type ToolCounts, type ToolDefinition, type ToolListing, type ToolOrigin } from "./plan/tools.js";
import type { SourceName } from "./records.js";
import { storedToolList } from "./stored-tools.js";
import { syncToolListings } from "./tool-sync.js";

/** Classifies the tools of a server a page creates from its one listing (then all its tools), as they are written. */
export type ClassifyFresh = (server: { key: string; description?: string }, tools: (ToolDefinition & { id: number })[]) => NewClassification[];

export interface PageWrite {
  runId: number;
  source: string;
  /** A full crawl places every record the page lists on it; an incremental one only places new records. */
  mode: "full" | "incremental";
  page: PageInfo;
  /** Every source id the page listed, changed or not. */
  sourceIds: string[];
  /** Servers whose key changes before the page is written (a repository key becoming a registry name). */
  renames?: { from: string; to: string }[];
  /**
   * Servers the page's records leave for others (leftServers), by their keys before the page's renames, to lock, and by
   * id: one left with no record is marked gone, and the tools the source's lists gave one (toolOrigin) are replaced by
   * the list of the records still on it (leftListings).
   */
  left?: { keys: string[]; ids: number[]; records: string[] };
  /** The origin of the tools the source's records list (glama, smithery), if they list any. */
  toolOrigin?: ToolOrigin;
  /** Servers, records and aliases of the records that changed (new, or a different raw hash): their aliases replace those they asserted. */
  servers: ServerUpsert[];
  sources: SourceRowUpsert[];
  aliases: AliasUpsert[];
  /** Tool lists the page's changed records carry (directories), applied once the servers exist. */
  toolListings?: ({ serverKey: string; origin: ToolOrigin; tools: ToolDefinition[] } & ListingGaps)[];
  /** Categories and popularity of the page's changed records. */
  signals?: SignalUpsert[];
  classifyFresh?: ClassifyFresh;
  /** The validators and outcomes of the details the page's records were read from (crawler/details.ts). */
  details?: { rows: NewSourceDetail[]; cleared: string[] };
  checkpoint: Checkpoint;
}

export interface PageWriteResult {
  pageId: number;
  serversWritten: number;
  tools: ToolCounts;
  /** Tools classified as they were written (see classifyFresh). */
  classified: number;
}

/**
 * Writes one source page in one transaction: the page (its validators and where it points), servers
 * (only those serversToWrite chooses), raw records, aliases, the servers records left, signals, tools,
 * and the checkpoint that lets a killed run resume after this page. Each step is one set-based statement (or a few).
 */
export async function writeSourcePage(db: Db, w: PageWrite): Promise<PageWriteResult> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    // One statement at a time: after a failure nothing more is sent on the transaction's connection.
    // Every server row the page writes or refers to, in one id-ordered batch before any other row (see lockServers):
    // those it renames (by their old keys, FOR UPDATE: a key change's lock, taken now rather than upgraded to by the
    // rename), its servers, whether it rewrites them or only places records, aliases, signals or tools on them, and
    // those its records leave. After it, the page locks no other server but those whose keys it inserts (in key order),
    // and tool sync asks again only for those of its servers the batch did not find (one another transaction inserted meanwhile).
    const renames = w.renames ?? [];
    const left = w.left ?? { keys: [], ids: [], records: [] };
    const held = new Set(await lockServers(t, { keys: [...w.servers.map((s) => s.key), ...left.keys], renaming: renames.map((r) => r.from) }));
    await renameServers(t, renames);
    const page = await upsertPage(t, w.source, w.page, w.runId);
    const stored = await storedServers(t, w.servers.map((s) => s.key));
    const serverIds = new Map(stored.map((r) => [r.key, r.id]));
    const changed = serversToWrite(w.servers, stored);
    const created = new Set<number>();
    for (const r of await upsertServers(t, changed, w.runId)) {
      serverIds.set(r.key, Number(r.id));
      if (r.inserted) created.add(Number(r.id));
    }
    const placed = placeOnServers({ sources: w.sources, aliases: w.aliases, toolListings: w.toolListings ?? [] }, serverIds, created);
    if (placed.sources.length) await upsertSourceRows(t, placed.sources, { runId: w.runId, pageId: page.id, placeAll: w.mode === "full" });
    if (w.mode === "full") {
      const rewritten = new Set(w.sources.map((r) => r.sourceId));
      await placeRecords(t, { source: w.source, pageId: page.id, listed: w.sourceIds, unchanged: w.sourceIds.filter((id) => !rewritten.has(id)), newPage: page.inserted });
    }
    // A server the page's records left: the tools their lists gave it are replaced by the list of the records still on
    // it, in this write (an empty list when none lists tools: it removes the tools of that origin and below, never a live list's).
    const replaced = w.toolOrigin ? await replacedListings(t, w.toolOrigin, left.ids, new Set(placed.listings.map((l) => l.serverId))) : [];
    await replaceAliases(t, { source: w.source, sourceIds: w.sources.map((r) => r.sourceId), rows: placed.aliases });
    await settleLeftServers(t, { serverIds: left.ids, spokenBy: left.records, rank: UNSPOKEN_RANK, runId: w.runId });
    if (w.signals?.length) await replaceSignals(t, w.signals, serverIds);
    const inline = w.classifyFresh ? inlineListings(placed.listings) : [];
    const { written, ...toolCounts } = await syncToolListings(t, [...placed.listings, ...replaced], w.runId, { held, unqueued: new Set(inline.map((l) => l.serverId)) });
    let classifications: NewClassification[] = [];
    try {
      classifications = inlineClassifyInputs(inline, written, changed, serverIds).flatMap(({ server, tools }) => w.classifyFresh!(server, tools));
    } catch {
      // A classifier failure must not cost the page: the servers go to the classify stage, which
      // meets the same failure and records it as the stage's error.
      await queueServers(t, inline.map((l) => l.serverId));
    }
    // Inline listings are of servers this transaction created: every tool classified here is new.
    if (classifications.length) await insertClassifications(t, classifications, { newTools: true });
    if (w.details) await writeDetails(t, { source: w.source, ...w.details });
    await saveCheckpoint(t, w.checkpoint, w.runId);
    return { pageId: page.id, serversWritten: changed.length, tools: toolCounts, classified: classifications.length };
  });
}

/** The lists that take over the tools of `origin` on the servers a page's records left (crawler/plan/records.ts leftListings). */
async function replacedListings(db: Db, origin: ToolOrigin, left: readonly number[], listed: ReadonlySet<number>): Promise<ToolListing[]> {
  const directories = TOOL_ORIGINS.filter((o) => o !== "live");
  const remaining = (await listedRecordsOn(db, directories, left.filter((id) => !listed.has(id)))).map((r) => {
    const recordOrigin = r.source as ToolOrigin;
    const listing = storedToolList(recordOrigin, r.raw);
    return { serverId: r.serverId, origin: recordOrigin, sourceId: r.sourceId, rank: sourceRank(r.source as SourceName, r.isLatest), ...(listing ? { listing } : {}) };
  });
  return leftListings(left, origin, remaining, listed);
}
