// `refresh` with the model review, on both drivers, against a local Glama replay and a local OpenAI-compatible
// endpoint: on by default with OPENAI_BASE_URL, an endpoint that is down never fails the run, the tools it left
// are reviewed by the next run, an unchanged catalog costs no call, and the counts reach the run record and `stats`.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { REVIEW_PROMPT_VERSION } from "../../classifier/review.js";
import { createApp } from "../../server/app.js";
import { DRIVERS } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { glamaId, startGlamaReplay, type GlamaReplay } from "../helpers/glama-replay.js";
import { destructiveAnswer, startModelEndpoint, type ModelEndpoint } from "../helpers/model-endpoint.js";
import { emptyCliCatalog, type CliCatalog } from "../helpers/snapshot-catalog.js";

const glamaServer = (slug: string, tools: { name: string; description: string }[]) => ({
  id: glamaId("acme", slug),
  name: slug,
  namespace: "acme",
  slug,
  description: "A server.",
  url: `https://glama.ai/mcp/servers/${slug}`,
  repository: { url: `https://github.com/acme/${slug}` },
  spdxLicense: null,
  attributes: [],
  environmentVariablesJsonSchema: null,
  tools: tools.map((t) => ({ ...t, inputSchema: { type: "object", properties: {} } })),
});

/** Two thin tools (one on both servers) and one the rules are sure of. */
const SERVERS = [
  glamaServer("thin-one", [
    { name: "process_item", description: "Handles an item." },
    { name: "list_issues", description: "Lists the issues of a repository." },
  ]),
  glamaServer("thin-two", [
    { name: "process_item", description: "Handles an item." },
    { name: "tidy_entry", description: "Tidies an entry." },
  ]),
];

