// `npm run eval -- --llm`: the shipped classifier's out-of-fold classifications reviewed by the model the
// environment names (OPENAI_API_KEY or OPENAI_BASE_URL, CATALOG_LLM_MODEL), the same review the catalog runs, so
// the "with model" column says what that model adds on servers neither the rules' weights nor it was tuned on.
import type OpenAI from "openai";
import type { Classification } from "../../../classifier/classify.js";
import { reviewTools, type ModelReviewConfig, type ModelReviewStats, type ReviewItem } from "../../../crawler/model-review.js";
import type { Prediction } from "./cross-validate.js";
import type { ServerData } from "./dataset.js";
import { byHints } from "./systems.js";

/**
 * Reviews the labelled tools among `classified` (the unlabelled ones would cost calls and score nothing) and
 * returns every server's predictions after review, scored as the shipped classifier is (by predicted hints).
 */
export async function reviewedPredictions(
  classified: ReadonlyMap<ServerData, Classification[]>,
  client: OpenAI,
  config: ModelReviewConfig & { threshold: number },
): Promise<{ predictions: Map<ServerData, Prediction[]>; stats: ModelReviewStats }> {
  const items: ReviewItem[] = [];
  const at: { server: ServerData; index: number }[] = [];
  for (const [server, cs] of classified) {
    cs.forEach((classification, index) => {
      if (!server.labels[index]) return;
      // One key per tool of the dataset: two servers' same definition are scored apart, as they are labelled apart.
      items.push({ contentHash: `${server.server}\u0000${index}`, tool: server.tools[index]!, classification });
      at.push({ server, index });
    });
  }
  const { classifications, stats } = await reviewTools(client, config, items);
  const reviewed = new Map([...classified].map(([s, cs]) => [s, [...cs]]));
  at.forEach(({ server, index }, k) => (reviewed.get(server)![index] = classifications[k]!));
  return { predictions: new Map([...reviewed].map(([s, cs]) => [s, cs.map(byHints)])), stats };
}
