// A local Glama MCP API (/v1/servers, relay cursors) serving servers assembled from real registry entries and real tool lists.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import type { GlamaServer, GlamaTool } from "../../scripts/dev/world/glama-api.js";
export type { GlamaServer, GlamaTool };
import { startLocalServer } from "./local-server.js";
import { loadRegistrySample, meta, type RegistryItem } from "./registry-replay.js";

/** McpServerTool as Glama's OpenAPI documents it: name, description (nullable), inputSchema. */
function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/glama/${name}`, import.meta.url));
}

/** Real tools, cut to the fields Glama publishes (it has no annotations or titles). */
function glamaTool(t: { name: string; description?: string | null; inputSchema?: unknown }): GlamaTool {
  return { name: t.name, description: t.description ?? null, ...(t.inputSchema !== undefined ? { inputSchema: t.inputSchema } : {}) };
}

export function loadGithubTools(): GlamaTool[] {
  const tools = JSON.parse(readFileSync(fixture("github-mcp-server_tools_toolsnaps.json"), "utf8")) as { name: string; description?: string; inputSchema?: unknown }[];
  return tools.map(glamaTool);
}

export function loadLabeledTools(file: string): GlamaTool[] {
  return readFileSync(fixture(file), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => glamaTool(JSON.parse(line) as { name: string; description?: string | null; inputSchema?: unknown }));
}

/** Glama ids are 10 characters of [a-z0-9]; derived from namespace/slug so every build is the same. */
export function glamaId(namespace: string, slug: string): string {
  const digest = createHash("sha256").update(`${namespace}/${slug}`).digest();
  let id = "";
  for (const byte of digest) {
    id += "abcdefghijklmnopqrstuvwxyz0123456789"[byte % 36];
    if (id.length === 10) break;
  }
  return id;
}

const MIT = { name: "MIT", url: "https://opensource.org/licenses/MIT" };
const APACHE = { name: "Apache-2.0", url: "https://www.apache.org/licenses/LICENSE-2.0" };

/** The fields of a Glama record a test names; the rest as Glama fills them. */
export type GlamaServerFields = Omit<GlamaServer, "id" | "url" | "spdxLicense" | "attributes" | "environmentVariablesJsonSchema"> & Partial<GlamaServer>;

/** A Glama record from the fields a test names: its id and address derived from namespace and slug, as Glama's are. */
export function glamaServer(fields: GlamaServerFields): GlamaServer {
  return {
    id: glamaId(fields.namespace, fields.slug),
    url: `https://glama.ai/mcp/servers/${fields.namespace}/${fields.slug}`,
    spdxLicense: null,
    attributes: ["hosting:local-only"],
    environmentVariablesJsonSchema: null,
    ...fields,
  };
}

function repoUrl(item: RegistryItem): string | undefined {
  const repo = item.server.repository as { url?: string; subfolder?: string } | undefined;
  if (!repo?.url) return undefined;
  // Glama links a monorepo server to its folder: the GitHub tree URL, not a separate subfolder field.
  return repo.subfolder ? `${repo.url.replace(/\.git$/, "").replace(/\/+$/, "")}/tree/main/${repo.subfolder.replace(/^\/+/, "")}` : repo.url;
}

