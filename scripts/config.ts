// Reads the environment once into a validated, typed configuration. Beside it only the terminal's colour (NO_COLOR,
// TERM; scripts/terminal.ts), CATALOG_DEBUG on the error path (scripts/switch.ts) and what the stdio sandbox passes on
// (PATH, NODE_EXTRA_CA_CERTS; crawler/mcp/) read a variable: README's Configuration names every one (tests/readme.test.ts).
import { isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { DEFAULT_HTTP_OPTIONS } from "../crawler/http.js";
import { DEFAULT_AWESOME_LIST_URLS } from "../crawler/sources/awesome-lists.js";
import { DEFAULT_GLAMA_URL } from "../crawler/sources/glama.js";
import { DEFAULT_NPM_REGISTRY_URL } from "../crawler/sources/npm-registry.js";
import { DEFAULT_PULSEMCP_URL } from "../crawler/sources/pulsemcp.js";
import { DEFAULT_PYPI_URL } from "../crawler/sources/pypi.js";
import { DEFAULT_REGISTRY_URL } from "../crawler/sources/registry.js";
import { DEFAULT_SMITHERY_URL } from "../crawler/sources/smithery.js";
import type { QueueSettings } from "../crawler/listing-queue.js";
import { DEFAULT_ENUMERATE_LIMITS, type EnumerateLimits } from "../crawler/mcp/limits.js";
import { DEFAULT_CLOCK_SKEW_MS } from "../crawler/timestamps.js";
import { DEFAULT_CRAWL_LIMITS } from "../crawler/plan/walk.js";
import { SERVE_DEFAULTS } from "../server/defaults.js";
import { commaList } from "./comma-list.js";
import { CliError } from "./command.js";
import { MAX_TIMER_MS } from "./long-timer.js";
import { readSwitch, SWITCH_VALUES } from "./switch.js";
import { safeText } from "./terminal.js";
import { VERSION } from "./version.js";
import { wholeNumber } from "./whole-number.js";

/** A switch, by the one rule (scripts/switch.ts). */
const flag = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const on = readSwitch(v);
    if (on !== undefined) return on;
    ctx.addIssue({ code: "custom", message: `must be ${SWITCH_VALUES}` });
    return z.NEVER;
  });

/** A numeric variable: unset or empty gives `fallback`; text `read` refuses (undefined) is an error with `message`. */
function numberVar(fallback: number, read: (text: string) => number | undefined, message: string) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const n = read(v);
      if (n === undefined) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return n;
    });
}

function wholeNumberVar(fallback: number, min: number) {
  return numberVar(fallback, (v) => wholeNumber(v, { min }), min > 0 ? `must be a whole number from ${min}` : "must be a whole number");
}

const positiveInt = (fallback: number) => wholeNumberVar(fallback, 1);

/**
 * The upper bound of a whole-number variable, said with its whole range. Each is the real limit the value meets
 * downstream (a Node timer, pg-boss, a Postgres integer, the dates a catalog holds), checked here, before anything
 * runs, instead of failing late: a timer past MAX_TIMER_MS fires after 1 ms, pg-boss refuses at start, Postgres at
 * the first insert.
 */
const range = (min: number, max: number) => z.number().max(max, `must be a whole number from ${min} to ${max}`);

/** A Postgres integer column's largest value (pg-boss keeps a job's retry limit and delay in them). */
const MAX_INT4 = 2 ** 31 - 1;
/** The longest a setting in seconds may be when it becomes one timer. */
const MAX_TIMER_SECONDS = Math.floor(MAX_TIMER_MS / 1000);
/** pg-boss 10 refuses a job expiry or a maintenance interval of 24 hours or more (MAX_EXPIRATION_HOURS in its attorney.js). */
const MAX_QUEUE_INTERVAL_SECONDS = 24 * 3600 - 1;
/**
 * The most listings a worker holds at once per mode (worker --concurrency) and the most listings at once per host:
 * a host slot is one query each time a listing asks for one.
 */
export const MAX_LISTING_CONCURRENCY = 1000;

/** A share in [0, 1], e.g. the model review's confidence threshold. */
function share(fallback: number) {
  return numberVar(fallback, (v) => (/^\d*\.?\d+$/.test(v) && Number(v) <= 1 ? Number(v) : undefined), "must be a number from 0 to 1");
}

