import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  classifyFixtures,
  confusionMatrix,
  evaluate,
  isRight,
  labelFromHints,
  missedTargets,
  precisionRecall,
  projectRoot,
  threeWayOf,
  type Disputed,
  type EvalRow,
} from "../../scripts/eval.js";

const dir = join(projectRoot(), "tests", "fixtures", "labeled");

describe("evaluation maths", () => {
  it("confusion matrix and precision/recall", () => {
    const m = confusionMatrix(["a", "b"] as const, [["a", "a"], ["a", "b"], ["b", "b"], ["b", "b"]] as const);
    expect(m).toEqual({ a: { a: 1, b: 1 }, b: { a: 0, b: 2 } });
    const pr = precisionRecall(["a", "b"] as const, m);
    expect(pr.a).toEqual({ precision: 1, recall: 0.5, support: 2 });
    expect(pr.b.precision).toBeCloseTo(2 / 3);
    expect(pr.b.recall).toBe(1);
  });

  it("labels come from explicit hints only", () => {
    expect(labelFromHints({ readOnlyHint: true }, false)).toEqual({ binary: "read", threeWay: "read" });
    expect(labelFromHints({ readOnlyHint: false, destructiveHint: true }, false)).toEqual({ binary: "not-read", threeWay: "destructive" });
    expect(labelFromHints({ readOnlyHint: false, destructiveHint: false }, false)).toEqual({ binary: "not-read", threeWay: "write" });
    expect(labelFromHints({ readOnlyHint: false }, false)).toEqual({ binary: "not-read" });
    expect(labelFromHints({ title: "x" }, false)).toBeUndefined();
    expect(labelFromHints(undefined, true)).toEqual({ binary: "not-read" });
  });

  it("execute counts as destructive; financial matches write or destructive", () => {
    expect(threeWayOf("execute")).toBe("destructive");
    expect(threeWayOf("financial", "write")).toBe("write");
    expect(threeWayOf("financial", "destructive")).toBe("destructive");
    expect(isRight({ label: { binary: "not-read" }, category: "execute" })).toBe(true);
    expect(isRight({ label: { binary: "not-read", threeWay: "write" }, category: "destructive" })).toBe(false);
  });

  it("misses a target when the figures are below it", () => {
    const row = (label: EvalRow["label"], category: EvalRow["category"], confidence: number): EvalRow => ({ id: "x", name: "x", description: "", label, category, confidence, signals: [] });
    const bad = evaluate([row({ binary: "not-read", threeWay: "destructive" }, "read", 0.95), row({ binary: "read", threeWay: "read" }, "read", 0.95)]);
    expect(bad.destructiveAsRead).toBe(1);
    expect(missedTargets(bad).length).toBeGreaterThan(0);
  });
});

describe("the labelled fixtures (annotations hidden from the classifier)", () => {
  const rows = classifyFixtures(dir);
  const judged = evaluate(rows.filter((r) => !r.disputed));

  it("meets every target on the undisputed labels", () => {
    expect(missedTargets(judged)).toEqual([]);
    expect(judged.binaryAgreement.rate).toBeGreaterThanOrEqual(0.95);
    expect(judged.threeWayAgreement.rate).toBeGreaterThanOrEqual(0.9);
    expect(judged.destructiveAsRead).toBe(0);
  });

  it("is calibrated: at least 90% right among confidence >= 0.9, on all labels too", () => {
    expect(judged.calibration.rate).toBeGreaterThanOrEqual(0.9);
    expect(evaluate(rows).calibration.rate).toBeGreaterThanOrEqual(0.9);
  });

  it("never classifies a tool labelled destructive as read, disputed or not", () => {
    expect(evaluate(rows).destructiveAsRead).toBe(0);
  });

  it("disputes few labels, each one a real tool with a reason", () => {
    const disputed = JSON.parse(readFileSync(join(dir, "disputed.json"), "utf8")) as Disputed[];
    const ids = new Set(rows.map((r) => r.id));
    for (const d of disputed) {
      expect(ids.has(d.id), d.id).toBe(true);
      expect(d.reason.length).toBeGreaterThan(20);
    }
    expect(disputed.length / rows.length).toBeLessThan(0.1);
  });
});
