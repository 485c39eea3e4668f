// What one live listing may cost (the limits every transport enforces) and what it returns.
import type { ToolInput } from "../../classifier/tool.js";
import { MAX_TEXT_CHARS } from "../text-cap.js";

export interface EnumerateLimits {
  /** Transport start plus initialize (or discover), per attempt. */
  connectTimeoutMs: number;
  /** Each tools/list page. */
  requestTimeoutMs: number;
  /** Everything, hard: the call returns (fails) by then whatever the server does. */
  totalTimeoutMs: number;
  maxTools: number;
  /** Sum of the JSON length of the tools received; the wire itself is cut at 2 × maxBytes + 1 MiB. */
  maxBytes: number;
  maxPages: number;
  /** Longer descriptions and titles are cut to this many characters (ending in "… [truncated]"). Unset: the default (10,000); Infinity: never. */
  maxDescriptionChars?: number;
}

/** The one table of listing limits: the CLI's CATALOG_INTROSPECT_* variables default to these (scripts/config.ts). */
export const DEFAULT_ENUMERATE_LIMITS = {
  connectTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  totalTimeoutMs: 60_000,
  maxTools: 2_000,
  maxBytes: 5 * 1024 * 1024,
  maxPages: 50,
  maxDescriptionChars: MAX_TEXT_CHARS,
} satisfies Required<EnumerateLimits>;

export type EnumerateTransport = "streamable-http" | "sse" | "stdio";

/** Which limit cut the list: paging stopped there and the tools so far are returned. */
export type Truncation = "maxTools" | "maxBytes" | "maxPages" | "cursorLoop";

export interface EnumerateResult {
  tools: ToolInput[];
  transport: EnumerateTransport;
  protocolVersion?: string;
  serverInfo?: { name: string; version?: string };
  pages: number;
  bytes: number;
  truncated?: Truncation;
  /** Tools the server sent that failed validation or repeated an earlier name: skipped, not fatal. */
  skipped: number;
  /** Why, for the first few skipped tools. */
  skipReasons: string[];
  /** Names of the tools skipped as invalid (kept as they were, not removed), and whether one had no usable name (then the list removes nothing). */
  skippedNames: string[];
  skippedUnnamed: boolean;
  /** Descriptions and titles cut to maxDescriptionChars. */
  descriptionsTruncated: number;
  /** Annotation hints of the wrong type (`readOnlyHint: "true"`): dropped, their tools kept. */
  hintsDropped: number;
  /** Which, for the first few: the tool, the hint and what came in its place. */
  hintNotes: string[];
  /** How long the server says its list stays fresh (2026-07-28 `ttlMs`, the smallest over the pages). */
  ttlMs?: number;
}
