// Harvesting one package: its manifest from the registry, the server decision, a scriptless install, and tools/list in the sandbox with placeholder configuration.
import { chmod, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { EnumerateError } from "../../../crawler/mcp/errors.js";
import type { EnumerateLimits, EnumerateResult } from "../../../crawler/mcp/limits.js";
import { listStdioTools } from "../../../crawler/mcp/stdio.js";
import { HttpError, type HttpClient } from "../../../crawler/http.js";
import { normalizeRepository } from "../../../crawler/normalize.js";
import { installPackage, type InstalledPackage } from "../../../crawler/mcp/install.js";
import type { SandboxOptions } from "../../../crawler/mcp/sandbox.js";
import { manifestLicense, manifestRepository, mcpServerEvidence, npmManifestSchema, type NpmManifest } from "../../../crawler/sources/npm-manifest.js";
import { npmManifestUrl } from "../../../crawler/sources/npm-registry.js";
import type { Candidate } from "./candidates.js";
import { isAnnotated, toolRecord, type PackageEntry, type ToolRecord } from "./corpus-data.js";
import { listFailureCode, nextAttempt, type Attempt, type FailureCode, type ListFailure } from "./diagnosis.js";
import { ExcludedPackageError, type ExcludedPackages } from "./excluded.js";
import { Node22, runtimeForEngines } from "./node-runtime.js";
import { envNamesInSource, placeholderEnv, placeholderFile, resolveEntry, WORKSPACE_TOKEN, type PlaceholderTable } from "./placeholders.js";

export interface HarvestOptions {
  /** Where manifests are read (and, unless npmRegistryUrl says otherwise, packages installed from). */
  registryUrl: string;
  /** `npm install --registry`; unset: npm's own configuration. */
  npmRegistryUrl?: string;
  /** One npm cache for every install of the run (servers share most of their dependencies). */
  npmCacheDir?: string;
  http: HttpClient;
  excluded: ExcludedPackages;
  placeholders: PlaceholderTable;
  limits: EnumerateLimits;
  sandbox: SandboxOptions;
  installTimeoutMs: number;
  /** Starts tried per package (placeholders added, a path argument, Node 22), the first included. */
  maxAttempts: number;
  /** Everything for one package, install included. */
  packageTimeoutMs: number;
  node22: Node22;
  workRoot?: string;
  now: () => Date;
  /** Stops the whole harvest (Ctrl-C): a package cut by it is not recorded. */
  signal?: AbortSignal;
}

export interface Harvested {
  entry: PackageEntry;
  tools: ToolRecord[];
}

export type ManifestLookup = { manifest: NpmManifest; failure?: undefined } | { manifest?: undefined; failure: string };

/** The latest manifest of a package, or why there is none. Refuses evaluation packages before any request. */
export async function fetchLatestManifest(name: string, o: Pick<HarvestOptions, "registryUrl" | "http" | "excluded" | "signal">): Promise<ManifestLookup> {
  o.excluded.refuse(name);
  let body: unknown;
  try {
    const r = await o.http.getJson(npmManifestUrl(o.registryUrl, name), o.signal ? { signal: o.signal } : {});
    if (r.status !== 200) return { failure: `the registry answered ${r.status}` };
    body = r.body;
  } catch (e) {
    if (e instanceof HttpError && !o.signal?.aborted) return { failure: e.message };
    throw e;
  }
  const manifest = npmManifestSchema.safeParse(body);
  if (!manifest.success) return { failure: `unreadable manifest: ${manifest.error.issues[0]?.message ?? "bad shape"}` };
  return { manifest: manifest.data };
}

const CODE_HOST = /^(github\.com|gitlab\.com|bitbucket\.org)\//;

function linkOf(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  const url = v && typeof v === "object" ? (v as { url?: unknown }).url : undefined;
  return typeof url === "string" ? url : undefined;
}

/**
 * Pure: the repositories a manifest points at: its `repository`, and the code-host repository its
 * `bugs` or `homepage` link lies in (older manifests of monorepo packages name their repository only there).
 */
export function manifestRepositories(m: NpmManifest): string[] {
  const declared = manifestRepository(m)?.url;
  const linked = [linkOf(m.bugs), linkOf(m.homepage)].map((l) => normalizeRepository(l)).filter((r) => r !== undefined && CODE_HOST.test(r.key));
  return [...new Set([...(declared ? [declared] : []), ...linked.map((r) => r!.url)])];
}

/** What every entry of a package carries, whatever became of it. */
type EntryBase = Omit<PackageEntry, "status" | "tools" | "annotated">;

const DETAIL_CHARS = 600;

function cutDetail(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > DETAIL_CHARS ? `${flat.slice(0, DETAIL_CHARS - 1)}…` : flat;
}

/** Provenance from the manifest. */
export function baseEntry(c: Candidate, m: NpmManifest, now: Date): EntryBase {
  const repo = manifestRepository(m);
  const license = manifestLicense(m);
  return {
    package: c.name,
    version: m.version,
    origin: c.origin,
    ...(repo ? { repository: repo.url, ...(repo.directory ? { repositoryDirectory: repo.directory } : {}) } : {}),
    ...(license ? { license } : {}),
    listedAt: now.toISOString(),
  };
}

export function failedEntry(base: EntryBase, reason: FailureCode, detail: string): PackageEntry {
  return { ...base, status: "failed", reason, detail: cutDetail(detail), tools: 0, annotated: 0 };
}

const SOURCE_FILE = /\.(c|m)?js$/;
const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

/** The environment variables the package's own code reads by name (its dependencies' are not its configuration). */
async function envNamesInPackage(dir: string): Promise<string[]> {
  const names = new Set<string>();
  let budget = MAX_SOURCE_BYTES;
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (budget <= 0) return;
      const path = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== "node_modules") await walk(path);
      } else if (e.isFile() && SOURCE_FILE.test(e.name)) {
        const size = (await stat(path)).size;
        if (size > budget) continue;
        budget -= size;
        for (const n of envNamesInSource(await readFile(path, "utf8"))) names.add(n);
      }
    }
  };
  await walk(dir);
  return [...names].sort();
}

