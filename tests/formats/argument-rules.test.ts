// Per-action rules of real consolidated tools in every dialect, each checked by its own parser or
// validator: policy.json through its strict schema and evaluated on sample calls, Cedar through
// Cedar's validator with a generated schema and its authorizer, Intercept and agentgateway as YAML,
// Codex as TOML; the dialects that cannot read arguments fall back to the strictest rule and say so; a sink
// gated by --gate-flows lets none of its actions through.
import { isAuthorized, validate } from "@cedar-policy/cedar-wasm/nodejs";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { classifyServer } from "../../classifier/classify.js";
import { cedarSchema } from "../../classifier/formats/cedar.js";
import { exportPolicy, type PolicyExport } from "../../classifier/formats/formats.js";
import { parseNativePolicy } from "../../classifier/formats/native-schema.js";
import { gateSink } from "../../classifier/flows.js";
import { buildPolicy, ruleForRisk, type Rule } from "../../classifier/policy.js";
import type { ToolInput } from "../../classifier/tool.js";
import { fixtureTools } from "../helpers/fixture-tools.js";
import { nativeAllows } from "../helpers/native-evaluator.js";

function exportFor(key: string, tools: ToolInput[]): PolicyExport {
  const classified = classifyServer({ name: key, tools });
  return { server: { key }, policy: buildPolicy(tools.map((t, i) => [t.name, classified[i]!.rule] as const)) };
}

const github = exportFor("io.github.github/github-mcp-server", fixtureTools("labeled/github-mcp-server.jsonl"));
const postgres = exportFor("npm:@henkey/postgres-mcp-server", fixtureTools("servers/henkey-postgres-mcp-server.jsonl"));

/** Sample calls and whether a policy that reads arguments lets each through. */
const CALLS: [server: PolicyExport, tool: string, args: Record<string, unknown>, allowed: boolean][] = [
  [github, "label_write", { method: "create", owner: "o", repo: "r", name: "bug" }, true],
  [github, "label_write", { method: "delete", owner: "o", repo: "r", name: "bug" }, false],
  [github, "label_write", { owner: "o", repo: "r", name: "bug" }, false], // no method: not an allowed action
  [github, "label_write", { method: "purge_all" }, false], // a value the schema never listed
  [github, "issue_dependency_write", { method: "add" }, true],
  [github, "issue_dependency_write", { method: "remove" }, true], // removes the link between two issues: neither is deleted (a write)
  [github, "issue_read", { method: "get" }, true],
  [github, "delete_file", { path: "x" }, false],
  [postgres, "pg_manage_functions", { operation: "get" }, true],
  [postgres, "pg_manage_functions", { operation: "drop", functionName: "f" }, false],
  [postgres, "pg_execute_mutation", { operation: "insert", table: "t" }, true],
  [postgres, "pg_execute_mutation", { operation: "delete", table: "t" }, false],
  [postgres, "pg_execute_sql", { sql: "select 1" }, false], // raw SQL, unlimited: needs approval, so not callable unattended
];

describe("native: policy.json with require / deny_if on the action argument", () => {
  it.each(CALLS)("%#: %s %j → allowed %s", (server, tool, args, allowed) => {
    const doc = parseNativePolicy(JSON.parse(exportPolicy("native", server).text));
    expect(nativeAllows(doc, tool, args)).toBe(allowed);
  });

  it("writes the allowed values as require, the refused as deny_if, and the tightest limit of an allowed value", () => {
    const doc = parseNativePolicy(JSON.parse(exportPolicy("native", github).text));
    expect(doc.tools!.label_write).toEqual({
      require: [{ path: "args.method", op: "in", value: ["create", "update"] }],
      deny_if: [{ path: "args.method", op: "in", value: ["delete"] }],
      limits: [{ counter: "label_write_rate", window: "minute", max: 30, scope: "grant" }],
    });
  });

  it("names each refused action that needed approval on stderr", () => {
    const { warnings } = exportPolicy("native", github);
    expect(warnings).toContainEqual(expect.stringMatching(/^native: projects_write: method=add_project_item needs approval, which native cannot express; denied instead$/));
  });
});

