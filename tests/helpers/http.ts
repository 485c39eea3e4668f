// An HttpClient for tests: loopback allowed, retries fast, the real client otherwise.
import { DEFAULT_HTTP_OPTIONS, HttpClient, type HttpOptions } from "../../crawler/http.js";

export function testHttpClient(overrides: Partial<HttpOptions> = {}): HttpClient {
  return new HttpClient({
    ...DEFAULT_HTTP_OPTIONS,
    userAgent: "mcp-catalog-tests",
    allowPrivateNetwork: true,
    baseDelayMs: 5,
    maxDelayMs: 2_000,
    // No pause at 10 requests a second to a local replay (a refresh of a dozen manifests waited a whole second for
    // the eleventh). The concurrency stays; the pace itself is tested in tests/http/client.test.ts.
    perHost: { ...DEFAULT_HTTP_OPTIONS.perHost, intervalCap: 1_000 },
    ...overrides,
  });
}
