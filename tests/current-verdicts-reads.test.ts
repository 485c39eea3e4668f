// What withCurrentVerdicts reads to make an outdated verdict, and from what. A reader reads its entries, then the
// siblings of those it classifies now: a refresh committing between the two reads changed a tool the entry still shows
// the old definition of, and the verdict shown was the new definition's (made from the sibling read, or taken from the
// verdicts kept for the new tools), beside the old text. And a name's lookup read every holder's whole server to
// classify one tool of each, where a verdict reads only its siblings' names.
import { expect, test } from "vitest";
import { CLASSIFIER_VERSION, classifyServer, type Classification } from "../classifier/classify.js";
import { storedToolInput } from "../classifier/tool.js";
import type { Db } from "../db/client.js";
import type { ToolEntry } from "../db/lookups.js";
import type { ServerToolHashes, VerdictToolRow } from "../db/verdict-facts.js";
import { withCurrentVerdicts, type VerdictReads } from "../scripts/current-verdicts.js";

const [, FAMILY, NUMBER] = /^(.+)-(\d+)$/.exec(CLASSIFIER_VERSION)!;
const OLDER = `${FAMILY}-${Number(NUMBER) - 1}`;

interface Tool {
  name: string;
  description: string;
  contentHash: string;
}

/** `handle` before and after the refresh: a harmless listing, then a removal. */
const BEFORE: Tool = { name: "handle", description: "Lists the files in the storage bucket.", contentHash: "handle-lists" };
const AFTER: Tool = { name: "handle", description: "Permanently deletes every file in the storage bucket.", contentHash: "handle-deletes" };
const SIBLINGS: Tool[] = ["list_notes", "create_note", "get_note", "update_note"].map((name) => ({ name, description: `${name.replace("_", "s the ")}.`, contentHash: `${name}-1` }));

/** A catalog of one server per key, as the reads find it now (after any refresh); each read is counted. */
function catalogReads(servers: Map<number, { key: string; tools: Tool[] }>) {
  const calls = { hashes: 0, rows: 0 };
  const reads: VerdictReads = {
    serverToolHashes: async (_db: unknown, ids: readonly number[]): Promise<Map<number, ServerToolHashes>> => {
      calls.hashes += 1;
      return new Map(ids.map((id) => [id, { key: servers.get(id)!.key, description: null, tools: servers.get(id)!.tools.map((t) => ({ name: t.name, contentHash: t.contentHash })) }]));
    },
    verdictToolRows: async (_db: unknown, ids: readonly number[]): Promise<VerdictToolRow[]> => {
      calls.rows += 1;
      return ids.flatMap((id) =>
        servers.get(id)!.tools.map((t) => ({ ...entry(id, servers.get(id)!.key, t), serverDescription: null, authPosture: null, introspectionError: null })),
      );
    },
  };
  return { reads, calls };
}

/** The tool as a reader read it, its stored verdict an older classifier's. */
function entry(serverId: number, server: string, t: Tool): ToolEntry {
  return {
    serverId, server, serverStatus: "active", tool: t.name, title: null, description: t.description, inputSchema: null, annotations: null, origin: "live", contentHash: t.contentHash,
    classification: {
      category: "read", risk: "low", confidence: 0.5, rationale: "an older verdict", classifierVersion: OLDER, contentHash: t.contentHash, method: "rules", reviewModel: null,
      reviewPromptVersion: null, signals: [], rule: {}, hints: null, arguments: null,
    },
  };
}

/** What the classifier makes of `tools` as one server's, by name. */
function verdicts(key: string, tools: readonly Tool[]): Map<string, Classification> {
  const made = classifyServer({ name: key, tools: tools.map((t) => storedToolInput({ ...t, title: null, inputSchema: null, annotations: null })) });
  return new Map(tools.map((t, i) => [t.name, made[i]!]));
}

const shown = (e: ToolEntry) => [e.description, e.classification?.category, e.classification?.risk, e.classification?.rationale];

