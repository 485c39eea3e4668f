// The learned model: a multinomial logistic regression over features.ts's hashed features, predicting the
// class MCP's own hints give a tool (read / write / destructive). The weights are data (model-weights.json,
// written by `npm run train`); inference is a few array reads per feature, pure, with no network.
import { z } from "zod";
import { describeFeature, featureText, HASH_BITS, KIND, type Features } from "./features.js";
import { STOP_WORDS } from "./description-verb.js";
import { shippedData } from "./shipped-file.js";

export const HINT_CLASSES = ["read", "write", "destructive"] as const;
export type HintClass = (typeof HINT_CLASSES)[number];
const K = HINT_CLASSES.length;

/** Weights are stored as thousandths in 16 bits: ±32 is far beyond any weight L2 training leaves. */
const SCALE = 1000;
const ENTRY_BYTES = 4 + 2 * K;

export const modelFileSchema = z
  .object({
    format: z.literal(1),
    hashBits: z.literal(HASH_BITS),
    classes: z.tuple([z.literal("read"), z.literal("write"), z.literal("destructive")]),
    /** Divides the logits: fitted on held-out servers so confidence means what it says. */
    temperature: z.number().positive(),
    trainedOn: z.object({ servers: z.number().int().nonnegative(), labelledTools: z.number().int().nonnegative() }),
    /** Base64 of little-endian entries: bucket (uint32), then one int16 weight (thousandths) per class. */
    weights: z.string(),
  })
  .strict();
export type ModelFile = z.infer<typeof modelFileSchema>;

export interface Model {
  /** Dense: bucket * 3 + class. */
  weights: Float32Array;
  temperature: number;
  trainedOn: ModelFile["trainedOn"];
}

export function emptyWeights(): Float32Array {
  return new Float32Array((1 << HASH_BITS) * K);
}

/** The data file's form of a model: only the buckets with a weight, rounded to thousandths. */
export function encodeModel(model: Model): ModelFile {
  const buckets: number[] = [];
  for (let b = 0; b < 1 << HASH_BITS; b++) {
    for (let c = 0; c < K; c++) {
      if (Math.round(model.weights[b * K + c]! * SCALE) !== 0) {
        buckets.push(b);
        break;
      }
    }
  }
  const buf = Buffer.alloc(buckets.length * ENTRY_BYTES);
  buckets.forEach((b, i) => {
    buf.writeUInt32LE(b, i * ENTRY_BYTES);
    for (let c = 0; c < K; c++) buf.writeInt16LE(Math.max(-32767, Math.min(32767, Math.round(model.weights[b * K + c]! * SCALE))), i * ENTRY_BYTES + 4 + 2 * c);
  });
  return { format: 1, hashBits: HASH_BITS, classes: [...HINT_CLASSES], temperature: Math.round(model.temperature * 1000) / 1000, trainedOn: model.trainedOn, weights: buf.toString("base64") };
}

export function decodeModel(file: ModelFile): Model {
  const buf = Buffer.from(file.weights, "base64");
  if (buf.length % ENTRY_BYTES !== 0) throw new Error(`model weights: ${buf.length} bytes is not a whole number of ${ENTRY_BYTES}-byte entries`);
  const weights = emptyWeights();
  for (let off = 0; off < buf.length; off += ENTRY_BYTES) {
    const b = buf.readUInt32LE(off);
    if (b >= 1 << HASH_BITS) throw new Error(`model weights: bucket ${b} outside the ${HASH_BITS}-bit space`);
    for (let c = 0; c < K; c++) weights[b * K + c] = buf.readInt16LE(off + 4 + 2 * c) / SCALE;
  }
  return { weights, temperature: file.temperature, trainedOn: file.trainedOn };
}

/** The shipped weights' file name, in classifier/ beside this module's source. */
export const MODEL_FILE = "model-weights.json";

/**
 * The model shipped in classifier/model-weights.json, read once; null when the package has none (the rules
 * then decide alone).
 */
export const shippedModel: () => Model | null = shippedData(MODEL_FILE, (raw) => decodeModel(modelFileSchema.parse(raw)));

const weightedBucketsOf = new WeakMap<Float32Array, Uint32Array>();

/**
 * Per bucket, a bit set where any class has a weight: the shipped model weighs about a thousand of its 2^18 buckets, so
 * most of a tool's features add nothing to the sums and are never named; inference keeps only the others (features.ts).
 * Bits rather than bytes: every feature of a tool reads this table at a random bucket, and 32 KB stays in cache where
 * 256 KB does not. Marked on the weights' first use; a model's weights do not change once it classifies.
 */
