// File order for a run: the files that take longest start first, so the run does not end on one worker finishing a
// long file while the other has nothing left. vitest's own order (longest first by the last run's durations,
// largest first on a fresh clone) holds for every other file.
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The longest files, longest first: each file's share of the summed file durations of a run with DATABASE_URL set,
 * averaged over five runs (2026-12-05, learned-38). Remeasure when one of them changes shape.
 * 2026-12-02, after the CLI tests shared their open catalog: hostile and auth-posture fell to under 2 s and left
 * the list; catalog-template (9 s, one initdb) and dev/bench (a bench process; it ended a run alone) joined it.
 * 2026-12-05: the evaluation's files had grown past them unlisted (cross-validate.test.ts alone a tenth of the run),
 * so vitest's order by size started them mid-run; the list leads with them now.
 */
export const LONGEST_FILES = [
  "tests/eval/cross-validate.test.ts",
  "tests/cli.test.ts",
  "tests/classifier/invariants.test.ts",
  "tests/dev/bench.test.ts",
  "tests/corpus/harvest.test.ts",
  "tests/eval/llm.test.ts",
  "tests/serve/serve-cli.test.ts",
  "tests/queue/fleet.test.ts",
  "tests/conditional-refresh.test.ts",
  "tests/serve/browser.test.ts",
  "tests/queue/workers.test.ts",
  "tests/reliability/lock.test.ts",
  "tests/catalog-template.test.ts",
  "tests/reliability/kill.test.ts",
  "tests/refresh.test.ts",
  "tests/sources/awesome.test.ts",
  "tests/reliability/mcp-servers.test.ts",
  "tests/enumerate/install.test.ts",
  "tests/train/reproduce.test.ts",
];

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const i = LONGEST_FILES.findIndex((path) => spec.moduleId.endsWith(`/${path}`));
      return i === -1 ? LONGEST_FILES.length : i;
    };
    const sorted = await super.sort(files);
    // Array.prototype.sort is stable: files outside the list keep vitest's order among themselves.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
