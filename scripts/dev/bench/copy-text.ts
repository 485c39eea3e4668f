// COPY's text format, written from a query's raw values: what `COPY … TO STDOUT` prints, byte for byte,
// without postgres.js's COPY-out stream (whose readable can stall before its end: porsager/postgres#917).

/** The letter a byte is escaped as after a backslash (the server's CopyAttributeOutText), or 0 if it is kept. */
const ESCAPE = new Uint8Array(256);
for (const [byte, letter] of [[0x08, "b"], [0x09, "t"], [0x0a, "n"], [0x0b, "v"], [0x0c, "f"], [0x0d, "r"], [0x5c, "\\"]] as const) ESCAPE[byte] = letter.charCodeAt(0);

const BACKSLASH = 0x5c;
const TAB = 0x09;
const NEWLINE = 0x0a;
const N = 0x4e;

/**
 * One row as COPY's text format has it: each value as the server printed it (a raw text-format value,
 * so the type's own output), tab-separated and newline-terminated, NULL as `\N`, backslashes and the
 * control characters COPY escapes written as `\\`, `\b`, `\t`, `\n`, `\v`, `\f`, `\r`.
 */
export function copyTextRow(values: readonly (Uint8Array | null)[]): Buffer {
  let size = values.length; // the tabs between values and the closing newline
  for (const v of values) {
    if (v === null) {
      size += 2;
      continue;
    }
    size += v.length;
    for (let i = 0; i < v.length; i++) if (ESCAPE[v[i]!]) size++;
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (let k = 0; k < values.length; k++) {
    if (k) out[at++] = TAB;
    const v = values[k]!;
    if (v === null) {
      out[at++] = BACKSLASH;
      out[at++] = N;
      continue;
    }
    for (let i = 0; i < v.length; i++) {
      const byte = v[i]!;
      const letter = ESCAPE[byte]!;
      if (letter) {
        out[at++] = BACKSLASH;
        out[at++] = letter;
      } else out[at++] = byte;
    }
  }
  out[at++] = NEWLINE;
  return out;
}
