// `npm run bench`: the nightly refresh at internet scale against the synthetic world, on PGlite and (when
// DATABASE_URL is set) Postgres: time, throughput, memory, ingest beside a raw COPY, quiet and 1% nights,
// lookup latency and the CLI's cold start, each figure beside its target. Writes bench-results/<time>.json.
import { cpSync, createReadStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import type { ToolInput } from "../../../classifier/tool.js";
import { parseToolList } from "../../../crawler/distinct-tools.js";
import type { RefreshSummary } from "../../../crawler/refresh.js";
import { copyBaseline, sampleToolNames, tableRows, WRITTEN_TABLES, type CopyTiming } from "./copy-baseline.js";
import { openCatalog, type Catalog, type CatalogOptions } from "../../../db/client.js";
import { createScratchDatabase } from "../../../db/scratch.js";
import { summarizeName } from "../../../db/lookups.js";
import { SERVE_DEFAULTS } from "../../../server/defaults.js";
import { findTools } from "../../../server/reader.js";
import { classifierFigure, measureClassifier, runBench as runClassifierBench, type ClassifierBench } from "./classifier.js";
import { projectRoot } from "../../project-root.js";
import { wholeNumber } from "../../whole-number.js";
import { coldStart, generateWorld, mutateWorld, parseSummary, REFRESH_ARGS, refreshEnv, runCli, serveWorld, type MeasuredRun } from "./processes.js";
import { figure, format, loadNote, table, withDetail, type Figure } from "./report.js";
import { benchWorkers, renderWorkers, type WorkersOptions } from "./workers.js";
import { benchNpmSource, npmFigures, renderNpm, type NpmBenchOptions } from "./npm-source.js";
import { FILES, type Manifest } from "../world/files.js";
import { timeLookups, type LatencyFigures } from "./latency.js";
import { measureServedLookups, type ServedFigures } from "./served-lookups.js";
import { runAsScript } from "../../run-as-script.js";
import { debugOn } from "../../switch.js";

export const USAGE = `Usage: npm run bench -- [options]

Measures the nightly refresh against the synthetic world (scripts/dev/world/main.ts), served from a child
process on 127.0.0.1: a full refresh, a refresh with nothing changed, one with 1% changed, ingest
beside a raw COPY of the same rows, the classifier alone, risk lookup latency and the CLI's cold
start. Runs on PGlite, and on Postgres when DATABASE_URL is set (in a scratch database it drops).
Prints a table and writes the same figures as JSON.

Options:
  --servers N   registry names in the world (default 50000; Glama lists ~1.6x as many servers, ~10 tools each)
  --quick       a small smoke run (300 servers unless --servers says otherwise, fewer repetitions)
  --scale       also run the full refresh on worlds of 10k, 50k and 200k servers (with --quick: 300, 600,
                1200) and report the refresh's peak RSS for each
  --scale-sizes LIST  the world sizes --scale runs, comma-separated (e.g. 10000,50000,200000)
  --scale-only  only the --scale runs (on --driver, Postgres when both), without the full bench at --servers
  --driver D    pglite, postgres or both (default: both when DATABASE_URL is set, else pglite)
  --seed S      the world's seed (default 1)
  --out DIR     where the JSON goes (default bench-results/ in the repository)
  --workers     instead: live listing on the queue (Postgres, DATABASE_URL) with 1, 2 and 4 worker processes
                against 300 loopback servers answering after 200 ms; throughput and its scaling
  --classifier  instead: the classifier alone on the synthetic world's tools, the labelled fixtures, the
                corpus's real servers and the eval's GitHub set, each the median of 3 runs beside its target,
                with the top of a CPU profile as the cause when the target is missed
  --npm         instead: the npm source's cost on a local npm registry replay of --servers packages (default
                15000: three keyword queries, one past npm's 10,000-result window; --quick 600), one manifest
                each: requests, 304s, bytes and wall time of a first refresh, a second (conditional) one and
                one after 1% of the manifests changed, on --driver's catalog
  --json        print the JSON on stdout instead of the table
  -h, --help    this text
`;

const TARGETS = {
  fullRefreshSeconds: { postgres: 60, pglite: 120 },
  ingestToCopy: 0.5,
  peakRssMb: 512,
  nothingChangedShare: 0.1,
  onePercentChangedShare: 0.2,
  riskP99Ms: 5,
  /** "Flat": the largest world's peak RSS within this factor of the smallest's. */
  rssGrowth: 1.25,
};

type Driver = "pglite" | "postgres";

interface Options {
  servers: number;
  quick: boolean;
  scale: boolean;
  /** Only the scale runs. */
  scaleOnly: boolean;
  scaleSizes: number[];
  drivers: Driver[];
  seed: number;
  out: string;
  json: boolean;
  databaseUrl?: string;
}

export interface BenchIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  env: NodeJS.ProcessEnv;
  /**
   * Tests only: the requests of the served look-ups, warm-up and timed, in place of 2,000 each (--quick) or 2,000
   * and 10,000: a test reads the figure's shape, and --quick's 4,000 requests are ~10 s of its CPU.
   */
  servedRequests?: { warmUp: number; count: number };
  /**
   * Tests only, for the same reason: the risk look-ups timed in each pass (in place of --quick's 300) and the seconds
   * the classifier is timed for (in place of --quick's 1; its profile, when the target is missed, half as long).
   */
  lookups?: number;
  classifierSeconds?: number;
}

