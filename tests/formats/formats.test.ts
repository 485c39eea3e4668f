// Every export dialect, read back by its own parser: each tool appears once, with the decision its risk calls for.
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  defaultClientName,
  exportPolicy,
  exportWarnings,
  FORMAT_DESCRIPTIONS,
  FORMAT_NAMES,
  isFormatName,
  renderPolicy,
  UnrepresentableNameError,
  type FormatName,
  type PolicyExport,
} from "../../classifier/formats/formats.js";
import { commentText } from "../../classifier/formats/export.js";
import { parseNativePolicy } from "../../classifier/formats/native-schema.js";
import { buildPolicy, ruleForRisk, type Decision, type Policy, type Rule } from "../../classifier/policy.js";
import type { Risk } from "../../classifier/taxonomy.js";

const RISK_DECISION: Record<Risk, Decision> = { low: "allow", medium: "limit", high: "approve", critical: "deny" };

/** Real github-mcp-server tools (names from its __toolsnaps__, commit 64a49f34), a handful per risk. */
const GITHUB: [string, Risk][] = [
  ["get_me", "low"],
  ["list_issues", "low"],
  ["search_code", "low"],
  ["get_file_contents", "low"],
  ["create_issue", "medium"],
  ["add_issue_comment", "medium"],
  ["create_branch", "medium"],
  ["update_pull_request", "medium"],
  ["actions_run_trigger", "high"],
  ["merge_pull_request", "high"],
  ["push_files", "high"],
  ["delete_file", "critical"],
  ["delete_repository", "critical"],
];

/** Names that need quoting or escaping somewhere, including attempts to break out of a literal. */
const HOSTILE_NAMES = [
  "a.b.c",
  "a_b_c", // collides with a.b.c once Claude Code normalizes names
  "get-user",
  "with space",
  'quote"d',
  "single'quote",
  "back\\slash",
  "trailing\\",
  'mixed\\"both',
  "é-ünïcödé",
  "emoji😀",
  "日本語ツール",
  "new\nline",
  "cr\rreturn",
  "tab\tbed",
  "nul\u0000char",
  "del\u007fchar",
  "sep\u2028arator",
  "nel\u0085char",
  // Trojan Source: bidi overrides and isolates, zero-width characters, a tag character beyond the BMP.
  "admin\u202e_etirw",
  "read\u2066_file\u2069",
  "get\u200buser",
  "soft\u00adhyphen",
  "tag\u{e0041}char",
  'x"); forbid(principal, action, resource); //',
  'x" || true || "',
  '") || mcp.tool.name != ("',
  "\" && mcp.tool.target == \"other",
  "${HOME}",
  "__proto__",
  "constructor",
  "yes",
  "null",
  "1e3",
  "#not-a-comment",
  "- leading dash",
  "key: value",
  "[brackets]",
  "{braces}",
  "&anchor",
  "*",
  "'",
  '"',
  "\\",
  // Noncharacters: legal in a JSON, TOML or Cedar string, but go-yaml and libyaml refuse a file holding one raw.
  "non\ufffechar",
  "non\uffffchar",
];
const RISKS: Risk[] = ["low", "medium", "high", "critical"];
const HOSTILE: [string, Risk][] = HOSTILE_NAMES.map((name, i) => [name, RISKS[i % RISKS.length]!]);

function policyOf(tools: [string, Risk][], reason = (name: string) => `Because ${name} is risky`): Policy {
  return buildPolicy(tools.map(([name, risk]) => [name, ruleForRisk(name, risk, reason(name))] as const));
}

const githubExport: PolicyExport = {
  server: { key: "io.github.github/github-mcp-server" },
  policy: policyOf(GITHUB),
  generatedAt: "2026-09-01T12:00:00.000Z",
};

// A hostile reason and server key too: both end up in comments and messages.
const hostileExport: PolicyExport = {
  server: { key: "evil\nkey: injected\uffff", clientName: "weird.server name" },
  policy: policyOf(HOSTILE, (name) => `line one\nversion: "2"\n# ${name}\r\u2028*/ end\ufffe`),
  generatedAt: "2026-09-01T12:00:00.000Z\nversion: 9",
};

// ---- readers: each turns a dialect's text back into tool → decision, checking its shape on the way.

type Decisions = Map<string, Decision>;

function putOnce(out: Decisions, name: string, decision: Decision): void {
  expect(out.has(name), `tool ${JSON.stringify(name)} appears more than once`).toBe(false);
  out.set(name, decision);
}

/** policy.json through the strict schema of its documented fields; only allowed tools are listed. */
function readNative(text: string): Decisions {
  const policy = parseNativePolicy(JSON.parse(text));
  expect(policy.default).toBe("deny");
  expect(policy.hide).toBeUndefined();
  const out: Decisions = new Map();
  for (const [name, rule] of Object.entries(policy.tools ?? {})) putOnce(out, name, rule.limits?.length ? "limit" : "allow");
  return out;
}

interface InterceptRule {
  name?: unknown;
  action?: unknown;
  rate_limit?: unknown;
  on_deny?: unknown;
  conditions?: unknown;
  state?: unknown;
}

