// `npm run eval`: the classifier against the labelled fixtures, with the servers' own hints hidden from it.
// The maths (labels, confusion matrix, precision/recall, calibration) are pure and exported for tests.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { classifyServer } from "../classifier/classify.js";
import type { Category } from "../classifier/taxonomy.js";
import type { ToolAnnotations, ToolInput } from "../classifier/tool.js";
import { runAsScript } from "./run-as-script.js";

export const THREE_WAY = ["read", "write", "destructive"] as const;
export type ThreeWay = (typeof THREE_WAY)[number];
export type Binary = "read" | "not-read";

export interface Label {
  binary: Binary;
  /** Absent when the hints say "not read" without saying whether it destroys. */
  threeWay?: ThreeWay;
}

/**
 * Per SOURCES.md: buildkite, kube-lint and apollo mark read tools readOnlyHint: true and leave write
 * tools with no hint at all, so in those files an absent readOnlyHint means "writes".
 */
export const ABSENT_READONLY_MEANS_WRITE = new Set([
  "docker-mcp-registry-buildkite.jsonl",
  "docker-mcp-registry-kube-lint-mcp.jsonl",
  "docker-mcp-registry-apollo-mcp-server.jsonl",
]);

/**
 * The label a server's explicit hints give. readOnlyHint true → read; false with destructiveHint true →
 * destructive; both false → write. destructiveHint only has meaning for tools that are not read-only,
 * so an explicit destructiveHint with readOnlyHint absent also says "not read". Absent hints are not
 * read as their spec defaults.
 */
export function labelFromHints(a: ToolAnnotations | undefined, absentReadOnlyMeansWrite: boolean): Label | undefined {
  const ro = a?.readOnlyHint;
  const de = a?.destructiveHint;
  if (ro === true) return { binary: "read", threeWay: "read" };
  if (ro === false || de !== undefined) {
    if (de === true) return { binary: "not-read", threeWay: "destructive" };
    if (de === false) return { binary: "not-read", threeWay: "write" };
    return { binary: "not-read" };
  }
  if (absentReadOnlyMeansWrite) return { binary: "not-read" };
  return undefined;
}

/** A category on the labels' three-way scale: execute counts as destructive; financial matches either. */
export function threeWayOf(category: Category, label?: ThreeWay): ThreeWay {
  if (category === "read") return "read";
  if (category === "write") return "write";
  if (category === "financial") return label === "write" || label === "destructive" ? label : "destructive";
  return "destructive";
}

export function binaryOf(category: Category): Binary {
  return category === "read" ? "read" : "not-read";
}

export type Matrix<C extends string> = Record<C, Record<C, number>>;

/** Rows are the labels (actual), columns the classifier's answers (predicted). */
export function confusionMatrix<C extends string>(classes: readonly C[], pairs: Iterable<readonly [actual: C, predicted: C]>): Matrix<C> {
  const m = {} as Matrix<C>;
  for (const a of classes) {
    m[a] = {} as Record<C, number>;
    for (const p of classes) m[a][p] = 0;
  }
  for (const [a, p] of pairs) m[a][p] += 1;
  return m;
}

export interface ClassScore {
  precision: number;
  recall: number;
  support: number;
}

/** Precision and recall per class; a class never predicted (or never labelled) scores NaN there. */
export function precisionRecall<C extends string>(classes: readonly C[], m: Matrix<C>): Record<C, ClassScore> {
  const out = {} as Record<C, ClassScore>;
  for (const c of classes) {
    const tp = m[c][c];
    let predicted = 0;
    let actual = 0;
    for (const o of classes) {
      predicted += m[o][c];
      actual += m[c][o];
    }
    out[c] = { precision: predicted ? tp / predicted : Number.NaN, recall: actual ? tp / actual : Number.NaN, support: actual };
  }
  return out;
}

export function agreement<C extends string>(classes: readonly C[], m: Matrix<C>): { right: number; total: number; rate: number } {
  let right = 0;
  let total = 0;
  for (const a of classes) for (const p of classes) {
    total += m[a][p];
    if (a === p) right += m[a][p];
  }
  return { right, total, rate: total ? right / total : Number.NaN };
}

