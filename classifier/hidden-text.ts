// Text a person does not see but a model reads: invisible Unicode (tag characters, zero-width runs, bidi controls,
// look-alike letters) revealed, and encoded payloads (base64, hex, percent, entities, escapes, rot13) decoded.
// injection.ts reads what these return as it reads any other text.

/** Text recovered from a description, with how it was hidden and what the person sees instead. */
export interface Revealed {
  how: string;
  /** What the model reads. */
  text: string;
  /** What it looks like to the person (the encoded form, or the visible text around invisible characters). */
  shown: string;
  /** Revealed text that is an instruction by its very form (tag characters carry nothing else). */
  hiddenByItself: boolean;
  /** Where the encoded run starts in the text, for a decoded payload. */
  at?: number;
}

// ---- invisible Unicode ------------------------------------------------------------------------------------------

/** Fewer variation selectors in a row are an emoji's own (a text or emoji presentation, a skin tone sequence). */
const MIN_SELECTOR_BYTES = 8;
const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff, 0x180e, 0x115f, 0x1160, 0x3164, 0xffa0]);
const BIDI = new Set([0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]);
const BIDI_OVERRIDE = new Set([0x202d, 0x202e]);
/** Scripts written right to left, where embedding marks are ordinary. */
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

function isEmojiOrJoinable(code: number): boolean {
  // Surrogate halves (most emoji), dingbats and symbols, variation selectors: a ZWJ between them builds an emoji.
  return (code >= 0xd800 && code <= 0xdfff) || (code >= 0x2600 && code <= 0x27bf) || code === 0xfe0f || code === 0x20e3;
}

function isNonLatinLetter(code: number): boolean {
  // Arabic, Persian, Indic and other scripts use ZWJ / ZWNJ to shape letters.
  return code >= 0x0590 && code < 0x2000;
}

/** A visible name for an invisible character, so a rationale can show where it was. */
function codeName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Whether a zero-width character at i is doing ordinary work (joining an emoji, shaping a script, a leading BOM). */
function ordinaryZeroWidth(text: string, i: number, code: number): boolean {
  if (code === 0xfeff && i === 0) return true;
  if (code !== 0x200d && code !== 0x200c) return false;
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i + 1);
  return isEmojiOrJoinable(before) || isEmojiOrJoinable(after) || isNonLatinLetter(before) || isNonLatinLetter(after);
}

function printable(s: string): boolean {
  if (s.length === 0) return false;
  // Letters of any script count, so that a payload in Russian or Japanese decodes as text as one in English does.
  return (s.match(CONTROL_CHARS)?.length ?? 0) <= s.length * 0.05 && (s.match(ANY_LETTER)?.length ?? 0) >= s.length * 0.5;
}
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/g;
const ANY_LETTER = /\p{L}/gu;

/** Zero-width characters used as bits (two symbols, eight to a character): the text they spell, if any. */
function zeroWidthBits(run: string): string | undefined {
  const symbols = [...new Set(run)];
  if (symbols.length !== 2 || run.length < 16 || run.length % 8 !== 0) return undefined;
  for (const one of symbols) {
    let out = "";
    for (let i = 0; i < run.length; i += 8) {
      let byte = 0;
      for (let k = 0; k < 8; k++) byte = (byte << 1) | (run[i + k] === one ? 1 : 0);
      out += String.fromCharCode(byte);
    }
    // One byte to one character: only ASCII text is a message ("ÿþ" is a run of padding).
    if (printable(out) && !/[^\x00-\x7f]/.test(out)) return out;
  }
  return undefined;
}

const HOMOGLYPHS: Record<string, string> = {
  а: "a", е: "e", о: "o", р: "p", с: "c", х: "x", у: "y", і: "i", ј: "j", ѕ: "s", ԁ: "d", һ: "h", ӏ: "l", ԛ: "q", ԝ: "w", к: "k", м: "m", т: "t", в: "b", н: "h",
  А: "A", Е: "E", О: "O", Р: "P", С: "C", Х: "X", У: "Y", І: "I", Ј: "J", Ѕ: "S", К: "K", М: "M", Т: "T", В: "B", Н: "H",
  ο: "o", α: "a", ε: "e", ι: "i", κ: "k", ν: "v", ρ: "p", τ: "t", υ: "u", χ: "x", Α: "A", Β: "B", Ε: "E", Ι: "I", Κ: "K", Μ: "M", Ν: "N", Ο: "O", Ρ: "P", Τ: "T", Χ: "X", Υ: "Y", Ζ: "Z",
};
const LOOKALIKE = /[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f]/;
const LATIN_WITH_LOOKALIKE = /[a-z][\u0370-\u052f]|[\u0370-\u052f][a-z]/i;
// Fullwidth and mathematical letters (𝐢𝐠𝐧𝐨𝐫𝐞) fold to ASCII under NFKC.
const COMPATIBILITY_FORMS = /[\uff01-\uff5e]|\ud835[\udc00-\udfff]/;