/** Intercept rules mean: none → allow; only rate limits → limit; "requires approval" deny → approve; other deny → deny. */
function readIntercept(text: string, limitsOf: (name: string) => string[]): Decisions {
  const doc = parseYaml(text) as { version: unknown; default: unknown; tools: Record<string, { rules: InterceptRule[] }> };
  expect(doc.version).toBe("1");
  expect(doc.default).toBe("deny");
  const out: Decisions = new Map();
  for (const [name, { rules }] of Object.entries(doc.tools)) {
    expect(name).not.toBe("*");
    const denies = rules.filter((r) => r.action === "deny");
    const limits = rules.filter((r) => r.rate_limit !== undefined);
    for (const rule of rules) {
      // What `intercept validate` checks: every rule named; deny rules carry no rate_limit/conditions.
      expect(typeof rule.name).toBe("string");
      expect(rule.name).not.toBe("");
      expect(typeof rule.on_deny).toBe("string");
      expect(rule.conditions).toBeUndefined();
      expect(rule.state).toBeUndefined();
      if (rule.action === "deny") expect(rule.rate_limit).toBeUndefined();
      else expect(rule.rate_limit).toMatch(/^[1-9]\d*\/(minute|hour|day)$/);
    }
    expect(denies.length + limits.length).toBe(rules.length);
    expect(denies.length).toBeLessThanOrEqual(1);
    // A dotted name cannot carry a counter (Intercept splits state.<tool>.<counter> on ".").
    if (name.includes(".")) expect(limits).toEqual([]);
    if (denies.length === 0) {
      expect(limits.map((r) => r.rate_limit)).toEqual(limitsOf(name));
      putOnce(out, name, limits.length ? "limit" : "allow");
    } else if (denies[0]!.name === "requires approval") {
      expect(denies[0]!.on_deny).toMatch(/^Requires approval/);
      if (!name.includes(".")) expect(limits.map((r) => r.rate_limit)).toEqual(limitsOf(name));
      putOnce(out, name, "approve");
    } else {
      expect(limits).toEqual([]);
      putOnce(out, name, "deny");
    }
  }
  return out;
}

function readClaudeCode(text: string): Map<string, "allow" | "ask" | "deny"> {
  const doc = JSON.parse(text) as { permissions: Record<string, string[]> };
  expect(Object.keys(doc)).toEqual(["permissions"]);
  expect(Object.keys(doc.permissions).sort()).toEqual(["allow", "ask", "deny"]);
  const out = new Map<string, "allow" | "ask" | "deny">();
  for (const list of ["allow", "ask", "deny"] as const) {
    for (const entry of doc.permissions[list]!) {
      expect(entry).toMatch(/^mcp__[A-Za-z0-9_-]+__[A-Za-z0-9_-]+$/);
      expect(out.has(entry), `${entry} is in more than one list`).toBe(false);
      out.set(entry, list);
    }
  }
  return out;
}

type CodexServer = { enabled?: boolean; enabled_tools?: string[]; disabled_tools?: string[]; tools?: Record<string, { approval_mode: string }> };

/**
 * Codex: disabled → deny; enabled with approval_mode "prompt" → approve; enabled → allow (no limits in Codex). A server
 * written `enabled = false` has no tool enabled (Codex does not start it).
 */
function readCodex(text: string, clientName: string): Decisions {
  const doc = parseToml(text) as { mcp_servers: Record<string, CodexServer> };
  expect(Object.keys(doc.mcp_servers)).toEqual([clientName]);
  const server = doc.mcp_servers[clientName]!;
  if (server.enabled === false) {
    expect(server.enabled_tools ?? []).toEqual([]);
    expect(server.tools).toBeUndefined();
    const out: Decisions = new Map();
    for (const name of server.disabled_tools ?? []) putOnce(out, name, "deny");
    return out;
  }
  expect(server.enabled).toBe(true);
  expect(server.enabled_tools).toBeDefined();
  const prompted = new Set<string>();
  for (const [name, config] of Object.entries(server.tools ?? {})) {
    expect(config).toEqual({ approval_mode: "prompt" });
    prompted.add(name);
  }
  const out: Decisions = new Map();
  for (const name of server.enabled_tools!) putOnce(out, name, prompted.has(name) ? "approve" : "allow");
  for (const name of server.disabled_tools!) putOnce(out, name, "deny");
  for (const name of prompted) expect(server.enabled_tools).toContain(name);
  return out;
}

/** Undoes Cedar's string escapes (\n \r \t \\ \0 \' \" \u{...}); anything else is an error. */
function cedarUnescape(body: string): string {
  return body.replace(/\\(u\{([0-9a-fA-F]{1,6})\}|.)/gsu, (_, esc: string, hex: string | undefined) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    const named: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\", "0": "\0", "'": "'", '"': '"' };
    const c = named[esc];
    if (c === undefined) throw new Error(`bad Cedar escape \\${esc}`);
    return c;
  });
}

// One whole statement, with the tool literal as the only variable part: an escape that let a quote
// through would end the literal early and the rest would not match.
const CEDAR_STATEMENT = /^(permit|forbid)\(principal, action == Action::"call_tool", resource == Tool::"((?:[^"\\\n\r]|\\.)*)"\);$/su;

function readCedar(text: string): Decisions {
  const doc = parseYaml(text) as { version: unknown; type: unknown; cedar: { policies: unknown[]; entities_json: unknown } };
  expect(doc.version).toBe("1.0");
  expect(doc.type).toBe("cedarv1");
  expect(doc.cedar.entities_json).toBe("[]");
  const out: Decisions = new Map();
  for (const statement of doc.cedar.policies) {
    expect(typeof statement).toBe("string");
    const match = CEDAR_STATEMENT.exec(statement as string);
    expect(match, `not a single call_tool statement: ${String(statement)}`).not.toBeNull();
    putOnce(out, cedarUnescape(match![2]!), match![1] === "permit" ? "allow" : "deny");
  }
  return out;
}

/** Undoes CEL's string escapes as written by the exporter (\\ \" \n \r \t \uXXXX \UXXXXXXXX). */
function celUnescape(body: string): string {
  return body.replace(/\\(u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|.)/gsu, (_, esc: string, hex: string | undefined, wide: string | undefined) => {
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    if (wide) return String.fromCodePoint(parseInt(wide, 16));
    const named: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\", '"': '"' };
    const c = named[esc];
    if (c === undefined) throw new Error(`bad CEL escape \\${esc}`);
    return c;
  });
}

