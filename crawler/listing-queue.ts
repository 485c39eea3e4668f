// Live listing on a job queue: pg-boss in the catalog's Postgres, so any number of workers on any
// number of machines share the work. `refresh --queue` enqueues one job per due server (keyed by
// server and content hash); `worker` takes jobs, lists with the same code as the in-process stage,
// and writes the tool list, its history and its classifications in one transaction.
// pg-boss owns the queue: its schema, job rows, leases (expiry), retries with back-off and dead letters.
import PgBoss from "pg-boss";
import { z } from "zod";
import { plural } from "../classifier/plural.js";
import type { Db } from "../db/client.js";
import { backOffHost, hostBackedOffUntil, type HostSlots } from "../db/host-politeness.js";
import { applyPolicyToWaitingJobs, deadLetteredAttempt, listingCandidate, putBackActiveJob, QUEUE_SCHEMA, type ListingJobOutput } from "../db/listing-jobs.js";
import { dropSettledOverwrites } from "../db/tools.js";
import { recordIntrospection, serversDueForIntrospection } from "../db/introspection.js";
import { errorLine } from "../db/errors.js";
import { attemptNote, endedByQueue, expiredNote, LISTING_JOB_ERROR, LISTING_RETRY_ERROR, workerFailure, workerFailureLine, workerFailureNote, type EndedAttempt } from "./dead-letter.js";
import { EnumerateError } from "./mcp/errors.js";
import { redactUrls } from "./redact-url.js";
import { failureOutcome, listingHostOf, listingModeOf, listServer, storeListing, type IntrospectMode, type ListingOptions } from "./listing.js";
import type { SourceName } from "./records.js";

export const LISTING_QUEUES: Record<IntrospectMode, string> = { remote: "listing-remote", stdio: "listing-stdio" };
export const deadLetterQueue = (queue: string) => `${queue}-dead`;

export interface QueueSettings {
  /** Retries after the first attempt, for a server that crashes or hangs (then the job is dead-lettered). */
  retryLimit: number;
  /** The first retry's delay; each next one doubles (pg-boss's back-off). */
  retryDelaySeconds: number;
  /** How long a job may stay active before pg-boss takes it back (a worker killed mid-job), by mode. */
  expireSeconds: Record<IntrospectMode, number>;
  /** How often an idle worker asks for jobs. */
  pollSeconds: number;
  /** How often pg-boss's maintenance (expiry of abandoned jobs) runs. */
  maintenanceSeconds: number;
}

/** The job: which server, at which content hash, for which run's history. */
export const listingJobSchema = z.object({
  serverId: z.number().int(),
  contentHash: z.string(),
  runId: z.number().int(),
  /** Times this listing was put off because its host asked us to back off (429). */
  deferrals: z.number().int().default(0),
});
export type ListingJob = z.infer<typeof listingJobSchema>;

export const jobKey = (job: Pick<ListingJob, "serverId" | "contentHash">) => `${job.serverId}:${job.contentHash}`;

/** What pg-boss keeps a job waiting for when its queue names no retention: two weeks. */
const PG_BOSS_RETENTION_SECONDS = 14 * 24 * 3600;
/** pg-boss turns a queue's retention minutes into seconds in a 32-bit integer (68 years): any more fails every insert. */
const MAX_RETENTION_MINUTES = Math.floor((2 ** 31 - 1) / 60);

/**
 * The retention of a queue's jobs, in minutes. pg-boss sets a job's keep_until when it inserts it (its start plus the
 * retention) and archives a job still waiting, or waiting for a retry, once that passes: silently, with no dead letter,
 * its server's record left saying it will be retried. So a job is kept two weeks (pg-boss's own default, to wait for a
 * worker) plus the longest its attempts and retries can take: each attempt active up to its expiry, and the k-th retry
 * starting at most delay × 2^min(16, k) after the attempt before it failed (pg-boss's back-off, its jitter included).
 */
export function retentionMinutes(s: Pick<QueueSettings, "retryLimit" | "retryDelaySeconds">, expireSeconds: number): number {
  const doubled = Math.min(s.retryLimit, 16);
  const backOff = s.retryDelaySeconds * (2 ** (doubled + 1) - 2 + (s.retryLimit - doubled) * 2 ** 16);
  const seconds = PG_BOSS_RETENTION_SECONDS + (s.retryLimit + 1) * expireSeconds + backOff;
  return Math.min(MAX_RETENTION_MINUTES, Math.ceil(seconds / 60));
}

