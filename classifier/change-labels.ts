// Semantic labels for the change feed: what a reviewer of a tool change needs to notice.
import { classifyTool } from "./classify.js";

export interface ToolChange {
  tool: string;
  kind: string;
  details: unknown;
  /**
   * The tool's category right after the change (the classification of the definition it left), when that
   * was classified: an old change is labelled by what the tool was then, not by what it is now.
   */
  category: string | null;
  /** Its category right before the change, when known. */
  previousCategory: string | null;
}

/** Classes a change is called out for reaching: the ones a reviewer must not miss (critical risk). */
const ALARMING = ["destructive", "financial"];

/** "became destructive" when the change took a tool of a known, milder class into an alarming one. */
function became(change: ToolChange): string[] {
  const { category, previousCategory } = change;
  if (category === null || previousCategory === null || !ALARMING.includes(category) || ALARMING.includes(previousCategory)) return [];
  return [`became ${category}`];
}

function aimsAtModel(tool: string, description: string | null | undefined): boolean {
  if (!description) return false;
  return classifyTool({ name: tool, description, annotations: undefined }).signals.includes("prompt_injection");
}

function flipped(details: unknown, hint: string): string | undefined {
  const d = details as { old?: Record<string, unknown> | null; new?: Record<string, unknown> | null } | null;
  const before = d?.old?.[hint];
  const after = d?.new?.[hint];
  return before === after ? undefined : `${hint} flipped (${before === undefined ? "absent" : String(before)} → ${after === undefined ? "absent" : String(after)})`;
}

/** One or more labels per change row; pure, so the feed reads the same in text and JSON. */
export function changeLabels(change: ToolChange): string[] {
  switch (change.kind) {
    case "added": {
      // A tool listed again after it was removed is not new to a reviewer, but what it can do still is.
      const noun = (change.details as { reappeared?: boolean } | null)?.reappeared ? "returned" : "new";
      if (change.category !== null && ALARMING.includes(change.category)) return [`${noun} ${change.category} tool`];
      return [`${noun} tool`];
    }
    case "removed":
      return ["removed tool"];
    case "annotations_changed": {
      const labels = ["readOnlyHint", "destructiveHint"].flatMap((h) => flipped(change.details, h) ?? []);
      return [...(labels.length ? labels : ["annotations changed"]), ...became(change)];
    }
    case "description_changed": {
      const d = change.details as { old?: string | null; new?: string | null } | null;
      const label = aimsAtModel(change.tool, d?.new) && !aimsAtModel(change.tool, d?.old) ? "description gained text aimed at the model" : "description changed";
      return [label, ...became(change)];
    }
    case "schema_changed": {
      const d = change.details as { addedArguments?: string[]; removedArguments?: string[] } | null;
      const labels: string[] = [];
      if (d?.addedArguments?.length) labels.push(`new argument${d.addedArguments.length > 1 ? "s" : ""}: ${d.addedArguments.join(", ")}`);
      if (d?.removedArguments?.length) labels.push(`argument${d.removedArguments.length > 1 ? "s" : ""} removed: ${d.removedArguments.join(", ")}`);
      return [...(labels.length ? labels : ["schema changed"]), ...became(change)];
    }
    case "title_changed":
      return ["title changed", ...became(change)];
    default:
      return [change.kind];
  }
}
