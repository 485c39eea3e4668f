// What a description says a tool changes beyond its leading verb: an action joined to the lead, an effect a switch
// or an option makes, a side effect it lists, files it makes or must write, a job it starts, a confirmation it asks.
import {
  CONFIRMATION_REQUIRED,
  CONFIRMED_BY_PERSON,
  FILE_OUT_VERBS,
  GENERATING_VERBS,
  NON_ADDITIVE_VERBS,
  PERSIST_WORDS,
  REHEARSAL_SWITCH,
  SIDE_EFFECTS_LISTED,
  SWITCHED_NO_EFFECT,
  SWITCHED_STORES,
  TOOL_NAME,
} from "./lexicon.js";
import type { Category } from "./taxonomy.js";
import type { ToolInput } from "./tool.js";
import { quoteText } from "./quote.js";
import { deniedAt, statedLocalFile } from "./stated-effects.js";
import { PARTICIPLES, TEXT_VERBS, type VerbInfo } from "./verb-tables.js";
import type { NameVerbHit } from "./name-verb.js";
import { ARTICLES, RELATIVE_WORDS, REQUEST_LINE, type DescriptionVerbHit } from "./description-verb.js";
import { requiredArgument, type PropertyView } from "./schema-arguments.js";
import type { Evidence } from "./signals.js";

/** A generated thing made into files or a pull request: "Creates test files and opens a PR with them". */
const MADE_INTO_FILES = /\b(?:creates?|writes?|saves?)\s+(?:[a-z-]+\s+){0,2}?files?\b|\bopens?\s+(?:a\s+)?(?:pr|pull request|merge request)\b/;
/** Someone else doing it: "Use it when someone opens a PR". */
const OTHER_SUBJECT_BEFORE = /\b(?:when|if|once|after|before|someone|anyone|users?|they|you)\s+(?:[a-z-]+\s+)?$/;

/** Whether the text says the tool makes what it generates into files or a pull request, not denied nor another's act. */
export function madeIntoFiles(lower: string): boolean {
  const m = MADE_INTO_FILES.exec(lower);
  return m !== null && !deniedAt(lower, m.index) && !OTHER_SUBJECT_BEFORE.test(lower.slice(Math.max(0, m.index - 24), m.index));
}

// A second action joined to the first in one sentence: "… and mark them as read", "… then replace it", "…, and email it".
// The adverb is tried last, so a joined verb ending in -ly stays the verb ("and apply them all", "and reply to them").
const JOINED_ACTION = /(\band|\bthen|\bor|,)\s+(?:then\s+|also\s+|[a-z]+ly\s+)??([a-z]+)\s+(it|them|this|these|those|the|a|an|one|all|its|their|each|every|any)\b/g;
const PRONOUNS = new Set(["it", "them", "this", "these", "those"]);
/**
 * Words before an "or" that put its alternatives to someone else, in a purpose or a condition, or deny them: "whether",
 * "asking the user", "so you can", "before you", "how", "never", and an infinitive right before it ("to create or update").
 */
