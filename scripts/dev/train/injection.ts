// `npm run train:injection`: fits the learned injection reader (classifier/injection-model.ts) and writes
// classifier/injection-weights.json. Poisoned: the own poisoned set (scripts/dev/eval/injection/poisoned.jsonl), the
// poisoned sentences of the injection tests, own sentences here (injection/own-poisoned.txt) and the poisoned tools of
// the two sets other hands wrote to be read (dev-7, dev-8). Benign: every real corpus tool's description and argument
// descriptions (evaluation packages refused by name), the tests' benign sentences, injection/own-benign.txt and, in
// fourteen other languages, injection/own-benign-languages.txt, the honest tools of dev-7 and dev-8, and real tool texts
// harvested from public source (injection/real-benign.jsonl: other languages, and English that speaks to the model).
// Every other set (the held-out and honest sets, and dev-9 to dev-11, measured, not trained on) is read only for its
// sentences, so that no training text sharing one is learned from. The threshold comes from cross-validation: the highest
// score that flags at most 0.1% of the corpus's tools, counting those the rules flag.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findByRules } from "../../../classifier/injection.js";
import { splitSentences } from "../../../classifier/text-sentences.js";
import { INJECTION_FAMILIES } from "../../../classifier/injection-lexicon.js";
import { encodeInjectionModel, INJECTION_MODEL_FILE } from "../../../classifier/injection-model.js";
import { schemaProperties } from "../../../classifier/schema-arguments.js";
import type { ToolInput } from "../../../classifier/tool.js";
import { projectRoot } from "../../project-root.js";
import { printError, printLine, runAsScript } from "../../run-as-script.js";
import { trainOptions } from "./options.js";
import { loadDataset } from "../eval/dataset.js";
import { INJECTION_PATHS, readSet } from "../eval/injection.js";
import { bagOf, bagScore, FIT_OPTIONS, fitWeights, type Example } from "./injection-fit.js";
import { readRealBenign, REAL_BENIGN_PATH } from "./real-benign.js";

const FOLDS = 5;

/**
 * The injection sets trained on, each tool whole: the own poisoned set, and the sets other hands wrote to be read (never
 * a held-out set), poisoned and honest alike.
 */
const TRAINED_SETS = [
  { path: "poisoned", poisoned: true },
  { path: "dev7", poisoned: true },
  { path: "devBenign7", poisoned: false },
  { path: "dev8", poisoned: true },
  { path: "devBenign8", poisoned: false },
] as const;

const HELP = `npm run train:injection [-- --out FILE]

Fits the learned prompt-injection reader (logistic regression over each sentence's hashed words, word pairs and
word classes) on the own poisoned set, the injection tests' sentences, scripts/dev/train/injection/ and the sets
written to be read (dev-7, dev-8) against the corpus's real tool texts; chooses its threshold by ${FOLDS}-fold cross-validation so that at most 0.1% of the corpus's
tools are flagged; writes classifier/${INJECTION_MODEL_FILE} (or FILE).
`;

/** At most this share of the corpus's real tools flagged, by the rules and the learned reader together. */
const MAX_REAL_SHARE = 0.001;
const TESTS = ["tests/classifier/injection.test.ts", "tests/classifier/injection-cues.test.ts", "tests/classifier/injection-stated.test.ts", "tests/classifier/injection-wordings.test.ts"];

/** Every text of a tool the readers see: its description and its arguments' descriptions. */
function textsOf(tool: ToolInput): string[] {
  const texts = tool.description ? [tool.description] : [];
  for (const p of schemaProperties(tool.inputSchema)) if (p.description) texts.push(p.description);
  return texts;
}

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
/** The families of words (the hidden and encoded ones are found by their form, not read). */
const WORD_FAMILIES = INJECTION_FAMILIES.filter((f) => f !== "encoded_payload" && f !== "hidden_unicode");
const FAMILY_CASE = new RegExp(String.raw`^\s*\["(${WORD_FAMILIES.join("|")})",\s*(${STRING})\],?\s*$`);
const PLAIN_CASE = new RegExp(String.raw`^\s*(${STRING}),?\s*$`);

/** Words of a describe's or a case table's title that say its texts are left alone. */
const LEFT_ALONE = /\b(?:not|alone|unflagged)\b/;

