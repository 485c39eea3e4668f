// `mcp-catalog classify` as users run it: real tool lists in every input shape, siblings per server, and every bad input.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { classifyServer, CLASSIFIER_VERSION } from "../classifier/classify.js";
import type { ToolInput } from "../classifier/tool.js";
import { main } from "../scripts/cli.js";
import { runCli } from "./helpers/cli.js";

const GITHUB = "io.github.github/github-mcp-server";
const KUBERNETES = "containers/kubernetes-mcp-server";
const ESC = "\u001b";

/** GitHub's MCP server tool list as its __toolsnaps__ record it (no `server` field). */
const githubTools = JSON.parse(readFileSync("tests/fixtures/glama/github-mcp-server_tools_toolsnaps.json", "utf8")) as ToolInput[];
/** Real JSON lines, each tool carrying `server` (and `source`, which classify ignores). */
const kubernetesLines = readFileSync("tests/fixtures/glama/kubernetes-mcp-server.jsonl", "utf8");
const kubernetesTools = kubernetesLines
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as ToolInput & { server: string });

type Line = { server: string | null; tool: string; category: string; risk: string; confidence: number; signals: string[]; rationale: string; rule: unknown; hints: unknown; arguments?: unknown; method: string; classifierVersion: string };

function jsonLines(stdout: string): Line[] {
  expect(stdout.endsWith("\n")).toBe(true);
  return stdout
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as Line);
}

/** What the library says for a server's tools, in the shape classify prints. */
function expectedFor(server: string | null, tools: ToolInput[]): Line[] {
  return classifyServer({ name: server ?? "", tools }).map((c, i) => ({
    server,
    tool: tools[i]!.name,
    category: c.category,
    risk: c.risk,
    confidence: c.confidence,
    signals: c.signals,
    rationale: c.rationale,
    rule: c.rule,
    hints: c.hints,
    ...(c.arguments ? { arguments: c.arguments } : {}),
    method: c.method,
    classifierVersion: c.classifierVersion,
  }));
}

