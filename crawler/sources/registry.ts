// The official MCP registry (/v0.1/servers): cursor pages of every version of every server.
import { z } from "zod";
import { normalizeRemoteUrl, normalizeRepository, packageAlias, repositoryAlias } from "../normalize.js";
import type { Alias, PackageRef, RemoteRef, ServerStatus, SourceRecord } from "../records.js";
import { timestampSchema } from "../timestamps.js";
import { SourceFormatError, type CrawlMode, type ParsedPage, type Source } from "./source.js";
import { describeIssue, readItems } from "./fields.js";

export const DEFAULT_REGISTRY_URL = "https://registry.modelcontextprotocol.io";
export const REGISTRY_PAGE_LIMIT = 100;
const OFFICIAL_META = "io.modelcontextprotocol.registry/official";

const inputSchema = z
  .object({ isRequired: z.boolean().optional(), isSecret: z.boolean().optional(), value: z.string().optional() })
  .loose();

const packageSchema = z
  .object({
    registryType: z.string(),
    identifier: z.string(),
    version: z.string().optional(),
    runtimeHint: z.string().optional(),
    transport: z.object({ type: z.string() }).loose().optional(),
  })
  .loose();

const remoteSchema = z
  .object({
    type: z.string(),
    url: z.string(),
    headers: z.array(inputSchema).nullish(),
    variables: z.record(z.string(), inputSchema).nullish(),
  })
  .loose();

const repositorySchema = z.object({ url: z.string().optional(), subfolder: z.string().optional() }).loose();

/**
 * namespace/name. The official registry allows one slash; a sub-registry that follows its API may name
 * servers it has no registry name for by a longer path (mcp-catalog's own feed publishes such a server
 * under its catalog key, github.com/owner/repo#subfolder), so anything after the first slash is the name.
 */
const registryName = z.string().min(3).max(200).regex(/^[^/\s]+\/[^\s]+$/, "name must be namespace/name");

const serverSchema = z
  .object({
    name: registryName,
    title: z.string().optional(),
    description: z.string().optional(),
    version: z.string().optional(),
    websiteUrl: z.string().optional(),
    repository: repositorySchema.nullish(),
    packages: z.array(packageSchema).nullish(),
    remotes: z.array(remoteSchema).nullish(),
  })
  .loose();

const officialMetaSchema = z
  .object({
    status: z.string().optional(),
    publishedAt: timestampSchema.optional(),
    updatedAt: timestampSchema.optional(),
    isLatest: z.boolean().optional(),
  })
  .loose();

const itemSchema = z.object({
  server: serverSchema,
  _meta: z.object({ [OFFICIAL_META]: officialMetaSchema.optional() }).loose().optional(),
});

/** The pre-September-2025 snake_case shape, as in the registry's original seed and old mirrors. */
const legacyItemSchema = z
  .object({
    name: z.string().min(3).max(200).regex(/^[^/\s]+\/[^/\s]+$/, "name must be namespace/name"),
    description: z.string().optional(),
    repository: repositorySchema.nullish(),
    version_detail: z
      .object({ version: z.string().optional(), release_date: timestampSchema.optional(), is_latest: z.boolean().optional() })
      .loose()
      .optional(),
    packages: z
      .array(z.object({ registry_name: z.string(), name: z.string(), version: z.string().optional(), runtime_hint: z.string().optional() }).loose())
      .nullish(),
    remotes: z.array(z.object({ transport_type: z.string(), url: z.string() }).loose()).nullish(),
  })
  .loose();

const pageSchema = z
  .object({
    servers: z.array(z.unknown()),
    metadata: z
      // nextUpdatedSince: another mcp-catalog's feed (the official registry sends none), README "The feed".
      .object({ nextCursor: z.string().nullish(), next_cursor: z.string().nullish(), nextUpdatedSince: timestampSchema.nullish() })
      .loose()
      .nullish(),
  })
  .loose();

function status(value: string | undefined): ServerStatus {
  return value === "deprecated" || value === "deleted" ? value : "active";
}

function needsSecret(remote: z.infer<typeof remoteSchema>): boolean {
  const templated = (s: string | undefined) => !!s && /\{[^}]+\}/.test(s);
  if (templated(remote.url)) return true;
  const inputs = [...(remote.headers ?? []), ...Object.values(remote.variables ?? {})];
  return inputs.some((i) => i.isRequired === true || i.isSecret === true || templated(i.value));
}

export function remoteType(type: string): RemoteRef["type"] | undefined {
  const t = type.toLowerCase();
  if (t === "streamable-http" || t === "streamable_http" || t === "http") return "streamable-http";
  if (t === "sse") return "sse";
  return undefined;
}

interface Normalised {
  name: string;
  title?: string;
  description?: string;
  version?: string;
  websiteUrl?: string;
  repository?: { url?: string; subfolder?: string } | null;
  packages: PackageRef[];
  remotes: RemoteRef[];
  status: ServerStatus;
  isLatest: boolean;
  publishedAt?: string;
  updatedAt?: string;
}

