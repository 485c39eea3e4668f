// `queue` counts finished jobs after pg-boss's maintenance archives them (12 hours after they end; the archive keeps
// them a week): it read the job table alone, and its completed and failed counts fell to 0 half a day after a run.
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { jobKey, LISTING_QUEUES, openListingQueue } from "../../crawler/listing-queue.js";
import { QUEUE_SCHEMA } from "../../db/listing-jobs.js";
import type { ScratchDatabase } from "../../db/scratch.js";
import { loadConfig } from "../../scripts/config.js";
import { createScratchDatabase } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import { closeQueueWorld, HAS_POSTGRES, queueEnv, rows } from "./helpers.js";

const QUEUE = LISTING_QUEUES.remote;

describe.skipIf(!HAS_POSTGRES)("queue counts the jobs pg-boss archived (Postgres)", () => {
  let db: ScratchDatabase;
  let boss: PgBoss;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createScratchDatabase();
    env = queueEnv(db.url, "http://127.0.0.1:9");
    boss = await openListingQueue(db.url, loadConfig(env, process.cwd()).queue, { supervise: false });
  }, 60_000);

  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
    await closeQueueWorld({ workers: [], servers: [], db });
  });

  test("a listed, a failed and a cancelled job still count once archived; one archived unfinished counts nowhere", async () => {
    const send = (serverId: number) => boss.send(QUEUE, { serverId, contentHash: "h", runId: 1, deferrals: 0 }, { singletonKey: jobKey({ serverId, contentHash: "h" }) });
    const ids = [await send(1), await send(2), await send(3), await send(4), await send(5)];
    for (let i = 0; i < 3; i++) await boss.fetch(QUEUE);
    await boss.complete(QUEUE, ids[0]!, { outcome: "listed" });
    await boss.complete(QUEUE, ids[1]!, { outcome: "failed" });
    await boss.cancel(QUEUE, ids[2]!);
    // The fourth waits on; the fifth waited past its retention.
    await rows(db.url, `update ${QUEUE_SCHEMA}.job set keep_until = now() - interval '1 second' where id = '${ids[4]}'`);
    const counts = async () => {
      const r = await runCli(["queue", "--json"], env);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout).modes.remote;
    };
    const expected = { queued: 2, completed: 1, failed: 1, cancelled: 1 };
    expect(await counts()).toMatchObject(expected);

    // pg-boss 10's archive statement (plans.js archive), run as its maintenance would 12 hours later.
    const columns = "id, name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff, start_after, started_on, singleton_key, singleton_on, expire_in, created_on, completed_on, keep_until, dead_letter, policy, output";
    await rows(
      db.url,
      `with archived_rows as (delete from ${QUEUE_SCHEMA}.job where (completed_on < now()) or (state < 'active' and keep_until < now()) returning *)
        insert into ${QUEUE_SCHEMA}.archive (${columns}) select ${columns} from archived_rows on conflict do nothing`,
    );
    expect(await rows(db.url, `select count(*)::int as n from ${QUEUE_SCHEMA}.archive`)).toEqual([{ n: 4 }]);
    expect(await counts()).toMatchObject({ ...expected, queued: 1 });
  }, 60_000);
});
