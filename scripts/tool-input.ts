// Reads tools for `classify`: a tools/list result, a JSON array, or JSON lines, each tool validated with its position named.
import type { z } from "zod";
import { toolInputSchema, type ToolInput } from "../classifier/tool.js";
import { CliError } from "./command.js";
import { safeText } from "./terminal.js";

export interface ToolWithServer {
  server?: string;
  tool: ToolInput;
}

const EXPECTED = `expected {"tools": [...]}, a JSON array of tools, or JSON lines`;

function bad(message: string): CliError {
  return new CliError(message, 2);
}

function describeIssue(where: string, error: z.ZodError): string {
  const issue = error.issues[0]!;
  const field = issue.path.length ? `field '${safeText(issue.path.join("."))}'` : "the tool";
  return `${where}: ${field}: ${issue.message}`;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * One tool and the server it names. The tool schema is loose, so `server` rides along and is checked
 * here: a zod intersection cannot merge the schema's transforms (description: null) with a second object.
 */
function validate(item: unknown, where: string): ToolWithServer {
  const parsed = toolInputSchema.safeParse(item);
  if (!parsed.success) throw bad(describeIssue(where, parsed.error));
  const { server, ...tool } = parsed.data as ToolInput & { server?: unknown };
  if (server === undefined || server === null) return { tool: tool as ToolInput };
  if (typeof server !== "string" || server.trim() === "") throw bad(`${where}: field 'server': expected a non-empty string, got ${typeof server === "string" ? "a blank one" : kindOf(server)}`);
  return { server, tool: tool as ToolInput };
}

/** The tools array inside one parsed value, whatever the wrapper, or why there is none. */
function toolsOf(doc: unknown, where: string): unknown[] {
  if (Array.isArray(doc)) return doc;
  if (!doc || typeof doc !== "object") throw bad(`${where}: ${EXPECTED}; got ${kindOf(doc)}`);
  const o = doc as { tools?: unknown; result?: unknown; error?: unknown; name?: unknown };
  if (o.tools !== undefined) {
    if (Array.isArray(o.tools)) return o.tools;
    throw bad(`${where}: field 'tools': expected an array of tools, got ${kindOf(o.tools)}`);
  }
  if (o.result !== undefined) {
    // A JSON-RPC response to tools/list.
    const tools = o.result && typeof o.result === "object" ? (o.result as { tools?: unknown }).tools : undefined;
    if (Array.isArray(tools)) return tools;
    throw bad(`${where}: field 'result.tools': expected an array of tools, got ${kindOf(tools)}`);
  }
  if (o.error !== undefined) {
    const e = o.error as { code?: unknown; message?: unknown } | null;
    throw bad(`${where}: a JSON-RPC error response (${safeText(String(e?.code ?? "no code"))}: ${safeText(String(e?.message ?? "no message"))}), not a tools/list result`);
  }
  if (o.name !== undefined) return [doc];
  throw bad(`${where}: ${EXPECTED}; got an object with neither "tools" nor "name"`);
}

/** "line L, column C" of a JSON.parse error position, when the engine gives one. */
function positionOf(text: string, error: Error): string {
  const m = /at position (\d+)/.exec(error.message);
  if (!m) return "";
  const before = text.slice(0, Number(m[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return ` at line ${line}, column ${column}`;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: Error } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: e as Error };
  }
}

export function parseToolInput(input: string, source: string): ToolWithServer[] {
  const text = input.replace(/^\ufeff/, "");
  if (!text.trim()) throw bad(`${source} is empty: ${EXPECTED}`);
  const whole = tryParse(text);
  if (whole.ok) return toolsOf(whole.value, source).map((item, i) => validate(item, `${source}: tool ${i + 1}`));

  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim());
  // One document spread over lines (pretty-printed) whose first line is not JSON by itself: a syntax
  // error somewhere in it, which JSON.parse located; reading it as JSON lines would blame line 1.
  if (!tryParse(lines[first]!).ok) {
    throw bad(`${source} is not valid JSON${positionOf(text, whole.error)} (${safeText(whole.error.message)})`);
  }
  const result: ToolWithServer[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${source}: line ${i + 1}`;
    const value = tryParse(line);
    if (!value.ok) throw bad(`${where} is not valid JSON (${safeText(value.error.message)})`);
    const items = toolsOf(value.value, where);
    const single = items.length === 1 && items[0] === value.value;
    items.forEach((item, j) => result.push(validate(item, single ? where : `${where}, tool ${j + 1}`)));
  });
  return result;
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
