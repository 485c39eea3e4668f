// Which record speaks for a server and which tool list a directory keeps, on plain data.
import { describe, expect, test } from "vitest";
import { applyResolutions, bestListings, canonicalRank, leftListings, pageRows, type RemainingRecord } from "../../crawler/plan/records.js";
import type { SourceName, SourceRecord } from "../../crawler/records.js";

const record = (source: SourceName, sourceId: string, key: string, o: Partial<SourceRecord> & { updatedAt?: string; title?: string } = {}): SourceRecord => ({
  source,
  sourceId,
  isLatest: o.isLatest ?? true,
  raw: { sourceId },
  server: { key, status: "active", packages: [], remotes: [], ...(o.updatedAt ? { updatedAt: o.updatedAt } : {}), ...(o.title ? { title: o.title } : {}) },
  aliases: o.aliases ?? [],
  ...(o.tools ? { tools: o.tools } : {}),
});

describe("canonical rank", () => {
  test("the registry's latest version outranks directories, which outrank older registry versions", () => {
    const latest = canonicalRank(record("registry", "a@2", "a"));
    const glama = canonicalRank(record("glama", "g", "a"));
    const awesome = canonicalRank(record("awesome", "w", "a"));
    const old = canonicalRank(record("registry", "a@1", "a", { isLatest: false }));
    expect(latest).toBeGreaterThan(glama);
    expect(glama).toBeGreaterThan(awesome);
    expect(awesome).toBeGreaterThan(old);
  });

  test("on one page the best-ranked record speaks for its server, the later one on a tie", () => {
    const rows = pageRows([
      record("registry", "a@1", "a", { isLatest: false, title: "old" }),
      record("registry", "a@2", "a", { title: "latest", updatedAt: "2026-01-01T00:00:00Z" }),
      record("registry", "a@3", "a", { title: "newer", updatedAt: "2026-02-01T00:00:00Z" }),
    ]);
    expect(rows.servers.map((s) => [s.key, s.title, s.canonicalSource])).toEqual([["a", "newer", "registry:a@3"]]);
    // Every record and alias is kept.
    expect(rows.sources).toHaveLength(3);
  });

  test("records resolved onto one server: the higher-ranked one speaks for it, every record lands on it", () => {
    const rows = applyResolutions(pageRows([record("glama", "g", "github.com/a/a"), record("registry", "r", "io.github.a/a")]), new Map([["github.com/a/a", "io.github.a/a"]]));
    expect(rows.servers.map((s) => [s.key, s.canonicalSource])).toEqual([["io.github.a/a", "registry:r"]]);
    expect(rows.sources.map((s) => s.serverKey)).toEqual(["io.github.a/a", "io.github.a/a"]);
  });
});

describe("bestListings (one tool list per server and origin)", () => {
  const tools = [{ name: "t" }];
  const listings = pageRows([record("glama", "b-entry", "s", { tools }), record("glama", "a-entry", "s", { tools })]).toolListings;

  test("two entries of a directory on one server: the better-ranked, then the smaller id, keeps its list", () => {
    const { listings: kept, setAside } = bestListings(listings, []);
    expect(kept.map((l) => l.sourceId)).toEqual(["a-entry"]);
    expect(setAside).toBe(1);
  });

  test("a better entry stored from another page keeps the list; a worse one does not", () => {
    expect(bestListings(listings, [{ serverKey: "s", sourceId: "0-entry", rank: 20 }]).listings).toEqual([]);
    expect(bestListings(listings, [{ serverKey: "s", sourceId: "z-entry", rank: 20 }]).listings.map((l) => l.sourceId)).toEqual(["a-entry"]);
  });

  test("only sources whose lists are tools origins carry listings", () => {
    expect(pageRows([record("awesome", "w", "s", { tools })]).toolListings).toEqual([]);
  });
});

describe("leftListings", () => {
  const def = (name: string) => ({ name, contentHash: `h-${name}` });
  const on = (serverId: number, origin: "glama" | "smithery", sourceId: string, rank: number, tools?: string[]): RemainingRecord => ({
    serverId,
    origin,
    sourceId,
    rank,
    ...(tools ? { listing: { tools: tools.map(def) } } : {}),
  });

  test("each server left takes the list of its best record still listing tools: the higher origin, then the better record", () => {
    const remaining = [on(1, "glama", "b", 20, ["b1"]), on(1, "glama", "a", 20, ["a1"]), on(1, "smithery", "s", 15, ["s1"]), on(2, "glama", "g", 20), on(2, "smithery", "s", 15, ["s2"])];
    expect(leftListings([1, 2], "glama", remaining, new Set())).toEqual([
      { serverId: 1, origin: "glama", tools: [def("a1")] },
      // Another directory's list takes over the leaving one's tools.
      { serverId: 2, origin: "smithery", tools: [def("s2")], replaces: "glama" },
    ]);
  });

  test("a server no record still on lists tools for gets an empty list of the leaving origin; one the page lists tools for is left to it", () => {
    expect(leftListings([3, 4], "smithery", [on(3, "glama", "g", 20)], new Set([4]))).toEqual([{ serverId: 3, origin: "smithery", tools: [] }]);
  });

  test("what a record's list could not keep goes with it", () => {
    const partial = { ...on(5, "glama", "g", 20), listing: { tools: [def("x")], partial: true, skippedNames: ["y"] } };
    expect(leftListings([5], "glama", [partial], new Set())).toEqual([{ serverId: 5, origin: "glama", tools: [def("x")], partial: true, skippedNames: ["y"] }]);
  });
});
