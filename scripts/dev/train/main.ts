// `npm run train`: fits the learned model on every labelled tool of the harvested corpus (evaluation packages
// refused by name) and writes classifier/model-weights.json. Deterministic: the same corpus gives the same file.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeModel, MODEL_FILE } from "../../../classifier/model.js";
import { projectRoot } from "../../project-root.js";
import { printError, printLine, runAsScript } from "../../run-as-script.js";
import { trainOptions } from "./options.js";
import { loadDataset } from "../eval/dataset.js";
import { examplesOf } from "./examples.js";
import { fitModel } from "./fit.js";

const HELP = `npm run train [-- --out FILE]

Fits the classifier's learned model (multinomial logistic regression over the rules' reading, name words by
position, description words and word pairs, and argument names) on the corpus's labelled tools, and writes its
weights to classifier/${MODEL_FILE} (or FILE).
`;

export function runTrain(argv: readonly string[], out: (s: string) => void, log: (s: string) => void): number {
  const values = trainOptions(argv, HELP, out);
  if (!values) return 0;
  const root = projectRoot();
  const started = Date.now();
  const corpus = loadDataset(root).servers.filter((s) => s.table === "corpus");
  const examples = examplesOf(corpus);
  if (examples.length === 0) {
    log("train: the corpus has no labelled tools (run npm run corpus first)");
    return 1;
  }
  const { model, report } = fitModel(examples);
  const file = values.out ?? join(root, "classifier", MODEL_FILE);
  const encoded = encodeModel(model);
  writeFileSync(file, `${JSON.stringify(encoded, null, 1)}\n`);
  const tried = report.heldOut.map((h) => `l2 ${h.l2}: ${h.logLoss.toFixed(3)} ± ${h.se.toFixed(3)}`).join(", ");
  out(
    `train: ${examples.length} labelled tools of ${model.trainedOn.servers} servers; l2 ${report.l2} and temperature ${report.temperature} ` +
      `chosen on held-out servers (the strongest l2 within one standard error of the lowest log loss: ${tried || "n/a"}); ${Buffer.from(encoded.weights, "base64").length / 10} weighted features → ${file}`,
  );
  log(`train: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

runAsScript(import.meta.url, "train", (argv) => runTrain(argv, printLine, printError));
