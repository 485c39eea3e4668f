// Workers on the listing queue, the real CLI's against Postgres: three of them with one killed mid-job (two processes,
// the third in this process), a poison server dead-lettered, enqueueing twice, per-host politeness across the fleet.
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createScratchDatabase } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import type { LocalServer } from "../helpers/local-server.js";
import { startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";
import { startRawLegacyServer, startStreamableServer, tool } from "../enumerate/servers.js";
import { closeQueueWorld, HAS_POSTGRES, queueEnv, registryItem, rows, runWorkerHere, startCrashingServer, startWorker, toolServer, waitFor, type Worker } from "./helpers.js";

const FLEET = ["alpha", "bravo", "charlie", "delta", "echo"];

describe.skipIf(!HAS_POSTGRES)("listing workers on Postgres", () => {
  let db: Awaited<ReturnType<typeof createScratchDatabase>>;
  let registry: RegistryReplay;
  let env: Record<string, string>;
  const servers: LocalServer[] = [];
  /** tools/list requests seen by the slow shared host, and the most that overlapped. */
  const shared = { inFlight: 0, maxInFlight: 0, lists: 0 };
  let poison: LocalServer;
  const workers: Worker[] = [];

  beforeAll(async () => {
    db = await createScratchDatabase();
    const items = [];
    for (const name of FLEET) {
      const s = await startStreamableServer(toolServer(name));
      servers.push(s);
      items.push(registryItem(`io.test/${name}`, `${s.url}/mcp`));
    }
    // Three servers on one host, each tools/list answered after 700 ms: the fleet may list one at a time there.
    const slow = await startRawLegacyServer({
      takeOver: (m, req, res: ServerResponse) => {
        if (m.method !== "tools/list") return false;
        shared.lists += 1;
        shared.inFlight += 1;
        shared.maxInFlight = Math.max(shared.maxInFlight, shared.inFlight);
        setTimeout(() => {
          shared.inFlight -= 1;
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id: m.id, result: { tools: [tool(`slow_tool${(req as IncomingMessage).url?.replace(/\W/g, "_")}`)] } }));
        }, 700);
        return true;
      },
    });
    servers.push(slow);
    for (const path of ["a", "b", "c"]) items.push(registryItem(`io.test/slow-${path}`, `${slow.url}/${path}`));
    poison = await startCrashingServer();
    servers.push(poison);
    items.push(registryItem("io.test/poison", `${poison.url}/mcp`));
    registry = await startRegistryReplay(items);
    env = queueEnv(db.url, registry.url, { CATALOG_INTROSPECT_PER_HOST: "1" });
  }, 60_000);

  afterAll(() => closeQueueWorld({ workers, servers, registry, db }));

  test("refresh --queue enqueues one job per reachable server; enqueueing again adds nothing", async () => {
    const first = await runCli(["refresh", "--sources", "registry", "--queue", "--json"], env);
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.queued).toEqual({ enqueued: { remote: FLEET.length + 4, stdio: 0 }, alreadyQueued: 0 });
    expect(summary.introspection).toBeUndefined();
    const again = JSON.parse((await runCli(["refresh", "--sources", "registry", "--queue", "--json"], env)).stdout);
    expect(again.queued).toEqual({ enqueued: { remote: 0, stdio: 0 }, alreadyQueued: FLEET.length + 4 });
    const queue = JSON.parse((await runCli(["queue", "--json"], env)).stdout);
    expect(queue.modes.remote).toMatchObject({ queued: FLEET.length + 4, active: 0, completed: 0 });
    expect((await rows(db.url, "select count(*)::int as n from tools"))[0]).toEqual({ n: 0 });
  }, 120_000);

  test("three workers, one killed mid-job: every server listed once, no duplicate history, the poison server dead-lettered, one listing at a time per host", async () => {
    // The first worker takes one job at a time; it is killed while a listing is in its hands.
    const doomed = startWorker(["--concurrency", "1"], env);
    workers.push(doomed);
    // The job in its hands, read as it is seen there: read again later, it may be done already.
    let held: { server_id: number } | undefined;
    await waitFor(
      () => `the first worker to be mid-listing (it said: ${doomed.stderr()})`,
      async () => {
        [held] = await rows<{ server_id: number }>(db.url, "select (data->>'serverId')::int as server_id from mcp_catalog_queue.job where state = 'active' limit 1");
        return held !== undefined && servers.some((s) => s.requests.length > 0);
      },
      60_000,
    );
    doomed.child.kill("SIGKILL");
    expect((await doomed.exited).signal).toBe("SIGKILL");

    // One of the two in this process: the politeness between them is the database's, across processes or not.
    const fleet = [startWorker(["--once", "--concurrency", "2"], env), runWorkerHere(["--once", "--concurrency", "2"], env)];
    workers.push(...fleet);
    const ends = await Promise.all(fleet.map((w) => w.exited));
    expect(ends.map((e) => e.code), fleet.map((w) => w.stderr()).join("\n")).toEqual([0, 0]);

    // The killed worker's job came back after its expiry and was finished by another.
    const [heldServer] = await rows<{ introspected: boolean; error: string | null }>(db.url, `select introspected_at is not null as introspected, introspection_error as error from servers where id = ${held!.server_id}`);
    expect(heldServer!.introspected).toBe(true);

    const listed = await rows<{ key: string; tools: number; error: string | null; posture: string | null }>(
      db.url,
      "select s.key, (select count(*)::int from tools t where t.server_id = s.id) as tools, s.introspection_error as error, s.auth_posture as posture from servers s order by s.key",
    );
    for (const name of FLEET) expect(listed.find((l) => l.key === `io.test/${name}`)).toMatchObject({ tools: 3, error: null, posture: "open" });
    for (const path of ["a", "b", "c"]) expect(listed.find((l) => l.key === `io.test/slow-${path}`)).toMatchObject({ tools: 1, error: null });
    // No history entry twice: each tool was added exactly once, whoever listed it and however often.
    const history = await rows<{ kind: string; n: number }>(db.url, "select kind, count(*)::int as n from tool_changes group by kind, server_id, tool_name having count(*) > 1");
    expect(history).toEqual([]);
    const added = await rows<{ n: number }>(db.url, "select count(*)::int as n from tool_changes where kind = 'added'");
    expect(added[0]!.n).toBe(FLEET.length * 3 + 3);
    // Classified in the same transaction as the tools.
    const unclassified = await rows<{ n: number }>(db.url, "select count(*)::int as n from tools t left join classifications c on c.tool_id = t.id where c.tool_id is null");
    expect(unclassified[0]!.n).toBe(0);

    // The poison server: retried with back-off a bounded number of times, then dead-lettered, and recorded on the server.
    const poisoned = listed.find((l) => l.key === "io.test/poison")!;
    expect(poisoned.tools).toBe(0);
    expect(poisoned.error).toMatch(/^dead-lettered after 3 attempts: connect: /);
    const queue = JSON.parse((await runCli(["queue", "--json"], env)).stdout);
    expect(queue.modes.remote).toMatchObject({ queued: 0, retry: 0, active: 0, failed: 1, deadLettered: 1 });
    expect(queue.lastFailures.map((f: { server: string }) => f.server)).toContain("io.test/poison");

    // Per-host politeness across the fleet: one listing at a time on the shared host.
    expect(shared.lists).toBeGreaterThanOrEqual(3);
    expect(shared.maxInFlight).toBe(1);
    const stats = JSON.parse((await runCli(["stats", "--json"], env)).stdout);
    expect(stats.remotes).toEqual({ open: FLEET.length + 3, needsAuth: 0 });
  }, 180_000);
});
