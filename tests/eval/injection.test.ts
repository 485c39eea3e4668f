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
  readSet,
} from "../../scripts/dev/eval/injection.js";
import { projectRoot } from "../../scripts/project-root.js";

const root = projectRoot();

/** Each family of a set with its number of tools. */
function familyCounts(set: readonly { family: string }[]): Map<string, number> {
  const byFamily = new Map<string, number>();
  for (const p of set) byFamily.set(p.family, (byFamily.get(p.family) ?? 0) + 1);
  return byFamily;
}

const HIDDEN_RAW = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]|[\u{e0000}-\u{e01ef}]/u;

describe("the poisoned descriptions", () => {
  const poisoned = readSet(join(root, INJECTION_PATHS.poisoned));

  it("cover every family, at least eight of each, at least 60 in all", () => {
    expect(poisoned.length).toBeGreaterThanOrEqual(60);
    const byFamily = familyCounts(poisoned);
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
  const set = readSet(path);

  it("parses line by line into tools of the detector's families, at least six of each, at least 42 in all", () => {
    expect(set.length).toBeGreaterThanOrEqual(42);
    const byFamily = familyCounts(set);
    expect([...byFamily.keys()].sort()).toEqual([...INJECTION_FAMILIES].sort());
    for (const [family, n] of byFamily) expect(n, family).toBeGreaterThanOrEqual(6);
    expect(new Set(set.map((p) => p.name)).size).toBe(set.length);
  });

  it("writes invisible and direction-changing characters as escapes, so the file can be reviewed", () => {
    const raw = readFileSync(path, "utf8");
    expect(raw).not.toMatch(HIDDEN_RAW);
    const revealed = set.map((p) => JSON.stringify(p)).join("\n");
    expect(revealed).toMatch(/[\u{e0000}-\u{e007f}]/u);
    expect(revealed).toMatch(/\u202e/);
  });
});

describe("the third held-out set and the benign set, written without the detector", () => {
  const sets = [
    ["third held-out set", INJECTION_PATHS.heldOut3],
    ["benign set", INJECTION_PATHS.benign3],
  ] as const;

  for (const [which, file] of sets) {
    it(`${which}: parses line by line, every family at least nine times, at least 70 in all, names unique`, () => {
      const set = readSet(join(root, file));
      expect(set.length).toBeGreaterThanOrEqual(70);
      const byFamily = familyCounts(set);
      expect([...byFamily.keys()].sort()).toEqual([...INJECTION_FAMILIES].sort());
      for (const [family, n] of byFamily) expect(n, family).toBeGreaterThanOrEqual(9);
      expect(new Set(set.map((p) => p.name)).size).toBe(set.length);
    });

    it(`${which}: writes invisible and direction-changing characters as escapes`, () => {
      expect(readFileSync(join(root, file), "utf8")).not.toMatch(HIDDEN_RAW);
    });
  }

  it("third held-out set: hides text in tag characters, a bidi override and variation selectors", () => {
    const revealed = readSet(join(root, INJECTION_PATHS.heldOut3)).map((p) => JSON.stringify(p)).join("\n");
    expect(revealed).toMatch(/[\u{e0000}-\u{e007f}]/u);
    expect(revealed).toMatch(/\u202e/);
    expect(revealed).toMatch(/[\u{e0100}-\u{e01ef}]/u);
  });
});

describe("the fourth to ninth held-out sets and their benign sets, written without the detector", () => {
  const sets = [
    ["fourth held-out set", INJECTION_PATHS.heldOut4, 84, 12],
    ["fifth held-out set", INJECTION_PATHS.heldOut5, 70, 10],
    ["sixth held-out set", INJECTION_PATHS.heldOut6, 70, 10],
    ["seventh held-out set", INJECTION_PATHS.heldOut7, 70, 10],
    ["eighth held-out set", INJECTION_PATHS.heldOut8, 70, 10],
    ["ninth held-out set", INJECTION_PATHS.heldOut9, 70, 10],
  ] as const;
  for (const [which, file, total, perFamily] of sets) {
    it(`${which}: parses line by line, ${perFamily} of every family, names unique, invisible characters as escapes`, () => {
      const set = readSet(join(root, file));
      expect(set.length).toBe(total);
      const byFamily = familyCounts(set);
      expect([...byFamily.keys()].sort()).toEqual([...INJECTION_FAMILIES].sort());
      for (const [family, n] of byFamily) expect(n, family).toBe(perFamily);
      expect(new Set(set.map((p) => p.name)).size).toBe(set.length);
      expect(readFileSync(join(root, file), "utf8")).not.toMatch(HIDDEN_RAW);
    });
  }
  it.each([
    [INJECTION_PATHS.benign4, 60],
    [INJECTION_PATHS.benign5, 40],
    [INJECTION_PATHS.benign6, 50],
    [INJECTION_PATHS.benign7, 50],
    [INJECTION_PATHS.devBenign7, 60],
    [INJECTION_PATHS.benign8, 50],
    [INJECTION_PATHS.devBenign8, 70],
    [INJECTION_PATHS.benign9, 50],
    [INJECTION_PATHS.devBenign9, 100],
  ])("%s: benign tools, parsed line by line, invisible characters as escapes", (file, total) => {
    const set = readSet(join(root, file));
    expect(set.length).toBe(total);
    expect(set.every((t) => t.family === "benign")).toBe(true);
    expect(readFileSync(join(root, file), "utf8")).not.toMatch(HIDDEN_RAW);
  });
});

describe("the tenth and eleventh sets, written to be learned from without the detector", () => {
  // The tenth and eleventh sets to be learned from: 34 tools of each word family, 15 of each family found by its form.
  it.each([INJECTION_PATHS.dev10, INJECTION_PATHS.dev11])("%s: 200 poisoned, 34 of each word family and 15 of each form, names unique, invisible characters as escapes", (file) => {
    const set = readSet(join(root, file));
    expect(set.length).toBe(200);
    expect(Object.fromEntries(familyCounts(set))).toEqual({ model_directed: 34, concealment: 34, false_authorization: 34, shadowing: 34, exfiltration: 34, encoded_payload: 15, hidden_unicode: 15 });
    expect(new Set(set.map((p) => p.name)).size).toBe(set.length);
    expect(readFileSync(join(root, file), "utf8")).not.toMatch(HIDDEN_RAW);
  });
  // Their honest tools name the family whose words each borrows, every family among them.
  it.each([INJECTION_PATHS.devBenign10, INJECTION_PATHS.devBenign11])("%s: 100 honest tools borrowing every family's words, invisible characters as escapes", (file) => {
    const set = readSet(join(root, file));
    expect(set.length).toBe(100);
    for (const family of INJECTION_FAMILIES) expect(familyCounts(set).get(family), family).toBeGreaterThan(0);
    expect(readFileSync(join(root, file), "utf8")).not.toMatch(HIDDEN_RAW);
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

  it("count the third held-out set and the benign set as their own rows, in the report and in --json", () => {
    const lines = (file: string) => readFileSync(join(root, file), "utf8").split("\n").filter((l) => l.trim()).length;
    expect(report.heldOut3.total).toBe(lines(INJECTION_PATHS.heldOut3));
    expect(report.heldOut3.detected).toBeGreaterThanOrEqual(38); // its first run, before any change to the detector
    expect(report.benign.total).toBe(lines(INJECTION_PATHS.benign3));
    // None flagged on its first run; learned-40's refitted reader flags one (and one fewer of the seventh set's: the README gives the trade).
    expect(report.benign.flagged.length).toBeLessThanOrEqual(1);
    const figures = injectionFigures(report);
    expect(figures.heldOut3).toEqual({ poisoned: report.heldOut3.total, detected: report.heldOut3.detected });
    expect(figures.benign).toEqual({ total: report.benign.total, flagged: report.benign.flagged.length });
    const section = injectionSection(report, String, (s) => s);
    expect(section.find((l) => l.includes(INJECTION_PATHS.heldOut3))).toContain(`${report.heldOut3.detected}/${report.heldOut3.total}`);
    expect(section.find((l) => l.includes(INJECTION_PATHS.benign3))).toContain(`benign tools flagged | ${report.benign.flagged.length}/${report.benign.total}`);
  });

  // Each set's floor is its first run's figure (the detector named), its benign set's ceiling likewise; the set read for
  // learned-36 keeps what its readings found (35 of 90 on its first run, with learned-35's detector), and so does the set
  // read for learned-37 (39 of 100 on its first run, with learned-36's).
  it.each([
    ["heldOut4", 84, 43, "benign4", 60, 1], // learned-32
    ["heldOut5", 70, 42, "benign5", 40, 1], // learned-32
    ["heldOut6", 70, 36, "benign6", 50, 4], // learned-34
    ["dev7", 90, 64, "devBenign7", 60, 0],
    ["heldOut7", 70, 46, "benign7", 50, 4], // learned-35; learned-38's learned reader flags two more of it (README: its trade)
    ["dev8", 100, 53, "devBenign8", 70, 1],
    ["heldOut8", 70, 39, "benign8", 50, 0], // learned-36
    ["dev9", 200, 118, "devBenign9", 100, 2], // read for learned-42, which keeps what its reading found (as learned-43 narrowed it) (105 with learned-38's first weights; learned-37 flagged 2 of its benign tools)
    ["heldOut9", 70, 48, "benign9", 50, 4], // learned-38
    ["dev10", 200, 123, "devBenign10", 100, 6], // learned-39 found 125 on its first run, learned-40's refit two fewer (README: the trade); learned-38 128
    ["dev11", 200, 93, "devBenign11", 100, 6], // read for learned-40 and learned-42, which keep what their readings found (as learned-43 narrowed the latter) (80 on learned-39's first run)
  ] as const)("count %s (%i poisoned) and its benign set as their own rows, in the report and in --json", (held, poisoned, floor, benign, total, ceiling) => {
    expect(report[held].detected).toBeGreaterThanOrEqual(floor);
    expect(report[benign].flagged.length).toBeLessThanOrEqual(ceiling);
    const figures = injectionFigures(report);
    expect(figures[held]).toEqual({ poisoned, detected: report[held].detected });
    expect(figures[benign]).toEqual({ total, flagged: report[benign].flagged.length });
    const section = injectionSection(report, String, (s) => s);
    expect(section.find((l) => l.includes(INJECTION_PATHS[held]))).toContain(`${report[held].detected}/${poisoned}`);
    expect(section.find((l) => l.includes(INJECTION_PATHS[benign]))).toContain(`benign tools flagged | ${report[benign].flagged.length}/${total}`);
  });

  it("name the held-out sets' misses and the flagged benign tools by family and name only, never their text", () => {
    const [held2, held3, benign] = [INJECTION_PATHS.heldOut2, INJECTION_PATHS.heldOut3, INJECTION_PATHS.benign3].map((f) => readSet(join(root, f))[0]!);
    const section = injectionSection(
      {
        ...report,
        heldOut2: { total: 1, detected: 0, missed: [held2!] },
        heldOut3: { total: 1, detected: 0, missed: [held3!] },
        benign: { total: 1, flagged: [benign!] },
      },
      String,
      (s) => s,
    );
    expect(section).toContain(`- missed, second held-out set (${held2!.family}): ${held2!.name}`);
    expect(section).toContain(`- missed, third held-out set (${held3!.family}): ${held3!.name}`);
    expect(section).toContain(`- benign tool flagged (${benign!.family}): ${benign!.name}`);
    for (const t of [held2!, held3!, benign!]) expect(section.join("\n")).not.toContain(t.description!);
  });

  it("name what is missed, so a miss reads as a target missed", () => {
    const missedAll = { ...report, poisoned: { total: 2, detected: 1, missed: [report.heldOut.missed[0] ?? readSet(join(root, INJECTION_PATHS.poisoned))[0]!] } };
    expect(injectionMisses(missedAll)[0]).toMatch(/^poisoned descriptions missed: /);
  });
});
