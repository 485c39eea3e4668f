// The queue's retry policy is the worker's, whichever process enqueued the jobs and whatever settings it had, but a job
// in another worker's hands keeps the one it was taken with; and `queue` counts a job whose listing failed as failed,
// not completed. The real CLI's workers (in this process: nothing here is about a process) against a scratch Postgres.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createScratchDatabase } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import type { LocalServer } from "../helpers/local-server.js";
import { startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";
import { startRawLegacyServer, startStreamableServer, tool } from "../enumerate/servers.js";
import { closeQueueWorld, HAS_POSTGRES, queueEnv, registryItem, rows, runWorkerHere, startCrashingServer, toolServer, waitFor, type Worker } from "./helpers.js";

describe.skipIf(!HAS_POSTGRES)("the queue's policy and counts on Postgres", () => {
  let db: Awaited<ReturnType<typeof createScratchDatabase>>;
  let registry: RegistryReplay;
  const servers: LocalServer[] = [];
  const workers: Worker[] = [];
  /** Whoever enqueues or looks: no retry, and a first retry after 30 s if there were one. Every server is due on every run. */
  let enqueuer: Record<string, string>;
  /** The workers: one retry, after a second. */
  let worker: Record<string, string>;

  const poisonError = async () => (await rows<{ error: string }>(db.url, "select introspection_error as error from servers where key = 'io.test/poison'"))[0]!.error;
  const queueJson = async () => {
    const r = await runCli(["queue", "--json"], enqueuer);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout).modes.remote;
  };

  beforeAll(async () => {
    db = await createScratchDatabase();
    const good = await startStreamableServer(toolServer("november"));
    // Answers tools/list with a result that is no tool list: a protocol failure, recorded and not retried.
    const broken = await startRawLegacyServer({ toolsList: () => ({ tools: "none" }) });
    const poison = await startCrashingServer();
    servers.push(good, broken, poison);
    registry = await startRegistryReplay([registryItem("io.test/november", `${good.url}/mcp`), registryItem("io.test/broken", `${broken.url}/mcp`), registryItem("io.test/poison", `${poison.url}/mcp`)]);
    enqueuer = queueEnv(db.url, registry.url, { CATALOG_QUEUE_RETRY_LIMIT: "0", CATALOG_QUEUE_RETRY_DELAY_SECONDS: "30", CATALOG_INTROSPECT_MAX_AGE_HOURS: "0" });
    worker = queueEnv(db.url, registry.url, { CATALOG_QUEUE_RETRY_LIMIT: "1", CATALOG_QUEUE_RETRY_DELAY_SECONDS: "1" });
  }, 60_000);

  afterAll(() => closeQueueWorld({ workers, servers, registry, db }));

  test("a worker's retry limit and delay apply to the jobs enqueued before it started, by a refresh with other settings", async () => {
    const refresh = await runCli(["refresh", "--sources", "registry", "--queue", "--json"], enqueuer);
    expect(refresh.code, refresh.stderr).toBe(0);
    expect(JSON.parse(refresh.stdout).queued.enqueued.remote).toBe(3);

    const drain = runWorkerHere(["--once", "--modes", "remote"], worker);
    workers.push(drain);
    expect((await drain.exited).code, drain.stderr()).toBe(0);

    // One retry (the worker's limit), not none (the refresh's), and a second apart, not thirty.
    expect(await poisonError()).toMatch(/^dead-lettered after 2 attempts: connect: /);
    const poisonJobs = await rows(db.url, "select retry_limit, retry_delay from mcp_catalog_queue.job where name = 'listing-remote' and state = 'failed'");
    expect(poisonJobs).toEqual([{ retry_limit: 1, retry_delay: 1 }]);
    expect(drain.stderr()).toMatch(/retry limit 1, first retry after 1 s, .*: the queue's policy from now on, given to 3 waiting jobs/);
  }, 120_000);

  test("queue counts a listing that failed as failed, not completed: one failed for good, one out of retries", async () => {
    const broken = await rows<{ error: string }>(db.url, "select introspection_error as error from servers where key = 'io.test/broken'");
    expect(broken[0]!.error).toMatch(/^protocol: /);
    expect(await queueJson()).toEqual({ queued: 0, retry: 0, active: 0, completed: 1, cancelled: 0, failed: 2, deadLettered: 1, oldestWaitingSeconds: null });

    const text = await runCli(["queue"], enqueuer);
    expect(text.code, text.stderr).toBe(0);
    // mode, queued, retry, active, completed, cancelled, failed, dead-lettered
    expect(text.stdout).toMatch(/^mode\s+queued\s+retry\s+active\s+completed\s+cancelled\s+failed\s+dead-lettered\s+oldest wait$/m);
    expect(text.stdout).toMatch(/^remote\s+0\s+0\s+0\s+1\s+0\s+2\s+1\s/m);
  }, 60_000);

  test("a running worker's policy stands: a queue and a refresh with other settings neither change it nor enqueue under theirs", async () => {
    const running = runWorkerHere(["--modes", "remote"], worker);
    workers.push(running);
    await waitFor(() => `the worker to start (it said: ${running.stderr()})`, () => running.stderr().includes("taking listing-remote"));

    expect((await runCli(["queue", "--json"], enqueuer)).code).toBe(0);
    const refresh = await runCli(["refresh", "--sources", "registry", "--queue", "--json"], enqueuer);
    expect(refresh.code, refresh.stderr).toBe(0);
    expect(JSON.parse(refresh.stdout).queued.enqueued.remote).toBe(3);

    await waitFor(
      () => `the three new jobs to finish (the worker said: ${running.stderr()})`,
      async () => {
        const [n] = await rows<{ dead: number; unfinished: number }>(
          db.url,
          `select count(*) filter (where name = 'listing-remote-dead')::int as dead,
            count(*) filter (where name = 'listing-remote' and state in ('created', 'retry', 'active'))::int as unfinished
          from mcp_catalog_queue.job`,
        );
        return n!.dead === 2 && n!.unfinished === 0;
      },
    );
    expect(await poisonError()).toMatch(/^dead-lettered after 2 attempts: connect: /);
    running.stop();
    expect((await running.exited).code, running.stderr()).toBe(0);
  }, 120_000);
});

/** A server whose tools/list is answered only once the test releases it: a listing held in a worker's hands. */
async function startHoldingServer(): Promise<LocalServer & { lists: () => number; release: () => void }> {
  const waiting: (() => void)[] = [];
  let released = false;
  const server = await startRawLegacyServer({
    takeOver: (m, _req, res) => {
      if (m.method !== "tools/list") return false;
      const answer = () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id: m.id, result: { tools: [tool("held_tool")] } }));
      if (released) answer();
      else waiting.push(answer);
      return true;
    },
  });
  return {
    ...server,
    lists: () => server.methods.filter((m) => m === "tools/list").length,
    release: () => {
      released = true;
      for (const answer of waiting.splice(0)) answer();
    },
  };
}

