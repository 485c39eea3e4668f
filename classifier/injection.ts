// Prompt injection in a tool's text, by family: text addressed to the model, concealment from the person, claims
// of prior authorization, displacing other tools, exfiltration, encoded payloads and invisible Unicode. Hidden and
// encoded text is revealed and read again, and the finding quotes what was revealed.
//
// Every description is read, so one walk over the characters comes first (walkText): it hashes each word, notes the
// few characters that matter, and keeps the sentences the cue reader (injection-cues.ts) may find something in. Text
// with no cue (most text) costs that walk and nothing more; a family's rules run only when one of its cue words is
// present, and the cue reader only on the sentences kept.
import { decodePayloads, revealUnicode, type Revealed } from "./hidden-text.js";
import { concealmentStated, findByCues, SENTENCE_CUES, type Candidate } from "./injection-cues.js";
import { findByModel } from "./injection-model.js";
import { hashWord, isMaybe, markMaybe, maybeTable } from "./word-hash.js";
import { quoteSpan } from "./text-sentences.js";
import { undisclosedEffect } from "./undisclosed-effect.js";
import { contextLeak } from "./context-leak.js";
import { displacedTool } from "./displaced-tool.js";
import { replySteering } from "./reply-steering.js";
import {
  CUES,
  WINDOW_CUES,
  ENCODING_CUES,
  EXFIL_HOLDINGS,
  EXFIL_FETCH,
  EXFIL_MOVE,
  EXFIL_PLACES,
  EXFIL_SINK_LITERAL,
  EXFIL_SINK_WORDS,
  FAMILY_LABEL,
  DECODE_THEN_APPLY,
  DECODE_THEN_OBEY,
  EXAMPLE_LABEL,
  MODEL_NAMED,
  INSTRUCTION_WORDS,
  NEGATION_UNDONE,
  NEGATORS,
  NEGATORS_ELSEWHERE,
  CUE_LETTER,
  CLAUSE_BREAK,
  RULES,
  SIDE_CHANNEL,
  type InjectionFamily,
  type WordFamily,
} from "./injection-lexicon.js";
import { quoteText } from "./quote.js";
import { literalGate, type LiteralGate } from "./literal-gates.js";

export type { InjectionFamily } from "./injection-lexicon.js";

export interface InjectionFinding {
  family: InjectionFamily;
  /** The words that decided, as the text has them (after revealing or decoding, for those families). */
  quote: string;
  /** How the text was hidden and what it says, when it was hidden or encoded. */
  revealed?: { how: string; shown: string; text: string; family?: InjectionFamily };
}

// ---- compiled lexicon -------------------------------------------------------------------------------------------

const WORD_FAMILIES: readonly WordFamily[] = ["model_directed", "concealment", "false_authorization", "shadowing", "exfiltration"];
const BIT: Record<WordFamily, number> = { model_directed: 1, concealment: 2, false_authorization: 4, shadowing: 8, exfiltration: 16 };
const MARKUP = 32;
const ENCODED = 64;
const HIDDEN = 128;
const PADDING = 256;
const LOOKALIKE = 512;
const LONG_RUN = 1024;
const TYPOGRAPHIC = 2048;
/** Letters outside ASCII: text the English cue words cannot gate (the sentence-window readers read it whatever its words). */
const FOREIGN = 4096;
/** The sentence-window readers' own cue words (WINDOW_CUES), by family: they open the reader, not the family's rules. */
const WINDOW: Record<keyof typeof WINDOW_CUES, number> = { concealment: 8192, shadowing: 16384, model_directed: 32768, exfiltration: 65536 };
const WINDOW_ALL = WINDOW.concealment | WINDOW.shadowing | WINDOW.model_directed | WINDOW.exfiltration;

/** Separators between two words of one sentence. */
const SEP = "[^a-z0-9'.!?;]+";

/** A rule template as regex source: spaces become separators, `…N` up to N words (exported for the templates' test). */
export function expand(template: string): string {
  return template.replace(/ …(\d+) /g, (_, n: string) => `(?:${SEP}[a-z0-9']+){0,${n}}?${SEP}`).replace(/ /g, SEP);
}

