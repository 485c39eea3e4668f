// Failures typed from the errors' types and fields, never their messages, on plain errors.
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, test } from "vitest";
import { failureLine, failureOf } from "../crawler/failure.js";
import { SnapshotJsonError, SnapshotMissError } from "../crawler/fetcher.js";
import { HttpError } from "../crawler/http.js";
import { redactUrl, redactUrls, redactUrlsIn } from "../crawler/redact-url.js";
import { atPage, SourceError } from "../crawler/source-error.js";

const url = "https://registry.example/v0.1/servers?limit=100";

describe("failureOf", () => {
  test("a failed request keeps its kind, URL, status, code, attempts and whether to retry", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const cause = new HttpError({ url, kind: "network", attempts: 5, retryable: true, detail: "network error ECONNREFUSED", cause: new Error("fetch failed", { cause: refused }) });
    const e = new SourceError({ source: "registry", page: 3, url, message: cause.message, cause });
    expect(failureOf(e, { stage: "crawl", source: "registry" })).toEqual({
      stage: "crawl",
      source: "registry",
      kind: "network",
      page: 3,
      url,
      code: "ECONNREFUSED",
      attempts: 5,
      retryable: true,
      message: e.message,
    });
    const status = new HttpError({ url, kind: "status", status: 503, attempts: 3, retryable: true, detail: "HTTP 503" });
    expect(failureOf(new SourceError({ source: "glama", page: 1, url, message: status.message, cause: status }), { stage: "crawl", source: "glama" })).toMatchObject({ kind: "status", status: 503 });
  });

  test("a source that stopped says why: its page, its walk, its snapshot", () => {
    const at = { source: "registry" as const, page: 2, url };
    expect(failureOf(new SourceError({ ...at, stop: { kind: "format" }, message: "not a page" }), { stage: "crawl" })).toMatchObject({ kind: "format", page: 2, url });
    expect(failureOf(new SourceError({ ...at, stop: { kind: "cursor_loop", cursor: "a" }, message: "loops" }), { stage: "crawl" }).kind).toBe("cursor_loop");
    expect(failureOf(new SourceError({ ...at, stop: { kind: "page_limit", maxPages: 2 }, message: "stopped" }), { stage: "crawl" }).kind).toBe("page_limit");
    const miss = new SnapshotMissError("registry", "/v0.1/servers", "/snap");
    expect(failureOf(new SourceError({ ...at, message: miss.message, cause: miss }), { stage: "crawl" })).toMatchObject({ kind: "snapshot_miss", url });
    const corrupt = new SnapshotJsonError("/snap/registry/page-00002.json", new SyntaxError("Unexpected token"));
    expect(failureOf(new SourceError({ ...at, message: corrupt.message, cause: corrupt }), { stage: "crawl" })).toMatchObject({ kind: "invalid_json", page: 2, url });
    expect(failureOf(new SourceError({ ...at, message: "odd", cause: new TypeError("odd") }), { stage: "crawl" }).kind).toBe("error");
    // A snapshot's index read before any page: the error itself, not a source's stop.
    const index = new SnapshotJsonError("/snap/registry/index.json", new SyntaxError("Unexpected token"), "index");
    expect(index.message).toBe("the snapshot index /snap/registry/index.json is not valid JSON (Unexpected token)");
    expect(failureOf(index, { stage: "crawl", source: "registry" })).toMatchObject({ kind: "invalid_json", source: "registry" });
  });

  test("a server's rate limit keeps the wait it asked for", () => {
    const limited = new HttpError({ url, kind: "rate_limited", status: 429, attempts: 1, retryable: true, retryAfterMs: 3_600_000, detail: "HTTP 429; Retry-After 3600 s is over the 60 s limit" });
    const e = new SourceError({ source: "registry", page: 1, url, message: limited.message, cause: limited });
    expect(failureOf(e, { stage: "crawl", source: "registry" })).toMatchObject({ kind: "rate_limited", status: 429, retryable: true, retryAfterMs: 3_600_000, page: 1, url });
  });

  test("anything else that breaks while a page is processed names the page, typed by what it is", () => {
    const at = { source: "smithery" as const, page: 2, url };
    const odd = atPage(new URIError("URI malformed"), at);
    expect(odd.message).toBe("smithery: page 2: URI malformed");
    expect(failureOf(odd, { stage: "crawl", source: "smithery" })).toEqual({ stage: "crawl", source: "smithery", kind: "error", page: 2, url, message: "smithery: page 2: URI malformed" });
    // A failed query: the database's one line (never the statement and its parameters, crawled text), and its code.
    const pgError = Object.assign(new Error('new row violates check constraint "refuse_all"'), { code: "23514" });
    const query = atPage(new DrizzleQueryError("insert into tools (name) values ($1)", ["crawled text"], pgError), at);
    expect(failureOf(query, { stage: "crawl", source: "smithery" })).toEqual({
      stage: "crawl",
      source: "smithery",
      kind: "database",
      code: "23514",
      page: 2,
      url,
      message: 'smithery: page 2: new row violates check constraint "refuse_all" (code 23514) during insert into tools',
    });
    // A SourceError already names its page.
    const stopped = new SourceError({ ...at, page: 1, stop: { kind: "format" }, message: "not a page" });
    expect(atPage(stopped, at)).toBe(stopped);
  });

  test("a page a resumed crawl could not number is left out, not called page 1", () => {
    const e = new SourceError({ source: "registry", page: null, url, stop: { kind: "format" }, message: "not a page" });
    expect(e.message).toBe("registry: not a page");
    expect(failureOf(e, { stage: "crawl" })).not.toHaveProperty("page");
  });

  test("a failed query is a database failure with its code and the database's one-line reason", () => {
    const pgError = Object.assign(new Error('new row violates check constraint "refuse_all"'), { code: "23514" });
    const f = failureOf(new DrizzleQueryError("insert into tools (name) values ($1)", ["crawled text"], pgError), { stage: "crawl", source: "glama" });
    expect(f).toMatchObject({ kind: "database", code: "23514" });
    expect(f.message).toBe('new row violates check constraint "refuse_all" (code 23514) during insert into tools');
  });

  test("an interrupted run is aborted whatever the error it surfaced as; anything else is an error", () => {
    expect(failureOf(new Error("the server is shutting down"), { stage: "crawl", source: "registry", aborted: true }).kind).toBe("aborted");
    expect(failureOf("a string", { stage: "classify" })).toEqual({ stage: "classify", kind: "error", message: "a string" });
  });

  test("an interrupt still names the page it stopped on and its URL, and a request it cut short its attempts; a later run may succeed", () => {
    const at = { source: "registry" as const, page: 2, url };
    const cut = new HttpError({ url, kind: "aborted", attempts: 1, retryable: false, detail: "aborted: interrupted by SIGINT" });
    const request = new SourceError({ ...at, message: cut.message, cause: cut, requests: cut.attempts });
    expect(failureOf(request, { stage: "crawl", source: "registry", aborted: true })).toEqual({ stage: "crawl", source: "registry", kind: "aborted", page: 2, url, attempts: 1, retryable: true, message: request.message });
    // Landed between two pages: the one it would have written next is where the source stopped.
    const between = atPage(new Error("interrupted by SIGINT"), at);
    expect(failureOf(between, { stage: "crawl", source: "registry", aborted: true })).toEqual({ stage: "crawl", source: "registry", kind: "aborted", page: 2, url, message: "registry: page 2: interrupted by SIGINT" });
  });
});

