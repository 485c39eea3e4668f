// What a tool-name lookup costs between an upgrade that bumps CLASSIFIER_VERSION and the refresh that stores its verdicts:
// a catalog of `--servers` servers of `--tools` tools each, every one holding `search`, every stored verdict an older
// classifier's. Times the name's summary as `risk NAME` and `check_tool` ask it (20 entries) and as `/tools/NAME` does
// (100), or with --all as `risk NAME --all` does (every holder), first and again (the verdicts made then kept,
// scripts/verdict-cache.ts, which is why --all is a run of its own), and counts the servers whose verdicts the process
// holds after each. On PGlite in a temporary directory, or on Postgres
// (--driver postgres, DATABASE_URL: a scratch database, dropped after).
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { CLASSIFIER_VERSION } from "../../../classifier/classify.js";
import { queryRows } from "../../../db/sql.js";
import { serverToolHashes } from "../../../db/verdict-facts.js";
import { currentNameSummary } from "../../current-lookups.js";
import { runAsScript } from "../../run-as-script.js";
import { serverFingerprint, verdictCache } from "../../verdict-cache.js";
import { FlagError } from "../whole-flag.js";
import { NAME, OLDER, staleFlags, withStaleCatalog, type StaleFlags } from "./stale-catalog.js";

const USAGE = "Usage: node dist/scripts/dev/bench/stale-name.js [--servers N] [--tools N] [--repeat N] [--all] [--driver pglite|postgres]\n";

interface Timing {
  label: string;
  ms: number;
  cpuMs: number;
  /** The catalog's servers whose verdicts the process holds after it (verdicts made now, kept). */
  serversKept: number;
}

/** Runs the measurement with `argv`, printing its table with `out`; exit 2 for a bad flag. */
export async function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  let flags: StaleFlags & { all: boolean };
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        servers: { type: "string", default: "2000" },
        tools: { type: "string", default: "20" },
        repeat: { type: "string", default: "5" },
        all: { type: "boolean", default: false },
        driver: { type: "string", default: "pglite" },
      },
    });
    flags = { ...staleFlags(values), all: values.all };
  } catch (e) {
    if (!(e instanceof FlagError) && !(e instanceof TypeError)) throw e;
    err(`bench-stale-name: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  return withStaleCatalog(flags, "stale-name", async (catalog) => {
    const hashes = await serverToolHashes(catalog.db, (await queryRows<{ id: number }>(catalog.db, sql`select id from servers`)).map((r) => Number(r.id)));
    const fingerprints = [...hashes.values()].map(serverFingerprint);
    const kept = () => fingerprints.filter((f) => verdictCache.get(f) !== undefined).length;
    const timings: Timing[] = [];
    const time = async (label: string, limit: number | undefined) => {
      const cpu = process.cpuUsage();
      const t = performance.now();
      const summary = await currentNameSummary(catalog.db, NAME, limit === undefined ? {} : { limit });
      const ms = performance.now() - t;
      const used = process.cpuUsage(cpu);
      if (summary.entries.length !== Math.min(limit ?? flags.servers, flags.servers)) throw new Error(`${label}: ${summary.entries.length} entries`);
      timings.push({ label, ms, cpuMs: (used.user + used.system) / 1000, serversKept: kept() });
    };
    const repeated = async (label: string, limit: number | undefined) => {
      const before = timings.length;
      for (let i = 0; i < flags.repeat; i++) await time(label, limit);
      const runs = timings.splice(before).sort((a, b) => a.ms - b.ms);
      timings.push({ ...runs[Math.ceil(runs.length / 2) - 1]!, label: `${label} (median of ${runs.length})` });
    };
    if (flags.all) {
      await time("risk NAME --all (every one), first", undefined);
      await repeated("risk NAME --all (every one), again", undefined);
    } else {
      await time("risk NAME / check_tool (20), first", 20);
      await repeated("risk NAME / check_tool (20), again", 20);
      await time("/tools/NAME (100), first", 100);
      await repeated("/tools/NAME (100), again", 100);
    }
    out(`${flags.driver}: ${flags.servers} servers of ${flags.tools} tools, each holding '${NAME}', every verdict ${OLDER}'s (this classifier: ${CLASSIFIER_VERSION})\n`);
    for (const t of timings) out(`  ${t.label.padEnd(46)} ${t.ms.toFixed(0).padStart(7)} ms  ${t.cpuMs.toFixed(0).padStart(7)} ms CPU  ${String(t.serversKept).padStart(6)} servers' verdicts kept\n`);
    if (flags.driver === "postgres") out("  (CPU: this process's; the Postgres backend's is not counted)\n");
    return 0;
  });
}

runAsScript(import.meta.url, "bench-stale-name", main);
