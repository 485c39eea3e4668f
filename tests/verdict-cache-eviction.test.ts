// A server whose needed verdicts are kept is read by name and hash only (withCurrentVerdicts); if the cache dropped it
// before its verdicts were taken (another server kept in between: a concurrent request, or a larger server of the same
// page), its tools were classified from their names alone, a critical delete shown (and kept) as medium.
import { afterEach, expect, test } from "vitest";
import { CLASSIFIER_VERSION, type Classification } from "../classifier/classify.js";
import type { Db } from "../db/client.js";
import type { ToolEntry } from "../db/lookups.js";
import type { ServerToolHashes, VerdictToolRow } from "../db/verdict-facts.js";
import { withCurrentVerdicts, type VerdictReads } from "../scripts/current-verdicts.js";
import { verdictCache } from "../scripts/verdict-cache.js";
import { SERVE_DEFAULTS } from "../server/defaults.js";

const TOOLS: Record<number, { key: string; name: string; description: string }> = {
  1: { key: "example.com/storage", name: "handle", description: "Permanently deletes every file in the storage bucket." },
  2: { key: "example.com/notes", name: "list_notes", description: "Lists the notes of the signed-in user." },
};
/** Runs while the full tool rows are being read: what another request does meanwhile. */
let whileReading: () => void = () => {};

// The catalog's reads, as withCurrentVerdicts takes them (no module is mocked: test files share their worker).
const reads: VerdictReads = {
  serverToolHashes: async (_db: unknown, ids: readonly number[]): Promise<Map<number, ServerToolHashes>> =>
    new Map(ids.map((id) => [id, { key: TOOLS[id]!.key, description: null, tools: [{ name: TOOLS[id]!.name, contentHash: `h${id}` }] }])),
  verdictToolRows: async (_db: unknown, ids: readonly number[]): Promise<VerdictToolRow[]> => {
    whileReading();
    return ids.map((id) => ({
      ...entry(id), serverDescription: null, authPosture: null, introspectionError: null,
    }));
  },
};

afterEach(() => {
  whileReading = () => {};
});

const entry = (id: number): ToolEntry => ({
  serverId: id, server: TOOLS[id]!.key, serverStatus: "active", tool: TOOLS[id]!.name, title: null, description: TOOLS[id]!.description,
  inputSchema: null, annotations: null, origin: "live", contentHash: `h${id}`, classification: null,
});

test("a server read by name only is shown its kept verdicts even when the cache drops them meanwhile", async () => {
  const db = {} as Db;
  const [first] = await withCurrentVerdicts(db, [entry(1)], reads);
  expect(first!.classification).toMatchObject({ category: "destructive", risk: "critical", classifierVersion: CLASSIFIER_VERSION });
  // Next: the storage server's verdict is kept (read by name only); the notes server is read in full, and meanwhile
  // another request keeps a server as large as the cache, dropping every other.
  whileReading = () => verdictCache.add("another server", Array.from({ length: SERVE_DEFAULTS.verdictCacheTools }, (_, i) => [`t${i}`, {} as Classification]));
  const shown = await withCurrentVerdicts(db, [entry(1), entry(2)], reads);
  expect(shown.map((e) => [e.tool, e.classification?.category, e.classification?.risk])).toEqual([
    ["handle", "destructive", "critical"],
    ["list_notes", "read", "low"],
  ]);
  // And nothing made from a name alone was kept for later readers.
  whileReading = () => {};
  const [again] = await withCurrentVerdicts(db, [entry(1)], reads);
  expect(again!.classification).toMatchObject({ category: "destructive", risk: "critical" });
});
