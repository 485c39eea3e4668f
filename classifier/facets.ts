// Capability facets of a tool besides its category, for toxic flows: whether it reads untrusted content,
// reads private data, sends data outside, or changes data. Pure; words are data in lexicon.ts.
import { FACET_WORDS, SEND_VERBS } from "./lexicon.js";
import type { Category } from "./taxonomy.js";
import { splitName, textWords } from "./tokens.js";

export const FACETS = ["untrusted_input", "private_data", "outward_sink", "changes_data"] as const;
export type Facet = (typeof FACETS)[number];

export const FACET_LABEL: Record<Facet, string> = {
  untrusted_input: "reads untrusted content",
  private_data: "reads private data",
  outward_sink: "sends data outside",
  changes_data: "changes or destroys data",
};

const WORDS = {
  untrusted: new Set(FACET_WORDS.untrusted.split(" ")),
  private: new Set(FACET_WORDS.private.split(" ")),
  sink: new Set(FACET_WORDS.sink.split(" ")),
};

export interface FacetInput {
  name: string;
  description?: string | null | undefined;
  category: Category;
  signals: readonly string[];
}

/** The words a facet is read from: the name's, and for private data the description's opening too. */
function nameWords(tool: FacetInput): Set<string> {
  return new Set(splitName(tool.name));
}

function textOf(tool: FacetInput): Set<string> {
  return new Set([...splitName(tool.name), ...textWords((tool.description ?? "").slice(0, 160))]);
}

function any(set: ReadonlySet<string>, of: ReadonlySet<string>): boolean {
  for (const w of set) if (of.has(w)) return true;
  return false;
}

/**
 * A read of content outsiders write is an untrusted source; a read (or run) over the user's own data is
 * private-data access; a write or run that sends (a send verb, or a message / post / request object in its
 * name), or one the classifier found sending outside, is a sink; any write, run, delete or payment changes data.
 */
export function toolFacets(tool: FacetInput): Facet[] {
  // What outsiders write, and where data goes out, are read from the name: a description that merely
  // mentions a page or a comment says little. Private data is read from the description too.
  const name = nameWords(tool);
  const reads = tool.category === "read";
  const acts = tool.category !== "read";
  const out: Facet[] = [];
  if (reads && any(name, WORDS.untrusted)) out.push("untrusted_input");
  if ((reads || tool.category === "execute") && any(textOf(tool), WORDS.private)) out.push("private_data");
  const sends = tool.signals.includes("external_send") || [...name].some((x) => SEND_VERBS.has(x));
  if ((tool.category === "write" || tool.category === "execute") && (sends || any(name, WORDS.sink))) out.push("outward_sink");
  if (acts) out.push("changes_data");
  return out;
}
