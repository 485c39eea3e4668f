// The model review's answers over passes of the classify stage, on both drivers, counting the calls the local
// endpoint sees: an answer (taken or refused for a quote not in the tool's text) is asked for once per definition,
// model and prompt version; a later pass over the unchanged catalog neither asks again nor rewrites the tools
// (their servers' catalog_updated_at, the feed's `updated_since`, stays); a tool classified again takes its answer,
// refusal included, from the cache; and an endpoint's failure (a 503) is no answer: nothing is cached for it.
import { eq, sql } from "drizzle-orm";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { classifyPending, type ClassifyReview } from "../../crawler/classify-stage.js";
import { queueServers } from "../../db/classifications.js";
import { classifications, modelReviews, servers, tools } from "../../db/schema.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "../helpers/catalog.js";
import { answer, fail, startModelEndpoint, toolsOf, verdicts, type ModelEndpoint } from "../helpers/model-endpoint.js";

/** Two thin tools the rules are unsure of, one they are sure of. */
const TOOLS = [
  { name: "process_item", description: "Handles an item." },
  { name: "tidy_entry", description: "Tidies an entry." },
  { name: "list_issues", description: "Lists the issues of a repository." },
];

/** Takes process_item's verdict (it quotes the name); tidy_entry's quotes words its text does not hold, so it is refused. */
const endpointAnswer = () =>
  startModelEndpoint((body, _n, res) =>
    answer(res, verdicts(toolsOf(body).map((t) => ({ index: t.index, category: "destructive", risk: "critical", rationale: "It destroys data.", quotes: [t.name === "tidy_entry" ? "wipes every row" : t.name] })))),
  );

const review = (e: ModelEndpoint): ClassifyReview => ({
  client: new OpenAI({ apiKey: "test", baseURL: e.baseUrl, maxRetries: 0, timeout: 2_000 }),
  config: { model: "local-model", batchSize: 8, pricePerMillion: { prompt: 0, completion: 0 }, threshold: 0.7 },
});

describe.each(DRIVERS)("the model review's cached answers over passes (%s)", (driver) => {
  let t: TestCatalog;
  let endpoint: ModelEndpoint | undefined;
  let serverId: number;

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    const [s] = await t.catalog.db.insert(servers).values({ key: "example.com/cache", canonicalSource: "registry:cache", canonicalRank: 1, contentHash: "s" }).returning({ id: servers.id });
    serverId = s!.id;
    await t.catalog.db.insert(tools).values(TOOLS.map((tool, i) => ({ serverId, ...tool, contentHash: `cache-${i}`, origin: "live" })));
  });
  afterAll(async () => t?.dispose());
  afterEach(async () => {
    await endpoint?.close();
    endpoint = undefined;
  });

  const cached = () => t.catalog.db.select({ contentHash: modelReviews.contentHash }).from(modelReviews).orderBy(modelReviews.contentHash);
  const updatedAt = async () => (await t.catalog.db.select({ at: servers.catalogUpdatedAt }).from(servers).where(eq(servers.id, serverId)))[0]!.at;

  test("an endpoint's failure (503) caches nothing: the tools stay unreviewed", async () => {
    endpoint = await startModelEndpoint((_b, _n, res) => fail(res, 503));
    await queueServers(t.catalog.db, [serverId]);
    const r = await classifyPending(t.catalog.db, { review: review(endpoint) });
    expect(r.review).toMatchObject({ candidates: 2, calls: 1, reviewed: 0, rejected: 0, unreviewed: 2 });
    expect(await cached()).toEqual([]);
  });

  test("the next pass asks again, once: one verdict taken, one refused, both answers cached", async () => {
    endpoint = await endpointAnswer();
    const r = await classifyPending(t.catalog.db, { review: review(endpoint) });
    expect(r.review).toMatchObject({ candidates: 2, calls: 1, cacheHits: 0, reviewed: 1, rejected: 1, dropped: 0, unreviewed: 0 });
    expect(endpoint.seen).toHaveLength(1);
    expect(await cached()).toEqual([{ contentHash: "cache-0" }, { contentHash: "cache-1" }]);
  });

  test("a second pass over the unchanged catalog asks nothing and rewrites nothing, the refused tool included", async () => {
    endpoint = await endpointAnswer();
    const before = await updatedAt();
    const r = await classifyPending(t.catalog.db, { review: review(endpoint) });
    expect(r).toMatchObject({ servers: 0, classified: 0, review: { candidates: 0, calls: 0 } });
    expect(endpoint.seen).toHaveLength(0);
    expect(await updatedAt()).toEqual(before);
  });

  test("classified again (a new classifier version), both answers come from the cache, the refusal too: no call", async () => {
    endpoint = await endpointAnswer();
    await t.catalog.db.update(classifications).set({ classifierVersion: "0-older" });
    const r = await classifyPending(t.catalog.db, { review: review(endpoint) });
    expect(r).toMatchObject({ classified: 3, review: { candidates: 2, calls: 0, cacheHits: 2, reviewed: 1, rejected: 1 } });
    const again = await classifyPending(t.catalog.db, { review: review(endpoint) });
    expect(again).toMatchObject({ classified: 0, review: { candidates: 0, calls: 0 } });
    expect(endpoint.seen).toHaveLength(0);
    const methods = await t.catalog.db.select({ name: tools.name, method: classifications.method }).from(classifications).innerJoin(tools, eq(tools.id, classifications.toolId)).orderBy(tools.name);
    expect(methods.map((m) => m.method)).toEqual(["rules", "rules+model", "rules"]);
    expect(await t.catalog.db.select({ n: sql<number>`count(*)::int` }).from(modelReviews)).toEqual([{ n: 2 }]);
  });
});
