// The queue against the in-process listing: `refresh --queue` plus a worker gives the same catalog as
// `refresh` alone; a worker's SIGTERM puts its jobs back; a host answering 429 is backed off for the fleet.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createScratchDatabase } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import type { LocalServer } from "../helpers/local-server.js";
import { startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";
import { startRawLegacyServer, startStreamableServer, tool } from "../enumerate/servers.js";
import { HAS_POSTGRES, queueEnv, registryItem, rows, runWorkerHere, startWorker, toolServer, waitFor } from "./helpers.js";

describe.skipIf(!HAS_POSTGRES)("the queue on Postgres", () => {
  const servers: LocalServer[] = [];
  const dbs: Awaited<ReturnType<typeof createScratchDatabase>>[] = [];
  let registry: RegistryReplay;
  /** The slow server: while `hold` is set its tools/list never answers. */
  const slow = { hold: true, lists: 0 };
  /** The rate-limited server: answers its first tools/list with 429 and Retry-After: 1, then normally. */
  const limited = { lists: [] as number[] };

  beforeAll(async () => {
    const items = [];
    for (const name of ["kilo", "lima", "mike"]) {
      const s = await startStreamableServer(toolServer(name, 4));
      servers.push(s);
      items.push(registryItem(`io.test/${name}`, `${s.url}/mcp`));
    }
    const s = await startRawLegacyServer({
      takeOver: (m) => (m.method === "tools/list" && (slow.lists++, slow.hold)) || false,
      toolsList: () => ({ tools: [tool("slow_read"), tool("slow_delete", { description: "Delete everything for good.", annotations: { destructiveHint: true } })] }),
    });
    servers.push(s);
    items.push(registryItem("io.test/slow", `${s.url}/mcp`));
    const r = await startRawLegacyServer({
      takeOver: (m, _req, res) => {
        if (m.method !== "tools/list") return false;
        limited.lists.push(Date.now());
        if (limited.lists.length > 1) return false;
        res.writeHead(429, { "retry-after": "1" }).end();
        return true;
      },
      toolsList: () => ({ tools: [tool("limited_read")] }),
    });
    servers.push(r);
    items.push(registryItem("io.test/limited", `${r.url}/mcp`));
    registry = await startRegistryReplay(items);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await registry?.close();
    await Promise.all(dbs.map((d) => d.drop()));
  });

  async function scratch() {
    const d = await createScratchDatabase();
    dbs.push(d);
    return d.url;
  }

  test("a worker's SIGTERM releases the job in its hands; a later worker finishes it", async () => {
    const env = queueEnv(await scratch(), registry.url);
    expect((await runCli(["refresh", "--sources", "registry", "--queue"], env)).code).toBe(0);
    slow.hold = true;
    const w = startWorker(["--concurrency", "4"], env);
    await waitFor("the worker to hold the slow listing", () => slow.lists > 0);
    const t0 = Date.now();
    w.child.kill("SIGTERM");
    const end = await w.exited;
    expect(end.code, w.stderr()).toBe(0);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(w.stderr()).toMatch(/released io\.test\/slow/);
    const [job] = await rows<{ state: string; retry_count: number }>(env.DATABASE_URL!, "select state::text, retry_count from mcp_catalog_queue.job where name = 'listing-remote' and data->>'serverId' = (select id::text from servers where key = 'io.test/slow')");
    expect(job).toEqual({ state: "created", retry_count: 0 });

    slow.hold = false;
    const again = runWorkerHere(["--once"], env);
    expect((await again.exited).code, again.stderr()).toBe(0);
    const [listed] = await rows<{ n: number }>(env.DATABASE_URL!, "select count(*)::int as n from tools t join servers s on s.id = t.server_id where s.key = 'io.test/slow'");
    expect(listed!.n).toBe(2);
    // Put back as it was: taken again, it was its first attempt still, not a retry spent.
    const [done] = await rows<{ state: string; retry_count: number }>(env.DATABASE_URL!, "select state::text, retry_count from mcp_catalog_queue.job where name = 'listing-remote' and data->>'serverId' = (select id::text from servers where key = 'io.test/slow')");
    expect(done).toEqual({ state: "completed", retry_count: 0 });
  }, 120_000);

  test("a worker's SIGTERM while a job for the same server already waits: the released job is cancelled, the waiting one lists it", async () => {
    const env = queueEnv(await scratch(), registry.url);
    const slowJobs = () => rows<{ state: string }>(env.DATABASE_URL!, "select state::text from mcp_catalog_queue.job where name = 'listing-remote' and data->>'serverId' = (select id::text from servers where key = 'io.test/slow') order by created_on");
    expect((await runCli(["refresh", "--sources", "registry", "--queue"], env)).code).toBe(0);
    slow.hold = true;
    const listsBefore = slow.lists;
    const w = startWorker(["--concurrency", "4"], env);
    await waitFor("the worker to hold the slow listing", () => slow.lists > listsBefore);
    // Not listed yet, so due again: the next run queues it once more beside the job in the worker's hands.
    expect((await runCli(["refresh", "--sources", "registry", "--queue"], env)).code).toBe(0);
    expect(await slowJobs()).toEqual([{ state: "active" }, { state: "created" }]);
    w.child.kill("SIGTERM");
    expect((await w.exited).code, w.stderr()).toBe(0);
    expect(w.stderr()).toMatch(/released io\.test\/slow: the worker is stopping; a job for this server already waits, so this one is cancelled/);
    expect(await slowJobs()).toEqual([{ state: "cancelled" }, { state: "created" }]);

    slow.hold = false;
    const again = runWorkerHere(["--once"], env);
    expect((await again.exited).code, again.stderr()).toBe(0);
    expect(await slowJobs()).toEqual([{ state: "cancelled" }, { state: "completed" }]);
    const [listed] = await rows<{ n: number }>(env.DATABASE_URL!, "select count(*)::int as n from tools t join servers s on s.id = t.server_id where s.key = 'io.test/slow'");
    expect(listed!.n).toBe(2);
  }, 120_000);

  test("refresh --queue and workers give the same catalog as in-process listing; a 429'd host is backed off for every worker", async () => {
    slow.hold = false;
    limited.lists = [];
    const inProcess = queueEnv(await scratch(), registry.url);
    const r1 = await runCli(["refresh", "--sources", "registry", "--json"], inProcess);
    expect(r1.code, r1.stderr).toBe(0);
    // The in-process listing met the 429 too: recorded as a failure that run. List again past the Retry-After.
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await runCli(["refresh", "--sources", "registry", "--json"], { ...inProcess, CATALOG_INTROSPECT_MAX_AGE_HOURS: "0" })).code).toBe(0);

    limited.lists = [];
    const queued = queueEnv(await scratch(), registry.url);
    expect((await runCli(["refresh", "--sources", "registry", "--queue"], queued)).code).toBe(0);
    const workers = [runWorkerHere(["--once", "--concurrency", "2"], queued), runWorkerHere(["--once", "--concurrency", "2"], queued)];
    const ends = await Promise.all(workers.map((w) => w.exited));
    expect(ends.map((e) => e.code), workers.map((w) => w.stderr()).join("\n")).toEqual([0, 0]);
    // The 429 put the host off for the whole fleet until its Retry-After: the next listing came after it.
    // (A loaded machine may let a job outlive its short test expiry and be listed once more: that is harmless, the back-off is what counts.)
    expect(limited.lists.length).toBeGreaterThanOrEqual(2);
    expect(limited.lists[1]! - limited.lists[0]!).toBeGreaterThanOrEqual(900);
    const backoffs = await rows<{ host: string }>(queued.DATABASE_URL!, "select host from host_backoffs");
    expect(backoffs).toHaveLength(1);

    const catalogOf = async (url: string) => ({
      tools: await rows(url, `select s.key, t.name, t.content_hash, t.origin, t.removed_at is null as current, c.category, c.risk, c.classifier_version
        from tools t join servers s on s.id = t.server_id left join classifications c on c.tool_id = t.id order by s.key, t.name`),
      servers: await rows(url, "select key, content_hash, introspection_error, auth_posture, introspected_at is not null as listed from servers order by key"),
      history: await rows(url, "select s.key, c.tool_name, c.kind, c.new_hash from tool_changes c join servers s on s.id = c.server_id order by s.key, c.tool_name, c.kind"),
    });
    const a = await catalogOf(inProcess.DATABASE_URL!);
    const b = await catalogOf(queued.DATABASE_URL!);
    expect(a.tools.length).toBe(3 * 4 + 2 + 1);
    expect(b).toEqual(a);
  }, 180_000);
});
