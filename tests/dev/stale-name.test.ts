// The stale-name measurement (scripts/dev/bench/stale-name.ts): its flags, and a small run's table, whose counts say how
// many servers a lookup classified. What it times is not asserted: the figures are the run's.
import { expect, test } from "vitest";
import { main } from "../../scripts/dev/bench/stale-name.js";
import { badFlagsExitTwo, runBench } from "../helpers/stale-bench.js";

const run = (argv: string[]) => runBench(main, argv);

badFlagsExitTwo(main, "stale-name.js");

test("a lookup of 20 entries on 30 servers classifies 20 of them; with --all, every one", async () => {
  const shown = await run(["--servers", "30", "--tools", "3", "--repeat", "1"]);
  expect(shown.code, shown.err).toBe(0);
  expect(shown.out).toMatch(/risk NAME \/ check_tool \(20\), first .* 20 servers' verdicts kept/);
  expect(shown.out).toMatch(/\/tools\/NAME \(100\), first .* 30 servers' verdicts kept/);
  // Other tools than the first run's: its servers' kept verdicts (this process's) are not these servers'.
  const all = await run(["--servers", "12", "--tools", "4", "--repeat", "1", "--all"]);
  expect(all.out).toMatch(/risk NAME --all \(every one\), first .* 12 servers' verdicts kept/);
}, 120_000);
