// Fits the learned model: multinomial logistic regression by full-batch AdaGrad, L2-regularised toward the rules
// (the rules' own category starts with a weight, so with little data the model says what the rules say), with
// the regularisation strength and the temperature chosen on servers held out inside the training set. Pure and
// deterministic: same examples, same weights.
import { featureId, KIND, type Features, type Kind } from "../../../classifier/features.js";
import { hintClassOfCategory } from "../../../classifier/hints.js";
import { emptyWeights, HINT_CLASSES, softmax, type Model } from "../../../classifier/model.js";
import { CATEGORIES } from "../../../classifier/taxonomy.js";

const K = HINT_CLASSES.length;

/** One labelled tool. `target` is a hint class index, or "not-read" when its hints say only that. */
export interface Example {
  features: Features;
  target: number | "not-read";
  /** How much the tool counts (tools of large servers count less each, so no one server's habits dominate). */
  weight: number;
  /** The vendor group of its server: held-out splits keep groups whole. */
  group: string;
  server: string;
}

export interface FitOptions {
  /** L2 strengths to choose from by held-out log loss; the first is used when there is nothing to hold out. */
  l2: readonly number[];
  epochs: number;
  /** Groups the held-out choice splits the training servers into. */
  innerFolds: number;
  /** A word or argument feature counts only when tools of at least this many servers have it. */
  minServers: number;
  /**
   * The final weights are the mean of this many fits, each on the groups drawn with replacement (bagging), so
   * one server more or less moves few verdicts; 1 fits once on all the examples.
   */
  bags: number;
}

export const FIT_DEFAULTS: FitOptions = { l2: [0.3, 1, 3], epochs: 150, innerFolds: 4, minServers: 2, bags: 16 };

/** The seed of the bags' draws: fixed, so training is deterministic. */
const BAG_SEED = 20261202;

/** The weight the rules' category starts with toward its own hint class. */
const PRIOR = 2;
/** Kinds that never need several servers to count: they are the rules' own reading, not a server's wording. */
const ALWAYS_KINDS: ReadonlySet<Kind> = new Set([KIND.bias, KIND.ruleCategory, KIND.signal, KIND.nameVerbCategory, KIND.descriptionVerbCategory, KIND.argumentCount]);

/**
 * The prior: the rules' category features pointing at their hint class, and a contained run (an execute whose hint
 * class is write: hints.ts) moving the execute category's weight from destructive to write.
 */
function priorWeights(): Map<number, Float64Array> {
  const prior = new Map<number, Float64Array>();
  for (const c of CATEGORIES) {
    const w = new Float64Array(K);
    w[HINT_CLASSES.indexOf(hintClassOfCategory(c, false))] = PRIOR;
    prior.set(featureId(KIND.ruleCategory, c), w);
  }
  const contained = new Float64Array(K);
  contained[HINT_CLASSES.indexOf(hintClassOfCategory("execute", false, false))] = PRIOR;
  contained[HINT_CLASSES.indexOf(hintClassOfCategory("execute", false))] = -PRIOR;
  prior.set(featureId(KIND.signal, "contained_run"), contained);
  return prior;
}

interface Compact {
  /** Per example, indexes into the compact feature list. */
  rows: Int32Array[];
  ids: number[];
  prior: Float64Array;
}

/** Numbers the features the examples use (those that pass the server-count filter), in first-seen order. */
function compact(examples: readonly Example[], minServers: number): Compact {
  const servers = new Map<number, Set<string>>();
  const kindOf = new Map<number, Kind>();
  for (const e of examples) {
    const { ids, kinds } = e.features;
    for (let i = 0; i < ids.length; i++) {
      let set = servers.get(ids[i]!);
      if (!set) servers.set(ids[i]!, (set = new Set()));
      set.add(e.server);
      kindOf.set(ids[i]!, kinds[i]!);
    }
  }
  const index = new Map<number, number>();
  const ids: number[] = [];
  const rows = examples.map((e) => {
    const row: number[] = [];
    for (const id of e.features.ids) {
      let j = index.get(id);
      if (j === undefined) {
        if (!ALWAYS_KINDS.has(kindOf.get(id)!) && servers.get(id)!.size < minServers) continue;
        index.set(id, (j = ids.length));
        ids.push(id);
      }
      row.push(j);
    }
    return Int32Array.from(row);
  });
  const priors = priorWeights();
  const prior = new Float64Array(ids.length * K);
  ids.forEach((id, j) => {
    const p = priors.get(id);
    if (p) for (let c = 0; c < K; c++) prior[j * K + c] = p[c]!;
  });
  return { rows, ids, prior };
}

