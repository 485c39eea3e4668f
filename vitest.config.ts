// Tests live in tests/; database and network tests need more than vitest's default 5 s.
import { defineConfig } from "vitest/config";
import { LongestFirst } from "./tests/helpers/sequencer.js";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // One worker per core. vitest's default for a run is one fewer than the cores, which on a 2-core machine runs
    // every file one after another while most of them wait on a database, a child process or a socket.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    // Test files share their worker process: PGlite's WebAssembly is compiled and the product's modules are imported
    // once per worker, not once per file (7 catalog test files: 69 → 42 CPU-s). The tests mock no module and leave no
    // global changed, so nothing carries from one file to the next.
    isolate: false,
    // Catalog templates (tests/helpers/templates.ts): built once per run, copied per test file.
    globalSetup: ["tests/helpers/global-setup.ts"],
  },
});