class UsageError extends Error {}

function whole(flag: string, value: string, min: number): number {
  const n = wholeNumber(value, { min });
  if (n === undefined) throw new UsageError(`--${flag}: invalid value ${JSON.stringify(value)}`);
  return n;
}

type NpmMode = { npm: NpmBenchOptions; driver: Driver; databaseUrl?: string; json: boolean; out: string };

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options | { workers: WorkersOptions; json: boolean; out: string } | NpmMode | "classifier" | "help" {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      servers: { type: "string" },
      quick: { type: "boolean" },
      scale: { type: "boolean" },
      "scale-sizes": { type: "string" },
      "scale-only": { type: "boolean" },
      driver: { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
      json: { type: "boolean" },
      workers: { type: "boolean" },
      classifier: { type: "boolean" },
      npm: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  if (values.classifier) return "classifier";
  if (values.workers) {
    if (!env.DATABASE_URL) throw new UsageError("--workers needs DATABASE_URL: the listing queue lives in Postgres (a scratch database is created there and dropped)");
    return { workers: { databaseUrl: env.DATABASE_URL, servers: values.servers === undefined ? 300 : whole("servers", values.servers, 1), delayMs: 200, workerCounts: [1, 2, 4], concurrency: 8 }, json: values.json === true, out: resolve(values.out ?? join(projectRoot(), "bench-results")) };
  }
  const quick = values.quick === true;
  const servers = values.servers === undefined ? (quick ? 300 : 50_000) : whole("servers", values.servers, 1);
  const seed = values.seed === undefined ? 1 : whole("seed", values.seed, 0);
  const databaseUrl = env.DATABASE_URL || undefined;
  const wanted = values.driver ?? (databaseUrl ? "both" : "pglite");
  if (!["pglite", "postgres", "both"].includes(wanted)) throw new UsageError(`--driver takes pglite, postgres or both; got '${wanted}'`);
  const drivers: Driver[] = wanted === "both" ? ["pglite", "postgres"] : [wanted as Driver];
  const scaleSizes = values["scale-sizes"] === undefined ? (quick ? [300, 600, 1_200] : [10_000, 50_000, 200_000]) : values["scale-sizes"].split(",").map((n) => whole("scale-sizes", n, 1));
  if (drivers.includes("postgres") && !databaseUrl) throw new UsageError("--driver postgres needs DATABASE_URL (a server where a scratch database may be created)");
  if (values.npm) {
    const packages = values.servers === undefined ? (quick ? 600 : 15_000) : servers;
    return { npm: { packages }, driver: drivers[0]!, ...(databaseUrl ? { databaseUrl } : {}), json: values.json === true, out: resolve(values.out ?? join(projectRoot(), "bench-results")) };
  }
  return {
    servers,
    quick,
    scale: values.scale === true || values["scale-sizes"] !== undefined || values["scale-only"] === true,
    scaleOnly: values["scale-only"] === true,
    scaleSizes,
    drivers,
    seed,
    out: resolve(values.out ?? join(projectRoot(), "bench-results")),
    json: values.json === true,
    ...(databaseUrl ? { databaseUrl } : {}),
  };
}

interface CatalogHandle {
  ref: { databaseUrl: string } | { dataDir: string };
  open(o?: Pick<CatalogOptions, "lifetime">): Promise<Catalog>;
  dispose(): Promise<void>;
}

async function freshCatalog(driver: Driver, o: Pick<Options, "databaseUrl">, dir: string): Promise<CatalogHandle> {
  if (driver === "postgres") {
    const db = await createScratchDatabase(o.databaseUrl!, "mcp_catalog_bench");
    return { ref: { databaseUrl: db.url }, open: (o) => openCatalog({ databaseUrl: db.url, dataDir: "unused", ...o }), dispose: db.drop };
  }
  const dataDir = join(dir, "catalog");
  return { ref: { dataDir }, open: (o) => openCatalog({ dataDir, ...o }), dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

interface LookupResult extends LatencyFigures {
  names: string[];
  /** The most servers one name is held by, and which. */
  largest: { name: string; entries: number };
  /** The route's own query (GET /api/tools?name=), in this process: what HTTP adds is the difference. */
  route: LatencyFigures;
}

/** What `risk NAME` asks (the grouped summary and the top entries) over a sample of names against the
 * full catalog, and the query under GET /api/tools?name=, in this process. */
async function measureLookups(catalog: Catalog, count: number): Promise<LookupResult> {
  const names = await sampleToolNames(catalog, 200);
  const largest = { name: "", entries: 0 };
  for (const name of names) {
    const entries = (await summarizeName(catalog.db, name, { limit: SERVE_DEFAULTS.nameEntries })).total;
    if (entries > largest.entries) Object.assign(largest, { name, entries });
  }
  const inProcess = await timeLookups(names, count, (name) => summarizeName(catalog.db, name, { limit: SERVE_DEFAULTS.nameEntries }));
  const route = await timeLookups(names, count, (name) => findTools(catalog.db, { name, limit: SERVE_DEFAULTS.nameEntries }));
  return { ...inProcess, names, largest, route };
}

interface RunFigures {
  wallMs: number;
  durationMs: number;
  stageMs: RefreshSummary["stageMs"];
  peakRssMb: number;
  rssSamplesMb: number[];
  /** CPU time of the refresh process, and with Postgres of the backends serving it (ms): wall time on a shared machine counts other processes' turns. */
  cpuMs: number;
  dbCpuMs?: number;
  status: string;
  servers: RefreshSummary["servers"];
  tools: RefreshSummary["tools"];
  sources: Record<string, { mode: string; pages: number; notModified: number; requests: number; records: number; unchangedRecords: number; durationMs: number }>;
  loadAverage: number;
}

function runFigures(run: MeasuredRun<RefreshSummary>, load: number): RunFigures {
  const s = run.result;
  const sources: RunFigures["sources"] = {};
  for (const [name, v] of Object.entries(s.sources)) {
    if (v) sources[name] = { mode: v.mode, pages: v.pages, notModified: v.notModified, requests: v.requests, records: v.records, unchangedRecords: v.unchangedRecords, durationMs: v.durationMs };
  }
  return {
    wallMs: Math.round(run.wallMs),
    durationMs: s.durationMs,
    stageMs: s.stageMs,
    peakRssMb: run.peakRssMb,
    rssSamplesMb: run.rssSamplesMb,
    cpuMs: run.cpuMs,
    ...(run.dbCpuMs === undefined ? {} : { dbCpuMs: run.dbCpuMs }),
    status: s.status,
    servers: s.servers,
    tools: s.tools,
    sources,
    loadAverage: Math.max(load, loadavg()[0]!),
  };
}

interface DriverResult {
  driver: Driver;
  /** `mcp-catalog migrate` on the new, empty database, before the full refresh. */
  create: CreateFigures;
  runs: { full: RunFigures; nothingChanged: RunFigures; onePercentChanged: RunFigures };
  rows: Record<string, number>;
  copy: CopyTiming[];
  lookups: Omit<LookupResult, "names"> & { http: ServedFigures };
  cli: { helpMedianMs: number; riskMedianMs: number; runs: number; riskName: string };
  figures: Record<string, Figure>;
}

function secs(ms: number): number {
  return Math.round(ms / 10) / 100;
}

/**
 * What the profiles of a full refresh point at (README, bench section: the backends spend 89% of their
 * statements' time inserting rows, the refresh process a third of its CPU classifying).
 */
const LESS_WORK_A_TOOL =
  "fewer bytes written a tool (history rows derived in the database from the tools insert, classifications without the rationale and evidence a page can recompute) and the classifier reading each description in one walk";

/** The start-up a small refresh pays (measured: loading the refresh's modules ~0.4 s, opening PGlite ~0.3 s). */
const START_UP_ONCE =
  "Remaining design change: a process that keeps the catalog open pays the start-up once (`serve --refresh-every` does), and a one-shot refresh could import the crawler, zod and drizzle lazily.";

/** A lookup's cost grows with the servers holding the name (EXPLAIN ANALYZE: 2.6 ms for one held by 276 on the default world). */
const PER_NAME_SUMMARY =
  "Remaining design change: a per-name summary the refresh maintains (group counts and the riskiest entries' ids), so a lookup reads one row and its top entries instead of every holder.";

/**
 * Why a refresh misses its time on this machine's cores: too much work (CPU of the process and its
 * backends beyond what the cores give in the target's time) or too little overlap (fewer cores busy on
 * average than the machine has), each with the design change the measurements point at.
 */
function cpuBudget(run: Pick<RunFigures, "cpuMs" | "dbCpuMs" | "wallMs">, targetS: number, oneThread: boolean): string {
  const cores = availableParallelism();
  const workS = (run.cpuMs + (run.dbCpuMs ?? 0)) / 1000;
  const budgetS = cores * targetS;
  const busy = workS / (run.wallMs / 1000);
  const overlap = oneThread
    ? "classify in a worker thread, so that the classifier and PGlite's database (which share the refresh's one thread) run on both cores"
    : "plan and classify the next page while the database applies this one";
  return (
    `Its work is ${format(workS, "s")} CPU-s (${cpuText(run)}) over ${format(run.wallMs / 1000, "s")} s, ${busy.toFixed(2)} of ${cores} cores busy on average; ` +
    `${cores} cores give ${format(budgetS, "s")} core-seconds in ${targetS} s` +
    (workS > budgetS
      ? `, so the target needs ${(workS / budgetS).toFixed(1)}× less work a tool and every core busy throughout. Remaining design change: ${LESS_WORK_A_TOOL}. For the overlap: ${overlap}.`
      : `: the work fits, so what is missing is overlap. Remaining design change: ${overlap}.` +
        // One thread would still carry the database, parsing and hashing (about two thirds of the work).
        (oneThread ? ` And, since that thread alone would still carry about two thirds of the work, ${LESS_WORK_A_TOOL}.` : ""))
  );
}

function cpuText(run: Pick<RunFigures, "cpuMs" | "dbCpuMs">): string {
  return `CPU ${secs(run.cpuMs)} s in the refresh process${run.dbCpuMs === undefined ? "" : ` + ${secs(run.dbCpuMs)} s in the Postgres backends`}`;
}

function log(io: BenchIo, line: string): void {
  io.stderr.write(`bench: ${line}\n`);
}

async function refreshOnce(io: BenchIo, label: string, env: NodeJS.ProcessEnv, rssFile: string): Promise<RunFigures> {
  const load = loadavg()[0]!;
  const run = await runCli(REFRESH_ARGS, env, { rssFile, parse: parseSummary });
  if (run.result.status !== "succeeded") throw new Error(`the ${label} refresh failed: ${JSON.stringify(run.result.sources)}`);
  const f = runFigures(run, load);
  log(io, `${label}: ${secs(f.wallMs)} s (run ${secs(f.durationMs)} s), ${cpuText(f)}, peak RSS ${f.peakRssMb} MB`);
  return f;
}

interface CreateFigures {
  wallMs: number;
  peakRssMb: number;
}

/**
 * Creates the catalog (`mcp-catalog migrate`) in a process of its own before the full refresh, so the
 * one-time cost of a new database (PGlite's initdb) is a figure of its own and the refresh's peak RSS
 * is the refresh's.
 */
async function createCatalog(io: BenchIo, label: string, env: NodeJS.ProcessEnv, rssFile: string): Promise<CreateFigures> {
  const run = await runCli(["migrate"], env, { rssFile, parse: () => undefined });
  if (run.code !== 0) throw new Error(`${label}: mcp-catalog migrate exited ${run.code}: ${run.stderr.trim().slice(-2000)}`);
  log(io, `${label}: ${secs(run.wallMs)} s, peak RSS ${run.peakRssMb} MB`);
  return { wallMs: Math.round(run.wallMs), peakRssMb: run.peakRssMb };
}

function worldBytes(dir: string): number {
  return statSync(join(dir, FILES.registry)).size + statSync(join(dir, FILES.glama)).size;
}

async function benchDriver(driver: Driver, world: Manifest & { dir: string }, o: Options, io: BenchIo): Promise<DriverResult> {
  const work = mkdtempSync(join(tmpdir(), `mcp-catalog-bench-${driver}-`));
  const worldDir = join(work, "world");
  cpSync(world.dir, worldDir, { recursive: true });
  const catalog = await freshCatalog(driver, o, work);
  const served = await serveWorld(worldDir);
  try {
    const env = refreshEnv({ url: served.url, catalog: catalog.ref });
    const rssFile = join(work, "rss");
    const create = await createCatalog(io, `${driver} creating the catalog`, env, rssFile);
    log(io, `${driver}: full refresh of ${world.registryNames} servers (${world.tools} tools)…`);
    const full = await refreshOnce(io, `${driver} full refresh`, env, rssFile);

    log(io, `${driver}: raw COPY of the same rows…`);
    let rows: Record<string, number>;
    let copy: CopyTiming[];
    {
      const c = await catalog.open();
      try {
        rows = await tableRows(c, WRITTEN_TABLES);
        copy = await copyBaseline(c, WRITTEN_TABLES, { tmpDir: work, ...("databaseUrl" in catalog.ref ? { databaseUrl: catalog.ref.databaseUrl } : {}) });
      } finally {
        await c.close();
      }
    }

    const nothingChanged = await refreshOnce(io, `${driver} nothing changed`, env, rssFile);
    await mutateWorld(worldDir, 0.01);
    const onePercentChanged = await refreshOnce(io, `${driver} 1% changed`, env, rssFile);

    log(io, `${driver}: risk lookups…`);
    let lookups: LookupResult;
    {
      // Warm look-ups are a server's: its PGlite optimised as `serve` has it (PGLITE_WASM_TIERING_BUDGET).
      const c = await catalog.open({ lifetime: "server" });
      try {
        lookups = await measureLookups(c, io.lookups ?? (o.quick ? 300 : 2_000));
      } finally {
        await c.close();
      }
    }
    log(io, `${driver}: tool by name over HTTP (mcp-catalog serve)…`);
    const http = await measureServedLookups(env, lookups.names, { count: o.quick ? 2_000 : 10_000, limit: SERVE_DEFAULTS.nameEntries, ...io.servedRequests });
    const runs = o.quick ? 1 : 5;
    const riskName = lookups.names[0] ?? "create_issue";
    log(io, `${driver}: CLI cold start…`);
    const help = await coldStart(["--help"], env, runs);
    const risk = await coldStart(["risk", riskName, "--json"], env, runs);
    const result = {
      driver,
      create,
      runs: { full, nothingChanged, onePercentChanged },
      rows,
      copy,
      lookups: { p50Ms: lookups.p50Ms, p99Ms: lookups.p99Ms, maxMs: lookups.maxMs, lookups: lookups.lookups, largest: lookups.largest, route: lookups.route, http },
      cli: { helpMedianMs: Math.round(help.medianMs), riskMedianMs: Math.round(risk.medianMs), runs, riskName },
    };
    return { ...result, figures: driverFigures(result, world, worldBytes(world.dir)) };
  } finally {
    await served.stop();
    await catalog.dispose();
    rmSync(work, { recursive: true, force: true });
  }
}

function driverFigures(r: Omit<DriverResult, "figures">, world: Manifest, bytes: number): Record<string, Figure> {
  const { full, nothingChanged, onePercentChanged } = r.runs;
  const pglite = r.driver === "pglite";
  // The crawl classifies the tools of the servers its pages create and the classify stage the rest:
  // the ingest is both stages, against a COPY of every row they wrote (classifications included).
  const writtenRows = WRITTEN_TABLES.reduce((n, t) => n + (r.rows[t] ?? 0), 0);
  const copyMs = r.copy.reduce((n, c) => n + c.ms, 0);
  const classifyCopyMs = r.copy.filter((c) => c.table === "classifications").reduce((n, c) => n + c.ms, 0);
  const crawlS = full.stageMs.crawl / 1000;
  const ingestS = (full.stageMs.crawl + full.stageMs.classify) / 1000;
  const ingestRate = writtenRows / ingestS;
  const copyRate = writtenRows / (copyMs / 1000);
  const written = WRITTEN_TABLES.filter((t) => r.rows[t]);
  const fullS = full.wallMs / 1000;
  const fullTarget = TARGETS.fullRefreshSeconds[r.driver];
  const sourceText = (run: RunFigures) =>
    Object.entries(run.sources)
      .map(([n, s]) => `${n} ${s.mode} ${secs(s.durationMs)} s: ${s.pages} pages (${s.notModified} answered 304), ${s.records} records parsed, ${s.unchangedRecords} of them unchanged`)
      .join("; ");
  const stages = (run: RunFigures) =>
    `process ${secs(run.wallMs)} s = start-up and opening the catalog ${secs(run.wallMs - run.durationMs)} s + crawl ${secs(run.stageMs.crawl)} s + classify ${secs(run.stageMs.classify)} s + analyze ${secs(run.stageMs.analyze)} s (+ counts and run record); ${cpuText(run)}`;
  const pgliteNote = pglite ? " PGlite runs Postgres inside the refresh's own process (WebAssembly, one thread): parsing, classifying and the database cannot overlap as they do with a Postgres server on another core." : "";

  const figures: Record<string, Figure> = {};
  figures.fullRefresh = withDetail(
    figure(`full refresh (${format(world.registryNames)} servers, ${format(world.tools)} tools)`, fullS, "s", { op: "<=", value: fullTarget }, () => {
      const floor = copyMs / 1000;
      return (
        `a raw COPY of the rows this refresh wrote takes ${format(floor, "s")} s on this database by itself ` +
        `(classifications ${format(classifyCopyMs / 1000, "s")} s of it), ` +
        `${Math.round((100 * floor) / fullTarget)}% of the ${fullTarget} s budget; the crawl and classify stages write at ${Math.round((100 * ingestRate) / copyRate)}% of COPY's rate ` +
        `and the classify stage adds ${secs(full.stageMs.classify)} s for ${format(full.tools.classified)} tools. ${cpuBudget(full, fullTarget, pglite)}${pgliteNote}${loadNote(full.loadAverage)}`
      );
    }),
    `${stages(full)}. ${sourceText(full)}.`,
  );
  figures.throughput = withDetail(figure("  servers per second", world.registryNames / fullS, "servers/s"), `${format((world.tools / fullS), "tools/s")} tools/s over the whole refresh; the crawl alone ${format(world.tools / crawlS, "tools/s")} tools/s`);
  figures.toolsPerSecond = figure("  tools per second", world.tools / fullS, "tools/s");
  figures.peakRss = withDetail(
    figure("peak RSS of the refresh", full.peakRssMb, "MB", { op: "<=", value: TARGETS.peakRssMb }, () =>
      pglite
        ? "PGlite runs Postgres inside the refresh process: its WebAssembly heap (shared buffers, caches; it grows and never shrinks) counts in the refresh's RSS. With a Postgres server the same refresh stays far lower."
        : `the pipeline holds two pages and one classify batch at a time; RSS samples over the run (MB): ${summarizeSamples(full.rssSamplesMb)}.`,
    ),
    `RSS while it ran (MB): ${summarizeSamples(full.rssSamplesMb)}`,
  );
  figures.createRss = withDetail(
    figure("peak RSS creating the catalog", r.create.peakRssMb, "MB", { op: "<=", value: TARGETS.peakRssMb }, () =>
      pglite
        ? "PGlite creates a new data directory by running initdb in a second WebAssembly instance (its own Postgres, heap and copy of the initial files) beside the first; it happens once per catalog, before any row is written, and its heap is not returned until garbage collection."
        : "the migrations on a new database.",
    ),
    `mcp-catalog migrate on a new, empty ${pglite ? "data directory" : "database"}: ${secs(r.create.wallMs)} s (not part of the full refresh's figures)`,
  );
  figures.ingestRate = withDetail(
    figure("ingest, crawl and classify stages", ingestRate, "rows/s"),
    `${format(writtenRows)} rows into ${written.join(", ")} in ${format(ingestS, "s")} s (crawl ${format(crawlS, "s")} s, classify ${secs(full.stageMs.classify)} s), fetched as ${format(bytes / 1e6, "MB")} MB of JSON`,
  );
  figures.copyRate = withDetail(
    figure("raw COPY of the same rows", copyRate, "rows/s"),
    `into empty twins with the same columns, indexes, checks and foreign keys: ${r.copy.filter((c) => c.rows).map((c) => `${c.table} ${format(c.rows)} rows ${format(c.bytes / 1e6, "MB")} MB ${format(c.ms / 1000, "s")} s`).join("; ")}`,
  );
  figures.ingestToCopy = figure("ingest ÷ COPY", ingestRate / copyRate, "×", { op: ">=", value: TARGETS.ingestToCopy }, () =>
    `COPY only parses rows, maintains indexes and checks foreign keys; the ingest also fetches and parses ${format(bytes / 1e6, "MB")} MB of JSON (records checked against their schemas), hashes every record and tool, ` +
    `resolves each record's identity against the catalog (alias and key look-ups), upserts with ON CONFLICT after reading back stored hashes, writes the tool history, ` +
    `and classifies every tool (the rules and the model, about a third of the refresh process's CPU) before writing its classification. Remaining design change: ${LESS_WORK_A_TOOL}.${pgliteNote}${loadNote(full.loadAverage)}`,
  );
  const quietS = nothingChanged.wallMs / 1000;
  figures.nothingChanged = withDetail(
    figure("refresh, nothing changed", quietS, "s", { op: "<=", value: TARGETS.nothingChangedShare * fullS }, () =>
      `${secs(nothingChanged.wallMs - nothingChanged.durationMs)} s of it is starting the process and opening the catalog; the rest is one conditional request per page: ${sourceText(nothingChanged)}. ${START_UP_ONCE}${loadNote(nothingChanged.loadAverage)}`,
    ),
    `${Math.round((100 * quietS) / fullS)}% of the full refresh (target ${TARGETS.nothingChangedShare * 100}%). ${stages(nothingChanged)}. ${sourceText(nothingChanged)}; servers ${JSON.stringify(nothingChanged.servers)}, tools ${JSON.stringify(nothingChanged.tools)}.`,
  );
  figures.onePercentChanged = withDetail(
    figure("refresh, 1% changed", onePercentChanged.wallMs / 1000, "s", { op: "<=", value: TARGETS.onePercentChangedShare * fullS }, () => {
      const pages = Object.values(onePercentChanged.sources).reduce((n, s) => n + s.pages - s.notModified, 0);
      return (
        `${secs(onePercentChanged.wallMs - onePercentChanged.durationMs)} s of it is starting the process and opening the catalog; ` +
        `a 1% change reaches most list pages (${pages} fetched whole and parsed, every record hashed, only the changed ones written), ` +
        `and the classify stage loads the classifier for the touched servers (${secs(onePercentChanged.stageMs.classify)} s). ${START_UP_ONCE}${loadNote(onePercentChanged.loadAverage)}`
      );
    }),
    `${Math.round((100 * onePercentChanged.wallMs) / full.wallMs)}% of the full refresh (target ${TARGETS.onePercentChangedShare * 100}%). ${stages(onePercentChanged)}. ${sourceText(onePercentChanged)}; servers ${JSON.stringify(onePercentChanged.servers)}, tools ${JSON.stringify(onePercentChanged.tools)}.`,
  );
  figures.riskP50 = figure("risk lookup p50", r.lookups.p50Ms, "ms");
  figures.riskP99 = withDetail(
    figure("risk lookup p99", r.lookups.p99Ms, "ms", { op: "<=", value: TARGETS.riskP99Ms }, () =>
      `the grouped summary counts every server holding the name and reads the ${SERVE_DEFAULTS.nameEntries} riskiest with their classifications: '${r.lookups.largest.name}' is held by ${r.lookups.largest.entries} servers, each tool, server and classification of them read to rank them. ${PER_NAME_SUMMARY}${pgliteNote}`,
    ),
    `${r.lookups.lookups} lookups of 200 sampled names (risk's grouped summary, in-process, warm); slowest ${format(r.lookups.maxMs, "ms")} ms; the largest answer: '${r.lookups.largest.name}', ${r.lookups.largest.entries} servers`,
  );
  const { http, route } = r.lookups;
  figures.httpP99 = withDetail(
    figure("tool by name over HTTP p99", http.p99Ms, "ms", { op: "<=", value: TARGETS.riskP99Ms }, () =>
      `the route's own query has p99 ${format(route.p99Ms, "ms")} ms in-process (p50 ${format(route.p50Ms, "ms")} ms); the server spends ${format(http.serverCpuMsPerRequest, "ms")} ms of CPU a request ` +
      `(routing, query validation, the query, JSON serialisation, the ETag's SHA-1, the HTTP exchange), so a slower tail is the server waiting its turn or collecting garbage. ${PER_NAME_SUMMARY}${pgliteNote}${loadNote(http.loadAverage)}`,
    ),
    `${http.lookups} requests of GET /api/tools?name=NAME&limit=${SERVE_DEFAULTS.nameEntries} to \`mcp-catalog serve\` (its own process, request log on) over one keep-alive connection on 127.0.0.1, after ${format(http.warmUp)} warm-up requests; ` +
      `p50 ${format(http.p50Ms, "ms")} ms, slowest ${format(http.maxMs, "ms")} ms; server CPU ${format(http.serverCpuMsPerRequest, "ms")} ms a request`,
  );
  figures.cliHelp = withDetail(figure("CLI cold start, --help", r.cli.helpMedianMs, "ms"), `median of ${r.cli.runs} runs of node bin/mcp-catalog.js --help`);
  figures.cliRisk = withDetail(figure("CLI cold start, risk NAME", r.cli.riskMedianMs, "ms"), `median of ${r.cli.runs} runs of node bin/mcp-catalog.js risk ${r.cli.riskName} --json${pglite ? " (each opens the PGlite data directory)" : ""}`);
  return figures;
}

function summarizeSamples(samples: readonly number[]): string {
  if (samples.length === 0) return "none taken";
  const pick = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * (samples.length - 1)))]!;
  return `start ${pick(0)}, 25% ${pick(0.25)}, 50% ${pick(0.5)}, 75% ${pick(0.75)}, end ${pick(1)}, max ${Math.max(...samples)}`;
}

