// One definition per name: which tools of one list (a live tools/list, a directory's copy of one) stand under their name.
import type { ToolInput } from "../classifier/tool.js";
import { toolDefinition } from "./ingest.js";
import { storable } from "./sanitize.js";

/** A name, as stored, that tools with different definitions share: none of them is kept. */
export interface AmbiguousName {
  /** The name as stored (NUL bytes and lone surrogates replaced by U+FFFD). */
  name: string;
  /** How many tools of the list carry it. */
  tools: number;
  /** The names as sent differ: they are one name only once NUL bytes and lone surrogates are replaced. */
  onceCleaned: boolean;
}

export interface DistinctTools<T> {
  /** One tool per name, in the order the list gave them. */
  tools: T[];
  /** Names given to different definitions, in the order they first came. */
  ambiguous: AmbiguousName[];
  /** Names listed more than once with the same definition: kept once, `copies` the others left out. */
  repeated: { name: string; copies: number }[];
}

/**
 * Tools that share a name as stored (the same name sent twice, or names that differ only by NUL bytes or
 * lone surrogates) are none of them kept when their definitions differ: keeping one would depend on the
 * order the list came in, so the label could flip from run to run, and a policy matching the name could
 * allow a destructive tool under a read-only one's name. Left out, the name gets no rule that allows it.
 * Copies whose stored definitions are the same (the same content hash) are one tool, kept once.
 */
export function distinctTools<T extends ToolInput>(list: readonly T[]): DistinctTools<T> {
  const byName = new Map<string, T[]>();
  for (const tool of list) {
    const name = storable(tool.name).value;
    const group = byName.get(name);
    if (group) group.push(tool);
    else byName.set(name, [tool]);
  }
  const out: DistinctTools<T> = { tools: [], ambiguous: [], repeated: [] };
  // A Map iterates in insertion order: each name where it first came, so the tools kept stay in list order.
  for (const [name, group] of byName) {
    const first = group[0]!;
    if (group.length === 1) {
      out.tools.push(first);
      continue;
    }
    const hash = (t: T) => toolDefinition(storable(t).value).contentHash;
    const firstHash = hash(first);
    if (group.every((t, i) => i === 0 || hash(t) === firstHash)) {
      out.tools.push(first);
      out.repeated.push({ name, copies: group.length - 1 });
    } else {
      out.ambiguous.push({ name, tools: group.length, onceCleaned: group.some((t) => t.name !== first.name) });
    }
  }
  return out;
}
