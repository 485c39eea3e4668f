import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { crossValidate, makeFolds, rowsOf, type Fit } from "../../scripts/dev/eval/cross-validate.js";
import { DATA_PATHS, disputedSchema, labelledCount, loadDataset, type ServerData } from "../../scripts/dev/eval/dataset.js";
import { FROM_GITHUB_PATH, readGithubTools } from "../../scripts/dev/eval/from-github.js";
import { runEval } from "../../scripts/dev/eval/main.js";
import { evaluate } from "../../scripts/dev/eval/metrics.js";
import { rulesOnly } from "../../scripts/dev/eval/systems.js";
import { ExcludedPackages } from "../../scripts/dev/corpus/excluded.js";
import { projectRoot } from "../../scripts/project-root.js";

const root = projectRoot();
const data = loadDataset(root);

describe("the evaluation's data", () => {
  it("holds the corpus and the labelled fixtures, never an evaluation package", () => {
    const excluded = ExcludedPackages.read(join(root, DATA_PATHS.excluded));
    const corpus = data.servers.filter((s) => s.table === "corpus");
    expect(corpus.length).toBeGreaterThan(100);
    expect(corpus.some((s) => excluded.has(s.server))).toBe(false);
    const fixtures = data.servers.filter((s) => s.table === "fixtures");
    expect(fixtures.reduce((n, s) => n + labelledCount(s), 0)).toBe(224);
    // The classifier never sees a declared hint.
    expect(data.servers.every((s) => s.tools.every((t) => t.annotations === undefined))).toBe(true);
  });

  it("disputes few labels, each a labelled tool of the data with a reviewer's reason", () => {
    for (const path of [join(root, DATA_PATHS.corpusDisputed), join(root, DATA_PATHS.fixtures, "disputed.json")]) {
      const disputed = disputedSchema.parse(JSON.parse(readFileSync(path, "utf8")));
      for (const d of disputed) {
        const server = data.servers.find((s) => d.id.startsWith(`${s.server}/`) && s.tools.some((t, i) => `${s.server}/${t.name}` === d.id && s.labels[i]));
        expect(server, d.id).toBeDefined();
      }
    }
    const labelled = data.servers.reduce((n, s) => n + labelledCount(s), 0);
    const disputedCount = data.servers.reduce((n, s) => n + s.disputed.size, 0);
    expect(disputedCount / labelled).toBeLessThan(0.1);
  });
});

describe("leave-server-out folds", () => {
  it("never tests a server on a fit that saw its vendor group", () => {
    const folds = makeFolds(data, 5);
    expect(folds.k).toBe(5);
    const seen: string[][] = [];
    const recording: Fit = (training) => {
      seen.push(training.map((s) => s.group));
      const trained = new Set(training.map((s) => s.group));
      return (s: ServerData) => {
        expect(trained.has(s.group)).toBe(false);
        return rulesOnly(training)(s);
      };
    };
    const predictions = crossValidate(data, folds, recording);
    expect(seen.length).toBe(5);
    // Every labelled server is predicted once, by a fit trained on the other folds.
    for (const s of data.servers) if (labelledCount(s) > 0) expect(predictions.has(s), s.server).toBe(true);
  });

  it("the rules keep their figures on the labelled fixtures (undisputed labels)", () => {
    const predictions = crossValidate(data, makeFolds(data, 5), rulesOnly);
    const report = evaluate(rowsOf(data, predictions, "fixtures").filter((r) => !r.disputed));
    expect(report.readAxis.rate).toBeGreaterThanOrEqual(0.95);
    expect(report.threeWayAgreement.rate).toBeGreaterThanOrEqual(0.9);
    expect(report.destructiveAsRead.right).toBe(0);
    expect(report.calibration.rate).toBeGreaterThanOrEqual(0.9);
  });
});

