// What `serve` declares without asking the catalog anything: its routes, its OpenAPI document and its MCP tool list.
import type { Db } from "../../db/client.js";
import { createApp } from "../../server/app.js";

export interface ListedTool {
  name: string;
  inputSchema: { properties: Record<string, { description?: string }>; required?: string[] };
}

/** The served app over no catalog: reading its routes, /api/openapi.json or tools/list never queries one. */
export function appWithoutCatalog() {
  return createApp({ db: undefined as unknown as Db });
}

/** The tools /mcp lists, asked in-process (no socket). */
export async function listedMcpTools(app: ReturnType<typeof createApp>): Promise<ListedTool[]> {
  const response = await app.request("/mcp", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
  });
  const body = await response.text();
  // The SDK answers a POST as one server-sent event, or as plain JSON.
  return (JSON.parse(/^data: (.*)$/m.exec(body)?.[1] ?? body) as { result: { tools: ListedTool[] } }).result.tools;
}
