// Installing a server's package for the sandbox: npm without install scripts, pip/uv wheels only, into a fresh prefix.
import { readdir, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { EnumerateError } from "./errors.js";
import { runInGroup } from "./process-group.js";
import { openUp, PARENT_DEATH, runs, sandboxCapabilities } from "./sandbox.js";
import { removeTree, scratchDir } from "./scratch-dirs.js";

export interface InstallOptions {
  /** Where the temp install dirs go (default: the OS temp dir). */
  workRoot?: string;
  /** npm: `--registry`; a local registry in tests, a mirror in production. */
  npmRegistryUrl?: string;
  /** npm: a cache shared between installs (`--cache`, `--prefer-offline`): many servers share most dependencies. Unset: a fresh one per install. */
  npmCacheDir?: string;
  /** pypi: `--index-url`. */
  pypiIndexUrl?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface InstalledPackage {
  /** The temp dir holding the install; dispose() removes it. */
  dir: string;
  /** How to start the server (cwd: dir). pip installs add PYTHONPATH in env. */
  spec: { command: string; args: string[]; env?: Record<string, string> };
  dispose(): Promise<void>;
}

/**
 * Installs one registry package into a fresh temp dir without running any of its code, and says how to
 * start it. `identifier` comes from catalog data, so it must be a registry name: a path, a `file:` spec,
 * a tarball name, a URL or a flag is refused before the installer runs ("not an npm package name").
 */
export async function installPackage(
  pkg: { registryType: "npm" | "pypi"; identifier: string; version?: string },
  opts: InstallOptions,
): Promise<InstalledPackage> {
  const label = `${pkg.registryType}:${pkg.identifier}`;
  return inFreshDir(label, opts, (dir) => (pkg.registryType === "npm" ? installNpm(npmTarget(pkg), dir, opts) : installPypi(pkg, dir, opts)));
}

/**
 * Tests only: installs a local `npm pack` tarball or package directory the same way. A separate entry so
 * that no catalog record can name a path on this machine; the crawler never calls it.
 */
export async function installLocalNpmPackage(path: string, opts: InstallOptions): Promise<InstalledPackage> {
  return inFreshDir(`npm:${path}`, opts, (dir) => installNpm({ spec: resolve(path) }, dir, opts));
}

async function inFreshDir(label: string, opts: InstallOptions, install: (dir: string) => Promise<InstalledPackage["spec"]>): Promise<InstalledPackage> {
  const dir = await scratchDir(opts.workRoot ?? tmpdir(), "pkg");
  const dispose = () => removeTree(dir);
  try {
    const spec = await install(dir);
    await openUp(dir);
    return { dir, spec, dispose };
  } catch (e) {
    await dispose();
    if (e instanceof EnumerateError) throw e;
    throw new EnumerateError(`installing ${label}: ${(e as Error).message}`, "install", label, { cause: e });
  }
}

/** stdout and stderr of one install together: npm at --loglevel=error says little; more is a runaway. */
const MAX_INSTALLER_OUTPUT = 4 * 1024 * 1024;

// npm names: optional @scope/, then url-safe chars. Anything else (flags, URLs, git specs, paths) is refused.
const NPM_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/i;
const VERSION = /^[0-9A-Za-z.+~^<>=*| -]{1,100}$/;
// npm reads a name or version ending like an archive, or a version starting with ".", as a file in its cwd.
const NPM_FILE_LIKE = /[.](?:tgz|tar\.gz|tar)$/i;

/** The `npm install` argument for a registry package, after checking that it can only mean one. */
function npmTarget(pkg: { identifier: string; version?: string }): { spec: string; name: string } {
  const at = `npm:${pkg.identifier}`;
  if (!NPM_NAME.test(pkg.identifier) || NPM_FILE_LIKE.test(pkg.identifier)) throw new EnumerateError(`not an npm package name: ${JSON.stringify(pkg.identifier)}`, "install", at);
  if (pkg.version !== undefined && (!VERSION.test(pkg.version) || pkg.version.startsWith(".") || NPM_FILE_LIKE.test(pkg.version))) {
    throw new EnumerateError(`not an npm version: ${JSON.stringify(pkg.version)}`, "install", at);
  }
  return { spec: pkg.version ? `${pkg.identifier}@${pkg.version}` : pkg.identifier, name: pkg.identifier };
}

/**
 * Runs a command without a shell, bounded in time, and with its output bounded; rejects with the stderr tail. Under
 * `setpriv --pdeathsig KILL` where that works, as the sandbox ties its server: a worker killed with kill -9 (or by the
 * OOM killer) mid-install takes its installer with it, instead of leaving it to run until it ends by itself. In a
 * process group of its own, killed whole when the run ends (process-group.ts), so what the installer starts dies too.
 */
export async function run(label: string, command: string, args: string[], o: { cwd: string; env: Record<string, string>; timeoutMs: number; signal?: AbortSignal }): Promise<string> {
  const [file, ...argv] = (await sandboxCapabilities()).parentDeathSignal ? ["setpriv", ...PARENT_DEATH, command, ...args] : [command, ...args];
  const { end, stdout, stderr } = await runInGroup(file!, argv, { cwd: o.cwd, env: o.env, timeoutMs: o.timeoutMs, maxOutputBytes: MAX_INSTALLER_OUTPUT, ...(o.signal ? { signal: o.signal } : {}) });
  if (end.how === "exit" && end.code === 0) return stdout;
  const at = [command, ...args].join(" ");
  if (end.how === "timeout") throw new EnumerateError(`${label} timed out after ${o.timeoutMs} ms`, "timeout", at);
  const tail = stderr.trim().split("\n").slice(-6).join(" | ").slice(-800);
  const why =
    end.how === "exit" ? `exited (${end.signal ?? `code ${end.code}`})`
    : end.how === "spawn" ? end.error.message
    : end.how === "abort" ? "aborted"
    : `wrote more than ${MAX_INSTALLER_OUTPUT} bytes`;
  throw new EnumerateError(`${label} failed: ${tail || why}`, "install", at, end.how === "spawn" ? { cause: end.error } : undefined);
}

export function installerEnv(dir: string): Record<string, string> {
  // The installer gets no secrets either: no npm tokens from ~/.npmrc (HOME is the temp dir). A CA
  // bundle path is no secret, and without it npm cannot reach a registry behind a TLS-inspecting proxy.
  const ca = process.env.NODE_EXTRA_CA_CERTS;
  return { PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin", HOME: dir, npm_config_update_notifier: "false", PIP_DISABLE_PIP_VERSION_CHECK: "1", ...(ca ? { NODE_EXTRA_CA_CERTS: ca } : {}) };
}

/** Installs `target.spec`; `target.name` is the package that lands, unknown for a local tarball or directory. */
async function installNpm(target: { spec: string; name?: string }, dir: string, opts: InstallOptions) {
  const args = ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--omit=dev", "--no-package-lock", "--install-links", "--loglevel=error",
    // One quick retry, not npm's default of two with up to a minute's backoff: a dead registry should fail this item, not stall the stage.
    "--fetch-retries=1", "--fetch-retry-mintimeout=1000", "--fetch-retry-maxtimeout=5000", "--prefix", dir];
  if (opts.npmRegistryUrl) args.push("--registry", opts.npmRegistryUrl);
  if (opts.npmCacheDir) args.push("--cache", opts.npmCacheDir, "--prefer-offline");
  args.push(target.spec);
  await run("npm install", "npm", args, { cwd: dir, env: installerEnv(dir), timeoutMs: opts.timeoutMs, ...(opts.signal ? { signal: opts.signal } : {}) });

  // Which package landed: for a name it is that name; for a local tarball/dir, the one dependency npm added.
  const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  const name = target.name ?? Object.keys(manifest.dependencies ?? {})[0];
  if (!name) throw new EnumerateError(`npm installed nothing from ${target.spec}`, "install", `npm:${target.spec}`);
  const pkgDir = join(dir, "node_modules", name);
  const pj = JSON.parse(await readFile(join(pkgDir, "package.json"), "utf8")) as { name?: string; bin?: string | Record<string, string> };
  const bin = pickBin(name, pj.bin);
  if (!bin) throw new EnumerateError(`${name} has no "bin" in its package.json, so there is no command to start`, "install", `npm:${name}`);
  const binPath = resolve(pkgDir, bin);
  if (!binPath.startsWith(pkgDir + "/")) throw new EnumerateError(`${name}'s bin points outside the package: ${bin}`, "install", `npm:${name}`);
  await stat(binPath).catch(() => {
    throw new EnumerateError(`${name}'s bin ${bin} does not exist in the package`, "install", `npm:${name}`);
  });
  // A JS bin runs under our node (whatever its shebang says); a bin with a non-node shebang runs as it is.
  const head = (await readFile(binPath, "utf8")).slice(0, 200);
  const foreign = head.startsWith("#!") && !/\bnode\b/.test(head.split("\n")[0] ?? "");
  return foreign ? { command: binPath, args: [] } : { command: process.execPath, args: [binPath] };
}

/** The bin a server is started by: the only one, else the one named like the package, else the first. */
function pickBin(name: string, bin: string | Record<string, string> | undefined): string | undefined {
  if (typeof bin === "string") return bin;
  if (!bin) return undefined;
  const entries = Object.entries(bin);
  if (entries.length <= 1) return entries[0]?.[1];
  const short = name.replace(/^@[^/]+\//, "");
  return (bin[short] ?? bin[name] ?? entries[0]?.[1]) || undefined;
}

async function which(cmd: string): Promise<boolean> {
  return runs(cmd, ["--version"]);
}

const PEP508_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const PIP_FILE_LIKE = /[.](?:whl|zip|tgz|tar|tar[.](?:gz|bz2|xz))$/i;

async function installPypi(pkg: { identifier: string; version?: string }, dir: string, opts: InstallOptions) {
  // PEP 508 names only; no URLs, paths or options, and no name pip would take for an archive file in its cwd.
  if (!PEP508_NAME.test(pkg.identifier) || PIP_FILE_LIKE.test(pkg.identifier)) throw new EnumerateError(`not a PyPI package name: ${JSON.stringify(pkg.identifier)}`, "install", `pypi:${pkg.identifier}`);
  if (pkg.version !== undefined && !/^[0-9A-Za-z.!+*-]{1,64}$/.test(pkg.version)) throw new EnumerateError(`not a PyPI version: ${JSON.stringify(pkg.version)}`, "install", `pypi:${pkg.identifier}`);
  const requirement = pkg.version ? `${pkg.identifier}==${pkg.version}` : pkg.identifier;
  const site = join(dir, "site");
  const index = opts.pypiIndexUrl ? ["--index-url", opts.pypiIndexUrl] : [];
  const common = { cwd: dir, env: installerEnv(dir), timeoutMs: opts.timeoutMs, ...(opts.signal ? { signal: opts.signal } : {}) };
  if (await which("uv")) {
    await run("uv pip install", "uv", ["pip", "install", "--quiet", "--only-binary", ":all:", "--target", site, ...index, requirement], common);
  } else if (await which("python3")) {
    if (!(await runs("python3", ["-m", "pip", "--version"]))) throw new EnumerateError("no Python installer available (neither uv nor python3 -m pip)", "install", `pypi:${pkg.identifier}`);
    await run("pip install", "python3", ["-m", "pip", "install", "--quiet", "--no-input", "--retries", "0", "--timeout", "15", "--only-binary=:all:", "--target", site, ...index, requirement], common);
  } else {
    throw new EnumerateError("no Python installer available (neither uv nor python3)", "install", `pypi:${pkg.identifier}`);
  }
  // Console scripts land in <target>/bin; start the one named like the package, else the only one.
  const scripts = await readdir(join(site, "bin")).catch(() => [] as string[]);
  const norm = (s: string) => s.toLowerCase().replace(/[-_.]+/g, "-");
  const script = scripts.find((s) => norm(s) === norm(pkg.identifier)) ?? (scripts.length === 1 ? scripts[0] : undefined);
  if (!script) throw new EnumerateError(`${pkg.identifier} installs no console script to start (found: ${scripts.join(", ") || "none"})`, "install", `pypi:${pkg.identifier}`);
  return { command: "python3", args: [join(site, "bin", script)], env: { PYTHONPATH: site } };
}
