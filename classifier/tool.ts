// A tool as MCP's tools/list describes it, validated where it enters from outside.
import { z } from "zod";

export const toolAnnotationsSchema = z
  .object({
    title: z.string().optional(),
    readOnlyHint: z.boolean().optional(),
    destructiveHint: z.boolean().optional(),
    idempotentHint: z.boolean().optional(),
    openWorldHint: z.boolean().optional(),
  })
  .loose();
export type ToolAnnotations = z.infer<typeof toolAnnotationsSchema>;

/**
 * MCP recommends names of at most 128 characters; a name is a key of the catalog, and a btree index
 * entry must fit in a third of a page (about 2.7 kB), so anything over this is rejected at the door.
 */
export const MAX_TOOL_NAME_BYTES = 1_000;

export const toolInputSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .refine((name) => Buffer.byteLength(name, "utf8") <= MAX_TOOL_NAME_BYTES, `longer than ${MAX_TOOL_NAME_BYTES} bytes`),
    title: z.string().optional(),
    description: z.string().nullish().transform((d) => d ?? undefined),
    inputSchema: z.record(z.string(), z.unknown()).optional(),
    annotations: toolAnnotationsSchema.nullish().transform((a) => a ?? undefined),
  })
  .loose();
export type ToolInput = z.infer<typeof toolInputSchema>;

export interface ParsedToolList {
  tools: ToolInput[];
  /** Why each rejected entry was left out, e.g. "tool dropped: name: Too small". */
  dropped: string[];
}

/**
 * The entries of a directory's tool list that pass toolInputSchema, first of each name; the rest
 * are named in `dropped`. A null inputSchema (seen in real directory data) means "no arguments",
 * not a broken tool.
 */
export function parseToolList(list: readonly unknown[]): ParsedToolList {
  const tools: ToolInput[] = [];
  const dropped: string[] = [];
  const names = new Set<string>();
  for (const item of list) {
    const candidate = item && typeof item === "object" && (item as { inputSchema?: unknown }).inputSchema === null ? { ...item, inputSchema: undefined } : item;
    const parsed = toolInputSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      dropped.push(`tool dropped: ${issue ? `${issue.path.join(".") || "item"}: ${issue.message}` : "invalid item"}`);
      continue;
    }
    if (names.has(parsed.data.name)) {
      dropped.push("tool dropped: duplicate name");
      continue;
    }
    names.add(parsed.data.name);
    tools.push(parsed.data);
  }
  return { tools, dropped };
}
