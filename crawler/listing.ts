// One server's live listing, from choosing how to reach it to its outcome stored in one transaction:
// shared by the in-process introspect stage and the queue's workers.
import { CLASSIFIER_VERSION } from "../classifier/classify.js";
import type { Db } from "../db/client.js";
import { queuedServers, storeClassifications } from "../db/classifications.js";
import { recordIntrospection, type IntrospectionCandidate, type IntrospectionOutcome, type IntrospectMode } from "../db/introspection.js";
import { listingCandidate } from "../db/listing-jobs.js";
import { lockServers } from "../db/servers.js";
import type { ToolSyncResult } from "../db/tools.js";
import { syncToolListings } from "./tool-sync.js";
import { classifyServerTools } from "./classify-stage.js";
import { EnumerateError } from "./mcp/errors.js";
import type { EnumerateLimits, EnumerateResult } from "./mcp/limits.js";
import { listRemoteTools } from "./mcp/remote.js";
import { listStdioTools } from "./mcp/stdio.js";
import { toolDefinition } from "./ingest.js";
import { storable } from "./sanitize.js";
import { installPackage } from "./mcp/install.js";
import type { SandboxOptions } from "./mcp/sandbox.js";
import { plural } from "../classifier/plural.js";

export type { IntrospectMode };

export interface ListingOptions {
  modes: IntrospectMode[];
  limits: EnumerateLimits;
  /** The SSRF-guarded fetch of the crawler's HttpClient. */
  fetch: typeof globalThis.fetch;
  sandbox: SandboxOptions;
  installTimeoutMs: number;
  npmRegistryUrl?: string;
  signal?: AbortSignal;
}

/**
 * Re-listing honours what a server says: a tool list's `ttlMs`, kept within these bounds (a server
 * asking to be listed every second, or never again, gets the floor or the ceiling).
 */
export const RELIST_BOUNDS = { floorMs: 60 * 60_000, ceilingMs: 7 * 24 * 60 * 60_000 };

export function remoteOf(server: Pick<IntrospectionCandidate, "remotes">): { url: string; type: "streamable-http" | "sse" } | undefined {
  const open = server.remotes.filter((r) => r.needsSecret === false && (r.type === "streamable-http" || r.type === "sse"));
  const pick = open.find((r) => r.type === "streamable-http") ?? open[0];
  return pick ? { url: pick.url, type: pick.type as "streamable-http" | "sse" } : undefined;
}

function stdioPackageOf(server: Pick<IntrospectionCandidate, "packages">) {
  return server.packages.find((p) => p.registryType === "npm" && (p.transport ?? "stdio") === "stdio");
}

/** How this server would be listed with these modes: a remote first, else its npm package over stdio. */
export function listingModeOf(server: Pick<IntrospectionCandidate, "remotes" | "packages">, modes: readonly IntrospectMode[]): IntrospectMode | undefined {
  if (modes.includes("remote") && remoteOf(server)) return "remote";
  if (modes.includes("stdio") && stdioPackageOf(server)) return "stdio";
  return undefined;
}

/** What a listing of this server in this mode reaches: the remote's URL, or the npm package's name. */
function listingTargetOf(server: Pick<IntrospectionCandidate, "remotes" | "packages">, mode: IntrospectMode): string | undefined {
  return mode === "remote" ? remoteOf(server)?.url : stdioPackageOf(server)?.identifier;
}

/**
 * Whether the server's row as it is now (`current`) still names what a listing of `listed` (the row the listing was
 * made from) reached in `mode` (pure): the same remote, still without a secret header, or the same npm package. A
 * listing of a remote or package the records have dropped since vouches for nothing the catalog lists.
 */
export function stillListableBy(listed: Pick<IntrospectionCandidate, "remotes" | "packages">, current: Pick<IntrospectionCandidate, "remotes" | "packages">, mode: IntrospectMode): boolean {
  const target = listingTargetOf(listed, mode);
  if (target === undefined) return false;
  if (mode === "remote") return current.remotes.some((r) => r.url === target && remoteOf({ remotes: [r] }) !== undefined);
  return current.packages.some((p) => p.identifier === target && stdioPackageOf({ packages: [p] }) !== undefined);
}

/** The host a listing reaches, for politeness: the remote's host, or the npm registry for an install. */
export function listingHostOf(server: Pick<IntrospectionCandidate, "remotes" | "packages">, modes: readonly IntrospectMode[]): string {
  const remote = listingModeOf(server, modes) === "remote" ? remoteOf(server) : undefined;
  if (!remote) return "registry.npmjs.org";
  try {
    return new URL(remote.url).host;
  } catch {
    return remote.url;
  }
}