/** Dollars per million tokens: a non-negative number. */
const price = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return 0;
    if (!/^\d*\.?\d+$/.test(v)) {
      ctx.addIssue({ code: "custom", message: "must be a non-negative number (dollars per million tokens)" });
      return z.NEVER;
    }
    return Number(v);
  });

/**
 * Tools classified with less confidence than this go to the model review. Chosen from the eval's calibration
 * curve (`npm run eval`, corpus, leave-server-out) by its stated rule: the lowest threshold at which the tools
 * left to the classifier are right at least 90% of the time (the calibration target). Measured 2026-12-02 on
 * 336 labelled tools: at 0.70 those at or above are right 87.4%, at 0.75 90.2% (0.7–0.8 is the worst band,
 * 43% right), so 0.75, which sends 27% of tools to the model.
 */
export const DEFAULT_LLM_THRESHOLD = 0.75;

export const INTROSPECT_MODES = ["remote", "stdio"] as const;
export type IntrospectModeName = (typeof INTROSPECT_MODES)[number];

/** What a modes flag or variable takes, as its help and its refusals say it: a mode, both, and "none" where listing may be off. */
export function introspectModeChoices(o: { none: boolean }): string {
  const choices = [...INTROSPECT_MODES, INTROSPECT_MODES.join(","), ...(o.none ? ["none"] : [])];
  return `${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}`;
}

/** "remote", "remote,stdio" or (with `none`: listing may be off, as in refresh) "none". */
export function parseIntrospectModes(value: string, what: string, o: { none: boolean } = { none: true }): IntrospectModeName[] {
  const refuse = (got?: string) => new CliError(`${what} takes ${introspectModeChoices(o)}${got === undefined ? "" : `; got '${safeText(got)}'`}`, 2);
  if (!value.trim()) throw refuse();
  const parts = commaList(value, what, "modes");
  if (o.none && parts.length === 1 && parts[0] === "none") return [];
  for (const p of parts) {
    if (!(INTROSPECT_MODES as readonly string[]).includes(p)) throw refuse(p);
  }
  return [...new Set(parts)] as IntrospectModeName[];
}

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

