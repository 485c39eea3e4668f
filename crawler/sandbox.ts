// Running an untrusted stdio MCP server: a package installed without its scripts, spawned as a locked-down child.
//
// What isolation a stdio server gets (Linux, as this crawler runs it):
//  GIVEN
//  - Environment: nothing inherited but PATH. HOME is a fresh empty temp dir (removed afterwards),
//    NODE_OPTIONS=--max-old-space-size=<memoryMb>, plus only what the spec's `env` names
//    (installPackage adds PYTHONPATH for pip installs). No tokens, no proxy settings, no npm config.
//  - Network (noNetwork: true): the child runs under `unshare --net`, a new network namespace whose
//    only interface is a loopback that is down: no DNS, no internet, no host loopback services.
//    When namespaces are not permitted (not root, seccomp, a container without CAP_SYS_ADMIN) the
//    server is NOT run and listStdioTools fails with reason "blocked"; with noNetwork: false it runs
//    with the host's network.
//  - Processes: with namespaces, also `--pid --fork --kill-child`: the server is PID 1 of its own PID
//    namespace, so when we kill it (or `unshare` dies) every process it started dies too, even ones
//    that called setsid(). Without namespaces the child leads its own process group and the group
//    is SIGKILLed on finish/timeout (a grandchild that calls setsid() could outlive it).
//  - User: when we run as root, the server runs as nobody:nogroup (uid/gid 65534), so it cannot
//    write root-owned files or read root-only ones (e.g. /root, 0600 secrets).
//  - Memory: node servers get a V8 heap cap (--max-old-space-size; buffers and native memory are
//    not counted). Other commands get `prlimit --as=<memoryMb>` (address space) when prlimit exists;
//    node is not given --as because V8/WebAssembly reserve far more address space than they use.
//    Every child gets `prlimit --core=0 --fsize=<64 MiB>` when prlimit exists (no core dumps, no
//    huge files).
//  - Output: stdout is capped (the caller's byte budget; over it the child is killed) and stderr is
//    kept only as a 4 KiB tail for error messages.
//  - Install: npm install --ignore-scripts (no install/postinstall code runs), --omit=dev, into a
//    fresh temp prefix; pip/uv only wheels (--only-binary=:all:), so no setup.py runs at install.
//  NOT GIVEN
//  - No filesystem isolation: no mount namespace, chroot or seccomp. As nobody the server can still
//    read every world-readable file (system config, other users' 0644 files, /proc) and write to
//    world-writable dirs (/tmp, /dev/shm).
//  - No CPU cap (only the caller's wall-clock timeouts) and no cgroup memory cap for node's native memory.
//  - Not root-free when not root: run as a normal user, the server keeps that user's rights.
//  - The install step itself reaches the npm registry (or the configured one) with the host's network.
//  - No protection against kernel exploits; this is hygiene for a crawler, not a container.
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { chmod, chown, mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, isAbsolute, join, resolve } from "node:path";
import { deserializeMessage, type JSONRPCMessage, type Transport } from "@modelcontextprotocol/client";
import { EnumerateError } from "./enumerate.js";

export interface SandboxOptions {
  /** Heap cap for node servers (NODE_OPTIONS), address-space cap for others (prlimit --as). */
  memoryMb: number;
  /** Run in an empty network namespace; refuse to run ("blocked") when that is not possible. */
  noNetwork: boolean;
}

export const DEFAULT_SANDBOX_OPTIONS: SandboxOptions = { memoryMb: 512, noNetwork: true };

const NOBODY = 65534;
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const STDERR_TAIL = 4096;

export interface SandboxCapabilities {
  /** `unshare --net --pid --fork --kill-child` works here. */
  namespaces: boolean;
  prlimit: boolean;
  /** We are root, so the child can be run as nobody. */
  dropPrivileges: boolean;
}

let capabilities: Promise<SandboxCapabilities> | undefined;

function runs(cmd: string, args: string[]): Promise<boolean> {
  return new Promise((ok) => {
    execFile(cmd, args, { timeout: 5000, env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } }, (err) => ok(!err));
  });
}

/** What this host lets us do, probed once per process. */
export function sandboxCapabilities(): Promise<SandboxCapabilities> {
  capabilities ??= (async () => {
    const [namespaces, prlimit] = await Promise.all([runs("unshare", ["--net", "--pid", "--fork", "--kill-child", "true"]), runs("prlimit", ["--core=0", "true"])]);
    return { namespaces, prlimit, dropPrivileges: process.getuid?.() === 0 };
  })();
  return capabilities;
}

