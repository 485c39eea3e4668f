// Tool text made safe to quote in a rationale: untrusted, so controls and invisible characters never pass.

// Controls, zero-width, bidi and tag characters, supplementary variation selectors and lone surrogates are never
// copied into a rationale: each run of them and of whitespace becomes one space. (With the u flag a surrogate range
// matches only a lone surrogate: an emoji or a rare CJK character, written as a pair, is kept.)
const UNSAFE_OR_SPACE_RUN = /(?:[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}\ud800-\udfff]|\s)+/gu;

// Anything quoteText would change: an unsafe character, a quote, whitespace other than one inner space.
const NEEDS_CLEANING = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}\ud800-\udfff']|[^\S ]|\s\s|^\s|\s$/u;

/**
 * NEEDS_CLEANING.test(text), read character by character while the text is ASCII (the regex's end-anchored
 * alternatives cost a try at every position); the first other character hands the text to the regex.
 */
function needsCleaning(text: string): boolean {
  const n = text.length;
  let space = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 127) return NEEDS_CLEANING.test(text);
    if (c < 32 || c === 39) return true;
    if (c === 32) {
      if (space || i === 0 || i === n - 1) return true;
      space = true;
    } else space = false;
  }
  return false;
}

/** Tool text made safe to quote: no control or invisible characters, one line, at most `max` characters. */
export function quoteText(text: string, max = 80): string {
  const head = text.length > max * 2 ? text.slice(0, max * 2) : text;
  // Most names and descriptions are already clean: one test instead of three replacing passes.
  const clean = needsCleaning(head) ? head.replace(UNSAFE_OR_SPACE_RUN, " ").trim().replace(/'/g, "’") : head;
  if (clean.length <= max) return clean;
  return `${whole(clean, max - 1).trimEnd()}…`;
}

/** `text`'s first `n` UTF-16 units, one fewer when the cut would split a surrogate pair (an emoji). */
function whole(text: string, n: number): string {
  const last = text.charCodeAt(n - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? n - 1 : n);
}
