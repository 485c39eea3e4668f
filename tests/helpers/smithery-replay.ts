// A local Smithery registry API (/servers pages + /servers/{qualifiedName} details) assembled from real registry entries and real tool lists.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { startLocalServer } from "./local-server.js";
import { loadRegistrySample, meta, type RegistryItem } from "./registry-replay.js";

export interface SmitheryTool {
  name?: string;
  description?: string | null;
  inputSchema?: unknown;
}

/** A list entry, as the list endpoint documents it. */
export interface SmitheryListItem {
  id: string;
  qualifiedName: string;
  displayName: string;
  description: string;
  iconUrl: string | null;
  verified: boolean;
  useCount: number;
  remote: boolean;
  isDeployed: boolean;
  createdAt: string;
  homepage: string;
}

export interface SmitheryConnection {
  type: string;
  deploymentUrl?: string;
  bundleUrl?: string;
  runtime?: string;
  configSchema: Record<string, unknown>;
}

/** A detail page, as GET /servers/{qualifiedName} documents it (`repository` is not documented; some carry it). */
export interface SmitheryDetail {
  qualifiedName: string;
  displayName: string;
  description: string;
  iconUrl: string | null;
  remote: boolean;
  deploymentUrl: string | null;
  connections: SmitheryConnection[];
  security: { scanPassed: boolean } | null;
  tools: SmitheryTool[] | null;
  resources: unknown[];
  prompts: unknown[];
  repository?: string;
}

export interface SmitheryData {
  /** List entries in listing order, garbage included. */
  list: unknown[];
  /** Detail bodies by qualified name; a name without one answers 404. */
  details: Record<string, unknown>;
}

function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/smithery/${name}`, import.meta.url));
}

/** Real tools (docker/mcp-registry tools.json via the labeled set), cut to the fields Smithery publishes. */
export function loadSmitheryTools(file: string): SmitheryTool[] {
  return readFileSync(fixture(file), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => {
      const t = JSON.parse(line) as { name: string; description?: string | null; inputSchema?: unknown };
      return { name: t.name, description: t.description ?? null, inputSchema: t.inputSchema };
    });
}

function uuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function entry(qualifiedName: string, fields: { displayName: string; description: string; remote: boolean; index: number; homepage?: string }): SmitheryListItem {
  return {
    id: uuid(qualifiedName),
    qualifiedName,
    displayName: fields.displayName,
    description: fields.description,
    iconUrl: null,
    verified: fields.index % 3 === 0,
    useCount: 1000 - fields.index * 7,
    remote: fields.remote,
    isDeployed: fields.remote,
    createdAt: new Date(Date.UTC(2025, 0, 10) + fields.index * 86_400_000).toISOString(),
    homepage: fields.homepage ?? `https://smithery.ai/server/${qualifiedName}`,
  };
}

function detail(item: SmitheryListItem, fields: Partial<SmitheryDetail>): SmitheryDetail {
  return {
    qualifiedName: item.qualifiedName,
    displayName: item.displayName,
    description: item.description,
    iconUrl: null,
    remote: item.remote,
    deploymentUrl: null,
    connections: [],
    security: { scanPassed: true },
    tools: [],
    resources: [],
    prompts: [],
    ...fields,
  };
}

function smitheryRemote(item: RegistryItem): string | undefined {
  const remotes = (item.server.remotes ?? []) as { url?: string }[];
  return remotes.map((r) => r.url ?? "").find((u) => u.startsWith("https://server.smithery.ai/"));
}

/**
 * Every Smithery server of the replay: each latest registry server hosted on server.smithery.ai
 * (qualified name read from its endpoint, half of them with their repository in the detail), two
 * servers with real tool lists, an external endpoint the registry also lists, a list entry whose
 * repository is only its GitHub homepage, one without a detail page, and garbage entries.
 */
