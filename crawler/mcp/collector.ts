// Collecting tools/list pages under the limits: caps, cursor loops, skipped tools, names that stand for one definition.
import { z } from "zod";
import { type ToolInput, toolInputSchema } from "../../classifier/tool.js";
import { nestsDeeperThan, TOO_DEEP } from "../json-depth.js";
import { ambiguousNote, distinctTools, quotedName, repeatedNote } from "../distinct-tools.js";
import { droppedHints } from "../dropped-hints.js";
import { storable } from "../sanitize.js";
import { skippedToolName } from "../plan/tools.js";
import { capTool } from "../text-cap.js";
import { EnumerateError } from "./errors.js";
import { DEFAULT_ENUMERATE_LIMITS, type EnumerateLimits, type EnumerateResult, type EnumerateTransport, type Truncation } from "./limits.js";

const MAX_SKIP_REASONS = 10;

export const pageSchema = z
  .object({
    tools: z.array(z.unknown()),
    nextCursor: z.unknown().optional(),
    ttlMs: z.unknown().optional(),
    _meta: z.record(z.string(), z.unknown()).optional().catch(undefined),
  })
  .loose();

type Page = z.infer<typeof pageSchema>;

export class ToolCollector {
  /** Every valid tool received, a name's repeats included: which of them stand is decided once the list is whole (result). */
  readonly tools: ToolInput[] = [];
  /** The distinct names received, as they will be stored: what maxTools counts. */
  private readonly names = new Set<string>();
  private readonly cursors = new Set<string>();
  pages = 0;
  bytes = 0;
  truncated: Truncation | undefined;
  skipped = 0;
  readonly skipReasons: string[] = [];
  readonly skippedNames: string[] = [];
  skippedUnnamed = false;
  descriptionsTruncated = 0;
  hintsDropped = 0;
  readonly hintNotes: string[] = [];
  ttlMs: number | undefined;

  constructor(private readonly limits: EnumerateLimits) {}

  /** A tool the server lists but the catalog cannot take: kept by name (or the listing made partial), so it is not removed. */
  private skipTool(raw: unknown, reason: string): void {
    const name = skippedToolName(raw);
    if (name === undefined) this.skippedUnnamed = true;
    else this.skippedNames.push(name);
    this.skipped += 1;
    if (this.skipReasons.length < MAX_SKIP_REASONS) this.skipReasons.push(reason);
  }

  /** Takes one page; returns the cursor of the next page to ask for, or undefined to stop. */
  add(page: Page): string | undefined {
    this.pages += 1;
    if (typeof page.ttlMs === "number" && Number.isFinite(page.ttlMs) && page.ttlMs >= 0) this.ttlMs = Math.min(this.ttlMs ?? Infinity, page.ttlMs);
    for (const [i, raw] of page.tools.entries()) {
      if (this.names.size >= this.limits.maxTools) {
        this.truncated = "maxTools";
        return undefined;
      }
      const where = `page ${this.pages} tool ${i}`;
      // Measured first: JSON.stringify and every walk after it recurse, and would fail the whole listing.
      if (nestsDeeperThan(raw)) {
        this.skipTool(raw, `${where}: ${TOO_DEEP}`);
        continue;
      }
      const size = JSON.stringify(raw)?.length ?? 0;
      if (this.bytes + size > this.limits.maxBytes) {
        this.truncated = "maxBytes";
        return undefined;
      }
      this.bytes += size;
      const parsed = toolInputSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        this.skipTool(raw, `${where}: invalid (${issue ? `${issue.path.join(".") || "tool"}: ${issue.message}` : "not a tool"})`);
        continue;
      }
      const tool = parsed.data;
      for (const d of droppedHints(raw, tool)) {
        this.hintsDropped += 1;
        if (this.hintNotes.length < MAX_SKIP_REASONS) this.hintNotes.push(`${where} ${quotedName(tool.name)}: ${d.hint} dropped: ${d.kind}${d.value ? ` (${d.value})` : ""}, not a boolean`);
      }
      this.names.add(storable(tool.name).value);
      const max = this.limits.maxDescriptionChars ?? DEFAULT_ENUMERATE_LIMITS.maxDescriptionChars ?? Infinity;
      const capped = capTool(tool, max);
      this.descriptionsTruncated += capped.cut;
      this.tools.push(capped.tool);
    }
    const next = page.nextCursor;
    if (typeof next !== "string" || next === "") return undefined;
    if (this.names.size >= this.limits.maxTools) {
      this.truncated = "maxTools";
      return undefined;
    }
    if (this.cursors.has(next)) {
      this.truncated = "cursorLoop";
      return undefined;
    }
    if (this.pages >= this.limits.maxPages) {
      this.truncated = "maxPages";
      return undefined;
    }
    this.cursors.add(next);
    return next;
  }

  result(base: { transport: EnumerateTransport; protocolVersion?: string | undefined; serverInfo?: { name: string; version?: string } | undefined }, target: string): EnumerateResult {
    if (this.tools.length === 0 && this.truncated === "maxBytes") {
      throw new EnumerateError(`the first tool alone is over maxBytes (${this.limits.maxBytes})`, "limit", target);
    }
    const { tools, ambiguous, repeated } = distinctTools(this.tools);
    const ambiguousReasons = ambiguous.map(ambiguousNote);
    const repeatedReasons = repeated.map(repeatedNote);
    // A name none of whose tools is kept is no gap: its stored tool goes too, rather than keep a rule for that name.
    const ambiguousNames = new Set(ambiguous.map((a) => a.name));
    return {
      tools,
      transport: base.transport,
      ...(base.protocolVersion ? { protocolVersion: base.protocolVersion } : {}),
      ...(base.serverInfo ? { serverInfo: base.serverInfo } : {}),
      pages: this.pages,
      bytes: this.bytes,
      ...(this.truncated ? { truncated: this.truncated } : {}),
      skipped: this.skipped + this.tools.length - tools.length,
      // Names that stand for no tool first (what a policy reader most needs), harmless repeats last.
      skipReasons: [...ambiguousReasons, ...this.skipReasons, ...repeatedReasons].slice(0, MAX_SKIP_REASONS),
      skippedNames: ambiguousNames.size ? this.skippedNames.filter((n) => !ambiguousNames.has(storable(n).value)) : this.skippedNames,
      skippedUnnamed: this.skippedUnnamed,
      descriptionsTruncated: this.descriptionsTruncated,
      hintsDropped: this.hintsDropped,
      hintNotes: this.hintNotes,
      ...(this.ttlMs !== undefined ? { ttlMs: this.ttlMs } : {}),
    };
  }
}

/** Pages into the collector until it asks for no further page, or the server has no tools/list ("none"). */
export async function collect(c: ToolCollector, fetchPage: (cursor: string | undefined) => Promise<Page | "none">): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    if (page === "none") return;
    cursor = c.add(page);
  } while (cursor !== undefined);
}

/** A server's name and version, from the client or from a result's `_meta`, cut to sane lengths. */
export function serverInfoOf(v: unknown): { name: string; version?: string } | undefined {
  if (!v || typeof v !== "object") return undefined;
  const { name, version } = v as { name?: unknown; version?: unknown };
  if (typeof name !== "string") return undefined;
  return { name: name.slice(0, 200), ...(typeof version === "string" ? { version: version.slice(0, 100) } : {}) };
}
