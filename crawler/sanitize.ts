// What Postgres cannot store: NUL characters and lone UTF-16 surrogates (text and jsonb both refuse them).
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// JSON.stringify writes NUL and lone surrogates (and only those of the unstorable) as \u escapes.
const UNSTORABLE_ESCAPE = /\\u0000|\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

/**
 * Whether JSON text (as JSON.stringify writes it) may hold an unstorable character: false means
 * certainly not, so the value can be stored without the walk `storable` does.
 */
export function mayBeUnstorable(json: string): boolean {
  return UNSTORABLE_ESCAPE.test(json);
}

/** What of `text` Postgres could not store, as an error names it; undefined when it can store all of it. */
function unstorableIn(text: string): "a NUL character" | "a lone surrogate" | undefined {
  if (text.includes("\u0000")) return "a NUL character";
  UNSTORABLE.lastIndex = 0;
  return UNSTORABLE.test(text) ? "a lone surrogate" : undefined;
}

/**
 * The first of named parameters (a string each, or a list of them) Postgres could not store, with what it holds:
 * a request or a command refuses it rather than replace it, which would answer for a name nobody asked.
 */
export function unstorableParam(params: Record<string, unknown>): { name: string; holds: string } | undefined {
  for (const [name, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      const holds = typeof v === "string" ? unstorableIn(v) : undefined;
      if (holds) return { name, holds };
    }
  }
  return undefined;
}

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
  // A copy of one value: a string cleaned, an array or object an empty shell filled from `stack`.
  const stack: { from: object; to: Record<string, unknown> | unknown[] }[] = [];
  const copy = (v: unknown): unknown => {
    if (typeof v === "string") return clean(v);
    if (!v || typeof v !== "object") return v;
    const to = Array.isArray(v) ? new Array<unknown>(v.length) : {};
    stack.push({ from: v, to });
    return to;
  };
  // Iterative: what a source sent may nest deeper than the stack goes.
  const result = copy(value) as T;
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { from, to } = top;
    if (Array.isArray(to)) (from as unknown[]).forEach((x, i) => (to[i] = copy(x)));
    else for (const [k, x] of Object.entries(from)) to[clean(k)] = copy(x);
  }
  return { value: result, replaced };
}
