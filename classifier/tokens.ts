// Splits tool names into lower-case words across snake_case, camelCase, kebab-case, dotted and namespaced styles.

/** Namespace separators: dots, slashes, colons and runs of two or more underscores (aws___iam__create_user). */
const NAMESPACE_SEPARATOR = /__+|[./:]+/;
/** Words inside one segment: acronym runs (HTTP in getHTTPResponse), capitalised or lower words, digits stay with their word. */
const WORD = /\p{Lu}+(?!\p{Ll})\d*|\p{Lu}?\p{Ll}+\d*|\d+/gu;

export interface NameTokens {
  /** Every word of the name in order, lower case. */
  tokens: string[];
  /** Index in `tokens` where the last namespace segment starts: "github.create_issue" → 1. */
  lastSegmentStart: number;
  /** The first word is the server's own, opening most of its names: no verb is read inside it (name-verb.ts). */
  serverWord?: boolean;
}

/** "aws___iam__create_user" → tokens [aws, iam, create, user], last segment from index 2. */
export function tokenizeName(name: string): NameTokens {
  return asciiNameTokens(name) ?? unicodeNameTokens(name);
}

const isUpper = (c: number) => c >= 65 && c <= 90;
/** Whether a character code is an ASCII lower-case letter. */
export const isLower = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * tokenizeName of an ASCII name in one pass over its characters, as the regexes read it (\p{Lu} is A–Z, \p{Ll}
 * a–z): the regexes cost several times more, and names are read for every tool. Undefined for any other name.
 */
function asciiNameTokens(name: string): NameTokens | undefined {
  const tokens: string[] = [];
  let lastSegmentStart = 0;
  // A namespace separator since the last word: the next word starts a segment.
  let separated = false;
  let underscores = 0;
  const n = name.length;
  let i = 0;
  while (i < n) {
    const c = name.charCodeAt(i);
    if (c >= 128) return undefined;
    let end = i;
    if (isUpper(c)) {
      // An acronym run stops before the capital that starts a word (HTTPResponse → HTTP, Response); digits stay.
      let j = i + 1;
      while (j < n && isUpper(name.charCodeAt(j))) j++;
      if (j < n && isLower(name.charCodeAt(j))) {
        if (j - i >= 2) end = j - 1;
        else {
          end = j + 1;
          while (end < n && isLower(name.charCodeAt(end))) end++;
          while (end < n && isDigit(name.charCodeAt(end))) end++;
        }
      } else {
        end = j;
        while (end < n && isDigit(name.charCodeAt(end))) end++;
      }
    } else if (isLower(c)) {
      end = i + 1;
      while (end < n && isLower(name.charCodeAt(end))) end++;
      while (end < n && isDigit(name.charCodeAt(end))) end++;
    } else if (isDigit(c)) {
      end = i + 1;
      while (end < n && isDigit(name.charCodeAt(end))) end++;
    } else {
      underscores = c === 95 ? underscores + 1 : 0;
      if (underscores >= 2 || c === 46 || c === 47 || c === 58) separated = true;
      i++;
      continue;
    }
    underscores = 0;
    if (separated) {
      lastSegmentStart = tokens.length;
      separated = false;
    }
    tokens.push(name.slice(i, end).toLowerCase());
    i = end;
  }
  return { tokens, lastSegmentStart };
}

function unicodeNameTokens(name: string): NameTokens {
  const tokens: string[] = [];
  let lastSegmentStart = 0;
  for (const segment of name.split(NAMESPACE_SEPARATOR)) {
    const words = segment.match(WORD);
    if (!words) continue;
    lastSegmentStart = tokens.length;
    for (const w of words) tokens.push(w.toLowerCase());
  }
  return { tokens, lastSegmentStart };
}

/** Just the words: "getHTTPResponse" → [get, http, response]. */
export function splitName(name: string): string[] {
  return tokenizeName(name).tokens;
}

// ASCII words only: the lexicon is English, and a non-Unicode regex is several times faster on long text.
const TEXT_WORD = /[a-z0-9]+/g;

/** Lower-case words of free text ("Can't be undone." → [can, t, be, undone]); phrases match on these. */
export function textWords(text: string): string[] {
  return text.toLowerCase().match(TEXT_WORD) ?? [];
}

/**
 * Where the first `max` of textWords(text) are in `text`, read only as far as needed: each word's start and end, in
 * `spans` (emptied first). False, with `spans` not to be used, for text whose lower-casing maps a character outside
 * ASCII into a word (İ → i̇, the Kelvin sign → k): its words are those of its lower case.
 */
export function leadingWordSpans(text: string, max: number, spans: number[]): boolean {
  spans.length = 0;
  const n = text.length;
  let start = -1;
  for (let i = 0; i < n && spans.length < 2 * max; i++) {
    const c = text.charCodeAt(i);
    if (isLower(c) || isDigit(c) || isUpper(c)) {
      if (start < 0) start = i;
      continue;
    }
    if (c === 0x130 || c === 0x212a) return false;
    if (start >= 0) {
      spans.push(start, i);
      start = -1;
    }
  }
  if (start >= 0 && spans.length < 2 * max) spans.push(start, n);
  return true;
}

const wordSpans: number[] = [];

/** The first `max` of textWords(text), read only as far as needed. */
export function leadingWords(text: string, max: number): string[] {
  if (!leadingWordSpans(text, max, wordSpans)) return textWords(text).slice(0, max);
  const words: string[] = [];
  for (let k = 0; k < wordSpans.length; k += 2) words.push(text.slice(wordSpans[k], wordSpans[k + 1]).toLowerCase());
  return words;
}

/** A character of textWords' words, by its code: a–z → 0–25, 0–9 → 26–35; anything else → -1. */
export function wordCharIndex(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 22;
  return -1;
}

/** textWords of lower-case text, split only as far as they are read: for callers that need the first few. */
export class WordReader {
  private readonly words: string[] = [];
  private pos = 0;

  constructor(private readonly lower: string) {}

  /** The i-th word, or undefined past the last. */
  at(i: number): string | undefined {
    const { lower, words } = this;
    while (words.length <= i && this.pos < lower.length) {
      let start = this.pos;
      while (start < lower.length && wordCharIndex(lower.charCodeAt(start)) < 0) start++;
      let end = start;
      while (end < lower.length && wordCharIndex(lower.charCodeAt(end)) >= 0) end++;
      this.pos = end;
      if (end > start) words.push(lower.slice(start, end));
    }
    return words[i];
  }
}
