// serveWorld: the generated world as an official registry (/v0.1/servers) and a Glama API (/v1/servers) on 127.0.0.1.
//
// Memory stays bounded because no item is held: at start (and whenever manifest.json changes, e.g. after
// mutateWorld) the server loads only the small indexes written at generation time — per registry item its byte
// offset, length, updatedAt and deleted flag plus its `name:version` key; per Glama server its offset and length
// (~70 bytes an item: ~10 MB for the default world). A page is then one positioned read per run of adjacent
// items from the JSON-lines file, spliced into the response verbatim. `updated_since` is a binary search in a
// permutation sorted by updatedAt, whose (small, for a nightly delta) result is sorted back into key order and
// cached for the next page. Cursors: the registry's is the last item's `name:version` (the next page starts at
// the first key after it, so a vanished cursor item cannot restart the crawl); Glama's is an opaque base64
// `absolute:<index>` relay cursor. Every 200 carries a strong ETag (SHA-1 of the body); a matching
// If-None-Match gets a 304.
import { createHash } from "node:crypto";
import { open, readFile, stat, type FileHandle } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { FILES } from "./files.js";

export interface ServeOptions {
  dir: string;
  /** 0 (default): any free port. */
  port?: number;
  /** Milliseconds to wait before answering each request: a slow source. */
  delayMs?: number;
}

export interface WorldServer {
  url: string;
  /** Requests answered so far (any path, including 304s and errors). */
  requests: () => number;
  close(): Promise<void>;
}

export const REGISTRY_DEFAULT_LIMIT = 30;
export const GLAMA_DEFAULT_FIRST = 10;
const MAX_PAGE = 100;

interface RegistryIndex {
  file: FileHandle;
  offsets: Float64Array;
  lengths: Uint32Array;
  updated: Float64Array;
  keys: string[];
  /** Positions of items not deleted (what a plain listing shows). */
  visible: Uint32Array;
  /** Every position, ordered by updatedAt. */
  byUpdated: Uint32Array;
  /** The last `updated_since` answered, and its matching positions in key order. */
  sinceCache?: { since: number; positions: Uint32Array };
}

interface GlamaIndex {
  file: FileHandle;
  offsets: Float64Array;
  lengths: Uint32Array;
}

interface WorldState {
  /** manifest.json's identity when loaded: a new one (mutateWorld renames a new file in) means reload. */
  stamp: string;
  registry: RegistryIndex;
  glama: GlamaIndex;
}

async function manifestStamp(dir: string): Promise<string> {
  const s = await stat(join(dir, FILES.manifest));
  return `${s.ino}:${s.mtimeMs}:${s.size}`;
}

function lines(text: string): string[] {
  const out = text.split("\n");
  if (out[out.length - 1] === "") out.pop();
  return out;
}

async function loadRegistry(dir: string): Promise<RegistryIndex> {
  const rows = lines(await readFile(join(dir, FILES.registryIndex), "utf8"));
  const n = rows.length;
  const offsets = new Float64Array(n);
  const lengths = new Uint32Array(n);
  const updated = new Float64Array(n);
  const keys: string[] = new Array<string>(n);
  const visible: number[] = [];
  rows.forEach((row, i) => {
    const [offset, length, updatedMs, deleted, ...rest] = row.split("\t");
    offsets[i] = Number(offset);
    lengths[i] = Number(length);
    updated[i] = Number(updatedMs);
    keys[i] = rest.join("\t");
    if (deleted !== "1") visible.push(i);
  });
  const byUpdated = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => updated[a]! - updated[b]! || a - b);
  const file = await open(join(dir, FILES.registry), "r");
  return { file, offsets, lengths, updated, keys, visible: Uint32Array.from(visible), byUpdated };
}

