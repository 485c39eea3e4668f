// applyVerdict on plain data: what a model's verdict does to a classification's predicted hints.
import { describe, expect, it } from "vitest";
import { classifyTool, type Classification } from "../../classifier/classify.js";
import { applyVerdict, type ReviewVerdict } from "../../classifier/review.js";
import type { ToolInput } from "../../classifier/tool.js";

const MODEL = { model: "local-model", promptVersion: "review-1" };
const tool: ToolInput = { name: "refresh_view", description: "Shows the view. Overwrites the saved layout with the current one.", annotations: undefined };
const asWrite: ReviewVerdict = { index: 0, category: "write", risk: "medium", rationale: "It saves over the layout.", quotes: ["Overwrites the saved layout"], instructsReviewer: false };

/** The tool as the classifier might have read it: a read whose evidence still names the overwrite. */
function readWith(signal: string): Classification {
  const c = classifyTool(tool);
  return { ...c, category: "read", risk: "low", hints: { ...c.hints, readOnlyHint: true, destructiveHint: false }, evidence: [...c.evidence, { signal, source: "description", quote: "Overwrites the saved layout", weight: 1 }] };
}

describe("a model verdict that changes the category", () => {
  it("keeps an overwrite or a removed link destructive in the hints, though a write for policy", () => {
    for (const signal of ["overwrite", "unlink"]) {
      const { classification } = applyVerdict(tool, readWith(signal), asWrite, MODEL);
      expect(classification.category).toBe("write");
      expect(classification.hints).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    }
  });

  it("makes an additive write non-destructive", () => {
    const c = classifyTool(tool);
    const plain: Classification = { ...c, category: "read", risk: "low", evidence: c.evidence.filter((e) => e.signal !== "overwrite" && e.signal !== "unlink") };
    const { classification } = applyVerdict(tool, plain, asWrite, MODEL);
    expect(classification.hints).toMatchObject({ readOnlyHint: false, destructiveHint: false });
  });
});
