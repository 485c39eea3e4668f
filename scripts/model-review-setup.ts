// The CLI's side of the model review: whether it is on (environment, then flags), the openai client it uses,
// and the one-line summary a run prints. The review itself is crawler/model-review.ts.
import type OpenAI from "openai";
import { boundedFetch } from "../crawler/model-fetch.js";
import type { ModelReviewConfig, ModelReviewStats } from "../crawler/model-review.js";
import { CliError } from "./command.js";
import type { Config } from "./config.js";
import { plural } from "../classifier/plural.js";
import { safeText, truncate } from "./terminal.js";
import { wholeNumber } from "./whole-number.js";

/** The flags of every command that can run the review (classify, refresh), with the same meaning in each. */
export const REVIEW_OPTIONS = {
  llm: { type: "boolean", description: "Review uncertain tools with the model (needs OPENAI_API_KEY or OPENAI_BASE_URL; on by default when either is set)" },
  "no-llm": { type: "boolean", description: "No model review, even with an endpoint set" },
  "llm-threshold": { type: "string", valueName: "X", description: "Review tools with confidence below X, from 0 (none) to 1 (all) (CATALOG_LLM_THRESHOLD)" },
  "llm-budget": { type: "string", valueName: "N", description: "At most N model calls in this run" },
} as const;

/** The review flags as parsed. */
export function reviewFlags(values: Record<string, unknown>): ReviewFlags {
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  return { llm: values.llm === true, noLlm: values["no-llm"] === true, threshold: str(values["llm-threshold"]), budget: str(values["llm-budget"]) };
}

/** What the flags say: --llm / --no-llm, --llm-threshold, --llm-budget. */
export interface ReviewFlags {
  llm?: boolean;
  noLlm?: boolean;
  threshold?: string;
  budget?: string;
}

export interface ReviewSettings {
  threshold: number;
  budget?: number;
}

/** The review settings for this run, or undefined when the review is off; bad flags are exit-2 errors. */
export function reviewSettings(config: Config, flags: ReviewFlags): ReviewSettings | undefined {
  if (flags.llm && flags.noLlm) throw new CliError("--llm and --no-llm contradict each other", 2);
  // Checked whether the review is on or not, as CATALOG_LLM_THRESHOLD is: a typo passes silently otherwise,
  // until the day an endpoint is set.
  const threshold = flags.threshold === undefined ? config.llm.threshold : parseThreshold(flags.threshold);
  const budget = flags.budget === undefined ? undefined : parseBudget(flags.budget);
  const on = flags.noLlm ? false : flags.llm || config.llm.enabled;
  if (!on) return undefined;
  if (!config.llm.enabled) throw new CliError("--llm needs a model endpoint: set OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (any OpenAI-compatible server)", 2);
  return { threshold, ...(budget !== undefined ? { budget } : {}) };
}

/**
 * The notice for --llm-threshold and --llm-budget given to a run with no model review (`review` undefined), so they are
 * not taken for obeyed, as policy's unused --client-name is; undefined when they are used or not given. Why there is
 * none: --no-llm, no model configured, or (refresh) --no-classify.
 */
export function unusedReviewFlagsNotice(config: Config, flags: ReviewFlags, review: ReviewSettings | undefined): string | undefined {
  const given = [flags.threshold !== undefined ? "--llm-threshold" : undefined, flags.budget !== undefined ? "--llm-budget" : undefined].filter((f) => f !== undefined);
  if (review || given.length === 0) return undefined;
  const why = flags.noLlm ? "--no-llm turns the model review off" : !config.llm.enabled ? "no model is configured (set OPENAI_API_KEY or OPENAI_BASE_URL)" : "--no-classify runs no classify stage to review";
  return `${given.join(" and ")} ${given.length > 1 ? "are" : "is"} not used: ${why}`;
}

function parseThreshold(value: string): number {
  const threshold = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || threshold > 1) throw new CliError(`--llm-threshold must be a number from 0 to 1 (got '${safeText(value)}')`, 2);
  return threshold;
}

function parseBudget(value: string): number {
  const budget = wholeNumber(value);
  if (budget === undefined) throw new CliError(`--llm-budget must be a whole number of calls (got '${safeText(value)}')`, 2);
  return budget;
}

/** The client, loaded only by a run that reviews: `openai` costs a run without the review a tenth of a second of start-up. */
export async function reviewClient(config: Config): Promise<OpenAI> {
  const { default: OpenAI } = await import("openai");
  // A local server needs no key; the client insists on one, so it gets a placeholder that is never a secret.
  return new OpenAI({
    apiKey: config.llm.apiKey ?? "no-key",
    ...(config.llm.baseUrl ? { baseURL: config.llm.baseUrl } : {}),
    timeout: config.llm.timeoutMs,
    maxRetries: config.llm.maxRetries,
    fetch: boundedFetch({ timeoutMs: config.llm.timeoutMs, maxBytes: config.llm.maxAnswerBytes }),
  });
}

/** The review's settings for the crawler: the model, batches, budget, prices and threshold. */
export function modelReviewConfig(config: Config, settings: ReviewSettings): ModelReviewConfig & { threshold: number } {
  return { model: config.llm.model, batchSize: config.llm.batchSize, pricePerMillion: config.llm.pricePerMillion, threshold: settings.threshold, ...(settings.budget !== undefined ? { budget: settings.budget } : {}) };
}

export function reviewSummary(s: ModelReviewStats): string {
  return `model review (${s.model}): ${plural(s.candidates, "tool")} to review, ${s.reviewed} reviewed, ${s.cacheHits} from cache, ${plural(s.calls, "call")}, ${plural(s.promptTokens + s.completionTokens, "token")}, ~$${s.estimatedCost.toFixed(4)}; ${plural(s.rejected, "verdict")} refused (quote not in the text), ${s.dropped} dropped (invalid answers), ${s.unreviewed} left unreviewed${s.unavailable !== undefined ? ` (the endpoint failed: ${safeText(truncate(s.unavailable, 200))})` : ""}${s.refusedBatch !== undefined ? ` (a batch was left unreviewed: ${safeText(truncate(s.refusedBatch, 200))})` : ""}`;
}
