// A local npm registry for the npm source's tests and bench: the search API (/-/v1/search with keywords lists,
// is:/not: qualifiers, size/from and npm's result window) and each package's `latest` manifest, in the shapes npm
// documents, with the validators the registry sends (ETag, Last-Modified), 304s, and 429s on demand.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One package of the replay: its manifest as published, and what the search index says of it. */
export interface ReplayPackage {
  manifest: { name: string; version: string; keywords?: string[] } & Record<string, unknown>;
  description?: string;
  weeklyDownloads?: number;
  /** npm flags a package with known vulnerabilities as insecure. */
  insecure?: boolean;
  /** The search lists it, but its manifest answers 404 (unpublished since the index was built). */
  manifestMissing?: boolean;
  /** When the manifest last changed (its Last-Modified); default 2025-11-20. */
  modified?: string;
}

/** One manifest request: the validators it came with and how it was answered. */
export interface ManifestRequest {
  name: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  status: number;
}

export interface NpmSearchReplay {
  url: string;
  /** Every request's path and query, in order. */
  requests: string[];
  manifests: ManifestRequest[];
  /** Body bytes sent, search pages and manifests together. */
  bytesSent(): number;
  /** Answers the next `times` requests for this package's manifest with 429 and this Retry-After. */
  throttle(name: string, times: number, retryAfter: string): void;
  close(): Promise<void>;
}

/**
 * Which validators manifests carry: the registry's ETag and Last-Modified (default), one of them, or
 * none, for a registry (a mirror) that neither sends validators nor answers a conditional request.
 */
export type ReplayValidators = "both" | "etag" | "last-modified" | "none";

/** A search object as the registry returns it (2026 shape: downloads, dependents, updated). */
export function searchObject(p: ReplayPackage): unknown {
  const m = p.manifest;
  return {
    package: {
      name: m.name,
      ...(m.name.startsWith("@") ? { scope: m.name.slice(1, m.name.indexOf("/")) } : { scope: "unscoped" }),
      version: m.version,
      description: p.description ?? (typeof m.description === "string" ? m.description : undefined),
      keywords: m.keywords ?? [],
      date: "2025-11-20T10:00:00.000Z",
      links: { npm: `https://www.npmjs.com/package/${m.name}` },
      publisher: { username: "someone", email: "someone@example.com" },
      maintainers: [{ username: "someone", email: "someone@example.com" }],
    },
    score: { final: 0.5, detail: { quality: 0.5, popularity: 0.1, maintenance: 0.9 } },
    searchScore: 100,
    ...(p.insecure ? { flags: { insecure: 1 } } : {}),
    downloads: { weekly: p.weeklyDownloads ?? 0, monthly: (p.weeklyDownloads ?? 0) * 4 },
    dependents: 0,
    updated: "2025-11-20T10:00:00.000Z",
  };
}

/** The subset of npm's search text the source uses: `keywords:a,-b` (`,` OR, `,-` NOT, `+` AND), is:/not: unstable|insecure. */
export function matches(p: ReplayPackage, text: string): boolean {
  const keywords = new Set((p.manifest.keywords ?? []).map((k) => k.toLowerCase()));
  const unstable = Number(p.manifest.version.split(".")[0]) < 1;
  for (const term of text.trim().split(/\s+/)) {
    const [qualifier, value = ""] = term.split(/:(.*)/s) as [string, string?];
    if (qualifier === "keywords") {
      const parts = value.split(",");
      const wanted = parts.filter((k) => !k.startsWith("-"));
      const excluded = parts.filter((k) => k.startsWith("-")).map((k) => k.slice(1));
      if (!wanted.some((w) => w.split("+").every((k) => keywords.has(k)))) return false;
      if (excluded.some((k) => keywords.has(k))) return false;
    } else if (term === "is:unstable" && !unstable) return false;
    else if (term === "not:unstable" && unstable) return false;
    else if (term === "is:insecure" && !p.insecure) return false;
    else if (term === "not:insecure" && p.insecure) return false;
    else if (!["is:unstable", "not:unstable", "is:insecure", "not:insecure"].includes(term)) throw new Error(`the replay does not know the search term ${term}`);
  }
  return true;
}

/** Sends a JSON body; returns its size. */
function send(res: ServerResponse, status: number, body: unknown): number {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json" });
  res.end(text);
  return Buffer.byteLength(text);
}

