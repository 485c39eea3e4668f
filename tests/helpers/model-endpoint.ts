// A local OpenAI-compatible chat endpoint for the model review's tests: the real `openai` client talks to it on
// 127.0.0.1; each test says how it answers, and it keeps every request body it saw.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ReviewVerdict } from "../../classifier/review.js";
import { startLocalServer, type LocalServer } from "./local-server.js";

export interface SeenRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format: { type: string; json_schema: { name: string; schema: unknown } };
}

/** The tools of a request, as the data between the delimiters numbers them. */
export function toolsOf(body: SeenRequest): { index: number; name: string; description: string; rulesVerdict: { category: string; risk: string } }[] {
  const user = body.messages.find((m) => m.role === "user")!.content;
  return JSON.parse(user.slice(user.indexOf("BEGIN TOOL DATA\n") + 16, user.lastIndexOf("\nEND TOOL DATA")));
}

async function bodyOf(req: IncomingMessage): Promise<SeenRequest> {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  return JSON.parse(raw) as SeenRequest;
}

/** A chat completion whose message is `content`, with 100 prompt and 20 completion tokens. */
export function answer(res: ServerResponse, content: string): void {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ id: "x", object: "chat.completion", created: 0, model: "local-model", choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content } }], usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 } }));
}

/** An error status with an OpenAI-style body. */
export function fail(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ error: { message: `status ${status}` } }));
}

export const verdicts = (vs: Omit<ReviewVerdict, "instructsReviewer">[], instructsReviewer = false) => JSON.stringify({ verdicts: vs.map((v) => ({ ...v, instructsReviewer })) });

/** An answer that calls every tool of the request destructive / critical, quoting its name. */
export function destructiveAnswer(body: SeenRequest, res: ServerResponse): void {
  answer(res, verdicts(toolsOf(body).map((t) => ({ index: t.index, category: "destructive", risk: "critical", rationale: "It destroys data.", quotes: [t.name] }))));
}

export interface ModelEndpoint extends LocalServer {
  /** The base URL the client takes (…/v1). */
  baseUrl: string;
  seen: SeenRequest[];
}

export async function startModelEndpoint(reply: (body: SeenRequest, n: number, res: ServerResponse) => void): Promise<ModelEndpoint> {
  const seen: SeenRequest[] = [];
  const server = await startLocalServer(async (req, res, n) => {
    const body = await bodyOf(req);
    seen.push(body);
    reply(body, n, res);
  });
  return { ...server, baseUrl: `${server.url}/v1`, seen };
}
