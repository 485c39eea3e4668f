// Dates sources send: which the database can store, and which may move an incremental watermark.
import { z } from "zod";

/**
 * RFC 3339 as sources write it (also with a space for `T`, or a date alone): the subset of what a
 * Postgres `timestamptz` reads that Date.parse reads the same way. Anything else ("yesterday",
 * "epoch", a locale format) is refused even where Postgres would guess.
 */
const RFC3339 = /^(\d{4,6})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Postgres timestamps run from 4713 BC to 294276 AD; one year short of the end keeps a zone offset from crossing it. */
const MAX_YEAR = 294_275;

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Whether the database will store `text` as a timestamp (pure: tested on plain strings, and against
 * both drivers). Year 0000, February 30th, month 13 and years past Postgres' range are refused here,
 * where the item can be skipped, instead of failing the whole page's transaction.
 */
export function isStorableTimestamp(text: string): boolean {
  const m = RFC3339.exec(text.trim());
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return false;
  const zone = m[7] && /^[+-](\d{2}):?(\d{2})?$/.exec(m[7]);
  // Postgres refuses offsets beyond ±15:59.
  if (zone && (Number(zone[1]) > 15 || Number(zone[2] ?? 0) > 59)) return false;
  return true;
}

export const NOT_A_TIMESTAMP = "not a date Postgres accepts";

/** A date field of a source's item: one the database would refuse fails the item (skipped, counted), not the page's write. */
export const timestampSchema = z.string().refine((s) => !s.trim() || isStorableTimestamp(s), NOT_A_TIMESTAMP);

/** A source's clock may run this far ahead of ours; a later date is not taken as a watermark. */
export const DEFAULT_CLOCK_SKEW_MS = 60 * 60_000;

/** Dates a page's records carry that a watermark cannot take: later than the clock allows. */
export interface FutureDates {
  /** Dates past the limit, left out of the watermark. */
  ignored: number;
  /** The latest of them, as the source wrote it. */
  latest?: string;
  /** now + the allowed clock skew, when the dates were judged. */
  limit: string;
  /** A stored watermark past the limit, set aside: the crawl ran in full. */
  storedWatermark?: string;
}

/**
 * The highest date of `dates` no later than `limitMs` (a source's clock may run a little ahead of
 * ours; a record dated year 9999 must not become the `updated_since` of every later run), and how
 * many were left out for being later. Unparseable dates count neither way.
 */
export function watermarkOf(dates: readonly (string | undefined)[], limitMs: number): { max?: string; ignored: number; latestIgnored?: string } {
  let max: string | undefined;
  let maxMs = -Infinity;
  let ignored = 0;
  let latestIgnored: string | undefined;
  let latestIgnoredMs = -Infinity;
  for (const date of dates) {
    if (!date) continue;
    // Years past Date's range (275760) are far future too.
    const ms = Date.parse(date);
    const beyond = Number.isNaN(ms) ? /^\+?\d{5,6}-/.test(date.trim()) : ms > limitMs;
    if (beyond) {
      ignored += 1;
      const rank = Number.isNaN(ms) ? Infinity : ms;
      if (latestIgnored === undefined || rank > latestIgnoredMs) [latestIgnored, latestIgnoredMs] = [date, rank];
      continue;
    }
    if (!Number.isNaN(ms) && ms > maxMs) [max, maxMs] = [date, ms];
  }
  return { ...(max !== undefined ? { max } : {}), ignored, ...(latestIgnored !== undefined ? { latestIgnored } : {}) };
}
