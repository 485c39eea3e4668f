// A duration flag (90s, 30m, 12h, 1d) in milliseconds, from 1 s to a year.
import { CliError } from "./command.js";
import { safeText } from "./terminal.js";

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `--refresh-every` is a schedule: a year is the longest that is one (its timer is chained past 24.8 days: long-timer.ts). */
const MAX_DURATION_MS = 365 * UNIT_MS.d;

export function parseDuration(value: string, what: string): number {
  const m = /^(\d{1,6})([smhd])$/.exec(value.trim());
  const ms = m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : 0;
  if (!m || ms < 1_000 || ms > MAX_DURATION_MS) throw new CliError(`${what} takes a duration like 90s, 30m, 12h or 1d, from 1s to 365d; got '${safeText(value)}'`, 2);
  return ms;
}