const CEL_LITERAL = String.raw`"((?:[^"\\\n\r]|\\.)*)"`;
const CEL_RULE = new RegExp(`^mcp\\.tool\\.target == ${CEL_LITERAL} && mcp\\.tool\\.name == ${CEL_LITERAL}$`, "su");

/** agentgateway: a plain string allows, {deny: ...} denies; `false` is the keep-it-an-allow-list rule. */
function readAgentgateway(text: string, clientName: string): Decisions {
  const doc = parseYaml(text) as { mcpAuthorization: { rules: unknown[] } };
  expect(Object.keys(doc)).toEqual(["mcpAuthorization"]);
  const out: Decisions = new Map();
  let allowRules = 0;
  for (const rule of doc.mcpAuthorization.rules) {
    const denied = typeof rule === "object" && rule !== null;
    if (denied) expect(Object.keys(rule)).toEqual(["deny"]);
    const expression = denied ? (rule as { deny: unknown }).deny : rule;
    expect(typeof expression).toBe("string");
    if (!denied) allowRules += 1;
    if (expression === "false" && !denied) continue;
    const match = CEL_RULE.exec(expression as string);
    expect(match, `not a target+name rule: ${String(expression)}`).not.toBeNull();
    expect(celUnescape(match![1]!)).toBe(clientName);
    putOnce(out, celUnescape(match![2]!), denied ? "deny" : "allow");
  }
  // Without an allow rule agentgateway turns the list into a deny-list and admits everything else.
  expect(allowRules).toBeGreaterThan(0);
  return out;
}

// ---- expectations per dialect: the native decision, collapsed to what the dialect can say.

function expected(tools: [string, Risk][], collapse: (name: string, decision: Decision) => Decision): Decisions {
  return new Map(tools.map(([name, risk]) => [name, collapse(name, RISK_DECISION[risk])]));
}

const allowOrDeny = (_: string, d: Decision): Decision => (d === "limit" ? "allow" : d === "approve" ? "deny" : d);

function limitsOf(policy: Policy) {
  return (name: string) => (policy.tools[name]?.limits ?? []).map((l) => `${l.max}/${l.window}`);
}

