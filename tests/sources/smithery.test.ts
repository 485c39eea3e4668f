// The Smithery adapter on servers assembled from real registry entries and real tool lists: list records, detail merge, keys, paging.
import { afterEach, describe, expect, test } from "vitest";
import type { SourceRecord } from "../../crawler/records.js";
import { AMBIGUOUS_NAME } from "../../crawler/distinct-tools.js";
import { NOT_URL_SAFE } from "../../crawler/sources/fields.js";
import { parseRegistryItem } from "../../crawler/sources/registry.js";
import { SourceFormatError } from "../../crawler/sources/source.js";
import { encodeQualifiedName, mergeSmitheryDetail, parseSmitheryItem, parseSmitheryPage, smitheryNotice, smitherySource } from "../../crawler/sources/smithery.js";
import { loadRegistrySample, meta } from "../helpers/registry-replay.js";
import { buildSmitheryData, loadSmitheryTools, SMITHERY_GARBAGE, startSmitheryReplay, type SmitheryDetail, type SmitheryListItem, type SmitheryReplay } from "../helpers/smithery-replay.js";

const data = buildSmitheryData();
const source = smitherySource({ apiKey: "sk-test" });

function listItem(qualifiedName: string): SmitheryListItem {
  return data.list.find((i) => (i as SmitheryListItem | null)?.qualifiedName === qualifiedName) as SmitheryListItem;
}

function record(item: unknown): SourceRecord {
  const r = parseSmitheryItem(item);
  if ("skip" in r) throw new Error(`skipped: ${r.skip}`);
  return r;
}

function withDetail(qualifiedName: string): SourceRecord {
  return source.parseDetail(record(listItem(qualifiedName)), data.details[qualifiedName]).record;
}

function registryRecord(name: string): SourceRecord {
  const item = loadRegistrySample().find((i) => i.server.name === name && meta(i).isLatest === true)!;
  const r = parseRegistryItem(item);
  if ("skip" in r) throw new Error(r.skip);
  return r;
}

describe("smithery source: requests", () => {
  test("the notice the CLI prints without a key, and no source without one", () => {
    expect(smitheryNotice()).toBe("smithery: skipped, SMITHERY_API_KEY is not set (get a key at smithery.ai/account/api-keys)");
    expect(() => smitherySource({ apiKey: "" })).toThrow(/apiKey/);
  });

  test("numbered pages of 100 with the bearer key; the cursor is the page number", () => {
    expect(source.name).toBe("smithery");
    expect(source.incremental).toBe(false);
    expect(source.headers!()).toEqual({ Authorization: "Bearer sk-test" });
    expect(source.pageUrl(null, {})).toBe("https://api.smithery.ai/servers?page=1&pageSize=100");
    expect(source.pageUrl("3", {})).toBe("https://api.smithery.ai/servers?page=3&pageSize=100");
    const local = smitherySource({ apiKey: "k", baseUrl: "http://127.0.0.1:9/", pageSize: 250 });
    expect(local.pageUrl("2", {})).toBe("http://127.0.0.1:9/servers?page=2&pageSize=100");
    expect(smitherySource({ apiKey: "k", pageSize: 5 }).pageUrl(null, {})).toContain("pageSize=5");
  });

  test("detail URLs encode the qualified name's slash as %2F, keeping old names' @", () => {
    expect(encodeQualifiedName("buildkite/buildkite-mcp-server")).toBe("buildkite%2Fbuildkite-mcp-server");
    expect(source.detailUrl!(record(listItem("buildkite/buildkite-mcp-server")))).toBe("https://api.smithery.ai/servers/buildkite%2Fbuildkite-mcp-server");
    expect(source.detailUrl!(record(listItem("@kwp-lab/rss-reader-mcp")))).toBe("https://api.smithery.ai/servers/@kwp-lab%2Frss-reader-mcp");
    expect(source.detailUrl!(record(listItem("linear")))).toBe("https://api.smithery.ai/servers/linear");
    expect(encodeQualifiedName("a b?c#d/e")).toBe("a%20b%3Fc%23d%2Fe");
    // After a merge the record still names its detail page.
    expect(source.detailUrl!(withDetail("buildkite/buildkite-mcp-server"))).toBe("https://api.smithery.ai/servers/buildkite%2Fbuildkite-mcp-server");
  });
});

