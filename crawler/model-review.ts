// The model review pass over classified tools (classifier/review.ts decides; this asks): batches of the tools that
// need a second reader go to an OpenAI-compatible endpoint through the `openai` client, with structured output.
// An answer that fails validation is asked for once more, then dropped; an endpoint that fails (429 and 5xx after
// the client's own retries, a timeout) leaves the batch unreviewed; the run goes on either way, and the counts say so.
// Only answers are cached (a verdict taken or refused): a dropped answer or a failed call is asked again next run.
import type OpenAI from "openai";
import { z } from "zod";
import type { Classification } from "../classifier/classify.js";
import { applyVerdict, needsReview, REVIEW_JSON_SCHEMA, REVIEW_PROMPT_VERSION, reviewAnswerSchema, reviewMessages, type ReviewVerdict, type VerdictRejection } from "../classifier/review.js";
import type { ToolInput } from "../classifier/tool.js";
import { causes } from "./http.js";
import { ModelAnswerTooLargeError } from "./model-fetch.js";

export interface ModelReviewConfig {
  model: string;
  /** Tools per call. */
  batchSize: number;
  /** At most this many calls in the run (undefined: no cap). */
  budget?: number;
  /** Dollars per million prompt and completion tokens, for the estimated cost (0 when unknown). */
  pricePerMillion: { prompt: number; completion: number };
}

export interface ReviewItem {
  /** The tool's content hash: with the model and prompt version, the cache key. */
  contentHash: string;
  tool: ToolInput;
  classification: Classification;
}

/**
 * An answer paid for, and why its verdict was refused when it was last applied (null: taken). The refusal depends on
 * the definition alone (its quotes against the tool's text), so the catalog's selection leaves such a tool be.
 */
export interface CachedVerdict {
  verdict: ReviewVerdict;
  /** A VerdictRejection as it was stored (one a later version no longer names is decided again like any other). */
  rejected: string | null;
}

/** Verdicts already paid for, by (content hash, model, prompt version). */
export interface VerdictCache {
  get(keys: readonly string[], model: string, promptVersion: string): Promise<Map<string, CachedVerdict>>;
  put(entries: readonly ({ contentHash: string } & CachedVerdict)[], model: string, promptVersion: string): Promise<void>;
}

