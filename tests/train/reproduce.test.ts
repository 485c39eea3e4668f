// The committed weights are what training makes of the committed data and code: `npm run train` and
// `npm run train:injection` write the same bytes, so no change to a reading, a training set or the fit can ship beside
// weights trained without it.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { INJECTION_MODEL_FILE } from "../../classifier/injection-model.js";
import { MODEL_FILE } from "../../classifier/model.js";
import { runTrainInjection } from "../../scripts/dev/train/injection.js";
import { runTrain } from "../../scripts/dev/train/main.js";
import { projectRoot } from "../../scripts/project-root.js";

const dir = mkdtempSync(join(tmpdir(), "train-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const shipped = (file: string) => readFileSync(join(projectRoot(), "classifier", file));

describe("training reproduces the committed weights", () => {
  it("npm run train", () => {
    const out = join(dir, MODEL_FILE);
    expect(runTrain(["--out", out], () => {}, () => {})).toBe(0);
    expect(readFileSync(out).equals(shipped(MODEL_FILE))).toBe(true);
  });

  it("npm run train:injection", () => {
    const out = join(dir, INJECTION_MODEL_FILE);
    expect(runTrainInjection(["--out", out], () => {}, () => {})).toBe(0);
    expect(readFileSync(out).equals(shipped(INJECTION_MODEL_FILE))).toBe(true);
  });
});
