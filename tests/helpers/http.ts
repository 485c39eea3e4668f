// An HttpClient for tests: loopback allowed, retries fast, the real client otherwise.
import { DEFAULT_HTTP_OPTIONS, HttpClient, type HttpOptions } from "../../crawler/http.js";

export function testHttpClient(overrides: Partial<HttpOptions> = {}): HttpClient {
  return new HttpClient({
    ...DEFAULT_HTTP_OPTIONS,
    userAgent: "mcp-catalog-tests",
    allowPrivateNetwork: true,
    baseDelayMs: 5,
    maxDelayMs: 2_000,
    ...overrides,
  });
}
