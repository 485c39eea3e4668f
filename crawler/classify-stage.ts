// The classify stage of a refresh: the servers whose tools changed (queued with the tools), batch by batch, each
// batch's uncertain tools reviewed by a model when the review is on; and the same classification (rules only)
// for servers a crawl page creates, done as the page is written.
import type OpenAI from "openai";
import { classifyServer, CLASSIFIER_VERSION, type Classification } from "../classifier/classify.js";
import { toolFacets } from "../classifier/facets.js";
import { REVIEW_PROMPT_VERSION, REVIEW_SIGNALS, reviewVerdictSchema } from "../classifier/review.js";
import { storedToolInput, type ToolInput } from "../classifier/tool.js";
import type { Db } from "../db/client.js";
import { queuedServers, queueOutdatedClassifications, storeClassifications, type NewClassification, type ReviewSelection, type ServerToClassify } from "../db/classifications.js";
import { storedVerdicts, storeVerdicts } from "../db/model-reviews.js";
import { emptyReviewStats, reviewTools, type CachedVerdict, type ModelReviewConfig, type ModelReviewStats, type VerdictCache } from "./model-review.js";

export interface ClassifyStageResult {
  servers: number;
  classified: number;
  /** The model review's counts, when it was on. */
  review?: ModelReviewStats;
}

/**
 * Servers read, classified and written per batch (two batches live at once: this one and the next, read
 * ahead). 100, not 500: at 500 the batch's rows, their classifications and the statements' JSON raised a
 * PGlite refresh's peak RSS by about 65 MB more (re-classifying 23,452 tools of the default world: peak
 * 392 → 326 MB) for no gain in speed (CPU 7.2 → 7.0 s); in PGlite the statements' memory is also
 * WebAssembly memory, which never shrinks.
 */
const SERVERS_PER_BATCH = 100;

/** A stored tool as the classifier needs it (the classify stage's rows, or a page's freshly written tools). */
type StoredTool = { id: number; name: string; title?: string | null; description?: string | null; inputSchema?: unknown; annotations?: unknown; contentHash: string };

/** One tool classified with its siblings, before it becomes a row. */
interface ClassifiedTool {
  tool: StoredTool;
  input: ToolInput;
  classification: Classification;
}