export function weightedBuckets(model: Model): Uint32Array {
  let marks = weightedBucketsOf.get(model.weights);
  if (marks) return marks;
  const w = model.weights;
  marks = new Uint32Array((1 << HASH_BITS) / 32);
  for (let b = 0; b < 1 << HASH_BITS; b++) if (w[b * K] !== 0 || w[b * K + 1] !== 0 || w[b * K + 2] !== 0) marks[b >>> 5]! |= 1 << (b & 31);
  weightedBucketsOf.set(w, marks);
  return marks;
}

/** Raw scores (logits) per class: the sum of each feature's weights. */
export function logits(weights: Float32Array, features: Features, out: Float64Array): void {
  let r = 0;
  let w = 0;
  let d = 0;
  const ids = features.ids;
  for (let i = 0; i < ids.length; i++) {
    const o = ids[i]! * K;
    r += weights[o]!;
    w += weights[o + 1]!;
    d += weights[o + 2]!;
  }
  out[0] = r;
  out[1] = w;
  out[2] = d;
}

/** Softmax of logits / temperature, in place. */
export function softmax(z: Float64Array, temperature = 1): void {
  const a = z[0]! / temperature;
  const b = z[1]! / temperature;
  const c = z[2]! / temperature;
  const m = Math.max(a, b, c);
  const ea = Math.exp(a - m);
  const eb = Math.exp(b - m);
  const ec = Math.exp(c - m);
  const s = ea + eb + ec;
  z[0] = ea / s;
  z[1] = eb / s;
  z[2] = ec / s;
}

/** Class probabilities [read, write, destructive], calibrated by the model's temperature. */
export function predict(model: Model, features: Features): Float64Array {
  const p = new Float64Array(K);
  logits(model.weights, features, p);
  softmax(p, model.temperature);
  return p;
}

// strongestEvidence's scratch space: the candidates are kept as parallel numbers, so only the few features named are
// ever put in words.
const candidateIndex: number[] = [];
const candidateWeight: number[] = [];
const heavyIds: number[] = [];

/** Words that carry the model's weight but tell a reader nothing: "'to' in the description" explains no verdict. */
const UNTELLING = new Set([...STOP_WORDS, ..."are be been it this that these those you your will can".split(" ")]);

/** Whether feature `i` is a description's word, or pair of words, that are all UNTELLING. */
function functionWordsOnly(features: Features, i: number): boolean {
  const kind = features.kinds[i];
  if (kind !== KIND.descriptionWord && kind !== KIND.descriptionPair) return false;
  return featureText(features, i).split(" ").every((w) => UNTELLING.has(w));
}

/**
 * The features that weigh most for `cls` against the strongest other class, in words, at most `n`, each once
 * ("'delete' first in the name"). Only features that push toward `cls` are named, and no bare function word ("'to' in
 * the description": it weighs, but says nothing to a reader); of equal weights, the earlier.
 */
export function strongestEvidence(model: Model, features: Features, cls: number, n: number): string[] {
  const w = model.weights;
  candidateIndex.length = 0;
  candidateWeight.length = 0;
  heavyIds.length = 0;
  for (let i = 0; i < features.ids.length; i++) {
    const id = features.ids[i]!;
    const o = id * K;
    let other = -Infinity;
    for (let c = 0; c < K; c++) if (c !== cls && w[o + c]! > other) other = w[o + c]!;
    const weight = w[o + cls]! - other;
    if (!(weight > 0.05)) continue;
    // A bucket counts once, at its first feature: its weight is the same at every one, so an earlier feature of
    // this bucket is among the few heavy ones already seen (no per-call set over the whole bucket space).
    if (heavyIds.includes(id)) continue;
    heavyIds.push(id);
    if (features.kinds[i] !== 0 && !functionWordsOnly(features, i)) {
      candidateIndex.push(i);
      candidateWeight.push(weight);
    }
  }
  const out: string[] = [];
  // Heaviest first, the earlier of equals (a stable sort's order), until n distinct descriptions.
  while (out.length < n) {
    let best = -1;
    for (let k = 0; k < candidateWeight.length; k++) if (candidateWeight[k]! > -Infinity && (best < 0 || candidateWeight[k]! > candidateWeight[best]!)) best = k;
    if (best < 0) break;
    candidateWeight[best] = -Infinity;
    const i = candidateIndex[best]!;
    const text = describeFeature(features.kinds[i]!, featureText(features, i));
    if (!out.includes(text)) out.push(text);
  }
  return out;
}
