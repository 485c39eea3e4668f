// What a source hands the pipeline: one SourceRecord per entry it lists, already normalised.
import type { ToolInput } from "../classifier/tool.js";

export const SOURCE_NAMES = ["registry", "glama", "smithery"] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export type ServerStatus = "active" | "deprecated" | "deleted";

export type AliasKind = "registry" | "repo" | "npm" | "pypi" | "oci" | "nuget" | "mcpb" | "cargo" | "remote" | "glama" | "smithery";

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
}

/** An entry a source could not turn into a record: skipped and counted, never fatal. */
export interface SkippedEntry {
  index: number;
  reason: string;
}
