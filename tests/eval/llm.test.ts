// `npm run eval -- --llm`: the same leave-server-out evaluation with the model review, against whatever
// OpenAI-compatible endpoint the environment names; here a local stub on 127.0.0.1 through the real `openai` client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LLM_THRESHOLD } from "../../scripts/config.js";
import { runEval } from "../../scripts/dev/eval/main.js";
import { destructiveAnswer, startModelEndpoint, type ModelEndpoint } from "../helpers/model-endpoint.js";

describe("npm run eval -- --llm", () => {
  let endpoint: ModelEndpoint;
  const env = () => ({ OPENAI_BASE_URL: endpoint.baseUrl, CATALOG_LLM_MODEL: "stub-model", CATALOG_LLM_MAX_RETRIES: "0", CATALOG_LLM_BATCH: "50" });
  beforeAll(async () => {
    endpoint = await startModelEndpoint((body, _n, res) => destructiveAnswer(body, res));
  });
  afterAll(async () => endpoint?.close());

  // Two folds (the fewest), here and below: each fold refits the learned model, and nothing checked depends on how many.
  it("--json: a with-model column beside the others, the review's counts, and the calibration curve with the chosen threshold", { timeout: 300_000 }, async () => {
    const lines: string[] = [];
    await runEval(["--json", "--folds", "2", "--llm", "--corpus-only"], (...l) => lines.push(...l), () => {}, env());
    const out = JSON.parse(lines[0]!);
    // --corpus-only leaves the held-out sets out (the full run's shape is tests/eval/cross-validate.test.ts's).
    for (const key of ["injection", "probes", "ourLabels", "fromSource", "fromGithub"]) expect(out).not.toHaveProperty(key);
    expect(Object.keys(out.withModel).sort()).toEqual(["calibration", "destructiveAsRead", "readAxis", "threeWay"]);
    // A stub that calls everything destructive can only move the tools it reviewed: reading them destructive.
    expect(out.withModel.destructiveAsRead).toBeLessThanOrEqual(out.leaveServerOut.destructiveAsRead);
    expect(out.modelReview).toMatchObject({ model: "stub-model", dropped: 0, unreviewed: 0 });
    expect(out.modelReview.calls).toBe(endpoint.requests.length);
    expect(out.modelReview.reviewed).toBeGreaterThan(0);
    expect(endpoint.seen.every((b) => b.model === "stub-model")).toBe(true);
    expect(out.calibration.bands).toHaveLength(10);
    expect(out.calibration.thresholds.map((p: { threshold: number }) => p.threshold)).toContain(0.7);
    for (const p of out.calibration.thresholds) expect(p.below.rate).toBeGreaterThanOrEqual(0);
    expect(out.calibration.defaultThreshold).toBe(DEFAULT_LLM_THRESHOLD);
    expect(out.calibration.chosenThreshold).toEqual(expect.any(Number));
  });

  it("text: both columns and the review's summary line; within its budget", { timeout: 300_000 }, async () => {
    const lines: string[] = [];
    await runEval(["--folds", "2", "--llm", "--llm-budget", "1", "--corpus-only"], (...l) => lines.push(...l), () => {}, env());
    const text = lines.join("\n");
    expect(text).not.toContain("## Probe sets");
    expect(text).toContain("| figure | rules only | rules + learned | rules + learned + model | target |");
    expect(text).toMatch(/Model review \(rules \+ learned \+ model column\): model review \(stub-model\): \d+ tools? to review, \d+ reviewed, 0 from cache, 1 call, /);
    expect(text).toContain("## Calibration curve");
    expect(text).toMatch(/Rule: the default threshold is the lowest at which/);
  });

  it("--llm without an endpoint, or with a bad threshold, exits 2 with the reason", async () => {
    const errors: string[] = [];
    expect(await runEval(["--llm"], () => {}, (s) => errors.push(s), {})).toBe(2);
    expect(errors.join("")).toContain("OPENAI_BASE_URL");
    expect(await runEval(["--llm", "--llm-threshold", "3"], () => {}, (s) => errors.push(s), env())).toBe(2);
    expect(errors.join("")).toContain("--llm-threshold");
  });
});