describe("smithery source: list records", () => {
  test("a list entry alone: keyed by its qualified name, no tools yet", () => {
    const item = listItem("@kwp-lab/rss-reader-mcp");
    const r = record(item);
    expect(r).toMatchObject({ source: "smithery", sourceId: item.id, isLatest: true });
    expect(r.raw).toBe(item);
    expect(r.server).toEqual({
      key: "smithery.ai/@kwp-lab/rss-reader-mcp",
      title: item.displayName,
      description: item.description,
      status: "active",
      repository: undefined,
      websiteUrl: "https://smithery.ai/server/@kwp-lab/rss-reader-mcp",
      packages: [],
      remotes: [],
      publishedAt: item.createdAt,
      updatedAt: undefined,
    });
    expect(r.aliases).toEqual([
      { kind: "smithery", value: "@kwp-lab/rss-reader-mcp" },
      { kind: "smithery", value: item.id },
    ]);
    expect("tools" in r).toBe(false);
  });

  test("qualified names are aliased and keyed in lower case; the old name is not taken for the repository", () => {
    const r = record(listItem("@PabloLec/keyprobe-mcp"));
    expect(r.server.key).toBe("smithery.ai/@pablolec/keyprobe-mcp");
    expect(r.aliases[0]).toEqual({ kind: "smithery", value: "@pablolec/keyprobe-mcp" });
    expect(r.aliases.some((a) => a.kind === "repo")).toBe(false);
  });

  test("a GitHub homepage is the repository; without an id the source id is the qualified name", () => {
    const item = listItem("@21st-dev/magic-mcp");
    const r = record(item);
    expect(r.server.key).toBe("github.com/21st-dev/magic-mcp");
    expect(r.aliases).toContainEqual({ kind: "repo", value: "github.com/21st-dev/magic-mcp" });
    const { id: _id, ...noId } = item;
    expect(record(noId).sourceId).toBe("@21st-dev/magic-mcp");
  });

  test("garbage entries are skipped with a reason at their index, the rest are records", () => {
    const page = parseSmitheryPage({ servers: data.list, pagination: { currentPage: 1, pageSize: 100, totalPages: 1, totalCount: data.list.length } });
    expect(page.records).toHaveLength(data.list.length - SMITHERY_GARBAGE);
    expect(page.skipped.map((s) => s.index)).toEqual([3, 9, 14, 20]);
    expect(page.skipped[0]!.reason).toMatch(/^item: /);
    expect(page.skipped.some((s) => s.reason.startsWith("qualifiedName: "))).toBe(true);
    expect(page.skipped.some((s) => s.reason.includes("whitespace"))).toBe(true);
    expect(new Set(page.records.map((r) => r.sourceId)).size).toBe(page.records.length);
  });

  test("a qualified name no URL can hold (a lone surrogate) is skipped with its reason; a NUL or an escape-worthy name is not", () => {
    const item = listItem("buildkite/buildkite-mcp-server");
    for (const qualifiedName of ["bad\ud800name", "bad\udc00", "\ud800"]) {
      expect(parseSmitheryItem({ ...item, qualifiedName })).toEqual({ skip: `qualifiedName: ${NOT_URL_SAFE}` });
    }
    // A pair is one character, a NUL is stored replaced: both make a URL.
    for (const qualifiedName of ["emoji/\ud83d\ude00", "nul/\u0000"]) expect(source.detailUrl!(record({ ...item, qualifiedName }))).toBe(`https://api.smithery.ai/servers/${encodeQualifiedName(qualifiedName)}`);
    const page = parseSmitheryPage({ servers: [item, { ...item, qualifiedName: "bad\ud800" }, listItem("linear")], pagination: { currentPage: 1, totalPages: 1 } });
    expect(page.records.map((r) => r.server.title)).toEqual([item.displayName, "Linear"]);
    expect(page.skipped).toEqual([{ index: 1, reason: `qualifiedName: ${NOT_URL_SAFE}` }]);
  });
});

