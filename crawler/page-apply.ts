// One fetched page into the catalog: read what it touches, plan its write (crawler/plan/), apply it in one transaction.
import type { Db } from "../db/client.js";
import { aliasOwners, existingServerKeys } from "../db/identity.js";
import { listedRecordsOf, markPageSeen, storedRecords } from "../db/pages.js";
import { digestRecord, storableRecords } from "./ingest.js";
import type { FetchedPage } from "./page-stream.js";
import { writeSourcePage, type ClassifyFresh } from "./page-write.js";
import { afterPage, checkpointAfter, walksBeforeGoneBySource, type CrawlPosition, type CrawlStart } from "./plan/crawl.js";
import { changedRecords, firstListings, leftServers } from "./plan/page.js";
import { applyResolutions, bestListings, pageRows, sourceRank, toolOrigin } from "./plan/records.js";
import { sumCounts, type PageCounts, type StepToolCounts } from "./plan/summary.js";
import type { SourceName, SourceRecord } from "./records.js";
import { indexOwners, planResolutions, type PageResolution } from "./resolve.js";
import { MAX_TEXT_CHARS } from "./text-cap.js";
import { validatorsOf } from "./validators.js";

/** Counted among skippedReasons: records kept, with NUL bytes or lone surrogates replaced by U+FFFD. */
export const SANITIZED = "stored with unstorable characters (NUL, lone surrogates) replaced by U+FFFD";

/** Counted among skippedReasons: records kept, with a text longer than the cap cut (crawler/text-cap.ts). */
export const TEXT_CUT = `stored with text over ${MAX_TEXT_CHARS.toLocaleString("en")} characters cut`;

/** Counted among skippedReasons: an entry the source listed again in the run (crawler/plan/page.ts firstListings). */
export const REPEATED = "entry skipped: the source listed the same id earlier in this run";

/** Counted among skippedReasons: a record kept, but its tool list not applied (crawler/plan/records.ts bestListings). */
export const SET_ASIDE = "tool list set aside: a better-ranked entry of the same source lists this server's tools";

export interface PageApply {
  db: Db;
  source: { name: SourceName; incremental: boolean };
  runId: number;
  start: CrawlStart;
  classifyFresh?: ClassifyFresh;
}

/**
 * Applies one page, after every page before it: its records may resolve to servers those created.
 * A 304 page, or one that failed alone, only marks its stored page seen; a whole one writes the
 * records whose raw JSON changed (resolved to their servers, with their aliases and tools). Either way
 * the checkpoint moves on.
 */
