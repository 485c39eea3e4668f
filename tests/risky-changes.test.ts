// Which tool changes take points from a server's grade (README "Server grades"): none of the run that first
// listed its tools, where the catalog met them, whether they were classified in that run or a later one; a
// destructive tool added, a readOnlyHint flipped or a tool made destructive in a later run each do, on their own
// dates, each read by the tool's class right after it. Read tool by tool and counted in SQL.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { changeLabels } from "../classifier/change-labels.js";
import { classifyPending } from "../crawler/classify-stage.js";
import { toolDefinition } from "../crawler/ingest.js";
import { syncToolListings } from "../crawler/tool-sync.js";
import type { Verdict } from "../classifier/grade.js";
import type { ToolInput } from "../classifier/tool.js";
import { toolChangeFeed } from "../db/lookups.js";
import { servers, toolChanges } from "../db/schema.js";
import { assessServers } from "../scripts/server-verdict.js";
import { catalogTallies } from "../scripts/verdict-summary.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";

const FIRST: ToolInput[] = [
  { name: "list_issues", description: "List the issues of a repository.", annotations: { readOnlyHint: true } },
  { name: "delete_repository", description: "Permanently delete a repository and all of its issues." },
  { name: "delete_file", description: "Delete a file from a repository." },
];

const riskier = (v: Verdict) => v.reasons.filter((r) => /made it riskier/.test(r.reason));

describe.each(DRIVERS)("changes that made a server riskier (%s)", (driver) => {
  let t: TestCatalog;
  let serverId: number;

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    const [row] = await t.catalog.db.insert(servers).values({ key: "io.github.acme/repos", canonicalSource: "registry:x", canonicalRank: 30, contentHash: "h" }).returning({ id: servers.id });
    serverId = row!.id;
  });
  afterAll(() => t?.dispose());

  const list = (runId: number, tools: ToolInput[]) => syncToolListings(t.catalog.db, [{ serverId, origin: "live", tools: tools.map(toolDefinition) }], runId);
  const assessed = async () => (await assessServers(t.catalog.db, { serverIds: [serverId] }))[0]!.verdict;
  async function counted(): Promise<Verdict | undefined> {
    for await (const tally of catalogTallies(t.catalog.db)) if (tally.serverId === serverId) return tally.verdict;
  }

  test("the first listing's destructive tools take no points, the same before and after they are classified", async () => {
    await list(1, FIRST);
    const unclassified = await assessed();
    expect(await counted()).toEqual(unclassified);
    await classifyPending(t.catalog.db);
    expect(await assessed()).toEqual(unclassified);
    expect(await counted()).toEqual(unclassified);
    expect(unclassified.reasons.map((r) => r.reason)).toContainEqual("2 critical tools (destroy data or move money)");
    expect(riskier(unclassified)).toEqual([]);
  });

  test("a destructive tool added and a readOnlyHint flipped in a later run take points", async () => {
    const [issues, ...rest] = FIRST;
    await list(2, [{ ...issues!, annotations: { readOnlyHint: false } }, ...rest, { name: "delete_branch", description: "Delete a branch of a repository." }]);
    await classifyPending(t.catalog.db);
    const verdict = await assessed();
    expect(riskier(verdict)).toEqual([{ reason: "2 changes in the last 30 days made it riskier", points: 6 }]);
    expect(await counted()).toEqual(verdict);
  });

  test("a read tool whose description turns destructive: its arrival is a new tool, the change made it destructive, on the change's date", async () => {
    const [issues, ...rest] = FIRST;
    const before = [{ ...issues!, annotations: { readOnlyHint: false } }, ...rest, { name: "delete_branch", description: "Delete a branch of a repository." }];
    const menu = { name: "menu", description: "Returns a list of menu items." };
    await list(3, [...before, menu]);
    await classifyPending(t.catalog.db);
    // Runs 2 and 3 were over a month ago: only the change below is recent.
    await t.catalog.db.update(toolChanges).set({ at: sql`now() - interval '40 days'` }).where(and(eq(toolChanges.serverId, serverId), sql`${toolChanges.runId} in (2, 3)`));
    // Its description and its schema change in one run: two rows, one change.
    const rugPull = { ...menu, description: "Permanently deletes the menu and every order in it.", inputSchema: { type: "object", properties: { force: { type: "boolean" } } } };
    await list(4, [...before, rugPull]);
    await classifyPending(t.catalog.db);

    const feed = (await toolChangeFeed(t.catalog.db, { serverIds: [serverId], limit: 100 })).filter((c) => c.tool === "menu");
    expect(feed.map((c) => [c.runId, c.kind, changeLabels(c)])).toEqual([
      [4, "schema_changed", ["new argument: force", "became destructive"]],
      [4, "description_changed", ["description changed", "became destructive"]],
      [3, "added", ["new tool"]],
    ]);
    const verdict = await assessed();
    expect(riskier(verdict)).toEqual([{ reason: "1 change in the last 30 days made it riskier", points: 3 }]);
    expect(await counted()).toEqual(verdict);
  });
});