describe("smithery source: detail merge", () => {
  test("real tools (buildkite's 24, three without an input schema) and the detail's repository as key", () => {
    const before = record(listItem("buildkite/buildkite-mcp-server"));
    expect(before.server.key).toBe("smithery.ai/buildkite/buildkite-mcp-server");
    const r = withDetail("buildkite/buildkite-mcp-server");
    const real = loadSmitheryTools("docker-mcp-registry-buildkite.jsonl");
    expect(r.tools!.map((t) => t.name)).toEqual(real.map((t) => t.name));
    expect(r.tools!.filter((t) => t.inputSchema === undefined)).toHaveLength(3);
    expect(r.server.key).toBe("github.com/buildkite/buildkite-mcp-server");
    expect(r.server.repository).toEqual({ key: "github.com/buildkite/buildkite-mcp-server", url: "https://github.com/buildkite/buildkite-mcp-server" });
    expect(r.aliases).toEqual([
      { kind: "smithery", value: "buildkite/buildkite-mcp-server" },
      { kind: "smithery", value: listItem("buildkite/buildkite-mcp-server").id },
      { kind: "repo", value: "github.com/buildkite/buildkite-mcp-server" },
    ]);
    // A stdio bundle is not a remote.
    expect(r.server.remotes).toEqual([]);
    expect(r.raw).toEqual({ list: listItem("buildkite/buildkite-mcp-server"), detail: data.details["buildkite/buildkite-mcp-server"] });
    expect(r.sourceId).toBe(before.sourceId);
  });

  test("a Smithery-hosted http connection is a remote that needs the key; its alias matches the registry's", () => {
    const r = withDetail("@kwp-lab/rss-reader-mcp");
    expect(r.server.remotes).toEqual([{ type: "streamable-http", url: "https://server.smithery.ai/@kwp-lab/rss-reader-mcp/mcp", needsSecret: true }]);
    const registry = registryRecord("ai.smithery/kwp-lab-rss-reader-mcp");
    expect(r.aliases).toContainEqual(registry.aliases.find((a) => a.kind === "remote"));
    expect(r.aliases).toContainEqual(registry.aliases.find((a) => a.kind === "repo"));
  });

  test("a detail without a repository keeps the qualified-name key but still carries the endpoint alias", () => {
    const named = Object.entries(data.details).find(([qn, d]) => qn.startsWith("@") && !(d as SmitheryDetail).repository)!;
    const r = withDetail(named[0]);
    expect(r.server.key).toBe(`smithery.ai/${named[0].toLowerCase()}`);
    expect(r.aliases.some((a) => a.kind === "remote")).toBe(true);
    expect("tools" in r).toBe(false);
  });

  test("an external endpoint needs a secret only when its config has required fields", () => {
    const linear = withDetail("linear");
    expect(linear.server.remotes).toEqual([{ type: "streamable-http", url: "https://mcp.linear.app/mcp", needsSecret: false }]);
    expect(linear.aliases).toContainEqual(registryRecord("app.linear/linear").aliases.find((a) => a.kind === "remote" && a.value.endsWith("/mcp")));
    const item = listItem("linear");
    const { record: required } = source.parseDetail(record(item), {
      ...(data.details.linear as object),
      connections: [{ type: "http", deploymentUrl: "https://mcp.linear.app/mcp", configSchema: { type: "object", required: ["apiKey"] } }, { type: "ws", url: "wss://x" }, { type: "http" }],
    });
    expect(required.server.remotes).toEqual([{ type: "streamable-http", url: "https://mcp.linear.app/mcp", needsSecret: true }]);
  });

  test("a nameless tool in the detail is dropped and reported; the rest of the server stays", () => {
    const item = listItem("insideout-remote");
    const merged = mergeSmitheryDetail(record(item), data.details["insideout-remote"]);
    expect(merged.record.tools).toHaveLength(24);
    expect(merged.dropped).toEqual([expect.stringMatching(/^tool dropped: name: /)]);
  });

  test("a name the detail gives two definitions keeps neither, in either order, as the live listing does", () => {
    const item = listItem("buildkite/buildkite-mcp-server");
    const detail = data.details["buildkite/buildkite-mcp-server"] as { tools: { name: string; description?: string }[] };
    const [first, ...rest] = detail.tools;
    const changed = { ...first!, description: "Delete every issue." };
    for (const tools of [[first!, ...rest, changed], [changed, ...rest, first!]]) {
      const merged = mergeSmitheryDetail(record(item), { ...detail, tools });
      expect(merged.record.tools!.map((t) => t.name)).toEqual(rest.map((t) => t.name));
      expect(merged.dropped).toEqual([AMBIGUOUS_NAME, AMBIGUOUS_NAME]);
    }
  });

  test("a detail that is not this server's, or not a server, leaves the record as the list made it", () => {
    const before = record(listItem("buildkite/buildkite-mcp-server"));
    expect(source.parseDetail(before, data.details.linear)).toEqual({ record: before, dropped: [] });
    expect(source.parseDetail(before, data.details.linear).record).toBe(before);
    for (const garbage of [null, 42, "x", [], { tools: "nope" }, { connections: {} }]) expect(source.parseDetail(before, garbage).record).toBe(before);
    // A later detail merges onto the first merge's list half, not onto the merged record.
    const once = withDetail("buildkite/buildkite-mcp-server");
    const twice = source.parseDetail(once, data.details["buildkite/buildkite-mcp-server"]).record;
    expect(twice).toEqual(once);
  });
});

