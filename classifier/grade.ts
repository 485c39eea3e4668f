// A server's grade, A to F, with its reasons: 100 points less a penalty per finding, each penalty a row of
// GRADE_FORMULA (what is counted, points each, a cap, the reason's words), the bands a table too. Pure.
import { pluralized } from "./plural.js";
import { ruleForRisk } from "./policy.js";
import { RISKS, type Risk } from "./taxonomy.js";

/** What is known of a server, gathered by the caller from its tools, classifications, listing and changes. */
export interface ServerFacts {
  tools: {
    risk: Risk;
    signals: readonly string[];
    /** Whether the server declared any of MCP's four hints for the tool. */
    annotated: boolean;
    /** A raw SQL / shell / code argument its description does not limit. */
    unlimitedRaw: boolean;
  }[];
  /** open | auth from the last live listing of its remote; null when none told. */
  authPosture: string | null;
  /** Whether its last live tools/list failed. */
  listingFailed: boolean;
  /** Changes of the last 30 days that made it riskier (a new destructive tool, a flipped hint, text aimed at the model). */
  riskyChanges: number;
  /** Whether its tools make a toxic flow (flows.ts). */
  toxicFlow: boolean;
}

/**
 * The same facts as counts over the server's tools: what the grade reads. The catalog counts them in SQL for
 * `stats` (verdictCountRows in db/verdict-facts.ts), so a whole catalog is graded without loading its tools.
 */
export interface ServerCounts {
  tools: number;
  critical: number;
  high: number;
  /** Tools whose risk is above low. */
  aboveLow: number;
  /** Tools with the prompt_injection signal. */
  injection: number;
  /** Tools with the annotation_conflict signal. */
  contradictedHints: number;
  /** Tools declaring none of MCP's four hints. */
  unannotated: number;
  /** Tools of a GATED_RISKS risk that declare any of the hints: left out of the share of tools without them. */
  annotatedGated: number;
  unlimitedRaw: number;
  authPosture: string | null;
  listingFailed: boolean;
  riskyChanges: number;
  toxicFlow: boolean;
}

/**
 * The risks whose tools the policy gates whatever their hints say (approval for high, denial for critical:
 * ruleForRisk). Their hints cover none of the server's other tools, so a gated tool that declares them is left out
 * of the share of tools without hints: were it counted, adding a destructive tool with hints would lower that
 * share, and with the critical rows at their caps the server would grade better for it.
 */
export const GATED_RISKS: readonly Risk[] = RISKS.filter((risk) => ruleForRisk("", risk, "").action !== undefined);

/** The signals the grade counts tools by. */
export const GRADED_SIGNALS = { injection: "prompt_injection", contradictedHints: "annotation_conflict" } as const;

/** A server's facts counted. */
export function countFacts(facts: ServerFacts): ServerCounts {
  const count = (keep: (t: ServerFacts["tools"][number]) => boolean) => facts.tools.filter(keep).length;
  return {
    tools: facts.tools.length,
    critical: count((t) => t.risk === "critical"),
    high: count((t) => t.risk === "high"),
    aboveLow: count((t) => t.risk !== "low"),
    injection: count((t) => t.signals.includes(GRADED_SIGNALS.injection)),
    contradictedHints: count((t) => t.signals.includes(GRADED_SIGNALS.contradictedHints)),
    unannotated: count((t) => !t.annotated),
    annotatedGated: count((t) => t.annotated && GATED_RISKS.includes(t.risk)),
    unlimitedRaw: count((t) => t.unlimitedRaw),
    authPosture: facts.authPosture,
    listingFailed: facts.listingFailed,
    riskyChanges: facts.riskyChanges,
    toxicFlow: facts.toxicFlow,
  };
}

type Counter = (c: ServerCounts) => number;