/** Everything a description hides in its characters, each revealed. */
export function revealUnicode(text: string): Revealed[] {
  const out: Revealed[] = [];
  let tags = "";
  let tagStart = -1;
  let zeroWidthRun = "";
  let strayZeroWidth = 0;
  let firstStray = -1;
  const hasRtl = RTL_LETTER.test(text);
  let bidiAt = -1;
  let bidiCode = 0;
  const flushTags = (end: number) => {
    if (!tags) return;
    // A flag emoji (🏴 + tag letters + cancel tag) is the one ordinary use of tag characters.
    const flag = text.codePointAt(tagStart - 2) === 0x1f3f4 && text.codePointAt(end - 2) === 0xe007f;
    const spelled = tags.replace(/[^\x20-\x7e]/g, "");
    if (!flag && spelled.trim()) out.push({ how: "invisible Unicode tag characters", text: spelled, shown: visibleAround(text, tagStart, end), hiddenByItself: true });
    tags = "";
    tagStart = -1;
  };
  // Variation selectors carry one byte each after a visible character (VS1–16 the values 0–15, VS17–256 16–255): an
  // emoji followed by a run of them reads as the emoji alone, and the run spells UTF-8 text.
  let selectorBytes: number[] = [];
  let selectorStart = -1;
  const flushSelectors = () => {
    if (selectorBytes.length >= MIN_SELECTOR_BYTES) {
      const spelled = bytesAsText(Buffer.from(selectorBytes));
      if (spelled?.trim()) out.push({ how: "variation selectors used as bytes", text: spelled, shown: `${selectorBytes.length} variation selectors after '${text.slice(Math.max(0, selectorStart - 2), selectorStart)}'`, hiddenByItself: true });
    }
    selectorBytes = [];
    selectorStart = -1;
  };
  const flushZeroWidth = () => {
    if (zeroWidthRun.length >= 16) {
      const bits = zeroWidthBits(zeroWidthRun);
      if (bits) out.push({ how: "zero-width characters used as bits", text: bits, shown: `${zeroWidthRun.length} zero-width characters`, hiddenByItself: true });
    }
    zeroWidthRun = "";
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xdb40 && text.charCodeAt(i + 1) >= 0xdd00 && text.charCodeAt(i + 1) <= 0xddef) {
      if (selectorStart < 0) selectorStart = i;
      selectorBytes.push(text.charCodeAt(i + 1) - 0xdd00 + 16);
      i++;
      continue;
    }
    if (code >= 0xfe00 && code <= 0xfe0f) {
      if (selectorStart < 0) selectorStart = i;
      selectorBytes.push(code - 0xfe00);
    } else flushSelectors();
    if (code === 0xdb40) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdc7f) {
        if (tagStart < 0) tagStart = i;
        tags += String.fromCharCode(low - 0xdc00);
        i++;
        continue;
      }
    }
    flushTags(i);
    if (ZERO_WIDTH.has(code)) {
      if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0x2060) zeroWidthRun += text[i];
      if (!ordinaryZeroWidth(text, i, code)) {
        strayZeroWidth++;
        if (firstStray < 0) firstStray = i;
      }
      continue;
    }
    flushZeroWidth();
    if (BIDI.has(code) && bidiAt < 0 && (BIDI_OVERRIDE.has(code) || !hasRtl)) {
      bidiAt = i;
      bidiCode = code;
    }
  }
  flushTags(text.length);
  flushZeroWidth();
  flushSelectors();
  if (bidiAt >= 0) {
    // The model reads the characters in stored order; the person sees the span laid out in another direction.
    const end = text.slice(bidiAt + 1).search(/[\u202c\u2069]/);
    const span = stripInvisible(end >= 0 ? text.slice(bidiAt + 1, bidiAt + 1 + end) : text.slice(bidiAt + 1));
    const shown = BIDI_OVERRIDE.has(bidiCode) ? [...span].reverse().join("") : span;
    out.push({ how: `a direction-changing character (${codeName(bidiCode)})`, text: span, shown, hiddenByItself: true });
  }
  if (strayZeroWidth > 0) {
    // Stripped, words split by invisible characters come together again ("ig\u200bnore" → "ignore").
    out.push({
      how: `${strayZeroWidth} zero-width character${strayZeroWidth > 1 ? "s" : ""}`,
      text: stripInvisible(text),
      shown: visibleAround(text, firstStray, firstStray + 1),
      hiddenByItself: strayZeroWidth >= 2,
    });
  }
  if (LOOKALIKE.test(text) && LATIN_WITH_LOOKALIKE.test(text)) {
    let folded = "";
    for (const ch of text) folded += HOMOGLYPHS[ch] ?? ch;
    out.push({ how: "look-alike letters from another alphabet", text: folded, shown: text, hiddenByItself: false });
  }
  if (COMPATIBILITY_FORMS.test(text)) out.push({ how: "fullwidth or mathematical letters", text: text.normalize("NFKC"), shown: text, hiddenByItself: false });
  return out;
}