/**
 * A fresh directory the server may use as its workspace and runs in (writable by the sandbox's
 * unprivileged user, so servers that write logs or caches beside them start), with the dummy
 * configuration file for servers that want a file.
 */
async function workspaceIn(installed: InstalledPackage): Promise<string> {
  const dir = join(installed.dir, "workspace");
  await mkdir(dir);
  await chmod(dir, 0o777);
  await writeFile(placeholderFile(dir), "{}\n", { mode: 0o644 });
  return dir;
}

async function listOnce(installed: InstalledPackage, attempt: Attempt, workspace: string, o: HarvestOptions, signal: AbortSignal): Promise<EnumerateResult> {
  // Only a server started by our node moves to Node 22; a bin with its own interpreter keeps it.
  const command = attempt.node === "22" && installed.spec.command === process.execPath ? await o.node22.path() : installed.spec.command;
  return listStdioTools(
    { command, args: [...installed.spec.args, ...attempt.args], cwd: workspace, env: { ...installed.spec.env, ...attempt.env } },
    { limits: o.limits, sandbox: o.sandbox, signal },
  );
}

/** The `start` record: names only (values are placeholders anyway), the workspace written as its token. */
function startRecord(attempt: Attempt, attempts: number, workspace: string): NonNullable<PackageEntry["start"]> {
  return {
    node: attempt.node,
    env: Object.keys(attempt.env).sort(),
    args: attempt.args.map((a) => a.split(workspace).join(WORKSPACE_TOKEN)),
    attempts,
  };
}

