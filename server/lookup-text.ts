// What text a lookup takes, judged once for the CLI, the API, the pages, the feed and the MCP tools: each names its own parameter.
import type { z } from "zod";
import { SERVE_DEFAULTS } from "./defaults.js";
import { badRequest } from "./errors.js";

/** What is wrong with a text, said after the parameter's name ("q: …", "TEXT …"), or undefined when nothing is. */
export type TextProblem = (text: string) => string | undefined;

/** Whether `text` has more than `max` characters (code points), counting no further than that. */
function moreCharsThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let count = 0;
  for (const _ of text) if (++count > max) return true;
  return false;
}

/** Search text: blank searches for nothing (it is refused, not read as "every tool"); past the limit, see maxSearchChars. */
export const searchTextProblem: TextProblem = (text) => {
  const trimmed = text.trim();
  if (!trimmed) return "must not be empty";
  if (moreCharsThan(trimmed, SERVE_DEFAULTS.maxSearchChars)) return `must be at most ${SERVE_DEFAULTS.maxSearchChars} characters`;
  return undefined;
};

/** A tool's or a server's name, as typed: no stored name is longer than maxNameBytes. */
export const nameProblem: TextProblem = (name) => {
  // A UTF-16 unit is at least one byte: a long string is over the limit without encoding it.
  if (name.length > SERVE_DEFAULTS.maxNameBytes || Buffer.byteLength(name, "utf8") > SERVE_DEFAULTS.maxNameBytes) return `must be at most ${SERVE_DEFAULTS.maxNameBytes} bytes (UTF-8)`;
  return undefined;
};

/**
 * The names a typed tool name is looked up as, in turn, as `risk NAME` reads it: as typed first (a server may name a
 * tool " lead"), then without the spaces at its ends (the name a shell, a paste or an agent added them to).
 */
export function typedThenTrimmed(name: string): string[] {
  const trimmed = name.trim();
  return trimmed && trimmed !== name ? [name, trimmed] : [name];
}

/** `problem` as a zod check (`.superRefine`): a route's or a tool's schema then names the parameter with it. */
export function refusing(problem: TextProblem) {
  return (text: string, ctx: z.RefinementCtx<string>) => {
    const message = problem(text);
    if (message !== undefined) ctx.addIssue({ code: "custom", message });
  };
}

/** `text`, or a 400 naming `param` with what is wrong with it: for a parameter no zod schema reads (the pages'). */
export function checkedParam(param: string, text: string, problem: TextProblem): string {
  const message = problem(text);
  if (message !== undefined) throw badRequest(`${param}: ${message}`);
  return text;
}
