// What a source hands the pipeline: one SourceRecord per entry it lists, already normalised.
import type { ToolInput } from "../classifier/tool.js";
import type { ListingGaps } from "./plan/tools.js";

/** In crawl order: pypi reads the PyPI coordinates the sources before it named, so it comes last. */
export const SOURCE_NAMES = ["registry", "glama", "smithery", "pulsemcp", "npm", "awesome", "pypi"] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export type ServerStatus = "active" | "deprecated" | "deleted";

export type AliasKind =
  | "registry"
  | "repo"
  | "npm"
  | "pypi"
  | "oci"
  | "nuget"
  | "mcpb"
  | "cargo"
  | "remote"
  | "glama"
  | "smithery"
  | "pulsemcp"
  /** An awesome-list link that is not a repository (a product page): weak, but the same link is the same server. */
  | "link";

export interface Alias {
  kind: AliasKind;
  value: string;
}

export interface Repository {
  /** host/owner/repo, lower case, no scheme, no `.git`. */
  key: string;
  url: string;
  subfolder?: string;
}

export interface PackageRef {
  registryType: string;
  identifier: string;
  version?: string;
  transport?: string;
  runtimeHint?: string;
}

export interface RemoteRef {
  type: "streamable-http" | "sse";
  url: string;
  /** True when a header or URL variable the server needs is marked required or secret. */
  needsSecret: boolean;
}

/** One server as one source describes it. */
export interface ServerRecord {
  /** The canonical key this record claims: registry name, else host/owner/repo[#subfolder]. */
  key: string;
  title?: string;
  description?: string;
  version?: string;
  status: ServerStatus;
  repository?: Repository;
  websiteUrl?: string;
  packages: PackageRef[];
  remotes: RemoteRef[];
  publishedAt?: string;
  updatedAt?: string;
}

export interface SourceRecord {
  source: SourceName;
  /** Unique within the source (the registry: name@version). */
  sourceId: string;
  /** Whether this record speaks for its server now (the registry: isLatest). */
  isLatest: boolean;
  raw: unknown;
  server: ServerRecord;
  aliases: Alias[];
  /** The tool list the source publishes, when it has one. */
  tools?: ToolInput[];
  /** What the tool list sent but could not keep (crawler/sources/fields.ts directoryToolList). */
  toolGaps?: ListingGaps;
  /** Categories the source files the server under (a directory's or a list's headings). */
  categories?: string[];
  /** How popular the source says the server is. */
  popularity?: Popularity[];
}

/**
 * One measure of popularity as a source reports it. Kept apart by metric: GitHub stars, npm's weekly
 * downloads and a directory's download count are different scales and are never added up.
 */
export interface Popularity {
  metric: PopularityMetric;
  value: number;
}

export const POPULARITY_METRICS = ["stars", "weeklyDownloads", "downloads"] as const;
export type PopularityMetric = (typeof POPULARITY_METRICS)[number];

/**
 * What a source makes of one item (a list entry, a detail page): a record; a record with the reasons parts
 * of it were dropped (tools its directory listed that could not be kept), each counted among the skipped,
 * the record kept; or why it is not one to keep, skipped and counted.
 */
export type RecordResult = SourceRecord | { record: SourceRecord; dropped: readonly string[] } | { skip: string };

/** An entry a source could not turn into a record: skipped and counted, never fatal. */
export interface SkippedEntry {
  index: number;
  reason: string;
}
