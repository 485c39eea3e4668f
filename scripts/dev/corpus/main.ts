// `npm run corpus`: harvest real MCP servers from npm, with their own tool annotations, into scripts/dev/corpus/data (a development script, not part of the product).
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_ENUMERATE_LIMITS } from "../../../crawler/mcp/limits.js";
import { DEFAULT_HTTP_OPTIONS, HttpClient } from "../../../crawler/http.js";
import { DEFAULT_NPM_REGISTRY_URL } from "../../../crawler/sources/npm-registry.js";
import { loadConfig } from "../../config.js";
import { runAsScript } from "../../run-as-script.js";
import { wholeNumber } from "../../whole-number.js";
import { mergeCandidates, readCandidatesFile, readFixtureCandidates, searchCandidates } from "./candidates.js";
import { DEFAULT_EXCLUDED_FILE, ExcludedPackages } from "./excluded.js";
import { DEFAULT_EXCLUDED_REPOSITORIES_FILE, lookUpRepositories, readRepositoryList, writeRepositoryList } from "./excluded-repositories.js";
import { Node22 } from "./node-runtime.js";
import { readPlaceholderTable } from "./placeholders.js";
import { runHarvest, type RunSummary } from "./run.js";

const HERE = "scripts/dev/corpus";
/** The defaults of a full harvest, paths relative to the repository root (where npm runs scripts). */
const DEFAULTS = {
  candidates: ["../shared/corpus/npm-mcp-candidates.tsv", `${HERE}/npm-package-list-candidates.tsv`],
  fixtures: ["tests/fixtures", "../shared/fixtures"],
  dataDir: `${HERE}/data`,
  // Kept between runs (a resumed harvest installs from it); outside the repository.
  npmCacheDir: join(tmpdir(), "mcp-catalog-corpus-npm-cache"),
  placeholders: `${HERE}/placeholders.json`,
  concurrency: 3,
  maxAttempts: 5,
  // Generous for one server (install and up to maxAttempts starts); the listing itself has its own timeouts below.
  packageTimeoutMs: 6 * 60_000,
  flushIntervalMs: 30_000,
  // On a loaded machine a big bundle takes more than 20 s to answer initialize (timeouts were 1 failure in 25).
  limits: { ...DEFAULT_ENUMERATE_LIMITS, connectTimeoutMs: 40_000, totalTimeoutMs: 70_000, maxDescriptionChars: Infinity },
};

/** Repositories that copy an evaluation package's code (forks), refused like the evaluation repositories; kept by hand. */
const EVALUATION_COPIES_FILE = `${HERE}/evaluation-copies.txt`;

const TARGET = { servers: 150, annotatedTools: 4_000 };

const HELP = `npm run corpus [-- options]

Harvests MCP servers published on npm: each candidate's manifest must prove it is a server (an
mcpName, or a bin plus a dependency on the MCP SDK or a server framework); it is installed without
install scripts into a throwaway prefix, started in the stdio sandbox (no network, no inherited
environment; placeholder configuration where it asks for some) and its tools are listed. Writes
${DEFAULTS.dataDir}/tools.jsonl.gz and manifest.json. Evaluation packages
(${DEFAULT_EXCLUDED_FILE}) are refused by name, and so is every package whose repository is
one of theirs (${DEFAULT_EXCLUDED_REPOSITORIES_FILE}; looked up on the registry when that file is missing)
or copies theirs (${EVALUATION_COPIES_FILE}).

  --candidates FILE   a candidates file (one package name a line; repeatable). Default: ${DEFAULTS.candidates.join(", ")}
                      plus the npm packages named in ${DEFAULTS.fixtures.join(", ")}
  --concurrency N     packages harvested at once (default ${DEFAULTS.concurrency})
  --limit N           only the first N candidates
  --only NAME         only this package (repeatable)
  --retry             try again packages that failed at the same version
  --annotated-first   harvest first the candidates whose published files declare tool hints
                      (readOnlyHint / destructiveHint with a literal value; read with npm pack, nothing run)
  --refresh-excluded-repositories
                      look up the evaluation packages' repositories again (their manifests' repository field only)
  --data-dir DIR      where the corpus lives (default ${DEFAULTS.dataDir})
  -h, --help          this text

npm's search API is also asked (keywords mcp, mcp-server, modelcontextprotocol) on NPM_REGISTRY_URL
(default ${DEFAULT_NPM_REGISTRY_URL}) when it serves one. Rerunning skips packages already done at the
same version.
`;

function whole(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = wholeNumber(value, { min });
  if (n === undefined) throw new Error(`${flag} takes a whole number from ${min}; got '${value}'`);
  return n;
}

function report(s: RunSummary): string {
  const c = s.corpus;
  const met = c.annotatedServers >= TARGET.servers && c.annotatedTools >= TARGET.annotatedTools;
  const lines = [
    `this run: ${s.run.candidates} candidates, ${s.run.harvested} harvested, ${s.run.skipped} already done at their version, ${s.run.refusedByRepository} refused as from an evaluation package's repository`,
    `corpus: ${c.packages} packages (${c.noManifest} without a readable manifest, ${c.refused} refused as from an evaluation package's repository), ${c.servers} servers tried, ${c.listed} listed, ${c.annotatedServers} with readOnlyHint on their tools`,
    `tools: ${c.tools} listed, ${c.annotatedTools} with an explicit readOnlyHint`,
    `target (>= ${TARGET.servers} servers and >= ${TARGET.annotatedTools} tools with readOnlyHint): ${met ? "met" : "NOT met"}`,
    `failed: ${Object.entries(c.failures).sort(([, a], [, b]) => b - a).map(([k, v]) => `${k} ${v}`).join(", ") || "none"}`,
    `not servers: ${Object.entries(c.notServers).map(([k, v]) => `${k} ${v}`).join(", ") || "none"}`,
  ];
  return lines.join("\n") + "\n";
}

