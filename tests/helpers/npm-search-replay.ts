// A local npm registry for the npm source: the search API (/-/v1/search with keywords lists, is:/not: qualifiers,
// size/from and npm's result window) and each package's `latest` manifest, in the shapes npm documents.
import type { IncomingMessage, ServerResponse } from "node:http";
import { startLocalServer } from "./local-server.js";

/** One package of the replay: its manifest as published, and what the search index says of it. */
export interface ReplayPackage {
  manifest: { name: string; version: string; keywords?: string[] } & Record<string, unknown>;
  description?: string;
  weeklyDownloads?: number;
  /** npm flags a package with known vulnerabilities as insecure. */
  insecure?: boolean;
  /** The search lists it, but its manifest answers 404 (unpublished since the index was built). */
  manifestMissing?: boolean;
}

export interface NpmSearchReplay {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

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

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/**
 * Serves the search over `packages` (in a fixed relevance order) and their manifests. A request
 * whose from + size passes `window` is refused with 400: the real registry serves nothing there.
 * `garbage` items lead the hits of the query `garbageQuery` (and count in its total), as malformed
 * entries of a real index would.
 */
export async function startNpmSearchReplay(packages: ReplayPackage[], opts: { window?: number; garbage?: unknown[]; garbageQuery?: string } = {}): Promise<NpmSearchReplay> {
  const window = opts.window ?? 10_000;
  const byName = new Map(packages.map((p) => [p.manifest.name, p]));
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const u = new URL(req.url ?? "/", "http://replay");
    if (u.pathname === "/-/v1/search") {
      const text = u.searchParams.get("text") ?? "";
      const size = Number(u.searchParams.get("size") ?? 20);
      const from = Number(u.searchParams.get("from") ?? 0);
      if (size > 250 || from + size > window) return send(res, 400, { error: `from + size must be at most ${window}, and size at most 250` });
      const hits = [...(text === opts.garbageQuery ? (opts.garbage ?? []) : []), ...packages.filter((p) => matches(p, text)).map(searchObject)];
      return send(res, 200, { objects: hits.slice(from, from + size), total: hits.length, time: "Wed Dec 02 2026 04:00:00 GMT+0000" });
    }
    const path = decodeURIComponent(u.pathname).slice(1);
    const name = path.endsWith("/latest") ? path.slice(0, -"/latest".length) : undefined;
    const p = name ? byName.get(name) : undefined;
    if (!p || p.manifestMissing) return send(res, 404, { error: "Not found" });
    return send(res, 200, { ...p.manifest, _id: `${p.manifest.name}@${p.manifest.version}`, dist: { tarball: `${u.origin}/${p.manifest.name}/-/x.tgz` } });
  };
  const server = await startLocalServer(handler);
  return { url: server.url, requests: server.requests, close: () => server.close() };
}
