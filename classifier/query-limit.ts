// Whether text limits a query or statement to reading ("read-only", "SELECT only"): the raw-language arguments'
// limit, and a query argument's own description read as a read query. Pure.
import { RAW_LIMIT_PHRASES, RAW_WRITE_WORDS } from "./lexicon.js";
import { quoteText } from "./quote.js";

/** The limiting sentence of `text`, quoted, unless a write keyword in the same sentence undoes it. */
export function readOnlyLimit(text: string): string | undefined {
  for (const sentence of text.toLowerCase().split(/(?<=[.!?;\n])\s+/)) {
    for (const phrase of RAW_LIMIT_PHRASES) {
      const m = phrase.exec(sentence);
      if (m && !RAW_WRITE_WORDS.test(sentence.replace(m[0], ""))) return quoteText(sentence.trim(), 100);
    }
  }
  return undefined;
}
