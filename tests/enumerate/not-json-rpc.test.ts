// notJsonRpc on the client's own verdicts: what is wrong with a message that is not JSON-RPC 2.0, in one short line.
import { parseJSONRPCMessage } from "@modelcontextprotocol/client";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { notJsonRpc } from "../../crawler/mcp/not-json-rpc.js";

/** The line for `message`, as the client's JSON-RPC schema judges it. */
function line(message: unknown): string {
  try {
    parseJSONRPCMessage(message);
  } catch (e) {
    if (e instanceof z.ZodError) return notJsonRpc(e);
    throw e;
  }
  throw new Error("a valid JSON-RPC message");
}

describe("notJsonRpc", () => {
  test.each([
    ["a JSON-RPC 1.0 envelope", { jsonrpc: "1.0", id: 1, result: { tools: [] } }, 'jsonrpc: expected "2.0"'],
    ["no jsonrpc member", { id: 1, result: { tools: [] } }, 'jsonrpc: expected "2.0"'],
    ["an id of neither type", { jsonrpc: "2.0", id: { n: 1 }, result: {} }, "id: expected string or number, received object"],
    ["an error whose code is a string", { jsonrpc: "2.0", id: 1, error: { code: "x", message: "m" } }, "error.code: expected number, received string"],
    ["both a result and an error", { jsonrpc: "2.0", id: 1, result: {}, error: { code: 1, message: "m" } }, 'unrecognized key: "error"'],
    ["not an object", "hello", "expected object, received string"],
  ])("%s: the first problem of the kind of message it came closest to", (_label, message, problem) => {
    expect(line(message)).toBe(`the server's reply is not JSON-RPC 2.0: ${problem}`);
  });

  test("a message with thousands of unexpected members, one with a newline in its name, is still one short line", () => {
    const message: Record<string, unknown> = { jsonrpc: "2.0", id: 1, result: {}, "a\nb": 1 };
    for (let i = 0; i < 5_000; i++) message[`member_${i}`] = i;
    const said = line(message);
    expect(said).toMatch(/^the server's reply is not JSON-RPC 2\.0: unrecognized keys: /);
    expect(said.length).toBeLessThanOrEqual(300);
    expect(said).not.toMatch(/\n/);
  });
});
