// Glama's MCP directory (/v1/servers): relay-style cursor pages of servers, each with the tool list Glama saw.
import { z } from "zod";
import { normalizeRepository, repositoryAlias } from "../normalize.js";
import type { Alias, SourceRecord } from "../records.js";
import { SourceFormatError, type ParsedPage, type Source } from "./source.js";
import { describeIssue, directoryToolList, nonEmpty, readItems } from "./fields.js";

export const DEFAULT_GLAMA_URL = "https://glama.ai/api/mcp";
/** The API's maximum for `first` (its default is 10). */
export const GLAMA_MAX_PAGE_SIZE = 100;

// Loose on purpose: Glama documents more fields (spdxLicense, attributes, environmentVariablesJsonSchema)
// than the record needs; they stay in `raw`. Only what the record is built from is checked.
const serverSchema = z
  .object({
    id: z.string().min(1).nullish(),
    name: z.string().nullish(),
    namespace: z.string().trim().min(1),
    slug: z.string().trim().min(1),
    description: z.string().nullish(),
    url: z.string().nullish(),
    // The spec says `{url}` or null; a bare string is accepted too rather than losing the repository.
    repository: z.union([z.string(), z.object({ url: z.string().nullish() }).loose()]).nullish(),
    tools: z.array(z.unknown()).nullish(),
  })
  .loose();

const pageSchema = z
  .object({
    servers: z.array(z.unknown()),
    pageInfo: z.object({ endCursor: z.string().nullish(), hasNextPage: z.boolean() }).loose(),
  })
  .loose();

const errorSchema = z.object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }).loose() });

export type GlamaItemResult = { record: SourceRecord; dropped: string[] } | { skip: string };

/** One McpServer to a record (and the reasons any of its tools were dropped), or why it is unusable. */
export function parseGlamaItem(item: unknown): GlamaItemResult {
  const parsed = serverSchema.safeParse(item);
  if (!parsed.success) return { skip: describeIssue(parsed.error) };
  const s = parsed.data;
  const repoUrl = typeof s.repository === "string" ? s.repository : s.repository?.url;
  // A `/tree/<branch>/<path>` URL is a server living in a monorepo folder: the subfolder is part of its identity.
  const repository = normalizeRepository(repoUrl);
  const glamaName = `${s.namespace}/${s.slug}`.toLowerCase();
  const aliases: Alias[] = [{ kind: "glama", value: glamaName }];
  const id = nonEmpty(s.id);
  if (id) aliases.push({ kind: "glama", value: id.toLowerCase() });
  if (repository) aliases.push({ kind: "repo", value: repositoryAlias(repository) });
  const { tools, dropped, gaps } = directoryToolList(s.tools ?? []);
  const record: SourceRecord = {
    source: "glama",
    sourceId: id ?? glamaName,
    // Glama lists one row per server, always its current state.
    isLatest: true,
    raw: item,
    server: {
      key: repository ? repositoryAlias(repository) : `glama.ai/${glamaName}`,
      title: nonEmpty(s.name),
      description: nonEmpty(s.description),
      status: "active",
      repository,
      websiteUrl: nonEmpty(s.url),
      packages: [],
      remotes: [],
    },
    aliases,
    // Glama lists servers it never inspected with `tools: []`: that is no evidence the server has
    // none, so an empty list publishes nothing rather than marking known tools removed.
    ...(tools.length ? { tools, ...(gaps ? { toolGaps: gaps } : {}) } : {}),
  };
  return { record, dropped };
}

export function parseGlamaPage(body: unknown): ParsedPage {
  const page = pageSchema.safeParse(body);
  if (!page.success) {
    const error = errorSchema.safeParse(body);
    if (error.success) throw new SourceFormatError("glama", `error response: ${error.data.error.code ?? "error"}: ${error.data.error.message ?? ""}`.trim());
    throw new SourceFormatError("glama", `page is not {servers: [...], pageInfo: {hasNextPage, endCursor}} (${describeIssue(page.error)})`);
  }
  const { records, skipped } = readItems(page.data.servers, parseGlamaItem);
  const { hasNextPage, endCursor } = page.data.pageInfo;
  // More pages with no cursor to reach them: ending here would take the crawl for complete and mark the servers of
  // the unreached pages gone, and asking without a cursor would restart at page one. The page is unusable instead.
  if (hasNextPage && !endCursor) throw new SourceFormatError("glama", "pageInfo says hasNextPage but gives no endCursor to reach the next page");
  return { records, skipped, ...(hasNextPage && endCursor ? { next: endCursor } : {}) };
}

export interface GlamaSourceOptions {
  /** Default https://glama.ai/api/mcp. */
  baseUrl?: string;
  /** Sent as a bearer token when set; Glama's spec marks the list public, but reports say it may need one. */
  apiKey?: string;
  /** Servers per page, 1–100 (default 100). */
  pageSize?: number;
}

function pageSize(requested: number | undefined): number {
  if (requested === undefined || !Number.isFinite(requested)) return GLAMA_MAX_PAGE_SIZE;
  return Math.max(1, Math.min(GLAMA_MAX_PAGE_SIZE, Math.floor(requested)));
}

export function glamaSource(opts: GlamaSourceOptions = {}): Source {
  const base = (opts.baseUrl ?? DEFAULT_GLAMA_URL).replace(/\/+$/, "");
  const first = pageSize(opts.pageSize);
  const apiKey = opts.apiKey?.trim();
  return {
    name: "glama",
    // The API has no updated-since filter: every refresh walks the whole directory.
    incremental: false,
    pageUrl(cursor: string | null): string {
      const params = new URLSearchParams({ first: String(first) });
      if (cursor) params.set("after", cursor);
      return `${base}/v1/servers?${params}`;
    },
    parsePage: parseGlamaPage,
    headers(): Record<string, string> {
      return apiKey ? { Authorization: `Bearer ${apiKey}` } : {};
    },
  };
}