/**
 * The sentences of the injection tests: a `[family, text]` case of a word family is poisoned, a plain string case
 * under a describe, or in an `it.each` table, whose title says the text is left alone is benign.
 */
export function testSentences(source: string): { poisoned: string[]; benign: string[] } {
  const out = { poisoned: [] as string[], benign: [] as string[] };
  let benignBlock = false;
  // A table's plain cases, until its title (after them) says what they are.
  let table: string[] = [];
  for (const line of source.split("\n")) {
    const describe = /^describe\("([^"]*)"/.exec(line);
    if (describe) benignBlock = LEFT_ALONE.test(describe[1]!);
    const family = FAMILY_CASE.exec(line);
    if (family) out.poisoned.push(JSON.parse(family[2]!) as string);
    // A table, a describe or a table's title starts the cases afresh.
    if (describe || /it\.each\(\[\s*$/.test(line)) table = [];
    const plain = PLAIN_CASE.exec(line);
    if (plain) (benignBlock ? out.benign : table).push(JSON.parse(plain[1]!) as string);
    const title = /^\s*\](?:\s*as\s+const)?\)\("([^"]*)"/.exec(line);
    if (title) {
      if (LEFT_ALONE.test(title[1]!)) out.benign.push(...table);
      table = [];
    }
  }
  return out;
}

const lines = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim());

/** A stable fold for a name (FNV-1a), so a vendor group's texts stay in one fold. */
function foldOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return (h >>> 0) % FOLDS;
}

/** A text's sentences, lower case, long enough to be its writer's own rather than a stock phrase ("Required."). */
export function sentencesOf(text: string): string[] {
  return splitSentences(text.toLowerCase())
    .map((x) => x.s.trim())
    .filter((s) => s.length >= 20);
}

/** Every sentence of the sets the injection figures are measured on: all but the trained ones. */
export function measuredSentences(root: string): Set<string> {
  const trained = new Set<string>(TRAINED_SETS.map((t) => t.path));
  const out = new Set<string>();
  for (const [key, path] of Object.entries(INJECTION_PATHS)) {
    if (trained.has(key)) continue;
    for (const t of readSet(join(root, path))) for (const text of textsOf(t)) for (const s of sentencesOf(text)) out.add(s);
  }
  return out;
}

interface Corpus {
  examples: (Example & { fold: number; source: string })[];
  /** Per real tool not flagged by the rules: the examples holding its texts. */
  tools: number[][];
  /** Real tools the rules already flag. */
  ruleFlagged: number;
  realTools: number;
  /** Tools and texts left out for sharing a sentence with a measured set. */
  withheld: number;
}

