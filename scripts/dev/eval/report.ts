// The evaluation printed: figure tables (baseline beside final), per-class scores, confusion, worst servers
// with their errors, disputed labels, and for each missed target its measured cause.
import { THREE_WAY } from "./labels.js";
import { chooseThreshold, type CalibrationCurve } from "./calibration.js";
import { CALIBRATION_THRESHOLD, TARGETS, worstServers, type EvalReport, type EvalRow, type MissedTarget } from "./metrics.js";

export function pct(x: number): string {
  return Number.isNaN(x) ? "n/a" : `${(x * 100).toFixed(1)}%`;
}

function frac(s: { right: number; total: number; rate: number }): string {
  return `${pct(s.rate)} (${s.right}/${s.total})`;
}

export function oneLine(s: string, max: number): string {
  const t = s.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, " ").replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

export interface Column {
  title: string;
  report: EvalReport;
}

/** The headline figures, one column per classifier. */
export function figureTable(columns: readonly Column[]): string {
  const head = `| figure | ${columns.map((c) => c.title).join(" | ")} | target |`;
  const rule = `| --- | ${columns.map(() => "---").join(" | ")} | --- |`;
  const row = (name: string, cell: (r: EvalReport) => string, target: string) => `| ${name} | ${columns.map((c) => cell(c.report)).join(" | ")} | ${target} |`;
  return [
    head,
    rule,
    row("read vs not-read", (r) => frac(r.readAxis), `>= ${pct(TARGETS.readAxis)}`),
    row("three-way (read / write / destructive)", (r) => frac(r.threeWayAgreement), `>= ${pct(TARGETS.threeWay)}`),
    row("labelled destructive, classified read", (r) => frac(r.destructiveAsRead), `<= ${pct(TARGETS.destructiveAsRead)}`),
    row(`calibration (right among confidence >= ${CALIBRATION_THRESHOLD})`, (r) => `${frac(r.calibration)}, ${pct(r.calibration.total / (r.tools || 1))} of tools`, `>= ${pct(TARGETS.calibration)}`),
    row("per-server macro: read vs not-read", (r) => pct(r.macro.readAxis), ""),
    row("per-server macro: three-way", (r) => pct(r.macro.threeWay), ""),
  ].join("\n");
}

export function perClassTable(columns: readonly Column[]): string {
  const lines = [`| class | ${columns.map((c) => `${c.title} precision | ${c.title} recall`).join(" | ")} | support |`, `| --- | ${columns.map(() => "--- | ---").join(" | ")} | --- |`];
  for (const k of THREE_WAY) {
    lines.push(`| ${k} | ${columns.map((c) => `${pct(c.report.perClass[k].precision)} | ${pct(c.report.perClass[k].recall)}`).join(" | ")} | ${columns[0]?.report.perClass[k].support ?? 0} |`);
  }
  return lines.join("\n");
}

export function confusionTable(report: EvalReport): string {
  const lines = ["confusion (rows: label, columns: classified)", `| label \\ classified | ${THREE_WAY.join(" | ")} |`, `| --- | ${THREE_WAY.map(() => "---").join(" | ")} |`];
  for (const a of THREE_WAY) lines.push(`| ${a} | ${THREE_WAY.map((p) => report.threeWay[a][p]).join(" | ")} |`);
  return lines.join("\n");
}

function errorLine(r: EvalRow): string {
  const label = r.label.threeWay ?? r.label.binary;
  const disputed = r.disputed ? ` [disputed: ${oneLine(r.disputed, 140)}]` : "";
  return `    - ${r.name}: label ${label}, classified ${r.predicted} (${r.category}, confidence ${r.confidence.toFixed(2)})${disputed} "${oneLine(r.description, 140)}"`;
}

