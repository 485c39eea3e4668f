// The benchmark's child processes: the synthetic world (generated, served, mutated) and the CLI whose
// time and memory are measured, each in a process of its own so its CPU and memory are not ours.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { RefreshSummary } from "../../../crawler/refresh.js";
import type { Manifest } from "../world/files.js";
import { projectRoot } from "../../project-root.js";


const GEN_WORLD = () => join(projectRoot(), "dist", "scripts", "dev", "world", "main.js");
export const CLI = () => join(projectRoot(), "bin", "mcp-catalog.js");

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function finished(child: ChildProcess, started: number): Promise<Finished> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr?.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

async function runNode(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Finished> {
  const started = performance.now();
  return finished(spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] }), started);
}

function lastLine(text: string): string {
  return text.trim().split("\n").pop() ?? "";
}

/** Generates the world for `servers` (or reuses an unchanged one already in `dir`). */
export async function generateWorld(o: { dir: string; servers: number; seed: number }): Promise<Manifest & { dir: string }> {
  const args = [GEN_WORLD(), "--servers", String(o.servers), "--seed", String(o.seed), "--out", o.dir, "--json"];
  let r = await runNode(args);
  if (r.code !== 0) throw new Error(`gen-world failed (${r.code}): ${r.stderr.trim()}`);
  let manifest = JSON.parse(lastLine(r.stdout)) as Manifest & { dir: string };
  if (manifest.mutations > 0) {
    // A world someone changed is not the world the figures are about.
    r = await runNode([...args, "--force"]);
    if (r.code !== 0) throw new Error(`gen-world failed (${r.code}): ${r.stderr.trim()}`);
    manifest = JSON.parse(lastLine(r.stdout)) as Manifest & { dir: string };
  }
  return manifest;
}

/** Changes `fraction` of the world in `dir` (a server already serving it picks the change up). */
export async function mutateWorld(dir: string, fraction: number): Promise<void> {
  const r = await runNode([GEN_WORLD(), "--out", dir, "--mutate", String(fraction), "--json"]);
  if (r.code !== 0) throw new Error(`gen-world --mutate failed (${r.code}): ${r.stderr.trim()}`);
}

export interface ServedWorld {
  url: string;
  stop(): Promise<void>;
}

/** Serves the world in `dir` from a child process on 127.0.0.1. */
export async function serveWorld(dir: string): Promise<ServedWorld> {
  const child = spawn(process.execPath, [GEN_WORLD(), "--out", dir, "--serve", "--json"], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      out += s;
      const nl = out.indexOf("\n");
      if (nl >= 0) {
        try {
          resolve((JSON.parse(out.slice(0, nl)) as { url: string }).url);
        } catch (e) {
          reject(e as Error);
        }
      }
    });
    child.once("close", (code) => reject(new Error(`the world server exited (${code}) before serving: ${stderr.trim()}`)));
    child.once("error", reject);
  });
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

// Loaded into the measured process: on exit, its own peak RSS in KiB and its CPU time (user + system, all
// its threads) in ms, as JSON. VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss across exec from
// the forked parent, so a child of a large bench process would report the bench's size.
const RSS_PROBE = `data:text/javascript,${encodeURIComponent(
  'import{readFileSync,writeFileSync}from"node:fs";process.on("exit",()=>{const f=process.env.MCP_CATALOG_BENCH_RSS_FILE;if(!f)return;let kb;try{kb=Number(/VmHWM:\\s+(\\d+) kB/.exec(readFileSync("/proc/self/status","utf8"))?.[1])}catch{}const c=process.cpuUsage();writeFileSync(f,JSON.stringify({kb:kb||process.resourceUsage().maxRSS,cpuMs:(c.user+c.system)/1000}))})',
)}`;

export interface MeasuredRun<T> {
  result: T;
  code: number | null;
  stderr: string;
  wallMs: number;
  /** The process's peak resident set (MiB), as it reported on exit. */
  peakRssMb: number;
  /** Resident set sampled while it ran (MiB), to show it stays flat. */
  rssSamplesMb: number[];
  /** The process's CPU time (user + system, ms), as it reported on exit. */
  cpuMs: number;
  /** With DATABASE_URL: the CPU time (ms) of the Postgres backends serving its database while it ran. */
  dbCpuMs?: number;
}

function vmRssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, all threads) of process `pid` so far, in ms; throws once it has ended. */
export function processCpuMs(pid: number): number {
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in ticks.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ is 100 on Linux
}

