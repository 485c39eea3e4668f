// The source of a minimal stdio MCP server in plain JavaScript (no SDK, so it runs from any directory and in the
// sandbox as any user): it answers initialize and tools/list line by line, and every other request with an error.
export interface ScriptServer {
  /** Statements run before the server reads anything (in a `.mjs` file, imports and top-level await too). */
  before?: string;
  /** The tools tools/list answers with. */
  tools?: unknown[];
  /** The name the server gives in its initialize result. */
  name?: string;
  /** Statements that answer an initialize request `msg` instead, or misbehave. */
  onInitialize?: string;
  /** Statements that answer a tools/list request `msg` instead, or misbehave. */
  onToolsList?: string;
}

export function scriptServer(o: ScriptServer): string {
  const initialize = `send({ jsonrpc: "2.0", id: msg.id, result: { protocolVersion: "2025-06-18", capabilities: { tools: {} }, serverInfo: { name: ${JSON.stringify(o.name ?? "fixture")}, version: "1.0.0" } } });`;
  const toolsList = `send({ jsonrpc: "2.0", id: msg.id, result: { tools: ${JSON.stringify(o.tools ?? [])} } });`;
  return `#!/usr/bin/env node
${o.before ?? ""}
const send = (m) => process.stdout.write(JSON.stringify(m) + "\\n");
let buf = "";
process.stdin.on("data", (c) => {
  buf += c;
  let i;
  while ((i = buf.indexOf("\\n")) !== -1) {
    const line = buf.slice(0, i); buf = buf.slice(i + 1);
    if (!line.trim()) continue;
    const msg = JSON.parse(line);
    if (msg.id === undefined) continue;
    if (msg.method === "initialize") {
      ${o.onInitialize ?? initialize}
    } else if (msg.method === "tools/list") {
      ${o.onToolsList ?? toolsList}
    } else send({ jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: "Method not found" } });
  }
});
`;
}
