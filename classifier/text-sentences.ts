// The two small pieces the sentence-window readers of injection share (undisclosed-effect.ts, displaced-tool.ts): a
// word list as a pattern matched at letter edges, and a lower-case text cut into sentences with their positions.
import { CUE_LETTER } from "./injection-lexicon.js";

/** Words at letter edges; scripts written without spaces (Chinese, Japanese, Korean, Thai) as plain strings. */
export function wordPattern(list: string, unspaced = ""): RegExp {
  return new RegExp(`(?<![${CUE_LETTER}])(?:${list})(?![${CUE_LETTER}])${unspaced ? `|${unspaced}` : ""}`);
}

/** Sentences end after a stop and a space, after a stop of the scripts without spaces, or at a line break. */
const SENTENCE_END = /(?<=[.!?;])\s+|(?<=[。！？；])|\n+/;

export interface TextSentence {
  s: string;
  at: number;
}

export function splitSentences(lower: string): TextSentence[] {
  let offset = 0;
  return lower.split(SENTENCE_END).map((s) => {
    const at = lower.indexOf(s, offset);
    offset = at + s.length;
    return { s, at };
  });
}
