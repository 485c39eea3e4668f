// What a request can get wrong, typed: each error knows its HTTP status; the API, pages and MCP tools say it their way.
export class RequestError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
    /** A 409's servers, each with its key; a 404's "did you mean" names. */
    readonly candidates: readonly string[] = [],
  ) {
    super(message);
    this.name = "RequestError";
  }
}

export const badRequest = (message: string) => new RequestError(400, message);
export const notFound = (message: string, suggestions: readonly string[] = []) => new RequestError(404, message, suggestions);
export const ambiguous = (message: string, candidates: readonly string[]) => new RequestError(409, message, candidates);
