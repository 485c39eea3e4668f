// The native dialect: DESIGN.md's policy JSON, exactly as classifier/policy.ts builds it.
import type { ResolvedExport } from "./export.js";

/** JSON has no comments, so nothing beyond the policy itself is written (generatedAt included). */
export function renderNative(input: ResolvedExport): string {
  return `${JSON.stringify(input.policy, null, 2)}\n`;
}