/**
 * CPU time of the Postgres backends serving `database`, found by their process title ("postgres: …
 * USER DATABASE HOST(PORT) STATE") on this machine. Sampled while the measured process runs; each
 * backend's last sample counts, so up to one interval of a backend's work at its end is missed. The
 * backends already found are read at every sample; /proc is searched for new ones at every fourth once
 * one is found, at every sample before (a search reads every process's command line: about 7 ms of CPU
 * on a busy machine).
 */
function backendSampler(database: string): { sample(): void; totalMs(): number } {
  const cpuMs = new Map<number, number>();
  const title = new RegExp(`^postgres: .*\\s${database.replace(/[^\w]/g, "\\$&")}\\s`);
  let samples = 0;
  const read = (pid: number) => {
    try {
      cpuMs.set(pid, processCpuMs(pid));
    } catch {
      // The backend ended: its last sample stands.
    }
  };
  return {
    sample() {
      for (const pid of cpuMs.keys()) read(pid);
      // Until the first backend is found, every sample searches: a short refresh can end before the fourth.
      if (samples++ % 4 !== 0 && cpuMs.size > 0) return;
      for (const entry of readdirSync("/proc")) {
        if (!/^\d+$/.test(entry) || cpuMs.has(Number(entry))) continue;
        try {
          if (title.test(readFileSync(`/proc/${entry}/cmdline`, "utf8"))) read(Number(entry));
        } catch {
          // Ended between listing and reading.
        }
      }
    },
    totalMs: () => [...cpuMs.values()].reduce((n, t) => n + t, 0),
  };
}

/** Runs `mcp-catalog ARGS` with `env`, measuring wall time, CPU time and peak RSS (and with DATABASE_URL the database backends' CPU). */
export async function runCli<T>(args: string[], env: NodeJS.ProcessEnv, o: { rssFile: string; parse: (stdout: string) => T; sampleMs?: number }): Promise<MeasuredRun<T>> {
  rmSync(o.rssFile, { force: true });
  const backends = env.DATABASE_URL ? backendSampler(decodeURIComponent(new URL(env.DATABASE_URL).pathname.slice(1))) : undefined;
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", RSS_PROBE, CLI(), ...args], {
    env: { ...env, MCP_CATALOG_BENCH_RSS_FILE: o.rssFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const samples: number[] = [];
  const timer = setInterval(() => {
    const mb = child.pid ? vmRssMb(child.pid) : undefined;
    if (mb !== undefined) samples.push(Math.round(mb));
    backends?.sample();
  }, o.sampleMs ?? 250);
  const done = await finished(child, started).finally(() => clearInterval(timer));
  const probe = existsSync(o.rssFile) ? (JSON.parse(readFileSync(o.rssFile, "utf8")) as { kb: number; cpuMs: number }) : { kb: NaN, cpuMs: NaN };
  let result: T;
  try {
    result = o.parse(done.stdout);
  } catch (e) {
    throw new Error(`mcp-catalog ${args.join(" ")} exited ${done.code} without the expected output (${(e as Error).message}): ${done.stderr.trim().slice(-2000)}`);
  }
  return {
    result,
    code: done.code,
    stderr: done.stderr,
    wallMs: done.ms,
    peakRssMb: Math.round(probe.kb / 1024),
    rssSamplesMb: samples,
    cpuMs: Math.round(probe.cpuMs),
    ...(backends ? { dbCpuMs: Math.round(backends.totalMs()) } : {}),
  };
}

/** The environment a refresh against the served world runs with. */
export function refreshEnv(o: { url: string; catalog: { databaseUrl: string } | { dataDir: string } }): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    ...("databaseUrl" in o.catalog ? { DATABASE_URL: o.catalog.databaseUrl } : { CATALOG_DATA_DIR: o.catalog.dataDir }),
    REGISTRY_URL: o.url,
    GLAMA_URL: o.url,
    CATALOG_ALLOW_PRIVATE_NETWORK: "1",
    CATALOG_INTROSPECT: "none",
    // The world is ours, on loopback: politeness would only measure the rate limit.
    CATALOG_HTTP_PER_HOST_RATE: "100000",
  };
}

export const REFRESH_ARGS = ["refresh", "--sources", "registry,glama", "--introspect", "none", "--json"];

export function parseSummary(stdout: string): RefreshSummary {
  return JSON.parse(lastLine(stdout)) as RefreshSummary;
}

/** Median wall time (ms) of `runs` runs of `mcp-catalog ARGS`. */
export async function coldStart(args: string[], env: NodeJS.ProcessEnv, runs: number): Promise<{ medianMs: number; runsMs: number[]; code: number | null }> {
  const times: number[] = [];
  let code: number | null = 0;
  for (let i = 0; i < runs; i++) {
    const r = await runNode([CLI(), ...args], env);
    times.push(r.ms);
    code = r.code;
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)]!, runsMs: times.map((t) => Math.round(t)), code };
}
