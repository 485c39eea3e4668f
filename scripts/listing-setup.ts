// What the CLI hands a live listing, in-process (refresh) or in a worker: the crawler's HTTP client and the listing options from the configuration.
import { tmpdir } from "node:os";
import { plural } from "../classifier/plural.js";
import { DEFAULT_HTTP_OPTIONS, HttpClient } from "../crawler/http.js";
import type { ListingOptions } from "../crawler/listing.js";
import { sweepScratch } from "../crawler/mcp/scratch-dirs.js";
import type { Config } from "./config.js";

export function crawlerHttpClient(config: Config): HttpClient {
  return new HttpClient({
    ...DEFAULT_HTTP_OPTIONS,
    userAgent: config.userAgent,
    allowPrivateNetwork: config.allowPrivateNetwork,
    perHost: { ...DEFAULT_HTTP_OPTIONS.perHost, intervalCap: config.perHostRate },
    baseDelayMs: config.retryDelayMs,
  });
}

export function listingOptions(config: Config, http: HttpClient): Omit<ListingOptions, "modes" | "signal"> {
  const i = config.introspect;
  return {
    limits: { connectTimeoutMs: i.connectTimeoutMs, requestTimeoutMs: i.requestTimeoutMs, totalTimeoutMs: i.totalTimeoutMs, maxTools: i.maxTools, maxBytes: i.maxBytes, maxPages: i.maxPages },
    fetch: http.fetch,
    sandbox: { memoryMb: i.stdioMemoryMb, noNetwork: true },
    installTimeoutMs: i.installTimeoutMs,
    ...(i.npmRegistryUrl ? { npmRegistryUrl: i.npmRegistryUrl } : {}),
  };
}

/**
 * Before listing over stdio: removes the install and HOME directories that a process killed mid-listing (kill -9,
 * an OOM kill) left in the temp dir, where listings make theirs, and says so on `log`.
 */
export async function sweepSandboxLeftovers(log: (line: string) => void): Promise<void> {
  // Housekeeping: a temp directory that cannot be read stops no listing.
  const swept = await sweepScratch(tmpdir()).catch((e: unknown) => {
    log(`could not sweep ${tmpdir()} for sandbox directories left behind: ${(e as Error).message}`);
    return undefined;
  });
  if (!swept) return;
  const { removed, failed } = swept;
  if (removed.length) log(`removed ${plural(removed.length, "sandbox directory", "sandbox directories")} left behind: ${removed.join(", ")}`);
  for (const f of failed) log(`could not remove a sandbox directory left behind: ${f.error}`);
}