/** Tools of the world's first Glama servers, each server's list as the classifier sees it. */
async function classifierInput(dir: string, servers: number): Promise<ToolInput[][]> {
  const out: ToolInput[][] = [];
  const rl = createInterface({ input: createReadStream(join(dir, FILES.glama), { encoding: "utf8" }), crlfDelay: Infinity });
  for await (const line of rl) {
    const tools = parseToolList(((JSON.parse(line) as { tools?: unknown[] }).tools ?? []) as unknown[]).tools;
    if (tools.length) out.push(tools);
    if (out.length >= servers) break;
  }
  rl.close();
  return out;
}

interface ScaleResult {
  driver: Driver;
  sizes: { servers: number; tools: number; seconds: number; cpuMs: number; dbCpuMs?: number; peakRssMb: number; rssSamplesMb: number[]; error?: string }[];
  figure: Figure;
}

async function benchScale(o: Options, io: BenchIo): Promise<ScaleResult> {
  const driver: Driver = o.drivers.includes("postgres") ? "postgres" : "pglite";
  const out: ScaleResult["sizes"] = [];
  for (const servers of o.scaleSizes) {
    log(io, `scale: ${servers} servers on ${driver}…`);
    const world = await generateWorld({ dir: join(tmpdir(), `mcp-catalog-bench-world-s${servers}-seed${o.seed}`), servers, seed: o.seed });
    const work = mkdtempSync(join(tmpdir(), `mcp-catalog-bench-scale-`));
    const catalog = await freshCatalog(driver, o, work);
    const served = await serveWorld(world.dir);
    try {
      const env = refreshEnv({ url: served.url, catalog: catalog.ref });
      await createCatalog(io, `scale ${servers}: creating the catalog`, env, join(work, "rss"));
      const run = await refreshOnce(io, `scale ${servers}`, env, join(work, "rss"));
      out.push({ servers, tools: world.tools, seconds: run.wallMs / 1000, cpuMs: run.cpuMs, ...(run.dbCpuMs === undefined ? {} : { dbCpuMs: run.dbCpuMs }), peakRssMb: run.peakRssMb, rssSamplesMb: run.rssSamplesMb });
    } catch (e) {
      // A size that fails (or is stopped) is reported as such; the sizes before it still count.
      out.push({ servers, tools: world.tools, seconds: NaN, cpuMs: NaN, peakRssMb: NaN, rssSamplesMb: [], error: (e as Error).message.slice(0, 500) });
      log(io, `scale ${servers}: ${(e as Error).message.slice(0, 300)}`);
    } finally {
      await served.stop();
      await catalog.dispose();
      rmSync(work, { recursive: true, force: true });
    }
  }
  const done = out.filter((s) => !s.error);
  const peaks = done.map((s) => s.peakRssMb);
  const worst = peaks.length ? Math.max(...peaks) : NaN;
  const growth = worst / Math.max(1, peaks[0] ?? 1);
  const f = figure(`peak RSS at ${done.map((s) => format(s.servers)).join(" / ")} servers`, worst, "MB", { op: "<=", value: TARGETS.peakRssMb }, () =>
    driver === "pglite" ? "PGlite's WebAssembly heap lives in the refresh process and grows with the database." : "see the sizes below.",
  );
  const flat = growth <= TARGETS.rssGrowth;
  return {
    driver,
    sizes: out,
    figure: withDetail(
      { ...f, ...(f.met && !flat ? { met: false, missedBy: `grows ${growth.toFixed(2)}× from the smallest world to the largest (flat: ≤ ${TARGETS.rssGrowth}×)` } : {}) },
      out.map((s) => (s.error ? `${format(s.servers)} servers: not measured (${s.error.slice(0, 120)})` : `${format(s.servers)} servers (${format(s.tools)} tools): ${s.peakRssMb} MB in ${format(s.seconds, "s")} s (${cpuText(s)})`)).join("; ") +
        `; growth ${growth.toFixed(2)}×`,
    ),
  };
}