describe("smithery source: pages", () => {
  test("next page while currentPage < totalPages", () => {
    expect(parseSmitheryPage({ servers: [], pagination: { currentPage: 1, pageSize: 10, totalPages: 5, totalCount: 42 } }).next).toBe("2");
    expect(parseSmitheryPage({ servers: [], pagination: { currentPage: 5, pageSize: 10, totalPages: 5, totalCount: 42 } }).next).toBeUndefined();
    expect(parseSmitheryPage({ servers: [], pagination: { currentPage: 1, pageSize: 10, totalPages: 0, totalCount: 0 } }).next).toBeUndefined();
  });

  test("an unusable envelope throws SourceFormatError", () => {
    for (const body of [null, 1, "x", [], {}, { servers: [] }, { servers: null, pagination: { currentPage: 1, totalPages: 1 } }, { servers: [], pagination: { currentPage: "1", totalPages: 2 } }, { error: { code: "unauthorized", message: "no" } }]) {
      expect(() => parseSmitheryPage(body)).toThrow(SourceFormatError);
    }
    expect(() => parseSmitheryPage({})).toThrow(/^smithery: /);
  });
});

describe("smithery replay", () => {
  let replay: SmitheryReplay | undefined;
  afterEach(async () => {
    await replay?.close();
    replay = undefined;
  });

  test("the adapter pages the replay to the end and merges each detail it serves", async () => {
    replay = await startSmitheryReplay({ requireKey: "sk-live" });
    const live = smitherySource({ apiKey: "sk-live", baseUrl: replay.url, pageSize: 6 });
    const records: SourceRecord[] = [];
    let skipped = 0;
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const response = await fetch(live.pageUrl(cursor, {}), { headers: live.headers!() });
      expect(response.status).toBe(200);
      const page = live.parsePage(await response.json());
      pages += 1;
      skipped += page.skipped.length;
      for (const r of page.records) {
        const detail = await fetch(live.detailUrl!(r)!, { headers: live.headers!() });
        records.push(detail.status === 200 ? live.parseDetail(r, await detail.json()).record : r);
      }
      if (!page.next) break;
      cursor = page.next;
      expect(pages).toBeLessThan(100);
    }
    expect(pages).toBe(Math.ceil(data.list.length / 6));
    expect(skipped).toBe(SMITHERY_GARBAGE);
    expect(records).toHaveLength(data.list.length - SMITHERY_GARBAGE);
    expect(records.filter((r) => r.tools).map((r) => r.server.key).sort()).toEqual(["github.com/buildkite/buildkite-mcp-server", "smithery.ai/insideout-remote"]);
    expect(records.filter((r) => r.server.remotes.length).length).toBe(Object.values(data.details).filter((d) => (d as SmitheryDetail).connections.some((c) => c.type === "http")).length);
    expect(replay.requests[0]).toBe("/servers?page=1&pageSize=6");
    expect(replay.requests).toContain("/servers/@kwp-lab%2Frss-reader-mcp");
    expect(replay.authorizations.every((a) => a === "Bearer sk-live")).toBe(true);
  });

  test("without the key: 401 with an error body, which the adapter refuses as a page", async () => {
    replay = await startSmitheryReplay({ requireKey: "sk-live" });
    const response = await fetch(smitherySource({ apiKey: "wrong", baseUrl: replay.url }).pageUrl(null, {}));
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body).toMatchObject({ error: { code: "unauthorized" } });
    expect(() => parseSmitheryPage(body)).toThrow(SourceFormatError);
    const missing = await fetch(`${replay.url}/servers/nobody%2Fnothing`, { headers: { Authorization: "Bearer sk-live" } });
    expect(missing.status).toBe(404);
  });
});