export const modelReviewStatsSchema = z.object({
  model: z.string(),
  promptVersion: z.string(),
  /** Tools that needed review. */
  candidates: z.number(),
  calls: z.number(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  /** Dollars, from CATALOG_LLM_PRICE_PROMPT and CATALOG_LLM_PRICE_COMPLETION (0 when they are unset). */
  estimatedCost: z.number(),
  cacheHits: z.number(),
  /** Tools whose classification the model's verdict changed or confirmed. */
  reviewed: z.number(),
  /** Verdicts refused because a quote did not occur in the tool's text. */
  rejected: z.number(),
  /** Tools whose answer failed validation twice. */
  dropped: z.number(),
  /** Tools left to the classifier because the endpoint failed or the budget ran out. */
  unreviewed: z.number(),
  /** Why the endpoint stopped answering (after the client's retries): no call is made after it in the run. */
  unavailable: z.string().optional(),
  /**
   * Why a batch was last left unreviewed on its own: the endpoint refused it as a bad request (too long for the model …)
   * or its answer was over the size a batch can need. That batch stays unreviewed, the rest go on.
   */
  refusedBatch: z.string().optional(),
});
/** A review run's counts: in the run summary, the run record and `stats`. */
export type ModelReviewStats = z.infer<typeof modelReviewStatsSchema>;

export function emptyReviewStats(model: string): ModelReviewStats {
  return { model, promptVersion: REVIEW_PROMPT_VERSION, candidates: 0, calls: 0, promptTokens: 0, completionTokens: 0, estimatedCost: 0, cacheHits: 0, reviewed: 0, rejected: 0, dropped: 0, unreviewed: 0 };
}

/**
 * Why a call gave no verdicts: the answer did not validate (ask again), the endpoint refused this request (leave
 * the batch, go on with the next) or the endpoint failed (no further call in the run).
 */
class ReviewCallError extends Error {
  constructor(
    readonly kind: "invalid_answer" | "refused" | "endpoint",
    message: string,
  ) {
    super(message);
  }
}

/** What a review run may be given: the answer cache, counts shared across batches, and the run's abort signal. */
export interface ReviewOptions {
  cache?: VerdictCache;
  stats?: ModelReviewStats;
  signal?: AbortSignal;
}

/**
 * Statuses that refuse this request, not the endpoint: a batch too long for the model's context, a body too large,
 * content it will not take. One hostile or huge tool description must not end the review of the whole run.
 */
const REFUSED_STATUSES: ReadonlySet<unknown> = new Set([400, 413, 422]);

async function ask(client: OpenAI, config: ModelReviewConfig, items: readonly ReviewItem[], stats: ModelReviewStats, signal?: AbortSignal): Promise<ReviewVerdict[]> {
  stats.calls++;
  let content: string | null | undefined;
  try {
    const response = await client.chat.completions.create({
      model: config.model,
      temperature: 0,
      messages: reviewMessages(items.map((i) => ({ tool: i.tool, classification: i.classification }))),
      // Not `strict`: OpenAI's strict mode refuses some of the schema's keywords (lengths, item counts) that local
      // servers honour; every answer is validated against the zod schema here either way.
      response_format: { type: "json_schema", json_schema: { name: "tool_review", strict: false, schema: REVIEW_JSON_SCHEMA as Record<string, unknown> } },
    }, signal ? { signal } : {});
    // The client hands back whatever a 200 carried: a stream the request did not ask for comes back as text.
    // (Thrown as a plain Error: the catch below makes it the endpoint's failure.)
    if (!Array.isArray((response as { choices?: unknown }).choices)) throw new Error("the endpoint's answer is not a chat completion (no choices)");
    stats.promptTokens += response.usage?.prompt_tokens ?? 0;
    stats.completionTokens += response.usage?.completion_tokens ?? 0;
    content = response.choices[0]?.message.content;
  } catch (e) {
    signal?.throwIfAborted();
    // The client has already retried 429 and 5xx answers and timeouts as configured.
    // An answer cut for its size fails its batch alone: a model looping on one batch's text says nothing of the next.
    // The client wraps what its fetch threw (a declared length past the bound) as the cause of its own error.
    const tooLarge = causes(e).find((c) => c instanceof ModelAnswerTooLargeError);
    if (tooLarge) throw new ReviewCallError("refused", tooLarge.message);
    // The client's APIError is an Error too, with the answer's status.
    if (e instanceof Error) {
      if (REFUSED_STATUSES.has((e as { status?: unknown }).status)) throw new ReviewCallError("refused", `the endpoint refused it: ${e.message}`);
      throw new ReviewCallError("endpoint", e.message);
    }
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(content ?? "");
  } catch {
    throw new ReviewCallError("invalid_answer", "the answer is not JSON");
  }
  const parsed = reviewAnswerSchema.safeParse(json);
  if (!parsed.success) throw new ReviewCallError("invalid_answer", parsed.error.issues[0]?.message ?? "invalid answer");
  return parsed.data.verdicts;
}

/**
 * Reviews `items` (the tools that need it) and returns their classifications after review, in order; a tool
 * without a usable verdict keeps the classifier's. Tools of the same content hash (one definition on several
 * servers) are asked about once; cached verdicts are applied without a call. Once the endpoint has failed
 * (after the client's own retries) no further call is made with these stats: the rest stay unreviewed.
 */
export async function reviewWithModel(
  client: OpenAI,
  config: ModelReviewConfig,
  items: readonly ReviewItem[],
  options: ReviewOptions = {},
): Promise<{ classifications: Classification[]; stats: ModelReviewStats }> {
  const stats = options.stats ?? emptyReviewStats(config.model);
  const model = { model: config.model, promptVersion: REVIEW_PROMPT_VERSION };
  const out = items.map((i) => i.classification);
  stats.candidates += items.length;
  const byHash = new Map<string, number[]>();
  items.forEach((item, k) => byHash.set(item.contentHash, [...(byHash.get(item.contentHash) ?? []), k]));
  // Tools of one content hash share their text, so the verdict is taken or refused (for the same reason) for all.
  const take = (hash: string, v: ReviewVerdict): VerdictRejection | null => {
    let rejected: VerdictRejection | null = null;
    for (const k of byHash.get(hash)!) {
      const outcome = applyVerdict(items[k]!.tool, items[k]!.classification, v, model);
      if (outcome.rejected) stats.rejected++;
      else stats.reviewed++;
      rejected = outcome.rejected ?? null;
      out[k] = outcome.classification;
    }
    return rejected;
  };
  const count = (hashes: readonly string[]) => hashes.reduce((n, h) => n + byHash.get(h)!.length, 0);
  const cached = options.cache ? await options.cache.get([...byHash.keys()], config.model, REVIEW_PROMPT_VERSION) : new Map<string, CachedVerdict>();
  const pending: string[] = [];
  // Cached answers whose refusal this classifier decides otherwise (a new version): stored again as decided now.
  const redecided: ({ contentHash: string } & CachedVerdict)[] = [];
  for (const hash of byHash.keys()) {
    const c = cached.get(hash);
    if (c) {
      stats.cacheHits += byHash.get(hash)!.length;
      const rejected = take(hash, c.verdict);
      if (rejected !== c.rejected) redecided.push({ contentHash: hash, verdict: c.verdict, rejected });
    } else pending.push(hash);
  }
  if (options.cache && redecided.length) await options.cache.put(redecided, config.model, REVIEW_PROMPT_VERSION);
  const overBudget = () => config.budget !== undefined && stats.calls >= config.budget;
  for (let i = 0; i < pending.length; i += config.batchSize) {
    const batch = pending.slice(i, i + config.batchSize);
    if (overBudget() || stats.unavailable !== undefined) {
      stats.unreviewed += count(batch);
      continue;
    }
    const batchItems = batch.map((h) => items[byHash.get(h)![0]!]!);
    let verdicts: ReviewVerdict[] | undefined;
    let failure: ReviewCallError | undefined;
    // An invalid answer is asked for once more (within the budget); a refused request or a failed endpoint is not.
    for (let attempt = 0; attempt < 2 && !verdicts && (failure === undefined || failure.kind === "invalid_answer"); attempt++) {
      if (attempt > 0 && overBudget()) break;
      try {
        verdicts = await ask(client, config, batchItems, stats, options.signal);
      } catch (e) {
        if (!(e instanceof ReviewCallError)) throw e;
        failure = e;
      }
    }
    if (!verdicts) {
      if (failure?.kind === "invalid_answer") stats.dropped += count(batch);
      else if (failure?.kind === "refused") {
        stats.refusedBatch = failure.message;
        stats.unreviewed += count(batch);
      } else {
        stats.unavailable = failure?.message ?? "no answer";
        stats.unreviewed += count(batch);
      }
      continue;
    }
    const byIndex = new Map(verdicts.map((v) => [v.index, v]));
    const fresh: ({ contentHash: string } & CachedVerdict)[] = [];
    batch.forEach((hash, k) => {
      const v = byIndex.get(k);
      if (!v) {
        stats.dropped += count([hash]);
        return;
      }
      fresh.push({ contentHash: hash, verdict: v, rejected: take(hash, v) });
    });
    if (options.cache && fresh.length) await options.cache.put(fresh, config.model, REVIEW_PROMPT_VERSION);
  }
  stats.estimatedCost = (stats.promptTokens * config.pricePerMillion.prompt + stats.completionTokens * config.pricePerMillion.completion) / 1e6;
  return { classifications: out, stats };
}

/**
 * The review of a batch of classified tools: those that need it (needsReview at `threshold`) go to the model;
 * every classification comes back in order, reviewed or as the classifier left it.
 */
export async function reviewTools(
  client: OpenAI,
  config: ModelReviewConfig & { threshold: number },
  items: readonly ReviewItem[],
  options: ReviewOptions = {},
): Promise<{ classifications: Classification[]; stats: ModelReviewStats }> {
  const positions = items.flatMap((item, k) => (needsReview(item.classification, config.threshold) ? [k] : []));
  const { classifications, stats } = await reviewWithModel(client, config, positions.map((k) => items[k]!), options);
  const out = items.map((i) => i.classification);
  positions.forEach((k, n) => (out[k] = classifications[n]!));
  return { classifications: out, stats };
}
