// What a failed listing attempt records on its server, on plain data: which attempt of how many, or the dead letter, in the right number.
import { describe, expect, test } from "vitest";
import { attemptNote } from "../../crawler/listing-queue.js";

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
