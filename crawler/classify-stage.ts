// The classify stage of a refresh: every current tool whose classification is missing or stale, server by server.
import { classifyServer, CLASSIFIER_VERSION } from "../classifier/classify.js";
import type { ToolInput } from "../classifier/tool.js";
import type { Db } from "../db/client.js";
import { serversNeedingClassification, upsertClassifications, type NewClassification } from "../db/classifications.js";

export interface ClassifyStageResult {
  servers: number;
  classified: number;
}

const SERVERS_PER_BATCH = 200;

/**
 * Classifies in batches of servers so memory stays flat however large the catalog. Unchanged
 * tools (same definition, same classifier version) are neither read for classification nor written.
 */
export async function classifyPending(db: Db, options: { signal?: AbortSignal; onBatch?: (r: ClassifyStageResult) => void } = {}): Promise<ClassifyStageResult> {
  const result: ClassifyStageResult = { servers: 0, classified: 0 };
  let after = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const batch = await serversNeedingClassification(db, CLASSIFIER_VERSION, after, SERVERS_PER_BATCH);
    if (batch.length === 0) return result;
    const rows: NewClassification[] = [];
    for (const server of batch) {
      const inputs: ToolInput[] = server.tools.map((t) => ({
        name: t.name,
        ...(t.title ? { title: t.title } : {}),
        description: t.description ?? undefined,
        ...(t.inputSchema ? { inputSchema: t.inputSchema as Record<string, unknown> } : {}),
        annotations: (t.annotations ?? undefined) as ToolInput["annotations"],
      }));
      const results = classifyServer({ name: server.key, ...(server.description ? { description: server.description } : {}), tools: inputs });
      server.tools.forEach((tool, i) => {
        if (!server.stale.has(tool.id)) return;
        const c = results[i]!;
        rows.push({
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
          method: c.method,
        });
      });
      after = server.serverId;
    }
    await upsertClassifications(db, rows);
    result.servers += batch.length;
    result.classified += rows.length;
    options.onBatch?.(result);
  }
}