/** The special servers, each a real server with a real tool list; the messes are named in SOURCES.md. */
function curated(registry: Map<string, RegistryItem>): GlamaServer[] {
  const github = registry.get("io.github.github/github-mcp-server")!;
  const kubeLint = loadLabeledTools("docker-mcp-registry-kube-lint-mcp.jsonl");
  const described = kubeLint.map((t, i) => (i === 2 ? { ...t, description: null } : t));
  return [
    glamaServer({
      name: "GitHub MCP Server",
      namespace: "github",
      slug: "github-mcp-server",
      description: String(github.server.description),
      repository: { url: repoUrl(github)! },
      spdxLicense: MIT,
      attributes: ["author:official", "hosting:remote-capable"],
      environmentVariablesJsonSchema: {
        type: "object",
        properties: { GITHUB_PERSONAL_ACCESS_TOKEN: { type: "string", description: "GitHub personal access token" } },
        required: ["GITHUB_PERSONAL_ACCESS_TOKEN"],
      },
      tools: loadGithubTools(),
    }),
    glamaServer({
      name: "Kubernetes MCP Server",
      namespace: "containers",
      slug: "kubernetes-mcp-server",
      description: "Model Context Protocol (MCP) server for Kubernetes and OpenShift",
      // Messy on purpose: the clone URL, with `.git`.
      repository: { url: "https://github.com/containers/kubernetes-mcp-server.git" },
      spdxLicense: APACHE,
      tools: loadLabeledTools("kubernetes-mcp-server.jsonl"),
    }),
    glamaServer({
      name: "Apollo MCP Server",
      namespace: "apollographql",
      slug: "apollo-mcp-server",
      description: "Apollo MCP Server: expose GraphQL operations as MCP tools",
      // Messy on purpose: upper case host and path, trailing slash.
      repository: { url: "https://GitHub.com/ApolloGraphQL/Apollo-MCP-Server/" },
      tools: loadLabeledTools("docker-mcp-registry-apollo-mcp-server.jsonl"),
    }),
    glamaServer({
      name: "kube-lint-mcp",
      namespace: "sophotechlabs",
      slug: "kube-lint-mcp",
      description: "Kubernetes manifest linting and dry-run validation",
      repository: { url: "https://github.com/sophotechlabs/kube-lint-mcp" },
      // Messy on purpose: the third tool lost its description, a nameless tool and a repeated name follow.
      tools: [...described, { description: "A tool recorded without a name", inputSchema: { type: "object", properties: {} } }, kubeLint[0]!],
    }),
  ];
}

function namesFor(item: RegistryItem): { namespace: string; slug: string } {
  const url = repoUrl(item);
  const match = url?.match(/^https?:\/\/[^/]+\/([^/]+)\/([^/#?]+)/);
  // Glama's namespace/slug is the GitHub owner/repo, in GitHub's own case.
  if (match) return { namespace: match[1]!, slug: match[2]!.replace(/\.git$/, "") };
  const [ns = "", name = ""] = item.server.name.split("/");
  return { namespace: ns.startsWith("io.github.") ? ns.slice("io.github.".length) : (ns.split(".").pop() ?? ns), slug: name };
}

/**
 * Every Glama server of the replay, in listing order: the curated ones, then every 4th latest
 * registry server with a repository and every 8th without one (zero tools, as Glama shows servers
 * it has not inspected), one server with no id, and garbage entries among them.
 */
export function buildGlamaServers(): unknown[] {
  const latest = loadRegistrySample().filter((i) => meta(i).isLatest === true);
  const byName = new Map(latest.map((i) => [i.server.name, i]));
  const servers: GlamaServer[] = curated(byName);
  const taken = new Set(servers.map((s) => `${s.namespace}/${s.slug}`.toLowerCase()));
  const withRepo = latest.filter((i) => repoUrl(i));
  const withoutRepo = latest.filter((i) => !repoUrl(i));
  const picked = [
    ...withRepo.filter((i, n) => n % 4 === 0 || i.server.name === "com.microsoft/azure" || i.server.name === "io.github.neo4j-contrib/mcp-neo4j-cypher"),
    ...withoutRepo.filter((_, n) => n % 8 === 0),
  ].filter((i) => i.server.name !== "io.github.github/github-mcp-server");
  for (const item of picked) {
    let { namespace, slug } = namesFor(item);
    // Several registry servers share one repository; Glama gives each its own slug.
    if (taken.has(`${namespace}/${slug}`.toLowerCase())) slug = `${slug}-${item.server.name.split("/")[1]}`;
    taken.add(`${namespace}/${slug}`.toLowerCase());
    const url = repoUrl(item);
    servers.push(
      glamaServer({
        name: String(item.server.title ?? item.server.name.split("/")[1]),
        namespace,
        slug,
        description: String(item.server.description ?? ""),
        repository: url ? { url } : null,
        attributes: (item.server.remotes as unknown[] | undefined)?.length ? ["hosting:remote-capable"] : ["hosting:local-only"],
        tools: [],
      }),
    );
  }
  // One server as an older mirror lists it, without an id.
  const { id: _dropped, ...noId } = glamaServer({
    name: "Magic MCP",
    namespace: "21st-dev",
    slug: "magic-mcp",
    description: "It's like v0 but in your Cursor/WindSurf/Cline. 21st dev Magic MCP server for working with your frontend like Magic",
    repository: { url: "https://github.com/21st-dev/magic-mcp" },
    tools: [],
  });
  const items: unknown[] = [...servers, noId];
  // Garbage among good entries, at fixed places so paging splits them across pages.
  const garbage: [number, unknown][] = [
    [5, null],
    [11, 42],
    [23, "glama"],
    [31, { id: "zzzzzzzzzz", name: "no namespace or slug" }],
    [40, { id: "yyyyyyyyyy", name: "bad tools", namespace: "acme", slug: "bad-tools", tools: "not a list" }],
  ];
  for (const [at, junk] of garbage) items.splice(at, 0, junk);
  return items;
}

/** How many entries of buildGlamaServers() are garbage (skipped by the adapter). */
export const GLAMA_GARBAGE = 5;

export interface GlamaReplay {
  url: string;
  /** Every request's path and query, in order. */
  requests: string[];
  /** The Authorization header of every request, in order (null when absent). */
  authorizations: (string | null)[];
  servers: unknown[];
  close(): Promise<void>;
}

export interface GlamaReplayOptions {
  servers?: unknown[];
  /** When set, requests without `Authorization: Bearer <key>` get Glama's 401 error body. */
  requireKey?: string;
}

const CREATED_AT = 1740697243735;

function cursorAt(servers: unknown[], index: number): string {
  const s = servers[index] as { id?: unknown } | null;
  const id = s && typeof s === "object" && typeof s.id === "string" ? s.id : `entry${index}`;
  // Glama's cursors are base64 JSON of the last row's sort key.
  return Buffer.from(JSON.stringify({ createdAt: CREATED_AT + index * 60_000, id })).toString("base64");
}

function indexOfCursor(cursor: string): number | undefined {
  try {
    const { createdAt } = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { createdAt?: unknown };
    return typeof createdAt === "number" ? (createdAt - CREATED_AT) / 60_000 : undefined;
  } catch {
    return undefined;
  }
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: { code, message } }));
}