/** Markup rules need a "<" or "[" and run only when the text has one; they need no cue word. */
const isMarkup = (re: string) => re.startsWith("<") || re.startsWith("\\[");

/** A rule ends at a word's edge: "share" is not found in "shared". */
const WORD_END = "(?:(?<![a-z0-9])|(?![a-z0-9]))";

/** Rules as one alternation, matched at a word's start unless `atWord` is false. */
function compile(rules: readonly { re: string }[], atWord = true): RegExp {
  return new RegExp(`${atWord ? "\\b" : ""}(?:${rules.map((r) => `(?:${expand(r.re)})${WORD_END}`).join("|")})`, "g");
}

/** One rule of a word family, compiled alone, and the gate that says whether a text may match it at all. */
interface GatedRule {
  re: RegExp;
  gate: LiteralGate;
}

/**
 * Each word family's rules, in order, each compiled alone behind its gate (literal-gates.ts). Most text that holds a
 * family's cue words can match none of its rules, or one or two: only those run (firstAffirmedRule), where the family's
 * rules joined in one alternation cost a try of every rule at every word.
 */
const FAMILY_RULES: readonly (readonly GatedRule[])[] = WORD_FAMILIES.map((family) =>
  RULES.filter((r) => r.family === family && !isMarkup(r.re)).map((r) => {
    const re = compile([r]);
    return { re, gate: literalGate(re) };
  }),
);
const MARKUP_RULES = compile(RULES.filter((r) => isMarkup(r.re)), false);

// Words are hashed as the scan reads them. A table of 2^16 slots says whether a hash may be a cue (a typed array is
// several times faster to read than a Map, and almost every word stops there); the Map then gives the families.

/** Two words in a row: "don+t", "system+prompt". */
function hashPair(first: number, second: number): number {
  return (Math.imul(first, 0x5bd1e995) ^ second) | 0;
}

const MAYBE_CUE = maybeTable();
const CUE_BITS = new Map<number, number>();
const addCues = (cues: string, bits: number) => {
  for (const cue of cues.split(/\s+/)) {
    if (!cue) continue;
    const [first, second] = cue.split("+");
    const h = second ? hashPair(hashWord(first!), hashWord(second)) : hashWord(first!);
    markMaybe(MAYBE_CUE, h);
    CUE_BITS.set(h, (CUE_BITS.get(h) ?? 0) | bits);
  }
};

function cueBits(h: number): number {
  return isMaybe(MAYBE_CUE, h) ? (CUE_BITS.get(h) ?? 0) : 0;
}
for (const family of WORD_FAMILIES) addCues(CUES[family], BIT[family]);
for (const [family, cues] of Object.entries(WINDOW_CUES) as [keyof typeof WINDOW_CUES, string][]) addCues(cues, WINDOW[family]);
addCues(ENCODING_CUES, ENCODED);

/** A word this long is an identifier, a URL piece, an account number or an encoded payload. */
const LONG_WORD = 16;

// ASCII read through two tables, one lookup a character: a word character's lower case (0 for any other), and the
// flag a mark raises.
const WORD_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) WORD_CHAR[c] = c;
  else if (c >= 65 && c <= 90) WORD_CHAR[c] = c + 32;
}
const MARK_FLAG = new Uint16Array(128);
for (const c of "<[!") MARK_FLAG[c.charCodeAt(0)] = MARKUP;
for (const c of "%\\&") MARK_FLAG[c.charCodeAt(0)] = ENCODED;
MARK_FLAG["~".charCodeAt(0)] = BIT.exfiltration; // ~/…
MARK_FLAG["@".charCodeAt(0)] = BIT.shadowing; // an address to redirect to
MARK_FLAG["`".charCodeAt(0)] = TYPOGRAPHIC;

/** What a word ending here adds: its cues, alone and after the word before it, and the long-word flags. */
function wordCues(h: number, previous: number, len: number): number {
  const mask = cueBits(h) | cueBits(hashPair(previous, h));
  return len >= LONG_WORD ? mask | ENCODED | LONG_RUN | BIT.shadowing : mask;
}

const { maybeWord: MAYBE_WORD, wordBits: WORD_BITS, maybeStem: MAYBE_STEM, stemBits: STEM_BITS, home: HOME, all: ALL_CLASSES, enough } = SENTENCE_CUES;

