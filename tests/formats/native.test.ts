// The native export is PolicyLayer's policy.json and nothing else: a strict schema of the documented
// fields reads every export, approval and denial are never loosened, and what is lost is said.
import { describe, expect, it } from "vitest";
import { exportPolicy, renderPolicy, UnrepresentableNameError, type PolicyExport } from "../../classifier/formats/formats.js";
import { parseNativePolicy } from "../../classifier/formats/native-schema.js";
import { buildPolicy, ruleForRisk } from "../../classifier/policy.js";
import type { Risk } from "../../classifier/taxonomy.js";

function exportOf(tools: [string, Risk][], extra: Partial<PolicyExport> = {}): PolicyExport {
  return { server: { key: "io.github.github/github-mcp-server" }, policy: buildPolicy(tools.map(([n, r]) => [n, ruleForRisk(n, r, `${n} is risky`)] as const)), ...extra };
}

const GITHUB: [string, Risk][] = [
  ["list_issues", "low"],
  ["create_issue", "medium"],
  ["merge_pull_request", "high"],
  ["delete_file", "critical"],
];

describe("the strict policy.json schema", () => {
  it("accepts the documentation's own examples", () => {
    expect(() =>
      parseNativePolicy({ version: "1", default: "deny", hide: ["delete_account"], all_tools: { limits: [] }, tools: { create_charge: { require: [], deny_if: [], limits: [] } } }),
    ).not.toThrow();
    expect(() => parseNativePolicy({ version: "1", default: "deny", tools: { list_customers: {} } })).not.toThrow();
    expect(() =>
      parseNativePolicy({ version: "1", default: "deny", tools: { "policies.create": { limits: [{ counter: "policies.create_rate", window: "minute", max: 30, scope: "grant" }] } } }),
    ).not.toThrow();
    expect(() => parseNativePolicy({ version: "1", default: "deny", hide: ["policies.remove"] })).not.toThrow();
  });

  it.each([
    ["a per-tool action", { version: "1", default: "deny", tools: { x: { action: "deny" } } }],
    ["a per-tool reason", { version: "1", default: "deny", tools: { x: { reason: "no" } } }],
    ["an unknown top-level key", { version: "1", default: "deny", tools: {}, description: "x" }],
    ["a tool named __proto__ with an unknown key", JSON.parse('{"version":"1","default":"deny","tools":{"__proto__":{"action":"deny"}}}')],
    ["an unknown key in a limit", { version: "1", default: "deny", tools: { x: { limits: [{ counter: "c", window: "minute", max: 1, scope: "grant", burst: 2 }] } } }],
    ["an unknown key in a condition", { version: "1", default: "deny", tools: { x: { deny_if: [{ path: "args.a", op: "eq", value: 1, why: "x" }] } } }],
    ["a condition outside args", { version: "1", default: "deny", tools: { x: { require: [{ path: "state.x", op: "eq", value: 1 }] } } }],
    ["version 2", { version: "2", default: "deny" }],
    ["no default", { version: "1" }],
  ])("rejects %s", (_, doc) => {
    expect(() => parseNativePolicy(doc)).toThrow();
  });
});

describe("the native export", () => {
  it("lists allowed tools as {} and limited ones with their limits; approval and denial are not listed, and stderr says so", () => {
    const { text, warnings } = exportPolicy("native", exportOf(GITHUB));
    expect(JSON.parse(text)).toEqual({
      version: "1",
      default: "deny",
      tools: { create_issue: { limits: [{ counter: "create_issue_rate", window: "minute", max: 30, scope: "grant" }] }, list_issues: {} },
    });
    expect(warnings).toEqual(["native: merge_pull_request: needs approval, which native cannot express; denied instead"]);
  });

  it("with hideDenied, lists denied tools in hide; a tool needing approval stays unlisted", () => {
    const doc = parseNativePolicy(JSON.parse(renderPolicy("native", exportOf(GITHUB, { hideDenied: true }))));
    expect(doc.hide).toEqual(["delete_file"]);
    expect(Object.keys(doc.tools ?? {}).sort()).toEqual(["create_issue", "list_issues"]);
  });

  it("refuses to write a tool named * (every tool, to PolicyLayer), and leaves it out when it is denied anyway", () => {
    expect(() => renderPolicy("native", exportOf([["*", "low"]]))).toThrowError(UnrepresentableNameError);
    expect(() => renderPolicy("native", exportOf([["*", "critical"]], { hideDenied: true }))).toThrowError(/"\*" is PolicyLayer's wildcard/);
    expect(JSON.parse(renderPolicy("native", exportOf([["*", "critical"], ["ok", "low"]])))).toEqual({ version: "1", default: "deny", tools: { ok: {} } });
  });

  it("a tool named __proto__ is an ordinary key", () => {
    const doc = parseNativePolicy(JSON.parse(renderPolicy("native", exportOf([["__proto__", "low"]]))));
    expect(Object.keys(doc.tools ?? {})).toEqual(["__proto__"]);
  });
});