/**
 * Serves the search over `packages` (in a fixed relevance order) and their manifests. A request
 * whose from + size passes `window` is refused with 400: the real registry serves nothing there.
 * `garbage` items lead the hits of the query `garbageQuery` (and count in its total), as malformed
 * entries of a real index would.
 */
export async function startNpmSearchReplay(
  packages: ReplayPackage[],
  opts: { window?: number; garbage?: unknown[]; garbageQuery?: string; validators?: ReplayValidators } = {},
): Promise<NpmSearchReplay> {
  const window = opts.window ?? 10_000;
  const validators = opts.validators ?? "both";
  // A test may change a package in place, or add one, between refreshes: the index follows additions.
  let index = new Map<string, ReplayPackage>();
  const byName = () => {
    if (index.size !== packages.length) index = new Map(packages.map((p) => [p.manifest.name, p]));
    return index;
  };
  const garbage = new Set<unknown>(opts.garbage ?? []);
  let bytes = 0;
  const manifests: ManifestRequest[] = [];
  const throttled = new Map<string, { times: number; retryAfter: string }>();
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const u = new URL(req.url ?? "/", "http://replay");
    if (u.pathname === "/-/v1/search") {
      const text = u.searchParams.get("text") ?? "";
      const size = Number(u.searchParams.get("size") ?? 20);
      const from = Number(u.searchParams.get("from") ?? 0);
      if (size > 250 || from + size > window) return void send(res, 400, { error: `from + size must be at most ${window}, and size at most 250` });
      const hits = [...(text === opts.garbageQuery ? (opts.garbage ?? []) : []), ...packages.filter((p) => matches(p, text))];
      const objects = hits.slice(from, from + size).map((h) => (garbage.has(h) ? h : searchObject(h as ReplayPackage)));
      return void (bytes += send(res, 200, { objects, total: hits.length, time: "Wed Dec 02 2026 04:00:00 GMT+0000" }));
    }
    const path = decodeURIComponent(u.pathname).slice(1);
    const name = path.endsWith("/latest") ? path.slice(0, -"/latest".length) : path;
    const asked = { name, ...(typeof req.headers["if-none-match"] === "string" ? { ifNoneMatch: req.headers["if-none-match"] } : {}), ...(typeof req.headers["if-modified-since"] === "string" ? { ifModifiedSince: req.headers["if-modified-since"] } : {}) };
    const throttle = throttled.get(name);
    if (throttle && throttle.times > 0) {
      throttle.times -= 1;
      manifests.push({ ...asked, status: 429 });
      res.writeHead(429, { "content-type": "application/json", "retry-after": throttle.retryAfter });
      return void res.end(JSON.stringify({ error: "Too Many Requests" }));
    }
    const p = path.endsWith("/latest") ? byName().get(name) : undefined;
    if (!p || p.manifestMissing) {
      manifests.push({ ...asked, status: 404 });
      return void send(res, 404, { error: "Not found" });
    }
    const body = JSON.stringify({ ...p.manifest, _id: `${p.manifest.name}@${p.manifest.version}`, dist: { tarball: `http://registry.invalid/${p.manifest.name}/-/x.tgz` } });
    const etag = `"${createHash("sha256").update(body).digest("hex").slice(0, 20)}"`;
    const modified = new Date(p.modified ?? "2025-11-20T10:00:00.000Z");
    const headers: Record<string, string> = {
      ...(validators === "both" || validators === "etag" ? { etag } : {}),
      ...(validators === "both" || validators === "last-modified" ? { "last-modified": modified.toUTCString() } : {}),
    };
    // RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only without it.
    const fresh =
      validators !== "none" &&
      (asked.ifNoneMatch !== undefined
        ? headers.etag !== undefined && asked.ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)
        : asked.ifModifiedSince !== undefined && headers["last-modified"] !== undefined && Math.floor(modified.getTime() / 1000) * 1000 <= Date.parse(asked.ifModifiedSince));
    manifests.push({ ...asked, status: fresh ? 304 : 200 });
    if (fresh) return void res.writeHead(304, headers).end();
    res.writeHead(200, { "content-type": "application/json", ...headers });
    res.end(body);
    bytes += Buffer.byteLength(body);
  };
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? "/");
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    manifests,
    bytesSent: () => bytes,
    throttle(name, times, retryAfter) {
      throttled.set(name, { times, retryAfter });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
