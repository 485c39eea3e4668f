// What a failed or dead-lettered listing records on its server, on plain data: which attempt of how many, and for a dead
// letter pg-boss ended (the worker was killed or hung past the expiry), the outputs pg-boss 10 leaves on it.
import { describe, expect, test } from "vitest";
import { attemptNote, endedByQueue, expiredNote, workerFailure, workerFailureNote } from "../../crawler/dead-letter.js";
import { ListingJobError, ListingRetryError } from "../../crawler/listing-queue.js";

describe("attemptNote", () => {
  test("a retry names its attempt and how many there may be", () => {
    expect(attemptNote({ retryCount: 0, retryLimit: 3 })).toBe("attempt 1 of 4, will retry: ");
    expect(attemptNote({ retryCount: 2, retryLimit: 3 })).toBe("attempt 3 of 4, will retry: ");
  });

  test("the last attempt is dead-lettered, counted in the right number", () => {
    expect(attemptNote({ retryCount: 0, retryLimit: 0 })).toBe("dead-lettered after 1 attempt: ");
    expect(attemptNote({ retryCount: 3, retryLimit: 3 })).toBe("dead-lettered after 4 attempts: ");
    // A job whose limit was lowered after it was retried (a worker's policy) is dead-lettered at its next failure.
    expect(attemptNote({ retryCount: 2, retryLimit: 1 })).toBe("dead-lettered after 3 attempts: ");
  });
});

describe("endedByQueue", () => {
  test("a dead letter a worker failed (its ListingRetryError, as pg-boss serializes it) was recorded by that worker", () => {
    const thrown = new ListingRetryError("connect: ECONNREFUSED");
    expect(endedByQueue({ name: thrown.name, message: thrown.message, stack: thrown.stack })).toBeUndefined();
  });

  test("one that failed in the worker outside the listing (its ListingJobError) is no expiry: workerFailure gives its error", () => {
    const thrown = new ListingJobError(new Error("connect ECONNREFUSED 127.0.0.1:5432"));
    const output = { name: thrown.name, message: thrown.message, stack: thrown.stack };
    expect(endedByQueue(output)).toBeUndefined();
    expect(workerFailure(output)).toBe("connect ECONNREFUSED 127.0.0.1:5432");
    expect(workerFailure({ name: "Error", message: "handler execution exceeded 2000ms" })).toBeUndefined();
    expect(workerFailureNote({ retryCount: 3, retryLimit: 3 }, "connect ECONNREFUSED 127.0.0.1:5432")).toBe("dead-lettered after 4 attempts: failed in the worker, not in the listing: connect ECONNREFUSED 127.0.0.1:5432");
  });

  test("one pg-boss ended gives pg-boss's message: expired by its maintenance, timed out in the worker, or stopped in hand", () => {
    expect(endedByQueue({ value: { message: "job failed by timeout in active state" } })).toBe("job failed by timeout in active state");
    expect(endedByQueue({ name: "Error", message: "handler execution exceeded 2000ms", stack: "…" })).toBe("handler execution exceeded 2000ms");
    expect(endedByQueue({ value: "pg-boss shut down while active" })).toBe("pg-boss shut down while active");
    expect(endedByQueue(null)).toBe("no reason given");
  });
});

describe("expiredNote", () => {
  test("says the attempts, that the worker stopped or hung, the expiry and pg-boss's words", () => {
    expect(expiredNote({ retryCount: 0, retryLimit: 0, expireSeconds: 20 }, "job failed by timeout in active state")).toBe(
      "dead-lettered after 1 attempt: expired: the worker listing it stopped or hung past its job's expiry of 20 s (pg-boss: job failed by timeout in active state)",
    );
    // Killed on every attempt (a server whose listing runs its worker out of memory): dead-lettered, not retried for ever.
    expect(expiredNote({ retryCount: 3, retryLimit: 3 }, "job failed by timeout in active state")).toMatch(/^dead-lettered after 4 attempts: expired: .* past its job's expiry \(/);
  });
});