describe("cedar: the action value in the request context behind a has guard", () => {
  const rendered = (server: PolicyExport) => exportPolicy("cedar", server).text;
  const policies = (server: PolicyExport) => (parseYaml(rendered(server)) as { cedar: { policies: string[] } }).cedar.policies.join("\n");

  it.each([github, postgres])("Cedar's validator accepts the policy set against the generated schema (strict mode)", (server) => {
    const answer = validate({ validationSettings: { mode: "strict" }, schema: cedarSchema(server.policy) as never, policies: { staticPolicies: policies(server) } });
    expect(answer.type).toBe("success");
    if (answer.type === "success") expect(answer.validationErrors).toEqual([]);
  });

  it("without its has guard, the validator rejects a read of an optional argument", () => {
    const unguarded = policies(github).replace(/context has arg_method && /g, "");
    const answer = validate({ validationSettings: { mode: "strict" }, schema: cedarSchema(github.policy) as never, policies: { staticPolicies: unguarded } });
    expect(answer.type === "success" ? answer.validationErrors.length : 1).toBeGreaterThan(0);
  });

  it.each(CALLS)("%#: Cedar's authorizer decides %s %j → allowed %s", (server, tool, args, allowed) => {
    const context = Object.fromEntries(Object.entries(args).map(([k, v]) => [`arg_${k}`, v as string]));
    const answer = isAuthorized({
      principal: { type: "Client", id: "agent" },
      action: { type: "Action", id: "call_tool" },
      resource: { type: "Tool", id: tool },
      context,
      policies: { staticPolicies: policies(server) },
      entities: [],
    });
    expect(answer.type).toBe("success");
    if (answer.type === "success") expect(answer.response.decision).toBe(allowed ? "allow" : "deny");
  });
});

