// Timestamps in one ISO form: the drivers print them differently (PGlite to the millisecond, Postgres to the microsecond).
export function isoInstant(at: string): string;
export function isoInstant(at: string | null): string | null;
export function isoInstant(at: string | null): string | null {
  if (at === null) return null;
  const ms = Date.parse(at.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00"));
  return Number.isNaN(ms) ? at : new Date(ms).toISOString();
}
