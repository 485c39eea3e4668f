// What a page does to servers and records, on plain data: revival, canonical rank, placement, inline classification.
import { describe, expect, test } from "vitest";
import { changedRecords, firstListings, inlineClassifyInputs, inlineListings, leftServers, placeOnServers, serversToWrite, type ServerUpsert, type SourceRowUpsert, type StoredRecord, type StoredServer } from "../../crawler/plan/page.js";
import type { SourceRecord } from "../../crawler/records.js";

const record = (sourceId: string): SourceRecord => ({ source: "glama", sourceId, isLatest: true, raw: { id: sourceId }, server: { key: `k/${sourceId}`, status: "active", packages: [], remotes: [] }, aliases: [] });
const digest = (hash: string) => ({ hash, clean: true, long: false });
const upsert = (key: string, canonicalRank: number, contentHash = "h"): ServerUpsert => ({ key, status: "active", packages: [], remotes: [], canonicalSource: `glama:${key}`, canonicalRank, contentHash });
const storedServer = (key: string, o: Partial<StoredServer> = {}): StoredServer => ({ id: 1, key, contentHash: "h", canonicalRank: 20, status: "active", ...o });
const storedRecord = (o: Partial<StoredRecord> = {}): StoredRecord => ({ contentHash: "h", serverId: 1, pageId: 1, page: null, serverKey: "k", serverStatus: "active", ...o });

describe("changedRecords", () => {
  test("a record stored with the same raw hash is unchanged; a new or different one is written", () => {
    const stored = new Map([
      ["a", storedRecord({ contentHash: "ha" })],
      ["b", storedRecord({ contentHash: "old", serverId: 2 })],
    ]);
    const r = changedRecords([record("a"), record("b"), record("c")], [digest("ha"), digest("hb"), digest("hc")], stored, { rederive: false });
    expect(r.records.map((x) => x.sourceId)).toEqual(["b", "c"]);
    expect(r.digests.map((d) => d.hash)).toEqual(["hb", "hc"]);
    expect(r.unchanged).toBe(1);
  });

  test("revival: an unchanged record of a gone server is written again, which brings the server back", () => {
    const stored = new Map([["a", storedRecord({ contentHash: "ha", pageId: null, serverStatus: "gone" })]]);
    expect(changedRecords([record("a")], [digest("ha")], stored, { rederive: false }).records).toHaveLength(1);
  });

  test("a crawl deriving every record again writes the unchanged ones too", () => {
    const stored = new Map([["a", storedRecord({ contentHash: "ha" })]]);
    expect(changedRecords([record("a"), record("b")], [digest("ha"), digest("hb")], stored, { rederive: true })).toMatchObject({ unchanged: 0, records: [{ sourceId: "a" }, { sourceId: "b" }] });
  });
});

describe("leftServers", () => {
  const row = (sourceId: string, serverKey: string): SourceRowUpsert => ({ source: "glama", sourceId, serverKey, isLatest: true, raw: {}, contentHash: "h" });
  test("a written record resolved to another server than its own leaves it; one staying, renamed with its server, or new leaves none", () => {
    const stored = new Map([
      ["moved", storedRecord({ serverId: 1, serverKey: "gitlab.com/acme/ai" })],
      ["moved-too", storedRecord({ serverId: 1, serverKey: "gitlab.com/acme/ai" })],
      ["stays", storedRecord({ serverId: 2, serverKey: "github.com/o/r" })],
      ["renamed", storedRecord({ serverId: 3, serverKey: "github.com/o/named" })],
    ]);
    const rows = [row("moved", "gitlab.com/acme/ai/alpha"), row("moved-too", "gitlab.com/acme/ai/beta"), row("stays", "github.com/o/r"), row("renamed", "io.github.o/named"), row("new", "x")];
    expect(leftServers(rows, stored, [{ from: "github.com/o/named", to: "io.github.o/named" }])).toEqual({ keys: ["gitlab.com/acme/ai"], ids: [1], records: ["glama:moved", "glama:moved-too"] });
  });
});

