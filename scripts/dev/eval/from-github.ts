// Real tools of servers published as source on GitHub (Go, Python, TypeScript, JavaScript, PHP, Rust, C#, Swift, Java,
// Kotlin and more), read from the public-code index's stored files: the names, descriptions, arguments and hints their authors
// wrote as literals, each with the index's file id to read it again. Every tool here declares its hints, the server's
// own label in the corpus's sense. The model never learns from them; they came in batches, each measured before any
// rule was taken from it (rules were then taken from each; the README keeps each batch's first figures).
import { join } from "node:path";
import { z } from "zod";
import type { Model } from "../../../classifier/model.js";
import { asListed, hintsSchema } from "./from-source.js";
import { readJsonLines } from "./jsonl.js";
import { labelFromHints } from "./labels.js";
import { evaluate, type EvalReport } from "./metrics.js";
import { serverRows } from "./probes.js";
import { RULES_ONLY, shippedDesign } from "./systems.js";

export const FROM_GITHUB_PATH = "scripts/dev/eval/from-github.jsonl.gz";

const githubToolSchema = z
  .object({
    /** Which harvest it came in: each was measured before any rule was taken from it. */
    batch: z.number().int().positive(),
    /** owner/repo, or the module or package the file names when the index does not say, or `index:<file id>`. */
    server: z.string().min(1),
    language: z.string().min(1),
    /** The file's path in its repository, when known. */
    path: z.string().min(1).nullable(),
    /** The public-code index's id of the stored file the tool is read from. */
    indexId: z.string().regex(/^\d+$/),
    name: z.string().min(1),
    description: z.string(),
    inputSchema: z.record(z.string(), z.unknown()).optional(),
    /** The hints the source writes for this tool: its server's own label, never shown to the classifier. */
    annotations: hintsSchema,
  })
  .strict();
export type GithubTool = z.infer<typeof githubToolSchema>;

export function readGithubTools(path: string): GithubTool[] {
  return readJsonLines(path, (item) => githubToolSchema.parse(item));
}

export interface FromGithubReport {
  servers: number;
  tools: number;
  rulesOnly: EvalReport;
  learned: EvalReport;
  /** The shipped design on each batch apart. */
  batches: { batch: number; learned: EvalReport }[];
  /** Tools whose texts the injection readers flag: real tools, so each is a false alarm unless shown otherwise. */
  injectionFlagged: number;
}

/** The rules alone and the shipped design on every labelled tool, each server classified whole. */
export function fromGithubReport(root: string, model: Model | null): FromGithubReport {
  const tools = readGithubTools(join(root, FROM_GITHUB_PATH));
  const of = {
    server: (t: GithubTool) => t.server,
    tool: asListed,
    label: (t: GithubTool) => labelFromHints(t.annotations),
  };
  // Every tool declares a hint, so the rows are every tool.
  const [rulesOnly, learned] = serverRows(tools, of, [RULES_ONLY, shippedDesign(model)]);
  return {
    servers: new Set(tools.map((t) => t.server)).size,
    tools: tools.length,
    rulesOnly: evaluate(rulesOnly),
    learned: evaluate(learned),
    batches: [...new Set(tools.map((t) => t.batch))].sort((a, b) => a - b).map((batch) => {
      const ids = new Set(tools.filter((t) => t.batch === batch).map((t) => `${t.server}/${t.name}`));
      return { batch, learned: evaluate(learned.filter((r) => ids.has(r.id))) };
    }),
    injectionFlagged: learned.filter((r) => r.signals.includes("prompt_injection")).length,
  };
}
