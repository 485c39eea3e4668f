// Real tools labelled by us, blind: whole servers of the corpus that declare no hints, sampled at random, each tool
// labelled by a helper who never read the classifier nor ran it (MCP's hints as the probe sets label them; a label a
// reviewer could argue is marked unsure). The tools are real text; the labels are ours, so they stand beside the
// corpus's own figures, as the probe sets do. Never trained on: the model learns only from declared hints.
import { join } from "node:path";
import { z } from "zod";
import type { Model } from "../../../classifier/model.js";
import type { Dataset } from "./dataset.js";
import { readJsonLines } from "./jsonl.js";
import { THREE_WAY } from "./labels.js";
import { evaluate, type EvalReport } from "./metrics.js";
import { probeRows, type ProbeTool } from "./probes.js";
import { RULES_ONLY, shippedDesign } from "./systems.js";

export const OUR_LABELS_PATH = "scripts/dev/eval/our-labels.jsonl";

const ourLabelSchema = z.object({ package: z.string().min(1), name: z.string().min(1), label: z.enum(THREE_WAY), unsure: z.boolean(), why: z.string() }).strict();
export type OurLabel = z.infer<typeof ourLabelSchema>;

export function readOurLabels(path: string): OurLabel[] {
  return readJsonLines(path, (item) => ourLabelSchema.parse(item));
}

/** Each labelled tool as its server lists it in the corpus (annotations removed), with our label; unsure ones as hard. */
export function ourLabelledTools(labels: readonly OurLabel[], data: Dataset): ProbeTool[] {
  const servers = new Map(data.servers.filter((s) => s.table === "corpus").map((s) => [s.server, s]));
  return labels.map((l) => {
    const tool = servers.get(l.package)?.tools.find((t) => t.name === l.name);
    if (!tool) throw new Error(`${OUR_LABELS_PATH}: ${l.package}/${l.name} is not a tool of the corpus`);
    return { tool, server: l.package, domain: "corpus", label: l.label, hard: l.unsure, why: l.why };
  });
}

export interface OurLabelsReport {
  tools: number;
  servers: number;
  unsure: number;
  rulesOnly: EvalReport;
  learned: EvalReport;
  /** The shipped design on the labels no reviewer would argue with. */
  learnedSure: EvalReport;
}

/** The rules alone and the shipped design on the real tools we labelled, each server classified whole. */
export function ourLabelsReport(root: string, data: Dataset, model: Model | null): OurLabelsReport {
  const tools = ourLabelledTools(readOurLabels(join(root, OUR_LABELS_PATH)), data);
  const [rulesOnly, learned] = probeRows(tools, [RULES_ONLY, shippedDesign(model)]);
  return {
    tools: tools.length,
    servers: new Set(tools.map((t) => t.server)).size,
    unsure: tools.filter((t) => t.hard).length,
    rulesOnly: evaluate(rulesOnly),
    learned: evaluate(learned),
    learnedSure: evaluate(learned.filter((_, i) => !tools[i]!.hard)),
  };
}
