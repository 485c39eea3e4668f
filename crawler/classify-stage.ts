// The classify stage of a refresh: the servers whose tools changed (queued with the tools), batch by batch;
// and the same classification for servers a crawl page creates, done as the page is written.
import { classifyServer, CLASSIFIER_VERSION } from "../classifier/classify.js";
import type { ToolInput } from "../classifier/tool.js";
import type { Db } from "../db/client.js";
import { queuedServers, queueOutdatedClassifications, storeClassifications, type NewClassification, type ServerToClassify } from "../db/classifications.js";

export interface ClassifyStageResult {
  servers: number;
  classified: number;
}

const SERVERS_PER_BATCH = 500;

/** A server's current tools, classified together (each is the others' sibling); rows for those in `only`, or all. */
export function classifyServerTools(
  server: { key: string; description?: string | null },
  tools: readonly { id: number; name: string; title?: string | null; description?: string | null; inputSchema?: unknown; annotations?: unknown; contentHash: string }[],
  only?: ReadonlySet<number>,
): NewClassification[] {
  // In name order (UTF-16, not the database's collation): the evidence a tool's siblings give, and
  // which of them its rationale quotes, must not depend on where the list came from.
  tools = [...tools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const inputs: ToolInput[] = tools.map((t) => ({
    name: t.name,
    ...(t.title ? { title: t.title } : {}),
    description: t.description ?? undefined,
    ...(t.inputSchema ? { inputSchema: t.inputSchema as Record<string, unknown> } : {}),
    annotations: (t.annotations ?? undefined) as ToolInput["annotations"],
  }));
  const results = classifyServer({ name: server.key, ...(server.description ? { description: server.description } : {}), tools: inputs });
  const rows: NewClassification[] = [];
  tools.forEach((tool, i) => {
    if (only && !only.has(tool.id)) return;
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
      hints: c.hints,
      arguments: c.arguments ?? null,
      method: c.method,
    });
  });
  return rows;
}

function classifyBatch(batch: ServerToClassify[]): NewClassification[] {
  return batch.flatMap((server) => (server.stale.size === 0 ? [] : classifyServerTools(server, server.tools, server.stale)));
}

/**
 * Classifies the queued servers in batches, so memory stays flat however large the catalog; the next
 * batch is read while this one is classified and written. Unchanged tools (same definition, same
 * classifier version) are neither queued nor written, so a quiet night classifies next to nothing.
 */
export async function classifyPending(db: Db, options: { signal?: AbortSignal; onBatch?: (r: ClassifyStageResult) => void } = {}): Promise<ClassifyStageResult> {
  const result: ClassifyStageResult = { servers: 0, classified: 0 };
  await queueOutdatedClassifications(db, CLASSIFIER_VERSION);
  let batch = await queuedServers(db, CLASSIFIER_VERSION, 0, SERVERS_PER_BATCH);
  while (batch.length) {
    options.signal?.throwIfAborted();
    const after = batch[batch.length - 1]!.serverId;
    const next = queuedServers(db, CLASSIFIER_VERSION, after, SERVERS_PER_BATCH);
    // Settled either way below; without this a failed read would be an unhandled rejection while we write.
    next.catch(() => {});
    const rows = classifyBatch(batch);
    await storeClassifications(db, rows, batch.map((s) => s.serverId));
    result.servers += batch.length;
    result.classified += rows.length;
    options.onBatch?.(result);
    batch = await next;
  }
  return result;
}
