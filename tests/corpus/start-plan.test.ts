// How the harvest gets a server to start: placeholder values by variable name, what a failure says, the next attempt, the reason recorded, and which Node.
import { describe, expect, it } from "vitest";
import { diagnose, listFailureCode, nextAttempt, type Attempt } from "../../scripts/dev/corpus/diagnosis.js";
import { runtimeForEngines } from "../../scripts/dev/corpus/node-runtime.js";
import { envNamesInSource, envNamesInText, placeholderEnv, placeholderFile, placeholderTableSchema, placeholderValue, readPlaceholderTable, resolveEntry } from "../../scripts/dev/corpus/placeholders.js";

const WS = "/tmp/ws";
const start: Attempt = { node: "20", env: {}, args: [] };

describe("placeholders", () => {
  it("gives each kind of variable a value shaped like one, never a real credential", () => {
    expect(placeholderValue("GITHUB_PERSONAL_ACCESS_TOKEN", WS)).toMatch(/^placeholder/);
    expect(placeholderValue("OPENAI_API_KEY", WS)).toMatch(/^placeholder/);
    expect(placeholderValue("DATABASE_URL", WS)).toMatch(/^postgres:\/\/placeholder/);
    expect(placeholderValue("JIRA_BASE_URL", WS)).toBe("https://placeholder.invalid");
    expect(placeholderValue("SMTP_HOST", WS)).toBe("placeholder.invalid");
    expect(placeholderValue("ADMIN_EMAIL", WS)).toBe("placeholder@example.com");
    expect(placeholderValue("NOTES_DIR", WS)).toBe(WS);
    // A *_PATH is usually a file (a key, a credentials JSON): left to the server's default rather than pointed at a directory.
    expect(placeholderValue("GDRIVE_CREDENTIALS_PATH", WS)).toBeUndefined();
    expect(placeholderValue("AWS_REGION", WS)).toBe("us-east-1");
    expect(placeholderValue("CONFLUENCE_USERNAME", WS)).toBe("placeholder");
    expect(placeholderValue("VERBOSE", WS)).toBeUndefined();
  });

  it("fills what the package's code reads, except variables that steer the runtime, the transport or logging", () => {
    const names = envNamesInSource(`const k = process.env.ACME_API_KEY; const t = process.env["ACME_TRANSPORT"]; process.env['LOG_LEVEL']; process.env.MCP_PORT; process.env.NODE_ENV; const o = process.env.ACME_ORG_ID;`);
    expect(names).toEqual(["ACME_API_KEY", "ACME_ORG_ID", "ACME_TRANSPORT", "LOG_LEVEL", "MCP_PORT", "NODE_ENV"]);
    expect(Object.keys(placeholderEnv(names, WS))).toEqual(["ACME_API_KEY", "ACME_ORG_ID"]);
  });

  it("a file or a port is filled only when the server names it: the dummy file, the discard port", () => {
    expect(placeholderEnv(["ACME_CREDENTIALS_PATH", "ACME_KEY_FILE", "IMAP_PORT"], WS)).toEqual({});
    expect(placeholderEnv(["ACME_CREDENTIALS_PATH", "ACME_KEY_FILE", "IMAP_PORT"], WS, { told: true })).toEqual({
      ACME_CREDENTIALS_PATH: placeholderFile(WS),
      ACME_KEY_FILE: placeholderFile(WS),
      IMAP_PORT: "9",
    });
    expect(placeholderFile(WS)).toBe("/tmp/ws/placeholder.json");
  });

  it("fills a variable the server named itself even when it looks like runtime, but never the sandbox's own", () => {
    expect(envNamesInText("Error: MCP_SERVER_TOKEN and ACME_TOKEN are required (see ERR_MISSING)")).toEqual(["ACME_TOKEN", "ERR_MISSING", "MCP_SERVER_TOKEN"]);
    expect(Object.keys(placeholderEnv(["MCP_SERVER_TOKEN", "ACME_TOKEN", "NODE_OPTIONS"], WS, { told: true }))).toEqual(["MCP_SERVER_TOKEN", "ACME_TOKEN"]);
    expect(placeholderEnv(["ACME_TOKEN"], WS, { told: true, already: { ACME_TOKEN: "x" } })).toEqual({});
  });

  it("the committed table is valid, and a table entry's workspace token becomes the directory", () => {
    expect(() => readPlaceholderTable("scripts/dev/corpus/placeholders.json")).not.toThrow();
    expect(() => placeholderTableSchema.parse({ x: { env: {}, secret: "no such field" } })).toThrow();
    expect(resolveEntry({ env: { ROOT: "{workspace}/db" }, args: ["--dir", "{workspace}"] }, WS)).toEqual({ env: { ROOT: "/tmp/ws/db" }, args: ["--dir", "/tmp/ws"], files: {} });
    expect(resolveEntry(undefined, WS)).toEqual({ env: {}, args: [], files: {} });
    // A configuration file the server insists on lands in the workspace, its own workspace tokens filled too.
    expect(resolveEntry({ files: { "envs.json": '[{"root":"{workspace}"}]' } }, WS).files).toEqual({ "/tmp/ws/envs.json": '[{"root":"/tmp/ws"}]' });
    // File names stay inside the workspace.
    expect(() => placeholderTableSchema.parse({ x: { files: { "../escape.json": "{}" } } })).toThrow();
    expect(() => placeholderTableSchema.parse({ x: { timeoutMs: 0 } })).toThrow();
  });
});

const exited = (stderr: string) => ({ reason: "connect" as const, message: `server process exited (code 1) before we were done: ${stderr}` });

