// A request zod refuses becomes a 400 naming the first bad parameter.
import type { z } from "zod";
import { badRequest } from "./errors.js";

export function validationHook(result: { success: true } | { success: false; error: z.ZodError }): void {
  if (result.success) return;
  const issue = result.error.issues[0]!;
  throw badRequest(`${issue.path.length ? issue.path.join(".") : "request"}: ${issue.message}`);
}
