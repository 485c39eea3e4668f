// `mcp-catalog refresh`: the nightly job — crawl the sources into the catalog and record the run.
import { classifyPending, classifyServerTools } from "../../crawler/classify-stage.js";
import { recordedUrls, recordingFetcher, snapshotFetcher, hasSnapshot, type PageFetcher } from "../../crawler/fetcher.js";
import { SOURCE_NAMES, type SourceName } from "../../crawler/records.js";
import { refresh, RefreshBusyError, type RefreshOptions, type RefreshSummary } from "../../crawler/refresh.js";
import { DEFAULT_AWESOME_LIST_URLS } from "../../crawler/sources/awesome-lists.js";
import { DEFAULT_GLAMA_URL, glamaSource } from "../../crawler/sources/glama.js";
import { npmSource } from "../../crawler/sources/npm.js";
import { DEFAULT_NPM_REGISTRY_URL } from "../../crawler/sources/npm-registry.js";
import { DEFAULT_PULSEMCP_URL, pulsemcpSource } from "../../crawler/sources/pulsemcp.js";
import { DEFAULT_PYPI_URL, pypiSource } from "../../crawler/sources/pypi.js";
import { DEFAULT_REGISTRY_URL, registrySource } from "../../crawler/sources/registry.js";
import { DEFAULT_SMITHERY_URL, smitheryNotice, smitherySource } from "../../crawler/sources/smithery.js";
import type { Source } from "../../crawler/sources/source.js";
import { commaList } from "../comma-list.js";
import { CliError, type Command } from "../command.js";
import { loadConfig, parseIntrospectModes, requireQueueDatabase, type Config, type IntrospectModeName } from "../config.js";
import { crawlerHttpClient, listingOptions, sweepSandboxLeftovers } from "../listing-setup.js";
import { modelReviewConfig, REVIEW_OPTIONS, reviewClient, reviewFlags, reviewSettings, reviewSummary, unusedReviewFlagsNotice, type ReviewSettings } from "../model-review-setup.js";
import { withCatalog } from "../open-catalog.js";
import { pathOption, writableDirectory } from "../path-option.js";
import { terminalProgress } from "../progress-line.js";
import { safeText } from "../terminal.js";

/** A source, or the one-line reason it cannot run with this configuration. */
type SourceFactory = (config: Config) => Promise<Source | { unavailable: string }>;

const AVAILABLE: Record<SourceName, SourceFactory> = {
  registry: async (config) => registrySource(config.registryUrl),
  glama: async (config) => glamaSource({ baseUrl: config.glamaUrl, ...(config.glamaApiKey ? { apiKey: config.glamaApiKey } : {}) }),
  smithery: async (config) => (config.smitheryApiKey ? smitherySource({ baseUrl: config.smitheryUrl, apiKey: config.smitheryApiKey }) : { unavailable: smitheryNotice() }),
  pulsemcp: async (config) => pulsemcpSource({ baseUrl: config.pulsemcpUrl }),
  npm: async (config) => npmSource({ registryUrl: config.npmRegistryUrl }),
  // Loaded when it runs: its markdown and HTML parsers (marked, cheerio) are a third of the command's start-up.
  awesome: async (config) => (await import("../../crawler/sources/awesome.js")).awesomeSource(config.awesomeListUrls),
  pypi: async (config) => pypiSource({ baseUrl: config.pypiUrl }),
};

/**
 * The configuration each source builds its page URLs from. A recording keeps it in its index and a replay builds the
 * same URLs from it, so their paths (the keys of the recorded pages) match whatever the recording was pointed at: a
 * mirror at another path (GLAMA_URL=https://mirror.example/glama), other awesome lists. A snapshot whose index names
 * none replays against the defaults, whose paths the shipped snapshot was recorded with.
 */
