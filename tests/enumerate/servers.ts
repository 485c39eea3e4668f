// MCP servers on 127.0.0.1 for the enumerate tests: the SDK's own (Streamable HTTP, SSE), a raw legacy one whose every answer a test writes, and a modern (2026-07-28) one.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { expect } from "vitest";
import { z } from "zod";
import { EnumerateError } from "../../crawler/mcp/errors.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";

export const limits = {
  connectTimeoutMs: 5_000,
  requestTimeoutMs: 5_000,
  totalTimeoutMs: 15_000,
  maxTools: 2_000,
  maxBytes: 8 * 1024 * 1024,
  maxPages: 100,
  maxDescriptionChars: 10_000,
};

/** The EnumerateError a listing failed with (the test fails if it did not fail, or failed otherwise). */
export async function listingFailure(p: Promise<unknown>): Promise<EnumerateError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EnumerateError);
  return e as EnumerateError;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** An McpServer with three annotated tools, like a small real server. */
export function annotatedServer(): McpServer {
  const server = new McpServer({ name: "fixture-server", version: "1.2.3" });
  const ok = async () => ({ content: [] });
  server.registerTool("list_issues", { title: "List issues", description: "List issues in a repository.", inputSchema: { repo: z.string() }, annotations: { readOnlyHint: true, openWorldHint: true } }, ok);
  server.registerTool("create_issue", { description: "Create an issue.", inputSchema: { repo: z.string(), title: z.string() }, annotations: { readOnlyHint: false, destructiveHint: false } }, ok);
  server.registerTool("delete_repo", { description: "Delete a repository for good.", inputSchema: { repo: z.string() }, annotations: { destructiveHint: true, idempotentHint: true } }, ok);
  return server;
}

type AnyServer = McpServer | Server;

/** The SDK's stateful Streamable HTTP server on /mcp (as in the SDK's own example), one MCP server per session. */
export async function startStreamableServer(make: () => AnyServer): Promise<LocalServer & { sessions: Map<string, StreamableHTTPServerTransport>; deleted: string[] }> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const deleted: string[] = [];
  const local = await startLocalServer(async (req, res) => {
    if (!req.url?.startsWith("/mcp")) return void res.writeHead(404).end();
    const sid = req.headers["mcp-session-id"];
    if (typeof sid === "string" && sessions.has(sid)) {
      if (req.method === "DELETE") deleted.push(sid);
      return sessions.get(sid)!.handleRequest(req, res);
    }
    if (req.method !== "POST") return void res.writeHead(405).end();
    const body = JSON.parse(await readBody(req)) as unknown;
    if (!isInitializeRequest(body)) {
      res.writeHead(400, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32000, message: "Bad Request: No valid session ID provided" } }));
    }
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (id) => void sessions.set(id, transport) });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await make().connect(transport);
    await transport.handleRequest(req, res, body);
  });
  return { ...local, sessions, deleted };
}

/** The SDK's HTTP+SSE server (2024-11-05): GET /sse, POST /messages; a POST to /sse is refused with 405 like an SSE-only server would. */
export async function startSseServer(make: () => AnyServer): Promise<LocalServer> {
  const transports = new Map<string, SSEServerTransport>();
  return startLocalServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/sse" && req.method === "GET") {
      const transport = new SSEServerTransport("/messages", res);
      transports.set(transport.sessionId, transport);
      res.on("close", () => transports.delete(transport.sessionId));
      await make().connect(transport);
      return;
    }
    if (url.pathname === "/messages" && req.method === "POST") {
      const t = transports.get(url.searchParams.get("sessionId") ?? "");
      if (!t) return void res.writeHead(404).end();
      return t.handlePostMessage(req, res);
    }
    res.writeHead(405).end();
  });
}

export interface RpcMessage {
  jsonrpc: "2.0";
  id?: string | number;
  method: string;
  params?: Record<string, unknown> & { cursor?: string };
}

/** A raw server's takeOver that opens a tools/list reply stream, writes half an event and drops the connection. */
export function closesMidStream(m: RpcMessage, _req: IncomingMessage, res: ServerResponse): boolean {
  if (m.method !== "tools/list") return false;
  res.writeHead(200, { "content-type": "text/event-stream" });
  res.write('event: message\ndata: {"jsonrpc":"2.0","id":');
  setTimeout(() => res.socket?.destroy(), 20);
  return true;
}

/**
 * A hand-written legacy Streamable HTTP server: answers discover with "method not found" (as a
 * stateless legacy server does), initialize with 2025-06-18, and leaves tools/list to the test,
 * which may also take over any request completely by returning true from `takeOver`.
 */
