// A server's grade, A to F, with its reasons: 100 points less a penalty per finding, each penalty a row of
// GRADE_FORMULA (what is counted, points each, a cap, the reason's words), the bands a table too. Pure.
import type { Risk } from "./taxonomy.js";
import { pluralized } from "./plural.js";

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
  unlimitedRaw: number;
  authPosture: string | null;
  listingFailed: boolean;
  riskyChanges: number;
  toxicFlow: boolean;
}

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
  highTools: (c) => c.high,
  injection: (c) => c.injection,
  contradictedHints: (c) => c.contradictedHints,
  unannotatedShare: (c) => (c.tools === 0 ? 0 : Math.round((100 * c.unannotated) / c.tools)),
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
 */
export const GRADE_FORMULA: { start: number; penalties: Penalty[]; bands: [min: number, grade: Grade][] } = {
  start: 100,
  penalties: [
    { counts: "injection", each: 30, cap: 60, reason: "{n} tool description(s) with text aimed at the model" },
    { counts: "toxicFlow", each: 20, cap: 20, reason: "its tools combine untrusted content, private data and a way out (toxic flow)" },
    { counts: "criticalTools", each: 4, cap: 20, reason: "{n} critical tool(s) (destroy data or move money)" },
    { counts: "highTools", each: 2, cap: 10, reason: "{n} high-risk tool(s) (run code or change identities)" },
    { counts: "unlimitedRaw", each: 5, cap: 10, reason: "{n} tool(s) taking raw SQL, shell or code that the description does not limit" },
    { counts: "contradictedHints", each: 5, cap: 15, reason: "{n} tool(s) whose declared hints contradict what they do" },
    { counts: "unannotatedShare", each: 0.1, cap: 10, reason: "{n}% of its tools declare no hints" },
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
