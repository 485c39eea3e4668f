// A tool whose stored verdict a model reviewed, under an older classifier: the verdict made now carries the review over
// (the cached answer applied again), and without the answer it is never shown below the stored reviewed risk.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, test } from "vitest";
import { CLASSIFIER_VERSION } from "../classifier/classify.js";
import { REVIEW_PROMPT_VERSION } from "../classifier/review.js";
import type { ToolEntry } from "../db/lookups.js";
import { queryRows } from "../db/sql.js";
import { currentEntries } from "../scripts/current-verdicts.js";
import { assessServers } from "../scripts/server-verdict.js";
import { DRIVERS } from "./helpers/catalog.js";
import type { CliResult } from "./helpers/cli.js";
import { serveCatalog, type ServedCatalog } from "./helpers/served-catalog.js";
import { snapshotCliCatalog } from "./helpers/snapshot-catalog.js";

const GITHUB = "io.github.github/github-mcp-server";
const [, FAMILY, NUMBER] = /^(.+)-(\d+)$/.exec(CLASSIFIER_VERSION)!;
const OLDER = `${FAMILY}-${Number(NUMBER) - 1}`;
const MODEL = "test-reviewer";
/** The model's answer: get_me is destructive, on the words of its own name. */
const ANSWER = { index: 0, category: "destructive", risk: "critical", rationale: "it wipes the account", quotes: ["get_me"], instructsReviewer: false };

test("on plain entries: without the model's answer, a reviewed verdict's risk is the floor for the same definition only", () => {
  const entry = (contentHash: string): ToolEntry => ({
    serverId: 1, server: "example.com/files", serverStatus: "active", tool: "list_files", title: null, description: "Lists the files.", inputSchema: null, annotations: null, origin: "live", contentHash,
    classification: {
      category: "destructive", risk: "critical", confidence: 0.5, rationale: "reviewed", classifierVersion: OLDER, contentHash: "h", method: "rules+model", reviewModel: MODEL, reviewPromptVersion: REVIEW_PROMPT_VERSION,
      signals: [], rule: { action: "deny" }, hints: null, arguments: null,
    },
  });
  const shown = (e: ToolEntry) => currentEntries([e], new Map([[1, { key: e.server, description: null, tools: [{ ...e, name: e.tool }] }]]), new Map())[0]!;
  const same = shown(entry("h"));
  expect(same.classification).toMatchObject({ category: "read", risk: "critical", rule: { action: "deny" }, method: "rules+model", reviewModel: MODEL, classifierVersion: CLASSIFIER_VERSION });
  expect(same.classification!.rationale).toContain("its answer is not in the catalog's cache, so that risk is kept as the floor");
  expect(same.stored).toBe(false);
  // Another definition: the stored review was of other text, and the verdict is the rules' alone.
  expect(shown(entry("other")).classification).toMatchObject({ category: "read", risk: "low", method: "rules" });
});