describe.each(DRIVERS)("refresh with the model review (%s)", (driver) => {
  let replay: GlamaReplay;
  let model: ModelEndpoint;
  let catalog: CliCatalog;
  const env = () => ({ ...catalog.env, GLAMA_URL: replay.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1", OPENAI_BASE_URL: model.baseUrl, CATALOG_LLM_MODEL: "local-model", CATALOG_LLM_MAX_RETRIES: "0", CATALOG_LLM_PRICE_PROMPT: "1", CATALOG_LLM_PRICE_COMPLETION: "2" });
  const refresh = async (flags: string[] = [], over: NodeJS.ProcessEnv = {}) => {
    const r = await catalog.cli(["refresh", "--sources", "glama", "--json", ...flags], { ...env(), ...over });
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };

  beforeAll(async () => {
    replay = await startGlamaReplay({ servers: SERVERS });
    model = await startModelEndpoint((body, _n, res) => destructiveAnswer(body, res));
    catalog = await emptyCliCatalog(driver);
  });
  afterAll(async () => {
    await replay?.close();
    await model?.close();
    await catalog?.dispose();
  });

  test("an endpoint that is down: the run succeeds, the tools it left are counted unreviewed", async () => {
    const summary = await refresh([], { OPENAI_BASE_URL: "http://127.0.0.1:9/v1" });
    expect(summary.status).toBe("succeeded");
    expect(summary.review).toMatchObject({ model: "local-model", candidates: 3, calls: 1, reviewed: 0, unreviewed: 3 });
    expect(summary.review.unavailable).toBeTruthy();
    // Without --json a cron job's log still says why.
    const text = await catalog.cli(["refresh", "--sources", "glama"], { ...env(), OPENAI_BASE_URL: "http://127.0.0.1:9/v1" });
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(/model review \(local-model\): 3 tools to review, .* 3 left unreviewed \(the endpoint failed: /);
  });

  test("on by default with OPENAI_BASE_URL: the next run reviews them, one definition asked about once", async () => {
    const summary = await refresh();
    expect(summary.review).toMatchObject({ candidates: 3, calls: 1, reviewed: 3, cacheHits: 0, unreviewed: 0, dropped: 0, promptTokens: 100, completionTokens: 20 });
    expect(summary.review.estimatedCost).toBeCloseTo((100 * 1 + 20 * 2) / 1e6);
    expect(model.requests).toHaveLength(1);
    const rows = await catalog.rows<{ method: string; review_model: string | null; review_prompt_version: string | null }>(
      sql`select method, review_model, review_prompt_version from classifications order by method`,
    );
    expect(rows.filter((r) => r.method === "rules+model")).toEqual(Array(3).fill({ method: "rules+model", review_model: "local-model", review_prompt_version: REVIEW_PROMPT_VERSION }));
  });

  test("a second run over the unchanged catalog makes no model call", async () => {
    const summary = await refresh();
    expect(summary.review).toMatchObject({ candidates: 0, calls: 0 });
    expect(model.requests).toHaveLength(1);
  });

  test("the run record and stats carry the counts", async () => {
    const [run] = await catalog.rows<{ tools: { review: unknown } }>(sql`select tools from crawl_runs order by id desc limit 1`);
    expect(run!.tools.review).toMatchObject({ model: "local-model", calls: 0, candidates: 0 });
    const json = await catalog.cli(["stats", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ classified: 4, modelReviewed: 3, cachedModelAnswers: 2, lastRun: { review: { model: "local-model", calls: 0 } } });
    const text = await catalog.cli(["stats"]);
    expect(text.stdout).toContain("classified  4 (3 reviewed by a model; 2 model answers cached)");
    expect(text.stdout).toMatch(/model review \(local-model\): 0 tools to review, 0 reviewed, 0 from cache, 0 calls, 0 tokens, ~\$0\.0000/);
  });

  test("risk (text and --json), the API and the tool page say how each verdict was reached", async () => {
    const json = await catalog.cli(["risk", "process_item", "--json"]);
    const entries = JSON.parse(json.stdout).entries as { method: string; reviewedBy: unknown }[];
    expect(entries).toHaveLength(2);
    for (const e of entries) expect(e).toMatchObject({ method: "rules+model", reviewedBy: { model: "local-model", promptVersion: REVIEW_PROMPT_VERSION } });
    const text = await catalog.cli(["risk", "process_item", "--server", "github.com/acme/thin-one"]);
    expect(text.stdout).toContain(`\n  decided by  the rules, reviewed by the model local-model (prompt ${REVIEW_PROMPT_VERSION})\n`);
    const plain = await catalog.cli(["risk", "list_issues", "--json"]);
    expect(JSON.parse(plain.stdout).entries[0]).toMatchObject({ method: "rules", reviewedBy: null });
    const app = createApp({ db: (await catalog.held()).db });
    const api = await app.request("/api/tools/github.com%2Facme%2Fthin-one/process_item");
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ method: "rules+model", reviewedBy: { model: "local-model", promptVersion: REVIEW_PROMPT_VERSION } });
    const page = await app.request("/servers/github.com%2Facme%2Fthin-one/tools/process_item");
    expect(await page.text()).toContain(`Verdict reached by the rules, reviewed by the model local-model (prompt ${REVIEW_PROMPT_VERSION}).`);
    const rulesPage = await app.request("/servers/github.com%2Facme%2Fthin-one/tools/list_issues");
    expect(await rulesPage.text()).toContain("Verdict reached by the rules.");
  });

  test("--no-llm runs no review and keeps the reviews already made", async () => {
    const summary = await refresh(["--no-llm"], { OPENAI_BASE_URL: "http://127.0.0.1:9/v1" });
    expect(summary.review).toBeUndefined();
    const [n] = await catalog.rows<{ n: number }>(sql`select count(*)::int as n from classifications where method = 'rules+model'`);
    expect(n!.n).toBe(3);
  });

  test("--llm-budget and --llm-threshold on a run that reviews nothing are said to be unused, and the run goes on", async () => {
    const r = await catalog.cli(["refresh", "--sources", "glama", "--json", "--no-classify", "--llm-budget", "3", "--llm-threshold", "0.5"], env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("mcp-catalog refresh: --llm-threshold and --llm-budget are not used: --no-classify runs no classify stage to review");
  });

  test("a bad flag or --llm without an endpoint is refused before the crawl", async () => {
    const base = { ...catalog.env, GLAMA_URL: replay.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" };
    const before = replay.requests.length;
    const none = await runCli(["refresh", "--sources", "glama", "--llm"], base);
    expect(none).toMatchObject({ code: 2 });
    expect(none.stderr).toContain("OPENAI_BASE_URL");
    const budget = await runCli(["refresh", "--sources", "glama", "--llm-budget", "lots"], env());
    expect(budget.code).toBe(2);
    expect(budget.stderr).toContain("--llm-budget must be a whole number");
    // With no endpoint the review is off, and a bad number is still refused rather than ignored.
    for (const flags of [["--llm-threshold", "2"], ["--llm-budget=abc"], ["--no-classify", "--llm-threshold", "abc"]]) {
      const off = await runCli(["refresh", "--sources", "glama", ...flags], base);
      expect(off.code, flags.join(" ")).toBe(2);
      expect(off.stderr).toMatch(/--llm-(threshold must be a number from 0 to 1|budget must be a whole number)/);
    }
    const both = await runCli(["refresh", "--sources", "glama", "--llm", "--no-classify"], env());
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--no-classify");
    expect(replay.requests.length).toBe(before);
  });
});
