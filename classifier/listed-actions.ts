// The actions a consolidated tool's description lists for an argument that names none itself: "Actions: list, get,
// create, close, delete", "Operations are read | write | rm", "Dataset ops: list/get/delete", "all provider operations
// (CREATE, UPDATE, REMOVE, GET)". Pure.
import { ACTION_ARGUMENTS, FOREIGN_MANAGING_VERBS } from "./lexicon.js";

/** The words a listing of actions is named by: "Actions:", "operations are", "Dataset ops:", "modes include". */
const LISTING_WORDS = "actions?|operations?|ops|methods?|modes?";
const LISTING_KEY = `\\b(?:${LISTING_WORDS})\\s*(?:[:=(]|\\bare\\b|\\binclude\\b)\\s*`;
const LISTING_SEPARATOR = "(?:,\\s*|\\s+or\\s+|\\s+and\\s+|\\s*[|/]\\s*)";
const listing = (item: string) => new RegExp(`${LISTING_KEY}((?:${item}${LISTING_SEPARATOR}){1,}${item})`, "gi");
/** Actions listed as bare words: "Actions: list, get, delete". */
const BARE_LISTED = listing("[A-Za-z][A-Za-z0-9_-]*");
/** … or quoted, each with a short note on it: "Actions: 'read' (read-only) | 'delete' (IRREVERSIBLE)". */
const DRESSED_LISTED = listing("['\"`]?[A-Za-z][A-Za-z0-9_-]*['\"`]?(?:\\s*\\([^()\\n]{0,160}\\))?");
const SEPARATOR = new RegExp(LISTING_SEPARATOR);
/** An item's note and quotes, which are not the action's name (the items are trimmed after). */
const ITEM_DRESSING = /\([^()]*\)|['"`]/g;
/** A listing's own keys, met as items where a value is given to one ("mode=list or mode=kill"). */
const LISTING_KEYS = new RegExp(`^(?:${LISTING_WORDS}|op)$`, "i");
/**
 * Values a text filters on rather than actions it offers: "Filter by execution mode: 'sync' or 'async'", "Narrow results
 * with method=GET or method=POST", "entries whose action is …", and a code span followed by "filters"
 * ("`action='block'|'pass'` filters firewall-log rows"); not "Saved search filters, with operations: list, delete".
 */
const FILTERED_BEFORE = /\b(?:filter(?:s|ed|ing)?\s+(?:by|on|with)|narrow(?:s|ed|ing)?\b[^.;:\n]{0,20}\bwith|whose|only show(?:s|ing)?)\b[^.;:\n]{0,30}$/i;
const FILTERED_AFTER = /^[`'"]\s*(?:filters?|filtering)\b/;
/**
 * A value given to an action argument in the text ("List processes (action=list) or end one (action=kill)", "action=add
 * / action=remove edit the lists"): the argument's name as lexicon's ACTION_ARGUMENTS spell it, not a URL's query
 * ("?op=delete&id=4").
 */
const ASSIGNED_ACTION = new RegExp(`(?<![?&/=])\\b(${ACTION_ARGUMENTS.join("|")})\\s*=\\s*['"\`]?([A-Za-z][A-Za-z0-9_-]*)`, "gi");
/** Words before a value that make it an example or a sample, not an action offered: "e.g. cmd=rm", "formatted like". */
const EXAMPLE_BEFORE = /\b(?:e\.g\.?|i\.e\.?|for example|for instance|such as|like|sample(?: line)?:?)\s*[`'"]?\s*$/i;

/**
 * A sentence that sends the writes it lists to another tool it names: "For write operations (INSERT, …), use d1_execute
 * instead", "Mutating operations (set, del) go through redis_write"; not "Git operations: status, commit - call
 * git_status instead for a summary".
 */
const WRITES_LISTED = /\b(?:write|writing|mutating|mutation|modifying|destructive)\s+$/i;
const SENT_ELSEWHERE = /\b(?:use|call|through|via|to)\s+`?[a-z0-9]+(?:_[a-z0-9]+)+`?/i;

/**
 * The words listed after "Actions:" (or operations, methods, modes) in a description, in order, without duplicates,
 * from the first listing whose sentence neither sends the writes it lists to another tool nor filters on them. With
 * `dressed`, listings whose words are quoted or carry a note count too, and so do the values the text gives an action
 * argument (ASSIGNED_ACTION): for a tool whose action argument names none, or one with no arguments that does not lead
 * with a reading, where such words are more often what it reports ("Returns the permissions granted. Actions: 'read'
 * (view items) | 'delete' (remove items)").
 */
export function listedActions(description: string, dressed: boolean): string[] {
  const pattern = dressed ? DRESSED_LISTED : BARE_LISTED;
  pattern.lastIndex = 0;
  let listed: RegExpExecArray | null;
  while ((listed = pattern.exec(description))) {
    const from = Math.max(description.lastIndexOf(". ", listed.index), description.lastIndexOf("\n", listed.index)) + 1;
    const stop = description.slice(listed.index).search(/\.\s|\n/);
    if (WRITES_LISTED.test(description.slice(Math.max(from, listed.index - 20), listed.index)) && SENT_ELSEWHERE.test(description.slice(listed.index, stop < 0 ? undefined : listed.index + stop))) return [];
    const end = listed.index + listed[0].length;
    if (FILTERED_BEFORE.test(description.slice(Math.max(from, listed.index - 40), listed.index)) || FILTERED_AFTER.test(description.slice(end, end + 16))) continue;
    const words = (dressed ? listed[1]!.replace(ITEM_DRESSING, "") : listed[1]!).split(SEPARATOR).map((v) => v.trim());
    // (and the values it gives an action argument elsewhere: "Modes: all, only, off … action=add / action=remove")
    return [...new Set([...words.filter((v) => v.length > 0 && !LISTING_KEYS.test(v)), ...(dressed ? assignedActions(description) : [])])];
  }
  return dressed ? assignedActions(description) : [];
}

/** The values, lower case, the text gives one action argument (ASSIGNED_ACTION), when it gives it two or more; else none. */
function assignedActions(description: string): string[] {
  if (!description.includes("=")) return [];
  const byKey = new Map<string, Set<string>>();
  for (const m of description.matchAll(ASSIGNED_ACTION)) {
    const before = description.slice(Math.max(0, m.index - 40), m.index);
    // Not in a code span (an odd number of backticks before it), a filter or an example.
    if (FILTERED_BEFORE.test(before) || EXAMPLE_BEFORE.test(before) || (description.slice(0, m.index).split("`").length - 1) % 2 === 1) continue;
    const key = m[1]!.toLowerCase();
    byKey.set(key, (byKey.get(key) ?? new Set()).add(m[2]!.toLowerCase()));
  }
  for (const values of byKey.values()) if (values.size >= 2) return [...values];
  return [];
}

/**
 * A description that says only that the tool manages a thing, up to where what it does is listed: ":", " - ", ". ",
 * "supports"; in English, Spanish, Portuguese, French, Italian or German ("Administra reglas: crear, listar o borrar").
 */
const MANAGING_LEAD = new RegExp(
  `^(?:manages?|handles?|${FOREIGN_MANAGING_VERBS.join("|")})(?![\\p{L}])[^.:;\\n]{0,80}?(?::\\s*|\\s[-–—]\\s|\\.\\s+(?:(?:it\\s+)?supports?\\s+|actions?:\\s*)?|\\s(?:that\\s+|which\\s+)?supports?\\s+)`,
  "iu",
);
/** … and between the items it lists, the conjunctions of those languages too. */
const MANAGED_SEPARATOR = /,\s*|\s+(?:or|and|o|y|ou|et|oder|und|e)\s+|\s*[|/]\s*/;
const LETTERS = /\p{L}+/gu;

/**
 * The words of each item a managing description then lists, lower case ("Manage Jira issue links: add, remove, list
 * relationships" → [add], [remove], [list, relationships]; "Manage Box snapshots. Create …, list snapshots, delete them,
 * or restore …"; "… Supports creating, listing, deleting boxes"), in order, up to the sentence's end; which of them are
 * verbs is the caller's. None when the description does not lead with managing.
 */
export function managedActions(description: string): string[][] {
  const lead = MANAGING_LEAD.exec(description);
  if (!lead) return [];
  const rest = description.slice(lead[0].length, lead[0].length + 240);
  const end = rest.search(/[.;:!?\n]/);
  const items = (end < 0 ? rest : rest.slice(0, end)).split(MANAGED_SEPARATOR);
  return items.map((item) => (item.toLowerCase().match(LETTERS) ?? []).filter((w) => w !== "or" && w !== "and")).filter((words) => words.length > 0);
}