describe("cedar: ToolHive's tools/list and a tool allowed only for some actions", () => {
  // ToolHive (pkg/authz/tool_filter.go) keeps a tool in tools/list only when Cedar permits call_tool on it with no
  // arguments in the context; a call by name is authorized with its arguments.
  const decide = (tool: string, context: Record<string, string>) => {
    const policies = (parseYaml(exportPolicy("cedar", github).text) as { cedar: { policies: string[] } }).cedar.policies.join("\n");
    const answer = isAuthorized({
      principal: { type: "Client", id: "agent" },
      action: { type: "Action", id: "call_tool" },
      resource: { type: "Tool", id: tool },
      context,
      policies: { staticPolicies: policies },
      entities: [],
    });
    if (answer.type !== "success") throw new Error(JSON.stringify(answer));
    return answer.response.decision;
  };

  it("the list check (no arguments) refuses label_write, the call with an allowed method passes, a plain allowed tool is listed", () => {
    expect(decide("label_write", {})).toBe("deny");
    expect(decide("label_write", { arg_method: "create" })).toBe("allow");
    expect(decide("get_me", {})).toBe("allow");
  });

  it("says so: one warning per such tool on stderr, and in the tool's comment", () => {
    const { text, warnings } = exportPolicy("cedar", github);
    expect(warnings).toContain(
      "cedar: label_write: ToolHive lists a tool only if a call without arguments is permitted, so this one is left out of tools/list; a call by name with method create, update is allowed",
    );
    expect(warnings.filter((w) => /left out of tools\/list/.test(w)).length).toBeGreaterThan(1);
    expect(text).toMatch(/# label_write: method create, update allowed; delete \(denied\); not in ToolHive's tools\/list \(checked without arguments\)\n/);
    // A tool allowed outright says nothing of the kind.
    expect(warnings.join("\n")).not.toMatch(/^cedar: get_me:/m);
  });
});

describe("intercept: an evaluate rule admits the allowed actions", () => {
  it("label_write: a condition on args.method, then its rate limit", () => {
    const doc = parseYaml(exportPolicy("intercept", github).text) as { tools: Record<string, { rules: unknown[] }> };
    expect(doc.tools.label_write!.rules).toEqual([
      { name: "allowed actions", conditions: [{ path: "args.method", op: "in", value: ["create", "update"] }], on_deny: expect.stringMatching(/^Only method create, update may be called; delete/) },
      expect.objectContaining({ rate_limit: "30/minute" }),
    ]);
  });
});

describe("intercept: a consolidated tool whose name holds a \".\" and whose allowed actions carry a limit", () => {
  // Intercept counts a rate limit at state.<tool>.<counter>, split at ".": it cannot count calls of `label.write`, so the
  // allowed actions (each limited to 30 a minute) cannot be admitted without losing their limit; the tool is denied whole.
  const limit = ruleForRisk("label.write", "medium", "");
  const withDelete = (risk: "high" | "critical"): PolicyExport => {
    const strictest = ruleForRisk("label.write", risk, "method=delete: destructive action");
    const rule: Rule = { ...strictest, byArgument: { argument: "method", values: { create: limit, update: limit, delete: strictest } } };
    return { server: { key: "x/y" }, policy: buildPolicy([["label.write", rule]]) };
  };

  it.each(["critical", "high"] as const)("denies the tool whole, and says that its allowed actions were lost and why (delete %s)", (risk) => {
    const { text, warnings } = exportPolicy("intercept", withDelete(risk));
    const doc = parseYaml(text) as { tools: Record<string, { rules: { action?: string; conditions?: unknown }[] }> };
    expect(doc.tools["label.write"]!.rules).toEqual([expect.objectContaining({ action: "deny" })]);
    expect(warnings.filter((w) => w.startsWith("intercept: label.write: per-action"))).toHaveLength(1);
    expect(warnings).toContain(
      'intercept: label.write: per-action rules (method: create, update allowed; delete not) cannot be expressed: the limit 30/minute of the allowed actions cannot be counted for a name containing "."; denied instead',
    );
    expect(text).toContain('# label.write: per-action rules cannot be written: the limit 30/minute of the allowed actions cannot be counted for a name containing "."; denied instead\n');
  });
});

describe("dialects that cannot read arguments: the strictest action's rule, and a warning naming what was lost", () => {
  const lost = /^(claude-code|codex|agentgateway): label_write: per-action rules \(method: create, update allowed; delete not\) cannot be expressed; the strictest action's rule \(deny\) applies to every call$/;

  it("says so when no action of a tool is allowed", () => {
    // actions_run_trigger: every method starts, reruns, cancels or deletes a run; the warning once read "method:  allowed".
    expect(exportPolicy("claude-code", github).warnings).toContainEqual(
      expect.stringMatching(/^claude-code: actions_run_trigger: per-action rules \(method: none allowed; run_workflow, [a-z_, ]+ not\) cannot be expressed; the strictest action's rule \(deny\) applies to every call$/),
    );
  });

  it("claude-code denies label_write outright", () => {
    const { text, warnings } = exportPolicy("claude-code", github);
    expect((JSON.parse(text) as { permissions: { deny: string[] } }).permissions.deny).toContain("mcp__github-mcp-server__label_write");
    expect(warnings).toContainEqual(expect.stringMatching(lost));
  });

  it("codex disables label_write (read back with a TOML parser)", () => {
    const { text, warnings } = exportPolicy("codex", github);
    const doc = parseToml(text) as { mcp_servers: Record<string, { disabled_tools: string[] }> };
    expect(doc.mcp_servers["github-mcp-server"]!.disabled_tools).toContain("label_write");
    expect(warnings).toContainEqual(expect.stringMatching(lost));
  });

  it("agentgateway denies label_write (read back with a YAML parser)", () => {
    const { text, warnings } = exportPolicy("agentgateway", github);
    const rules = (parseYaml(text) as { mcpAuthorization: { rules: unknown[] } }).mcpAuthorization.rules;
    expect(rules).toContainEqual({ deny: 'mcp.tool.target == "github-mcp-server" && mcp.tool.name == "label_write"' });
    expect(warnings).toContainEqual(expect.stringMatching(lost));
  });
});

describe("--gate-flows: no action of a gated sink passes without approval in a dialect that reads arguments", () => {
  // Plain rules of two consolidated sink tools: one whose strictest action is denied, one whose strictest needs approval.
  const remove = ruleForRisk("sub_issue_write", "critical", "method=remove: Irreversible: removes a sub issue");
  const send = ruleForRisk("message_write", "high", "method=send: Sends a message");
  const rules: [string, Rule][] = [
    ["sub_issue_write", { ...remove, byArgument: { argument: "method", values: { add: ruleForRisk("sub_issue_write", "medium", ""), remove } } }],
    ["message_write", { ...send, byArgument: { argument: "method", values: { draft: ruleForRisk("message_write", "medium", ""), send } } }],
  ];
  const gated: PolicyExport = { server: { key: "example.sinks" }, policy: buildPolicy(rules.map(([name, rule]) => [name, gateSink(name, rule)])) };
  const calls: [tool: string, method: string][] = [
    ["sub_issue_write", "add"],
    ["sub_issue_write", "remove"],
    ["message_write", "draft"],
    ["message_write", "send"],
  ];

  it.each(calls)("cedar: Cedar's authorizer denies %s method=%s", (tool, method) => {
    const policies = (parseYaml(exportPolicy("cedar", gated).text) as { cedar: { policies: string[] } }).cedar.policies.join("\n");
    const answer = isAuthorized({
      principal: { type: "Client", id: "agent" },
      action: { type: "Action", id: "call_tool" },
      resource: { type: "Tool", id: tool },
      context: { arg_method: method },
      policies: { staticPolicies: policies },
      entities: [],
    });
    expect(answer.type).toBe("success");
    if (answer.type === "success") expect(answer.response.decision).toBe("deny");
  });

  it.each(calls)("native: policy.json refuses %s method=%s", (tool, method) => {
    expect(nativeAllows(parseNativePolicy(JSON.parse(exportPolicy("native", gated).text)), tool, { method })).toBe(false);
  });

  it("intercept: each tool's first rule denies every call, with no condition admitting an action", () => {
    const doc = parseYaml(exportPolicy("intercept", gated).text) as { tools: Record<string, { rules: { action?: string; conditions?: unknown }[] }> };
    for (const [tool] of rules) {
      expect(doc.tools[tool]!.rules[0]).toMatchObject({ action: "deny" });
      expect(doc.tools[tool]!.rules.some((r) => r.conditions)).toBe(false);
    }
  });
});