export async function applyPage(o: PageApply, page: FetchedPage, at: CrawlPosition): Promise<{ position: CrawlPosition; counts: PageCounts; tools: StepToolCounts }> {
  if (page.status === 304) {
    // The body is the one stored: so are its dates, the source's nextUpdatedSince with them.
    const { position } = afterPage(at, { updatedAt: [page.stored.maxUpdatedAt], nextUpdatedSince: page.stored.nextUpdatedSince });
    await markPageSeen(o.db, { page: { id: page.stored.id }, runId: o.runId, checkpoint: checkpointAfter(o.source.name, o.start, page, position.pendingWatermark, o.runId) });
    return { position, counts: page.counts, tools: {} };
  }
  if (page.status === "failed") {
    // A blip never removes servers: what the page listed before stays listed, as if it had answered 304.
    await markPageSeen(o.db, { page: { source: o.source.name, url: page.url }, runId: o.runId, checkpoint: checkpointAfter(o.source.name, o.start, page, at.pendingWatermark, o.runId) });
    return { position: at, counts: page.counts, tools: {} };
  }
  // Only a source that is asked for what changed since a date needs the page's dates: its latest, and the one it
  // names to ask from next (stored with the page, so a 304 of it later gives the same).
  const { position, maxUpdatedAt } = o.source.incremental
    ? afterPage(at, { updatedAt: page.records.map((r) => r.server.updatedAt), nextUpdatedSince: page.nextUpdatedSince })
    : { position: at, maxUpdatedAt: undefined };

  const pageDigests = page.records.map(digestRecord);
  const { records: pageRecords, sanitized, cut } = storableRecords(page.records, pageDigests);
  const stored = await storedRecords(o.db, o.source.name, pageRecords.map((r) => r.sourceId));
  const { records, digests, repeated } = firstListings(pageRecords, pageDigests, stored, { runId: o.runId, url: page.url });
  const changed = changedRecords(records, digests, stored, { rederive: o.start.rederive });
  const resolved = changed.records.length ? await resolvePage(o.db, o.source.name, changed.records) : undefined;
  const rows = applyResolutions(pageRows(changed.records, changed.digests), resolved?.targetOf ?? new Map());
  const renames = resolved?.renames ?? [];
  const serverKeys = [...new Set(rows.toolListings.map((l) => l.serverKey))];
  const listed = serverKeys.length ? await listedRecordsOf(o.db, o.source.name, serverKeys) : [];
  const { listings: toolListings, setAside } = bestListings(rows.toolListings, listed.map((r) => ({ ...r, rank: sourceRank(o.source.name, r.isLatest) })));

  const written = await writeSourcePage(o.db, {
    runId: o.runId,
    source: o.source.name,
    mode: o.start.mode,
    page: { url: page.url, ...validatorsOf(page), next: page.next, ...(maxUpdatedAt ? { maxUpdatedAt } : {}), ...(page.nextUpdatedSince ? { nextUpdatedSince: page.nextUpdatedSince } : {}), records: page.records.length + page.asStored.length },
    sourceIds: [...records.map((r) => r.sourceId), ...page.asStored],
    ...rows,
    ...(page.details ? { details: page.details } : {}),
    toolListings,
    renames,
    left: leftServers(rows.sources, stored, renames),
    ...(toolOrigin(o.source.name) ? { toolOrigin: toolOrigin(o.source.name)! } : {}),
    checkpoint: checkpointAfter(o.source.name, o.start, page, position.pendingWatermark, o.runId),
    ...(o.classifyFresh ? { classifyFresh: o.classifyFresh } : {}),
  });
  const counts = sumCounts(page.counts, {
    unchangedRecords: changed.unchanged,
    merged: resolved?.merged ?? 0,
    ambiguous: resolved?.ambiguous ?? 0,
    reasons: { [SANITIZED]: sanitized, [TEXT_CUT]: cut, [SET_ASIDE]: setAside, [REPEATED]: repeated },
    skipped: repeated,
  });
  return { position, counts, tools: { ...written.tools, classified: written.classified } };
}

/**
 * Finds, for each changed record of a page, the server it is (DESIGN.md's identity ladder), by what the other records
 * still listed assert: what these records asserted before is replaced by what they assert now, so it places none of
 * them (a record whose repository changed is placed as if first seen so). Only one refresh runs at a time and pages
 * apply in order, so reading before the page's write is safe.
 */
async function resolvePage(db: Db, source: SourceName, records: readonly SourceRecord[]): Promise<PageResolution> {
  const byKey = new Map<string, SourceRecord["aliases"]>();
  for (const r of records) byKey.set(r.server.key, [...(byKey.get(r.server.key) ?? []), ...r.aliases]);
  const rewriting = { source, sourceIds: records.map((r) => r.sourceId) };
  const [owners, existingKeys] = await Promise.all([
    aliasOwners(db, records.flatMap((r) => r.aliases), { rewriting, walksBeforeGone: walksBeforeGoneBySource() }),
    existingServerKeys(db, [...byKey.keys()]),
  ]);
  const registryKeys = new Set(owners.filter((o) => o.registryNamed).map((o) => o.serverKey));
  return planResolutions(byKey, { owners: indexOwners(owners), existingKeys, registryKeys });
}
