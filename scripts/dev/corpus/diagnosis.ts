// What a failed start says about what the server wants, the next thing to try, and the reason recorded when nothing more helps.
import type { EnumerateReason } from "../../../crawler/mcp/errors.js";
import { envNamesInText, placeholderEnv, placeholderFile } from "./placeholders.js";

export type NodeRuntime = "20" | "22";

/** One way of starting a server: which node, which extra environment and arguments. */
export interface Attempt {
  node: NodeRuntime;
  env: Record<string, string>;
  args: string[];
}

/** A listing that failed: the crawler's reason and its message, which for a server that exited carries the server's own stderr. */
export interface ListFailure {
  reason: EnumerateReason;
  message: string;
}

export interface Diagnosis {
  /** The server complains about missing configuration (a key, a token, a setting, an argument). */
  wantsConfig: boolean;
  /** Variables it names in the complaint. */
  envNames: string[];
  /** It asks for a directory / path argument, or prints its usage. */
  wantsPath: boolean;
  /** The crash looks like a Node version problem (syntax or builtins newer than Node 20). */
  nodeProblem: boolean;
  /** It read a directory where it wanted a file (EISDIR): a path it was given should be a file. */
  wantsFile: boolean;
  /** The MCP mode of a CLI that lists or expects commands: the first of SUBCOMMANDS its text offers. */
  subcommand: string | undefined;
}

const CONFIG = /api[\s_-]?key|\btoken\b|secret|credential|password|environment variable|env(ironment)? var|\bnot set\b|\bis required\b|\brequired\b|\bmissing\b|must be (set|provided|specified)|\bconfig(uration)?\b|unauthori[sz]ed|\busage:|please (set|provide|specify)|no .{1,40} (provided|specified|configured)/i;
const PATH_ARG = /\bdirector(y|ies)\b|\bpaths?\b|\busage:|\bargument/i;
const NODE_PROBLEM =
  /SyntaxError|ERR_UNKNOWN_BUILTIN_MODULE|ERR_REQUIRE_ESM|ERR_REQUIRE_ASYNC_MODULE|ERR_UNKNOWN_FILE_EXTENSION|ERR_UNSUPPORTED|is not a (function|constructor)|is not defined|node:sqlite|requires? node(\.js)?( version)? ?(>=? ?)?v?2[2-9]|node(\.js)? (v|version )?2[2-9]/i;

const WANTS_FILE = /\bEISDIR\b/;

/** Commands that start a CLI's MCP server, most specific first ("run" and "start" also start other things). */
export const SUBCOMMANDS = ["stdio", "mcp", "serve", "start", "run"] as const;
// Only text about commands offers one: a usage, a command list, an unknown / missing command.
const COMMAND_TALK = /\b(usage|commands?|subcommands?|expected|unknown command|required command|available)\b/i;
// The command as a word of its own: not inside a package name (`@x/mcp-server`), a path or an option.
const AS_COMMAND = new Map(SUBCOMMANDS.map((c) => [c, new RegExp(`(^|[\\s'"\`(\\[,|<])${c}(?=$|[\\s'"\`)\\],.:|>])`, "i")]));

function offeredSubcommand(said: string): string | undefined {
  if (!COMMAND_TALK.test(said)) return undefined;
  return SUBCOMMANDS.find((c) => AS_COMMAND.get(c)!.test(said));
}

/** Pure: what a failure's text says. Only a server that went away ("connect") has said anything. */
export function diagnose(f: ListFailure): Diagnosis {
  const said = f.reason === "connect" ? f.message : "";
  return {
    wantsConfig: CONFIG.test(said) || f.reason === "auth",
    envNames: envNamesInText(said),
    wantsPath: PATH_ARG.test(said),
    nodeProblem: NODE_PROBLEM.test(said),
    wantsFile: WANTS_FILE.test(said),
    subcommand: offeredSubcommand(said),
  };
}

/** Pure: the attempt with every workspace value (variables and arguments) pointed at the dummy file instead; undefined when none was. */
function withFileForDirectory(previous: Attempt, workspace: string): Attempt | undefined {
  const file = placeholderFile(workspace);
  const swap = (v: string) => (v === workspace ? file : v);
  const env = Object.fromEntries(Object.entries(previous.env).map(([k, v]) => [k, swap(v)]));
  const args = previous.args.map(swap);
  const changed = args.some((a, i) => a !== previous.args[i]) || Object.keys(env).some((k) => env[k] !== previous.env[k]);
  return changed ? { ...previous, env, args } : undefined;
}

/**
 * Pure: the next attempt after a failure, or undefined when nothing more is worth trying. In order:
 * fill the variables the server named; point a directory it read as a file at the dummy file; start
 * the MCP subcommand a CLI offers; give it a directory argument when it asks for a path; try Node 22
 * for a crash that is not a configuration complaint (or looks like a Node version problem).
 */
export function nextAttempt(previous: Attempt, f: ListFailure, workspace: string): Attempt | undefined {
  const d = diagnose(f);
  const named = placeholderEnv(d.envNames, workspace, { already: previous.env, told: true });
  if (Object.keys(named).length > 0) return { ...previous, env: { ...previous.env, ...named } };
  const file = d.wantsFile ? withFileForDirectory(previous, workspace) : undefined;
  if (file) return file;
  // A directory argument given on a guess makes way for the command (it was read as an unknown command).
  if (d.subcommand && previous.args[0] !== d.subcommand) return { ...previous, args: [d.subcommand] };
  if (d.wantsPath && previous.args.length === 0) return { ...previous, args: [workspace] };
  if (previous.node === "20" && f.reason === "connect" && (d.nodeProblem || !d.wantsConfig)) return { ...previous, node: "22" };
  return undefined;
}

/** Why a package is recorded as failed. */
export type FailureCode =
  | "no-manifest"
  | "no-bin"
  | "install-failed"
  | "install-timeout"
  | "needs-config"
  | "crashed"
  | "timeout"
  | "protocol"
  | "limit"
  | "blocked"
  | "error";

/** Pure: the recorded reason for the last failure of a package's listing. */
export function listFailureCode(f: ListFailure): FailureCode {
  switch (f.reason) {
    case "timeout":
      return "timeout";
    case "protocol":
      return "protocol";
    case "limit":
      return "limit";
    case "blocked":
      return "blocked";
    case "auth":
      return "needs-config";
    case "install":
      return "install-failed";
    case "connect":
      return diagnose(f).wantsConfig ? "needs-config" : "crashed";
  }
}
