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

/** One character of a first word; `phrases` (in lexicon order) start with the word that ends here. */
interface TrieNode {
  next: (TrieNode | undefined)[];
  phrases: Phrase[] | undefined;
}

const newNode = (): TrieNode => ({ next: new Array<TrieNode | undefined>(36).fill(undefined), phrases: undefined });
const ROOT = newNode();
for (const [signal, list] of Object.entries(PHRASES) as [PhraseSignal, string[]][]) {
  for (const text of list) {
    const [first, ...rest] = text.split(" ");
    // A word with other characters could never be one of textWords' words, so neither can the phrase.
    if (!first || [...text.replace(/ /g, "")].some((c) => wordCharIndex(c.charCodeAt(0)) < 0)) continue;
    let node = ROOT;
    for (let i = 0; i < first.length; i++) {
      const k = wordCharIndex(first.charCodeAt(i));
      node = node.next[k] ??= newNode();
    }
    (node.phrases ??= []).push({ rest, text, signal });
  }
}

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
    if (wordCharIndex(lower.charCodeAt(i)) < 0) {
      i++;
      continue;
    }
    let node: TrieNode | undefined = ROOT;
    let k: number;
    while (i < n && (k = wordCharIndex(lower.charCodeAt(i))) >= 0) {
      node = node?.next[k];
      i++;
    }
    if (node?.phrases) for (const p of node.phrases) if (found(p, i)) return;
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

/** Adds each signal's first phrase in `lower` (lower-case text) to `into`; signals already there keep theirs. */
export function scanPhrases(lower: string, into: PhraseHits): void {
  scan(lower, (p, end) => {
    if (into[p.signal] === undefined && wordsFollow(lower, end, p.rest)) into[p.signal] = p.text;
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