/** Set in the walk's result when lower-casing would move positions ("İ" is two characters lower-cased). */
const SHIFTED = 1 << 30;

/**
 * A character's lower case as a cue word's letter, or 0 for a separator: [a-z0-9], and the letters of Latin-1, Latin
 * Extended-A (Polish, Turkish, Czech …) and Cyrillic, each lower-cased as String.toLowerCase does it.
 */
const EXTENDED_FROM = 0xc0;
const EXTENDED_TO = 0x4ff;
const EXTENDED_LOWER = new Uint16Array(EXTENDED_TO - EXTENDED_FROM + 1);
for (let c = EXTENDED_FROM; c <= EXTENDED_TO; c++) {
  const ch = String.fromCharCode(c);
  if (c > 0x17f && c < 0x400) continue;
  if (/\p{L}/u.test(ch)) EXTENDED_LOWER[c - EXTENDED_FROM] = ch.toLowerCase().charCodeAt(0);
}
function cueLetter(c: number): number {
  if (c < 128) return WORD_CHAR[c]!;
  if (c <= EXTENDED_TO) return c < EXTENDED_FROM ? 0 : EXTENDED_LOWER[c - EXTENDED_FROM]!;
  // The few letters outside those that lower-case into them.
  return c === 0x212a ? 0x6b : c === 0x212b ? 0xe5 : 0;
}

/**
 * One pass over the text for both readers. It returns the families whose cue words occur and flags for markup,
 * encodings, invisible and look-alike characters and padding (0: nothing here can be an injection for the family
 * rules), and it adds to `sentences` those whose words hold every cue class of some family (injection-cues.ts),
 * at positions of the lower-cased text. The family cues read words as [a-z0-9] runs and pairs of them, the cue
 * classes as runs that also take the letters of other Latin scripts and Cyrillic ("über", "użytkownik", "пользователь"),
 * so two words are hashed side by side.
 */
export function walkText(text: string, sentences?: Candidate[]): number {
  let mask = 0;
  let h = 0;
  let previous = 0;
  let len = 0;
  let newlines = 0;
  let spaces = 0;
  // The cue classes: the word being read, its length, the sentence's classes and where the sentence began.
  let hc = 0;
  let lenc = 0;
  let classes = 0;
  let at = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const w = c < 128 ? WORD_CHAR[c]! : 0;
    // Letters and digits: most characters end here.
    if (w !== 0) {
      h = (Math.imul(h, 31) + w) | 0;
      len++;
      hc = (Math.imul(hc, 31) + w) | 0;
      if (++lenc >= 3 && isMaybe(MAYBE_STEM, hc)) classes |= STEM_BITS.get(hc) ?? 0;
      continue;
    }
    if (len > 0) {
      mask |= wordCues(h, previous, len);
      previous = h;
      h = 0;
      len = 0;
    }
    const lc = c < 128 ? 0 : cueLetter(c);
    if (lc !== 0) {
      newlines = 0;
      spaces = 0;
      // A Cyrillic letter is a word's letter, and may also stand in for a Latin one ("Ignоrе" with Cyrillic о, е);
      // "İ" lower-cases to two characters, which moves every position after it.
      mask |= FOREIGN;
      if (c >= 0x400) mask |= LOOKALIKE;
      else if (c === 0x130) mask |= SHIFTED;
      hc = (Math.imul(hc, 31) + lc) | 0;
      if (++lenc >= 3 && isMaybe(MAYBE_STEM, hc)) classes |= STEM_BITS.get(hc) ?? 0;
      continue;
    }
    if (lenc > 0) {
      if (isMaybe(MAYBE_WORD, hc)) classes |= WORD_BITS.get(hc) ?? 0;
      hc = 0;
      lenc = 0;
    }
    if (c === 10 || c === 124 || ((c === 46 || c === 33 || c === 63 || c === 59) && isSpaceAt(text, i + 1)) || c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b) {
      if (classes !== 0 && enough(classes)) sentences?.push({ at, end: i + 1, mask: classes });
      classes = 0;
      at = i + 1;
    } else if (c === 126) classes |= HOME; // ~/
    else if ((c >= 0x2e80 && c < 0xa000) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x0370 && c <= 0x03ff) || (c >= 0x0590 && c <= 0x06ff) || (c >= 0x0900 && c <= 0x097f) || (c >= 0x0e00 && c <= 0x0e7f) || (c >= 0x1ea0 && c <= 0x1eff)) classes = ALL_CLASSES;
    if (c < 128) {
      if (c === 32 || c === 9 || c === 13) {
        if (++spaces >= 80) mask |= PADDING;
        continue;
      }
      if (c === 10) {
        if (++newlines >= 8) mask |= PADDING;
        continue;
      }
      newlines = 0;
      spaces = 0;
      mask |= MARK_FLAG[c]!;
      continue;
    }
    newlines = 0;
    spaces = 0;
    if ((c >= 0x0370 && c < 0x2000) || (c >= 0x2e80 && c < 0xa000) || (c >= 0xac00 && c <= 0xd7a3)) mask |= FOREIGN;
    if ((c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2069) || c === 0xfeff || c === 0xdb40 || c === 0x180e || c === 0x061c || c === 0x3164 || c === 0x115f || c === 0x1160 || c === 0xffa0) mask |= HIDDEN;
    else if ((c >= 0x0370 && c <= 0x052f) || (c >= 0xff01 && c <= 0xff5e) || c === 0xd835) mask |= LOOKALIKE;
    else if (c === 0x2018 || c === 0x2019 || c === 0x02bc || c === 0xb4) mask |= TYPOGRAPHIC;
  }
  if (len > 0) mask |= wordCues(h, previous, len);
  if (lenc > 0 && isMaybe(MAYBE_WORD, hc)) classes |= WORD_BITS.get(hc) ?? 0;
  if (classes !== 0 && enough(classes)) sentences?.push({ at, end: n + 1, mask: classes });
  return mask;
}

