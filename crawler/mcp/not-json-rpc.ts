// A message a server sent that is not JSON-RPC 2.0, said in one line: the first problem zod found, not its whole report.
import type { z } from "zod";
import { cut } from "../text-cap.js";

type Issue = z.core.$ZodIssue;

/** The line's length at most: zod repeats keys a server chose, as many as it sent. */
const MAX_CHARS = 300;

const depth = (issues: readonly Issue[]) => Math.max(0, ...issues.map((i) => i.path.length));

/**
 * Whether a union's branch `a` is closer to the message than `b`: fewer problems, or as many found deeper
 * in it (it matched more of that shape). The client reads any message as one of four kinds (request,
 * notification, result, error) and reports each kind's problems: the closest kind's are the ones to name.
 */
function closer(a: readonly Issue[], b: readonly Issue[]): boolean {
  return a.length !== b.length ? a.length < b.length : depth(a) > depth(b);
}

const where = (path: readonly PropertyKey[]) => (path.length ? `${path.map(String).join(".")}: ` : "");

/** The first problem as `path: what was wrong`, looking into a union's closest branch. */
function firstProblem(issues: readonly Issue[], at: readonly PropertyKey[]): string {
  const issue = issues[0];
  if (!issue) return "invalid";
  const path = [...at, ...issue.path];
  if (issue.code !== "invalid_union" || issue.errors.length === 0) {
    const what = issue.message.replace(/^Invalid input: /, "");
    return `${where(path)}${what.charAt(0).toLowerCase()}${what.slice(1)}`;
  }
  const branches = issue.errors;
  // A value of none of a few types (an id neither a string nor a number): every type it could have been, not the first.
  const types = branches.map((b) => (b.length === 1 && b[0]!.code === "invalid_type" && b[0]!.path.length === 0 ? b[0]!.expected : undefined));
  if (types.every((t) => t !== undefined)) {
    const received = /, received (\S+)$/.exec(branches[0]![0]!.message)?.[1];
    return `${where(path)}expected ${[...new Set(types)].join(" or ")}${received ? `, received ${received}` : ""}`;
  }
  return firstProblem(
    branches.reduce((best, b) => (closer(b, best) ? b : best)),
    path,
  );
}

/** What zod found wrong with a message a server sent (the client's JSON-RPC schema), in one short line. */
export function notJsonRpc(error: z.ZodError): string {
  return cut(`the server's reply is not JSON-RPC 2.0: ${firstProblem(error.issues, [])}`.replace(/\s+/g, " "), MAX_CHARS);
}
