// The registry adapter on real registry data: both shapes, messy repositories, aliases, page envelopes.
import { describe, expect, test } from "vitest";
import { namedRepository, normalizeOciRef, normalizeRemoteUrl, normalizeRepository, packageAlias, repositoryAlias } from "../crawler/normalize.js";
import type { SourceRecord } from "../crawler/records.js";
import { parseRegistryItem, parseRegistryPage, registrySource } from "../crawler/sources/registry.js";
import { SourceFormatError } from "../crawler/sources/source.js";
import { watermarkOf } from "../crawler/timestamps.js";
import { loadLegacySeed, loadRegistrySample, meta } from "./helpers/registry-replay.js";

const sample = loadRegistrySample();

function record(item: unknown): SourceRecord {
  const r = parseRegistryItem(item);
  if ("skip" in r) throw new Error(`skipped: ${r.skip}`);
  return r;
}

describe("registry items (current shape, real sample)", () => {
  const page = parseRegistryPage({ servers: sample, metadata: { count: sample.length } });

  test("every real item parses, one server key per registry name", () => {
    expect(page.skipped).toEqual([]);
    expect(page.records).toHaveLength(502);
    expect(new Set(page.records.map((r) => r.server.key)).size).toBe(new Set(sample.map((i) => i.server.name)).size);
    expect(page.records.filter((r) => r.isLatest)).toHaveLength(sample.filter((i) => meta(i).isLatest === true).length);
  });

  test("the page's highest updatedAt is its watermark candidate", () => {
    const max = Math.max(...sample.map((i) => Date.parse(String(meta(i).updatedAt))));
    expect(Date.parse(watermarkOf(page.records.map((r) => r.server.updatedAt), Date.now()).max!)).toBe(max);
  });

  test("repository URLs are normalised: .git and upper case go, empty objects give none", () => {
    const git = sample.find((i) => String((i.server.repository as { url?: string })?.url ?? "").endsWith(".git"))!;
    const r = record(git);
    expect(r.server.repository!.key).toBe(r.server.repository!.key.toLowerCase());
    expect(r.server.repository!.key.endsWith(".git")).toBe(false);
    const empty = sample.find((i) => !(i.server.repository as { url?: string } | undefined)?.url)!;
    expect(record(empty).server.repository).toBeUndefined();
    expect(record(empty).aliases.some((a) => a.kind === "repo")).toBe(false);
  });

  test("a monorepo server keeps its subfolder in the repository alias", () => {
    const sub = sample.find((i) => (i.server.repository as { subfolder?: string } | undefined)?.subfolder)!;
    const r = record(sub);
    const folder = (sub.server.repository as { subfolder: string }).subfolder.replace(/^\/+|\/+$/g, "");
    expect(r.server.repository!.subfolder).toBe(folder);
    expect(r.aliases).toContainEqual({ kind: "repo", value: `${r.server.repository!.key}#${folder.toLowerCase()}` });
  });

  test("aliases cover the registry name, every package coordinate kind and remote URLs", () => {
    const kinds = new Set(page.records.flatMap((r) => r.aliases.map((a) => a.kind)));
    for (const k of ["registry", "repo", "npm", "pypi", "oci", "nuget", "mcpb", "remote"]) expect(kinds).toContain(k);
    const withPypi = page.records.find((r) => r.server.packages.some((p) => p.registryType === "pypi"))!;
    const id = withPypi.server.packages.find((p) => p.registryType === "pypi")!.identifier;
    expect(withPypi.aliases).toContainEqual({ kind: "pypi", value: id.toLowerCase().replace(/[-_.]+/g, "-") });
  });

  test("remotes that need a secret header are marked, others are not", () => {
    const remotes = page.records.flatMap((r) => r.server.remotes);
    expect(remotes.some((r) => r.needsSecret)).toBe(true);
    expect(remotes.some((r) => !r.needsSecret)).toBe(true);
    const smithery = page.records.flatMap((r) => r.server.remotes).find((r) => r.url.includes("server.smithery.ai"))!;
    expect(smithery.needsSecret).toBe(true);
  });

  test("entries with neither packages nor remotes are kept", () => {
    const bare = page.records.filter((r) => r.isLatest && r.server.packages.length === 0 && r.server.remotes.length === 0);
    expect(bare.length).toBeGreaterThan(0);
  });

  test("status and dates come from the official _meta", () => {
    const item = structuredClone(sample[0]!);
    (item._meta!["io.modelcontextprotocol.registry/official"] as Record<string, unknown>).status = "deleted";
    expect(record(item).server.status).toBe("deleted");
    expect(record(sample[0]).server.publishedAt).toBe(meta(sample[0]!).publishedAt);
  });
});