/** The queue's policy from `s`: pg-boss copies it onto each job it inserts, and retries, expires and keeps a job by its copy. */
function queuePolicy(mode: IntrospectMode, s: QueueSettings) {
  const name = LISTING_QUEUES[mode];
  const expireInSeconds = s.expireSeconds[mode];
  return { name, policy: "short" as const, retryLimit: s.retryLimit, retryDelay: s.retryDelaySeconds, retryBackoff: true, expireInSeconds, retentionMinutes: retentionMinutes(s, expireInSeconds), deadLetter: deadLetterQueue(name) };
}

/**
 * Starts pg-boss on the queue's schema and creates the listing queues that do not exist yet, with `s`'s policy.
 * An existing queue keeps its policy: the workers set it (`adoptQueuePolicy`), not whoever enqueues or looks.
 */
export async function openListingQueue(databaseUrl: string, s: QueueSettings, o: { supervise: boolean }): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: QUEUE_SCHEMA,
    application_name: "mcp-catalog",
    max: 4,
    supervise: o.supervise,
    schedule: false,
    maintenanceIntervalSeconds: s.maintenanceSeconds,
  });
  // pg-boss reports background errors as events; a lost connection surfaces in the next call we make.
  boss.on("error", () => undefined);
  await boss.start();
  for (const mode of Object.keys(LISTING_QUEUES) as IntrospectMode[]) {
    const policy = queuePolicy(mode, s);
    if (!(await boss.getQueue(policy.deadLetter))) await boss.createQueue(policy.deadLetter, { name: policy.deadLetter, policy: "standard" }).catch(ignoreExists);
    if (!(await boss.getQueue(policy.name))) await boss.createQueue(policy.name, policy).catch(ignoreExists);
  }
  return boss;
}

/**
 * A starting worker's retry limit, retry delay and expiry (and the retention they need) become its queues' policy, for the jobs to come and for
 * those waiting (or waiting for a retry), whoever enqueued them: the worker is the one that runs them. Jobs other
 * workers hold keep the policy they were taken with. Returns the waiting jobs changed.
 */
export async function adoptQueuePolicy(db: Db, boss: PgBoss, s: QueueSettings, modes: IntrospectMode[]): Promise<number> {
  let changed = 0;
  for (const mode of modes) {
    const policy = queuePolicy(mode, s);
    // The queue first: a job enqueued meanwhile copies the new policy, one enqueued before is changed below.
    await boss.updateQueue(policy.name, policy);
    changed += await applyPolicyToWaitingJobs(db, QUEUE_SCHEMA, policy.name, { retryLimit: s.retryLimit, retryDelaySeconds: s.retryDelaySeconds, expireSeconds: policy.expireInSeconds, retentionMinutes: policy.retentionMinutes });
  }
  return changed;
}

/** Two workers starting at once both create a queue: the second one's "already exists" is no failure. */
function ignoreExists(e: unknown): void {
  if ((e as { code?: unknown }).code !== "23505") throw e;
}

export interface EnqueueResult {
  /** New jobs, by mode. */
  enqueued: Record<IntrospectMode, number>;
  /** Due servers whose job (same server, same content hash) was already waiting. */
  alreadyQueued: number;
}

/**
 * One job per due server, on the queue of the mode it will be listed by; a job already waiting is not added again.
 * Interrupted (`signal`), it stops before the next server and resolves with the jobs enqueued so far: they stay on the
 * queue for the workers, so the run that stops here must still count them.
 */
export async function enqueueListings(
  db: Db,
  boss: PgBoss,
  runId: number,
  o: { modes: IntrospectMode[]; maxAgeHours: number; now?: Date; signal?: AbortSignal; /** Only the servers these sources list; absent: every server. */ sources?: readonly SourceName[] },
): Promise<EnqueueResult> {
  const result: EnqueueResult = { enqueued: { remote: 0, stdio: 0 }, alreadyQueued: 0 };
  const staleBefore = new Date((o.now ?? new Date()).getTime() - o.maxAgeHours * 3_600_000).toISOString();
  for (let after = 0; ; ) {
    if (o.signal?.aborted) return result;
    const batch = await serversDueForIntrospection(db, { afterId: after, limit: 500, staleBefore, modes: o.modes, ...(o.sources ? { sources: o.sources } : {}) });
    if (batch.length === 0) return result;
    after = batch[batch.length - 1]!.id;
    for (const server of batch) {
      if (o.signal?.aborted) return result;
      const mode = listingModeOf(server, o.modes);
      if (!mode) continue;
      const job: ListingJob = { serverId: server.id, contentHash: server.contentHash, runId, deferrals: 0 };
      const id = await boss.send(LISTING_QUEUES[mode], job, { singletonKey: jobKey(job) });
      if (id) result.enqueued[mode] += 1;
      else result.alreadyQueued += 1;
    }
  }
}

