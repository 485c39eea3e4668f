// A child process of the workers benchmark: N MCP servers on 127.0.0.1 (one port each, so one host
// each) that answer every request after a fixed delay, and a registry naming them all. Prints
// {"registryUrl": …} on stdout when listening; exits when its stdin closes.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const count = Number(process.argv[2] ?? 300);
const delayMs = Number(process.argv[3] ?? 200);
const TOOLS = ["read_item", "list_items", "create_item", "delete_item", "run_query"];

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A stateless 2026-07-28 server: server/discover, then tools/list; every answer after `delayMs`. */
function mcpServer(i: number) {
  const serverInfo = { "io.modelcontextprotocol/serverInfo": { name: `bench-${i}`, version: "1.0.0" } };
  return async (req: IncomingMessage, res: ServerResponse) => {
    const msg = JSON.parse((await body(req)) || "{}") as { id?: string | number; method?: string };
    const reply = (payload: Record<string, unknown>) => {
      setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id: msg.id, ...payload })), delayMs);
    };
    if (msg.method === "server/discover") return reply({ result: { resultType: "complete", supportedVersions: ["2026-07-28"], capabilities: { tools: {} }, _meta: serverInfo } });
    if (msg.method === "tools/list") {
      const tools = TOOLS.map((t) => ({ name: `${t}_${i}`, description: `${t.replace("_", " ")} number ${i}.`, inputSchema: { type: "object", properties: { id: { type: "string" } } } }));
      return reply({ result: { resultType: "complete", tools, _meta: serverInfo } });
    }
    if (msg.id === undefined) return void res.writeHead(202).end();
    reply({ error: { code: -32601, message: "Method not found" } });
  };
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>): Promise<string> {
  const server = createServer((req, res) => void Promise.resolve(handler(req, res)).catch(() => res.destroy()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const urls: string[] = [];
for (let i = 0; i < count; i++) urls.push(await listen(mcpServer(i)));
const at = "2025-11-01T00:00:00Z";
const items = urls.map((url, i) => ({
  server: { name: `io.bench/server-${i}`, description: `Benchmark server ${i}.`, version: "1.0.0", remotes: [{ type: "streamable-http", url: `${url}/mcp` }] },
  _meta: { "io.modelcontextprotocol.registry/official": { status: "active", publishedAt: at, updatedAt: at, isLatest: true } },
}));
const registryUrl = await listen((req, res) => {
  if (!req.url?.startsWith("/v0.1/servers")) return void res.writeHead(404).end();
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ servers: items, metadata: { count: items.length } }));
});
process.stdout.write(`${JSON.stringify({ registryUrl })}\n`);
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
