// The stdio sandbox dies with the process that started it, however that process dies: a worker killed with kill -9
// (or an OOM kill) leaves no server running, nor the npm install before it, and the next worker or refresh removes
// the directories it left.
import { type ChildProcess, spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { sandboxCapabilities } from "../../crawler/mcp/sandbox.js";
import { sweepScratch } from "../../crawler/mcp/scratch-dirs.js";
import { SandboxedStdioTransport } from "../../crawler/mcp/stdio-transport.js";

const caps = await sandboxCapabilities();

let dir: string;
let scratchRoot: string;
let transportUrl: string;
let installUrl: string;
beforeAll(async () => {
  // The built modules, as the installed CLI runs them (npm test builds first).
  const built = join(process.cwd(), "dist/crawler/mcp/stdio-transport.js");
  expect(existsSync(built), "run npm run build first").toBe(true);
  transportUrl = pathToFileURL(built).href;
  installUrl = pathToFileURL(join(process.cwd(), "dist/crawler/mcp/install.js")).href;
  dir = await mkdtemp(join(tmpdir(), "sandbox-kill-"));
  await chmod(dir, 0o777); // the sandboxed server may run as nobody: it reads its script, its grandchild writes a marker
  scratchRoot = join(dir, "tmp");
  await mkdir(scratchRoot);
  await chmod(scratchRoot, 0o1777); // as /tmp is
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Proc {
  pid: number;
  cmd: string;
}

/** Live processes whose command line names `tag` (a path only the sandbox's processes are given), read from /proc. */
function processesNaming(tag: string): Proc[] {
  const found: Proc[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let cmdline: string, stat: string;
    try {
      cmdline = readFileSync(`/proc/${name}/cmdline`, "utf8");
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // exited while we looked
    }
    if (!cmdline.includes(tag)) continue;
    // A zombie has died and only waits to be reaped (on some machines PID 1 never reaps).
    if (/^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2))) continue;
    found.push({ pid: Number(name), cmd: cmdline.split("\0").join(" ").trim() });
  }
  return found;
}

/** Resolves once `file` exists; fails after `ms` (a step that never came). */
async function appeared(file: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} did not appear within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The processes naming `tag` that are left once they are all gone or `ms` have passed. */
async function survivorsAfter(tag: string, ms = 10_000): Promise<Proc[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const left = processesNaming(tag);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Processes a failed test left running: killed by PID, so that no later test or run inherits them. */
const tags: string[] = [];
afterEach(() => {
  for (const p of tags.splice(0).flatMap(processesNaming)) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // gone already
    }
  }
});

/**
 * A server that ignores stdin and never answers: it says `up` (a notification) once running, and first, with
 * `grandchild`, starts a process that calls setsid() and waits for it. Its path names every process of the sandbox.
 */
async function stubbornServer(name: string, o: { grandchild: boolean }): Promise<string> {
  const file = join(dir, `${name}.mjs`);
  const marker = join(dir, `${name}.grandchild`);
  tags.push(file);
  await writeFile(
    file,
    `import * as cp from "node:child_process";
import * as fs from "node:fs";
${
  o.grandchild
    ? `cp.spawn(process.execPath, ["-e", "require('fs').writeFileSync(process.argv[1], ''); setInterval(() => {}, 1 << 30)", ${JSON.stringify(marker)}, ${JSON.stringify(file)}], { detached: true, stdio: "ignore" }).unref();
while (!fs.existsSync(${JSON.stringify(marker)})) await new Promise((r) => setTimeout(r, 10));`
    : ""
}
process.stdout.write(JSON.stringify({ jsonrpc: "2.0", method: "notifications/message", params: { level: "info", data: "up" } }) + "\\n");
setInterval(() => {}, 1 << 30);
`,
    { mode: 0o644 },
  );
  await chmod(file, 0o644);
  return file;
}

/** A process that starts the server in the sandbox through the product's transport, says `up` when it runs, and holds it until killed. */
function holder(file: string, noNetwork: boolean): { child: ChildProcess; up: Promise<void>; exited: Promise<NodeJS.Signals | null> } {
  const script = `
    const { SandboxedStdioTransport } = await import(${JSON.stringify(transportUrl)});
    const t = new SandboxedStdioTransport({ command: process.execPath, args: [process.argv[1]] }, { sandbox: { memoryMb: 256, noNetwork: ${noNetwork} }, maxStdoutBytes: 1 << 20 });
    t.onmessage = () => process.stdout.write("up\\n");
    t.onclose = () => process.stdout.write("closed\\n");
    await t.start();
    setInterval(() => {}, 1 << 30);`;
  // TMPDIR: the server's HOME is made where this test can sweep it, not in the machine's temp dir.
  const child = spawn(process.execPath, ["--input-type=module", "-e", script, file], { stdio: ["ignore", "pipe", "inherit"], env: { PATH: process.env.PATH, TMPDIR: scratchRoot } });
  let out = "";
  const up = new Promise<void>((ok, fail) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("up\n")) ok();
      if (out.includes("closed\n")) fail(new Error("the sandbox closed before the server said it was up"));
    });
    child.once("exit", (code, signal) => fail(new Error(`the holder exited (${signal ?? code}) before the server said it was up`)));
  });
  const exited = new Promise<NodeJS.Signals | null>((done) => child.once("exit", (_code, signal) => done(signal)));
  return { child, up, exited };
}

