// What the listing workers read: one server to list, and what the queue holds (pg-boss's job table,
// in the schema pg-boss owns, read for counts the library has no call for).
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "./client.js";
import type { IntrospectionCandidate } from "./introspection.js";
import { servers } from "./schema.js";
import { queryRows } from "./sql.js";

/** The schema pg-boss creates and migrates itself, at the first start of a command that uses the queue. */
export const QUEUE_SCHEMA = "mcp_catalog_queue";

/** The server a job names, as the listing needs it; undefined when it is gone or was deleted since. */
export async function listingCandidate(db: Db, serverId: number): Promise<IntrospectionCandidate | undefined> {
  const [row] = await db
    .select({ id: servers.id, key: servers.key, description: servers.description, contentHash: servers.contentHash, remotes: servers.remotes, packages: servers.packages, status: servers.status })
    .from(servers)
    .where(eq(servers.id, serverId));
  if (!row || (row.status !== "active" && row.status !== "deprecated")) return undefined;
  const { status: _status, ...candidate } = row;
  return candidate as IntrospectionCandidate;
}

export interface JobStateCount {
  queue: string;
  state: string;
  count: number;
  /** For created and retry jobs already due: seconds since the oldest became due. */
  oldestWaitingSeconds: number | null;
}

/**
 * What a worker leaves on a job it completes (pg-boss keeps the handler's result as the job's output): how the
 * listing went. A listing that failed for good without a retry (protocol, auth, limit…) completes its job, and
 * the outcome is what tells it from one that listed.
 */
export interface ListingJobOutput {
  outcome: "listed" | "failed" | "deferred" | "skipped";
}

/**
 * Jobs by queue and state (created, retry, active, completed, cancelled, failed), with the oldest due wait. A
 * completed job whose listing failed (its output's outcome) counts as failed, with the jobs out of retries. Finished
 * jobs are read from pg-boss's archive too, where its maintenance moves them 12 hours after they end and keeps them a
 * week: the job table alone lost them after 12 hours. A job the archive took unfinished (its retention passed while it
 * waited) is counted nowhere: it will not run.
 */
export async function listingJobStates(db: Db, schema: string, queues: readonly string[]): Promise<JobStateCount[]> {
  const failed: ListingJobOutput["outcome"] = "failed";
  const names = sql`(${sql.join(queues.map((q) => sql`${q}`), sql`, `)})`;
  const rows = await queryRows<{ queue: string; state: string; count: number; oldest: number | null }>(
    db,
    sql`select name as queue, case when state = 'completed' and output->>'outcome' = ${failed} then 'failed' else state::text end as state, count(*)::int as count,
        extract(epoch from now() - min(start_after) filter (where state in ('created', 'retry') and start_after <= now()))::float8 as oldest
      from (select name, state, output, start_after from ${sql.identifier(schema)}.job where name in ${names}
        union all select name, state, output, start_after from ${sql.identifier(schema)}.archive where name in ${names} and state in ('completed', 'cancelled', 'failed')) j
      group by 1, 2`,
  );
  return rows.map((r) => ({ queue: r.queue, state: r.state, count: Number(r.count), oldestWaitingSeconds: r.oldest === null ? null : Math.max(0, Math.round(Number(r.oldest))) }));
}

const count = z.number().int();

/** Where a run's listing jobs are: still pending (waiting, waiting for a retry, in a worker's hands), or how they ended. */
export const runListingJobsSchema = z.object({
  waiting: count,
  retrying: count,
  active: count,
  listed: count,
  failed: count.meta({ description: "listings that failed for good without a retry (their job completed, its outcome failed)" }),
  deadLettered: count.meta({ description: "out of retries (pg-boss failed the job and dead-lettered it)" }),
  skipped: count,
});
export type RunListingJobs = z.infer<typeof runListingJobsSchema>;

/**
 * The listing jobs of run `runId` (each job's data names its run) by where they are, from pg-boss's job table (its
 * partitions of `queues` only) and its archive, where completed jobs go after 12 hours and stay a week; undefined when
 * the queue's schema was never created, or this role cannot read it. A job put off (a busy or backed-off host) is
 * counted by the job that takes its place, one a stopping worker cancelled by the job already waiting for its server.
 */
