// Runs the CLI in-process, capturing what it prints, the way a user would see it.
import { Readable } from "node:stream";
import { main } from "../../scripts/cli.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}, options: { stdin?: string; tty?: boolean; cwd?: string } = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false },
    stdin: Readable.from(options.stdin !== undefined ? [options.stdin] : []),
    // Registry fixtures name real remote endpoints: tests never list them live unless they ask to.
    // Directory defaults point at the internet: a test that forgets to name its sources gets a refused
    // loopback port rather than traffic leaving the machine.
    env: { PATH: process.env.PATH, CATALOG_INTROSPECT: "none", GLAMA_URL: "http://127.0.0.1:9", SMITHERY_URL: "http://127.0.0.1:9", ...env },
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}
