// risk, search, policy and changes as users run them, on a catalog built from the shipped recordings of real data.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CLASSIFIER_VERSION } from "../classifier/classify.js";
import { FORMAT_NAMES, type FormatName } from "../classifier/formats/formats.js";
import { actionSplit } from "../classifier/formats/export.js";
import { decisionOf, type Rule } from "../classifier/policy.js";
import { CATEGORIES, RISKS, type Risk } from "../classifier/taxonomy.js";
import { command as annotations } from "../scripts/commands/annotations.js";
import { command as changes, parseSince } from "../scripts/commands/changes.js";
import { command as classify } from "../scripts/commands/classify.js";
import { command as policy } from "../scripts/commands/policy.js";
import { command as risk } from "../scripts/commands/risk.js";
import { command as search } from "../scripts/commands/search.js";
import { command as stats } from "../scripts/commands/stats.js";
import { READER_EXIT_CODES } from "../scripts/open-catalog.js";
import { DRIVERS } from "./helpers/catalog.js";
import { describesField, namesField, readmePart } from "./helpers/readme.js";
import { runCli } from "./helpers/cli.js";
import { glamaId, startGlamaReplay } from "./helpers/glama-replay.js";
import { registryItem, startRegistryReplay } from "./helpers/registry-replay.js";
import { expectedDecision, policyKey, readPolicy, RISK_DECISION } from "./helpers/policy-readers.js";
import { emptyCliCatalog, snapshotCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";
import { scratchBase } from "./helpers/templates.js";

const GITHUB = "io.github.github/github-mcp-server";
const KUBERNETES = "github.com/containers/kubernetes-mcp-server";
const ESC = "\u001b";

/** How each format's test names the GitHub server: every identity `policy SERVER` accepts. */
const IDENTITY: Record<FormatName, string> = {
  native: GITHUB,
  intercept: "https://github.com/github/github-mcp-server",
  "claude-code": "oci:ghcr.io/github/github-mcp-server:0.16.0",
  codex: "io.github.github/github-mcp", // a unique prefix
  cedar: "IO.GITHUB.GITHUB/GITHUB-MCP-SERVER",
  agentgateway: "git@github.com:github/github-mcp-server.git",
};

describe.each(DRIVERS)("the read commands on a catalog of real data (%s)", (driver) => {
  let cat: CliCatalog;
  let dir: string;
  /** GitHub's tools as the classifications table has them: the answer every command must agree with. */
  let github: Map<string, { risk: Risk; category: string; rule: Rule }>;
  let kubernetes: string[];
  const cli = (argv: string[], { tty = false }: { tty?: boolean } = {}) => cat.cli(argv, {}, { tty });

  beforeAll(async () => {
    dir = mkdtempSync(join(scratchBase(), "mcp-catalog-lookups-"));
    cat = await snapshotCliCatalog(driver);
    const rows = await cat.rows<{ key: string; name: string; risk: Risk; category: string; rule: Rule }>(
      sql`select s.key, t.name, c.risk, c.category, c.rule from tools t join servers s on s.id = t.server_id join classifications c on c.tool_id = t.id
          where s.key in (${GITHUB}, ${KUBERNETES}) and t.removed_at is null`,
    );
    github = new Map(rows.filter((r) => r.key === GITHUB).map((r) => [r.name, { risk: r.risk, category: r.category, rule: r.rule }]));
    kubernetes = rows.filter((r) => r.key === KUBERNETES).map((r) => r.name);
    expect(github.size).toBeGreaterThan(100);
  });
  afterAll(async () => {
    await cat?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test("risk NAME --json: one object with the groups and one entry per server with the tool, matched case-insensitively, every field filled", async () => {
    const r = await cli(["risk", "PROJECTS_LIST", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(1);
    const answer = JSON.parse(r.stdout) as { name: string; total: number; groups: { category: string; risk: string; count: number }[]; entries: Record<string, unknown>[] };
    expect(Object.keys(answer)).toEqual(["name", "total", "tools", "groups", "outdated", "entries", "lookalikes"]);
    expect(answer).toMatchObject({ name: "PROJECTS_LIST", total: 2, tools: 2, lookalikes: { total: 0, entries: [] } });
    expect(answer.groups.reduce((n, g) => n + g.count, 0)).toBe(2);
    const entries = answer.entries;
    expect(entries.map((e) => e.server).sort()).toEqual([GITHUB, KUBERNETES].sort());
    for (const e of entries) {
      expect(Object.keys(e).sort()).toEqual(["annotations", "category", "classifierVersion", "confidence", "hints", "method", "rationale", "reviewedBy", "risk", "rule", "server", "signals", "stored", "storedClassifierVersion", "tool"]);
      expect(e).toMatchObject({ method: "rules", reviewedBy: null, stored: true, storedClassifierVersion: CLASSIFIER_VERSION });
      expect(e.hints).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true });
      expect(e.tool).toBe("projects_list");
      expect(CATEGORIES).toContain(e.category);
      expect(RISKS).toContain(e.risk);
      expect(e.confidence).toBeGreaterThan(0);
      expect(e.confidence).toBeLessThanOrEqual(1);
      expect(e.rationale).toMatch(/list/i);
      expect((e.signals as string[]).length).toBeGreaterThan(0);
      expect(e.classifierVersion).toBe(CLASSIFIER_VERSION);
      expect(e.annotations).toBeNull(); // Glama publishes no annotations
      const rule = e.rule as { action?: string; limits?: unknown[] };
      const decision = rule.action === "deny" ? "deny" : rule.action === "require_approval" ? "approve" : rule.limits?.length ? "limit" : "allow";
      expect(decision).toBe(RISK_DECISION[e.risk as Risk]);
    }
    expect(entries.find((e) => e.server === GITHUB)).toMatchObject({ risk: github.get("projects_list")!.risk, category: github.get("projects_list")!.category });
  });

  test("risk --server narrows to one server (named by its repository URL); on a terminal the risk is coloured", async () => {
    const r = await cli(["risk", "projects_list", "--server", "https://github.com/containers/kubernetes-mcp-server/"], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${ESC}[2mon${ESC}[0m ${KUBERNETES}`);
    expect(r.stdout).not.toContain(GITHUB);
    expect(r.stdout).toContain(`${ESC}[32mLOW${ESC}[0m — read, confidence 0.9`);
    expect(r.stdout).toMatch(/\n {2}predicted {3}readOnlyHint=true, destructiveHint=false/);
    expect(r.stdout).toMatch(/\n {2}declared {4}none declared\n/);
    expect(r.stdout).toMatch(/\n {2}rule {8}\{\}\n/);
    expect(r.stdout).toMatch(/\n {2}decided by {2}the rules\n/);
    expect(r.stdout).toMatch(/\n {2}why {9}.*OpenShift projects/);
  });

  test("an unknown name exits 1 with did-you-mean suggestions by trigram similarity", async () => {
    const r = await cli(["risk", "delte_fil"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^mcp-catalog risk: no tool named 'delte_fil' in the catalog\. Did you mean: delete_file\b.*\?\n$/);
    // With --server, the suggestions are that server's own names.
    const scoped = await cli(["risk", "pods_lst", "--server", KUBERNETES]);
    expect(scoped.code).toBe(1);
    expect(scoped.stderr).toMatch(new RegExp(`^mcp-catalog risk: no tool named 'pods_lst' on ${KUBERNETES}\\. Did you mean: pods_list\\b`));
    const suggested = /Did you mean: (.*)\?/.exec(scoped.stderr)![1]!.split(", ");
    for (const name of suggested) expect(kubernetes).toContain(name);
  });

  test("search ranks names containing the text above tools that only mention it, within --limit", async () => {
    const r = await cli(["search", "pull_request", "--limit", "30", "--json"]);
    expect(r.code).toBe(0);
    const found = JSON.parse(r.stdout) as { tool: string; description: string; server: string }[];
    expect(found.length).toBeGreaterThan(15);
    expect(found.length).toBeLessThanOrEqual(30);
    const named = found.map((t) => t.tool.includes("pull_request"));
    const lastNamed = named.lastIndexOf(true);
    const firstUnnamed = named.indexOf(false);
    expect(firstUnnamed).toBeGreaterThan(lastNamed); // every name hit before any description-only hit
    for (const t of found.filter((t) => !t.tool.includes("pull_request"))) expect(t.description.toLowerCase()).toMatch(/pull.request/);
    expect(new Set(found.map((t) => `${t.server}/${t.tool}`)).size).toBe(found.length);
  });

  test("search --json and changes --json: README names and describes every field each entry has", async () => {
    const found = JSON.parse((await cli(["search", "pull_request", "--limit", "5", "--json"])).stdout) as Record<string, unknown>[];
    const feed = JSON.parse((await cli(["changes", "--limit", "5", "--json"])).stdout) as Record<string, unknown>[];
    expect(found.length).toBeGreaterThan(0);
    expect(feed.length).toBeGreaterThan(0);
    for (const [heading, entries] of [["### `mcp-catalog search ", found], ["### `mcp-catalog changes ", feed]] as const) {
      const section = readmePart(heading, "\n### ");
      const list = /`--json` prints an array[\s\S]*?`(\{[^`]*\})`/.exec(section)?.[1] ?? "";
      for (const key of new Set(entries.flatMap((e) => Object.keys(e)))) {
        expect(namesField(list, key), `${heading}: README's list names ${key}`).toBe(true);
        expect(describesField(section, key), `${heading}: README's table describes ${key}`).toBe(true);
      }
    }
  });

  test("search and risk take text up to their limits (256 characters, a name of 1000 bytes)", async () => {
    const search = await cli(["search", "\u{1f600}".repeat(256)]);
    expect(search).toMatchObject({ code: 0, stdout: "" });
    expect(search.stderr).toMatch(/^no tools match '/);
    const risk = await cli(["risk", "\u00e9".repeat(500)]);
    expect(risk.code).toBe(1);
    expect(risk.stderr).toMatch(/^mcp-catalog risk: no tool named '\u00e9+…' in the catalog/);
  });

  test("search filters by --category, --risk and --server; the exact name comes first; piped text has no colour", async () => {
    const r = await cli(["search", "delete_file", "--category", "destructive", "--risk", "critical", "--server", GITHUB]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(ESC);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.length % 2).toBe(0);
    const rows = lines.filter((_, i) => i % 2 === 0).map((line) => /^(\w+) +(\w+) +(\S+) {2}(\S+)$/.exec(line)?.slice(1));
    expect(rows[0]).toEqual(["critical", "destructive", "delete_file", GITHUB]);
    expect(lines[1]).toBe("         Delete a file from a GitHub repository");
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row).toEqual(["critical", "destructive", row![2], GITHUB]);
      expect(github.get(row![2]!)).toMatchObject({ risk: "critical", category: "destructive" });
    }
  });

  test.each(FORMAT_NAMES)("policy --format %s: every GitHub tool, with the decision its risk calls for", async (format) => {
    const out = join(dir, `policy.${format}`);
    // cedar goes through --out; the others through stdout.
    const viaFile = format === "cedar";
    const r = await cli(["policy", IDENTITY[format], "--format", format, ...(viaFile ? ["--out", out] : [])]);
    expect(r.code).toBe(0);
    const text = viaFile ? readFileSync(out, "utf8") : r.stdout;
    if (viaFile) {
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(new RegExp(`wrote the cedar policy for ${GITHUB.replace(/[./]/g, "\\$&")} \\(${github.size} tools\\) to .*\n$`));
    }
    // Everything else on stderr names a rule the dialect could not express.
    // The grade and any toxic flow come first; everything else on stderr names a rule the dialect could not express.
    const lines = r.stderr.split("\n").filter((l) => l && !l.startsWith("wrote "));
    expect(lines[0]).toMatch(new RegExp(`^${GITHUB.replace(/[./]/g, "\\$&")}: grade [A-F] \\(`));
    for (const line of lines.slice(1).filter((l) => !l.startsWith("toxic flow: "))) expect(line).toMatch(new RegExp(`^warning: ${format}: `));
    const decisions = readPolicy(format, text, "github-mcp-server");
    const expected = new Map(
      [...github].flatMap(([name, { rule }]) => {
        const decision = expectedDecision(format, rule, name);
        return decision === undefined ? [] : [[policyKey(format, "github-mcp-server", name), decision] as const];
      }),
    );
    expect(decisions).toEqual(expected);
    // Each dialect says something other than "allow" for at least the critical tools (policy.json by leaving them out).
    if (format === "native") expect(decisions.size).toBeLessThan(github.size);
    else expect([...decisions.values()].filter((d) => d === "deny").length).toBeGreaterThan(0);
  });

  test("policy --hide: intercept lists every tool denied outright in `hide` (out of `tools`); no dialect says it cannot hide", async () => {
    const r = await cli(["policy", GITHUB, "--format", "intercept", "--hide"]);
    expect(r.code).toBe(0);
    const expected = new Map(
      [...github].map(([name, { rule }]) => {
        const decision = expectedDecision("intercept", rule, name)!;
        const allowsSome = (actionSplit({ rule })?.allowed.length ?? 0) > 0;
        return [name, decisionOf(rule) === "deny" && !allowsSome ? "hide" : decision] as const;
      }),
    );
    expect([...expected.values()].filter((d) => d === "hide").length).toBeGreaterThan(0);
    expect(readPolicy("intercept", r.stdout, "github-mcp-server")).toEqual(expected);
    for (const format of FORMAT_NAMES) expect((await cli(["policy", GITHUB, "--format", format, "--hide"])).stderr, format).not.toMatch(/cannot hide/);
  });

  test("policy: an ambiguous SERVER exits 2 with the candidates, an unknown one 1 with close keys, and a server without tools 1", async () => {
    const ambiguous = await cli(["policy", "npm:in-memoria"]);
    expect(ambiguous).toEqual({ code: 2, stdout: "", stderr: "mcp-catalog policy: 'npm:in-memoria' matches 2 servers:\n  io.github.pi22by7/in-memoria\n  me.pi22by7/in-memoria\n" });
    const unknown = await cli(["policy", "io.github.nobody/nothing"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toMatch(/^mcp-catalog policy: no server in the catalog matches 'io\.github\.nobody\/nothing'/);
    // A near miss names the close keys, best first (every command that takes a SERVER resolves it this way).
    const near = await cli(["policy", `${GITHUB}x`]);
    expect(near.code).toBe(1);
    expect(near.stderr).toMatch(/^mcp-catalog policy: no server in the catalog matches 'io\.github\.github\/github-mcp-serverx'\. Did you mean: io\.github\.github\/github-mcp-server, .*\?\n$/);
    expect((await cli(["risk", "delete_file", "--server", "kubernetes-mcp"])).stderr).toBe(`mcp-catalog risk: no server in the catalog matches 'kubernetes-mcp'. Did you mean: ${KUBERNETES}?\n`);
    // A package coordinate resolves to its one server, which the recordings give no tools.
    const empty = await cli(["policy", "npm:@agent-infra/mcp-server-filesystem"]);
    expect(empty.code).toBe(1);
    expect(empty.stdout).toBe("");
    expect(empty.stderr).toMatch(/^mcp-catalog policy: io\.github\.bytedance\/mcp-server-filesystem has no tools in the catalog yet/);
  });

  test("a repository folder the catalog does not have exits 1 naming the repository's server, on every command that takes a server", async () => {
    for (const typed of ["github.com/github/github-mcp-server/packages/does-not-exist", "github.com/github/github-mcp-server#packages/nope"]) {
      for (const argv of [["policy", typed], ["annotations", typed], ["risk", "delete_file", "--server", typed], ["search", "delete", "--server", typed], ["changes", "--server", typed], ["policy", "--servers", `${GITHUB},${typed}`]]) {
        const r = await cli(argv);
        expect(r.code, argv.join(" ")).toBe(1);
        expect(r.stdout, argv.join(" ")).toBe("");
        expect(r.stderr.startsWith(`mcp-catalog ${argv[0]}: no server in the catalog matches '${typed}'. Did you mean: ${GITHUB}`), r.stderr).toBe(true);
      }
    }
    // The folder it has is its server: Azure's, which the recordings give no tools.
    expect((await cli(["policy", "github.com/microsoft/mcp/servers/Azure.Mcp.Server"])).stderr).toMatch(/^mcp-catalog policy: com\.microsoft\/azure has no tools in the catalog yet/);
  });

  test("policy: a --client-name the format cannot hold is a clear error, exit 2, nothing written", async () => {
    const r = await cli(["policy", GITHUB, "--format", "claude-code", "--client-name", "my__github"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^mcp-catalog policy: the claude-code format cannot hold the server name 'my__github' of io\.github\.github\/github-mcp-server: .*"__".*; choose another --client-name\n$/);
  });

  test.each([
    // Claude Code would read mcp__a___x as server "a" and tool "_x"; mcp___a__x runs the name into the separator.
    ["a_", /an "_" at either end runs into the "__" around the server name/],
    ["_a", /an "_" at either end runs into the "__" around the server name/],
    // Names Claude Code itself refuses for a server, which the rules would otherwise turn into "_", "_n_", "my_gh".
    ["*", /Claude Code takes only letters, digits, "-" and "_" in a server name/],
    ["ünï", /Claude Code takes only letters, digits, "-" and "_" in a server name/],
    ["my.gh", /Claude Code takes only letters, digits, "-" and "_" in a server name/],
  ])("policy --format claude-code --client-name %j: a name Claude Code would not take or could not tell apart exits 2", async (name, why) => {
    const r = await cli(["policy", GITHUB, "--format", "claude-code", "--client-name", name]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`^mcp-catalog policy: the claude-code format cannot hold the server name '${name.replace(/[.*]/g, "\\$&")}' of ${GITHUB.replace(/[./]/g, "\\$&")}: `));
    expect(r.stderr).toMatch(why);
    expect(r.stderr).toMatch(/; choose another --client-name\n$/);
  });

  test.each(["gh.prod", "my gh", "ünï"])("policy --format codex --client-name %j: a server name Codex refuses to start exits 2", async (name) => {
    // codex-rs validate_mcp_server_name: a server whose name is not ^[a-zA-Z0-9_-]+$ fails to start, so the table would configure nothing.
    const r = await cli(["policy", GITHUB, "--format", "codex", "--client-name", name]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`mcp-catalog policy: the codex format cannot hold the server name '${name}' of ${GITHUB}: Codex takes only letters, digits, "-" and "_" in a server name; choose another --client-name\n`);
    const ok = await cli(["policy", GITHUB, "--format", "codex", "--client-name", "GH-prod_2"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("[mcp_servers.GH-prod_2]");
  });

  test("policy --format claude-code --client-name: a name Claude Code takes names every rule's server", async () => {
    const r = await cli(["policy", GITHUB, "--format", "claude-code", "--client-name", "GH-prod_2"]);
    expect(r.code).toBe(0);
    const { permissions } = JSON.parse(r.stdout) as { permissions: Record<string, string[]> };
    const rules = Object.values(permissions).flat();
    expect(rules.length).toBeGreaterThan(100);
    for (const rule of rules) expect(rule).toMatch(/^mcp__GH-prod_2__[A-Za-z0-9_-]+$/);
  });

  test("changes --json: the recordings' tools arrived as new tools, the destructive ones labelled so", async () => {
    const r = await cli(["changes", "--server", "https://github.com/github/github-mcp-server", "--limit", "1000", "--json"]);
    expect(r.code).toBe(0);
    const feed = JSON.parse(r.stdout) as { at: string; server: string; tool: string; kind: string; labels: string[]; runId: number }[];
    expect(feed).toHaveLength(github.size);
    for (const c of feed) {
      expect(c).toMatchObject({ server: GITHUB, kind: "added" });
      expect(c.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.now() - Date.parse(c.at)).toBeLessThan(10 * 60_000);
      const category = github.get(c.tool)!.category;
      expect(c.labels).toEqual([category === "destructive" ? "new destructive tool" : category === "financial" ? "new financial tool" : "new tool"]);
    }
    expect(feed.filter((c) => c.labels[0] === "new destructive tool").length).toBeGreaterThan(3);
  });

  test("changes --since: the year 99 is a date like any other, every change after it; the first instant the catalog takes too", async () => {
    for (const since of ["0099-01-01", "0001-01-01T00:00:00Z"]) {
      const r = await cli(["changes", "--since", since, "--limit", "1", "--json"]);
      expect(r, since).toMatchObject({ code: 0, stderr: "" });
      expect(JSON.parse(r.stdout), since).toHaveLength(1);
    }
  });

  test("stats prints the last run's times in ISO 8601, in --json and in text, whichever driver stored them", async () => {
    const [stored] = await cat.rows<{ started_at: string }>(sql`select started_at::text from crawl_runs order by id desc limit 1`);
    expect(stored!.started_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00$/); // the driver's own text, not ISO
    const { lastRun } = JSON.parse((await cli(["stats", "--json"])).stdout) as { lastRun: { startedAt: string; finishedAt: string } };
    const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    expect(lastRun.startedAt).toMatch(ISO);
    expect(lastRun.finishedAt).toMatch(ISO);
    expect(Date.parse(lastRun.startedAt)).toBe(Math.floor(Date.parse(stored!.started_at.replace(" ", "T").replace(/\+00$/, "Z"))));
    expect((await cli(["stats"])).stdout).toContain(`started ${lastRun.startedAt}, finished ${lastRun.finishedAt}\n`);
  });

  test("policy --json --out FILE says it wrote the JSON recommendation, not the format's document", async () => {
    const out = join(dir, "recommendation.json");
    const r = await cli(["policy", GITHUB, "--format", "codex", "--json", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8"))).toMatchObject({ server: GITHUB, format: "codex" });
    expect(r.stderr.split("\n").at(-2)).toBe(`wrote the JSON recommendation for ${GITHUB} (${github.size} tools), with the codex format's warnings, to ${out}`);
  });

  test("policy --out - writes to standard output, as classify --input - reads standard input, not to a file named -", async () => {
    const cwd = mkdtempSync(join(dir, "out-dash-"));
    const plain = await cli(["policy", GITHUB, "--format", "codex"]);
    const r = await cat.cli(["policy", GITHUB, "--format", "codex", "--out", "-"], {}, { cwd });
    // The same document (but its time) on stdout, and stderr as without --out: no "wrote … to -".
    const undated = (text: string) => text.replace(/^# Generated .*$/m, "");
    expect({ ...r, stdout: undated(r.stdout) }).toEqual({ ...plain, stdout: undated(plain.stdout) });
    expect(r.stdout).toMatch(/^\[mcp_servers\./m);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe("risk NAME on tools whose names start or end with a space, as some servers name them", () => {
  let cat: CliCatalog;
  const SPACED = "glama.ai/spaces/weather";

  beforeAll(async () => {
    const tool = (name: string) => ({ name, description: "Returns the weather.", inputSchema: { type: "object", properties: {} } });
    const server = {
      id: glamaId("spaces", "weather"),
      name: "Weather",
      namespace: "spaces",
      slug: "weather",
      description: "Weather reports.",
      url: "https://glama.ai/mcp/servers/spaces/weather",
      repository: null,
      spdxLicense: null,
      attributes: [],
      environmentVariablesJsonSchema: null,
      tools: [tool(" lead"), tool("trail "), tool("forecast")],
    };
    const replay = await startGlamaReplay({ servers: [server] });
    try {
      cat = await emptyCliCatalog("pglite", { GLAMA_URL: replay.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
      const r = await cat.cli(["refresh", "--sources", "glama", "--json"]);
      if (r.code !== 0) throw new Error(`refresh of the spaced names failed: ${r.stderr}`);
    } finally {
      await replay.close();
    }
  });
  afterAll(async () => {
    await cat?.dispose();
  });

  const found = async (name: string) => {
    const r = await cat.cli(["risk", name, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { entries: { server: string; tool: string }[] }).entries.map((e) => `${e.server}/${e.tool}`);
  };

  test("the name as typed, spaces at its ends included, is found; then the name without them", async () => {
    expect(await found(" lead")).toEqual([`${SPACED}/ lead`]);
    expect(await found("trail ")).toEqual([`${SPACED}/trail `]);
    expect(await found(" forecast ")).toEqual([`${SPACED}/forecast`]);
  });

  test("a suggestion with a space at its ends is quoted, and found when typed back", async () => {
    const r = await cat.cli(["risk", "lead"]);
    expect(r).toEqual({ code: 1, stdout: "", stderr: `mcp-catalog risk: no tool named 'lead' in the catalog. Did you mean: " lead"?\n` });
    const trail = await cat.cli(["risk", "trail"]);
    const suggested = /Did you mean: (".*")\?\n$/.exec(trail.stderr)?.[1];
    expect(suggested).toBe(`"trail "`);
    expect(await found(JSON.parse(suggested!) as string)).toEqual([`${SPACED}/trail `]);
  });
});

describe.each(DRIVERS)("a server named by the repository URL its source listed (%s)", (driver) => {
  let cat: CliCatalog;
  // Each server and the URL its registry record lists, which a person pastes as it is.
  const LISTED = [
    ["io.example/mono", "https://github.com/acme/mono"],
    ["io.example/cafe", "https://github.com/acme/mono/tree/main/servers/café"],
    ["io.example/spaced", "https://github.com/acme/mono/tree/main/servers/my server"],
    ["io.example/nested", "https://gitlab.com/group/subgroup/project"],
    ["io.example/homepage", "https://github.com/acme/homepage#readme"], // npm's default homepage
  ] as const;

  beforeAll(async () => {
    const items = [...LISTED.map(([name, url]) => registryItem(name, { repository: { url } })), registryItem("io.example/folder", { repository: { url: "https://github.com/acme/other", subfolder: "servers/Café" } })];
    const replay = await startRegistryReplay(items);
    try {
      cat = await emptyCliCatalog(driver, { REGISTRY_URL: replay.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
      const r = await cat.cli(["refresh", "--sources", "registry", "--json"]);
      if (r.code !== 0) throw new Error(`refresh of the listed servers failed: ${r.stderr}`);
    } finally {
      await replay.close();
    }
  });
  afterAll(async () => {
    await cat?.dispose();
  });

  /** The server `risk TOOL --server TYPED` answers for, or its error: none of these servers has tools yet, and the answer names it. */
  const resolved = async (typed: string) => {
    const r = await cat.cli(["risk", "get_weather", "--server", typed]);
    return /^mcp-catalog risk: no tool named 'get_weather' on (\S+)\./.exec(r.stderr)?.[1] ?? r.stderr;
  };

  test("the URL a source listed names its server, however that URL is written", async () => {
    for (const [name, url] of LISTED) expect(await resolved(url), url).toBe(name);
    // A folder the source gave apart from its URL, named by a link to it as typed (unencoded) or as a browser sends it.
    expect(await resolved("https://github.com/acme/other/tree/main/servers/Café")).toBe("io.example/folder");
    expect(await resolved("https://github.com/acme/other/tree/main/servers/Caf%C3%A9")).toBe("io.example/folder");
    expect(await resolved("https://github.com/acme/mono/tree/main/servers/caf%C3%A9")).toBe("io.example/cafe");
    expect(await resolved("github.com/acme/mono/servers/my%20server")).toBe("io.example/spaced");
  });

  test("a page anchor names the repository; a folder the catalog does not have names no server", async () => {
    for (const anchor of ["#readme", "#installation", "#usage"]) {
      expect(await resolved(`https://github.com/acme/mono${anchor}`), anchor).toBe("io.example/mono");
      expect(await resolved(`https://github.com/acme/homepage${anchor}`), anchor).toBe("io.example/homepage");
    }
    for (const typed of ["github.com/acme/mono/servers/nope", "github.com/acme/mono#servers/nope", "https://github.com/acme/mono/tree/main/servers/nope", "github.com/acme/mono/readme"]) {
      expect(await resolved(typed), typed).toMatch(new RegExp(`^mcp-catalog risk: no server in the catalog matches '${typed}'\\. Did you mean: io\\.example/`));
    }
  });
});

describe("bad arguments are refused before the catalog is opened", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = mkdtempSync(join(scratchBase(), "mcp-catalog-badargs-"));
    mkdirSync(join(dir, "a-directory"));
    // Never created: a command that opened the catalog would create it.
    env = { CATALOG_DATA_DIR: join(dir, "never-opened") };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([
    [["risk", " "], /NAME must not be empty/],
    [["risk", "a", "b"], /risk takes 1 argument, got 2/],
    [["risk", "a", "--server", ""], /--server must not be empty/],
    [["search", "x", "--category", "dangerous"], /--category must be one of read, write, execute, destructive, financial/],
    [["search", "x", "--risk", "extreme"], /--risk must be one of low, medium, high, critical/],
    [["search", "x", "--limit", "0"], /--limit must be a whole number from 1 to 1000/],
    [["search", "x", "--limit", "ten"], /--limit must be a whole number from 1 to 1000/],
    [["search", ""], /TEXT must not be empty/],
    [["policy"], /policy needs SERVER, or --servers A,B,… to look for toxic flows across servers/],
    [["policy", "x", "--servers", "a,,b"], /--servers takes a comma-separated list of servers with no empty item; got 'a,,b'/],
    [["policy", " "], /SERVER must not be empty/],
    [["policy", "x", "--format", "yaml"], /--format must be one of native, intercept, claude-code, codex, cedar, agentgateway; got 'yaml'/],
    [["policy", "x", "--out", ""], /--out needs a file name/],
    // With --servers alone no document is written: what shapes one is refused, not ignored.
    [["policy", "--servers", "a,b", "--format", "cedar"], /^mcp-catalog policy: --format needs SERVER: with --servers alone no policy is written/],
    [["policy", "--servers", "a,b", "--client-name", "gh", "--hide", "--gate-flows", "--out", "p.json"], /^mcp-catalog policy: --client-name, --hide, --gate-flows, --out need SERVER: /],
    [["policy", "--servers", "a,b", "--out", "p.json"], /^mcp-catalog policy: --out needs SERVER: .*\(--json --out FILE writes them to FILE\)\n$/],
    [["changes", "--since", "yesterday"], /--since takes a date .*; got 'yesterday'/],
    [["changes", "--since", "2026-02-30"], /--since takes a date .*; got '2026-02-30'/],
    // Before the year 0001: Postgres would refuse the instant (code 22008 or 22009), a database error, exit 1.
    [["changes", "--since", "1000000d"], /^mcp-catalog changes: --since must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z \(the years 0001 to 9999, UTC\); got '1000000d'\n$/],
    [["changes", "--since", "740000d"], /^mcp-catalog changes: --since must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z/],
    [["changes", "--since", "9999-12-31T23:00-05:00"], /^mcp-catalog changes: --since must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z/],
    [["annotations", "x", "--wait", "soon"], /^mcp-catalog annotations: --wait must be a whole number of seconds\n$/],
    [["changes", "--limit", "0"], /--limit must be a whole number from 1 to 10000/],
    [["changes", "extra"], /changes takes 0 arguments, got 1/],
    // A command without arguments or options: its usage line ends with its name, not a space.
    [["migrate", "extra"], /^mcp-catalog migrate: migrate takes 0 arguments, got 1\.\nUsage: mcp-catalog migrate\n$/],
    [["mcp", "extra"], /^mcp-catalog mcp: mcp takes 0 arguments, got 1\.\nUsage: mcp-catalog mcp\n$/],
    // Not text Postgres can hold: a NUL would fail the query, a lone surrogate would be looked up as U+FFFD.
    [["risk", "delete_file\ud800"], /^mcp-catalog risk: NAME must not contain a lone surrogate\n$/],
    [["risk", "\u0000"], /^mcp-catalog risk: NAME must not contain a NUL character\n$/],
    [["risk", "delete_file", "--server", "\udc00"], /^mcp-catalog risk: --server must not contain a lone surrogate\n$/],
    [["search", "x\ud800y"], /^mcp-catalog search: TEXT must not contain a lone surrogate\n$/],
    [["policy", "\ud800"], /^mcp-catalog policy: SERVER must not contain a lone surrogate\n$/],
    [["policy", "x", "--servers", "a,\ud800"], /^mcp-catalog policy: --servers must not contain a lone surrogate\n$/],
    [["policy", "x", "--client-name", "\udbff"], /^mcp-catalog policy: --client-name must not contain a lone surrogate\n$/],
    [["policy", "x", "--out", "policy-\ud800.json"], /^mcp-catalog policy: --out must not contain a lone surrogate\n$/],
    [["changes", "--since", "\ud800"], /^mcp-catalog changes: --since must not contain a lone surrogate\n$/],
    [["annotations", "a\u0000"], /^mcp-catalog annotations: SERVER must not contain a NUL character\n$/],
    [["classify", "--server", "\ud800"], /^mcp-catalog classify: --server must not contain a lone surrogate\n$/],
    // Longer than any search or name the catalog holds: refused, not compared with every tool for seconds.
    [["search", " \t "], /^mcp-catalog search: TEXT must not be empty\n$/],
    [["search", "a".repeat(257)], /^mcp-catalog search: TEXT must be at most 256 characters\n$/],
    [["risk", "\u00e9".repeat(501)], /^mcp-catalog risk: NAME must be at most 1000 bytes \(UTF-8\)\n$/],
    [["risk", "a", "--server", "s".repeat(1001)], /^mcp-catalog risk: --server must be at most 1000 bytes \(UTF-8\)\n$/],
    [["search", "a", "--server", "s".repeat(1001)], /^mcp-catalog search: --server must be at most 1000 bytes \(UTF-8\)\n$/],
    [["policy", "s".repeat(1001)], /^mcp-catalog policy: SERVER must be at most 1000 bytes \(UTF-8\)\n$/],
    [["policy", "x", "--servers", `a,${"s".repeat(1001)}`], /^mcp-catalog policy: each of --servers must be at most 1000 bytes \(UTF-8\)\n$/],
    [["annotations", "s".repeat(1001)], /^mcp-catalog annotations: SERVER must be at most 1000 bytes \(UTF-8\)\n$/],
    [["changes", "--server", "s".repeat(1001)], /^mcp-catalog changes: --server must be at most 1000 bytes \(UTF-8\)\n$/],
  ])("%j exits 2 with a clear message", async (argv, message) => {
    const r = await runCli(argv, env);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(existsSync(env.CATALOG_DATA_DIR!)).toBe(false);
  });

  // A blank path (`--snapshot "$DIR"` with DIR unset) read as the option left out would crawl the internet instead of
  // the replay asked for, crawl without recording, or wait on stdin: refused. Every source points at a refused port,
  // so a command that went on anyway fails rather than leaves the machine.
  test.each([
    [["refresh", "--snapshot", ""], /^mcp-catalog refresh: --snapshot needs a directory\n$/],
    [["refresh", "--record", " "], /^mcp-catalog refresh: --record needs a directory\n$/],
    [["classify", "--input", ""], /^mcp-catalog classify: --input needs a file name, or - for standard input\n$/],
  ])("%j names no path: exits 2 before anything is read", async (argv, message) => {
    const nowhere = "http://127.0.0.1:9";
    const sources = { REGISTRY_URL: nowhere, PULSEMCP_URL: nowhere, NPM_REGISTRY_URL: nowhere, PYPI_URL: nowhere, AWESOME_LIST_URLS: `${nowhere}/list.md` };
    const r = await runCli(argv, { ...env, ...sources }, { stdin: '{"tools": [{"name": "x"}]}' });
    expect(r).toEqual({ code: 2, stdout: "", stderr: expect.stringMatching(message) });
    expect(existsSync(env.CATALOG_DATA_DIR!)).toBe(false);
  });

  test.each([risk, search, policy, annotations, changes, classify])("$name --help documents every option and its exit codes", async (command) => {
    const r = await runCli([command.name, "--help"], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: mcp-catalog ${command.name} `));
    for (const option of [...Object.keys(command.options), "help"]) expect(r.stdout).toContain(`--${option}`);
    expect(r.stdout).toMatch(/Exit codes: 0 /);
  });

  // The general rule (README's Commands) holds for every reader: its help says so too, not only annotations'.
  test.each([risk, search, policy, annotations, changes, stats])("$name --help gives the exit codes every reader shares (1 unopenable, 3 held)", async (command) => {
    const r = await runCli([command.name, "--help"], env);
    expect(r.stdout).toMatch(/Exit codes: 0 /);
    expect(r.stdout.replace(/\s+/g, " ")).toContain(READER_EXIT_CODES);
    expect(READER_EXIT_CODES).toMatch(/exits 1 when the catalog cannot be opened, and 3 when the embedded catalog is held by another process/);
  });

  test("a bad --out path is a clear error (exit 1) before any work", async () => {
    const missing = join(dir, "no-such-dir", "policy.json");
    const r1 = await runCli(["policy", GITHUB, "--out", missing], env);
    expect(r1).toEqual({ code: 1, stdout: "", stderr: `mcp-catalog policy: cannot write ${missing}: no such directory\n` });
    const r2 = await runCli(["policy", GITHUB, "--out", join(dir, "a-directory")], env);
    expect(r2).toEqual({ code: 1, stdout: "", stderr: `mcp-catalog policy: cannot write ${join(dir, "a-directory")}: it is a directory\n` });
    expect(existsSync(env.CATALOG_DATA_DIR!)).toBe(false);
  });
});

describe("--since", () => {
  const now = new Date("2026-11-15T12:00:00.000Z");
  test.each([
    ["2026-11-01", "2026-11-01T00:00:00.000Z"],
    ["2026-11-01T12:30:00Z", "2026-11-01T12:30:00.000Z"],
    ["2026-11-01 12:30", "2026-11-01T12:30:00.000Z"],
    ["2026-11-01T12:30:15.250+02:00", "2026-11-01T10:30:15.250Z"],
    ["2026-11-01T00:30:00-0130", "2026-11-01T02:00:00.000Z"],
    ["2024-02-29", "2024-02-29T00:00:00.000Z"],
    ["7d", "2026-11-08T12:00:00.000Z"],
    ["12h", "2026-11-15T00:00:00.000Z"],
    ["30m", "2026-11-15T11:30:00.000Z"],
    [" 0d ", "2026-11-15T12:00:00.000Z"],
    // The year 99, not 1999 (Date.UTC's reading), and the first and last instants the catalog takes.
    ["0099-01-01", "0099-01-01T00:00:00.000Z"],
    ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z"],
    ["9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"],
    ["739000d", "0003-07-24T12:00:00.000Z"],
  ])("%j is %s", (value, iso) => {
    expect(parseSince(value, now)).toBe(iso);
  });

  test.each(["2026-02-30", "2025-02-29", "2026-13-01", "2026-11-01junk", "2026-11-01T24:00", "2026-11-01T12:60", "2026-11-01T12:00+25:00", "11/01/2026", "7 days", "-7d", "d", ""])(
    "%j is refused",
    (value) => {
      expect(() => parseSince(value, now)).toThrowError(/--since takes a date/);
    },
  );

  // Each reached Postgres as a year it refuses (0000, or JavaScript's "-000768-…" read as a zone offset): a database error, exit 1.
  test.each(["1000000d", "740000d", "99999999d", `${"9".repeat(400)}d`, "0000-01-01", "0001-01-01T00:30:00+01:00", "9999-12-31T23:00-05:00"])(
    "%j is refused naming the range the catalog takes",
    (value) => {
      expect(() => parseSince(value, now)).toThrowError(`--since must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z (the years 0001 to 9999, UTC); got '${value}'`);
    },
  );

  test("an offset Postgres would refuse is refused naming the limit", () => {
    expect(() => parseSince("2026-11-01T12:00+16:00", now)).toThrowError("--since must have a zone offset within ±15:59; got '2026-11-01T12:00+16:00'");
  });
});
