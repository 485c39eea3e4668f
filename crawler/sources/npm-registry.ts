// The npm registry's two read endpoints the crawler uses: the search API (which packages mention MCP) and one version's manifest.
import { z } from "zod";
import type { SkippedEntry } from "../records.js";
import { urlName } from "./fields.js";

export const DEFAULT_NPM_REGISTRY_URL = "https://registry.npmjs.org";

/** Keywords that mark MCP packages. */
export const NPM_MCP_KEYWORDS: readonly string[] = ["mcp", "mcp-server", "modelcontextprotocol"];

/** Keyword searches that find MCP packages; npm's search ANDs words, so each is its own query. */
export const NPM_MCP_SEARCHES: readonly string[] = NPM_MCP_KEYWORDS.map((k) => `keywords:${k}`);

/** npm serves at most 250 results a page. */
export const NPM_SEARCH_PAGE_SIZE = 250;

function base(registryUrl: string): string {
  return registryUrl.replace(/\/+$/, "");
}

/** Scoped names keep their `@` and escape the slash, as the registry expects (`@scope%2fname`). */
function encodeName(name: string): string {
  return encodeURIComponent(name).replace(/^%40/, "@");
}

/** The search page starting at result `from`. */
export function npmSearchUrl(registryUrl: string, text: string, from: number, size = NPM_SEARCH_PAGE_SIZE): string {
  return `${base(registryUrl)}/-/v1/search?text=${encodeURIComponent(text)}&size=${size}&from=${from}`;
}

/** The manifest (package.json as published) of the version a dist-tag points at. */
export function npmManifestUrl(registryUrl: string, name: string, tag = "latest"): string {
  return `${base(registryUrl)}/${encodeName(name)}/${encodeURIComponent(tag)}`;
}

const searchObjectSchema = z
  .object({
    // The manifest's URL is built from the name.
    package: z.object({ name: urlName(z.string().min(1)), version: z.string().optional(), description: z.string().nullish() }).loose(),
  })
  .loose();

const searchPageSchema = z.object({ objects: z.array(z.unknown()), total: z.number().int().nonnegative() }).loose();

export interface NpmSearchHit {
  name: string;
  version?: string;
  description?: string;
}

export interface NpmSearchPage {
  hits: NpmSearchHit[];
  skipped: SkippedEntry[];
  total: number;
}

/** A page body whose envelope is not npm's search result. */
export class NpmSearchFormatError extends Error {
  override name = "NpmSearchFormatError";
}

/** Pure: one search page to package hits; an item without a package name is skipped and counted. */
export function parseNpmSearchPage(body: unknown): NpmSearchPage {
  const page = searchPageSchema.safeParse(body);
  if (!page.success) throw new NpmSearchFormatError(`not an npm search result: ${page.error.issues[0]?.message ?? "bad shape"}`);
  const hits: NpmSearchHit[] = [];
  const skipped: SkippedEntry[] = [];
  for (const [i, raw] of page.data.objects.entries()) {
    const item = searchObjectSchema.safeParse(raw);
    if (!item.success) {
      skipped.push({ index: i, reason: `invalid: ${item.error.issues[0]?.message ?? "no package name"}` });
      continue;
    }
    const p = item.data.package;
    hits.push({ name: p.name, ...(p.version ? { version: p.version } : {}), ...(p.description ? { description: p.description } : {}) });
  }
  return { hits, skipped, total: page.data.total };
}

/** The `from` of the page after one that started at `from` and held `count` results, or undefined when that was the last. */
export function nextSearchFrom(from: number, count: number, total: number): number | undefined {
  const next = from + count;
  return count > 0 && next < total ? next : undefined;
}
