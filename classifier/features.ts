// The learned model's view of a tool: hashed sparse features from the rules' reading (their category and
// signals), the name's words by position, the description's words and word pairs, and the input schema's
// argument names. Shared by training (scripts/dev/train) and inference (model.ts), so both see the same thing.
import type { Category } from "./taxonomy.js";
import type { ToolInput } from "./tool.js";
import type { ToolReading } from "./signals.js";

/** Feature kinds; the kind is hashed with the feature's text, so "delete" first in a name and in a description differ. */
export const KIND = {
  bias: 0,
  ruleCategory: 1,
  signal: 2,
  nameFirst: 3,
  nameLast: 4,
  nameWord: 5,
  descriptionWord: 6,
  descriptionPair: 7,
  argument: 8,
  argumentCount: 9,
  descriptionLead: 10,
  nameVerbCategory: 11,
  descriptionVerbCategory: 12,
} as const;
export type Kind = (typeof KIND)[keyof typeof KIND];

/** log2 of the hashed feature space: 2^18 buckets keep collisions rare for tens of thousands of distinct features. */
export const HASH_BITS = 18;
const MASK = (1 << HASH_BITS) - 1;

/** How many description words are read: the opening says what a tool does; the rest is usage detail. */
export const DESCRIPTION_WORDS = 40;
const MAX_ARGUMENTS = 24;

/** One tool's features: bucket ids, and for explaining a decision, each one's kind and text (featureText). */
export interface Features {
  ids: number[];
  kinds: Kind[];
  /** The text of each feature not read from the description's words ("" for those). */
  texts: string[];
  /**
   * For the description's words, pairs and lead: the index of the (first) word in `wordSpans`, -1 for other features.
   * No word's string is built unless a rationale names its feature.
   */
  words: number[];
  /** The description's words are read from this text (its head, or its lower case where lower-casing moves letters). */
  source: string;
  /** Each word's start and end in `source`. */
  wordSpans: number[];
  /**
   * When set, only features in the buckets whose bit is set here are kept: those a model weighs (model.ts's weightedBuckets).
   * Any other adds nothing to its sums and is never named, and most of a tool's features are such.
   */
  weighted: Uint32Array | undefined;
}

/** A feature's text as describeFeature takes it: "delete", or "delete it" for a pair. */
export function featureText(f: Features, i: number): string {
  const w = f.words[i]!;
  if (w < 0) return f.texts[i]!;
  const word = (k: number) => f.source.slice(f.wordSpans[2 * k], f.wordSpans[2 * k + 1]).toLowerCase();
  return f.kinds[i] === KIND.descriptionPair ? `${word(w)} ${word(w + 1)}` : word(w);
}

/** FNV-1a's state after the kind. */
const seed = (kind: Kind) => Math.imul(0x811c9dc5 ^ (kind + 1), 0x01000193);

/** FNV-1a's state `h` carried over `text`. */
function fnv(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** A word character's lower case: the word's string as textWords gives it is never built. */
const lowerCode = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

const mask = (h: number) => (h >>> 0) & MASK;

/** FNV-1a over the kind and the text (and a second text for pairs), masked to the bucket space. */
export function featureId(kind: Kind, text: string, second?: string): number {
  const h = fnv(seed(kind), text);
  return mask(second === undefined ? h : fnv(Math.imul(h ^ 0x20, 0x01000193), second));
}

function pushId(f: Features, id: number, kind: Kind, text: string, word: number): void {
  if (f.weighted !== undefined && ((f.weighted[id >>> 5]! >>> (id & 31)) & 1) === 0) return;
  f.ids.push(id);
  f.kinds.push(kind);
  f.texts.push(text);
  f.words.push(word);
}

function push(f: Features, kind: Kind, text: string): void {
  pushId(f, featureId(kind, text), kind, text, -1);
}

// Per kind, the ids of texts from a closed vocabulary (categories, signals, verb classes, argument counts), each hashed
// on its first use; -1 marks a verb signal, which is no feature. Open ones (name words, argument names) are hashed
// every time, so the tables cannot grow with the tools read.
const knownIds: Map<string, number>[] = Object.values(KIND).map(() => new Map());

/** push of a text from a closed vocabulary; verb signals are skipped. */
function pushKnown(f: Features, kind: Kind, text: string): void {
  const ids = knownIds[kind]!;
  let id = ids.get(text);
  if (id === undefined) ids.set(text, (id = kind === KIND.signal && isVerbSignal(text) ? -1 : featureId(kind, text)));
  if (id >= 0) pushId(f, id, kind, text, -1);
}

const LEAD_SEED = seed(KIND.descriptionLead);
const WORD_SEED = seed(KIND.descriptionWord);
const PAIR_SEED = seed(KIND.descriptionPair);

/** Signals that carry their own meaning; verb signals are covered by the name and description words. */
function isVerbSignal(signal: string): boolean {
  return signal.startsWith("verb:") || signal.startsWith("description_verb:");
}

function argumentBucket(n: number): string {
  return n === 0 ? "none" : n <= 2 ? "1-2" : n <= 5 ? "3-5" : "6+";
}

/** A set with no features yet. */
export function emptyFeatures(): Features {
  return { ids: [], kinds: [], texts: [], words: [], source: "", wordSpans: [], weighted: undefined };
}

/**
 * The features of a tool, given the rules' reading of it and the category the rules chose (undefined when
 * the rules found no evidence). Annotations are never features: the model predicts them. With `into`, that set is
 * emptied and filled instead of a new one (no new arrays a tool). With `weighted`, only
 * the features a model weighs are kept (inference; training needs them all).
 */
export function toolFeatures(tool: ToolInput, reading: ToolReading, ruleCategory: Category | undefined, into?: Features, weighted?: Uint32Array): Features {
  const f: Features = into ?? emptyFeatures();
  f.weighted = weighted;
  if (into) {
    into.ids.length = 0;
    into.kinds.length = 0;
    into.texts.length = 0;
    into.words.length = 0;
  }
  pushKnown(f, KIND.bias, "");
  pushKnown(f, KIND.ruleCategory, ruleCategory ?? "none");
  for (const e of reading.evidence) pushKnown(f, KIND.signal, e.signal);
  const nv = reading.nameVerb;
  pushKnown(f, KIND.nameVerbCategory, nv ? `${nv.category}:${nv.position}${nv.ambiguous ? ":ambiguous" : ""}` : "none");
  const dv = reading.descriptionVerb;
  pushKnown(f, KIND.descriptionVerbCategory, dv ? `${dv.category}${dv.ambiguous ? ":ambiguous" : ""}` : reading.emptyDescription ? "empty" : "none");

  const { tokens: words, lastSegmentStart } = reading.tokens;
  const segment = words.length > lastSegmentStart ? lastSegmentStart : 0;
  for (let i = segment; i < words.length; i++) {
    const w = words[i]!;
    if (i === segment) push(f, KIND.nameFirst, w);
    else if (i === words.length - 1) push(f, KIND.nameLast, w);
    else push(f, KIND.nameWord, w);
  }

  // The words of leadingWords(head, DESCRIPTION_WORDS), hashed where they stand in the text.
  const description = tool.description ?? "";
  const head = description.length > 600 ? description.slice(0, 600) : description;
  const mark = f.ids.length;
  if (!pushDescriptionWords(f, head)) {
    f.ids.length = f.kinds.length = f.texts.length = f.words.length = mark;
    pushDescriptionWords(f, head.toLowerCase());
  }

  // The schema's argument names as the reading listed them (its keys are not read twice).
  const props = reading.properties;
  for (let i = 0; i < props.length && i < MAX_ARGUMENTS; i++) push(f, KIND.argument, props[i]!.name.toLowerCase());
  // A tool listed without a schema (a directory's or a source's tool list) has arguments no one has read, not none:
  // the tools a server lists with no arguments are mostly reads, and a schema left out says nothing of that.
  pushKnown(f, KIND.argumentCount, tool.inputSchema === undefined ? "unknown" : argumentBucket(props.length));
  return f;
}

const isWordCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);

