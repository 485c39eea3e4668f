// Argument-level classification on real tools: the action argument of consolidated tools, each action
// classified on its own, raw-language arguments and whether their text limits them, and the rule that follows.
import { describe, expect, it } from "vitest";
import { actionToolName, findActionArgument } from "../../classifier/actions.js";
import { ruleWithArguments } from "../../classifier/argument-rules.js";
import { classifyServer, type Classification } from "../../classifier/classify.js";
import { decisionOf, ruleForRisk } from "../../classifier/policy.js";
import { findRawArguments } from "../../classifier/raw-arguments.js";
import { schemaProperties } from "../../classifier/schema-arguments.js";
import type { ToolInput } from "../../classifier/tool.js";
import { fixtureTools } from "../helpers/fixture-tools.js";

const github = fixtureTools("labeled/github-mcp-server.jsonl");
const postgres = fixtureTools("servers/henkey-postgres-mcp-server.jsonl");
const mysql = fixtureTools("servers/f4ww4z-mcp-mysql-server.jsonl");
const apollo = fixtureTools("labeled/docker-mcp-registry-apollo-mcp-server.jsonl");

function tool(tools: ToolInput[], name: string): ToolInput {
  const found = tools.find((t) => t.name === name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
}

function classified(tools: ToolInput[], server: string): Map<string, Classification> {
  const out = classifyServer({ name: server, tools });
  return new Map(tools.map((t, i) => [t.name, out[i]!]));
}

describe("the action argument of a consolidated tool", () => {
  it("is read from an enum of actions (GitHub's label_write: method create / update / delete)", () => {
    expect(findActionArgument(tool(github, "label_write"))).toMatchObject({ name: "method", values: ["create", "update", "delete"], source: "enum" });
  });

  it("is read from the quoted values an argument's description lists when there is no enum", () => {
    const sub = findActionArgument(tool(github, "sub_issue_write"));
    expect(sub).toMatchObject({ name: "method", source: "description" });
    expect(sub!.values).toEqual(expect.arrayContaining(["add", "remove"]));
    // Quoted argument names in the same text (after_id) are not actions.
    expect(sub!.values).not.toContain("after_id");
  });

  it("is not an enum of kinds or algorithms: ui_get's data kinds, an index's btree / hash", () => {
    expect(findActionArgument(tool(github, "ui_get"))).toBeUndefined();
    expect(findActionArgument(tool(postgres, "pg_manage_indexes"))).toMatchObject({ name: "operation" });
  });

  it("a single-action tool has none", () => {
    expect(findActionArgument(tool(github, "create_branch"))).toBeUndefined();
  });

  it("names an action as the tool it would be alone", () => {
    expect(actionToolName("label_write", "delete")).toBe("delete_label");
    expect(actionToolName("pg_manage_functions", "drop")).toBe("drop_pg_functions");
  });

  it("does not repeat the tool's noun when the value names it in the other number", () => {
    expect(actionToolName("projects_write", "delete_project_item")).toBe("delete_project_item");
    expect(actionToolName("projects_write", "create_project")).toBe("create_project");
    expect(actionToolName("repository_manage", "list_repositories")).toBe("list_repositories");
    expect(actionToolName("manage_statuses", "set_status")).toBe("set_status");
    expect(actionToolName("issues_write", "create")).toBe("create_issues");
  });
});

describe("each action classified on its own", () => {
  const gh = classified(github, "io.github.github/github-mcp-server");
  const pg = classified(postgres, "npm:@henkey/postgres-mcp-server");

  it("label_write: create and update are writes, delete is destructive; the tool's own rule is the strictest", () => {
    const c = gh.get("label_write")!;
    const classes = Object.fromEntries(c.arguments!.action!.values.map((v) => [v.value, v.category]));
    expect(classes).toEqual({ create: "write", update: "write", delete: "destructive" });
    expect(decisionOf(c.rule)).toBe("deny");
    expect(c.rule.byArgument!.argument).toBe("method");
    expect(Object.fromEntries(Object.entries(c.rule.byArgument!.values).map(([v, r]) => [v, decisionOf(r)]))).toEqual({ create: "limit", update: "limit", delete: "deny" });
    expect(c.rule.byArgument!.values.delete!.reason).toMatch(/^method=delete: /);
  });

  it("projects_write: each action's reason names its object once, not again in the tool's plural", () => {
    const values = gh.get("projects_write")!.rule.byArgument!.values;
    expect(values.delete_project_item!.reason).toBe("method=delete_project_item: Irreversible: deletes a project item");
    expect(values.create_project!.reason).toMatch(/: creates a project$/);
    for (const [value, rule] of Object.entries(values)) if (value.includes("project")) expect(rule.reason).not.toMatch(/\bprojects$/);
  });

  it("pg_manage_functions: get is a read, create a write, drop destructive", () => {
    const values = pg.get("pg_manage_functions")!.rule.byArgument!.values;
    expect(Object.fromEntries(Object.entries(values).map(([v, r]) => [v, decisionOf(r)]))).toEqual({ get: "allow", create: "limit", drop: "deny" });
  });

  it("a tool whose actions all share one rule has no per-action rule (issue_read: every method reads)", () => {
    const c = gh.get("issue_read")!;
    expect(c.arguments!.action!.values.every((v) => v.category === "read")).toBe(true);
    expect(c.rule.byArgument).toBeUndefined();
    expect(decisionOf(c.rule)).toBe("allow");
  });
});

describe("a tool with two action arguments", () => {
  const schema = (properties: Record<string, unknown>): ToolInput => ({ name: "records_manage", description: "Manage records in the database.", inputSchema: { type: "object", properties } });
  const reads = { type: "string", enum: ["get", "list"] };
  const removes = { type: "string", enum: ["get", "delete", "drop_table"] };

  it("does the most dangerous action either offers, whichever comes first", () => {
    for (const properties of [{ action: reads, operation: removes }, { operation: removes, action: reads }, { Method: reads, method: removes }]) {
      const [c] = classifyServer({ name: "s", tools: [schema(properties)] });
      expect(c!.category).toBe("destructive");
      expect(decisionOf(c!.rule)).toBe("deny");
    }
  });

  it("is ruled per action by the argument whose actions change something, not by one that only reads", () => {
    expect(findActionArgument(schema({ action: reads, operation: removes }))).toMatchObject({ name: "operation" });
    expect(findActionArgument(schema({ Method: reads, method: removes }))).toMatchObject({ name: "method", values: ["get", "delete", "drop_table"] });
    const [c] = classifyServer({ name: "s", tools: [schema({ action: reads, operation: removes })] });
    expect(c!.rule.byArgument!.argument).toBe("operation");
    expect(decisionOf(c!.rule.byArgument!.values.delete!)).toBe("deny");
  });

  it("has no per-action rule when two of them change something: a rule on one's values would let the other's pass", () => {
    const both = schema({ action: { type: "string", enum: ["list", "destroy"] }, operation: { type: "string", enum: ["list", "create"] } });
    expect(findActionArgument(both)).toBeUndefined();
    const [c] = classifyServer({ name: "s", tools: [both] });
    expect(c!.rule.byArgument).toBeUndefined();
    expect(decisionOf(c!.rule)).toBe("deny");
  });
});

describe("raw-language arguments", () => {
  it("finds raw SQL and says when the description does not limit it (pg_execute_sql)", () => {
    expect(findRawArguments(tool(postgres, "pg_execute_sql"))).toEqual([{ name: "sql", language: "sql", limited: false }]);
  });

  it("a SELECT-only tool is limited; one that runs INSERT, UPDATE or DELETE is not (mysql query / execute)", () => {
    expect(findRawArguments(tool(mysql, "query"))).toEqual([expect.objectContaining({ name: "sql", language: "sql", limited: true })]);
    expect(findRawArguments(tool(mysql, "execute"))).toEqual([{ name: "sql", language: "sql", limited: false }]);
  });

  it("reads GraphQL from the tool's text (apollo execute)", () => {
    expect(findRawArguments(tool(apollo, "execute"))).toEqual([expect.objectContaining({ name: "query", language: "graphql" })]);
  });

  it("a search query is not a language to run", () => {
    expect(findRawArguments(tool(github, "search_issues"))).toEqual([]);
  });

  it("an unlimited raw language puts every rule at approval at least, per action too", () => {
    const raw = [{ name: "sql", language: "sql" as const, limited: false }];
    expect(decisionOf(ruleWithArguments("run", {}, { raw }))).toBe("approve");
    const limited = [{ name: "sql", language: "sql" as const, limited: true, limit: "select only" }];
    expect(decisionOf(ruleWithArguments("run", {}, { raw: limited }))).toBe("allow");
    // Never loosens: a denied tool stays denied.
    expect(decisionOf(ruleWithArguments("run", ruleForRisk("run", "critical", "x"), { raw }))).toBe("deny");
  });

  it("the stored classification carries them (pg_manage_query: its explain query takes SQL, so no action is allowed alone)", () => {
    const c = classified(postgres, "pg").get("pg_manage_query")!;
    expect(c.arguments!.raw).toEqual([{ name: "query", language: "sql", limited: false }]);
    expect(c.rule.byArgument).toBeUndefined();
    expect(decisionOf(c.rule)).toBe("approve");
  });
});

describe("an argument's key, as the lexicon lists arguments", () => {
  const keyOf = (name: string) => schemaProperties({ properties: { [name]: { type: "string" } } })[0]!.key;

  it("is the snake_case of camelCase and dashed names, acronyms kept as one word", () => {
    expect(keyOf("filePath")).toBe("file_path");
    expect(keyOf("x-API-Key")).toBe("x_api_key");
    expect(keyOf("URLPath")).toBe("urlpath");
    expect(keyOf("sqlQuery")).toBe("sql_query");
  });

  it("leaves lower-case names alone and lower-cases letters beyond ASCII the same way", () => {
    expect(keyOf("page_size")).toBe("page_size");
    expect(keyOf("ÄbcDef")).toBe("äbc_def");
  });

  it("carries the language an argument's key says it runs", () => {
    expect(schemaProperties({ properties: { sqlQuery: {}, constructor: {}, city: {} } }).map((p) => p.exec)).toEqual(["sql", undefined, undefined]);
  });
});
