// The JSON API over a real HTTP server on the shipped snapshot: lists and keyset paging, look-ups, errors, ETags, CORS, OpenAPI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";
import { FORMAT_NAMES } from "../../classifier/formats/formats.js";
import { FINDINGS_META } from "../../server/feed.js";
import { DRIVERS } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { serveCatalog, type ServedCatalog } from "../helpers/served-catalog.js";
import { snapshotCliCatalog } from "../helpers/snapshot-catalog.js";

const GITHUB = "io.github.github/github-mcp-server";

describe.each(DRIVERS)("the JSON API on %s", (driver) => {
  let s: ServedCatalog;
  /** What the CLI answers on the same catalog, asked of the one the server holds open (PGlite is one process's). */
  const cli: { codex?: string; stats?: any } = {};
  const get = (path: string, init?: RequestInit) => fetch(`${s.url}${path}`, init);
  const json = async (path: string) => {
    const r = await get(path);
    return { status: r.status, body: (await r.json()) as any, headers: r.headers };
  };
  /** Every item of a list route, page by page, with the page count. */
  async function walk(path: string): Promise<{ items: any[]; pages: number }> {
    const items: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = path.includes("?") ? "&" : "?";
      const { status, body } = await json(`${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(status).toBe(200);
      items.push(...body.items);
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 1000);
    return { items, pages };
  }

  beforeAll(async () => {
    s = await serveCatalog(await snapshotCliCatalog(driver));
    // Handed the served catalog rather than opening their own: two PGlite opens fewer (a third of a CPU-second each).
    const policy = await runCli(["policy", GITHUB, "--format", "codex"], s.cli.env, { catalog: s.catalog });
    expect(policy.code).toBe(0);
    cli.codex = policy.stdout;
    cli.stats = JSON.parse((await runCli(["stats", "--json"], s.cli.env, { catalog: s.catalog })).stdout);
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await s?.cli.dispose();
  });

  it("lists each server with the count of its own current tools", async () => {
    const { items } = await walk("/api/servers?limit=100");
    expect(items.find((i: any) => i.server === GITHUB).tools).toBeGreaterThan(0);
    for (const item of items) {
      const listed = await walk(`/api/tools?server=${encodeURIComponent(item.server)}&limit=100`);
      expect({ server: item.server, tools: item.tools }).toEqual({ server: item.server, tools: listed.items.length });
    }
  });

  it("finds a tool by exact name on every server that has it, each with its page", async () => {
    const { status, body } = await json("/api/tools?name=DELETE_FILE");
    expect(status).toBe(200);
    expect(body.nextCursor).toBeNull();
    const github = body.items.find((i: any) => i.server === GITHUB);
    expect(github).toMatchObject({ tool: "delete_file", category: "destructive", risk: "critical", rule: { action: "deny" } });
    expect(github.page).toBe(`/servers/${encodeURIComponent(GITHUB)}/tools/delete_file`);
  });

  it("pages every tool exactly once with keyset cursors, in name order", async () => {
    const stats = (await json("/api/stats")).body;
    const { items, pages } = await walk("/api/tools?limit=7");
    expect(items).toHaveLength(stats.tools);
    expect(pages).toBe(Math.ceil(stats.tools / 7));
    const keys = items.map((i) => `${i.tool.toLowerCase()}\u0000${i.server}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(keys);
  });

  it("pages a ranked search in the order of one big page, filtered by category", async () => {
    const whole = (await json("/api/tools?q=delete&limit=100")).body.items.map((i: any) => `${i.server} ${i.tool}`);
    expect(whole.length).toBeGreaterThan(3);
    const { items } = await walk("/api/tools?q=delete&limit=2");
    expect(items.map((i) => `${i.server} ${i.tool}`)).toEqual(whole);
    const destructive = (await json("/api/tools?q=delete&category=destructive&limit=100")).body.items;
    expect(destructive.length).toBeGreaterThan(0);
    expect(destructive.every((i: any) => i.category === "destructive")).toBe(true);
  });

  it("answers one tool on one server, and 404 with suggestions for a near miss", async () => {
    const { status, body } = await json(`/api/tools/${encodeURIComponent(GITHUB)}/delete_file`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ server: GITHUB, tool: "delete_file", risk: "critical" });
    const miss = await json(`/api/tools/${encodeURIComponent(GITHUB)}/delete_fil`);
    expect(miss.status).toBe(404);
    expect(miss.body.error.message).toContain("no tool named 'delete_fil'");
    expect(miss.body.error.suggestions).toContain("delete_file");
  });

  it("answers 409 with the candidates for an ambiguous server, 404 with close keys for an unknown one", async () => {
    const amb = await json("/api/servers/io.github.");
    expect(amb.status).toBe(409);
    // The first 20, and that more match: the look-up reads a 21st only to know there are more.
    expect(amb.body.error.candidates.length).toBe(20);
    expect(amb.body.error.moreCandidates).toBe(true);
    expect(amb.body.error.candidates[0]).toHaveProperty("page");
    // The look-up stops at 21 of the many io.github. servers: the count is only "more than 20", as the CLI says.
    expect(amb.body.error.message).toBe("'io.github.' matches more than 20 servers; name one of them");
    const unknown = await json("/api/servers/no.such%2Fserver");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain("no.such/server");
    // A near miss gets the close keys, best first, wherever a server is named.
    for (const path of [`/api/servers/${encodeURIComponent(`${GITHUB}x`)}`, `/api/tools/${encodeURIComponent(`${GITHUB}x`)}/delete_file`, `/api/tools?server=${encodeURIComponent(`${GITHUB}x`)}`]) {
      const miss = await json(path);
      expect(miss.status, path).toBe(404);
      expect(miss.body.error.suggestions[0], path).toBe(GITHUB);
    }
  });

  it("answers a repository folder the catalog does not have with a 404 naming the repository's servers, not the repository's server", async () => {
    const enc = encodeURIComponent;
    for (const typed of ["github.com/github/github-mcp-server/packages/does-not-exist", "https://github.com/github/github-mcp-server/tree/main/nope", "github.com/github/github-mcp-server#packages/nope"]) {
      for (const path of [`/api/servers/${enc(typed)}`, `/api/servers/${enc(typed)}/policy`, `/api/tools/${enc(typed)}/delete_file`, `/api/tools?server=${enc(typed)}`, `/api/changes?server=${enc(typed)}`]) {
        const r = await json(path);
        expect(r.status, path).toBe(404);
        expect(r.body.error.message, path).toBe(`no server in the catalog matches '${typed}'`);
        expect(r.body.error.suggestions[0], path).toBe(GITHUB);
      }
    }
    // A folder the catalog has is its server, written as its key writes it or with a slash; the repository's root is the repository's server.
    for (const typed of ["github.com/microsoft/mcp/servers/Azure.Mcp.Server", "github.com/microsoft/mcp#servers/azure.mcp.server", "https://github.com/microsoft/mcp/tree/main/servers/Azure.Mcp.Server"]) {
      const r = await json(`/api/servers/${enc(typed)}`);
      expect(r.status, typed).toBe(200);
      expect(r.body.server, typed).toBe("com.microsoft/azure");
    }
    expect((await json(`/api/servers/${enc("https://github.com/github/github-mcp-server/tree/main")}`)).body.server).toBe(GITHUB);
    // A repository whose servers all live in folders: its root, or another folder, suggests them.
    for (const typed of ["github.com/microsoft/mcp", "github.com/microsoft/mcp/servers/nope"]) {
      const miss = await json(`/api/servers/${enc(typed)}`);
      expect(miss.status, typed).toBe(404);
      expect(miss.body.error.suggestions[0], typed).toBe("com.microsoft/azure");
    }
  });

  it("answers 400 with the parameter named for bad parameters", async () => {
    for (const [path, needle] of [
      ["/api/tools?limit=0", "limit"],
      ["/api/tools?limit=abc", "limit"],
      ["/api/tools?category=sideways", "category"],
      ["/api/tools?risk=extreme", "risk"],
      ["/api/tools?cursor=not-a-cursor", "cursor"],
      ["/api/tools?name=a&q=b", "name and q"],
      ["/api/changes?since=2026-02-30", "since"],
      // Before the year 0001: Postgres refuses the instant (22008, 22009), which was a 500.
      ["/api/changes?since=1000000d", "since must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z (the years 0001 to 9999, UTC); got '1000000d'"],
      ["/api/changes?since=740000d", "since must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z"],
      ["/api/changes?since=0000-01-01", "since must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z"],
      ["/api/tools?limit=2&limit=3", "limit: given more than once"],
      ["/api/tools?name=a&name=b", "name: given more than once"],
      ["/v0.1/servers?search=a&search=b", "search: given more than once"],
      [`/api/servers/${encodeURIComponent(GITHUB)}/policy?format=xml`, "format"],
      // A server name Claude Code would not take, or whose "_" would run into the "__" of mcp__<server>__<tool>.
      [`/api/servers/${encodeURIComponent(GITHUB)}/policy?format=claude-code&clientName=a_`, `the claude-code format cannot hold the server name 'a_' of ${GITHUB}`],
      [`/api/servers/${encodeURIComponent(GITHUB)}/policy?format=claude-code&clientName=my.gh`, `the claude-code format cannot hold the server name 'my.gh' of ${GITHUB}`],
      // A server name Codex refuses to start (codex-rs validate_mcp_server_name).
      [`/api/servers/${encodeURIComponent(GITHUB)}/policy?format=codex&clientName=my.gh`, `the codex format cannot hold the server name 'my.gh' of ${GITHUB}: Codex takes only letters`],
    ] as const) {
      const r = await json(path);
      expect(r.status, path).toBe(400);
      expect(r.body.error.message, path).toContain(needle);
    }
    // A cursor of one list is no cursor of another.
    const serverCursor = (await json("/api/servers?limit=1")).body.nextCursor;
    expect((await json(`/api/tools?cursor=${serverCursor}`)).status).toBe(400);
    // A hand-made cursor of the right shape but a key Postgres would reject is a 400 too, never a 500.
    const made = (kind: string, key: unknown) => Buffer.from(JSON.stringify([kind, key])).toString("base64url");
    for (const path of [
      `/api/changes?cursor=${made("change", ["not-a-date", 1])}`,
      `/api/changes?cursor=${made("change", ["2026-02-30 10:00:00+00", 1])}`,
      `/api/changes?cursor=${made("change", ["2026-01-01 10:00:00+00", 2 ** 40])}`,
      `/api/tools?q=file&cursor=${made("search", [0.5, 0, 0, "0.1", "a", "b"])}`,
      // Text no key the API issued holds, and Postgres cannot: a NUL fails the query, a lone surrogate is looked up as U+FFFD.
      `/api/tools?q=a&cursor=${made("search", [0, 0, 0, "0", "a\u0000", "b"])}`,
      `/api/tools?q=a&cursor=${made("search", [0, 0, 0, "0", "\ud800", "b"])}`,
      `/api/tools?cursor=${made("name", ["a\u0000", "b"])}`,
      `/api/servers?cursor=${made("server", "\u0000")}`,
      `/api/servers?cursor=${made("server", "\udfff")}`,
      `/v0.1/servers?cursor=${made("feed", ["\u0000", null])}`,
      `/v0.1/servers?cursor=${made("feed", ["a", "0000-01-01T00:00:00Z"])}`,
      // An offset and years Postgres refuses; a form the API never issues.
      `/api/changes?cursor=${made("change", ["2026-01-01 00:00:00+99", 1])}`,
      `/api/changes?cursor=${made("change", ["0000-01-01 00:00:00Z", 1])}`,
      `/api/changes?cursor=${made("change", ["0000-01-01 00:00:00+00", 1])}`,
      `/api/changes?cursor=${made("change", ["9999-12-31T23:59:59.999999-1259", 1])}`,
      `/api/changes?cursor=${made("change", ["-001-01-01 00:00:00Z", 1])}`,
    ]) {
      const r = await json(path);
      expect(r.status, path).toBe(400);
      expect(r.body.error.message, path).toBe("cursor is not one this API issued (pass back nextCursor unchanged)");
    }
    // The pages read the same cursors: a 400 page, not a 500.
    expect((await get(`/search?q=a&cursor=${made("search", [0, 0, 0, "0", "a\u0000", "b"])}`)).status).toBe(400);
    expect(s.log.filter((l) => l.startsWith("error:"))).toEqual([]);
  });

  it("cuts a long name in an error message, as the CLI does", async () => {
    // As long as a name may be (1,000 bytes).
    const long = "n".repeat(1000);
    for (const path of [`/api/servers/${long}`, `/api/tools/${encodeURIComponent(GITHUB)}/${long}`]) {
      const r = await json(path);
      expect(r.status, path).toBe(404);
      expect(r.body.error.message.length, path).toBeLessThan(500);
      expect(r.body.error.message, path).toContain("…");
    }
  });

  it("takes only a page size of plain decimal digits, from 1 to 100, with one message for every way it is wrong", async () => {
    for (const path of ["/api/tools?limit=1e2", "/api/tools?limit=%20", "/api/tools?limit=", "/api/tools?limit=0x10", "/api/tools?limit=2.0", "/api/tools?limit=-1", "/api/tools?limit=0", "/api/tools?limit=101", "/api/servers?limit=%2B5", "/api/changes?limit=1e1"]) {
      const r = await json(path);
      expect(r.status, path).toBe(400);
      expect(r.body.error.message, path).toBe("limit: must be a whole number from 1 to 100");
    }
    for (const path of ["/v0.1/servers?limit=1e1", "/v0.1/servers?limit=%20"]) {
      const r = await json(path);
      expect(r.status, path).toBe(400);
      expect(r.body.error.message, path).toBe("limit: must be a whole number from 1 to 100");
    }
    const { status, body } = await json("/api/tools?limit=007");
    expect(status).toBe(200);
    expect(body.items).toHaveLength(7);
  });

  it("refuses blank search text rather than listing every tool", async () => {
    for (const path of ["/api/tools?q=%20", "/api/tools?q=", "/api/tools?q=%09%0A", "/api/servers?q=%20"]) {
      const r = await json(path);
      expect(r.status, path).toBe(400);
      expect(r.body.error.message, path).toBe("q: must not be empty");
    }
    // The feed's search is the registry's: blank is no filter there.
    expect((await json("/v0.1/servers?search=%20&limit=1")).status).toBe(200);
  });

  it("refuses search text over 256 characters and names over 1,000 bytes, naming the parameter and the limit, on every route", async () => {
    const g = encodeURIComponent(GITHUB);
    const text = "a".repeat(257);
    const name = encodeURIComponent("\u00e9".repeat(501));
    for (const [path, message] of [
      [`/api/tools?q=${text}`, "q: must be at most 256 characters"],
      [`/api/servers?q=${text}`, "q: must be at most 256 characters"],
      [`/v0.1/servers?search=${text}`, "search: must be at most 256 characters"],
      [`/api/tools?name=${name}`, "name: must be at most 1000 bytes (UTF-8)"],
      [`/api/tools?q=a&server=${name}`, "server: must be at most 1000 bytes (UTF-8)"],
      [`/api/tools/${g}/${name}`, "tool: must be at most 1000 bytes (UTF-8)"],
      [`/api/tools/${name}/delete_file`, "server: must be at most 1000 bytes (UTF-8)"],
      [`/api/servers/${name}`, "server: must be at most 1000 bytes (UTF-8)"],
      [`/api/servers/${name}/policy`, "server: must be at most 1000 bytes (UTF-8)"],
      [`/api/changes?server=${name}`, "server: must be at most 1000 bytes (UTF-8)"],
      [`/v0.1/servers/${name}/versions/latest`, "name: must be at most 1000 bytes (UTF-8)"],
    ] as const) {
      const r = await json(path);
      expect(r.status, path).toBe(400);
      expect(r.body.error.message, path).toBe(message);
    }
    // At the limits, an answer: 256 characters (each two UTF-16 units here), a name of 1,000 bytes.
    const longest = await json(`/api/tools?q=${encodeURIComponent("\u{1f600}".repeat(256))}`);
    expect(longest.status).toBe(200);
    expect(longest.body.items).toEqual([]);
    expect((await json(`/api/tools?name=${encodeURIComponent("\u00e9".repeat(500))}`)).body.items).toEqual([]);
    expect((await json(`/api/servers/${encodeURIComponent("\u00e9".repeat(500))}`)).status).toBe(404);
    expect(s.log.filter((l) => l.startsWith("error:"))).toEqual([]);
  });

  it("answers 400 naming the parameter for a NUL, which Postgres text cannot hold, on every route", async () => {
    for (const [path, needle] of [
      ["/api/tools?q=a%00b", "q:"],
      ["/api/tools?name=%00", "name:"],
      ["/api/tools?server=%00", "server:"],
      ["/api/servers?q=%00", "q:"],
      ["/api/servers/%00", "path:"],
      [`/api/tools/${encodeURIComponent(GITHUB)}/%00`, "path:"],
      ["/api/changes?server=%00", "server:"],
      [`/api/servers/${encodeURIComponent(GITHUB)}/policy?clientName=%00`, "clientName:"],
      ["/v0.1/servers?search=%00", "search:"],
    ] as const) {
      const r = await json(path);
      expect(r.status, path).toBe(400);
      expect(r.body.error.message, path).toBe(`${needle} must not contain a NUL character`);
      expect(r.headers.get("access-control-allow-origin"), path).toBe("*");
    }
    expect(s.log.filter((l) => l.startsWith("error:"))).toEqual([]);
  });

  it("answers 400 naming the parameter for percent-encoded bytes that are not UTF-8 (a lone surrogate's, an overlong form), on every route", async () => {
    const g = encodeURIComponent(GITHUB);
    for (const bad of ["%ED%A0%80", "a%ED%B0%80b", "%C0%AF", "%FF", "%E0%A4%A"]) {
      for (const [path, needle] of [
        [`/api/tools?q=${bad}`, "q"],
        [`/api/tools?name=${bad}`, "name"],
        [`/api/tools?server=${bad}`, "server"],
        [`/api/tools?cursor=${bad}`, "cursor"],
        [`/api/servers?q=${bad}`, "q"],
        [`/api/servers/${bad}`, "path"],
        [`/api/servers/${bad}/policy`, "path"],
        [`/api/tools/${g}/${bad}`, "path"],
        [`/api/changes?since=${bad}`, "since"],
        [`/api/servers/${g}/policy?format=codex&clientName=${bad}`, "clientName"],
        [`/v0.1/servers?search=${bad}`, "search"],
        [`/v0.1/servers/${bad}/versions/latest`, "path"],
        [`/api/tools?${bad}=x`, "query"],
      ] as const) {
        const r = await json(path);
        expect(r.status, path).toBe(400);
        expect(r.body.error.message, path).toBe(`${needle}: its percent-encoded bytes are not UTF-8 text`);
        // With the headers of every other answer: a script on another origin may read why, and nothing keeps it.
        expect(r.headers.get("access-control-allow-origin"), path).toBe("*");
        expect(r.headers.get("cache-control"), path).toBe("no-cache");
        expect(r.headers.get("x-content-type-options"), path).toBe("nosniff");
      }
    }
    // A % that starts no escape is the character itself, as the router reads it.
    expect((await json("/api/servers?q=100%")).status).toBe(200);
    expect(s.log.filter((l) => l.startsWith("error:"))).toEqual([]);
  });

  it("pages servers and shows one with its verdict, tools, aliases and sources", async () => {
    const stats = (await json("/api/stats")).body;
    const { items } = await walk("/api/servers?limit=50");
    expect(items).toHaveLength(stats.servers.total);
    const github = await json(`/api/servers/${encodeURIComponent(GITHUB)}`);
    expect(github.status).toBe(200);
    expect(github.body.items.some((t: any) => t.tool === "delete_file")).toBe(true);
    expect(github.body.verdict.risk).toBe("critical");
    expect(github.body.verdict.summary).toMatch(/denied/);
    // The grade and its reasons come from the same assessment `policy` and `stats` print.
    expect(["A", "B", "C", "D", "F"]).toContain(github.body.grade.grade);
    expect(github.body.grade.reasons.some((r: any) => /critical tool/.test(r.reason) && r.points > 0)).toBe(true);
    expect(github.body).toHaveProperty("toxicFlow");
    expect(github.body.aliases.some((a: any) => a.kind === "registry")).toBe(true);
    expect(github.body.sources.length).toBeGreaterThan(0);
    // In the one ISO form of every other time the API sends, whichever driver printed it (Postgres: microseconds, "+00").
    for (const source of github.body.sources) expect(source.fetchedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const filtered = (await json("/api/servers?q=kubernetes&limit=100")).body.items;
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((i: any) => `${i.server} ${i.title} ${i.description}`.toLowerCase().includes("kubernetes"))).toBe(true);
  });

  it("counts a server's approvals and denials by its tools' rules, as its policy's header does, wherever its verdict is shown", async () => {
    const path = `/api/servers/${encodeURIComponent(GITHUB)}`;
    const { verdict, items } = (await json(path)).body;
    // sub_issue_write is a medium write whose rule is deny: one of its actions (method=remove) is destructive.
    expect(items.find((t: any) => t.tool === "sub_issue_write")).toMatchObject({ risk: "medium", rule: { action: "deny" } });
    const header = (await (await get(`${path}/policy?format=intercept`)).text()).match(/(\d+) need approval, (\d+) denied;/)!;
    expect([verdict.needsApproval, verdict.denied]).toEqual([Number(header[1]), Number(header[2])]);
    expect(verdict.denied).toBe(items.filter((t: any) => t.rule?.action === "deny").length);
    expect(verdict.summary).toContain(`${verdict.denied} denied`);
    const feed = (await json(`/v0.1/servers/${encodeURIComponent(GITHUB)}/versions/latest`)).body._meta[FINDINGS_META].verdict;
    expect(feed).toMatchObject({ needsApproval: verdict.needsApproval, denied: verdict.denied, summary: verdict.summary });
    expect(await (await get(`/servers/${encodeURIComponent(GITHUB)}`)).text()).toContain(verdict.summary);
  });

  it("serves the policy in every dialect as the policy command writes it", async () => {
    for (const format of FORMAT_NAMES) {
      const r = await get(`/api/servers/${encodeURIComponent(GITHUB)}/policy?format=${format}`);
      expect(r.status, format).toBe(200);
      const text = await r.text();
      const type = r.headers.get("content-type")!;
      if (type.startsWith("application/json")) expect(() => JSON.parse(text)).not.toThrow();
      if (type.startsWith("application/yaml")) expect(() => parseYaml(text)).not.toThrow();
      if (type.startsWith("application/toml")) {
        expect(parseToml(text)).toEqual(parseToml(cli.codex!));
      }
    }
    const native = JSON.parse(await (await get(`/api/servers/${encodeURIComponent(GITHUB)}/policy`)).text());
    // Default deny: a denied tool is denied by being left out (or by an explicit deny).
    expect(native.default).toBe("deny");
    expect(native.tools.delete_file?.action ?? "deny").toBe("deny");
    expect(native.tools.get_file_contents).toEqual({});
  });

  it("pages the change feed newest first and filters it by since", async () => {
    const { items } = await walk("/api/changes?limit=25");
    const stats = (await json("/api/stats")).body;
    expect(items).toHaveLength(stats.tools); // the snapshot's one run added every tool
    const times = items.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await json("/api/changes?since=2999-01-01")).body.items).toEqual([]);
    // The year 99, not 1999: every change is after it.
    expect((await json("/api/changes?since=0099-01-01&limit=1")).body.items).toHaveLength(1);
    expect((await json("/api/changes?since=7d&limit=1")).body.items[0].labels).toContain("new tool");
  });

  it("answers stats as the stats command tells them, tools by category and risk among them", async () => {
    const { body } = await json("/api/stats");
    expect(body).toEqual(cli.stats);
    expect(body.lastRun.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(body.byCategoryRisk.reduce((n: number, r: any) => n + r.tools, 0)).toBe(body.classified + body.classifiedNow);
  });

  it("sends ETags and answers 304 to a matching If-None-Match; CORS for GET", async () => {
    const first = await get("/api/tools?name=delete_file", { headers: { origin: "https://elsewhere.example" } });
    const tag = first.headers.get("etag");
    expect(tag).toMatch(/^"[0-9a-f]+"$/);
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    // A script elsewhere revalidating by hand reads the 304 only if it carries the CORS headers too.
    const again = await get("/api/tools?name=delete_file", { headers: { origin: "https://elsewhere.example", "if-none-match": tag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(tag);
    expect(again.headers.get("access-control-allow-origin")).toBe("*");
    expect(again.headers.get("access-control-expose-headers")).toBe("ETag,Retry-After");
    const preflight = await get("/api/tools", { method: "OPTIONS", headers: { origin: "https://elsewhere.example", "access-control-request-method": "GET" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("answers a server's tools unpaged, and pages the same items at /api/tools?server=, as the OpenAPI document says", async () => {
    const { body: detail } = await json(`/api/servers/${encodeURIComponent(GITHUB)}`);
    const paged = await walk(`/api/tools?server=${encodeURIComponent(GITHUB)}&limit=7`);
    expect(paged.pages).toBeGreaterThan(1);
    const byName = (items: any[]) => [...items].sort((a, b) => (a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0));
    expect(byName(paged.items)).toEqual(byName(detail.items));
    const { body: openapi } = await json("/api/openapi.json");
    expect(openapi.paths["/servers/{server}"].get.description).toContain("/api/tools?server=");
    // ServerDetail extends Server: its own fields are a part of an allOf.
    const detailSchema = openapi.components.schemas.ServerDetail;
    const items = (detailSchema.allOf ?? [detailSchema]).find((part: any) => part.properties?.items)?.properties.items;
    expect(items.description).toContain("/api/tools?server=");
  });

  it("publishes an OpenAPI document generated from the route schemas", async () => {
    const { status, body } = await json("/api/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(["/tools", "/tools/{server}/{tool}", "/servers", "/servers/{server}", "/servers/{server}/policy", "/changes", "/stats"]),
    );
    const limit = body.paths["/tools"].get.parameters.find((p: any) => p.name === "limit");
    expect(limit.schema.maximum).toBe(100);
    const category = body.paths["/tools"].get.parameters.find((p: any) => p.name === "category");
    expect(category.schema.enum).toEqual(["read", "write", "execute", "destructive", "financial"]);
    expect(Object.keys(body.components.schemas.Stats.properties).sort()).toEqual(Object.keys(cli.stats).sort());
  });

  it("documents each policy dialect's body as what is sent: a JSON object in JSON, text in YAML and TOML", async () => {
    const { body: openapi } = await json("/api/openapi.json");
    const content = openapi.paths["/servers/{server}/policy"].get.responses["200"].content;
    for (const format of ["native", "claude-code", "intercept", "cedar", "agentgateway", "codex"]) {
      const r = await get(`/api/servers/${encodeURIComponent(GITHUB)}/policy?format=${format}`);
      const media = r.headers.get("content-type")!.split(";")[0]!;
      const schema = content[media]?.schema;
      if (media === "application/json") {
        // A JSON schema of type string says the body is a JSON string ("..."), which no client reading the document accepts.
        expect(schema, format).toMatchObject({ type: "object" });
        expect(typeof JSON.parse(await r.text()), format).toBe("object");
      } else {
        expect(schema, format).toMatchObject({ type: "string" });
      }
    }
  });

  it("answers an unknown route with a JSON 404 and logs one line per request", async () => {
    const r = await json("/api/nothing-here");
    expect(r.status).toBe(404);
    expect(r.body.error.status).toBe(404);
    expect(s.log.some((l) => /^GET \/api\/nothing-here 404 \d+(\.\d+)?ms$/.test(l))).toBe(true);
    expect(s.log.filter((l) => l.startsWith("error:"))).toEqual([]);
  });

  it("logs a path's control characters and newlines escaped: a URL cannot clear the screen or forge a line", async () => {
    expect((await get("/api/servers/%1B%5B2J%1B%5B31mPWNED%0Afake%20line")).status).toBe(404);
    expect((await get("/api/servers/a%00b")).status).toBe(400);
    expect(s.log.some((l) => l.startsWith("GET /api/servers/\\u{1b}[2J\\u{1b}[31mPWNED fake line 404 "))).toBe(true);
    expect(s.log.some((l) => l.startsWith("GET /api/servers/a\\u{0}b 400 "))).toBe(true);
    expect(s.log.filter((l) => /[\u0000-\u001f\u007f]/.test(l))).toEqual([]);
  });
});
