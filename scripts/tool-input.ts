// Reads tools for `classify`: a tools/list result, a JSON array, or JSON lines, each tool validated with its position named.
import { z } from "zod";
import { toolInputSchema, type ToolInput } from "../classifier/tool.js";
import { CliError } from "./command.js";
import { safeText } from "./terminal.js";

export interface ToolWithServer {
  server?: string;
  tool: ToolInput;
}

const withServer = toolInputSchema.and(z.object({ server: z.string().min(1).optional() }).loose());

function describeIssue(where: string, error: z.ZodError): string {
  const issue = error.issues[0]!;
  const field = issue.path.length ? `field '${issue.path.join(".")}'` : "the tool";
  return `${where}: ${field}: ${issue.message}`;
}

function validate(item: unknown, where: string): ToolWithServer {
  const parsed = withServer.safeParse(item);
  if (!parsed.success) throw new CliError(describeIssue(where, parsed.error), 2);
  const { server, ...tool } = parsed.data as ToolInput & { server?: string };
  return { ...(server ? { server } : {}), tool: tool as ToolInput };
}

/** The tools array inside a whole-document input, whatever the wrapper. */
function toolsOf(doc: unknown): unknown[] | undefined {
  if (Array.isArray(doc)) return doc;
  if (doc && typeof doc === "object") {
    const o = doc as { tools?: unknown; result?: { tools?: unknown }; name?: unknown };
    if (Array.isArray(o.tools)) return o.tools;
    if (o.result && Array.isArray(o.result.tools)) return o.result.tools; // a JSON-RPC response
    if (typeof o.name === "string") return [doc];
  }
  return undefined;
}

export function parseToolInput(text: string, source: string): ToolWithServer[] {
  const trimmed = text.trim();
  if (!trimmed) throw new CliError(`${source} is empty: expected {"tools": [...]}, a JSON array of tools, or JSON lines`, 2);
  let whole: unknown;
  let wholeOk = true;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    wholeOk = false;
  }
  if (wholeOk) {
    const items = toolsOf(whole);
    if (!items) throw new CliError(`${source}: expected {"tools": [...]}, a JSON array of tools, or JSON lines; got ${Array.isArray(whole) ? "an array" : typeof whole}`, 2);
    return items.map((item, i) => validate(item, `${source}: tool ${i + 1}`));
  }
  // JSON lines: one tool (or one tools/list result) per line.
  const result: ToolWithServer[] = [];
  trimmed.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new CliError(`${source}: line ${i + 1} is not valid JSON (${safeText((e as Error).message)})`, 2);
    }
    const items = toolsOf(value);
    if (!items) throw new CliError(`${source}: line ${i + 1}: expected a tool object with a "name"`, 2);
    items.forEach((item, j) => result.push(validate(item, `${source}: line ${i + 1}${items.length > 1 ? `, tool ${j + 1}` : ""}`)));
  });
  return result;
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
