// The Glama adapter on servers assembled from real registry entries and real tool lists: fields, keys, aliases, messes, paging.
import { afterEach, describe, expect, test } from "vitest";
import { DEFAULT_ENUMERATE_LIMITS } from "../../crawler/mcp/limits.js";
import { AMBIGUOUS_NAME, COLLIDING_NAME, REPEATED_TOOL } from "../../crawler/distinct-tools.js";
import type { SourceRecord } from "../../crawler/records.js";
import { glamaSource, parseGlamaItem, parseGlamaPage } from "../../crawler/sources/glama.js";
import { parseRegistryItem } from "../../crawler/sources/registry.js";
import { SourceFormatError } from "../../crawler/sources/source.js";
import { buildGlamaServers, GLAMA_GARBAGE, glamaId, loadGithubTools, startGlamaReplay, type GlamaReplay, type GlamaServer } from "../helpers/glama-replay.js";
import { loadRegistrySample, meta } from "../helpers/registry-replay.js";

const servers = buildGlamaServers();
const page = parseGlamaPage({ servers, pageInfo: { startCursor: null, endCursor: null, hasNextPage: false, hasPreviousPage: false } });

function bySlug(namespace: string, slug: string): GlamaServer {
  return servers.find((s) => (s as GlamaServer | null)?.namespace === namespace && (s as GlamaServer).slug === slug) as GlamaServer;
}

function record(item: unknown): SourceRecord {
  const r = parseGlamaItem(item);
  if ("skip" in r) throw new Error(`skipped: ${r.skip}`);
  return r.record;
}

function registryRecord(name: string): SourceRecord {
  const item = loadRegistrySample().find((i) => i.server.name === name && meta(i).isLatest === true)!;
  const r = parseRegistryItem(item);
  if ("skip" in r) throw new Error(r.skip);
  return r;
}

describe("glama source: requests", () => {
  test("first page, then after=<endCursor>; page size capped at the API's 100", () => {
    const source = glamaSource({});
    expect(source.name).toBe("glama");
    expect(source.incremental).toBe(false);
    expect(source.pageUrl(null, {})).toBe("https://glama.ai/api/mcp/v1/servers?first=100");
    const cursor = "eyJjcmVhdGVkQXQiOjE3NDA2OTcyNDM3MzUsImlkIjoiNlFPQmZsY1lwbSJ9";
    expect(source.pageUrl(cursor, {})).toBe(`https://glama.ai/api/mcp/v1/servers?first=100&after=${cursor}`);
    // Base64 padding and `+`/`/` are escaped, and the page size follows the option within 1–100.
    const url = new URL(glamaSource({ baseUrl: "http://127.0.0.1:9/api/", pageSize: 7 }).pageUrl("ab+/c==", {}));
    expect(url.pathname).toBe("/api/v1/servers");
    expect(url.searchParams.get("first")).toBe("7");
    expect(url.searchParams.get("after")).toBe("ab+/c==");
    expect(url.search).toContain("after=ab%2B%2Fc%3D%3D");
    expect(new URL(glamaSource({ pageSize: 500 }).pageUrl(null, {})).searchParams.get("first")).toBe("100");
    expect(new URL(glamaSource({ pageSize: 0 }).pageUrl(null, {})).searchParams.get("first")).toBe("1");
  });

  test("a bearer header only when a key is configured", () => {
    expect(glamaSource({}).headers!()).toEqual({});
    expect(glamaSource({ apiKey: "  " }).headers!()).toEqual({});
    expect(glamaSource({ apiKey: "glama-key" }).headers!()).toEqual({ Authorization: "Bearer glama-key" });
    expect(glamaSource({}).detailUrl).toBeUndefined();
  });
});

