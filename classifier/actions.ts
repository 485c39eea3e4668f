// Consolidated tools: the argument that picks one of several actions (`method: list | create | delete`),
// read from the input schema alone. Pure; the classifier decides each action's class from what is found.
import { ACTION_ARGUMENTS, CONSOLIDATING_WORDS } from "./lexicon.js";
import { schemaProperties, type PropertyView } from "./schema-arguments.js";
import { nameVerb } from "./verb-tables.js";
import { listedActions } from "./listed-actions.js";
import { splitName } from "./tokens.js";
import type { ToolInput } from "./tool.js";

export interface ActionArgument {
  /** The argument's name as the schema spells it (the call carries it under this name). */
  name: string;
  /** The action values, in schema order, without duplicates. */
  values: string[];
  /** Where the values came from: the argument's enum, or a list of quoted values in its description. */
  source: "enum" | "description";
  /** What the argument's description says about each value (the line naming it), when it does. */
  notes: Record<string, string>;
}

// A value quoted in a description: 'add', "create", `delete`; an identifier, not a sentence.
const QUOTED_VALUE = /['"`]([A-Za-z][A-Za-z0-9_-]{0,63})['"`]/g;
// Values a description lists as "operation=\"select/count/exists\"" or "one of: a, b, c".
const ONE_OF = /\bone of[:\s]+((?:[A-Za-z][A-Za-z0-9_-]*(?:,\s*|\s+or\s+|\s*\|\s*)){1,}[A-Za-z][A-Za-z0-9_-]*)/i;

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0))];
}

function describedValues(description: string): string[] {
  const quoted = unique([...description.matchAll(QUOTED_VALUE)].map((m) => m[1]!));
  if (quoted.length >= 2) return quoted;
  const listed = ONE_OF.exec(description);
  return listed ? unique(listed[1]!.split(/,\s*|\s+or\s+|\s*\|\s*/)) : [];
}

/** Each action value's note pattern, compiled on its first use: servers repeat the same few actions (list, create, delete). */
const notePatterns = new Map<string, RegExp>();
/** Values are the servers' own words: past this many, the memo starts over rather than growing with the catalog. */
const NOTE_PATTERNS_MAX = 4_096;

function notePattern(value: string): RegExp {
  let pattern = notePatterns.get(value);
  if (pattern) return pattern;
  if (notePatterns.size >= NOTE_PATTERNS_MAX) notePatterns.clear();
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  pattern = new RegExp(`(?:['"\`]${escaped}['"\`]|^\\s*(?:[-*]|\\d+\\.)\\s*${escaped}\\b)`, "m");
  notePatterns.set(value, pattern);
  return pattern;
}

/** The line of the argument's description (split into `lines`) that names `value`, as a note on what that action does. */
function noteFor(lines: readonly string[], value: string): string | undefined {
  const quoted = notePattern(value);
  const line = lines.find((l) => quoted.test(l));
  return line?.trim().slice(0, 200);
}

/** Each value's note, from the argument's description split into lines once. */
function notesFor(description: string, values: readonly string[]): Record<string, string> {
  const lines = description.split(/\r?\n/);
  const notes: Record<string, string> = {};
  for (const v of values) {
    const note = noteFor(lines, v);
    if (note) notes[v] = note;
  }
  return notes;
}

/** Whether a value names an action: its first word is a verb the lexicon knows ("delete", "get_comments"). */
function isAction(value: string): boolean {
  const first = splitName(value)[0];
  return first !== undefined && nameVerb(first) !== undefined;
}

/**
 * An enum is a list of actions when at least half its values are (an index `method: btree | hash` or
 * a data kind `method: labels | branches` is not); a description's quoted words count only when they are.
 */
function candidate(p: PropertyView): ActionArgument | undefined {
  if (p.enumValues.length >= 2) {
    const values = unique(p.enumValues);
    if (values.length < 2 || values.filter(isAction).length * 2 < values.length) return undefined;
    return { name: p.name, values, source: "enum", notes: notesFor(p.description, values) };
  }
  // A raw command is not an action list: only the enum form of `command` counts.
  if (p.key === "command") return undefined;
  const values = describedValues(p.description).filter(isAction);
  if (values.length < 2) return undefined;
  return { name: p.name, values, source: "description", notes: notesFor(p.description, values) };
}

/** Whether an action value changes something: its verb is no read ("delete", "create_issue"; not "list"). */
function changes(value: string): boolean {
  const first = splitName(value)[0];
  return first !== undefined && nameVerb(first)?.category !== "read";
}

/**
 * The argument that selects a consolidated tool's action, if it has one: of ACTION_ARGUMENTS (by snake_case
 * key), one whose enum lists actions, or whose description quotes two or more of them. A tool without one is a
 * single-action tool. With two or more such arguments (`action: get | list` beside `operation: get | delete`),
 * the one whose actions change something, the first when none do; none when several do, for a rule on one
 * argument's values would let the other's pass: the tool is then ruled as a whole. `props`: the tool's
 * schemaProperties, when its reading has them.
 */
export function findActionArgument(tool: ToolInput, props: readonly PropertyView[] = schemaProperties(tool.inputSchema)): ActionArgument | undefined {
  let bare: PropertyView | undefined;
  const found: ActionArgument[] = [];
  for (const key of ACTION_ARGUMENTS) {
    for (const p of props) {
      if (p.key !== key) continue;
      const c = candidate(p);
      if (c) found.push(c);
      else if (p.key !== "command" && p.enumValues.length === 0) bare ??= p;
    }
  }
  if (found.length > 0) {
    const changing = found.filter((a) => a.values.some(changes));
    return changing.length > 1 ? undefined : (changing[0] ?? found[0]);
  }
  // An action argument that names no values, where the tool's description lists them ("Actions: list, get, delete").
  return bare ? listedInDescription(bare, tool.description ?? "") : undefined;
}

function listedInDescription(p: PropertyView, description: string): ActionArgument | undefined {
  const values = listedActions(description, true).filter(isAction);
  return values.length >= 2 ? { name: p.name, values, source: "description", notes: {} } : undefined;
}

/** Whether `plural` is `word`'s plural: "projects" of "project", "statuses" of "status", "repositories" of "repository". */
function pluralOf(plural: string, word: string): boolean {
  if (plural === `${word}s` || plural === `${word}es`) return true;
  return word.endsWith("y") && plural === `${word.slice(0, -1)}ies`;
}

/** The same noun in either number: "project" and "projects" are one word to a name. */
function sameNoun(a: string, b: string): boolean {
  return a === b || pluralOf(a, b) || pluralOf(b, a);
}

/**
 * The name an action reads as when it stands alone: the value, then the tool name's words that are
 * not the consolidating verb ("write", "manage") and not already in the value, in either number.
 * `label_write` + `delete` → `delete_label`; `projects_write` + `delete_project_item` → `delete_project_item`.
 */
export function actionToolName(toolName: string, value: string): string {
  const own = splitName(value);
  const rest = splitName(toolName).filter((word) => !CONSOLIDATING_WORDS.has(word) && !own.some((w) => sameNoun(w, word)));
  return [...own, ...rest].join("_");
}
