// File order for a run: the files that take longest start first, so the run does not end on one worker finishing a
// long file while the other has nothing left. vitest's own order (longest first by the last run's durations,
// largest first on a fresh clone) holds for every other file.
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The longest files, longest first: each file's share of the summed file durations of a run with DATABASE_URL set,
 * averaged over two runs (2026-12-06, fix-r4: a CI run on a clean clone before this round's changes and a run of the
 * 30 longest files after them, both on 2 cores beside other work). Remeasure when one of them changes shape.
 * 2026-12-02, after the CLI tests shared their open catalog: hostile and auth-posture fell to under 2 s and left
 * the list; catalog-template (9 s, one initdb) and dev/bench (a bench process; it ended a run alone) joined it.
 * 2026-12-05: the evaluation's files had grown past them unlisted (cross-validate.test.ts alone a tenth of the run),
 * so vitest's order by size started them mid-run; the list leads with them now.
 * 2026-12-06: classifier/literal-gates.test.ts, unlisted, had grown to the longest file of all (126 s, timing out) and
 * is 2-3 s now; with the test catalogs on /dev/shm (templates.ts) the catalog files shrank, the CPU-bound evaluation
 * and the files that run the CLI as a process or a browser the least, so they lead.
 */
export const LONGEST_FILES = [
  "tests/eval/cross-validate.test.ts",
  "tests/cli.test.ts",
  "tests/migrate.test.ts",
  "tests/refresh.test.ts",
  "tests/serve/browser.test.ts",
  "tests/serve/serve-cli.test.ts",
  "tests/cli-output.test.ts",
  "tests/serve/tool-pages.test.ts",
  "tests/reliability/bad-records.test.ts",
  "tests/verdicts-cli.test.ts",
  "tests/serve/http.test.ts",
  "tests/serve/feed.test.ts",
  "tests/train/reproduce.test.ts",
  "tests/introspection.test.ts",
  "tests/reliability/sources.test.ts",
  "tests/serve/api.test.ts",
  "tests/reliability/database.test.ts",
  "tests/lookups.test.ts",
  "tests/catalog-updated-at.test.ts",
  "tests/reliability/sandbox-leftovers.test.ts",
  // The list before, below the files that outgrew them, by their durations in the CI run (9-17 s).
  "tests/catalog-template.test.ts",
  "tests/reliability/mcp-servers.test.ts",
  "tests/reliability/kill.test.ts",
  "tests/reliability/lock.test.ts",
  "tests/enumerate/install.test.ts",
  "tests/conditional-refresh.test.ts",
  "tests/corpus/harvest.test.ts",
  "tests/dev/bench.test.ts",
  "tests/queue/workers.test.ts",
  "tests/classifier/invariants.test.ts",
  "tests/queue/fleet.test.ts",
  "tests/eval/llm.test.ts",
  "tests/sources/awesome.test.ts",
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
