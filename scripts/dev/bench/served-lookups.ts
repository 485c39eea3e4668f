// Tool-by-name latency as a user of `mcp-catalog serve` sees it: the real CLI serving the catalog in a
// process of its own, asked over one keep-alive connection on 127.0.0.1 after a warm-up, with the server's
// CPU per request read from /proc so a loaded machine's turns can be told from the server's own work.
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { Client } from "undici";
import { CLI, processCpuMs } from "./processes.js";
import { timeLookups, type LatencyFigures } from "./latency.js";

export interface ServedFigures extends LatencyFigures {
  /** CPU time of the serving process per measured request (ms): its own work, whatever the load. */
  serverCpuMsPerRequest: number;
  warmUp: number;
  /** The machine's load average when the timed requests ended. */
  loadAverage: number;
}

/** Requests before the clock starts: enough for V8 to optimise the request path (the first ~2,000 run at about twice the CPU). */
export const WARM_UP_REQUESTS = 2_000;

interface Served {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** `mcp-catalog serve --port 0` with `env` (its catalog), once it says where it listens. Its request log is read and dropped, as a terminal would. */
async function serveCatalog(env: NodeJS.ProcessEnv): Promise<Served> {
  const child = spawn(process.execPath, [CLI(), "serve", "--port", "0"], { env, stdio: ["ignore", "ignore", "pipe"] });
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  let stderr = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      if (stderr.length < 10_000) stderr += s;
      const m = / on (http:\/\/\S+)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    child.once("close", (code) => reject(new Error(`mcp-catalog serve exited (${code}) before listening: ${stderr.trim()}`)));
    child.once("error", reject);
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** GET /api/tools?name=NAME&limit=`limit` for each of `names` in turn: `warmUp` (default `WARM_UP_REQUESTS`), then `count` timed. */
export async function measureServedLookups(env: NodeJS.ProcessEnv, names: readonly string[], o: { count: number; limit: number; warmUp?: number }): Promise<ServedFigures> {
  const warmUp = o.warmUp ?? WARM_UP_REQUESTS;
  const served = await serveCatalog(env);
  const client = new Client(served.url, { keepAliveTimeout: 60_000 });
  try {
    const ask = async (name: string) => {
      const res = await client.request({ method: "GET", path: `/api/tools?name=${encodeURIComponent(name)}&limit=${o.limit}` });
      const body = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`GET /api/tools?name=${name}: ${res.statusCode} ${body.slice(0, 200)}`);
    };
    await timeLookups(names, 0, ask, warmUp);
    const cpuBefore = processCpuMs(served.pid);
    const timed = await timeLookups(names, o.count, ask, 0);
    const serverCpuMs = processCpuMs(served.pid) - cpuBefore;
    return { ...timed, serverCpuMsPerRequest: timed.lookups ? serverCpuMs / timed.lookups : NaN, warmUp, loadAverage: loadavg()[0]! };
  } finally {
    await client.close();
    await served.stop();
  }
}
