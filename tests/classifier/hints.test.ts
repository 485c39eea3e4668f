import { describe, expect, it } from "vitest";
import { classifyTool } from "../../classifier/classify.js";
import { hintClassOf, hintClassOfCategory } from "../../classifier/hints.js";
import type { ToolInput } from "../../classifier/tool.js";

const tool = (name: string, description?: string, extra: Partial<ToolInput> = {}): ToolInput => ({ name, description, annotations: undefined, ...extra });
const rules = (t: ToolInput) => classifyTool(t, undefined, { model: null });

describe("hints in the specification's meaning", () => {
  it("a read is read-only, idempotent, not destructive", () => {
    expect(rules(tool("list_issues", "List issues in a repository")).hints).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true });
  });

  it("a delete is destructive and idempotent; an additive create is neither", () => {
    expect(rules(tool("delete_branch", "Delete a branch")).hints).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    expect(rules(tool("create_issue", "Create a new issue")).hints).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
  });

  it("an overwrite is a write for policy and a non-additive change for the hints", () => {
    const c = rules(tool("update_config", "Replace the configuration; overwrites the previous values"));
    expect(c.category).toBe("write");
    expect(c.hints.destructiveHint).toBe(true);
    expect(hintClassOfCategory("write", true)).toBe("destructive");
    expect(hintClassOfCategory("write", false)).toBe("write");
    expect(hintClassOfCategory("execute", false)).toBe("destructive");
    expect(hintClassOfCategory("execute", false, false)).toBe("write");
  });

  it("a replace or a reset is not additive whatever else the text says; a plain update may be", () => {
    const replace = rules(tool("str_replace", "Replace an exact string in a file"));
    expect(replace.category).toBe("write");
    expect(replace.hints.destructiveHint).toBe(true);
    expect(rules(tool("reset_filters", "Reset the saved filters to their defaults")).hints.destructiveHint).toBe(true);
    expect(rules(tool("update_issue_title", "Update the title of an issue")).hints.destructiveHint).toBe(false);
  });

  it("computing over given data or working on local files is a closed world; a web service is open", () => {
    expect(rules(tool("calculate_total", "Calculate the total of the given numbers")).hints.openWorldHint).toBe(false);
    expect(rules(tool("read_file", "Read a file from disk")).hints.openWorldHint).toBe(false);
    expect(rules(tool("search_web", "Search the web")).hints.openWorldHint).toBe(true);
  });

  it("the hint class reads hints the way the evaluation reads declared ones", () => {
    expect(hintClassOf({ readOnlyHint: true, destructiveHint: true })).toBe("read");
    expect(hintClassOf({ readOnlyHint: false, destructiveHint: true })).toBe("destructive");
    expect(hintClassOf({ readOnlyHint: false, destructiveHint: false })).toBe("write");
  });
});