describe.skipIf(!HAS_POSTGRES)("a starting worker's policy and the jobs in other workers' hands, on Postgres", () => {
  let db: Awaited<ReturnType<typeof createScratchDatabase>>;
  let registry: RegistryReplay;
  const holding = new Map<string, Awaited<ReturnType<typeof startHoldingServer>>>();
  const workers: Worker[] = [];
  /** Listings that wait as long as their server does, on jobs that expire after two minutes. */
  let patient: Record<string, string>;
  /** The same listings, on jobs that expire after a second. */
  let hasty: Record<string, string>;
  const job = async (id: string) =>
    (await rows<{ state: string; retry_count: number; expire: number }>(db.url, `select state, retry_count, extract(epoch from expire_in)::int as expire from mcp_catalog_queue.job where id = '${id}'`))[0];

  beforeAll(async () => {
    db = await createScratchDatabase();
    for (const key of ["io.test/held-one", "io.test/held-two"]) holding.set(key, await startHoldingServer());
    registry = await startRegistryReplay([...holding].map(([key, s]) => registryItem(key, `${s.url}/mcp`)));
    patient = queueEnv(db.url, registry.url, { CATALOG_QUEUE_EXPIRE_SECONDS: "120", CATALOG_INTROSPECT_REQUEST_TIMEOUT_MS: "110000", CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS: "110000" });
    // A worker refuses an expiry its listings may outlast: these give up within it (a timeout, retried).
    hasty = { ...patient, CATALOG_QUEUE_EXPIRE_SECONDS: "1", CATALOG_INTROSPECT_CONNECT_TIMEOUT_MS: "500", CATALOG_INTROSPECT_REQUEST_TIMEOUT_MS: "500", CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS: "500", CATALOG_STDIO_INSTALL_TIMEOUT_MS: "400" };
  }, 60_000);

  afterAll(() => closeQueueWorld({ workers, servers: [...holding.values()], registry, db }));

  test("a worker started with a short expiry gives it to the waiting job, not to the one another worker holds, and rewrites no job that has its policy", async () => {
    const refresh = await runCli(["refresh", "--sources", "registry", "--queue", "--json"], patient);
    expect(refresh.code, refresh.stderr).toBe(0);
    expect(JSON.parse(refresh.stdout).queued.enqueued.remote).toBe(2);

    const first = runWorkerHere(["--modes", "remote", "--concurrency", "1"], patient);
    workers.push(first);
    await waitFor(() => `the first worker to hold a listing (it said: ${first.stderr()})`, () => [...holding.values()].some((s) => s.lists() > 0));
    // The jobs already had its policy (the refresh created the queue with the same settings): none was rewritten.
    expect(first.stderr()).toMatch(/expiry 120 s \(remote\): the queue's policy from now on, given to 0 waiting jobs/);
    const [held] = await rows<{ id: string; key: string }>(
      db.url,
      "select j.id, s.key from mcp_catalog_queue.job j join servers s on s.id = (j.data->>'serverId')::int where j.name = 'listing-remote' and j.state = 'active'",
    );

    const second = runWorkerHere(["--modes", "remote", "--concurrency", "1"], hasty);
    workers.push(second);
    // The waiting job takes the one-second expiry; the second worker takes it and its listing times out, a retry;
    // the first worker's job (taken earlier) keeps its two minutes.
    await waitFor(
      () => `the second worker's job to be retried (it said: ${second.stderr()})`,
      async () => (await rows(db.url, `select 1 from mcp_catalog_queue.job where name = 'listing-remote' and id <> '${held!.id}' and state = 'retry'`)).length === 1,
    );
    expect(await job(held!.id)).toEqual({ state: "active", retry_count: 0, expire: 120 });
    expect(second.stderr()).toMatch(/expiry 1 s \(remote\): the queue's policy from now on, given to 1 waiting job/);

    // Released, the held listing completes in the first worker's hands, its only attempt.
    for (const s of holding.values()) s.release();
    await waitFor(() => `the held job to complete (the first worker said: ${first.stderr()})`, async () => (await job(held!.id))?.state === "completed");
    expect(await job(held!.id)).toEqual({ state: "completed", retry_count: 0, expire: 120 });
    expect(holding.get(held!.key)!.lists()).toBe(1);
  }, 120_000);
});