export const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  CATALOG_DATA_DIR: z.string().optional(),
  REGISTRY_URL: httpUrl.optional(),
  GLAMA_URL: httpUrl.optional(),
  GLAMA_API_KEY: z.string().optional(),
  SMITHERY_URL: httpUrl.optional(),
  SMITHERY_API_KEY: z.string().optional(),
  PULSEMCP_URL: httpUrl.optional(),
  PYPI_URL: httpUrl.optional(),
  AWESOME_LIST_URLS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const urls = (v ?? "").split(",").map((u) => u.trim()).filter(Boolean);
      const bad = urls.find((u) => !httpUrl.safeParse(u).success);
      if (bad) {
        ctx.addIssue({ code: "custom", message: `must be comma-separated http(s) URLs; '${bad}' is not one` });
        return z.NEVER;
      }
      return urls.length ? urls : undefined;
    }),
  CATALOG_ALLOW_PRIVATE_NETWORK: flag,
  CATALOG_USER_AGENT: z.string().optional(),
  // Politeness: requests started per second against one host (a mirror of your own can take more).
  CATALOG_HTTP_PER_HOST_RATE: positiveInt(10),
  // The first retry's longest wait; each later one doubles it, jittered, up to the client's longest wait (60 s).
  CATALOG_HTTP_RETRY_DELAY_MS: positiveInt(DEFAULT_HTTP_OPTIONS.baseDelayMs).pipe(range(1, DEFAULT_HTTP_OPTIONS.maxDelayMs)),
  // How long a read command waits for an embedded catalog a refresh holds (--wait overrides).
  CATALOG_WAIT_SECONDS: wholeNumberVar(60, 0),
  // serve on Postgres: a request's query is cancelled past this (0: no limit); Postgres takes at most 2^31 - 1.
  CATALOG_SERVE_STATEMENT_TIMEOUT_MS: numberVar(SERVE_DEFAULTS.statementTimeoutMs, (v) => wholeNumber(v, { max: 2 ** 31 - 1 }), "must be a whole number of milliseconds up to 2147483647 (0: no limit)"),
  // A source date later than now plus this is kept on its record but never becomes the watermark.
  // At most a year (525600): the run record says the limit as a date, and a clock a year ahead is not skew.
  CATALOG_CLOCK_SKEW_MINUTES: wholeNumberVar(DEFAULT_CLOCK_SKEW_MS / 60_000, 0).pipe(range(0, 525_600)),
  // Source pages fetched ahead of the one being written (that one included): memory holds this many. The pages come
  // one after another from one producer, so more only buffers: 100 (each up to the HTTP client's 32 MiB) is plenty.
  CATALOG_CRAWL_PAGES_IN_FLIGHT: positiveInt(DEFAULT_CRAWL_LIMITS.pagesInFlight).pipe(range(1, 100)),
  CATALOG_INTROSPECT: z.string().optional(),
  CATALOG_INTROSPECT_CONCURRENCY: positiveInt(8).pipe(range(1, MAX_LISTING_CONCURRENCY)),
  CATALOG_INTROSPECT_PER_HOST: positiveInt(2).pipe(range(1, MAX_LISTING_CONCURRENCY)),
  CATALOG_INTROSPECT_CONNECT_TIMEOUT_MS: positiveInt(DEFAULT_ENUMERATE_LIMITS.connectTimeoutMs).pipe(range(1, MAX_TIMER_MS)),
  CATALOG_INTROSPECT_REQUEST_TIMEOUT_MS: positiveInt(DEFAULT_ENUMERATE_LIMITS.requestTimeoutMs).pipe(range(1, MAX_TIMER_MS)),
  CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS: positiveInt(DEFAULT_ENUMERATE_LIMITS.totalTimeoutMs).pipe(range(1, MAX_TIMER_MS)),
  CATALOG_INTROSPECT_MAX_TOOLS: positiveInt(DEFAULT_ENUMERATE_LIMITS.maxTools),
  CATALOG_INTROSPECT_MAX_BYTES: positiveInt(DEFAULT_ENUMERATE_LIMITS.maxBytes),
  CATALOG_INTROSPECT_MAX_PAGES: positiveInt(DEFAULT_ENUMERATE_LIMITS.maxPages),
  // 0: every reachable server is listed again on every run. At most 100 years (876000: never again unless it changed):
  // the oldest listing still fresh is a date the catalog must hold.
  CATALOG_INTROSPECT_MAX_AGE_HOURS: wholeNumberVar(20, 0).pipe(range(0, 876_000)),
  CATALOG_STDIO_MEMORY_MB: positiveInt(512),
  CATALOG_STDIO_INSTALL_TIMEOUT_MS: positiveInt(120_000).pipe(range(1, MAX_TIMER_MS)),
  NPM_REGISTRY_URL: httpUrl.optional(),
  // Any value turns colour off, as no-color.org has it (NO_COLOR=0 too): not one of our switches. Read where the output is
  // painted (scripts/terminal.ts), beside TERM=dumb; here it is only documented.
  NO_COLOR: z.string().optional(),
  CATALOG_DEBUG: flag,
  // The listing queue (refresh --queue, worker): retries of a crashing or hanging server, then the dead letter.
  CATALOG_QUEUE_RETRY_LIMIT: wholeNumberVar(3, 0).pipe(range(0, MAX_INT4)),
  // At most a day: pg-boss doubles it up to 2^16 times (the 16th retry and later wait up to 179 years at a day),
  // and a retry's start must still be a date Postgres holds.
  CATALOG_QUEUE_RETRY_DELAY_SECONDS: positiveInt(30).pipe(range(1, 86_400)),
  // 0: derived from the listing timeouts (remote: total + 60 s; stdio: install + total + 60 s); a set one must outlast
  // them. Both checked by requireQueueDatabase.
  CATALOG_QUEUE_EXPIRE_SECONDS: wholeNumberVar(0, 0).pipe(range(0, MAX_QUEUE_INTERVAL_SECONDS)),
  CATALOG_QUEUE_POLL_SECONDS: positiveInt(2).pipe(range(1, MAX_TIMER_SECONDS)),
  CATALOG_QUEUE_MAINTENANCE_SECONDS: positiveInt(60).pipe(range(1, MAX_QUEUE_INTERVAL_SECONDS)),
  CATALOG_WORKER_GRACE_SECONDS: wholeNumberVar(20, 0).pipe(range(0, MAX_TIMER_SECONDS)),
  // The model review (issue 17): on when either of the first two is set.
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: httpUrl.optional(),
  CATALOG_LLM_MODEL: z.string().optional(),
  CATALOG_LLM_THRESHOLD: share(DEFAULT_LLM_THRESHOLD),
  CATALOG_LLM_BATCH: positiveInt(8),
  CATALOG_LLM_TIMEOUT_MS: positiveInt(60_000).pipe(range(1, MAX_TIMER_MS)),
  CATALOG_LLM_MAX_RETRIES: wholeNumberVar(2, 0),
  // A verdict at the answer schema's bounds (a 600-character rationale, five quotes of 200) is under 12 KiB with every
  // character escaped twice (\uXXXX in the content, its backslash escaped again in the body); twice that leaves room
  // for the whitespace a model adds. Times the batch, plus one for the completion's envelope.
  CATALOG_LLM_ANSWER_BYTES_PER_TOOL: positiveInt(32_768),
  CATALOG_LLM_PRICE_PROMPT: price,
  CATALOG_LLM_PRICE_COMPLETION: price,
});

