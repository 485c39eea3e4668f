// MCP annotations as a server declares them, against what the catalog would declare: each tool's status
// (missing, partial, contradicted, complete), the hints to paste, and a server's coverage. Pure.
import type { Hints } from "./hints.js";
import type { ToolAnnotations } from "./tool.js";

export const HINT_NAMES = ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const;
export type HintName = (typeof HINT_NAMES)[number];

export type AnnotationStatus = "missing" | "partial" | "contradicted" | "complete";

/** The hints a tool declares, as booleans; anything else in its annotations is not a hint. */
export function declaredHints(annotations: unknown): Partial<Hints> {
  const out: Partial<Hints> = {};
  if (!annotations || typeof annotations !== "object") return out;
  for (const name of HINT_NAMES) {
    const value = (annotations as Record<string, unknown>)[name];
    if (typeof value === "boolean") out[name] = value;
  }
  return out;
}

/** The danger a server declares of its own tool: the class it claims at least, and the hint that claims it, as quoted. */
export interface DeclaredDanger {
  category: "destructive" | "write";
  hint: "destructiveHint: true" | "readOnlyHint: false";
}

/**
 * The danger a tool's own server explicitly declares, or undefined: `destructiveHint: true` (unless `readOnlyHint` is
 * true, beside which the spec gives destructiveHint no meaning) claims destructive, `readOnlyHint: false` claims a
 * change. Only values given count: an absent hint's spec default (destructiveHint true) is no one's claim. Such a claim
 * is trusted as a floor where a claim of safety never is: a server gains nothing by calling its own tool more dangerous
 * than it is, and a classifier that read nothing would otherwise allow what its author calls destructive.
 */
export function declaredDanger(a: ToolAnnotations | undefined): DeclaredDanger | undefined {
  if (!a || a.readOnlyHint === true || fillsSpecDefaults(a)) return undefined;
  if (a.destructiveHint === true) return { category: "destructive", hint: "destructiveHint: true" };
  if (a.readOnlyHint === false) return { category: "write", hint: "readOnlyHint: false" };
  return undefined;
}

/**
 * All four hints at exactly the spec's defaults: what an SDK sends for a tool whose author set none (mcp-go's NewTool
 * does), so no one's claim either.
 */
function fillsSpecDefaults(a: ToolAnnotations): boolean {
  return a.readOnlyHint === false && a.destructiveHint === true && a.idempotentHint === false && a.openWorldHint === true;
}

export interface AnnotationFix {
  status: Exclude<AnnotationStatus, "complete">;
  declared: Partial<Hints>;
  /** All four hints as the catalog would declare them. */
  suggested: Hints;
  /** Declared hints that disagree with what the tool does, by name. */
  contradicted: HintName[];
  /** Hints the tool does not declare. */
  absent: HintName[];
}

/**
 * A tool's annotation status. Only readOnlyHint and destructiveHint can be contradicted: they say what a
 * tool does, which the classifier reads from its evidence (and flags as `annotation_conflict`); whether a
 * call can be repeated or reaches the outside is less certain from text, so a differing idempotentHint or
 * openWorldHint is suggested, not called a contradiction.
 */
export function annotationStatus(annotations: unknown, predicted: Hints, signals: readonly string[]): AnnotationStatus {
  const declared = declaredHints(annotations);
  const named = HINT_NAMES.filter((h) => h in declared);
  if (named.length === 0) return "missing";
  const contradicts = signals.includes("annotation_conflict") || (["readOnlyHint", "destructiveHint"] as const).some((h) => h in declared && declared[h] !== predicted[h]);
  if (contradicts) return "contradicted";
  return named.length < HINT_NAMES.length ? "partial" : "complete";
}

/** What a server author should declare for one tool, or undefined when its annotations are complete and agree. */
export function annotationFix(annotations: unknown, predicted: Hints, signals: readonly string[]): AnnotationFix | undefined {
  const status = annotationStatus(annotations, predicted, signals);
  if (status === "complete") return undefined;
  const declared = declaredHints(annotations);
  return {
    status,
    declared,
    suggested: predicted,
    contradicted: HINT_NAMES.filter((h) => h in declared && declared[h] !== predicted[h] && (h === "readOnlyHint" || h === "destructiveHint")),
    absent: HINT_NAMES.filter((h) => !(h in declared)),
  };
}

export const COVERAGES = ["full", "partial", "none"] as const;
export type Coverage = (typeof COVERAGES)[number];

/** How many of a server's tools declare any of the four hints, and all four. */
export interface HintCounts {
  tools: number;
  annotated: number;
  fullyAnnotated: number;
}

/** A server's coverage: every tool declares all four hints, some hints are declared, or none at all. */
export function coverageOf(c: HintCounts): Coverage {
  if (c.tools > 0 && c.fullyAnnotated === c.tools) return "full";
  return c.annotated > 0 ? "partial" : "none";
}

export function annotationCoverage(tools: readonly { annotations: unknown }[]): Coverage {
  const declared = tools.map((t) => Object.keys(declaredHints(t.annotations)).length);
  return coverageOf({ tools: declared.length, annotated: declared.filter((n) => n > 0).length, fullyAnnotated: declared.filter((n) => n === HINT_NAMES.length).length });
}