function fromCurrent(item: z.infer<typeof itemSchema>): Normalised {
  const s = item.server;
  const meta = item._meta?.[OFFICIAL_META] as z.infer<typeof officialMetaSchema> | undefined;
  return {
    name: s.name,
    title: s.title,
    description: s.description,
    version: s.version,
    websiteUrl: s.websiteUrl,
    repository: s.repository,
    packages: (s.packages ?? []).map((p) => ({
      registryType: p.registryType,
      identifier: p.identifier,
      ...(p.version ? { version: p.version } : {}),
      ...(p.transport?.type ? { transport: p.transport.type } : {}),
      ...(p.runtimeHint ? { runtimeHint: p.runtimeHint } : {}),
    })),
    remotes: (s.remotes ?? []).flatMap((r) => {
      const type = remoteType(r.type);
      return type ? [{ type, url: r.url, needsSecret: needsSecret(r) }] : [];
    }),
    status: status(meta?.status),
    // A record without the flag (an old mirror) speaks for its server.
    isLatest: meta?.isLatest ?? true,
    publishedAt: meta?.publishedAt,
    updatedAt: meta?.updatedAt,
  };
}

function fromLegacy(item: z.infer<typeof legacyItemSchema>): Normalised {
  const vd = item.version_detail;
  return {
    name: item.name,
    description: item.description,
    version: vd?.version,
    repository: item.repository,
    packages: (item.packages ?? []).map((p) => ({
      registryType: p.registry_name === "docker" ? "oci" : p.registry_name,
      identifier: p.name,
      ...(p.version ? { version: p.version } : {}),
      ...(p.runtime_hint ? { runtimeHint: p.runtime_hint } : {}),
    })),
    remotes: (item.remotes ?? []).flatMap((r) => {
      const type = remoteType(r.transport_type);
      return type ? [{ type, url: r.url, needsSecret: /\{[^}]+\}/.test(r.url) }] : [];
    }),
    status: "active",
    isLatest: vd?.is_latest ?? true,
    publishedAt: vd?.release_date,
    updatedAt: vd?.release_date,
  };
}

function nonEmpty(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

function toRecord(n: Normalised, raw: unknown): SourceRecord {
  const repository = normalizeRepository(n.repository?.url, n.repository?.subfolder);
  const aliases: Alias[] = [{ kind: "registry", value: n.name.toLowerCase() }];
  if (repository) aliases.push({ kind: "repo", value: repositoryAlias(repository) });
  for (const p of n.packages) {
    const alias = packageAlias(p.registryType, p.identifier);
    if (alias) aliases.push(alias);
  }
  for (const r of n.remotes) {
    const url = normalizeRemoteUrl(r.url);
    if (url) aliases.push({ kind: "remote", value: url });
  }
  return {
    source: "registry",
    sourceId: `${n.name}@${n.version ?? ""}`,
    isLatest: n.isLatest,
    raw,
    server: {
      key: n.name,
      title: nonEmpty(n.title),
      description: nonEmpty(n.description),
      version: nonEmpty(n.version),
      status: n.status,
      repository,
      websiteUrl: nonEmpty(n.websiteUrl),
      packages: n.packages,
      remotes: n.remotes,
      publishedAt: nonEmpty(n.publishedAt),
      updatedAt: nonEmpty(n.updatedAt),
    },
    aliases: dedupeAliases(aliases),
  };
}

function dedupeAliases(aliases: Alias[]): Alias[] {
  const seen = new Set<string>();
  return aliases.filter((a) => {
    const k = `${a.kind}\u0000${a.value}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** One registry item, current or legacy shape, to a record; a reason when it is unusable. */
export function parseRegistryItem(item: unknown): SourceRecord | { skip: string } {
  if (item && typeof item === "object" && "server" in item) {
    const parsed = itemSchema.safeParse(item);
    return parsed.success ? toRecord(fromCurrent(parsed.data), item) : { skip: describeIssue(parsed.error) };
  }
  const legacy = legacyItemSchema.safeParse(item);
  return legacy.success ? toRecord(fromLegacy(legacy.data), item) : { skip: describeIssue(legacy.error) };
}

export function parseRegistryPage(body: unknown): ParsedPage {
  // A bare array is how mirrors and the original seed publish the whole registry at once.
  const page = Array.isArray(body) ? { servers: body, metadata: undefined } : pageSchema.safeParse(body).data;
  if (!page) throw new SourceFormatError("registry", "page is not {servers: [...], metadata: {...}}");
  const { records, skipped } = readItems(page.servers, parseRegistryItem);
  const next = page.metadata?.nextCursor ?? page.metadata?.next_cursor ?? undefined;
  const nextUpdatedSince = page.metadata?.nextUpdatedSince?.trim() || undefined;
  return { records, skipped, ...(next ? { next } : {}), ...(nextUpdatedSince ? { nextUpdatedSince } : {}) };
}

export function registrySource(baseUrl: string = DEFAULT_REGISTRY_URL): Source {
  const base = baseUrl.replace(/\/+$/, "");
  return {
    name: "registry",
    incremental: true,
    pageUrl(cursor: string | null, mode: CrawlMode): string {
      const params = new URLSearchParams({ limit: String(REGISTRY_PAGE_LIMIT) });
      if (cursor) params.set("cursor", cursor);
      if (mode.since) params.set("updated_since", mode.since);
      // Deleted versions are hidden unless asked for; a full crawl must see them to mark servers deleted.
      else params.set("include_deleted", "true");
      return `${base}/v0.1/servers?${params}`;
    },
    parsePage: parseRegistryPage,
  };
}