const OR_HELD_BY =
  /\b(?:whether|ask|asks|asking|decide|decides|choose|chooses|lets?|can|could|you|so|before|after|how|need|needs|needed|required|who|which|that|if|when|never|not|no|without|don['’]t)\b|\bto\s+[a-z]+\s*,?\s*$/;
/** Verbs that page on through what was read ("or continue a previous search with its cursor"). */
const PAGING_VERBS = new Set(["continue", "resume"]);

/**
 * Verbs that arrange what a tool read ("… and rank them by relevance"); not "order", as often a purchase ("order it by
 * one-click checkout").
 */
const ORDERING_VERBS = new Set(["rank", "sort"]);
/** The measure after an ordering verb and its object: "them by relevance". */
const ORDERED_BY = /^\s+(?:[a-z0-9'’-]+\s+){0,3}?by\s/;
/** An order the text keeps: "sorted in place", "so the queue reflects the new order", "the new rank". */
const ORDER_KEPT = /\b(?:in place|(?:reflects? the |saved |the )new (?:rank|ranking|order|ordering))\b/;
/**
 * A relative pronoun after the thing a text opens with, in lower-case text, unless that thing is the tool itself
 * ("Inbox helper that fetches unread mail and marks it as read"): group 1 is the word before the pronoun.
 */
const RELATIVE_AFTER_THING = new RegExp(`\\b([a-z0-9-]+)\\s+(?:${[...RELATIVE_WORDS].join("|")})\\s`);
/** Nouns that name the tool itself when a text opens with one: its relative clause says what the tool does. */
const TOOL_NOUNS = new Set("tool tools helper utility scanner agent assistant service server command function endpoint bot script wrapper".split(" "));

/**
 * The change a description's first sentence joins to its lead ("Fetch unread emails and mark them as read", "Search
 * for a string and replace it"), unless denied; a word as often a noun counts where a pronoun follows it ("and post
 * it") or, a change's bare form, an article ("and post a review"), an -ing form never (how the work is done). A
 * removal counts too: one offered as the alternative ("List running processes or kill a process by PID") is the tool's
 * to make, though statedRemoval reads only those stated as done.
 */
export function joinedAction(lower: string, opensWithVerb: boolean): { verb: string; category: Category; quote: string } | undefined {
  // A spec's request line first ("GET /me/notifications") is no sentence of its own: the summary after it is.
  const text = lower.charCodeAt(0) <= 122 ? lower.replace(REQUEST_LINE, "") : lower;
  const end = text.slice(0, 200).search(/[.!?\n]/);
  const first = end < 0 ? text.slice(0, 200) : text.slice(0, end);
  if (!first.includes(" and ") && !first.includes("then") && !first.includes(",") && !first.includes(" or ")) return undefined;
  JOINED_ACTION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = JOINED_ACTION.exec(first))) {
    const word = m[2]!;
    const v = TEXT_VERBS.get(word);
    // What a tool generates, renders or composes it usually hands back ("… and generates the install command").
    if (!v || v.category === "read" || (GENERATING_VERBS.has(v.verb) && v.verb !== "create" && v.verb !== "build")) continue;
    if (word.endsWith("ing") && word !== v.verb) continue;
    // A change's bare form before an article is the verb too ("Analyze a PR and post a review"), where a plural is as
    // often the thing read ("Fetch posts and comments the user liked"), and a run or a build as often hands back what it
    // made ("then run the impact analysis", "and build the request payload").
    const beforeArticle = word === v.verb && ARTICLES.has(m[3]!) && v.category === "write" && !GENERATING_VERBS.has(v.verb);
    if (v.ambiguous && !PRONOUNS.has(m[3]!) && !beforeArticle) continue;
    // An alternative after "or" is the tool's own only where it follows the lead and its object with nothing between
    // that hands the choice to someone else or puts it in a purpose, a condition or a denial ("decide whether to
    // create a course or update a draft", "the schema you need to create or update a record", "never create a goal or
    // launch an experiment"), where its "this" is no determiner, and where it goes on rather than pages on ("or continue
    // one provider page").
    if (m[1] === "or" && (OR_HELD_BY.test(first.slice(0, m.index)) || PAGING_VERBS.has(v.verb) || (v.ambiguous && m[3] !== "it" && m[3] !== "them" && !beforeArticle))) continue;
    const at = m.index + m[0].indexOf(word);
    // Ranking or sorting what was read by a measure hands it back in order ("Scan a watchlist and rank them by % change"),
    // unless the text says anything is kept (PERSIST_WORDS) or the order is (ORDER_KEPT: "the new rank is saved").
    if (ORDERING_VERBS.has(v.verb) && ORDERED_BY.test(first.slice(at + word.length, at + word.length + 40)) && !PERSIST_WORDS.test(lower) && !ORDER_KEPT.test(lower)) continue;
    if (deniedAt(first, at)) continue;
    // In a text that opens with a thing, verbs after "that" or "which" tell of that thing ("The source code that
    // positions gates, scores them and replays them").
    const relative = opensWithVerb ? null : RELATIVE_AFTER_THING.exec(first.slice(0, at));
    if (relative && !TOOL_NOUNS.has(relative[1]!)) continue;
    return { verb: v.verb, category: v.category, quote: quoteText(first.slice(at), 60) };
  }
  return undefined;
}

/**
 * A later sentence whose subject is the tool, left unsaid or named ("Marks what you read as read", "It also updates the
 * last-fetched timestamp", "Deletes expired sessions as it goes"): a third-person verb opening it, after an adverb of
 * how or when at most, with an object after it. Group 1 is the verb, group 2 the word after it.
 */
const LATER_SENTENCE_VERB = /(?:^|[.!?;]\s+|\n\s*)(?:(?:it|this tool|the tool)\s+)?(?:(?:also|then|additionally|automatically|afterwards|finally|permanently|immediately)\s+)?([a-z]+s)\s+([a-z0-9'’-]+)/g;
/**
 * Words after a third-person form that make it a plural noun or a verb without the tool's object: "Updates are applied
 * hourly", "Deletes of pinned items fail", "Changes to the schema need a migration", "Writes nothing", "Updates every
 * five minutes".
 */
const NOT_AN_OBJECT = new Set(
  "are is were was be been can cannot can't may might will would must should do does did don't doesn't to of and or in on for with by per from at as via into onto over under than every nothing none no not never only when if made".split(" "),
);
/**
 * Verbs that, opening a later sentence, state a change the tool makes to what it holds; none of them is as often a noun
 * (AMBIGUOUS_VERBS), so no determiner need follow to make it the verb. Not how it reads or checks its
 * input ("Accepts bare ids", "Rejects ambiguous matches", "Performs a fuzzy match", "Runs all validators", "Resolves
 * aliases", "Opens an interactive view"), which most later sentences of reading tools tell: those read as changes
 * nine times in ten on the GitHub set's reading tools.
 */
const LATER_EFFECT_VERBS = new Set("delete remove purge erase wipe destroy terminate kill overwrite modify mutate update patch store persist insert append upload publish archive rename".split(" "));

/**
 * A change a sentence after the first says the tool makes ("List sessions. Deletes expired sessions as it goes."), what
 * its first sentence's reading does not show: the verb third-person and one of LATER_EFFECT_VERBS, with an object after
 * it. None in the first sentence (the lead and joinedAction read it), none denied.
 */
export function laterSentenceChange(lower: string): { verb: string; category: Category; quote: string } | undefined {
  const first = lower.search(/[.!?;\n]/);
  if (first < 0) return undefined;
  LATER_SENTENCE_VERB.lastIndex = first;
  let m: RegExpExecArray | null;
  while ((m = LATER_SENTENCE_VERB.exec(lower))) {
    const word = m[1]!;
    const after = m[2]!;
    const v = TEXT_VERBS.get(word);
    if (!v || v.verb === word || !LATER_EFFECT_VERBS.has(v.verb) || NOT_AN_OBJECT.has(after)) continue;
    const at = m.index + m[0].lastIndexOf(word, m[0].length - after.length - 1);
    if (deniedAt(lower, at)) continue;
    return { verb: v.verb, category: v.category, quote: quoteText(lower.slice(at), 60) };
  }
  return undefined;
}

/**
 * The change a verb a switch is said to make stands for ("to drop", "is executed"): none for a read or a shaping verb;
 * as a participle, only a run, a removal, a replacement or a store ("user ids are resolved and sent" tells how a query
 * is made).
 */
export function switchedChange(word: string, participle: boolean): VerbInfo | undefined {
  const v = participle ? PARTICIPLES.get(word) : TEXT_VERBS.get(word);
  if (!v || v.category === "read" || SWITCHED_NO_EFFECT.has(v.verb)) return undefined;
  return !participle || v.category !== "write" || NON_ADDITIVE_VERBS.has(v.verb) || SWITCHED_STORES.has(v.verb) ? v : undefined;
}

/**
 * The change a verb the text says the tool makes when asked stands for: only one that keeps, sends, runs or removes
 * something ("Optionally posts review comments"), not a choice of what to read ("optionally select a line range",
 * "optionally refresh from the API").
 */
export function optionalChange(word: string): VerbInfo | undefined {
  const v = TEXT_VERBS.get(word);
  return v && OPTIONAL_EFFECT_VERBS.has(v.verb) ? v : undefined;
}
const OPTIONAL_EFFECT_VERBS = new Set("post send create save write store persist publish commit upload submit mark execute delete remove purge overwrite replace start provision".split(" "));

/**
 * A job the tool starts and leaves running, told by the job id it hands back ("Returns a job_id", "Returns job_id
 * immediately", "Returns immediately with a job ID"), by another id handed back at once ("returns a task_id
 * immediately"), or by another tool to poll (group 1: "Poll task_result for video_path"). A lookup's id is no job
 * ("Returns its job ID", "Returns its run ID", "Returns a task ID that other tools accept"), nor are a list's ("Returns
 * job IDs, statuses …") or one job's state ("Returns the job_id and its current state", "Returns a job ID, its state
 * and progress").
 */
const STARTED_JOB = new RegExp(
  "\\breturns?\\s+(?:immediately\\s+with\\s+)?(?:a\\s+|an\\s+)?(?:new\\s+)?job[\\s_-]?id\\b(?!,?\\s+(?:and\\s+)?its\\b)" +
    "|\\breturns?\\s+(?:a\\s+|an\\s+)?(?:task|run|operation)[\\s_-]?id\\s+immediately\\b" +
    "|\\breturns?\\s+immediately\\s+with\\s+(?:a|an)\\s+(?:task|run|operation)[\\s_-]?id\\b" +
    `|[.;!?]\\s+(?:then\\s+)?poll\\s+\`?(${TOOL_NAME})\`?\\s+(?:for|until)\\b`,
  "g",
);

/**
 * The job the tool starts, quoted (STARTED_JOB), unless the id is in a parenthesis about something else ("the response
 * includes webhookUrl (async, returns runId immediately)") or the tool to poll is this one (`self`, lower-case).
 */
function startedJob(lower: string, self: string): string | undefined {
  if (!lower.includes("poll ") && !(lower.includes("return") && lower.includes("id"))) return undefined;
  for (const m of lower.matchAll(STARTED_JOB)) {
    if (!inParentheses(lower, m.index) && m[1] !== self) return m[0].replace(/^[.;!?]\s+/, "");
  }
  return undefined;
}

/**
 * What a reading lead writes after all: an output path it requires ("outputPath": "absolute path to save the exported
 * data"), or one beside a lead that takes data out to it ("Export the board to an IPC-2581 file"), where an optional
 * path on another reading is a choice ("Capture a screenshot", "saveTo": "optional file path"); the local file such a
 * lead hands back ("Download the media … and return its local file path"); an argument that lets it write over what is
 * there ("overwrite": true beside "Fetch HTTP(S) … Downloads can stream to an absolute path"); a job it starts and
 * hands back the id of ("Submit one request … Returns a job_id").
 */
export function writtenAnyway(
  tool: ToolInput,
  self: string,
  nv: NameVerbHit | undefined,
  dv: DescriptionVerbHit | undefined,
  lower: string,
  outputPath: PropertyView | undefined,
  writesOver: string | undefined,
): Omit<Evidence, "weight"> | undefined {
  const lead = nv?.verb ?? dv?.verb ?? "";
  const fileOut = FILE_OUT_VERBS.has(lead);
  if (outputPath && (fileOut || requiredArgument(tool.inputSchema, outputPath.name))) return { signal: "schema:output_path", source: "schema", quote: outputPath.name };
  // … and a download, the name's or the description's, into a local place ("Download the template to a temporary directory").
  const downloads = DOWNLOADING_VERBS.has(nv?.verb ?? "") || DOWNLOADING_VERBS.has(dv?.verb ?? "");
  const local = fileOut || downloads ? statedLocalFile(lower, downloads) : undefined;
  if (local) return { signal: "stated_save", source: "description", quote: local };
  // (A preview, a validation or a simulation takes the arguments of what it rehearses: "preview_day_prices".)
  if (writesOver && !REHEARSAL_SWITCH.test(lead)) return { signal: "schema:overwrite_argument", source: "schema", quote: writesOver };
  const job = startedJob(lower, self);
  return job ? { signal: "started_job", source: "description", quote: job } : undefined;
}

const DOWNLOADING_VERBS = new Set(["download", "stream"]);

/** Whether position `at` of `text` lies inside a parenthesis opened before it. */
function inParentheses(text: string, at: number): boolean {
  return text.lastIndexOf("(", at) > text.lastIndexOf(")", at);
}

/**
 * A confirmation the tool asks for before it acts (CONFIRMATION_REQUIRED) or the person gives first
 * (CONFIRMED_BY_PERSON). Every form of both holds "confirm", "approv" or 确认: the rest of the text pays for neither.
 */
export function confirmationAsked(lower: string): RegExpExecArray | null {
  const confirming = lower.includes("confirm");
  if (!confirming && !lower.includes("approv") && !lower.includes("确认")) return null;
  const asked = confirming ? CONFIRMATION_REQUIRED.exec(lower) : null;
  const pointable = asked !== null && (asked[0].charCodeAt(0) > 127 || asked[0].includes("must"));
  return (asked && !(pointable && pointedInClause(lower, asked.index)) ? asked : null) ?? CONFIRMED_BY_PERSON.exec(lower);
}

/**
 * Whether the sentence before `at` names another tool ("真正删除请调用 delete_files，需 confirm=true", "To apply them, call
 * apply_changes; confirm must be true."): what it asks is that tool's.
 */
function pointedInClause(lower: string, at: number): boolean {
  const before = lower.slice(Math.max(0, at - 80), at);
  return NAMED_TOOL.test(before.slice(Math.max(before.lastIndexOf("。"), before.lastIndexOf("（"), before.lastIndexOf(". ")) + 1));
}

/** An identifier in snake case: a tool's or an argument's name. */
const NAMED_TOOL = /\b[a-z0-9]+(?:_[a-z0-9]+)+\b/;

/**
 * A "Side effects:" label of the text's own, led by a verb of change ("Side effects: executes a shell command"), with
 * that verb's class; not one the words after deny ("Side effect: updates nothing", "modifies no state").
 */
export function sideEffectListed(lowerDescription: string): { quote: string; category: Category } | undefined {
  if (!lowerDescription.includes("side")) return undefined;
  const m = SIDE_EFFECTS_LISTED.exec(lowerDescription);
  const v = m ? TEXT_VERBS.get(m[1]!) : undefined;
  if (!m || !v || v.category === "read" || /^\s+(?:nothing|no)\b/.test(lowerDescription.slice(m.index + m[0].length))) return undefined;
  return { quote: quoteText(lowerDescription.slice(m.index, m.index + 80).replace(/^[^a-z]+/, ""), 60), category: v.category };
}