async function loadGlama(dir: string): Promise<GlamaIndex> {
  const rows = lines(await readFile(join(dir, FILES.glamaIndex), "utf8"));
  const offsets = new Float64Array(rows.length);
  const lengths = new Uint32Array(rows.length);
  rows.forEach((row, i) => {
    const tab = row.indexOf("\t");
    offsets[i] = Number(row.slice(0, tab));
    lengths[i] = Number(row.slice(tab + 1));
  });
  const file = await open(join(dir, FILES.glama), "r");
  return { file, offsets, lengths };
}

/** The bytes of each item at `positions` (ascending), one read per run of adjacent items. */
async function readItems(file: FileHandle, offsets: Float64Array, lengths: Uint32Array, positions: ArrayLike<number>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  let i = 0;
  while (i < positions.length) {
    let j = i;
    while (j + 1 < positions.length && positions[j + 1] === positions[j]! + 1) j++;
    const first = positions[i]!;
    const last = positions[j]!;
    const start = offsets[first]!;
    const size = offsets[last]! + lengths[last]! - start;
    const buf = Buffer.allocUnsafe(size);
    const { bytesRead } = await file.read(buf, 0, size, start);
    if (bytesRead !== size) throw new Error(`short read in world file at ${start}`);
    for (let k = i; k <= j; k++) {
      const p = positions[k]!;
      const at = offsets[p]! - start;
      out.push(buf.subarray(at, at + lengths[p]!));
    }
    i = j + 1;
  }
  return out;
}

function joinItems(prefix: string, items: Buffer[], suffix: string): Buffer {
  const parts: Buffer[] = [Buffer.from(prefix)];
  const comma = Buffer.from(",");
  items.forEach((item, i) => {
    if (i) parts.push(comma);
    parts.push(item);
  });
  parts.push(Buffer.from(suffix));
  return Buffer.concat(parts);
}