const SOURCE_URLS: Record<SourceName, { of: (c: Config) => readonly string[]; with: (c: Config, urls: readonly string[]) => Config; defaults: readonly string[] }> = {
  registry: { of: (c) => [c.registryUrl], with: (c, [url]) => ({ ...c, registryUrl: url! }), defaults: [DEFAULT_REGISTRY_URL] },
  glama: { of: (c) => [c.glamaUrl], with: (c, [url]) => ({ ...c, glamaUrl: url! }), defaults: [DEFAULT_GLAMA_URL] },
  smithery: { of: (c) => [c.smitheryUrl], with: (c, [url]) => ({ ...c, smitheryUrl: url! }), defaults: [DEFAULT_SMITHERY_URL] },
  pulsemcp: { of: (c) => [c.pulsemcpUrl], with: (c, [url]) => ({ ...c, pulsemcpUrl: url! }), defaults: [DEFAULT_PULSEMCP_URL] },
  npm: { of: (c) => [c.npmRegistryUrl], with: (c, [url]) => ({ ...c, npmRegistryUrl: url! }), defaults: [DEFAULT_NPM_REGISTRY_URL] },
  awesome: { of: (c) => c.awesomeListUrls, with: (c, urls) => ({ ...c, awesomeListUrls: urls }), defaults: DEFAULT_AWESOME_LIST_URLS },
  pypi: { of: (c) => [c.pypiUrl], with: (c, [url]) => ({ ...c, pypiUrl: url! }), defaults: [DEFAULT_PYPI_URL] },
};

export const DEFAULT_SNAPSHOT_HINT = "data/snapshot";

export function parseSources(value: string | undefined): SourceName[] | undefined {
  if (value === undefined) return undefined;
  if (!value.trim()) throw new CliError("--sources needs at least one source name", 2);
  const names = commaList(value, "--sources", "sources");
  for (const n of names) {
    if (!(SOURCE_NAMES as readonly string[]).includes(n)) {
      throw new CliError(`unknown source '${safeText(n)}'; available: ${SOURCE_NAMES.join(", ")}`, 2);
    }
  }
  // Crawled in SOURCE_NAMES order whatever order they were named in (pypi reads what the others found).
  return SOURCE_NAMES.filter((n) => names.includes(n));
}

/**
 * The sources to crawl. By default every source that can run: one left out for want of a key is
 * named in a notice and the run goes on; a snapshot run takes the sources the snapshot holds. A
 * source asked for by name that cannot run is an error.
 */
async function selectSources(requested: SourceName[] | undefined, config: Config, snapshot: string | undefined, notice: (line: string) => void): Promise<Source[]> {
  if (snapshot) {
    const names = requested ?? SOURCE_NAMES.filter((n) => hasSnapshot(snapshot, n));
    const missing = names.filter((n) => !hasSnapshot(snapshot, n));
    if (names.length === 0 || missing.length) {
      throw new CliError(`the snapshot ${snapshot} has no pages for: ${(missing.length ? missing : SOURCE_NAMES).join(", ")} (expected ${snapshot}/<source>/index.json)`, 2);
    }
    requested = names;
    // Recorded pages are keyed by path: a snapshot replays against the URLs it was recorded with, whatever the
    // environment points at now.
    for (const name of names) config = SOURCE_URLS[name].with(config, recordedUrls(snapshot, name) ?? SOURCE_URLS[name].defaults);
  }
  const sources: Source[] = [];
  for (const name of requested ?? SOURCE_NAMES) {
    const made = await AVAILABLE[name](config);
    if (!("unavailable" in made)) sources.push(made);
    else if (requested) throw new CliError(made.unavailable, 2);
    else notice(made.unavailable);
  }
  return sources;
}

/** Network failures that say this machine cannot reach the source at all (a name that does not resolve, no route, a refused connection). */
const UNREACHABLE_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ECONNREFUSED"]);

/** A source that stored no page because the network is out of reach: the offline snapshot is the way on. */
function unreachable(summary: RefreshSummary): boolean {
  return summary.failures.some(
    (f) => f.stage === "crawl" && f.source && summary.sources[f.source]?.pages === 0 && f.kind === "network" && f.code !== undefined && UNREACHABLE_CODES.has(f.code),
  );
}