/** The evaluation repositories from their committed list, looked up on the registry (and the list written) when it is missing or a refresh is asked for. */
async function excludedRepositories(
  byName: ExcludedPackages,
  refresh: boolean,
  o: { http: HttpClient; registryUrl: string; signal: AbortSignal; log: (line: string) => void; root: string },
): Promise<string[]> {
  const file = resolve(o.root, DEFAULT_EXCLUDED_REPOSITORIES_FILE);
  const held = refresh ? undefined : readRepositoryList(file);
  if (held) return held;
  o.log(`looking up the repositories of ${byName.size} evaluation packages (repository field only)`);
  const found = await lookUpRepositories(byName.packageNames, o);
  writeRepositoryList(file, found.repositories);
  o.log(`${found.repositories.length} evaluation repositories written to ${DEFAULT_EXCLUDED_REPOSITORIES_FILE}; ${found.unresolved} packages name none`);
  return found.repositories;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      candidates: { type: "string", multiple: true },
      concurrency: { type: "string" },
      limit: { type: "string" },
      only: { type: "string", multiple: true },
      retry: { type: "boolean", default: false },
      "annotated-first": { type: "boolean", default: false },
      "refresh-excluded-repositories": { type: "boolean", default: false },
      "data-dir": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const root = process.cwd();
  const log = (line: string) => process.stderr.write(line + "\n");
  const config = loadConfig(process.env, root);
  const registryUrl = config.introspect.npmRegistryUrl ?? DEFAULT_NPM_REGISTRY_URL;
  const byName = ExcludedPackages.read(resolve(root, DEFAULT_EXCLUDED_FILE));
  // The registry is trusted by name: an install mirror (or this machine's registry proxy) may sit on a private address.
  const http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, userAgent: config.userAgent, allowPrivateNetwork: config.allowPrivateNetwork, trustedHosts: [new URL(registryUrl).hostname], maxAttempts: 3 });
  const npm = { npmCacheDir: DEFAULTS.npmCacheDir, ...(config.introspect.npmRegistryUrl ? { npmRegistryUrl: config.introspect.npmRegistryUrl } : {}) };
  const node22 = new Node22({ timeoutMs: config.introspect.installTimeoutMs, ...npm });
  const stop = new AbortController();
  const onSignal = () => {
    log("stopping: finishing the corpus file with what is done");
    stop.abort(new Error("interrupted"));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const copies = readRepositoryList(resolve(root, EVALUATION_COPIES_FILE)) ?? [];
    const excluded = byName.withRepositories([...(await excludedRepositories(byName, values["refresh-excluded-repositories"], { http, registryUrl, signal: stop.signal, log, root })), ...copies]);
    const files = (values.candidates ?? DEFAULTS.candidates).map((f) => resolve(root, f));
    for (const f of files) if (!existsSync(f)) throw new Error(`no candidates file at ${f}`);
    const lists = [
      ...files.map((f) => readCandidatesFile(f, root)),
      ...(values.candidates ? [] : [readFixtureCandidates(DEFAULTS.fixtures.map((d) => join(root, d)), root)]),
      await searchCandidates(http, registryUrl, log),
    ];
    const merged = mergeCandidates(lists, excluded);
    log(`${merged.candidates.length} candidates (${merged.excluded} evaluation packages refused by name)`);
    const dataDir = resolve(root, values["data-dir"] ?? DEFAULTS.dataDir);
    mkdirSync(dataDir, { recursive: true });
    const limit = whole(values.limit, "--limit", 1);
    const summary = await runHarvest({
      candidates: merged.candidates,
      excludedCandidates: merged.excluded,
      candidatesFile: relative(root, files[0]!),
      dataDir,
      concurrency: whole(values.concurrency, "--concurrency", 1) ?? DEFAULTS.concurrency,
      ...(limit !== undefined ? { limit } : {}),
      ...(values.only ? { only: values.only } : {}),
      retry: values.retry,
      annotatedFirst: values["annotated-first"],
      flushIntervalMs: DEFAULTS.flushIntervalMs,
      log,
      registryUrl,
      ...npm,
      http,
      excluded,
      placeholders: readPlaceholderTable(resolve(root, DEFAULTS.placeholders)),
      limits: DEFAULTS.limits,
      sandbox: { memoryMb: config.introspect.stdioMemoryMb, noNetwork: true },
      installTimeoutMs: config.introspect.installTimeoutMs,
      maxAttempts: DEFAULTS.maxAttempts,
      packageTimeoutMs: DEFAULTS.packageTimeoutMs,
      node22,
      now: () => new Date(),
      signal: stop.signal,
    });
    process.stdout.write(report(summary));
    return stop.signal.aborted ? 130 : 0;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await node22.dispose();
    await http.close();
  }
}

runAsScript(import.meta.url, "corpus", main);
