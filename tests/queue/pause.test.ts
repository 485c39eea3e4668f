// The worker pauses on its release signal every 500 ms while a job waits for a busy host's slot; each pause used to
// leave its abort listener on that signal, which lives as long as the worker: 33 jobs for one host printed Node's
// MaxListenersExceededWarning on the worker's stderr, and a long-running worker kept every listener.
import { getEventListeners } from "node:events";
import { expect, test } from "vitest";
import { pause } from "../../crawler/listing-queue.js";

test("a pause that runs out leaves no listener on the signal", async () => {
  const release = new AbortController();
  for (let i = 0; i < 20; i++) await pause(1, release.signal);
  expect(getEventListeners(release.signal, "abort")).toHaveLength(0);
});

test("an abort ends a pause at once", async () => {
  const release = new AbortController();
  const paused = pause(600_000, release.signal);
  release.abort(new Error("the worker is stopping"));
  await paused;
  expect(getEventListeners(release.signal, "abort")).toHaveLength(0);
});
