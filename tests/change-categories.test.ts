// Every change in the history carries the tool's class right after it, by `refresh` against a local Glama replay on
// every driver: a tool removed and listed again unchanged is not classified again, yet its return is a "returned
// destructive tool" in the feed and the grade; with --no-classify a change waits for its classification, which fills it.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DRIVERS } from "./helpers/catalog.js";
import { glamaId, startGlamaReplay, type GlamaReplay, type GlamaTool } from "./helpers/glama-replay.js";
import { emptyCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";

const SERVER = "github.com/acme/files";

const tool = (name: string, description: string): GlamaTool => ({ name, description, inputSchema: { type: "object", properties: {} } });
const LIST = tool("list_files", "List the files in a folder.");
const DELETE = tool("brand_new_delete", "Remove all files in a folder recursively.");
const NOTE = tool("file_note", "Reads the note attached to a file.");

describe.each(DRIVERS)("the class of each change (%s)", (driver) => {
  let replay: GlamaReplay;
  let catalog: CliCatalog;
  /** The server's tools as the replay lists them now. */
  const listing = { id: glamaId("acme", "files"), name: "files", namespace: "acme", slug: "files", description: "Files.", url: "https://glama.ai/mcp/servers/acme/files", repository: { url: "https://github.com/acme/files" }, spdxLicense: null, attributes: [], environmentVariablesJsonSchema: null, tools: [LIST] };

  const refresh = async (tools: GlamaTool[], flags: string[] = []) => {
    listing.tools = tools;
    const r = await catalog.cli(["refresh", "--sources", "glama", "--json", ...flags]);
    expect(r.code, r.stderr).toBe(0);
  };
  const feed = async (tool: string) => {
    const r = await catalog.cli(["changes", "--server", SERVER, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { tool: string; labels: string[] }[]).filter((c) => c.tool === tool).map((c) => c.labels.join("; "));
  };
  const categories = (tool: string) =>
    catalog.rows<{ kind: string; category: string | null }>(sql`select kind, category from tool_changes where tool_name = ${tool} order by id`).then((rows) => rows.map((r) => [r.kind, r.category]));
  const riskier = async () => {
    const r = await catalog.cli(["policy", SERVER, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout).grade.reasons as { reason: string }[]).map((x) => x.reason).filter((x) => /made it riskier/.test(x));
  };

  beforeAll(async () => {
    replay = await startGlamaReplay({ servers: [listing] });
    catalog = await emptyCliCatalog(driver, { GLAMA_URL: replay.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
  });
  afterAll(async () => {
    await replay?.close();
    await catalog?.dispose();
  });

  test("a destructive tool removed and listed again unchanged returns as a destructive tool, in the feed and the grade", async () => {
    await refresh([LIST]);
    await refresh([LIST, DELETE]);
    await refresh([LIST]);
    await refresh([LIST, DELETE]);
    expect(await feed("brand_new_delete")).toEqual(["returned destructive tool", "removed tool", "new destructive tool"]);
    expect(await categories("brand_new_delete")).toEqual([
      ["added", "destructive"],
      ["removed", null],
      ["added", "destructive"],
    ]);
    // Its arrival and its return: two runs, two changes.
    expect(await riskier()).toEqual(["2 changes in the last 30 days made it riskier"]);
  });

  test("with --no-classify: a return of a classified definition is labelled at once; a changed one waits for its classification", async () => {
    await refresh([LIST, NOTE]);
    await refresh([LIST], ["--no-classify"]);
    await refresh([LIST, DELETE, NOTE], ["--no-classify"]);
    expect((await feed("brand_new_delete"))[0]).toBe("returned destructive tool");
    expect((await feed("file_note"))[0]).toBe("returned tool");
    // Not classified yet: the change is known, not what it made of the tool.
    await refresh([LIST, DELETE, { ...NOTE, description: "Permanently deletes the file the note is attached to." }], ["--no-classify"]);
    expect((await feed("file_note"))[0]).toBe("description changed");
    await refresh([LIST, DELETE, { ...NOTE, description: "Permanently deletes the file the note is attached to." }]);
    expect((await feed("file_note"))[0]).toBe("description changed; became destructive");
    expect(await categories("file_note")).toEqual([
      ["added", "read"],
      ["removed", null],
      ["added", "read"],
      ["description_changed", "destructive"],
    ]);
  });

  test("changed and changed back before the other definition was classified: the change back has its class at once", async () => {
    const purge = tool("purge_cache", "Permanently deletes every cached file.");
    await refresh([LIST, purge]);
    await refresh([LIST, { ...purge, description: "Shows the size of the cache." }], ["--no-classify"]);
    await refresh([LIST, purge], ["--no-classify"]);
    await refresh([LIST, purge]);
    // The definition in between was never classified: its change stays without a class.
    expect(await categories("purge_cache")).toEqual([
      ["added", "destructive"],
      ["description_changed", null],
      ["description_changed", "destructive"],
    ]);
  });
});