function claudeExpected(tools: [string, Risk][], server: string): Map<string, "allow" | "ask" | "deny"> {
  const list = { low: "allow", medium: "allow", high: "ask", critical: "deny" } as const;
  const order = ["allow", "ask", "deny"];
  const out = new Map<string, "allow" | "ask" | "deny">();
  for (const [name, risk] of tools) {
    const rule = `mcp__${server}__${name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const seen = out.get(rule);
    if (!seen || order.indexOf(list[risk]) > order.indexOf(seen)) out.set(rule, list[risk]);
  }
  return out;
}

describe.each([
  ["github-mcp-server tools", githubExport, GITHUB, "github-mcp-server"],
  ["hostile names", hostileExport, HOSTILE, "weird.server name"],
] as const)("every dialect on %s", (_, input, tools, clientName) => {
  const render = (format: FormatName) => renderPolicy(format, input);

  it("native: policy.json lists the allowed tools (with their limits); approval and denial are not listed", () => {
    const safe = [...tools].filter(([name]) => name !== "*");
    const text = renderPolicy("native", { ...input, policy: policyOf(safe) });
    const listed = new Map([...expected(safe, (_, d) => d)].filter(([, d]) => d === "allow" || d === "limit"));
    expect(readNative(text)).toEqual(listed);
    for (const [name, rule] of Object.entries(parseNativePolicy(JSON.parse(text)).tools ?? {})) expect(rule.limits ?? []).toEqual(policyOf(safe).tools[name]!.limits ?? []);
  });

  it("intercept: rules per tool, approval as a deny that says so, limits as rate_limit", () => {
    const safe = [...tools].filter(([name]) => name !== "*");
    const text = renderPolicy("intercept", { ...input, policy: policyOf(safe) });
    const dotted = (name: string, d: Decision): Decision => (d === "limit" && name.includes(".") ? "deny" : d);
    expect(readIntercept(text, limitsOf(policyOf(safe)))).toEqual(expected(safe, dotted));
  });

  it("claude-code: every tool in exactly one of allow / ask / deny", () => {
    const server = clientName.replace(/[^A-Za-z0-9_-]/g, "_");
    expect(readClaudeCode(render("claude-code"))).toEqual(claudeExpected([...tools], server));
  });

  it("codex: enabled / disabled, approval as approval_mode prompt", () => {
    const noLimits = (_: string, d: Decision): Decision => (d === "limit" ? "allow" : d);
    expect(readCodex(render("codex"), clientName)).toEqual(expected([...tools], noLimits));
  });

  it("cedar: one permit or forbid per tool, the literal round-trips", () => {
    expect(readCedar(render("cedar"))).toEqual(expected([...tools], allowOrDeny));
  });

  it("agentgateway: one CEL rule per tool, target and name round-trip", () => {
    expect(readAgentgateway(render("agentgateway"), clientName)).toEqual(expected([...tools], allowOrDeny));
  });

  it("ends every document with a newline, and comments never spill onto a line of their own", () => {
    for (const format of FORMAT_NAMES) {
      const safe = format === "intercept" || format === "native" ? { ...input, policy: policyOf([...tools].filter(([n]) => n !== "*")) } : input;
      const text = renderPolicy(format, safe);
      expect(text.endsWith("\n")).toBe(true);
      // JSON may hold U+2028 inside a string; the formats with comments must not hold it anywhere.
      if (format !== "native" && format !== "claude-code") expect(text).not.toMatch(/[\u007f-\u009f\u2028\u2029\r]/u);
      for (const line of text.split("\n")) expect(line).not.toMatch(/^\s*(version: "2"|version: 9|key: injected)/);
    }
  });

  it("writes only what a YAML stream may hold (YAML 1.2 c-printable) in the YAML dialects: go-yaml (Intercept, ToolHive) and libyaml (agentgateway) refuse the whole file otherwise", () => {
    // go-yaml readerc.go: anything outside #x9 | #xA | #xD | [#x20-#x7E] | #x85 | [#xA0-#xD7FF] | [#xE000-#xFFFD] |
    // [#x10000-#x10FFFF] is "control characters are not allowed", in a comment or a quoted scalar alike.
    const notPrintable = /[^\t\n\r\u0020-\u007e\u0085\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
    for (const format of ["intercept", "cedar", "agentgateway"] as const) {
      const safe = format === "intercept" ? { ...input, policy: policyOf([...tools].filter(([n]) => n !== "*")) } : input;
      expect(renderPolicy(format, safe), format).not.toMatch(notPrintable);
    }
  });

  it("writes no invisible format character raw in any dialect: each one is an escape its parser reads back (the round-trips above)", () => {
    for (const format of FORMAT_NAMES) {
      const safe = format === "intercept" || format === "native" ? { ...input, policy: policyOf([...tools].filter(([n]) => n !== "*")) } : input;
      expect(renderPolicy(format, safe), format).not.toMatch(/[\u2028\u2029]|\p{Cf}/u);
    }
  });
});

describe("comments and reasons", () => {
  it("writes generatedAt and the server key as comments where the dialect has them", () => {
    for (const format of ["intercept", "codex", "cedar", "agentgateway"] as const) {
      const text = renderPolicy(format, githubExport);
      expect(text).toContain("# Generated 2026-09-01T12:00:00.000Z");
      expect(text).toContain("io.github.github/github-mcp-server");
    }
  });

  it("says in the document when a limit or an approval cannot be expressed", () => {
    expect(renderPolicy("codex", githubExport)).toMatch(/"create_issue", # recommended limit 30\/minute; Codex cannot rate-limit/);
    expect(renderPolicy("cedar", githubExport)).toMatch(/# merge_pull_request: needs approval: .*Cedar has no approval step/);
    expect(renderPolicy("agentgateway", githubExport)).toMatch(/# create_issue: recommended limit 30\/minute/);
    expect(renderPolicy("intercept", githubExport)).toMatch(/# push_files: needs approval; Intercept has no approval step/);
  });

  it("puts the reason in Intercept's on_deny messages", () => {
    const doc = parseYaml(renderPolicy("intercept", githubExport)) as { tools: Record<string, { rules: InterceptRule[] }> };
    expect(doc.tools.delete_repository!.rules).toEqual([
      { name: "denied", action: "deny", on_deny: "Denied by policy: Because delete_repository is risky." },
    ]);
    expect(doc.tools.merge_pull_request!.rules).toEqual([
      { name: "requires approval", action: "deny", on_deny: "Requires approval: Because merge_pull_request is risky. Blocked until a person allows it." },
      { name: "rate limit 10/hour", rate_limit: "10/hour", on_deny: "Rate limit of 10 calls per hour reached for merge_pull_request. Try again later." },
    ]);
  });
});

describe("special cases", () => {
  it("intercept refuses a tool named * (its wildcard key) with a typed error naming it", () => {
    const input: PolicyExport = { server: { key: "x/y" }, policy: policyOf([["*", "critical"], ["ok", "low"]]) };
    expect(() => renderPolicy("intercept", input)).toThrowError(UnrepresentableNameError);
    try {
      renderPolicy("intercept", input);
    } catch (error) {
      expect(error).toMatchObject({ format: "intercept", kind: "tool", value: "*" });
    }
    // The other dialects can say "*" literally (Claude Code's normalized form has no wildcard).
    for (const format of FORMAT_NAMES.filter((f) => f !== "intercept")) expect(() => renderPolicy(format, input)).not.toThrow();
  });

  it("--hide (hideDenied): native and intercept list a denied tool in `hide`; every other dialect keeps it out of the agent's list already", () => {
    const input: PolicyExport = { server: { key: "x/y" }, policy: policyOf([["delete_file", "critical"], ["get_me", "low"], ["merge", "high"]]) };
    for (const format of FORMAT_NAMES) {
      const plain = exportPolicy(format, input);
      const hidden = exportPolicy(format, { ...input, hideDenied: true });
      // No dialect is left unable to hide: --hide never adds a warning.
      expect(hidden.warnings, format).toEqual(plain.warnings);
      expect(hidden.warnings.join("\n"), format).not.toMatch(/cannot hide/);
      if (format !== "native" && format !== "intercept") expect(hidden.text, format).toBe(plain.text);
    }
    // Intercept's `hide` (POLICY.md): stripped from tools/list and denied on tools/call; the tool needing approval stays visible.
    const doc = (text: string) => parseYaml(text) as { hide?: string[]; tools: Record<string, { rules: InterceptRule[] }> };
    const plain = doc(renderPolicy("intercept", input));
    expect(plain.hide).toBeUndefined();
    expect(Object.keys(plain.tools)).toContain("delete_file");
    const hidden = doc(renderPolicy("intercept", { ...input, hideDenied: true }));
    expect(hidden.hide).toEqual(["delete_file"]);
    // Left out of `tools` too, so taking it off `hide` leaves it denied by `default: deny`.
    expect(Object.keys(hidden.tools).sort()).toEqual(["get_me", "merge"]);
    expect(renderPolicy("intercept", { ...input, hideDenied: true })).toMatch(/# delete_file: denied: Because delete_file is risky\n\s*- "delete_file"/);
  });

  it("--hide leaves a tool whose name is only white space denied under `tools`: Intercept refuses such a `hide` entry, and with it the whole file", () => {
    // Intercept's Validate (internal/config/validate.go), run before the proxy starts: a hide entry that strings.TrimSpace
    // empties is an error ("hide[0]: entry must not be empty"), so the proxy would not start at all.
    const blank = [" ", "\t", "\u00a0", "\u3000 \u2003"];
    const input: PolicyExport = {
      server: { key: "x/y" },
      policy: buildPolicy([...blank.map((name) => [name, ruleForRisk(name, "critical", "gone")] as const), ["delete_file", ruleForRisk("delete_file", "critical", "gone")], ["\u200b", ruleForRisk("\u200b", "critical", "gone")]]),
      hideDenied: true,
    };
    const { text, warnings } = exportPolicy("intercept", input);
    const doc = parseYaml(text) as { hide?: string[]; tools: Record<string, { rules: InterceptRule[] }> };
    // U+200B is no white space to Go (unicode.IsSpace), so it is hidden as any other name.
    expect(doc.hide).toEqual(["delete_file", "\u200b"]);
    for (const name of blank) {
      expect(doc.tools[name]?.rules, JSON.stringify(name)).toEqual([{ name: "denied", action: "deny", on_deny: "Denied by policy: gone." }]);
      expect(warnings.some((w) => w.startsWith(`intercept: ${commentText(name)}: cannot be hidden`)), JSON.stringify(name)).toBe(true);
    }
  });

  it("--hide keeps a consolidated tool whose safe actions are allowed: only a tool denied outright is hidden", () => {
    const label: Rule = {
      action: "deny",
      reason: "method=delete: destructive action",
      byArgument: { argument: "method", values: { create: ruleForRisk("label_write", "medium", ""), delete: ruleForRisk("label_write", "critical", "gone") } },
    };
    const input: PolicyExport = { server: { key: "x/y" }, policy: buildPolicy([["label_write", label], ["delete_file", ruleForRisk("delete_file", "critical", "gone")]]), hideDenied: true };
    for (const format of ["native", "intercept"] as const) {
      const doc = parseYaml(renderPolicy(format, input)) as { hide?: string[]; tools: Record<string, unknown> };
      expect(doc.hide, format).toEqual(["delete_file"]);
      expect(Object.keys(doc.tools), format).toEqual(["label_write"]);
    }
  });

  it("exportWarnings (no document written): a tool name the format cannot hold is a warning beside the others, not a refusal", () => {
    const input: PolicyExport = { server: { key: "x/y" }, policy: policyOf([["*", "low"], ["merge", "high"], ["ok", "low"]]) };
    expect(() => renderPolicy("native", input)).toThrowError(UnrepresentableNameError);
    expect(exportWarnings("native", input)).toEqual([
      `native: *: the name cannot be written ("*" is PolicyLayer's wildcard for every tool); a native document cannot be exported with this tool, so its rule must be written by hand`,
      "native: merge: needs approval, which native cannot express; denied instead",
    ]);
    expect(exportWarnings("intercept", input)[0]).toMatch(/^intercept: \*: the name cannot be written \("\*" is Intercept's wildcard key for every tool\)/);
    // A server name no rule could hold still stops it.
    expect(() => exportWarnings("native", { ...input, server: { key: "x/y", clientName: "" } })).toThrowError(UnrepresentableNameError);
  });

  it("every dialect refuses an empty or malformed tool name, and an empty server name", () => {
    for (const format of FORMAT_NAMES) {
      for (const bad of ["", "lone\ud800surrogate"]) {
        const input: PolicyExport = { server: { key: "x/y" }, policy: policyOf([[bad, "low"]]) };
        expect(() => renderPolicy(format, input)).toThrowError(UnrepresentableNameError);
      }
      const unnamed: PolicyExport = { server: { key: "x/y", clientName: "" }, policy: policyOf([["ok", "low"]]) };
      expect(() => renderPolicy(format, unnamed)).toThrowError(/server name "" cannot be written/);
    }
  });

  it("claude-code says that a tool its rules do not name is not denied: Claude Code has no default deny for one server", () => {
    // Deny beats ask beats allow, so no rule can deny a server's other tools while allowing some: a tool the server
    // adds after the export falls to the permission mode (asked by default, run without asking under bypassPermissions).
    const line = "claude-code: a tool these rules do not name (one the server adds later) is not denied: Claude Code asks before each call, and runs it without asking in bypassPermissions mode";
    for (const input of [githubExport, { server: { key: "x/y" }, policy: buildPolicy([]) }]) {
      expect(exportPolicy("claude-code", input).warnings.filter((w) => w === line)).toHaveLength(1);
    }
    for (const format of FORMAT_NAMES.filter((f) => f !== "claude-code")) expect(exportPolicy(format, githubExport).warnings.join("\n"), format).not.toMatch(/do not name/);
  });

  it("claude-code refuses a server name with \"__\", which Claude Code would split into server and tool", () => {
    const input: PolicyExport = { server: { key: "x/y", clientName: "my__server" }, policy: policyOf([["ok", "low"]]) };
    expect(() => renderPolicy("claude-code", input)).toThrowError(/claude-code: server name "my__server" cannot be written/);
    expect(() => renderPolicy("claude-code", { ...input, server: { key: "x/y", clientName: "my._server" } })).toThrowError(UnrepresentableNameError);
    expect(() => renderPolicy("codex", input)).not.toThrow();
  });

  it("claude-code: tools Claude Code names alike share one rule, the strictest of theirs, and a warning names them all", () => {
    // Claude Code writes each character outside A-Z a-z 0-9 _ - as "_" (normalizeNameForMCP), so these are one name to its rules.
    const input: PolicyExport = { server: { key: "x/srv" }, policy: policyOf([["a/b", "low"], ["a b", "critical"], ["a_b", "high"], ["c.d", "high"], ["c d", "medium"], ["ok", "low"]]) };
    expect(readClaudeCode(renderPolicy("claude-code", input))).toEqual(new Map([["mcp__srv__ok", "allow"], ["mcp__srv__c_d", "ask"], ["mcp__srv__a_b", "deny"]]));
    const { warnings } = exportPolicy("claude-code", input);
    expect(warnings.filter((w) => w.includes("one name in Claude Code"))).toEqual([
      `claude-code: tools "a b" (deny), "a/b" (allow) and "a_b" (ask) are one name in Claude Code, mcp__srv__a_b (it writes each character outside A-Z a-z 0-9 _ - as "_"), so one rule holds them all: deny, the strictest of their rules`,
      `claude-code: tools "c d" (allow) and "c.d" (ask) are one name in Claude Code, mcp__srv__c_d (it writes each character outside A-Z a-z 0-9 _ - as "_"), so one rule holds them all: ask, the strictest of their rules`,
    ]);
    // Names Claude Code keeps apart, and the dialects that name tools as the server does, say nothing of it.
    expect(exportPolicy("claude-code", githubExport).warnings.join("\n")).not.toMatch(/one name in Claude Code/);
    for (const format of FORMAT_NAMES.filter((f) => f !== "claude-code")) expect(exportPolicy(format, input).warnings.join("\n"), format).not.toMatch(/one name/);
  });

  describe("claude-code names over Claude's 64-character tool name limit", () => {
    // mcp__github-mcp-server__ is 24 characters: a 40-character tool fits exactly, a 41-character one does not.
    const fits = `delete_${"x".repeat(33)}`;
    const over = `delete_${"x".repeat(34)}`;
    const withHigh = `run.${"y".repeat(40)}`; // Claude Code writes the "." as "_"
    const input: PolicyExport = { server: { key: "io.github.github/github-mcp-server" }, policy: policyOf([[fits, "critical"], [over, "critical"], [withHigh, "high"], ["get_me", "low"]]) };

    it("keeps each rule at the full name Claude Code matches (it does not shorten names), in its list", () => {
      const rules = readClaudeCode(renderPolicy("claude-code", input));
      expect(rules.get(`mcp__github-mcp-server__${over}`)).toBe("deny");
      expect(rules.get(`mcp__github-mcp-server__run_${"y".repeat(40)}`)).toBe("ask");
      expect(rules.get(`mcp__github-mcp-server__${fits}`)).toBe("deny");
      expect(`mcp__github-mcp-server__${fits}`).toHaveLength(64);
    });

    it("warns once per tool over the limit, with the length and the server name that would fit", () => {
      const { warnings } = exportPolicy("claude-code", input);
      const overLong = warnings.filter((w) => w.includes("over the 64"));
      expect(overLong).toEqual([
        `claude-code: ${over}: its Claude Code name mcp__github-mcp-server__${over} is 65 characters, over the 64 Claude's API takes; ` +
          "Claude Code does not shorten it, so the rule still names the tool (deny), but Claude Code's requests that offer or call it may be refused; " +
          "naming the server with at most 16 characters in your Claude Code config (and --client-name) brings it within 64",
        expect.stringMatching(new RegExp(`^claude-code: run\\.y{40}: its Claude Code name mcp__github-mcp-server__run_y{40} is 68 characters, .* \\(ask\\), .*at most 13 characters`)),
      ]);
      // The name it suggests fits: no warning left.
      expect(exportPolicy("claude-code", { ...input, server: { ...input.server, clientName: "gh" } }).warnings.filter((w) => w.includes("over the 64"))).toEqual([]);
      // policy --json carries the same lines.
      expect(exportWarnings("claude-code", input)).toEqual(warnings);
    });

    it("says when no server name can make a tool fit", () => {
      const long = "t".repeat(57); // mcp____ and 57 characters: 64, no room left for a server name
      const { warnings } = exportPolicy("claude-code", { server: { key: "x/y" }, policy: policyOf([[long, "critical"]]) });
      expect(warnings.filter((w) => w.includes("over the 64"))).toEqual([
        expect.stringMatching(/^claude-code: t{57}: .* is 65 characters, .*; the tool's own name leaves no room for any server name; only the server's author can shorten it$/),
      ]);
    });

    it("other dialects name the tool as the server does, which their clients match whatever its length", () => {
      for (const format of ["native", "intercept", "codex", "cedar", "agentgateway"] as const) {
        expect(exportPolicy(format, input).warnings.filter((w) => w.includes("over the 64"))).toEqual([]);
      }
      expect(readCodex(renderPolicy("codex", input), "github-mcp-server").get(over)).toBe("deny");
    });
  });

  it("rejects a policy that does not match the native schema", () => {
    const bad = { version: "1", default: "deny", tools: { x: { action: "allow-everything" } } } as unknown as Policy;
    expect(() => renderPolicy("cedar", { server: { key: "x/y" }, policy: bad })).toThrow();
  });

  it("agentgateway keeps an allow-list when no tool is allowed", () => {
    const text = renderPolicy("agentgateway", { server: { key: "x/y" }, policy: policyOf([["drop_table", "critical"], ["exec", "high"]]) });
    const rules = (parseYaml(text) as { mcpAuthorization: { rules: unknown[] } }).mcpAuthorization.rules;
    expect(rules).toContain("false");
    expect(readAgentgateway(text, "y")).toEqual(new Map([["drop_table", "deny"], ["exec", "deny"]]));
  });

  describe("codex when no tool is allowed: a tool the server adds later stays off after Codex rewrites config.toml", () => {
    /**
     * What `codex mcp add` (and every other `codex mcp` edit) writes back for a server it keeps (codex-rs
     * config/src/mcp_edit.rs serialize_mcp_server): `enabled` only when false, enabled_tools / disabled_tools only when
     * not empty, the tool tables as they were.
     */
    function codexRewrite(server: CodexServer): CodexServer {
      return {
        ...(server.enabled === false ? { enabled: false } : {}),
        ...(server.enabled_tools?.length ? { enabled_tools: server.enabled_tools } : {}),
        ...(server.disabled_tools?.length ? { disabled_tools: server.disabled_tools } : {}),
        ...(server.tools ? { tools: server.tools } : {}),
      };
    }
    /** Whether Codex registers `tool` (McpServerConfig: a disabled server starts no tool; enabled_tools, when set, is an allow-list; then disabled_tools). */
    const registers = (server: CodexServer, tool: string) =>
      server.enabled !== false && (server.enabled_tools === undefined || server.enabled_tools.includes(tool)) && !(server.disabled_tools ?? []).includes(tool);

    it.each([
      ["every tool denied", policyOf([["drop_table", "critical"], ["exec", "critical"]])],
      ["no tool at all", buildPolicy([])],
    ])("%s: the server is disabled, not given an empty enabled_tools Codex drops", (_, policy) => {
      const text = renderPolicy("codex", { server: { key: "x/y" }, policy });
      const server = (parseToml(text) as { mcp_servers: Record<string, CodexServer> }).mcp_servers.y!;
      for (const config of [server, codexRewrite(server)]) {
        expect(registers(config, "added_later")).toBe(false);
        for (const tool of Object.keys(policy.tools)) expect(registers(config, tool)).toBe(false);
      }
      expect(text).toMatch(/^# No tool of this server is allowed: enabled = false keeps Codex from starting it\./m);
    });

    it("a server with an allowed tool keeps its allow-list, which a rewrite keeps too", () => {
      const text = renderPolicy("codex", { server: { key: "x/y" }, policy: policyOf([["list", "low"], ["drop_table", "critical"]]) });
      const server = (parseToml(text) as { mcp_servers: Record<string, CodexServer> }).mcp_servers.y!;
      expect(server.enabled).toBe(true);
      for (const config of [server, codexRewrite(server)]) {
        expect(registers(config, "list")).toBe(true);
        expect(registers(config, "added_later")).toBe(false);
        expect(registers(config, "drop_table")).toBe(false);
      }
    });
  });

  it("codex: keys merged over an earlier export that disabled the server (nothing allowed then) enable it again", () => {
    const table = (policy: Policy) =>
      (parseToml(renderPolicy("codex", { server: { key: "x/y" }, policy })) as { mcp_servers: Record<string, CodexServer> }).mcp_servers.y!;
    const before = table(policyOf([["drop_table", "critical"]]));
    expect(before.enabled).toBe(false);
    // "Merge these keys into the existing table": each key the new export writes replaces the old one, the rest stay.
    const merged = { ...before, ...table(policyOf([["list", "low"], ["drop_table", "critical"]])) };
    expect(merged.enabled).toBe(true);
    expect(merged.enabled_tools).toEqual(["list"]);
  });

  describe("agentgateway's names of a target's tools", () => {
    // As agentgateway names them (mcp/handler.rs): one target keeps the tool's own name; with several (or prefixMode
    // always) tools/list shows `<target>_<tool>`, and a call's name is split at its first "_" (split_once) into the
    // mcp.tool.target and mcp.tool.name its rules see.
    const shown = (target: string, tool: string) => `${target}_${tool}`;
    const readBack = (name: string) => ({ target: name.slice(0, name.indexOf("_")), tool: name.slice(name.indexOf("_") + 1) });
    /** What the rules decide for a call: a matching deny wins, else a matching allow rule, else denied (an allow-list). */
    function decide(text: string, call: { target: string; tool: string }): "allow" | "deny" {
      const rules = (parseYaml(text) as { mcpAuthorization: { rules: unknown[] } }).mcpAuthorization.rules;
      const matches = (expression: unknown) => {
        const m = CEL_RULE.exec(String(expression));
        return m !== null && celUnescape(m[1]!) === call.target && celUnescape(m[2]!) === call.tool;
      };
      if (rules.some((rule) => typeof rule === "object" && matches((rule as { deny: unknown }).deny))) return "deny";
      return rules.some((rule) => typeof rule === "string" && matches(rule)) ? "allow" : "deny";
    }
    // Tool names holding "_", and ones that begin like a target's name and "_".
    const tools: [string, Risk][] = [["echo", "low"], ["get_me", "low"], ["my_get_me", "critical"], ["server_echo", "critical"], ["my-server_x", "low"]];
    const input: PolicyExport = { server: { key: "github.com/acme/my_server" }, policy: policyOf(tools) };

    it("the default target name holds no \"_\", so every call agentgateway reads back is the tool its rule names", () => {
      const { text, warnings } = exportPolicy("agentgateway", input);
      expect(text).toContain("# Server name used below: my-server (must match the name in your config)");
      for (const [tool, risk] of tools) {
        const call = readBack(shown("my-server", tool));
        expect(call, tool).toEqual({ target: "my-server", tool });
        expect(decide(text, call), tool).toBe(allowOrDeny(tool, RISK_DECISION[risk]));
      }
      expect(warnings.join("\n")).not.toMatch(/target name/);
      // The clients' own names keep the "_" they take.
      expect(renderPolicy("codex", input)).toContain("[mcp_servers.my_server]");
      expect(renderPolicy("claude-code", input)).toContain('"mcp__my_server__echo"');
    });

    it("a target name with \"_\" is read back as a shorter target: the warning says which, and the name to use", () => {
      const given = { ...input, server: { ...input.server, clientName: "my_srv" } };
      const { text, warnings } = exportPolicy("agentgateway", given);
      // The rules name the target as given (tools/list is filtered by it), but no prefixed call reaches them.
      expect(readAgentgateway(text, "my_srv").get("echo")).toBe("allow");
      expect(readBack(shown("my_srv", "echo"))).toEqual({ target: "my", tool: "srv_echo" });
      expect(decide(text, readBack(shown("my_srv", "echo")))).toBe("deny");
      expect(warnings[0]).toBe(
        'agentgateway: target name my_srv: agentgateway refuses it as a target name (lowercase letters, digits, "-" and "." only, at most 253 characters; "_" and "+" are its delimiters of multiplexed names), so these rules name no target it serves. ' +
          'An older agentgateway takes it, but when it prefixes tool names (several targets on the route, or prefixMode always) it shows a tool as my_srv_<tool> and reads a call back at the first "_", as target my and tool srv_<tool>: ' +
          'these rules never match a call to this target, which goes to target my or fails. Name the target without "_" (my-srv) and pass that name as --client-name',
      );
    });

    it("warns of any other target name agentgateway refuses, and of none it takes", () => {
      const named = (clientName: string) => exportPolicy("agentgateway", { ...input, server: { key: "x/y", clientName } }).warnings.filter((w) => w.includes("target name"));
      expect(named("GitHub")).toEqual([expect.stringMatching(/^agentgateway: target name GitHub: agentgateway refuses it as a target name .*; name the target otherwise and pass that name as --client-name$/)]);
      expect(named("a+b")).toHaveLength(1);
      expect(named("x".repeat(254))).toHaveLength(1);
      for (const ok of ["gh", "gh.prod", "my-server", "x".repeat(253)]) expect(named(ok), ok).toEqual([]);
    });
  });

  it("an empty policy denies everything in every dialect", () => {
    const input: PolicyExport = { server: { key: "x/y" }, policy: buildPolicy([]) };
    expect(readCodex(renderPolicy("codex", input), "y").size).toBe(0);
    expect(parseToml(renderPolicy("codex", input))).toEqual({ mcp_servers: { y: { enabled: false, disabled_tools: [] } } });
    expect(readCedar(renderPolicy("cedar", input)).size).toBe(0);
    expect(readAgentgateway(renderPolicy("agentgateway", input), "y").size).toBe(0);
    expect(readClaudeCode(renderPolicy("claude-code", input)).size).toBe(0);
    expect((parseYaml(renderPolicy("intercept", input)) as { default: string }).default).toBe("deny");
  });

  it("keeps the tighter of two limits on the same window for Intercept", () => {
    const policy = buildPolicy([
      ["send", { limits: [
        { counter: "a", window: "minute", max: 30, scope: "grant" },
        { counter: "b", window: "minute", max: 5, scope: "grant" },
        { counter: "c", window: "day", max: 100, scope: "grant" },
      ] }],
    ]);
    const doc = parseYaml(renderPolicy("intercept", { server: { key: "x/y" }, policy })) as { tools: Record<string, { rules: InterceptRule[] }> };
    expect(doc.tools.send!.rules.map((r) => r.rate_limit)).toEqual(["5/minute", "100/day"]);
  });
});