export async function listServer(server: IntrospectionCandidate, o: ListingOptions): Promise<EnumerateResult> {
  const mode = listingModeOf(server, o.modes);
  const remote = mode === "remote" ? remoteOf(server) : undefined;
  if (remote) return listRemoteTools(remote, { limits: o.limits, fetch: o.fetch, ...(o.signal ? { signal: o.signal } : {}) });
  const pkg = mode === "stdio" ? stdioPackageOf(server) : undefined;
  if (!pkg) throw new EnumerateError("no remote without secrets and no stdio npm package", "connect", server.key);
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

/** When a list with this `ttlMs` is due again (pure); null without one (the max-age rule applies). */
export function relistAt(now: Date, ttlMs: number | undefined, bounds = RELIST_BOUNDS): string | null {
  if (ttlMs === undefined) return null;
  return new Date(now.getTime() + Math.min(bounds.ceilingMs, Math.max(bounds.floorMs, ttlMs))).toISOString();
}

/** What a failed listing leaves on its server (pure): the reason, and for a remote that refused without credentials, its auth posture. */
export function failureOutcome(e: unknown, mode: IntrospectMode | undefined, prefix = ""): IntrospectionOutcome & { reason: string } {
  const reason = e instanceof EnumerateError ? e.reason : "error";
  const message = e instanceof Error ? e.message : String(e);
  return {
    reason,
    introspectionError: `${prefix}${reason}: ${message}`.slice(0, 2_000),
    ...(mode === "remote" && e instanceof EnumerateError && e.reason === "auth" ? { authPosture: "auth", authDetails: e.auth ?? null } : {}),
  };
}

export interface StoreOptions {
  runId: number;
  now: Date;
  mode: IntrospectMode | undefined;
  /** Classify the server's changed tools in the same transaction (the workers); else the classify stage does (in-process). */
  classify: boolean;
}

/**
 * Writes a successful listing: the tool list and its history, the classifications when asked, and
 * the outcome on the server (notes, when it is due again, the mode it listed by, "open" for a remote), in one transaction.
 * Nothing is written (undefined) when the server, read again under its lock, no longer names the remote or package the
 * listing reached (stillListableBy), or is gone: a crawl dropped it while the listing ran (a queued job taken late), and
 * may have withdrawn the tools such a listing would put back.
 */
export async function storeListing(db: Db, server: IntrospectionCandidate, fetched: EnumerateResult, o: StoreOptions): Promise<{ sync: ToolSyncResult; classified: number } | undefined> {
  const { value: listed, replaced } = storable(fetched);
  const mode = o.mode;
  if (!mode) return undefined;
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    // Locked before it is read: a crawl's write of the row (and the withdrawal after it) comes wholly before or after.
    await lockServers(t, { servers: [server.id] });
    const current = await listingCandidate(t, server.id);
    if (!current || !stillListableBy(server, current, mode)) return undefined;
    const sync = await syncToolListings(
      t,
      [{ serverId: server.id, origin: "live", tools: listed.tools.map(toolDefinition), partial: listed.truncated !== undefined || listed.skippedUnnamed, skippedNames: listed.skippedNames }],
      o.runId,
      { held: new Set([server.id]) },
    );
    let classified = 0;
    if (o.classify) {
      const [queued] = (await queuedServers(t, CLASSIFIER_VERSION, server.id - 1, 1)).filter((q) => q.serverId === server.id);
      if (queued) {
        const rows = queued.stale.size ? classifyServerTools(queued, queued.tools, queued.stale) : [];
        await storeClassifications(t, rows, [server.id]);
        classified = rows.length;
      }
    }
    const notes = [
      // A tool the server sent that could not be kept is named on the server, not silently missing from risk and policy.
      listed.skipped ? `skipped ${plural(listed.skipped, "tool")}: ${listed.skipReasons.join("; ")}` : "",
      listed.hintsDropped ? `dropped ${plural(listed.hintsDropped, "annotation hint")} of the wrong type, the tools kept: ${listed.hintNotes.join("; ")}` : "",
      listed.truncated ? `truncated: ${listed.truncated}` : "",
      replaced ? "NUL bytes or lone surrogates replaced by U+FFFD" : "",
    ].filter(Boolean);
    await recordIntrospection(t, server, {
      introspectionError: null,
      introspectionNotes: notes.length ? notes.join("; ") : null,
      relistAt: relistAt(o.now, listed.ttlMs),
      listedBy: mode,
      ...(mode === "remote" ? { authPosture: "open", authDetails: null } : {}),
    });
    return { sync, classified };
  });
}
