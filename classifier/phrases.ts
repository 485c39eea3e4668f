// Finds the lexicon's phrases in free text, word by word as textWords splits it, without building word strings.
// A trie over the phrases' first words is walked character by character; only where a first word ends there
// are the following words compared in place. Every description is scanned, so this is one of the hot loops.
import { PHRASES, type PhraseSignal } from "./lexicon.js";
import { wordCharIndex } from "./tokens.js";

interface Phrase {
  /** The words after the first, which the trie already matched. */
  rest: string[];
  text: string;
  signal: PhraseSignal;
}

// The trie as one table: state s goes on character k (wordCharIndex) to NEXT[s * 36 + k], 0 meaning nowhere (the root,
// state 0, is never returned to); PHRASES_AT[s] are the phrases (in lexicon order) whose first word ends in state s.
// A typed array walked by index costs a fraction of a graph of node objects, and every character of every
// description takes a step.
const WIDTH = 36;
const transitions: number[] = new Array<number>(WIDTH).fill(0);
const phrasesAt: (Phrase[] | undefined)[] = [undefined];
for (const [signal, list] of Object.entries(PHRASES) as [PhraseSignal, string[]][]) {
  for (const text of list) {
    const [first, ...rest] = text.split(" ");
    // A word with other characters could never be one of textWords' words, so neither can the phrase.
    if (!first || [...text.replace(/ /g, "")].some((c) => wordCharIndex(c.charCodeAt(0)) < 0)) continue;
    let state = 0;
    for (let i = 0; i < first.length; i++) {
      const at = state * WIDTH + wordCharIndex(first.charCodeAt(i));
      if (transitions[at] === 0) {
        transitions[at] = phrasesAt.length;
        phrasesAt.push(undefined);
        for (let k = 0; k < WIDTH; k++) transitions.push(0);
      }
      state = transitions[at]!;
    }
    (phrasesAt[state] ??= []).push({ rest, text, signal });
  }
}
// 16 bits a transition (the trie has under a thousand states): half the table the scan reads at every letter.
if (phrasesAt.length > 0xffff) throw new Error(`phrases: ${phrasesAt.length} trie states do not fit 16 bits`);
const NEXT = Uint16Array.from(transitions);
const PHRASES_AT: readonly (Phrase[] | undefined)[] = phrasesAt;

/** wordCharIndex as a table over ASCII (a–z → 0–25, 0–9 → 26–35, anything else -1): one read per character. */
const CHAR_INDEX = new Int8Array(128).fill(-1);
for (let c = 0; c < 128; c++) CHAR_INDEX[c] = wordCharIndex(c);
const charIndex = (code: number) => (code < 128 ? CHAR_INDEX[code]! : -1);

/** Whether `words` follow position `at` of `lower` as whole words, each after at least one separator. */
function wordsFollow(lower: string, at: number, words: readonly string[]): boolean {
  let i = at;
  for (const word of words) {
    while (i < lower.length && wordCharIndex(lower.charCodeAt(i)) < 0) i++;
    if (!lower.startsWith(word, i)) return false;
    i += word.length;
    if (i < lower.length && wordCharIndex(lower.charCodeAt(i)) >= 0) return false;
  }
  return true;
}

/**
 * Calls `found` for each phrase that starts at a word of `lower` (lower-case text), in text order and, at one
 * word, in lexicon order; `found` returns true to stop the scan.
 */
function scan(lower: string, found: (p: Phrase, end: number) => boolean): void {
  const n = lower.length;
  let i = 0;
  while (i < n) {
    if (charIndex(lower.charCodeAt(i)) < 0) {
      i++;
      continue;
    }
    // -1: off the trie; the rest of the word is read to its end.
    let state = 0;
    let k: number;
    while (i < n && (k = charIndex(lower.charCodeAt(i))) >= 0) {
      if (state >= 0) state = NEXT[state * WIDTH + k]! || -1;
      i++;
    }
    const phrases = state > 0 ? PHRASES_AT[state] : undefined;
    if (phrases) for (const p of phrases) if (found(p, i)) return;
  }
}

/** The first phrase found per signal, if any. */
export type PhraseHits = Record<PhraseSignal, string | undefined>;

/** No phrases yet; every signal present, so every PhraseHits object has one shape. */
export function noPhrases(): PhraseHits {
  return {
    irreversible: undefined,
    read_only_claim: undefined,
    execute_phrase: undefined,
    money: undefined,
    external_send: undefined,
    identity: undefined,
    bulk_scope: undefined,
    overwrite: undefined,
    destructive_effect: undefined,
    read_query: undefined,
    mutation: undefined,
  };
}

/** The word "overwrite" naming a setting ("overwrite policy", "overwrite mode") rather than an act. */
const OVERWRITE_SETTING_AFTER = /^[\s-]+(?:policy|policies|mode|modes|protection|setting|settings|option|options|flag|flags|behaviou?r)\b/;
/** … and Discord's permission overwrites, a channel's per-role permissions. */
const PERMISSION_BEFORE = /\bpermission\s+$/;

/** … unless the tool works in it: "Write text to a file in overwrite mode", "Uses overwrite mode by default". */
const WORKS_IN_BEFORE = /\b(?:in|using|uses|use|with|under)\s+$/;
const SETTING_ON_AFTER = /^[\s-]+\S+\s+(?:on|enabled|by default)\b/;
/** State discarded on the way, said as a participle of the act: after a comma, "effectively", "to" or "and". */
const DISCARDED_STATE = /^(?:clearing|discarding|wiping|erasing) /;
const PARTICIPLE_BEFORE = /(?:,|\beffectively|\bto|\band)\s*$/;

/**
 * Whether an overwrite phrase ending at `end` says no overwrite: a one-word one naming a setting the tool does not work
 * in, or a channel's permission overwrites; state "cleared" or "discarded" that is not the act's own participle ("whether
 * it is clearing all required checks", "a factory reset, i.e. wiping all user data").
 */
function saysNoOverwrite(lower: string, p: Phrase, end: number): boolean {
  if (p.signal !== "overwrite") return false;
  const start = end - p.text.split(" ")[0]!.length;
  const before = lower.slice(Math.max(0, start - 16), start);
  if (DISCARDED_STATE.test(p.text)) return !PARTICIPLE_BEFORE.test(before);
  if (p.rest.length > 0) return false;
  const after = lower.slice(end, end + 30);
  if (PERMISSION_BEFORE.test(before)) return true;
  return OVERWRITE_SETTING_AFTER.test(after) && !WORKS_IN_BEFORE.test(before) && !SETTING_ON_AFTER.test(after);
}

/** Adds each signal's first phrase in `lower` (lower-case text) to `into`; signals already there keep theirs. */
export function scanPhrases(lower: string, into: PhraseHits): void {
  scan(lower, (p, end) => {
    if (into[p.signal] === undefined && wordsFollow(lower, end, p.rest) && !saysNoOverwrite(lower, p, end)) into[p.signal] = p.text;
    return false;
  });
}

/** The first phrase of one signal in `lower` (lower-case text). */
export function findPhrase(lower: string, signal: PhraseSignal): string | undefined {
  let hit: string | undefined;
  scan(lower, (p, end) => {
    if (p.signal === signal && wordsFollow(lower, end, p.rest)) hit = p.text;
    return hit !== undefined;
  });
  return hit;
}
