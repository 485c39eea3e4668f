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

export const toolInputSchema = z
  .object({
    name: z.string().min(1),
    title: z.string().optional(),
    description: z.string().nullish().transform((d) => d ?? undefined),
    inputSchema: z.record(z.string(), z.unknown()).optional(),
    annotations: toolAnnotationsSchema.nullish().transform((a) => a ?? undefined),
  })
  .loose();
export type ToolInput = z.infer<typeof toolInputSchema>;
