// The classifiers the evaluation compares, as fits over training servers: the rules alone, and the shipped classifier.
import { classifyServer, type Classification } from "../../../classifier/classify.js";
import type { ServerContext } from "../../../classifier/classify.js";
import type { Fit, Prediction } from "./cross-validate.js";
import type { ServerData } from "./dataset.js";
import { threeWayOf } from "./labels.js";

export function contextOf(s: ServerData): ServerContext {
  return { name: s.server, tools: s.tools };
}

/** A classification on the evaluation's scale by its category: execute counts as destructive, financial as either. */
export function byCategory(c: Classification): Prediction {
  return { threeWay: (label) => threeWayOf(c.category, label.threeWay), confidence: c.confidence, category: c.category, signals: c.signals };
}

/** The rules alone: nothing to learn from the training servers. */
export const rulesOnly: Fit = () => (s) => classifyServer(contextOf(s)).map(byCategory);
