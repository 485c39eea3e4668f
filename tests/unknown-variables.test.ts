// A variable in mcp-catalog's namespace that it does not read (a misspelt one) is named on stderr, with the one it most
// likely means, instead of leaving the default in force without a word.
import { describe, expect, test } from "vitest";
import { unknownVariables } from "../scripts/unknown-variables.js";
import { runCli } from "./helpers/cli.js";

describe("unknown CATALOG_ variables", () => {
  test("each is named, with the variable it most likely means; known, empty and other variables are not", () => {
    expect(
      unknownVariables({
        CATALOG_INTROSPECT_CONCURENCY: "2",
        CATALOG_INTROSPECT_MAX_AGE: "0",
        CATALOG_LLM_THRESHHOLD: "0.5",
        CATALOG_SOMETHING_ELSE: "1",
        CATALOG_TYPO_LEFT_EMPTY: "",
        CATALOG_INTROSPECT_CONCURRENCY: "2",
        MCP_CATALOG_OTHER: "1",
        PATH: "/usr/bin",
      }),
    ).toEqual([
      { name: "CATALOG_INTROSPECT_CONCURENCY", meant: "CATALOG_INTROSPECT_CONCURRENCY" },
      { name: "CATALOG_INTROSPECT_MAX_AGE", meant: "CATALOG_INTROSPECT_MAX_AGE_HOURS" },
      { name: "CATALOG_LLM_THRESHHOLD", meant: "CATALOG_LLM_THRESHOLD" },
      { name: "CATALOG_SOMETHING_ELSE" },
    ]);
  });

  test("a command says so on stderr before it runs, and runs", async () => {
    const tools = JSON.stringify({ tools: [{ name: "delete_file", description: "Deletes a file." }] });
    const r = await runCli(["classify", "--json"], { CATALOG_INTROSPECT_MAX_AGE: "0" }, { stdin: tools });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("mcp-catalog: CATALOG_INTROSPECT_MAX_AGE is not a variable mcp-catalog reads; it is ignored (did you mean CATALOG_INTROSPECT_MAX_AGE_HOURS?)\n");
    expect(JSON.parse(r.stdout)).toBeTruthy();
  });
});
