// listStdioTools: real stdio servers (server-everything, tiny scripts the tests write) inside the sandbox.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnumerateError } from "../../crawler/mcp/errors.js";
import { listStdioTools } from "../../crawler/mcp/stdio.js";
import { sandboxCapabilities, type SandboxOptions } from "../../crawler/mcp/sandbox.js";
import { SandboxedStdioTransport } from "../../crawler/mcp/stdio-transport.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";
import { limits, listingFailure } from "./servers.js";
import { scriptServer } from "../helpers/script-server.js";

const caps = await sandboxCapabilities();
const sandbox: SandboxOptions = { memoryMb: 256, noNetwork: caps.namespaces };
const everythingBin = join(dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/server-everything/package.json")), "dist", "index.js");

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "enumerate-stdio-"));
  await chmod(dir, 0o777); // the sandboxed child may run as nobody and must read the scripts and write its marker
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * A minimal stdio MCP server (no SDK, so it runs from any dir): `before` runs first (top-level
 * await allowed), `describe()` returns the one tool's description; `mode` picks a misbehaviour.
 */
async function script(name: string, body: { before?: string; describe?: string; onInitialize?: string; onToolsList?: string }): Promise<string> {
  const file = join(dir, `${name}.mjs`);
  await writeFile(
    file,
    scriptServer({
      before: `import * as net from "node:net";\nimport * as fs from "node:fs";\nimport * as cp from "node:child_process";\n${body.before ?? ""}`,
      name: "script",
      tools: [{ name: "probe", description: "ok", inputSchema: { type: "object" } }],
      onInitialize: body.onInitialize,
      onToolsList: body.onToolsList ?? (body.describe ? `send({ jsonrpc: "2.0", id: msg.id, result: { tools: [{ name: "probe", description: ${body.describe}, inputSchema: { type: "object" } }] } });` : undefined),
    }),
  );
  await chmod(file, 0o644);
  return file;
}

describe("server-everything over stdio", () => {
  it("lists its tools through the sandbox", async () => {
    const r = await listStdioTools({ command: process.execPath, args: [everythingBin, "stdio"] }, { limits, sandbox });
    expect(r.transport).toBe("stdio");
    expect(r.protocolVersion).toBe("2025-11-25");
    expect(r.serverInfo?.name).toMatch(/everything/);
    const names = r.tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["echo", "get-sum", "get-env"]));
    expect(r.tools.length).toBeGreaterThanOrEqual(10);
    expect(r.tools.find((t) => t.name === "echo")!.inputSchema).toMatchObject({ type: "object" });
    expect(r.skipped).toBe(0);
  });
});

