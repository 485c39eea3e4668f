// The one rule for a whole number given as text: every CLI flag, environment variable and API query parameter that takes one.

/**
 * `text` as a whole number from `min` (default 0) to `max` (default the largest exact one), or undefined. Decimal
 * digits only: Number() reads "0x10" as 16, "1e2" as 100, "1.0" as 1 and " " as 0, and parseInt reads "12abc" as 12.
 */
export function wholeNumber(text: string, range: { min?: number; max?: number } = {}): number | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= (range.min ?? 0) && n <= (range.max ?? Number.MAX_SAFE_INTEGER) ? n : undefined;
}
