// Smithery's registry (/servers): numbered pages of servers; tools and connections come from each server's detail page.
import { z } from "zod";
import { normalizeRemoteUrl, normalizeRepository, repositoryAlias } from "../normalize.js";
import type { Alias, RemoteRef, SourceRecord } from "../records.js";
import { timestampSchema } from "../timestamps.js";
import { SourceFormatError, type ParsedPage, type Source } from "./source.js";
import { describeIssue, directoryToolList, nonEmpty, readItems, urlName } from "./fields.js";

export const DEFAULT_SMITHERY_URL = "https://api.smithery.ai";
/** The API's maximum pageSize (its default is 10). */
export const SMITHERY_MAX_PAGE_SIZE = 100;

/** The one line the CLI prints when the source is left out for want of a key. */
export function smitheryNotice(): string {
  return "smithery: skipped, SMITHERY_API_KEY is not set (get a key at smithery.ai/account/api-keys)";
}

// Smithery does not document a repository field; some responses and mirrors carry one, as a string or {url}.
const repositorySchema = z.union([z.string(), z.object({ url: z.string().nullish(), subfolder: z.string().nullish() }).loose()]).nullish();

const listItemSchema = z
  .object({
    id: z.string().min(1).nullish(),
    // Current names are `namespace/server` or `namespace`; older ones `@owner/repo` or bare `exa`.
    // Its detail page's URL is built from it.
    qualifiedName: urlName(z.string().trim().min(1).regex(/^\S+$/, "qualifiedName has whitespace")),
    displayName: z.string().nullish(),
    description: z.string().nullish(),
    homepage: z.string().nullish(),
    repository: repositorySchema,
    createdAt: timestampSchema.nullish(),
    updatedAt: timestampSchema.nullish(),
  })
  .loose();
type ListItem = z.infer<typeof listItemSchema>;

const connectionSchema = z
  .object({
    type: z.string(),
    deploymentUrl: z.string().nullish(),
    url: z.string().nullish(),
    configSchema: z.unknown().optional(),
  })
  .loose();

const detailSchema = z
  .object({
    qualifiedName: z.string().nullish(),
    displayName: z.string().nullish(),
    description: z.string().nullish(),
    repository: repositorySchema,
    deploymentUrl: z.string().nullish(),
    connections: z.array(z.unknown()).nullish(),
    tools: z.array(z.unknown()).nullish(),
    updatedAt: timestampSchema.nullish(),
  })
  .loose();
type Detail = z.infer<typeof detailSchema>;

const pageSchema = z
  .object({
    servers: z.array(z.unknown()),
    pagination: z.object({ currentPage: z.number().int(), totalPages: z.number().int() }).loose(),
  })
  .loose();

const REPOSITORY_HOSTS = new Set(["github.com", "gitlab.com", "codeberg.org", "bitbucket.org"]);

function repositoryOf(item: ListItem, detail: Detail | undefined) {
  for (const r of [detail?.repository, item.repository]) {
    if (!r) continue;
    const repo = typeof r === "string" ? normalizeRepository(r) : normalizeRepository(r.url, r.subfolder);
    if (repo) return repo;
  }
  // A homepage on a code host is the repository; the usual homepage is the smithery.ai page, which is not.
  const home = normalizeRepository(item.homepage);
  return home && REPOSITORY_HOSTS.has(home.key.split("/")[0]!) ? home : undefined;
}

function isSmitheryHosted(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === "smithery.ai" || host.endsWith(".smithery.ai");
  } catch {
    return false;
  }
}

function requiresConfig(schema: unknown): boolean {
  const required = (schema as { required?: unknown } | null | undefined)?.required;
  return Array.isArray(required) && required.length > 0;
}

/** HTTP connections are streamable-http endpoints; stdio bundles are not remotes. */
function remotesOf(detail: Detail | undefined): RemoteRef[] {
  const remotes: RemoteRef[] = [];
  for (const c of detail?.connections ?? []) {
    const parsed = connectionSchema.safeParse(c);
    if (!parsed.success || parsed.data.type.toLowerCase() !== "http") continue;
    const url = nonEmpty(parsed.data.deploymentUrl ?? parsed.data.url);
    if (!url || !normalizeRemoteUrl(url)) continue;
    // Smithery-hosted endpoints take the caller's Smithery key; others need it when their config has required fields.
    remotes.push({ type: "streamable-http", url, needsSecret: isSmitheryHosted(url) || requiresConfig(parsed.data.configSchema) });
  }
  return remotes;
}

function toRecord(item: ListItem, raw: unknown, detail?: Detail): { record: SourceRecord; dropped: string[] } {
  const qualifiedName = item.qualifiedName;
  const repository = repositoryOf(item, detail);
  const remotes = remotesOf(detail);
  const aliases: Alias[] = [{ kind: "smithery", value: qualifiedName.toLowerCase() }];
  const id = nonEmpty(item.id);
  if (id) aliases.push({ kind: "smithery", value: id.toLowerCase() });
  if (repository) aliases.push({ kind: "repo", value: repositoryAlias(repository) });
  for (const r of remotes) {
    const url = normalizeRemoteUrl(r.url);
    if (url && !aliases.some((a) => a.kind === "remote" && a.value === url)) aliases.push({ kind: "remote", value: url });
  }
  const { tools, dropped, gaps } = directoryToolList(detail?.tools ?? []);
  const record: SourceRecord = {
    source: "smithery",
    // The id survives the move from `@owner/repo` names to `namespace/server` ones; older APIs have none.
    sourceId: id ?? qualifiedName,
    isLatest: true,
    raw,
    server: {
      key: repository ? repositoryAlias(repository) : `smithery.ai/${qualifiedName.toLowerCase()}`,
      title: nonEmpty(detail?.displayName) ?? nonEmpty(item.displayName),
      description: nonEmpty(detail?.description) ?? nonEmpty(item.description),
      status: "active",
      repository,
      websiteUrl: nonEmpty(item.homepage),
      packages: [],
      remotes,
      publishedAt: nonEmpty(item.createdAt),
      updatedAt: nonEmpty(detail?.updatedAt) ?? nonEmpty(item.updatedAt),
    },
    aliases,
    // Smithery lists tools only for servers it could introspect: an empty or missing list is no evidence.
    ...(tools.length ? { tools, ...(gaps ? { toolGaps: gaps } : {}) } : {}),
  };
  return { record, dropped };
}