/** The gradient of an example's loss on its logits, given its probabilities (in place of them). */
function lossGradient(p: Float64Array, target: Example["target"]): number {
  if (target === "not-read") {
    // Only "not read" is known: the loss is -log(p_write + p_destructive).
    const s = p[1]! + p[2]!;
    const loss = -Math.log(Math.max(s, 1e-12));
    p[1] = p[1]! - p[1]! / s;
    p[2] = p[2]! - p[2]! / s;
    return loss;
  }
  const loss = -Math.log(Math.max(p[target]!, 1e-12));
  p[target] = p[target]! - 1;
  return loss;
}

/** Weights over the compact features by full-batch AdaGrad on weighted log loss + l2/2 * |w - prior|². */
function train(c: Compact, examples: readonly Example[], l2: number, epochs: number): Float64Array {
  const w = Float64Array.from(c.prior);
  const g = new Float64Array(w.length);
  const acc = new Float64Array(w.length);
  const z = new Float64Array(K);
  const rate = 0.5;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let j = 0; j < w.length; j++) g[j] = l2 * (w[j]! - c.prior[j]!);
    for (let n = 0; n < examples.length; n++) {
      const row = c.rows[n]!;
      z.fill(0);
      for (let i = 0; i < row.length; i++) for (let k = 0; k < K; k++) z[k] = z[k]! + w[row[i]! * K + k]!;
      softmax(z);
      lossGradient(z, examples[n]!.target);
      const weight = examples[n]!.weight;
      for (let i = 0; i < row.length; i++) for (let k = 0; k < K; k++) g[row[i]! * K + k] = g[row[i]! * K + k]! + weight * z[k]!;
    }
    for (let j = 0; j < w.length; j++) {
      acc[j] = acc[j]! + g[j]! * g[j]!;
      if (acc[j]! > 0) w[j] = w[j]! - (rate * g[j]!) / Math.sqrt(acc[j]!);
    }
  }
  return w;
}

/** Logits of examples under weights keyed by bucket (features unknown to the weights count zero). */
function logitsOf(weights: ReadonlyMap<number, Float64Array>, examples: readonly Example[]): Float64Array[] {
  return examples.map((e) => {
    const z = new Float64Array(K);
    for (const id of e.features.ids) {
      const w = weights.get(id);
      if (w) for (let k = 0; k < K; k++) z[k] = z[k]! + w[k]!;
    }
    return z;
  });
}

function byBucket(c: Compact, w: Float64Array): Map<number, Float64Array> {
  return new Map(c.ids.map((id, j) => [id, w.slice(j * K, j * K + K)]));
}

/** Each example's log loss (unweighted) from its logits at a temperature. */
function exampleLosses(logits: readonly Float64Array[], examples: readonly Example[], temperature: number): Float64Array {
  const losses = new Float64Array(logits.length);
  const p = new Float64Array(K);
  logits.forEach((z, n) => {
    p.set(z);
    softmax(p, temperature);
    losses[n] = lossGradient(p, examples[n]!.target);
  });
  return losses;
}

/** The examples' weighted mean of per-example losses. */
function meanLoss(losses: Float64Array, examples: readonly Example[]): number {
  let loss = 0;
  let total = 0;
  losses.forEach((l, n) => {
    loss += examples[n]!.weight * l;
    total += examples[n]!.weight;
  });
  return total ? loss / total : 0;
}

/** Weighted mean log loss of logits at a temperature. */
function logLoss(logits: readonly Float64Array[], examples: readonly Example[], temperature: number): number {
  return meanLoss(exampleLosses(logits, examples, temperature), examples);
}

/**
 * The standard error of the held-out log loss over servers: a server's tools are held out together and err together,
 * so the error is that of the per-server mean losses, not of the tools as if independent.
 */
function serverStandardError(losses: Float64Array, examples: readonly Example[]): number {
  const byServer = new Map<string, { loss: number; weight: number }>();
  losses.forEach((l, n) => {
    const e = examples[n]!;
    const server = byServer.get(e.server) ?? { loss: 0, weight: 0 };
    byServer.set(e.server, server);
    server.loss += e.weight * l;
    server.weight += e.weight;
  });
  const means = [...byServer.values()].filter((v) => v.weight > 0).map((v) => v.loss / v.weight);
  if (means.length < 2) return 0;
  const average = means.reduce((t, m) => t + m, 0) / means.length;
  const variance = means.reduce((t, m) => t + (m - average) ** 2, 0) / (means.length - 1);
  return Math.sqrt(variance / means.length);
}

