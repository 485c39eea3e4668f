// Process wiring for the binary: real stdio and env, signals, and the one process.exit.
import { main } from "./cli.js";

/** What a shell reports for a process that SIGPIPE ended (128 + 13): how `seq 1e9 | head -1` ends `seq`. */
const BROKEN_PIPE_EXIT = 141;

/**
 * Resolves once everything written to `stream` so far has been handed to the OS, or the stream has failed. A pipe
 * takes what fits (64 KiB on Linux) and Node queues the rest: a process.exit before then cuts the output short.
 */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write("", () => resolve()));
}

export function run(): void {
  const controller = new AbortController();
  let interrupted = 0;
  let finished = false;
  let writeError: NodeJS.ErrnoException | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    interrupted += 1;
    // Forced, or nothing left but output to a reader that is not reading: neither waits for the output.
    if (interrupted > 1 || finished) process.exit(130);
    process.stderr.write(`\nmcp-catalog: ${sig} received, stopping at the next safe point (again to force)\n`);
    controller.abort(new Error(`interrupted by ${sig}`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // Without a listener a failed write (the reader closed the pipe, a full disk) is an uncaught exception and a
  // stack trace. The output can no longer arrive whole, so the command stops at its next safe point, as on SIGINT.
  const onWriteError = (name: "stdout" | "stderr") => (e: NodeJS.ErrnoException) => {
    if (writeError) return;
    writeError = e;
    // A closed pipe is the reader's choice (`| head`) and goes unsaid, as with other tools; anything else is told.
    if (e.code !== "EPIPE" && name === "stdout") process.stderr.write(`mcp-catalog: cannot write to standard output: ${e.message}\n`);
    controller.abort(new Error(`cannot write to standard ${name === "stdout" ? "output" : "error"}`));
  };
  process.stdout.on("error", onWriteError("stdout"));
  process.stderr.on("error", onWriteError("stderr"));
  // Leave only once stdout and stderr have taken every byte, then even if a library left a handle open.
  const leave = async (code: number) => {
    finished = true;
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    process.exit(writeError === undefined ? code : writeError.code === "EPIPE" ? BROKEN_PIPE_EXIT : 1);
  };
  void main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  }).then(
    (code) => leave(code),
    (e: unknown) => {
      process.stderr.write(`mcp-catalog: ${(e as Error).stack ?? String(e)}\n`);
      return leave(1);
    },
  );
}