/** First index in `positions` whose key sorts after `cursor`. */
function afterCursor(positions: ArrayLike<number> | null, size: number, keys: string[], cursor: string): number {
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const key = keys[positions ? positions[mid]! : mid]!;
    if (key <= cursor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sincePositions(index: RegistryIndex, since: number): Uint32Array {
  if (index.sinceCache?.since === since) return index.sinceCache.positions;
  const { byUpdated, updated } = index;
  let lo = 0;
  let hi = byUpdated.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (updated[byUpdated[mid]!]! <= since) lo = mid + 1;
    else hi = mid;
  }
  // Key order is position order: sorting positions numerically puts them back in `name:version` order.
  const positions = byUpdated.slice(lo).sort();
  index.sinceCache = { since, positions };
  return positions;
}

interface Reply {
  status: number;
  body: Buffer;
}

const json = (status: number, value: unknown): Reply => ({ status, body: Buffer.from(JSON.stringify(value)) });

function pageSize(raw: string | null, fallback: number): number {
  const n = raw === null ? NaN : Number(raw);
  return Number.isFinite(n) ? Math.max(1, Math.min(MAX_PAGE, Math.floor(n))) : fallback;
}

async function registryPage(index: RegistryIndex, params: URLSearchParams): Promise<Reply> {
  const limit = pageSize(params.get("limit"), REGISTRY_DEFAULT_LIMIT);
  const sinceText = params.get("updated_since");
  let positions: Uint32Array | null;
  if (sinceText !== null) {
    const since = Date.parse(sinceText);
    if (!Number.isFinite(since)) return json(400, { title: "Bad Request", status: 400, detail: "updated_since must be an RFC 3339 timestamp" });
    // Changes include deletions: an incremental crawl must see them.
    positions = sincePositions(index, since);
  } else {
    positions = params.get("include_deleted") === "true" ? null : index.visible;
  }
  const size = positions ? positions.length : index.keys.length;
  const cursor = params.get("cursor");
  const start = cursor ? afterCursor(positions, size, index.keys, cursor) : 0;
  const end = Math.min(size, start + limit);
  const page = new Uint32Array(end - start);
  for (let i = start; i < end; i++) page[i - start] = positions ? positions[i]! : i;
  const items = await readItems(index.file, index.offsets, index.lengths, page);
  const last = page.length ? index.keys[page[page.length - 1]!] : undefined;
  const next = end < size && last !== undefined ? `"nextCursor":${JSON.stringify(last)},` : "";
  return { status: 200, body: joinItems('{"servers":[', items, `],"metadata":{${next}"count":${items.length}}}`) };
}

export function glamaCursor(index: number): string {
  return Buffer.from(`absolute:${index}`).toString("base64");
}

function parseGlamaCursor(cursor: string): number | undefined {
  const m = /^absolute:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  return m ? Number(m[1]) : undefined;
}

async function glamaPage(index: GlamaIndex, params: URLSearchParams): Promise<Reply> {
  const first = pageSize(params.get("first"), GLAMA_DEFAULT_FIRST);
  const after = params.get("after");
  let start = 0;
  if (after) {
    const at = parseGlamaCursor(after);
    if (at === undefined) return json(400, { error: { code: "INVALID_CURSOR", message: "after is not a cursor this API issued" } });
    start = at + 1;
  }
  const total = index.offsets.length;
  start = Math.min(start, total);
  const end = Math.min(total, start + first);
  const page = Uint32Array.from({ length: end - start }, (_, i) => start + i);
  const items = await readItems(index.file, index.offsets, index.lengths, page);
  const pageInfo = {
    endCursor: end > start ? glamaCursor(end - 1) : null,
    hasNextPage: end < total,
    hasPreviousPage: start > 0,
    startCursor: end > start ? glamaCursor(start) : null,
  };
  return { status: 200, body: joinItems('{"pageInfo":' + JSON.stringify(pageInfo) + ',"servers":[', items, "]}") };
}

function etagOf(body: Buffer): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

export async function serveWorld(opts: ServeOptions): Promise<WorldServer> {
  const { dir } = opts;
  const delayMs = Math.max(0, opts.delayMs ?? 0);
  const load = async (): Promise<WorldState> => {
    const stamp = await manifestStamp(dir);
    return { stamp, registry: await loadRegistry(dir), glama: await loadGlama(dir) };
  };
  const states: WorldState[] = [await load()];
  let reloading: Promise<WorldState> | undefined;
  const current = async (): Promise<WorldState> => {
    const latest = states[states.length - 1]!;
    if ((await manifestStamp(dir)) === latest.stamp) return latest;
    reloading ??= load().then((s) => {
      // Old file handles stay open until close(): a page being read from them finishes on the old world.
      states.push(s);
      reloading = undefined;
      return s;
    });
    return reloading;
  };

  let count = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    count++;
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    const url = new URL(req.url ?? "/", "http://world");
    let reply: Reply;
    if (req.method !== "GET" && req.method !== "HEAD") reply = json(405, { title: "Method Not Allowed", status: 405 });
    else if (url.pathname === "/v0.1/servers" || url.pathname === "/v0/servers") reply = await registryPage((await current()).registry, url.searchParams);
    else if (url.pathname === "/v1/servers") reply = await glamaPage((await current()).glama, url.searchParams);
    else reply = json(404, { title: "Not Found", status: 404 });
    const headers: Record<string, string | number> = { "content-type": "application/json" };
    if (reply.status === 200) {
      const etag = etagOf(reply.body);
      headers.etag = etag;
      if (matches(req.headers["if-none-match"], etag)) {
        res.writeHead(304, { etag }).end();
        return;
      }
    }
    headers["content-length"] = reply.body.length;
    res.writeHead(reply.status, headers);
    res.end(req.method === "HEAD" ? undefined : reply.body);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ title: "Internal Server Error", status: 500, detail: String(error) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(states.map(async (s) => Promise.all([s.registry.file.close(), s.glama.file.close()])));
    },
  };
}