/** Resolves when the server in `t` says it is up; fails when the transport closes first. */
function upOrClosed(t: SandboxedStdioTransport): Promise<void> {
  return new Promise<void>((ok, fail) => {
    t.onmessage = () => ok();
    t.onclose = () => fail(new Error(`the sandbox closed before the server said it was up: ${t.error?.message ?? ""}`));
  });
}

describe("the stdio sandbox outlives nothing", () => {
  test.skipIf(!caps.namespaces)("a worker killed with kill -9: no process of its sandbox survives, a setsid() grandchild neither, and its HOME is swept by the next", async () => {
    const file = await stubbornServer("killed-holder", { grandchild: true });
    const h = holder(file, true);
    await h.up;
    const running = processesNaming(file);
    // Seen before the kill: the wrapping (unshare), the server and the grandchild that left its process group.
    expect(running.map((p) => p.cmd)).toEqual(expect.arrayContaining([expect.stringMatching(/^unshare /), `${process.execPath} ${file}`, expect.stringContaining(".grandchild")]));
    const homes = (await readdir(scratchRoot)).filter((n) => n.startsWith("mcp-catalog-home-"));
    expect(homes).toHaveLength(1);

    h.child.kill("SIGKILL");
    expect(await h.exited).toBe("SIGKILL");
    expect(await survivorsAfter(file)).toEqual([]);

    // The HOME it could not remove is still there; the next worker's sweep removes it, its maker being gone.
    expect(await readdir(scratchRoot)).toEqual(homes);
    expect(await sweepScratch(scratchRoot)).toEqual({ removed: [join(scratchRoot, homes[0]!)], failed: [] });
    expect(await readdir(scratchRoot)).toEqual([]);
  });

  test.skipIf(!caps.namespaces)("unshare killed alone: the server and everything in its namespace die with it", async () => {
    const file = await stubbornServer("killed-unshare", { grandchild: true });
    const t = new SandboxedStdioTransport({ command: process.execPath, args: [file] }, { sandbox: { memoryMb: 256, noNetwork: true }, maxStdoutBytes: 1 << 20 });
    const up = upOrClosed(t);
    try {
      await t.start();
      await up;
      const unshare = processesNaming(file).filter((p) => p.cmd.startsWith("unshare "));
      expect(unshare).toHaveLength(1);
      process.kill(unshare[0]!.pid, "SIGKILL");
      expect(await survivorsAfter(file)).toEqual([]);
    } finally {
      await t.close();
    }
  });

  test.skipIf(!caps.namespaces)("a server that left our process group (setsid) is killed when its listing is closed", async () => {
    // Were the server PID 1 of its namespace, the process group SIGKILLed at close would no longer hold it.
    const file = await stubbornServer("own-session", { grandchild: false });
    // setsid is no node command, so it gets prlimit --as=memoryMb, which node needs a GiB of to start.
    const t = new SandboxedStdioTransport({ command: "setsid", args: [process.execPath, file] }, { sandbox: { memoryMb: 1024, noNetwork: true }, maxStdoutBytes: 1 << 20 });
    const up = upOrClosed(t);
    try {
      await t.start();
      await up;
      expect(processesNaming(file).map((p) => p.cmd)).toContain(`${process.execPath} ${file}`);
    } finally {
      await t.close();
    }
    expect(await survivorsAfter(file)).toEqual([]);
  });

  test.skipIf(!caps.parentDeathSignal)("a worker killed with kill -9 while npm installs its server: the npm install dies with it", async () => {
    // npm, as the listing finds it on PATH: says it runs (a marker, once running as itself), then waits to be killed.
    const bin = join(dir, "fake-npm-bin");
    await mkdir(bin);
    const npm = join(bin, "npm");
    const running = join(dir, "fake-npm.running");
    tags.push(npm);
    await writeFile(npm, `#!${process.execPath}\nrequire("fs").writeFileSync(${JSON.stringify(running)}, String(process.pid));\nsetInterval(() => {}, 1 << 30);\n`, { mode: 0o755 });
    const script = `
      const { installPackage } = await import(${JSON.stringify(installUrl)});
      await installPackage({ registryType: "npm", identifier: "some-mcp-server" }, { timeoutMs: 600000 });`;
    const worker = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: "ignore", env: { PATH: `${bin}:${process.env.PATH}`, TMPDIR: scratchRoot } });
    const exited = new Promise<NodeJS.Signals | null>((done) => worker.once("exit", (_code, signal) => done(signal)));
    await appeared(running);
    expect(processesNaming(npm).map((p) => p.pid)).toContain(Number(readFileSync(running, "utf8")));

    worker.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(await survivorsAfter(npm)).toEqual([]);
    await sweepScratch(scratchRoot);
  });

  test.skipIf(!caps.parentDeathSignal)("without namespaces (noNetwork: false), the server still dies with the process that started it", async () => {
    const file = await stubbornServer("killed-holder-no-namespaces", { grandchild: false });
    const h = holder(file, false);
    await h.up;
    expect(processesNaming(file).map((p) => p.cmd)).toContain(`${process.execPath} ${file}`);
    h.child.kill("SIGKILL");
    expect(await h.exited).toBe("SIGKILL");
    expect(await survivorsAfter(file)).toEqual([]);
    await sweepScratch(scratchRoot);
  });
});
