// Latency figures of repeated look-ups: percentiles over the timed calls after a warm-up.
export interface LatencyFigures {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  lookups: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** `count` calls of `ask` cycling through the sampled names, after `warmUp` untimed ones (default: a round over every name). */
export async function timeLookups(names: readonly string[], count: number, ask: (name: string) => Promise<unknown>, warmUp = names.length): Promise<LatencyFigures> {
  for (let i = 0; i < warmUp && names.length; i++) await ask(names[i % names.length]!);
  const times: number[] = [];
  for (let i = 0; i < count && names.length; i++) {
    const t = performance.now();
    await ask(names[i % names.length]!);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99), maxMs: times[times.length - 1] ?? NaN, lookups: times.length };
}