const NODE_COMMANDS = new Set(["node", "nodejs", "npx", "npm", "tsx"]);

function isNodeCommand(command: string): boolean {
  return command === process.execPath || NODE_COMMANDS.has(basename(command));
}

export interface SpawnSpec {
  command: string;
  args: string[];
  cwd?: string;
  env?: Record<string, string>;
}

/** The argv and spawn options that put `spec` inside the sandbox. */
export async function sandboxedCommand(
  spec: SpawnSpec,
  sandbox: SandboxOptions,
  home: string,
): Promise<{ argv: [string, ...string[]]; env: Record<string, string>; uid?: number; gid?: number; isolated: boolean }> {
  const caps = await sandboxCapabilities();
  if (sandbox.noNetwork && !caps.namespaces) {
    throw new EnumerateError(
      "network isolation requested but `unshare --net` is not available or not permitted here (needs root or CAP_SYS_ADMIN); refusing to run the server with network",
      "blocked",
      spec.command,
    );
  }
  const env: Record<string, string> = {
    ...spec.env,
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    HOME: home,
    NODE_OPTIONS: `--max-old-space-size=${Math.max(16, Math.floor(sandbox.memoryMb))}`,
  };
  const limits = caps.prlimit
    ? ["prlimit", "--core=0", `--fsize=${MAX_FILE_BYTES}`, ...(isNodeCommand(spec.command) ? [] : [`--as=${Math.floor(sandbox.memoryMb) * 1024 * 1024}`]), "--"]
    : [];
  const inner = [...limits, spec.command, ...spec.args];
  if (sandbox.noNetwork) {
    const drop = caps.dropPrivileges ? ["--setuid", String(NOBODY), "--setgid", String(NOBODY)] : [];
    return { argv: ["unshare", "--net", "--pid", "--fork", "--kill-child", ...drop, "--", ...inner] as [string, ...string[]], env, isolated: true };
  }
  const [command, ...rest] = inner as [string, ...string[]];
  return { argv: [command, ...rest], env, isolated: false, ...(caps.dropPrivileges ? { uid: NOBODY, gid: NOBODY } : {}) };
}

/** Lets nobody read a tree we created as root (dirs 0755). Files written by npm are already 0644. */
async function openUp(dir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  await chmod(dir, 0o755);
}

export interface SandboxedStdioOptions {
  sandbox: SandboxOptions;
  /** Over this many bytes on stdout the child is killed and the transport fails with reason "limit". */
  maxStdoutBytes: number;
}

/**
 * The client's Transport over a sandboxed child's stdin/stdout (newline-delimited JSON-RPC, framed by
 * the client's own deserializeMessage). The one piece of listing the official client cannot do for
 * us: its StdioClientTransport spawns the command itself, always adds its default environment
 * (HOME, LOGNAME, SHELL, TERM, USER), cannot run the child as another user or in its own process
 * group, and has no cap on the bytes a server writes. This one inherits no environment, kills the
 * whole process group, caps stdout, and skips stdout lines that are not JSON-RPC (servers that log
 * to stdout) instead of failing.
 */
