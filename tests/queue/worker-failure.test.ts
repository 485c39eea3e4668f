// A listing attempt that fails in the worker outside the listing (here the catalog's host_backoffs table is missing, as
// in a database the worker cannot read): nothing could be recorded on the server then, so its dead letter is recorded
// by the worker that reads it, as a failure in the worker with its error, not as an expiry (no worker stopped or hung).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ListingJobError } from "../../crawler/listing-queue.js";
import type { ScratchDatabase } from "../../db/scratch.js";
import { createScratchDatabase } from "../helpers/catalog.js";
import { runCli } from "../helpers/cli.js";
import type { LocalServer } from "../helpers/local-server.js";
import { startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";
import { startStreamableServer } from "../enumerate/servers.js";
import { closeQueueWorld, HAS_POSTGRES, queueEnv, registryItem, rows, runWorkerHere, toolServer, type Worker } from "./helpers.js";

describe.skipIf(!HAS_POSTGRES)("a listing job failing in the worker outside the listing (Postgres)", () => {
  let db: ScratchDatabase;
  let registry: RegistryReplay;
  let env: Record<string, string>;
  const servers: LocalServer[] = [];
  const workers: Worker[] = [];

  beforeAll(async () => {
    db = await createScratchDatabase();
    const s = await startStreamableServer(toolServer("romeo"));
    servers.push(s);
    registry = await startRegistryReplay([registryItem("io.test/romeo", `${s.url}/mcp`)]);
    env = queueEnv(db.url, registry.url, { CATALOG_QUEUE_RETRY_LIMIT: "1" });
  }, 60_000);

  afterAll(() => closeQueueWorld({ workers, servers, registry, db }));

  test("its dead letter records the worker's error on the server, not an expiry", async () => {
    expect((await runCli(["refresh", "--sources", "registry", "--queue"], env)).code).toBe(0);
    await rows(db.url, "alter table host_backoffs rename to host_backoffs_away");
    const drain = runWorkerHere(["--once"], env);
    workers.push(drain);
    expect((await drain.exited).code, drain.stderr()).toBe(0);
    const [server] = await rows<{ error: string }>(db.url, "select introspection_error as error from servers where key = 'io.test/romeo'");
    expect(server!.error).toMatch(/^dead-lettered after 2 attempts: failed in the worker, not in the listing: relation "host_backoffs" does not exist/);
    expect(drain.stderr()).toMatch(/dead io\.test\/romeo: dead-lettered after 2 attempts: failed in the worker/);
    // Each attempt is told as it fails, and counted: nothing is recorded on the server until the dead letter is read.
    expect(drain.stderr()).toMatch(/error io\.test\/romeo: attempt 1 of 2 failed in the worker, not in the listing, will retry: relation "host_backoffs" does not exist/);
    expect(drain.stderr()).toMatch(/error io\.test\/romeo: attempt 2 of 2 failed in the worker, not in the listing, no retry left, dead-lettered: relation "host_backoffs" does not exist/);
    expect(drain.stderr()).toMatch(/dead-lettered 1, failed in the worker 2,/);
    await rows(db.url, "alter table host_backoffs_away rename to host_backoffs");
  }, 60_000);
});

test("a failure in the worker is told with the credentials of any URL in it masked", () => {
  const error = new ListingJobError(new Error("connect ECONNREFUSED https://user:s3cret@mirror.test/v0?api_key=k3y"));
  expect(error.message).not.toMatch(/s3cret|k3y/);
  expect(error.message).toMatch(/https:\/\/\*\*\*@mirror\.test\/v0\?api_key=\*\*\*/);
});
