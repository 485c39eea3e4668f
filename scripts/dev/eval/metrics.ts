// The evaluation's figures from predicted, labelled rows: agreement on both scales, per-class precision and
// recall, destructive tools classified read, calibration, per-server macro averages and the worst servers. Pure.
import { BINARY, binaryOf, THREE_WAY, type Binary, type Label, type ThreeWay } from "./labels.js";

/** One labelled tool and what a classifier said about it. */
export interface EvalRow {
  /** `<server>/<tool>`: unique within a table. */
  id: string;
  server: string;
  name: string;
  description: string;
  label: Label;
  /** The prediction on the three-way scale (read / write / destructive). */
  predicted: ThreeWay;
  /** The classifier's category and signals, for reading errors. */
  category: string;
  confidence: number;
  signals: readonly string[];
  /** Why a reviewer would agree the label is wrong, when one would. */
  disputed?: string;
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

export interface Share {
  right: number;
  total: number;
  rate: number;
}

export function share(right: number, total: number): Share {
  return { right, total, rate: total ? right / total : Number.NaN };
}

export function agreement<C extends string>(classes: readonly C[], m: Matrix<C>): Share {
  let right = 0;
  let total = 0;
  for (const a of classes)
    for (const p of classes) {
      total += m[a][p];
      if (a === p) right += m[a][p];
    }
  return share(right, total);
}

/** Right on the finest scale the label has: three-way when it says whether the tool destroys, else read vs not-read. */
export function isRight(row: Pick<EvalRow, "label" | "predicted">): boolean {
  const { label, predicted } = row;
  if (label.threeWay) return predicted === label.threeWay;
  return binaryOf(predicted) === label.binary;
}

export const CALIBRATION_THRESHOLD = 0.9;

export interface ServerScore {
  server: string;
  tools: number;
  readAxis: Share;
  threeWay: Share;
  errors: EvalRow[];
}

export interface EvalReport {
  tools: number;
  servers: number;
  binary: Matrix<Binary>;
  threeWay: Matrix<ThreeWay>;
  perClass: Record<ThreeWay, ClassScore>;
  readAxis: Share;
  threeWayAgreement: Share;
  /** Tools labelled destructive that were classified read, as a share of the tools labelled destructive. */
  destructiveAsRead: Share;
  /** Share right among the rows with confidence >= CALIBRATION_THRESHOLD. */
  calibration: Share;
  /** Per-server agreement, averaged with every server weighing the same (servers with a label on that scale). */
  macro: { readAxis: number; threeWay: number };
  perServer: ServerScore[];
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
}

/** Every figure of the report from classified, labelled rows. */
export function evaluate(rows: readonly EvalRow[]): EvalReport {
  const binary = confusionMatrix(BINARY, rows.map((r) => [r.label.binary, binaryOf(r.predicted)] as const));
  const three = rows.filter((r) => r.label.threeWay);
  const threeWay = confusionMatrix(THREE_WAY, three.map((r) => [r.label.threeWay!, r.predicted] as const));
  const confident = rows.filter((r) => r.confidence >= CALIBRATION_THRESHOLD);
  const destructive = rows.filter((r) => r.label.threeWay === "destructive");
  const byServer = new Map<string, EvalRow[]>();
  for (const r of rows) {
    const list = byServer.get(r.server) ?? [];
    list.push(r);
    byServer.set(r.server, list);
  }
  const perServer = [...byServer].map(([server, list]): ServerScore => {
    const labelled3 = list.filter((r) => r.label.threeWay);
    return {
      server,
      tools: list.length,
      readAxis: share(list.filter((r) => binaryOf(r.predicted) === r.label.binary).length, list.length),
      threeWay: share(labelled3.filter((r) => r.predicted === r.label.threeWay).length, labelled3.length),
      errors: list.filter((r) => !isRight(r)),
    };
  });
  return {
    tools: rows.length,
    servers: byServer.size,
    binary,
    threeWay,
    perClass: precisionRecall(THREE_WAY, threeWay),
    readAxis: agreement(BINARY, binary),
    threeWayAgreement: agreement(THREE_WAY, threeWay),
    destructiveAsRead: share(destructive.filter((r) => r.predicted === "read").length, destructive.length),
    calibration: share(confident.filter(isRight).length, confident.length),
    macro: {
      readAxis: mean(perServer.map((s) => s.readAxis.rate)),
      threeWay: mean(perServer.filter((s) => s.threeWay.total > 0).map((s) => s.threeWay.rate)),
    },
    perServer,
  };
}

/** The servers with the most errors first (then the lowest agreement), at most `n`, only servers with errors. */
export function worstServers(report: EvalReport, n: number): ServerScore[] {
  return report.perServer
    .filter((s) => s.errors.length > 0)
    .sort((a, b) => b.errors.length - a.errors.length || a.readAxis.rate - b.readAxis.rate || (a.server < b.server ? -1 : 1))
    .slice(0, n);
}

/** The targets of issue 11 on leave-server-out folds. */
export const TARGETS = { readAxis: 0.93, threeWay: 0.85, destructiveAsRead: 0.02, calibration: 0.9 } as const;

export interface MissedTarget {
  figure: keyof typeof TARGETS;
  value: number;
  target: number;
}

export function missedTargets(report: EvalReport): MissedTarget[] {
  const missed: MissedTarget[] = [];
  const low = (figure: "readAxis" | "threeWay" | "calibration", value: number) => {
    if (!(value >= TARGETS[figure])) missed.push({ figure, value, target: TARGETS[figure] });
  };
  low("readAxis", report.readAxis.rate);
  low("threeWay", report.threeWayAgreement.rate);
  low("calibration", report.calibration.rate);
  if (!(report.destructiveAsRead.rate <= TARGETS.destructiveAsRead)) missed.push({ figure: "destructiveAsRead", value: report.destructiveAsRead.rate, target: TARGETS.destructiveAsRead });
  return missed;
}
