// What `stats` and the home page say of a `refresh --queue` run's live listings, on plain data: one listing is "1 live
// listing", not "1 live listings", in every sentence the home page can show.
import { describe, expect, test } from "vitest";
import { queuedListingsSentence, queuedListingsText, type QueuedListings } from "../../scripts/queued-listings.js";

const jobs = { waiting: 0, retrying: 0, active: 0, listed: 1, failed: 0, deadLettered: 0, skipped: 0 };
const one = (j: QueuedListings["jobs"]): QueuedListings => ({ enqueued: { remote: 1, stdio: 0 }, alreadyQueued: 0, jobs: j });

describe("queuedListingsSentence", () => {
  test("one listing, none pending or the queue unread, is counted in the singular", () => {
    expect(queuedListingsSentence(one(jobs))).toBe("Its 1 live listing queued for workers: none pending.");
    expect(queuedListingsSentence(one(null))).toBe("Its 1 live listing was queued for workers.");
  });

  test("several, and pending ones", () => {
    const two: QueuedListings = { enqueued: { remote: 1, stdio: 1 }, alreadyQueued: 0, jobs: null };
    expect(queuedListingsSentence(two)).toBe("Its 2 live listings were queued for workers.");
    expect(queuedListingsSentence({ ...two, jobs: { ...jobs, waiting: 1 } })).toBe("Its live listings: 1 of 2 still pending in the queue for workers.");
  });

  test("stats' line names the pending states and how the others ended", () => {
    expect(queuedListingsText({ ...one({ ...jobs, retrying: 1 }), alreadyQueued: 2 })).toBe(
      "live listings queued for workers: 1 (and 2 already waiting from an earlier run); 1 still pending (waiting 0, retrying 1, active 0); listed 1, failed 0, dead-lettered 0, skipped 0",
    );
    expect(queuedListingsText(one(null))).toBe("live listings queued for workers: 1; the queue cannot be read (see `mcp-catalog queue`)");
  });
});