describe("glama source: records", () => {
  test("every field of a real server (GitHub's, 117 real tools)", () => {
    const item = bySlug("github", "github-mcp-server");
    const r = record(item);
    expect(r).toMatchObject({ source: "glama", sourceId: glamaId("github", "github-mcp-server"), isLatest: true });
    expect(r.raw).toBe(item);
    expect(r.server).toEqual({
      key: "github.com/github/github-mcp-server",
      title: "GitHub MCP Server",
      description: item.description,
      status: "active",
      repository: { key: "github.com/github/github-mcp-server", url: "https://github.com/github/github-mcp-server" },
      websiteUrl: "https://glama.ai/mcp/servers/github/github-mcp-server",
      packages: [],
      remotes: [],
    });
    expect(r.aliases).toEqual([
      { kind: "glama", value: "github/github-mcp-server" },
      { kind: "glama", value: item.id },
      { kind: "repo", value: "github.com/github/github-mcp-server" },
    ]);
    const real = loadGithubTools();
    expect(r.tools).toHaveLength(117);
    expect(r.tools!.map((t) => t.name)).toEqual(real.map((t) => t.name));
    expect(r.tools![0]).toMatchObject({ name: real[0]!.name, description: real[0]!.description, inputSchema: real[0]!.inputSchema });
    // Licence, attributes and the env schema are not record fields: they travel in raw.
    expect((r.raw as GlamaServer).spdxLicense).toEqual({ name: "MIT", url: "https://opensource.org/licenses/MIT" });
    expect((r.raw as GlamaServer).environmentVariablesJsonSchema?.required).toEqual(["GITHUB_PERSONAL_ACCESS_TOKEN"]);
  });

  test("the same repository as the registry entry: same repo alias, so resolution can merge them", () => {
    const glama = record(bySlug("github", "github-mcp-server"));
    const registry = registryRecord("io.github.github/github-mcp-server");
    const repo = (r: SourceRecord) => r.aliases.find((a) => a.kind === "repo");
    expect(repo(glama)).toEqual(repo(registry));
    expect(glama.aliases.some((a) => a.kind === "registry")).toBe(false);
  });

  test("a monorepo tree URL keys the server by repository#subfolder, matching the registry's subfolder", () => {
    const azure = servers.find((s) => (s as GlamaServer | null)?.repository?.url.includes("/tree/main/servers/Azure.Mcp.Server")) as GlamaServer;
    expect(azure.repository!.url).toBe("https://github.com/microsoft/mcp/tree/main/servers/Azure.Mcp.Server");
    const r = record(azure);
    expect(r.server.key).toBe("github.com/microsoft/mcp#servers/azure.mcp.server");
    expect(r.server.repository).toEqual({ key: "github.com/microsoft/mcp", url: "https://github.com/microsoft/mcp", subfolder: "servers/Azure.Mcp.Server" });
    const registry = registryRecord("com.microsoft/azure");
    expect(r.aliases).toContainEqual(registry.aliases.find((a) => a.kind === "repo"));
  });

  test("messy repository URLs: .git, upper case and a trailing slash normalise away", () => {
    expect(record(bySlug("containers", "kubernetes-mcp-server")).server.key).toBe("github.com/containers/kubernetes-mcp-server");
    const apollo = record(bySlug("apollographql", "apollo-mcp-server"));
    expect(apollo.server.key).toBe("github.com/apollographql/apollo-mcp-server");
    expect(apollo.server.repository!.url).toBe("https://github.com/apollographql/apollo-mcp-server");
    expect(apollo.aliases).toContainEqual({ kind: "repo", value: "github.com/apollographql/apollo-mcp-server" });
  });

  test("no repository: keyed by the Glama page, glama aliases only", () => {
    const noRepo = servers.filter((s) => s && typeof s === "object" && "repository" in s && (s as GlamaServer).repository === null) as GlamaServer[];
    expect(noRepo.length).toBeGreaterThan(0);
    for (const item of noRepo) {
      const r = record(item);
      expect(r.server.key).toBe(`glama.ai/${item.namespace}/${item.slug}`.toLowerCase());
      expect(r.server.repository).toBeUndefined();
      expect(r.aliases.map((a) => a.kind)).toEqual(["glama", "glama"]);
    }
    // A string, an empty URL and an unparsable one are tolerated the same way.
    const base = { id: "abcdefghij", name: "X", namespace: "Acme", slug: "Thing", description: "d", url: "https://glama.ai/mcp/servers/Acme/Thing", tools: [] };
    expect(record({ ...base, repository: "https://github.com/Acme/Thing" }).server.key).toBe("github.com/acme/thing");
    expect(record({ ...base, repository: { url: "" } }).server.key).toBe("glama.ai/acme/thing");
    expect(record({ ...base, repository: { url: "not a url" } }).server.key).toBe("glama.ai/acme/thing");
  });

  test("names are aliased in lower case; without an id the source id is namespace/slug", () => {
    const upper = servers.find((s) => {
      const g = s as GlamaServer | null;
      return !!g && typeof g === "object" && typeof g.namespace === "string" && g.namespace !== g.namespace.toLowerCase();
    }) as GlamaServer;
    expect(upper).toBeDefined();
    expect(record(upper).aliases[0]).toEqual({ kind: "glama", value: `${upper.namespace}/${upper.slug}`.toLowerCase() });
    const noId = servers.find((s) => s && typeof s === "object" && (s as GlamaServer).namespace === "21st-dev") as GlamaServer;
    expect(noId.id).toBeUndefined();
    const r = record(noId);
    expect(r.sourceId).toBe("21st-dev/magic-mcp");
    expect(r.aliases.filter((a) => a.kind === "glama")).toEqual([{ kind: "glama", value: "21st-dev/magic-mcp" }]);
  });

  test("tools: a missing description is kept, a nameless tool and a repeated name are dropped and noted", () => {
    const item = bySlug("sophotechlabs", "kube-lint-mcp");
    expect(item.tools).toHaveLength(10);
    const result = parseGlamaItem(item);
    if ("skip" in result) throw new Error(result.skip);
    expect(result.record.tools).toHaveLength(8);
    expect(result.record.tools![2]!.description).toBeUndefined();
    expect(result.record.tools![2]!.name).toBe(item.tools[2]!.name);
    expect(result.dropped).toEqual([expect.stringMatching(/^tool dropped: name: /), "tool dropped: duplicate name"]);
    // On the page the drops are noted against the server's index; the server itself is a record.
    const index = servers.indexOf(item);
    expect(page.records.some((r) => r.raw === item)).toBe(true);
    expect(page.skipped.filter((s) => s.index === index).map((s) => s.reason)).toEqual(result.dropped);
  });

  test("a name its list gives two definitions keeps neither, in either order, as the live listing does; an identical copy is kept once", () => {
    const [first, second, ...rest] = loadGithubTools();
    // The same name twice with different descriptions (two versions merged), an identical copy, and two names that are one once cleaned.
    const changed = { ...first!, description: `${first!.description} Deletes it afterwards.` };
    const tools = [first!, second!, ...rest, changed, { ...second! }, { name: "a\u0000", description: "Read." }, { name: "a\ud800", description: "Delete." }];
    for (const list of [tools, [...tools].reverse()]) {
      const result = parseGlamaItem({ namespace: "a", slug: "b", tools: list });
      if ("skip" in result) throw new Error(result.skip);
      expect(result.record.tools!.map((t) => t.name).sort()).toEqual([second!, ...rest].map((t) => t.name).sort());
      expect(result.dropped).toEqual([...(list === tools ? [AMBIGUOUS_NAME, AMBIGUOUS_NAME, COLLIDING_NAME, COLLIDING_NAME] : [COLLIDING_NAME, COLLIDING_NAME, AMBIGUOUS_NAME, AMBIGUOUS_NAME]), REPEATED_TOOL]);
      // Not gaps: a stored tool of an ambiguous name is removed rather than kept.
      expect(result.record.toolGaps).toBeUndefined();
    }
  });

  test("a hint of the wrong type is dropped and counted by hint and type; its tool is kept", () => {
    const result = parseGlamaItem({ namespace: "a", slug: "b", tools: [{ name: "q", annotations: { readOnlyHint: "true", destructiveHint: 1, idempotentHint: null, openWorldHint: true } }, { name: "r", annotations: { readOnlyHint: "false" } }] });
    if ("skip" in result) throw new Error(result.skip);
    expect(result.record.tools).toEqual([
      { name: "q", annotations: { openWorldHint: true } },
      { name: "r", annotations: {} },
    ]);
    expect(result.dropped).toEqual([
      "annotation hint dropped, the tool kept: readOnlyHint is a string, not a boolean",
      "annotation hint dropped, the tool kept: destructiveHint is a number, not a boolean",
      "annotation hint dropped, the tool kept: readOnlyHint is a string, not a boolean",
    ]);
    expect(result.record.toolGaps).toBeUndefined();
  });

  test("tools it drops are gaps of the list: a nameless one makes it partial, a named one keeps that tool", () => {
    const kube = parseGlamaItem(bySlug("sophotechlabs", "kube-lint-mcp"));
    if ("skip" in kube) throw new Error(kube.skip);
    expect(kube.record.toolGaps).toEqual({ partial: true });
    const named = record({ namespace: "a", slug: "b", tools: [{ name: "read_file" }, { name: "delete_file", inputSchema: "not an object" }] });
    expect(named.tools!.map((t) => t.name)).toEqual(["read_file"]);
    expect(named.toolGaps).toEqual({ skippedNames: ["delete_file"] });
    expect(record({ namespace: "a", slug: "b", tools: [{ name: "ping" }] }).toolGaps).toBeUndefined();
  });

  test("a list longer than the live listing's maxTools is cut there, noted, and partial (it removes nothing)", () => {
    const result = parseGlamaItem({ namespace: "a", slug: "b", tools: Array.from({ length: DEFAULT_ENUMERATE_LIMITS.maxTools + 5 }, (_, i) => ({ name: `t${i}` })) });
    if ("skip" in result) throw new Error(result.skip);
    expect(result.record.tools).toHaveLength(DEFAULT_ENUMERATE_LIMITS.maxTools);
    expect(result.record.toolGaps).toEqual({ partial: true });
    expect(result.dropped).toEqual([`truncated: maxTools (${DEFAULT_ENUMERATE_LIMITS.maxTools + 5} tools, the first ${DEFAULT_ENUMERATE_LIMITS.maxTools} kept)`]);
  });

  test("a null inputSchema is a tool without arguments, not a broken tool", () => {
    const r = record({ namespace: "a", slug: "b", tools: [{ name: "ping", description: null, inputSchema: null }] });
    expect(r.tools).toEqual([{ name: "ping" }]);
  });

  test("a server Glama lists with zero tools publishes no tool list", () => {
    const azure = servers.find((s) => (s as GlamaServer | null)?.repository?.url.includes("Azure.Mcp.Server")) as GlamaServer;
    expect(azure.tools).toEqual([]);
    expect(record(azure).tools).toBeUndefined();
    expect("tools" in record(azure)).toBe(false);
  });

  test("garbage entries are skipped with a reason at their index; the rest become records", () => {
    const garbageIndexes = servers.flatMap((s, i) => (s === null || typeof s !== "object" || !("slug" in s) || typeof (s as GlamaServer).tools === "string" ? [i] : []));
    expect(garbageIndexes).toHaveLength(GLAMA_GARBAGE);
    const serverSkips = page.skipped.filter((s) => !s.reason.startsWith("tool dropped"));
    expect(serverSkips.map((s) => s.index)).toEqual(garbageIndexes);
    expect(serverSkips.every((s) => s.reason.length > 0)).toBe(true);
    expect(serverSkips.find((s) => s.index === garbageIndexes[0])!.reason).toMatch(/^item: /);
    expect(serverSkips.some((s) => s.reason.startsWith("namespace:"))).toBe(true);
    expect(serverSkips.some((s) => s.reason.startsWith("tools:"))).toBe(true);
    expect(page.records).toHaveLength(servers.length - GLAMA_GARBAGE);
    expect(new Set(page.records.map((r) => r.sourceId)).size).toBe(page.records.length);
    expect(page.records.every((r) => r.source === "glama" && r.server.status === "active" && r.isLatest)).toBe(true);
  });
});

