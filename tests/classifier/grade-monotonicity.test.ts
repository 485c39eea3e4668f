// Server grades never improve with danger: over generated servers, adding a destructive (or any gated) tool, or
// raising a tool's risk, never raises the score or betters the grade; a server of only critical tools grades no
// better than one mixing the same tools with less dangerous ones.
import { describe, expect, it } from "vitest";
import { GRADES, gradeServer, type ServerFacts } from "../../classifier/grade.js";
import { RISKS, type Risk } from "../../classifier/taxonomy.js";
import { rng } from "../helpers/rng.js";

type Tool = ServerFacts["tools"][number];

const CASES = 2_000;

function generator(seed: number) {
  const next = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  const tool = (risk: Risk = pick(RISKS)): Tool => ({
    risk,
    signals: [...(chance(0.05) ? ["prompt_injection"] : []), ...(chance(0.1) ? ["annotation_conflict"] : [])],
    annotated: chance(0.5),
    unlimitedRaw: chance(0.1),
  });
  // Up to 40 tools, so every capped row is met below and past its cap.
  const server = (tools = Array.from({ length: Math.floor(next() * 41) }, () => tool())): ServerFacts => ({
    tools,
    authPosture: pick([null, "open", "auth"]),
    listingFailed: chance(0.2),
    riskyChanges: Math.floor(next() * 7),
    toxicFlow: chance(0.2),
  });
  return { next, pick, chance, tool, server };
}

/** `after` graded no better than `before`, by score and so by grade, with both verdicts in the message. */
function expectNoBetter(before: ServerFacts, after: ServerFacts, what: string): void {
  const [b, a] = [gradeServer(before), gradeServer(after)];
  if (a.score <= b.score && GRADES.indexOf(a.grade) >= GRADES.indexOf(b.grade)) return;
  expect.fail(`${what}\nbefore ${JSON.stringify(b)}\nafter ${JSON.stringify(a)}\ntools before ${JSON.stringify(before.tools)}`);
}

describe("grades never improve with danger", () => {
  it("adding a destructive (critical) tool, with or without hints, never betters the score or the grade", () => {
    const g = generator(1);
    for (let i = 0; i < CASES; i++) {
      const before = g.server();
      const added = g.tool("critical");
      expectNoBetter(before, { ...before, tools: [...before.tools, added] }, `added ${JSON.stringify(added)}`);
    }
  });

  it("adding any tool the policy gates (high or critical) never betters the grade, however many the server has", () => {
    const g = generator(2);
    for (let i = 0; i < CASES; i++) {
      let before = g.server();
      // Several at once too: the rows' caps are where an added tool used to stop costing points.
      for (let k = 1 + Math.floor(g.next() * 12); k > 0; k--) {
        const after = { ...before, tools: [...before.tools, g.tool(g.pick(["high", "critical"] as const))] };
        expectNoBetter(before, after, "added a gated tool");
        before = after;
      }
    }
  });

  it("raising one tool's risk never betters the score or the grade", () => {
    const g = generator(3);
    for (let i = 0; i < CASES; i++) {
      const before = g.server();
      if (before.tools.length === 0) continue;
      const at = Math.floor(g.next() * before.tools.length);
      const from = RISKS.indexOf(before.tools[at]!.risk);
      const to = RISKS[from + Math.floor(g.next() * (RISKS.length - from))]!;
      const after = { ...before, tools: before.tools.map((t, j) => (j === at ? { ...t, risk: to } : t)) };
      expectNoBetter(before, after, `tool ${at} raised to ${to}`);
    }
  });

  it("a server of only critical tools grades no better than any mix made by lowering some of them", () => {
    const g = generator(4);
    for (let i = 0; i < CASES; i++) {
      const critical = g.server(Array.from({ length: 1 + Math.floor(g.next() * 30) }, () => g.tool("critical")));
      const mix = { ...critical, tools: critical.tools.map((t) => (g.chance(0.5) ? { ...t, risk: g.pick(RISKS) } : t)) };
      expectNoBetter(mix, critical, "all critical against its mix");
    }
  });
});

describe("the cases that used to grade better", () => {
  const server = (tools: Tool[]): ServerFacts => ({ tools, authPosture: null, listingFailed: false, riskyChanges: 0, toxicFlow: false });
  const tools = (n: number, risk: Risk, annotated = true): Tool[] => Array.from({ length: n }, () => ({ risk, signals: [], annotated, unlimitedRaw: false }));

  it("ten destructive tools are not a B while five of them beside five high-risk tools are a C", () => {
    const allDestructive = gradeServer(server(tools(10, "critical")));
    const mixed = gradeServer(server([...tools(5, "critical"), ...tools(5, "high")]));
    expect(mixed).toMatchObject({ grade: "C", score: 70 });
    expect(allDestructive).toMatchObject({ grade: "C", score: 70 });
    expect(allDestructive.reasons).toEqual([
      { reason: "10 critical tools (destroy data or move money)", points: 20 },
      { reason: "10 tools of high risk or above (run code, change identities, or worse)", points: 10 },
    ]);
  });

  it("a destructive tool that declares its hints does not lift the share of tools without them", () => {
    // Counted among all tools, the share fell from 52% to 50% as the tool was added: D (64.8) became C (65).
    const before = server([...tools(5, "critical"), ...tools(5, "high"), ...tools(11, "low", false)]);
    const after = server([...before.tools, ...tools(1, "critical")]);
    expect(gradeServer(before)).toMatchObject({ grade: "D", score: 60 });
    expect(gradeServer(after)).toMatchObject({ grade: "D", score: 60 });
    expect(gradeServer(after).reasons).toContainEqual({ reason: "100% of its tools declare no hints (not counting high and critical tools that do)", points: 10 });
  });
});
