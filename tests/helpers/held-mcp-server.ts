// An MCP server of the SDK's own 2.x classes on 127.0.0.1, in either protocol era, whose tools/list a test may hold:
// unanswered until released, with a promise that resolves as the request arrives (a test acts then, not after a wait).
import { getRequestListener } from "@hono/node-server";
import { createMcpHandler, legacyStatelessFallback, Server } from "@modelcontextprotocol/server";
import { startLocalServer, type LocalServer } from "./local-server.js";

/** modern: 2026-07-28 only (a 2025 initialize is refused); legacy: 2025 stateless Streamable HTTP only. */
export type McpEra = "modern" | "legacy";

export interface HeldMcpServer extends LocalServer {
  /** The endpoint a registry entry names as its streamable-http remote. */
  endpoint: string;
  /** Resolves when a tools/list arrives (when held, it is then waiting for release()). */
  listing: Promise<void>;
  /** Answers every held tools/list and the ones after it. */
  release(): void;
}

/** The tools every server here lists: three, so a stored listing shows in the catalog's counts. */
export const HELD_SERVER_TOOLS = ["read_record", "update_record", "delete_record"];

export async function startHeldMcpServer(o: { era: McpEra; hold: boolean }): Promise<HeldMcpServer> {
  let arrived!: () => void;
  const listing = new Promise<void>((resolve) => (arrived = resolve));
  let release!: () => void;
  const released = o.hold ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  if (!o.hold) release = () => undefined;
  const make = () => {
    const server = new Server({ name: `held-${o.era}`, version: "1.0.0" }, { capabilities: { tools: {} } });
    server.setRequestHandler("tools/list", async () => {
      arrived();
      await released;
      return { tools: HELD_SERVER_TOOLS.map((name) => ({ name, description: `Tool ${name}.`, inputSchema: { type: "object" as const, properties: {} } })) };
    });
    return server;
  };
  const handler = o.era === "modern" ? createMcpHandler(make, { legacy: "reject" }).fetch : legacyStatelessFallback(make);
  const local = await startLocalServer(getRequestListener((request) => handler(request)));
  return {
    ...local,
    endpoint: `${local.url}/mcp`,
    listing,
    release,
    async close() {
      release();
      await local.close();
    },
  };
}