/** Serves GET /v1/servers (first ≤ 100, default 10; after = endCursor) and GET /v1/servers/{namespace}/{slug} or /{id}. */
export async function startGlamaReplay(options: GlamaReplayOptions = {}): Promise<GlamaReplay> {
  const servers = options.servers ?? buildGlamaServers();
  const state = { requests: [] as string[], authorizations: [] as (string | null)[], servers };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? "/", "http://replay");
    state.requests.push(`${u.pathname}${u.search}`);
    state.authorizations.push(req.headers.authorization ?? null);
    if (options.requireKey && req.headers.authorization !== `Bearer ${options.requireKey}`) {
      sendError(res, 401, "unauthorized", "This endpoint requires an API key. Create one at https://glama.ai/settings/api-keys");
      return;
    }
    if (u.pathname === "/v1/servers") {
      const first = Number(u.searchParams.get("first") ?? 10);
      if (!Number.isInteger(first) || first < 1 || first > 100) return sendError(res, 400, "invalid_request", "first must be an integer from 1 to 100");
      const after = u.searchParams.get("after");
      const afterIndex = after === null ? -1 : indexOfCursor(after);
      if (afterIndex === undefined || !Number.isInteger(afterIndex)) return sendError(res, 400, "invalid_request", "invalid cursor");
      const start = afterIndex + 1;
      const page = servers.slice(start, start + first);
      const end = start + page.length - 1;
      const body = {
        servers: page,
        pageInfo: {
          startCursor: page.length ? cursorAt(servers, start) : null,
          endCursor: page.length ? cursorAt(servers, end) : null,
          hasNextPage: end + 1 < servers.length,
          hasPreviousPage: start > 0,
        },
      };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
      return;
    }
    const detail = u.pathname.match(/^\/v1\/servers\/([^/]+)(?:\/([^/]+))?$/);
    if (detail) {
      const [, a = "", b] = detail.map((p) => (p === undefined ? p : decodeURIComponent(p)));
      const found = servers.find((s) => {
        const g = s as Partial<GlamaServer> | null;
        if (!g || typeof g !== "object") return false;
        return b === undefined ? g.id === a : g.namespace === a && g.slug === b;
      });
      if (found) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(found));
      else sendError(res, 404, "not_found", "MCP server not found");
      return;
    }
    sendError(res, 404, "not_found", "Route not found");
  };
  const server = await startLocalServer(handler);
  return { ...state, url: server.url, close: server.close };
}
