// Training examples from labelled servers: each labelled tool's model features (as the classifier computes them,
// annotations hidden), its label as a hint class, and a weight that keeps any one server from dominating.
import { classifyRead } from "../../../classifier/classify.js";
import type { Features } from "../../../classifier/features.js";
import { HINT_CLASSES } from "../../../classifier/model.js";
import type { ServerData } from "../eval/dataset.js";
import { labelledCount } from "../eval/dataset.js";
import { readingOf } from "../eval/server-readings.js";
import type { Example } from "./fit.js";

/**
 * One example per labelled tool of `servers`. A server's tools together weigh sqrt(labelled tools): a server of
 * a hundred tools counts ten times one of a single tool, not a hundred times.
 */
export function examplesOf(servers: readonly ServerData[]): Example[] {
  const out: Example[] = [];
  for (const s of servers) {
    const labelled = labelledCount(s);
    if (labelled === 0) continue;
    const features: Features[] = new Array(s.tools.length);
    classifyRead(readingOf(s), { model: null, onFeatures: (f, i) => (features[i] = f) });
    const weight = 1 / Math.sqrt(labelled);
    s.labels.forEach((label, i) => {
      if (!label) return;
      const target = label.threeWay ? HINT_CLASSES.indexOf(label.threeWay) : label.binary === "read" ? 0 : "not-read";
      out.push({ features: features[i]!, target, weight, group: s.group, server: s.server });
    });
  }
  return out;
}
