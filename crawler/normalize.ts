// Normal forms of the identities sources disagree on: repository URLs, package coordinates, remote URLs.
import type { AliasKind, Repository } from "./records.js";

/** A repository URL taken apart: the host, and the path's segments from the owner on. */
interface RepositoryUrl {
  host: string;
  parts: string[];
  /** What follows `#`, still percent-encoded. */
  hash: string;
}

function parseRepositoryUrl(url: string): RepositoryUrl | undefined {
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
  return { host, parts, hash: parsed.hash.slice(1) };
}

function repository(u: RepositoryUrl, subfolder: string | undefined): Repository | undefined {
  const owner = u.parts[0]!.toLowerCase();
  const repo = u.parts[1]!.toLowerCase().replace(/\.git$/, "");
  if (!repo) return undefined;
  const key = `${u.host}/${owner}/${repo}`;
  return { key, url: `https://${key}`, ...(subfolder ? { subfolder } : {}) };
}

/** The path of a `/tree/<branch>/<path>` (or `/blob/…`) link; "" for a bare `/tree/<branch>`; undefined for no such link. */
function linkedPath(parts: string[]): string | undefined {
  return parts.indexOf("tree") === 2 || parts.indexOf("blob") === 2 ? parts.slice(4).join("/") : undefined;
}

/**
 * host/owner/repo in lower case, without scheme, `www.`, `.git` or trailing slash; a GitHub/GitLab
 * `/tree/<branch>/<path>` link becomes the repository plus that subfolder. Any other path past owner/repo
 * (an issue, a page of a nested GitLab group) is left out: a source's link still names its repository.
 */
export function normalizeRepository(url: string | undefined | null, subfolder?: string | null): Repository | undefined {
  if (!url || typeof url !== "string") return undefined;
  const u = parseRepositoryUrl(url);
  return u && repository(u, cleanSubfolder(subfolder) ?? cleanSubfolder(linkedPath(u.parts)));
}

/**
 * Hosts whose repositories are exactly owner/repo, so a path past them is a folder or a page of one, never a
 * deeper repository (as a GitLab project in a nested group is).
 */
const OWNER_REPO_HOSTS = new Set(["github.com", "bitbucket.org", "codeberg.org", "gitee.com"]);

/** What a person named a server by when they wrote a repository URL: the repository, and how to read the rest. */
export interface NamedRepository {
  /** host/owner/repo, as `normalizeRepository` keys it. */
  key: string;
  /**
   * The readings to try in order, the first that names a server being meant. Each lists the forms one folder (or
   * the root) may be stored in: as a source's link carried it (percent-encoded, as normalizeRepository keeps it) and
   * as written (decoded, as a source's separate subfolder field gives it).
   */
  readings: Repository[][];
}

/**
 * The repository and folder a person names a server by (`policy SERVER`, `--server`, `/servers/…`): a folder is
 * written as a key writes it (`github.com/o/r#packages/x`), with a slash (`github.com/o/r/packages/x`) or as a
 * `/tree/<branch>/<path>` link. A URL a source carried reads as that source stored it. On an owner/repo host every
 * path past owner/repo is the folder, so a folder the catalog does not have names no server rather than the
 * repository's; elsewhere (GitLab's nested groups) the source's reading comes first. A `#fragment` that is not a
 * path (`#readme`, npm's default homepage) is a folder only if the catalog has that folder, else a page anchor,
 * naming the repository.
 */
export function namedRepository(text: string): NamedRepository | undefined {
  const u = parseRepositoryUrl(text);
  const root = u && repository(u, undefined);
  if (!u || !root) return undefined;
  const folder = (path: string): Repository[] => {
    const forms = new Set([cleanSubfolder(path), cleanSubfolder(decoded(path))].filter((f) => f !== undefined));
    return [...forms].map((subfolder) => ({ ...root, subfolder }));
  };
  const readings = (...list: Repository[][]) => ({ key: root.key, readings: list.filter((r) => r.length > 0) });
  const linked = linkedPath(u.parts);
  if (linked !== undefined) return readings(linked ? folder(linked) : [root]);
  const past = u.parts.slice(2).join("/");
  if (past) return OWNER_REPO_HOSTS.has(u.host) ? readings(folder(past)) : readings([root], folder(past));
  const anchor = cleanSubfolder(decoded(u.hash));
  if (!anchor) return readings([root]);
  return anchor.includes("/") ? readings(folder(u.hash)) : readings(folder(u.hash), [root]);
}

/** URL parsing percent-encoded what was typed (a space); a folder a source gave apart from its link is stored as written. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
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