export interface BenchReport {
  version: 1;
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; model: string; memoryMb: number; node: string; loadAverage: { start: number; end: number } };
  world: Manifest & { dir: string };
  options: { servers: number; quick: boolean; scale: boolean; drivers: Driver[]; seed: number };
  classifier: ClassifierBench & { runs: number; figure: Figure };
  drivers: Partial<Record<Driver, DriverResult>>;
  scale?: ScaleResult;
}

export async function runBench(o: Options, io: BenchIo, save: (partial: BenchReport) => void = () => {}): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const loadStart = loadavg()[0]!;
  log(io, `world of ${o.servers} servers (seed ${o.seed})…`);
  const world = await generateWorld({ dir: join(tmpdir(), `mcp-catalog-bench-world-s${o.servers}-seed${o.seed}`), servers: o.servers, seed: o.seed });

  log(io, "classifier alone…");
  const load = loadavg()[0]!;
  const inputs = await classifierInput(world.dir, o.quick ? 200 : 2_000);
  const seconds = io.classifierSeconds ?? (o.quick ? 1 : 3);
  const c = measureClassifier(inputs, seconds, o.quick ? 1 : 3);
  const classifier = {
    ...c,
    figure: await classifierFigure("classifier alone", inputs, c, load, `${format(c.tools)} tools classified in ${format(c.seconds, "s")} s (classifyServer, one core, the world's first Glama servers)`, o.quick ? seconds / 2 : 2),
  };

  const drivers: BenchReport["drivers"] = {};
  const cpu = cpus();
  const report = (scale?: ScaleResult): BenchReport => ({
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { cpus: cpu.length, model: cpu[0]?.model ?? "unknown", memoryMb: Math.round(totalmem() / 2 ** 20), node: process.version, loadAverage: { start: loadStart, end: loadavg()[0]! } },
    world,
    options: { servers: o.servers, quick: o.quick, scale: o.scale, drivers: o.drivers, seed: o.seed },
    classifier,
    drivers,
    ...(scale ? { scale } : {}),
  });
  // Saved after each part, so a long run stopped later still leaves what it measured.
  for (const driver of o.drivers) {
    drivers[driver] = await benchDriver(driver, world, o, io);
    save(report());
  }
  const scale = o.scale ? await benchScale(o, io) : undefined;
  return report(scale);
}

