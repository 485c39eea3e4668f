// The stale-stats measurement (scripts/dev/bench/stale-stats.ts): its flags, and a small run's table, whose counts say
// how many tools were counted by a verdict made now. What it times is not asserted: the figures are the run's.
import { expect, test } from "vitest";
import { main } from "../../scripts/dev/bench/stale-stats.js";
import { badFlagsExitTwo, runBench } from "../helpers/stale-bench.js";

const run = (argv: string[]) => runBench(main, argv);

badFlagsExitTwo(main, "stale-stats.js");

test("every tool is counted by a verdict made now, first and again, all but one after a write storing one verdict (one server classified again), and none after the classify stage", async () => {
  const r = await run(["--servers", "20", "--tools", "3", "--repeat", "1"]);
  expect(r.code, r.err).toBe(0);
  const [beforeWrite, stored] = r.out.split("after the refresh's classify stage stored every verdict:");
  const [outdated, afterWrite] = beforeWrite!.split("after a write storing one tool's verdict (one server's figures made again):");
  // One tool's verdict stored: its server's figures alone are made again, the other 59 tools still counted by verdicts made now.
  for (const label of ["home page counts, first", "/api/stats (stats, graded), first"]) expect(afterWrite).toMatch(new RegExp(`${label.replace(/[()/]/g, "\\$&")}.* 59 of 60 classified now`));
  expect(afterWrite).toContain("servers classified again for the home page counts: 1\n");
  for (const label of ["home page counts, first", "home page counts, again", "/api/stats (stats, graded), first", "/api/stats (stats, graded), again"]) {
    expect(outdated).toMatch(new RegExp(`${label.replace(/[()/]/g, "\\$&")}.* 60 of 60 classified now`));
    expect(stored).toMatch(new RegExp(`${label.replace(/[()/]/g, "\\$&")}.* 0 of 60 classified now`));
  }
}, 120_000);
