// A learned reader for prompt injection beside the rules: logistic regression over one sentence at a time, on its
// hashed words and word pairs, a few classes of words (the model addressed, the person, secrecy, authority, other
// tools, secrets, sending, URLs …), the pairs of classes a sentence holds, and an order at a clause's start. A
// poisoned sentence inside a long benign description scores on its own. findInjection consults it only where the
// rules and the cue reader found nothing. The weights and the threshold are data (injection-weights.json, written
// by `npm run train:injection`); without the file the reader finds nothing.
import { z } from "zod";
import type { InjectionFinding } from "./injection.js";
import type { InjectionFamily } from "./injection-lexicon.js";
import { hashWord, isMaybe, markMaybe, maybeTable } from "./word-hash.js";
import { shippedData } from "./shipped-file.js";

// ---- word classes -------------------------------------------------------------------------------------------------
// Whole words, lower-case, split where the reader splits ("don't" is "don" "t"); Chinese and Japanese as one or two
// characters. In English and the common words of French, Spanish, German and Portuguese, so a class learned in one
// language carries to the others.

const CLASS_WORDS = {
  you: "you your yours yourself tu toi ton ta tes vous votre vos tú tus usted ustedes du dich dir dein deine deinen deiner você vocês teu tua 你 您",
  model: "assistant assistants ai agent agents llm llms model models chatbot claude gpt chatgpt copilot gemini asistente assistente assistent modelo modèle ia ki agente 助手 模型",
  person: "user users human humans person customer customers operator owner requester utilisateur utilisateurs usuario usuarios benutzer nutzer anwender usuário usuários 用户",
  secrecy: "secret secretly quietly silently hidden hide hiding conceal concealing withhold unaware unnoticed discreetly covertly stealthily invisibly unmentioned undisclosed secreto secreta secretamente heimlich verschweigen silencieusement discrètement secrètement silenciosamente 秘密 悄悄 隐瞒",
  negation: "not never no don dont mustn shouldn without nobody nothing ne pas jamais nunca nicht nie niemals kein keine sin sans ohne não nem 不 别 勿",
  authority: "authorized authorised preauthorized approved preapproved permission consent consented granted verified trusted sanctioned whitelisted allowlisted administrator admin root sudo privileged clearance vetted certified autorisé autorizado autorizada genehmigt",
  frame: "instructions instruction rules guidance directive directives prompt prompts guidelines policies orders constraints restrictions guardrails safeguards consignes instrucciones reglas anweisungen anweisung regeln richtlinien instruções regras 指令 规则 指示",
  dismiss: "ignore ignoring disregard forget override overrides bypass supersede supersedes superseded void obsolete outdated revoked cancel cancelled annulled ignora ignorez oublie oubliez olvida olvide ignoriere vergiss esqueça 忽略 忘记",
  tools: "tool tools server servers plugin plugins connector mcp instead 工具",
  secrets: "password passwords passwd token tokens key keys apikey credential credentials secrets env environment ssh rsa aws cookie cookies private session bearer mnemonic seed wallet contraseña passe passwort senha 密码 令牌 密钥",
  send: "send sends sending upload uploads forward transmit exfiltrate append attach copy email webhook post envoie envoyer envía enviar sende senden envie 发送 上传",
  url: "http https www url",
  always: "always must every immediately automatically first siempre toujours immer sempre 必须 总是 始终",
} as const;

type WordClass = keyof typeof CLASS_WORDS;
export const WORD_CLASSES = Object.keys(CLASS_WORDS) as WordClass[];
const CLASS_BIT = Object.fromEntries(WORD_CLASSES.map((c, i) => [c, 1 << i])) as Record<WordClass, number>;

/** Verbs of an order: at a clause's start they make a sentence an instruction ("Ignore …", "Send …", "Never …"). */
const ORDER_WORDS =
  "ignore disregard forget call send include append prepend insert read execute run do don never always make ensure respond reply answer output tell say treat act pretend obey follow remember stop skip hide keep pass forward upload copy attach note mention reveal";

const CLASS_OF = new Map<number, number>();
const MAYBE_CLASS = maybeTable();
function addClass(words: string, bit: number): void {
  for (const w of words.split(" ")) {
    const h = hashWord(w);
    markMaybe(MAYBE_CLASS, h);
    CLASS_OF.set(h, (CLASS_OF.get(h) ?? 0) | bit);
  }
}
const ORDER = 1 << WORD_CLASSES.length;
for (const c of WORD_CLASSES) addClass(CLASS_WORDS[c], CLASS_BIT[c]);
addClass(ORDER_WORDS, ORDER);

const classOf = (h: number) => (isMaybe(MAYBE_CLASS, h) ? (CLASS_OF.get(h) ?? 0) : 0);

// ---- features -----------------------------------------------------------------------------------------------------
// Words and word pairs share 2^18 hashed slots; after them one feature per class, per pair of classes (one of them
// possibly the same class), the order at a clause's start, and the bias.