test("the two definitions are told apart by the classifier", () => {
  expect(verdicts("example.com/a", [BEFORE]).get("handle")).toMatchObject({ category: "read", risk: "low" });
  expect(verdicts("example.com/a", [AFTER]).get("handle")).toMatchObject({ category: "destructive", risk: "critical" });
});

test.each([
  ["a server of one tool, classified whole (its tools read in full)", [] as Tool[]],
  ["a server of five tools, the tool classified alone (its siblings read by name)", SIBLINGS],
])("a refresh between the entries' read and the siblings': the verdict is the definition shown's, and none is kept for the new one (%s)", async (_label, siblings) => {
  const key = `example.com/race-${siblings.length}`;
  const { reads } = catalogReads(new Map([[1, { key, tools: [...siblings, AFTER] }]]));
  // Read before the refresh: the old definition, shown with the verdict made of it beside the siblings as they are now.
  const [before] = await withCurrentVerdicts({} as Db, [entry(1, key, BEFORE)], reads);
  const made = verdicts(key, [...siblings, BEFORE]).get("handle")!;
  expect(shown(before!)).toEqual([BEFORE.description, made.category, made.risk, made.rationale]);
  expect(before).toMatchObject({ stored: false, storedClassifierVersion: OLDER, classification: { contentHash: BEFORE.contentHash, classifierVersion: CLASSIFIER_VERSION } });
  // Read after it: the new definition's verdict, not the old one's kept under the new tools.
  const [after] = await withCurrentVerdicts({} as Db, [entry(1, key, AFTER)], reads);
  expect(after!.classification).toMatchObject({ category: "destructive", risk: "critical", contentHash: AFTER.contentHash });
});

test("an entry read before a refresh is not shown the verdict kept for the new definition", async () => {
  const key = "example.com/race-kept";
  const { reads } = catalogReads(new Map([[1, { key, tools: [...SIBLINGS, AFTER] }]]));
  // A reader after the refresh makes the new definition's verdict, and it is kept for the server's tools as they are.
  const [after] = await withCurrentVerdicts({} as Db, [entry(1, key, AFTER)], reads);
  expect(after!.classification).toMatchObject({ category: "destructive", risk: "critical" });
  // A reader that read the tool before the refresh shows the old definition: its verdict is that definition's.
  const [before] = await withCurrentVerdicts({} as Db, [entry(1, key, BEFORE)], reads);
  expect(before!.classification).toMatchObject({ category: "read", risk: "low", contentHash: BEFORE.contentHash });
});

test("a few tools of a large server are classified beside their siblings' names only, as the whole server's pass classifies them", async () => {
  const key = "example.com/notes-large";
  const tools: Tool[] = Array.from({ length: 60 }, (_, i) => {
    const [verb, object] = [["get", "list", "create", "delete", "update"][i % 5]!, ["note", "folder", "tag"][i % 3]!];
    return { name: `${verb}_${object}_${i}`, description: `${verb[0]!.toUpperCase()}${verb.slice(1)}s the ${object} ${i} of the signed-in user.`, contentHash: `n${i}` };
  });
  const { reads, calls } = catalogReads(new Map([[7, { key, tools }]]));
  const asked = [tools[3]!, tools[17]!, tools[40]!];
  const current = await withCurrentVerdicts({} as Db, asked.map((t) => entry(7, key, t)), reads);
  // One read of the siblings' names and hashes; the tools' full rows are never read.
  expect(calls).toEqual({ hashes: 1, rows: 0 });
  const whole = verdicts(key, tools);
  expect(current.map((e) => [e.tool, e.classification?.category, e.classification?.risk, e.classification?.rationale, e.classification?.signals])).toEqual(
    asked.map((t) => [t.name, whole.get(t.name)!.category, whole.get(t.name)!.risk, whole.get(t.name)!.rationale, whole.get(t.name)!.signals]),
  );
});
