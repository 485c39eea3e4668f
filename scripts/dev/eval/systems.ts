// The classifiers the evaluation compares, as fits over training servers: the rules alone (scored by their
// category), and the shipped design (scored by its predicted hints) with the learned model refitted on the
// training folds' corpus servers only, so no fold is scored by weights that saw its servers.
import { classifyRead, type Classification } from "../../../classifier/classify.js";
import { hintClassOf } from "../../../classifier/hints.js";
import type { Model } from "../../../classifier/model.js";
import { examplesOf } from "../train/examples.js";
import { fitModel } from "../train/fit.js";
import type { Fit, Prediction } from "./cross-validate.js";
import type { ServerData } from "./dataset.js";
import { threeWayOf } from "./labels.js";
import { readingOf } from "./server-readings.js";

/** A classification on the evaluation's scale by its category: execute counts as destructive, financial as either. */
export function byCategory(c: Classification): Prediction {
  return { threeWay: (label) => threeWayOf(c.category, label.threeWay), confidence: c.confidence, category: c.category, signals: c.signals };
}

/** A classification on the evaluation's scale by its predicted hints, compared with the declared ones. */
export function byHints(c: Classification): Prediction {
  const cls = hintClassOf(c.hints);
  return { threeWay: () => cls, confidence: c.confidence, category: c.category, signals: c.signals };
}

/** A classifier as the held-out sets score it: its model (null: the rules alone) and the scale it is scored on. */
export interface Scored {
  model: Model | null;
  score: (c: Classification) => Prediction;
}

/** The rules alone, scored by their category. */
export const RULES_ONLY: Scored = { model: null, score: byCategory };

/** The shipped design (the rules and `model`), scored by its predicted hints. */
export function shippedDesign(model: Model | null): Scored {
  return { model, score: byHints };
}

/** The rules alone: nothing to learn from the training servers. */
export const rulesOnly: Fit = () => (s) => classifyRead(readingOf(s), { model: null }).map(byCategory);

/** The model fitted on the training servers of the corpus (the fixtures are never trained on). */
export function fitOnCorpus(training: readonly ServerData[]): Model {
  return fitModel(examplesOf(training.filter((s) => s.table === "corpus"))).model;
}

/** Rules and the learned model together, the model refitted per fold: the classifications themselves. */
export function learnedClassifications(training: readonly ServerData[]): (s: ServerData) => Classification[] {
  const model = fitOnCorpus(training);
  return (s) => classifyRead(readingOf(s), { model });
}

/** Rules and the learned model together, scored by their predicted hints. */
export const learned: Fit = (training) => {
  const classify = learnedClassifications(training);
  return (s) => classify(s).map(byHints);
};
