// The introspect stage of a refresh: a live tools/list for every reachable server, into the catalog as origin "live".
import PQueue from "p-queue";
import type { Db } from "../db/client.js";
import { recordIntrospection, serversDueForIntrospection, type IntrospectionCandidate } from "../db/introspection.js";
import { failureOutcome, listingHostOf, listingModeOf, listServer, storeListing, type ListingOptions } from "./listing.js";
import { noToolCounts, type ToolCounts } from "./plan/tools.js";
import type { SourceName } from "./records.js";

export interface IntrospectOptions extends ListingOptions {
  /** Servers listed at once, and at most this many against one host. */
  concurrency: number;
  perHostConcurrency: number;
  /** A server listed more recently than this is not listed again (unless it changed, or its list asked for sooner). */
  maxAgeHours: number;
  /** Only the servers these sources list (a run restricted to them); absent: every server. */
  sources?: readonly SourceName[];
  now?: () => Date;
  /** Called with each server whose listing was stored: the servers the run saw through this stage. */
  onListed?: (serverId: number) => void;
}

export interface IntrospectResult {
  /** Listings started: each succeeded, failed or was skipped. */
  attempted: number;
  succeeded: number;
  failed: number;
  /**
   * Listings that are no outcome of their server's, so nothing was written on it and the next run lists it: one an
   * interrupt cut short, or one that came back stale (another run's crawl dropped the remote or package it reached).
   */
  skipped: number;
  /** Failure reasons and how often each occurred. */
  failures: Record<string, number>;
  /**
   * What the listings did to the tools they found: the adds of the run's directories they took back are `retracted`,
   * the changes `reverted`, the removals `restored`.
   */
  tools: ToolCounts;
}

const BATCH = 200;

/**
 * Lists tools live for every due server, concurrently but politely (per host), streaming over the
 * servers table in id order so memory stays flat. A failure is recorded on its server; the stage goes on.
 * An interrupt (`signal`) starts no listing more and, once those under way have stopped, resolves with the
 * counts so far for the caller to record: a listing it cut short is no outcome of its server's (nothing is
 * written on it, so the next run lists it again). Only a broken stage (the database) rejects.
 */
export async function introspectServers(db: Db, runId: number, o: IntrospectOptions): Promise<IntrospectResult> {
  const result: IntrospectResult = { attempted: 0, succeeded: 0, failed: 0, skipped: 0, failures: {}, tools: noToolCounts() };
  const now = o.now ?? (() => new Date());
  const staleBefore = new Date(now().getTime() - o.maxAgeHours * 3_600_000).toISOString();
  const all = new PQueue({ concurrency: o.concurrency });
  const hosts = new Map<string, PQueue>();
  const hostQueue = (host: string) => {
    let q = hosts.get(host);
    if (!q) hosts.set(host, (q = new PQueue({ concurrency: o.perHostConcurrency })));
    return q;
  };

  // The first error that broke the stage, rethrown once the listings under way have settled.
  let broken: { error: unknown } | undefined;

  const one = async (server: IntrospectionCandidate) => {
    if (o.signal?.aborted || broken) return;
    result.attempted += 1;
    const mode = listingModeOf(server, o.modes);
    try {
      const fetched = await listServer(server, o);
      const stored = await storeListing(db, server, fetched, { runId, now: now(), mode, classify: false });
      // Another run's crawl dropped the remote or package listed meanwhile: the listing is no outcome of the server's.
      if (!stored) {
        result.skipped += 1;
        return;
      }
      const { sync } = stored;
      for (const k of Object.keys(result.tools) as (keyof ToolCounts)[]) result.tools[k] += sync[k];
      result.succeeded += 1;
      o.onListed?.(server.id);
    } catch (e) {
      if (o.signal?.aborted) {
        result.skipped += 1;
        return;
      }
      const { reason, ...outcome } = failureOutcome(e, mode);
      result.failed += 1;
      result.failures[reason] = (result.failures[reason] ?? 0) + 1;
      await recordIntrospection(db, server, outcome);
    }
  };

  let after = 0;
  while (!o.signal?.aborted) {
    const batch = await serversDueForIntrospection(db, { afterId: after, limit: BATCH, staleBefore, modes: o.modes, ...(o.sources ? { sources: o.sources } : {}) });
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    for (const server of batch) {
      // Each listing's rejection is taken here: one left unobserved is an unhandled rejection, which ends the process.
      void all.add(() => hostQueue(listingHostOf(server, o.modes)).add(() => one(server))).catch((e: unknown) => void (broken ??= { error: e }));
    }
    // Keep at most one batch in flight so the queue never holds the whole catalog.
    await all.onIdle();
    if (broken) throw broken.error;
  }
  return result;
}