export const command: Command = {
  name: "refresh",
  summary: "Crawl the sources and update the catalog (the nightly job)",
  usage: "[--sources LIST] [--full] [--introspect remote|stdio|remote,stdio|none] [--queue] [--no-classify] [--llm | --no-llm] [--llm-threshold X] [--llm-budget N] [--json] [--snapshot DIR | --record DIR]",
  details: [
    "The first run of a source is a full crawl; later runs ask only for what changed since the last",
    "complete crawl (the registry's updated_since). A run killed half-way resumes from its last page.",
    "",
    "Exit codes: 0 the run succeeded; 1 a source failed (the rest of the catalog is intact, the run",
    "record says why), the catalog cannot be opened, or --record's DIR cannot be written (no run is started);",
    "2 bad arguments or environment (--queue on the embedded PGlite catalog, or in a run that lists nothing",
    "live; a catalog a newer mcp-catalog migrated);",
    "3 another refresh holds the catalog.",
    "",
    "Smithery needs SMITHERY_API_KEY; without it the source is skipped with a notice.",
    "",
    "With a model endpoint (OPENAI_API_KEY or OPENAI_BASE_URL) the classify stage sends uncertain and contradicted",
    "tools to the model (CATALOG_LLM_MODEL); answers are cached, so an unchanged catalog costs no call. An endpoint",
    "that is down or rate-limited never fails the run: the tools it left are counted and reviewed by a later run.",
    "",
    "Environment: DATABASE_URL, CATALOG_DATA_DIR, REGISTRY_URL, GLAMA_URL, GLAMA_API_KEY, SMITHERY_URL,",
    "SMITHERY_API_KEY, PULSEMCP_URL, NPM_REGISTRY_URL, AWESOME_LIST_URLS, PYPI_URL, CATALOG_ALLOW_PRIVATE_NETWORK=1, CATALOG_USER_AGENT, CATALOG_HTTP_PER_HOST_RATE, CATALOG_CRAWL_PAGES_IN_FLIGHT, CATALOG_INTROSPECT*, CATALOG_STDIO_*,",
    "OPENAI_API_KEY, OPENAI_BASE_URL, CATALOG_LLM_* (model, threshold, batch, timeout, retries, prices)",
    "(see the README).",
  ].join("\n"),
  options: {
    sources: { type: "string", valueName: "LIST", description: `Comma-separated sources to crawl: ${SOURCE_NAMES.join(", ")} (default: every one configured; with --snapshot, every one recorded)` },
    full: { type: "boolean", description: "Ignore the stored watermark and crawl every page" },
    json: { type: "boolean", description: "Print the run summary as JSON on stdout" },
    snapshot: { type: "string", valueName: "DIR", description: "Read recorded source pages from DIR instead of the network (always a full crawl)" },
    record: { type: "string", valueName: "DIR", description: "Also write every fetched page to DIR as a snapshot (a full crawl, so --snapshot DIR can replay it)" },
    introspect: {
      type: "string",
      valueName: "MODES",
      description: "Live tools/list: remote (servers' HTTP endpoints, the default), stdio (install npm packages in a sandbox), both, or none",
    },
    "no-classify": { type: "boolean", description: "Skip the classify stage (tools stay unclassified until the next run)" },
    ...REVIEW_OPTIONS,
    queue: { type: "boolean", description: "Enqueue one listing job per due server for `mcp-catalog worker` instead of listing in-process (needs Postgres)" },
  },
  async run(args, io) {
    const config = loadConfig(io.env, io.cwd);
    // The queue lives in Postgres: refuse before crawling or touching anything.
    const queueUrl = args.values.queue ? requireQueueDatabase(config, "refresh --queue") : undefined;
    const requested = parseSources(args.values.sources as string | undefined);
    const snapshot = pathOption(args.values.snapshot, "--snapshot", "a directory");
    const record = pathOption(args.values.record, "--record", "a directory");
    if (snapshot && record) throw new CliError("--snapshot and --record cannot be combined", 2);
    const flags = reviewFlags(args.values);
    if (args.values["no-classify"] && flags.llm) throw new CliError("--llm reviews what the classify stage classifies: it cannot be combined with --no-classify", 2);
    // The flags are checked even when --no-classify leaves no review to run.
    const settings = reviewSettings(config, flags);
    const review = args.values["no-classify"] ? undefined : settings;
    const unused = unusedReviewFlagsNotice(config, flags, review);
    if (unused) io.stderr.write(`mcp-catalog refresh: ${unused}\n`);
    const plan = await refreshPlan(config, {
      ...(requested ? { sources: requested } : {}),
      ...(snapshot ? { snapshot } : {}),
      ...(record ? { record } : {}),
      ...(args.values.introspect !== undefined ? { introspect: parseIntrospectModes(args.values.introspect as string, "--introspect") } : {}),
      ...(queueUrl ? { queueUrl } : {}),
      full: args.values.full === true,
      classify: !args.values["no-classify"],
      ...(review ? { review } : {}),
      notice: (line) => io.stderr.write(`mcp-catalog refresh: ${line}\n`),
    });
    // Made (or refused) once every argument is checked, so that a refused one leaves no directory behind; before the
    // catalog opens, so that a DIR it cannot write starts no run.
    if (record) writableDirectory(record, "--record");
    try {
      const summary = await withCatalog(io, config, (catalog) =>
        refresh(catalog, {
          ...plan.options,
          progress: args.values.json ? undefined : terminalProgress(io.stderr),
          ...(io.signal ? { signal: io.signal } : {}),
        }),
      );
      if (args.values.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
      else if (io.stderr.isTTY) {
        const s = summary.servers;
        io.stderr.write(`run #${summary.runId} ${summary.status} in ${(summary.durationMs / 1000).toFixed(1)} s: servers added ${s.added}, updated ${s.updated}, unchanged ${s.unchanged}, removed ${s.removed}\n`);
        if (summary.review) io.stderr.write(`${reviewSummary(summary.review)}\n`);
        if (summary.queued) io.stderr.write(`listing jobs queued: remote ${summary.queued.enqueued.remote}, stdio ${summary.queued.enqueued.stdio} (${summary.queued.alreadyQueued} already waiting); run \`mcp-catalog worker\` to list them\n`);
      } else if ((summary.review?.unavailable !== undefined || summary.review?.refusedBatch !== undefined) && !args.values.json) {
        // Not a failure, but a cron job's log should say why the tail went unreviewed.
        io.stderr.write(`mcp-catalog refresh: ${reviewSummary(summary.review)}\n`);
      }
      if (summary.status === "failed") {
        for (const f of summary.failures) io.stderr.write(`mcp-catalog refresh: ${f.source ?? f.stage} failed: ${safeText(f.message)}\n`);
        if (unreachable(summary)) {
          io.stderr.write(`mcp-catalog refresh: the network looks unreachable. To build the catalog offline from the recorded snapshot: mcp-catalog refresh --snapshot ${DEFAULT_SNAPSHOT_HINT}\n`);
        }
        return 1;
      }
      return 0;
    } catch (e) {
      if (e instanceof RefreshBusyError) throw new CliError(e.message, 3);
      throw e;
    } finally {
      await plan.close();
    }
  },
};

export interface RefreshRequest {
  /** Default: every configured source; with a snapshot, every recorded one. */
  sources?: SourceName[];
  snapshot?: string;
  record?: string;
  /** Default: CATALOG_INTROSPECT; none for a snapshot. */
  introspect?: IntrospectModeName[];
  /** Enqueue listings on the Postgres queue at this URL instead of listing in-process. */
  queueUrl?: string;
  full: boolean;
  classify: boolean;
  /** The model review in the classify stage (reviewSettings); absent: off. */
  review?: ReviewSettings;
  notice: (line: string) => void;
}

/**
 * What one refresh runs: its sources, fetchers and stages, built from the configuration and the
 * request (the `refresh` command's flags; `serve --refresh-every` asks for the nightly defaults).
 * `close` releases the HTTP client once the run is over.
 */
export async function refreshPlan(config: Config, r: RefreshRequest): Promise<{ options: RefreshOptions; close: () => Promise<void> }> {
  const { snapshot, record, queueUrl } = r;
  const review = r.review && { client: await reviewClient(config), config: modelReviewConfig(config, r.review) };
  const sources = await selectSources(r.sources, config, snapshot, r.notice);
  // A snapshot run is offline: it lists no server live unless asked to explicitly.
  const modes = r.introspect ?? (snapshot ? [] : config.introspect.modes);
  // --queue asks for listing jobs: a run that lists nothing would enqueue none, and say nothing of it.
  if (queueUrl && modes.length === 0) {
    const why = r.introspect ? "--introspect none" : snapshot ? "--snapshot lists nothing live unless --introspect names modes" : "CATALOG_INTROSPECT=none";
    throw new CliError(`--queue enqueues live listings, but this run lists none (${why}): name the modes to enqueue with --introspect remote|stdio|remote,stdio, or leave out --queue`, 2);
  }
  const http = snapshot && modes.length === 0 ? undefined : crawlerHttpClient(config);
  const i = config.introspect;
  // A run restricted to some sources lists (or enqueues) only the servers those sources list, not the whole catalog's.
  const scope = r.sources ? { sources: r.sources } : {};
  if (modes.includes("stdio") && http && !queueUrl) await sweepSandboxLeftovers(r.notice);
  const fetcherFor = (source: SourceName): PageFetcher => {
    if (snapshot) return snapshotFetcher(snapshot, source);
    return record ? recordingFetcher(http!, record, source, { urls: SOURCE_URLS[source].of(config) }) : http!;
  };
  const options: RefreshOptions = {
    sources,
    // A replay is a full crawl, so a recording must be one too: an incremental run's pages could not be replayed.
    full: r.full || !!snapshot || !!record,
    fetcherFor,
    clockSkewMs: config.clockSkewMs,
    pagesInFlight: config.pagesInFlight,
    // A run narrower than the usual ones (--introspect none, a snapshot) withdraws no live tools a usual run would list again.
    keepModes: [...new Set([...modes, ...config.introspect.modes])],
    ...(modes.length && http && !queueUrl
      ? {
          // Loaded when the stage runs: the MCP client and the listing code cost a refresh without it seconds of start-up.
          introspect: async (db, runId, signal, listed) =>
            (await import("../../crawler/introspect-stage.js")).introspectServers(db, runId, {
              ...listingOptions(config, http),
              modes,
              concurrency: i.concurrency,
              perHostConcurrency: i.perHostConcurrency,
              maxAgeHours: i.maxAgeHours,
              ...scope,
              ...(signal ? { signal } : {}),
              onListed: listed,
            }),
        }
      : {}),
    ...(modes.length && queueUrl
      ? {
          enqueue: async (db, runId, signal) => {
            // pg-boss is loaded only by a run that enqueues.
            const { enqueueListings, openListingQueue } = await import("../../crawler/listing-queue.js");
            const boss = await openListingQueue(queueUrl, config.queue, { supervise: false });
            try {
              return await enqueueListings(db, boss, runId, { modes, maxAgeHours: i.maxAgeHours, ...scope, ...(signal ? { signal } : {}) });
            } finally {
              await boss.stop({ graceful: false, wait: true });
            }
          },
        }
      : {}),
    ...(r.classify ? { classify: (db, signal) => classifyPending(db, { ...(signal ? { signal } : {}), ...(review ? { review } : {}) }), classifyTools: classifyServerTools } : {}),
    describe: { ...(snapshot ? { snapshot } : {}), ...(record ? { record } : {}) },
  };
  return { options, close: async () => http?.close() };
}
