// Politeness across a fleet of workers: at most N listings at once against one host (session advisory
// locks, which die with the worker's connection, so a killed worker holds nothing), and hosts that
// answered 429 left alone by every worker until their back-off ends (the host_backoffs table).
import { sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { hostBackoffs } from "./schema.js";
import { queryRows } from "./sql.js";

// The first key of every host-slot advisory lock: "mcph", apart from the refresh lock ("mcpc").
const HOST_SLOT_CLASS = 0x6d63_7068;

export interface HostSlots {
  /** Takes one of the host's `perHost` slots without waiting; the returned function gives it back. */
  tryAcquire(host: string): Promise<(() => Promise<void>) | undefined>;
  close(): Promise<void>;
}

/**
 * Host slots, each held on a session of its own (a session lock lives on one session; postgres.js's
 * reserved connections hang on a fresh client, so each session is a one-connection client). Sessions
 * are kept for the next slot once their lock is given back: no connection set up per listing.
 */
export async function openHostSlots(databaseUrl: string, o: { perHost: number }): Promise<HostSlots> {
  const { default: postgres } = await import("postgres");
  type Session = ReturnType<typeof postgres>;
  const idle: Session[] = [];
  const all = new Set<Session>();
  const session = (): Session => {
    const reused = idle.pop();
    if (reused) return reused;
    const fresh = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 10, fetch_types: false });
    all.add(fresh);
    return fresh;
  };
  const discard = async (s: Session) => {
    all.delete(s);
    await s.end({ timeout: 2 }).catch(() => undefined);
  };
  return {
    async tryAcquire(host) {
      const s = session();
      try {
        for (let slot = 0; slot < o.perHost; slot++) {
          // hashtext spreads hosts over the 32-bit key; the slot number is mixed in, so N slots are N locks.
          const [row] = await s<{ locked: boolean }[]>`select pg_try_advisory_lock(${HOST_SLOT_CLASS}, hashtext(${host}) # ${slot}) as locked`;
          if (row?.locked) {
            return async () => {
              // A session that cannot say unlock is ended, which releases its locks just the same.
              const [unlocked] = await s<{ ok: boolean }[]>`select pg_advisory_unlock(${HOST_SLOT_CLASS}, hashtext(${host}) # ${slot}) as ok`.catch(() => [undefined]);
              if (unlocked?.ok) idle.push(s);
              else await discard(s);
            };
          }
        }
      } catch (e) {
        await discard(s);
        throw e;
      }
      idle.push(s);
      return undefined;
    },
    async close() {
      await Promise.all([...all].map(discard));
    },
  };
}

/** Until when a host is backed off (an ISO time in the future), or undefined. */
export async function hostBackedOffUntil(db: Db, host: string): Promise<string | undefined> {
  const [row] = await queryRows<{ until: string }>(db, sql`select to_json(until)#>>'{}' as until from host_backoffs where host = ${host} and until > now()`);
  return row?.until;
}

/** Backs a host off for every worker until `until` (a later back-off already recorded wins). */
export async function backOffHost(db: Db, host: string, until: Date, reason: string): Promise<void> {
  await db
    .insert(hostBackoffs)
    .values({ host, until: until.toISOString(), reason: reason.slice(0, 500) })
    .onConflictDoUpdate({ target: hostBackoffs.host, set: { until: sql`greatest(${hostBackoffs.until}, excluded.until)`, reason: sql`excluded.reason` } });
}