export interface Config {
  databaseUrl?: string;
  dataDir: string;
  registryUrl: string;
  glamaUrl: string;
  glamaApiKey?: string;
  smitheryUrl: string;
  smitheryApiKey?: string;
  pulsemcpUrl: string;
  /** The npm registry the `npm` source searches (NPM_REGISTRY_URL; stdio installs use it too). */
  npmRegistryUrl: string;
  /** The awesome lists' raw READMEs (AWESOME_LIST_URLS). */
  awesomeListUrls: readonly string[];
  /** PyPI's JSON API (PYPI_URL). */
  pypiUrl: string;
  allowPrivateNetwork: boolean;
  userAgent: string;
  /** Requests started per second against one host (CATALOG_HTTP_PER_HOST_RATE, default 10). */
  perHostRate: number;
  /** The first retry's longest wait, doubled for each later one (CATALOG_HTTP_RETRY_DELAY_MS, default 500). */
  retryDelayMs: number;
  /** How long read commands wait for an embedded catalog another process holds (CATALOG_WAIT_SECONDS, --wait). */
  readerWaitSeconds: number;
  /** On Postgres, how long one query of a `serve` request may run before it is cancelled (CATALOG_SERVE_STATEMENT_TIMEOUT_MS; 0: no limit). */
  serveStatementTimeoutMs: number;
  /** How far a source's dates may run ahead of our clock and still move its watermark. */
  clockSkewMs: number;
  /** Source pages fetched ahead of the one being written, that one included (CATALOG_CRAWL_PAGES_IN_FLIGHT). */
  pagesInFlight: number;
  /** CATALOG_DEBUG: stack traces with errors, and an internal error's own message to an MCP caller. */
  debug: boolean;
  introspect: Omit<EnumerateLimits, "maxDescriptionChars"> & {
    modes: IntrospectModeName[];
    concurrency: number;
    perHostConcurrency: number;
    maxAgeHours: number;
    stdioMemoryMb: number;
    installTimeoutMs: number;
    npmRegistryUrl?: string;
  };
  /** The model review of the uncertain tail. */
  llm: {
    /** OPENAI_API_KEY or OPENAI_BASE_URL is set. */
    enabled: boolean;
    apiKey?: string;
    baseUrl?: string;
    model: string;
    threshold: number;
    batchSize: number;
    timeoutMs: number;
    /** The most an answer's body may hold: CATALOG_LLM_ANSWER_BYTES_PER_TOOL for each tool of a batch and one more. */
    maxAnswerBytes: number;
    maxRetries: number;
    pricePerMillion: { prompt: number; completion: number };
  };
  queue: QueueSettings & {
    /** After SIGTERM, how long jobs in hand may finish before they are released to the queue. */
    graceMs: number;
  };
}

export const DEFAULT_USER_AGENT = `mcp-catalog/${VERSION} (+https://github.com/mcp-catalog/mcp-catalog)`;

