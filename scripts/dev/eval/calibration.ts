// The calibration curve behind the model review's default threshold: how often the classifier is right in each
// confidence band, and for each candidate threshold the share of tools below it (the ones the review would send)
// and how right the tools at or above it are. The default is chosen from it by a stated rule (chooseThreshold).
import { isRight, share, type EvalRow, type Share } from "./metrics.js";

export interface CalibrationBand {
  /** Confidence in [from, to); the last band includes 1. */
  from: number;
  to: number;
  right: Share;
}

export interface ThresholdPoint {
  threshold: number;
  /** Tools with confidence below the threshold: what the review would send, as a share of all tools. */
  below: Share;
  /** Right among the tools at or above it: those the review would leave to the classifier. */
  rightAbove: Share;
}

export interface CalibrationCurve {
  bands: CalibrationBand[];
  thresholds: ThresholdPoint[];
}

/** Steps of 0.1 for the bands and 0.05 for the thresholds, kept as whole hundredths so 0.7 is exactly 0.7. */
const hundredths = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 100) / 100);

export function calibrationCurve(rows: readonly EvalRow[]): CalibrationCurve {
  const bands = hundredths(0, 0.9, 0.1).map((from) => {
    const to = Math.round((from + 0.1) * 100) / 100;
    const inBand = rows.filter((r) => r.confidence >= from && (to >= 1 ? r.confidence <= 1 : r.confidence < to));
    return { from, to, right: share(inBand.filter(isRight).length, inBand.length) };
  });
  const thresholds = hundredths(0.05, 1, 0.05).map((threshold) => {
    const above = rows.filter((r) => r.confidence >= threshold);
    return { threshold, below: share(rows.length - above.length, rows.length), rightAbove: share(above.filter(isRight).length, above.length) };
  });
  return { bands, thresholds };
}

/**
 * The rule for the default threshold: the lowest threshold at which the tools left to the classifier (confidence
 * at or above it) are right at least `target` of the time (the calibration target). Everything less sure than
 * that goes to the model; nothing the classifier already gets right that often is paid for. Undefined when no
 * threshold reaches the target.
 */
export function chooseThreshold(curve: CalibrationCurve, target: number): number | undefined {
  return curve.thresholds.find((p) => p.rightAbove.total > 0 && p.rightAbove.rate >= target)?.threshold;
}