describe("glama source: pages", () => {
  const pageInfo = { startCursor: "YQ==", endCursor: "Yg==", hasNextPage: true, hasPreviousPage: false };

  test("next is the end cursor while hasNextPage; absent on the last page; hasNextPage without a cursor is unusable", () => {
    expect(parseGlamaPage({ servers: [], pageInfo }).next).toBe("Yg==");
    expect(parseGlamaPage({ servers: [], pageInfo: { ...pageInfo, hasNextPage: false } }).next).toBeUndefined();
    expect(parseGlamaPage({ servers: [], pageInfo: { ...pageInfo, hasNextPage: false, endCursor: null } }).next).toBeUndefined();
    for (const endCursor of [null, ""]) expect(() => parseGlamaPage({ servers: [], pageInfo: { ...pageInfo, endCursor } })).toThrow(/hasNextPage but gives no endCursor/);
  });

  test("an unusable envelope throws SourceFormatError; an error body says its code", () => {
    for (const body of [null, 42, "servers", [], {}, { servers: [] }, { servers: {}, pageInfo }, { servers: [], pageInfo: { endCursor: "x" } }]) {
      expect(() => parseGlamaPage(body)).toThrow(SourceFormatError);
    }
    expect(() => parseGlamaPage({ error: { code: "unauthorized", message: "This endpoint requires an API key" } })).toThrow(/glama: error response: unauthorized: This endpoint requires an API key/);
    try {
      parseGlamaPage({});
    } catch (e) {
      expect((e as SourceFormatError).source).toBe("glama");
    }
  });
});