export function loadConfig(env: NodeJS.ProcessEnv, cwd: string): Config {
  // One rule for every variable: empty is unset (`REGISTRY_URL=` takes the default), as `VAR=` in a compose file,
  // a systemd unit or a CI job is how a variable is often left unset there.
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(`environment variable ${String(issue.path[0])} ${issue.message}`, 2);
  }
  const e = parsed.data;
  const dataDir = e.CATALOG_DATA_DIR || ".catalog";
  return {
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    dataDir: dataDir.startsWith("memory://") || isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
    registryUrl: e.REGISTRY_URL ?? DEFAULT_REGISTRY_URL,
    glamaUrl: e.GLAMA_URL ?? DEFAULT_GLAMA_URL,
    ...(e.GLAMA_API_KEY ? { glamaApiKey: e.GLAMA_API_KEY } : {}),
    smitheryUrl: e.SMITHERY_URL ?? DEFAULT_SMITHERY_URL,
    ...(e.SMITHERY_API_KEY ? { smitheryApiKey: e.SMITHERY_API_KEY } : {}),
    pulsemcpUrl: e.PULSEMCP_URL ?? DEFAULT_PULSEMCP_URL,
    npmRegistryUrl: e.NPM_REGISTRY_URL ?? DEFAULT_NPM_REGISTRY_URL,
    awesomeListUrls: e.AWESOME_LIST_URLS ?? DEFAULT_AWESOME_LIST_URLS,
    pypiUrl: e.PYPI_URL ?? DEFAULT_PYPI_URL,
    allowPrivateNetwork: e.CATALOG_ALLOW_PRIVATE_NETWORK,
    userAgent: e.CATALOG_USER_AGENT || DEFAULT_USER_AGENT,
    perHostRate: e.CATALOG_HTTP_PER_HOST_RATE,
    retryDelayMs: e.CATALOG_HTTP_RETRY_DELAY_MS,
    clockSkewMs: e.CATALOG_CLOCK_SKEW_MINUTES * 60_000,
    pagesInFlight: e.CATALOG_CRAWL_PAGES_IN_FLIGHT,
    readerWaitSeconds: e.CATALOG_WAIT_SECONDS,
    serveStatementTimeoutMs: e.CATALOG_SERVE_STATEMENT_TIMEOUT_MS,
    debug: e.CATALOG_DEBUG,
    introspect: {
      modes: parseIntrospectModes(e.CATALOG_INTROSPECT || "remote", "CATALOG_INTROSPECT"),
      concurrency: e.CATALOG_INTROSPECT_CONCURRENCY,
      perHostConcurrency: e.CATALOG_INTROSPECT_PER_HOST,
      connectTimeoutMs: e.CATALOG_INTROSPECT_CONNECT_TIMEOUT_MS,
      requestTimeoutMs: e.CATALOG_INTROSPECT_REQUEST_TIMEOUT_MS,
      totalTimeoutMs: e.CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS,
      maxTools: e.CATALOG_INTROSPECT_MAX_TOOLS,
      maxBytes: e.CATALOG_INTROSPECT_MAX_BYTES,
      maxPages: e.CATALOG_INTROSPECT_MAX_PAGES,
      maxAgeHours: e.CATALOG_INTROSPECT_MAX_AGE_HOURS,
      stdioMemoryMb: e.CATALOG_STDIO_MEMORY_MB,
      installTimeoutMs: e.CATALOG_STDIO_INSTALL_TIMEOUT_MS,
      ...(e.NPM_REGISTRY_URL ? { npmRegistryUrl: e.NPM_REGISTRY_URL } : {}),
    },
    llm: {
      enabled: Boolean(e.OPENAI_API_KEY || e.OPENAI_BASE_URL),
      ...(e.OPENAI_API_KEY ? { apiKey: e.OPENAI_API_KEY } : {}),
      ...(e.OPENAI_BASE_URL ? { baseUrl: e.OPENAI_BASE_URL } : {}),
      model: e.CATALOG_LLM_MODEL || "gpt-4o-mini",
      threshold: e.CATALOG_LLM_THRESHOLD,
      batchSize: e.CATALOG_LLM_BATCH,
      timeoutMs: e.CATALOG_LLM_TIMEOUT_MS,
      maxAnswerBytes: e.CATALOG_LLM_ANSWER_BYTES_PER_TOOL * (e.CATALOG_LLM_BATCH + 1),
      maxRetries: e.CATALOG_LLM_MAX_RETRIES,
      pricePerMillion: { prompt: e.CATALOG_LLM_PRICE_PROMPT, completion: e.CATALOG_LLM_PRICE_COMPLETION },
    },
    queue: {
      retryLimit: e.CATALOG_QUEUE_RETRY_LIMIT,
      retryDelaySeconds: e.CATALOG_QUEUE_RETRY_DELAY_SECONDS,
      expireSeconds: {
        remote: e.CATALOG_QUEUE_EXPIRE_SECONDS || Math.ceil(e.CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS / 1000) + 60,
        stdio: e.CATALOG_QUEUE_EXPIRE_SECONDS || Math.ceil((e.CATALOG_STDIO_INSTALL_TIMEOUT_MS + e.CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS) / 1000) + 60,
      },
      pollSeconds: e.CATALOG_QUEUE_POLL_SECONDS,
      maintenanceSeconds: e.CATALOG_QUEUE_MAINTENANCE_SECONDS,
      graceMs: e.CATALOG_WORKER_GRACE_SECONDS * 1000,
    },
  };
}

