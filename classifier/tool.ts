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

const toolObjectSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .refine((name) => name.trim() !== "", "only spaces")
      .refine((name) => Buffer.byteLength(name, "utf8") <= MAX_TOOL_NAME_BYTES, `longer than ${MAX_TOOL_NAME_BYTES} bytes`),
    title: z.string().optional(),
    description: z.string().optional(),
    inputSchema: z.record(z.string(), z.unknown()).optional(),
    annotations: toolAnnotationsSchema.optional(),
  })
  .loose();

function withoutNulls(o: Record<string, unknown>, keep: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== null || k === keep));
}

/**
 * A null where MCP's Tool has an optional field (title, description, a null inputSchema as directories
 * publish "no arguments", annotations and each of their hints) means the field is absent: servers and
 * directories send them, and a tool must not vanish from risk and policy for it. `name` is required, so
 * a null name still fails.
 */
function absentNulls(item: unknown): unknown {
  if (!item || typeof item !== "object" || Array.isArray(item)) return item;
  const tool = withoutNulls(item as Record<string, unknown>, "name");
  const a = tool.annotations;
  if (a && typeof a === "object" && !Array.isArray(a)) {
    // A hint that is not a boolean (`"true"`) says nothing the classifier can trust: it is dropped, and the
    // tool kept, rather than the tool vanishing from risk and policy (or a listing marking it removed).
    const hints = withoutNulls(a as Record<string, unknown>, "");
    for (const h of HINTS) if (h in hints && typeof hints[h] !== "boolean") delete hints[h];
    tool.annotations = hints;
  }
  return tool;
}

export const toolInputSchema = z.preprocess(absentNulls, toolObjectSchema);
export type ToolInput = z.infer<typeof toolObjectSchema>;

const TOOL_FIELDS = ["name", "title", "description", "inputSchema", "annotations"] as const;
const HINTS = ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const;
const ANNOTATION_FIELDS = ["title", ...HINTS] as const;

/** A JSON object (not an array, no `__proto__` key, which zod's copy would turn into a prototype) whose values are none null. */
function plainObject(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== "object" || Object.getPrototypeOf(v) !== Object.prototype || Object.hasOwn(v, "__proto__")) return false;
  for (const k in v) if ((v as Record<string, unknown>)[k] == null) return false;
  return true;
}

/** `o`'s known fields in their order, then its other keys as they came: the object zod's loose parse returns. */
function inZodOrder(o: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of fields) if (k in o) out[k] = o[k];
  for (const k in o) if (!fields.includes(k)) out[k] = o[k];
  return out;
}

/**
 * toolInputSchema's result for a tool in the shape almost every list sends (a JSON object without
 * nulls, every field of its type), built without zod, which costs a crawl a few percent of its CPU;
 * undefined for anything else, which zod then parses (and explains when it fails).
 */
function plainTool(item: unknown): ToolInput | undefined {
  if (!plainObject(item)) return undefined;
  const { name, title, description, inputSchema, annotations } = item;
  if (typeof name !== "string" || name.trim() === "" || (name.length > MAX_TOOL_NAME_BYTES / 3 && Buffer.byteLength(name, "utf8") > MAX_TOOL_NAME_BYTES)) return undefined;
  if ((title !== undefined && typeof title !== "string") || (description !== undefined && typeof description !== "string")) return undefined;
  if (inputSchema !== undefined && (!inputSchema || typeof inputSchema !== "object" || Object.getPrototypeOf(inputSchema) !== Object.prototype || Object.hasOwn(inputSchema, "__proto__"))) return undefined;
  if (annotations !== undefined) {
    if (!plainObject(annotations)) return undefined;
    const a = annotations;
    if (a.title !== undefined && typeof a.title !== "string") return undefined;
    for (const hint of HINTS) if (a[hint] !== undefined && typeof a[hint] !== "boolean") return undefined;
  }
  const tool = inZodOrder(item, TOOL_FIELDS);
  if (inputSchema !== undefined) tool.inputSchema = { ...inputSchema };
  if (annotations !== undefined) tool.annotations = inZodOrder(annotations, ANNOTATION_FIELDS);
  return tool as ToolInput;
}

/**
 * One entry of a tool list: the tool toolInputSchema makes of it, or why it is left out (e.g. "tool dropped:
 * name: Too small"). Which tools of a whole list stand under their name is crawler/distinct-tools.ts's rule.
 */
export function parseTool(item: unknown): { tool: ToolInput } | { dropped: string } {
  const tool = plainTool(item);
  if (tool) return { tool };
  const parsed = toolInputSchema.safeParse(item);
  if (parsed.success) return { tool: parsed.data };
  const issue = parsed.error.issues[0];
  return { dropped: `tool dropped: ${issue ? `${issue.path.join(".") || "item"}: ${issue.message}` : "invalid item"}` };
}

/** A catalogued tool's stored columns as the classifier reads them (jsonb columns come back untyped). */
export function storedToolInput(t: { name: string; title: string | null; description: string | null; inputSchema: unknown; annotations: unknown }): ToolInput {
  return {
    name: t.name,
    ...(t.title ? { title: t.title } : {}),
    description: t.description ?? undefined,
    ...(t.inputSchema ? { inputSchema: t.inputSchema as Record<string, unknown> } : {}),
    annotations: (t.annotations ?? undefined) as ToolInput["annotations"],
  };
}