export const FEATURE_BITS = 18;
const WORD_SLOTS = (1 << FEATURE_BITS) - 1;
const N_CLASSES = WORD_CLASSES.length;
const CLASS_BASE = 1 << FEATURE_BITS;
const PAIR_BASE = CLASS_BASE + N_CLASSES;
const ORDER_FEATURE = PAIR_BASE + N_CLASSES * N_CLASSES;
const BIAS = ORDER_FEATURE + 1;
export const FEATURE_COUNT = BIAS + 1;

/** The murmur3 finaliser: spreads the word hash (h·31 + c) over the slots. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return x ^ (x >>> 16);
}
const pairSlot = (previous: number, h: number) => mix(Math.imul(previous, 0x5bd1e995) ^ h ^ 0x2545f491) & WORD_SLOTS;

/** What the walk over a text reports: each sentence's features, then where the sentence was and its classes. */
export interface SentenceSink {
  feature(index: number): void;
  /** The sentence's end; true stops the walk (the reader wants the first flagged sentence only). */
  end(start: number, end: number, classes: number): boolean | void;
}

// A word's characters, one lookup a character, 0 for a separator: ASCII letters (lower-cased), digits and "_", and
// the Latin, Greek and Cyrillic letters up to U+052F (Latin-1 capitals lower-cased). One table, not a function for
// the letters past ASCII: with the call in the loop, V8 at times compiled the whole walk twice as slow.
const LETTERS = 0x530;
const WORD_CHAR = new Uint16Array(LETTERS);
for (let c = 0; c < LETTERS; c++) {
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 0xdf && c <= 0x24f && c !== 0xf7) || c >= 0x370) WORD_CHAR[c] = c;
  else if ((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7)) WORD_CHAR[c] = c + 32;
}

/** Chinese, Japanese and Korean: no spaces between words, so each character is read as a word of its own. */
const isIdeograph = (c: number) => (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af);

/** Where a sentence ends: a line break, "|", "。", or ".!?;" before a space or the end. */
function isStop(text: string, i: number, c: number): boolean {
  if (c === 10 || c === 124 || c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b) return true;
  if (c !== 46 && c !== 33 && c !== 63 && c !== 59) return false;
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 32;
  return next === 32 || next === 9 || next === 10 || next === 13;
}

/**
 * One pass over a text, sentence by sentence: each word's slot and the slot of it with the word before, then at the
 * sentence's end its class features and `end`. Training and reading both walk with this, so they see the same features.
 * The state lives in locals rather than in closures over it: a closure's variables sit in a heap context, read and
 * written there at every word.
 */
export function walkSentences(text: string, sink: SentenceSink): void {
  let h = 0;
  let len = 0;
  // An ideograph is a word of one character: it ends at the next character, whatever that is.
  let single = false;
  let previous = 0;
  let words = 0;
  let classes = 0;
  let clauseStart = true;
  let ordered = false;
  let start = 0;
  let lastIdeograph = 0;
  const n = text.length;
  // The text's end reads as a line break: it ends the last word and the last sentence.
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 10;
    const w = c < LETTERS ? WORD_CHAR[c]! : 0;
    if (w !== 0 && !single) {
      h = (Math.imul(h, 31) + w) | 0;
      len++;
      continue;
    }
    if (len > 0) {
      sink.feature(mix(h) & WORD_SLOTS);
      if (words > 0) sink.feature(pairSlot(previous, h));
      const k = classOf(h);
      classes |= k;
      if (clauseStart && (k & ORDER) !== 0) ordered = true;
      clauseStart = false;
      previous = h;
      words++;
      h = 0;
      len = 0;
      single = false;
    }
    if (w !== 0) {
      h = w;
      len = 1;
      continue;
    }
    if (c >= 0x3040 && isIdeograph(c)) {
      // A two-character word ("用户") is found as the pair's own hash, the hash hashWord gives it.
      if (lastIdeograph !== 0) classes |= classOf((Math.imul(lastIdeograph, 31) + c) | 0);
      h = c;
      len = 1;
      single = true;
      lastIdeograph = c;
      continue;
    }
    lastIdeograph = 0;
    if (isStop(text, i, c)) {
      if (words > 0) {
        const present = classes & (ORDER - 1);
        for (let a = 0; a < N_CLASSES; a++) {
          if ((present & (1 << a)) === 0) continue;
          sink.feature(CLASS_BASE + a);
          for (let b = a + 1; b < N_CLASSES; b++) if ((present & (1 << b)) !== 0) sink.feature(PAIR_BASE + a * N_CLASSES + b);
        }
        if (ordered) sink.feature(ORDER_FEATURE);
        sink.feature(BIAS);
        if (sink.end(start, Math.min(i + 1, n), present) === true) return;
      }
      words = 0;
      classes = 0;
      ordered = false;
      clauseStart = true;
      start = i + 1;
    } else if (c === 58 || c === 0x2014 || c === 0xff1a || c === 44) clauseStart = true; // ":", "—", "：", ","
  }
}

