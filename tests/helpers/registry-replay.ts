// A local official-registry server replaying real registry items, with the faults tests ask for.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startLocalServer } from "./local-server.js";

export type RegistryItem = {
  server: { name: string; version?: string } & Record<string, unknown>;
  _meta?: Record<string, Record<string, unknown>>;
};

export const OFFICIAL = "io.modelcontextprotocol.registry/official";

export function loadRegistrySample(): RegistryItem[] {
  const path = fileURLToPath(new URL("../fixtures/registry/official-registry_v0-servers-items_2025-12-18_sample.json", import.meta.url));
  return JSON.parse(readFileSync(path, "utf8")) as RegistryItem[];
}

export function loadLegacySeed(): unknown[] {
  const path = fileURLToPath(new URL("../fixtures/registry/official-registry_legacy-seed_2025-05-16.json", import.meta.url));
  return JSON.parse(readFileSync(path, "utf8")) as unknown[];
}

export function meta(item: RegistryItem): Record<string, unknown> {
  return (item._meta?.[OFFICIAL] ?? {}) as Record<string, unknown>;
}

/** A registry item for server `name`, active and latest, with `fields` (its repository, packages, …) on its server. */
export function registryItem(name: string, fields: Record<string, unknown> = {}): RegistryItem {
  return {
    server: { name, version: "1.0.0", description: `The ${name} server.`, ...fields },
    _meta: { [OFFICIAL]: { status: "active", publishedAt: "2026-01-02T00:00:00Z", updatedAt: "2026-01-02T00:00:00Z", isLatest: true } },
  };
}

/** A fault for the next matching request: `times` requests get it, then the server behaves. */
export type Fault =
  | { kind: "status"; status: number; retryAfter?: string; times: number }
  | { kind: "truncate"; times: number }
  | { kind: "reset"; times: number };

export interface RegistryReplay {
  url: string;
  /** Every request's path and query, in order. */
  requests: string[];
  items: RegistryItem[];
  faults: Fault[];
  /** Page number (1-based) from which every page fails with 500 — a source that breaks mid-run. */
  failFromPage?: number;
  /** Milliseconds to wait before answering each request (a slow source, to kill a run mid-way). */
  delayMs?: number;
  /** metadata.nextUpdatedSince on every page, as another mcp-catalog's feed sends it (the official registry sends none). */
  nextUpdatedSince?: string;
  /** Send each page's ETag and answer 304 to an If-None-Match that names it, as another mcp-catalog's feed does. */
  etags?: boolean;
  close(): Promise<void>;
}

/** Serves /v0.1/servers with limit, cursor (`name:version`), updated_since and include_deleted. */
export async function startRegistryReplay(items: RegistryItem[]): Promise<RegistryReplay> {
  const state: Omit<RegistryReplay, "url" | "close"> = { requests: [], items, faults: [] };
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
    const u = new URL(req.url ?? "/", "http://replay");
    state.requests.push(`${u.pathname}${u.search}`);
    const fault = state.faults[0];
    if (fault) {
      fault.times -= 1;
      if (fault.times <= 0) state.faults.shift();
      if (fault.kind === "reset") {
        req.socket.destroy();
        return;
      }
      if (fault.kind === "status") {
        res.writeHead(fault.status, { "content-type": "application/json", ...(fault.retryAfter ? { "retry-after": fault.retryAfter } : {}) });
        res.end(JSON.stringify({ title: "fault", status: fault.status }));
        return;
      }
    }
    if (u.pathname !== "/v0.1/servers") {
      res.writeHead(404).end();
      return;
    }
    const limit = Math.min(100, Number(u.searchParams.get("limit") ?? 30));
    const since = u.searchParams.get("updated_since");
    const includeDeleted = since !== null || u.searchParams.get("include_deleted") === "true";
    const rows = [...state.items]
      .filter((i) => includeDeleted || meta(i).status !== "deleted")
      .filter((i) => !since || Date.parse(String(meta(i).updatedAt)) > Date.parse(since))
      .sort((a, b) => {
        const ka = `${a.server.name}:${a.server.version}`;
        const kb = `${b.server.name}:${b.server.version}`;
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      });
    const cursor = u.searchParams.get("cursor");
    const start = cursor ? rows.findIndex((i) => `${i.server.name}:${i.server.version}` === cursor) + 1 : 0;
    const pageNumber = Math.floor(start / limit) + 1;
    if (state.failFromPage !== undefined && pageNumber >= state.failFromPage) {
      res.writeHead(500, { "content-type": "application/json" }).end('{"title":"Internal Server Error"}');
      return;
    }
    const page = rows.slice(start, start + limit);
    const last = page[page.length - 1];
    const hasMore = start + limit < rows.length;
    const body = JSON.stringify({
      servers: page,
      metadata: {
        count: page.length,
        ...(hasMore && last ? { nextCursor: `${last.server.name}:${last.server.version}` } : {}),
        ...(state.nextUpdatedSince ? { nextUpdatedSince: state.nextUpdatedSince } : {}),
      },
    });
    const etag = state.etags ? `"${createHash("sha256").update(body).digest("hex").slice(0, 16)}"` : undefined;
    if (etag && req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json", ...(etag ? { etag } : {}) });
    if (fault?.kind === "truncate") {
      res.end(body.slice(0, Math.floor(body.length / 2)));
      return;
    }
    res.end(body);
  };
  const server = await startLocalServer(handler);
  const replay = state as RegistryReplay;
  replay.url = server.url;
  replay.close = server.close;
  return replay;
}