export async function runListingJobs(db: Db, schema: string, queues: readonly string[], runId: number): Promise<RunListingJobs | undefined> {
  if ((await queueTables(db, schema, ["job", "archive"])) !== "readable") return undefined;
  // The names as values, not a subquery: Postgres then reads only those queues' partitions of the job table.
  const names = sql`(${sql.join(queues.map((q) => sql`${q}`), sql`, `)})`;
  const run = String(runId);
  const rows = await queryRows<{ state: string; count: number }>(
    db,
    sql`select case when state = 'completed' then 'listing ' || coalesce(output->>'outcome', 'listed') else state::text end as state, count(*)::int as count
      from (select state, output from ${sql.identifier(schema)}.job where name in ${names} and data->>'runId' = ${run}
        union all select state, output from ${sql.identifier(schema)}.archive where name in ${names} and data->>'runId' = ${run}) j
      group by 1`,
  );
  const count = (state: string) => Number(rows.find((r) => r.state === state)?.count ?? 0);
  return { waiting: count("created"), retrying: count("retry"), active: count("active"), listed: count("listing listed"), failed: count("listing failed"), deadLettered: count("failed"), skipped: count("listing skipped") };
}

/**
 * Whether pg-boss's `tables` of `schema` exist and this role can read them. Found in the system catalogs, not by name:
 * to_regclass raises for a role without USAGE on the schema (a read-only role granted the catalog's tables alone, a
 * crawler's role beside the workers' that created the queue), which would fail a whole report or a run's end over a
 * queue it can do without.
 */
export async function queueTables(db: Db, schema: string, tables: readonly string[]): Promise<"absent" | "unreadable" | "readable"> {
  const [row] = await queryRows<{ found: number; readable: number }>(
    db,
    sql`select count(*)::int as found, count(*) filter (where has_schema_privilege(n.oid, 'USAGE') and has_table_privilege(c.oid, 'SELECT'))::int as readable
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relname in (${sql.join(tables.map((t) => sql`${t}`), sql`, `)})`,
  );
  if (Number(row?.found ?? 0) < tables.length) return "absent";
  return Number(row!.readable) === tables.length ? "readable" : "unreadable";
}

/** How a queue retries and expires its jobs; pg-boss copies a queue's policy onto each job it inserts. */
export interface ListingJobPolicy {
  retryLimit: number;
  retryDelaySeconds: number;
  expireSeconds: number;
  /** How long after its start a job waiting, or waiting for a retry, is kept before pg-boss archives it. */
  retentionMinutes: number;
}

/**
 * Gives `policy` to the jobs of `queue` waiting or waiting for a retry whose policy differs. pg-boss reads the retry
 * limit, delay, expiry and keep_until from the job's own row, copied from its queue when it was inserted: without this
 * a queue's new policy would reach only the jobs enqueued after it changed (and a longer retry schedule would outlast
 * a waiting job's keep_until, which pg-boss archives without a dead letter). A keep_until is only moved later. Active
 * jobs keep theirs: pg-boss expires an active job by its own row's expiry, so a shorter one would take it from the
 * worker listing it now (a second listing, a retry spent). Returns the jobs changed.
 */
