// A request zod refuses becomes a 400 naming the first bad parameter.
import type { z } from "zod";
import { badRequest } from "./errors.js";

export function validationHook(result: { success: true } | { success: false; error: z.ZodError }): void {
  if (result.success) return;
  const issue = result.error.issues[0]!;
  throw badRequest(`${issue.path.length ? issue.path.join(".") : "request"}: ${issue.message}`);
}

/**
 * Postgres text cannot hold a NUL character: a parameter with one is refused, naming it, before any
 * query could fail on it (stored text has none; the crawler stores U+FFFD in its place).
 */
export function refuseNul(params: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === "string" && v.includes("\u0000"))) throw badRequest(`${name}: must not contain a NUL character`);
  }
}

/**
 * A parameter given twice is refused, naming it: the routes' zod schemas would see an array and
 * answer "expected number, received NaN", and the pages would quietly take the first.
 */
export function refuseRepeated(params: Record<string, string[]>): void {
  for (const [name, values] of Object.entries(params)) {
    if (values.length > 1) throw badRequest(`${name}: given more than once`);
  }
}
