// The listing queue's tests: a registry replay whose servers are MCP servers on 127.0.0.1, worker
// processes of the real CLI against a scratch Postgres database, and what they leave behind.
import { spawn, type ChildProcess } from "node:child_process";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import postgres from "postgres";
import { z } from "zod";
import type { ScratchDatabase } from "../../db/scratch.js";
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

/** What a queue test leaves running: its workers killed, its servers closed, its scratch database dropped. */
export async function closeQueueWorld(w: { workers: readonly WorkerProcess[]; servers: readonly LocalServer[]; registry?: RegistryReplay; db?: ScratchDatabase }): Promise<void> {
  for (const worker of w.workers) worker.child.kill("SIGKILL");
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
    CATALOG_INTROSPECT_CONNECT_TIMEOUT_MS: "3000",
    CATALOG_INTROSPECT_REQUEST_TIMEOUT_MS: "3000",
    CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS: "5000",
    CATALOG_QUEUE_RETRY_LIMIT: "2",
    CATALOG_QUEUE_RETRY_DELAY_SECONDS: "1",
    CATALOG_QUEUE_EXPIRE_SECONDS: "4",
    CATALOG_QUEUE_POLL_SECONDS: "1",
    CATALOG_QUEUE_MAINTENANCE_SECONDS: "1",
    CATALOG_WORKER_GRACE_SECONDS: "1",
    ...extra,
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

/** `mcp-catalog worker …` as its own process, the way it runs on a machine of the fleet. */
export function startWorker(args: string[], env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ["bin/mcp-catalog.js", "worker", ...args], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { child, exited, stderr: () => err };
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
