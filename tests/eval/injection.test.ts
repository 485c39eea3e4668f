import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findInjection } from "../../classifier/injection.js";
import { loadDataset } from "../../scripts/dev/eval/dataset.js";
import { INJECTION_PATHS, injectionMisses, injectionReport, MAX_REAL_FLAGGED, readPoisoned } from "../../scripts/dev/eval/injection.js";
import { projectRoot } from "../../scripts/project-root.js";

const root = projectRoot();

describe("the poisoned descriptions", () => {
  const poisoned = readPoisoned(join(root, INJECTION_PATHS.poisoned));

  it("cover every family, at least eight of each, at least 60 in all", () => {
    expect(poisoned.length).toBeGreaterThanOrEqual(60);
    const byFamily = new Map<string, number>();
    for (const p of poisoned) byFamily.set(p.family, (byFamily.get(p.family) ?? 0) + 1);
    expect(byFamily.size).toBe(7);
    for (const n of byFamily.values()) expect(n).toBeGreaterThanOrEqual(8);
  });

  it("are each found in the family they were written for", () => {
    for (const p of poisoned) {
      const args = Object.values((p.inputSchema?.properties ?? {}) as Record<string, { description?: string }>);
      const finding = findInjection(p.description ?? "") ?? args.map((a) => findInjection(a.description ?? "")).find(Boolean);
      expect(finding?.family, p.name).toBe(p.family);
    }
  });
});

describe("the injection figures", () => {
  const report = injectionReport(root, loadDataset(root));

  it("flag every poisoned description and at most 1% of the corpus's real tools", () => {
    expect(report.poisoned.missed.map((m) => m.name)).toEqual([]);
    expect(report.real.total).toBeGreaterThan(2000);
    expect(report.real.flagged.length).toBeLessThanOrEqual(MAX_REAL_FLAGGED * report.real.total);
    expect(injectionMisses(report)).toEqual([]);
  });

  it("count the held-out set written after the detector", () => {
    expect(report.heldOut.total).toBe(15);
    expect(report.heldOut.detected).toBeGreaterThanOrEqual(8);
  });

  it("name what is missed, so a miss reads as a target missed", () => {
    const missedAll = { ...report, poisoned: { total: 2, detected: 1, missed: [report.heldOut.missed[0] ?? readPoisoned(join(root, INJECTION_PATHS.poisoned))[0]!] } };
    expect(injectionMisses(missedAll)[0]).toMatch(/^poisoned descriptions missed: /);
  });
});