export function buildSmitheryData(): SmitheryData {
  const latest = loadRegistrySample().filter((i) => meta(i).isLatest === true);
  const list: unknown[] = [];
  const details: Record<string, unknown> = {};
  const add = (item: SmitheryListItem, body?: SmitheryDetail) => {
    list.push(item);
    if (body) details[item.qualifiedName] = body;
  };

  const buildkite = entry("buildkite/buildkite-mcp-server", { displayName: "Buildkite", description: "Manage Buildkite pipelines, builds, jobs and test analytics", remote: false, index: 0 });
  add(
    buildkite,
    detail(buildkite, {
      repository: "https://github.com/buildkite/buildkite-mcp-server",
      connections: [
        {
          type: "stdio",
          runtime: "binary",
          bundleUrl: "https://backend.smithery.ai/bundles/buildkite/buildkite-mcp-server.mcpb",
          configSchema: { type: "object", properties: { buildkiteApiToken: { type: "string" } }, required: ["buildkiteApiToken"] },
        },
      ],
      tools: loadSmitheryTools("docker-mcp-registry-buildkite.jsonl"),
    }),
  );

  // A bare old-style name on a Smithery-hosted endpoint; the directory recorded one tool without a name.
  const riley = entry("insideout-remote", { displayName: "InsideOut (Riley)", description: "Design, deploy and inspect cloud infrastructure from a conversation", remote: true, index: 1 });
  add(
    riley,
    detail(riley, {
      deploymentUrl: "https://server.smithery.ai/insideout-remote",
      connections: [{ type: "http", deploymentUrl: "https://server.smithery.ai/insideout-remote/mcp", configSchema: {} }],
      tools: [...loadSmitheryTools("docker-mcp-registry-insideout-remote.jsonl"), { description: "recorded without a name", inputSchema: { type: "object" } }],
    }),
  );

  let index = 2;
  for (const item of latest) {
    const remote = smitheryRemote(item);
    if (!remote) continue;
    const qualifiedName = new URL(remote).pathname.replace(/^\/+/, "").replace(/\/mcp\/?$/, "");
    const repo = (item.server.repository as { url?: string } | undefined)?.url;
    const e = entry(qualifiedName, {
      displayName: String(item.server.title ?? qualifiedName.split("/").pop()),
      description: String(item.server.description ?? ""),
      remote: true,
      index,
    });
    add(
      e,
      detail(e, {
        deploymentUrl: remote.replace(/\/mcp\/?$/, ""),
        connections: [{ type: "http", deploymentUrl: remote, configSchema: { type: "object", properties: {} } }],
        // Every other one names its repository: the rest can only be matched by endpoint.
        ...(repo && index % 2 === 0 ? { repository: repo } : {}),
      }),
    );
    index += 1;
  }

  // An external endpoint (not hosted by Smithery) that the official registry lists too.
  const linear = entry("linear", { displayName: "Linear", description: "MCP server for Linear project management and issue tracking", remote: true, index: index++ });
  add(linear, detail(linear, { deploymentUrl: "https://mcp.linear.app/mcp", connections: [{ type: "http", deploymentUrl: "https://mcp.linear.app/mcp", configSchema: {} }], security: null, tools: null }));

  // Old `@owner/repo` name whose homepage is the repository; no detail page (404).
  add(
    entry("@21st-dev/magic-mcp", {
      displayName: "Magic MCP",
      description: "It's like v0 but in your Cursor/WindSurf/Cline. 21st dev Magic MCP server for working with your frontend like Magic",
      remote: false,
      index: index++,
      homepage: "https://github.com/21st-dev/magic-mcp",
    }),
  );

  const garbage: [number, unknown][] = [
    [3, null],
    [9, 7],
    [14, { displayName: "no qualified name" }],
    [20, { qualifiedName: "has a space", displayName: "bad name" }],
  ];
  for (const [at, junk] of garbage) list.splice(at, 0, junk);
  return { list, details };
}

/** How many list entries of buildSmitheryData() are garbage (skipped by the adapter). */
export const SMITHERY_GARBAGE = 4;

export interface SmitheryReplay {
  url: string;
  /** Every request's path and query, in order. */
  requests: string[];
  /** The Authorization header of every request, in order (null when absent). */
  authorizations: (string | null)[];
  data: SmitheryData;
  close(): Promise<void>;
}

export interface SmitheryReplayOptions {
  data?: SmitheryData;
  /** When set, requests without `Authorization: Bearer <key>` get a 401 error body. */
  requireKey?: string;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** Serves GET /servers (page from 1, pageSize ≤ 100, default 10) and GET /servers/{qualifiedName} (`/` as %2F or literal). */
export async function startSmitheryReplay(options: SmitheryReplayOptions = {}): Promise<SmitheryReplay> {
  const data = options.data ?? buildSmitheryData();
  const state = { requests: [] as string[], authorizations: [] as (string | null)[], data };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    // The raw path: decoding first would turn %2F into a path separator.
    const rawPath = (req.url ?? "/").split("?")[0]!;
    const u = new URL(req.url ?? "/", "http://replay");
    state.requests.push(`${rawPath}${u.search}`);
    state.authorizations.push(req.headers.authorization ?? null);
    if (options.requireKey && req.headers.authorization !== `Bearer ${options.requireKey}`) {
      sendJson(res, 401, { error: { code: "unauthorized", message: "Missing or invalid API key" } });
      return;
    }
    if (rawPath === "/servers") {
      const page = Number(u.searchParams.get("page") ?? 1);
      const pageSize = Number(u.searchParams.get("pageSize") ?? 10);
      if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
        sendJson(res, 400, { error: { code: "invalid_request", message: "page must be ≥ 1 and pageSize 1–100" } });
        return;
      }
      const totalCount = data.list.length;
      const totalPages = Math.max(1, Math.ceil(totalCount / pageSize));
      sendJson(res, 200, {
        servers: data.list.slice((page - 1) * pageSize, page * pageSize),
        pagination: { currentPage: page, pageSize, totalPages, totalCount },
      });
      return;
    }
    if (rawPath.startsWith("/servers/")) {
      const name = decodeURIComponent(rawPath.slice("/servers/".length));
      const body = data.details[name];
      if (body !== undefined) sendJson(res, 200, body);
      else sendJson(res, 404, { error: { code: "not_found", message: `Server ${name} not found` } });
      return;
    }
    sendJson(res, 404, { error: { code: "not_found", message: "Route not found" } });
  };
  const server = await startLocalServer(handler);
  return { ...state, url: server.url, close: server.close };
}