export interface WorkerOptions {
  modes: IntrospectMode[];
  /** Listings in hand at once, per mode. */
  concurrency: number;
  listing: Omit<ListingOptions, "modes" | "signal">;
  /** Per-host politeness across the fleet. */
  hostSlots: HostSlots;
  /** How long to wait in hand for a free host slot before putting the job off. */
  slotWaitMs: number;
  /** Put-offs allowed for a host that keeps answering 429 before the job fails like any other. */
  maxDeferrals: number;
  /** Back-off of a 429'd host without a Retry-After, and the most a Retry-After may ask. */
  rateLimitBackoffMs: { fallback: number; max: number };
  queue: QueueSettings;
  /** Return once no job this worker could take is queued, active or waiting for a retry. */
  once: boolean;
  /** Aborted on SIGTERM: jobs in hand get `graceMs` to finish, then are released to the queue. */
  signal?: AbortSignal;
  graceMs: number;
  now?: () => Date;
  onJob?: (event: WorkerEvent) => void;
}

/**
 * "error": an attempt failed in the worker outside the listing (pg-boss retries it, or dead-letters the last).
 * "expired": a stopping worker's job that pg-boss had already taken back (expired) before it could be released.
 */
export type WorkerEvent = { server: string; mode: IntrospectMode; outcome: ListingJobOutput["outcome"] | "retry" | "dead" | "released" | "expired" | "error"; detail?: string };

export interface WorkerSummary {
  listed: number;
  failed: number;
  /** Jobs whose server was gone (deleted since it was enqueued) or no longer reachable in the job's mode, before or after its listing. */
  skipped: number;
  retried: number;
  deadLettered: number;
  deferred: number;
  released: number;
  /** Attempts that failed in the worker outside the listing (the catalog's database): each retried, or dead-lettered when the last. */
  workerErrors: number;
}

// Failures worth another attempt (the server or the network may recover); the rest are recorded and done.
const RETRYABLE = new Set(["connect", "timeout", "error"]);

/** A listing that failed in a way worth retrying: pg-boss retries it with back-off, then dead-letters it. */
export class ListingRetryError extends Error {
  override name = LISTING_RETRY_ERROR;
}

/**
 * An attempt that failed outside the listing (the catalog's database, a host slot), as one line: pg-boss retries it,
 * and its own name tells its dead letter from one pg-boss ended (an expiry), whose output is an error's message too.
 * The line is what the worker logs, pg-boss keeps and the dead letter records on the server, so its URLs are redacted.
 */
export class ListingJobError extends Error {
  override name = LISTING_JOB_ERROR;
  constructor(cause: unknown) {
    super(redactUrls(errorLine(cause)), { cause });
  }
}

/**
 * Waits `ms`, or until `signal` aborts, and leaves no listener on `signal` either way: the worker's release signal
 * lives as long as the worker, and a job waiting for a busy host's slot pauses on it every 500 ms, so a listener left
 * by each pause piled up (Node's MaxListenersExceededWarning on stderr, then memory for as long as the worker ran).
 */
