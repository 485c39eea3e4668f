// The installed binary writing into pipes: a slow reader gets every byte, a reader that leaves early ends it quietly.
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { glamaId, startGlamaReplay } from "./helpers/glama-replay.js";
import { runCli } from "./helpers/cli.js";
import { emptyCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";

const SERVER = "glama.ai/pipes/many-tools";
/**
 * Long names, so that the agentgateway export (a rule of about 750 bytes a tool) and its warnings (a line of about 770)
 * pass 512 KiB each with few tools: the catalog's time goes by tools, a pipe's by bytes.
 */
const TOOLS = Array.from({ length: 800 }, (_, i) => `update_${"inventory_record_".repeat(40)}${String(i).padStart(3, "0")}`);

interface Exited {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs bin/mcp-catalog.js with stdout and stderr as pipes. `late` is not read until the other stream has had its first
 * bytes (the command is done computing and is writing) or the process has exited: a reader slower than the writer.
 */
function runBinary(argv: string[], env: NodeJS.ProcessEnv, late: "stdout" | "stderr"): Promise<Exited> {
  const child = spawn(process.execPath, ["bin/mcp-catalog.js", ...argv], { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const text = { stdout: "", stderr: "" };
  const held = child[late];
  const other = late === "stdout" ? child.stderr : child.stdout;
  held.pause();
  held.setEncoding("utf8").on("data", (s: string) => (text[late] += s));
  other.setEncoding("utf8").on("data", (s: string) => {
    text[late === "stdout" ? "stderr" : "stdout"] += s;
    held.resume();
  });
  child.on("exit", () => held.resume());
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, ...text }));
  });
}

describe("the binary's output through a pipe", () => {
  let catalog: CliCatalog;
  const policyArgs = ["policy", SERVER, "--format", "agentgateway"];

  beforeAll(async () => {
    const tools = TOOLS.map((name) => ({ name, description: "Updates one inventory record by its id.", inputSchema: { type: "object", properties: { id: { type: "string" } } } }));
    const server = {
      id: glamaId("pipes", "many-tools"),
      name: "Many tools",
      namespace: "pipes",
      slug: "many-tools",
      description: "An inventory server with a tool per record type.",
      url: "https://glama.ai/mcp/servers/pipes/many-tools",
      repository: null,
      spdxLicense: null,
      attributes: [],
      environmentVariablesJsonSchema: null,
      tools,
    };
    const replay = await startGlamaReplay({ servers: [server] });
    try {
      catalog = await emptyCliCatalog("pglite", { GLAMA_URL: replay.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
      const r = await runCli(["refresh", "--sources", "glama", "--json"], catalog.env);
      if (r.code !== 0) throw new Error(`refresh of the many-tools catalog failed: ${r.stderr}`);
    } finally {
      await replay.close();
    }
  });
  afterAll(async () => {
    await catalog?.dispose();
  });

  /** The tool names an agentgateway export allows, read as agentgateway reads its CEL rules. */
  const allowed = (yaml: string) =>
    (parseYaml(yaml) as { mcpAuthorization: { rules: string[] } }).mcpAuthorization.rules.map((rule) => /mcp\.tool\.name == "([^"]+)"$/.exec(rule)?.[1]);

  test("a reader that starts late gets the whole policy on stdout: every tool's rule, not the first 64 KiB of them", async () => {
    const r = await runBinary(policyArgs, catalog.env, "stdout");
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(256 * 1024);
    expect(allowed(r.stdout)).toEqual(TOOLS);
    expect(r.stdout.endsWith("\n")).toBe(true);
  });

  test("a reader that starts late gets every line on stderr", async () => {
    const r = await runBinary(policyArgs, catalog.env, "stderr");
    expect(r.code).toBe(0);
    expect(r.stderr.length).toBeGreaterThan(256 * 1024);
    const warnings = r.stderr.split("\n").filter((line) => line.startsWith("warning: "));
    expect(warnings.map((w) => /^warning: agentgateway: (\S+): the limit 30\/minute cannot be expressed; allowed without it$/.exec(w)?.[1])).toEqual(TOOLS);
    expect(r.stderr.endsWith("\n")).toBe(true);
    expect(allowed(r.stdout)).toEqual(TOOLS);
  });

  test("a reader that closes the pipe early (| head -c1) ends the command quietly with 141, as SIGPIPE ends other tools", async () => {
    const child = spawn(process.execPath, ["bin/mcp-catalog.js", ...policyArgs], { env: { PATH: process.env.PATH, ...catalog.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(141);
    // The grade and the export's warnings, and no stack trace.
    for (const line of stderr.trimEnd().split("\n")) expect(line).toMatch(new RegExp(`^(${SERVER}: grade |warning: agentgateway: )`));
  });

  test("SIGINT while only output to a reader that is not reading is left ends the command at once with 130", async () => {
    const child = spawn(process.execPath, ["bin/mcp-catalog.js", ...policyArgs], { env: { PATH: process.env.PATH, ...catalog.env }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pause(); // never read: the command's output waits in the pipe
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      // The grade is told once the policy is written: a first signal then ends it. A second (which would end it too)
      // is sent only if the first was taken for one that stops a command at work, so this test fails rather than hangs.
      if (!stderr) child.kill("SIGINT");
      stderr += s;
      if (/SIGINT received/.test(stderr)) child.kill("SIGINT");
    });
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(130);
    expect(stderr).not.toMatch(/SIGINT received/);
  });

  test("a write error other than a closed pipe (a full disk) is one line on stderr and exit 1", async () => {
    const full = openSync("/dev/full", "w");
    try {
      const child = spawn(process.execPath, ["bin/mcp-catalog.js", "--help"], { stdio: ["ignore", full, "pipe"] });
      let stderr = "";
      child.stderr!.setEncoding("utf8").on("data", (s: string) => (stderr += s));
      const code = await new Promise((resolve) => child.on("close", resolve));
      expect({ code, stderr }).toEqual({ code: 1, stderr: "mcp-catalog: cannot write to standard output: ENOSPC: no space left on device, write\n" });
    } finally {
      closeSync(full);
    }
  });
});
