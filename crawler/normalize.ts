// Normal forms of the identities sources disagree on: repository URLs, package coordinates, remote URLs.
import type { AliasKind, Repository } from "./records.js";

/**
 * host/owner/repo in lower case, without scheme, `www.`, `.git` or trailing slash; a GitHub/GitLab
 * `/tree/<branch>/<path>` link becomes the repository plus that subfolder.
 */
export function normalizeRepository(url: string | undefined | null, subfolder?: string | null): Repository | undefined {
  if (!url || typeof url !== "string") return undefined;
  let text = url.trim();
  if (!text) return undefined;
  text = text.replace(/^git\+/, "").replace(/^git@([^:]+):/, "https://$1/");
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return undefined;
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, "");
  const parts = parsed.pathname.split("/").filter(Boolean);
  if (!host || parts.length < 2) return undefined;
  const owner = parts[0]!.toLowerCase();
  const repo = parts[1]!.toLowerCase().replace(/\.git$/, "");
  if (!repo) return undefined;
  let sub = cleanSubfolder(subfolder);
  const tree = parts.indexOf("tree") === 2 || parts.indexOf("blob") === 2 ? 2 : -1;
  if (!sub && tree === 2 && parts.length > 4) sub = cleanSubfolder(parts.slice(4).join("/"));
  const key = `${host}/${owner}/${repo}`;
  return { key, url: `https://${key}`, ...(sub ? { subfolder: sub } : {}) };
}

function cleanSubfolder(subfolder: string | undefined | null): string | undefined {
  if (!subfolder) return undefined;
  const s = subfolder.trim().replace(/^\.?\/+/, "").replace(/\/+$/, "");
  return s && s !== "." ? s : undefined;
}

/** The repository alias: the key, plus `#subfolder` for a server that lives in a monorepo folder. */
export function repositoryAlias(repo: Repository): string {
  return repo.subfolder ? `${repo.key}#${repo.subfolder.toLowerCase()}` : repo.key;
}

const PACKAGE_KINDS: Record<string, AliasKind> = {
  npm: "npm",
  pypi: "pypi",
  oci: "oci",
  docker: "oci",
  nuget: "nuget",
  mcpb: "mcpb",
  cargo: "cargo",
};

/** A package coordinate as an alias, or undefined for registries we cannot identify (legacy "unknown"). */
export function packageAlias(registryType: string, identifier: string): { kind: AliasKind; value: string } | undefined {
  const kind = PACKAGE_KINDS[registryType.toLowerCase()];
  const id = identifier.trim();
  if (!kind || !id) return undefined;
  switch (kind) {
    case "pypi":
      // PEP 503: runs of -, _ and . are one separator; names compare case-insensitively.
      return { kind, value: id.toLowerCase().replace(/[-_.]+/g, "-") };
    case "oci":
      return { kind, value: normalizeOciRef(id) };
    case "mcpb":
      return { kind, value: id };
    default:
      return { kind, value: id.toLowerCase() };
  }
}

/** An image reference without tag or digest, without the implied Docker Hub registry prefix. */
export function normalizeOciRef(ref: string): string {
  let r = ref.trim().toLowerCase().replace(/@sha256:[0-9a-f]+$/, "");
  const lastSlash = r.lastIndexOf("/");
  const tagColon = r.indexOf(":", lastSlash + 1);
  if (tagColon !== -1) r = r.slice(0, tagColon);
  r = r.replace(/^(index\.)?docker\.io\//, "");
  return r.replace(/^library\//, "");
}

/** Remote endpoints compare without scheme case, default ports, fragments or trailing slashes. */
export function normalizeRemoteUrl(url: string): string | undefined {
  try {
    const u = new URL(url.trim());
    if (u.protocol !== "https:" && u.protocol !== "http:") return undefined;
    u.hash = "";
    const path = u.pathname.replace(/\/+$/, "");
    return `${u.protocol}//${u.host.toLowerCase()}${path}${u.search}`;
  } catch {
    return undefined;
  }
}
