// The bounded pipeline on plain promises: the next items are produced while one is consumed, never more than the bound, in order, and failures stop it cleanly.
import { describe, expect, test } from "vitest";
import { pipeline } from "../crawler/pipeline.js";

/** A promise with its resolver, for steps a test releases by hand. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Lets every callback already queued run (promise jobs, then I/O callbacks): what a producer would do next, it has done. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A producer of `n` items that logs when each is asked for and produced. */
async function* numbers(n: number, log: string[], fail?: number): AsyncGenerator<number> {
  for (let i = 1; i <= n; i++) {
    log.push(`ask ${i}`);
    await Promise.resolve();
    if (i === fail) throw new Error(`item ${i} broke`);
    yield i;
  }
}

describe("pipeline", () => {
  test("items after the one being consumed are produced meanwhile, up to the bound and no further", async () => {
    const log: string[] = [];
    const first = gate();
    const consumed: number[] = [];
    const run = pipeline(numbers(10, log), {
      inFlight: 3,
      consume: async (i) => {
        log.push(`consume ${i}`);
        if (i === 1) await first.promise;
        consumed.push(i);
        log.push(`done ${i}`);
      },
    });
    await settle();
    // Item 1 is being consumed (held), items 2 and 3 were asked for meanwhile, item 4 was not: 3 in flight.
    expect(log).toEqual(["ask 1", "ask 2", "consume 1", "ask 3"]);
    await settle();
    expect(log).not.toContain("ask 4");
    first.open();
    await run;
    expect(consumed).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Item i + 3 is asked for only once item i is done.
    for (let i = 4; i <= 10; i++) expect(log.indexOf(`ask ${i}`)).toBeGreaterThan(log.indexOf(`done ${i - 3}`));
  });

  test("a bound of one is strictly one item at a time", async () => {
    const log: string[] = [];
    await pipeline(numbers(3, log), { inFlight: 1, consume: async (i) => void log.push(`done ${i}`) });
    expect(log).toEqual(["ask 1", "done 1", "ask 2", "done 2", "ask 3", "done 3"]);
  });

  test("a producer failure surfaces after the items before it are consumed", async () => {
    const log: string[] = [];
    const consumed: number[] = [];
    await expect(pipeline(numbers(10, log, 4), { inFlight: 3, consume: async (i) => void consumed.push(i) })).rejects.toThrow("item 4 broke");
    expect(consumed).toEqual([1, 2, 3]);
  });

  test("a consumer failure stops the producer, waits for what was asked, and closes it", async () => {
    const log: string[] = [];
    let stopped = false;
    let closed = false;
    async function* producer(): AsyncGenerator<number> {
      try {
        yield* numbers(100, log);
      } finally {
        closed = true;
      }
    }
    await expect(
      pipeline(producer(), {
        inFlight: 4,
        stop: () => (stopped = true),
        consume: async (i) => {
          if (i === 2) throw new Error("write failed");
        },
      }),
    ).rejects.toThrow("write failed");
    expect(stopped).toBe(true);
    expect(closed).toBe(true);
    expect(log.filter((l) => l.startsWith("ask")).length).toBeLessThanOrEqual(5);
  });

  test("the bound must be a whole number from 1", async () => {
    await expect(pipeline(numbers(1, []), { inFlight: 0, consume: async () => {} })).rejects.toThrow(RangeError);
  });
});
