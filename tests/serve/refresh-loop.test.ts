// serve --refresh-every's loop on fake timers: a wait longer than one Node timer takes (2^31 - 1 ms, about 24.8 days)
// is waited in full, not cut to 1 ms run after run.
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import type { RefreshOptions } from "../../crawler/refresh.js";
import type { Catalog } from "../../db/client.js";
import { startRefreshLoop } from "../../server/refresh-loop.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** A loop whose every run finds the catalog busy: what is counted is when runs start. */
function busyLoop(everyMs: number) {
  const catalog = { location: "the test catalog", tryLockRefresh: async () => undefined } as unknown as Catalog;
  const lines: string[] = [];
  let runs = 0;
  const loop = startRefreshLoop({
    catalog,
    everyMs,
    plan: async () => {
      runs += 1;
      return { options: {} as RefreshOptions, close: async () => {} };
    },
    report: (line) => lines.push(line),
  });
  return { loop, lines, runs: () => runs };
}

test("a monthly refresh waits its 30 days, then runs once, and again 30 days after", async () => {
  const { loop, lines, runs } = busyLoop(30 * DAY);
  // One Node timer of 30 days fires after 1 ms: a second is a thousand runs.
  await vi.advanceTimersByTimeAsync(1000);
  expect(runs()).toBe(0);
  await vi.advanceTimersByTimeAsync(HOUR - 1000);
  expect(runs()).toBe(0);
  await vi.advanceTimersByTimeAsync(25 * DAY);
  expect(runs()).toBe(0);
  await vi.advanceTimersByTimeAsync(5 * DAY - HOUR);
  expect(runs()).toBe(1);
  expect(lines).toEqual(["refresh skipped: another refresh is already running on the test catalog; this one did not start"]);
  await vi.advanceTimersByTimeAsync(30 * DAY - 1);
  expect(runs()).toBe(1);
  await vi.advanceTimersByTimeAsync(1);
  expect(runs()).toBe(2);
  await loop.stop();
});

test("stop cancels a long wait at any step of it", async () => {
  const { loop, runs } = busyLoop(60 * DAY);
  await vi.advanceTimersByTimeAsync(1000);
  expect(runs()).toBe(0);
  await vi.advanceTimersByTimeAsync(40 * DAY);
  await loop.stop();
  await vi.advanceTimersByTimeAsync(100 * DAY);
  expect(runs()).toBe(0);
  expect(vi.getTimerCount()).toBe(0);
});