describe("registry and names", () => {
  it("lists every format with a description and a renderer", () => {
    expect(FORMAT_NAMES).toEqual(["native", "intercept", "claude-code", "codex", "cedar", "agentgateway"]);
    for (const format of FORMAT_NAMES) {
      expect(isFormatName(format)).toBe(true);
      expect(FORMAT_DESCRIPTIONS[format]).toBeTruthy();
      expect(renderPolicy(format, githubExport).length).toBeGreaterThan(0);
    }
    expect(isFormatName("yaml")).toBe(false);
    expect(isFormatName("toString")).toBe(false);
  });

  it.each([
    ["io.github.github/github-mcp-server", "github-mcp-server"],
    ["github.com/modelcontextprotocol/servers#src/filesystem", "filesystem"],
    ["github.com/owner/repo", "repo"],
    ["io.github.Owner/My.Server Name", "my-server-name"],
    ["io.github.x/My__Server", "my_server"],
    ["com.example/--weird--", "weird"],
    ["io.github.x/日本語", "server"],
    ["", "server"],
    // Keys taken from links keep their percent-encoding: the name is read from the text it encodes.
    ["example.com/servers/acme%2Fweather-tools", "weather-tools"],
    ["example.com/servers/acme%2fweather%20tools", "weather-tools"],
    ["github.com/o/r#servers/my%20server", "my-server"],
    ["github.com/o/r#src%2Ffilesystem%2F", "filesystem"],
    ["glama.ai/caf%C3%A9-server", "cafe-server"],
    ["io.github.x/Café Ünïcode", "cafe-unicode"],
    // Compatibility forms whose decomposition is a capital (mathematical letters, ℌ, ㎒): lower-cased after it, not dropped.
    ["io.github.x/𝐆𝐢𝐭𝐇𝐮𝐛", "github"],
    ["io.github.x/ℌello-㎒", "hello-mhz"],
    ["example.com/servers/%FFbad%E2%9Ccut", "bad-cut"],
    ["example.com/servers/%E2%9C%A8", "server"],
  ])("defaultClientName(%j) is %j", (key, name) => {
    expect(defaultClientName(key)).toBe(name);
  });

  it("the default client name of a percent-encoded key is one every dialect takes as it is", () => {
    const input: PolicyExport = { server: { key: "example.com/servers/acme%2Fweather-tools" }, policy: policyOf(GITHUB) };
    expect(renderPolicy("claude-code", input)).toContain('"mcp__weather-tools__get_me"');
    expect(renderPolicy("codex", input)).toContain("[mcp_servers.weather-tools]");
    expect(readAgentgateway(renderPolicy("agentgateway", input), "weather-tools").size).toBe(GITHUB.length);
  });

  it("uses the client name the user gives, quoted where the dialect needs it", () => {
    const input: PolicyExport = { server: { key: "io.github.github/github-mcp-server", clientName: "gh.prod" }, policy: policyOf(GITHUB) };
    expect(renderPolicy("codex", input)).toContain('[mcp_servers."gh.prod"]');
    expect(readCodex(renderPolicy("codex", input), "gh.prod").size).toBe(GITHUB.length);
    expect(renderPolicy("claude-code", input)).toContain('"mcp__gh_prod__get_me"');
    expect(readAgentgateway(renderPolicy("agentgateway", input), "gh.prod").size).toBe(GITHUB.length);
  });
});