describe("classify reads every input shape", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mcp-catalog-classify-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a tools/list result on stdin with --server: one JSON line per tool, in order, every field", async () => {
    const r = await runCli(["classify", "--server", GITHUB, "--json"], {}, { stdin: JSON.stringify({ tools: githubTools }) });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(githubTools.length);
    for (const line of lines) {
      // `arguments` only where a tool's arguments say something (a consolidated action, a raw-language argument).
      expect(Object.keys(line).filter((k) => k !== "arguments")).toEqual(["server", "tool", "category", "risk", "confidence", "signals", "rationale", "rule", "hints", "method", "classifierVersion"]);
      expect(line.classifierVersion).toBe(CLASSIFIER_VERSION);
    }
    expect(lines).toEqual(expectedFor(GITHUB, githubTools));
    const byName = new Map(lines.map((l) => [l.tool, l]));
    expect(byName.get("delete_file")).toMatchObject({ category: "destructive", risk: "critical", rule: { action: "deny" }, hints: { readOnlyHint: false, destructiveHint: true } });
    expect(byName.get("get_me")).toMatchObject({ category: "read", risk: "low", rule: {}, hints: { readOnlyHint: true, destructiveHint: false, idempotentHint: true } });
    // --help's --json line names every key printed, `arguments` too.
    const keys = new Set(lines.flatMap((l) => Object.keys(l)));
    expect(keys).toContain("arguments");
    const help = (await runCli(["classify", "--help"])).stdout.split("\n").find((l) => /^ +--json /.test(l))!;
    for (const key of keys) expect(help, key).toMatch(new RegExp(`[{,] ?${key}\\??[:,}]`));
  });

  test("the same tools as a JSON array file, a JSON-RPC response and JSON lines give the same answer", async () => {
    const expected = (await runCli(["classify", "--server", GITHUB, "--json"], {}, { stdin: JSON.stringify({ tools: githubTools }) })).stdout;
    const inputs = {
      "array.json": JSON.stringify(githubTools, null, 2),
      "response.json": JSON.stringify({ jsonrpc: "2.0", id: 7, result: { tools: githubTools, nextCursor: null } }),
      "tools.jsonl": `${githubTools.map((t) => JSON.stringify(t)).join("\r\n")}\r\n\r\n`,
      "bom.json": `\ufeff${JSON.stringify({ tools: githubTools })}`,
    };
    for (const [name, text] of Object.entries(inputs)) {
      writeFileSync(join(dir, name), text);
      const r = await runCli(["classify", "--input", join(dir, name), "--server", GITHUB, "--json"]);
      expect({ name, code: r.code, stderr: r.stderr }).toEqual({ name, code: 0, stderr: "" });
      expect(r.stdout).toBe(expected);
    }
  });

  test("tools carrying `server` are classified with their own server's siblings, whatever --server says", async () => {
    const extra = [
      { name: "apply", server: GITHUB },
      { name: "apply", server: "io.example/lonely" },
    ];
    const stdin = [kubernetesLines.trimEnd(), ...githubTools.map((t) => JSON.stringify({ ...t, server: GITHUB })), ...extra.map((t) => JSON.stringify(t))].join("\n");
    const r = await runCli(["classify", "--server", "ignored/for-tools-that-name-one", "--json"], {}, { stdin });
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    const strip = ({ server: _s, source: _src, ...t }: Record<string, unknown>) => t as ToolInput;
    const apply: ToolInput = { name: "apply", description: undefined, annotations: undefined };
    expect(lines).toEqual([...expectedFor(KUBERNETES, kubernetesTools.map(strip)), ...expectedFor(GITHUB, [...githubTools, apply]), ...expectedFor("io.example/lonely", [apply])]);
    // The two "apply" tools differ only in their company: what the siblings say is part of the answer.
    const [onGithub, alone] = lines.slice(-2);
    expect(onGithub).not.toEqual({ ...alone, server: GITHUB });
  });

  test("a tool with description, annotations and inputSchema null (as directories publish them) is accepted", async () => {
    const r = await runCli(["classify", "--json"], {}, { stdin: JSON.stringify([{ name: "drop_table", description: null, annotations: null, inputSchema: null }]) });
    expect(r.stderr).toBe("");
    expect(jsonLines(r.stdout)).toEqual([expect.objectContaining({ server: null, tool: "drop_table", category: "destructive" })]);
  });

  test("a null title, annotations.title or hint is absent: one such tool does not fail the batch", async () => {
    const tools = [
      { name: "drop_table", title: null, description: "Drop a table", annotations: { title: null, readOnlyHint: null, destructiveHint: true } },
      { name: "list_tables", description: "List the tables", annotations: { readOnlyHint: true } },
    ];
    const r = await runCli(["classify", "--json"], {}, { stdin: JSON.stringify(tools) });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).map((l) => l.tool)).toEqual(["drop_table", "list_tables"]);
    expect(jsonLines(r.stdout)[0]!.risk).not.toBe("low");
  });

  test("a hint that is no boolean is absent, as a null one is: the tool is classified on the rest", async () => {
    const tools = [{ name: "drop_table", description: "Drop a table", annotations: { readOnlyHint: "yes", destructiveHint: true } }];
    const r = await runCli(["classify", "--json"], {}, { stdin: JSON.stringify(tools) });
    expect(r.code).toBe(0);
    const [line] = jsonLines(r.stdout);
    expect(line!.category).toBe("destructive");
    expect(line!.signals).not.toContain("annotation:readOnlyHint=true");
  });

  test("a name one server gives to two definitions is classified for neither, said on stderr; identical copies are one tool", async () => {
    const server = "io.example/rows";
    const tools = [
      { name: "query", description: "Read rows from a table", annotations: { readOnlyHint: true }, server },
      { name: "status", description: "Show the server status", server },
      { name: "query", description: "Drop a table and all its rows", annotations: { destructiveHint: true }, server },
      { name: "status", description: "Show the server status", server },
      { name: "query", description: "Read rows from a table", server: "io.example/other" },
    ];
    const stdin = tools.map((t) => JSON.stringify(t)).join("\n");
    const note = `${server}: skipped 3 tools: name "query": 2 tools with different definitions; none of them is kept; duplicate name "status": 1 identical copy left out, the tool kept once\n`;
    const r = await runCli(["classify", "--json"], {}, { stdin });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(note);
    expect(jsonLines(r.stdout).map((l) => [l.server, l.tool])).toEqual([
      [server, "status"],
      ["io.example/other", "query"],
    ]);
    // Whichever came first: the answer does not depend on the order of the list.
    const reversed = await runCli(["classify", "--json"], {}, { stdin: [...tools].reverse().map((t) => JSON.stringify(t)).join("\n") });
    expect(jsonLines(reversed.stdout).map((l) => l.tool).sort()).toEqual(["query", "status"]);
    const table = await runCli(["classify"], {}, { stdin });
    expect(table.code).toBe(0);
    expect(table.stderr).toBe(note);
    expect(table.stdout.split("\n").filter((l) => / query /.test(l))).toHaveLength(1);
  });

  test("a name of only spaces is refused, naming the line", async () => {
    const r = await runCli(["classify", "--json"], {}, { stdin: JSON.stringify([{ name: "   ", description: "blank" }]) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/field 'name'/);
  });
});

