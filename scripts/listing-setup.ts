// What the CLI hands a live listing, in-process (refresh) or in a worker: the crawler's HTTP client and the listing options from the configuration.
import { DEFAULT_HTTP_OPTIONS, HttpClient } from "../crawler/http.js";
import type { ListingOptions } from "../crawler/listing.js";
import type { Config } from "./config.js";

export function crawlerHttpClient(config: Config): HttpClient {
  return new HttpClient({
    ...DEFAULT_HTTP_OPTIONS,
    userAgent: config.userAgent,
    allowPrivateNetwork: config.allowPrivateNetwork,
    perHost: { ...DEFAULT_HTTP_OPTIONS.perHost, intervalCap: config.perHostRate },
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