describe("isolation", () => {
  let host: LocalServer;
  beforeAll(async () => {
    host = await startLocalServer((_req, res) => void res.end("reachable"));
  });
  afterAll(async () => {
    await host.close();
  });

  it("clean environment, HOME in a temp dir, heap cap; noisy stdout lines are skipped", async () => {
    process.env.MCP_CATALOG_TEST_SECRET = "hunter2";
    try {
      const file = await script("env", {
        before: `console.log("starting up (a log line on stdout)");`,
        describe: `JSON.stringify({ env: process.env, uid: process.getuid(), home: fs.existsSync(process.env.HOME) && fs.readdirSync(process.env.HOME) })`,
      });
      const r = await listStdioTools({ command: process.execPath, args: [file], env: { EXTRA: "given" } }, { limits, sandbox });
      const seen = JSON.parse(r.tools[0]!.description!) as { env: Record<string, string>; uid: number; home: string[] | false };
      expect(Object.keys(seen.env).sort()).toEqual(["EXTRA", "HOME", "NODE_OPTIONS", "PATH"]);
      expect(seen.env.NODE_OPTIONS).toBe("--max-old-space-size=256");
      expect(seen.env.HOME).not.toBe(process.env.HOME);
      expect(seen.home).toEqual([]);
      if (caps.dropPrivileges) expect(seen.uid).toBe(65534);
      // The temp HOME is gone afterwards.
      await expect(stat(seen.env.HOME!)).rejects.toThrow();
    } finally {
      delete process.env.MCP_CATALOG_TEST_SECRET;
    }
  });

  it.skipIf(!caps.namespaces)("no network: a server listening on the host's loopback is unreachable; the server runs in a PID namespace of its own, a child of its PID 1", async () => {
    const port = new URL(host.url).port;
    const file = await script("net", {
      before: `const net_ = await new Promise((ok) => { const s = net.connect(${port}, "127.0.0.1"); s.on("connect", () => { s.destroy(); ok("connected"); }); s.on("error", (e) => ok(e.code)); setTimeout(() => ok("timeout"), 2000); });`,
      describe: `JSON.stringify({ net: net_, pid: process.pid, ppid: process.ppid })`,
    });
    const r = await listStdioTools({ command: process.execPath, args: [file] }, { limits, sandbox: { memoryMb: 256, noNetwork: true } });
    const seen = JSON.parse(r.tools[0]!.description!) as { net: string; pid: number; ppid: number };
    expect(seen.net).not.toBe("connected");
    expect(["ENETUNREACH", "ECONNREFUSED", "EADDRNOTAVAIL"]).toContain(seen.net);
    // Not PID 1 itself: PID 1 (sh) keeps the parent-death signal that a server changing user would lose (sandbox.ts).
    expect(seen).toMatchObject({ pid: 2, ppid: 1 });
    // Control: the same script with network reaches the host server.
    const open = await listStdioTools({ command: process.execPath, args: [file] }, { limits, sandbox: { memoryMb: 256, noNetwork: false } });
    expect((JSON.parse(open.tools[0]!.description!) as { net: string }).net).toBe("connected");
  });

  it("kills everything the server started once the list is done", async () => {
    const marker = join(dir, "grandchild.log");
    const file = await script("spawner", {
      before: `const g = cp.spawn(process.execPath, ["-e", ${JSON.stringify(`setInterval(() => require("fs").appendFileSync(${JSON.stringify(marker)}, "x"), 20)`)}], { detached: true, stdio: "ignore" }); g.unref();
// Answer only once the grandchild has written: under load its start-up can outlast any fixed wait.
while (!fs.existsSync(${JSON.stringify(marker)})) await new Promise((r) => setTimeout(r, 10));`,
    });
    const r = await listStdioTools({ command: process.execPath, args: [file] }, { limits, sandbox });
    expect(r.tools).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    const size = (await stat(marker)).size;
    expect(size).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    // setsid() lets the grandchild leave our process group; without a PID namespace it can outlive us.
    if (caps.namespaces) expect((await stat(marker)).size).toBe(size);
  });
});

describe("memory caps", () => {
  it.skipIf(!caps.prlimit)("a non-node server gets an address-space limit (prlimit --as) of memoryMb", async () => {
    // A shell "server" that answers initialize (id 0) with its own `ulimit -v` as the version, then tools/list (id 1).
    const sh = [
      "read init",
      `printf '%s\\n' "{\\"jsonrpc\\":\\"2.0\\",\\"id\\":0,\\"result\\":{\\"protocolVersion\\":\\"2025-06-18\\",\\"capabilities\\":{\\"tools\\":{}},\\"serverInfo\\":{\\"name\\":\\"sh\\",\\"version\\":\\"$(ulimit -v)\\"}}}"`,
      "read initialized",
      "read list",
      `printf '%s\\n' '{"jsonrpc":"2.0","id":1,"result":{"tools":[]}}'`,
      "read never",
    ].join("\n");
    const r = await listStdioTools({ command: "sh", args: ["-c", sh] }, { limits, sandbox: { memoryMb: 300, noNetwork: caps.namespaces } });
    expect(r.serverInfo).toEqual({ name: "sh", version: String(300 * 1024) });
  });
});

