// Server verdicts as users read them, on a catalog built from the shipped recordings of real data:
// `policy` gives the grade and the toxic flow (one server, or a set with --servers) and gates the sink
// leg with --gate-flows; `stats` counts grades, annotation coverage and flows, the same whether a catalog's
// tools were classified as they came in or by a later run; `annotations` prints the hints a server with none
// should declare.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decisionOf, decisionRank, type Policy } from "../classifier/policy.js";
import { DRIVERS } from "./helpers/catalog.js";
import { emptyCliCatalog, SNAPSHOT, snapshotCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";

const GITHUB = "io.github.github/github-mcp-server";
const KUBERNETES = "github.com/containers/kubernetes-mcp-server";
const KUBE_LINT = "github.com/sophotechlabs/kube-lint-mcp";

describe.each(DRIVERS)("verdicts on a catalog of real data (%s)", (driver) => {
  let cat: CliCatalog;
  const cli = (argv: string[]) => cat.cli(argv);

  beforeAll(async () => {
    cat = await snapshotCliCatalog(driver);
  });
  afterAll(async () => {
    await cat?.dispose();
  });

  test("policy --json: GitHub's grade with its reasons, and its toxic flow naming the tools on each leg", async () => {
    const r = await cli(["policy", GITHUB, "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.grade).toMatchObject({ server: GITHUB, grade: expect.stringMatching(/^[A-F]$/), annotationCoverage: "none" });
    expect(out.grade.reasons.map((x: { reason: string }) => x.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/critical tool/), expect.stringMatching(/declare no hints/)]));
    expect(out.flow.sink.map((t: { tool: string }) => t.tool)).toContain("add_issue_comment");
    expect(out.flow.private.map((t: { tool: string }) => t.tool)).toContain("get_file_contents");
    expect(r.stderr).toMatch(new RegExp(`^${GITHUB.replace(/[./]/g, "\\$&")}: grade ${out.grade.grade} \\(${out.grade.score}/100\\): `, "m"));
    expect(r.stderr).toMatch(/^toxic flow: untrusted content from .*; private data from .*; out through .*add_issue_comment/m);
  });

  test("--gate-flows puts the sink leg behind approval; without it per-tool rules stay as they are", async () => {
    const plain = JSON.parse((await cli(["policy", GITHUB, "--format", "claude-code"])).stdout) as { permissions: Record<string, string[]> };
    expect(plain.permissions.allow).toContain("mcp__github-mcp-server__add_issue_comment");
    const gated = await cli(["policy", GITHUB, "--format", "claude-code", "--gate-flows"]);
    expect(gated.code).toBe(0);
    const doc = JSON.parse(gated.stdout) as { permissions: Record<string, string[]> };
    expect(doc.permissions.ask).toContain("mcp__github-mcp-server__add_issue_comment");
    expect(doc.permissions.allow).not.toContain("mcp__github-mcp-server__add_issue_comment");
    expect(gated.stderr).toMatch(/^gated \d+ sink tools of io\.github\.github\/github-mcp-server behind approval \(--gate-flows\)$/m);
  });

  test("--gate-flows: every action of every sink tool it counts needs approval at least, per-action rules included", async () => {
    const r = await cli(["policy", GITHUB, "--gate-flows", "--json"]);
    expect(r.code).toBe(0);
    const { policy, flow } = JSON.parse(r.stdout) as { policy: Policy; flow: { sink: { server: string; tool: string }[] } };
    const sinks = flow.sink.filter((t) => t.server === GITHUB).map((t) => t.tool);
    // sub_issue_write: method=remove is denied, method=add was allowed as add_sub_issue is.
    expect(policy.tools.sub_issue_write?.byArgument).toBeDefined();
    const unattended = sinks.flatMap((tool) => {
      const rule = policy.tools[tool]!;
      return [["", rule] as const, ...Object.entries(rule.byArgument?.values ?? {})].filter(([, r]) => decisionRank(decisionOf(r)) < decisionRank("approve")).map(([value]) => `${tool}${value && `=${value}`}`);
    });
    expect(unattended).toEqual([]);
    expect(r.stderr).toContain(`gated ${sinks.length} sink tools of ${GITHUB} behind approval (--gate-flows)\n`);
  });

  test("policy --servers A,B: a grade per server and the flow across them, legs named by server; no document without SERVER", async () => {
    const r = await cli(["policy", "--servers", `${KUBERNETES},${GITHUB}`, "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.servers.map((s: { server: string }) => s.server).sort()).toEqual([KUBERNETES, GITHUB].sort());
    expect(out.flow.sink.every((t: { server: string }) => t.server === GITHUB)).toBe(true);
    expect(r.stderr).toMatch(/^toxic flow across 2 servers: untrusted content from .*; out through io\.github\.github\/github-mcp-server:/m);
    expect((await cli(["policy", "--servers", `${KUBERNETES},${GITHUB}`])).stdout).toBe("");
    // --out takes that JSON to a file, as it takes SERVER's document.
    const dir = mkdtempSync(join(tmpdir(), "mcp-catalog-verdicts-"));
    try {
      const file = join(dir, "flow.json");
      const written = await cli(["policy", "--servers", `${KUBERNETES},${GITHUB}`, "--json", "--out", file]);
      expect(written.code).toBe(0);
      expect(written.stdout).toBe("");
      expect(written.stderr).toMatch(new RegExp(`\nwrote the grades and flow of 2 servers to ${file}\n$`));
      expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(out);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("policy --servers counts the servers a flow's legs come from, not the servers named", async () => {
    // kube-lint adds no tool to any leg: GitHub alone makes the flow.
    const r = await cli(["policy", "--servers", `${GITHUB},${KUBE_LINT}`, "--json"]);
    expect(r.code).toBe(0);
    const legs = JSON.parse(r.stdout).flow;
    expect([...legs.untrusted, ...legs.private, ...legs.sink].every((t: { server: string }) => t.server === GITHUB)).toBe(true);
    expect(r.stderr).toMatch(/^toxic flow: untrusted content from io\.github\.github\/github-mcp-server:/m);
    expect(r.stderr).not.toMatch(/across 2 servers/);
  });

  test("policy --servers names each server it could not grade, one with no tools yet, instead of leaving it out unsaid", async () => {
    const toolless = "io.github.8beeeaaat/touchdesigner-mcp-server";
    const line = `${toolless}: no tools in the catalog yet, so not graded and in no flow\n`;
    const alone = await cli(["policy", "--servers", `${GITHUB},${toolless}`, "--json"]);
    expect(alone.code).toBe(0);
    expect(JSON.parse(alone.stdout).servers.map((s: { server: string }) => s.server)).toEqual([GITHUB]);
    expect(alone.stderr).toContain(line);
    const withServer = await cli(["policy", GITHUB, "--servers", toolless, "--format", "claude-code"]);
    expect(withServer.code).toBe(0);
    expect(withServer.stderr).toContain(line);
  });

  test("policy without SERVER or --servers, or with an empty item, exits 2", async () => {
    expect((await cli(["policy"])).code).toBe(2);
    const empty = await cli(["policy", "--servers", `${GITHUB},`]);
    expect(empty).toMatchObject({ code: 2, stdout: "" });
    expect(empty.stderr).toMatch(/--servers takes a comma-separated list/);
    const unknown = await cli(["policy", "--servers", "io.github.nobody/nothing"]);
    expect(unknown.code).toBe(1);
  });

  test("stats counts servers by grade, by annotation coverage, and with a toxic flow", async () => {
    const stats = JSON.parse((await cli(["stats", "--json"])).stdout);
    const graded = Object.values(stats.grades as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(graded).toBeGreaterThan(0);
    expect(stats.annotationCoverage.full + stats.annotationCoverage.partial + stats.annotationCoverage.none).toBe(graded);
    expect(stats.annotationCoverage.none).toBeGreaterThan(0); // Glama publishes no annotations
    expect(stats.toxicFlows).toBeGreaterThan(0);
    const text = (await cli(["stats"])).stdout;
    expect(text).toMatch(/^grades\s+A \d+, B \d+, C \d+, D \d+, F \d+/m);
    expect(text).toMatch(/^annotations full \d+, partial \d+, none \d+/m);
    // One of each in the shipped recordings: the text names it in the singular.
    expect(stats.toxicFlows).toBe(1);
    expect(text).toMatch(/^toxic flows 1 server$/m);
    expect(stats.sources.glama.lastCrawl).toMatchObject({ requests: 1, pages: 1 });
    expect(text).toMatch(/ glama +\d+ records.*; last crawl #\d+: 1 request, 1 page \(/);
  });

  test("a catalog refreshed with --no-classify grades every server as one classified at ingest, before and after the next run classifies it", async () => {
    const grades = async (run: CliCatalog["cli"]) => ({
      servers: JSON.parse((await run(["policy", "--servers", `${GITHUB},${KUBERNETES}`, "--json"])).stdout).servers,
      stats: JSON.parse((await run(["stats", "--json"])).stdout).grades,
    });
    const classifiedAtIngest = await grades(cli);
    // The run that first listed a server's tools is where the catalog met them, not a change that made it riskier.
    for (const server of classifiedAtIngest.servers) expect(server.reasons.map((r: { reason: string }) => r.reason).join("; ")).not.toMatch(/made it riskier/);
    const later = await emptyCliCatalog(driver);
    try {
      const refresh = async (...flags: string[]) => expect((await later.cli(["refresh", "--snapshot", SNAPSHOT, "--json", ...flags])).code).toBe(0);
      await refresh("--no-classify");
      expect(await grades(later.cli)).toEqual(classifiedAtIngest);
      await refresh();
      expect(await later.rows(sql`select count(*)::int as n from tools t left join classifications c on c.tool_id = t.id where c.tool_id is null`)).toEqual([{ n: 0 }]);
      expect(await grades(later.cli)).toEqual(classifiedAtIngest);
    } finally {
      await later.dispose();
    }
  });

  test("annotations on a server that declares none: every tool, the four hints to paste, and why", async () => {
    const r = await cli(["annotations", GITHUB, "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.coverage).toBe("none");
    const byTool = new Map(out.tools.map((t: { tool: string }) => [t.tool, t]));
    expect(byTool.get("list_issues")).toMatchObject({ status: "missing", suggested: { readOnlyHint: true, destructiveHint: false }, absent: ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] });
    expect(byTool.get("delete_file")).toMatchObject({ status: "missing", suggested: { readOnlyHint: false, destructiveHint: true } });
    expect((byTool.get("delete_file") as { evidence: string }).evidence).toMatch(/delete/i);

    const patch = JSON.parse((await cli(["annotations", GITHUB, "--format", "patch"])).stdout);
    expect(patch.list_issues).toEqual({ annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: expect.any(Boolean) } });

    const text = await cli(["annotations", GITHUB]);
    expect(text.stdout).toMatch(/^list_issues: declares no hints\n {2}annotations: \{ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: (true|false) \}\n {2}evidence: /m);
    expect(text.stderr).toMatch(/tools to fix \(coverage: none\)/);
  });

  test("annotations: a bad --format exits 2, an unknown server 1", async () => {
    expect((await cli(["annotations", GITHUB, "--format", "yaml"])).code).toBe(2);
    expect((await cli(["annotations", "io.github.nobody/nothing"])).code).toBe(1);
  });
});
