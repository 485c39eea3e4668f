// PulseMCP's directory (API v0beta /servers): offset pages of servers with GitHub stars, package downloads, repository and package coordinates.
import { z } from "zod";
import { normalizeRemoteUrl, normalizeRepository, packageAlias, repositoryAlias } from "../normalize.js";
import type { Alias, PackageRef, Popularity, RemoteRef, SourceRecord } from "../records.js";
import { remoteType } from "./registry.js";
import { SourceFormatError, type ParsedPage, type Source } from "./source.js";
import { describeIssue, nonEmpty, readItems } from "./fields.js";

export const DEFAULT_PULSEMCP_URL = "https://api.pulsemcp.com/v0beta";
/** The API's maximum (and default) is 5,000; smaller pages keep each page's write transaction small. */
export const PULSEMCP_PAGE_SIZE = 1000;

const optionalText = z.string().nullish().catch(undefined);
const count = z.number().int().nonnegative().nullish().catch(undefined);

// Loose on purpose: only what the record is built from is checked, and a bad optional field is dropped
// rather than costing the server. The name is the one field a server cannot do without.
const serverSchema = z
  .object({
    name: z.string().trim().min(1),
    url: optionalText,
    external_url: optionalText,
    short_description: optionalText,
    EXPERIMENTAL_ai_generated_description: optionalText,
    source_code_url: optionalText,
    github_stars: count,
    package_registry: optionalText,
    package_name: optionalText,
    package_download_count: count,
    remotes: z
      .array(z.object({ url: z.string(), transport: z.string().nullish() }).loose())
      .nullish()
      .catch(undefined),
  })
  .loose();

const pageSchema = z
  .object({
    servers: z.array(z.unknown()),
    total_count: z.number().nullish(),
    next: z.string().nullish(),
  })
  .loose();

/** The PulseMCP page of a server without scheme, `www.` or trailing slash: its id in the directory. */
function pageId(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    const path = u.pathname.replace(/\/+$/, "");
    return `${u.hostname.toLowerCase().replace(/^www\./, "")}${path}`.toLowerCase();
  } catch {
    return undefined;
  }
}

/** One PulseMCP server to a record, or why it is unusable. */
export function parsePulseItem(item: unknown): SourceRecord | { skip: string } {
  const parsed = serverSchema.safeParse(item);
  if (!parsed.success) return { skip: describeIssue(parsed.error) };
  const s = parsed.data;
  const repository = normalizeRepository(s.source_code_url);
  const id = pageId(nonEmpty(s.url));
  const aliases: Alias[] = [];
  if (id) aliases.push({ kind: "pulsemcp", value: id });
  if (repository) aliases.push({ kind: "repo", value: repositoryAlias(repository) });
  const packages: PackageRef[] = [];
  const registry = nonEmpty(s.package_registry);
  const name = nonEmpty(s.package_name);
  if (registry && name) {
    const alias = packageAlias(registry, name);
    // A registry we cannot identify stays on the record (raw) but makes no coordinate.
    if (alias) {
      packages.push({ registryType: alias.kind, identifier: name });
      aliases.push(alias);
    }
  }
  const remotes: RemoteRef[] = [];
  for (const r of s.remotes ?? []) {
    const type = remoteType(r.transport ?? "streamable-http");
    const url = normalizeRemoteUrl(r.url);
    if (!type || !url) continue;
    // PulseMCP says nothing about credentials; only a templated URL is known to need input.
    remotes.push({ type, url: r.url.trim(), needsSecret: /\{[^}]+\}/.test(r.url) });
    aliases.push({ kind: "remote", value: url });
  }
  const popularity: Popularity[] = [];
  if (s.github_stars != null) popularity.push({ metric: "stars", value: s.github_stars });
  if (s.package_download_count != null) popularity.push({ metric: "downloads", value: s.package_download_count });
  const fallbackKey = `pulsemcp.com/${s.name.toLowerCase()}`;
  return {
    source: "pulsemcp",
    sourceId: id ?? fallbackKey,
    // PulseMCP lists one row per server, always its current state.
    isLatest: true,
    raw: item,
    server: {
      key: repository ? repositoryAlias(repository) : (id ?? fallbackKey),
      title: s.name.trim(),
      description: nonEmpty(s.short_description) ?? nonEmpty(s.EXPERIMENTAL_ai_generated_description),
      status: "active",
      repository,
      websiteUrl: nonEmpty(s.external_url) ?? nonEmpty(s.url),
      packages,
      remotes,
    },
    aliases,
    // PulseMCP files servers under no category the API publishes; an empty list keeps none stale.
    categories: [],
    popularity,
  };
}

/**
 * The offset `next` asks for. Only the offset is taken from it: the next page is built on the
 * configured base URL, so a mirror's pages stay on the mirror and a `next` cannot send us elsewhere.
 */
function nextOffset(next: string): string {
  let offset: string | null;
  try {
    offset = new URL(next, "http://base.invalid/").searchParams.get("offset");
  } catch {
    offset = null;
  }
  if (!offset || !/^\d+$/.test(offset)) throw new SourceFormatError("pulsemcp", `next ${JSON.stringify(next.slice(0, 200))} names no offset`);
  return offset;
}

export function parsePulsePage(body: unknown): ParsedPage {
  const page = pageSchema.safeParse(body);
  if (!page.success) throw new SourceFormatError("pulsemcp", `page is not {servers: [...], total_count, next} (${describeIssue(page.error)})`);
  const { records, skipped } = readItems(page.data.servers, parsePulseItem);
  const next = nonEmpty(page.data.next);
  return { records, skipped, ...(next ? { next: nextOffset(next) } : {}) };
}

export interface PulseSourceOptions {
  /** Default https://api.pulsemcp.com/v0beta. */
  baseUrl?: string;
  /** Servers per page, 1–5000 (default 1000). */
  pageSize?: number;
}

export function pulsemcpSource(opts: PulseSourceOptions = {}): Source {
  const base = (opts.baseUrl ?? DEFAULT_PULSEMCP_URL).replace(/\/+$/, "");
  const size = Math.max(1, Math.min(5000, Math.floor(opts.pageSize ?? PULSEMCP_PAGE_SIZE)));
  return {
    name: "pulsemcp",
    // No updated-since filter: every refresh walks the directory, each page asked conditionally.
    incremental: false,
    pageUrl(cursor: string | null): string {
      return `${base}/servers?${new URLSearchParams({ count_per_page: String(size), offset: cursor ?? "0" })}`;
    },
    parsePage: parsePulsePage,
  };
}
