// The shape every `mcp-catalog` subcommand has, and the error it throws to end with a message.
import type { ParseArgsConfig } from "node:util";
import type { Catalog, CatalogOptions } from "../db/client.js";

export interface Output {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** Everything a command touches outside itself, so tests can run it in-process. */
export interface Io {
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM; long commands stop at the next safe point. */
  signal?: AbortSignal;
  /**
   * Opens the catalog the configuration names (default: db/client.ts's openCatalog). In-process tests that run many
   * commands on one catalog hand back the one they hold open, with a close that leaves it open for the next.
   */
  openCatalog?: (options: CatalogOptions) => Promise<Catalog>;
}

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>[string] & { description: string; valueName?: string };

export interface Command {
  name: string;
  summary: string;
  /** e.g. "NAME [--server S] [--json]" */
  usage: string;
  /** Extra paragraphs for --help: examples, exit codes. */
  details?: string;
  options: Record<string, OptionSpec>;
  /** Positional argument count accepted: [min, max]. */
  positionals?: [number, number];
  run(args: ParsedArgs, io: Io): Promise<number>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Ends a command with one clear line on stderr and the given exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}
