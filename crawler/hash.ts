// Content hashes over a canonical JSON form, so key order never makes two equal records differ.
import { createHash } from "node:crypto";

/** JSON with object keys sorted (UTF-16 order) and undefined members left out, at every depth. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      out += (i ? "," : "") + canonicalJson(v === undefined ? null : v);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // Array.prototype.sort's default order compares UTF-16 code units, as `<` does.
  const keys = Object.keys(record).sort();
  let out = "{";
  let first = true;
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    out += `${first ? "" : ","}${JSON.stringify(k)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

export function contentHash(value: unknown): string {
  return textHash(canonicalJson(value));
}

/** The hash of a text as it is (no canonical form): for JSON a source sends byte for byte the same. */
export function textHash(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 32);
}
