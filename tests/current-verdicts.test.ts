// After an upgrade that changes the classifier, before the refresh that stores its verdicts, every reader shows the
// current classifier's verdict (risk, search, policy, the API, the pages, the MCP tools), marked as not yet stored; a
// verdict a newer classifier stored is kept.
import { readFileSync } from "node:fs";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, test } from "vitest";
import { CLASSIFIER_VERSION } from "../classifier/classify.js";
import { listTools, type NameKey } from "../db/browse.js";
import { serverTools, type ToolEntry } from "../db/lookups.js";
import { currentPage } from "../scripts/current-lookups.js";
import { resolveServer } from "../server/reader.js";
import { laterClassifierVersion } from "../scripts/classifier-versions.js";
import { currentEntries, currentServerEntries, storedVerdictStands } from "../scripts/current-verdicts.js";
import { serverFingerprint, VerdictCache, verdictCache } from "../scripts/verdict-cache.js";
import { DRIVERS } from "./helpers/catalog.js";
import type { CliResult } from "./helpers/cli.js";
import { serveCatalog, type ServedCatalog } from "./helpers/served-catalog.js";
import { snapshotCliCatalog } from "./helpers/snapshot-catalog.js";

const GITHUB = "io.github.github/github-mcp-server";
const [, FAMILY, NUMBER] = /^(.+)-(\d+)$/.exec(CLASSIFIER_VERSION)!;
/** The classifier before this one, and after it (a newer release's, sharing the catalog). */
const OLDER = `${FAMILY}-${Number(NUMBER) - 1}`;
const NEWER = `${FAMILY}-${Number(NUMBER) + 1}`;

describe("which stored verdict stands", () => {
  test("a later version of the same family, by number, not by text", () => {
    expect(laterClassifierVersion("learned-49", "learned-48")).toBe(true);
    expect(laterClassifierVersion("learned-100", "learned-99")).toBe(true);
    expect(laterClassifierVersion("learned-48", "learned-48")).toBe(false);
    expect(laterClassifierVersion("learned-47", "learned-48")).toBe(false);
    // Another family, or none, is read as older.
    expect(laterClassifierVersion("rules-90", "learned-48")).toBe(false);
    expect(laterClassifierVersion("v1", "learned-48")).toBe(false);
  });

  test("this version's or a later one's, for the present definition", () => {
    expect(storedVerdictStands(CLASSIFIER_VERSION, true)).toBe(true);
    expect(storedVerdictStands(NEWER, true)).toBe(true);
    expect(storedVerdictStands(OLDER, true)).toBe(false);
    expect(storedVerdictStands(CLASSIFIER_VERSION, false)).toBe(false);
    expect(storedVerdictStands(NEWER, false)).toBe(false);
    expect(storedVerdictStands(null, true)).toBe(false);
  });

  test("on plain entries: an older verdict is made again beside the siblings, a newer one kept, none read from a database", () => {
    const stored = (classifierVersion: string, category: string, risk: string): ToolEntry["classification"] => ({
      category, risk, confidence: 0.5, rationale: "stored", classifierVersion, contentHash: "h", method: "rules", reviewModel: null, reviewPromptVersion: null,
      signals: [], rule: {}, hints: null, arguments: null,
    });
    const entry = (tool: string, classification: ToolEntry["classification"]): ToolEntry => ({
      serverId: 1, server: "example.com/files", serverStatus: "active", tool, title: null, description: null, inputSchema: null, annotations: null, origin: "live", contentHash: "h", classification,
    });
    const entries = [entry("delete_file", stored(OLDER, "read", "low")), entry("list_files", stored(NEWER, "destructive", "critical")), entry("read_file", null)];
    const shown = currentEntries(entries, new Map([[1, { key: "example.com/files", description: null, tools: entries.map((e) => ({ ...e, name: e.tool })) }]]));
    expect(shown.map((e) => [e.tool, e.classification?.category, e.classification?.risk, e.classification?.classifierVersion, e.stored, e.storedClassifierVersion])).toEqual([
      ["delete_file", "destructive", "critical", CLASSIFIER_VERSION, false, OLDER],
      ["list_files", "destructive", "critical", NEWER, true, NEWER],
      ["read_file", "read", "low", CLASSIFIER_VERSION, false, null],
    ]);
  });
});