describe("glama replay", () => {
  let replay: GlamaReplay | undefined;
  afterEach(async () => {
    await replay?.close();
    replay = undefined;
  });

  async function crawl(source: ReturnType<typeof glamaSource>): Promise<{ records: SourceRecord[]; skipped: number; pages: number }> {
    const records: SourceRecord[] = [];
    let skipped = 0;
    let pages = 0;
    let cursor: string | null = null;
    for (;;) {
      const response = await fetch(source.pageUrl(cursor, {}), { headers: source.headers!() });
      expect(response.status).toBe(200);
      const parsed = source.parsePage(await response.json());
      pages += 1;
      records.push(...parsed.records);
      skipped += parsed.skipped.filter((s) => !s.reason.startsWith("tool dropped")).length;
      if (!parsed.next) break;
      cursor = parsed.next;
      expect(pages).toBeLessThan(100);
    }
    return { records, skipped, pages };
  }

  test("the adapter follows the replay's cursors to the end and sees every server once", async () => {
    replay = await startGlamaReplay();
    const { records, skipped, pages } = await crawl(glamaSource({ baseUrl: `${replay.url}/`, pageSize: 7 }));
    expect(pages).toBe(Math.ceil(replay.servers.length / 7));
    expect(records).toHaveLength(replay.servers.length - GLAMA_GARBAGE);
    expect(skipped).toBe(GLAMA_GARBAGE);
    expect(new Set(records.map((r) => r.sourceId)).size).toBe(records.length);
    expect(replay.requests[0]).toBe("/v1/servers?first=7");
    expect(replay.requests.slice(1).every((r) => /^\/v1\/servers\?first=7&after=[A-Za-z0-9%]+$/.test(r))).toBe(true);
    expect(replay.authorizations.every((a) => a === null)).toBe(true);
    expect(records.find((r) => r.server.key === "github.com/github/github-mcp-server")!.tools).toHaveLength(117);
  });

  test("with a required key: 401 in Glama's error shape without it, pages with it", async () => {
    replay = await startGlamaReplay({ requireKey: "k-123" });
    const denied = await fetch(glamaSource({ baseUrl: replay.url }).pageUrl(null, {}));
    expect(denied.status).toBe(401);
    const body = await denied.json();
    expect(body).toMatchObject({ error: { code: "unauthorized" } });
    expect(() => parseGlamaPage(body)).toThrow(/unauthorized/);
    const { records } = await crawl(glamaSource({ baseUrl: replay.url, apiKey: "k-123" }));
    expect(records).toHaveLength(replay.servers.length - GLAMA_GARBAGE);
    expect(replay.authorizations.slice(1).every((a) => a === "Bearer k-123")).toBe(true);
  });

  test("serves a server by namespace/slug and by id, and 404s in Glama's error shape", async () => {
    replay = await startGlamaReplay();
    const github = bySlug("github", "github-mcp-server");
    const bySlugRes = await fetch(`${replay.url}/v1/servers/github/github-mcp-server`);
    expect(record(await bySlugRes.json()).server.key).toBe("github.com/github/github-mcp-server");
    const byId = await fetch(`${replay.url}/v1/servers/${github.id}`);
    expect(((await byId.json()) as GlamaServer).slug).toBe("github-mcp-server");
    const missing = await fetch(`${replay.url}/v1/servers/nobody/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await fetch(`${replay.url}/v1/servers?first=101`)).status).toBe(400);
  });
});
