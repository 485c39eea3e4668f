// Safe, optionally coloured text for a terminal: untrusted strings never reach it raw.
import type { Output } from "./command.js";

// C0/C1 controls (ESC starts ANSI sequences, C1 CSI/OSC do on some terminals), DEL, line separators, lone surrogates, and every invisible format character (\p{Cf}: bidi
// marks, embeddings, overrides and isolates, zero-width spaces and joiners, BOM, soft hyphen, tag
// characters): a Trojan-Source name must look different from the name it imitates. The pages mark the same
// characters (server/pages/catalog-text.ts), their script too: one rule for every place a person reads catalog text.
export const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}\ud800-\udfff]/gu;

/** Replaces anything that could move the cursor, recolour, or reorder the line with a visible escape. */
export function safeText(value: unknown, { keepNewlines = false }: { keepNewlines?: boolean } = {}): string {
  const s = typeof value === "string" ? value : String(value ?? "");
  const cleaned = s.replace(UNSAFE_CHARACTERS, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  return keepNewlines ? cleaned : cleaned.replace(/\r?\n|\t/g, " ");
}

/** How a name writes a tab, a newline and the backslash that starts every escape. */
const NAME_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n" };

/**
 * A name from a server (a tool's, a server's) as text: as safeText, but a tab or a newline is written `\t`, `\n` rather
 * than a space, and a backslash `\\`, so two names that differ read apart ("a\tb" is not "a b", nor a name holding
 * a backslash and a "t"). JSON output keeps the name exact; this is for text.
 */
export function nameText(value: unknown): string {
  const s = typeof value === "string" ? value : String(value ?? "");
  return safeText(s.replace(/[\\\t\n]/g, (c) => NAME_ESCAPES[c]!), { keepNewlines: true });
}

/** Every code point outside printable ASCII as an escape: names that render alike ("café" precomposed and with a combining accent) read apart. */
export function codePointText(value: string): string {
  return value.replace(/[^\x20-\x7e]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** At most `max` UTF-16 units, ending in "…" when cut; never cuts a surrogate pair in half. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - 1);
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${s.slice(0, end)}…`;
}

const CODES = { red: 31, green: 32, yellow: 33, magenta: 35, cyan: 36, dim: 2, bold: 1 } as const;
export type Style = keyof typeof CODES;

/** Colour only on a terminal, only when NO_COLOR is unset and TERM is not `dumb`. */
export function colorizer(out: Output, env: NodeJS.ProcessEnv): (style: Style, text: string) => string {
  const on = !!out.isTTY && !env.NO_COLOR && env.TERM !== "dumb";
  return (style, text) => (on ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
}
