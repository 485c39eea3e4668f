// The probe sets: tools of our own wording with our own labels (MCP's hints as the specification means them), written
// by other hands without reading the classifier, in invented servers across many domains, with hard cases on purpose
// (verbs last, noun-phrase names, effects stated only in an argument, other languages). They are never trained on:
// each server is classified as a new server would be, by the rules alone and with the shipped learned model. Their
// labels are ours, not a server's own, so they stand beside the corpus's figures rather than in them.
import { join } from "node:path";
import { z } from "zod";
import { classifyRead, readServer } from "../../../classifier/classify.js";
import type { Model } from "../../../classifier/model.js";
import { toolInputSchema, type ToolInput } from "../../../classifier/tool.js";
import { readJsonLines } from "./jsonl.js";
import { labelOf, THREE_WAY, type Label } from "./labels.js";
import { evaluate, type EvalReport, type EvalRow } from "./metrics.js";
import { RULES_ONLY, shippedDesign, type Scored } from "./systems.js";

/** Each set, by the domains it covers; the README says when each was first measured and what was fixed after. */
export const PROBE_PATHS = {
  "developer and infrastructure": "scripts/dev/eval/probes/developer-infrastructure.jsonl",
  "business and consumer": "scripts/dev/eval/probes/business-consumer.jsonl",
  "mixed domains": "scripts/dev/eval/probes/mixed-domains.jsonl",
  "the kinds most installed": "scripts/dev/eval/probes/popular-kinds.jsonl",
  "long-tail style": "scripts/dev/eval/probes/long-tail.jsonl",
  "long structured descriptions": "scripts/dev/eval/probes/structured.jsonl",
  "under-covered domains": "scripts/dev/eval/probes/final-mixed.jsonl",
  "last, held out": "scripts/dev/eval/probes/last-held-out.jsonl",
  "developer productivity": "scripts/dev/eval/probes/developer-productivity.jsonl",
  "OpenAPI wrappers": "scripts/dev/eval/probes/openapi-wrappers.jsonl",
  "other languages": "scripts/dev/eval/probes/other-languages.jsonl",
  "agent tooling": "scripts/dev/eval/probes/agent-tooling.jsonl",
  "held out, second": "scripts/dev/eval/probes/held-out-2.jsonl",
  "terse names": "scripts/dev/eval/probes/terse-names.jsonl",
  "East Asian": "scripts/dev/eval/probes/east-asian.jsonl",
  "money and devices": "scripts/dev/eval/probes/money-devices.jsonl",
  "security and administration": "scripts/dev/eval/probes/security-admin.jsonl",
  "data and machine learning": "scripts/dev/eval/probes/data-ml.jsonl",
  "held out, third": "scripts/dev/eval/probes/held-out-3.jsonl",
} as const;

const probeLineSchema = z.object({
  server: z.string().min(1),
  domain: z.string(),
  label: z.enum(THREE_WAY),
  hard: z.boolean(),
  why: z.string(),
});
export type ProbeTool = ReturnType<typeof parseProbeLine>;

/** A probe line: the tool as a server would list it (other fields dropped by the schema) and what we know of it. */
function parseProbeLine(item: unknown) {
  return { tool: toolInputSchema.parse(item), ...probeLineSchema.parse(item) };
}

export function readProbes(path: string): ProbeTool[] {
  return readJsonLines(path, parseProbeLine);
}

/** One list of rows for each system scored. */
type RowsOf<S extends readonly Scored[]> = { [K in keyof S]: EvalRow[] };

/** What a labelled item is made of: the server it belongs to, the tool as the server lists it, and its label if any. */
export interface LabelledItem<T> {
  server: (item: T) => string;
  tool: (item: T) => ToolInput;
  label: (item: T) => Label | undefined;
}

/**
 * The rows of labelled items for each of `systems`: each server read once and classified whole by every system, its
 * items in order as its siblings give context, and a row for each labelled one. One list of rows per system, in order.
 */
export function serverRows<T, const S extends readonly Scored[]>(items: readonly T[], of: LabelledItem<T>, systems: S): RowsOf<S> {
  const servers = new Map<string, T[]>();
  for (const t of items) {
    const list = servers.get(of.server(t));
    if (list) list.push(t);
    else servers.set(of.server(t), [t]);
  }
  const rows = systems.map((): EvalRow[] => []);
  for (const [server, list] of servers) {
    const tools = list.map(of.tool);
    const read = readServer({ name: server, tools });
    systems.forEach(({ model, score }, k) => {
      const classified = classifyRead(read, { model });
      list.forEach((t, i) => {
        const label = of.label(t);
        if (!label) return;
        const c = classified[i]!;
        const tool = tools[i]!;
        rows[k]!.push({ id: `${server}/${tool.name}`, server, name: tool.name, description: tool.description ?? "", label, predicted: score(c).threeWay(label), category: c.category, confidence: c.confidence, signals: c.signals });
      });
    });
  }
  return rows as RowsOf<S>;
}

/** A probe set's (or our labels') rows for each of `systems`: each invented server classified whole. */
export function probeRows<const S extends readonly Scored[]>(tools: readonly ProbeTool[], systems: S): RowsOf<S> {
  return serverRows(tools, { server: (t) => t.server, tool: (t) => t.tool, label: (t) => labelOf(t.label) }, systems);
}

export interface ProbeSetReport {
  name: string;
  tools: number;
  servers: number;
  rulesOnly: EvalReport;
  learned: EvalReport;
}

/** Every set's figures, the rules alone beside the shipped design (rules and the shipped learned model). */
export function probeReports(root: string, model: Model | null): ProbeSetReport[] {
  return Object.entries(PROBE_PATHS).map(([name, path]) => {
    const tools = readProbes(join(root, path));
    const [rulesOnly, learned] = probeRows(tools, [RULES_ONLY, shippedDesign(model)]);
    return { name, tools: tools.length, servers: new Set(tools.map((t) => t.server)).size, rulesOnly: evaluate(rulesOnly), learned: evaluate(learned) };
  });
}
