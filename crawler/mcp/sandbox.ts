// Running an untrusted stdio MCP server: a package installed without its scripts, spawned as a locked-down child.
//
// What isolation a stdio server gets (Linux, as this crawler runs it):
//  GIVEN
//  - Environment: nothing inherited but PATH. HOME is a fresh empty temp dir (removed afterwards,
//    see scratch-dirs.ts), NODE_OPTIONS=--max-old-space-size=<memoryMb>, plus only what the spec's `env` names
//    (installPackage adds PYTHONPATH for pip installs). No tokens, no proxy settings, no npm config.
//  - Network (noNetwork: true): the child runs under `unshare --net`, a new network namespace whose
//    only interface is a loopback that is down: no DNS, no internet, no host loopback services.
//    When namespaces are not permitted (not root, seccomp, a container without CAP_SYS_ADMIN), or
//    util-linux has no `setpriv --pdeathsig` (before 2.33; see Processes), the server is NOT run and
//    listStdioTools fails with reason "blocked"; with noNetwork: false it runs with the host's network.
//  - Processes: with namespaces the server runs under
//      setpriv --pdeathsig KILL -- unshare --net --pid --fork --kill-child -- sh -c '"$@"; exit $?' sh
//        env -u PWD -u SHLVL -u _ setpriv [--reuid 65534 --regid 65534 --clear-groups] -- <server>
//    so nothing of it outlives us, however we die (kill -9, an OOM kill):
//    . setpriv gives unshare a parent-death signal (it survives the exec): when we die, the kernel kills
//      unshare. The signal follows the thread that spawned the child; only the main thread spawns servers.
//    . PID 1 of the new PID namespace is that `sh`, running as us. It keeps --kill-child's parent-death
//      signal, which the kernel clears in a process that changes its credentials afterwards (unshare's
//      own --setuid did, so a server that was PID 1 kept running after unshare died), and which a
//      server running as another user can neither clear nor signal (not root, with CAP_SYS_ADMIN, the
//      server is PID 1's user and has that user's rights over it); and it stays in our process group,
//      which a server can leave with setsid(). When unshare dies PID 1 dies, and the kernel kills
//      every process of the namespace. `exit $?` keeps sh from exec'ing the server in its place: the
//      server is PID 2, with sh's stdin, stdout and stderr. A server killed by a signal is seen as
//      sh's exit code, 128 + the signal's number.
//    . env takes out what the shell adds to its commands' environment (dash PWD; bash SHLVL and _ too).
//      setpriv follows it even when it drops nothing: env would read a command with `=` in its path
//      as a variable.
//    . A finished or timed-out listing SIGKILLs the process group, unshare and PID 1 with it: the same.
//    One instant is not covered: a worker killed between spawning setpriv and setpriv's prctl.
//    Without namespaces (noNetwork: false) the child leads its own process group, SIGKILLed on
//    finish/timeout, and runs under `setpriv --pdeathsig KILL` where that works (set after the drop to
//    nobody, so it holds): the server dies with us, but a grandchild that called setsid() can outlive
//    us and it, and a server can clear its own parent-death signal.
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
//    fresh temp prefix; pip/uv only wheels (--only-binary=:all:), so no setup.py runs at install. The
//    installer runs under `setpriv --pdeathsig KILL` where that works: it dies with us (install.ts), in
//    a process group of its own killed whole when its run ends or we exit (process-group.ts).
//  NOT GIVEN
//  - No filesystem isolation: no mount namespace, chroot or seccomp. As nobody the server can still
//    read every world-readable file (system config, other users' 0644 files, /proc) and write to
//    world-writable dirs (/tmp, /dev/shm).
//  - No CPU cap (only the caller's wall-clock timeouts) and no cgroup memory cap for node's native memory.
//  - Not root-free when not root: run as a normal user, the server keeps that user's rights.
//  - The install step itself reaches the npm registry (or the configured one) with the host's network.
//  - No protection against kernel exploits; this is hygiene for a crawler, not a container.
import { execFile } from "node:child_process";
import { chmod } from "node:fs/promises";
import { basename } from "node:path";
import { EnumerateError } from "./errors.js";