describe("limits and failures", () => {
  it("a server that never answers initialize is killed at the total timeout", async () => {
    const file = await script("mute", { onInitialize: "/* silence */" });
    const t0 = Date.now();
    const e = await listingFailure(listStdioTools({ command: process.execPath, args: [file] }, { limits: { ...limits, totalTimeoutMs: 800, connectTimeoutMs: 30_000 }, sandbox }));
    expect(e.reason).toBe("timeout");
    expect(Date.now() - t0).toBeLessThan(3_000);
  });

  it("stdout over the byte budget kills the server with a limit error", async () => {
    const file = await script("flood", { onToolsList: `const line = "x".repeat(64 * 1024) + "\\n"; for (let i = 0; i < 100; i++) process.stdout.write(line);` });
    const e = await listingFailure(listStdioTools({ command: process.execPath, args: [file] }, { limits: { ...limits, maxBytes: 100_000 }, sandbox }));
    expect(e.reason).toBe("limit");
    expect(e.message).toMatch(/stdout/);
  });

  it("a server that exits at once reports its stderr", async () => {
    const e = await listingFailure(listStdioTools({ command: process.execPath, args: ["-e", "console.error('missing API_KEY'); process.exit(3)"] }, { limits, sandbox }));
    expect(e.reason).toBe("connect");
    expect(e.message).toMatch(/missing API_KEY/);
  });

  it("a server killed by a signal is said to be, through the sandbox's shell too", async () => {
    const e = await listingFailure(listStdioTools({ command: process.execPath, args: ["-e", "process.kill(process.pid, 'SIGKILL')"] }, { limits, sandbox }));
    expect(e.reason).toBe("connect");
    expect(e.message).toMatch(/killed by SIGKILL|\(SIGKILL\)/);
  });

  it("a server gone before the first write still reports its stderr, not the write's EPIPE", async () => {
    // The server closes its stdin, complains, says so on `ready`, and exits once `go` is written: the write below
    // fails with EPIPE while its exit has not been seen yet (a server exiting at once on a missing variable, raced).
    const ready = join(dir, "gone-ready");
    const go = join(dir, "gone-go");
    for (const fifo of [ready, go]) expect(spawnSync("mkfifo", ["-m", "666", fifo]).status).toBe(0);
    const t = new SandboxedStdioTransport(
      { command: "/bin/sh", args: ["-c", `exec 0<&-; echo 'Error: TINY_TOKEN environment variable is required' >&2; echo > ${ready}; read x < ${go}; exit 3`] },
      // Without unshare, whose own process holds the server's stdin open until the server exits.
      { sandbox: { ...sandbox, noNetwork: false }, maxStdoutBytes: 1 << 20 },
    );
    try {
      await t.start();
      await readFile(ready);
      const sent = t.send({ jsonrpc: "2.0", id: 1, method: "initialize", params: {} }).then(() => undefined, (err: unknown) => err);
      await writeFile(go, "\n");
      const e = await sent;
      expect(e).toBeInstanceOf(EnumerateError);
      if (!(e instanceof EnumerateError)) return;
      expect(e.reason).toBe("connect");
      expect(e.message).toMatch(/exited \(code 3\).*TINY_TOKEN environment variable is required/);
    } finally {
      await t.close();
    }
  });

  it("a character split across two writes, on stdout and on stderr, arrives whole", async () => {
    // The server writes stderr's first half, then a whole message and stdout's first half in one write (one pipe
    // read: under PIPE_BUF), and writes the second halves only once `go` is written, after that message arrived:
    // each half is read on its own, cut inside a character (CJK is 3 bytes in UTF-8, the emoji 4).
    const text = "读取文件并返回其内容🙂";
    const go = join(dir, "split-go");
    expect(spawnSync("mkfifo", ["-m", "666", go]).status).toBe(0);
    const file = join(dir, "split.mjs");
    await writeFile(
      file,
      `import { readFileSync } from "node:fs";
const note = (data) => Buffer.from(JSON.stringify({ jsonrpc: "2.0", method: "notifications/message", params: { level: "info", data } }) + "\\n");
const text = ${JSON.stringify(text)};
const line = note(text), err = Buffer.from(text);
const cut = (b) => b.indexOf(Buffer.from(text)) + 1; // one byte into the first character
process.stderr.write(err.subarray(0, cut(err)));
process.stdout.write(Buffer.concat([note("first"), line.subarray(0, cut(line))]));
readFileSync(${JSON.stringify(go)});
process.stdout.write(line.subarray(cut(line)));
process.stderr.write(err.subarray(cut(err)), () => process.exit(3));
`,
      { mode: 0o644 },
    );
    const t = new SandboxedStdioTransport({ command: process.execPath, args: [file] }, { sandbox, maxStdoutBytes: 1 << 20 });
    const messages: unknown[] = [];
    let arrived: () => void = () => undefined;
    t.onmessage = (m) => {
      messages.push((m as { params?: { data?: unknown } }).params?.data);
      arrived();
    };
    const closed = new Promise<void>((done) => (t.onclose = done));
    try {
      // A server that dies early closes the transport: the expectations below then fail instead of waiting.
      await Promise.race([new Promise<void>((ok) => ((arrived = ok), void t.start())), closed]);
      expect(messages).toEqual(["first"]);
      const second = new Promise<void>((ok) => (arrived = ok));
      await writeFile(go, "\n");
      await Promise.race([second, closed]);
      await closed;
      expect(messages).toEqual(["first", text]);
      expect(t.stderr).toBe(text);
    } finally {
      await t.close();
    }
  });

  it("a reply in a JSON-RPC 1.0 envelope is no log line: the listing fails as a protocol error said in one line", async () => {
    const file = await script("jsonrpc-1", {
      before: `console.log(JSON.stringify({ level: 30, msg: "a JSON log line on stdout" }));`,
      onToolsList: `send({ jsonrpc: "1.0", id: msg.id, result: { tools: [{ name: "probe" }] } });`,
    });
    const e = await listingFailure(listStdioTools({ command: process.execPath, args: [file] }, { limits: { ...limits, requestTimeoutMs: 500 }, sandbox }));
    expect(e.reason).toBe("protocol");
    expect(e.message).toBe(`Request timed out (transport reported: the server's reply is not JSON-RPC 2.0: jsonrpc: expected "2.0")`);
  });

  it("bare JSON on stdout (a string, an array that is no batch) is a log line: skipped before a reply, quoted when none comes", async () => {
    const healthy = await script("json-logs", { before: `console.log(JSON.stringify("Server started")); console.log("[1, 2]"); console.log("42");` });
    const r = await listStdioTools({ command: process.execPath, args: [healthy] }, { limits, sandbox });
    expect(r.tools.map((t) => t.name)).toEqual(["probe"]);
    const mute = await script("json-only", { onInitialize: `console.log(JSON.stringify("hello")); console.log("[1,2]");` });
    const e = await listingFailure(listStdioTools({ command: process.execPath, args: [mute] }, { limits: { ...limits, connectTimeoutMs: 500 }, sandbox }));
    expect(e.reason).toBe("timeout");
    expect(e.message).toBe(`no answer to initialize within 500 ms (stdout had 2 lines that are not JSON-RPC, the first: ${JSON.stringify(JSON.stringify("hello"))})`);
  });

  it("a JSON-RPC batch (2025-03-26) is read item by item", async () => {
    const file = await script("batch", {
      onInitialize: `send([{ jsonrpc: "2.0", method: "notifications/message", params: { level: "info", data: "hi" } }, { jsonrpc: "2.0", id: msg.id, result: { protocolVersion: "2025-03-26", capabilities: { tools: {} }, serverInfo: { name: "batcher", version: "1" } } }]);`,
      onToolsList: `send([{ jsonrpc: "2.0", id: msg.id, result: { tools: [{ name: "batched", inputSchema: { type: "object" } }] } }]);`,
    });
    const r = await listStdioTools({ command: process.execPath, args: [file] }, { limits, sandbox });
    expect(r.serverInfo?.name).toBe("batcher");
    expect(r.tools.map((t) => t.name)).toEqual(["batched"]);
  });

  it("a batch whose reply to initialize is not JSON-RPC 2.0 fails as protocol, not as a bare timeout", async () => {
    const file = await script("batch-1.0", {
      onInitialize: `send([{ jsonrpc: "2.0", method: "notifications/message", params: { level: "info", data: "hi" } }, { jsonrpc: "1.0", id: msg.id, result: {} }]);`,
    });
    const e = await listingFailure(listStdioTools({ command: process.execPath, args: [file] }, { limits: { ...limits, connectTimeoutMs: 500 }, sandbox }));
    expect(e.reason).toBe("protocol");
    expect(e.message).toBe(`no answer to initialize within 500 ms (transport reported: the server's reply is not JSON-RPC 2.0: jsonrpc: expected "2.0")`);
  });

  it("a command that does not exist fails as connect", async () => {
    const e = await listingFailure(listStdioTools({ command: "/nonexistent/mcp-server", args: [] }, { limits, sandbox }));
    expect(["connect"]).toContain(e.reason);
  });

  it("pages, skips invalid tools and truncates descriptions over stdio too", async () => {
    const file = await script("paged", {
      onToolsList: `const page = Number(msg.params?.cursor ?? 0);
      const tools = [{ name: "t" + page, description: "d".repeat(50), inputSchema: { type: "object" } }, { name: "" }];
      send({ jsonrpc: "2.0", id: msg.id, result: { tools, ...(page < 4 ? { nextCursor: String(page + 1) } : {}) } });`,
    });
    const r = await listStdioTools({ command: process.execPath, args: [file] }, { limits: { ...limits, maxDescriptionChars: 20 }, sandbox });
    expect(r.tools.map((t) => t.name)).toEqual(["t0", "t1", "t2", "t3", "t4"]);
    expect(r.pages).toBe(5);
    expect(r.skipped).toBe(5);
    expect(r.descriptionsTruncated).toBe(5);
    expect(r.tools[0]!.description).toHaveLength(20);
  });

  it("a modern (2026-07-28) stdio server: initialize refused with -32022, then tools/list with _meta", async () => {
    const file = await script("modern", {
      onInitialize: `send({ jsonrpc: "2.0", id: msg.id, error: { code: -32022, message: "Unsupported protocol version", data: { supported: ["2026-07-28"], requested: msg.params.protocolVersion } } });`,
      onToolsList: `const v = msg.params?._meta?.["io.modelcontextprotocol/protocolVersion"];
      if (v !== "2026-07-28") { send({ jsonrpc: "2.0", id: msg.id, error: { code: -32022, message: "Unsupported protocol version", data: { supported: ["2026-07-28"] } } }); continue; }
      send({ jsonrpc: "2.0", id: msg.id, result: { resultType: "complete", tools: [{ name: "modern_tool", inputSchema: { type: "object" } }], ttlMs: 1000, cacheScope: "public", _meta: { "io.modelcontextprotocol/serverInfo": { name: "modern-stdio", version: "2" } } } });`,
    });
    const r = await listStdioTools({ command: process.execPath, args: [file] }, { limits, sandbox });
    expect(r.protocolVersion).toBe("2026-07-28");
    expect(r.serverInfo).toEqual({ name: "modern-stdio", version: "2" });
    expect(r.tools.map((t) => t.name)).toEqual(["modern_tool"]);
  });
});

