// pg-boss archives a job still waiting, or waiting for a retry, once its keep_until passes (its start plus the queue's
// retention, two weeks unless the queue names one): silently, no dead letter, the server's record left saying it will be
// retried. A job must be kept until its last retry can have started: the queue's retention covers the retry schedule,
// for the jobs a refresh enqueues and, once a worker with a longer schedule starts, for those already waiting.
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { adoptQueuePolicy, openListingQueue, retentionMinutes } from "../../crawler/listing-queue.js";
import { openCatalog, type Catalog } from "../../db/client.js";
import type { ScratchDatabase } from "../../db/scratch.js";
import { loadConfig } from "../../scripts/config.js";
import { createScratchDatabase } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";
import { closeQueueWorld, HAS_POSTGRES, queueEnv, registryItem, rows } from "./helpers.js";

const DAY = 86_400;
/** Days a job is kept after its start (its keep_until), by its state. */
const keptDays = async (url: string) => rows<{ state: string; days: number }>(url, "select state::text, extract(epoch from keep_until - start_after)::float8 / 86400 as days from mcp_catalog_queue.job where name = 'listing-remote'");

test("the retention: two weeks to wait for a worker, then every attempt's expiry and every retry's longest back-off", () => {
  // 3 retries after 30 s, doubling with up to as much again of jitter: 60 + 120 + 240 s; 4 attempts of 90 s.
  expect(retentionMinutes({ retryLimit: 3, retryDelaySeconds: 30 }, 90)).toBe(Math.ceil((14 * DAY + 4 * 90 + 420) / 60));
  expect(retentionMinutes({ retryLimit: 0, retryDelaySeconds: 30 }, 90)).toBe(Math.ceil((14 * DAY + 90) / 60));
  // Past 16 retries the back-off stops doubling.
  expect(retentionMinutes({ retryLimit: 18, retryDelaySeconds: 1 }, 1)).toBe(Math.ceil((14 * DAY + 19 + (2 ** 17 - 2) + 2 * 2 ** 16) / 60));
  // pg-boss multiplies the minutes by 60 in a 32-bit integer.
  expect(retentionMinutes({ retryLimit: 2_147_483_647, retryDelaySeconds: DAY }, 86_399)).toBe(Math.floor((2 ** 31 - 1) / 60));
});

describe.skipIf(!HAS_POSTGRES)("listing jobs kept until their last retry (Postgres)", () => {
  let db: ScratchDatabase;
  let registry: RegistryReplay;
  let catalog: Catalog;
  let boss: PgBoss | undefined;

  beforeAll(async () => {
    db = await createScratchDatabase();
    // Never reached: the server is only enqueued.
    registry = await startRegistryReplay([registryItem("io.test/far", "http://127.0.0.1:9/mcp")]);
    catalog = await openCatalog({ databaseUrl: db.url, dataDir: "" });
  }, 60_000);

  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
    await catalog?.close();
    await closeQueueWorld({ workers: [], servers: [], registry, db });
  });

  test("a job enqueued on a queue retrying daily five times is kept past its fifth retry, not two weeks", async () => {
    // Retries 1 to 2, 2 to 4, 4 to 8, 8 to 16 and 16 to 32 days after the attempt before: up to 62 days of back-off.
    const env = queueEnv(db.url, registry.url, { CATALOG_QUEUE_RETRY_LIMIT: "5", CATALOG_QUEUE_RETRY_DELAY_SECONDS: String(DAY) });
    const r = await runCli(["refresh", "--sources", "registry", "--queue", "--json"], env);
    expect(r.code, r.stderr).toBe(0);
    const [job] = await keptDays(db.url);
    expect(job!.state).toBe("created");
    expect(job!.days).toBeGreaterThan(14 + 62);
  }, 60_000);

  test("a worker starting with a longer schedule keeps the jobs already waiting (and those to come) until their last retry", async () => {
    // A worker retrying daily eight times: up to 510 days of back-off.
    const settings = loadConfig(queueEnv(db.url, registry.url, { CATALOG_QUEUE_RETRY_LIMIT: "8", CATALOG_QUEUE_RETRY_DELAY_SECONDS: String(DAY) }), process.cwd()).queue;
    boss = await openListingQueue(db.url, settings, { supervise: false });
    expect(await adoptQueuePolicy(catalog.db, boss, settings, ["remote"])).toBe(1);
    const [job] = await keptDays(db.url);
    expect(job!.days).toBeGreaterThan(14 + 510);
    expect((await boss.getQueue("listing-remote"))!.retentionMinutes).toBe(retentionMinutes(settings, settings.expireSeconds.remote));
  }, 60_000);
});