describe("classify's readable table", () => {
  const stdin = [
    JSON.stringify({ name: "delete_file", description: "Delete a file from a GitHub repository", server: GITHUB }),
    JSON.stringify({ name: "get_me", description: "Get details of the authenticated GitHub user", server: GITHUB }),
    JSON.stringify({ name: "pods_list", description: "List all the Kubernetes pods in the current cluster", server: KUBERNETES }),
  ].join("\n");

  test("piped: a header and one plain row per tool, the server a column when there are several", async () => {
    const r = await runCli(["classify"], {}, { stdin });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(ESC);
    const [header, ...rows] = r.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^RISK {5}CATEGORY {4}CONF {2}SERVER +TOOL +SIGNALS$/);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(new RegExp(`^critical destructive 0\\.\\d\\d  ${GITHUB.replace(/\./g, "\\.")} +delete_file +verb:delete`));
    expect(rows[2]).toMatch(/^low {6}read {8}0\.\d\d {2}containers\/kubernetes-mcp-server +pods_list +verb:list/);
  });

  test("on a terminal the risk is coloured, unless NO_COLOR is set; one server means no server column", async () => {
    const single = stdin.split("\n").slice(0, 2).join("\n");
    const tty = await runCli(["classify"], {}, { stdin: single, tty: true });
    expect(tty.stdout).toContain(`${ESC}[31mcritical ${ESC}[0m`);
    expect(tty.stdout).toContain(`${ESC}[32mlow      ${ESC}[0m`);
    expect(tty.stdout.split("\n")[0]).toMatch(/^RISK {5}CATEGORY {4}CONF {2}TOOL +SIGNALS$/);
    const plain = await runCli(["classify"], { NO_COLOR: "1" }, { stdin: single, tty: true });
    expect(plain.stdout).not.toContain(ESC);
    expect(plain.stdout.replace(/\s+/g, " ")).toBe(tty.stdout.replace(/\u001b\[\d+m/g, "").replace(/\s+/g, " "));
  });
});

