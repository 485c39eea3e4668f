// The actions a consolidated tool's description lists for an argument that names none itself: "Actions: list, get,
// create, close, delete", "Operations are read | write | rm", "Dataset ops: list/get/delete", "all provider operations
// (CREATE, UPDATE, REMOVE, GET)". Pure.
import { FOREIGN_MANAGING_VERBS } from "./lexicon.js";

const ACTIONS_LISTED =
  /\b(?:actions?|operations?|ops|methods?|modes?)\s*(?:[:=(]|\bare\b|\binclude\b)\s*((?:[A-Za-z][A-Za-z0-9_-]*(?:,\s*|\s+or\s+|\s+and\s+|\s*[|/]\s*)){1,}[A-Za-z][A-Za-z0-9_-]*)/i;
const SEPARATOR = /,\s*|\s+or\s+|\s+and\s+|\s*[|/]\s*/;

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
  if (!listed) return [];
  const from = Math.max(description.lastIndexOf(". ", listed.index), description.lastIndexOf("\n", listed.index)) + 1;
  const stop = description.slice(listed.index).search(/\.\s|\n/);
  if (WRITES_LISTED.test(description.slice(Math.max(from, listed.index - 20), listed.index)) && SENT_ELSEWHERE.test(description.slice(listed.index, stop < 0 ? undefined : listed.index + stop))) return [];
  return [...new Set(listed[1]!.split(SEPARATOR).map((v) => v.trim()).filter((v) => v.length > 0))];
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
