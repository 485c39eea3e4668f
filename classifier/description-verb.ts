// The verb an English description leads with, after labels and filler, with the verbs joined to it and its object;
// whether it is a noun there instead; and the lead read in another language first where the text is in one.
import {
  ARCHIVE_OBJECTS,
  BE_AS_FACT,
  CONVERTED_IN_PLACE,
  INPUT_DEVICES,
  INPUT_EVENTS,
  LEADING_FILLER,
  LOOKED_UP_OBJECTS,
  MANNER_ADVERBS,
  MODALS,
  NOMINALIZED,
  SETTLED_OBJECTS,
  SIMULATED_INPUT,
  SURVEYED_OBJECTS,
  TICKED_CONTROLS,
  TRASHED,
  VIEWED_OBJECTS,
} from "./lexicon.js";
import { leadingLabel } from "./leading-label.js";
import { quoteText } from "./quote.js";
import { deniedAt } from "./stated-effects.js";
import { isLower, WordReader } from "./tokens.js";
import { NAME_VERBS, PARTICIPLES, TEXT_VERBS, type VerbInfo } from "./verb-tables.js";
import type { NameVerbHit } from "./name-verb.js";
import { FOREIGN_VERB_OF, foreignDescriptionVerb, leadingLetters, OTHER_LETTER } from "./other-languages.js";

// The passive a description may lead with ("An issue is created in the project", "The table is dropped"); after a
// modal or "to", "be" says what could or should happen ("whether it can be deleted"), not what does.
const PASSIVE = new RegExp(`\\b(?:is|are|will be|gets|get|${BE_AS_FACT}|has been|have been)\\s+(?:then\\s+|also\\s+|permanently\\s+|automatically\\s+|immediately\\s+)?([a-z]+)\\b`);

/**
 * A word opening a condition: a passive after it in the same clause says when, not what happens ("only when no browser
 * tool is installed"), where one after the condition's comma, colon or semicolon does ("When called, a snapshot is
 * created").
 */
