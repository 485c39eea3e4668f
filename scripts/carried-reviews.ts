// A model review carried over to a verdict made now (current-verdicts.ts): a tool whose stored verdict a model reviewed
// is classified now by the rules and the learned model alone, so the review's raise would be lost until the next refresh
// reviews the tool again. The review's answer is taken from the catalog's answer cache as the refresh's review stage
// takes it (catalogVerdictCache, then applyVerdict), and without it the stored reviewed risk is the floor.
import type { Classification } from "../classifier/classify.js";
import { ruleForRisk } from "../classifier/policy.js";
import { quoteText } from "../classifier/quote.js";
import { applyVerdict, raisedRule, REVIEW_PROMPT_VERSION, type ReviewVerdict } from "../classifier/review.js";
import { maxRisk, type Risk } from "../classifier/taxonomy.js";
import { storedToolInput } from "../classifier/tool.js";
import { catalogVerdictCache } from "../crawler/classify-stage.js";
import type { Db } from "../db/client.js";
import type { ToolEntry } from "../db/lookups.js";

/** The model answers stored reviews rest on, by answerKey. */
export type ReviewAnswers = ReadonlyMap<string, ReviewVerdict>;

interface StoredReview {
  model: string;
  promptVersion: string;
}

/** The model review the entry's stored verdict carries, if a model reviewed it. */
function storedReview(e: ToolEntry): StoredReview | undefined {
  const c = e.classification;
  return c?.method === "rules+model" && c.reviewModel && c.reviewPromptVersion ? { model: c.reviewModel, promptVersion: c.reviewPromptVersion } : undefined;
}

function answerKey(contentHash: string, r: StoredReview): string {
  return JSON.stringify([contentHash, r.model, r.promptVersion]);
}

/**
 * The cached answers for the entries' stored reviews, for their present definitions: one query per reviewing model (a
 * catalog has one, unless its operator changed CATALOG_LLM_MODEL between refreshes), none when no entry was reviewed.
 * Only answers of this release's prompt version are read, as the refresh reads them: another version's may not have
 * this one's shape, and that review is left to the floor (carryReview).
 */
export async function reviewAnswers(db: Db, entries: readonly ToolEntry[]): Promise<ReviewAnswers> {
  const byModel = new Map<string, Set<string>>();
  for (const e of entries) {
    const r = storedReview(e);
    if (r?.promptVersion !== REVIEW_PROMPT_VERSION) continue;
    byModel.set(r.model, (byModel.get(r.model) ?? new Set()).add(e.contentHash));
  }
  const out = new Map<string, ReviewVerdict>();
  const cache = catalogVerdictCache(db);
  for (const [model, hashes] of byModel) {
    for (const [hash, v] of await cache.get([...hashes], model, REVIEW_PROMPT_VERSION)) out.set(answerKey(hash, { model, promptVersion: REVIEW_PROMPT_VERSION }), v.verdict);
  }
  return out;
}

/**
 * The verdict made now (`c`) for an entry, with its stored verdict's model review carried over: the cached answer
 * applied as the refresh applies it (applyVerdict: the rules' verdict is the floor, the model only raises).
 *
 * Without a usable answer (evicted, another prompt version's, or one no longer validating) the review cannot be made
 * again, and the verdict fails closed: for the same definition, a risk below the stored reviewed one would show as
 * allowed a tool the model found riskier, on nothing but a cache's loss. So the stored risk is the floor, with the rule
 * at least that risk's (a stricter rule made now stays, as applyVerdict keeps it), and the rationale says why. The category, signals and
 * hints stay the verdict's made now: the stored ones are an older classifier's reading, the risk alone is kept as the
 * model's finding. The verdict names that review (method rules+model, reviewedBy): its risk rests on it.
 */
export function carryReview(e: ToolEntry, c: Classification, answers: ReviewAnswers): Classification {
  const review = storedReview(e);
  if (!review) return c;
  const answer = answers.get(answerKey(e.contentHash, review));
  if (answer) {
    const outcome = applyVerdict(storedToolInput({ ...e, name: e.tool }), c, answer, review);
    if (!outcome.rejected) return outcome.classification;
  }
  const stored = e.classification!;
  const risk = stored.risk as Risk;
  if (stored.contentHash !== e.contentHash || maxRisk(c.risk, risk) === c.risk) return c;
  const rule = raisedRule(c.rule, ruleForRisk(e.tool, risk, c.rule.reason ?? `Reviewed by a model: ${risk} risk`));
  const rationale = `${c.rationale} A model (${quoteText(review.model, 60)}, prompt ${review.promptVersion}) reviewed this definition under classifier ${stored.classifierVersion} to ${risk} risk; its answer is not in the catalog's cache, so that risk is kept as the floor until the next refresh reviews the tool again.`;
  return { ...c, risk, rule, rationale, method: "rules+model", reviewedBy: review };
}
