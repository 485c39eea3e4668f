// `mcp-catalog worker`: takes listing jobs from the queue in the catalog's Postgres, lists each server live, stores the result.
import { plural } from "../../classifier/plural.js";
import { adoptQueuePolicy, LISTING_QUEUES, openListingQueue, runWorker } from "../../crawler/listing-queue.js";
import type { IntrospectMode } from "../../crawler/listing.js";
import { sandboxCapabilities } from "../../crawler/mcp/sandbox.js";
import { openHostSlots } from "../../db/host-politeness.js";
import { CliError, type Command } from "../command.js";
import { introspectModeChoices, loadConfig, MAX_LISTING_CONCURRENCY, parseIntrospectModes, requireQueueDatabase } from "../config.js";
import { crawlerHttpClient, listingOptions, sweepSandboxLeftovers } from "../listing-setup.js";
import { withCatalog } from "../open-catalog.js";
import { nameText, safeText } from "../terminal.js";
import { wholeNumber } from "../whole-number.js";

// Politeness settings of the fleet that are not worth a knob each.
const SLOT_WAIT_MS = 5_000;
const MAX_DEFERRALS = 5;
const RATE_LIMIT_BACKOFF = { fallback: 60_000, max: 60 * 60_000 };

export const command: Command = {
  name: "worker",
  summary: "Take live-listing jobs from the queue (refresh --queue) and list each server; run as many as you like, anywhere",
  usage: "[--concurrency N] [--modes remote,stdio] [--once]",
  details: [
    "Needs Postgres (DATABASE_URL): the queue is pg-boss in the catalog's database. Every worker on every",
    "machine shares it: a job is taken by one worker, retried with back-off when a server crashes or",
    "hangs, and dead-lettered (recorded on the server) after CATALOG_QUEUE_RETRY_LIMIT retries. A worker",
    "killed mid-job loses nothing: the job comes back after its expiry and another worker finishes it.",
    "That expired attempt counts against the retry limit; a job out of retries that way is recorded on its",
    "server by the worker that reads its dead letter (\"dead-lettered after N attempts: expired: …\").",
    "",
    "On start, the worker's CATALOG_QUEUE_RETRY_LIMIT, CATALOG_QUEUE_RETRY_DELAY_SECONDS and",
    "CATALOG_QUEUE_EXPIRE_SECONDS become the queue's policy for the modes it takes: for every job waiting",
    "(or waiting for a retry) and every job enqueued later, whichever process enqueued it (the last worker",
    "started wins). Jobs in other workers' hands keep the policy they were taken with.",
    "",
    "SIGTERM (or SIGINT) stops taking jobs; jobs in hand get CATALOG_WORKER_GRACE_SECONDS to finish,",
    "then are put back on the queue as they were.",
    "",
    "Exit codes: 0 stopped or drained; 1 the catalog cannot be opened (Postgres unreachable, no such database);",
    "2 bad arguments or no Postgres.",
  ].join("\n"),
  options: {
    concurrency: { type: "string", valueName: "N", description: "Listings in hand at once, per mode (default CATALOG_INTROSPECT_CONCURRENCY)" },
    modes: { type: "string", valueName: "MODES", description: `${introspectModeChoices({ none: false })} (default: every mode this machine can run; stdio needs network namespaces)` },
    once: { type: "boolean", description: "Drain the queue and exit: return when no job this worker could take is queued, active or waiting for a retry" },
  },
  async run(args, io) {
    const config = loadConfig(io.env, io.cwd);
    const concurrency = args.values.concurrency === undefined ? config.introspect.concurrency : wholeNumber(args.values.concurrency as string, { min: 1, max: MAX_LISTING_CONCURRENCY });
    if (concurrency === undefined) throw new CliError(`--concurrency takes a whole number from 1 to ${MAX_LISTING_CONCURRENCY}; got '${safeText(String(args.values.concurrency))}'`, 2);
    // A worker lists: "none" is no mode it can take.
    const given = args.values.modes !== undefined ? parseIntrospectModes(args.values.modes as string, "--modes", { none: false }) : undefined;
    const databaseUrl = requireQueueDatabase(config, "worker");
    const modes: IntrospectMode[] = given ?? ((await sandboxCapabilities()).namespaces ? ["remote", "stdio"] : ["remote"]);
    const http = crawlerHttpClient(config);
    const log = (line: string) => io.stderr.write(`mcp-catalog worker: ${line}\n`);
    if (modes.includes("stdio")) await sweepSandboxLeftovers(log);
    try {
      const summary = await withCatalog(io, config, async (catalog) => {
        const boss = await openListingQueue(databaseUrl, config.queue, { supervise: true });
        const hostSlots = await openHostSlots(databaseUrl, { perHost: config.introspect.perHostConcurrency });
        try {
          const adopted = await adoptQueuePolicy(catalog.db, boss, config.queue, modes);
          const q = config.queue;
          log(`retry limit ${q.retryLimit}, first retry after ${q.retryDelaySeconds} s, expiry ${modes.map((m) => `${q.expireSeconds[m]} s (${m})`).join(", ")}: the queue's policy from now on, given to ${plural(adopted, "waiting job")} (jobs in hand keep theirs)`);
          log(`taking ${modes.map((m) => LISTING_QUEUES[m]).join(", ")} jobs, ${concurrency} at once per mode${args.values.once ? ", until the queue is drained" : ""}`);
          return await runWorker(catalog.db, boss, {
            modes,
            concurrency,
            listing: listingOptions(config, http),
            hostSlots,
            slotWaitMs: SLOT_WAIT_MS,
            maxDeferrals: MAX_DEFERRALS,
            rateLimitBackoffMs: RATE_LIMIT_BACKOFF,
            queue: config.queue,
            once: args.values.once === true,
            graceMs: config.queue.graceMs,
            ...(io.signal ? { signal: io.signal } : {}),
            onJob: (e) => {
              if (e.outcome !== "listed" && e.outcome !== "skipped") log(`${e.outcome} ${nameText(e.server)}${e.detail ? `: ${safeText(e.detail)}` : ""}`);
            },
          });
        } finally {
          await hostSlots.close();
          await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
        }
      });
      const cpu = process.cpuUsage();
      log(`stopped: listed ${summary.listed}, failed ${summary.failed}, skipped ${summary.skipped}, retried ${summary.retried}, dead-lettered ${summary.deadLettered}, failed in the worker ${summary.workerErrors}, put off ${summary.deferred}, released ${summary.released}; cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
      return 0;
    } finally {
      await http.close();
    }
  },
};
