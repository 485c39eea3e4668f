import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findInjection } from "../../classifier/injection.js";
import { INJECTION_FAMILIES } from "../../classifier/injection-lexicon.js";
import { loadDataset } from "../../scripts/dev/eval/dataset.js";
import {
  INJECTION_PATHS,
  injectionFigures,
  injectionMisses,
  injectionReport,
  injectionSection,
  MAX_REAL_FLAGGED,
  readPoisoned,
} from "../../scripts/dev/eval/injection.js";
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

describe("the second held-out set, written without the detector", () => {
  const path = join(root, INJECTION_PATHS.heldOut2);
  const set = readPoisoned(path);

  it("parses line by line into tools of the detector's families, at least six of each, at least 42 in all", () => {
    expect(set.length).toBeGreaterThanOrEqual(42);
    const byFamily = new Map<string, number>();
    for (const p of set) byFamily.set(p.family, (byFamily.get(p.family) ?? 0) + 1);
    expect([...byFamily.keys()].sort()).toEqual([...INJECTION_FAMILIES].sort());
    for (const [family, n] of byFamily) expect(n, family).toBeGreaterThanOrEqual(6);
    expect(new Set(set.map((p) => p.name)).size).toBe(set.length);
  });

  it("writes invisible and direction-changing characters as escapes, so the file can be reviewed", () => {
    const raw = readFileSync(path, "utf8");
    expect(raw).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]|[\u{e0000}-\u{e01ef}]/u);
    const revealed = set.map((p) => JSON.stringify(p)).join("\n");
    expect(revealed).toMatch(/[\u{e0000}-\u{e007f}]/u);
    expect(revealed).toMatch(/\u202e/);
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

  it("count the second held-out set as its own row, in the report and in --json", () => {
    const lines = readFileSync(join(root, INJECTION_PATHS.heldOut2), "utf8").split("\n").filter((l) => l.trim());
    expect(report.heldOut2.total).toBe(lines.length);
    expect(report.heldOut2.detected).toBeGreaterThanOrEqual(18); // its first run, before any change to the detector
    expect(injectionFigures(report).heldOut2).toEqual({ poisoned: report.heldOut2.total, detected: report.heldOut2.detected });
    const section = injectionSection(report, String, (s) => s);
    expect(section.find((l) => l.includes(INJECTION_PATHS.heldOut2))).toContain(`${report.heldOut2.detected}/${report.heldOut2.total}`);
  });

  it("list the second held-out set's misses by name and family", () => {
    const missed = readPoisoned(join(root, INJECTION_PATHS.heldOut2))[0]!;
    const section = injectionSection({ ...report, heldOut2: { total: 1, detected: 0, missed: [missed] } }, String, (s) => s);
    expect(section).toContain(`- missed, second held-out set (${missed.family}): ${missed.name}: ${missed.description}`);
  });

  it("name what is missed, so a miss reads as a target missed", () => {
    const missedAll = { ...report, poisoned: { total: 2, detected: 1, missed: [report.heldOut.missed[0] ?? readPoisoned(join(root, INJECTION_PATHS.poisoned))[0]!] } };
    expect(injectionMisses(missedAll)[0]).toMatch(/^poisoned descriptions missed: /);
  });
});