const CONDITION = /\b(?:when|whenever|if|unless|until|once|whether)\s/;
/** … and a relative clause whose own verb the passive is, a few words on with no auxiliary between ("which integrations are"). */
const RELATIVE_BEFORE = /\b(?:which|what|where|whose)\s+((?:(?!(?:has|have|had|is|are|was|were)\b)[a-z'’-]+\s+){0,5})$/;

/**
 * Whether a passive ending `clause` is a relative clause's own, telling of a state ("which integrations are configured"):
 * not when a word between is a verb of its own ("Repositories which match the filter are archived", "whose trial
 * ended"), which makes the passive the sentence's.
 */
function relativeState(clause: string): boolean {
  const m = RELATIVE_BEFORE.exec(clause);
  return m !== null && !m[1]!.split(/\s+/).some((w) => (TEXT_VERBS.has(w) && !w.endsWith("s")) || (w.length > 4 && w.endsWith("ed")));
}

/** The verb of a first sentence in the passive voice, when the description leads with no verb of its own. */
export function passiveVerb(description: string, lower: string): DescriptionVerbHit | undefined {
  // A question's passive asks after a state ("How many memories are stored"), not what the tool does.
  if (QUESTION_START.test(lower)) return undefined;
  const head = lower.slice(0, 200);
  const end = head.search(/[.!?\n]/);
  const sentence = end < 0 ? head : head.slice(0, end);
  const m = PASSIVE.exec(sentence);
  const v = m ? PARTICIPLES.get(m[1]!) : undefined;
  // … nor does one in a condition ("Use these tools only when no browser tool is installed").
  if (!v) return undefined;
  const clause = sentence.slice(0, m!.index).split(/[,:;]/).at(-1)!;
  if (deniedAt(lower, m!.index) || CONDITION.test(clause) || relativeState(clause)) return undefined;
  return { verb: v.verb, category: v.category, ambiguous: v.ambiguous, joined: [], quote: quoteText(description, 90), object: [], first: false };
}

/** A plural with no article before it: "bounties", "leads" (not "tabs", too short to tell, nor "access"). */
const BARE_PLURAL = /^[a-z]{3,}[^s]s$/;
/** Whether a clause joins a verb of change to its first ("… and move the top 5"). */
function joinsChange(clause: string): boolean {
  for (const m of clause.matchAll(JOINED_VERB)) if ((TEXT_VERBS.get(m[1]!)?.category ?? "read") !== "read") return true;
  return false;
}
const JOINED_VERB = /\b(?:and|then)\s+([a-z]+)/g;
const RANKED_RELATIVE = /\b(?:above|below|before|after|ahead of|behind|higher|lower|to the (?:top|bottom)|position)\b/;
/** A question right after the verb: "Report which context these memories live in and how this machine authenticates to it". */
const ASKED_AFTER_VERB = /^\S+\s+(?:which|whether|what|how|if|when|where|who)\b/;
const TO_PRONOUN = /\bto\s+(?:it|them|this|that|itself|themselves)\b/g;
/**
 * A clause that sends what it reports somewhere: "Report a bug to the maintainers", "… to wake the screen", "Report the
 * measured speed to the fleet dashboard"; not a "to" after a participle or a relation word, which ties the thing
 * reported to another ("the grant linked to the identity", "the commits pushed to main", "the roles given to the
 * token"), where "speed" and "feed" are no participles.
 */
const REPORTED_TO = /(?<!\b(?:[a-z]+[^e\s]ed|given|made|sent|bound|relevant|specific|similar|equal|close|next|due)\s+)\bto\s+[a-z]/;
/** An adjective's infinitive ("ready to run"), no place a report is sent to ("Report the node ready to the control plane" is). */
const ADJECTIVE_INFINITIVE = /\b(?:ready|able|unable|safe|likely)\s+to\s+(?!(?:the|a|an|this|that|its|your|their|our|his|her|all|any|every|each)\b)[a-z]+/g;

export const STOP_WORDS = new Set("a an the to from in of for by with on and or into at as is its via".split(" "));
export const CONJUNCTIONS = new Set(["or", "and"]);
export const PREPOSITIONS = new Set("to from in of for by with on into at via".split(" "));
const PARTICLES = new Set(["down", "up", "out", "off", "over"]);
export const ARTICLES = new Set(["a", "an", "the"]);
/** What follows "ask" when it asks someone to do a thing: up to three words, "to", the verb ("asks to mark …"). */
const ASKED_TO = /^\s+(?:[\p{L}\p{N}'-]+\s+){0,3}to\s+([\p{L}]+)/u;
/** … and the rest of its sentence, with no comma, semicolon or colon before its end. */
const ASKING_ENDS_SENTENCE = /^[^,;:.!?\n]*(?:[.!?\n]|$)/;
/** Programs whose command lines tools quote as their description: the word after is the subcommand. */
const CLI_NAMES = new Set(["git", "docker", "kubectl", "helm", "npm", "pnpm", "yarn", "terraform", "aws", "gcloud", "az", "ffmpeg", "pip", "cargo", "brew", "systemctl", "podman", "gh"]);
const CLI_READ_SUBCOMMANDS = new Set(["log", "logs", "status", "ps", "top", "show", "ls", "inspect", "describe", "diff", "version", "info", "outdated"]);
const NEXT_IN_LIST = /^\s*(?:,\s*|\/\s*|\s(?:or|and)\s+)([A-Za-z]+)/;
/** Whether the word ending at `end` is followed by another verb in a list: "(set, get, list …)", "set or remove". */
function inVerbList(head: string, end: number): boolean {
  const next = NEXT_IN_LIST.exec(head.slice(end, end + 24))?.[1];
  return next !== undefined && TEXT_VERBS.has(next.toLowerCase());
}

/** Words after which a verb's word is a noun ("with their schedule", "the last run"). */
export const DETERMINERS = new Set(["the", "a", "an", "their", "its", "your", "my", "our", "his", "her", "this", "these", "those", "each", "every", "any", "some", "no", "last", "next"]);
/** "one" and a space, right before a word. */
const ONE_BEFORE = /one\s$/i;
/** Words that open a verb's object: a word as often a noun before one is a verb ("or set a system setting"). */
const OBJECT_OPENERS = new Set(["a", "an", "the", "its", "their", "one", "any", "all", "your", "this"]);

export interface DescriptionVerbHit extends VerbInfo {
  joined: VerbInfo[];
  /** The description from its leading verb on, for quoting. */
  quote: string;
  /** Up to four words after the verb: the object, when the name has none. */
  object: string[];
  /** The verb is the description's first word (after a label or filler): "Drop the table", not "… drop-down". */
  first: boolean;
}

/**
 * A resolve whose clause says what it resolves into, in lower-case text: "Resolve a contact into …", "Resolve a
 * package name to a library ID", "Resolve UID to CSS selector" (the word after "to" is checked by resolvesInto: "to
 * close the discussion" settles).
 */
const RESOLVED_INTO = /^\S+\s+(?:(?!(?:and|or|then)\s)[^\s.,;:]+\s+){1,6}?(into|to)\s+([^\s.,;:]+)(?:\s+([^\s.,;:]+))?(?:\s+([^\s.,;:]+))?/;

/** Whether a resolve's clause looks its object up: into anything, or to a determined thing or one looked up. */
function resolvesInto(clause: string): boolean {
  const m = RESOLVED_INTO.exec(clause);
  if (!m) return false;
  if (m[1] === "into") return true;
  return DETERMINERS.has(m[2]!) || [m[2], m[3], m[4]].some((w) => w !== undefined && LOOKED_UP_OBJECTS.has(w));
}

/**
 * Whether the words after a resolve (`clause` opens with it) name a thing it settles: a comment, a conflict, a ticket.
 * A bare "Resolve." settles too: what it resolves is not said.
 */
function settles(clause: string): boolean {
  const words = clauseAfterVerb(clause);
  return words.length === 0 || words.some((w) => SETTLED_OBJECTS.has(w));
}

/** The leading word followed by a comma, a slash, an ampersand or a plus. */
const LISTED_AFTER_LEAD = /^[^\s,/&+]+\s*[,/&+]/;
/** The word after the leading one followed by a slash, and the word after the slash. */
const SLASHED_AFTER_LEAD = /^\S+\s+[^\s,/&+]+\/([a-z]+)/i;

/**
 * Whether the words after the leading verb list more verbs: a comma, a slash, an ampersand or a plus after it, or a
 * slash and a verb after the next word ("Read, write", "get/set", "Get & ack", "Applies search/replace hunks"), where
 * "Read login/checkpoint status" lists the things read.
 */
function listedAfterLead(rest: string): boolean {
  if (LISTED_AFTER_LEAD.test(rest)) return true;
  const slashed = SLASHED_AFTER_LEAD.exec(rest);
  return slashed !== null && TEXT_VERBS.get(slashed[1]!.toLowerCase())?.ambiguous === false;
}

/** Words that shape data as often as they change a thing: a list of them ("Count, split, and join strings") works on values. */
const SHAPING_WORDS = new Set("split join group rank sort merge map filter chunk format order match count".split(" "));
/** Whether `word` stands in `clause` between a comma and the conjunction of a list: ", set, or", ", set or". */
function commaListed(clause: string, word: string): boolean {
  if (SHAPING_WORDS.has(word)) return false;
  const at = clause.indexOf(`, ${word}`);
  return at >= 0 && /^,?\s+(?:or|and)\s/.test(clause.slice(at + word.length + 2));
}

/** A short aside in parentheses, with the space before it: "(semantic/task search)". */
const PARENTHESIZED_ASIDE = /\s*\([^()\n]{0,60}\)/g;

/** Whether an article follows the description's verb: a word as often a noun is the verb there ("Set the …"). */
export function articled(dv: DescriptionVerbHit): boolean {
  return ARTICLES.has(dv.object[0] ?? "");
}

/** The first word of the verb's object after its article: "focus" in "Get the focus time distribution". */
export function objectOpening(dv: DescriptionVerbHit): string | undefined {
  return articled(dv) ? dv.object[1] : dv.object[0];
}

/** Whether a determiner or a count opens the verb's object ("Get one product", "Submit a request"): the word is a verb there. */
export function determined(dv: DescriptionVerbHit): boolean {
  const w = dv.object[0] ?? "";
  return DETERMINERS.has(w) || w === "one" || /^\d/.test(w);
}

/** Whether the description opens with a change: its first word a verb other than a reading one, as a verb. */
export function leadsWithChange(dv: DescriptionVerbHit): boolean {
  return dv.first && dv.category !== "read" && (!dv.ambiguous || articled(dv));
}

/** One match of /[A-Za-z0-9][A-Za-z0-9'’]*|[.!?;]/ and what findDescriptionVerb asks of it, found without a regex. */
interface DescriptionToken {
  start: number;
  end: number;
  punctuation: boolean;
  firstDigit: boolean;
  /** Letters and digits only, upper-case letters and digits only (/^[A-Z\d]+$/). */
  allCaps: boolean;
  /** No upper-case letter: the word is its own lower case. */
  lower: boolean;
}

const token: DescriptionToken = { start: 0, end: 0, punctuation: false, firstDigit: false, allCaps: false, lower: false };

/** A Latin letter with a diacritic (À–ɏ but for × and ÷): part of a word, so "catégorise" holds no "cat". */
const accented = (c: number) => c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7;

/** The next word or sentence mark of `text` from `from`; the one object is reused, read before the next call. */
function nextDescriptionWord(text: string, from: number): DescriptionToken | undefined {
  const n = text.length;
  let i = from;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || accented(c)) break;
    if (c === 46 || c === 33 || c === 63 || c === 59) {
      token.start = i;
      token.end = i + 1;
      token.punctuation = true;
      return token;
    }
  }
  if (i >= n) return undefined;
  const first = text.charCodeAt(i);
  let allCaps = true;
  let lower = true;
  let end = i;
  for (; end < n; end++) {
    const c = text.charCodeAt(end);
    if (c >= 97 && c <= 122) allCaps = false;
    else if (c >= 65 && c <= 90) lower = false;
    else if (c === 39 || c === 0x2019) allCaps = false;
    else if (accented(c)) allCaps = lower = false;
    else if (!(c >= 48 && c <= 57)) break;
  }
  token.start = i;
  token.end = end;
  token.punctuation = false;
  token.firstDigit = first >= 48 && first <= 57;
  token.allCaps = allCaps;
  token.lower = lower;
  return token;
}

/** An HTTP request line opening a description generated from an API spec. */
export const REQUEST_LINE = /^(?:get|post|put|patch|delete)\s+\/\S*\s*/;

/** Relative pronouns: the verbs after one tell of the thing before it. */
export const RELATIVE_WORDS = new Set(["that", "which", "who"]);

/** Up to six words after a leading verb, up to the first preposition or mark: what the verb takes. */
export function clauseAfterVerb(quote: string): string[] {
  const words: string[] = [];
  for (const m of quote.toLowerCase().slice(0, 120).matchAll(/[a-z][a-z0-9-]*|[.,;:()]/g)) {
    const w = m[0];
    if (words.length === 0 && m.index === 0) continue;
    if (w.length === 1 && !/[a-z]/.test(w)) break;
    if (PREPOSITIONS.has(w) || words.length >= 6) break;
    words.push(w);
  }
  return words;
}

/**
 * A verb whose object says what it does: "simulates pressing a key" and "simulate a click" press and click (the
 * simulated event happens); "extracts an archive" writes the archive's files, where "extracts entities" reads.
 */
export function verbForObject<T extends VerbInfo>(v: T, object: readonly string[]): T {
  if (v.verb === "simulate") {
    const event = object.find((w) => INPUT_EVENTS.has(w)) ?? object.map((w, i) => (SIMULATED_INPUT.has(object[i + 1] ?? "") ? INPUT_DEVICES.get(w) : undefined)).find(Boolean);
    if (event) {
      const pressed = TEXT_VERBS.get(event) ?? { verb: event, category: "write" as const, ambiguous: false };
      return { ...v, verb: pressed.verb, category: pressed.category, ambiguous: pressed.ambiguous };
    }
  }
  if (v.verb === "check" && DETERMINERS.has(object[0] ?? "") && TICKED_CONTROLS.test(object.slice(object.findIndex((w) => !DETERMINERS.has(w))).join(" "))) return { ...v, category: "write" };
  if (v.verb === "extract" && object.some((w) => ARCHIVE_OBJECTS.has(w))) return { ...v, category: "write" };
  // The object's head word decides: "Open the Connections window" shows it, "Open an allowed Windows COM port" does not.
  if (v.verb === "open" && VIEWED_OBJECTS.has(objectHead(object))) return { ...v, category: "read" };
  if (v.verb === "map" && object.some((w) => SURVEYED_OBJECTS.has(w))) return { ...v, category: "read" };
  if (v.verb === "convert" && object.some((w) => CONVERTED_IN_PLACE.has(w))) return { ...v, category: "write" };
  if (v.verb === "resolve" && object.some((w) => LOOKED_UP_OBJECTS.has(w))) return { ...v, category: "read" };
  return v;
}

/** An object's head: its last word before a participle or a relative word ("a browser window showing …"). */
function objectHead(object: readonly string[]): string {
  const end = object.findIndex((w, i) => i > 0 && ((w.length > 4 && w.endsWith("ing")) || RELATIVE_WORDS.has(w)));
  return (end > 0 ? object[end - 1] : object.at(-1)) ?? "";
}

/** A text whose first letter is Chinese, Japanese or Korean. */
const LEADS_CJK = /^[^\p{L}]{0,8}[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u;

/** The description's leading verb: another language's first, then English, then Chinese, Japanese and Korean. */
function leadingVerb(description: string, lower: string): DescriptionVerbHit | undefined {
  // A spec's request line ("POST /rates/quote") names the method, not what the tool does: the summary after it does.
  const request = lower.charCodeAt(0) <= 122 ? REQUEST_LINE.exec(lower) : null;
  if (request && request[0].length < lower.length) return leadingVerb(description.slice(request[0].length), lower.slice(request[0].length));
  // A text that opens in Chinese, Japanese or Korean is read in it first: English words further on ("Args: … Returns:",
  // a product's name) are not its lead.
  if (description.charCodeAt(0) > 127 && LEADS_CJK.test(description)) return foreignDescriptionVerb(description, false) ?? findDescriptionVerb(description, lower);
  return foreignDescriptionVerb(description, true) ?? findDescriptionVerb(description, lower) ?? foreignDescriptionVerb(description, false);
}

/**
 * The leading verb read after a category label ("[Project Management] Get …", "Search: Delete the saved search"), when
 * the text after the label has one (a named label only when a verb follows it at once). A destructive verb the whole
 * text leads with is never traded for a milder one after the label.
 */
export function descriptionVerbAfterLabel(description: string, lower: string): DescriptionVerbHit | undefined {
  const whole = leadingVerb(description, lower);
  const label = leadingLabel(description);
  if (!label && !whole) return verbOfSecondSentence(description);
  if (!label || (whole && whole.category === "destructive")) return whole;
  if (label.kind === "named") {
    const first = leadingLetters(label.rest)?.toLowerCase();
    // (Chinese, Japanese and Korean run their words together: the verb there is the first the text holds.)
    if (!first || !(TEXT_VERBS.has(first) || FOREIGN_VERB_OF.has(first) || (first.charCodeAt(0) > 127 && foreignDescriptionVerb(label.rest, false)))) return whole;
  }
  const after = leadingVerb(label.rest, label.rest.toLowerCase());
  // A bracket holds no action ("[Risk: MEDIUM, Read-Only: false] Unified … tool. Propose and apply …"): after it, a
  // short verbless opening is a label too.
  return label.kind === "bracketed" ? (after ?? verbOfSecondSentence(label.rest)) : (after ?? whole);
}

/**
 * What a conversion turns into, up to three words after "into" or "to": "into a Baize execution task", "to a linked
 * invoice" (where "to PDF" and "to kilometres" name no record).
 */
const CONVERTED_INTO = /\b(?:in)?to\s+(?:a\s+|an\s+|the\s+)?((?:[a-z]+\s+){0,2}[a-z]+)/;
/** Records a conversion makes: "into a draft invoice", "into an execution task" (not "into a list of tasks"). */
const RECORD_KINDS = new Set("task tasks subtask subtasks ticket tickets issue issues draft drafts invoice invoices card cards deal deals lead leads story stories epic epics job jobs".split(" "));

/** Whether a conversion's clause makes a record: the head word of what it turns into, before any of/for/with/and/or. */
function convertsIntoRecord(clause: string): boolean {
  const into = CONVERTED_INTO.exec(clause);
  if (!into) return false;
  const words = into[1]!.split(/\s+/);
  const cut = words.findIndex((w) => w === "of" || w === "for" || w === "with" || w === "and" || w === "or");
  const head = (cut < 0 ? words : words.slice(0, cut)).at(-1);
  return head !== undefined && RECORD_KINDS.has(head);
}

/**
 * The extracted thing's destination made new, within the object's few words after the verb: "Extract code range to a
 * new function", not "Extract all emails sent to new customers".
 */
const INTO_NEW = /^\S+\s+(?:\S+\s+){0,4}?(?<!(?:ed|sent)\s)(?:to|into)\s+(?:an?\s+)?new\s/;

/** A first sentence short enough to be a label, and the space after it. */
const SHORT_FIRST_SENTENCE = /^[^.!?\n]{3,60}[.!?\n]\s+/;

/** A short first sentence with no verb is a label: the next sentence's opening verb ("FREE and instant. Crop, resize …"). */
function verbOfSecondSentence(description: string): DescriptionVerbHit | undefined {
  if (OTHER_LETTER.test(description)) return undefined;
  const m = SHORT_FIRST_SENTENCE.exec(description);
  if (!m) return undefined;
  const rest = description.slice(m[0].length);
  const hit = leadingVerb(rest, rest.toLowerCase());
  // Only a change opening the sentence: a second sentence that reads ("Returns …", "Shows …") tells what comes back.
  const opening = leadingLetters(rest)?.toLowerCase();
  return hit && leadsWithChange(hit) && opening !== undefined && TEXT_VERBS.get(opening)?.verb === hit.verb ? hit : undefined;
}

// Verbs written as two words: "dry run" (a read; "run" alone would execute), "force-push" (destructive; "push" alone
// writes), "turn on" and "turn off" (a switch thrown), "roll back" (a rollback; "roll" alone is no verb), a check-in
// (a guest or a passenger checked in; "check" alone reads), and "power on", "power off" and "power cycle" before a
// determiner of what is powered ("Power off the gateway", "Power on/off/reset the target"), where "Power on/off state"
// and "Power cycle count" name readings; "Zero" opening a sentence before what it zeroes ("Zero the
// counters of an inbound") is a zeroing out, where "resets to zero each day" and "at zero this week" are numbers.
const TWO_WORD_VERB =
  /\b(?:dry[- ]run|force[- ]push|turn (?:on|off)\b|power (?:on|off|cycle)\b(?=(?:\/[a-z]+)*\s+(?:the|a|an|all|this|that|these|those|your|its|every|each)\s)|roll(?:s|ing)? back\b|zero(?:e?s)? out\b|(?<=^\s*|[.;!?]\s+)zero(?:e?s)?(?= (?:the|all|its|their|every|each|this|these) )|check-in\b|checks in\b)/i;
const TWO_WORD_VERBS = new RegExp(TWO_WORD_VERB.source, "gi");
/** "rolls back" → "rollbacks": the one-word verb in the same form. */
const joinTwoWords = (m: string) => {
  const lower = m.toLowerCase();
  if (lower.startsWith("roll")) return `rollback${lower.slice(4, lower.indexOf(" "))}`;
  if (lower.startsWith("zero")) return lower === "zero" || lower.startsWith("zero ") ? "zeroout" : "zeroouts";
  if (lower.startsWith("checks")) return "checkins";
  return lower.replace(/[- ]/, "");
};
// Verbs that say nothing of the effect: the verb after them does ("Attempt to repair …").
const SKIPPED_GENERIC = new Set(["perform", "performs", "use", "uses", "attempt", "attempts"]);

/** An article right after a word: " a ", " an ", " the ", in any case and spacing. */
const ARTICLE_AFTER = /^\s+(?:an?|the)\s/i;
/** A colon just before a word: what follows it is a sentence of its own. */
const COLON_BEFORE = /:\s*$/;

/**
 * Whether an ambiguous description verb is a noun where the description reads as a noun phrase: one of a verbless
 * name's words, the word itself first ("Messages posted in the channel") or after other words ("All console messages
 * logged by the page", "Past builds of a branch"), as it stands or as a plural, unless a generic verb opens the
 * description ("Perform various block operations (retrieve, …)"); a word followed by "of" ("Chronological log of
 * everything", "Condensed outline of the DOM"); any such word in a description that opens as "… of …" ("Headers of an
 * object: size, content type …") or as a question ("Which migration files have been applied").
 */
export function nounInDescription(words: readonly string[], nameVerb: NameVerbHit | undefined, dv: DescriptionVerbHit, lowerDescription: string): boolean {
  if (dv.first) {
    const said = /^[\p{L}\p{N}]+/u.exec(dv.quote)?.[0].toLowerCase();
    // "Messages of a channel", "Releases of an app": the word leading the text is the thing, before "of".
    if (said !== undefined && lowerDescription.startsWith(`${said} of `)) return true;
    // … and, in its bare form beside a verbless name, before the word "of" follows ("entity_history": "Change log of
    // one entity"; "Sets what share of users …" sets), but not before an article: "Set the brightness of a lamp" sets.
    const articleAfter = said !== undefined && ARTICLE_AFTER.test(dv.quote.slice(said.length, said.length + 5).toLowerCase());
    if (!nameVerb && said === dv.verb && !articleAfter && NOUN_PHRASE_START.test(lowerDescription)) return true;
    // A name's word leading the text is that thing too ("order_status": "Order status for …"), but not before an article:
    // "Issue a certificate from a CSR" issues one (issue_certificate).
    return !nameVerb && said !== undefined && words.includes(said) && !articleAfter;
  }
  if (NOUN_PHRASE_START.test(lowerDescription)) return true;
  if (!nameVerb && !GENERIC_START.test(lowerDescription) && (words.includes(dv.verb) || words.includes(`${dv.verb}s`))) return true;
  return lowerDescription.includes(` ${dv.verb} of `) || lowerDescription.includes(` ${dv.verb}s of `) || lowerDescription.includes(` ${dv.verb}es of `);
}

/** Whether a verb after the description's start stands as a noun before "of": "Past deploys of a service", "Condensed outline of the DOM". */
export function pluralBeforeOf(dv: DescriptionVerbHit, lowerDescription: string): boolean {
  return lowerDescription.includes(`${dv.verb}s of `) || lowerDescription.includes(` ${dv.verb} of `);
}
// … and a yes-or-no question about a thing ("Is the door locked, open or forced?").
const QUESTION_WORDS = "which|whether|what|who|where(?!\\s+(?:possible|available|supported|applicable|needed|necessary|relevant)\\b)|how many|how much|(?:is|are|does|do|has|have) (?:the|a|an|there|this|any)";

/** A short question heading what follows its colon: "What it does:", "What gets removed:". */
const QUESTION_HEADING = /^(?:what|which|who|where)\b[^.?:\n]{0,40}:\s*/;
/** A description that opens as the question its answer settles: "Which migrations have been applied …". */
export const QUESTION_START = new RegExp(`^(?:${QUESTION_WORDS})\\s`);
/** Descriptions that open as a noun phrase ("Headers of an object …", "Size of the queue") or a question ("Which …"). */
const NOUN_PHRASE_START = new RegExp(`^(?:(?:[\\p{L}][\\p{L}\\p{N}'-]*,?\\s+){1,3}of\\s|(?:${QUESTION_WORDS})\\s)`, "u");
/** A generic verb opening a description (SKIPPED_GENERIC's, and managing or handling): the verb that matters comes after. */
const GENERIC_START = new RegExp(`^(?:${[...SKIPPED_GENERIC, "manage", "manages", "handle", "handles"].join("|")})\\s`);

/**
 * A description opening with a turning on or off, its object between and the particle ending the clause: "Turn
 * Logitech Litra device(s) on.", "Turns monitoring on or off", "Turn a skill off for every agent" (not "Turn text into
 * speech based on input").
 */
const TURNED_ON_OFF = /^turns?\s+((?:[^\s.,;:]+\s+){1,5}?)(on|off)(?=\s*(?:$|[.,;:!)]|\s(?:and|or)\b|\s(?:for|in|when|until|after|via)\s))/i;
/** … and a bringing up or a taking down: "Bring the simulation up (headless by default)", "Take the whole stack down". */
const BROUGHT_UP_DOWN = /^(?:brings?|takes?)\s+((?:[^\s.,;:]+\s+){1,5}?)(up|down|online|offline)(?=\s*(?:$|[.,;:!)(]|\s(?:and|or|for|with|on|in|to|after|before|until|via)\b))/i;
/** … with the particle first: "Bring up the simulation", "Take down cluster nodes that fail health checks". */
const BROUGHT_UP_DOWN_FIRST = /^(?:brings?|takes?)\s+(up|down|online|offline)\s+((?:[^\s.,;:]+\s+){0,4}[^\s.,;:]+)/i;
/** … of a system that runs (not "Take the meeting notes down", "Brings the settings dialog up"). */
const BROUGHT_SYSTEMS = /\b(?:stack|stacks|server|servers|service|services|environment|env|cluster|site|simulation|sim|container|containers|instance|instances|vm|vms|node|nodes|app|application|database|db|network|interface|deployment|system)\b/i;

/** A bringing up or a taking down of a system, as the verb it is with its object ("shutdown the whole stack"); else `whole`. */
function broughtAs(whole: string, object: string, particle: string): string {
  if (!BROUGHT_SYSTEMS.test(object)) return whole;
  return `${/^(?:up|online)$/i.test(particle) ? "start" : "shutdown"} ${object.trimEnd()}`;
}

/** "See" as a tool's verb, which findDescriptionVerb takes only after the filler's "to". */
const SEEING: VerbInfo = { verb: "see", category: "read", ambiguous: false };

/**
 * A verb's slot: a third-person verb after "it" or "this" ("it deploys"), a verb after "then" or "by" ("by applying it"),
 * one opening a clause ("; restarts it"), or a participle after "is", "are" or "gets" ("the code is executed"). Not
 * after "and", "that" or "which": "the team calendar and schedule conflicts", "certificates that expire".
 */
const PRONOUN_SUBJECTS = new Set(["it", "this"]);
const PASSIVE_AUXILIARIES = new Set(["is", "are", "gets", "get"]);
const VERB_SLOT = new RegExp(`(?<=(?:\\b(${[...PRONOUN_SUBJECTS, "then", "by", ...PASSIVE_AUXILIARIES].join("|")})|[;:])\\s+)[a-z]+`, "gi");

/**
 * Whether the sentence after `at` states a change in a verb's slot: what the text then does outweighs what it lets the
 * reader see ("Use this to see your changes live: it deploys the branch"). After "by" a word as often a noun counts too.
 */
function changeStatedAfter(head: string, at: number): boolean {
  const rest = head.slice(at, at + 240);
  const stop = rest.search(/[.!?](?:\s|$)|\n/);
  const sentence = stop < 0 ? rest : rest.slice(0, stop);
  for (const m of sentence.matchAll(VERB_SLOT)) {
    const word = m[0].toLowerCase();
    const after = m[1]?.toLowerCase();
    if (after !== undefined && PRONOUN_SUBJECTS.has(after) && !word.endsWith("s")) continue;
    const v = after !== undefined && PASSIVE_AUXILIARIES.has(after) ? PARTICIPLES.get(word) : TEXT_VERBS.get(word);
    if (v && v.category !== "read" && (!v.ambiguous || after === "by")) return true;
  }
  return false;
}

/** After "read", "-only" set false: "Read-Only: false", "read-only: no". */
const READ_ONLY_SET_FALSE = /^[- ]only\s*[:=]\s*(?:false|no)\b/i;
/**
 * A verb's word hyphened to a word that is no verb, particle or conjunction is a modifier ("Change-impact query",
 * "Open-source projects", "End-of-day report"), not the verb; "Search-and-replace", "Append-only", "Fill-in" and
 * "write-cypher" keep theirs. Group 1 is the word after the hyphen.
 */
const HYPHENED_MODIFIER = /^-(?!(?:and|or|in|out|up|down|on|off|over|back|only|first|by|to|all|everything|many|hard|soft|cascade|now|max|force)\b)([a-z]+)\b/i;
/** … and the nouns made of a verb and its particle: a drop-down's options are read, a write-up is a text. */
const PARTICLE_NOUN = /^(?:drop-down|write-up|pop-up|check-up|mark-up|print-out|hand-off)\b/i;
/** A PowerShell cmdlet leading the text ("Remove-Item the given path", "Get-ChildItem for a folder") is its verb. */
const CMDLET = /^[A-Z][a-z]+-[A-Z]/;

/** A straight or curly quotation mark, or a backtick. */
function isQuoteMark(c: number): boolean {
  return c === 34 || c === 39 || c === 96 || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019;
}

/**
 * The verb a description leads with, after labels ("WORKFLOW:", "Step 1 of 4 -") and filler ("Use this tool to");
 * `lower` is the description lower-cased.
 */
function findDescriptionVerb(description: string, lower: string): DescriptionVerbHit | undefined {
  // A text that opens as the question its answer settles has no verb of the tool's: "Whether the validator accepts a
  // config", "Which notes link to this one", "What setup will build from a config" ask after what others do; a question
  // that heads what follows it ("What it does: removes unreachable objects") leaves the verb after its colon.
  if (QUESTION_START.test(lower)) {
    const heading = QUESTION_HEADING.exec(lower);
    return heading ? findDescriptionVerb(description.slice(heading[0].length), lower.slice(heading[0].length)) : undefined;
  }
  // "Dry-run: …", "force-push", "turn on", "power off", "roll back", "zero out" and "check-in" are one word each. Few descriptions say "dry",
  // "force", "turn o", "power ", "roll" or "zero" at all (where "turn" alone is in every "Returns").
  const text = description.length > 400 ? description.slice(0, 400) : description;
  const joined = (lower.includes("dry") || lower.includes("force") || lower.includes("turn o") || lower.includes("roll") || lower.includes("zero") || lower.includes("check") || lower.includes("power ")) && TWO_WORD_VERB.test(text) ? text.replace(TWO_WORD_VERBS, joinTwoWords) : text;
  // … and so is a turning on or off with its object between ("Turn Logitech Litra device(s) on"), and a bringing up or
  // a taking down ("Take the whole stack down": shuts it down).
  const head = lower.startsWith("turn")
    ? joined.replace(TURNED_ON_OFF, (_, object: string, particle: string) => `turn${particle} ${object.trimEnd()}`)
    : lower.startsWith("bring") || lower.startsWith("take")
      ? joined.replace(BROUGHT_UP_DOWN, broughtAs).replace(BROUGHT_UP_DOWN_FIRST, (whole: string, particle: string, object: string) => broughtAs(whole, object, particle))
      : joined;
  let seen = 0;
  let others = 0;
  let at = 0;
  let previous = "";
  let nounPhrase = false;
  let cli = false;
  let firstOther = false;
  let firstOtherAt = 0;
  let articleLead = false;
  while (seen < 24) {
    const token = nextDescriptionWord(head, at);
    if (!token) break;
    const start = token.start;
    at = token.end;
    seen++;
    const before = previous;
    previous = "";
    // The second word read after a first that is no verb: a determiner there makes the first a verb the lexicon lacks
    // ("Wraps a list of nodes"); anything else, a noun phrase.
    if (others === 1 && firstOther && seen === firstOtherAt + 1) nounPhrase = !token.punctuation && !OBJECT_OPENERS.has(head.slice(token.start, token.end).toLowerCase());
    if (token.punctuation) {
      if (others > 0) others++;
      continue;
    }
    if (token.firstDigit) continue;
    // Upper-case labels: "INSPECTION:", "DRIFT CHECK:", but a one-letter "A" is filler.
    if (token.end - start > 1 && token.allCaps) continue;
    const raw = head.slice(start, token.end);
    const word = token.lower ? raw : raw.toLowerCase();
    previous = word;
    if (seen === 1) articleLead = ARTICLES.has(word);
    if (LEADING_FILLER.has(word) || SKIPPED_GENERIC.has(word)) continue;
    // An adverb opening the text says how ("Atomically claim an annotation", "Incrementally reconcile one source").
    if (others === 0 && MANNER_ADVERBS.has(word)) continue;
    // A command line quoted first ("git log --oneline", "docker run -d") leads with its subcommand: the program's
    // name is no word of the text, and a subcommand that shows (log, status, ps) reads there.
    if (others === 0 && CLI_NAMES.has(word)) {
      cli = true;
      continue;
    }
    if (cli && others === 0 && CLI_READ_SUBCOMMANDS.has(word)) return { verb: "show", category: "read", ambiguous: false, joined: [], quote: quoteText(description, 90), object: [], first: true };
    // Asking something to do a thing is doing it: "Asks an application to quit" quits. After other words only where the
    // asked verb's clause runs to the sentence's end with no comma, semicolon or colon: the asking is then the condition
    // of the tool's use ("Use this when the user explicitly asks to mark one task complete"), not a clause another one
    // or a list follows ("When someone asks to deploy the app, this tool returns the checklist").
    if (word === "ask" || word === "asks") {
      const asked = ASKED_TO.exec(head.slice(token.end, token.end + 60));
      if (asked && TEXT_VERBS.has(asked[1]!.toLowerCase()) && (others === 0 || ASKING_ENDS_SENTENCE.test(head.slice(token.end)))) continue;
    }
    // A part of an identifier ("creator_type", "dry_run") names a field, not what the tool does; so does a word quoted
    // alone after words of the text's own (the Mentor "void" inbox), where one it opens with, after filler or an adverb,
    // is its verb ("`kill` a process", 'Forcibly "stop" the VM').
    // … and so does a host's or a file's name ("Grants.gov", "config.yaml").
    const dotted = head.charCodeAt(token.end) === 46 && isLower(head.charCodeAt(token.end + 1));
    if (head.charCodeAt(start - 1) === 95 || head.charCodeAt(token.end) === 95 || dotted || (others > 0 && isQuoteMark(head.charCodeAt(start - 1)) && isQuoteMark(head.charCodeAt(token.end)))) {
      if (++others > 4) return undefined;
      continue;
    }
    // "Read-only" denied or set false ("Not read-only.", "Read-Only: false") is no verb "read"; leading the text as
    // it is, it says what the tool is ("Read-only shell. Runs whitelisted commands"), as a read.
    if (word === "read" && (before === "not" || before === "non" || READ_ONLY_SET_FALSE.test(head.slice(token.end, token.end + 16)))) {
      if (++others > 4) return undefined;
      continue;
    }
    if (head.charCodeAt(token.end) === 45 && others === 0) {
      const after = HYPHENED_MODIFIER.exec(head.slice(token.end, token.end + 24))?.[1]?.toLowerCase();
      const cmdlet = CMDLET.test(head.slice(start, token.end + 2));
      if (!cmdlet && ((after !== undefined && TEXT_VERBS.has(word) && !TEXT_VERBS.has(after)) || PARTICLE_NOUN.test(head.slice(start, start + 12)))) {
        if (++others > 4) return undefined;
        continue;
      }
    }
    // A noun of action leading the text with its object after "of" is the action: "Deletion of a project", "Retrieval of …".
    // "See" is the tool's verb only after the filler's "to" ("Use this to see the pending trades"); leading a text, it
    // sends the reader elsewhere ("See the docs for the flags") and the verb that matters comes later.
    const found = (word === "see" && before === "to" && others === 0 && !changeStatedAfter(head, token.end) ? SEEING : TEXT_VERBS.get(word)) ?? (others === 0 && NOMINALIZED.has(word) && /^\s+of\s/i.test(head.slice(token.end, token.end + 5)) ? NAME_VERBS.get(NOMINALIZED.get(word)!) : undefined);
    // "Queue" is a verb before its article ("Queue a note proposal"), the thing read before anything else ("Queue depth").
    const v = found?.verb === "queue" && !ARTICLE_AFTER.test(head.slice(token.end, token.end + 6)) ? undefined : found;
    // A text that opens with a noun phrase ("Directory listing with size, type and modification time") names what
    // it returns: a word as often a noun further on is one.
    // … and so is a verb's plural or participle there after a preposition or an -ing word ("status of running
    // transcodes"), and a word heading a list ("Server activity log: logins, …").
    if (v && v.category !== "destructive" && ((nounPhrase && (v.ambiguous || (word !== v.verb && (PREPOSITIONS.has(before) || before.endsWith("ing"))))) || (v.ambiguous && head.charCodeAt(token.end) === 58)) && !inVerbList(head, token.end)) {
      if (++others > 4) return undefined;
      continue;
    }
    // An -ing form after other words is how the tool does its work, not what it does ("Optimizes styles by removing
    // unused layers"); leading the text it is the action ("Deleting a file …"), and so it is after "for" or "of"
    // ("Responsible for wiping the cache", "In charge of deleting stale rows") near the start, where further on it is
    // a purpose ("documentation and examples for writing configurations").
    if (v && others > 0 && word.endsWith("ing") && word !== v.verb && !(others <= 2 && /\b(?:for|of)\s+$/i.test(head.slice(Math.max(0, start - 5), start)))) {
      others++;
      if (others > 4) return undefined;
      continue;
    }
    // A verb after "that" or "which" near the start tells of the thing the text opens with, not what the tool does
    // ("Certs that expire within N days", "DAG files that failed to parse").
    if (v && others > 0 && RELATIVE_WORDS.has(before)) {
      if (++others > 4) return undefined;
      continue;
    }
    // After a determiner further on, a verb's word is a noun: "All pipelines with their schedule"; so it is after an
    // article at the start ("A comment with all its replies"), where "This deletes …" keeps its verb.
    // … and so is one right after "one" ("One draft, exactly as it would be posted"), not after a label ("phase one: drop …").
    if (v && (DETERMINERS.has(before) || (before === "one" && ONE_BEFORE.test(head.slice(Math.max(0, start - 4), start)))) && (others > 0 || ARTICLES.has(before))) {
      if (++others > 4) return undefined;
      continue;
    }
    // In a text that opens with an article, a verb's bare word after a word of the phrase is a noun of it ("The
    // flaky-test quarantine ledger"), where the phrase's own verb is inflected ("The server deletes …") or follows
    // a modal or "to" ("The tool can delete …", "The service must update …", "A way to send …"), and a verb right after
    // a colon with its article is a sentence's own ("The Confluence helper: publish the draft page"), where a list
    // there names things ("The user's Today view: focus tasks, proposed todos, …") and a word further on is the
    // phrase's ("The team dashboard: latest update the lead posted").
    if (v && articleLead && others > 0 && word === v.verb && v.category !== "destructive" && !LEADING_FILLER.has(before) && !MODALS.has(before) && !(COLON_BEFORE.test(head.slice(Math.max(0, start - 4), start)) && ARTICLE_AFTER.test(head.slice(token.end, token.end + 6)))) {
      if (++others > 4) return undefined;
      continue;
    }
    if (v) {
      const rest = head.slice(start);
      // The first clause: joined verbs ("Create or update") and the object ("a Kubernetes Pod") live here. A short aside
      // in parentheses does not end it ("Find (semantic search), inspect (view the schema) and dynamically invoke Spaces").
      const clauseSource = rest.includes("(") ? rest.replace(PARENTHESIZED_ASIDE, "") : rest;
      const clauseEnd = clauseSource.slice(0, 160).search(/[.;:\n(]/);
      const clauseText = (clauseEnd >= 0 ? clauseSource.slice(0, clauseEnd) : clauseSource.slice(0, 160)).toLowerCase();
      const clause = new WordReader(clauseText);
      const joined: VerbInfo[] = [];
      let j = 1;
      let w: string | undefined;
      while ((w = clause.at(j)) !== undefined) {
        // … and so is an adverb between a conjunction and the verb it qualifies ("Validate and atomically append").
        if (CONJUNCTIONS.has(w) || (w.endsWith("ly") && !TEXT_VERBS.has(w) && CONJUNCTIONS.has(clause.at(j - 1) ?? "") && TEXT_VERBS.has(clause.at(j + 1) ?? ""))) {
          j++;
          continue;
        }
        // … and the lead verb's own preposition before a conjunction and another verb ("Read from or write to the clipboard").
        if (j === 1 && PREPOSITIONS.has(w) && CONJUNCTIONS.has(clause.at(2) ?? "") && TEXT_VERBS.has(clause.at(3) ?? "")) {
          j++;
          continue;
        }
        const next = TEXT_VERBS.get(w);
        // In a list of actions one may carry its object before the last is named ("List, get details, or cancel runs"):
        // that word is skipped when a conjunction and an unambiguous verb follow it.
        if (!next && j > 1 && joined.length > 0 && CONJUNCTIONS.has(clause.at(j + 1) ?? "") && TEXT_VERBS.get(clause.at(j + 2) ?? "")?.ambiguous === false && listedAfterLead(clauseSource)) {
          j++;
          continue;
        }
        // A word as often a noun joins only inside a list of verbs ("read, write, move or delete files") or before an
        // object of its own ("Get or set a system setting", "Reads or changes a key"), where "posts and comments"
        // stays the object.
        const nextWord = clause.at(j + 1) ?? "";
        // … or right after the leading verb and a conjunction: "get or set wifi settings".
        const paired = j === 2 && CONJUNCTIONS.has(clause.at(1) ?? "");
        // A verb's word right after the leading verb with no comma, slash or conjunction between is the object's
        // modifier ("Return install command …", "List deploy targets"); a list is marked ("Read, write or delete").
        if (next && j === 1 && !listedAfterLead(clauseSource)) break;
        // … and so does the last of a marked list of verbs, after its conjunction ("List, count, or merge tags").
        const closesList = joined.length > 0 && CONJUNCTIONS.has(clause.at(j - 1) ?? "") && listedAfterLead(clauseSource);
        // … and so does one a comma puts in a marked list of verbs, before its conjunction and last verb: "Read, set, or
        // clear the storage" (where "tags" in "Get, search or list tags and labels" is what the last one lists).
        const insideList = CONJUNCTIONS.has(nextWord) && (TEXT_VERBS.get(clause.at(j + 2) ?? "")?.ambiguous === false || (TEXT_VERBS.has(clause.at(j + 2) ?? "") && commaListed(clauseText, w)));
        if (!next || (next.ambiguous && !paired && !closesList && !insideList && !OBJECT_OPENERS.has(nextWord))) break;
        // Ranking joined to a reading lead orders what it reads ("Fetch, summarize and rank news articles").
        joined.push(next.verb === "rank" && !RANKED_RELATIVE.test(clauseText) ? { ...next, category: "read" } : next);
        j++;
      }
      let k = j;
      if (PARTICLES.has(clause.at(k) ?? "")) k++;
      const object: string[] = [];
      while (object.length < 4 && (w = clause.at(k)) !== undefined) {
        if (STOP_WORDS.has(w)) {
          if (object.length > 0) break;
          if (ARTICLES.has(w)) object.push(w);
        } else object.push(w);
        k++;
      }
      // Quote from the start unless the verb comes late (after a long label or preamble).
      const hit: DescriptionVerbHit = { verb: v.verb, category: v.category, ambiguous: v.ambiguous, joined, quote: quoteText(start < 60 ? description : rest, 90), object, first: others === 0 };
      // Resolving something into or to another form looks it up ("Resolve a contact into a phone number"), as does
      // resolving anything but a thing to settle ("Resolve two concepts and return …", not "Resolve merge conflicts").
      if (v.verb === "resolve" && (resolvesInto(clauseText) || !settles(clauseText))) return { ...hit, category: "read" };
      // A report that files one ("Report a bug") or sends it to someone ("Reports user activity to wake the screen") is
      // a change; "Report whether …", "Report the active configuration" answer.
      // A question after the verb may hold a "to" of its own ("… how this machine authenticates to it"): only one
      // to someone or something named sends the report, and an adjective's infinitive ("whether the server is ready to
      // run tools") is none.
      if (v.verb === "report" && (object[0] === "a" || object[0] === "an" || REPORTED_TO.test((ASKED_AFTER_VERB.test(clauseText) ? clauseText.replace(TO_PRONOUN, "") : clauseText).replace(ADJECTIVE_INFINITIVE, "")))) return { ...hit, category: "write" };
      // Extracting into a new thing makes it ("Extract code range to a new function"), where extracting text reads;
      // so does converting into a record of the kind a converted record is ("Convert an estimate into a draft invoice").
      if (v.verb === "extract" && INTO_NEW.test(clauseText)) return { ...hit, category: "write" };
      // A move to the trash or the recycle bin removes the thing from where it was used ("Move a file to the Recycle
      // Bin"): authors mark it destructive, recoverable or not.
      if ((v.verb === "move" || v.verb === "send") && TRASHED.test(clauseText)) return { ...hit, verb: "trash", category: "destructive", ambiguous: false };
      if (v.verb === "convert" && convertsIntoRecord(clauseText)) return { ...hit, category: "write" };
      // "Open" before a bare plural is the adjective ("Open orders at a broker", "Open bounties matching my tags"):
      // all 8 annotated tools whose text leads so are read-only.
      if (v.verb === "open" && word === "open" && BARE_PLURAL.test(object[0] ?? "") && !TEXT_VERBS.has(object[0]!)) return { ...hit, category: "read" };
      // Ranking things orders the answer ("Rank industry sectors by today's change", "Rank up to 10 candidates against a
      // job": 13 of the 14 annotated tools whose text leads so are read-only), where ranking one above another moves it
      // (… nor one joined to a change: "Rank candidates and move the top 5 to the interview stage").
      if (v.verb === "rank" && !RANKED_RELATIVE.test(clauseText) && !joinsChange(clauseText)) return { ...hit, category: "read" };
      return verbForObject(hit, object);
    }
    if (others === 0) {
      firstOther = true;
      firstOtherAt = seen;
    }
    others++;
    if (others > 4) return undefined;
  }
  return undefined;
}
