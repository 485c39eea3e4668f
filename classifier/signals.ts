// Evidence about one tool from its name, description, input schema and siblings; classify.ts weighs it.
// readTool gathers it from the readings of the modules beside it (a name's verb, a description's, the arguments).
import {
  AGENT_ACTS,
  BULK_TOKENS,
  CHANGE_LABEL,
  CODE_TO_RUN,
  COMPOSED_TEXTS,
  COMPOSING_VERBS,
  CONTAINED_RUN_VERBS,
  DESTROYING_OPTION,
  EXECUTE_ELSEWHERE,
  FILE_WRITING_VERBS,
  ARTIFACT_FORMS,
  GENERATED_ARTIFACTS,
  GENERATED_TEXTS,
  GENERATING_VERBS,
  HANDED_ON,
  IDENTITY_STRONG,
  IDENTITY_VERBS,
  IDENTITY_WEAK,
  INFRA_TOKENS,
  IRREVERSIBLE_ELSEWHERE,
  LOADED_INTO,
  MANAGING_VERBS,
  MESSAGE_OBJECTS,
  MONEY_OBJECTS,
  NON_ADDITIVE_VERBS,
  OUTPUT_PATH_PROPERTIES,
  OUTPUT_PLACE_PROPERTIES,
  OVERWRITE_ELSEWHERE,
  OVERWRITE_MODES,
  PERSIST_WORDS,
  READOUT_NOUNS,
  REMOVED_ELSEWHERE,
  RUNNABLE_CODE,
  RUNNABLE_CODE_LEAD,
  SAVED_ELSEWHERE,
  SECRET_ABOUT,
  SECRET_TOKENS,
  SEND_VERBS,
  STATED_CHANGE,
  NOT_READ_ONLY,
  READ_ONLY_MAKERS,
  SIDE_EFFECTFUL,
  CHANGES_ALLOWED_BY,
  WRITE_PERMISSION_NEEDED,
  UPDATING_VERBS,
  SEVERITY,
  WEIGHTS,
} from "./lexicon.js";
import type { Category } from "./taxonomy.js";
import type { ToolInput } from "./tool.js";
import { findInjection, type InjectionFinding } from "./injection.js";
import { noPhrases, scanPhrases, type PhraseHits } from "./phrases.js";
import { listedActions, managedActions } from "./listed-actions.js";
import { readOnlyLimit } from "./query-limit.js";
import { quoteText } from "./quote.js";
import { actRemoval, claimAboutMode, claimNotMade, claimScoped, denyPhrases, dropIdentifierPhrases, dropKeptPermanently, dropPointedElsewhere, getOrCreate, invalidatedPrior, keepsPrior, labelledDestructive, optionalEffect, possibleRemoval, statedRemoval, statedReplacement, statedSave, statedSpend, switchedEffect, wholeReplaced } from "./stated-effects.js";
import { tokenizeName, type NameTokens } from "./tokens.js";
import { FIRST_WORD_ONLY, mostSevere, NAME_VERBS, TEXT_VERBS, type VerbInfo } from "./verb-tables.js";
import { contextOf, type ServerProfile, type SiblingDomain } from "./server-profile.js";
import { agreeWithDescription, findNameVerb, readoutName, type NameVerbHit } from "./name-verb.js";
import {
  articled,
  clauseAfterVerb,
  CONJUNCTIONS,
  descriptionVerbAfterLabel,
  leadsWithChange,
  nounInDescription,
  passiveVerb,
  pluralBeforeOf,
  PREPOSITIONS,
  QUESTION_START,
  STOP_WORDS,
  verbForObject,
  type DescriptionVerbHit,
} from "./description-verb.js";
import { affirmedElsewhere, FOREIGN_LASTING_CHANGES, foreignListed, foreignReadOnlyClaim, OTHER_LANGUAGE_WORD, OTHER_LETTER, statedElsewhere } from "./other-languages.js";
import {
  ARGUMENT_ROLES,
  argumentEffect,
  argumentInjection,
  EFFECT_PREFILTER,
  mostSevereOffered,
  NO_VALUES,
  QUERY_ARGUMENT,
  ROLE,
  schemaProperties,
  SQL_WORD,
  type PropertyView,
} from "./schema-arguments.js";
import { leadsRemoval, removalLeadOutweighs, REMOVE_VERBS, unlinkOf } from "./removals.js";
import { HANDED_BACK_INSTEAD, verbsInTheirSense } from "./verb-senses.js";
import { examinationRun, readOnlyModeRun, queryResultKept, READ_STATEMENTS_LISTED, refusalExcepted, selectRun, writesRefused } from "./reading-runs.js";
import { confirmationAsked, joinedAction, laterSentenceChange, madeIntoFiles, optionalChange, sideEffectListed, switchedChange, writtenAnyway } from "./further-changes.js";

/** One piece of evidence, quoting the text it came from. */
export interface Evidence {
  signal: string;
  source: "name" | "description" | "schema" | "annotations" | "siblings" | "server";
  quote: string;
  weight: number;
}

// "production" as a word of lower-case text, as textWords splits it.
const PRODUCTION_WORD = /(?<![a-z0-9])production(?![a-z0-9])/;

export interface ToolReading {
  tokens: NameTokens;
  /** The input schema's properties, read once for every rule that looks at arguments. */
  properties: readonly PropertyView[];
  nameVerb?: NameVerbHit;
  descriptionVerb?: DescriptionVerbHit;
  /** Name words that are not the verb, conjunctions or namespaces: the object ("pull request review"). */
  object: string[];
  /** Per category, summed weight of the evidence from the tool's own text (no annotations). */
  scores: Record<Category, number>;
  evidence: Evidence[];
  /** Flags for aggravating and other named signals; classify.ts turns them into signal names. */
  phrases: PhraseHits;
  execKind?: "sql" | "command" | "code" | "expression";
  execProperty?: string;
  moneyArgument?: string;
  /** A spend the text states ("Buys a prepaid batch"): never a read (decide()). */
  statedSpend?: string;
  recipientArgument?: string;
  bulkArgument?: string;
  secretArgument?: string;
  fileWrite?: string;
  overwriteArgument?: string;
  /** A switch that deletes on the way (`truncateFirst`, `delete_extra`): the change may destroy. */
  destroyingOption?: string;
  /** The description lower-cased, for the readings made after this one (whether a change keeps what it replaced: hints.ts). */
  lowerDescription: string;
  /** The actions an argument offers (`property` its name), or the description lists for a tool that takes none. */
  operations?: { property?: string; values: readonly string[]; category: Category; value: string; verb: string };
  identityName?: { token: string; strong: boolean };
  secretName?: string;
  moneyObject?: string;
  messageObject?: string;
  bulkName?: string;
  infraName?: string;
  productionMention?: string;
  /** Text aimed at the model, and where: the description or an argument's description. */
  injection?: { finding: InjectionFinding; where: "description" | { argument: string } };
  emptyDescription: boolean;
  /** The tool's own text says little: no description, or neither name nor description has a verb. */
  thin: boolean;
  context: readonly SiblingDomain[];
}

/** An argument's description naming a place on disk: where a destination argument puts a file. */
const LOCAL_PLACE = /\b(?:path|directory|folder|dir|file|filename)\b/i;

function emptyScores(): Record<Category, number> {
  return { read: 0, write: 0, execute: 0, destructive: 0, financial: 0 };
}

/**
 * Words of trading, in their market sense only: a position held at a market price, with its stops, leverage or margin
 * ("at market price", "stop loss", "SL/TP", "leveraged", "isolated margin", "futures position"), not a layout's margin
 * or its mode, a trade-off, a verb's "leverage", a title's "long or short" or a runtime's futures.
 */
