// What a request can get wrong, typed: each error knows its HTTP status; the API, pages and MCP tools say it their way.
import { truncate } from "../scripts/terminal.js";
import { paths } from "./paths.js";

/** A name as an error echoes it: cut as the CLI cuts it, so a 100 KB name makes no 100 KB message. */
export const shownName = (name: string) => truncate(name, 120);

/**
 * What an error's names are: servers (a 409's candidates, an unknown server's close keys), tool names, or the
 * tools of one server (a 409's tools whose names differ only in case).
 */
export type NameKind = "server" | "tool" | { toolsOf: string };

/** The page of one name an error lists. */
export function namePage(names: NameKind, name: string): string {
  if (names === "server") return paths.server(name);
  if (names === "tool") return paths.toolName(name);
  return paths.tool(names.toolsOf, name);
}

export class RequestError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
    /** A 409's servers, each with its key (or one server's tools, by name); a 404's "did you mean" names. */
    readonly candidates: readonly string[] = [],
    /** What the candidates name, so a page links each to its own page. */
    readonly names: NameKind = "server",
  ) {
    super(message);
    this.name = "RequestError";
  }
}

export const badRequest = (message: string) => new RequestError(400, message);
/** A 404, with the close names that do exist when there are any. */
export const notFound = (message: string, suggestions?: { names: NameKind; close: readonly string[] }) => new RequestError(404, message, suggestions?.close, suggestions?.names);
export const ambiguous = (message: string, candidates: readonly string[], names: NameKind = "server") => new RequestError(409, message, candidates, names);
