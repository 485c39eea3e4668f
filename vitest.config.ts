// Tests live in tests/; database and network tests need more than vitest's default 5 s.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Catalog templates (tests/helpers/templates.ts): built once per run, copied per test file.
    globalSetup: ["tests/helpers/global-setup.ts"],
  },
});
