// Small readers every source applies to a directory's fields and its validation failures.
import type { z } from "zod";

/** A skipped item's reason: the first failing field and what was wrong with it. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "item"}: ${issue.message}` : "invalid item";
}

/** A text field trimmed, or undefined when it holds nothing. */
export function nonEmpty(s: string | null | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}