export async function startRawLegacyServer(o: {
  toolsList?: (cursor: string | undefined, n: number) => unknown;
  takeOver?: (msg: RpcMessage, req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}): Promise<LocalServer & { methods: string[]; closed: () => number }> {
  const methods: string[] = [];
  let listCalls = 0;
  let closedSockets = 0;
  const local = await startLocalServer(async (req, res) => {
    req.socket.once("close", () => void (closedSockets += 1));
    const msg = JSON.parse(await readBody(req)) as RpcMessage;
    methods.push(msg.method);
    if (o.takeOver && (await o.takeOver(msg, req, res))) return;
    const reply = (result: unknown) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ jsonrpc: "2.0", id: msg.id, result }));
    };
    if (msg.id === undefined) return void res.writeHead(202).end();
    if (msg.method === "initialize") return reply({ protocolVersion: "2025-06-18", capabilities: { tools: {} }, serverInfo: { name: "raw", version: "0.0.1" } });
    if (msg.method === "tools/list" && o.toolsList) return reply(o.toolsList(msg.params?.cursor, ++listCalls));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: "Method not found" } }));
  });
  return { ...local, methods, closed: () => closedSockets };
}

export const tool = (name: string, extra: Record<string, unknown> = {}) => ({ name, description: `Tool ${name}.`, inputSchema: { type: "object", properties: {} }, ...extra });

// ---------------------------------------------------------------------------------------------
// The modern (2026-07-28) server, built from the spec's own examples.

// Copied verbatim from schema/2026-07-28/examples/ of modelcontextprotocol/modelcontextprotocol (see research/sources.md §8).
const EXAMPLES = fileURLToPath(new URL("./fixtures/", import.meta.url));
const example = (file: string) => JSON.parse(readFileSync(join(EXAMPLES, file), "utf8")) as Record<string, unknown>;

export interface ModernRequestLog {
  method: string;
  headers: Record<string, string | undefined>;
  meta: Record<string, unknown> | undefined;
  cursor?: string;
}

/**
 * A stateless 2026-07-28 Streamable HTTP server: checks MCP-Protocol-Version / Mcp-Method against
 * the body (-32020 on mismatch), refuses a missing or old version with -32022 (so a legacy
 * initialize is refused), answers server/discover and pages tools/list (page 2 as an SSE stream).
 */
export async function startModernServer(o: { discover?: boolean } = {}): Promise<LocalServer & { log: ModernRequestLog[] }> {
  const log: ModernRequestLog[] = [];
  const discoverResult = (example("DiscoverResultResponse__discover-result-response.json").result ?? {}) as Record<string, unknown>;
  const page1 = (example("ListToolsResultResponse__list-tools-result-response.json").result ?? {}) as Record<string, unknown>;
  const secondTool = example("Tool__with-no-parameters.json");
  const serverInfo = { "io.modelcontextprotocol/serverInfo": { name: "ExampleServer", version: "1.0.0" } };
  const local = await startLocalServer(async (req, res) => {
    const msg = JSON.parse(await readBody(req)) as RpcMessage;
    const meta = msg.params?._meta as Record<string, unknown> | undefined;
    const header = (k: string) => (typeof req.headers[k] === "string" ? (req.headers[k] as string) : undefined);
    log.push({ method: msg.method, headers: { version: header("mcp-protocol-version"), method: header("mcp-method"), session: header("mcp-session-id") }, meta, ...(msg.params?.cursor ? { cursor: msg.params.cursor } : {}) });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const version = meta?.["io.modelcontextprotocol/protocolVersion"];
    if (version !== "2026-07-28") {
      const err = example("UnsupportedProtocolVersionError__unsupported-version.json");
      return send(400, { ...err, id: msg.id ?? null, error: { ...(err.error as object), data: { supported: ["2026-07-28"], requested: version ?? (msg.params?.protocolVersion as string) ?? null } } });
    }
    if (header("mcp-protocol-version") !== "2026-07-28" || header("mcp-method") !== msg.method) {
      return send(400, { ...example("HeaderMismatchError__header-mismatch.json"), id: msg.id });
    }
    if (msg.method === "server/discover") {
      if (o.discover === false) return send(200, { jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: "Method not found" } });
      return send(200, { jsonrpc: "2.0", id: msg.id, result: discoverResult });
    }
    if (msg.method === "tools/list" && !msg.params?.cursor) return send(200, { jsonrpc: "2.0", id: msg.id, result: { ...page1, _meta: serverInfo } });
    if (msg.method === "tools/list" && msg.params?.cursor === page1.nextCursor) {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: "2.0", method: "notifications/message", params: { level: "info", data: "listing" } })}\n\n`);
      res.end(`event: message\ndata: ${JSON.stringify({ jsonrpc: "2.0", id: msg.id, result: { resultType: "complete", tools: [secondTool], ttlMs: 300000, cacheScope: "public", _meta: serverInfo } })}\n\n`);
      return;
    }
    send(200, { jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: "Method not found" } });
  });
  return { ...local, log };
}