/** A deterministic pseudo-random sequence in [0, 1) (mulberry32): the same seed draws the same bags. */
export function randomSequence(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The examples by vendor group, the groups in name order (the order the bags draw from). */
function byGroup(examples: readonly Example[]): Map<string, Example[]> {
  const groups = new Map<string, Example[]>();
  for (const e of examples) {
    let list = groups.get(e.group);
    if (!list) groups.set(e.group, (list = []));
    list.push(e);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** As many groups as there are, drawn with replacement: a group drawn twice counts twice. */
function bag(groups: ReadonlyMap<string, Example[]>, random: () => number): Example[] {
  const lists = [...groups.values()];
  const out: Example[] = [];
  for (let i = 0; i < lists.length; i++) out.push(...lists[Math.floor(random() * lists.length)]!);
  return out;
}

/** A deterministic split of groups into `k` parts by a hash of the group's name. */
function partOf(group: string, k: number): number {
  return featureId(KIND.bias, group) % k;
}

/**
 * The strongest regularization whose held-out loss is within one standard error of the lowest (the one-SE rule):
 * losses that close are the same to these few servers, and a tie broken toward the weaker one let a change in a few
 * labelled tools' features swing the whole model.
 */
export function chooseL2(heldOut: readonly { l2: number; logLoss: number; se: number }[]): number {
  if (heldOut.length === 0) throw new Error("chooseL2: no held-out loss to choose by");
  const lowest = [...heldOut].sort((a, b) => a.logLoss - b.logLoss || a.l2 - b.l2)[0]!;
  return Math.max(...heldOut.filter((h) => h.logLoss <= lowest.logLoss + lowest.se).map((h) => h.l2));
}

export interface FitReport {
  l2: number;
  temperature: number;
  /** Held-out log loss per l2 tried, with its standard error (empty when nothing could be held out). */
  heldOut: { l2: number; logLoss: number; se: number }[];
}

/**
 * The model fitted on `examples`: l2 and temperature chosen on the examples' own servers held out group by group
 * (the caller's test servers are never seen), then the weights refitted on all of them.
 */
export function fitModel(examples: readonly Example[], options: FitOptions = FIT_DEFAULTS): { model: Model; report: FitReport } {
  const heldOut: FitReport["heldOut"] = [];
  let l2 = options.l2[0]!;
  let temperature = 1;
  const parts = examples.map((e) => partOf(e.group, options.innerFolds));
  const usable = new Set(parts).size >= 2;
  if (usable) {
    const outOfFold = new Map<number, Float64Array[]>();
    for (const candidate of options.l2) {
      const logits: Float64Array[] = new Array(examples.length);
      for (let f = 0; f < options.innerFolds; f++) {
        const trainSet = examples.filter((_, n) => parts[n] !== f);
        const testIdx = examples.map((_, n) => n).filter((n) => parts[n] === f);
        if (!testIdx.length || !trainSet.length) continue;
        const c = compact(trainSet, options.minServers);
        const weights = byBucket(c, train(c, trainSet, candidate, options.epochs));
        const z = logitsOf(weights, testIdx.map((n) => examples[n]!));
        testIdx.forEach((n, i) => (logits[n] = z[i]!));
      }
      outOfFold.set(candidate, logits);
      // Each example's loss is computed once, for the mean and for its spread over servers.
      const losses = exampleLosses(logits, examples, 1);
      heldOut.push({ l2: candidate, logLoss: meanLoss(losses, examples), se: serverStandardError(losses, examples) });
    }
    l2 = chooseL2(heldOut);
    // The temperature that makes held-out probabilities honest, on a grid (deterministic, no line search).
    const logits = outOfFold.get(l2)!;
    let best = Infinity;
    for (let t = 0.5; t <= 3.0001; t += 0.05) {
      const loss = logLoss(logits, examples, t);
      if (loss < best - 1e-12) {
        best = loss;
        temperature = Math.round(t * 100) / 100;
      }
    }
  }
  const weights = emptyWeights();
  const groups = byGroup(examples);
  const random = randomSequence(BAG_SEED);
  const bags = groups.size >= 2 ? options.bags : 1;
  for (let b = 0; b < bags; b++) {
    const sample = bags === 1 ? examples : bag(groups, random);
    const c = compact(sample, options.minServers);
    const w = train(c, sample, l2, options.epochs);
    c.ids.forEach((id, j) => {
      for (let k = 0; k < K; k++) weights[id * K + k] = weights[id * K + k]! + w[j * K + k]! / bags;
    });
  }
  const servers = new Set(examples.map((e) => e.server)).size;
  return { model: { weights, temperature, trainedOn: { servers, labelledTools: examples.length } }, report: { l2, temperature, heldOut } };
}