/** A space, a tab, a line break, or the text's end: what makes ".", "!", "?" and ";" a stop. */
function isSpaceAt(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** The family cues and flags of a text alone (revealed or decoded text, read again by the family rules). */
export function cueScan(text: string): number {
  return walkText(text) & ~SHIFTED;
}

// ---- reading the words ------------------------------------------------------------------------------------------

const SENTENCE = /(?<=[.!?;])\s+|\n+/;

// A directive under a negation says what not to do ("do not pass the private key in tool parameters" protects the
// key; "must not proceed without the user's approval" asks for it). The negation reaches a few words forward within
// its clause, and "don't forget to …" is no negation.
const CLAUSE = new RegExp(CLAUSE_BREAK, "g");
const NEGATED = new RegExp(
  `(?:\\b(?:${NEGATORS})\\b|n't|(?<![${CUE_LETTER}])(?:${NEGATORS_ELSEWHERE})(?![${CUE_LETTER}]))(?! (?:${NEGATION_UNDONE})\\b)(?:\\s+\\S+){0,5}\\s*$`,
);

/** Whether the words at `at` are in the scope of a negation before them. */
export function negated(lower: string, at: number): boolean {
  const clauses = lower.slice(Math.max(0, at - 80), at).split(CLAUSE);
  return NEGATED.test(clauses[clauses.length - 1]!);
}

/** Whether a match states rather than orders, read in its sentence (a family's own test; none by default). */
type Stated = (sentence: string, words: string) => boolean;

/**
 * The first match of a global rule that no negation turns around and that `stated` does not excuse, skipping one at
 * `label` (a text's own opening label).
 */
function firstAffirmed(re: RegExp, lower: string, stated?: Stated, label = -1): RegExpExecArray | undefined {
  re.lastIndex = 0;
  for (let m = re.exec(lower); m; m = re.exec(lower)) {
    if (m.index !== label && !negated(lower, m.index) && !stated?.(sentenceAround(lower, m.index), m[0])) return m;
    re.lastIndex = m.index + 1;
  }
  return undefined;
}

/**
 * firstAffirmed over a family's rules, as their one alternation would find it: the leftmost match, at one position the
 * earliest rule's. Each rule runs alone from where the search stands, and a rule whose gate `lower` keeps closed cannot
 * match and never runs; a match turned down sends the search on from its next character, as the alternation does.
 */
function firstAffirmedRule(rules: readonly GatedRule[], lower: string, stated?: Stated): RegExpExecArray | undefined {
  const open = rules.filter((r) => r.gate.allows(lower));
  if (open.length === 0) return undefined;
  // Each open rule's next match from the search's position (null: none left).
  const next = open.map((r) => {
    r.re.lastIndex = 0;
    return r.re.exec(lower);
  });
  for (;;) {
    let first = -1;
    for (let i = 0; i < next.length; i++) if (next[i] && (first < 0 || next[i]!.index < next[first]!.index)) first = i;
    if (first < 0) return undefined;
    const m = next[first]!;
    if (!negated(lower, m.index) && !stated?.(sentenceAround(lower, m.index), m[0])) return m;
    // Matches at or before the one turned down are searched again from the character after it.
    for (let i = 0; i < next.length; i++) {
      if (next[i] && next[i]!.index <= m.index) {
        open[i]!.re.lastIndex = m.index + 1;
        next[i] = open[i]!.re.exec(lower);
      }
    }
  }
}

/** The sentence `at` is in: from after the stop before it to the stop after it (a stop is ".!?;" before a space, or a line break). */
function sentenceAround(lower: string, at: number): string {
  let start = at;
  while (start > 0 && !isStop(lower, start - 1)) start--;
  let end = at;
  while (end < lower.length && !isStop(lower, end)) end++;
  return lower.slice(start, end + 1);
}
function isStop(lower: string, i: number): boolean {
  const c = lower.charCodeAt(i);
  if (c === 10) return true;
  const next = lower.charCodeAt(i + 1);
  return (c === 46 || c === 33 || c === 63 || c === 59) && (next === 32 || next === 10 || next === 9);
}

/** What each word family's rules must not be: concealment words that state a secret kept, an option or an effect. */
const STATED: Partial<Record<WordFamily, Stated>> = { concealment: concealmentStated };

const PLACES = new RegExp(EXFIL_PLACES);
const HOLDINGS = new RegExp(`\\b(?:${EXFIL_HOLDINGS})\\b`);
const MOVE = new RegExp(`\\b(?:${EXFIL_MOVE})\\b`, "g");
const FETCH = new RegExp(`\\b(?:${EXFIL_FETCH})\\b`, "g");
const SINK = new RegExp(`\\b(?:${EXFIL_SINK_WORDS})\\b|${EXFIL_SINK_LITERAL}`);
const source = (s: string) => PLACES.test(s) || HOLDINGS.test(s);
/** Whether a whole text may hold a source at all, before either pattern runs over it. */
const SOURCES = literalGate(PLACES, HOLDINGS);

/** A sentence that takes a secret and sends it somewhere: a secret file fetched or moved, or a holding moved. */
function leaks(sentence: string): boolean {
  if (!SINK.test(sentence)) return false;
  if (PLACES.test(sentence) && (firstAffirmed(MOVE, sentence) || firstAffirmed(FETCH, sentence))) return true;
  return HOLDINGS.test(sentence) && firstAffirmed(MOVE, sentence) !== undefined;
}
const SIDE = new RegExp(SIDE_CHANNEL);
/**
 * A title-case tag opening the text before its first sentence is the tool's category ("[System] Get site information",
 * as "[Files] Write a theme file"), no chat-template marker ("[SYSTEM]", "[INST]", "[system]").
 */
const TITLE_LABEL = /^\s*\[[A-Z][a-z]+\]\s+[A-Z]/;
const HTML_COMMENT = /<!--([\s\S]{0,2000}?)-->/g;
const PADDED = /(?:\n[ \t\r]*){8,}\S|[ \t]{80,}\S/;

/** The text lower-cased with typographic apostrophes as plain ones, the same length as the text. */
function lowerText(text: string, typographic = true): string {
  const lower = text.toLowerCase();
  return typographic ? lower.replace(/[\u2018\u2019\u02bc`´]/g, "'") : lower;
}

function exfiltration(text: string, lower: string): string | undefined {
  if (lower.includes("://")) {
    const side = SIDE.exec(lower);
    if (side) return quoteSpan(text, lower, side.index, side.index + side[0].length);
  }
  if (!SOURCES.allows(lower) || !source(lower)) return undefined;
  let offset = 0;
  for (const sentence of lower.split(SENTENCE)) {
    const at = lower.indexOf(sentence, offset);
    offset = at + sentence.length;
    if (leaks(sentence)) return quoteSpan(text, lower, at, at + sentence.length);
  }
  return undefined;
}

function wordFamilies(text: string, lower: string, mask: number): InjectionFinding | undefined {
  for (let f = 0; f < WORD_FAMILIES.length; f++) {
    const family = WORD_FAMILIES[f]!;
    if (!(mask & BIT[family])) continue;
    if (family === "exfiltration") {
      const quote = exfiltration(text, lower);
      if (quote) return { family, quote };
      // … and the few rules that need no source word list: a named secret's value put where it leaves.
      const m = firstAffirmedRule(FAMILY_RULES[f]!, lower);
      if (m) return { family, quote: quoteSpan(text, lower, m.index, m.index + m[0].length) };
      continue;
    }
    const m = firstAffirmedRule(FAMILY_RULES[f]!, lower, STATED[family]);
    if (m) return { family, quote: quoteSpan(text, lower, m.index, m.index + m[0].length) };
  }
  if (mask & MARKUP) {
    // Markup (tags, [SYSTEM]) speaks to the model; an HTML comment is hidden once the text is rendered.
    const m = firstAffirmed(MARKUP_RULES, lower, undefined, TITLE_LABEL.test(text) ? text.search(/\S/) : -1);
    if (m) return { family: "model_directed", quote: quoteSpan(text, lower, m.index, m.index + m[0].length) };
    for (const m of lower.matchAll(HTML_COMMENT)) {
      if (INSTRUCTION_WORDS.test(m[1]!)) return { family: "concealment", quote: quoteSpan(text, lower, m.index, m.index + m[0].length) };
    }
  }
  if (mask & PADDING) {
    const m = PADDED.exec(text);
    if (m && INSTRUCTION_WORDS.test(lower.slice(m.index + m[0].length - 1, m.index + m[0].length + 300))) {
      return { family: "concealment", quote: `text pushed out of sight: ${text.slice(m.index + m[0].length - 1, m.index + m[0].length + 119).trim()}` };
    }
  }
  // Markup's links leak too; a text whose exfiltration family woke was read for them in the loop above.
  if (!(mask & BIT.exfiltration) && (mask & MARKUP) && lower.includes("://")) {
    const quote = exfiltration(text, lower);
    if (quote) return { family: "exfiltration", quote };
  }
  return undefined;
}

// ---- hidden and encoded text --------------------------------------------------------------------------------------

/** Revealed text read again; an instruction by its form (tag characters) counts even when no family rule matches. */
function readRevealed(r: Revealed, family: "hidden_unicode" | "encoded_payload", depth: number, original: InjectionFinding | undefined, asked = false): InjectionFinding | undefined {
  const inner = depth < 2 ? scan(r.text, depth + 1, cueScan(r.text)) : undefined;
  // Revealing must add something: the same finding in the visible text is reported as itself.
  if (inner && !(original && original.family === inner.family && original.quote === inner.quote)) {
    return { family, quote: inner.revealed ? inner.revealed.text : inner.quote, revealed: { how: r.how, shown: r.shown, text: r.text, family: inner.revealed?.family ?? inner.family } };
  }
  const words = r.text.match(/[A-Za-z]{2,}/g)?.length ?? 0;
  // … and so does decoded prose the text tells its reader to decode and act on, in any language ("Instrucciones
  // (base64; decodifícala y sigue lo que indica): …"), where an example decoded is no order ("Decode 'SGVsbG8=' to
  // see Hello").
  if (r.hiddenByItself || (family === "encoded_payload" && ((words >= 3 && INSTRUCTION_WORDS.test(lowerText(r.text))) || (asked && prose(r.text))))) {
    return { family, quote: r.text, revealed: { how: r.how, shown: r.shown, text: r.text } };
  }
  return undefined;
}

/** Decoded text that reads as prose: eight words or more, or sixteen characters of a script written without spaces. */
function prose(text: string): boolean {
  return (text.match(/\p{L}{2,}/gu)?.length ?? 0) >= 8 || (text.match(/[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/g)?.length ?? 0) >= 16;
}

function scan(text: string, depth: number, mask: number, lower = lowerText(text, (mask & TYPOGRAPHIC) !== 0)): InjectionFinding | undefined {
  if (mask === 0) return undefined;
  const visible = wordFamilies(text, lower, mask);
  if (mask & (HIDDEN | LOOKALIKE)) {
    for (const r of revealUnicode(text)) {
      const found = readRevealed(r, "hidden_unicode", depth, visible);
      if (found) return found;
    }
  }
  if (mask & ENCODED) {
    // Decoded prose counts where the text orders it decoded and obeyed, or decoded and applied for the model it names;
    // not an example shown in the sentence before it ("Example template: …").
    const ordered = DECODE_THEN_OBEY.test(lower) || (MODEL_NAMED.test(lower) && DECODE_THEN_APPLY.test(lower));
    for (const r of decodePayloads(text, (mask & LONG_RUN) !== 0)) {
      const at = r.at ?? 0;
      const window = lowerText(text.slice(Math.max(0, at - 60), at));
      const lead = window.slice(Math.max(window.lastIndexOf(". "), window.lastIndexOf("\n")) + 1);
      const asked = ordered && !EXAMPLE_LABEL.test(lead);
      const found = readRevealed(r, "encoded_payload", depth, visible, asked);
      if (found) return found;
    }
  }
  return visible;
}

/**
 * The first injection found in one piece of a tool's text (its description, or one argument's description): the
 * rules first, then the learned reader (injection-model.ts) where they find nothing.
 */
export function findInjection(text: string): InjectionFinding | undefined {
  return findByRules(text) ?? findByModel(text);
}

/** The family rules, then the cue reader on the sentences the same walk kept. */
export function findByRules(text: string): InjectionFinding | undefined {
  const sentences: Candidate[] = [];
  const mask = walkText(text, sentences);
  const rules = mask & ~(SHIFTED | FOREIGN | WINDOW_ALL);
  // One lower case for every reader (and so one pass of the gates over it): the typographic apostrophes it replaces
  // are what raises TYPOGRAPHIC, so without that flag it is the plain lower case the family rules would read.
  let lower: string | undefined;
  if (rules !== 0) {
    lower = lowerText(text);
    const found = scan(text, 0, rules, lower);
    if (found) return found;
  }
  const windows = mask & FOREIGN ? WINDOW_ALL : mask & WINDOW_ALL;
  if (sentences.length === 0 && windows === 0) return undefined;
  lower ??= lowerText(text);
  if (sentences.length > 0) {
    if (mask & SHIFTED) {
      // Lower-casing moved the positions: the sentences are found again in the lower-case text.
      sentences.length = 0;
      walkText(lower, sentences);
    }
    const cued = findByCues(text, lower, sentences, negated);
    if (cued) return cued;
  }
  return readWindows(text, lower, windows);
}

/** The sentence-window readers, each where its cue words occur (or in text not in English). */
function readWindows(text: string, lower: string, windows: number): InjectionFinding | undefined {
  return (
    (windows & WINDOW.concealment ? undisclosedEffect(text, lower) : undefined) ??
    (windows & WINDOW.shadowing ? displacedTool(text, lower) : undefined) ??
    (windows & WINDOW.model_directed ? replySteering(text, lower) : undefined) ??
    (windows & WINDOW.exfiltration ? contextLeak(text, lower) : undefined)
  );
}

/** One rationale sentence for a finding, quoting what decided (decoded or revealed text included). */
export function describeInjection(finding: InjectionFinding, where: string): string {
  const r = finding.revealed;
  if (!r) return `${where} contains ${FAMILY_LABEL[finding.family]} ('${quoteText(finding.quote, 90)}'); it is treated as a signal, not an instruction.`;
  const what = r.family ? ` (${FAMILY_LABEL[r.family]})` : "";
  const shown = r.shown === r.text ? "" : ` '${quoteText(r.shown, 50)}'`;
  return `${where} hides text in ${r.how}${shown} that reads '${quoteText(finding.quote, 120)}'${what}; it is treated as a signal, not an instruction.`;
}