describe.each(DRIVERS)("a stored verdict a model reviewed to critical under an older classifier (%s)", (driver) => {
  let s: ServedCatalog;
  const cli: Record<string, CliResult> = {};
  const getMe = sql`(select t.id from tools t join servers s on s.id = t.server_id where s.key = ${GITHUB} and t.name = 'get_me')`;
  const hash = sql`(select content_hash from tools where id = ${getMe})`;
  /** The model's cached answer for get_me's definition, put back after a step takes it away. */
  const storeAnswer = sql`insert into model_reviews (content_hash, model, prompt_version, verdict) values (${hash}, ${MODEL}, ${REVIEW_PROMPT_VERSION}, ${JSON.stringify(ANSWER)}::jsonb)`;
  const json = async (path: string) => (await (await fetch(`${s.url}${path}`)).json()) as any;

  beforeAll(async () => {
    const cat = await snapshotCliCatalog(driver);
    // The edits and the commands share one open catalog (cat.cli's, opened here so that cat.rows reads it too), released
    // before the server opens it: one PGlite open instead of nine (a quarter of a CPU-second each).
    await cat.held();
    const [rules] = await cat.rows<{ risk: string }>(sql`select risk from classifications where tool_id = ${getMe}`);
    // The rules alone call get_me a read: only the review makes it critical.
    expect(rules!.risk).toBe("low");
    await cat.rows(sql`update classifications set classifier_version = ${OLDER}, category = 'destructive', risk = 'critical', rationale = 'a reviewed verdict',
      rule = '{"action": "deny", "reason": "Reviewed by a model"}'::jsonb, method = 'rules+model', review_model = ${MODEL}, review_prompt_version = ${REVIEW_PROMPT_VERSION}
      where tool_id = ${getMe}`);
    await cat.rows(storeAnswer);
    const run = async (key: string, argv: string[]) => (cli[key] = await cat.cli(argv));
    await run("risk", ["risk", "get_me", "--server", GITHUB, "--json"]);
    await run("policy", ["policy", GITHUB, "--format", "claude-code"]);
    await run("grade", ["policy", "--servers", GITHUB, "--json"]);
    await cat.rows(sql`delete from model_reviews where model = ${MODEL}`);
    await run("riskEvicted", ["risk", "get_me", "--server", GITHUB, "--json"]);
    await cat.rows(storeAnswer);
    for (const [key, r] of Object.entries(cli)) expect(r.code, `${key}: ${r.stderr}`).toBe(0);
    await cat.release();
    s = await serveCatalog(cat);
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await s?.cli.dispose();
  });

  it("risk and policy carry the model's answer over to the verdict made now", () => {
    const [entry] = JSON.parse(cli.risk!.stdout).entries;
    expect(entry).toMatchObject({ category: "destructive", risk: "critical", rule: { action: "deny" }, method: "rules+model", reviewedBy: { model: MODEL, promptVersion: REVIEW_PROMPT_VERSION }, classifierVersion: CLASSIFIER_VERSION, stored: false, storedClassifierVersion: OLDER });
    expect(entry.rationale).toContain("it wipes the account");
    const { deny } = JSON.parse(cli.policy!.stdout).permissions as { deny: string[] };
    expect(deny.some((d) => d.endsWith("__get_me"))).toBe(true);
  });

  it("risk without the cached answer is not lower than the stored reviewed risk, and says why", () => {
    const [entry] = JSON.parse(cli.riskEvicted!.stdout).entries;
    expect(entry).toMatchObject({ risk: "critical", rule: { action: "deny" }, classifierVersion: CLASSIFIER_VERSION, stored: false, storedClassifierVersion: OLDER });
    expect(entry.rationale).toContain("its answer is not in the catalog's cache, so that risk is kept as the floor");
  });

  it("the server's grade counts the tool at its reviewed risk: policy, the API and assessServers, with the answer and without it", async () => {
    /** The critical tools a grade's reasons count (0 when that row took no points). */
    const criticalCounted = (reasons: { reason: string }[]) => Number(reasons.map((r) => /^(\d+) critical tool/.exec(r.reason)?.[1]).find((n) => n !== undefined) ?? 0);
    const assessed = async () => {
      const [server] = await queryRows<{ id: number }>(s.catalog.db, sql`select id from servers where key = ${GITHUB}`);
      const [a] = await assessServers(s.catalog.db, { serverIds: [Number(server!.id)] });
      return a!;
    };
    const view = await json(`/api/servers/${encodeURIComponent(GITHUB)}`);
    const critical = view.items.filter((i: any) => i.risk === "critical").length;
    expect(view.items.find((i: any) => i.tool === "get_me")).toMatchObject({ risk: "critical" });
    // Never more lenient than the tools shown beside it: get_me is among the critical tools the grade counts.
    expect(criticalCounted(view.grade.reasons)).toBe(critical);
    const [graded] = JSON.parse(cli.grade!.stdout).servers;
    expect(criticalCounted(graded.reasons)).toBe(critical);
    const withAnswer = await assessed();
    expect(withAnswer.tools.find((t) => t.name === "get_me")).toMatchObject({ category: "destructive", risk: "critical" });
    expect(withAnswer.tools.find((t) => t.name === "get_me")!.rationale).toContain("it wipes the account");
    expect(criticalCounted(withAnswer.verdict.reasons)).toBe(critical);
    // Without the cached answer, the stored reviewed risk is the grade's floor too.
    await s.catalog.db.execute(sql`delete from model_reviews where model = ${MODEL}`);
    const evicted = await assessed();
    expect(evicted.tools.find((t) => t.name === "get_me")).toMatchObject({ risk: "critical" });
    expect(evicted.tools.find((t) => t.name === "get_me")!.rationale).toContain("kept as the floor");
    expect(criticalCounted(evicted.verdict.reasons)).toBe(critical);
    await s.catalog.db.execute(storeAnswer);
  });

  it("the API alike: with the answer, without it, and with the review of another prompt version", async () => {
    const path = `/api/tools/${encodeURIComponent(GITHUB)}/get_me`;
    expect(await json(path)).toMatchObject({ category: "destructive", risk: "critical", method: "rules+model", stored: false, storedClassifierVersion: OLDER });
    const item = (await json(`/api/servers/${encodeURIComponent(GITHUB)}`)).items.find((i: any) => i.tool === "get_me");
    expect(item).toMatchObject({ risk: "critical", stored: false });
    await s.catalog.db.execute(sql`update classifications set review_prompt_version = 'review-0' where tool_id = ${getMe}`);
    const other = await json(path);
    expect(other).toMatchObject({ risk: "critical", stored: false });
    expect(other.rationale).toContain("kept as the floor");
    await s.catalog.db.execute(sql`update classifications set review_prompt_version = ${REVIEW_PROMPT_VERSION} where tool_id = ${getMe}`);
    await s.catalog.db.execute(sql`delete from model_reviews where model = ${MODEL}`);
    const evicted = await json(path);
    expect(evicted).toMatchObject({ risk: "critical", rule: { action: "deny" }, stored: false });
    expect(evicted.rationale).toContain("kept as the floor");
  });
});
