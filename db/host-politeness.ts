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
 * reserved connections hang on a fresh client, so each held slot is a one-connection client).
 */
export async function openHostSlots(databaseUrl: string, o: { perHost: number }): Promise<HostSlots> {
  const { default: postgres } = await import("postgres");
  const open = new Set<ReturnType<typeof postgres>>();
  return {
    async tryAcquire(host) {
      const session = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 10, fetch_types: false });
      open.add(session);
      const end = async () => {
        open.delete(session);
        await session.end({ timeout: 2 }).catch(() => undefined);
      };
      try {
        for (let slot = 0; slot < o.perHost; slot++) {
          // hashtext spreads hosts over the 32-bit key; the slot number is mixed in, so N slots are N locks.
          const [row] = await session<{ locked: boolean }[]>`select pg_try_advisory_lock(${HOST_SLOT_CLASS}, hashtext(${host}) # ${slot}) as locked`;
          // Ending the session releases the lock (and a killed worker's sessions end with it).
          if (row?.locked) return end;
        }
      } catch (e) {
        await end();
        throw e;
      }
      await end();
      return undefined;
    },
    async close() {
      await Promise.all([...open].map((s) => s.end({ timeout: 2 }).catch(() => undefined)));
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
