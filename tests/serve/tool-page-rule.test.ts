// A tool page's rule in words agrees with the policy the page shows: a tool whose rule is decided per action (GitHub's
// label_write: create and update allowed at a rate, delete denied) is not summed up as "Deny label_write".
import { describe, expect, it } from "vitest";
import { toolPage } from "../../server/pages/render.js";
import type { ToolItem } from "../../server/views.js";

const limit = (window: string, max: number) => ({ counter: "label_write_rate", window, max, scope: "grant" });

function tool(rule: Record<string, unknown>): ToolItem {
  return {
    server: "io.github.github/github-mcp-server",
    tool: "label_write",
    title: null,
    description: "Create, update or delete a label.",
    category: "destructive",
    risk: "critical",
    confidence: 0.9,
    rationale: "It deletes a label.",
    signals: [],
    annotations: null,
    rule,
    hints: null,
    classifierVersion: "v",
    method: "rules",
    reviewedBy: null,
    stored: true,
    storedClassifierVersion: "v",
    page: "/servers/io.github.github%2Fgithub-mcp-server/tools/label_write",
  };
}

/** The paragraph under "How to control", as text. */
function ruleText(rule: Record<string, unknown>): string {
  const page = String(toolPage({ tool: tool(rule), removedAt: null, others: { items: [], total: 0 }, history: [], policies: [] }));
  const paragraph = /<h2>How to control .*?<\/h2>\s*<p>(.*?)<\/p>/s.exec(page)?.[1] ?? "";
  return paragraph.replace(/<[^>]+>/g, "");
}

describe("a tool page's rule in words", () => {
  it("says each action's rule where the rule is decided by an argument, and that formats reading no arguments hold every call to the strictest", () => {
    const text = ruleText({
      action: "deny",
      reason: "Irreversible: deletes a label",
      byArgument: {
        argument: "method",
        values: { create: { limits: [limit("minute", 30)] }, update: { limits: [limit("minute", 30)] }, delete: { action: "deny", reason: "Irreversible: deletes a label" } },
      },
    });
    expect(text).toBe(
      "By its method argument, each action has its own rule: create, update: allowed, at most 30 calls a minute; delete: denied; " +
        "any other method value, or a call without one, is denied. " +
        "A format that cannot read arguments holds every call to the strictest: Deny label_write: Irreversible: deletes a label.",
    );
  });

  it("says that the action values the rule does not list are denied, naming the argument, however mild the listed ones", () => {
    const text = ruleText({ limits: [limit("minute", 30)], byArgument: { argument: "operation", values: { read: {}, write: { limits: [limit("minute", 30)] } } } });
    expect(text).toBe(
      "By its operation argument, each action has its own rule: read: allowed; write: allowed, at most 30 calls a minute; " +
        "any other operation value, or a call without one, is denied. A format that cannot read arguments holds every call to the strictest: Allow label_write, at most 30 calls a minute.",
    );
  });

  it("says that native and Intercept hold every call to the strictest when the argument's name holds a \".\", as their policies do", () => {
    const text = ruleText({
      action: "deny",
      reason: "Irreversible: deletes a label",
      byArgument: { argument: "params.method", values: { create: { limits: [limit("minute", 30)] }, delete: { action: "deny", reason: "Irreversible: deletes a label" } } },
    });
    expect(text).toBe(
      "By its params.method argument, each action has its own rule where a format reads it (cedar): create: allowed, at most 30 calls a minute; delete: denied; " +
        "any other params.method value, or a call without one, is denied. " +
        "native and intercept cannot read an argument whose name holds a dot (they would read a nested field), so they, like a format that cannot read arguments, " +
        "hold every call to the strictest: Deny label_write: Irreversible: deletes a label.",
    );
  });

  it("says that Intercept holds every call to the strictest when the tool's own name holds a \".\" and its allowed actions carry a limit, as its policy does", () => {
    const page = String(
      toolPage({
        tool: {
          ...tool({
            action: "deny",
            reason: "Irreversible: deletes a label",
            byArgument: { argument: "method", values: { create: { limits: [limit("minute", 30)] }, delete: { action: "deny", reason: "Irreversible: deletes a label" } } },
          }),
          tool: "label.write",
        },
        removedAt: null,
        others: { items: [], total: 0 },
        history: [],
        policies: [],
      }),
    );
    const text = (/<h2>How to control .*?<\/h2>\s*<p>(.*?)<\/p>/s.exec(page)?.[1] ?? "").replace(/<[^>]+>/g, "");
    expect(text).toBe(
      "By its method argument, each action has its own rule where a format reads it (native and cedar): create: allowed, at most 30 calls a minute; delete: denied; " +
        "any other method value, or a call without one, is denied. " +
        "intercept cannot count the limit of the allowed actions for a tool whose name holds a dot, so it, like a format that cannot read arguments, " +
        "holds every call to the strictest: Deny label.write: Irreversible: deletes a label.",
    );
  });

  it("reads the limits from the rule, not from the defaults", () => {
    expect(ruleText({ limits: [limit("hour", 5)] })).toBe("Allow label_write, at most 5 calls an hour.");
    expect(ruleText({ action: "require_approval", reason: "Runs code", limits: [limit("day", 1)] })).toBe("Ask a person before each call of label_write, at most 1 call a day.");
    expect(ruleText({ action: "deny", reason: "Irreversible" })).toBe("Deny label_write: Irreversible.");
    expect(ruleText({})).toBe("Allow label_write.");
  });
});

describe("a tool page's answer to how to block the tool", () => {
  /** The FAQ's answer, as text. */
  function blockAnswer(name: string): string {
    const page = String(toolPage({ tool: { ...tool({ action: "deny", reason: "Irreversible" }), tool: name }, removedAt: null, others: { items: [], total: 0 }, history: [], policies: [] }));
    const answer = /<dt>How do I block .*?<\/dt><dd>(.*?)<\/dd>/s.exec(page)?.[1] ?? "";
    return answer.replace(/<[^>]+>/g, "").replace(/&quot;/g, '"');
  }

  it("names the tool as Claude Code matches it: a rule naming list.items as the server writes it would deny nothing", () => {
    const answer = blockAnswer("list.items");
    expect(answer).toContain("mcp__SERVER__list_items under permissions.deny");
    expect(answer).not.toContain("mcp__SERVER__list.items");
  });

  it("tells the native policy's own way to deny (no key it does not have): leave the tool out of tools, or hide it", () => {
    const answer = blockAnswer("label_write");
    expect(answer).not.toContain('"action"');
    expect(answer).toContain("in the native policy leave it out of tools (its default is deny) or list it in hide");
  });
});