/** Installs and lists a server, retrying with what its failures ask for; never throws for the server's faults. */
async function installAndList(c: Candidate, m: NpmManifest, base: EntryBase, o: HarvestOptions, signal: AbortSignal): Promise<Harvested> {
  let installed: InstalledPackage;
  try {
    installed = await installPackage(
      { registryType: "npm", identifier: c.name, version: m.version },
      {
        // A package given a longer bound of its own may spend it installing (the package deadline still bounds both).
        timeoutMs: o.placeholders[c.name]?.timeoutMs ?? o.installTimeoutMs,
        signal,
        ...(o.npmRegistryUrl ? { npmRegistryUrl: o.npmRegistryUrl } : {}),
        ...(o.npmCacheDir ? { npmCacheDir: o.npmCacheDir } : {}),
        ...(o.workRoot ? { workRoot: o.workRoot } : {}),
      },
    );
  } catch (e) {
    if (!(e instanceof EnumerateError) || signal.aborted) throw e;
    return { entry: failedEntry(base, e.reason === "timeout" ? "install-timeout" : "install-failed", e.message), tools: [] };
  }
  try {
    const workspace = await workspaceIn(installed);
    const table = o.placeholders[c.name];
    const fixed = resolveEntry(table, workspace);
    for (const [path, content] of Object.entries(fixed.files)) await writeFile(path, content, { mode: 0o644 });
    const scanned = placeholderEnv(await envNamesInPackage(join(installed.dir, "node_modules", c.name)), workspace);
    let attempt: Attempt = { node: table?.node ?? runtimeForEngines(m.engines?.node), env: { ...scanned, ...fixed.env }, args: fixed.args };
    for (let tries = 1; ; tries++) {
      try {
        const r = await listOnce(installed, attempt, workspace, o, signal);
        const tools = r.tools.map((t) => toolRecord(c.name, m.version, t));
        return {
          entry: {
            ...base,
            status: "listed",
            tools: tools.length,
            annotated: tools.filter(isAnnotated).length,
            ...(r.skipped ? { skippedTools: r.skipped } : {}),
            start: startRecord(attempt, tries, workspace),
            ...(r.serverInfo ? { serverInfo: r.serverInfo } : {}),
            ...(r.protocolVersion ? { protocolVersion: r.protocolVersion } : {}),
          },
          tools,
        };
      } catch (e) {
        if (!(e instanceof EnumerateError) || signal.aborted) throw e;
        const failure: ListFailure = { reason: e.reason, message: e.message };
        const failed = (why = e.message) => ({ entry: { ...failedEntry(base, listFailureCode(failure), why), start: startRecord(attempt, tries, workspace) }, tools: [] });
        const next = tries < o.maxAttempts ? nextAttempt(attempt, failure, workspace) : undefined;
        if (!next) return failed();
        if (next.node === "22" && attempt.node !== "22") {
          const unavailable = await o.node22.path().then(
            () => undefined,
            (n22: unknown) => (n22 instanceof Error ? n22.message : String(n22)),
          );
          if (unavailable !== undefined) return failed(`Node 22, to try next, is unavailable (${unavailable.slice(0, 200)}); ${e.message}`);
        }
        attempt = next;
      }
    }
  } finally {
    await installed.dispose();
  }
}

/**
 * One candidate, start to end: refused if it is an evaluation package (before any request), its
 * latest manifest, refused if it comes from an evaluation package's repository, the server decision,
 * then install and list. The package's time is bounded by packageTimeoutMs; only the harvest's own
 * signal (Ctrl-C) and the refusals make this throw.
 */
export async function harvestPackage(c: Candidate, o: HarvestOptions, manifest?: NpmManifest): Promise<Harvested> {
  o.excluded.refuse(c.name);
  const timeoutMs = o.placeholders[c.name]?.timeoutMs ?? o.packageTimeoutMs;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, deadline]) : deadline;
  let base: EntryBase = { package: c.name, origin: c.origin, listedAt: o.now().toISOString() };
  try {
    const lookup: ManifestLookup = manifest ? { manifest } : await fetchLatestManifest(c.name, { ...o, signal });
    if (lookup.failure !== undefined) return { entry: failedEntry(base, "no-manifest", lookup.failure), tools: [] };
    const m = lookup.manifest;
    o.excluded.refuseRepository(c.name, manifestRepositories(m));
    base = baseEntry(c, m, o.now());
    const decision = mcpServerEvidence(m);
    if (!decision.server) return { entry: { ...base, status: "not-a-server", reason: decision.reason, tools: 0, annotated: 0 }, tools: [] };
    base = { ...base, evidence: decision.evidence };
    if (!decision.hasBin) return { entry: failedEntry(base, "no-bin", "the manifest has an mcpName but no bin: nothing to start over stdio"), tools: [] };
    return await installAndList(c, m, base, o, signal);
  } catch (e) {
    if (o.signal?.aborted || e instanceof ExcludedPackageError) throw e;
    if (deadline.aborted) return { entry: failedEntry(base, "timeout", `the package took more than ${timeoutMs} ms in all`), tools: [] };
    return { entry: failedEntry(base, "error", e instanceof Error ? e.message : String(e)), tools: [] };
  }
}
