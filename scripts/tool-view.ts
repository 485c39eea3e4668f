// How a catalogued tool is shown: the JSON entry of `risk`/`search`, and its readable text block.
import type { ReviewedBy } from "../classifier/classify.js";
import { plural } from "../classifier/plural.js";
import type { NameSummary } from "../db/lookups.js";
import type { CurrentEntry } from "./current-verdicts.js";
import { nameText, safeText, truncate, type Style } from "./terminal.js";

export interface ToolView {
  server: string;
  tool: string;
  category: string | null;
  risk: string | null;
  confidence: number | null;
  rationale: string | null;
  signals: string[];
  /** What the server itself declares (MCP annotations), shown beside the inferred category. */
  annotations: Record<string, unknown> | null;
  rule: Record<string, unknown> | null;
  /** MCP's hints as the classifier predicts them from the tool's text. */
  hints: Record<string, boolean> | null;
  classifierVersion: string | null;
  /** How the verdict was reached: rules, annotations (the server's own hints), or rules+model. */
  method: string | null;
  /** The model and prompt version whose verdict was applied (method rules+model). */
  reviewedBy: ReviewedBy | null;
  /** Whether the verdict is the catalog's stored one; false: the current classifier's, made now, which the next refresh stores. */
  stored: boolean;
  /** The classifier version of the verdict the catalog stores for the tool (null: none). */
  storedClassifierVersion: string | null;
}

export function toolView(e: CurrentEntry): ToolView {
  const c = e.classification;
  return {
    server: e.server,
    tool: e.tool,
    category: c?.category ?? null,
    risk: c?.risk ?? null,
    confidence: c ? Math.round(c.confidence * 100) / 100 : null,
    rationale: c?.rationale ?? null,
    signals: c?.signals ?? [],
    annotations: e.annotations,
    rule: c?.rule ?? null,
    hints: c?.hints ?? null,
    classifierVersion: c?.classifierVersion ?? null,
    method: c?.method ?? null,
    reviewedBy: c?.reviewModel && c.reviewPromptVersion ? { model: c.reviewModel, promptVersion: c.reviewPromptVersion } : null,
    stored: e.stored,
    storedClassifierVersion: e.storedClassifierVersion,
  };
}

/**
 * A verdict classified now, in a sentence: "the current classifier's verdict (learned-48), not yet stored: the catalog
 * holds learned-47's; the next refresh stores it". Undefined for a stored verdict.
 */
export function unstoredText(v: Pick<ToolView, "stored" | "storedClassifierVersion" | "classifierVersion">): string | undefined {
  if (v.stored) return undefined;
  const held =
    v.storedClassifierVersion === null ? "the catalog holds none" : v.storedClassifierVersion === v.classifierVersion ? "the catalog holds one of its older definition" : `the catalog holds ${v.storedClassifierVersion}'s`;
  return `the current classifier's verdict (${v.classifierVersion}), not yet stored: ${held}; the next refresh stores it`;
}

/** How a verdict was reached, in a few words: "the rules", "the rules, reviewed by gpt-4o-mini (prompt review-1)". */
export function methodText(v: Pick<ToolView, "method" | "reviewedBy">): string | null {
  if (!v.method) return null;
  if (v.method === "annotations") return "the rules and the server's own annotations";
  if (v.reviewedBy) return `the rules, reviewed by the model ${v.reviewedBy.model} (prompt ${v.reviewedBy.promptVersion})`;
  return "the rules";
}

export const RISK_STYLE: Record<string, Style> = { low: "green", medium: "yellow", high: "magenta", critical: "red" };

function hints(annotations: Record<string, unknown> | null): string {
  if (!annotations) return "none declared";
  const parts = ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"]
    .filter((k) => typeof annotations[k] === "boolean")
    .map((k) => `${k}=${String(annotations[k])}`);
  return parts.length ? parts.join(", ") : "none declared";
}

/** A readable block for one tool; every untrusted string passes through safeText. */
export function renderToolText(v: ToolView, paint: (style: Style, text: string) => string): string {
  const risk = v.risk ? paint(RISK_STYLE[v.risk] ?? "bold", v.risk.toUpperCase()) : paint("dim", "not classified yet");
  const lines = [
    `${paint("bold", nameText(v.tool))}  ${paint("dim", "on")} ${nameText(v.server)}`,
    `  risk        ${risk}${v.category ? ` — ${v.category}, confidence ${v.confidence?.toFixed(2)}` : ""}`,
    `  declared    ${safeText(hints(v.annotations))}${v.signals.includes("annotation_conflict") ? paint("yellow", "  (contradicts the inferred class)") : ""}`,
  ];
  if (v.hints) lines.push(`  predicted   ${safeText(hints(v.hints))}`);
  if (v.signals.length) lines.push(`  signals     ${safeText(v.signals.join(", "))}`);
  if (v.rule) lines.push(`  rule        ${safeText(JSON.stringify(v.rule))}`);
  const method = methodText(v);
  // The method's id is in --json; the text says it in words ("decided by  the rules").
  if (method) lines.push(`  decided by  ${safeText(method)}`);
  const unstored = unstoredText(v);
  if (unstored) lines.push(`  verdict     ${paint("yellow", safeText(unstored))}`);
  if (v.rationale) lines.push(`  why         ${safeText(truncate(v.rationale, 800))}`);
  return lines.join("\n");
}

/** Who holds a tool name: "77 servers", or "1 server (2 tools)" when a server has it in two cases. */
export function holdersText(summary: Pick<NameSummary, "total" | "tools">): string {
  const servers = plural(summary.total, "server");
  return summary.tools === summary.total ? servers : `${servers} (${plural(summary.tools, "tool")})`;
}

/**
 * A name's tools that its groups count by a stored verdict not this classifier's (NameSummary.outdated, between an upgrade
 * and its refresh), in a sentence: "1980 of the name's 2000 tools are counted by their stored verdicts, not this classifier's
 * (learned-52): only the tools listed were classified again; …". Undefined when there are none.
 */
export function outdatedGroupsText(summary: Pick<NameSummary, "outdated" | "tools">, classifierVersion: string): string | undefined {
  if (summary.outdated === 0) return undefined;
  const one = summary.outdated === 1;
  return `${summary.outdated} of the name's ${plural(summary.tools, "tool")} ${one ? "is" : "are"} counted by ${one ? "its" : "their"} stored verdict${one ? "" : "s"}, not this classifier's (${classifierVersion}): only the tools listed were classified again; the next refresh stores every verdict`;
}