describe("legacy snake_case seed", () => {
  const seed = loadLegacySeed();
  const page = parseRegistryPage(seed);

  test("the old shape parses beside the current one; nameless entries are skipped with a reason", () => {
    const nameless = seed.filter((s) => !(s as { name: string }).name).length;
    expect(page.skipped).toHaveLength(nameless);
    expect(page.records).toHaveLength(seed.length - nameless);
    expect(page.skipped[0]!.reason).toMatch(/^name/);
  });

  test("legacy docker packages are OCI coordinates; 'unknown' registries give no alias", () => {
    const docker = page.records.find((r) => r.server.packages.some((p) => p.registryType === "oci"))!;
    expect(docker.aliases.some((a) => a.kind === "oci")).toBe(true);
    const unknown = page.records.find((r) => r.server.packages.length > 0 && r.server.packages.every((p) => p.registryType === "unknown"))!;
    expect(unknown.aliases.map((a) => a.kind).sort()).toEqual(unknown.server.repository ? ["registry", "repo"] : ["registry"]);
  });

  test("legacy remotes carry their transport", () => {
    const withRemote = page.records.find((r) => r.server.remotes.length > 0)!;
    expect(["sse", "streamable-http"]).toContain(withRemote.server.remotes[0]!.type);
  });
});

describe("page envelopes", () => {
  test("nextCursor (and the old next_cursor) give the next page", () => {
    expect(parseRegistryPage({ servers: [], metadata: { nextCursor: "a:1" } }).next).toBe("a:1");
    expect(parseRegistryPage({ servers: [], metadata: { next_cursor: "b:2" } }).next).toBe("b:2");
    expect(parseRegistryPage({ servers: [], metadata: { nextCursor: "" } }).next).toBeUndefined();
  });

  test("a feed's metadata.nextUpdatedSince is read when present (the official registry sends none)", () => {
    expect(parseRegistryPage({ servers: [], metadata: { nextUpdatedSince: "2026-11-01T08:30:00.123457Z" } }).nextUpdatedSince).toBe("2026-11-01T08:30:00.123457Z");
    expect(parseRegistryPage({ servers: [], metadata: { nextCursor: "a:1" } }).nextUpdatedSince).toBeUndefined();
    expect(() => parseRegistryPage({ servers: [], metadata: { nextUpdatedSince: "yesterday" } })).toThrow(SourceFormatError);
  });

  test("garbage items among good ones are skipped and counted, never fatal", () => {
    const page = parseRegistryPage({ servers: [sample[0], null, 42, { server: { name: "no-slash" } }, { server: {} }, sample[1]] });
    expect(page.records).toHaveLength(2);
    expect(page.skipped.map((s) => s.index)).toEqual([1, 2, 3, 4]);
    expect(page.skipped.every((s) => s.reason.length > 0)).toBe(true);
  });

  test("a body that is not a registry page is a format error", () => {
    expect(() => parseRegistryPage({ error: "nope" })).toThrow(SourceFormatError);
    expect(() => parseRegistryPage("<html>")).toThrow(SourceFormatError);
  });

  test("page URLs ask for 100 at a time, the cursor, and updated_since when incremental", () => {
    const src = registrySource("https://registry.example/");
    expect(src.pageUrl(null, {})).toBe("https://registry.example/v0.1/servers?limit=100&include_deleted=true");
    const next = new URL(src.pageUrl("io.github.a/b:1.0.0", { since: "2025-12-01T00:00:00Z" }));
    expect(next.searchParams.get("cursor")).toBe("io.github.a/b:1.0.0");
    expect(next.searchParams.get("updated_since")).toBe("2025-12-01T00:00:00Z");
  });
});