export function renderReport(r: BenchReport): string {
  const w = r.world;
  const parts = [
    `mcp-catalog bench: ${format(w.registryNames)} registry servers (${format(w.registryItems)} items), ${format(w.glamaServers)} Glama servers, ${format(w.tools)} tools; ` +
      `${r.machine.cpus} cores (${r.machine.model}), Node ${r.machine.node}, load average ${r.machine.loadAverage.start.toFixed(1)} → ${r.machine.loadAverage.end.toFixed(1)}\n`,
    table("classifier", [r.classifier.figure]),
  ];
  for (const d of ["postgres", "pglite"] as const) {
    const res = r.drivers[d];
    if (res) parts.push(table(d === "postgres" ? "Postgres (DATABASE_URL)" : "PGlite (embedded)", Object.values(res.figures)));
  }
  if (r.scale) parts.push(table(`memory as the world grows (${r.scale.driver})`, [r.scale.figure]));
  return parts.join("\n");
}

/** Runs the bench with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: BenchIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(argv, io.env);
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) {
      io.stderr.write(`bench: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (options === "help") {
    io.stdout.write(USAGE);
    return 0;
  }
  if (options === "classifier") return runClassifierBench([], (s) => io.stdout.write(s));
  if ("workers" in options) return mainWorkers(options, io);
  if ("npm" in options) return mainNpm(options, io);
  if (options.scaleOnly) return mainScale(options, io);
  try {
    mkdirSync(options.out, { recursive: true });
    const fileOf = (r: BenchReport) => join(options.out, `${r.startedAt.replace(/[:.]/g, "-")}.json`);
    const save = (r: BenchReport) => writeFileSync(fileOf(r), `${JSON.stringify(r, null, 2)}\n`);
    const report = await runBench(options, io, save);
    save(report);
    const file = fileOf(report);
    io.stdout.write(options.json ? `${JSON.stringify(report)}\n` : renderReport(report));
    log(io, `figures written to ${file}`);
    return 0;
  } catch (e) {
    io.stderr.write(`bench: ${(e as Error).message}\n`);
    if (debugOn(io.env)) io.stderr.write(`${(e as Error).stack}\n`);
    return 1;
  }
}

/** Writes a side bench's figures to OUT/<name>-<time>.json and prints them (the table, or the JSON with --json). */
function publish(io: BenchIo, o: { out: string; name: string; startedAt: string; options: object; result: object; json: boolean; text: string }): number {
  mkdirSync(o.out, { recursive: true });
  const file = join(o.out, `${o.name}-${o.startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify({ version: 1, startedAt: o.startedAt, options: o.options, ...o.result }, null, 2)}\n`);
  io.stdout.write(o.json ? `${JSON.stringify(o.result)}\n` : o.text);
  log(io, `figures written to ${file}`);
  return 0;
}

