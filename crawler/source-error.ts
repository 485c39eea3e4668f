// A source that stopped: which source, on which page, and why.
import type { SourceName } from "./records.js";

/** A source stopped: the pages before this one are stored and the checkpoint lets the next run resume. */
export class SourceError extends Error {
  constructor(
    readonly source: SourceName,
    readonly page: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: page ${page}: ${message}`, options);
    this.name = "SourceError";
  }
}
