// What a tool-name lookup costs between an upgrade that bumps CLASSIFIER_VERSION and the refresh that stores its verdicts:
// a catalog of `--servers` servers of `--tools` tools each, every one holding `search`, every stored verdict an older
// classifier's. Times the name's summary as `risk NAME` and `check_tool` ask it (20 entries) and as `/tools/NAME` does
// (100), or with --all as `risk NAME --all` does (every holder), first and again (the verdicts made then kept,
// scripts/verdict-cache.ts, which is why --all is a run of its own), and counts the servers whose verdicts the process
// holds after each. On PGlite in a temporary directory, or on Postgres
// (--driver postgres, DATABASE_URL: a scratch database, dropped after).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { CLASSIFIER_VERSION } from "../../../classifier/classify.js";
import { openCatalog, type Catalog } from "../../../db/client.js";
import { createScratchDatabase } from "../../../db/scratch.js";
import { queryRows } from "../../../db/sql.js";
import { serverToolHashes } from "../../../db/verdict-facts.js";
import { currentNameSummary } from "../../current-lookups.js";
import { runAsScript } from "../../run-as-script.js";
import { serverFingerprint, verdictCache } from "../../verdict-cache.js";
import { FlagError, wholeFlag } from "../whole-flag.js";

const USAGE = "Usage: node dist/scripts/dev/bench/stale-name.js [--servers N] [--tools N] [--repeat N] [--all] [--driver pglite|postgres]\n";
const NAME = "search";
const [, FAMILY, NUMBER] = /^(.+)-(\d+)$/.exec(CLASSIFIER_VERSION)!;
/** The classifier before this one: every stored verdict is its. */
export const OLDER = `${FAMILY}-${Number(NUMBER) - 1}`;

/** `servers` servers of `tools` tools each (the first named `search`), every verdict stored by OLDER. */
export async function fillStaleCatalog(catalog: Catalog, servers: number, tools: number): Promise<void> {
  const db = catalog.db;
  await db.execute(sql`insert into servers (key, description, canonical_source, canonical_rank, content_hash)
    select 'example.com/stale-' || lpad(i::text, 6, '0'), 'Keeps the records of team ' || i || '.', 'bench:' || i, 1, 'h' || i from generate_series(1, ${servers}::int) i`);
  await db.execute(sql`insert into tools (server_id, name, description, input_schema, content_hash, origin)
    select s.id,
      case when t = 1 then ${NAME} else (array['get', 'list', 'create', 'delete', 'update'])[1 + t % 5] || '_' || (array['record', 'file', 'issue', 'page'])[1 + t % 4] || '_' || t end,
      case when t = 1 then 'Searches the records by a query and returns the matches.'
        else initcap((array['get', 'list', 'create', 'delete', 'update'])[1 + t % 5]) || 's the ' || (array['record', 'file', 'issue', 'page'])[1 + t % 4] || ' ' || t || ' of the team.' end,
      '{"type": "object", "properties": {"query": {"type": "string", "description": "what to look for"}}}'::jsonb,
      md5(s.id || ':' || t), 'live'
    from servers s, generate_series(1, ${tools}::int) t`);
  await db.execute(sql`insert into classifications (tool_id, classifier_version, content_hash, category, risk, confidence, signals, rationale, evidence, rule, method)
    select t.id, ${OLDER}, t.content_hash, 'read', 'low', 0.5, '[]'::jsonb, 'an older verdict', '[]'::jsonb, '{"action": "allow"}'::jsonb, 'rules' from tools t`);
  await db.execute(sql`analyze`);
}

interface Timing {
  label: string;
  ms: number;
  cpuMs: number;
  /** The catalog's servers whose verdicts the process holds after it (verdicts made now, kept). */
  serversKept: number;
}

/** Runs the measurement with `argv`, printing its table with `out`; exit 2 for a bad flag. */
export async function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  let flags: { servers: number; tools: number; repeat: number; all: boolean; driver: string };
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
    if (values.driver !== "pglite" && values.driver !== "postgres") throw new FlagError(`--driver takes pglite or postgres; got ${JSON.stringify(values.driver)}`);
    if (values.driver === "postgres" && !process.env.DATABASE_URL) throw new FlagError("--driver postgres needs DATABASE_URL (a server where a scratch database may be created)");
    flags = { servers: wholeFlag("servers", values.servers, { min: 1 }), tools: wholeFlag("tools", values.tools, { min: 1 }), repeat: wholeFlag("repeat", values.repeat, { min: 1 }), all: values.all, driver: values.driver };
  } catch (e) {
    if (!(e instanceof FlagError) && !(e instanceof TypeError)) throw e;
    err(`bench-stale-name: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const dir = mkdtempSync(join(tmpdir(), "mcp-catalog-stale-name-"));
  const scratch = flags.driver === "postgres" ? await createScratchDatabase(process.env.DATABASE_URL!, "mcp_catalog_bench_stale") : undefined;
  const catalog = await openCatalog(scratch ? { databaseUrl: scratch.url, dataDir: "unused" } : { dataDir: join(dir, "catalog") });
  try {
    await fillStaleCatalog(catalog, flags.servers, flags.tools);
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
  } finally {
    await catalog.close();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

runAsScript(import.meta.url, "bench-stale-name", main);
