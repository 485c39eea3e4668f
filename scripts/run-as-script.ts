// The scripts beside the CLI (bench, eval, gen-world) run their main when executed, not when imported by tests.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** Whether the module at `moduleUrl` is the file node was asked to run. */
export function isEntryPoint(moduleUrl: string): boolean {
  return !!process.argv[1] && moduleUrl === pathToFileURL(resolve(process.argv[1])).href;
}

/** Runs `main` with the command line when `moduleUrl` is the entry point; its result is the exit code. */
export function runAsScript(moduleUrl: string, name: string, main: (argv: string[]) => number | Promise<number>): void {
  if (!isEntryPoint(moduleUrl)) return;
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        process.stderr.write(`${name}: ${String(error)}\n`);
        process.exitCode = 1;
      },
    );
}

/** A line on stdout and a line on stderr: what scripts print their report and their progress with. */
export const printLine = (s: string): void => void process.stdout.write(`${s}\n`);
export const printError = (s: string): void => void process.stderr.write(`${s}\n`);
