// The benchmark entry end to end on a tiny world: it runs, and its JSON carries every figure with its target.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { main, type BenchReport } from "../../scripts/dev/bench/main.js";

let out: string | undefined;
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

// A dozen CLI processes, each timed: on a shared 2-core machine under load ~30 one run took 8.7 minutes (each CLI
// process's start alone ~50 s of wall time), so the timeout only catches a hang.
// One driver is enough to check the report's shape: Postgres when there is one (quicker), else PGlite.
const driver = process.env.DATABASE_URL ? "postgres" : "pglite";

test(`npm run bench -- --quick writes every figure, with its target and verdict (${driver})`, async () => {
  out = await mkdtemp(join(tmpdir(), "mcp-catalog-bench-test-"));
  let stdout = "";
  let stderr = "";
  const code = await main(["--quick", "--servers", "120", "--driver", driver, "--out", out], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: process.env,
    // The look-up figures from 300 HTTP requests rather than --quick's 4,000 and 50 look-ups a pass rather than 300, the
    // classifier timed for a fifth of a second: their shape is what this test reads.
    servedRequests: { warmUp: 100, count: 200 },
    lookups: 50,
    classifierSeconds: 0.2,
  });
  expect(code, stderr).toBe(0);
  const [file] = await readdir(out);
  const report = JSON.parse(await readFile(join(out, file!), "utf8")) as BenchReport;

  expect(report.world.registryNames).toBe(120);
  expect(report.classifier.figure).toMatchObject({ unit: "tools/s", target: { op: ">=", value: 100_000 } });
  expect(typeof report.classifier.figure.met).toBe("boolean");
  const figures = report.drivers[driver]!.figures;
  const targeted = ["createRss", "fullRefresh", "peakRss", "ingestToCopy", "nothingChanged", "onePercentChanged", "riskP99", "httpP99"];
  for (const key of ["throughput", "toolsPerSecond", "ingestRate", "copyRate", "onePercentChanged", "riskP50", "cliHelp", "cliRisk", ...targeted]) {
    expect(figures[key], key).toBeDefined();
    expect(Number.isFinite(figures[key]!.value), key).toBe(true);
  }
  for (const key of targeted) {
    const f = figures[key]!;
    expect(f.target, key).toBeDefined();
    expect(typeof f.met, key).toBe("boolean");
    // A missed figure says by how much and why.
    if (!f.met) expect([f.missedBy, f.why].every(Boolean), key).toBe(true);
  }
  const runs = report.drivers[driver]!.runs;
  expect(runs.full.status).toBe("succeeded");
  // CPU beside wall time: the refresh process's own, and with Postgres its backends' (a shared machine inflates wall time).
  expect(runs.full.cpuMs).toBeGreaterThan(0);
  if (driver === "postgres") expect(runs.full.dbCpuMs).toBeGreaterThan(0);
  else expect(runs.full.dbCpuMs).toBeUndefined();
  expect(runs.nothingChanged.sources.glama!.notModified).toBe(runs.nothingChanged.sources.glama!.pages);
  expect(runs.onePercentChanged.tools.changed).toBeGreaterThan(0);
  // The table on stdout shows the same figures.
  expect(stdout).toContain("full refresh");
  expect(stdout).toContain("ingest ÷ COPY");
}, 600_000);
