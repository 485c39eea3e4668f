// What a dead-lettered listing job says of its last attempt (pure): failed in a worker's hands, which recorded why on
// the server, or ended by pg-boss past its expiry (the worker was killed, or hung), which nobody recorded.
import { z } from "zod";
import { plural } from "../classifier/plural.js";

/** The error a worker throws for a listing worth another attempt; pg-boss keeps it, serialized, as the job's output. */
export const LISTING_RETRY_ERROR = "ListingRetryError";

/** What a failed attempt's record on its server begins with: which attempt of how many, or the dead letter it ends in. */
export function attemptNote(job: { retryCount: number; retryLimit: number }): string {
  const attempt = job.retryCount + 1;
  return job.retryCount >= job.retryLimit ? `dead-lettered after ${plural(attempt, "attempt")}: ` : `attempt ${attempt} of ${job.retryLimit + 1}, will retry: `;
}

/**
 * The error a worker throws for an attempt that failed outside the listing (the catalog's database, a host slot): the
 * worker could record nothing on the server then, so the worker that reads the dead letter does.
 */
export const LISTING_JOB_ERROR = "ListingJobError";

const recordedByWorker = z.object({ name: z.literal(LISTING_RETRY_ERROR) });
const failedInWorker = z.object({ name: z.literal(LISTING_JOB_ERROR), message: z.string() });

/** The error of a dead letter whose last attempt failed in the worker outside the listing (its ListingJobError), or undefined. */
export function workerFailure(output: unknown): string | undefined {
  return failedInWorker.safeParse(output).data?.message;
}

// The outputs pg-boss 10 writes when it ends an attempt itself: its maintenance expiring an active job past its expiry
// ({value: {message: "job failed by timeout in active state"}}: the worker holding it is gone), the worker's own
// pg-boss timing out a handler past the expiry (the Error, serialized), and pg-boss stopped with jobs in hand ({value: "…"}).
const endedByPgBoss = z.union([
  z.object({ value: z.object({ message: z.string() }) }).transform((o) => o.value.message),
  z.object({ value: z.string() }).transform((o) => o.value),
  z.object({ message: z.string() }).transform((o) => o.message),
]);

/**
 * How pg-boss ended a dead letter's last attempt, from the output it copied onto the dead letter: its message, or
 * undefined when the attempt failed in a worker's hands (in the listing: that worker recorded the failure on the server
 * already; outside it: workerFailure).
 */
export function endedByQueue(output: unknown): string | undefined {
  if (recordedByWorker.safeParse(output).success || failedInWorker.safeParse(output).success) return undefined;
  return endedByPgBoss.safeParse(output).data ?? "no reason given";
}

/** The last attempt of a dead letter pg-boss ended: its count against the retry limit, the expiry it outlived. */
export interface EndedAttempt {
  retryCount: number;
  retryLimit: number;
  expireSeconds?: number;
}

/**
 * What a dead letter pg-boss ended records on its server. An expired attempt counts against the retry limit (a server
 * whose listing kills its worker every time, out of memory, ends dead-lettered instead of coming back for ever).
 */
export function expiredNote(attempt: EndedAttempt, queueMessage: string): string {
  const expiry = attempt.expireSeconds === undefined ? "its job's expiry" : `its job's expiry of ${attempt.expireSeconds} s`;
  return `${attemptNote(attempt)}expired: the worker listing it stopped or hung past ${expiry} (pg-boss: ${queueMessage})`;
}

/** What a dead letter whose last attempt failed in the worker outside the listing records on its server. */
export function workerFailureNote(attempt: EndedAttempt, error: string): string {
  return `${attemptNote(attempt)}failed in the worker, not in the listing: ${error}`;
}

/**
 * The worker's log line for an attempt that failed in it outside the listing, when it fails: nothing is recorded on the
 * server until its dead letter is read, so this line is all that tells the attempts before it (and the last one's
 * reason, as it happened).
 */
export function workerFailureLine(attempt: EndedAttempt, error: string): string {
  const last = attempt.retryCount >= attempt.retryLimit;
  const then = last ? "no retry left, dead-lettered" : "will retry";
  return `attempt ${attempt.retryCount + 1} of ${attempt.retryLimit + 1} failed in the worker, not in the listing, ${then}: ${error}`;
}
