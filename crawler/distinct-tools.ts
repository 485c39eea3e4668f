// One definition per name: which tools of one list (a live tools/list, a directory's copy of one, a file given to
// `classify`, the evaluation's and the bench's lists) stand under their name, and how what was left out is said.
import { parseTool, type ToolInput } from "../classifier/tool.js";
import { toolDefinition } from "./ingest.js";
import { storable } from "./sanitize.js";
import { plural } from "../classifier/plural.js";

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

/** Counted among a list's dropped tools: a name tools with different definitions share. */
export const AMBIGUOUS_NAME = "tool dropped: its name is shared by tools with different definitions; none of them is kept";
/** The same, for names that differ only by NUL bytes or lone surrogates, which are stored as one. */
export const COLLIDING_NAME = "tool dropped: its name collides with another once NUL bytes or lone surrogates are replaced; none of them is kept";
/** A copy of a tool listed again with the same definition: the tool is kept once. */
export const REPEATED_TOOL = "tool dropped: duplicate name";

/** What distinctTools left out, one reason per tool and no name, so a run record's counted reasons stay few. */
export function droppedByName(d: Omit<DistinctTools<unknown>, "tools">): string[] {
  return [...d.ambiguous.flatMap((a) => Array<string>(a.tools).fill(a.onceCleaned ? COLLIDING_NAME : AMBIGUOUS_NAME)), ...d.repeated.flatMap((r) => Array<string>(r.copies).fill(REPEATED_TOOL))];
}

/** A name in a note: quoted, and cut (a server chooses how long it is). */
export const quotedName = (name: string) => JSON.stringify(name.slice(0, 100));

/** A name none of whose tools is kept, said with the name: on a live listing's server, on `classify`'s stderr. */
export function ambiguousNote(a: AmbiguousName): string {
  return a.onceCleaned
    ? `name ${quotedName(a.name)}: ${a.tools} tools whose names collide once NUL bytes or lone surrogates are replaced; none of them is kept`
    : `name ${quotedName(a.name)}: ${a.tools} tools with different definitions; none of them is kept`;
}

/** A name whose identical copies were left out, said with the name. */
export function repeatedNote(r: { name: string; copies: number }): string {
  return `duplicate name ${quotedName(r.name)}: ${plural(r.copies, "identical copy", "identical copies")} left out, the tool kept once`;
}

/**
 * A list's tools as the catalog keeps them (the evaluation's, the bench's and the fixtures' lists): each entry
 * read by parseTool, then one tool a name (distinctTools), so they classify what a listing of the same list
 * would store; `dropped` gives why each other entry was left out.
 */
export function parseToolList(list: readonly unknown[]): { tools: ToolInput[]; dropped: string[] } {
  const parsed: ToolInput[] = [];
  const dropped: string[] = [];
  for (const item of list) {
    const one = parseTool(item);
    if ("tool" in one) parsed.push(one.tool);
    else dropped.push(one.dropped);
  }
  const distinct = distinctTools(parsed);
  return { tools: distinct.tools, dropped: [...dropped, ...droppedByName(distinct)] };
}
