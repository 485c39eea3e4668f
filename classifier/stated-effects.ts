// What a description says a tool does beyond its leading verb: a removal it states in passing ("Shows the report,
// then removes the raw events", "rows missing from the source are deleted"), and whether the words before a phrase
// deny it ("never overwrites", "rather than being permanently deleted", "until it is deleted"). The name does not
// outweigh what the text says the tool does; nor does a phrase count where the text says it does not happen. Pure.
import {
  ARGUMENT_GIVEN,
  ARGUMENT_SWITCH,
  DENIALS,
  ENDING_AGAIN,
  ENDING_KEPT,
  GET_OR_CREATE,
  GIVEN_CUE,
  INVALIDATED_PRIOR,
  KEEPS_PRIOR,
  DOWNLOADED_TO_PLACE,
  LOCAL_FILE_RESULT,
  MAY_REMOVE_LIST,
  REHEARSAL_SWITCH,
  SWITCH_CUE,
  STATED_PLACEMENT,
  STATED_REMOVALS,
  ACT_REMOVAL,
  STATED_REPLACEMENT,
  STATED_REPLACEMENT_WORDS,
  STATED_SAVE,
  TOOL_NAME,
  UNTIL_REENABLED,
  type PhraseSignal,
} from "./lexicon.js";
import { findPhrase, type PhraseHits } from "./phrases.js";
import { quoteText } from "./quote.js";

/** How many words before a phrase a denial reaches: "rather than being permanently deleted", "never overwritten". */
const DENIAL_WORDS = 3;

// Characters are told apart by their codes, not by a regex a character: these walks run at every phrase found.
/** , . ; : ! ? ( ) and a line break end a clause. */
const isClauseEnd = (c: number) => c === 44 || c === 46 || c === 59 || c === 58 || c === 33 || c === 63 || c === 40 || c === 41 || c === 10;
/** a–z, 0–9 and either apostrophe make words. */
const isWordCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || c === 0x2019;

/** Whether the few words just before `at`, in the same clause, deny or defer what follows them. */
export function deniedAt(lower: string, at: number): boolean {
  let from = at;
  let words = 0;
  let inWord = false;
  while (from > 0) {
    const c = lower.charCodeAt(from - 1);
    if (isClauseEnd(c)) break;
    const letter = isWordCode(c);
    if (letter && !inWord && ++words > DENIAL_WORDS) break;
    inWord = letter;
    from--;
  }
  return DENIALS.test(lower.slice(from, at));
}

/**
 * The tool spending, said as its own act: a sentence or a clause led by "buys", "pays", or "spends" or "charges" money
 * (credits, a card, a fee, a sum in a currency), or one whose subject is the tool, its wallet or each call ("Buys a
 * prepaid batch", "the wallet pays within policy", "it automatically pays", "Charges account credits"), or a sum charged
 * to a card or a balance ("A fee is charged to your card"). Not a quota ("Spends 1 question from the plan"), a power
 * ("Charges up to 350 kW"), a price stated ("Costs $0.005 per request": authors mark such paid reads read-only), trading
 * data ("large sells and buys") or an idiom ("pays attention to headings", "it pays when the work is lopsided").
 */