describe("the next attempt", () => {
  it("fills the variables a complaint names first", () => {
    const next = nextAttempt(start, exited("Error: ACME_API_KEY environment variable is required"), WS);
    expect(next).toEqual({ node: "20", env: { ACME_API_KEY: expect.stringMatching(/^placeholder/) }, args: [] });
  });

  it("then a directory argument when the server asks for a path or prints its usage", () => {
    expect(nextAttempt(start, exited("Usage: mcp-server-files <allowed-directory> [more...]"), WS)).toEqual({ node: "20", env: {}, args: [WS] });
    expect(nextAttempt({ ...start, args: [WS] }, exited("Usage: mcp-server-files <allowed-directory>"), WS)).toBeUndefined();
  });

  it("points a directory the server read as a file (EISDIR) at the dummy file, in variables and arguments", () => {
    const given: Attempt = { node: "20", env: { ACME_DIR: WS, ACME_TOKEN: "t" }, args: [WS] };
    expect(nextAttempt(given, exited("Error: EISDIR: illegal operation on a directory, read"), WS)).toEqual({ node: "20", env: { ACME_DIR: placeholderFile(WS), ACME_TOKEN: "t" }, args: [placeholderFile(WS)] });
    // Nothing was a directory: EISDIR alone gives no new attempt of this kind.
    expect(nextAttempt({ ...start, node: "22", args: ["x"] }, exited("EISDIR: illegal operation on a directory"), WS)).toBeUndefined();
  });

  it("starts the MCP subcommand a CLI offers, replacing a directory given on a guess, and not twice", () => {
    expect(nextAttempt(start, exited("Error: Unknown command: undefined. Expected 'init' or 'run'."), WS)).toEqual({ ...start, args: ["run"] });
    expect(nextAttempt({ ...start, args: [WS] }, exited(`Unknown command: ${WS} Available commands: start, inspect-tools, list-policies`), WS)).toEqual({ ...start, args: ["start"] });
    expect(nextAttempt(start, exited("Usage: acme <command>\nCommands:\n  login   sign in\n  mcp     start the MCP server"), WS)).toEqual({ ...start, args: ["mcp"] });
    expect(nextAttempt({ ...start, args: ["mcp"] }, exited("Usage: acme <command>\nCommands:\n  mcp  start the MCP server"), WS)).toBeUndefined();
    // A package name or an option is not the command, and text that is not about commands offers none.
    expect(diagnose(exited("Usage: run npx @acme/mcp-server --stdio")).subcommand).toBe("run");
    expect(diagnose(exited("Usage: npx @acme/mcp-server --port 1")).subcommand).toBeUndefined();
    expect(diagnose(exited("Could not start: the API is down")).subcommand).toBeUndefined();
  });

  it("then Node 22 for a crash that is no configuration complaint, or one that looks like a Node version problem", () => {
    expect(nextAttempt(start, exited("TypeError: Promise.withResolvers is not a function"), WS)).toEqual({ ...start, node: "22" });
    expect(nextAttempt(start, exited("SyntaxError: Invalid regular expression flags"), WS)).toEqual({ ...start, node: "22" });
    expect(nextAttempt(start, exited("Error [ERR_UNKNOWN_BUILTIN_MODULE]: No such built-in module: node:sqlite"), WS)).toEqual({ ...start, node: "22" });
    expect(nextAttempt({ ...start, node: "22" }, exited("TypeError: x is not a function"), WS)).toBeUndefined();
  });

  it("nothing more for a configuration complaint without names, a timeout or a protocol error", () => {
    expect(nextAttempt(start, exited("Please provide an API key in the config file"), WS)).toBeUndefined();
    expect(nextAttempt(start, { reason: "timeout", message: "no answer to initialize within 20000 ms" }, WS)).toBeUndefined();
    expect(nextAttempt(start, { reason: "protocol", message: "tools/list failed" }, WS)).toBeUndefined();
  });

  it("only a server that exited has said anything: a timeout's message is not read as a complaint", () => {
    expect(diagnose({ reason: "timeout", message: "API_KEY is required" })).toEqual({ wantsConfig: false, envNames: [], wantsPath: false, nodeProblem: false, wantsFile: false, subcommand: undefined });
  });
});

describe("the recorded reason", () => {
  it("maps each failure to one code", () => {
    expect(listFailureCode(exited("Missing required env var ACME_TOKEN"))).toBe("needs-config");
    expect(listFailureCode(exited("Error: Cannot find config file `x.config.ts`"))).toBe("needs-config");
    expect(listFailureCode(exited("TypeError: Cannot read properties of undefined"))).toBe("crashed");
    expect(listFailureCode({ reason: "auth", message: "401" })).toBe("needs-config");
    expect(listFailureCode({ reason: "timeout", message: "" })).toBe("timeout");
    expect(listFailureCode({ reason: "protocol", message: "" })).toBe("protocol");
    expect(listFailureCode({ reason: "limit", message: "" })).toBe("limit");
    expect(listFailureCode({ reason: "blocked", message: "" })).toBe("blocked");
    expect(listFailureCode({ reason: "install", message: "" })).toBe("install-failed");
  });
});

describe("runtimeForEngines", () => {
  it("Node 22 only when the package's range excludes the running Node and admits 22", () => {
    expect(runtimeForEngines(">=22", "20.20.2")).toBe("22");
    expect(runtimeForEngines("^22.12.0 || >=24", "20.20.2")).toBe("22");
    expect(runtimeForEngines(">=18", "20.20.2")).toBe("20");
    expect(runtimeForEngines(">=24", "20.20.2")).toBe("20");
    expect(runtimeForEngines(undefined, "20.20.2")).toBe("20");
    expect(runtimeForEngines("not a range", "20.20.2")).toBe("20");
  });
});
