// The actions a consolidated tool's description lists for an argument that names none itself: "Actions: list, get,
// create, close, delete", "Operations are read | write | rm", "Dataset ops: list/get/delete", "all provider operations
// (CREATE, UPDATE, REMOVE, GET)". Pure.
import { FOREIGN_MANAGING_VERBS } from "./lexicon.js";

/** An item of a list of actions: a word, quoted or not, with a short note on it ("'delete' (IRREVERSIBLE)"). */
const LISTED_ITEM = "['\"`]?[A-Za-z][A-Za-z0-9_-]*['\"`]?(?:\\s*\\([^()\\n]{0,160}\\))?";
const ACTIONS_LISTED = new RegExp(
  `\\b(?:actions?|operations?|ops|methods?|modes?)\\s*(?:[:=(]|\\bare\\b|\\binclude\\b)\\s*((?:${LISTED_ITEM}(?:,\\s*|\\s+or\\s+|\\s+and\\s+|\\s*[|/]\\s*)){1,}${LISTED_ITEM})`,
  "i",
);
const SEPARATOR = /,\s*|\s+or\s+|\s+and\s+|\s*[|/]\s*/;
/**
 * Values a listing filters on rather than actions it offers: "Filter by execution mode: 'sync' or 'async'",
 * "`action='block'|'pass'` filters firewall-log rows".
 */
const FILTERED_BEFORE = /\bfilter(?:s|ed|ing)?\b[^.;:\n]{0,30}$/i;
const FILTERED_AFTER = /^[`'"\s)]*(?:filters?|filtering)\b/i;
/** An item's note and quotes, which are not the action's name. */
const ITEM_DRESSING = /\s*\([^()]*\)|['"`]/g;
/**
 * An action argument given a value in the text, each where it is explained: "List running processes (mode=list) or kill
 * a process by PID (mode=kill)", "action=list_tools returns one server's tools".
 */
const ASSIGNED_ACTION = /\b(action|mode|op|operation|command|cmd|method)\s*=\s*['"`]?([A-Za-z][A-Za-z0-9_-]*)/gi;

/**
 * A sentence that sends the writes it lists to another tool it names: "For write operations (INSERT, …), use d1_execute
 * instead", "Mutating operations (set, del) go through redis_write"; not "Git operations: status, commit - call
 * git_status instead for a summary".
 */
const WRITES_LISTED = /\b(?:write|writing|mutating|mutation|modifying|destructive)\s+$/i;
const SENT_ELSEWHERE = /\b(?:use|call|through|via|to)\s+`?[a-z0-9]+(?:_[a-z0-9]+)+`?/i;

/**
 * The words listed after "Actions:" (or operations, methods, modes) in a description, in order, without duplicates;
 * none where the listing's sentence sends the writes it lists to another tool.
 */
export function listedActions(description: string): string[] {
  const listed = ACTIONS_LISTED.exec(description);
  if (!listed) return assignedActions(description);
  const from = Math.max(description.lastIndexOf(". ", listed.index), description.lastIndexOf("\n", listed.index)) + 1;
  const stop = description.slice(listed.index).search(/\.\s|\n/);
  if (WRITES_LISTED.test(description.slice(Math.max(from, listed.index - 20), listed.index)) && SENT_ELSEWHERE.test(description.slice(listed.index, stop < 0 ? undefined : listed.index + stop))) return [];
  const end = listed.index + listed[0].length;
  if (FILTERED_BEFORE.test(description.slice(Math.max(from, listed.index - 40), listed.index)) || FILTERED_AFTER.test(description.slice(end, end + 16))) return [];
  // (and the values it gives an action argument elsewhere: "Modes: all, only, off … action=add / action=remove")
  return [...new Set([...listed[1]!.replace(ITEM_DRESSING, "").split(SEPARATOR).map((v) => v.trim()).filter((v) => v.length > 0), ...assignedActions(description)])];
}

/** The values the text gives one action argument (ASSIGNED_ACTION), when it gives it two or more; else none. */
function assignedActions(description: string): string[] {
  if (!description.includes("=")) return [];
  const byKey = new Map<string, Set<string>>();
  for (const [, key, value] of description.matchAll(ASSIGNED_ACTION)) {
    const k = key!.toLowerCase();
    byKey.set(k, (byKey.get(k) ?? new Set()).add(value!));
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
