// The introspect stage of a refresh: a live tools/list for every reachable server, into the catalog as origin "live".
import PQueue from "p-queue";
import type { Db } from "../db/client.js";
import { recordIntrospection, serversDueForIntrospection, type IntrospectionCandidate } from "../db/queries.js";
import { syncToolListings } from "../db/tools.js";
import { EnumerateError, listRemoteTools, listStdioTools, type EnumerateLimits, type EnumerateResult } from "./enumerate.js";
import { toolDefinition } from "./ingest.js";
import { storable } from "./sanitize.js";
import { installPackage, type SandboxOptions } from "./sandbox.js";

export type IntrospectMode = "remote" | "stdio";

export interface IntrospectOptions {
  modes: IntrospectMode[];
  limits: EnumerateLimits;
  /** Servers listed at once, and at most this many against one host. */
  concurrency: number;
  perHostConcurrency: number;
  /** A server listed more recently than this is not listed again (unless it changed this run). */
  maxAgeHours: number;
  /** The SSRF-guarded fetch of the crawler's HttpClient. */
  fetch: typeof globalThis.fetch;
  sandbox: SandboxOptions;
  installTimeoutMs: number;
  npmRegistryUrl?: string;
  signal?: AbortSignal;
  now?: () => Date;
  onProgress?: (r: IntrospectResult) => void;
}

export interface IntrospectResult {
  attempted: number;
  succeeded: number;
  failed: number;
  /** Failure reasons and how often each occurred. */
  failures: Record<string, number>;
  tools: { added: number; changed: number; removed: number; unchanged: number };
}

const BATCH = 200;

function remoteOf(server: IntrospectionCandidate): { url: string; type: "streamable-http" | "sse" } | undefined {
  const open = server.remotes.filter((r) => r.needsSecret === false && (r.type === "streamable-http" || r.type === "sse"));
  const pick = open.find((r) => r.type === "streamable-http") ?? open[0];
  return pick ? { url: pick.url, type: pick.type as "streamable-http" | "sse" } : undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

async function listServer(server: IntrospectionCandidate, o: IntrospectOptions): Promise<EnumerateResult> {
  const remote = o.modes.includes("remote") ? remoteOf(server) : undefined;
  if (remote) return listRemoteTools(remote, { limits: o.limits, fetch: o.fetch, ...(o.signal ? { signal: o.signal } : {}) });
  const pkg = server.packages.find((p) => p.registryType === "npm" && (p.transport ?? "stdio") === "stdio");
  if (!pkg || !o.modes.includes("stdio")) throw new EnumerateError("no remote without secrets and no stdio npm package", "connect", server.key);
  const installed = await installPackage(
    { registryType: "npm", identifier: pkg.identifier, ...(pkg.version ? { version: pkg.version } : {}) },
    { timeoutMs: o.installTimeoutMs, ...(o.npmRegistryUrl ? { npmRegistryUrl: o.npmRegistryUrl } : {}), ...(o.signal ? { signal: o.signal } : {}) },
  );
  try {
    return await listStdioTools({ ...installed.spec, cwd: installed.dir }, { limits: o.limits, sandbox: o.sandbox, ...(o.signal ? { signal: o.signal } : {}) });
  } finally {
    await installed.dispose();
  }
}

/**
 * Lists tools live for every due server, concurrently but politely (per host), streaming over the
 * servers table in id order so memory stays flat. A failure is recorded on its server; the stage goes on.
 */
export async function introspectServers(db: Db, runId: number, o: IntrospectOptions): Promise<IntrospectResult> {
  const result: IntrospectResult = { attempted: 0, succeeded: 0, failed: 0, failures: {}, tools: { added: 0, changed: 0, removed: 0, unchanged: 0 } };
  const now = o.now ?? (() => new Date());
  const staleBefore = new Date(now().getTime() - o.maxAgeHours * 3_600_000).toISOString();
  const all = new PQueue({ concurrency: o.concurrency });
  const hosts = new Map<string, PQueue>();
  const hostQueue = (host: string) => {
    let q = hosts.get(host);
    if (!q) hosts.set(host, (q = new PQueue({ concurrency: o.perHostConcurrency })));
    return q;
  };

  const one = async (server: IntrospectionCandidate) => {
    result.attempted += 1;
    try {
      const fetched = await listServer(server, o);
      const { value: listed, replaced } = storable(fetched);
      await db.transaction(async (tx) => {
        const sync = await syncToolListings(tx as unknown as Db, [{ serverId: server.id, origin: "live", tools: listed.tools.map(toolDefinition), partial: listed.truncated !== undefined }], runId);
        for (const k of ["added", "changed", "removed", "unchanged"] as const) result.tools[k] += sync[k];
        const notes = [listed.truncated ? `truncated: ${listed.truncated}` : "", replaced ? "NUL bytes or lone surrogates replaced by U+FFFD" : ""].filter(Boolean);
        await recordIntrospection(tx as unknown as Db, server.id, notes.length ? notes.join("; ") : null);
      });
      result.succeeded += 1;
    } catch (e) {
      o.signal?.throwIfAborted();
      const reason = e instanceof EnumerateError ? e.reason : "error";
      result.failed += 1;
      result.failures[reason] = (result.failures[reason] ?? 0) + 1;
      await recordIntrospection(db, server.id, `${reason}: ${(e as Error).message}`.slice(0, 2_000));
    }
    o.onProgress?.(result);
  };

  let after = 0;
  for (;;) {
    o.signal?.throwIfAborted();
    const batch = await serversDueForIntrospection(db, { afterId: after, limit: BATCH, runId, staleBefore, modes: o.modes });
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    for (const server of batch) {
      const remote = remoteOf(server);
      const host = remote ? hostOf(remote.url) : "registry.npmjs.org";
      void all.add(() => hostQueue(host).add(() => one(server)));
    }
    // Keep at most one batch in flight so the queue never holds the whole catalog.
    await all.onIdle();
  }
  return result;
}
