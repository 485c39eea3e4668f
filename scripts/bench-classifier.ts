// Classifier throughput: how many tools a second classifyServer handles on one core.
import { classifyServer } from "../classifier/classify.js";
import type { ToolInput } from "../classifier/tool.js";

export interface ClassifierBench {
  toolsPerSecond: number;
  tools: number;
  seconds: number;
}

/** Classifies `servers` (each a server's tools, siblings of each other) round after round for about `seconds`. */
export function benchClassifier(servers: readonly (readonly ToolInput[])[], seconds = 2): ClassifierBench {
  const total = servers.reduce((n, s) => n + s.length, 0);
  if (total === 0) return { toolsPerSecond: 0, tools: 0, seconds: 0 };
  // Warm up so the JIT has compiled the hot paths before timing.
  for (let i = 0; i < 3; i++) for (const tools of servers) classifyServer({ name: "bench", tools });
  let tools = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (const s of servers) {
      classifyServer({ name: "bench", tools: s });
      tools += s.length;
    }
    elapsed = process.hrtime.bigint() - start;
  }
  const secs = Number(elapsed) / 1e9;
  return { toolsPerSecond: Math.round(tools / secs), tools, seconds: secs };
}
