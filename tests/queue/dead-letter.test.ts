// What the queue records when no worker saw a listing fail: a worker killed mid-listing with no retry left (its job
// expires into the dead-letter queue) and a job whose server was deleted after it was enqueued; and what `queue` counts
// as a failure (not a successful listing's notes). The real CLI's workers against a scratch Postgres: processes, but for
// the first test's drain, in this process.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createScratchDatabase } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import type { LocalServer } from "../helpers/local-server.js";
import { startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";
import { startRawLegacyServer, startStreamableServer, tool } from "../enumerate/servers.js";
import { closeQueueWorld, HAS_POSTGRES, queueEnv, registryItem, rows, runWorkerHere, startWorker, toolServer, waitFor, type Worker } from "./helpers.js";

describe.skipIf(!HAS_POSTGRES)("dead letters and skipped jobs on Postgres", () => {
  let db: Awaited<ReturnType<typeof createScratchDatabase>>;
  let registry: RegistryReplay;
  const servers: LocalServer[] = [];
  const workers: Worker[] = [];
  /** tools/list requests the held server got; it answers none of them. */
  const held = { lists: 0 };
  let heldItem: ReturnType<typeof registryItem>;
  /** No retry, and an expiry of 3 s: a killed worker's job is dead-lettered at its first expiry. */
  let env: Record<string, string>;

  const errorOf = async (key: string) => (await rows<{ error: string | null }>(db.url, `select introspection_error as error from servers where key = '${key}'`))[0]!.error;

  beforeAll(async () => {
    db = await createScratchDatabase();
    const kept = await startStreamableServer(toolServer("oscar"));
    const gone = await startStreamableServer(toolServer("papa"));
    const hold = await startRawLegacyServer({ takeOver: (m) => m.method === "tools/list" && (held.lists++, true) });
    // Lists fine, but names one tool twice with two definitions: neither is kept, and the listing notes it.
    const noted = await startRawLegacyServer({ toolsList: () => ({ tools: [tool("kept"), tool("query"), tool("query", { description: "Another query." })] }) });
    servers.push(kept, gone, hold, noted);
    // Published after the first run: the second run's incremental crawl (updated_since) finds it.
    const item = registryItem("io.test/held", `${hold.url}/mcp`);
    heldItem = { ...item, _meta: { "io.modelcontextprotocol.registry/official": { ...item._meta!["io.modelcontextprotocol.registry/official"], updatedAt: "2025-12-01T00:00:00Z" } } };
    registry = await startRegistryReplay([registryItem("io.test/oscar", `${kept.url}/mcp`), registryItem("io.test/papa", `${gone.url}/mcp`), registryItem("io.test/quebec", `${noted.url}/mcp`)]);
    env = queueEnv(db.url, registry.url, { CATALOG_QUEUE_RETRY_LIMIT: "0", CATALOG_QUEUE_EXPIRE_SECONDS: "3", CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS: "2000" });
  }, 60_000);

  afterAll(() => closeQueueWorld({ workers, servers, registry, db }));

  test("a job whose server was deleted after it was enqueued is counted skipped in the worker's summary; a listing's notes are no failure", async () => {
    const refresh = await runCli(["refresh", "--sources", "registry", "--queue", "--json"], env);
    expect(refresh.code, refresh.stderr).toBe(0);
    expect(JSON.parse(refresh.stdout).queued.enqueued.remote).toBe(3);
    await rows(db.url, "update servers set status = 'deleted' where key = 'io.test/papa'");

    const drain = runWorkerHere(["--once", "--modes", "remote"], env);
    workers.push(drain);
    expect((await drain.exited).code, drain.stderr()).toBe(0);
    expect(drain.stderr()).toMatch(/stopped: listed 2, failed 0, skipped 1, retried 0, dead-lettered 0,/);

    // The listing with a note succeeded: its note is on the server as a note, not among queue's last failures.
    const [quebec] = await rows<{ error: string | null; notes: string | null }>(db.url, "select introspection_error as error, introspection_notes as notes from servers where key = 'io.test/quebec'");
    expect(quebec).toEqual({ error: null, notes: 'skipped 2 tools: name "query": 2 tools with different definitions; none of them is kept' });
    const queue = await runCli(["queue", "--json"], env);
    expect(queue.code, queue.stderr).toBe(0);
    expect(JSON.parse(queue.stdout).lastFailures).toEqual([]);
    expect((await runCli(["queue"], env)).stdout).toMatch(/^last failures: none$/m);
  }, 60_000);

  test("a worker killed mid-listing with no retry left: its expired job is dead-lettered and recorded on the server, and queue shows it", async () => {
    registry.items = [...registry.items, heldItem];
    const refresh = await runCli(["refresh", "--sources", "registry", "--queue", "--json"], env);
    expect(refresh.code, refresh.stderr).toBe(0);
    expect(JSON.parse(refresh.stdout).queued.enqueued.remote).toBe(1);

    const doomed = startWorker(["--modes", "remote", "--concurrency", "1"], env);
    workers.push(doomed);
    await waitFor(() => `the worker to be mid-listing (it said: ${doomed.stderr()})`, () => held.lists > 0);
    doomed.child.kill("SIGKILL");
    expect((await doomed.exited).signal).toBe("SIGKILL");

    // The next worker drains: it waits for the job to expire (pg-boss's maintenance, in this worker), then records the dead letter.
    // A process, as the one after a killed worker is: in this process the record was once missing (one full run, not reproduced).
    const drain = startWorker(["--once", "--modes", "remote"], env);
    workers.push(drain);
    expect((await drain.exited).code, drain.stderr()).toBe(0);
    const note = /^dead-lettered after 1 attempt: expired: the worker listing it stopped or hung past its job's expiry of 3 s \(pg-boss: .+\)$/;
    expect(await errorOf("io.test/held"), drain.stderr()).toMatch(note);
    expect(drain.stderr()).toMatch(/dead io\.test\/held: dead-lettered after 1 attempt: expired/);
    expect(drain.stderr()).toMatch(/stopped: listed 0, failed 0, skipped 0, retried 0, dead-lettered 1,/);
    // Nothing else recorded a failure: the listed server stays clean.
    expect(await errorOf("io.test/oscar")).toBeNull();

    const queue = await runCli(["queue", "--json"], env);
    expect(queue.code, queue.stderr).toBe(0);
    const report = JSON.parse(queue.stdout);
    expect(report.modes.remote).toMatchObject({ queued: 0, retry: 0, active: 0, failed: 1, deadLettered: 1 });
    expect(report.lastFailures).toEqual([{ server: "io.test/held", at: expect.any(String), error: expect.stringMatching(note) }]);
    expect(held.lists).toBe(1);
  }, 90_000);
});
