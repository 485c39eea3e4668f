// What Postgres cannot store: NUL characters and lone UTF-16 surrogates (text and jsonb both refuse them).
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Returns `value` with every unstorable character in every string (keys included) replaced by
 * U+FFFD, and whether anything was replaced, so the caller can record it. Everything else, HTML,
 * ANSI escapes and right-to-left overrides included, is stored as the source sent it.
 */
export function storable<T>(value: T): { value: T; replaced: boolean } {
  let replaced = false;
  const clean = (s: string): string => {
    UNSTORABLE.lastIndex = 0;
    if (!UNSTORABLE.test(s)) return s;
    replaced = true;
    return s.replace(UNSTORABLE, "\ufffd");
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return clean(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[clean(k)] = walk(x);
      return out;
    }
    return v;
  };
  const result = walk(value) as T;
  return { value: result, replaced };
}