export class SandboxedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** Called once when the child is killed for writing more than maxStdoutBytes. */
  onLimit?: (error: EnumerateError) => void;
  /** The version the client negotiated (set by the client after initialize). */
  protocolVersion: string | undefined;
  /** Lines on stdout that were not JSON-RPC messages. */
  noiseLines = 0;
  stdoutBytes = 0;
  isolated = false;

  private child: ChildProcess | undefined;
  private home: string | undefined;
  private buffer = "";
  private stderrTail = "";
  private exited: Promise<void> | undefined;
  private failure: EnumerateError | undefined;
  private closed = false;

  constructor(
    private readonly spec: SpawnSpec,
    private readonly opts: SandboxedStdioOptions,
  ) {}

  /** Why the child went away, when it did so on its own (or was killed for a limit). */
  get error(): EnumerateError | undefined {
    return this.failure;
  }

  get stderr(): string {
    return this.stderrTail;
  }

  async start(): Promise<void> {
    if (this.child) return;
    this.home = await mkdtemp(join(tmpdir(), "mcp-catalog-home-"));
    const caps = await sandboxCapabilities();
    if (caps.dropPrivileges) await chown(this.home, NOBODY, NOBODY);
    const cmd = await sandboxedCommand(this.spec, this.opts.sandbox, this.home);
    this.isolated = cmd.isolated;
    const [command, ...args] = cmd.argv;
    const child = spawn(command, args, {
      cwd: this.spec.cwd ?? this.home,
      env: cmd.env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: true, // its own process group, so we can kill everything it starts
      ...(cmd.uid !== undefined ? { uid: cmd.uid, gid: cmd.gid } : {}),
    });
    this.child = child;
    this.exited = new Promise((done) => child.once("close", () => done()));
    await new Promise<void>((ok, fail) => {
      child.once("spawn", () => ok());
      child.once("error", (e) => fail(new EnumerateError(`cannot start ${this.spec.command}: ${e.message}`, "connect", this.spec.command, { cause: e })));
    });
    child.on("error", (e) => this.onerror?.(e));
    child.stdin?.on("error", () => undefined); // EPIPE when the child exits first; the close below reports it
    child.stdout?.on("data", (chunk: Buffer) => this.onStdout(chunk));
    child.stderr?.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-STDERR_TAIL);
    });
    child.once("close", (code, signal) => {
      if (!this.closed) {
        const tail = this.stderrTail.trim() ? `: ${this.stderrTail.trim().slice(-1000)}` : "";
        this.failure ??= new EnumerateError(`server process exited (${signal ?? `code ${code}`}) before we were done${tail}`, "connect", this.spec.command);
      }
      void this.close();
    });
  }

  private onStdout(chunk: Buffer): void {
    this.stdoutBytes += chunk.byteLength;
    if (this.stdoutBytes > this.opts.maxStdoutBytes) {
      if (this.failure?.reason === "limit") return;
      this.failure = new EnumerateError(`server wrote more than ${this.opts.maxStdoutBytes} bytes on stdout`, "limit", this.spec.command);
      this.onLimit?.(this.failure);
      void this.close();
      return;
    }
    this.buffer += chunk.toString("utf8");
    for (let nl = this.buffer.indexOf("\n"); nl !== -1; nl = this.buffer.indexOf("\n")) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, "");
      this.buffer = this.buffer.slice(nl + 1);
      if (!line.trim()) continue;
      let message: JSONRPCMessage;
      try {
        message = deserializeMessage(line);
      } catch {
        this.noiseLines += 1;
        continue;
      }
      this.onmessage?.(message);
    }
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.closed) throw this.failure ?? new EnumerateError("server process is not running", "connect", this.spec.command);
    await new Promise<void>((ok, fail) => stdin.write(JSON.stringify(message) + "\n", (e) => (e ? fail(e) : ok())));
  }

  setProtocolVersion(version: string): void {
    this.protocolVersion = version;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const child = this.child;
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }
    child?.stdin?.destroy();
    if (this.exited) await Promise.race([this.exited, new Promise((r) => setTimeout(r, 2000).unref())]);
    if (this.home) await rm(this.home, { recursive: true, force: true }).catch(() => undefined);
    this.onclose?.();
  }
}

// ---------------------------------------------------------------------------------------------
// Installing a package

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
 * Installs one package into a fresh temp dir without running any of its code, and says how to start
 * it. `identifier` is a registry name; for npm it may also be a path to a local .tgz or directory
 * (`npm pack` output, used by tests and offline mirrors), in which case `version` is ignored.
 */
export async function installPackage(
  pkg: { registryType: "npm" | "pypi"; identifier: string; version?: string },
  opts: InstallOptions,
): Promise<InstalledPackage> {
  const dir = await mkdtemp(join(opts.workRoot ?? tmpdir(), `mcp-catalog-pkg-`));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const spec = pkg.registryType === "npm" ? await installNpm(pkg, dir, opts) : await installPypi(pkg, dir, opts);
    await openUp(dir);
    return { dir, spec, dispose };
  } catch (e) {
    await dispose();
    if (e instanceof EnumerateError) throw e;
    throw new EnumerateError(`installing ${pkg.registryType}:${pkg.identifier}: ${(e as Error).message}`, "install", `${pkg.registryType}:${pkg.identifier}`, { cause: e });
  }
}