// ---- the model ----------------------------------------------------------------------------------------------------

export interface InjectionModel {
  weights: Float32Array;
  /** A sentence scoring at least this (a logit) is flagged. */
  threshold: number;
}

export const INJECTION_MODEL_FILE = "injection-weights.json";
const ENTRY_BYTES = 6;
const SCALE = 1000;

export const injectionModelFileSchema = z.object({
  format: z.literal(1),
  featureBits: z.literal(FEATURE_BITS),
  classes: z.array(z.string()),
  threshold: z.number(),
  trainedOn: z.object({ poisoned: z.number(), benign: z.number() }),
  weights: z.string(),
});
export type InjectionModelFile = z.infer<typeof injectionModelFileSchema>;

/** The data file's form: only the features with a weight, as (index, weight in thousandths). */
export function encodeInjectionModel(model: InjectionModel, trainedOn: InjectionModelFile["trainedOn"]): InjectionModelFile {
  const kept: number[] = [];
  for (let i = 0; i < FEATURE_COUNT; i++) if (Math.round(model.weights[i]! * SCALE) !== 0) kept.push(i);
  const buf = Buffer.alloc(kept.length * ENTRY_BYTES);
  kept.forEach((f, k) => {
    buf.writeUInt32LE(f, k * ENTRY_BYTES);
    buf.writeInt16LE(Math.max(-32767, Math.min(32767, Math.round(model.weights[f]! * SCALE))), k * ENTRY_BYTES + 4);
  });
  return { format: 1, featureBits: FEATURE_BITS, classes: [...WORD_CLASSES], threshold: Math.round(model.threshold * SCALE) / SCALE, trainedOn, weights: buf.toString("base64") };
}

export function decodeInjectionModel(file: InjectionModelFile): InjectionModel {
  if (file.classes.join(" ") !== WORD_CLASSES.join(" ")) throw new Error(`injection weights: classes ${file.classes.join(",")} are not this reader's`);
  const buf = Buffer.from(file.weights, "base64");
  if (buf.length % ENTRY_BYTES !== 0) throw new Error(`injection weights: ${buf.length} bytes is not a whole number of ${ENTRY_BYTES}-byte entries`);
  const weights = new Float32Array(FEATURE_COUNT);
  for (let off = 0; off < buf.length; off += ENTRY_BYTES) {
    const f = buf.readUInt32LE(off);
    if (f >= FEATURE_COUNT) throw new Error(`injection weights: feature ${f} outside the ${FEATURE_COUNT} features`);
    weights[f] = buf.readInt16LE(off + 4) / SCALE;
  }
  return { weights, threshold: file.threshold };
}

/** The weights shipped beside this module, read once; null without them. */
export const shippedInjectionModel: () => InjectionModel | null = shippedData(INJECTION_MODEL_FILE, (raw) =>
  decodeInjectionModel(injectionModelFileSchema.parse(raw)),
);

/** The family a flagged sentence's classes point to; a sentence that only addresses the model is model_directed. */
export function familyOfClasses(classes: number): InjectionFamily {
  const has = (c: WordClass) => (classes & CLASS_BIT[c]) !== 0;
  if (has("secrets") && (has("send") || has("url"))) return "exfiltration";
  // A "not" near the person is concealment unless the sentence speaks to the model ("the operator no longer binds you").
  if (has("person") && (has("secrecy") || (has("negation") && !has("model") && !has("you")))) return "concealment";
  if (has("authority")) return "false_authorization";
  if (has("tools") && !has("frame")) return "shadowing";
  return "model_directed";
}

/** Scores each sentence as the walk ends it; stops the walk at the first at or above the threshold. */
class FirstFlagged implements SentenceSink {
  score = 0;
  found: { start: number; end: number; classes: number } | undefined;
  private readonly weights: Float32Array;
  private readonly threshold: number;
  constructor(model: InjectionModel) {
    this.weights = model.weights;
    this.threshold = model.threshold;
  }
  feature(index: number): void {
    this.score += this.weights[index]!;
  }
  end(start: number, end: number, classes: number): boolean {
    if (this.score >= this.threshold) {
      this.found = { start, end, classes };
      return true;
    }
    this.score = 0;
    return false;
  }
}

/** The first sentence the learned reader flags, quoted as the text has it, with the family its classes say. */
export function findByModel(text: string, model: InjectionModel | null = shippedInjectionModel()): InjectionFinding | undefined {
  if (!model) return undefined;
  const sink = new FirstFlagged(model);
  walkSentences(text, sink);
  const f = sink.found;
  return f && { family: familyOfClasses(f.classes), quote: text.slice(f.start, f.end).trim() };
}
