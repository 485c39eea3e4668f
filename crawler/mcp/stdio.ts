// Listing a stdio MCP server started in the sandbox (crawler/mcp/sandbox.ts).
import { wireCap } from "./bounded-fetch.js";
import { Budget } from "./budget.js";
import { EnumerateError, toEnumerateError } from "./errors.js";
import type { EnumerateLimits, EnumerateResult } from "./limits.js";
import { DEFAULT_SANDBOX_OPTIONS, type SandboxOptions } from "./sandbox.js";
import { CLIENT_INFO, listEitherEra } from "./session.js";
import { SandboxedStdioTransport } from "./stdio-transport.js";

export interface StdioOptions {
  limits: EnumerateLimits;
  signal?: AbortSignal;
  sandbox?: SandboxOptions;
  clientInfo?: { name: string; version: string };
}

/**
 * Lists the tools of a stdio server, spawned inside the sandbox (see crawler/sandbox.ts for exactly
 * what isolation that gives). Legacy initialize first; an unsupported-version answer naming
 * 2026-07-28 restarts the server and lists it in that era.
 */
export async function listStdioTools(spec: { command: string; args: string[]; cwd?: string; env?: Record<string, string> }, opts: StdioOptions): Promise<EnumerateResult> {
  const target = [spec.command, ...spec.args].join(" ").slice(0, 500);
  const budget = new Budget(opts.limits, target, opts.signal);
  const clientInfo = opts.clientInfo ?? CLIENT_INFO;
  const transportOpts = { sandbox: opts.sandbox ?? DEFAULT_SANDBOX_OPTIONS, maxStdoutBytes: wireCap(opts.limits) };
  const open: SandboxedStdioTransport[] = [];
  const spawn = async () => {
    await Promise.all(open.map((t) => t.close()));
    const t = new SandboxedStdioTransport(spec, transportOpts);
    open.push(t);
    // A limit hit on stdout stops the run at once rather than at the next timeout.
    t.onLimit = (e) => budget.stop(e);
    const startMs = budget.connectTimeout();
    await budget.within(t.start(), startMs, () => new EnumerateError(`could not start within ${startMs} ms`, "timeout", target));
    return t;
  };
  try {
    return await listEitherEra(spawn, { kind: "stdio", clientInfo, negotiation: "legacy" }, budget);
  } catch (e) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    const limit = open.find((t) => t.error?.reason === "limit")?.error;
    if (limit) throw limit;
    const err = toEnumerateError(budget.explain(e), target, budget);
    // The server's own words beat "connection closed".
    const died = open.find((t) => t.error)?.error;
    if (died && (err.reason === "connect" || err.reason === "timeout") && !budget.signal.aborted) throw died;
    // A server that wrote something else on stdout ("hello", [1, 2], a log line) and never replied: say what.
    const note = err.reason === "timeout" ? (open.at(-1)?.noiseNote() ?? "") : "";
    throw note ? new EnumerateError(err.message + note, err.reason, err.target, { cause: err }) : err;
  } finally {
    budget.dispose();
    await Promise.all(open.map((t) => t.close()));
  }
}