const TRADING_TEXT =
  /\b(?:at (?:the )?market(?: price)?|market (?:price|order)s?|stop[- ]loss(?:es)?|take[- ]profits?|sl\/tp|leveraged|\d+x leverage|(?:isolated|cross|initial|maintenance) margin|margin (?:call|ratio|account|requirement|level)s?|perpetuals?|perps?|(?:futures|perpetual|perp|leveraged) positions?|(?:exchange|futures|trading|brokerage) (?:account|contract|pair|platform)s?)\b/;

/** Verbs that make a credential when their object is one: "Generates a new access token", "Creates an API key". */
const CREDENTIAL_MAKING_VERBS = new Set(["create", "generate", "issue", "mint", "rotate", "regenerate", "new"]);

/**
 * A verb as a list of actions says it, with a short verb's -ing form that doubles its last letter ("Supports creating,
 * getting, stopping …"); those forms are not read elsewhere, where they are as often nouns or adjectives ("Running
 * processes", "Shipping rates").
 */
function listedVerb(word: string): VerbInfo | undefined {
  return TEXT_VERBS.get(word) ?? (/([bdgklmnprt])\1ing$/.test(word) ? TEXT_VERBS.get(word.slice(0, -4)) : undefined);
}

/** Whether any evidence weighed toward any category. */
function hasAnyScore(scores: Record<Category, number>): boolean {
  return Math.max(scores.read, scores.write, scores.execute, scores.destructive, scores.financial) > 0;
}

/** Whether the evidence so far reads the tool as a read: what the text then states it changes can outweigh the name. */
function readsMost(scores: Record<Category, number>): boolean {
  return scores.read > 0 && scores.read >= Math.max(scores.write, scores.execute, scores.destructive, scores.financial);
}

/**
 * A run started as a job of its own: a job id handed back, a background or asynchronous run, a queue ("Start a
 * background crawl … Returns a job ID"), a lasting thing it creates ("Creates a persistent audit session"), where a
 * streaming session polled for its results is a reading.
 */
const BACKGROUND_JOB = /\b(?:job[ _-]?ids?|in the background|background (?:job|task|run|crawl|scan|search|analysis)|asynchronous(?:ly)?|queued?|poll (?:with|using|via)|creates? an? (?:persistent|durable|stored|saved|new)\b)\b/;

/**
 * "Start here." or "Call this first" as a sentence of its own opening a text, or with the occasion it is for ("Start here
 * when the conversation is about the work day."): it points the reader to the tool and starts nothing. Not "Start here
 * to discover …" nor "Use this first in a new session to create …", whose verb is the tool's.
 */
const START_HERE = /^(?:start\s+here|(?:call|use)\s+this\s+(?:tool\s+)?first)(?:\s*[.:;!—–-]\s*|\s+(?:when|whenever|if|before|in|for)\b(?:(?!\bto\s)[^.!?:\n]){0,80}[.!?:]+\s+)/i;
/**
 * A print onto a printer, in lower-case text: "Print plain text to the printer via IPP", "print a label on the
 * warehouse label printer", "using the default printer"; not "Print the list of jobs sent to the printer".
 */
const PRINTER = /\bprint(?:s|ing)?\b(?:\s+(?![a-z]+ed\b|sent\b)[^\s.;:!?]+){0,6}?\s+(?:to|on|using|via|with)\s+(?:the |a |an |your |their |its )?(?:[a-z0-9-]+ ){0,2}printer\b/;

/** What a text says of a made thing it hands back only: "It is not saved anywhere". */
const NOT_KEPT = /\b(?:not (?:saved|stored|persisted)|nothing is (?:saved|stored|persisted|created))\b/;

/** Verbs that examine code or SQL they are given without running it (EXPLAIN ANALYZE runs it: analyze is not here). */
const CODE_EXAMINING_VERBS = new Set(["explain", "validate", "lint", "format", "parse", "estimate", "preview", "dryrun", "verify", "tokenize"]);

/**
 * "read-write" (or read/write) in lower-cased text, a mode that writes, or the tool saying it "reads or changes" what it
 * reads (not "never reads or alters", nor the plural of what other tools or queries do: "queries that read and write").
 */
const READ_WRITE = /\bread[- /]write\b|(?<!\b(?:never|not)\s)\b(?:reads|gets|views|queries) (?:or|and|and\/or|&) (?:changes|writes|modifies|updates|edits|alters|deletes|sets)\b/;
/** Words right before a query that say it picks things out: "found via a ", "matching the ", "selected by ". */
const PICKED_BY = /\b(?:via|by|using|matching)\s+(?:an?\s+|the\s+)?$/;

/** Whether the text names `query` (its own words, lower case) as what picks things out (PICKED_BY). */
function pickedBy(lower: string, query: string): boolean {
  const at = lower.indexOf(query);
  return at > 0 && PICKED_BY.test(lower.slice(Math.max(0, at - 16), at));
}

/** Side effects the act comes with, as real, in lower-case text: "with REAL side effects" (not "without", nor what has them). */
const REAL_SIDE_EFFECTS = /\bwith\s+(?:real|actual|live)\s+side[- ]effects\b/;

/** The tool signing or sending a transaction it built: "signs it with the configured keypair", "then signs and submits it". */
const SIGNED_AND_SENT = /\b(?:signs|signing)\s+(?:it|and|with|the)\b|\b(?:sends|submits|broadcasts|executes)\b/;

/** Verbs that keep what they are given: a made thing they update, save or share is kept. */
const STORING_VERBS = new Set("update upsert save store edit modify patch put append persist write share publish".split(" "));
/** … of which a name's verb keeps the made thing even where the description only makes it ("update_day"). */
const KEEPING_VERBS = new Set("update upsert save store persist publish share".split(" "));

/** Words an order arranges, not a purchase: "set_sort_order", "display_order", "move_task_in_order" is no money. */
const ARRANGED = new Set("sort display list column columns tab tabs menu layer layers stack priority field fields item items page pages sequence reading playback folder slide slides section sections block blocks card cards step steps row rows widget widgets sidebar nav in".split(" "));

/** The more dangerous of two arguments' offered operations; the earlier one on a tie. */
function moreSevereOperations(a: ToolReading["operations"], b: ToolReading["operations"]): ToolReading["operations"] {
  return !a || (b && SEVERITY[b.category] > SEVERITY[a.category]) ? b : a;
}

