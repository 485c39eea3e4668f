import { describe, expect, it } from "vitest";
import { binaryOf, labelFromHints, threeWayOf } from "../../scripts/dev/eval/labels.js";
import { confusionMatrix, evaluate, isRight, missedTargets, precisionRecall, worstServers, type EvalRow } from "../../scripts/dev/eval/metrics.js";
import { measuredCause } from "../../scripts/dev/eval/report.js";

function row(server: string, label: EvalRow["label"], predicted: EvalRow["predicted"], confidence = 0.95): EvalRow {
  return { id: `${server}/t`, server, name: "t", description: "", label, predicted, category: predicted, confidence, signals: [] };
}
const READ = { binary: "read", threeWay: "read" } as const;
const WRITE = { binary: "not-read", threeWay: "write" } as const;
const DESTRUCTIVE = { binary: "not-read", threeWay: "destructive" } as const;

describe("labels", () => {
  it("come from explicit hints only, never from the spec's defaults", () => {
    expect(labelFromHints({ readOnlyHint: true })).toEqual(READ);
    expect(labelFromHints({ readOnlyHint: false, destructiveHint: true })).toEqual(DESTRUCTIVE);
    expect(labelFromHints({ readOnlyHint: false, destructiveHint: false })).toEqual(WRITE);
    expect(labelFromHints({ destructiveHint: false })).toEqual(WRITE);
    expect(labelFromHints({ readOnlyHint: false })).toEqual({ binary: "not-read" });
    expect(labelFromHints({ title: "x" } as never)).toBeUndefined();
    expect(labelFromHints({ readOnlyHint: "yes" })).toBeUndefined();
    expect(labelFromHints(undefined, true)).toEqual({ binary: "not-read" });
  });

  it("execute counts as destructive; financial matches write or destructive", () => {
    expect(threeWayOf("execute")).toBe("destructive");
    expect(threeWayOf("financial", "write")).toBe("write");
    expect(threeWayOf("financial", "destructive")).toBe("destructive");
    expect(threeWayOf("financial", "read")).toBe("destructive");
    expect(binaryOf("write")).toBe("not-read");
  });
});

describe("figures", () => {
  it("confusion matrix and precision/recall", () => {
    const m = confusionMatrix(["a", "b"] as const, [["a", "a"], ["a", "b"], ["b", "b"], ["b", "b"]] as const);
    expect(m).toEqual({ a: { a: 1, b: 1 }, b: { a: 0, b: 2 } });
    const pr = precisionRecall(["a", "b"] as const, m);
    expect(pr.a).toEqual({ precision: 1, recall: 0.5, support: 2 });
    expect(pr.b.precision).toBeCloseTo(2 / 3);
  });

  it("is right on the finest scale the label has", () => {
    expect(isRight({ label: { binary: "not-read" }, predicted: "destructive" })).toBe(true);
    expect(isRight({ label: WRITE, predicted: "destructive" })).toBe(false);
  });

  it("destructive-as-read is a share of the destructive labels; macro averages weigh servers alike", () => {
    const rows = [row("a", DESTRUCTIVE, "read"), row("a", DESTRUCTIVE, "destructive"), row("a", READ, "read"), row("a", READ, "read"), row("b", WRITE, "read", 0.5)];
    const r = evaluate(rows);
    expect(r.destructiveAsRead).toEqual({ right: 1, total: 2, rate: 0.5 });
    expect(r.readAxis.rate).toBeCloseTo(3 / 5);
    expect(r.macro.readAxis).toBeCloseTo((3 / 4 + 0) / 2);
    expect(r.calibration).toEqual({ right: 3, total: 4, rate: 0.75 });
    expect(worstServers(r, 5).map((s) => s.server)).toEqual(["b", "a"]);
    const missed = missedTargets(r);
    expect(missed.map((m) => m.figure).sort()).toEqual(["calibration", "destructiveAsRead", "readAxis", "threeWay"]);
    const cause = measuredCause(missed.find((m) => m.figure === "destructiveAsRead")!, r, rows);
    expect(cause).toContain("1 labelled destructive, classified read (a 1)");
  });

  it("meets every target when everything is right", () => {
    expect(missedTargets(evaluate([row("a", READ, "read"), row("a", DESTRUCTIVE, "destructive"), row("b", WRITE, "write")]))).toEqual([]);
  });
});
