// The listing queue's tests: a registry replay whose servers are MCP servers on 127.0.0.1, workers of the real CLI
// (processes where a test kills or signals one, else in this process) against a scratch Postgres database, and what
// they leave behind.
import { spawn, type ChildProcess } from "node:child_process";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import postgres from "postgres";
import { z } from "zod";
import type { ScratchDatabase } from "../../db/scratch.js";
import { runCli } from "../helpers/cli.js";
import type { LocalServer } from "../helpers/local-server.js";
import type { RegistryItem, RegistryReplay } from "../helpers/registry-replay.js";
import { startRawLegacyServer } from "../enumerate/servers.js";

export const HAS_POSTGRES = !!process.env.DATABASE_URL;
if (!HAS_POSTGRES) console.warn("tests/queue: skipped — the listing queue needs Postgres; set DATABASE_URL to run them");

export function registryItem(name: string, url: string): RegistryItem {
  const at = "2025-11-01T00:00:00Z";
  return {
    server: { name, description: `Test server ${name}.`, version: "1.0.0", remotes: [{ type: "streamable-http", url }] },
    _meta: { "io.modelcontextprotocol.registry/official": { status: "active", publishedAt: at, updatedAt: at, isLatest: true } },
  } as RegistryItem;
}

/** A small real server: `n` tools named after it, one of them destructive. */
export function toolServer(name: string, n = 3): () => McpServer {
  return () => {
    const server = new McpServer({ name, version: "1.0.0" });
    const ok = async () => ({ content: [] });
    for (let i = 0; i < n; i++) {
      const destructive = i === n - 1;
      server.registerTool(`${destructive ? "delete" : "read"}_${name.replace(/\W/g, "_")}_${i}`, { description: destructive ? `Delete ${name} item ${i} for good.` : `Read ${name} item ${i}.`, inputSchema: { id: z.string() }, annotations: destructive ? { destructiveHint: true } : { readOnlyHint: true } }, ok);
    }
    return server;
  };
}

/** A server that crashes every connection it gets: its listing is retried, then dead-lettered. */
export function startCrashingServer(): Promise<LocalServer> {
  return startRawLegacyServer({ takeOver: (_m, req) => (req.socket.destroy(), true) });
}

/** What a queue test leaves running: its workers ended, its servers closed, its scratch database dropped. */
export async function closeQueueWorld(w: { workers: readonly Worker[]; servers: readonly LocalServer[]; registry?: RegistryReplay; db?: ScratchDatabase }): Promise<void> {
  await Promise.all(w.workers.map((worker) => worker.end()));
  await Promise.all(w.servers.map((s) => s.close()));
  await w.registry?.close();
  await w.db?.drop();
}

/** Environment for the CLI against `databaseUrl`: fast queue settings, loopback allowed, nothing else reached. */
export function queueEnv(databaseUrl: string, registryUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REGISTRY_URL: registryUrl,
    GLAMA_URL: "http://127.0.0.1:9",
    SMITHERY_URL: "http://127.0.0.1:9",
    CATALOG_ALLOW_PRIVATE_NETWORK: "1",
    CATALOG_INTROSPECT: "remote",
    // Listings end before their jobs expire (a queue command refuses an expiry a listing may outlast): stdio's 3.5 s.
    CATALOG_INTROSPECT_CONNECT_TIMEOUT_MS: "3000",
    CATALOG_INTROSPECT_REQUEST_TIMEOUT_MS: "3000",
    CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS: "3000",
    CATALOG_STDIO_INSTALL_TIMEOUT_MS: "500",
    CATALOG_QUEUE_RETRY_LIMIT: "2",
    CATALOG_QUEUE_RETRY_DELAY_SECONDS: "1",
    CATALOG_QUEUE_EXPIRE_SECONDS: "4",
    CATALOG_QUEUE_POLL_SECONDS: "1",
    CATALOG_QUEUE_MAINTENANCE_SECONDS: "1",
    CATALOG_WORKER_GRACE_SECONDS: "1",
    ...extra,
  };
}

export interface Worker {
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
  /** Stops it as SIGTERM does: no new job, the jobs in hand given their grace. */
  stop(): void;
  /** Ends it for good once the test is done: a process killed, a worker in this process stopped and awaited. */
  end(): Promise<void>;
}

export interface WorkerProcess extends Worker {
  child: ChildProcess;
}

/** `mcp-catalog worker …` as its own process, the way it runs on a machine of the fleet: for a test that kills it or signals it. */
export function startWorker(args: string[], env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ["bin/mcp-catalog.js", "worker", ...args], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return {
    child,
    exited,
    stderr: () => err,
    stop: () => void child.kill("SIGTERM"),
    end: async () => void child.kill("SIGKILL"),
  };
}

/**
 * `mcp-catalog worker …` in this process (the CLI's main, as tests/helpers/cli.ts runs it), stopped by the abort the
 * binary turns SIGTERM into: the same worker without a process to start (a second of CPU each), for a test about what
 * the worker does rather than about its process. Its listings, queue and host slots go through its own connections.
 */
export function runWorkerHere(args: string[], env: Record<string, string>): Worker {
  const controller = new AbortController();
  let err = "";
  const exited = runCli(["worker", ...args], env, { signal: controller.signal, onStderr: (s) => void (err += s) }).then((r) => ({ code: r.code, signal: null }));
  const stop = () => controller.abort(new Error("interrupted by SIGTERM"));
  return {
    exited,
    stderr: () => err,
    stop,
    async end() {
      stop();
      await exited;
    },
  };
}

export async function waitFor(what: string | (() => string), ok: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === "string" ? what : what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Rows of a query against the scratch database (what the tests check, read the way a person would with psql). */
export async function rows<T>(databaseUrl: string, query: string): Promise<T[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    return (await sql.unsafe(query)) as unknown as T[];
  } finally {
    await sql.end();
  }
}
