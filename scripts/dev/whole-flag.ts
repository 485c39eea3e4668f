// A dev script's whole-number flag, read by the CLI's one rule (scripts/whole-number.ts). Number() took "" and " " for
// 0, "1e2" for 100, "0x10" for 16 and "abc" for NaN: a bench ran for no time and printed nothing, or compared nothing.
import { wholeNumber } from "../whole-number.js";

/** A flag given a value it does not take: the script prints the message and its usage, and exits 2. */
export class FlagError extends Error {}

/** `value` of `--flag` as a whole number within `range` (from 0 by default), else a FlagError naming the flag. */
export function wholeFlag(flag: string, value: string, range: { min?: number; max?: number } = {}): number {
  const n = wholeNumber(value, range);
  if (n !== undefined) return n;
  const min = range.min ?? 0;
  throw new FlagError(`--${flag} takes a whole number from ${min}${range.max === undefined ? "" : ` to ${range.max}`}; got ${JSON.stringify(value)}`);
}