const STATED_SPEND = /(?:^|[.;:!?]\s+|\b(?<!\bsells |\bsell |\bsold )(?:then|and)\s+|\b(?:it|this tool|the tool|the wallet|each call|every call|each request)\s+(?:[a-z]+ly\s+)?)(?:(?:buys|purchases|pays)\s+(?!nothing\b|no\b|zero\b|none\b|attention\b|dividends\b|off\b|tribute\b|respect\b|when\b|if\b|to\b|for\s+itself\b|and\s+sells\b|d['’]|de\b|des\b|du\b|of\b)(?:[^.;:!?\n]|\.\d){1,60}|(?:spends|debits|charges)\s+(?!nothing\b|no\b|zero\b|none\b)(?:[^.;:!?\n]|\.\d){0,30}?\b(?:money|funds|credits?|usdc|usdt|usd|eur|eth|sol|btc|sats|balance|wallet|card|fee)\b(?:[^.;:!?\n]|\.\d){0,30}|(?:spends|debits|charges)\s+(?:[^.;:!?\n]|\.\d){0,30}?[$€£]\s?\d(?:[^.;:!?\n]|\.\d){0,30})|\b(?:is|are|gets|get|will be) (?:charged|debited|billed) (?:to|from|on|against) (?:your|the|its)\b(?:[^.;:!?\n]|\.\d){0,40}/;

/** The words a spend needs, found by a plain scan first: most texts have none, and the pattern is costly to try. */
const SPEND_WORDS = /\b(?:buys|purchases|pays|spends|debits|charge)/;

/** The spend a description states, quoted, unless a denial before it says it does not happen ("never spends"). */
export function statedSpend(lower: string): string | undefined {
  if (!SPEND_WORDS.test(lower)) return undefined;
  const m = undeniedMatch(STATED_SPEND, lower);
  return m ? quoteText(m[0].replace(/^[.;:!?\s]+/, ""), 60) : undefined;
}

/** The first match of `pattern` in `lower` that no denial before it denies, or null (one scan: a denied first match is no match). */
export function undeniedMatch(pattern: RegExp, lower: string): RegExpExecArray | null {
  const m = pattern.exec(lower);
  return m !== null && !deniedAt(lower, m.index) ? m : null;
}

/** Each lexicon phrase's patterns, compiled on its first use: the lexicon is fixed, so a tool never compiles one again. */
const phrasePatterns = new Map<string, { word: RegExp; anywhere: RegExp }>();

/**
 * Where `phrase` first occurs in `lower` (lower-case text) as words of the text rather than inside a tool's or an
 * argument's name ("update" in "use execute_update for INSERT/UPDATE"), else inside one, or -1.
 */
function phraseAt(lower: string, phrase: string): number {
  let patterns = phrasePatterns.get(phrase);
  // Phrases are words without their punctuation ("can t be undone", "read only"): any non-word run may separate them.
  if (!patterns) {
    const words = phrase.split(" ").join("[^a-z0-9]+");
    phrasePatterns.set(phrase, (patterns = { word: new RegExp(`(?<![a-z0-9_])${words}(?![a-z0-9_])`), anywhere: new RegExp(`(?<![a-z0-9])${words}(?![a-z0-9])`) }));
  }
  const at = lower.search(patterns.word);
  return at >= 0 ? at : lower.search(patterns.anywhere);
}

/** What undoes a change said to be irreversible but by a removal: "NOT reversible without deleting the issue" made one. */
const UNDONE_BY_REMOVAL = /^\s+(?:except\s+by|other\s+than\s+by|without|but\s+by|short\s+of)\s+(?:first\s+)?(?:deleting|removing|archiving)\b/;

/**
 * Whether `phrase`, found in `lower` (lower-case text), is denied (or, a removal, deferred; or, an irreversible change,
 * undone by a removal) where it first occurs.
 */
export function phraseDenied(lower: string, phrase: string, signal?: PhraseSignal): boolean {
  const at = phraseAt(lower, phrase);
  if (at < 0) return false;
  const end = at + phrase.length;
  return (
    deniedAt(lower, at) ||
    (signal === "destructive_effect" && deferredAt(lower, end)) ||
    (signal === "irreversible" && UNDONE_BY_REMOVAL.test(lower.slice(end, end + 40)))
  );
}

// A rehearsal mode a tool offers, or an argument set to true: "Use dryRun: true to …", "pass preview=true to …".
const MODE_WORDS = /(?<![a-z0-9])(?:dry[-_ ]?run|preview|true)(?![a-z0-9])/;
// … or an outcome where the tool does not go on, in a condition or said of the asking: "If the user cancels, nothing is
// changed", "If cancelled, …", "a declined confirmation changes nothing"; not "Lists cancelled subscriptions" nor
// "never aborts".
const DECLINED_OUTCOME =
  /\b(?:(?:if|when|whenever|unless|should|once)\b[^.;:!?]{0,40}\b(?:declin(?:e|es|ed|ing)|cancel(?:s|led|ed|ling|ing)?|abort(?:s|ed|ing)?|reject(?:s|ed|ing)?)|(?:a|an|the|any) (?:declined|cancell?ed|aborted|rejected) (?:confirmation|prompt|request|approval|dialog)s?)\b/;
/** . ! ? ; a line break and a bullet end a sentence. */
const isSentenceMark = (c: number) => c === 46 || c === 33 || c === 63 || c === 59 || c === 10 || c === 0x2022;

/** Whether the mark at `i` ends a sentence: not a dot inside a dotted name ("export.file", "v1.2"). */
function endsSentence(lower: string, i: number): boolean {
  const c = lower.charCodeAt(i);
  if (!isSentenceMark(c)) return false;
  return c !== 46 || !(isWordCode(lower.charCodeAt(i - 1)) && isWordCode(lower.charCodeAt(i + 1)));
}

/** Where the sentence holding position `at` of `lower` starts. */
function sentenceStart(lower: string, at: number): number {
  let from = at;
  while (from > 0 && !endsSentence(lower, from - 1)) from--;
  return from;
}

/**
 * Whether the sentence holding `phrase` speaks of a mode the tool offers ("Use dryRun: true to preview without making
 * changes") or, with `outcomes`, of an outcome where it stops ("a declined confirmation changes nothing"): what happens
 * then is no claim about what the tool does otherwise. Outcomes count for a text that does not lead with a reading
 * ("Returns the fee charged if the guest cancels now, without modifying the reservation" reads).
 */
export function claimAboutMode(lower: string, phrase: string, outcomes: boolean): boolean {
  const at = phraseAt(lower, phrase);
  if (at < 0) return false;
  let to = at + phrase.length;
  while (to < lower.length && !endsSentence(lower, to)) to++;
  const sentence = lower.slice(sentenceStart(lower, at), to);
  return MODE_WORDS.test(sentence) || (outcomes && DECLINED_OUTCOME.test(sentence));
}

/** Identifiers in text: words joined by underscores ("sql_query", "delete_all"). */
const IDENTIFIER = /[a-z0-9]+(?:_[a-z0-9]+)+/g;

/**
 * Replaces in `hits` each phrase of more than one word found in `lower` only inside identifiers ("Call before
 * sql_query") by the signal's first phrase outside them, if any: an identifier names a tool, a field or a setting,
 * not what the text says this tool does.
 */
export function dropIdentifierPhrases(lower: string, hits: PhraseHits): void {
  if (!lower.includes("_")) return;
  let masked: string | undefined;
  for (const signal of Object.keys(hits) as PhraseSignal[]) {
    const phrase = hits[signal];
    if (phrase === undefined || !phrase.includes(" ")) continue;
    masked ??= lower.replace(IDENTIFIER, (m) => " ".repeat(m.length));
    // The same signal may be said again in the text's own words ("… are overwritten too").
    if (phraseAt(masked, phrase) < 0) hits[signal] = findPhrase(masked, signal);
  }
}

/**
 * "permanently" qualifying a keeping, or a state that lasts, not a loss: a verb of keeping up to two words before it
 * ("save it permanently", "keep it permanently", "persists permanently"), its participle right before it ("stored
 * permanently", where "Deletes stored files permanently" loses them), or a keeping or a lasting state right after it
 * ("permanently capture", "permanently bound", "permanently failed").
 */
const KEPT_PERMANENTLY =
  /\b(?:save|saves|saving|keep|keeps|keeping|persist|persists|persisting|store|stores|storing|capture|captures|capturing|retain|retains|retaining)\s+(?:[a-z]+\s+){0,2}?permanently$|\b(?:saved|kept|persisted|stored|captured|retained)\s+permanently$|^permanently\s+(?:save|saved|keep|kept|persist|persisted|store|stored|capture|captured|retain|retained|bound|failed)\b/;

/** Drops an irreversible "permanently" from `hits` where it qualifies keeping, not a loss. */
export function dropKeptPermanently(lower: string, hits: PhraseHits): void {
  if (hits.irreversible !== "permanently") return;
  const at = phraseAt(lower, "permanently");
  const end = at + "permanently".length;
  if (at >= 0 && (KEPT_PERMANENTLY.test(lower.slice(Math.max(0, at - 40), end)) || KEPT_PERMANENTLY.test(lower.slice(at, end + 20)))) hits.irreversible = undefined;
}

/** A verb that sends the reader to another tool, before the tool's name, quoted or not: "use `", "call the ". */
const POINTER_VERB = "(?:use|call|run|invoke|try)\\s+(?:the\\s+)?[`'\"]?";
/**
 * A tool's name as a text names another tool: an underscore or a dot between words, so no option ("dry-run"), "e.g." or
 * "v2.1", and no value set ("prune_old=true").
 */
const NAMED_TOOL = `(?=[a-z0-9-]*_|[a-z0-9-]{2,}\\.[a-z][a-z0-9]{2,})${TOOL_NAME}(?![a-z0-9])(?!\\s*[=:])`;

/**
 * A sentence that opens by pointing to another tool by its name, and what that tool is for: "Use query-database tool
 * to run SQL queries against that table", "use `cancel_open` to undo".
 */
const POINTER_OPENING = new RegExp(`^\\s*(?:then\\s+|and\\s+|or\\s+)?${POINTER_VERB}(${TOOL_NAME})[\`'"]?(?:\\s+tool)?\\s+(?:to|for)\\s`);

/**
 * … or a purpose the sentence sends to another tool right after it: "to fully replace, use delete_memory first", "When
 * NOT to use: to permanently remove a branch (use delete_branch)"; a step after ("…, then call list_notes to confirm")
 * sends nothing.
 */
const POINTER_AFTER = pointerAfter("(?:,|\\()");
/** … and without the comma where the purpose opens the sentence: "To overwrite an existing file use drive_overwrite_file instead". */
const POINTER_AFTER_OPENING_PURPOSE = pointerAfter("(?:,|\\(|\\s)");

/** A pointer to a named tool within 40 characters, after `separator`. */
function pointerAfter(separator: string): RegExp {
  return new RegExp(`^[^.;!?\\n]{0,40}?${separator}\\s*${POINTER_VERB}(${NAMED_TOOL})`);
}

/**
 * A sentence whose subject is another tool, named, before the phrase: "so rollback_parameter_definition can undo the
 * creation (delete it) later" tells what that tool does; a thing that "will be deleted" is no tool doing it.
 */
const OTHER_TOOL_SUBJECT = new RegExp(`(?:^|[\\s(\`'"])(${NAMED_TOOL})[\`'"]?\\s+(?:can|could|will|would|may)\\s+`);

/** Phrases that tell what a tool does, which a sentence pointing to another tool tells of that tool. */
const POINTED: readonly PhraseSignal[] = ["execute_phrase", "destructive_effect", "irreversible", "overwrite", "bulk_scope", "mutation"];

/**
 * Drops from `hits` each phrase whose sentence in `lower` opens by pointing to `another` tool, that is a purpose the
 * sentence then sends to one, or that follows another tool named as its sentence's subject: it tells of that tool.
 */
export function dropPointedElsewhere(lower: string, hits: PhraseHits, another: AnotherTool): void {
  if (!lower.includes("use ") && !lower.includes("call ") && !lower.includes("run ") && !lower.includes("invoke ") && !lower.includes("try ") && !lower.includes("_")) return;
  for (const signal of POINTED) {
    const phrase = hits[signal];
    if (phrase === undefined) continue;
    const at = phraseAt(lower, phrase);
    if (at < 0) continue;
    const before = lower.slice(sentenceStart(lower, at), at);
    const after = lower.slice(at + phrase.length);
    const pointer =
      POINTER_OPENING.exec(before) ??
      (/^\s*to\s+$/.test(before) ? POINTER_AFTER_OPENING_PURPOSE.exec(after) : /\bto\s+$/.test(before) ? POINTER_AFTER.exec(after) : null);
    if ((pointer && another(pointer[1]!)) || otherToolSubject(lower, at, another)) hits[signal] = undefined;
  }
}

/** Whether a name a text gives is another tool's than this one: not its own name, nor one of its arguments. */
export type AnotherTool = (name: string) => boolean;

/** Whether the sentence of `lower` at `at` names another tool as its subject before it (OTHER_TOOL_SUBJECT). */
function otherToolSubject(lower: string, at: number, another: AnotherTool): boolean {
  const start = sentenceStart(lower, at);
  const m = OTHER_TOOL_SUBJECT.exec(lower.slice(start, at));
  if (m === null || !another(m[1]!)) return false;
  // A thing that "will (then) be deleted" is no tool doing it, nor is a setting the text speaks of ("Setting
  // replace_existing will overwrite the file", "if dry_run … ").
  return !/^(?:then\s+|also\s+)?be\b/.test(lower.slice(start + m.index + m[0].length)) && !SETTING_BEFORE.test(lower.slice(start, start + m.index + 1));
}
const SETTING_BEFORE = /\b(?:setting|set|enabling|enable|passing|pass|if|when|with|unless|flag|option|parameter|argument|field)\s*[\s(`'"]$/;

/** A value after a claim that says it does not hold: "Read-Only: false", "readOnly=false", "read-only: no". */
const CLAIM_SET_FALSE = /^["'`\]]?\s*[:=]\s*["'`]?(?:false|no)\b/;

/** Whether the words right after position `end` of `lower` set what ends there false ("Read-Only: false"). */
function setFalseAfter(lower: string, end: number): boolean {
  return CLAIM_SET_FALSE.test(lower.slice(end, end + 12));
}

/**
 * The word DESTRUCTIVE written as a label: before a bracket, a colon, a stop or a dash ("[DESTRUCTIVE]", "DESTRUCTIVE -"),
 * and "Destructive" opening a sentence before a dash, a colon or a bracket ("Destructive — frees disk space",
 * "Destructive (changes running state)").
 */
const DESTRUCTIVE_LABEL = /(?<![A-Za-z-])DESTRUCTIVE(?=\]|\s*[.:!—–-])|(?<=^|[.!?]\s+|\n\s*)Destructive(?=\s*[—–(:]|\s+--?\s)/;

/**
 * The label by which a text calls its own tool destructive ("DESTRUCTIVE. Sends …", "[DESTRUCTIVE] Remove …"), unless
 * the words before it deny it ("Not DESTRUCTIVE:") or a value after it says it does not hold ("DESTRUCTIVE: false").
 * `description` as given (the label is upper case) and `lower` its lower case.
 */
export function labelledDestructive(description: string, lower: string): string | undefined {
  const m = DESTRUCTIVE_LABEL.exec(description);
  if (!m) return undefined;
  const end = m.index + m[0].length;
  return deniedAt(lower, m.index) || setFalseAfter(lower, end) ? undefined : m[0];
}

/** A claim of changing nothing that limits only what it names: "does not change email" (a setting is changed). */
const SCOPED_CLAIM = /^(?:does not|doesn['’ ]?t|don['’ ]?t|do not|never) (?:change|changes|modify|modifies|alter|alters) (?!(?:anything|any|nothing|data|state)\b)(?:the |your |its )?(?!(?:data|state)\b)[a-z]/;

/** The claims that are an adjective as often as a statement: "read only", "readonly". */
const BARE_CLAIMS = new Set(["read only", "readonly"]);
/** A thing made read-only that a leading making hands out: "a read-only share link", "a revocable, read-only bearer link". */
const MADE_READ_ONLY = /^\s+(?:[a-z]+\s+)?(?:links?|urls?|tokens?|keys?|users?|accounts?|replicas?|mirrors?|copy|copies|roles?|credentials?|shares?|passwords?)\b/;

/**
 * Whether a read-only claim found in `lower` does not claim it for the tool: its value set false ("Read-Only: false"),
 * or, after a leading change (`leadChanges`), a limit to one thing the change leaves alone ("Set a status override in
 * local state; does not change email") or, after a leading making (`leadMakes`), the read-only thing it makes ("Create a
 * read-only share link"; not "Open a read-only copy").
 */
export function claimNotMade(lower: string, claim: string, leadChanges: boolean, leadMakes: boolean): boolean {
  const at = phraseAt(lower, claim);
  if (at < 0) return false;
  if (setFalseAfter(lower, at + claim.length)) return true;
  const end = at + claim.length;
  const leavesTheRestAlone = ELSE_AFTER.test(lower.slice(end, end + 24));
  return leadChanges && (leavesTheRestAlone || scopedAt(lower, claim, at) || (leadMakes && BARE_CLAIMS.has(claim) && MADE_READ_ONLY.test(lower.slice(end, end + 40))));
}

/**
 * A claim of changing nothing about the rest, after a leading change: "Sets the price. Changes nothing else", "Does not
 * modify anything else", "No changes are made to any other resources".
 */
const ELSE_AFTER = /^\s+(?:[a-z]+\s+){0,2}(?:else|other)\b/;

/** Whether a read-only claim found in `lower` limits only what it names ("Does not modify the original file"). */
export function claimScoped(lower: string, claim: string): boolean {
  const at = phraseAt(lower, claim);
  return at >= 0 && scopedAt(lower, claim, at);
}

/** Whether the claim at `at` of `lower` is SCOPED_CLAIM's. */
function scopedAt(lower: string, claim: string, at: number): boolean {
  return SCOPED_CLAIM.test(lower.slice(at, at + claim.length + 20));
}

/**
 * Words after a removal that make it a retention policy rather than the tool's act: "each one will be purged
 * automatically", "files are deleted after 30 days", "boards created here are deleted when they expire" (but "the
 * local copy is deleted after upload" is the tool's).
 */
const DEFERRED = /^[^a-z0-9]*(?:automatically|periodically|eventually|by the system|on a schedule|(?:after|within) (?:\d|an? |one |some |several )|(?:when|once) (?:they|it|each|the [a-z]+) expires?\b|on expiry)/;

/** Whether the removal ending at `end` happens by itself, later: a retention policy the text describes. */
function deferredAt(lower: string, end: number): boolean {
  return DEFERRED.test(lower.slice(end, end + 30));
}

/**
 * A failure the removal is conditioned on, with the tool's own work as what it removes ("Fails atomically: on any
 * error, every element created so far is deleted"): a rollback, not a removal of what was there. A failure handled by
 * removing something else stays a removal ("If validation fails, the staged rows are deleted"), and so does one after
 * "otherwise".
 */
const ON_FAILURE = /\b(?:on (?:any |an |the first )?(?:error|failure)|if (?:[a-z]+ ){0,3}fails?)\b(?![^.;!?:]*\b(?:otherwise|else)\b)[^.;!?:]*$/;
const OWN_WORK = /^[^.;!?]*?\b(?:created|made|written|added|uploaded|inserted) so far\b/;

/** Whether the removal starting at `at` undoes the tool's own work when it fails. */
function rolledBackAt(lower: string, at: number): boolean {
  const from = Math.max(0, at - 60);
  const failure = ON_FAILURE.exec(lower.slice(from, at));
  return failure !== null && OWN_WORK.test(lower.slice(from + failure.index));
}

/**
 * The first removal one of `patterns` finds, quoted, unless the words before it deny it or make it a rollback, those
 * after defer it, or its sentence tells of `another` tool.
 */
function firstRemoval(patterns: readonly RegExp[], lower: string, another?: AnotherTool): string | undefined {
  for (const pattern of patterns) {
    const m = pattern.exec(lower);
    if (m && !deniedAt(lower, m.index) && !deferredAt(lower, m.index + m[0].length) && !rolledBackAt(lower, m.index) && !(another !== undefined && otherToolSubject(lower, m.index, another))) {
      return quoteText(m[0].replace(/^[^a-z]+/, "").trim(), 60);
    }
  }
  return undefined;
}

/** A removal the description states in passing (STATED_REMOVALS), not `another` tool's. */
export function statedRemoval(lower: string, another: AnotherTool): string | undefined {
  return firstRemoval(STATED_REMOVALS, lower, another);
}

const ACT_REMOVALS = [ACT_REMOVAL];

/** A removal an act makes (ACT_REMOVAL), not `another` tool's. */
export function actRemoval(lower: string, another: AnotherTool): string | undefined {
  return firstRemoval(ACT_REMOVALS, lower, another);
}

/** What a switched argument is said to make the tool do, "to <verb>" after it: the word and the one after (an adverb's verb). */
const SWITCHED_ACT = /^[\s,]*(?:in order\s+)?to\s+(?:also\s+|additionally\s+|first\s+|instead\s+|then\s+|auto-)?([a-z]+)(?:\s+([a-z]+))?/;
/**
 * … or a verb of change right after it, with the tool for subject: "With fix=true, installs the missing skills", "… it
 * rewrites the files", "… clears the counters"; not how it reads ("resolves symlinks", "runs a SELECT", "sends probes").
 */
const SWITCHED_STATED =
  /^\s*,?\s*(?:(?:it|this tool|the tool)\s+)?(?:also\s+|then\s+|instead\s+)?((?:(?:un)?install|updat|rewrit|writ|sav|stor|persist|creat|delet|remov|clear|purg|rebuild|upgrad|fix|commit|publish|post|appl|overwrit|replac|reset|drop|wip)(?:es|s))\b/;
/** A lasting change an argument given without a value is for: "to write the figure to a file", "to also save it". */
const GIVEN_CHANGE = /^[\s,]*to\s+(?:also\s+)?(write|save|store|persist|overwrite|replace|delete|remove|upload|publish|post|commit|update|modify|create|append|insert|send)\b/;
/** … or a participle later in its sentence ("the statement is actually executed", "queued jobs are dropped"). */
const SWITCHED_PASSIVE = /\b(?:is|are|will be|gets?)\s+(?:(?:actually|then|also|instead|first|[a-z]+ly)\s+)?([a-z]+)\b/g;

/**
 * What an argument switched on makes the tool do, as the description states it ("Set flush=true to drop all entries",
 * "If `policy` is supplied, the current policy is replaced with it"), or one given for it ("Pass `save_path` to write
 * the figure to a file"): the first effect `effectOf` counts (given the word said, and whether it is a participle), and
 * the words quoted. A switch that rehearses (dryRun, preview) and a denied effect ("to avoid deleting") are none.
 */
export function switchedEffect<T>(lower: string, effectOf: (word: string, participle: boolean) => T | undefined): { effect: T; quote: string } | undefined {
  const switched = lower.includes("true") || SWITCH_CUE.test(lower) ? [...lower.matchAll(ARGUMENT_SWITCH)].map((m) => [m, false] as const) : [];
  const given = GIVEN_CUE.test(lower) ? [...lower.matchAll(ARGUMENT_GIVEN)].map((m) => [m, true] as const) : [];
  for (const [m, valueless] of [...switched, ...given]) {
    if (REHEARSAL_SWITCH.test(m[1]!)) continue;
    const from = m.index + m[0].length;
    let to = from;
    while (to < lower.length && to - from < 160 && !isSentenceMark(lower.charCodeAt(to))) to++;
    const rest = lower.slice(from, to);
    const quote = () => quoteText(lower.slice(m.index + m[0].search(/[a-z]/), to), 80);
    const counted = (word: string, at: number, participle: boolean) => (deniedAt(lower, from + at) ? undefined : effectOf(word, participle));
    // An argument given without a value is as often the way to read on ("pass cursor to continue", "pass a query to
    // rank by relevance"): only a stated change it makes counts.
    if (valueless) {
      const act = GIVEN_CHANGE.exec(rest);
      const effect = act ? counted(act[1]!, act.index + act[0].length - act[1]!.length, false) : undefined;
      if (effect !== undefined) return { effect, quote: quote() };
      continue;
    }
    const act = SWITCHED_ACT.exec(rest);
    const stated = act ? null : SWITCHED_STATED.exec(rest);
    if (stated) {
      const effect = counted(stated[1]!, stated.index + stated[0].length - stated[1]!.length, false);
      if (effect !== undefined) return { effect, quote: quote() };
    }
    if (act) {
      // "to immediately drop": an adverb first, the verb after it.
      const effect = counted(act[1]!, act.index + act[0].indexOf(act[1]!), false) ?? (act[2] !== undefined && act[1]!.endsWith("ly") ? counted(act[2], act.index + act[0].lastIndexOf(act[2]), false) : undefined);
      if (effect !== undefined) return { effect, quote: quote() };
    }
    for (const p of rest.matchAll(SWITCHED_PASSIVE)) {
      const effect = counted(p[1]!, p.index + p[0].lastIndexOf(p[1]!), true);
      if (effect !== undefined) return { effect, quote: quote() };
    }
  }
  return undefined;
}

/**
 * A change the text says the tool makes when asked or may make ("Optionally posts review comments to GitHub", "can also
 * mark one as recommended", "This may start an inactive mock pod"): quoted with the verb's meaning, as a switched
 * argument's effect is.
 */
export function optionalEffect<T>(lower: string, effectOf: (word: string, participle: boolean) => T | undefined): { effect: T; quote: string } | undefined {
  const m =
    (lower.includes("optionally") || lower.includes(" also ") ? OPTIONAL_ACT.exec(lower) : null) ??
    (lower.includes(" may ") || lower.includes(" might ") ? MAY_ACT.exec(lower) : null);
  if (!m) return undefined;
  // From the phrase itself, not the mark or the subject before it (". Can also mark …"): denial and quote.
  const at = m.index + m[0].search(/optionally|can also|may|might/);
  if (deniedAt(lower, at)) return undefined;
  // Another tool's act the text points to ("You can also send it later with the send_draft tool") is not this one's.
  const sentence = lower.slice(at, at + lower.slice(at).search(/[.;!?\n]|$/));
  if (POINTED_TO_TOOL.test(sentence)) return undefined;
  const effect = effectOf(m[1]!, false);
  return effect === undefined ? undefined : { effect, quote: quoteText(sentence, 80) };
}
/** "optionally" has the tool for subject; "can also" and "may also" only after the tool ("it can also mark …"). */
const OPTIONAL_ACT = /(?:\boptionally|(?:^|[.;:!?]\s+|\b(?:it|this tool|the tool|and)\s+)(?:can|may) also)\s+([a-z]+)\b/;
/**
 * … and "may" opening a sentence whose subject is the tool, before a verb that makes or starts something and its object
 * ("This may start an inactive mock pod"), not a way of working ("It may start slowly") nor a cache of its own.
 */
const MAY_ACT = /(?:^|[.;:!?]\s+)(?:this tool|the tool|this|it|calling it)\s+(?:may|might)\s+(start|create|send|post|publish|provision)\s+(?:a|an|the|its|one|new|another)\s+(?![^.;!?]{0,30}\b(?:cache|temporary|temp|log)\b)/;
const POINTED_TO_TOOL = /\b[a-z]+_[a-z_]+\b|\btool\b/;

/** Words without which no stated save can match: most descriptions skip the save patterns on one scan. */
const SAVE_WORDS = /sav|writ|stor|persist|next to|alongside|beside|^export|creates\s+an?\b|^(?:generate|create|scaffold|build)/;

/**
 * A save to local storage the description states, as an act ("saves it to disk") or a placement ("is written next to
 * the source"), quoted, unless the words before it deny it ("without saving to disk").
 */
export function statedSave(lower: string): string | undefined {
  if (!SAVE_WORDS.test(lower)) return undefined;
  const m = STATED_SAVE.exec(lower) ?? STATED_PLACEMENT.exec(lower);
  if (!m) return undefined;
  const at = m.index + m[0].search(/[a-z]/);
  return deniedAt(lower, at) ? undefined : quoteText(m[0].slice(at - m.index), 60);
}

/**
 * The local file a download, an export or a dump hands back, quoted ("… and return its local file path", "to local
 * files"), and for a download or a stream (`downloads`) the local place its own clause puts it ("Download the template
 * to a temporary directory"), unless the words before it deny it ("it never returns a local file path", "instead of
 * saving to local files").
 */
export function statedLocalFile(lower: string, downloads = false): string | undefined {
  const m = LOCAL_FILE_RESULT.exec(lower) ?? (downloads ? DOWNLOADED_TO_PLACE.exec(lower) : null);
  return m && !deniedAt(lower, m.index) ? m[0] : undefined;
}

/** A reading that makes what it reads when it is missing, quoted: "creating an empty one if it doesn't exist", "get or create". */
export function getOrCreate(lower: string): string | undefined {
  return lower.includes("creat") || lower.includes("add") || lower.includes("none") ? GET_OR_CREATE.exec(lower)?.[0] : undefined;
}

const INVALIDATIONS = [INVALIDATED_PRIOR];

/** The old thing the description says a change makes useless (INVALIDATED_PRIOR), quoted, unless denied or deferred ("after 90 days"). */
export function invalidatedPrior(lower: string): string | undefined {
  if (!lower.includes("working") && !lower.includes("longer work") && !lower.includes("invalidates")) return undefined;
  return firstRemoval(INVALIDATIONS, lower);
}

/** A replacement, a drop or a cancellation of what was there that the description states, quoted, unless denied before it. */
export function statedReplacement(lower: string): string | undefined {
  if (!STATED_REPLACEMENT_WORDS.test(lower)) return undefined;
  const m = undeniedMatch(STATED_REPLACEMENT, lower);
  return m ? quoteText(m[0], 60) : undefined;
}

/**
 * A replacement of the whole thing, said with its owner or another word between ("Replace a note's entire content",
 * "Replace the full active Mermaid diagram", "Replace complete source on a new revision"); not a thing named whole
 * ("the full name", "the complete address", a field's "full value").
 */
const WHOLE_REPLACED =
  /\breplac(?:e|es|ing)\s+(?:(?:the|an?|its|their|this|your)\s+)?(?:[a-z-]+(?:'s|’s)\s+)?(?:whole|entire|full|complete)\s+(?!(?:name|names|path|paths|url|address|width|height|screen|stop|value|values)\b)(?:[a-z-]+\s+)?[a-z]/;

/**
 * … and a replacement of the data there now, said after the act and a comma ("Load a project file, replacing the
 * current graph and scene data", "Sets stock quantities, replacing the current counts"); not a view, a page or a tab
 * shown in place of another, nor placeholders filled in a text handed back.
 */
const CURRENT_REPLACED =
  /(?<=,\s{1,3})replacing\s+(?:the|any|its|their|your)\s+(?:current|existing|previous|loaded|active|open)\s+(?:[a-z-]+\s+)?(?:graph|scene|data|composition|project|document|documents|file|files|model|workspace|baseline|counts|state|contents?|configuration|config|settings|rules|records|entries|schedule|canvas|drawing|layout|images)\b/;

/** A replacement of the whole thing, or of what is there now, the description states, quoted, unless denied before it. */
export function wholeReplaced(lower: string): string | undefined {
  if (!lower.includes("replac")) return undefined;
  const m = WHOLE_REPLACED.exec(lower) ?? CURRENT_REPLACED.exec(lower);
  if (!m || deniedAt(lower, m.index)) return undefined;
  // A purpose pointed to another tool or suggested is not this tool's act: "To replace the entire note, use
  // update_note", "Returns suggestions to replace the full sentence".
  const before = lower.slice(Math.max(0, m.index - 16), m.index);
  if (/\b(?:suggestions?|ways?|options?|how)\s+to\s+$/.test(before)) return undefined;
  if (/(?:^|[.;:]\s*)to\s+$/.test(before) && /^[^.;]*,\s*(?:use|call|run|try)\s/.test(lower.slice(m.index))) return undefined;
  return quoteText(m[0], 60);
}

/**
 * A removal at the end of a list of what the tool may do, quoted, when every word listed is a verb (`isVerb`: "may
 * take a while and remove" is no list) and the words before it do not deny it.
 */
export function possibleRemoval(lower: string, isVerb: (word: string) => boolean): string | undefined {
  if (!lower.includes("may ") && !lower.includes("might ")) return undefined;
  const m = MAY_REMOVE_LIST.exec(lower);
  if (!m || deniedAt(lower, m.index)) return undefined;
  return m[1]!.split(/[\s,]+/).every((w) => !w || isVerb(w)) ? quoteText(m[0], 60) : undefined;
}

/** Phrases whose meaning a denial before them reverses: what the text says does not happen did not happen. */
const DENIABLE: readonly PhraseSignal[] = ["irreversible", "overwrite", "destructive_effect", "read_only_claim"];

/** Drops from `hits` each deniable phrase that the words before it deny in `lower` (the text it was found in). */
export function denyPhrases(lower: string, hits: PhraseHits): void {
  for (const signal of DENIABLE) {
    const phrase = hits[signal];
    if (phrase !== undefined && phraseDenied(lower, phrase, signal)) hits[signal] = undefined;
  }
}

/** A loss the text states beside an ending's keeping: "save: false discards unsaved changes" (not "no data is lost"). */
const LOSS_STATED = /\b(?:discard(?:s|ed|ing)?|los(?:e|es|ing|t))\b/;

/**
 * Whether a description (lower-cased) says an ending loses nothing (ENDING_KEPT) or, for an ending that is not a restart
 * (`again`), can be undone by its opposite (ENDING_AGAIN, UNTIL_REENABLED): not where the words before it deny it, nor
 * where the text also states a loss.
 */
export function endingUndone(lower: string, again: boolean): boolean {
  if (undeniedMatch(LOSS_STATED, lower)) return false;
  if (undeniedMatch(ENDING_KEPT, lower)) return true;
  return again && (undeniedMatch(ENDING_AGAIN, lower) !== null || UNTIL_REENABLED.test(lower));
}

/** Words without which KEEPS_PRIOR cannot match: most descriptions skip it on one scan. */
const KEEPS_PRIOR_WORDS = /lost|undone|kept|saved as|histor|revisions|overwritten|touched|unchanged|only|omitted|current value/;

/**
 * Whether a description (lower-cased) says a change keeps what it replaced ("nothing is lost", "kept as a revision",
 * "Existing files are never overwritten", "Data is unchanged"): then the change is additive, its words whatever.
 */
export function keepsPrior(lower: string): boolean {
  return KEEPS_PRIOR_WORDS.test(lower) && KEEPS_PRIOR.test(lower);
}