describe("firstListings", () => {
  const at = { runId: 7, url: "https://glama.example/p2" };
  test("an id listed twice on the page keeps its first listing; one placed on another page this run fetched is skipped", () => {
    const stored = new Map([
      ["earlier", storedRecord({ serverId: 1, page: { url: "https://glama.example/p1", seenRunId: 7 } })],
      ["last-run", storedRecord({ serverId: 2, page: { url: "https://glama.example/p1", seenRunId: 6 } })],
      ["here", storedRecord({ serverId: 3, pageId: 2, page: { url: at.url, seenRunId: 7 } })],
    ]);
    const r = firstListings([record("a"), record("a"), record("earlier"), record("last-run"), record("here")], [digest("1"), digest("2"), digest("3"), digest("4"), digest("5")], stored, at);
    expect(r.records.map((x) => x.sourceId)).toEqual(["a", "last-run", "here"]);
    expect(r.digests.map((d) => d.hash)).toEqual(["1", "4", "5"]);
    expect(r.repeated).toBe(2);
  });
});

describe("serversToWrite (canonical rank)", () => {
  test("a new server is written; an equal-ranked record rewrites only when it changed", () => {
    const out = serversToWrite([upsert("new", 20), upsert("same", 20), upsert("edited", 20, "h2")], [storedServer("same"), storedServer("edited")]);
    expect(out.map((s) => s.key)).toEqual(["new", "edited"]);
  });

  test("a lower-ranked record never overwrites a better one; a higher-ranked one takes over even unchanged", () => {
    const out = serversToWrite([upsert("registry-held", 20, "other"), upsert("directory-held", 30)], [storedServer("registry-held", { canonicalRank: 30 }), storedServer("directory-held")]);
    expect(out.map((s) => s.key)).toEqual(["directory-held"]);
  });

  test("a gone server is written again whatever the ranks", () => {
    expect(serversToWrite([upsert("back", 10)], [storedServer("back", { status: "gone", canonicalRank: 30 })])).toHaveLength(1);
  });
});

describe("placeOnServers", () => {
  test("rows land on their server's id; rows of an unknown server are left out; listings of created servers are fresh", () => {
    const ids = new Map([["a", 1], ["b", 2]]);
    const placed = placeOnServers(
      {
        sources: [{ source: "glama", sourceId: "x", serverKey: "a", isLatest: true, raw: {}, contentHash: "h" }, { source: "glama", sourceId: "y", serverKey: "zz", isLatest: true, raw: {}, contentHash: "h" }],
        aliases: [{ kind: "repo", value: "github.com/a/a", serverKey: "b", source: "glama", sourceId: "y" }],
        toolListings: [{ serverKey: "a", origin: "glama", tools: [] }, { serverKey: "b", origin: "glama", tools: [] }],
      },
      ids,
      new Set([2]),
    );
    expect(placed.sources).toEqual([{ source: "glama", sourceId: "x", serverId: 1, isLatest: true, raw: {}, contentHash: "h" }]);
    expect(placed.aliases).toEqual([{ kind: "repo", value: "github.com/a/a", serverId: 2, source: "glama", sourceId: "y" }]);
    expect(placed.listings).toEqual([{ serverId: 1, origin: "glama", tools: [] }, { serverId: 2, origin: "glama", tools: [], fresh: true }]);
  });
});

describe("inline classification", () => {
  test("only a created server's only listing is classified as written", () => {
    const listings = [
      { serverId: 1, origin: "glama" as const, tools: [], fresh: true },
      { serverId: 2, origin: "glama" as const, tools: [], fresh: true },
      { serverId: 2, origin: "smithery" as const, tools: [], fresh: true },
      { serverId: 3, origin: "glama" as const, tools: [] },
    ];
    expect(inlineListings(listings).map((l) => l.serverId)).toEqual([1]);
  });

  test("each listing gets its server and its tools as written, the first of a name winning", () => {
    const tools = [{ name: "t", contentHash: "1" }, { name: "t", contentHash: "2" }, { name: "unwritten", contentHash: "3" }];
    const inputs = inlineClassifyInputs(
      [{ serverId: 1, origin: "glama", tools, fresh: true }],
      [{ id: 10, serverId: 1, name: "t", contentHash: "1" }],
      [{ ...upsert("a", 20), description: "Tracks issues" }],
      new Map([["a", 1]]),
    );
    expect(inputs).toEqual([{ server: { key: "a", description: "Tracks issues" }, tools: [{ name: "t", contentHash: "1", id: 10 }] }]);
  });
});
