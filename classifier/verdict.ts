// A server's one-line verdict from its tools' classes and rules: the worst risk, and what its policy gates.
import { z } from "zod";
import { decisionOf, type Rule } from "./policy.js";
import { CATEGORIES, RISKS, riskRank, type Category, type Risk } from "./taxonomy.js";

export const verdictSchema = z.object({
  /** The highest risk among the server's classified tools; null when none is classified. */
  risk: z.enum(RISKS).nullable(),
  tools: z.number().int(),
  byCategory: z.record(z.enum(CATEGORIES), z.number().int()),
  /**
   * Tools whose recommended rule asks approval, and that it denies: counted by the rule, not the risk, since a
   * consolidated tool's rule is the strictest of its actions (a medium write with a destructive action is denied).
   */
  needsApproval: z.number().int(),
  denied: z.number().int(),
  unclassified: z.number().int(),
  summary: z.string(),
});
export type Verdict = z.infer<typeof verdictSchema>;

const RISK_WORD: Record<Risk, string> = { low: "read-only and low risk", medium: "can change data", high: "can run or change things that need approval", critical: "can destroy data or move money" };

export function serverVerdict(tools: readonly { category: Category | null; risk: Risk | null; rule: Rule | null }[]): Verdict {
  const byCategory = {} as Record<Category, number>;
  let risk: Risk | null = null;
  let needsApproval = 0;
  let denied = 0;
  let unclassified = 0;
  for (const t of tools) {
    if (!t.category || !t.risk || !t.rule) {
      unclassified += 1;
      continue;
    }
    byCategory[t.category] = (byCategory[t.category] ?? 0) + 1;
    if (risk === null || riskRank(t.risk) > riskRank(risk)) risk = t.risk;
    const decision = decisionOf(t.rule);
    if (decision === "approve") needsApproval += 1;
    if (decision === "deny") denied += 1;
  }
  const counts = CATEGORIES.filter((c) => byCategory[c]).map((c) => `${byCategory[c]} ${c}`).join(", ");
  const gated = [needsApproval ? `${needsApproval} need${needsApproval === 1 ? "s" : ""} approval` : "", denied ? `${denied} denied` : ""].filter(Boolean).join(", ");
  const summary =
    tools.length === 0
      ? "No tools in the catalog yet."
      : risk === null
        ? `${tools.length} tools, none classified yet.`
        : `${tools.length} tool${tools.length === 1 ? "" : "s"} (${counts}${unclassified ? `, ${unclassified} unclassified` : ""}): ${RISK_WORD[risk]}${gated ? `; ${gated}` : ""}.`;
  return { risk, tools: tools.length, byCategory, needsApproval, denied, unclassified, summary };
}
