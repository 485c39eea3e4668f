// PolicyLayer's policy.json (policylayer.com/docs/writing-policies) as a strict zod schema: the only
// fields the documentation lists, so a document with any other key fails, as it would at a gateway
// that validates it. The native export is checked against this before it is written.
import { z } from "zod";

/** A quota limit, as the documentation's tool pages write it: `{counter, window, max, scope}`. */
export const nativeLimitSchema = z.strictObject({
  counter: z.string().min(1),
  window: z.enum(["minute", "hour", "day"]),
  max: z.number().int().positive(),
  scope: z.enum(["grant", "tool", "server"]),
});

/**
 * An argument condition: `path` into the call (`args.<name>`), an operator and the value compared.
 * The operators are those of PolicyLayer's condition grammar (shared with its Intercept proxy).
 */
export const NATIVE_OPERATORS = ["eq", "neq", "in", "not_in", "lt", "lte", "gt", "gte", "regex", "contains", "exists"] as const;
export const nativeConditionSchema = z.strictObject({
  path: z.string().regex(/^args\.[^.]/, "a condition path starts with args."),
  op: z.enum(NATIVE_OPERATORS),
  value: z.unknown(),
});
export type NativeCondition = z.infer<typeof nativeConditionSchema>;

/** Per tool: every key optional; `{}` under `default: deny` allows the tool. */
export const nativeToolSchema = z.strictObject({
  require: z.array(nativeConditionSchema).optional(),
  deny_if: z.array(nativeConditionSchema).optional(),
  limits: z.array(nativeLimitSchema).optional(),
});
export type NativeTool = z.infer<typeof nativeToolSchema>;

export const nativePolicySchema = z.strictObject({
  version: z.literal("1"),
  default: z.enum(["allow", "deny"]),
  hide: z.array(z.string().min(1)).optional(),
  all_tools: z.strictObject({ limits: z.array(nativeLimitSchema) }).optional(),
  tools: z.record(z.string(), nativeToolSchema).optional(),
});
export type NativePolicy = z.infer<typeof nativePolicySchema>;

/**
 * The document checked key by key: a zod record silently drops a tool named `__proto__`, so each
 * tool is checked on its own and the head without `tools`. Throws a ZodError naming the bad field.
 */
export function parseNativePolicy(value: unknown): NativePolicy {
  const head = nativePolicySchema.omit({ tools: true }).parse(
    value && typeof value === "object" ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== "tools")) : value,
  );
  const tools = (value as { tools?: unknown }).tools;
  if (tools === undefined) return head;
  if (!tools || typeof tools !== "object" || Array.isArray(tools)) throw new z.ZodError([{ code: "custom", path: ["tools"], message: "tools must be an object", input: tools }]);
  const out: Record<string, NativeTool> = Object.create(null) as Record<string, NativeTool>;
  for (const [name, rule] of Object.entries(tools)) {
    const parsed = nativeToolSchema.safeParse(rule);
    if (!parsed.success) throw new z.ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: ["tools", name, ...issue.path] })));
    out[name] = parsed.data;
  }
  return { ...head, tools: out };
}