function collect(root: string): Corpus {
  const examples: Corpus["examples"] = [];
  const add = (text: string, poisoned: boolean, fold: number, source: string) => examples.push({ bag: bagOf(text), poisoned, fold, source });
  // Nothing is learned from a text that shares a sentence with a set the figures are measured on: met in training, a
  // held-out or honest set's sentence would flatter its figure.
  const measured = measuredSentences(root);
  let withheld = 0;
  const unmeasured = (texts: readonly string[]) => {
    const ok = !texts.some((text) => sentencesOf(text).some((s) => measured.has(s)));
    if (!ok) withheld++;
    return ok;
  };
  const learn = (text: string, poisoned: boolean, fold: number, source: string) => {
    if (unmeasured([text])) add(text, poisoned, fold, source);
  };
  let k = 0;
  // A set's tool is one bag of all its texts' sentences: which text holds an injection is not marked. The sets other
  // hands wrote give words and orders of writers other than ours, where our own sets alone taught the reader our wordings.
  for (const { path, poisoned } of TRAINED_SETS) {
    for (const t of readSet(join(root, INJECTION_PATHS[path]))) {
      const texts = textsOf(t);
      if (unmeasured(texts)) examples.push({ bag: texts.flatMap(bagOf), poisoned, fold: k++ % FOLDS, source: `${path}.jsonl` });
    }
  }
  for (const file of TESTS) {
    const { poisoned, benign } = testSentences(readFileSync(join(root, file), "utf8"));
    for (const text of poisoned) learn(text, true, k++ % FOLDS, "tests");
    for (const text of benign) learn(text, false, k++ % FOLDS, "tests (benign)");
  }
  for (const text of lines(join(root, "scripts/dev/train/injection/own-poisoned.txt"))) learn(text, true, k++ % FOLDS, "own");
  // Benign tool texts in other languages too: with English ones alone, the reader learned another language's common
  // words as signs of the poisoned set's foreign sentences ("Busca un termino en el contenido de las paginas" flagged).
  for (const file of ["own-benign.txt", "own-benign-languages.txt"]) {
    for (const text of lines(join(root, "scripts/dev/train/injection", file))) learn(text, false, k++ % FOLDS, "own (benign)");
  }
  // … and real ones, as servers' authors wrote them, each repository's in one fold.
  for (const r of readRealBenign(join(root, REAL_BENIGN_PATH))) learn(r.text, false, foldOf(r.repo), `real (${r.language === "en" ? "English" : "other languages"})`);

  // Real texts once each, in the fold of the first vendor group that has them.
  const byText = new Map<string, number>();
  const tools: number[][] = [];
  let ruleFlagged = 0;
  let realTools = 0;
  for (const s of loadDataset(root).servers) {
    if (s.table !== "corpus") continue;
    for (const tool of s.tools) {
      realTools++;
      const texts = textsOf(tool);
      if (texts.some((t) => findByRules(t))) {
        ruleFlagged++;
        continue;
      }
      tools.push(
        texts.map((text) => {
          let at = byText.get(text);
          if (at === undefined) {
            at = examples.length;
            byText.set(text, at);
            add(text, false, foldOf(s.group), "corpus");
          }
          return at;
        }),
      );
    }
  }
  return { examples, tools, ruleFlagged, realTools, withheld };
}

export function runTrainInjection(argv: readonly string[], out: (s: string) => void, log: (s: string) => void, options = FIT_OPTIONS): number {
  const values = trainOptions(argv, HELP, out);
  if (!values) return 0;
  const root = projectRoot();
  const started = Date.now();
  const { examples, tools, ruleFlagged, realTools, withheld } = collect(root);

  // Out-of-fold scores: each text scored by the model fitted without its fold.
  const scores = new Float64Array(examples.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const w = fitWeights(examples.filter((e) => e.fold !== fold), options);
    examples.forEach((e, i) => {
      if (e.fold === fold) scores[i] = bagScore(w, e.bag);
    });
  }
  // The threshold: just above the score of the first real tool past the budget the rules leave.
  const budget = Math.floor(MAX_REAL_SHARE * realTools) - ruleFlagged;
  const toolScores = tools.map((texts) => Math.max(-Infinity, ...texts.map((i) => scores[i]!))).sort((a, b) => b - a);
  const threshold = Math.max(0, toolScores[Math.max(0, budget)]! + 1e-3);

  const bySource = new Map<string, { flagged: number; total: number }>();
  examples.forEach((e, i) => {
    const s = bySource.get(e.source) ?? { flagged: 0, total: 0 };
    s.total++;
    if (scores[i]! >= threshold) s.flagged++;
    bySource.set(e.source, s);
  });
  const realFlagged = toolScores.filter((s) => s >= threshold).length;
  out(`train:injection: ${withheld} tools and texts left out for sharing a sentence with a set the figures are measured on`);
  out(`train:injection: threshold ${threshold.toFixed(3)} (${FOLDS}-fold CV; rules flag ${ruleFlagged} of ${realTools} real tools, the reader ${realFlagged} more out of fold)`);
  for (const [source, s] of bySource) out(`  CV flagged, ${source}: ${s.flagged}/${s.total}`);

  const weights = fitWeights(examples, options);
  const poisoned = examples.filter((e) => e.poisoned).length;
  const encoded = encodeInjectionModel({ weights, threshold }, { poisoned, benign: examples.length - poisoned });
  const file = values.out ?? join(root, "classifier", INJECTION_MODEL_FILE);
  writeFileSync(file, `${JSON.stringify(encoded, null, 1)}\n`);
  out(`train:injection: ${poisoned} poisoned and ${examples.length - poisoned} benign texts; ${Buffer.from(encoded.weights, "base64").length / 6} weighted features → ${file}`);
  log(`train:injection: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

runAsScript(import.meta.url, "train:injection", (argv) => runTrainInjection(argv, printLine, printError));
