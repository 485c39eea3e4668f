// Process wiring for the binary: real stdio and env, signals, and the one process.exit.
import { main } from "./cli.js";

export function run(): void {
  const controller = new AbortController();
  let interrupted = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    interrupted += 1;
    if (interrupted > 1) process.exit(130);
    process.stderr.write(`\nmcp-catalog: ${sig} received, stopping at the next safe point (again to force)\n`);
    controller.abort(new Error(`interrupted by ${sig}`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  }).then(
    (code) => {
      process.exitCode = code;
      // Let stdout drain, then leave even if a library left a handle open.
      setImmediate(() => process.exit(code));
    },
    (e: unknown) => {
      process.stderr.write(`mcp-catalog: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