/**
 * The features of leadingWordSpans(source, DESCRIPTION_WORDS): the lead, then each word and the pair it ends, in
 * featureId's ids, found and hashed in one pass over the characters (each word hashed for itself, as the second of
 * its pair and as the first of the next); the spans are kept in `f` for naming a feature. False, with `f` to be reset,
 * where leadingWordSpans is (a character whose lower case moves letters: the text's lower case is read instead).
 */
function pushDescriptionWords(f: Features, source: string): boolean {
  f.source = source;
  const spans = f.wordSpans;
  spans.length = 0;
  const n = source.length;
  let start = -1;
  let lead = LEAD_SEED;
  let word = 0;
  // The pair this word ends (its first word and a space hashed), and the one it starts.
  let pair = 0;
  let nextPair = 0;
  for (let i = 0; i <= n && spans.length < 2 * DESCRIPTION_WORDS; i++) {
    // The end of the text ends its last word.
    const c = i < n ? source.charCodeAt(i) : 32;
    if (isWordCode(c)) {
      if (start < 0) {
        start = i;
        word = WORD_SEED;
        pair = Math.imul(nextPair ^ 0x20, 0x01000193);
        nextPair = PAIR_SEED;
      }
      const l = lowerCode(c);
      word = Math.imul(word ^ l, 0x01000193);
      pair = Math.imul(pair ^ l, 0x01000193);
      nextPair = Math.imul(nextPair ^ l, 0x01000193);
      if (spans.length === 0) lead = Math.imul(lead ^ l, 0x01000193);
      continue;
    }
    if (c === 0x130 || c === 0x212a) return false;
    if (start < 0) continue;
    const k = spans.length / 2;
    spans.push(start, i);
    if (k === 0) pushId(f, mask(lead), KIND.descriptionLead, "", 0);
    else pushId(f, mask(pair), KIND.descriptionPair, "", k - 1);
    pushId(f, mask(word), KIND.descriptionWord, "", k);
    start = -1;
  }
  return true;
}

/** A feature in words, for rationales: "'delete' first in the name". */
export function describeFeature(kind: Kind, text: string): string {
  switch (kind) {
    case KIND.ruleCategory:
      return text === "none" ? "the rules finding no evidence" : `the rules' reading (${text})`;
    case KIND.signal:
      return `the ${text} signal`;
    case KIND.nameFirst:
      return `'${text}' first in the name`;
    case KIND.nameLast:
      return `'${text}' last in the name`;
    case KIND.nameWord:
      return `'${text}' in the name`;
    case KIND.descriptionLead:
      return `a description opening with '${text}'`;
    case KIND.descriptionWord:
    case KIND.descriptionPair:
      return `'${text}' in the description`;
    case KIND.argument:
      return `a '${text}' argument`;
    case KIND.argumentCount:
      return text === "unknown" ? "arguments not listed" : `${text === "none" ? "no" : text} arguments`;
    case KIND.nameVerbCategory:
      return text === "none" ? "no verb in the name" : `a ${text.split(":")[0]} verb in the name`;
    case KIND.descriptionVerbCategory:
      return text === "none" || text === "empty" ? "no leading verb in the description" : `a description leading with a ${text.split(":")[0]} verb`;
    default:
      return "the base rate";
  }
}