describe("failureLine", () => {
  test("where, then why, without saying the source twice", () => {
    expect(failureLine({ stage: "classify", kind: "error", message: "boom" })).toBe("classify: boom");
    expect(failureLine({ stage: "crawl", source: "registry", kind: "format", message: "registry: page 1: not a page" })).toBe("registry: page 1: not a page");
  });
});

describe("redactUrl", () => {
  test("user information and the values of secret-looking query parameters become ***, the rest as it was", () => {
    expect(redactUrl("https://user:t0k3n@mirror.example/v0.1/servers?limit=100&api_key=k3y&token=t&apiKey=a&cursor=c2")).toBe(
      "https://***@mirror.example/v0.1/servers?limit=100&api_key=***&token=***&apiKey=***&cursor=c2",
    );
    expect(redactUrl("https://t0k3n@mirror.example/")).toBe("https://***@mirror.example/");
    expect(redactUrl("https://mirror.example/x?access_token=a&password=p&sig=s&secret=z")).toBe("https://mirror.example/x?access_token=***&password=***&sig=***&secret=***");
    expect(redactUrl("https://mirror.example/x?X-Amz-Signature=s&apikey=k&keywords=mcp&author=a")).toBe("https://mirror.example/x?X-Amz-Signature=***&apikey=***&keywords=mcp&author=a");
    // Nothing secret: exactly as given, not rewritten in a canonical form.
    expect(redactUrl("https://registry.example/v0.1/servers?limit=100&q=a%20b")).toBe("https://registry.example/v0.1/servers?limit=100&q=a%20b");
    expect(redactUrl("not a url but //user:pw@host")).toBe("not a url but //***@host");
  });

  test("a fragment written as parameters is redacted by the same rule; any other fragment is kept", () => {
    expect(redactUrl("https://app.example/callback#access_token=t0k3n&token_type=bearer&state=s1")).toBe("https://app.example/callback#access_token=***&token_type=bearer&state=s1");
    expect(redactUrl("https://mirror.example/x?limit=5#apiKey=k&page=2")).toBe("https://mirror.example/x?limit=5#apiKey=***&page=2");
    expect(redactUrl("https://registry.example/docs#keywords-and-authors")).toBe("https://registry.example/docs#keywords-and-authors");
    expect(redactUrls("GET https://a.example/cb#access_token=t0k3n failed")).toBe("GET https://a.example/cb#access_token=*** failed");
  });

  test("a name that describes a secret (its type, when it expires) is kept; one that holds one is redacted", () => {
    expect(redactUrl("https://app.example/cb#access_token=t&token_type=bearer&expires_in=3600&refresh_token_expires_in=9&state=s")).toBe(
      "https://app.example/cb#access_token=***&token_type=bearer&expires_in=3600&refresh_token_expires_in=9&state=s",
    );
    expect(redactUrl("https://a.example/x?keyType=rsa&token_type_hint=refresh_token&session_ttl=60")).toBe("https://a.example/x?keyType=rsa&token_type_hint=refresh_token&session_ttl=60");
    // A name that goes on after the describing word, or only starts with it, still holds a secret.
    expect(redactUrl("https://a.example/x?token_type_secret=s&type_token=t&expires_token=e&key_id=k&client_secret=c")).toBe(
      "https://a.example/x?token_type_secret=***&type_token=***&expires_token=***&key_id=***&client_secret=***",
    );
  });

  test("redactUrls redacts every URL a message quotes; a failure keeps its URL and message redacted", () => {
    expect(redactUrls("GET https://u:p@a.example/x?token=t failed; refused http://b.example/y?key=k: private")).toBe(
      "GET https://***@a.example/x?token=*** failed; refused http://b.example/y?key=***: private",
    );
    const secretUrl = "https://user:t0k3n@registry.example/v0.1/servers?api_key=k3y";
    const cause = new HttpError({ url: secretUrl, kind: "status", status: 401, attempts: 1, retryable: false, detail: "HTTP 401" });
    const failure = failureOf(new SourceError({ source: "registry", page: 1, url: secretUrl, message: `${cause.message} (${secretUrl})`, cause }), { stage: "crawl", source: "registry" });
    expect(failure.url).toBe("https://***@registry.example/v0.1/servers?api_key=***");
    expect(JSON.stringify(failure)).not.toMatch(/t0k3n|k3y/);
    expect(cause.message).not.toMatch(/t0k3n|k3y/);
  });

  test("redactUrlsIn redacts every string of a run record's JSON, at any depth, and leaves the rest as it was", () => {
    const raw = "GET https://u:p@a.example/x?token=t failed";
    expect(redactUrlsIn({ registry: { errors: [raw], pages: 2, resumed: false, since: null } })).toEqual({
      registry: { errors: ["GET https://***@a.example/x?token=*** failed"], pages: 2, resumed: false, since: null },
    });
    expect(redactUrlsIn([{ url: "https://u:p@a.example/", page: 1 }])).toEqual([{ url: "https://***@a.example/", page: 1 }]);
  });
});