async function mainScale(o: Options, io: BenchIo): Promise<number> {
  try {
    const startedAt = new Date().toISOString();
    const result = await benchScale(o, io);
    const text = table(`memory as the world grows (${result.driver})`, [result.figure]);
    return publish(io, { out: o.out, name: "scale", startedAt, options: { sizes: o.scaleSizes, seed: o.seed }, result, json: o.json, text });
  } catch (e) {
    io.stderr.write(`bench: ${(e as Error).message}\n`);
    return 1;
  }
}

async function mainNpm(o: NpmMode, io: BenchIo): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), "mcp-catalog-bench-npm-"));
  try {
    const startedAt = new Date().toISOString();
    const catalog = await freshCatalog(o.driver, o, work);
    let runs;
    try {
      log(io, `npm source: ${o.npm.packages} packages on ${o.driver}…`);
      runs = await benchNpmSource(o.npm, catalog.ref, work, (line) => log(io, line));
    } finally {
      await catalog.dispose();
    }
    const result = { driver: o.driver, runs, figures: npmFigures(o.npm, runs) };
    return publish(io, { out: o.out, name: "npm", startedAt, options: o.npm, result, json: o.json, text: renderNpm(o.npm, runs) });
  } catch (e) {
    io.stderr.write(`bench: ${(e as Error).message}\n`);
    return 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function mainWorkers(o: { workers: WorkersOptions; json: boolean; out: string }, io: BenchIo): Promise<number> {
  try {
    const startedAt = new Date().toISOString();
    const result = await benchWorkers(o.workers, io);
    return publish(io, { out: o.out, name: "workers", startedAt, options: o.workers, result, json: o.json, text: renderWorkers(o.workers, result) });
  } catch (e) {
    io.stderr.write(`bench: ${(e as Error).message}\n`);
    return 1;
  }
}

runAsScript(import.meta.url, "bench", main);
