// A catalog whose one server's text is hostile HTML and script, crawled from a local Glama replay: for the pages' escaping tests.
import { glamaId, startGlamaReplay } from "./glama-replay.js";
import { runCli } from "./cli.js";
import { emptyCliCatalog, type CliCatalog } from "./snapshot-catalog.js";

export const HOSTILE_SERVER = "github.com/evil-corp/hostile-mcp";
/** A script that would set a global and open a dialog if the page ever ran it. */
export const HOSTILE_DESCRIPTION = `Deletes a file. <script>window.__pwned = 1; alert("pwned")</script><img src=x onerror="window.__pwned = 2; alert(2)">`;
export const HOSTILE_TOOL = "delete_file<svg onload=alert(3)>";

export async function hostileCliCatalog(): Promise<CliCatalog & { close(): Promise<void> }> {
  const tools = [
    { name: HOSTILE_TOOL, description: HOSTILE_DESCRIPTION, inputSchema: { type: "object", properties: { path: { type: "string" } } } },
    { name: "read_file", description: `Reads a file. </pre><script>window.__pwned = 3</script>`, inputSchema: { type: "object", properties: {} }, annotations: { readOnlyHint: true } },
  ];
  const server = {
    id: glamaId("evil-corp", "hostile-mcp"),
    name: `<script>alert("title")</script>Hostile`,
    namespace: "evil-corp",
    slug: "hostile-mcp",
    description: `A server. <iframe src="https://example.com"></iframe><style>body{display:none}</style>`,
    url: "https://glama.ai/mcp/servers/hostile",
    repository: { url: "https://github.com/evil-corp/hostile-mcp" },
    spdxLicense: null,
    attributes: [],
    environmentVariablesJsonSchema: null,
    tools,
  };
  const replay = await startGlamaReplay({ servers: [server] });
  const catalog = await emptyCliCatalog("pglite", { GLAMA_URL: replay.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
  const r = await runCli(["refresh", "--sources", "glama", "--json"], catalog.env);
  await replay.close();
  if (r.code !== 0) throw new Error(`refresh of the hostile catalog failed: ${r.stderr}`);
  return { ...catalog, close: () => catalog.dispose() };
}