function isLocalPath(identifier: string): boolean {
  return isAbsolute(identifier) || identifier.startsWith("./") || identifier.startsWith("../") || identifier.startsWith("file:");
}

// npm names: optional @scope/, then url-safe chars. Anything else (flags, URLs, git specs) is refused.
const NPM_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/i;
const VERSION = /^[0-9A-Za-z.+~^<>=*| -]{1,100}$/;

/** Runs a command without a shell, bounded in time, and with its output bounded; rejects with the stderr tail. */
function run(label: string, command: string, args: string[], o: { cwd: string; env: Record<string, string>; timeoutMs: number; signal?: AbortSignal }): Promise<string> {
  return new Promise((ok, fail) => {
    execFile(
      command,
      args,
      { cwd: o.cwd, env: o.env, timeout: o.timeoutMs, killSignal: "SIGKILL", maxBuffer: 4 * 1024 * 1024, ...(o.signal ? { signal: o.signal } : {}) },
      (err, stdout, stderr) => {
        if (!err) return ok(String(stdout));
        const timedOut = (err as { killed?: boolean }).killed && !o.signal?.aborted;
        const tail = String(stderr).trim().split("\n").slice(-6).join(" | ").slice(-800);
        fail(
          new EnumerateError(
            timedOut ? `${label} timed out after ${o.timeoutMs} ms` : `${label} failed: ${tail || err.message}`,
            timedOut ? "timeout" : "install",
            [command, ...args].join(" "),
            { cause: err },
          ),
        );
      },
    );
  });
}

export function installerEnv(dir: string): Record<string, string> {
  // The installer gets no secrets either: no npm tokens from ~/.npmrc (HOME is the temp dir). A CA
  // bundle path is no secret, and without it npm cannot reach a registry behind a TLS-inspecting proxy.
  const ca = process.env.NODE_EXTRA_CA_CERTS;
  return { PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin", HOME: dir, npm_config_update_notifier: "false", PIP_DISABLE_PIP_VERSION_CHECK: "1", ...(ca ? { NODE_EXTRA_CA_CERTS: ca } : {}) };
}

async function installNpm(pkg: { identifier: string; version?: string }, dir: string, opts: InstallOptions) {
  const local = isLocalPath(pkg.identifier);
  let target: string;
  if (local) {
    target = resolve(pkg.identifier.replace(/^file:/, ""));
  } else {
    if (!NPM_NAME.test(pkg.identifier)) throw new EnumerateError(`not an npm package name: ${JSON.stringify(pkg.identifier)}`, "install", `npm:${pkg.identifier}`);
    if (pkg.version !== undefined && !VERSION.test(pkg.version)) throw new EnumerateError(`not an npm version: ${JSON.stringify(pkg.version)}`, "install", `npm:${pkg.identifier}`);
    target = pkg.version ? `${pkg.identifier}@${pkg.version}` : pkg.identifier;
  }
  const args = ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--omit=dev", "--no-package-lock", "--install-links", "--loglevel=error",
    // One quick retry, not npm's default of two with up to a minute's backoff: a dead registry should fail this item, not stall the stage.
    "--fetch-retries=1", "--fetch-retry-mintimeout=1000", "--fetch-retry-maxtimeout=5000", "--prefix", dir];
  if (opts.npmRegistryUrl) args.push("--registry", opts.npmRegistryUrl);
  if (opts.npmCacheDir) args.push("--cache", opts.npmCacheDir, "--prefer-offline");
  args.push(target);
  await run("npm install", "npm", args, { cwd: dir, env: installerEnv(dir), timeoutMs: opts.timeoutMs, ...(opts.signal ? { signal: opts.signal } : {}) });

  // Which package landed: for a name it is that name; for a local tarball/dir, the one dependency npm added.
  const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  const name = local ? Object.keys(manifest.dependencies ?? {})[0] : pkg.identifier;
  if (!name) throw new EnumerateError(`npm installed nothing from ${pkg.identifier}`, "install", `npm:${pkg.identifier}`);
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

async function installPypi(pkg: { identifier: string; version?: string }, dir: string, opts: InstallOptions) {
  // PEP 508 names only; no URLs, paths or options.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(pkg.identifier)) throw new EnumerateError(`not a PyPI package name: ${JSON.stringify(pkg.identifier)}`, "install", `pypi:${pkg.identifier}`);
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