/** A server's current tools, classified together (each is the others' sibling); those in `only`, or all. */
function classifyTools(server: { key: string; description?: string | null }, tools: readonly StoredTool[], only?: ReadonlySet<number>): ClassifiedTool[] {
  // In name order (UTF-16, not the database's collation): the evidence a tool's siblings give, and
  // which of them its rationale quotes, must not depend on where the list came from.
  tools = [...tools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const inputs = tools.map((t) => storedToolInput({ name: t.name, title: t.title ?? null, description: t.description ?? null, inputSchema: t.inputSchema, annotations: t.annotations }));
  const results = classifyServer({ name: server.key, ...(server.description ? { description: server.description } : {}), tools: inputs });
  return tools.flatMap((tool, i) => (only && !only.has(tool.id) ? [] : [{ tool, input: inputs[i]!, classification: results[i]! }]));
}

/** The row a classification is stored as. */
function classificationRow(tool: StoredTool, c: Classification): NewClassification {
  return {
    toolId: tool.id,
    classifierVersion: c.classifierVersion,
    contentHash: tool.contentHash,
    category: c.category,
    risk: c.risk,
    confidence: c.confidence,
    signals: c.signals,
    rationale: c.rationale,
    evidence: c.evidence,
    rule: c.rule,
    hints: c.hints,
    arguments: c.arguments ?? null,
    facets: toolFacets({ name: tool.name, description: tool.description, category: c.category, signals: c.signals }),
    method: c.method,
    reviewModel: c.reviewedBy?.model ?? null,
    reviewPromptVersion: c.reviewedBy?.promptVersion ?? null,
  };
}

/** A server's current tools, classified together (each is the others' sibling); rows for those in `only`, or all. */
export function classifyServerTools(server: { key: string; description?: string | null }, tools: readonly StoredTool[], only?: ReadonlySet<number>): NewClassification[] {
  return classifyTools(server, tools, only).map((t) => classificationRow(t.tool, t.classification));
}

/** The model review in the classify stage: the client, its settings, and the answers already paid for. */
export interface ClassifyReview {
  client: OpenAI;
  config: ModelReviewConfig & { threshold: number };
}

/**
 * The cache of verdicts in the catalog: stored answers are validated like fresh ones; one that no longer validates is asked
 * again. Readers take a stored review's answer from here too (scripts/carried-reviews.ts).
 */
export function catalogVerdictCache(db: Db): VerdictCache {
  return {
    async get(keys, model, promptVersion) {
      const stored = await storedVerdicts(db, keys, model, promptVersion);
      const out = new Map<string, CachedVerdict>();
      for (const [hash, raw] of stored) {
        const parsed = reviewVerdictSchema.safeParse(raw.verdict);
        if (parsed.success) out.set(hash, { verdict: parsed.data, rejected: raw.rejected });
      }
      return out;
    },
    put: (entries, model, promptVersion) => storeVerdicts(db, entries, model, promptVersion),
  };
}

async function classifyBatch(db: Db, batch: ServerToClassify[], review: { settings: ClassifyReview; stats: ModelReviewStats } | undefined, signal?: AbortSignal): Promise<NewClassification[]> {
  const classified = batch.flatMap((server) => (server.stale.size === 0 ? [] : classifyTools(server, server.tools, server.stale)));
  if (!review) return classified.map((t) => classificationRow(t.tool, t.classification));
  const { classifications } = await reviewTools(
    review.settings.client,
    review.settings.config,
    classified.map((t) => ({ contentHash: t.tool.contentHash, tool: t.input, classification: t.classification })),
    { cache: catalogVerdictCache(db), stats: review.stats, ...(signal ? { signal } : {}) },
  );
  return classified.map((t, i) => classificationRow(t.tool, classifications[i]!));
}

/**
 * Classifies the queued servers in batches, so memory stays flat however large the catalog; the next
 * batch is read while this one is classified and written. Unchanged tools (same definition, same
 * classifier version) are neither queued nor written, so a quiet night classifies next to nothing.
 */
export async function classifyPending(db: Db, options: { signal?: AbortSignal; onBatch?: (r: ClassifyStageResult) => void; review?: ClassifyReview } = {}): Promise<ClassifyStageResult> {
  const result: ClassifyStageResult = { servers: 0, classified: 0 };
  const review = options.review ? { settings: options.review, stats: emptyReviewStats(options.review.config.model) } : undefined;
  const selection: ReviewSelection | undefined = review && { below: review.settings.config.threshold, signals: REVIEW_SIGNALS, model: review.settings.config.model, promptVersion: REVIEW_PROMPT_VERSION };
  await queueOutdatedClassifications(db, CLASSIFIER_VERSION, selection);
  let batch = await queuedServers(db, CLASSIFIER_VERSION, 0, SERVERS_PER_BATCH, selection);
  if (review) result.review = review.stats;
  while (batch.length) {
    options.signal?.throwIfAborted();
    const after = batch[batch.length - 1]!.serverId;
    const next = queuedServers(db, CLASSIFIER_VERSION, after, SERVERS_PER_BATCH, selection);
    // Settled either way below; without this a failed read would be an unhandled rejection while we write.
    next.catch(() => {});
    const rows = await classifyBatch(db, batch, review, options.signal);
    options.signal?.throwIfAborted();
    await storeClassifications(db, rows, batch.map((s) => s.serverId));
    result.servers += batch.length;
    result.classified += rows.length;
    options.onBatch?.(result);
    batch = await next;
  }
  return result;
}
