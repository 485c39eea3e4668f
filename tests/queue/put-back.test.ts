// A stopping worker puts the job in its hands back (db/listing-jobs.ts putBackActiveJob); a moment later its handler
// returns and pg-boss completes the job it handed out: `update job set state = 'completed' where id = <that id> and
// state = 'active'` (pg-boss 10's completeJobs; a shutdown's failJobsById likewise takes any state before completed).
// Another worker may take the put-back job in that moment. Here that window is opened step by step, with pg-boss's own
// calls in the worker's order: fetch, put back, the other worker's fetch, then the completion (or the shutdown's fail).
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { jobKey, LISTING_QUEUES, openListingQueue } from "../../crawler/listing-queue.js";
import { putBackActiveJob, QUEUE_SCHEMA } from "../../db/listing-jobs.js";
import { openCatalog, type Catalog } from "../../db/client.js";
import type { ScratchDatabase } from "../../db/scratch.js";
import { loadConfig } from "../../scripts/config.js";
import { createScratchDatabase } from "../helpers/catalog.js";
import { closeQueueWorld, HAS_POSTGRES, queueEnv, rows } from "./helpers.js";

const QUEUE = LISTING_QUEUES.remote;

describe.skipIf(!HAS_POSTGRES)("a job put back by a stopping worker and taken by another before the first handler returns (Postgres)", () => {
  let db: ScratchDatabase;
  let catalog: Catalog;
  let boss: PgBoss;
  const job = { serverId: 1, contentHash: "abc", runId: 1, deferrals: 0 };
  const states = () => rows<{ id: string; state: string; retry_count: number }>(db.url, `select id::text, state::text, retry_count from ${QUEUE_SCHEMA}.job where name = '${QUEUE}' order by created_on, id`);

  beforeAll(async () => {
    db = await createScratchDatabase();
    catalog = await openCatalog({ databaseUrl: db.url, dataDir: "" });
    boss = await openListingQueue(db.url, loadConfig(queueEnv(db.url, "http://127.0.0.1:9"), process.cwd()).queue, { supervise: false });
  }, 60_000);

  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
    await catalog?.close();
    await closeQueueWorld({ workers: [], servers: [], db });
  });

  beforeEach(async () => {
    await rows(db.url, `delete from ${QUEUE_SCHEMA}.job where name = '${QUEUE}'`);
    expect(await boss.send(QUEUE, job, { singletonKey: jobKey(job) })).toBeTruthy();
  });

  /** The first worker takes the job and puts it back; the second takes it: the window before the first handler returns. */
  async function openWindow() {
    const [first] = await boss.fetch(QUEUE);
    expect(await putBackActiveJob(catalog.db, QUEUE_SCHEMA, QUEUE, first!.id)).toBe("waiting");
    const [second] = await boss.fetch(QUEUE);
    expect(second?.data).toEqual(job);
    return { first: first!, second: second! };
  }

  test("the first handler's return completes nothing: the second worker's listing stays in its hands, and its failure is a retry", async () => {
    const { first, second } = await openWindow();
    // What pg-boss does when the released handler returns (nothing: no output).
    await boss.complete(QUEUE, first.id);
    expect(await states()).toEqual([{ id: second.id, state: "active", retry_count: 0 }]);
    // The second worker's listing fails: pg-boss retries it, the retry it is owed.
    await boss.fail(QUEUE, second.id, new Error("connect"));
    expect(await states()).toEqual([{ id: second.id, state: "retry", retry_count: 0 }]);
  });

  test("the first worker's shutdown fails nothing either", async () => {
    const { first, second } = await openWindow();
    await boss.fail(QUEUE, first.id, new Error("pg-boss shut down while active"));
    expect(await states()).toEqual([{ id: second.id, state: "active", retry_count: 0 }]);
  });
});
