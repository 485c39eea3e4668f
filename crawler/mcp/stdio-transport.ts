// The stdio transport the MCP client speaks over: a sandboxed child whose stdout is capped and whose
// stderr is kept as a short tail for error messages (the SDK's own transport spawns the command itself,
// so it cannot drop privileges, clear the environment or cap output).
import { type ChildProcess, spawn } from "node:child_process";
import { chown } from "node:fs/promises";
import { constants, tmpdir } from "node:os";
import { StringDecoder } from "node:string_decoder";
import { type JSONRPCMessage, parseJSONRPCMessage, type Transport } from "@modelcontextprotocol/client";
import { cut } from "../text-cap.js";
import { EnumerateError } from "./errors.js";
import { killGroup } from "./process-group.js";
import { NOBODY, sandboxCapabilities, sandboxedCommand, type SandboxOptions, type SpawnSpec, STDERR_TAIL } from "./sandbox.js";
import { removeTree, scratchDir } from "./scratch-dirs.js";

/** How long a killed or departing child is given to be reaped. */
const EXIT_WAIT_MS = 2000;

export interface SandboxedStdioOptions {
  sandbox: SandboxOptions;
  /** Over this many bytes on stdout the child is killed and the transport fails with reason "limit". */
  maxStdoutBytes: number;
}

/**
 * An exit code as said in a failure. In the namespaced sandbox the process we wait on is its shell (PID 1), which
 * reports a server killed by signal n as code 128 + n: the signal is named beside it (a crash on the memory cap is
 * SIGABRT or SIGKILL, not "code 134").
 */
function exitCode(code: number | null): string {
  const signal = code !== null && code > 128 ? Object.entries(constants.signals).find(([, n]) => n === code - 128)?.[0] : undefined;
  return signal ? `code ${code}: killed by ${signal}` : `code ${code}`;
}

/** How much of the first line on stdout that was not JSON-RPC a timeout's message quotes. */
const NOISE_QUOTE_CHARS = 100;

/** A JSON object that names `jsonrpc`, or answers a request (an `id` with a `result` or an `error`): written as a JSON-RPC message. */
function meantAsJsonRpc(value: unknown): boolean {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  return "jsonrpc" in value || ("id" in value && ("result" in value || "error" in value));
}

/**
 * The JSON-RPC messages a stdout line holds, or undefined when it is a log line. A batch (an array holding
 * one message or more, which 2025-03-26 allowed and later versions removed) is its items, each read as a
 * line of its own: the client's Streamable HTTP transport reads an array body so, and a server speaking that
 * version has answered; a broken item is reported as a broken line is. Any other JSON (a bare string, number
 * or array, an object without the JSON-RPC shape) is a log line as text is: `"Server started"` before a valid
 * reply must not fail a healthy server, and with no reply at all the timeout's message quotes it (noiseNote).
 */
function messagesOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value.some(meantAsJsonRpc) ? value : undefined;
  return meantAsJsonRpc(value) ? [value] : undefined;
}

/**
 * The client's Transport over a sandboxed child's stdin/stdout (newline-delimited JSON-RPC, each line read
 * with the client's own JSON-RPC schema). The one piece of listing the official client cannot do for
 * us: its StdioClientTransport spawns the command itself, always adds its default environment
 * (HOME, LOGNAME, SHELL, TERM, USER), cannot run the child as another user or in its own process
 * group, and has no cap on the bytes a server writes. This one inherits no environment, kills the
 * whole process group, caps stdout, and skips stdout lines that are not JSON-RPC (servers that log
 * to stdout) instead of failing, counting them for a timeout's message; a line written as JSON-RPC but
 * invalid is reported (onerror).
 */
