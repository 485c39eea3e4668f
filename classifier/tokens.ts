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
}

/** "aws___iam__create_user" → tokens [aws, iam, create, user], last segment from index 2. */
export function tokenizeName(name: string): NameTokens {
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