const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u180e\u115f\u1160\u3164\uffa0\u061c]|\udb40[\udc00-\udc7f]/g;

function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "");
}

/** The visible text around [start, end), invisible characters shown by code, for quoting. */
function visibleAround(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 30);
  const to = Math.min(text.length, end + 30);
  return text.slice(from, to).replace(INVISIBLE, (c) => `[${codeName(c.codePointAt(0)!)}]`).replace(/(\[U\+[0-9A-F]+\])\1+/g, "$1…");
}

// ---- encoded payloads -------------------------------------------------------------------------------------------

const BASE64 = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
const HEX = /(?:\\x[0-9a-fA-F]{2}){4,}|\b(?:0x)?[0-9a-fA-F]{16,}\b|\b(?:[0-9a-fA-F]{2}[ :,-]){8,}[0-9a-fA-F]{2}\b/g;
const PERCENT = /[^\s%]*(?:%[0-9a-fA-F]{2}[^\s%]*){3,}/g;
const ENTITIES = /(?:&#(?:x[0-9a-fA-F]+|\d+);\s?){3,}/g;
const ESCAPES = /(?:\\u[0-9a-fA-F]{4}|\\u\{[0-9a-fA-F]+\}){3,}/g;
const ROT13_NAMED = /rot-?13/i;

/** Bytes that are text: printable ASCII or UTF-8 that decodes cleanly, mostly letters. */
function bytesAsText(bytes: Buffer): string | undefined {
  let high = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) high = true;
    else if (b < 0x20 && b !== 9 && b !== 10 && b !== 13) return undefined;
  }
  const text = bytes.toString(high ? "utf8" : "latin1");
  return !text.includes("\ufffd") && printable(text) ? text : undefined;
}

function decodeBase64(s: string): string | undefined {
  const core = s.replace(/=+$/, "");
  // A run of one case is a word; letters alone, a camelCase identifier (base64 of text of this length almost always
  // holds a digit or a symbol); both alphabets' symbols at once, a path or a slug.
  if (!/[a-z]/.test(core) || !/[A-Z0-9+/]/.test(core) || core.length % 4 === 1) return undefined;
  if (core.length < 24 && /^[A-Za-z]+$/.test(core)) return undefined;
  if (/[+/]/.test(core) && /[-_]/.test(core)) return undefined;
  // Node's decoder reads both alphabets; atob is many times slower and throws on the URL-safe one.
  return bytesAsText(Buffer.from(core, "base64"));
}

function decodeHex(s: string): string | undefined {
  const digits = s.replace(/\\x|0x|[ :,-]/g, "");
  if (digits.length % 2 !== 0) return undefined;
  // As UTF-8 where the bytes are, so a payload in another script reads as its text.
  return bytesAsText(Buffer.from(digits, "hex"));
}

function decodePercent(s: string): string | undefined {
  try {
    const decoded = decodeURIComponent(s);
    return decoded !== s && printable(decoded) ? decoded : undefined;
  } catch {
    // A stray "%" that is not an escape.
    return undefined;
  }
}

function decodeEntities(s: string): string | undefined {
  const decoded = s.replace(/&#(x[0-9a-fA-F]+|\d+);\s?/g, (_, n: string) => String.fromCodePoint(n[0] === "x" ? parseInt(n.slice(1), 16) : Number(n)));
  return printable(decoded) ? decoded : undefined;
}

function decodeEscapes(s: string): string | undefined {
  const decoded = s.replace(/\\u\{([0-9a-fA-F]+)\}|\\u([0-9a-fA-F]{4})/g, (_, a: string | undefined, b: string | undefined) => String.fromCodePoint(parseInt(a ?? b!, 16)));
  return printable(decoded) ? decoded : undefined;
}

function rot13(s: string): string {
  return s.replace(/[a-z]/gi, (c) => {
    const base = c <= "Z" ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Every run of the text that decodes to readable text, decoded; `longRuns` says the text has a run base64 or hex needs. */
export function decodePayloads(text: string, longRuns: boolean): Revealed[] {
  const out: Revealed[] = [];
  const each = (re: RegExp, how: string, decode: (s: string) => string | undefined) => {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const decoded = decode(m[0].trim());
      if (decoded) out.push({ how, text: decoded, shown: m[0].trim(), hiddenByItself: false, at: m.index + (m[0].length - m[0].trimStart().length) });
    }
  };
  if (longRuns) {
    each(BASE64, "base64", decodeBase64);
    each(HEX, "hex", decodeHex);
  }
  if (text.includes("%")) each(PERCENT, "percent-encoding", decodePercent);
  if (text.includes("&#")) each(ENTITIES, "HTML character references", decodeEntities);
  if (text.includes("\\u")) each(ESCAPES, "\\u escapes", decodeEscapes);
  if (ROT13_NAMED.test(text)) out.push({ how: "rot13", text: rot13(text), shown: text, hiddenByItself: false, at: 0 });
  return out;
}
