// A local PulseMCP API (v0beta /servers: count_per_page, offset, `next` as a full URL on PulseMCP's own host)
// serving servers in PulseMCP's documented shape, built from real registry entries, with ETags and faults.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { startLocalServer } from "./local-server.js";
import { loadRegistrySample, meta, type RegistryItem } from "./registry-replay.js";

/** A server as PulseMCP's API documents it (every field but name optional). */
export interface PulseServer {
  name: string;
  url?: string;
  external_url?: string | null;
  short_description?: string | null;
  source_code_url?: string | null;
  github_stars?: number | null;
  package_registry?: string | null;
  package_name?: string | null;
  package_download_count?: number | null;
  EXPERIMENTAL_ai_generated_description?: string | null;
  remotes?: { url: string; transport: string }[];
}

type Repo = { url?: string; subfolder?: string };

/** Stable pseudo-random counts from a name, so every build of the replay is the same. */
function countFor(name: string, salt: string, max: number): number {
  return createHash("sha256").update(`${salt}:${name}`).digest().readUInt32BE(0) % max;
}

/** PulseMCP links a monorepo server to its folder with GitHub's tree URL. */
function sourceCodeUrl(repo: Repo | undefined): string | undefined {
  if (!repo?.url) return undefined;
  return repo.subfolder ? `${repo.url.replace(/\.git$/, "").replace(/\/+$/, "")}/tree/main/${repo.subfolder.replace(/^\/+/, "")}` : repo.url;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** One latest registry entry as PulseMCP lists it: its repository, first package, remotes, stars and downloads. */
export function pulseServerFor(item: RegistryItem): PulseServer {
  const s = item.server as { name: string; title?: string; description?: string; websiteUrl?: string; repository?: Repo; packages?: { registryType: string; identifier: string }[]; remotes?: { type: string; url: string }[] };
  const display = s.title ?? s.name.split("/").pop()!;
  const pkg = s.packages?.[0];
  return {
    name: display,
    url: `https://www.pulsemcp.com/servers/${slug(s.name)}`,
    external_url: s.websiteUrl ?? null,
    short_description: s.description ?? null,
    source_code_url: sourceCodeUrl(s.repository) ?? null,
    github_stars: s.repository?.url ? countFor(s.name, "stars", 5000) : null,
    package_registry: pkg?.registryType ?? null,
    package_name: pkg?.identifier ?? null,
    package_download_count: pkg ? countFor(s.name, "downloads", 100_000) : null,
    EXPERIMENTAL_ai_generated_description: null,
    ...(s.remotes?.length ? { remotes: s.remotes.map((r) => ({ url: r.url, transport: r.type })) } : {}),
  };
}

/** Servers only PulseMCP knows (found by its GitHub-topic crawl), in its shape. */
export const PULSE_ONLY: PulseServer[] = [
  {
    name: "Weather Forecast",
    url: "https://www.pulsemcp.com/servers/acme-weather",
    external_url: null,
    short_description: null,
    source_code_url: "https://github.com/acme-labs/weather-mcp",
    github_stars: 12,
    package_registry: "npm",
    package_name: "@acme-labs/weather-mcp",
    package_download_count: 340,
    // PulseMCP writes this when the author gave no description.
    EXPERIMENTAL_ai_generated_description: "Forecasts and alerts from a public weather API.",
  },
  {
    name: "Hosted Notes",
    url: "https://www.pulsemcp.com/servers/hosted-notes",
    external_url: "https://notes.example.com",
    short_description: "A hosted notes server",
    source_code_url: null,
    github_stars: null,
    package_registry: null,
    package_name: null,
    package_download_count: null,
    remotes: [{ url: "https://notes.example.com/mcp", transport: "streamable_http" }],
  },
];

/** Items no server can be made from: no name, a name that is not text, not an object. */
export const PULSE_GARBAGE: unknown[] = [{ url: "https://www.pulsemcp.com/servers/nameless", github_stars: 3 }, { name: 42 }, null];

/**
 * Every server of the replay in listing order: every 5th latest registry entry whose repository
 * (with its folder) no other entry of the sample shares, then the PulseMCP-only servers, with the
 * garbage spread among them and one server carrying a malformed optional field.
 */
export function buildPulseServers(): { servers: unknown[]; fromRegistry: RegistryItem[] } {
  const latest = loadRegistrySample().filter((i) => meta(i).isLatest === true && meta(i).status !== "deleted");
  const repoOf = (i: RegistryItem) => {
    const r = (i.server as { repository?: Repo }).repository;
    return r?.url ? `${r.url.toLowerCase().replace(/\.git$/, "").replace(/\/+$/, "")}#${(r.subfolder ?? "").toLowerCase()}` : undefined;
  };
  const shared = new Map<string, number>();
  for (const i of latest) {
    const key = repoOf(i);
    if (key) shared.set(key, (shared.get(key) ?? 0) + 1);
  }
  const fromRegistry = latest.filter((i, n) => n % 5 === 0 && repoOf(i) !== undefined && shared.get(repoOf(i)!) === 1 && /^https:\/\/github\.com\//i.test(String((i.server as { repository?: Repo }).repository?.url)));
  const servers: unknown[] = fromRegistry.map(pulseServerFor);
  // A malformed optional field costs the field, not the server.
  servers[1] = { ...(servers[1] as PulseServer), github_stars: "many" };
  servers.splice(3, 0, PULSE_GARBAGE[0]);
  servers.splice(10, 0, PULSE_GARBAGE[1]);
  servers.push(...PULSE_ONLY, PULSE_GARBAGE[2]);
  return { servers, fromRegistry };
}

export interface PulseReplay {
  url: string;
  requests: string[];
  /** If-None-Match of each request (null when none). */
  conditionals: (string | null)[];
  servers: unknown[];
  /** Answers the next N requests with 429 and this Retry-After. */
  throttle(times: number, retryAfter: string): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Serves /v0beta/servers; `next` is absent on the last page, as the documentation says. */
export async function startPulseReplay(servers: unknown[] = buildPulseServers().servers): Promise<PulseReplay> {
  const conditionals: (string | null)[] = [];
  let throttled = 0;
  let retryAfter = "0";
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? "/", "http://replay");
    conditionals.push((req.headers["if-none-match"] as string | undefined) ?? null);
    if (throttled > 0) {
      throttled -= 1;
      return send(res, 429, { error: "rate limited" }, { "retry-after": retryAfter });
    }
    if (u.pathname !== "/v0beta/servers") return send(res, 404, { error: "not found" });
    const size = Number(u.searchParams.get("count_per_page") ?? 5000);
    const offset = Number(u.searchParams.get("offset") ?? 0);
    if (!Number.isInteger(size) || size < 1 || size > 5000 || !Number.isInteger(offset) || offset < 0) return send(res, 400, { error: "bad paging" });
    const page = servers.slice(offset, offset + size);
    const more = offset + size < servers.length;
    const body = {
      servers: page,
      total_count: servers.length,
      ...(more ? { next: `https://api.pulsemcp.com/v0beta/servers?count_per_page=${size}&offset=${offset + size}` } : {}),
    };
    const text = JSON.stringify(body);
    const etag = `"${createHash("sha256").update(text).digest("hex").slice(0, 16)}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json", etag });
    res.end(text);
  };
  const server = await startLocalServer(handler);
  return {
    url: `${server.url}/v0beta`,
    requests: server.requests,
    conditionals,
    servers,
    throttle(times, after) {
      throttled = times;
      retryAfter = after;
    },
    close: () => server.close(),
  };
}
