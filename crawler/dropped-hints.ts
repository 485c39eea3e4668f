// Annotation hints a tool list sent with the wrong type: the tool is kept without them (classifier/tool.ts); this says which.
import { toolAnnotationsSchema, type ToolInput } from "../classifier/tool.js";
import { cut } from "./text-cap.js";

const HINTS = Object.keys(toolAnnotationsSchema.shape).filter((k) => k.endsWith("Hint"));

export interface DroppedHint {
  hint: string;
  /** What came instead of a boolean: "a string", "a number", "an object", "an array". */
  kind: string;
  /** The value, when a string or a number, as JSON and cut short (a server chooses how long it is). */
  value?: string;
}

/** The hints `raw` (a tool as listed) sent, not null and not a boolean, that its parsed `tool` is without. */
export function droppedHints(raw: unknown, tool: ToolInput): DroppedHint[] {
  const sent = raw && typeof raw === "object" ? (raw as { annotations?: unknown }).annotations : undefined;
  if (!sent || typeof sent !== "object") return [];
  const out: DroppedHint[] = [];
  for (const hint of HINTS) {
    if (!Object.hasOwn(sent, hint)) continue;
    const v = (sent as Record<string, unknown>)[hint];
    // A null hint is an absent one (MCP's optional fields sent as null): nothing was lost.
    if (v == null || typeof v === "boolean" || (tool.annotations && Object.hasOwn(tool.annotations, hint))) continue;
    const kind = Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`;
    const value = typeof v === "string" ? JSON.stringify(cut(v, 40)) : typeof v === "number" ? String(v) : undefined;
    out.push({ hint, kind, ...(value !== undefined ? { value } : {}) });
  }
  return out;
}