test("the README names this classifier version where it says which one is current", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  expect(/CLASSIFIER_VERSION` in `classifier\/classify\.ts`,\s+now `([^`]+)`/.exec(readme)?.[1]).toBe(CLASSIFIER_VERSION);
  expect(readme).toContain(`the current classifier's verdict (${CLASSIFIER_VERSION}), not yet stored: the catalog holds\n  ${OLDER}'s`);
  expect(readme).toContain(`A verdict a later classifier stored (\`${NEWER}\``);
});

describe("verdicts made now, kept", () => {
  const verdict = { category: "read" } as never;
  test("by server fingerprint, the least recently used dropped past the bound, a server larger than it not kept", () => {
    const cache = new VerdictCache(5);
    cache.add("a", [["x", verdict], ["y", verdict]]);
    cache.add("b", [["x", verdict], ["y", verdict]]);
    expect(cache.get("a")?.size).toBe(2);
    cache.add("b", [["z", verdict]]);
    cache.add("c", [["x", verdict], ["y", verdict]]);
    // b (3) and c (2) fill the bound: a, used longest ago, is dropped.
    expect([cache.get("a"), cache.get("b")?.size, cache.get("c")?.size]).toEqual([undefined, 3, 2]);
    cache.add("d", Array.from({ length: 6 }, (_, i) => [`t${i}`, verdict] as [string, never]));
    expect([cache.get("d"), cache.get("b")?.size]).toEqual([undefined, 3]);
  });

  test("a fingerprint names the classifier, the server's key and description and each tool's definition, in any order", () => {
    const tools = [{ name: "a", contentHash: "1" }, { name: "b", contentHash: "2" }];
    const base = serverFingerprint({ key: "k", description: null, tools });
    expect(serverFingerprint({ key: "k", description: null, tools: [...tools].reverse() })).toBe(base);
    expect(serverFingerprint({ key: "k", description: null, tools: [tools[0]!, { name: "b", contentHash: "3" }] })).not.toBe(base);
    expect(serverFingerprint({ key: "k", description: null, tools: [tools[0]!] })).not.toBe(base);
    expect(serverFingerprint({ key: "k", description: "d", tools })).not.toBe(base);
    expect(serverFingerprint({ key: "k2", description: null, tools })).not.toBe(base);
  });
});

describe.each(DRIVERS)("a catalog whose stored verdicts an older and a newer classifier wrote (%s)", (driver) => {
  let s: ServedCatalog;
  /** delete_file's verdict as this classifier stored it, before the test made it an older one's. */
  let current: { category: string; risk: string; rule: { action?: string } };
  /** What the commands answered, asked before serving the catalog (PGlite is one process's). */
  const cli: Record<string, CliResult> = {};
  const json = async (path: string) => {
    const r = await fetch(`${s.url}${path}`);
    return { status: r.status, body: (await r.json()) as any };
  };

  beforeAll(async () => {
    const cat = await snapshotCliCatalog(driver);
    // The edits and the commands share one open catalog (cat.cli's, opened here so that cat.rows reads it too), released
    // before the server opens it: one PGlite open instead of eleven (a quarter of a CPU-second each).
    await cat.held();
    const tool = (name: string) => sql`(select t.id from tools t join servers s on s.id = t.server_id where s.key = ${GITHUB} and t.name = ${name})`;
    current = (await cat.rows<typeof current>(sql`select category, risk, rule from classifications where tool_id = ${tool("delete_file")}`))[0]!;
    expect(current).toMatchObject({ category: "destructive", risk: "critical", rule: { action: "deny" } });
    // An older classifier called delete_file a harmless read; a newer one calls get_me, a read, critical.
    await cat.rows(sql`update classifications set classifier_version = ${OLDER}, category = 'read', risk = 'low', confidence = 0.5, rationale = 'an older verdict',
      rule = '{}'::jsonb where tool_id = ${tool("delete_file")}`);
    await cat.rows(sql`update classifications set classifier_version = ${NEWER}, category = 'destructive', risk = 'critical', rationale = 'a newer verdict',
      rule = '{"action": "deny", "reason": "a newer classifier denies it"}'::jsonb where tool_id = ${tool("get_me")}`);
    const run = async (key: string, argv: string[]) => (cli[key] = await cat.cli(argv));
    await run("risk", ["risk", "delete_file", "--json", "--all"]);
    await run("riskText", ["risk", "delete_file", "--server", GITHUB]);
    await run("riskNewer", ["risk", "get_me", "--server", GITHUB, "--json"]);
    await run("search", ["search", "delete_file", "--server", GITHUB, "--json"]);
    await run("searchCritical", ["search", "delete", "--server", GITHUB, "--risk", "critical", "--limit", "1000", "--json"]);
    await run("searchLow", ["search", "delete", "--server", GITHUB, "--risk", "low", "--limit", "1000", "--json"]);
    await run("searchText", ["search", "delete_file", "--server", GITHUB]);
    await run("policy", ["policy", GITHUB, "--format", "claude-code"]);
    for (const [key, r] of Object.entries(cli)) expect(r.code, `${key}: ${r.stderr}`).toBe(0);
    await cat.release();
    s = await serveCatalog(cat);
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await s?.cli.dispose();
  });

  it("risk shows the current verdict, not yet stored, and the groups count it", () => {
    const answer = JSON.parse(cli.risk!.stdout);
    const github = answer.entries.find((e: any) => e.server === GITHUB);
    expect(github).toMatchObject({ category: current.category, risk: current.risk, rule: current.rule, classifierVersion: CLASSIFIER_VERSION, stored: false, storedClassifierVersion: OLDER });
    // Every entry is listed (--all): the groups are theirs, by the verdicts shown.
    const counted = new Map<string, number>();
    for (const e of answer.entries) counted.set(`${e.category}/${e.risk}`, (counted.get(`${e.category}/${e.risk}`) ?? 0) + 1);
    expect(new Map(answer.groups.map((g: any) => [`${g.category}/${g.risk}`, g.count]))).toEqual(counted);
    expect(cli.riskText!.stdout).toContain(current.risk.toUpperCase());
    expect(cli.riskText!.stdout).toContain(`the current classifier's verdict (${CLASSIFIER_VERSION}), not yet stored: the catalog holds ${OLDER}'s; the next refresh stores it`);
  });

  it("a verdict a newer classifier stored is kept, and policy agrees", () => {
    const [entry] = JSON.parse(cli.riskNewer!.stdout).entries;
    expect(entry).toMatchObject({ category: "destructive", risk: "critical", classifierVersion: NEWER, stored: true, storedClassifierVersion: NEWER });
    const { deny, allow } = JSON.parse(cli.policy!.stdout).permissions as { deny: string[]; allow: string[] };
    expect(deny.filter((d) => /__(delete_file|get_me)$/.test(d)).length).toBe(2);
    expect(allow.some((a) => /__(delete_file|get_me)$/.test(a))).toBe(false);
  });

  it("search shows the current verdict and filters on it", () => {
    const [found] = JSON.parse(cli.search!.stdout);
    expect(found).toMatchObject({ tool: "delete_file", risk: current.risk, stored: false, storedClassifierVersion: OLDER });
    const critical = JSON.parse(cli.searchCritical!.stdout).map((e: any) => e.tool);
    const low = JSON.parse(cli.searchLow!.stdout).map((e: any) => e.tool);
    expect(critical).toContain("delete_file");
    expect(low).not.toContain("delete_file");
    expect(cli.searchText!.stderr).toContain("1 verdict shown is the current classifier's, not yet stored");
  });

  it("the API shows the current verdict and filters on it, its schema naming the marks", async () => {
    const one = await json(`/api/tools/${encodeURIComponent(GITHUB)}/delete_file`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ risk: current.risk, category: current.category, stored: false, storedClassifierVersion: OLDER, classifierVersion: CLASSIFIER_VERSION });
    const names = async (query: string) => (await json(`/api/tools?${query}&server=${encodeURIComponent(GITHUB)}&limit=100`)).body.items.map((i: any) => i.tool);
    expect(await names(`q=delete_file&risk=${current.risk}`)).toContain("delete_file");
    expect(await names("q=delete_file&risk=low")).not.toContain("delete_file");
    expect(await names(`name=delete_file&category=${current.category}`)).toEqual(["delete_file"]);
    expect(await names("name=delete_file&category=read")).toEqual([]);
    const server = (await json(`/api/servers/${encodeURIComponent(GITHUB)}`)).body;
    expect(server.items.find((i: any) => i.tool === "delete_file")).toMatchObject({ risk: current.risk, stored: false });
    expect(server.items.find((i: any) => i.tool === "get_me")).toMatchObject({ risk: "critical", stored: true, storedClassifierVersion: NEWER });
    expect(server.items.filter((i: any) => i.tool !== "delete_file").every((i: any) => i.stored)).toBe(true);
    const schema = (await json("/api/openapi.json")).body.components.schemas.Tool;
    expect(schema.required).toEqual(expect.arrayContaining(["stored", "storedClassifierVersion"]));
  });

  it("the pages say the verdict is the current classifier's, not yet stored", async () => {
    const page = await (await fetch(`${s.url}/servers/${encodeURIComponent(GITHUB)}/tools/delete_file`)).text();
    expect(page).toContain(`This is the current classifier&#39;s verdict (${CLASSIFIER_VERSION}), not yet stored`);
    expect(page).toContain(`Category: <strong>${current.category}</strong>`);
    expect(page).not.toContain("an older verdict");
    const name = await (await fetch(`${s.url}/tools/delete_file`)).text();
    expect(name).toMatch(/not yet stored in the catalog: the next refresh stores them/);
  });

  it("a filtered list read page by page under a small budget holds every match of the current verdicts, once each", async () => {
    const db = s.catalog.db;
    // Every GitHub verdict an older classifier's (with another verdict than this one's), so each is made again.
    await db.execute(sql`update classifications set classifier_version = ${OLDER}, risk = 'low'
      where tool_id in (select t.id from tools t join servers s on s.id = t.server_id where s.key = ${GITHUB}) and classifier_version = ${CLASSIFIER_VERSION}`);
    const [server] = await serverTools(db, (await resolveServer(db, GITHUB)).id).then((entries) => [{ id: entries[0]!.serverId, entries }]);
    const expected = currentServerEntries({ key: GITHUB, description: null }, server!.entries, new Map()).filter((e) => e.classification?.risk === "critical");
    expect(expected.length).toBeGreaterThan(3);
    const read = (p: { after?: NameKey; limit: number; outdatedFor: string }) => listTools(db, { serverId: server!.id, risk: "critical", ...p });
    const found: string[] = [];
    let after: NameKey | undefined;
    let short = 0;
    for (let pages = 0; pages < 100; pages++) {
      const page = await currentPage(db, { risk: "critical", limit: 3, budget: 10, read, ...(after ? { after } : {}) });
      // Made now, but get_me's, which a newer classifier stored.
      expect(page.entries.map((e) => [e.tool, e.classification?.risk, e.stored])).toEqual(page.entries.map((e) => [e.tool, "critical", e.tool === "get_me"]));
      found.push(...page.entries.map((e) => e.tool));
      if (page.entries.length < 3 && page.next !== null) short += 1;
      if (page.next === null) break;
      after = page.next;
    }
    // In the database's name order, whose collation is its own: compared as sets, each once.
    expect(new Set(found).size).toBe(found.length);
    expect([...found].sort()).toEqual(expected.map((e) => e.tool).sort());
    // Most of GitHub's tools are not critical: some pages stopped at the budget, shorter, and went on.
    expect(short).toBeGreaterThan(0);
  });

  it("a server's verdicts made now are made once, kept while its tools stay the same, and the same as made afresh", async () => {
    // After the pages above: GitHub's outdated verdicts were made while paging, the server classified whole and kept.
    const db = s.catalog.db;
    const ref = await resolveServer(db, GITHUB);
    const entries = await serverTools(db, ref.id);
    const fingerprint = serverFingerprint({ ...ref, tools: entries.map((e) => ({ name: e.tool, contentHash: e.contentHash })) });
    const kept = verdictCache.get(fingerprint);
    expect(kept?.size).toBe(entries.length);
    // A server page, the policy and the feed read them from there: no verdict is made again.
    const shown = currentServerEntries(ref, entries, new Map());
    const outdated = shown.filter((e) => !e.stored);
    expect(outdated.length).toBeGreaterThan(3);
    for (const e of outdated) expect(e.classification!.signals).toBe(kept!.get(e.tool)!.signals);
    // What was kept is what a fresh classification of the server makes.
    const afresh = currentEntries(entries, new Map([[ref.id, { ...ref, tools: entries.map((e) => ({ ...e, name: e.tool })) }]]));
    expect(shown.map((e) => [e.tool, e.classification?.category, e.classification?.risk, e.classification?.rationale])).toEqual(
      afresh.map((e) => [e.tool, e.classification?.category, e.classification?.risk, e.classification?.rationale]),
    );
  });

  it("check_tool across servers says how many of the name's tools its groups count by an older verdict", async () => {
    const client = new Client({ name: "current-verdicts-test", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
    try {
      // The entries listed are classified again, and none of the name's tools is left to its older verdict.
      const named = (await client.callTool({ name: "check_tool", arguments: { name: "delete_file" } })) as { structuredContent: any };
      expect(named.structuredContent).toMatchObject({ outdated: 0 });
      expect(named.structuredContent.entries.find((e: any) => e.page.includes("github-mcp-server"))).toMatchObject({ risk: current.risk, stored: false });
    } finally {
      await client.close();
    }
  });

  it("the MCP tools answer alike", async () => {
    const client = new Client({ name: "current-verdicts-test", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
    try {
      const check = (await client.callTool({ name: "check_tool", arguments: { name: "delete_file", server: GITHUB } })) as { structuredContent: any };
      expect(check.structuredContent.entries[0]).toMatchObject({ risk: current.risk, rule: current.rule, stored: false, storedClassifierVersion: OLDER });
      const server = (await client.callTool({ name: "check_server", arguments: { server: GITHUB } })) as { structuredContent: any };
      expect(server.structuredContent.denied).toEqual(expect.arrayContaining(["delete_file", "get_me"]));
    } finally {
      await client.close();
    }
  });
});
