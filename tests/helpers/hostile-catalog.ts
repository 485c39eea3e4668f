// A catalog of two hostile servers, crawled from a local Glama replay, for the pages' escaping tests: one whose text is
// HTML and script, one whose names spoof (a right-to-left override, a zero-width space) or run on without a place to break.
import { glamaId, startGlamaReplay } from "./glama-replay.js";
import { runCli } from "./cli.js";
import { envFor, migratedDataDir, templateCliCatalog, type CliCatalog } from "./snapshot-catalog.js";
import type { CatalogLocation } from "./templates.js";

export const HOSTILE_SERVER = "github.com/evil-corp/hostile-mcp";
/** A script that would set a global and open a dialog if the page ever ran it. */
export const HOSTILE_DESCRIPTION = `Deletes a file. <script>window.__pwned = 1; alert("pwned")</script><img src=x onerror="window.__pwned = 2; alert(2)">`;
export const HOSTILE_TOOL = "delete_file<svg onload=alert(3)>";

/** Its key, one unbroken run of 103 characters. */
export const SPOOF_SERVER = "github.com/evil-corp/hostile_mcp_server_whose_repository_name_runs_on_and_on_without_any_place_to_break";
/** Shows as "txt.exe" when nothing marks the override, and reverses the text after it. */
export const OVERRIDE_TOOL = "\u202eexe.txt";
export const ZERO_WIDTH_TOOL = "delete\u200bfile";
export const LONG_TOOL = `delete_${"every_single_file_of_the_workspace_".repeat(4)}now`;
const SPOOF_TOOLS = [
  { name: OVERRIDE_TOOL, description: "Reads a text file.", inputSchema: { type: "object", properties: {} }, annotations: { readOnlyHint: true } },
  { name: ZERO_WIDTH_TOOL, description: "Deletes a file.", inputSchema: { type: "object", properties: { path: { type: "string" } } } },
  { name: LONG_TOOL, description: `Deletes every file under https://example.com/${"workspace_folder_".repeat(8)}.`, inputSchema: { type: "object", properties: {} } },
];

/** The hostile catalog on PGlite: a copy of the one the run crawled first (the page and browser tests both read it). */
export function hostileCliCatalog(): Promise<CliCatalog> {
  return templateCliCatalog("pglite", "hostile", crawlHostileInto);
}

async function crawlHostileInto(location: CatalogLocation): Promise<void> {
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
  const spoof = {
    ...server,
    id: glamaId("evil-corp", "spoof-mcp"),
    name: "Spoof\u200bServer",
    slug: "spoof-mcp",
    description: "A server whose names spoof.",
    url: "https://glama.ai/mcp/servers/spoof",
    repository: { url: `https://${SPOOF_SERVER}` },
    tools: SPOOF_TOOLS,
  };
  await migratedDataDir(location.dataDir);
  const replay = await startGlamaReplay({ servers: [server, spoof] });
  try {
    const r = await runCli(["refresh", "--sources", "glama", "--json"], { ...envFor(location), GLAMA_URL: replay.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
    if (r.code !== 0) throw new Error(`refresh of the hostile catalog failed: ${r.stderr}`);
  } finally {
    await replay.close();
  }
}