export interface EvalRow {
  id: string;
  name: string;
  description: string;
  label: Label;
  category: Category;
  confidence: number;
  signals: string[];
  disputed?: string;
}

export function isRight(row: Pick<EvalRow, "label" | "category">): boolean {
  const { label, category } = row;
  if (label.threeWay) return threeWayOf(category, label.threeWay) === label.threeWay;
  return binaryOf(category) === label.binary;
}

export interface EvalReport {
  binary: Matrix<Binary>;
  threeWay: Matrix<ThreeWay>;
  perClass: Record<ThreeWay, ClassScore>;
  binaryAgreement: { right: number; total: number; rate: number };
  threeWayAgreement: { right: number; total: number; rate: number };
  calibration: { right: number; total: number; rate: number };
  destructiveAsRead: number;
  disagreements: EvalRow[];
}

export const CALIBRATION_THRESHOLD = 0.9;

/** Every figure of the report from classified, labelled rows. */
export function evaluate(rows: readonly EvalRow[]): EvalReport {
  const binary = confusionMatrix<Binary>(["read", "not-read"], rows.map((r) => [r.label.binary, binaryOf(r.category)] as const));
  const three = rows.filter((r) => r.label.threeWay);
  const threeWay = confusionMatrix(THREE_WAY, three.map((r) => [r.label.threeWay!, threeWayOf(r.category, r.label.threeWay)] as const));
  const confident = rows.filter((r) => r.confidence >= CALIBRATION_THRESHOLD);
  const calRight = confident.filter(isRight).length;
  return {
    binary,
    threeWay,
    perClass: precisionRecall(THREE_WAY, threeWay),
    binaryAgreement: agreement(["read", "not-read"] as const, binary),
    threeWayAgreement: agreement(THREE_WAY, threeWay),
    calibration: { right: calRight, total: confident.length, rate: confident.length ? calRight / confident.length : Number.NaN },
    destructiveAsRead: rows.filter((r) => r.label.threeWay === "destructive" && r.category === "read").length,
    disagreements: rows.filter((r) => !isRight(r)),
  };
}

export const TARGETS = { binary: 0.95, threeWay: 0.9, calibration: 0.9, destructiveAsRead: 0 } as const;

export function missedTargets(report: EvalReport): string[] {
  const missed: string[] = [];
  if (!(report.binaryAgreement.rate >= TARGETS.binary)) missed.push(`read vs not-read ${pct(report.binaryAgreement.rate)} < ${pct(TARGETS.binary)}`);
  if (!(report.threeWayAgreement.rate >= TARGETS.threeWay)) missed.push(`three-way ${pct(report.threeWayAgreement.rate)} < ${pct(TARGETS.threeWay)}`);
  if (!(report.calibration.rate >= TARGETS.calibration)) missed.push(`calibration ${pct(report.calibration.rate)} < ${pct(TARGETS.calibration)}`);
  if (report.destructiveAsRead > TARGETS.destructiveAsRead) missed.push(`${report.destructiveAsRead} tool(s) labelled destructive classified read`);
  return missed;
}

// ---- fixtures ---------------------------------------------------------------------------------

export function projectRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

interface FixtureTool extends ToolInput {
  server: string;
}

export interface Disputed {
  id: string;
  reason: string;
}

/** Classifies every labelled tool with annotations removed (siblings too) and pairs it with its label. */
export function classifyFixtures(dir: string): EvalRow[] {
  const disputed = new Map<string, string>();
  const disputedPath = join(dir, "disputed.json");
  if (existsSync(disputedPath)) for (const d of JSON.parse(readFileSync(disputedPath, "utf8")) as Disputed[]) disputed.set(d.id, d.reason);
  const rows: EvalRow[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort()) {
    const tools = readFileSync(join(dir, file), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as FixtureTool);
    const stripped: ToolInput[] = tools.map((t) => ({ name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema, annotations: undefined }));
    const results = classifyServer({ name: tools[0]?.server ?? file, tools: stripped });
    tools.forEach((t, i) => {
      const label = labelFromHints(t.annotations, ABSENT_READONLY_MEANS_WRITE.has(file));
      if (!label) return;
      const c = results[i]!;
      const id = `${file.replace(/\.jsonl$/, "")}/${t.name}`;
      const row: EvalRow = { id, name: t.name, description: t.description ?? "", label, category: c.category, confidence: c.confidence, signals: c.signals };
      const why = disputed.get(id);
      if (why) row.disputed = why;
      rows.push(row);
    });
  }
  return rows;
}

