// Leave-server-out cross-validation: vendor groups dealt into folds; each fold is classified by a classifier fitted
// on the other folds only, so every figure is on servers (and vendors) the classifier never saw.
import { assignFolds } from "./groups.js";
import { labelledCount, type Dataset, type ServerData, type Table } from "./dataset.js";
import type { Label, ThreeWay } from "./labels.js";
import type { EvalRow } from "./metrics.js";

/** What a classifier says about one tool. */
export interface Prediction {
  /** On the three-way scale, given the label (financial matches either of write and destructive). */
  threeWay: (label: Label) => ThreeWay;
  confidence: number;
  category: string;
  signals: readonly string[];
}

/** Classifies the tools of one server, in order. */
export type ServerClassifier = (server: ServerData) => Prediction[];

/** A classifier fitted on the training servers (a rules-only classifier ignores them). */
export type Fit = (training: readonly ServerData[]) => ServerClassifier;

export interface Folds {
  k: number;
  /** group → fold */
  foldOf: Map<string, number>;
}

/**
 * Groups into at most `maxFolds` folds (no more than there are groups with labels), balanced by labelled tools;
 * unlabelled servers are spread too (they are training data of the other folds, never test data).
 */
export function makeFolds(data: Dataset, maxFolds: number): Folds {
  const weights = new Map<string, number>();
  for (const s of data.servers) weights.set(s.group, (weights.get(s.group) ?? 0) + labelledCount(s) + 0.05 * s.tools.length);
  const labelledGroups = new Set(data.servers.filter((s) => labelledCount(s) > 0).map((s) => s.group)).size;
  const k = Math.max(2, Math.min(maxFolds, labelledGroups));
  return { k, foldOf: assignFolds(weights, k) };
}

/** Out-of-fold answers (predictions, or whole classifications) for every server, from `fit` trained on the other folds. */
export function crossValidate<T = Prediction>(data: Dataset, folds: Folds, fit: (training: readonly ServerData[]) => (server: ServerData) => T[]): Map<ServerData, T[]> {
  const out = new Map<ServerData, T[]>();
  for (let f = 0; f < folds.k; f++) {
    const test = data.servers.filter((s) => folds.foldOf.get(s.group) === f);
    if (!test.some((s) => labelledCount(s) > 0)) continue;
    const classify = fit(data.servers.filter((s) => folds.foldOf.get(s.group) !== f));
    for (const s of test) out.set(s, classify(s));
  }
  return out;
}

/** The labelled rows of one table from predictions. */
export function rowsOf(data: Dataset, predictions: ReadonlyMap<ServerData, Prediction[]>, table: Table): EvalRow[] {
  const rows: EvalRow[] = [];
  for (const s of data.servers) {
    if (s.table !== table) continue;
    const predicted = predictions.get(s);
    if (!predicted) continue;
    s.tools.forEach((tool, i) => {
      const label = s.labels[i];
      if (!label) return;
      const p = predicted[i]!;
      const row: EvalRow = {
        id: `${s.server}/${tool.name}`,
        server: s.server,
        name: tool.name,
        description: tool.description ?? "",
        label,
        predicted: p.threeWay(label),
        category: p.category,
        confidence: p.confidence,
        signals: p.signals,
      };
      const why = s.disputed.get(tool.name);
      if (why) row.disputed = why;
      rows.push(row);
    });
  }
  return rows;
}