/** All evidence from the tool's own text and its server's other tools. */
export function readTool(tool: ToolInput, profile?: ServerProfile, self = -1, precomputed?: NameTokens): ToolReading {
  const tokens = precomputed ?? tokenizeName(tool.name);
  const scores = emptyScores();
  const evidence: Evidence[] = [];
  const phrases = noPhrases();
  const whole = (tool.description ?? "").trim();
  const description = START_HERE.test(whole) ? whole.replace(START_HERE, "") : whole;
  const emptyDescription = description.length === 0;
  const lowerDescription = emptyDescription ? "" : description.toLowerCase();
  const lowerName = tool.name.toLowerCase();
  // The input schema's arguments, read once for every rule that looks at them.
  const props = schemaProperties(tool.inputSchema);
  // A tool the text names, other than this one and its arguments ("use drive_overwrite_file instead", not "prune_old").
  const anotherTool = (name: string) => name !== lowerName && !props.some((p) => p.name.toLowerCase() === name);
  // Text in another language holds a letter outside ASCII (é, ü, ñ, ã, Cyrillic, kana, a CJK character; not a dash,
  // a curly quote or an emoji) or one of its commonest words: only such text pays for the other languages' patterns,
  // a few microseconds a description otherwise.
  const otherLanguage = !emptyDescription && (OTHER_LETTER.test(description) || OTHER_LANGUAGE_WORD.test(lowerDescription));

  // The description's leading verb first: it tells which of the name's verb-like words is the verb. A description
  // that opens with a known verb of another language is read in it ("Obtiene los datos del …" is no English
  // "del"); otherwise English first, then Chinese and Japanese.
  let dv = emptyDescription ? undefined : (descriptionVerbAfterLabel(description, lowerDescription) ?? passiveVerb(description, lowerDescription));
  if (dv && !dv.first && FIRST_WORD_ONLY.has(dv.verb)) dv = undefined;
  // A readout's name repeated at the description's start ("build_logs", "Build logs of a CI run") is no verb there either,
  // but for an article after it: "Move a list to a different board" moves one (move_list).
  if (dv && dv.ambiguous && dv.first && !articled(dv)) {
    const nameFirst = NAME_VERBS.get(tokens.tokens[tokens.lastSegmentStart] ?? "");
    if (nameFirst?.verb === dv.verb && readoutName(nameFirst, tokens.tokens, tokens.lastSegmentStart, tokens.tokens.length)) dv = undefined;
  }

  // Name: verb and object.
  const nameVerb = findNameVerb(tokens, profile?.verbLast ?? false);
  // A verbless name's noun met again as the description's verb ("console_messages", "All console messages logged by the
  // page so far") is that noun there too, as is a word a noun-phrase description holds ("Chronological log of …").
  if (dv && dv.category !== "destructive" && (dv.ambiguous ? nounInDescription(tokens.tokens, nameVerb, dv, lowerDescription) : !dv.first && pluralBeforeOf(dv, lowerDescription))) dv = undefined;
  let nv = agreeWithDescription(tokens, nameVerb, dv, lowerDescription);
  // A name that opens ("open_files") says the text's "Open files …" is the verb, not the adjective.
  if (dv && dv.verb === "open" && dv.category === "read" && nameVerb?.verb === "open") dv = { ...dv, category: nameVerb.category };
  // A log that ends a name after other words is the log kept ("network_log", "sentinel_event_log"), unless the
  // description logs too ("Logs time spent on a task").
  if (nv && nv.verb === "log" && nv.index > 0 && nv.index === tokens.tokens.length - 1 && dv?.verb !== "log") nv = undefined;
  const object: string[] = [];
  const words = tokens.tokens;
  const objectFrom = nv && nv.position !== "embeds" && nv.index >= tokens.lastSegmentStart ? tokens.lastSegmentStart : 0;
  for (let i = objectFrom; i < words.length; i++) {
    const w = words[i]!;
    if (nv && i === nv.index) continue;
    const v = NAME_VERBS.get(w);
    if (v && nv && nv.joined.includes(v)) continue;
    // The object ends at its first preposition: add_user_to_group → "user".
    if (PREPOSITIONS.has(w) && object.length > 0 && (!nv || i > nv.index)) break;
    if (STOP_WORDS.has(w)) continue;
    object.push(w);
  }
  // The name's verb reads its object in the name and, when the description leads with the same verb, there too: "map"
  // with "Map a website …", convertTodraft with "Convert a regular pull request to draft status"; the name's object
  // first, then the description's, each phrase by its own head.
  if (nv) {
    const own = verbForObject(nv, object);
    nv = own === nv && dv?.verb === nv.verb && dv.object.length > 0 ? verbForObject(nv, dv.object) : own;
  }
  // … and reads it as the description's clause does: "contacts_resolve_message_recipient", "Resolve a contact into a
  // message-ready phone number" looks up.
  if (nv && dv?.verb === nv.verb && dv.first && dv.category !== nv.category && dv.category !== TEXT_VERBS.get(dv.verb)?.category) nv = { ...nv, category: dv.category };
  ({ nv, dv } = verbsInTheirSense(nv, dv, object, lowerName, lowerDescription));
  if (nv) {
    let best: VerbInfo = nv;
    for (const j of nv.joined) best = mostSevere(best, j);
    const weight = nv.position === "embeds" ? WEIGHTS.nameVerbCompound : nv.ambiguous ? WEIGHTS.nameVerbAmbiguous : WEIGHTS.nameVerb;
    scores[best.category] += weight;
    evidence.push({ signal: `verb:${nv.verb}`, source: "name", quote: nv.within ?? tool.name, weight });
    for (const j of nv.joined) evidence.push({ signal: `verb:${j.verb}`, source: "name", quote: tool.name, weight: 0 });
  } else if (!dv && words.length > 1 && READOUT_NOUNS.has(words[words.length - 1]!)) {
    // A name with no verb that ends in a readout ("deployHistory", "pod_logs", "order_details") names what it reads.
    scores.read += WEIGHTS.readoutName;
    evidence.push({ signal: "readout_name", source: "name", quote: tool.name, weight: WEIGHTS.readoutName });
  } else if (!dv && QUESTION_START.test(lowerDescription)) {
    scores.read += WEIGHTS.readoutName;
    evidence.push({ signal: "question_description", source: "description", quote: quoteText(description, 60), weight: WEIGHTS.readoutName });
  }

  // Objects that matter.
  let identityName: ToolReading["identityName"];
  let secretName: string | undefined;
  let moneyObject: string | undefined;
  let messageObject: string | undefined;
  let bulkName: string | undefined;
  let infraName: string | undefined;
  const hasSecretAbout = words.some((w) => SECRET_ABOUT.has(w));
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (IDENTITY_STRONG.has(w) && !identityName?.strong) identityName = { token: w, strong: true };
    else if (IDENTITY_WEAK.has(w) && !identityName) identityName = { token: w, strong: false };
    if (nv && IDENTITY_VERBS.has(nv.verb) && !identityName?.strong) identityName = { token: nv.verb, strong: true };
    // "token" is a secret only as the head word (access_token), not as a modifier (user_token_organization).
    if (!hasSecretAbout && SECRET_TOKENS.has(w) && (w !== "token" && w !== "tokens" ? true : i === words.length - 1)) secretName ??= w;
    if (!hasSecretAbout && (w === "api" || w === "private" || w === "access" || w === "ssh" || w === "secret") && (words[i + 1] === "key" || words[i + 1] === "keys")) secretName ??= `${w} ${words[i + 1]}`;
    if (MONEY_OBJECTS.has(w) && !(nv && i === nv.index) && !(w === "order" && i > 0 && ARRANGED.has(words[i - 1]!))) moneyObject ??= w;
    if (MESSAGE_OBJECTS.has(w)) messageObject ??= w;
    if (BULK_TOKENS.has(w)) bulkName ??= w;
    if (INFRA_TOKENS.has(w)) infraName ??= w;
  }
  // A trading position is money at stake: opening, closing or changing one on a tool whose text trades ("Closes an open
  // position at the market price") moves money, where a window's, a robot's or a job's position is none.
  if (!moneyObject && !emptyDescription && (words.includes("position") || words.includes("positions")) && TRADING_TEXT.test(lowerDescription)) {
    moneyObject = words.includes("position") ? "position" : "positions";
  }

  // Description: leading verb, phrases, injection.
  let injection: ToolReading["injection"];
  let productionMention: string | undefined;
  if (!emptyDescription) {
    if (dv) {
      let best: VerbInfo = dv;
      for (const j of dv.joined) best = mostSevere(best, j);
      const weight = dv.ambiguous && dv.joined.length === 0 ? WEIGHTS.descriptionVerbAmbiguous : WEIGHTS.descriptionVerb;
      scores[best.category] += weight;
      evidence.push({ signal: `description_verb:${dv.verb}`, source: "description", quote: dv.quote, weight });
      for (const j of dv.joined) evidence.push({ signal: `description_verb:${j.verb}`, source: "description", quote: dv.quote, weight: 0 });
    }
    scanPhrases(lowerDescription, phrases);
    dropIdentifierPhrases(lowerDescription, phrases);
    denyPhrases(lowerDescription, phrases);
    dropPointedElsewhere(lowerDescription, phrases, anotherTool);
    dropKeptPermanently(lowerDescription, phrases);
    if (otherLanguage && phrases.overwrite === undefined) phrases.overwrite = affirmedElsewhere(OVERWRITE_ELSEWHERE, description, lowerName);
    phrases.overwrite ??= statedReplacement(lowerDescription) ?? wholeReplaced(lowerDescription) ?? possibleRemoval(lowerDescription, (w) => TEXT_VERBS.has(w));
    // The old thing made useless by a tool that leads with a change ("The old secret stops working immediately").
    if ((nv ?? dv)?.category !== "read") phrases.overwrite ??= invalidatedPrior(lowerDescription);
    // A transaction built unsigned claims nothing when the tool then signs or sends it itself.
    if (phrases.read_only_claim?.includes("unsigned") && SIGNED_AND_SENT.test(lowerDescription)) phrases.read_only_claim = undefined;
    // "Use dryRun: true to preview without making changes" claims nothing for the tool itself, unless it reads anyway.
    const claim = phrases.read_only_claim;
    if (claim !== undefined && (nv ?? dv)?.category !== "read" && claimAboutMode(lowerDescription, claim, dv?.category !== "read")) phrases.read_only_claim = undefined;
    // … nor does one beside "read-write" ("Supports both read-write and read-only queries"): reading is one of its modes.
    else if (claim !== undefined && READ_WRITE.test(lowerDescription)) phrases.read_only_claim = undefined;
    // … nor one beside the real side effects the act comes with ("Execute an unsaved automation's steps with REAL side
    // effects. … Use validate_automation for a side-effect-free check").
    else if (claim !== undefined && lowerDescription.includes("side") && REAL_SIDE_EFFECTS.test(lowerDescription)) phrases.read_only_claim = undefined;
    else if (claim !== undefined) {
      // … nor one set false, limited to one thing a leading change leaves alone (the name's change where the text leads
      // with no verb), or the read-only thing a leading making hands out.
      const leadChanges = dv !== undefined ? leadsWithChange(dv) : nv !== undefined && (nv.category === "write" || nv.category === "destructive");
      const leadMakes = dv !== undefined && leadChanges && READ_ONLY_MAKERS.has(dv.verb);
      if (claimNotMade(lowerDescription, claim, leadChanges, leadMakes)) phrases.read_only_claim = undefined;
    }
    if (lowerDescription.includes("production") && PRODUCTION_WORD.test(lowerDescription)) productionMention = "production";
    // The text as it came (from JSON, a flat string): the scans' character loops run at half speed for the rest of the
    // process once they meet a sliced string such as trim() makes (README, "Throughput"). Whitespace at the ends
    // changes no finding.
    const finding = findInjection(tool.description!);
    if (finding) injection = { finding, where: "description" };
  }
  if (tool.title) {
    // Titles are short; they add phrases (e.g. "read-only") but never a leading verb of their own.
    scanPhrases(tool.title.toLowerCase(), phrases);
  }

  // Input schema.
  let execKind: ToolReading["execKind"];
  let execProperty: string | undefined;
  let moneyArgument: string | undefined;
  let amountIsMoney = false;
  let recipientArgument: string | undefined;
  let bulkArgument: string | undefined;
  let secretArgument: string | undefined;
  let hasContent: string | undefined;
  let hasPath: string | undefined;
  let overwriteArgument: string | undefined;
  let writesOver: string | undefined;
  let destroyingOption: string | undefined;
  let operations: ToolReading["operations"];
  let listed: string[] | undefined;
  let queryLimit: string | undefined;
  let dryRunArgument: string | undefined;
  let outputPath: PropertyView | undefined;
  for (const p of props) {
    const kind = p.exec;
    // An argument limited to listed values ("command": LOG | REFLOG) chooses among the tool's own operations: it is no
    // text to run.
    if (kind && !execKind && p.enumValues.length === 0) {
      // "code" and "expression" are often data (a country code, a filter); they count when described as run.
      const described = /\b(?:run|runs|execute|executes|executed|evaluate|evaluated|eval|shell|sql|script)\b/i.test(p.description);
      if (kind === "sql" || kind === "command" || described) {
        execKind = kind;
        execProperty = p.name;
      }
    }
    // A `query` is SQL when its own description or the start of the tool's says so.
    // (A query given as an object is filter conditions, not SQL text.)
    if ((p.key === "query" || p.key === "queries") && !execKind && p.type !== "object" && (SQL_WORD.test(p.description.toLowerCase()) || SQL_WORD.test(lowerDescription.slice(0, 300)))) {
      execKind = "sql";
      execProperty = p.name;
    }
    // A query argument whose own description limits it to reading ("Must be read-only") runs read queries.
    if (!queryLimit && p.description && QUERY_ARGUMENT.test(p.key)) queryLimit = readOnlyLimit(p.description);
    const roles = ARGUMENT_ROLES.get(p.key) ?? 0;
    if (roles & ROLE.amount) moneyArgument ??= p.name;
    if (roles & ROLE.money) amountIsMoney = true;
    if (roles & ROLE.recipient) recipientArgument ??= p.name;
    if (roles & ROLE.bulk) bulkArgument ??= p.name;
    if (roles & ROLE.secret) secretArgument ??= p.name;
    if (roles & ROLE.content) hasContent ??= p.name;
    if (roles & ROLE.path) hasPath ??= p.name;
    if (roles & ROLE.dryRun) dryRunArgument ??= p.name;
    if ((roles & ROLE.overwrite) || p.enumValues.some((v) => OVERWRITE_MODES.has(v.toLowerCase()))) overwriteArgument ??= p.name;
    // … of which one that offers to write over what is there ("overwrite": true, "if_exists": "overwrite"); a replace is
    // as often a string's replacement or an image's, a truncate a text cut short.
    if (p.key.includes("overwrit") || p.enumValues.some((v) => v.toLowerCase() === "overwrite")) writesOver ??= p.name;
    if (p.type === "boolean" && DESTROYING_OPTION.test(p.key)) destroyingOption ??= p.name;
    if (OUTPUT_PATH_PROPERTIES.has(p.key) || (OUTPUT_PLACE_PROPERTIES.has(p.key) && LOCAL_PLACE.test(p.description ?? ""))) outputPath ??= p;
    // The operations an operation argument offers: its enum, else what the tool's description lists for it ("Actions:
    // list, get, delete") when the argument itself names none.
    // … and so does a command argument limited to listed values: the values are the operations. A tool with two such
    // arguments (`action: get | list` beside `operation: get | delete`) does the most dangerous either offers.
    const selects = (roles & ROLE.operation) !== 0 || (p.exec === "command" && p.enumValues.length > 0);
    const offered = !selects ? NO_VALUES : p.enumValues.length > 0 || p.key === "command" ? p.enumValues : (listed ??= listedActions(description, true));
    if (offered.length > 0) operations = moreSevereOperations(operations, mostSevereOffered(p.name, offered, words, lowerDescription));
  }
  // A tool whose schema lists no arguments takes the actions its description lists ("Dataset ops: list/get/delete").
  if (!operations && props.length === 0 && !emptyDescription) {
    const reads = (nv !== undefined && nv.category === "read") || (dv !== undefined && dv.first && dv.category === "read");
    const offered = listedActions(description, !reads);
    if (offered.length > 0) operations = mostSevereOffered(undefined, offered, words, lowerDescription);
  }
  // A description that says only that the tool manages a thing does what it then lists ("Manage Jira issue links: add,
  // remove, list …", "Manage Box snapshots. Create …, list snapshots, delete them, or restore …"): two items or more,
  // each read by its first verb ("permanently delete notes" deletes); an item with none makes the list no list of actions.
  if (!operations && dv && dv.first && MANAGING_VERBS.has(dv.verb)) {
    // (an item in another language is read by its infinitive, as names spell it, "crear, listar o borrar", or as the
    // English verb of its class, "elenca, crea o elimina")
    const managed = managedActions(description).map((item) => item.map((w) => listedVerb(w) ?? NAME_VERBS.get(w) ?? foreignListed(w)).find((v) => v !== undefined && !MANAGING_VERBS.has(v.verb))?.verb);
    if (managed.length >= 2 && managed.every((v) => v !== undefined)) operations = mostSevereOffered(undefined, managed, words, lowerDescription);
  }
  // Code or SQL given to a name that explains, validates, formats or lints it is what it examines, not what it runs
  // ("explain_query": "UPDATE statements are planned too, but never executed").
  const examinesCode = nv !== undefined && !nv.ambiguous && CODE_EXAMINING_VERBS.has(nv.verb);
  if (examinesCode) execKind = undefined;
  if (execKind) {
    const weight = execKind === "sql" ? WEIGHTS.sqlArgument : WEIGHTS.execArgument;
    scores.execute += weight;
    evidence.push({ signal: execKind === "sql" ? "schema:sql_argument" : `schema:${execKind}_argument`, source: "schema", quote: execProperty!, weight });
  }
  if (moneyArgument && (amountIsMoney || moneyObject)) {
    scores.financial += WEIGHTS.moneyArgument;
    evidence.push({ signal: "schema:amount_argument", source: "schema", quote: moneyArgument, weight: WEIGHTS.moneyArgument });
  }
  let fileWrite: string | undefined;
  if (hasContent && hasPath) {
    fileWrite = `${hasPath} + ${hasContent}`;
    scores.write += WEIGHTS.fileWrite;
    evidence.push({ signal: "schema:file_write", source: "schema", quote: fileWrite, weight: WEIGHTS.fileWrite });
  }
  // An update given the thing's new content replaces what was there (not additive; still a write for policy).
  const updating = nv ?? dv;
  if (hasContent && updating && UPDATING_VERBS.has(updating.verb)) evidence.push({ signal: "replaces_content", source: "schema", quote: hasContent, weight: 0 });
  // … and so does content written to a path, where the name and the description say only that ("Write content to a
  // file", write_file): a file already there is overwritten ("Create a new file" and "Append" say otherwise).
  else if (fileWrite && updating && (!nv || FILE_WRITING_VERBS.has(nv.verb)) && (!dv || FILE_WRITING_VERBS.has(dv.verb))) evidence.push({ signal: "replaces_file", source: "schema", quote: fileWrite, weight: 0 });
  if (operations) {
    const { property, value } = operations;
    evidence.push({ signal: `schema:operation_${operations.category}`, source: property !== undefined ? "schema" : "description", quote: property !== undefined ? `${property}: ${value}` : value, weight: WEIGHTS.operationEnum });
  }

  // SQL that the text says may change data ("Execute INSERT, UPDATE, or DELETE queries") is a statement run, whatever
  // the name calls it ("write_query"); not where the text limits it to reading (and names the statements it refuses).
  if (execKind === "sql" && phrases.mutation !== undefined && phrases.read_only_claim === undefined && !queryLimit) {
    scores.execute += WEIGHTS.mutatingSql;
    evidence.push({ signal: "mutating_sql", source: "description", quote: phrases.mutation, weight: WEIGHTS.mutatingSql });
  }
  if (dryRunArgument) {
    scores.write += WEIGHTS.dryRunArgument;
    evidence.push({ signal: "schema:dry_run_argument", source: "schema", quote: dryRunArgument, weight: WEIGHTS.dryRunArgument });
  }

  // A claim that leaves alone only what it names ("Does not modify the original file") says nothing of the output a
  // tool writes to the path it takes.
  if (outputPath && phrases.read_only_claim !== undefined && claimScoped(lowerDescription, phrases.read_only_claim)) phrases.read_only_claim = undefined;

  // Phrases that weigh toward a category.
  const readOnly = phrases.read_only_claim ?? (otherLanguage ? foreignReadOnlyClaim(description, dv !== undefined && leadsWithChange(dv) && FOREIGN_LASTING_CHANGES.has(dv.verb)) : undefined);
  if (readOnly !== undefined) phrases.read_only_claim = readOnly;
  if (readOnly) {
    scores.read += WEIGHTS.readOnlyClaim;
    evidence.push({ signal: "read_only_claim", source: "description", quote: readOnly, weight: WEIGHTS.readOnlyClaim });
  }
  // A text that labels its own tool destructive ("DESTRUCTIVE. Sends …", "[DESTRUCTIVE] Remove …", "DESTRUCTIVE -
  // requires approval!", "Destructive — frees disk space") is its author's word for what the tool does.
  const selfLabelled = description.includes("DESTRUCTIVE") || description.includes("Destructive") ? labelledDestructive(description, lowerDescription) : undefined;
  const irreversible = phrases.irreversible ?? selfLabelled ?? (otherLanguage ? statedElsewhere(IRREVERSIBLE_ELSEWHERE, description, lowerName) : undefined);
  if (irreversible !== undefined) phrases.irreversible = irreversible;
  if (irreversible) {
    scores.destructive += WEIGHTS.irreversible;
    evidence.push({ signal: "irreversible", source: "description", quote: irreversible, weight: WEIGHTS.irreversible });
  }
  const overwrite = phrases.overwrite ?? (overwriteArgument ? `${overwriteArgument}` : undefined);
  // Overwriting counts as destruction for files (a field "replaced" by an update is an ordinary write), unless the
  // text says what was there is kept ("Data is unchanged; only the layout is rewritten").
  if (overwrite && (fileWrite || words.includes("file") || words.includes("files")) && !keepsPrior(lowerDescription)) {
    scores.destructive += WEIGHTS.overwrite;
    evidence.push({ signal: "overwrite", source: phrases.overwrite !== undefined ? "description" : "schema", quote: overwrite, weight: WEIGHTS.overwrite });
  }
  // An overwrite the description states makes a tool its name calls a read a write ("get_settings … overwrites them
  // with the defaults"): the name does not outweigh what the text says the tool does.
  // So does a save to local storage it states ("Exports the route as GPX and saves it to a local directory").
  // … as a text with no verb to go on does ("take an exposure … FITS is saved to /captures/"), and a reading that makes
  // what it reads when it is missing ("creating an empty one if it doesn't exist").
  const saved =
    readsMost(scores) || !hasAnyScore(scores)
      ? (statedSave(lowerDescription) ?? (otherLanguage ? SAVED_ELSEWHERE.exec(description)?.[0] : undefined) ?? getOrCreate(lowerDescription))
      : undefined;
  if (saved) {
    // What the text says is kept outweighs every reading it also states ("Runs a read-only query and writes its result
    // to the stage location"): the query reads, the tool writes.
    const weight = Math.max(WEIGHTS.statedSave, scores.read - scores.write + 1);
    scores.write += weight;
    evidence.push({ signal: "stated_save", source: "description", quote: saved, weight });
  }
  // So does a load that puts data into a store ("Load a CSV file into a DuckDB table"): an import, not a read.
  const lead = nv && !nv.ambiguous ? nv : (dv ?? nv);
  if (!saved && lead?.verb === "load" && readsMost(scores) && LOADED_INTO.test(description)) {
    scores.write += WEIGHTS.statedSave;
    evidence.push({ signal: "stated_load", source: "description", quote: quoteText(description, 60), weight: WEIGHTS.statedSave });
  }
  // A file it must write outweighs a reading lead too, and so does a job it starts.
  const written = saved || !readsMost(scores) ? undefined : writtenAnyway(tool, lowerName, nv, dv, lowerDescription, outputPath, writesOver);
  if (written) {
    scores.write += WEIGHTS.statedSave;
    evidence.push({ ...written, weight: WEIGHTS.statedSave });
  }
  // … and a second action the first sentence joins to a reading lead ("Fetch unread mail and mark it as read").
  // (Read for a generating lead too: what it makes and then sends or posts is no artifact kept to itself.)
  const readingLead = readsMost(scores);
  const generating = nv && GENERATING_VERBS.has(nv.verb) ? nv.verb : dv && GENERATING_VERBS.has(dv.verb) ? dv.verb : undefined;
  const action = !saved && (readingLead || generating) ? furtherAction(lowerDescription, dv?.first === true) : undefined;
  // A removal so joined is a stated destructive effect, as a switched one is below.
  if (action && readingLead && action.category === "destructive") phrases.destructive_effect ??= action.quote;
  else if (action && readingLead) {
    scores[action.category] += WEIGHTS.joinedAction;
    evidence.push({ signal: "joined_action", source: "description", quote: action.quote, weight: WEIGHTS.joinedAction });
  }
  // An argument switched on for an effect ("Set flush=true to drop all entries", "Pass save=true to store each reflection",
  // "If `policy` is supplied, the current policy is replaced"): the tool does it when asked, so a reading tool with such a
  // switch is not read-only. A removal is a stated one, a replacement an overwrite; any other change weighs as a joined one.
  const switched = readingLead && !action && !saved ? (switchedEffect(lowerDescription, switchedChange) ?? optionalEffect(lowerDescription, optionalChange)) : undefined;
  if (switched) {
    const { effect, quote } = switched;
    if (NON_ADDITIVE_VERBS.has(effect.verb)) phrases.overwrite ??= quote;
    else if (effect.category === "destructive") phrases.destructive_effect ??= quote;
    else {
      scores[effect.category] += WEIGHTS.joinedAction;
      evidence.push({ signal: "switched_action", source: "description", quote, weight: WEIGHTS.joinedAction });
    }
  }
  // A description that opens by sending ("Sends a verification email to the alias") states an effect outside the
  // server, whatever reading verb the name has (verify_send_as): a send is never a read.
  if (dv && dv.first && !dv.ambiguous && SEND_VERBS.has(dv.verb) && readsMost(scores)) {
    scores.write += WEIGHTS.statedSend;
    evidence.push({ signal: "stated_send", source: "description", quote: dv.quote, weight: WEIGHTS.statedSend });
  }
  // … and so does one that opens by making a credential ("Generates a new access token for the service account"):
  // a secret made is kept and valid, whatever reading verb the name has (get_access_token).
  if (dv && dv.first && CREDENTIAL_MAKING_VERBS.has(dv.verb) && dv.object.some((w) => SECRET_TOKENS.has(w)) && readsMost(scores)) {
    scores.write += WEIGHTS.statedSend;
    evidence.push({ signal: "stated_credential", source: "description", quote: dv.quote, weight: WEIGHTS.statedSend });
  }
  // A spend the text states ("Buys a prepaid batch", "the wallet pays within policy"): not weighed here but held for
  // decide(), which keeps a tool it would call a read, by the rules or the model, from being one.
  const spend = statedSpend(lowerDescription);
  // … as it does a text with no verb to go on ("Compresses images in a PDF … the original is replaced").
  if (phrases.overwrite && (readsMost(scores) || !hasAnyScore(scores))) {
    scores.write += WEIGHTS.statedOverwrite;
    evidence.push({ signal: "stated_overwrite", source: "description", quote: phrases.overwrite, weight: WEIGHTS.statedOverwrite });
  }
  const runs = nv?.category === "execute" || dv?.category === "execute";
  const execPhrase = examinesCode
    ? undefined
    : (phrases.execute_phrase ?? (runs ? (CODE_TO_RUN.exec(lowerDescription)?.[0] ?? (otherLanguage ? EXECUTE_ELSEWHERE.exec(description)?.[0] : undefined)) : undefined));
  if (execPhrase) {
    scores.execute += WEIGHTS.executePhrase;
    evidence.push({ signal: "execute_phrase", source: "description", quote: execPhrase, weight: WEIGHTS.executePhrase });
  }
  // A sentence of its own stating the change the tool makes ("CHANGES THE DOCUMENT.", "Changes debugger state."): a
  // change, whatever the lead reads, and the change of a tool with no verb at all.
  const noVerb = !nv && !dv && scores.write + scores.execute + scores.destructive + scores.financial === 0;
  // … and so does a switch that must allow changes before it runs ("Requires VAULT_ALLOW_MUTATE=1"), and printing on a
  // printer ("Print plain text to the printer via IPP"), where printing a value hands it back.
  const printing = nv?.verb === "print" || dv?.verb === "print";
  const stating = !saved && !action && !switched && !execPhrase && (readingLead || noVerb);
  // (A capitals label is quoted as the label; the lower-case statements from their first letter.)
  const label = stating ? CHANGE_LABEL.exec(description)?.[1] : undefined;
  const sideEffect = sideEffectListed(lowerDescription);
  const statedChange = label ?? (stating && sideEffect ? sideEffect.quote : undefined) ?? (stating ? (STATED_CHANGE.exec(lowerDescription) ?? NOT_READ_ONLY.exec(lowerDescription) ?? (lowerDescription.includes("side") ? SIDE_EFFECTFUL.exec(lowerDescription) : null) ?? CHANGES_ALLOWED_BY.exec(lowerDescription) ?? (printing ? PRINTER.exec(lowerDescription) : null))?.[0].replace(/^[^a-z]+/, "") : undefined);
  if (statedChange) {
    scores.write += WEIGHTS.statedChange;
    evidence.push({ signal: "stated_change", source: "description", quote: quoteText(statedChange, 60), weight: WEIGHTS.statedChange });
  }
  // … and so does a confirmation it asks for before it acts ("Converge every server …; requires confirm=true").
  const confirmation = stating && !statedChange ? confirmationAsked(lowerDescription) : null;
  if (confirmation) {
    scores.write += WEIGHTS.statedChange;
    evidence.push({ signal: "confirmation_required", source: "description", quote: confirmation[0].replace(/^[^a-z]+/, ""), weight: WEIGHTS.statedChange });
  }
  // A tool with no verb of its own that hands its task to an agent acting on its own ("employs a browser automation
  // agent", "autonomously execute complex browser tasks", "Agent CLI per bug fixing") runs whatever the agent decides.
  const agentActs = !nv && !dv && !execPhrase ? AGENT_ACTS.exec(lowerDescription)?.[0] : undefined;
  if (agentActs) {
    scores.execute += WEIGHTS.executePhrase;
    evidence.push({ signal: "agent_run", source: "description", quote: agentActs, weight: WEIGHTS.executePhrase });
  }

  // A dangerous effect the text states outweighs a benign name.
  // … also one the description states in passing ("… then removes the raw events"), news only when neither the name
  // nor the description leads with a removal of its own.
  // (EFFECT_PREFILTER read once for both the removals below.)
  let removalCue: boolean | undefined;
  const hasRemovalCue = () => (removalCue ??= EFFECT_PREFILTER.test(lowerDescription));
  if (!phrases.destructive_effect && !leadsRemoval(nv, dv) && hasRemovalCue()) phrases.destructive_effect = statedRemoval(lowerDescription, anotherTool);
  // … and a removal the tool's own act makes ("The default full flash erases the device's /home partition"), where the
  // tool makes that act rather than reads of it ("Checks whether an upgrade is available. The upgrade removes …").
  if (!phrases.destructive_effect && (nv ?? dv)?.category !== "read" && hasRemovalCue()) phrases.destructive_effect = actRemoval(lowerDescription, anotherTool);
  // … and a removal joined to the description's leading verb ("Show or delete a saved view"): the name's reading verb
  // does not outweigh it.
  if (!phrases.destructive_effect && nv?.category === "read" && dv?.first && dv.joined.some((j) => j.category === "destructive" && !j.ambiguous)) phrases.destructive_effect = dv.quote;
  // … and a removal listed among the side effects ("Side effects: deletes local branches gone from the remote").
  if (!phrases.destructive_effect && sideEffect?.category === "destructive") phrases.destructive_effect = sideEffect.quote;
  // Another language's passive deletion is news beside a removal leading too: what "Entfernt den Schüler aus der Kursliste"
  // unlinks, "Seine Abgaben werden gelöscht" deletes.
  if (!phrases.destructive_effect && otherLanguage) phrases.destructive_effect = statedElsewhere(REMOVED_ELSEWHERE, description, lowerName);
  const effect = phrases.destructive_effect ?? argumentEffect(props, profile);
  if (effect) {
    scores.destructive += WEIGHTS.destructiveEffect;
    evidence.push({ signal: "destructive_effect", source: phrases.destructive_effect !== undefined ? "description" : "schema", quote: effect, weight: WEIGHTS.destructiveEffect });
  } else if (removalLeadOutweighs(nv, dv, lowerDescription)) {
    // A description leading with a removal says what a milder verb of the name does ("stop_monitoring": "Deletes a
    // URL watch with its history"; "emergency_stop": "Kill all motors"): the name does not outweigh the text.
    const weight = scores[nv!.category] - scores.destructive + 1;
    if (weight > 0) {
      scores.destructive += weight;
      evidence.push({ signal: "stated_removal_lead", source: "description", quote: dv!.quote, weight });
    }
  }
  // Running a query that the text says only reads (a SELECT, an aggregation) is a read, unless it also says it may change
  // data or keeps the result, or the tool runs a program or a shell command, in which a search query is one thing it could do.
  // … and so is SQL run under another language's read-only claim ("执行只读 SQL 查询": run a read-only SQL query).
  // … and so are the statements the text lists as all it runs ("one SELECT, SHOW, DESCRIBE or EXPLAIN statement"), or
  // the one it names as what it runs ("Execute a SELECT …").
  const readQuery =
    phrases.read_query ??
    queryLimit ??
    (otherLanguage && phrases.read_only_claim !== undefined && (execKind === "sql" || SQL_WORD.test(lowerDescription)) ? phrases.read_only_claim : undefined) ??
    (execKind === "sql" || dv?.category === "execute" ? (READ_STATEMENTS_LISTED.exec(lowerDescription)?.[0] ?? selectRun(description) ?? readOnlyModeRun(lowerDescription)) : undefined);
  // Statements the text names as refused ("INSERT/UPDATE/DELETE and DDL are rejected") are no mutation it may run.
  const refusesWrites = phrases.mutation !== undefined && readQuery !== undefined && writesRefused(description, lowerDescription) && !refusalExcepted(lowerDescription);
  // A query named as what picks the things a leading change works on ("Set the value of an element found via JSONPath
  // selector", "Update the issues matching a JQL query") is not what the tool runs.
  const queryPicksChanged = phrases.read_query !== undefined && dv !== undefined && dv.first && (dv.category === "write" || dv.category === "destructive" || dv.category === "financial") && pickedBy(lowerDescription, phrases.read_query);
  if (readQuery && (!phrases.mutation || refusesWrites) && !effect && !saved && !queryResultKept(lowerDescription) && !queryPicksChanged && execKind !== "code" && execKind !== "command") {
    scores.read += scores.execute + WEIGHTS.readQuery;
    scores.execute = 0;
    evidence.push({ signal: "read_query", source: phrases.read_query !== undefined ? "description" : "schema", quote: readQuery, weight: WEIGHTS.readQuery });
  }
  // Arithmetic on the numbers it is given ("Add two numbers", a: number, b: number) is computed and handed back: the
  // numbers named as what is added and every argument a number (an issue's and a label's ids are not added together).
  if (dv && dv.verb === "add" && dv.object.some((w) => w === "numbers" || w === "integers") && props.length > 0 && props.every((p) => p.type === "number" || p.type === "integer")) {
    scores.read += scores.write + WEIGHTS.examination;
    scores.write = 0;
    evidence.push({ signal: "arithmetic", source: "description", quote: dv.quote, weight: WEIGHTS.examination });
  }
  // Running an examination (a check, a scan, an audit) reports findings and changes nothing, unless the tool takes
  // code to run, its text names code it runs ("Run a Python snippet in the analysis sandbox", "a validation command")
  // or says it may change data.
  // … nor one started as a job of its own ("Start a background crawl … Returns a job ID"): the job is made and kept,
  // nor one that needs leave to write ("Run/execute a report (requires write permission)").
  const run = execKind || execPhrase || phrases.mutation || effect || phrases.overwrite || WRITE_PERMISSION_NEEDED.test(lowerDescription) ? undefined : examinationRun(nv, object, dv, lowerDescription);
  const examination = run && !BACKGROUND_JOB.test(lowerDescription) ? run : undefined;
  if (examination) {
    // What the running verb weighed (run executes, start writes) goes to the reading of what it runs.
    scores.read += scores[examination.runs] + WEIGHTS.examination;
    scores[examination.runs] = 0;
    evidence.push({ signal: "examination", source: examination.source, quote: examination.quote, weight: WEIGHTS.examination });
    // … and, a reading now, a second action its first sentence joins to it is news ("Run a saved search once, save a
    // snapshot"): read above only for a lead that read from the start.
    const joinedLater = action || saved ? undefined : furtherAction(lowerDescription, dv?.first === true);
    // … and so is a change an argument switches on ("Run setup diagnostics. With fix=true, installs the missing skills"),
    // asked here only where a reading lead did not already ask it.
    const switchedLater = joinedLater || action || saved || readingLead ? undefined : switchedEffect(lowerDescription, switchedChange);
    const later = joinedLater ?? (switchedLater && { category: switchedLater.effect.category, quote: switchedLater.quote });
    if (later) {
      // It outweighs the examination's reading, as a joined action outweighs any reading lead.
      const weight = Math.max(WEIGHTS.joinedAction, scores.read - scores[later.category] + 1);
      scores[later.category] += weight;
      evidence.push({ signal: joinedLater ? "joined_action" : "switched_action", source: "description", quote: later.quote, weight });
    } else {
      // … and what the text says is kept, weighed above, still outweighs the examination's reading: a save it states
      // ("Run the linter and write the fixes to the files") or a keeping or sending joined to a reading lead ("Run a
      // fresh security audit on a server and save it"), where marks and highlights are made in what it hands back.
      const kept = saved ? { signal: "stated_save", category: "write" as const } : action && readingLead && keptOrSent(action.verb, lowerDescription) ? { signal: "joined_action", category: action.category } : undefined;
      const weighed = kept && evidence.find((e) => e.signal === kept.signal);
      const lift = kept ? scores.read - scores[kept.category] + 1 : 0;
      if (weighed && lift > 0) {
        scores[kept.category] += lift;
        weighed.weight += lift;
      }
    }
  }
  // Generating a chart, a diagram or a summary from given data changes nothing, unless the text says it is kept.
  if (generating && !effect && !action && !phrases.overwrite && !phrases.irreversible) {
    // … and a text built or composed for another step to use ("Build a cited context pack", "Generate shellcode"), where
    // every verb of the tool composes and nothing says the text is then run, sent or kept ("deploy_payload", "Build
    // the payload and deliver it", "Compose a prompt, which the agent then executes").
    const composes = (v: VerbInfo | undefined) => v === undefined || COMPOSING_VERBS.has(v.verb);
    // (Asked only of a composed text's word: most tools that generate name none.)
    const composing = () => composes(nv) && composes(dv) && (dv?.joined ?? []).every(composes) && !execPhrase && !execKind && !HANDED_ON.test(lowerDescription);
    const made = (w: string) => GENERATED_ARTIFACTS.has(w) || (generating === "generate" && GENERATED_TEXTS.has(w)) || (COMPOSED_TEXTS.has(w) && composing());
    // Whatever is made, the text saying it is not kept ("It is not saved anywhere") makes it handed back only.
    const notKept = NOT_KEPT.test(lowerDescription);
    // A made thing's word joined by a hyphen to the next is that one's modifier ("prompt-guided variations"): its first
    // word after the verb, the object's.
    const modifier = (w: string) => dv !== undefined && new RegExp(`\\b${w}\\b(-[a-z])?`).exec(dv.quote.toLowerCase())?.[1] !== undefined;
    // … and a chart's, a graph's or a summary's word another noun follows is that noun's modifier too: "create_graph_node",
    // "Create a summary template" make a node and a template, where "Generate a Mermaid diagram" and "a summary of the
    // call" make what they name, as do the forms it takes ("a chart image", "diagram markup", "a summary table"; a composed
    // text's word keeps its own reading: "a context pack", "random bytes").
    const heads = (words: readonly string[], i: number) =>
      !GENERATED_ARTIFACTS.has(words[i]!) || i === words.length - 1 || made(words[i + 1]!) || ARTIFACT_FORMS.has(words[i + 1]!) || PREPOSITIONS.has(words[i + 1]!) || CONJUNCTIONS.has(words[i + 1]!) || /(?:ing|ed)$|^given$/.test(words[i + 1]!);
    const artifact =
      object.find((w, i) => made(w) && heads(object, i)) ??
      dv?.object.find((w, i) => made(w) && !modifier(w) && heads(dv.object, i)) ??
      (notKept ? (object[0] ?? dv?.object[0]) : undefined);
    // Creating a link or a URL usually stores it (a short link); generating one only composes it.
    // So does a description that leads with making something else ("Creates an embedded signing session … returns its URL").
    // … and so is a made thing named a file ("Creates a new empty diagram file"), or one the text saves or places on
    // disk ("Generate a boilerplate YAML fixture file in the fixtures directory"), or one written to the output path it
    // takes ("Generate an HTML audit report …", "output_path").
    const stored =
      (artifact !== undefined && /^(?:link|links|url|urls)$/.test(artifact) && generating === "create" && dv?.verb !== "generate") ||
      (generating === "create" && [...object, ...(dv ? clauseAfterVerb(dv.quote) : [])].some((w) => w === "file" || w === "files")) ||
      (dv !== undefined && dv.first && dv.category === "write" && dv.verb !== "generate" && dv.object.length > 0 && !dv.object.some(made)) ||
      (artifact !== undefined && (saved ?? statedSave(lowerDescription)) !== undefined) ||
      written?.signal === "schema:output_path" ||
      written?.signal === "stated_save" ||
      // … and so is one the name's verb updates or stores ("update_day"), or a verb joined to the lead does ("Create or
      // update a daily summary").
      (nv !== undefined && KEEPING_VERBS.has(nv.verb)) ||
      (dv !== undefined && dv.joined.some((j) => STORING_VERBS.has(j.verb))) ||
      // … and so is one the text says becomes files or a pull request ("Creates test files and opens a PR with them").
      madeIntoFiles(lowerDescription);
    if (artifact && !stored && (notKept || !PERSIST_WORDS.test(lowerDescription))) {
      scores.read += WEIGHTS.generatedArtifact;
      evidence.push({ signal: "generated_artifact", source: "name", quote: `${generating} ${artifact}`, weight: WEIGHTS.generatedArtifact });
    }
  }
  // Running what is already there (a build, a launch, a call, a triggered workflow) with no code, command or SQL given
  // to run is contained: an execute for policy, not destructive in the hints (hints.ts), and a feature the model weighs.
  const runVerb = nv?.category === "execute" ? nv.verb : dv?.category === "execute" ? dv.verb : undefined;
  // A package or a binary named to run is code the caller chose ("Run a Node.js package directly"): not contained.
  const runsAnyCode = () => object.some((w) => RUNNABLE_CODE.has(w)) || (dv !== undefined && RUNNABLE_CODE_LEAD.test(dv.quote));
  if (runVerb && CONTAINED_RUN_VERBS.has(runVerb) && !execKind && !execPhrase && scores.execute > 0 && scores.execute >= Math.max(scores.write, scores.destructive) && !runsAnyCode()) {
    evidence.push({ signal: "contained_run", source: runVerb === nv?.verb ? "name" : "description", quote: runVerb, weight: 0 });
  }
  // Removing a link between two things deletes neither.
  const unlink = effect ? undefined : unlinkOf(words, nv, dv, lowerDescription);
  if (unlink) {
    const moved = scores.destructive;
    scores.destructive = 0;
    scores.write += moved;
    evidence.push({ signal: "unlink", source: nv && REMOVE_VERBS.has(nv.verb) ? "name" : "description", quote: unlink, weight: moved });
  }

  // Tool poisoning also hides in argument descriptions.
  for (let i = 0; !injection && i < props.length; i++) {
    const p = props[i]!;
    const finding = p.description ? argumentInjection(p.description, profile) : undefined;
    if (finding) injection = { finding, where: { argument: p.name } };
  }

  const thin = emptyDescription || description.length < 12 || (!nv && !dv);
  const context = profile ? contextOf(profile, self) : [];

  // Every field present, absent ones undefined: readings of one shape keep decide()'s property reads monomorphic.
  return {
    tokens,
    properties: props,
    nameVerb: nv,
    descriptionVerb: dv,
    object,
    scores,
    evidence,
    phrases,
    execKind,
    execProperty,
    moneyArgument,
    statedSpend: spend,
    recipientArgument,
    bulkArgument,
    secretArgument,
    fileWrite,
    // An unnamed argument ("") with an overwrite option counts as no overwrite argument.
    overwriteArgument: overwriteArgument || undefined,
    destroyingOption,
    lowerDescription,
    operations,
    identityName,
    secretName,
    moneyObject,
    messageObject,
    bulkName,
    infraName,
    productionMention,
    injection,
    emptyDescription,
    thin,
    context,
  };
}

/** A change the first sentence joins to its lead, or else one a later sentence says the tool makes. */
function furtherAction(lower: string, opensWithVerb: boolean): ReturnType<typeof joinedAction> {
  return joinedAction(lower, opensWithVerb) ?? laterSentenceChange(lower);
}

/** Verbs of a change joined to an examination that keep or send what it found. */
const KEEPING_OR_SENDING = new Set(["save", "store", "persist", "write", "post", "send", "publish", "upload", "commit", "push"]);

/** Whether a joined action's verb keeps or sends what was found, and the text hands nothing back instead ("in the response"). */
function keptOrSent(verb: string, lower: string): boolean {
  return KEEPING_OR_SENDING.has(verb) && !HANDED_BACK_INSTEAD.test(lower);
}