// ---- printing ---------------------------------------------------------------------------------

function pct(x: number): string {
  return Number.isNaN(x) ? "n/a" : `${(x * 100).toFixed(1)}%`;
}

function oneLine(s: string, max: number): string {
  const t = s.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, " ").replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

export function formatReport(title: string, report: EvalReport): string {
  const lines: string[] = [`## ${title}`, ""];
  lines.push("| figure | value | target |", "| --- | --- | --- |");
  lines.push(`| read vs not-read agreement | ${pct(report.binaryAgreement.rate)} (${report.binaryAgreement.right}/${report.binaryAgreement.total}) | >= ${pct(TARGETS.binary)} |`);
  lines.push(`| three-way agreement | ${pct(report.threeWayAgreement.rate)} (${report.threeWayAgreement.right}/${report.threeWayAgreement.total}) | >= ${pct(TARGETS.threeWay)} |`);
  lines.push(`| calibration (right among confidence >= ${CALIBRATION_THRESHOLD}) | ${pct(report.calibration.rate)} (${report.calibration.right}/${report.calibration.total}) | >= ${pct(TARGETS.calibration)} |`);
  lines.push(`| labelled destructive, classified read | ${report.destructiveAsRead} | 0 |`);
  lines.push("", "| class | precision | recall | support |", "| --- | --- | --- | --- |");
  for (const c of THREE_WAY) {
    const s = report.perClass[c];
    lines.push(`| ${c} | ${pct(s.precision)} | ${pct(s.recall)} | ${s.support} |`);
  }
  lines.push("", "confusion (rows: label, columns: classifier)", `| label \\ classified | ${THREE_WAY.join(" | ")} |`, `| --- | ${THREE_WAY.map(() => "---").join(" | ")} |`);
  for (const a of THREE_WAY) lines.push(`| ${a} | ${THREE_WAY.map((p) => report.threeWay[a][p]).join(" | ")} |`);
  return lines.join("\n");
}

function formatDisagreements(rows: readonly EvalRow[]): string {
  const lines = [`## Disagreements (${rows.length})`, ""];
  for (const r of rows) {
    const label = r.label.threeWay ?? r.label.binary;
    lines.push(`- ${r.id}: label ${label}, classified ${r.category} (confidence ${r.confidence.toFixed(2)}; ${r.signals.join(", ")})${r.disputed ? `\n    disputed: ${r.disputed}` : ""}\n    "${oneLine(r.description, 220)}"`);
  }
  return lines.join("\n");
}

/** Runs the evaluation and prints it; returns the exit code (1 when a target is missed). */
export function runEval(out: (s: string) => void = (s) => process.stdout.write(`${s}\n`)): number {
  const dir = join(projectRoot(), "tests", "fixtures", "labeled");
  const rows = classifyFixtures(dir);
  const undisputed = rows.filter((r) => !r.disputed);
  const all = evaluate(rows);
  const judged = evaluate(undisputed);
  out(formatReport(`Against every label (${rows.length} tools)`, all));
  out("");
  out(formatReport(`Targets: labels not disputed (${undisputed.length} tools; ${rows.length - undisputed.length} disputed)`, judged));
  out("");
  out(formatDisagreements(all.disagreements));
  const stale = rows.filter((r) => r.disputed && isRight(r));
  if (stale.length > 0) out(`\nDisputed but now agreeing (review disputed.json): ${stale.map((r) => r.id).join(", ")}`);
  const missed = missedTargets(judged);
  out(missed.length ? `\nMISSED: ${missed.join("; ")}` : "\nAll targets met.");
  return missed.length ? 1 : 0;
}

runAsScript(import.meta.url, "eval", () => runEval());
