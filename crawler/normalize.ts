// Normal forms of the identities sources disagree on: repository URLs, package coordinates, remote URLs.
import type { AliasKind, Repository } from "./records.js";

/**
 * The version of the rules that derive a record's key and aliases (this file's normal forms, and how each source
 * builds its key from them). Raise it with any change to them: the next crawl of each source derives all its records
 * again, as a catalog built afresh would (crawler/plan/crawl.ts CrawlStart.rederive). 1: GitLab's nested groups (on gitlab.com
 * and gitlab.* hosts), folders decoded, README links read as their folder, `/-/` only where projects nest.
 */
export const IDENTITY_RULES_VERSION = 1;

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

/**
 * Hosts whose repositories are exactly owner/repo, so a path past them is a folder or a page of one, never a
 * deeper repository (as a GitLab project in a nested group is).
 */
const OWNER_REPO_HOSTS = new Set(["github.com", "bitbucket.org", "codeberg.org", "gitee.com"]);

/**
 * Whether a host's projects may sit in nested groups (group/subgroup/project), so the project is every segment before a
 * route: gitlab.com, and any host named gitlab.* (gitlab.gnome.org, gitlab.example.com), GitLab's own name for an
 * instance and no other forge's. Another host may run GitLab too, but nothing in its URL says so: its repositories stay
 * owner/repo, unless a link carries GitLab's `/-/`.
 */
function nestsGroups(host: string): boolean {
  return host.startsWith("gitlab.");
}

/** The pages GitLab served under a project before `/-/` set them apart (it still redirects them): where the project's path ends. */
const PROJECT_ROUTES = new Set(["tree", "blob", "raw", "issues", "merge_requests", "wikis", "commits", "commit", "branches", "tags", "releases", "pipelines"]);

/**
 * The project's segments (owner/repo, or a nested group's group/…/project) and the route past them. GitLab's `/-/`
 * separates the two on any host but those known to be owner/repo (OWNER_REPO_HOSTS, where `-` is a folder's name);
 * elsewhere a project is owner/repo, except on a host with nested groups, where cutting at the second segment would
 * make every project of a subgroup one repository (and one server).
 */
function splitProject(u: RepositoryUrl): { project: string[]; route: string[] } {
  if (OWNER_REPO_HOSTS.has(u.host)) return { project: u.parts.slice(0, 2), route: u.parts.slice(2) };
  const dash = u.parts.indexOf("-", 2);
  if (dash !== -1) return { project: u.parts.slice(0, dash), route: u.parts.slice(dash + 1) };
  if (!nestsGroups(u.host)) return { project: u.parts.slice(0, 2), route: u.parts.slice(2) };
  const at = u.parts.findIndex((p, i) => i >= 2 && PROJECT_ROUTES.has(p));
  return at === -1 ? { project: u.parts, route: [] } : { project: u.parts.slice(0, at), route: u.parts.slice(at) };
}

function repository(project: string[], u: RepositoryUrl, subfolder: string | undefined): Repository | undefined {
  const path = project.map((p) => p.toLowerCase());
  path[path.length - 1] = path[path.length - 1]!.replace(/\.git$/, "");
  if (path.length < 2 || path.some((p) => !p)) return undefined;
  const key = `${u.host}/${path.join("/")}`;
  return { key, url: `https://${key}`, ...(subfolder ? { subfolder } : {}) };
}

/** A README, whatever its case or markup: the page a folder shows, so a link to it names the folder. */
const README = /^readme(\.[a-z0-9]+)?$/i;

/**
 * The path of a `tree/<branch>/<path>` (or `blob/…`) route; "" for a bare `tree/<branch>`; undefined for no such route.
 * A `blob` link to a README is its folder's: directories link a server by its README as often as by its folder. Any
 * other file keeps its path, as it may be a server of its own (`servers/weather.py` beside `servers/stocks.py`).
 */
function linkedPath(route: string[]): string | undefined {
  if (route[0] === "tree") return route.slice(2).join("/");
  if (route[0] !== "blob") return undefined;
  const path = route.slice(2);
  return (README.test(path[path.length - 1] ?? "") ? path.slice(0, -1) : path).join("/");
}

/**
 * host/owner/repo in lower case, without scheme, `www.`, `.git` or trailing slash (on GitLab, the project's whole
 * path, group/subgroup/project); a GitHub `/tree/<branch>/<path>` or GitLab `/-/tree/<branch>/<path>` link becomes the
 * repository plus that subfolder. Any other path past the project (an issue, a page) is left out: a source's link
 * still names its repository.
 */
export function normalizeRepository(url: string | undefined | null, subfolder?: string | null): Repository | undefined {
  if (!url || typeof url !== "string") return undefined;
  const u = parseRepositoryUrl(url);
  if (!u) return undefined;
  const { project, route } = splitProject(u);
  // A link carries its folder percent-encoded (`my%20server`, `caf%C3%A9`), a source's subfolder field as written: the
  // folder is compared decoded, or one server listed both ways would be two.
  const linked = linkedPath(route);
  return repository(project, u, cleanSubfolder(subfolder) ?? cleanSubfolder(linked === undefined ? undefined : decoded(linked)));
}

/** What a person named a server by when they wrote a repository URL: the repository, and how to read the rest. */
export interface NamedRepository {
  /** host/owner/repo, as `normalizeRepository` keys it. */
  key: string;
  /**
   * The readings to try in order, the first that names a server being meant. Each lists the forms one folder (or
   * the root) may be stored in: percent-encoded, as a source's link carried it (records stored before links' folders
   * were decoded keep it so), and as written (decoded, as normalizeRepository reads both a link and a subfolder field).
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
  const split = u && splitProject(u);
  const root = u && split && repository(split.project, u, undefined);
  if (!u || !split || !root) return undefined;
  const folder = (path: string): Repository[] => {
    const forms = new Set([cleanSubfolder(path), cleanSubfolder(decoded(path))].filter((f) => f !== undefined));
    return [...forms].map((subfolder) => ({ ...root, subfolder }));
  };
  const readings = (...list: Repository[][]) => ({ key: root.key, readings: list.filter((r) => r.length > 0) });
  const linked = linkedPath(split.route);
  if (linked !== undefined) return readings(linked ? folder(linked) : [root]);
  const past = split.route.join("/");
  if (past) return OWNER_REPO_HOSTS.has(u.host) ? readings(folder(past)) : readings([root], folder(past));
  const anchor = cleanSubfolder(decoded(u.hash));
  if (!anchor) return readings([root]);
  return anchor.includes("/") ? readings(folder(u.hash)) : readings(folder(u.hash), [root]);
}

/** URL parsing percent-encoded what was typed (a space); folders are stored and compared as written. */
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
