// Capability facets, toxic flows and server grades on real fixture servers, from plain data.
import { describe, expect, it } from "vitest";
import { annotationCoverage, coverageOf } from "../../classifier/annotations.js";
import { classifyServer } from "../../classifier/classify.js";
import { toolFacets, type Facet } from "../../classifier/facets.js";
import { FLOW_GATE_REASON, gateSink, makesToxicFlow, toxicFlow, type FlowTool } from "../../classifier/flows.js";
import { countFacts, GRADE_FORMULA, gradeCounts, gradeServer, type ServerFacts } from "../../classifier/grade.js";
import { exportPolicy } from "../../classifier/formats/formats.js";
import { buildPolicy, decisionOf, ruleForRisk } from "../../classifier/policy.js";
import { serverVerdict } from "../../classifier/verdict.js";
import { fixtureTools } from "../helpers/fixture-tools.js";

function flowTools(file: string, server: string): FlowTool[] {
  const tools = fixtureTools(file);
  const classified = classifyServer({ name: server, tools });
  return tools.map((t, i) => ({ server, tool: t.name, facets: toolFacets({ name: t.name, description: t.description, category: classified[i]!.category, signals: classified[i]!.signals }) }));
}

const github = flowTools("labeled/github-mcp-server.jsonl", "github");
const apollo = flowTools("labeled/docker-mcp-registry-apollo-mcp-server.jsonl", "apollo");
const mysql = flowTools("servers/f4ww4z-mcp-mysql-server.jsonl", "mysql");

describe("capability facets", () => {
  const facets = (name: string) => github.find((t) => t.tool === name)!.facets;
  it("reading issues and discussions is untrusted content; reading files is private data; commenting is a way out", () => {
    expect(facets("get_discussion_comments")).toContain("untrusted_input");
    expect(facets("get_file_contents")).toContain("private_data");
    expect(facets("add_issue_comment")).toEqual(expect.arrayContaining(["outward_sink", "changes_data"]));
    expect(facets("get_me")).not.toContain("outward_sink");
  });
});

describe("toxic flows", () => {
  it("GitHub's server alone: untrusted issues, private code, public comments — each leg named", () => {
    const flow = toxicFlow(github)!;
    expect(flow.untrusted.map((t) => t.tool)).toContain("get_discussion_comments");
    expect(flow.private.map((t) => t.tool)).toContain("get_file_contents");
    expect(flow.sink.map((t) => t.tool)).toContain("add_issue_comment");
  });

  it("a server with no way out has none (a SELECT-only MySQL server; a GraphQL server)", () => {
    expect(toxicFlow(mysql)).toBeUndefined();
    expect(toxicFlow(apollo)).toBeUndefined();
    expect(toxicFlow([...apollo, ...mysql])).toBeUndefined();
  });

  it("a three-server set: the legs name each server's tools", () => {
    const flow = toxicFlow([...apollo, ...mysql, ...github])!;
    expect(flow.untrusted).toContainEqual({ server: "apollo", tool: "search" });
    expect(flow.private).toContainEqual({ server: "mysql", tool: "query" });
    expect(flow.sink.every((t) => t.server === "github")).toBe(true);
  });

  it("--gate-flows puts a sink behind approval, never loosens a stricter rule", () => {
    expect(decisionOf(gateSink("add_issue_comment", ruleForRisk("add_issue_comment", "medium", "")))).toBe("approve");
    expect(decisionOf(gateSink("delete_file", ruleForRisk("delete_file", "critical", "x")))).toBe("deny");
  });

  it("--gate-flows raises a consolidated tool's allowed actions to approval; a denied action stays denied", () => {
    // GitHub's sub_issue_write: method=remove is denied, so the tool's own rule already is; add and reprioritize were allowed at 30 a minute.
    const remove = ruleForRisk("sub_issue_write", "critical", "method=remove: Irreversible: removes a sub issue");
    const medium = ruleForRisk("sub_issue_write", "medium", "");
    const rule = { ...remove, byArgument: { argument: "method", values: { add: medium, remove, reprioritize: medium } } };
    const approval = ruleForRisk("sub_issue_write", "high", FLOW_GATE_REASON);
    expect(gateSink("sub_issue_write", rule)).toEqual({ ...remove, byArgument: { argument: "method", values: { add: approval, remove, reprioritize: approval } } });
  });

  it("--gate-flows puts every action of a consolidated tool whose strictest action needs approval behind approval", () => {
    const send = ruleForRisk("message_write", "high", "method=send: Sends a message");
    const rule = { ...send, byArgument: { argument: "method", values: { draft: ruleForRisk("message_write", "medium", ""), list: {}, send } } };
    // Every action needs approval alike, so the tool's own rule is all there is to say.
    expect(gateSink("message_write", rule)).toEqual(send);
  });
});

describe("a server's verdict", () => {
  it("counts tools by their rules, as the policy's header does: a write denied for one destructive action is denied", () => {
    const tools = fixtureTools("labeled/github-mcp-server.jsonl");
    const classified = classifyServer({ name: "github", tools });
    // GitHub's sub_issue_write is a medium write whose method=remove is destructive, so its own rule is deny.
    expect(classified[tools.findIndex((t) => t.name === "sub_issue_write")]).toMatchObject({ category: "write", risk: "medium", rule: { action: "deny" } });
    const verdict = serverVerdict(classified);
    const policy = buildPolicy(tools.map((t, i) => [t.name, classified[i]!.rule]));
    const header = exportPolicy("intercept", { server: { key: "github" }, policy }).text;
    expect(header).toContain(`${verdict.needsApproval} need approval, ${verdict.denied} denied;`);
    expect(verdict.denied).toBe(classified.filter((c) => c.risk === "critical").length + 1);
    expect(verdict.summary).toMatch(new RegExp(`; ${verdict.needsApproval} needs? approval, ${verdict.denied} denied\\.$`));
  });
});

