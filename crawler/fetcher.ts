// Where source pages come from: the network (HttpClient), a recorded snapshot on disk, or both while recording.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { validatorsOf, type Validators } from "./validators.js";
import type { SourceName } from "./records.js";
import { makeDirectories } from "../db/data-dir.js";
import { setImmediate as nextTurn } from "node:timers/promises";

export type PageResponse = ({ status: 200; url: string; body: unknown; attempts: number } & Validators) | ({ status: 304; url: string; attempts: number } & Validators);

/** Validators, when given, make the request conditional (If-None-Match, If-Modified-Since). */
export type FetchInit = { headers?: Record<string, string>; signal?: AbortSignal } & Validators;

export interface PageFetcher {
  getJson(url: string, init?: FetchInit): Promise<PageResponse>;
  /** Pages that are not JSON (a markdown list). Fetchers without it cannot serve text sources. */
  getText?(url: string, init?: FetchInit): Promise<{ status: 200 | 304; url: string; text: string; attempts: number } & Validators>;
}

/** A source's page in its format: a text page comes back with the text as its body. */
export async function fetchPage(fetcher: PageFetcher, url: string, init: FetchInit, format: "json" | "text" = "json"): Promise<PageResponse> {
  if (format === "json") return fetcher.getJson(url, init);
  if (!fetcher.getText) throw new Error(`this fetcher cannot read text pages (${url})`);
  const r = await fetcher.getText(url, init);
  const validators = validatorsOf(r);
  return r.status === 304 ? { status: 304, url: r.url, ...validators, attempts: r.attempts } : { status: 200, url: r.url, body: r.text, ...validators, attempts: r.attempts };
}

/** A snapshot page missing from disk: the run asked for something the recording never saw. */
export class SnapshotMissError extends Error {
  constructor(
    readonly source: SourceName,
    readonly request: string,
    readonly dir: string,
  ) {
    super(`${source}: the snapshot in ${dir} has no page for ${request}`);
    this.name = "SnapshotMissError";
  }
}

/** A snapshot file that is not JSON (cut short, or edited by hand): the kind a live page's bad body is, invalid_json. */
export class SnapshotJsonError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
    what: "page" | "index" = "page",
  ) {
    super(`the snapshot ${what} ${file} is not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
    this.name = "SnapshotJsonError";
  }
}

interface SnapshotIndex {
  source: SourceName;
  recordedAt?: string;
  /**
   * The URLs the source built its pages from while recording (REGISTRY_URL, GLAMA_URL, …, AWESOME_LIST_URLS): pages
   * are keyed by path, and a replay builds the same paths from these. Absent in a snapshot recorded before they were
   * kept, which replays against the sources' defaults.
   */
  urls?: string[];
  /** request key (path + sorted query, no origin) → file name beside the index */
  pages: Record<string, string>;
}

/** The part of a URL a snapshot is keyed by: path and sorted query, without the origin. */
export function snapshotKey(url: string): string {
  const u = new URL(url);
  const params = [...u.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  return `${u.pathname}${query ? `?${query}` : ""}`;
}

function indexPath(dir: string, source: SourceName): string {
  return join(dir, source, "index.json");
}

export function hasSnapshot(dir: string, source: SourceName): boolean {
  return existsSync(indexPath(dir, source));
}

/** The URLs a snapshot's source was recorded against (see SnapshotIndex), or undefined when its index names none. */
export function recordedUrls(dir: string, source: SourceName): string[] | undefined {
  const path = indexPath(dir, source);
  let index: { urls?: unknown } | null;
  try {
    index = JSON.parse(readFileSync(path, "utf8")) as { urls?: unknown } | null;
  } catch {
    // An index that cannot be read or parsed is said by the replay's first page (snapshotFetcher).
    return undefined;
  }
  const urls = index?.urls;
  return Array.isArray(urls) && urls.length > 0 && urls.every((u) => typeof u === "string" && URL.canParse(u)) ? urls : undefined;
}


/** Reads recorded pages from `dir/<source>/`: the same parsers and pipeline, no network. */
export function snapshotFetcher(dir: string, source: SourceName): PageFetcher {
  const path = indexPath(dir, source);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`${source}: cannot read the snapshot index ${path}: ${(e as Error).message}`);
  }
  let index: SnapshotIndex;
  try {
    index = JSON.parse(text) as SnapshotIndex;
  } catch (e) {
    throw new SnapshotJsonError(path, e, "index");
  }
  const read = (url: string): unknown => {
    const key = snapshotKey(url);
    const file = index.pages?.[key];
    if (!file) throw new SnapshotMissError(source, key, dir);
    const page = join(dir, source, file);
    const text = readFileSync(page, "utf8");
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new SnapshotJsonError(page, e);
    }
  };
  return {
    async getJson(url) {
      // A turn of the event loop before each recorded page: the files are read synchronously and PGlite answers in
      // the same process, so without it a whole replay runs in microtasks and a SIGINT or SIGTERM waits for its end.
      await nextTurn();
      return { status: 200, url, body: read(url), attempts: 1 };
    },
    // A text page is recorded as one JSON string.
    async getText(url) {
      await nextTurn();
      const body = read(url);
      if (typeof body !== "string") throw new Error(`${source}: the snapshot page for ${snapshotKey(url)} is not text`);
      return { status: 200, url, text: body, attempts: 1 };
    },
  };
}

/** The same request without its validators. */
function unconditional(init: FetchInit = {}): FetchInit {
  return { ...(init.headers ? { headers: init.headers } : {}), ...(init.signal ? { signal: init.signal } : {}) };
}

/** A URL without the user and password it may carry: a replay needs its path, and a snapshot is shared. */
function withoutCredentials(url: string): string {
  const u = new URL(url);
  u.username = "";
  u.password = "";
  return u.toString();
}

/** Passes requests through to `inner` and writes every page it returns into a snapshot at `dir`. */
export function recordingFetcher(inner: PageFetcher, dir: string, source: SourceName, o: { urls?: readonly string[]; now?: () => Date } = {}): PageFetcher {
  const folder = join(dir, source);
  makeDirectories(folder);
  const index: SnapshotIndex = { source, recordedAt: (o.now ?? (() => new Date()))().toISOString(), ...(o.urls ? { urls: o.urls.map(withoutCredentials) } : {}), pages: {} };
  const write = (url: string, body: unknown) => {
    const key = snapshotKey(url);
    const file = index.pages[key] ?? `page-${String(Object.keys(index.pages).length + 1).padStart(5, "0")}.json`;
    index.pages[key] = file;
    writeFileSync(join(folder, file), `${JSON.stringify(body, null, 2)}\n`);
    writeFileSync(join(folder, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
  };
  return {
    async getJson(url, init) {
      // A recording must hold whole pages, so never ask for a 304.
      const response = await inner.getJson(url, unconditional(init));
      if (response.status === 200) write(url, response.body);
      return response;
    },
    ...(inner.getText
      ? {
          async getText(url: string, init?: FetchInit) {
            const response = await inner.getText!(url, unconditional(init));
            if (response.status === 200) write(url, response.text);
            return response;
          },
        }
      : {}),
  };
}