export async function applyPolicyToWaitingJobs(db: Db, schema: string, queue: string, policy: ListingJobPolicy): Promise<number> {
  const expireIn = sql`${policy.expireSeconds} * interval '1 second'`;
  const keepUntil = sql`start_after + ${policy.retentionMinutes} * interval '1 minute'`;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update ${sql.identifier(schema)}.job
      set retry_limit = ${policy.retryLimit}, retry_delay = ${policy.retryDelaySeconds}, expire_in = ${expireIn}, keep_until = greatest(keep_until, ${keepUntil})
      where name = ${queue} and state in ('created', 'retry')
        and ((retry_limit, retry_delay, expire_in) is distinct from (${policy.retryLimit}, ${policy.retryDelaySeconds}, ${expireIn}) or keep_until < ${keepUntil})
      returning id`,
  );
  return rows.length;
}

/**
 * Puts a job a stopping worker holds back on `queue` as it was, not as a retry: waiting, and never started, since pg-boss
 * counts a retry spent each time it takes a job that started before (pg-boss's own cancel and resume keep the start).
 * It waits under a new id: pg-boss completes the held id (state active, same id) when the worker's handler returns, a
 * moment later, and had another worker taken it back meanwhile, that completion would end the other's listing with it.
 * When a job for the same key already waits (a `short` queue holds one), that one stands for it and this one is
 * cancelled. Returns what became of it; "gone" when it is no longer active (pg-boss expired it meanwhile).
 */
export async function putBackActiveJob(db: Db, schema: string, queue: string, id: string): Promise<"waiting" | "cancelled" | "gone"> {
  const job = sql`${sql.identifier(schema)}.job`;
  // One statement: the held row goes only with its copy inserted (one waiting for the key since: the insert conflicts
  // with pg-boss's index of the short policy, the row goes and that one stands for it).
  const [waiting] = await queryRows<{ id: string }>(
    db,
    sql`with held as (
        delete from ${job} as j
        where j.name = ${queue} and j.id = ${id}::uuid and j.state = 'active'
          and not exists (select 1 from ${job} w where w.name = j.name and coalesce(w.singleton_key, '') = coalesce(j.singleton_key, '') and w.state = 'created' and w.policy = 'short')
        returning j.*
      )
      insert into ${job} (name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff, start_after, started_on,
        singleton_key, singleton_on, expire_in, created_on, keep_until, dead_letter, policy)
      select name, priority, data, 'created', retry_limit, retry_count, retry_delay, retry_backoff, start_after, null,
        singleton_key, singleton_on, expire_in, created_on, keep_until, dead_letter, policy
      from held
      on conflict do nothing
      returning id`,
  );
  if (waiting) return "waiting";
  const [cancelled] = await queryRows<{ id: string }>(db, sql`update ${job} set state = 'cancelled', completed_on = now() where name = ${queue} and id = ${id}::uuid and state = 'active' returning id`);
  return cancelled ? "cancelled" : "gone";
}

/**
 * The attempt a dead letter was copied from: the latest failed job of `queue` with the same data (pg-boss copies a
 * job's data, output and retry limit onto its dead letter, not its id), with its count against the limit, its expiry
 * and when it started; undefined once pg-boss's retention has taken it.
 */
export async function deadLetteredAttempt(db: Db, schema: string, queue: string, data: unknown): Promise<{ retryCount: number; retryLimit: number; expireSeconds: number; startedOn: string } | undefined> {
  const [row] = await queryRows<{ retry_count: number; retry_limit: number; expire_seconds: number; started_on: string }>(
    db,
    sql`select retry_count, retry_limit, extract(epoch from expire_in)::float8 as expire_seconds, to_json(started_on)#>>'{}' as started_on
      from ${sql.identifier(schema)}.job
      where name = ${queue} and state = 'failed' and data = ${JSON.stringify(data)}::jsonb and started_on is not null
      order by completed_on desc limit 1`,
  );
  return row && { retryCount: Number(row.retry_count), retryLimit: Number(row.retry_limit), expireSeconds: Math.round(Number(row.expire_seconds)), startedOn: row.started_on };
}

/** The most recent listing failures recorded on servers (by workers or in-process); a successful listing's notes are none. */
export async function lastListingFailures(db: Db, limit: number): Promise<{ key: string; at: string; error: string }[]> {
  return queryRows(
    db,
    sql`select key, to_json(introspected_at)#>>'{}' as at, introspection_error as error from servers
      where introspection_error is not null and introspected_at is not null
      order by introspected_at desc limit ${limit}`,
  );
}

/** The listing window of a queue: completed jobs, and seconds from the first one taken to the last one completed. */
export async function listingJobWindow(db: Db, schema: string, queue: string): Promise<{ completed: number; seconds: number }> {
  const [row] = await queryRows<{ completed: number; seconds: number | null }>(
    db,
    sql`select count(*)::int as completed, extract(epoch from max(completed_on) - min(started_on))::float8 as seconds
      from ${sql.identifier(schema)}.job where name = ${queue} and state = 'completed'`,
  );
  return { completed: Number(row?.completed ?? 0), seconds: Number(row?.seconds ?? 0) };
}