export const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => (clearTimeout(t), resolve());
    const t = setTimeout(() => (signal?.removeEventListener("abort", onAbort), resolve()), ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** Runs a worker until `signal` aborts (or, with `once`, until the queue holds nothing it could take). */
export async function runWorker(db: Db, boss: PgBoss, o: WorkerOptions): Promise<WorkerSummary> {
  const summary: WorkerSummary = { listed: 0, failed: 0, skipped: 0, retried: 0, deadLettered: 0, deferred: 0, released: 0, workerErrors: 0 };
  const now = o.now ?? (() => new Date());
  // Aborted `graceMs` after SIGTERM: what is still listing then stops, and its job goes back to the queue.
  const release = new AbortController();
  let inHand = 0;

  const defer = async (queue: string, job: ListingJob, at: Date) => {
    // The current job completes; the same key comes back at `at` (unless a job for it is already waiting).
    await boss.send(queue, job, { singletonKey: jobKey(job), startAfter: at });
    summary.deferred += 1;
  };

  const waitForSlot = async (host: string) => {
    const until = Date.now() + o.slotWaitMs;
    for (;;) {
      const slot = await o.hostSlots.tryAcquire(host);
      if (slot || Date.now() >= until || release.signal.aborted) return slot;
      await pause(500, release.signal);
    }
  };

  /**
   * Lists the job's server; what it returns completes the job as its output (nothing: the job was released or is
   * retried). `named.server` becomes the server's key once it is read, for the log line of a failure after that.
   */
  const handle = async (mode: IntrospectMode, job: PgBoss.JobWithMetadata<unknown>, named: { server: string }): Promise<ListingJobOutput | void> => {
    const queue = LISTING_QUEUES[mode];
    const data = listingJobSchema.parse(job.data);
    const server = await listingCandidate(db, data.serverId);
    if (server) named.server = server.key;
    const event = (outcome: WorkerEvent["outcome"], detail?: string) => o.onJob?.({ server: server?.key ?? String(data.serverId), mode, outcome, ...(detail ? { detail } : {}) });
    const finish = (outcome: ListingJobOutput["outcome"], detail?: string): ListingJobOutput => (event(outcome, detail), { outcome });
    if (!server || listingModeOf(server, [mode]) !== mode) {
      summary.skipped += 1;
      return finish("skipped", "gone, or no longer reachable this way");
    }
    const host = listingHostOf(server, [mode]);
    const backedOff = await hostBackedOffUntil(db, host);
    if (backedOff) {
      await defer(queue, data, new Date(backedOff));
      return finish("deferred", `${host} backed off until ${backedOff}`);
    }
    const slot = await waitForSlot(host);
    if (!slot) {
      if (release.signal.aborted) return releaseJob(mode, job, event);
      await defer(queue, data, new Date(Date.now() + o.slotWaitMs));
      return finish("deferred", `${host} is busy`);
    }
    try {
      const fetched = await listServer(server, { ...o.listing, modes: [mode], signal: release.signal });
      if (!(await storeListing(db, server, fetched, { runId: data.runId, now: now(), mode, classify: true }))) {
        // A crawl dropped what it listed while it ran (and may have withdrawn its tools): the list is not put back.
        summary.skipped += 1;
        return finish("skipped", "no longer reachable this way: its records dropped what it was listed at");
      }
      summary.listed += 1;
      return finish("listed", plural(fetched.tools.length, "tool"));
    } catch (e) {
      if (release.signal.aborted) return releaseJob(mode, job, event);
      const rateLimited = e instanceof EnumerateError ? e.rateLimited : undefined;
      if (rateLimited && data.deferrals < o.maxDeferrals) {
        const wait = Math.min(o.rateLimitBackoffMs.max, rateLimited.retryAfterMs ?? o.rateLimitBackoffMs.fallback);
        const until = new Date(Date.now() + wait);
        await backOffHost(db, host, until, `429 from ${server.key}`);
        await defer(queue, { ...data, deferrals: data.deferrals + 1 }, until);
        return finish("deferred", `${host} answered 429; backed off for ${Math.round(wait / 1000)} s`);
      }
      const reason = e instanceof EnumerateError ? e.reason : "error";
      const retryable = RETRYABLE.has(reason);
      const last = job.retryCount >= job.retryLimit;
      const prefix = retryable ? attemptNote(job) : "";
      const { reason: _reason, ...outcome } = failureOutcome(e, mode, prefix);
      await recordIntrospection(db, server, outcome);
      if (!retryable) {
        summary.failed += 1;
        return finish("failed", outcome.introspectionError ?? reason);
      }
      if (last) summary.deadLettered += 1;
      else summary.retried += 1;
      event(last ? "dead" : "retry", outcome.introspectionError ?? reason);
      throw new ListingRetryError(outcome.introspectionError ?? reason);
    } finally {
      await slot();
    }
  };

  /**
   * Puts a job in hand back on the queue as it was: not a failed attempt, nor a retry spent when it is taken again. A
   * job pg-boss expired meanwhile is no longer this worker's to put back: pg-boss retries it (or dead-letters the last
   * attempt), so it is not counted released.
   */
  const releaseJob = async (mode: IntrospectMode, job: PgBoss.JobWithMetadata<unknown>, event: (outcome: WorkerEvent["outcome"], detail?: string) => void) => {
    // A job for the same key may have been queued meanwhile (short policy: one waiting per key); then that one stands for it.
    const put = await putBackActiveJob(db, QUEUE_SCHEMA, LISTING_QUEUES[mode], job.id);
    if (put === "gone") return event("expired", `not released: pg-boss had already expired its job and ${job.retryCount >= job.retryLimit ? "dead-letters it (no retry left)" : "retries it"}`);
    summary.released += 1;
    event("released", put === "waiting" ? "the worker is stopping" : "the worker is stopping; a job for this server already waits, so this one is cancelled");
  };

  /**
   * A dead letter whose last attempt pg-boss ended (it expired: the worker listing it was killed, or hung), or whose
   * last attempt failed in a worker outside the listing (the catalog's database), is recorded on its server here: no
   * worker recorded that attempt. One a worker dead-lettered in the listing was recorded by that worker. The record is
   * left out when a listing of the server came after that attempt began (a later job's, say).
   */
  const handleDeadLetter = async (mode: IntrospectMode, job: PgBoss.JobWithMetadata<unknown>): Promise<void> => {
    const failed = workerFailure(job.output);
    const ended = endedByQueue(job.output);
    const noteOf = failed !== undefined ? (a: EndedAttempt) => workerFailureNote(a, failed) : ended !== undefined ? (a: EndedAttempt) => expiredNote(a, ended) : undefined;
    if (!noteOf) return;
    const data = listingJobSchema.parse(job.data);
    const server = await listingCandidate(db, data.serverId);
    if (!server) return;
    const attempt = await deadLetteredAttempt(db, QUEUE_SCHEMA, LISTING_QUEUES[mode], job.data);
    // The attempt's own job is gone only past pg-boss's retention: the dead letter carries its retry limit.
    const note = noteOf(attempt ?? { retryCount: job.retryLimit, retryLimit: job.retryLimit });
    const recorded = await recordIntrospection(db, { id: server.id, contentHash: data.contentHash }, { introspectionError: note }, attempt ? { notListedSince: attempt.startedOn } : {});
    if (!recorded) return;
    summary.deadLettered += 1;
    o.onJob?.({ server: server.key, mode, outcome: "dead", detail: note });
  };

  for (const mode of o.modes) {
    await boss.work(deadLetterQueue(LISTING_QUEUES[mode]), { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: o.queue.pollSeconds }, async ([job]) => {
      if (!job) return;
      inHand += 1;
      try {
        await handleDeadLetter(mode, job);
      } finally {
        inHand -= 1;
      }
    });
    for (let i = 0; i < o.concurrency; i++) {
      let id: string | undefined;
      id = await boss.work(LISTING_QUEUES[mode], { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: o.queue.pollSeconds }, async ([job]) => {
        if (!job) return;
        inHand += 1;
        // The job's server by its id until its record is read (a failure may come before: the database down).
        const named = { server: `server #${String((job.data as { serverId?: unknown } | null)?.serverId ?? "?")}` };
        try {
          const output = await handle(mode, job, named);
          // Completed (not released, not retried): its run may have no listing to come, and its kept definitions none to restore.
          if (output) await dropSettledOverwrites(db, job.id);
          return output;
        } catch (e) {
          // A listing's own failure was recorded on its server; anything else failed outside it and was not: it is
          // told here, once per attempt, as nothing records it until its dead letter is read.
          if (e instanceof ListingRetryError) throw e;
          const error = new ListingJobError(e);
          summary.workerErrors += 1;
          o.onJob?.({ server: named.server, mode, outcome: "error", detail: workerFailureLine(job, error.message) });
          throw error;
        } finally {
          inHand -= 1;
          // A poller that just finished a job asks for the next at once, not after its polling interval.
          if (id) boss.notifyWorker(id);
        }
      });
    }
  }

  const stopped = new Promise<void>((resolve) => {
    const onStop = () => {
      // Jobs in hand get the grace period, then are released; pg-boss waits for the handlers to return.
      const timer = setTimeout(() => release.abort(new Error("the worker is stopping")), o.graceMs);
      timer.unref?.();
      resolve();
    };
    if (o.signal?.aborted) onStop();
    else o.signal?.addEventListener("abort", onStop, { once: true });
  });

  if (o.once) {
    // Drained: nothing this worker could take is queued, active (in any worker) or waiting for a retry, and no dead
    // letter waits to be recorded (an active job that expires becomes one).
    const queues = o.modes.flatMap((m) => [LISTING_QUEUES[m], deadLetterQueue(LISTING_QUEUES[m])]);
    for (;;) {
      await Promise.race([pause(o.queue.pollSeconds * 1000), stopped]);
      if (o.signal?.aborted) break;
      const pending = await Promise.all(queues.map((q) => boss.getQueueSize(q, { before: "completed" })));
      if (inHand === 0 && pending.every((n) => n === 0)) break;
    }
  } else {
    await stopped;
  }
  if (!o.signal?.aborted) release.abort(new Error("drained"));
  await boss.stop({ graceful: true, timeout: o.graceMs + 10_000, wait: true });
  return summary;
}