export class SandboxedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** Called once when the child is killed for writing more than maxStdoutBytes. */
  onLimit?: (error: EnumerateError) => void;
  /** The version the client negotiated (set by the client after initialize). */
  protocolVersion: string | undefined;
  /** Lines on stdout that were not JSON-RPC messages, and the first of them (cut). */
  private noiseLines = 0;
  private firstNoise: string | undefined;
  stdoutBytes = 0;

  private child: ChildProcess | undefined;
  private home: string | undefined;
  private buffer = "";
  // One decoder per stream: a pipe read may end inside a multi-byte character, whose rest comes in the next read.
  private readonly stdoutText = new StringDecoder("utf8");
  private readonly stderrText = new StringDecoder("utf8");
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
    this.home = await scratchDir(tmpdir(), "home");
    const caps = await sandboxCapabilities();
    if (caps.dropPrivileges) await chown(this.home, NOBODY, NOBODY);
    const cmd = await sandboxedCommand(this.spec, this.opts.sandbox, this.home);
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
      this.stderrTail = (this.stderrTail + this.stderrText.write(chunk)).slice(-STDERR_TAIL);
    });
    child.once("close", (code, signal) => {
      if (!this.closed) {
        this.failure ??= new EnumerateError(`server process exited (${signal ?? exitCode(code)}) before we were done${this.stderrSuffix()}`, "connect", this.spec.command);
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
    this.buffer += this.stdoutText.write(chunk);
    for (let nl = this.buffer.indexOf("\n"); nl !== -1; nl = this.buffer.indexOf("\n")) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, "");
      this.buffer = this.buffer.slice(nl + 1);
      if (line.trim()) this.onLine(line);
    }
  }

  private onLine(line: string): void {
    let messages: unknown[] | undefined;
    try {
      messages = messagesOf(JSON.parse(line));
    } catch {
      messages = undefined;
    }
    if (!messages) {
      this.noiseLines += 1;
      this.firstNoise ??= cut(line.trim(), NOISE_QUOTE_CHARS);
      return;
    }
    for (const value of messages) {
      let message: JSONRPCMessage;
      try {
        message = parseJSONRPCMessage(value);
      } catch (e) {
        // One meant as JSON-RPC that is not (`"jsonrpc": "1.0"`) is the server's failure, reported as the SSE
        // transport reports one, so a request it leaves unanswered fails as a protocol error.
        this.onerror?.(e instanceof Error ? e : new Error(String(e)));
        continue;
      }
      this.onmessage?.(message);
    }
  }

  /** For the message of a listing that timed out: what the server wrote on stdout instead of JSON-RPC, or "". */
  noiseNote(): string {
    if (this.firstNoise === undefined) return "";
    const first = JSON.stringify(this.firstNoise);
    return this.noiseLines === 1 ? ` (stdout had 1 line that is not JSON-RPC: ${first})` : ` (stdout had ${this.noiseLines} lines that are not JSON-RPC, the first: ${first})`;
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.closed) throw this.failure ?? new EnumerateError("server process is not running", "connect", this.spec.command);
    try {
      await new Promise<void>((ok, fail) => stdin.write(JSON.stringify(message) + "\n", (e) => (e ? fail(e) : ok())));
    } catch (e) {
      // A server that exits at once (a missing variable) can be gone before the first write: EPIPE arrives before
      // its exit is seen, and the close that follows the failed send would then drop what it said on stderr,
      // the words the next start is chosen by. Its exit, with its stderr, is the failure to report.
      await this.exitedWithin(EXIT_WAIT_MS);
      throw this.failure ?? new EnumerateError(`cannot write to the server: ${(e as Error).message}${this.stderrSuffix()}`, "connect", this.spec.command, { cause: e });
    }
  }

  /** Resolves when the child has gone and its exit is recorded, or after `ms`. */
  private async exitedWithin(ms: number): Promise<void> {
    if (this.exited) await Promise.race([this.exited, new Promise((r) => setTimeout(r, ms).unref())]);
  }

  private stderrSuffix(): string {
    const tail = this.stderrTail.trim();
    return tail ? `: ${tail.slice(-1000)}` : "";
  }

  setProtocolVersion(version: string): void {
    this.protocolVersion = version;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const child = this.child;
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      if (!killGroup(child.pid)) child.kill("SIGKILL");
    }
    child?.stdin?.destroy();
    await this.exitedWithin(EXIT_WAIT_MS);
    // A HOME not removed here is swept once this process is gone (scratch-dirs.ts).
    if (this.home) await removeTree(this.home).catch(() => undefined);
    this.onclose?.();
  }
}
