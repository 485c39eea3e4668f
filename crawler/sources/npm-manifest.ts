// Whether an npm package's own manifest proves it is an MCP server, and the provenance fields (repository, licence) read from it.
import { z } from "zod";
import { normalizeRepository } from "../normalize.js";

const stringMap = z.record(z.string(), z.string()).catch({});

/** The fields of one version's package.json (as the registry serves it) that the decision and provenance read. */
export const npmManifestSchema = z
  .object({
    name: z.string().min(1),
    version: z.string().min(1),
    bin: z.union([z.string(), z.record(z.string(), z.string())]).optional().catch(undefined),
    dependencies: stringMap.optional(),
    peerDependencies: stringMap.optional(),
    optionalDependencies: stringMap.optional(),
    // The official registry's proof of ownership for npm packages: only servers publish it.
    mcpName: z.string().optional().catch(undefined),
    repository: z.union([z.string(), z.object({ url: z.string().optional(), directory: z.string().optional() }).loose()]).optional().catch(undefined),
    license: z.union([z.string(), z.object({ type: z.string().optional() }).loose()]).optional().catch(undefined),
    licenses: z.array(z.object({ type: z.string().optional() }).loose()).optional().catch(undefined),
    engines: stringMap.optional(),
    keywords: z.array(z.string()).optional().catch(undefined),
    deprecated: z.union([z.string(), z.boolean()]).optional().catch(undefined),
  })
  .loose();
export type NpmManifest = z.infer<typeof npmManifestSchema>;

/**
 * Dependencies that make a package with a `bin` an MCP server: the SDK and the server frameworks
 * built on it. Clients (@ai-sdk/mcp), proxies and UI helpers are left out on purpose: a bin that
 * depends only on them is a client or a bridge, not a server with tools of its own.
 */
export const MCP_SERVER_FRAMEWORKS: readonly string[] = [
  "@modelcontextprotocol/sdk",
  "@modelcontextprotocol/server",
  "fastmcp",
  "litemcp",
  "mcp-framework",
  "@mastra/mcp",
  "mcp-use",
  "xmcp",
  "tmcp",
  "@smithery/sdk",
  "mcp-handler",
  "@vercel/mcp-adapter",
  "@rekog/mcp-nest",
  "@hono/mcp",
];

/**
 * Keywords by which an author says the package is an MCP server (not merely about MCP). With a bin
 * they prove a server whose SDK is bundled into its own files, so it declares no dependency on it.
 */
export const MCP_SERVER_KEYWORDS: readonly string[] = ["mcp-server", "mcp server", "mcpserver", "mcp_server", "model-context-protocol-server", "modelcontextprotocol-server"];

export type ServerEvidence =
  | { server: true; evidence: "mcpName"; mcpName: string; framework?: string; hasBin: boolean }
  | { server: true; evidence: "bin+framework"; framework: string; hasBin: true }
  | { server: true; evidence: "bin+keyword"; keyword: string; hasBin: true }
  | { server: false; reason: "no-bin" | "no-mcp-dependency" };

function hasBin(m: NpmManifest): boolean {
  if (typeof m.bin === "string") return m.bin.trim() !== "";
  return !!m.bin && Object.values(m.bin).some((v) => v.trim() !== "");
}

function framework(m: NpmManifest): string | undefined {
  const deps = { ...m.optionalDependencies, ...m.peerDependencies, ...m.dependencies };
  return MCP_SERVER_FRAMEWORKS.find((f) => f in deps);
}

/**
 * Pure: does this manifest prove the package is an MCP server? An `mcpName` does (the official
 * registry only accepts servers); otherwise a `bin` (a command to start) plus a dependency on the
 * SDK or a server framework; or a `bin` and a keyword saying "MCP server" (a bundled server). A
 * server without a bin is still a server: it just cannot be run over stdio.
 */
export function mcpServerEvidence(m: NpmManifest): ServerEvidence {
  const fw = framework(m);
  const bin = hasBin(m);
  if (m.mcpName?.trim()) return { server: true, evidence: "mcpName", mcpName: m.mcpName.trim(), ...(fw ? { framework: fw } : {}), hasBin: bin };
  if (!bin) return { server: false, reason: "no-bin" };
  if (fw) return { server: true, evidence: "bin+framework", framework: fw, hasBin: true };
  const keyword = m.keywords?.find((k) => MCP_SERVER_KEYWORDS.includes(k.trim().toLowerCase()));
  if (keyword) return { server: true, evidence: "bin+keyword", keyword, hasBin: true };
  return { server: false, reason: "no-mcp-dependency" };
}

// npm's shorthand repository forms: "github:owner/repo", "gitlab:…", "bitbucket:…", and a bare "owner/repo" (GitHub).
const SHORTHAND_HOSTS: Record<string, string> = { github: "github.com", gitlab: "gitlab.com", bitbucket: "bitbucket.org" };

/** The package's repository as a normalised URL (host/owner/repo), with the monorepo folder when the manifest names one. */
export function manifestRepository(m: NpmManifest): { url: string; directory?: string } | undefined {
  const raw = typeof m.repository === "string" ? m.repository : m.repository?.url;
  const directory = typeof m.repository === "object" ? m.repository.directory : undefined;
  if (!raw?.trim()) return undefined;
  let url = raw.trim();
  const short = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(url);
  if (short) url = `https://${SHORTHAND_HOSTS[short[1] ?? "github"]}/${short[2]}`;
  const repo = normalizeRepository(url, directory);
  if (!repo) return undefined;
  return { url: repo.url, ...(repo.subfolder ? { directory: repo.subfolder } : {}) };
}

/** The licence the manifest declares (SPDX expression or the legacy object forms), if any. */
export function manifestLicense(m: NpmManifest): string | undefined {
  const declared = typeof m.license === "string" ? m.license : m.license?.type;
  if (declared?.trim()) return declared.trim();
  const legacy = (m.licenses ?? []).map((l) => l.type?.trim()).filter((t): t is string => !!t);
  return legacy.length ? legacy.join(" OR ") : undefined;
}
