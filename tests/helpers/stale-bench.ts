// What the stale-catalog measurements' tests share (tests/dev/stale-name.test.ts, stale-stats.test.ts): running a
// bench's main with its output captured, and the flags every one of them refuses before a catalog is made.
import { expect, test } from "vitest";

type BenchMain = (argv: readonly string[], out: (s: string) => void, err: (s: string) => void) => Promise<number>;

/** `main` run with `argv`, its stdout and stderr captured. */
export async function runBench(main: BenchMain, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}

/** A bad flag exits 2 with `script`'s usage and prints nothing on stdout. */
export function badFlagsExitTwo(main: BenchMain, script: string): void {
  test.each([["--servers", "abc"], ["--repeat", "0"], ["--driver", "mysql"], ["--nope"]])("a bad flag (%s %s) exits 2 with the usage, before a catalog is made", async (...argv) => {
    const r = await runBench(main, argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`Usage: node dist/scripts/dev/bench/${script}`);
    expect(r.out).toBe("");
  });
}
