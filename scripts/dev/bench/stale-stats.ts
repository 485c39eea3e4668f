// What the catalog's totals cost between an upgrade that bumps CLASSIFIER_VERSION and the refresh that stores its
// verdicts: stale-catalog.ts's catalog, as stale-name.ts reads it (`--servers` servers of `--tools` tools, every stored
// verdict an older classifier's)
// counted by its current verdicts as the home page counts them (currentVerdictCounts, kept per state of the catalog and
// per server as `serve` keeps them) and as `stats` and GET /api/stats do (every server graded too, the report kept
// likewise), the first time and again; then the first after a write that touches one server (its figures alone made
// again); then after the refresh's classify stage stored every verdict (the kept figures made again), as every day but
// those between an upgrade and its refresh. On PGlite in a temporary directory, or on Postgres (--driver
// postgres, DATABASE_URL: a scratch database, dropped after).
import { sql } from "drizzle-orm";
import { parseArgs } from "node:util";
import { CLASSIFIER_VERSION } from "../../../classifier/classify.js";
import { classifyPending } from "../../../crawler/classify-stage.js";
import { keptPerSnapshot } from "../../../server/snapshot-kept.js";
import { statsCache } from "../../../server/stats-cache.js";
import { runAsScript } from "../../run-as-script.js";
import { KeptPerServer } from "../../kept-per-server.js";
import { currentVerdictCounts, type UncountedGroup, type VerdictCounts } from "../../verdict-counts.js";
import { FlagError } from "../whole-flag.js";
import { OLDER, staleFlags, withStaleCatalog, type StaleFlags } from "./stale-catalog.js";

const USAGE = "Usage: node dist/scripts/dev/bench/stale-stats.js [--servers N] [--tools N] [--repeat N] [--driver pglite|postgres]\n";

/** Runs the measurement with `argv`, printing its table with `out`; exit 2 for a bad flag. */
export async function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  let flags: StaleFlags;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        servers: { type: "string", default: "5000" },
        tools: { type: "string", default: "20" },
        repeat: { type: "string", default: "5" },
        driver: { type: "string", default: "pglite" },
      },
    });
    flags = staleFlags(values);
  } catch (e) {
    if (!(e instanceof FlagError) && !(e instanceof TypeError)) throw e;
    err(`bench-stale-stats: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  return withStaleCatalog(flags, "stale-stats", async (catalog) => {
    const db = catalog.db;
    const kept = new KeptPerServer<UncountedGroup[]>();
    const home = keptPerSnapshot<void, VerdictCounts>(db, () => currentVerdictCounts(db, { kept }));
    const api = statsCache(db);
    const lines: string[] = [];
    const time = async (label: string, f: () => Promise<{ classified: number; classifiedNow: number }>) => {
      const cpu = process.cpuUsage();
      const t = performance.now();
      const counts = await f();
      const ms = performance.now() - t;
      const used = process.cpuUsage(cpu);
      return { label, ms, cpuMs: (used.user + used.system) / 1000, now: counts.classifiedNow, total: counts.classified + counts.classifiedNow };
    };
    type Timing = Awaited<ReturnType<typeof time>>;
    const line = (t: Timing) => lines.push(`  ${t.label.padEnd(48)} ${t.ms.toFixed(0).padStart(7)} ms  ${t.cpuMs.toFixed(0).padStart(7)} ms CPU  ${String(t.now).padStart(7)} of ${t.total} classified now`);
    const firstAndAgain = async (label: string, f: () => Promise<{ classified: number; classifiedNow: number }>) => {
      line(await time(`${label}, first`, f));
      const runs: Timing[] = [];
      for (let i = 0; i < flags.repeat; i++) runs.push(await time(`${label}, again`, f));
      runs.sort((a, b) => a.ms - b.ms);
      line({ ...runs[Math.ceil(runs.length / 2) - 1]!, label: `${label}, again (median of ${runs.length})` });
    };
    const measure = async () => {
      await firstAndAgain("home page counts", () => home());
      await firstAndAgain("/api/stats (stats, graded)", () => api());
    };
    lines.push(`every verdict ${OLDER}'s (this classifier: ${CLASSIFIER_VERSION}):`);
    await measure();
    // A refresh's write touching one server: one tool's verdict stored as this classifier's.
    await db.execute(sql`update classifications c set classifier_version = ${CLASSIFIER_VERSION}, content_hash = t.content_hash
      from tools t where t.id = c.tool_id and c.tool_id = (select min(id) from tools)`);
    lines.push("after a write storing one tool's verdict (one server's figures made again):");
    const classifiedBefore = kept.serversClassified;
    line(await time("home page counts, first", () => home()));
    line(await time("/api/stats (stats, graded), first", () => api()));
    lines.push(`  servers classified again for the home page counts: ${kept.serversClassified - classifiedBefore}`);
    await classifyPending(db);
    lines.push("after the refresh's classify stage stored every verdict:");
    await measure();
    out(`${flags.driver}: ${flags.servers} servers of ${flags.tools} tools\n${lines.join("\n")}\n`);
    if (flags.driver === "postgres") out("  (CPU: this process's; the Postgres backend's is not counted)\n");
    return 0;
  });
}

runAsScript(import.meta.url, "bench-stale-stats", main);