describe("npm run eval", () => {
  // ~28 s of one core's CPU standalone (the held-out sets classified): on a loaded machine it outgrew the suite's 60 s.
  it("--json prints the issue's shape, shares as fractions", { timeout: 300_000 }, async () => {
    const lines: string[] = [];
    // Two folds, the fewest: each fold refits the learned model, and nothing checked depends on how many.
    await runEval(["--json", "--folds", "2"], (...l) => lines.push(...l), () => {});
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!) as Record<string, Record<string, unknown>>;
    expect(Object.keys(out).sort()).toEqual(["baseline", "calibration", "corpus", "fromGithub", "fromSource", "injection", "leaveServerOut", "ourLabels", "probes"]);
    const fromSource = out.fromSource as unknown as { declared: { tools: number; learned: Record<string, number> }; ours: { tools: number; learned: Record<string, number> } };
    expect(fromSource.ours.tools).toBeGreaterThan(0);
    expect(Object.keys(fromSource.declared.learned).sort()).toEqual(["calibration", "destructiveAsRead", "readAxis", "threeWay"]);
    const fromGithub = out.fromGithub as unknown as { batches: { batch: number; tools: number; learned: Record<string, number> }[]; learned: Record<string, number>; injectionFlagged: number };
    expect(Object.keys(out.fromGithub as object).sort()).toEqual(["batches", "injectionFlagged", "learned", "rulesOnly", "servers", "tools"]);
    expect(Object.keys(fromGithub.learned).sort()).toEqual(["calibration", "destructiveAsRead", "readAxis", "threeWay"]);
    expect(fromGithub.batches.map((b) => Object.keys(b).sort())).toEqual(fromGithub.batches.map(() => ["batch", "learned", "tools"]));
    // Every tool read from GitHub is scored, once, in its batch (this run is the suite's one classification of them).
    const github = readGithubTools(join(root, FROM_GITHUB_PATH));
    expect(out.fromGithub).toMatchObject({ tools: github.length, servers: new Set(github.map((t) => t.server)).size });
    expect(fromGithub.batches.map((b) => b.batch)).toEqual([...new Set(github.map((t) => t.batch))].sort((a, b) => a - b));
    expect(fromGithub.batches.map((b) => b.batch)).toEqual(Array.from({ length: 53 }, (_, i) => i + 1));
    expect(fromGithub.batches.reduce((n, b) => n + b.tools, 0)).toBe(github.length);
    const probes = out.probes as unknown as { set: string; tools: number; learned: Record<string, number> }[];
    expect(probes.map((p) => p.set)).toEqual(["developer and infrastructure", "business and consumer", "mixed domains", "the kinds most installed", "long-tail style", "long structured descriptions", "under-covered domains", "last, held out", "developer productivity", "OpenAPI wrappers", "other languages", "agent tooling", "held out, second", "terse names", "East Asian", "money and devices", "security and administration", "data and machine learning", "held out, third"]);
    for (const p of probes) expect(Object.keys(p.learned).sort()).toEqual(["calibration", "destructiveAsRead", "readAxis", "threeWay"]);
    expect(out.injection).toMatchObject({ poisoned: expect.any(Number), detected: expect.any(Number), realFlagged: expect.any(Number), realTotal: expect.any(Number) });
    expect(out.injection!.detected).toBe(out.injection!.poisoned);
    expect(Object.keys(out.corpus!).sort()).toEqual(["labelled", "packages", "servers", "tools"]);
    for (const key of ["leaveServerOut", "baseline"]) {
      expect(Object.keys(out[key]!).sort()).toEqual(["calibration", "destructiveAsRead", "readAxis", "threeWay"]);
      for (const v of Object.values(out[key]!)) expect(v as number).toBeGreaterThanOrEqual(0), expect(v as number).toBeLessThanOrEqual(1);
    }
    expect((out.corpus!.packages as string[]).every((p) => /.@\d/.test(p))).toBe(true);
  });

  it("refuses a bad --folds with exit 2 and a message", async () => {
    const errors: string[] = [];
    expect(await runEval(["--folds", "1"], () => {}, (s) => errors.push(s))).toBe(2);
    expect(errors.join("")).toContain("--folds");
  });
});
