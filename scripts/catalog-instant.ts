// Dates and times the catalog is asked about (`--since`, `since`, `updated_since`, the change feed's cursors): one rule
// for which it takes, so the CLI, the API and the MCP tools refuse the same ones, and none reaches Postgres to fail there.

/**
 * The years 0001 to 9999, UTC. Postgres holds more (4713 BC to 294276 AD), but not in the text an instant reaches it
 * as: it has no year 0000, and reads JavaScript's other years (toISOString's "-000001-…" and "+010000-…") as a zone
 * offset, and refuses them.
 */
const FIRST_MS = Date.parse("0001-01-01T00:00:00Z");
const LAST_MS = Date.parse("9999-12-31T23:59:59.999Z");

/** What a refusal says of an instant that is a real date and time but not one the catalog takes: the caller names the parameter. */
export const INSTANT_LIMITS = {
  // Postgres refuses an offset past ±15:59 (RFC 3339 writes up to ±23:59); no zone is ahead of +14:00 or behind -12:00.
  offset: "must have a zone offset within ±15:59",
  range: "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z (the years 0001 to 9999, UTC)",
} as const;

/** The forms an instant is read in, each with the same groups: year, month, day, hour, minute, second, fraction, zone. */
const FORMS = {
  /** As `--since` takes it: a date alone, or with minutes, seconds and a fraction; UTC unless it names an offset. */
  since: /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i,
  /** RFC 3339, as the official registry's `updated_since` is written. */
  rfc3339: /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i,
  /** As Postgres prints a timestamptz (DateStyle ISO), which the change feed's cursors carry: to the microsecond, in the session's zone. */
  postgres: /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-]\d{2}(?::\d{2}){0,2})$/,
} as const;

export type InstantForm = keyof typeof FORMS;

/** Why text is no instant the catalog takes: not one at all in its form (February 30th, 24:00, +25:00 included), an offset Postgres refuses, or outside the range. */
export type InstantProblem = "invalid" | keyof typeof INSTANT_LIMITS;

export function inInstantRange(ms: number): boolean {
  return ms >= FIRST_MS && ms <= LAST_MS;
}

/** `text` in `form` as milliseconds since the epoch (a fraction past them dropped), or why the catalog does not take it. */
export function readInstant(text: string, form: InstantForm): { ms: number } | { problem: InstantProblem } {
  const m = FORMS[form].exec(text);
  if (!m) return { problem: "invalid" };
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((p) => (p === undefined ? undefined : Number(p))) as number[];
  // setUTCFullYear, not Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day);
  // It rolls February 30th over into March: a date that does not come back unchanged does not exist.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return { problem: "invalid" };
  const zone = /^([+-])(\d{2}):?(\d{2})?(?::(\d{2}))?$/.exec(m[8] ?? "");
  const [zoneHours, zoneMinutes, zoneSeconds] = zone ? [Number(zone[2]), Number(zone[3] ?? 0), Number(zone[4] ?? 0)] : [0, 0, 0];
  if (zoneHours > 23 || zoneMinutes > 59 || zoneSeconds > 59) return { problem: "invalid" };
  if (zoneHours * 60 + zoneMinutes > 15 * 60 + 59) return { problem: "offset" };
  const offsetSeconds = (zone?.[1] === "-" ? -1 : 1) * (zoneHours * 3600 + zoneMinutes * 60 + zoneSeconds);
  const ms = date.getTime() + ((hour * 60 + minute) * 60 + second - offsetSeconds) * 1000 + Math.floor(Number(`0${m[7] ?? ""}`) * 1000);
  return inInstantRange(ms) ? { ms } : { problem: "range" };
}
