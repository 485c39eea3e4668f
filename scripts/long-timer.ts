// A timer for any delay. One Node timer waits at most 2^31 - 1 ms (about 24.8 days): past that it fires after 1 ms
// (TimeoutOverflowWarning), so a longer wait, `serve --refresh-every 30d`, is a chain of shorter ones.

/** The longest delay one setTimeout or setInterval takes. Settings that become one timer are bounded by it (scripts/config.ts). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `fn` once `ms` has passed, however long, in steps of at most MAX_TIMER_MS; what it returns cancels it. */
export function setLongTimeout(fn: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout;
  const wait = (left: number) => {
    timer = setTimeout(() => (left > MAX_TIMER_MS ? wait(left - MAX_TIMER_MS) : fn()), Math.min(left, MAX_TIMER_MS));
  };
  wait(ms);
  return () => clearTimeout(timer);
}