describe("normal forms", () => {
  test.each([
    ["https://github.com/Owner/Repo.git", undefined, "github.com/owner/repo", undefined],
    ["https://www.github.com/owner/repo/", undefined, "github.com/owner/repo", undefined],
    ["git@github.com:Owner/Repo.git", undefined, "github.com/owner/repo", undefined],
    ["git+https://github.com/o/r.git", undefined, "github.com/o/r", undefined],
    ["https://github.com/o/r/tree/main/src/servers/x", undefined, "github.com/o/r", "src/servers/x"],
    ["https://gitlab.com/group/proj", "/packages/mcp/", "gitlab.com/group/proj", "packages/mcp"],
    ["github.com/o/r", undefined, "github.com/o/r", undefined],
    // GitLab: a project in nested groups is its whole path; `/-/` ends it on any host, its tree link is a folder.
    ["https://gitlab.com/Group/Sub/Proj.git", undefined, "gitlab.com/group/sub/proj", undefined],
    ["https://gitlab.com/group/sub/proj/-/tree/main/servers/wiki", undefined, "gitlab.com/group/sub/proj", "servers/wiki"],
    ["https://gitlab.com/group/sub/proj/tree/master/srv", undefined, "gitlab.com/group/sub/proj", "srv"],
    ["https://gitlab.com/group/sub/proj/-/issues/7", undefined, "gitlab.com/group/sub/proj", undefined],
    ["https://git.example.org/team/sub/proj/-/tree/main/srv", undefined, "git.example.org/team/sub/proj", "srv"],
    // A host named gitlab.* is a GitLab instance: its projects nest in groups without `/-/` in the link too.
    ["https://gitlab.example.com/Team/AI/alpha-mcp", undefined, "gitlab.example.com/team/ai/alpha-mcp", undefined],
    ["https://gitlab.gnome.org/team/ai/beta-mcp.git", undefined, "gitlab.gnome.org/team/ai/beta-mcp", undefined],
    ["https://gitlab.example.com/team/ai/mono/tree/main/servers/x", undefined, "gitlab.example.com/team/ai/mono", "servers/x"],
    ["https://gitlab.example.com/team/proj/issues/3", undefined, "gitlab.example.com/team/proj", undefined],
    // Another host's repositories stay owner/repo (it may not be GitLab), `gitlab` within a longer name too.
    ["https://git.example.org/team/sub/proj", undefined, "git.example.org/team/sub", undefined],
    ["https://mygitlab.example.com/team/sub/proj", undefined, "mygitlab.example.com/team/sub", undefined],
    ["https://github.com/o/r/issues/12", undefined, "github.com/o/r", undefined],
    // `/-/` is GitLab's; on a host whose repositories are owner/repo a folder named `-` is a folder like any other.
    ["https://github.com/o/r/tree/main/-/weather", undefined, "github.com/o/r", "-/weather"],
    ["https://github.com/o/r/blob/main/servers/-/README.md", undefined, "github.com/o/r", "servers/-"],
    // A link's folder is read as written, as a subfolder field gives it.
    ["https://github.com/o/r/tree/main/servers/my%20server", undefined, "github.com/o/r", "servers/my server"],
    ["https://github.com/o/r/tree/main/servers/Caf%C3%A9", undefined, "github.com/o/r", "servers/Café"],
    ["https://github.com/o/r/tree/main/servers/100%", undefined, "github.com/o/r", "servers/100%"],
    // A link to a README is its folder's; another file keeps its path.
    ["https://github.com/o/r/blob/main/README.md", undefined, "github.com/o/r", undefined],
    ["https://github.com/o/r/blob/main/servers/x/Readme", undefined, "github.com/o/r", "servers/x"],
    ["https://gitlab.com/g/sub/p/-/blob/main/servers/x/README.rst", undefined, "gitlab.com/g/sub/p", "servers/x"],
    ["https://github.com/o/r/blob/main/servers/weather.py", undefined, "github.com/o/r", "servers/weather.py"],
    ["https://github.com/o/r/blob/main/docs/readme-old.md", undefined, "github.com/o/r", "docs/readme-old.md"],
  ])("%s (+%s) → %s", (url, sub, key, folder) => {
    const r = normalizeRepository(url, sub)!;
    expect(r.key).toBe(key);
    expect(r.subfolder).toBe(folder);
  });

  test.each(["", "   ", "https://github.com/", "https://github.com/only-owner", "not a url at all %%%"])("no repository from %j", (url) => {
    expect(normalizeRepository(url)).toBeUndefined();
  });

  /** What a server named by `text` is looked up by: each reading's repository aliases, in the order tried. */
  const lookups = (text: string) => namedRepository(text)?.readings.map((forms) => forms.map(repositoryAlias));

  // A source's link past owner/repo (an issue, a README) still names the repository; a person naming a server by
  // its repository means the folder they wrote, as the key writes it (`#subfolder`) or with a slash.
  test.each([
    ["github.com/o/r/packages/Does-Not-Exist", [["github.com/o/r#packages/does-not-exist"]]],
    ["https://github.com/o/r/packages/x/", [["github.com/o/r#packages/x"]]],
    ["github.com/o/r#packages/x", [["github.com/o/r#packages/x"]]],
    ["github.com/o/r#packages/my dir", [["github.com/o/r#packages/my%20dir", "github.com/o/r#packages/my dir"]]],
    ["github.com/o/r/packages/my dir", [["github.com/o/r#packages/my%20dir", "github.com/o/r#packages/my dir"]]],
    ["https://github.com/o/r/tree/main/src/x#readme", [["github.com/o/r#src/x"]]],
    ["https://github.com/o/r/tree/main", [["github.com/o/r"]]],
    ["https://github.com/O/R.git", [["github.com/o/r"]]],
    ["git@github.com:o/r.git", [["github.com/o/r"]]],
    ["https://github.com/o/r/issues/12", [["github.com/o/r#issues/12"]]],
    ["https://github.com/o/r/tree/main/-/weather", [["github.com/o/r#-/weather"]]],
    // A fragment that is not a path is a folder only if the catalog has it, else a page anchor: the repository.
    ["https://github.com/o/r#readme", [["github.com/o/r#readme"], ["github.com/o/r"]]],
    // GitLab's projects sit in nested groups: the whole path is the project, up to `/-/` or a page of it.
    ["https://gitlab.com/group/subgroup/project", [["gitlab.com/group/subgroup/project"]]],
    ["https://gitlab.com/group/subgroup/project/-/tree/main/srv", [["gitlab.com/group/subgroup/project#srv"]]],
    ["https://gitlab.com/group/subgroup/project/-/issues/4", [["gitlab.com/group/subgroup/project"], ["gitlab.com/group/subgroup/project#issues/4"]]],
    // A host not known for nested groups and no `/-/`: the source's reading (owner/repo), then a folder.
    ["https://git.example.org/group/subgroup/project", [["git.example.org/group/subgroup"], ["git.example.org/group/subgroup#project"]]],
    ["https://gitlab.example.com/group/subgroup/project", [["gitlab.example.com/group/subgroup/project"]]],
  ])("a server named %s is looked up as %j", (text, readings) => {
    expect(lookups(text)).toEqual(readings);
  });

  // Each URL as a source carried it is looked up as that source stored it, as typed or as a browser encodes it.
  test.each([
    ["https://github.com/o/r/tree/main/servers/café", undefined],
    ["https://github.com/o/r/tree/main/servers/my server", undefined],
    ["https://github.com/o/r", "servers/Café"],
    ["https://github.com/o/r", "servers/my server"],
    ["https://gitlab.com/group/subgroup/project", undefined],
    ["https://github.com/o/r#readme", undefined],
    ["https://github.com/o/r#installation", undefined],
    ["git+https://github.com/o/r.git#v1.2.0", undefined],
  ])("%s (+%s), as a source stored it, is what a person typing its link looks up", (url, subfolder) => {
    const stored = repositoryAlias(normalizeRepository(url, subfolder)!);
    const typed = subfolder ? `${url}/tree/main/${subfolder}` : url;
    for (const text of [typed, encodeURI(typed)]) expect(lookups(text)!.flat(), text).toContain(stored);
  });

  test("package coordinates", () => {
    expect(packageAlias("npm", "@Scope/Pkg")).toEqual({ kind: "npm", value: "@scope/pkg" });
    expect(packageAlias("pypi", "My_Package.Name")).toEqual({ kind: "pypi", value: "my-package-name" });
    expect(packageAlias("unknown", "x")).toBeUndefined();
    expect(normalizeOciRef("docker.io/library/Postgres:15")).toBe("postgres");
    expect(normalizeOciRef("ghcr.io/o/img@sha256:abc123")).toBe("ghcr.io/o/img");
    expect(normalizeOciRef("localhost:5000/img:1")).toBe("localhost:5000/img");
  });

  test("remote URLs", () => {
    expect(normalizeRemoteUrl("https://MCP.Example.com/mcp/")).toBe("https://mcp.example.com/mcp");
    expect(normalizeRemoteUrl("ftp://x/y")).toBeUndefined();
  });
});
