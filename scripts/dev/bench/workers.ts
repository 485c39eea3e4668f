// `npm run bench -- --workers`: live listing on the queue with 1, 2 and 4 worker processes against
// 300 loopback MCP servers that answer after 200 ms, at the same per-worker concurrency; throughput
// and its scaling beside the targets.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { openCatalog } from "../../../db/client.js";
import { listingJobWindow, QUEUE_SCHEMA } from "../../../db/listing-jobs.js";
import { createScratchDatabase } from "../../../db/scratch.js";
import { LISTING_QUEUES } from "../../../crawler/listing-queue.js";
import { figure, format, table, withDetail, type Figure } from "./report.js";
import { projectRoot } from "../../project-root.js";

export const WORKER_TARGETS = { twoWorkers: 1.8, fourWorkers: 3 };

export interface WorkersOptions {
  databaseUrl: string;
  servers: number;
  delayMs: number;
  workerCounts: number[];
  /** Listings in hand per worker, the same for every run. */
  concurrency: number;
}

export interface WorkersRun {
  workers: number;
  listed: number;
  /** From the first job taken to the last job completed (pg-boss's own timestamps). */
  listingSeconds: number;
  /** From starting the workers to the last one exiting (includes start-up and drain detection). */
  wallSeconds: number;
  serversPerSecond: number;
  loadAverage: number;
  /** CPU the worker processes used, together (user + system). */
  cpuSeconds: number;
}

interface Io {
  stderr: { write(s: string): unknown };
}

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(projectRoot(), "bin/mcp-catalog.js"), ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

async function startFleet(o: WorkersOptions): Promise<{ registryUrl: string; stop(): void }> {
  const child = spawn(process.execPath, [join(projectRoot(), "dist/scripts/dev/bench/mcp-fleet.js"), String(o.servers), String(o.delayMs)], { stdio: ["pipe", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the MCP fleet exited (${code}) before listening`)));
  });
  return { registryUrl: (JSON.parse(line) as { registryUrl: string }).registryUrl, stop: () => child.stdin.end() };
}

async function oneRun(o: WorkersOptions, registryUrl: string, workers: number, io: Io): Promise<WorkersRun> {
  const db = await createScratchDatabase(o.databaseUrl, "mcp_catalog_bench_workers");
  try {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      DATABASE_URL: db.url,
      REGISTRY_URL: registryUrl,
      GLAMA_URL: "http://127.0.0.1:9",
      CATALOG_ALLOW_PRIVATE_NETWORK: "1",
      CATALOG_INTROSPECT: "remote",
      CATALOG_QUEUE_POLL_SECONDS: "1",
    };
    const queued = await cli(["refresh", "--sources", "registry", "--queue"], env);
    if (queued.code !== 0) throw new Error(`refresh --queue failed: ${queued.stderr.trim()}`);
    const load = loadavg()[0]!;
    const started = Date.now();
    const ends = await Promise.all(Array.from({ length: workers }, () => cli(["worker", "--once", "--modes", "remote", "--concurrency", String(o.concurrency)], env)));
    const wallSeconds = (Date.now() - started) / 1000;
    const failed = ends.find((e) => e.code !== 0);
    if (failed) throw new Error(`a worker failed: ${failed.stderr.trim()}`);
    // Each worker says the CPU it used when it stops: how much of the machine the fleet actually got.
    const cpuSeconds = ends.reduce((sum, e) => sum + Number(/cpu ([\d.]+) s/.exec(e.stderr)?.[1] ?? NaN), 0);
    const catalog = await openCatalog({ databaseUrl: db.url, dataDir: "unused", migrate: false });
    try {
      const w = await listingJobWindow(catalog.db, QUEUE_SCHEMA, LISTING_QUEUES.remote);
      const run = { workers, listed: w.completed, listingSeconds: w.seconds, wallSeconds, serversPerSecond: w.completed / Math.max(w.seconds, 0.001), loadAverage: load, cpuSeconds };
      io.stderr.write(`bench: ${workers} worker${workers > 1 ? "s" : ""}: ${w.completed} servers listed in ${format(w.seconds, "s")} s (${format(run.serversPerSecond, "/s")}/s; ${format(wallSeconds, "s")} s wall)\n`);
      return run;
    } finally {
      await catalog.close();
    }
  } finally {
    await db.drop();
  }
}

export async function benchWorkers(o: WorkersOptions, io: Io): Promise<{ runs: WorkersRun[]; figures: Figure[] }> {
  const fleet = await startFleet(o);
  const runs: WorkersRun[] = [];
  try {
    for (const n of o.workerCounts) runs.push(await oneRun(o, fleet.registryUrl, n, io));
  } finally {
    fleet.stop();
  }
  const base = runs.find((r) => r.workers === 1);
  const figures: Figure[] = runs.map((r) =>
    withDetail(figure(`${r.workers} worker${r.workers > 1 ? "s" : ""}: throughput`, r.serversPerSecond, "servers/s"), `${r.listed} listed in ${format(r.listingSeconds, "s")} s of listing, ${format(r.wallSeconds, "s")} s wall; the workers used ${format(r.cpuSeconds, "s")} s of CPU (${format(r.cpuSeconds / r.wallSeconds)} cores, ${format((r.cpuSeconds * 1000) / Math.max(r.listed, 1), "ms")} ms a listing); load average ${r.loadAverage.toFixed(1)}`),
  );
  for (const [n, target] of [[2, WORKER_TARGETS.twoWorkers], [4, WORKER_TARGETS.fourWorkers]] as const) {
    const r = runs.find((x) => x.workers === n);
    if (!base || !r) continue;
    const scaling = r.serversPerSecond / base.serversPerSecond;
    figures.push(
      figure(`scaling 1 → ${n} workers`, scaling, "×", { op: ">=", value: target }, () => {
        const idealSeconds = (o.servers / (n * o.concurrency)) * 2 * (o.delayMs / 1000);
        return (
          `each listing is two requests that wait ${o.delayMs} ms, so ${n} workers × ${o.concurrency} could list ${o.servers} servers in ~${format(idealSeconds, "s")} s; ` +
          `they took ${format(r.listingSeconds, "s")} s because they were short of CPU, not of work: together they got ${format(r.cpuSeconds / r.wallSeconds)} of ${cpus().length} cores ` +
          `(${format((r.cpuSeconds * 1000) / Math.max(r.listed, 1), "ms")} ms of CPU a listing) under a load average of ${r.loadAverage.toFixed(1)}, shared with Postgres and everything else on the machine`
        );
      }),
    );
  }
  return { runs, figures };
}

export function renderWorkers(o: WorkersOptions, r: { figures: Figure[] }): string {
  return table(`live listing on the queue: ${o.servers} loopback servers answering after ${o.delayMs} ms, ${o.concurrency} listings per worker (Postgres)`, r.figures);
}