describe("classify refuses bad input with the line or field named, and prints nothing on stdout", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mcp-catalog-classify-bad-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([
    ["empty input", "", /^mcp-catalog classify: stdin is empty: expected \{"tools": \[\.\.\.\]\}, a JSON array of tools, or JSON lines\n$/],
    ["only whitespace", " \n\n ", /stdin is empty/],
    ["a broken pretty-printed document", '{\n  "tools": [\n    {"name": "a"},\n    {"name": "b",}\n  ]\n}\n', /stdin is not valid JSON at line 4, column 18 /],
    ["a broken second JSON line", '{"name": "a"}\n{"name": }\n{"name": "c"}\n', /stdin: line 2 is not valid JSON /],
    ["a tool without a name in an array", '[{"name": "a"}, {"description": "no name"}]', /stdin: tool 2: field 'name': .*expected string/],
    ["an empty name", '{"tools": [{"name": ""}]}', /stdin: tool 1: field 'name': .*>=1 characters/],
    ["a JSON line without a name", '{"name": "a"}\n{"name": "b"}\n{"title": "c"}\n', /stdin: line 3: expected \{"tools": \[\.\.\.\]\}.*neither "tools" nor "name"/],
    ["a nameless tool inside a tools/list line", '{"tools": [{"name": "a"}, {"name": 5}]}\n{"name": "b"}\n', /stdin: line 1, tool 2: field 'name': .*expected string, received number/],
    ["an inputSchema that is not an object", '[{"name": "a", "inputSchema": [1, 2]}]', /stdin: tool 1: field 'inputSchema': /],
    ["a server that is not a string", '[{"name": "a", "server": 42}]', /stdin: tool 1: field 'server': expected a non-empty string, got a number/],
    ["an empty server", '{"name": "a", "server": " "}', /stdin: tool 1: field 'server': expected a non-empty string, got a blank one/],
    ["tools that are not a list", '{"tools": {"name": "a"}}', /stdin: field 'tools': expected an array of tools, got an object/],
    ["a JSON-RPC error", '{"jsonrpc": "2.0", "id": 1, "error": {"code": -32601, "message": "Method not found"}}', /stdin: a JSON-RPC error response \(-32601: Method not found\), not a tools\/list result/],
    ["a number", "42", /stdin: expected .*; got a number/],
    ["a tool that is not an object", '[{"name": "a"}, "b"]', /stdin: tool 2: the tool: .*expected object/],
  ])("%s exits 2", async (_, stdin, message) => {
    const r = await runCli(["classify", "--json"], {}, { stdin });
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });

  test("a bad tool after many good ones prints none of them", async () => {
    const stdin = `${githubTools.map((t) => JSON.stringify(t)).join("\n")}\n{"name": "last", "annotations": []}\n`;
    const r = await runCli(["classify"], {}, { stdin });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`stdin: line ${githubTools.length + 1}: field 'annotations': `));
  });

  test("a missing file or a directory exits 1 naming it; an empty --server exits 2", async () => {
    const missing = join(dir, "nope.json");
    expect(await runCli(["classify", "--input", missing])).toEqual({ code: 1, stdout: "", stderr: `mcp-catalog classify: cannot read ${missing}: no such file\n` });
    expect(await runCli(["classify", "--input", dir])).toEqual({ code: 1, stdout: "", stderr: `mcp-catalog classify: cannot read ${dir}: it is a directory\n` });
    writeFileSync(join(dir, "bad.json"), "[1]");
    const bad = await runCli(["classify", "--input", join(dir, "bad.json")]);
    expect(bad.stderr).toMatch(new RegExp(`^mcp-catalog classify: ${join(dir, "bad.json").replace(/[.]/g, "\\.")}: tool 1: the tool: `));
    expect(await runCli(["classify", "--server", ""], {}, { stdin: '{"name": "a"}' })).toEqual({ code: 2, stdout: "", stderr: "mcp-catalog classify: --server must not be empty\n" });
  });

  test("standard input on a terminal is refused at once instead of waiting", async () => {
    let stderr = "";
    const stdin = Object.assign(Readable.from([]), { isTTY: true });
    const code = await main(["classify"], { stdout: { write: () => expect.fail("nothing on stdout") }, stderr: { write: (s: string) => (stderr += s) }, stdin, env: {}, cwd: process.cwd() });
    expect(code).toBe(2);
    expect(stderr).toMatch(/no input: pass --input FILE/);
  });
});