/** One list entry to a record (no tools yet: they come with the detail page), or why it is unusable. */
export function parseSmitheryItem(item: unknown): SourceRecord | { skip: string } {
  const parsed = listItemSchema.safeParse(item);
  return parsed.success ? toRecord(parsed.data, item).record : { skip: describeIssue(parsed.error) };
}

/** A raw's two halves once a detail was merged into its list entry (mergeSmitheryDetail); undefined for a list entry alone. */
export function mergedHalves(raw: unknown): { list: unknown; detail: unknown } | undefined {
  return raw && typeof raw === "object" && "list" in raw && "detail" in raw ? (raw as { list: unknown; detail: unknown }) : undefined;
}

/** The list entry a record was built from: its raw, or the `list` half once a detail was merged. */
function listItemOf(record: SourceRecord): { item: ListItem; raw: unknown } | undefined {
  const raw = mergedHalves(record.raw)?.list ?? record.raw;
  const item = listItemSchema.safeParse(raw).data;
  return item ? { item, raw } : undefined;
}

/**
 * Merges a detail page into the record its list entry made: tools, connections (as remotes), a
 * repository if the detail names one (which then becomes the key), fresher title and description.
 * A detail that is not a server, or is another server's, leaves the record as it was.
 */
export function mergeSmitheryDetail(record: SourceRecord, body: unknown): { record: SourceRecord; dropped: string[] } {
  const list = listItemOf(record);
  const detail = detailSchema.safeParse(body);
  if (!list || !detail.success) return { record, dropped: [] };
  const named = nonEmpty(detail.data.qualifiedName);
  if (named && named.toLowerCase() !== list.item.qualifiedName.toLowerCase()) return { record, dropped: [] };
  // Both halves stay in raw: the list entry (to merge a later detail again) and the detail as fetched.
  return toRecord(list.item, { list: list.raw, detail: body }, detail.data);
}

export function parseSmitheryPage(body: unknown): ParsedPage {
  const page = pageSchema.safeParse(body);
  if (!page.success) throw new SourceFormatError("smithery", `page is not {servers: [...], pagination: {currentPage, totalPages}} (${describeIssue(page.error)})`);
  const { records, skipped } = readItems(page.data.servers, parseSmitheryItem);
  const { currentPage, totalPages } = page.data.pagination;
  return { records, skipped, ...(currentPage < totalPages ? { next: String(currentPage + 1) } : {}) };
}

/** `/` becomes %2F as the API asks; `@` of old names stays literal, as Smithery's own examples write it. */
export function encodeQualifiedName(qualifiedName: string): string {
  return encodeURIComponent(qualifiedName).replace(/%40/g, "@");
}

export interface SmitherySourceOptions {
  /** Default https://api.smithery.ai. */
  baseUrl?: string;
  /** Bearer key; every endpoint needs one. */
  apiKey: string;
  /** Servers per page, 1–100 (default 100). */
  pageSize?: number;
}

function pageSize(requested: number | undefined): number {
  if (requested === undefined || !Number.isFinite(requested)) return SMITHERY_MAX_PAGE_SIZE;
  return Math.max(1, Math.min(SMITHERY_MAX_PAGE_SIZE, Math.floor(requested)));
}

/** A Smithery detail never skips its record: it only completes it, with the reasons any of its tools were dropped. */
export function smitherySource(opts: SmitherySourceOptions): Omit<Source, "parseDetail"> & { parseDetail(record: SourceRecord, body: unknown): { record: SourceRecord; dropped: string[] } } {
  const apiKey = opts.apiKey?.trim();
  // The CLI leaves the source out (smitheryNotice) when there is no key; reaching here without one is a bug.
  if (!apiKey) throw new TypeError("smitherySource needs an apiKey");
  const base = (opts.baseUrl ?? DEFAULT_SMITHERY_URL).replace(/\/+$/, "");
  const size = pageSize(opts.pageSize);
  return {
    name: "smithery",
    // No updated-since filter: every refresh walks every page.
    incremental: false,
    pageUrl(cursor: string | null): string {
      const params = new URLSearchParams({ page: cursor ?? "1", pageSize: String(size) });
      return `${base}/servers?${params}`;
    },
    parsePage: parseSmitheryPage,
    headers(): Record<string, string> {
      return { Authorization: `Bearer ${apiKey}` };
    },
    detailUrl(record: SourceRecord): string | undefined {
      const list = listItemOf(record);
      return list ? `${base}/servers/${encodeQualifiedName(list.item.qualifiedName)}` : undefined;
    },
    parseDetail: mergeSmitheryDetail,
    // A record completed by its detail keeps it (raw.detail): in a crawl deriving every record again, one whose detail
    // fails for now is completed from it, so it asserts its repository and remotes again. A record stored from its list
    // entry alone has none, and is written from that entry as before. Details are still always asked whole.
    storedDetail: (raw: unknown) => mergedHalves(raw)?.detail,
    conditionalDetails: false,
  };
}