/** How each finding is counted: one line each, named by the formula's rows. */
const COUNTERS = {
  criticalTools: (c) => c.critical,
  // A critical tool counts here too: a tool made critical from high must never take fewer points, as it would once
  // the critical row is at its cap and the high row is not (ten critical tools would grade better than five and five).
  highOrCriticalTools: (c) => c.high + c.critical,
  injection: (c) => c.injection,
  contradictedHints: (c) => c.contradictedHints,
  unannotatedShare: (c) => (c.tools === c.annotatedGated ? 0 : Math.round((100 * c.unannotated) / (c.tools - c.annotatedGated))),
  unlimitedRaw: (c) => c.unlimitedRaw,
  openRemoteWithWrites: (c) => (c.authPosture === "open" && c.aboveLow > 0 ? 1 : 0),
  listingFailed: (c) => (c.listingFailed ? 1 : 0),
  riskyChanges: (c) => c.riskyChanges,
  toxicFlow: (c) => (c.toxicFlow ? 1 : 0),
} satisfies Record<string, Counter>;

export interface Penalty {
  counts: keyof typeof COUNTERS;
  /** Points taken per unit counted. */
  each: number;
  /** The most this row can take. */
  cap: number;
  /** The reason, with {n} for the count. */
  reason: string;
}

/**
 * The formula (README "Server grades"): start at 100 and take each row's points per unit, up to its cap.
 * Injection and toxic flows weigh most (they turn the server against its user); a destructive tool is
 * a risk an operator can gate, so it weighs less per tool; annotation coverage counts per cent missing.
 * No row can fall as a tool is added or its risk raised, so neither ever improves a grade (tests/classifier/
 * grade-monotonicity.test.ts): a critical tool is counted by both tool rows, and gated tools' hints are not
 * counted as coverage (GATED_RISKS).
 */
export const GRADE_FORMULA: { start: number; penalties: Penalty[]; bands: [min: number, grade: Grade][] } = {
  start: 100,
  penalties: [
    { counts: "injection", each: 30, cap: 60, reason: "{n} tool description(s) with text aimed at the model" },
    { counts: "toxicFlow", each: 20, cap: 20, reason: "its tools combine untrusted content, private data and a way out (toxic flow)" },
    { counts: "criticalTools", each: 4, cap: 20, reason: "{n} critical tool(s) (destroy data or move money)" },
    { counts: "highOrCriticalTools", each: 2, cap: 10, reason: "{n} tool(s) of high risk or above (run code, change identities, or worse)" },
    { counts: "unlimitedRaw", each: 5, cap: 10, reason: "{n} tool(s) taking raw SQL, shell or code that the description does not limit" },
    { counts: "contradictedHints", each: 5, cap: 15, reason: "{n} tool(s) whose declared hints contradict what they do" },
    { counts: "unannotatedShare", each: 0.1, cap: 10, reason: `{n}% of its tools declare no hints (not counting ${GATED_RISKS.join(" and ")} tools that do)` },
    { counts: "openRemoteWithWrites", each: 10, cap: 10, reason: "its remote lists tools that change things without asking for credentials" },
    { counts: "listingFailed", each: 5, cap: 5, reason: "its last live tools/list failed" },
    { counts: "riskyChanges", each: 3, cap: 15, reason: "{n} change(s) in the last 30 days made it riskier" },
  ],
  bands: [
    [90, "A"],
    [80, "B"],
    [65, "C"],
    [50, "D"],
    [0, "F"],
  ],
};

export const GRADES = ["A", "B", "C", "D", "F"] as const;
export type Grade = (typeof GRADES)[number];

export interface Verdict {
  grade: Grade;
  score: number;
  /** Every row that took points, largest first, each with the points it took. */
  reasons: { reason: string; points: number }[];
}

export function gradeServer(facts: ServerFacts, formula = GRADE_FORMULA): Verdict {
  return gradeCounts(countFacts(facts), formula);
}

/** The grade of a server's counted facts. */
export function gradeCounts(counts: ServerCounts, formula = GRADE_FORMULA): Verdict {
  const reasons: Verdict["reasons"] = [];
  let score = formula.start;
  for (const row of formula.penalties) {
    const n = COUNTERS[row.counts](counts);
    const points = Math.round(Math.min(row.cap, n * row.each) * 10) / 10;
    if (points <= 0) continue;
    score -= points;
    reasons.push({ reason: pluralized(row.reason.replace("{n}", String(n)), n), points });
  }
  score = Math.max(0, Math.round(score * 10) / 10);
  reasons.sort((a, b) => b.points - a.points);
  const grade = formula.bands.find(([min]) => score >= min)![1];
  return { grade, score, reasons };
}
