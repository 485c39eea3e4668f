// Fitting the learned injection reader (classifier/injection-model.ts): logistic regression by stochastic gradient,
// over texts read sentence by sentence. A poisoned text is a bag whose poisoned sentence is not marked, so the fit
// is multiple-instance: the first pass takes each of its sentences as a share of a positive, later passes only the
// sentence the model scores highest; every sentence of a benign text is a negative. Deterministic: a fixed seed
// orders the passes.
import { FEATURE_COUNT, walkSentences } from "../../../classifier/injection-model.js";
import { randomSequence } from "./fit.js";

/** A text's sentences as their feature indices. */
export type Bag = readonly Int32Array[];

export interface Example {
  bag: Bag;
  poisoned: boolean;
}

export function bagOf(text: string): Bag {
  const bag: Int32Array[] = [];
  let features: number[] = [];
  walkSentences(text, {
    feature: (i) => features.push(i),
    end: () => {
      bag.push(Int32Array.from(features));
      features = [];
    },
  });
  return bag;
}

export interface FitOptions {
  epochs: number;
  /** The step at the first pass; it shrinks as 1/(1 + pass). */
  rate: number;
  l2: number;
  /** How much more a poisoned text counts than a benign sentence (there are a hundred times more benign ones). */
  positiveWeight: number;
  seed: number;
}

export const FIT_OPTIONS: FitOptions = { epochs: 30, rate: 0.05, l2: 1e-4, positiveWeight: 5, seed: 0x1ee7 };

function dot(w: Float32Array, x: Int32Array): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += w[x[k]!]!;
  return s;
}

/** The highest sentence score of a bag: what decides whether a text is flagged. */
export function bagScore(w: Float32Array, bag: Bag): number {
  let best = -Infinity;
  for (const x of bag) best = Math.max(best, dot(w, x));
  return best;
}

function step(w: Float32Array, x: Int32Array, gradient: number, rate: number, l2: number): void {
  for (let k = 0; k < x.length; k++) {
    const f = x[k]!;
    w[f] = w[f]! - rate * (gradient + l2 * w[f]!);
  }
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function fitWeights(examples: readonly Example[], options: FitOptions = FIT_OPTIONS): Float32Array {
  const w = new Float32Array(FEATURE_COUNT);
  const order = examples.map((_, i) => i);
  const random = randomSequence(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    // Fisher–Yates with the seeded sequence: the same examples give the same passes.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = options.rate / (1 + epoch);
    for (const i of order) {
      const { bag, poisoned } = examples[i]!;
      if (bag.length === 0) continue;
      if (!poisoned) {
        for (const x of bag) step(w, x, sigmoid(dot(w, x)), rate, options.l2);
      } else if (epoch === 0) {
        for (const x of bag) step(w, x, ((sigmoid(dot(w, x)) - 1) * options.positiveWeight) / bag.length, rate, options.l2);
      } else {
        let best = bag[0]!;
        let top = -Infinity;
        for (const x of bag) {
          const s = dot(w, x);
          if (s > top) [top, best] = [s, x];
        }
        step(w, best, (sigmoid(top) - 1) * options.positiveWeight, rate, options.l2);
      }
    }
  }
  return w;
}