/**
 * The queue lives in Postgres: on the embedded PGlite catalog a queue command refuses before touching anything. So
 * does one whose job expiry, derived from the listing timeouts, is more than pg-boss takes (it would refuse at start),
 * and one whose set expiry a listing may outlast (it would run twice at once): refused rather than raised, as the
 * operator named that expiry and the timeouts.
 */
export function requireQueueDatabase(config: Config, what: string): string {
  if (!config.databaseUrl) {
    throw new CliError(
      `${what} needs Postgres: the listing queue lives in the catalog's Postgres database, and this catalog is the embedded PGlite one (${config.dataDir}). Set DATABASE_URL=postgres://…, or run \`mcp-catalog refresh\` without --queue to list in-process`,
      2,
    );
  }
  // Both queues are created with their policy whichever modes a command lists; only a derived expiry can be too long.
  const { remote, stdio } = config.queue.expireSeconds;
  const over =
    remote > MAX_QUEUE_INTERVAL_SECONDS ? { mode: "remote", seconds: remote, from: "CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS" }
    : stdio > MAX_QUEUE_INTERVAL_SECONDS ? { mode: "stdio", seconds: stdio, from: "CATALOG_STDIO_INSTALL_TIMEOUT_MS + CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS" }
    : undefined;
  if (over) {
    throw new CliError(
      `${what} needs a job expiry pg-boss takes: a ${over.mode} listing job would expire after ${over.seconds} s (CATALOG_QUEUE_EXPIRE_SECONDS unset or 0: ${over.from} + 60 s), and pg-boss takes at most ${MAX_QUEUE_INTERVAL_SECONDS} s (under 24 hours). Lower the listing timeouts, or set CATALOG_QUEUE_EXPIRE_SECONDS from 1 to ${MAX_QUEUE_INTERVAL_SECONDS}`,
      2,
    );
  }
  const short = expiryShorterThanListing(config);
  if (short) {
    throw new CliError(
      `${what} needs a job expiry longer than a listing may take: CATALOG_QUEUE_EXPIRE_SECONDS=${short.seconds} would let pg-boss expire a ${short.mode} listing job while its worker may still be listing it (up to ${short.boundMs} ms: ${short.from}), and run it again beside it. Set CATALOG_QUEUE_EXPIRE_SECONDS above ${Math.floor(short.boundMs / 1000)} (or unset: the timeouts plus 60 s), or lower the timeouts`,
      2,
    );
  }
  return config.databaseUrl;
}

/**
 * The first queue whose job expiry is not longer than the longest its listing may run (remote: the total timeout,
 * which bounds connect and every page; stdio: the install's on top). pg-boss expires an active job by the clock, not
 * by its worker's death, and the retry runs beside the listing still in hand. A derived expiry is always longer.
 */
export function expiryShorterThanListing(config: Pick<Config, "queue" | "introspect">): { mode: "remote" | "stdio"; seconds: number; boundMs: number; from: string } | undefined {
  const { totalTimeoutMs, installTimeoutMs } = config.introspect;
  const bounds = [
    { mode: "remote" as const, boundMs: totalTimeoutMs, from: "CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS" },
    { mode: "stdio" as const, boundMs: installTimeoutMs + totalTimeoutMs, from: "CATALOG_STDIO_INSTALL_TIMEOUT_MS + CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS" },
  ];
  for (const b of bounds) {
    const seconds = config.queue.expireSeconds[b.mode];
    if (seconds * 1000 <= b.boundMs) return { ...b, seconds };
  }
  return undefined;
}
