// The model review in the classify stage, on both drivers: answers cached in the catalog by (content hash, model,
// prompt version), the method stored with each classification, tools left over (budget, an endpoint that is
// down) reviewed by a later run, and a second run over an unchanged catalog that makes no call.
import { eq, sql } from "drizzle-orm";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { REVIEW_PROMPT_VERSION } from "../../classifier/review.js";
import { classifyPending, type ClassifyReview } from "../../crawler/classify-stage.js";
import { queueServers } from "../../db/classifications.js";
import { classifications, modelReviews, servers, tools } from "../../db/schema.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "../helpers/catalog.js";
import { destructiveAnswer, fail, startModelEndpoint, type ModelEndpoint } from "../helpers/model-endpoint.js";

/** Two thin tools the rules are unsure of, one they are sure of. */
const TOOLS = [
  { name: "process_item", description: "Handles an item." },
  { name: "tidy_entry", description: "Tidies an entry." },
  { name: "list_issues", description: "Lists the issues of a repository." },
];

const review = (e: ModelEndpoint, over: Partial<ClassifyReview["config"]> = {}): ClassifyReview => ({
  client: new OpenAI({ apiKey: "test", baseURL: e.baseUrl, maxRetries: 0, timeout: 2_000 }),
  config: { model: "local-model", batchSize: 8, pricePerMillion: { prompt: 1, completion: 2 }, threshold: 0.7, ...over },
});

describe.each(DRIVERS)("the model review in the classify stage (%s)", (driver) => {
  let t: TestCatalog;
  let endpoint: ModelEndpoint | undefined;
  let serverId: number;

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    const [s] = await t.catalog.db.insert(servers).values({ key: "example.com/thin", canonicalSource: "registry:thin", canonicalRank: 1, contentHash: "s" }).returning({ id: servers.id });
    serverId = s!.id;
    await t.catalog.db.insert(tools).values(TOOLS.map((tool, i) => ({ serverId, ...tool, contentHash: `content-${i}`, origin: "live" })));
  });
  afterAll(async () => t?.dispose());
  afterEach(async () => {
    await endpoint?.close();
    endpoint = undefined;
  });

  const stored = () =>
    t.catalog.db
      .select({ name: tools.name, method: classifications.method, model: classifications.reviewModel, prompt: classifications.reviewPromptVersion, risk: classifications.risk, confidence: classifications.confidence })
      .from(classifications)
      .innerJoin(tools, eq(tools.id, classifications.toolId))
      .orderBy(tools.name);

  test("an endpoint that is down leaves the tools unreviewed; the run finishes with the classifier's verdicts", async () => {
    endpoint = await startModelEndpoint((_b, _n, res) => fail(res, 503));
    await queueServers(t.catalog.db, [serverId]);
    const r = await classifyPending(t.catalog.db, { review: review(endpoint) });
    expect(r.classified).toBe(3);
    expect(r.review).toMatchObject({ candidates: 2, calls: 1, reviewed: 0, unreviewed: 2 });
    expect(r.review!.unavailable).toContain("503");
    expect((await stored()).map((c) => c.method)).toEqual(["rules", "rules", "rules"]);
  });

  test("the next run reviews what was left over, within its budget, and records model and prompt", async () => {
    endpoint = await startModelEndpoint((body, _n, res) => destructiveAnswer(body, res));
    const r = await classifyPending(t.catalog.db, { review: review(endpoint, { batchSize: 1, budget: 1 }) });
    expect(r.review).toMatchObject({ candidates: 2, calls: 1, reviewed: 1, unreviewed: 1, cacheHits: 0 });
    const rows = await stored();
    expect(rows.filter((c) => c.method === "rules+model")).toEqual([{ name: "process_item", method: "rules+model", model: "local-model", prompt: REVIEW_PROMPT_VERSION, risk: "critical", confidence: expect.any(Number) }]);
    expect(rows.find((c) => c.name === "list_issues")).toMatchObject({ method: "rules", model: null, prompt: null });
  });

  test("then the rest; a second run over the unchanged catalog makes no call", async () => {
    endpoint = await startModelEndpoint((body, _n, res) => destructiveAnswer(body, res));
    const first = await classifyPending(t.catalog.db, { review: review(endpoint) });
    expect(first.review).toMatchObject({ candidates: 1, calls: 1, reviewed: 1 });
    const second = await classifyPending(t.catalog.db, { review: review(endpoint) });
    expect(second).toMatchObject({ classified: 0, review: { candidates: 0, calls: 0 } });
    expect(endpoint.requests).toHaveLength(1);
    expect(await t.catalog.db.select({ n: sql<number>`count(*)::int` }).from(modelReviews)).toEqual([{ n: 2 }]);
  });

  test("a tool classified again (a new classifier version) takes its cached answer: no call", async () => {
    endpoint = await startModelEndpoint((body, _n, res) => destructiveAnswer(body, res));
    await t.catalog.db.update(classifications).set({ classifierVersion: "0-older" });
    const r = await classifyPending(t.catalog.db, { review: review(endpoint) });
    expect(r.classified).toBe(3);
    expect(r.review).toMatchObject({ candidates: 2, calls: 0, cacheHits: 2, reviewed: 2 });
    expect(endpoint.requests).toHaveLength(0);
    expect((await stored()).map((c) => c.method)).toEqual(["rules", "rules+model", "rules+model"]);
  });

  test("another model is asked afresh: the cache is per model; without the review nothing is redone", async () => {
    endpoint = await startModelEndpoint((body, _n, res) => destructiveAnswer(body, res));
    expect(await classifyPending(t.catalog.db)).toMatchObject({ classified: 0 });
    const r = await classifyPending(t.catalog.db, { review: review(endpoint, { model: "other-model" }) });
    expect(r.review).toMatchObject({ candidates: 2, calls: 1, cacheHits: 0, reviewed: 2 });
    expect(endpoint.seen[0]!.model).toBe("other-model");
    expect((await stored()).map((c) => c.model)).toEqual([null, "other-model", "other-model"]);
  });
});