export interface SandboxOptions {
  /** Heap cap for node servers (NODE_OPTIONS), address-space cap for others (prlimit --as). */
  memoryMb: number;
  /** Run in an empty network namespace; refuse to run ("blocked") when that is not possible. */
  noNetwork: boolean;
}

export const DEFAULT_SANDBOX_OPTIONS: SandboxOptions = { memoryMb: 512, noNetwork: true };

export const NOBODY = 65534;
const MAX_FILE_BYTES = 64 * 1024 * 1024;
export const STDERR_TAIL = 4096;

/** setpriv's options that kill the command when the process that spawned it dies (kept across exec; set after any change of user). */
export const PARENT_DEATH = ["--pdeathsig", "KILL", "--"];

/**
 * The argv that runs `inner` in an empty network namespace and a PID namespace of its own, as nobody when
 * `asNobody`, all of it killed when we die or when unshare does (why each piece is there: Processes, above).
 */
export function namespacedArgv(inner: string[], asNobody: boolean): [string, ...string[]] {
  const nobody = String(NOBODY);
  const drop = asNobody ? ["--reuid", nobody, "--regid", nobody, "--clear-groups"] : [];
  const init = ["sh", "-c", '"$@"; exit $?', "sh", "env", "-u", "PWD", "-u", "SHLVL", "-u", "_"];
  return ["setpriv", ...PARENT_DEATH, "unshare", "--net", "--pid", "--fork", "--kill-child", "--", ...init, "setpriv", ...drop, "--", ...inner];
}

export interface SandboxCapabilities {
  /** The namespace sandbox (namespacedArgv: setpriv, unshare --net --pid --fork --kill-child, sh) runs here. */
  namespaces: boolean;
  /** `setpriv --pdeathsig` works: a child can be tied to our life (util-linux 2.33 or later). */
  parentDeathSignal: boolean;
  prlimit: boolean;
  /** We are root, so the child can be run as nobody. */
  dropPrivileges: boolean;
}

export let capabilities: Promise<SandboxCapabilities> | undefined;

export function runs(cmd: string, args: string[]): Promise<boolean> {
  return new Promise((ok) => {
    execFile(cmd, args, { timeout: 5000, env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } }, (err) => ok(!err));
  });
}

/** What this host lets us do, probed once per process. */
export function sandboxCapabilities(): Promise<SandboxCapabilities> {
  capabilities ??= (async () => {
    const dropPrivileges = process.getuid?.() === 0;
    // The probe runs the very wrapping a server gets, around `true`.
    const [cmd, ...args] = namespacedArgv(["true"], dropPrivileges);
    const [namespaces, parentDeathSignal, prlimit] = await Promise.all([runs(cmd, args), runs("setpriv", [...PARENT_DEATH, "true"]), runs("prlimit", ["--core=0", "true"])]);
    return { namespaces, parentDeathSignal, prlimit, dropPrivileges };
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
): Promise<{ argv: [string, ...string[]]; env: Record<string, string>; uid?: number; gid?: number }> {
  const caps = await sandboxCapabilities();
  if (sandbox.noNetwork && !caps.namespaces) {
    throw new EnumerateError(
      "network isolation requested but `unshare --net --pid` under `setpriv --pdeathsig` is not available or not permitted here (needs root or CAP_SYS_ADMIN, util-linux 2.33 or later); refusing to run the server with network",
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
  if (sandbox.noNetwork) return { argv: namespacedArgv(inner, caps.dropPrivileges), env };
  // spawn() drops to nobody before exec, so setpriv's parent-death signal is set after the change and holds.
  const [command, ...rest] = (caps.parentDeathSignal ? ["setpriv", ...PARENT_DEATH, ...inner] : inner) as [string, ...string[]];
  return { argv: [command, ...rest], env, ...(caps.dropPrivileges ? { uid: NOBODY, gid: NOBODY } : {}) };
}

/** Lets nobody read a tree we created as root (dirs 0755). Files written by npm are already 0644. */
export async function openUp(dir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  await chmod(dir, 0o755);
}
