// `refresh --record DIR` makes DIR before the run so that one it cannot write is refused before any run starts; a
// refusal of the command's other arguments must still leave nothing behind, DIR included.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { runCli } from "./helpers/cli.js";
import { scratchBase } from "./helpers/templates.js";

describe("refresh --record with a bad argument beside it", () => {
  const dir = mkdtempSync(join(scratchBase(), "mcp-catalog-record-order-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { CATALOG_DATA_DIR: join(dir, "db"), REGISTRY_URL: "http://127.0.0.1:9", CATALOG_ALLOW_PRIVATE_NETWORK: "1" };

  test.each([
    ["--introspect", ["--introspect", "bogus"], /--introspect/],
    ["--llm with --no-classify", ["--no-classify", "--llm"], /--llm reviews what the classify stage classifies/],
  ])("%s: refused with exit 2 and DIR not made", async (_, extra, message) => {
    const record = join(dir, `recording-${String(extra[0]).replace(/-/g, "")}`);
    const r = await runCli(["refresh", "--sources", "registry", "--record", record, ...extra], env);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(record)).toBe(false);
  });
});