export function worstServersList(report: EvalReport, n: number, errorsEach: number): string {
  const lines: string[] = [];
  for (const s of worstServers(report, n)) {
    lines.push(`- ${s.server}: ${s.errors.length} wrong of ${s.tools}; read vs not-read ${pct(s.readAxis.rate)}, three-way ${pct(s.threeWay.rate)}`);
    for (const e of s.errors.slice(0, errorsEach)) lines.push(errorLine(e));
    if (s.errors.length > errorsEach) lines.push(`    - … and ${s.errors.length - errorsEach} more`);
  }
  return lines.length ? lines.join("\n") : "(no errors)";
}

export function disputedList(rows: readonly EvalRow[]): string {
  const disputed = rows.filter((r) => r.disputed);
  if (!disputed.length) return "(none)";
  return disputed.map((r) => `- ${r.id} (label ${r.label.threeWay ?? r.label.binary}, classified ${r.predicted}): ${oneLine(r.disputed!, 300)}`).join("\n");
}

/** For a missed target: which kind of error makes most of it, and which servers hold most of those. */
export function measuredCause(missed: MissedTarget, report: EvalReport, rows: readonly EvalRow[]): string {
  const errors =
    missed.figure === "destructiveAsRead"
      ? rows.filter((r) => r.label.threeWay === "destructive" && r.predicted === "read")
      : missed.figure === "readAxis"
        ? rows.filter((r) => (r.label.binary === "read") !== (r.predicted === "read"))
        : missed.figure === "threeWay"
          ? rows.filter((r) => r.label.threeWay && r.label.threeWay !== r.predicted)
          : rows.filter((r) => r.confidence >= CALIBRATION_THRESHOLD && !(r.label.threeWay ? r.label.threeWay === r.predicted : (r.label.binary === "read") === (r.predicted === "read")));
  const kinds = new Map<string, EvalRow[]>();
  for (const r of errors) {
    const k = `labelled ${r.label.threeWay ?? r.label.binary}, classified ${r.predicted}`;
    kinds.set(k, [...(kinds.get(k) ?? []), r]);
  }
  const parts = [...kinds].sort((a, b) => b[1].length - a[1].length).slice(0, 3).map(([kind, list]) => {
    const servers = new Map<string, number>();
    for (const r of list) servers.set(r.server, (servers.get(r.server) ?? 0) + 1);
    const top = [...servers].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([s, n]) => `${s} ${n}`).join(", ");
    const disputed = list.filter((r) => r.disputed).length;
    return `${list.length} ${kind} (${top}${disputed ? `; ${disputed} of them disputed` : ""})`;
  });
  const value = pct(missed.value);
  const cmp = missed.figure === "destructiveAsRead" ? ">" : "<";
  return `${missed.figure} ${value} ${cmp} ${pct(missed.target)} over ${report.servers} servers: ${errors.length} errors — ${parts.join("; ") || "no labelled tools on that scale"}`;
}

/** The calibration curve as printed: share right per confidence band, then per threshold the share of tools below it. */
export function calibrationSection(curve: CalibrationCurve, target: number, current: number): string[] {
  const chosen = chooseThreshold(curve, target);
  return [
    "## Calibration curve (corpus, rules + learned): the model review's threshold",
    "",
    "| confidence | tools | right |",
    "| --- | --- | --- |",
    ...curve.bands.map((b) => `| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.right.total} | ${b.right.total ? frac(b.right) : "n/a"} |`),
    "",
    "| threshold | tools below (sent to the model) | right at or above (left to the classifier) |",
    "| --- | --- | --- |",
    ...curve.thresholds.map((p) => `| ${p.threshold.toFixed(2)} | ${frac(p.below)} | ${frac(p.rightAbove)} |`),
    "",
    `Rule: the default threshold is the lowest at which the tools left to the classifier are right at least ${pct(target)} of the time ` +
      `(the calibration target). It gives ${chosen === undefined ? "no threshold (none reaches the target)" : chosen.toFixed(2)}; CATALOG_LLM_THRESHOLD defaults to ${current}.`,
  ];
}
