// Real tools of servers that could not be listed here (they crash without their credentials, their install failed or
// timed out, or they publish no bin), read from the files their npm packages publish: the names, descriptions, schemas
// and annotations written there as literals, each with its package, version and file. Two measures that no rule was
// fitted to and the model never learned from: the hints the few servers among them that declare any give their tools,
// and our blind labels of whole servers that declare none (labelled as the real corpus tools are, our-labels.ts).
import { join } from "node:path";
import { z } from "zod";
import type { Model } from "../../../classifier/model.js";
import { toolInputSchema, type ToolInput } from "../../../classifier/tool.js";
import { readJsonLines } from "./jsonl.js";
import { labelFromHints, labelOf, THREE_WAY, type Label } from "./labels.js";
import { evaluate, type EvalReport, type EvalRow } from "./metrics.js";
import { serverRows } from "./probes.js";
import { RULES_ONLY, shippedDesign, type Scored } from "./systems.js";

export const FROM_SOURCE_PATH = "scripts/dev/eval/from-source.jsonl.gz";

export const hintsSchema = z
  .object({ readOnlyHint: z.boolean(), destructiveHint: z.boolean(), idempotentHint: z.boolean(), openWorldHint: z.boolean() })
  .partial()
  .strict();

const sourceToolSchema = z
  .object({
    package: z.string().min(1),
    version: z.string().min(1),
    /** Where in the published package the tool is written. */
    file: z.string().min(1),
    name: z.string().min(1),
    description: z.string(),
    inputSchema: z.record(z.string(), z.unknown()).optional(),
    /** The hints the source declares as literals: the server's own label, never shown to the classifier. */
    annotations: hintsSchema.optional(),
    /** Ours, blind, for tools of servers that declare no hints. */
    label: z.enum(THREE_WAY).optional(),
    unsure: z.boolean().optional(),
    why: z.string().optional(),
  })
  .strict();
export type SourceTool = z.infer<typeof sourceToolSchema>;

export function readSourceTools(path: string): SourceTool[] {
  return readJsonLines(path, (item) => sourceToolSchema.parse(item));
}

/** A tool as the classifier is given it: what its server lists, without the annotations. */
export function asListed(t: Pick<SourceTool, "name" | "description" | "inputSchema">): ToolInput {
  return toolInputSchema.parse({ name: t.name, description: t.description, inputSchema: t.inputSchema });
}

const declaredLabel = (t: SourceTool) => labelFromHints(t.annotations);
const ourLabel = (t: SourceTool) => (t.label ? labelOf(t.label) : undefined);
const eitherLabel = (t: SourceTool) => declaredLabel(t) ?? ourLabel(t);

/** Each package classified whole by each of `systems`, every tool of it as context, and a row for each tool `label` labels. */
function sourceRows<const S extends readonly Scored[]>(tools: readonly SourceTool[], systems: S, label: (t: SourceTool) => Label | undefined) {
  return serverRows(tools, { server: (t) => t.package, tool: asListed, label }, systems);
}

export interface FromSourceReport {
  servers: number;
  tools: number;
  /** The tools their servers' own hints label. */
  declared: { servers: number; rulesOnly: EvalReport; learned: EvalReport };
  /** The tools we labelled, blind. */
  ours: { servers: number; unsure: number; rulesOnly: EvalReport; learned: EvalReport; learnedSure: EvalReport };
}

/**
 * The rules alone and the shipped design on the tools read from source, by their servers' hints and by ours. A server
 * is labelled by us or declares its hints, never both (a test holds the data to it), so one classification of every
 * server gives both sets of rows.
 */
export function fromSourceReport(root: string, model: Model | null): FromSourceReport {
  const tools = readSourceTools(join(root, FROM_SOURCE_PATH));
  const serversOf = (rows: readonly EvalRow[]) => new Set(rows.map((r) => r.server)).size;
  const declaredIds = new Set(tools.filter((t) => declaredLabel(t)).map((t) => `${t.package}/${t.name}`));
  const split = (rows: EvalRow[]) => ({ declared: rows.filter((r) => declaredIds.has(r.id)), ours: rows.filter((r) => !declaredIds.has(r.id)) });
  const [rulesRows, learnedRows] = sourceRows(tools, [RULES_ONLY, shippedDesign(model)], eitherLabel);
  const rulesOnly = split(rulesRows);
  const learned = split(learnedRows);
  const sure = new Set(tools.filter((t) => t.label && !t.unsure).map((t) => `${t.package}/${t.name}`));
  return {
    servers: new Set(tools.map((t) => t.package)).size,
    tools: tools.length,
    declared: { servers: serversOf(learned.declared), rulesOnly: evaluate(rulesOnly.declared), learned: evaluate(learned.declared) },
    ours: {
      servers: serversOf(learned.ours),
      unsure: tools.filter((t) => t.label && t.unsure).length,
      rulesOnly: evaluate(rulesOnly.ours),
      learned: evaluate(learned.ours),
      learnedSure: evaluate(learned.ours.filter((r) => sure.has(r.id))),
    },
  };
}
