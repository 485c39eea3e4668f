// Catalog text as a page shows it: isolated from the page's own words, so a right-to-left name cannot reorder the
// label or badge after it, and its invisible characters marked (the CLI's rule, scripts/terminal.ts), so a name with a
// bidi override or a zero-width space cannot pass for another.
import { html } from "hono/html";
import { UNSAFE_CHARACTERS } from "../../scripts/terminal.js";
import type { Html } from "./layout.js";

/** What an invisible character shows as: ⟨U+202E⟩. The page script (assets.ts) writes the same. */
export function invisibleMark(c: string): string {
  return `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩`;
}

// HTML reads CRLF as one line break, as it reads LF: only a CR on its own is marked.
const oneLineBreak = (value: string) => value.replace(/\r\n/g, "\n");

/** For the body: in <bdi> (isolated, its direction its own), each invisible character a marked escape. */
export function catalogText(value: string): Html {
  const text = oneLineBreak(value);
  const parts: (string | Html)[] = [];
  let at = 0;
  for (const m of text.matchAll(UNSAFE_CHARACTERS)) {
    parts.push(text.slice(at, m.index), html`<span class="invisible">${invisibleMark(m[0])}</span>` as Html);
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  return html`<bdi>${parts}</bdi>` as Html;
}

/**
 * For plain text (the page's title, its meta description, an aria-label), where no element can isolate: the same
 * marks, between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE.
 */
export function catalogPlain(value: string): string {
  return `\u2068${oneLineBreak(value).replace(UNSAFE_CHARACTERS, invisibleMark)}\u2069`;
}