describe("grades", () => {
  const clean: ServerFacts = { tools: [{ risk: "low", signals: [], annotated: true, unlimitedRaw: false }], authPosture: null, listingFailed: false, riskyChanges: 0, toxicFlow: false };

  it("a read-only, annotated server is an A with no reasons", () => {
    expect(gradeServer(clean)).toEqual({ grade: "A", score: 100, reasons: [] });
  });

  it("each finding takes its row's points, capped, and says why", () => {
    const v = gradeServer({
      ...clean,
      tools: [
        { risk: "critical", signals: ["prompt_injection"], annotated: false, unlimitedRaw: false },
        { risk: "critical", signals: [], annotated: false, unlimitedRaw: true },
        { risk: "high", signals: ["annotation_conflict"], annotated: true, unlimitedRaw: false },
        { risk: "low", signals: [], annotated: true, unlimitedRaw: false },
      ],
      toxicFlow: true,
    });
    expect(v.reasons).toEqual([
      { reason: "1 tool description with text aimed at the model", points: 30 },
      { reason: "its tools combine untrusted content, private data and a way out (toxic flow)", points: 20 },
      { reason: "2 critical tools (destroy data or move money)", points: 8 },
      // The high tool declares hints, so it is left out of the share: 2 of the other 3.
      { reason: "67% of its tools declare no hints (not counting high and critical tools that do)", points: 6.7 },
      { reason: "3 tools of high risk or above (run code, change identities, or worse)", points: 6 },
      { reason: "1 tool taking raw SQL, shell or code that the description does not limit", points: 5 },
      { reason: "1 tool whose declared hints contradict what they do", points: 5 },
    ]);
    expect(v.score).toBe(19.3);
    expect(v.grade).toBe("F");
  });

  it("a grade from counts is the grade from the tools they count (how stats grades a catalog in SQL)", () => {
    const facts: ServerFacts = {
      tools: [
        { risk: "critical", signals: ["prompt_injection", "annotation_conflict"], annotated: false, unlimitedRaw: true },
        { risk: "medium", signals: [], annotated: true, unlimitedRaw: false },
        { risk: "low", signals: [], annotated: false, unlimitedRaw: false },
      ],
      authPosture: "open",
      listingFailed: true,
      riskyChanges: 2,
      toxicFlow: false,
    };
    const counts = countFacts(facts);
    expect(counts).toEqual({ tools: 3, critical: 1, high: 0, aboveLow: 2, injection: 1, contradictedHints: 1, unannotated: 2, annotatedGated: 0, unlimitedRaw: 1, authPosture: "open", listingFailed: true, riskyChanges: 2, toxicFlow: false });
    expect(gradeCounts(counts)).toEqual(gradeServer(facts));
    expect(gradeCounts({ ...counts, aboveLow: 0 }).reasons.map((r) => r.reason)).not.toContain("its remote lists tools that change things without asking for credentials");
  });

  it("a toxic flow from facet counts needs a tool on each of its three legs", () => {
    const flowCounts = (counts: Partial<Record<Facet, number>>) => makesToxicFlow((f) => counts[f] ?? 0);
    expect(flowCounts({ untrusted_input: 1, private_data: 2, outward_sink: 1 })).toBe(true);
    expect(flowCounts({ untrusted_input: 1, private_data: 2, changes_data: 5 })).toBe(false);
    // On a real server, with and without its sink leg, counts decide as the tool lists do.
    const noSink = github.filter((t) => !t.facets.includes("outward_sink"));
    for (const tools of [github, noSink]) expect(makesToxicFlow((f) => tools.filter((t) => t.facets.includes(f)).length)).toBe(toxicFlow(tools) !== undefined);
    expect(toxicFlow(github)).toBeDefined();
  });

  it("coverage from counts: full only when every tool declares all four hints", () => {
    expect(coverageOf({ tools: 3, annotated: 3, fullyAnnotated: 3 })).toBe("full");
    expect(coverageOf({ tools: 3, annotated: 3, fullyAnnotated: 2 })).toBe("partial");
    expect(coverageOf({ tools: 3, annotated: 0, fullyAnnotated: 0 })).toBe("none");
    expect(coverageOf({ tools: 0, annotated: 0, fullyAnnotated: 0 })).toBe("none");
    expect(annotationCoverage([{ annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } }, { annotations: { readOnlyHint: "yes" } }])).toBe("partial");
  });

  it("the formula is data: every row's cap is reachable and the bands cover 0 to 100", () => {
    for (const row of GRADE_FORMULA.penalties) expect(row.cap).toBeGreaterThan(0);
    expect(GRADE_FORMULA.bands.at(-1)).toEqual([0, "F"]);
  });

  it("GitHub's server, graded from its fixture: reasons name its critical tools and its toxic flow", () => {
    const tools = fixtureTools("labeled/github-mcp-server.jsonl");
    const classified = classifyServer({ name: "github", tools });
    const v = gradeServer({
      tools: classified.map((c, i) => ({ risk: c.risk, signals: c.signals, annotated: Object.keys(tools[i]!.annotations ?? {}).some((k) => k.endsWith("Hint")), unlimitedRaw: false })),
      authPosture: null,
      listingFailed: false,
      riskyChanges: 0,
      toxicFlow: toxicFlow(github) !== undefined,
    });
    expect(v.reasons.map((r) => r.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/critical tools /), expect.stringMatching(/toxic flow/)]));
    expect(["C", "D", "F"]).toContain(v.grade);
  });
});
