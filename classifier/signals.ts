// Evidence about one tool from its name, description, input schema and siblings; classify.ts weighs it.
// Lexicon lookups are compiled once into Maps and Sets at module load, so reading a tool costs a few
// map lookups per word.
import {
  AGENT_ACTS,
  AMBIGUOUS_VERBS,
  AMOUNT_PROPERTIES,
  ARCHIVE_OBJECTS,
  ATTACHED_THINGS,
  AUTOMATIC_ELSEWHERE,
  BE_AS_FACT,
  BULK_PROPERTIES,
  BULK_TOKENS,
  CHANGE_LABEL,
  CJK_VERBS,
  CONFIRMATION_REQUIRED,
  CONFIRMED_BY_PERSON,
  CODE_TO_RUN,
  CONTAINED_RUN_VERBS,
  CONTENT_PROPERTIES,
  CONVERTED_IN_PLACE,
  CURRENCY_PROPERTIES,
  DATA_OBJECTS,
  DESTROYING_OPTION,
  DOMAIN_TOKENS,
  DRY_RUN_PROPERTIES,
  EVALUATED,
  EXAMINATIONS,
  EXAMINING_PURPOSES,
  BEYOND_EXAMINING,
  EXECUTE_ELSEWHERE,
  EXEC_PROPERTIES,
  FILE_OUT_VERBS,
  FILE_WRITING_VERBS,
  FOREIGN_GLOSS,
  FOREIGN_MANAGING_VERBS,
  FOREIGN_NAME_VERBS,
  FOREIGN_VERBS,
  GERMAN_SEPARABLE_VERBS,
  GENERATED_ARTIFACTS,
  GENERATED_TEXTS,
  GENERATING_VERBS,
  IDENTITY_STRONG,
  IDENTITY_VERBS,
  IDENTITY_WEAK,
  IDIOM_WORDS,
  INFRA_TOKENS,
  INPUT_EVENTS,
  IRREVERSIBLE_ELSEWHERE,
  LATER_ELSEWHERE,
  LEADING_FILLER,
  LINK_CONTAINERS,
  LINK_OBJECTS,
  LOADED_INTO,
  LOOKED_UP_OBJECTS,
  MANNER_ADVERBS,
  SETTLED_OBJECTS,
  MANAGING_VERBS,
  MESSAGE_OBJECTS,
  MODALS,
  MONEY_OBJECTS,
  NOMINALIZED,
  NON_ADDITIVE_VERBS,
  NOT_EMBEDDING,
  OPERATION_PROPERTIES,
  OUTPUT_PATH_PROPERTIES,
  OUTPUT_PLACE_PROPERTIES,
  OVERWRITE_ELSEWHERE,
  OVERWRITE_MODES,
  OVERWRITE_WORDS,
  PATH_PROPERTIES,
  PAYEE_PROPERTIES,
  PERSIST_WORDS,
  READOUT_NOUNS,
  READ_ONLY_ELSEWHERE,
  RECIPIENT_PROPERTIES,
  RECORDING_VERBS,
  REHEARSAL_SWITCH,
  REMOVAL_PLACES,
  REMOVED_ELSEWHERE,
  RUNNABLE_CODE,
  RUNNABLE_CODE_LEAD,
  RUNNING_VERBS,
  SAVED_ELSEWHERE,
  SECRET_ABOUT,
  SECRET_PROPERTIES,
  SECRET_TOKENS,
  SEND_VERBS,
  SEVERITY,
  SQL_WORDS,
  STATED_CHANGE,
  NOT_READ_ONLY,
  SIDE_EFFECTS_LISTED,
  SIDE_EFFECTFUL,
  CHANGES_ALLOWED_BY,
  WRITE_PERMISSION_NEEDED,
  WRITING_QUERY_WORDS,
  STATE_NOUNS,
  SURVEYED_OBJECTS,
  SWITCHED_NO_EFFECT,
  SWITCHED_STORES,
  TOOL_NAME,
  UNLINK_VERBS,
  UPDATING_VERBS,
  VERBS,
  VIEWED_OBJECTS,
  WEIGHTS,
  type Domain,
} from "./lexicon.js";
import type { Category } from "./taxonomy.js";
import type { ToolInput } from "./tool.js";
import { findInjection, type InjectionFinding } from "./injection.js";
import { findPhrase, noPhrases, scanPhrases, type PhraseHits } from "./phrases.js";
import { leadingLabel } from "./leading-label.js";
import { listedActions, managedActions } from "./listed-actions.js";
import { readOnlyLimit } from "./query-limit.js";
import { quoteText } from "./quote.js";
import { actRemoval, claimAboutMode, claimNotMade, deniedAt, denyPhrases, dropIdentifierPhrases, dropKeptPermanently, dropPointedElsewhere, getOrCreate, invalidatedPrior, keepsPrior, labelledDestructive, optionalEffect, possibleRemoval, statedLocalFile, statedRemoval, statedReplacement, statedSave, switchedEffect, wholeReplaced } from "./stated-effects.js";
import { leadingWords, tokenizeName, WordReader, type NameTokens } from "./tokens.js";

/** One piece of evidence, quoting the text it came from. */
export interface Evidence {
  signal: string;
  source: "name" | "description" | "schema" | "annotations" | "siblings" | "server";
  quote: string;
  weight: number;
}

export interface VerbInfo {
  verb: string;
  category: Category;
  ambiguous: boolean;
}

// ---- compiled lexicon -------------------------------------------------------------------------

const NAME_VERBS = new Map<string, VerbInfo>();
const TEXT_VERBS = new Map<string, VerbInfo>();

function inflections(verb: string): string[] {
  const forms = [verb];
  if (/(?:s|sh|ch|x|z|o)$/.test(verb)) forms.push(`${verb}es`);
  else if (/[^aeiou]y$/.test(verb)) forms.push(`${verb.slice(0, -1)}ies`);
  else forms.push(`${verb}s`);
  if (/[^aeiou]e$/.test(verb) && verb.length > 2) forms.push(`${verb.slice(0, -1)}ing`);
  else forms.push(`${verb}ing`);
  return forms;
}

for (const [category, words] of Object.entries(VERBS) as [Category, string][]) {
  for (const verb of words.split(/\s+/)) {
    if (!verb) continue;
    const info: VerbInfo = { verb, category, ambiguous: AMBIGUOUS_VERBS.has(verb) };
    NAME_VERBS.set(verb, info);
    for (const form of inflections(verb)) if (!TEXT_VERBS.has(form) || form === verb) TEXT_VERBS.set(form, info);
  }
}
// "un" before a destructive verb undoes it (untrash, unremove): it restores, a write. Listed words keep their own class.
for (const verb of VERBS.destructive.split(/\s+/)) {
  if (!verb || NAME_VERBS.has(`un${verb}`)) continue;
  const info: VerbInfo = { verb: `un${verb}`, category: "write", ambiguous: false };
  NAME_VERBS.set(info.verb, info);
  for (const form of inflections(info.verb)) if (!TEXT_VERBS.has(form)) TEXT_VERBS.set(form, info);
}
// Other languages' verbs in names stand for their English sense where it matters (a cancel, a replace); English keeps its own.
for (const [category, words] of Object.entries(FOREIGN_NAME_VERBS) as [Category, string][]) {
  for (const w of words.split(/\s+/)) if (w && !NAME_VERBS.has(w)) NAME_VERBS.set(w, { verb: FOREIGN_GLOSS[w] ?? w, category, ambiguous: false });
}
// "news" is no form of "new".
TEXT_VERBS.delete("news");
/**
 * "del" past a description's first word is Spanish or Italian "of the" far more often than a delete; "issue" leading
 * one is issued ("Issue a refund", "Issues a billing key"), and is a ticket anywhere else.
 */
const FIRST_WORD_ONLY = new Set(["del", "issue"]);
for (const form of ["issue", "issues"]) TEXT_VERBS.set(form, { verb: "issue", category: "write", ambiguous: true });

/** Past participles of the lexicon's verbs ("created", "dropped", "sent"): what a passive description says is done. */
const PARTICIPLES = new Map<string, VerbInfo>();
const IRREGULAR_PARTICIPLES: Record<string, string> = {
  send: "sent", write: "written", rewrite: "rewritten", overwrite: "overwritten", make: "made", build: "built", rebuild: "rebuilt",
  run: "run", rerun: "rerun", put: "put", set: "set", show: "shown", find: "found", undo: "undone", redo: "redone",
  withdraw: "withdrawn", bind: "bound", forget: "forgotten", hide: "hidden", broadcast: "broadcast", sell: "sold", buy: "bought",
  pay: "paid", read: "read", get: "gotten", tear: "torn", shred: "shredded",
};
for (const [verb, info] of NAME_VERBS) {
  const irregular = IRREGULAR_PARTICIPLES[verb];
  const forms = irregular ? [irregular] : verb.endsWith("e") ? [`${verb}d`] : /[^aeiou]y$/.test(verb) ? [`${verb.slice(0, -1)}ied`] : [`${verb}ed`, `${verb}${verb.at(-1)}ed`];
  for (const form of forms) if (!PARTICIPLES.has(form)) PARTICIPLES.set(form, info);
}
// "… is used", "… is needed": participles of no effect.
for (const w of ["used", "set"]) PARTICIPLES.delete(w);
// The passive a description may lead with ("An issue is created in the project", "The table is dropped"); after a
// modal or "to", "be" says what could or should happen ("whether it can be deleted"), not what does.
const PASSIVE = new RegExp(`\\b(?:is|are|will be|gets|get|${BE_AS_FACT}|has been|have been)\\s+(?:then\\s+|also\\s+|permanently\\s+|automatically\\s+|immediately\\s+)?([a-z]+)\\b`);

/**
 * A word opening a condition: a passive after it in the same clause says when, not what happens ("only when no
 * browser tool is installed"), where one after the condition's comma does ("When called, a snapshot is created").
 */
const CONDITION = /\b(?:when|whenever|if|unless|until|once|whether)\s/;

/** The verb of a first sentence in the passive voice, when the description leads with no verb of its own. */
function passiveVerb(description: string, lower: string): DescriptionVerbHit | undefined {
  // A question's passive asks after a state ("How many memories are stored"), not what the tool does.
  if (QUESTION_START.test(lower)) return undefined;
  const head = lower.slice(0, 200);
  const end = head.search(/[.!?\n]/);
  const sentence = end < 0 ? head : head.slice(0, end);
  const m = PASSIVE.exec(sentence);
  const v = m ? PARTICIPLES.get(m[1]!) : undefined;
  // … nor does one in a condition ("Use these tools only when no browser tool is installed").
  if (!v || deniedAt(lower, m!.index) || CONDITION.test(sentence.slice(0, m!.index).split(",").at(-1)!)) return undefined;
  return { verb: v.verb, category: v.category, ambiguous: v.ambiguous, joined: [], quote: quoteText(description, 90), object: [], first: false };
}
// Descriptions begin "Returns …" far more often than names do; it reads.
TEXT_VERBS.set("returns", { verb: "return", category: "read", ambiguous: false });
TEXT_VERBS.set("return", { verb: "return", category: "read", ambiguous: false });
// Generic verbs that say nothing about the effect ("Perform write operations", "Manage …") are skipped or weak.
TEXT_VERBS.set("manage", { verb: "manage", category: "write", ambiguous: true });
TEXT_VERBS.set("manages", { verb: "manage", category: "write", ambiguous: true });
NAME_VERBS.set("manage", { verb: "manage", category: "write", ambiguous: true });
NAME_VERBS.set("handle", { verb: "handle", category: "write", ambiguous: true });
// A name's "management" or "manager" manages its thing (`users_management`, `file_manager`): as often a noun, like manage.
for (const noun of ["management", "manager"]) NAME_VERBS.set(noun, { verb: "manage", category: "write", ambiguous: true });
// A description that opens with "Report" tells what it answers ("Report whether the bridge is connected", "Report the
// active configuration"): every one of 34 real tools that declare hints for such a text is read-only. In a name a report
// is as often filed (report_bug) or a thing (report_list); one filed or sent in the text is a change (findDescriptionVerb).
for (const form of inflections("report")) TEXT_VERBS.set(form, { verb: "report", category: "read", ambiguous: true });
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
// A queue a description leads with adds to one ("Queue a Knowledge proposal for review"); in a name it is as often
// the thing read (queue_depth, my_queue), and so it is in a text without its article (findDescriptionVerb).
for (const form of inflections("queue")) TEXT_VERBS.set(form, { verb: "queue", category: "write", ambiguous: true });

export function nameVerb(word: string): VerbInfo | undefined {
  return NAME_VERBS.get(word);
}

const DOMAIN_OF = new Map<string, Domain[]>();
for (const [domain, words] of Object.entries(DOMAIN_TOKENS) as [Domain, string][]) {
  for (const w of words.split(/\s+/)) {
    if (!w) continue;
    const list = DOMAIN_OF.get(w) ?? [];
    list.push(domain);
    DOMAIN_OF.set(w, list);
  }
}

/**
 * What an argument's name says it carries; one lookup in ARGUMENT_ROLES gives all of them. `money`: what says an amount
 * is money, a currency or someone it is paid to.
 */
const ROLE = { amount: 1, money: 2, recipient: 4, bulk: 8, secret: 16, content: 32, path: 64, overwrite: 128, operation: 256, dryRun: 512 } as const;
const ARGUMENT_ROLES = new Map<string, number>();
for (const [role, names] of [
  [ROLE.amount, AMOUNT_PROPERTIES],
  [ROLE.money, CURRENCY_PROPERTIES],
  [ROLE.money, PAYEE_PROPERTIES],
  [ROLE.recipient, RECIPIENT_PROPERTIES],
  [ROLE.bulk, BULK_PROPERTIES],
  [ROLE.secret, SECRET_PROPERTIES],
  [ROLE.content, CONTENT_PROPERTIES],
  [ROLE.path, PATH_PROPERTIES],
  [ROLE.overwrite, OVERWRITE_WORDS],
  [ROLE.operation, OPERATION_PROPERTIES],
  [ROLE.dryRun, DRY_RUN_PROPERTIES],
] as const) {
  for (const name of names) ARGUMENT_ROLES.set(name, (ARGUMENT_ROLES.get(name) ?? 0) | role);
}

type ExecKind = (typeof EXEC_PROPERTIES)[string];
// A Map rather than the lexicon's object: own keys only (an argument named "constructor" or "__proto__" runs
// nothing), and one lookup instead of a hasOwn check and a read.
const EXEC_KIND = new Map<string, ExecKind>(Object.entries(EXEC_PROPERTIES));

// Arguments that carry a query or a statement to run: query, sql, cypher_query, sql_statement …
const QUERY_ARGUMENT = /(?:^|_)(?:query|queries|sql|cypher|statement|statements)$/;
// A word of SQL_WORDS in lower-case text, as textWords splits it.
const SQL_WORD = new RegExp(`(?<![a-z0-9])(?:${[...SQL_WORDS].join("|")})(?![a-z0-9])`);
// "production" as a word of lower-case text, as textWords splits it.
const PRODUCTION_WORD = /(?<![a-z0-9])production(?![a-z0-9])/;
const STOP_WORDS = new Set("a an the to from in of for by with on and or into at as is its via".split(" "));
const CONJUNCTIONS = new Set(["or", "and"]);
const PREPOSITIONS = new Set("to from in of for by with on into at via".split(" "));
const PARTICLES = new Set(["down", "up", "out", "off", "over"]);
const ARTICLES = new Set(["a", "an", "the"]);
/** What follows "ask" when it asks someone to do a thing: one to three words, "to", the verb. */
const ASKED_TO = /^\s+(?:[\p{L}\p{N}'-]+\s+){1,3}to\s+([\p{L}]+)/u;
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
const DETERMINERS = new Set(["the", "a", "an", "their", "its", "your", "my", "our", "his", "her", "this", "these", "those", "each", "every", "any", "some", "no", "last", "next"]);
/** "one" and a space, right before a word. */
const ONE_BEFORE = /one\s$/i;
/** Words that open a verb's object: a word as often a noun before one is a verb ("or set a system setting"). */
const OBJECT_OPENERS = new Set(["a", "an", "the", "its", "their", "one", "any", "all", "your", "this"]);

// ---- siblings ---------------------------------------------------------------------------------

/** A domain the server's other tools (or its own description) establish, with up to three of those tools. */
export interface SiblingDomain {
  domain: Domain;
  examples: readonly string[];
  server: boolean;
}

/** What a server's tools and description say about its domain, computed once per server. */
export interface ServerProfile {
  names: NameTokens[];
  /** Per tool, the domains its own name votes for. */
  toolVotes: Domain[][];
  /** Each domain some tool votes for, in order of its first vote, with its voters' indexes in order. */
  votes: { domain: Domain; voters: number[]; server: boolean }[];
  /** Domains the server's own name or description names that no tool votes for. */
  serverOnly: Domain[];
  toolNames: string[];
  /** The siblings of a tool that votes for no domain: every voter is its sibling, so all such tools share this. */
  commonContext: readonly SiblingDomain[];
  /** The server names its tools object first, verb last (message_get, draft_create): see verbLastConvention. */
  verbLast: boolean;
  /**
   * What each argument description read so far holds (null: no injection). A server repeats its argument
   * descriptions from tool to tool (a third of their text in the corpus), so each is scanned once.
   */
  argumentInjections: Map<string, InjectionFinding | null>;
  /** Whether each argument description read so far holds a word of a stated removal (EFFECT_PREFILTER). */
  argumentEffectCues: Map<string, boolean>;
}

/** The domains a name's words vote for, in the order they first appear. */
function toolDomains(tokens: readonly string[]): Domain[] {
  const found: Domain[] = [];
  let weakIdentity = 0;
  for (const t of tokens) {
    const ds = DOMAIN_OF.get(t);
    if (ds) for (const d of ds) if (!found.includes(d)) found.push(d);
    if (IDENTITY_WEAK.has(t)) weakIdentity++;
  }
  // "add_user_to_group": two weak identity words together are membership management.
  if (weakIdentity >= 2 && !found.includes("identity")) found.push("identity");
  return found;
}

/** Words that name a language or a shell as often as they say to run one: a server's shared prefix of them is its name. */
const RUNNER_NAMES = new Set(["bash", "shell", "sql", "cypher", "graphql", "script", "command"]);

/** The share of the names a verb's word opens that must have a verb next for the word to be a namespace. */
const NAMESPACE_VERB_SHARE = 0.8;

/**
 * A server's names with a shared first word made a namespace, as "github." is one, so each tool's verb is read from
 * the rest: a runner's name (`bash_read_file`, `bash_list_files`, …) opening most of three tools or more, the runner
 * then the verb only where the rest has none; a reading or writing verb's word the server is named for opening most of
 * them (`ocr_cluster_merge` on ocr-provenance-mcp, `remember_search_memory` on remember-mcp), never the verb; and a verb's
 * word that another verb follows in nearly every name it opens (`trash_get_profile`, `trash_list_formats`,
 * `trash_compare_naming`: the TRaSH guides, not a removal), when three names or more share it and two different plain
 * verbs follow it (three after a reading verb: `get_crawl_summary` gets). A verb's own names ("delete_user",
 * "purge_cache") go on with their object. Any other word opening most of the names stays where it is, but no verb is
 * read inside it (`domshell_tabs`: DOMShell's "shell" runs nothing).
 */
function namespacedByServer(names: NameTokens[], serverNameWords: readonly string[]): NameTokens[] {
  if (names.length < 3) return names;
  const first = names[0]!.tokens[0];
  const opens = (n: NameTokens, word: string) => n.lastSegmentStart === 0 && n.tokens.length > 1 && n.tokens[0] === word;
  const opensMost = first !== undefined && names.filter((n) => opens(n, first)).length >= names.length * 0.8;
  if (opensMost && RUNNER_NAMES.has(first)) return names.map((n) => (opens(n, first) ? { tokens: n.tokens, lastSegmentStart: 1 } : n));
  const firstVerb = first !== undefined ? NAME_VERBS.get(first) : undefined;
  if (opensMost && !firstVerb) return names.map((n) => (opens(n, first) ? { ...n, serverWord: true } : n));
  // A verb's word the server is named for stands for the server, not what its tools do, unless it is a run or worse.
  if (opensMost && firstVerb && SEVERITY[firstVerb.category] <= SEVERITY.write && serverNameWords.includes(first)) {
    return names.map((n) => (opens(n, first) ? { tokens: n.tokens, lastSegmentStart: 1, serverWord: true } : n));
  }
  type Prefix = { names: number; verbNext: number; verbs: Set<string>; getterNext: boolean };
  const prefixes = new Map<string, Prefix>();
  for (const n of names) {
    const word = n.tokens[0]!;
    if (n.lastSegmentStart !== 0 || n.tokens.length < 2 || !NAME_VERBS.has(word)) continue;
    const entry = prefixes.get(word) ?? { names: 0, verbNext: 0, verbs: new Set<string>(), getterNext: false };
    prefixes.set(word, entry);
    entry.names += 1;
    const next = NAME_VERBS.get(n.tokens[1]!);
    if (next) entry.verbNext += 1;
    if (GETTER_VERBS.has(n.tokens[1]!)) entry.getterNext = true;
    // A verb's word ending the name is as often the opening verb's object ("create_purchase", "update_estimate"): only
    // one an object follows counts.
    if (next && !next.ambiguous && n.tokens.length > 2) entry.verbs.add(next.verb);
  }
  // Nearly every name the word opens has a verb next: a name of the namespace without one ("store_bulk_add_to_cart") does
  // not undo it. A reading verb that is never a noun needs three different verbs after it, for its objects are often
  // verbs' words too ("get_crawl_summary", "get_link_graph" get; "list_add_member", "list_create_segment" are a list's).
  // A destructive verb's word stays a removal unless every name it opens has a verb next ("delete_scan_results" deletes).
  // One with names that have no verb next holds a getter of its own ("store_get_company"): "enable_scan_alerts" and
  // "enable_audit_log" are two things enabled, "get_upload_url" and "get_deploy_logs" two things got.
  const namespaces = ([word, e]: [string, Prefix]) => {
    const verb = NAME_VERBS.get(word)!;
    const share = verb.category === "destructive" ? 1 : NAMESPACE_VERB_SHARE;
    return e.names >= 3 && (e.verbNext === e.names || e.getterNext) && e.verbNext >= e.names * share && e.verbs.size >= (verb.category === "read" && !verb.ambiguous ? 3 : 2);
  };
  const shared = new Set([...prefixes].filter(namespaces).map(([word]) => word));
  if (shared.size === 0) return names;
  return names.map((n) => (opens(n, n.tokens[0]!) && shared.has(n.tokens[0]!) ? { tokens: n.tokens, lastSegmentStart: 1 } : n));
}

export function buildProfile(context: { name: string; description?: string | undefined; tools: readonly ToolInput[] }): ServerProfile {
  const serverNameWords = tokenizeName(context.name ?? "").tokens;
  const names = namespacedByServer(
    context.tools.map((t) => tokenizeName(t.name)),
    serverNameWords,
  );
  const toolVotes = names.map((n) => toolDomains(n.tokens));
  const serverWords = [...serverNameWords, ...leadingWords(context.description ?? "", 60)];
  const serverDomains = toolDomains(serverWords);
  const votes: ServerProfile["votes"] = [];
  toolVotes.forEach((domains, i) => {
    for (const domain of domains) {
      const entry = votes.find((v) => v.domain === domain);
      if (entry) entry.voters.push(i);
      else votes.push({ domain, voters: [i], server: serverDomains.includes(domain) });
    }
  });
  const serverOnly = serverDomains.filter((d) => !votes.some((v) => v.domain === d));
  const profile: ServerProfile = { names, toolVotes, votes, serverOnly, toolNames: context.tools.map((t) => t.name), commonContext: [], verbLast: verbLastConvention(names), argumentInjections: new Map(), argumentEffectCues: new Map() };
  profile.commonContext = siblingDomains(profile, -1);
  return profile;
}

/** Names that settle a server's convention before it is trusted: a few tools do not make a habit. */
const CONVENTION_MIN_NAMES = 3;

/**
 * Whether a server puts the verb last (messages_list, file_update, attachment_get): among its names with a known
 * verb either only at the end or only before it, at least CONVENTION_MIN_NAMES end with it and more than twice as
 * many end with it as not. Such a server's draft_get gets ("draft" is its object), where create_draft creates.
 */
function verbLastConvention(names: readonly NameTokens[]): boolean {
  let before = 0;
  let last = 0;
  for (const { tokens } of names) {
    if (tokens.length < 2) continue;
    const ends = NAME_VERBS.has(tokens[tokens.length - 1]!);
    let earlier = false;
    for (let i = 0; i < tokens.length - 1 && !earlier; i++) earlier = NAME_VERBS.has(tokens[i]!);
    if (earlier && !ends) before++;
    else if (ends && !earlier) last++;
  }
  return last >= CONVENTION_MIN_NAMES && last > 2 * before;
}

/** Domains the *other* tools (and the server's own text) establish, with up to three example siblings each. */
function siblingDomains(profile: ServerProfile, self: number): SiblingDomain[] {
  const out: SiblingDomain[] = [];
  const own = self >= 0 ? profile.toolVotes[self]! : [];
  for (const { domain, voters, server } of profile.votes) {
    const others = own.includes(domain) ? voters.length - 1 : voters.length;
    if (others >= 2 || (others >= 1 && server)) {
      const examples: string[] = [];
      for (let k = 0; k < voters.length && examples.length < 3; k++) if (voters[k] !== self) examples.push(profile.toolNames[voters[k]!]!);
      out.push({ domain, examples, server });
    }
  }
  for (const domain of profile.serverOnly) out.push({ domain, examples: [], server: true });
  return out;
}

/** The sibling domains of tool `self` (-1: a tool outside the list); work per tool does not grow with the server. */
function contextOf(profile: ServerProfile, self: number): readonly SiblingDomain[] {
  return self >= 0 && profile.toolVotes[self]!.length > 0 ? siblingDomains(profile, self) : profile.commonContext;
}

// ---- reading one tool -------------------------------------------------------------------------

export type NameVerbPosition = "begins" | "ends" | "contains" | "embeds";

export interface NameVerbHit extends VerbInfo {
  position: NameVerbPosition;
  /** The whole word the verb was found in, when it was embedded ("tfdeploy"). */
  within?: string;
  /** Other verbs joined to it by "or"/"and" (get_or_create). */
  joined: VerbInfo[];
  index: number;
}

export interface DescriptionVerbHit extends VerbInfo {
  joined: VerbInfo[];
  /** The description from its leading verb on, for quoting. */
  quote: string;
  /** Up to four words after the verb: the object, when the name has none. */
  object: string[];
  /** The verb is the description's first word (after a label or filler): "Drop the table", not "… drop-down". */
  first: boolean;
}

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

/** An argument's description naming a place on disk: where a destination argument puts a file. */
const LOCAL_PLACE = /\b(?:path|directory|folder|dir|file|filename)\b/i;

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

function emptyScores(): Record<Category, number> {
  return { read: 0, write: 0, execute: 0, destructive: 0, financial: 0 };
}

function mostSevere(a: VerbInfo, b: VerbInfo): VerbInfo {
  return SEVERITY[b.category] > SEVERITY[a.category] ? b : a;
}

/** Verbs joined to the one at position i by "or"/"and" ("get_or_create", "create_and_or_update"). */
function joinedAfter(words: readonly string[], i: number, to: number): VerbInfo[] {
  const joined: VerbInfo[] = [];
  let j = i + 1;
  while (j + 1 < to && CONJUNCTIONS.has(words[j]!)) {
    while (j + 1 < to && CONJUNCTIONS.has(words[j]!)) j++;
    const v = NAME_VERBS.get(words[j]!);
    if (!v) break;
    if (!inIdiom(words, j)) joined.push(v);
    j++;
  }
  return joined;
}

function nameHit(v: VerbInfo, position: NameVerbPosition, index: number, joined: VerbInfo[], within?: string): NameVerbHit {
  // Fields copied by name: spreading the lexicon entry here once took a fifth of the classifier's time.
  const hit: NameVerbHit = { verb: v.verb, category: v.category, ambiguous: v.ambiguous, position, joined, index };
  if (within) hit.within = within;
  return hit;
}

/** The verb of words[from, to) by findNameVerb's precedence, if any. */
function verbInRange(words: readonly string[], from: number, to: number, verbLast: boolean): NameVerbHit | undefined {
  const hit = verbByPosition(words, from, to, verbLast);
  // A name whose only verb is written as two words: turn_on, roll_back, zero_out.
  if (!hit) return pairInRange(words, from, to);
  if (hit.category === "destructive" || hit.joined.some((j) => j.category === "destructive")) return hit;
  // A destructive verb anywhere in the name wins over a milder one before it ("list-prune", "get_and_delete"):
  // when a name could be read either way, assume the worse.
  for (let i = from; i < to; i++) {
    const v = NAME_VERBS.get(words[i]!);
    // A place named after removal beside another verb is that verb's object: list_trash, trash_restore.
    const readPlace = REMOVAL_PLACES.has(words[i]!);
    if (v && !v.ambiguous && v.category === "destructive" && i !== hit.index && !inIdiom(words, i) && !readPlace) return nameHit(v, i === from ? "begins" : i === to - 1 ? "ends" : "contains", i, joinedAfter(words, i, to));
    // … and one written as two words: force_push, tear_down, clean_up.
    const pair = i + 1 < to ? pairVerb(words, i) : undefined;
    if (pair && pair.category === "destructive") return nameHit(pair, i === from ? "begins" : i + 1 === to - 1 ? "ends" : "contains", i + 1, joinedAfter(words, i + 1, to));
  }
  // A reading verb beside a replacing one, alone in the name, does both ("find_replace", "search_replace"); beside
  // another it is as often that thing's getter (get_commit, draft_get).
  if (hit.category === "read" && to - from === 2) {
    const other = NAME_VERBS.get(words[hit.index === from ? to - 1 : from]!);
    if (other && NON_ADDITIVE_VERBS.has(other.verb) && !hit.joined.includes(other)) return { ...hit, joined: [...hit.joined, other] };
  }
  // A reading verb with a change joined later ("fetch_unread_and_mark_seen", "getThreadAndMarkRead") does both.
  if (hit.category === "read") {
    for (let i = hit.index + 1; i + 1 < to; i++) {
      if (words[i] !== "and" && words[i] !== "then") continue;
      const v = NAME_VERBS.get(words[i + 1]!);
      if (v && !v.ambiguous && v.category !== "read" && !hit.joined.includes(v)) return { ...hit, joined: [...hit.joined, v] };
    }
  }
  return hit;
}

/** Whether words[i] is part of a fixed expression, no verb of its own: the drop of "drag and drop", a "drop-down". */
function inIdiom(words: readonly string[], i: number): boolean {
  const idiom = IDIOM_WORDS.get(words[i]!);
  if (!idiom) return false;
  const before = words[i - 1] === "and" || words[i - 1] === "n" ? words[i - 2] : words[i - 1];
  return (before !== undefined && idiom.before.has(before)) || (words[i + 1] !== undefined && idiom.after.has(words[i + 1]!));
}

/**
 * The verb words[i] and words[i + 1] write as two words (turn_on, roll_back), each a word of two letters or more: a
 * letter alone is what splitting a name left of another word ("k8s_top_pods" is no "stop").
 */
function pairVerb(words: readonly string[], i: number): VerbInfo | undefined {
  const a = words[i]!;
  const b = words[i + 1]!;
  return a.length > 1 && b.length > 1 ? NAME_VERBS.get(a + b) : undefined;
}

function pairInRange(words: readonly string[], from: number, to: number): NameVerbHit | undefined {
  for (let i = from; i + 1 < to; i++) {
    const pair = pairVerb(words, i);
    if (pair) return nameHit(pair, i === from ? "begins" : i + 1 === to - 1 ? "ends" : "contains", i + 1, joinedAfter(words, i + 1, to));
  }
  return undefined;
}

/** Whether words[from, to) name a readout that a word as often a noun qualifies: "build_logs", "order_details". */
function readoutName(first: VerbInfo, words: readonly string[], from: number, to: number): boolean {
  // A reading verb ("check_status") reads either way; a destructive one ("clear_history") is never traded away.
  // A run's verb names its runs ("deploy_history", "call_logs"), as often as a word that is a noun; any change's verb
  // before the state of its work names that state ("ingest_status", "import_history"), where setting or updating one
  // (`update_status`) stays a verb.
  const last = words[to - 1]!;
  const runs = first.ambiguous || first.category === "execute" || STATE_NOUNS.has(last);
  return runs && first.category !== "destructive" && first.category !== "read" && !RECORDING_VERBS.has(first.verb) && to - 1 > from && READOUT_NOUNS.has(last);
}

/** Words that open a name asking a question of a state. */
const QUESTION_NAME_WORDS = new Set(["is", "are", "has", "have", "does"]);
/** Words after a destructive one in a name that make it a state asked about: "is_delete_protected", "is_kill_switch_on". */
const STATE_AFTER_REMOVAL = new Set(["protected", "protection", "allowed", "locked", "enabled", "disabled", "switch", "pending", "scheduled", "permission", "permissions", "access", "right", "rights"]);

/** Words of time or order that make the verb after them in a name a noun: "latest_run", "last_build", "next_sync". */
const WHEN_WORDS = new Set(["latest", "last", "recent", "previous", "prior", "current", "next", "upcoming"]);

/** The verb a name's word would be, unless a word of time or order before it makes it the thing ("latest_run"). */
function nameWordVerb(words: readonly string[], i: number, from: number): VerbInfo | undefined {
  return i > from && WHEN_WORDS.has(words[i - 1]!) ? undefined : NAME_VERBS.get(words[i] ?? "");
}

/** Verbs that fetch a thing the words after them name: "get_message", "list_trash". */
const GETTER_VERBS = new Set(["get", "list", "fetch", "read", "retrieve", "show", "view", "describe", "lookup"]);

/** Whether words[from, to) hold a getter. */
function getterIn(words: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (GETTER_VERBS.has(words[i]!)) return true;
  return false;
}

/** Whether words[from, to) hold a writing verb that is never a noun. */
function plainWriteIn(words: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const v = NAME_VERBS.get(words[i]!);
    if (v && !v.ambiguous && v.category === "write") return true;
  }
  return false;
}

function verbByPosition(words: readonly string[], from: number, to: number, verbLast: boolean): NameVerbHit | undefined {
  const first = NAME_VERBS.get(words[from] ?? "");
  const last = nameWordVerb(words, to - 1, from);
  // A verb written as two words at the start ("check_in_guest", "turn_off_light") is that verb, not its first word.
  const pair = to - from > 1 ? NAME_VERBS.get(words[from]! + words[from + 1]!) : undefined;
  if (pair && !pair.ambiguous) return nameHit(pair, "begins", from + 1, joinedAfter(words, from + 1, to));
  // A place named after removal opening the name is the thing a plain change ending it works on: bin_restore (where
  // trash_message trashes). Not a read: a name led by a removal is never read (trash_list may empty a list).
  if (first && last && !last.ambiguous && last.category !== "read" && to - 1 > from && REMOVAL_PLACES.has(words[from]!)) return nameHit(last, "ends", to - 1, []);
  // A place named after removal ending a name after a reading verb, or after "from", is what that verb reads or restores
  // from ("codecafe_list_trash", "restore_from_trash"), where one sent or put there is the removal ("note_send_to_trash").
  const getterBefore = to - 1 > from && getterIn(words, from, to - 1);
  const removalPlace = REMOVAL_PLACES.has(words[to - 1]!) && (getterBefore || (to - 1 > from && words[to - 2] === "from"));
  // On a verb-last server a word at either end that could be a verb is read by the server's habit, though not a milder
  // word as often a noun after a getter or a plain writing verb ("gmail_get_message" gets, "talvora_write_text" writes;
  // "saved_search_clear" clears, "user_search_block" blocks) nor such a place.
  const lastIsObject = (last?.ambiguous === true && last.category !== "destructive" && (getterBefore || plainWriteIn(words, from, to - 1))) || removalPlace;
  if (verbLast && last && to - 1 > from && (!last.ambiguous || !first || first.ambiguous) && !inIdiom(words, to - 1) && !lastIsObject) return nameHit(last, "ends", to - 1, joinedAfter(words, to - 1, to));
  if (first && !first.ambiguous && !readoutName(first, words, from, to)) return nameHit(first, "begins", from, joinedAfter(words, from, to));
  if (last && !last.ambiguous && to - 1 > from && !removalPlace) return nameHit(last, "ends", to - 1, joinedAfter(words, to - 1, to));
  for (let i = from + 1; i < to - 1; i++) {
    const v = nameWordVerb(words, i, from);
    if (v && !v.ambiguous) return nameHit(v, "contains", i, joinedAfter(words, i, to));
  }
  if (first && readoutName(first, words, from, to)) return undefined;
  if (first) return nameHit(first, "begins", from, joinedAfter(words, from, to));
  // A readout ending a name after a noun is what it reads ("page_text", "order_notes"), not a verb put last.
  if (last && to - 1 > from && !READOUT_NOUNS.has(words[to - 1]!)) return nameHit(last, "ends", to - 1, joinedAfter(words, to - 1, to));
  for (let i = from + 1; i < to - 1; i++) {
    const v = nameWordVerb(words, i, from);
    // … and so is one a word as often a noun qualifies ("limit_order_history", "odoo_invoice_detail").
    if (v && !readoutName(v, words, i, to)) return nameHit(v, "contains", i, joinedAfter(words, i, to));
  }
  return undefined;
}

/**
 * Whether a run-together word opens with the verb's own participle or -ing form and goes on ("linkedin", "deletedfiles",
 * "savedsearches"): a word of its own, where "removeedge" and "deleteingress" remove an edge and delete an ingress.
 */
function inflectedOn(word: string, verb: string): boolean {
  const stem = verb.endsWith("e") ? verb.slice(0, -1) : verb;
  return [`${stem}ed`, `${stem}ing`].some((form) => word.length > form.length && word.startsWith(form));
}

/**
 * The verb of a name. Precedence: an unambiguous verb that begins the last segment (create_issue),
 * one that ends it (pods_delete, issue_read), any unambiguous verb (vm_create_from_template), then
 * ambiguous ones (post_message); then the same in the namespace segments before it; then a verb
 * embedded in a single word (tfdeploy, awsinspect). On a server that puts verbs last, a verb ending the
 * segment comes first of all (draft_get).
 */
function findNameVerb(tokens: NameTokens, verbLast: boolean): NameVerbHit | undefined {
  const { tokens: words, lastSegmentStart } = tokens;
  // A name that asks a question names a state it reads: "is_market_open", "has_write_access"; with a destructive verb
  // in it the worse reading stands, unless the verb names a state ("is_delete_protected", "has_delete_permission").
  // ("can" and "should" open as many acts: `can_send` a CAN bus frame, `should_retry` requeues.)
  if (words.length - lastSegmentStart > 1 && QUESTION_NAME_WORDS.has(words[lastSegmentStart]!) && !words.some((w, i) => NAME_VERBS.get(w)?.category === "destructive" && !STATE_AFTER_REMOVAL.has(words[i + 1] ?? ""))) return undefined;
  // A last segment that is one readout ("release.health", "doc.text") names what the namespace's thing has: no verb.
  const readout = lastSegmentStart > 0 && lastSegmentStart === words.length - 1 && READOUT_NOUNS.has(words[lastSegmentStart]!);
  const hit = verbInRange(words, lastSegmentStart, words.length, verbLast) ?? (lastSegmentStart > 0 && !readout && !tokens.serverWord ? verbInRange(words, 0, lastSegmentStart, verbLast) : undefined);
  if (hit) return hit;
  // A verb done again is that verb ("reassign_checklist_task" assigns), and a change undone a change
  // ("unacknowledge_outage"; a read verb's "un" makes an adjective: "unread"), before a verb's letters inside another word.
  for (let i = tokens.serverWord ? 1 : 0; i < words.length; i++) {
    const w = words[i]!;
    const again = w.length > 5 && w.startsWith("re") && !NAME_VERBS.has(w) ? NAME_VERBS.get(w.slice(2)) : undefined;
    if (again && !again.ambiguous) return nameHit(again, "embeds", i, [], w);
    const undone = w.length > 5 && w.startsWith("un") && !NAME_VERBS.has(w) ? NAME_VERBS.get(w.slice(2)) : undefined;
    if (undone && !undone.ambiguous && undone.category !== "read") return nameHit(undone, "embeds", i, [], w);
  }
  // Run-together names ("tfdeploy", "stackrollback"): a known verb of four letters or more at either end, the
  // rest a word of its own. A verb followed by an ending is another word ("deleted", "creator", "settings").
  for (let i = words.length - 1; i >= (tokens.serverWord ? 1 : 0); i--) {
    const w = words[i]!;
    // A word the lexicon knows as a verb of its own holds no other ("release" is no "lease").
    if (w.length < 6 || NOT_EMBEDDING.test(w) || NAME_VERBS.has(w)) continue;
    // An -ing word ends in "ping" by its ending ("shopping", "mapping"), not by the verb.
    const gerund = w.endsWith("ing");
    for (let k = Math.min(w.length - 2, 10); k >= 4; k--) {
      const suffix = gerund && k === 4 ? undefined : NAME_VERBS.get(w.slice(w.length - k));
      if (suffix && !suffix.ambiguous) return nameHit(suffix, "embeds", i, [], w);
      const prefix = NAME_VERBS.get(w.slice(0, k));
      if (prefix && !prefix.ambiguous && !INFLECTION.test(w.slice(k)) && !inflectedOn(w, w.slice(0, k))) return nameHit(prefix, "embeds", i, [], w);
    }
  }
  return undefined;
}

/**
 * The name's verb as its description reads it: when the description leads with a verb of another class than the
 * one the name's word order chose, and another word of the name is a verb of the description's class, that word
 * is the verb (ip_get_details_link, "Retrieve IP address details…", gets; the link is what it returns). A
 * destructive verb is never traded away: where a name could be read either way, the worse reading stands.
 */
function agreeWithDescription(tokens: NameTokens, nv: NameVerbHit | undefined, dv: DescriptionVerbHit | undefined): NameVerbHit | undefined {
  if (!nv || !dv || nv.position === "embeds" || nv.category === dv.category || nv.verb === dv.verb) return nv;
  const words = tokens.tokens;
  // A verb written as two words ("check_out_status") whose description leads with its first word alone ("Check the
  // status of …") is that word.
  const firstOfPair = nv.index > 0 && nv.verb !== words[nv.index] ? NAME_VERBS.get(words[nv.index - 1]!) : undefined;
  if (firstOfPair?.verb === dv.verb) return nameHit(firstOfPair, nv.position, nv.index - 1, joinedAfter(words, nv.index - 1, words.length));
  // A plain verb opening the name is the name's own answer (get_upgrade_guide gets, whatever its description), unless
  // the name ends in a verb the description leads with: then the first word names the service ("store_orders_search",
  // "Find orders by status" searches).
  if (nv.position === "begins" && !nv.ambiguous) {
    const last = NAME_VERBS.get(words[words.length - 1]!);
    const endsAsDescribed = last !== undefined && !last.ambiguous && nv.index < words.length - 1 && last.category === dv.category && nv.category !== "destructive";
    if (endsAsDescribed) return nameHit(last, "ends", words.length - 1, []);
    // … or the very verb the description leads with stands next in the name: the first word is its object
    // ("monitor_set_level", "Set the monitor output fader level").
    const next = nv.index + 1 < words.length ? NAME_VERBS.get(words[nv.index + 1]!) : undefined;
    // A word as often a noun counts as the verb where an article follows it there ("Set the …", not "Order book …").
    const nextAsDescribed = next !== undefined && (!next.ambiguous || articled(dv)) && dv.first && next.verb === dv.verb && nv.category !== "destructive" && SEVERITY[next.category] > SEVERITY[nv.category];
    return nextAsDescribed ? nameHit(next, "contains", nv.index + 1, joinedAfter(words, nv.index + 1, words.length)) : nv;
  }
  // A verb ending the name that the description's leading change takes as its object, itself or as its -ing noun
  // ("camel_runtime_trace", "Enable, disable, or dump message tracing"; "season_monitor", "Turns monitoring on or
  // off"), is the thing changed.
  if (nv.position === "ends" && dv.first && !dv.ambiguous && SEVERITY[dv.category] > SEVERITY[nv.category] && dv.object.some((w) => namesAction(w, words[nv.index]!))) return undefined;
  if (nv.category === "destructive" || nv.joined.some((j) => j.category === "destructive")) return destructiveAsObject(tokens, nv, dv) ?? nv;
  // "firebase_deploy_status", "Check the status of a deployment": a name ending in a state its description reads names
  // the state of that verb's work, and has no verb of its own.
  if (dv.category === "read" && nv.index < words.length - 1 && STATE_NOUNS.has(words[words.length - 1]!)) return undefined;
  const from = nv.index >= tokens.lastSegmentStart ? tokens.lastSegmentStart : 0;
  for (let i = from; i < words.length; i++) {
    const v = i === nv.index ? undefined : NAME_VERBS.get(words[i]!);
    // A word as often a noun leading the description ("Takes a snapshot of a volume") chooses its own word of the name,
    // not another of its class over a plain verb (strato_snapshot_create).
    if (v && v.category === dv.category && ((v.verb === dv.verb && dv.first) || !dv.ambiguous || nv.ambiguous)) return nameHit(v, i === from ? "begins" : i === words.length - 1 ? "ends" : "contains", i, joinedAfter(words, i, words.length));
  }
  return nv;
}

/** Whether an article follows the description's verb: a word as often a noun is the verb there ("Set the …"). */
function articled(dv: DescriptionVerbHit): boolean {
  return ARTICLES.has(dv.object[0] ?? "");
}

/** Whether the description opens with a change: its first word a verb other than a reading one, as a verb. */
function leadsWithChange(dv: DescriptionVerbHit): boolean {
  return dv.first && dv.category !== "read" && (!dv.ambiguous || articled(dv));
}

/** Whether a description's word is the name's verb word itself or its -ing noun ("trace", "tracing"; "monitoring"). */
function namesAction(word: string, verb: string): boolean {
  return word === verb || (word.endsWith("ing") && inflections(verb).includes(word));
}

/**
 * A destructive word inside a name that a plain verb opens, read as that verb's object when the description leads
 * with a verb of the opening verb's class and joins no destructive one: get_delete_protection ("Returns whether
 * deletion protection is on") gets, add_delete_rule ("Adds a lifecycle rule …") adds. The destructive word must sit
 * between the opening verb and a word of its own (the thing it qualifies); one ending the name is its verb
 * (branches_list_prune), and without a description the worse reading stands.
 */
function destructiveAsObject(tokens: NameTokens, nv: NameVerbHit, dv: DescriptionVerbHit): NameVerbHit | undefined {
  const words = tokens.tokens;
  const from = tokens.lastSegmentStart;
  if (nv.position !== "contains" || nv.index <= from || nv.index >= words.length - 1) return undefined;
  if (dv.category === "destructive" || dv.joined.some((j) => j.category === "destructive")) return undefined;
  const first = NAME_VERBS.get(words[from]!);
  if (!first || first.ambiguous || first.category !== dv.category) return undefined;
  return nameHit(first, "begins", from, joinedAfter(words, from, words.length));
}

/**
 * What follows a verb inside a longer word that makes it another word: "delet|ed", "creat|or", "sett|ings", and the
 * nouns made of one: "confirm|ation", "stat|ement", "list|ener".
 */
const INFLECTION = /^(?:ies|y|e?d|e?r|e?rs|ing|ings|ion|ions|ution|utions|ations?|e?ments?|able|ive|or|ors|s|es|ure|al|ance|ances|eners?|ency|ence)$/;

/** "Use this tool to" in other languages: "Utilisez cet outil pour", "Usa esta herramienta para", "Verwenden Sie dieses Tool, um". */
const USE_THIS_TOOL =
  /^\s*(?:(?:utilisez|utilise|usa|use|utilice|utiliza|utilize|utilizza|verwenden sie|verwende)\s+(?:cet\s+outil|cette\s+fonction|esta\s+herramienta|esta\s+ferramenta|este\s+recurso|questo\s+strumento|dieses\s+tool|dieses\s+werkzeug)\s*,?\s+(?:(?:uniquement|seulement|solo|solamente|apenas|somente|nur)\s+)?(?:pour|afin\s+de|para|per|um)|(?:cet\s+outil|cette\s+fonction)\s+permet\s+(?:de|d['’])|(?:esta\s+herramienta|esta\s+ferramenta)\s+permite|questo\s+strumento\s+permette\s+di)\s*/i;
const ZU_INFINITIVE = /\bzu\s+(\p{L}+)/u;
/** Spanish and Portuguese verbs as often nouns ("marca": a brand, "muda": a seedling): verbs only before a determiner. */
const FOREIGN_NOUN_VERBS = new Set(["marca", "muda"]);
/** A Spanish or Portuguese determiner after the text's first word. */
const IBERIAN_DETERMINER_NEXT = /^\s*\p{L}+\s+(?:el|la|los|las|lo|un|una|unos|unas|o|a|os|as|um|uma|uns|umas|todos|todas|todo|toda|este|esta|estos|estas|esse|essa|esses|essas|cada|su|sus|seu|sua|seus|suas)\b/iu;
/** Where a German main clause ends, and its separable verb's particle with it ("Setzt Filter und gibt … zurück" resets nothing). */
const GERMAN_CLAUSE_END = /[.,;:!?()\n]|\s(?:und|oder|sowie|aber)\s/;

/** The English verb a German stem leading `text` means with the particle ending its clause, when it has one. */
function separatedVerb(stem: string, text: string): VerbInfo | undefined {
  const particles = GERMAN_SEPARABLE_VERBS[stem];
  if (!particles) return undefined;
  const end = text.search(GERMAN_CLAUSE_END);
  const clause = (end < 0 ? text : text.slice(0, end)).trimEnd().toLowerCase();
  for (const [particle, english] of Object.entries(particles)) if (clause.endsWith(` ${particle}`)) return TEXT_VERBS.get(english);
  return undefined;
}
const FOREIGN_VERB_OF = new Map<string, VerbInfo>();
for (const [category, words] of Object.entries(FOREIGN_VERBS) as [Category, string][]) {
  for (const w of words.split(/\s+/)) if (w) FOREIGN_VERB_OF.set(w, { verb: FOREIGN_GLOSS[w] ?? w, category, ambiguous: false });
}
for (const w of FOREIGN_MANAGING_VERBS) FOREIGN_VERB_OF.set(w, TEXT_VERBS.get("manage")!);
/** Each verb as the text writes it, and what it stands for. */
const CJK_VERB_LIST: { said: string; info: VerbInfo }[] = [];
for (const [category, words] of Object.entries(CJK_VERBS) as [Category, string][]) {
  for (const w of words.split(/\s+/)) if (w) CJK_VERB_LIST.push({ said: w, info: { verb: FOREIGN_GLOSS[w] ?? w, category, ambiguous: false } });
}
const LEADING_LETTERS = /^[^\p{L}]*(\p{L}+)/u;
// Any letter outside ASCII in the first few characters: only such descriptions are read in other languages.
const NON_ASCII_LETTER = /[^\u0000-\u007f]/;

const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isLowerAsciiLetter = (c: number) => c >= 97 && c <= 122;

/**
 * LEADING_LETTERS' word (the first run of letters), read without the Unicode regex while the text is ASCII, as
 * English descriptions are: any other character on the way hands the text to the regex.
 */
function leadingLetters(head: string): string | undefined {
  const n = head.length;
  let i = 0;
  for (; i < n; i++) {
    const c = head.charCodeAt(i);
    if (c >= 128) return LEADING_LETTERS.exec(head)?.[1];
    if (isAsciiLetter(c)) break;
  }
  if (i >= n) return undefined;
  let end = i + 1;
  for (; end < n; end++) {
    const c = head.charCodeAt(end);
    if (c >= 128) return LEADING_LETTERS.exec(head)?.[1];
    if (!isAsciiLetter(c)) break;
  }
  return head.slice(i, end);
}

// Kana or Hangul: Japanese and Korean put the verb at the end of the sentence ("…항목을 확인합니다" checks).
const VERB_FINAL_SCRIPT = /[\u3040-\u30ff\uac00-\ud7af]/;
/** How far a Japanese or Korean first sentence is read for the verb that ends it. */
const VERB_FINAL_SENTENCE = 160;
/** … and how far its opening, where a destructive word wins wherever it stands, reaches. */
const VERB_FINAL_OPENING = 40;
/** A polite verb ending that ends a sentence left without a stop ("…조회합니다 새 이슈 생성은 …", "…取得します (…)"). */
const POLITE_END = /(?:니다|ます)(?=\s|\(|（|-|$)/;
// The end of the first sentence, in either script's punctuation.
const SENTENCE_END = /[。．.!?！？\n]/;
/** … and a clause's end, where a verb-final sentence's first verb stands ("… kaydını düzeltir; düzeltme notu …"). */
const CLAUSE_END = /[。．.!?！？;；\n]/;

/** Letters of Turkish, whose verbs end the sentence ("Onaylanmış bir izni iptal eder."). */
const VERB_FINAL_LATIN = /[ğışĞİŞ]/;
/** Verbs that make one of a noun before them ("iptal eder" cancels, "kayıt yapar" records). */
const LIGHT_VERBS = new Set(["eder", "yapar", "edilir", "edilebilir"]);
const WORDS_OF_SENTENCE = /\p{L}+/gu;

/** The known verb ending the first sentence (or the noun before a light verb ending it), in a verb-final language. */
function lastVerbOfSentence(description: string): VerbInfo | undefined {
  const end = description.search(CLAUSE_END);
  const words = (end < 0 ? description : description.slice(0, end)).toLowerCase().match(WORDS_OF_SENTENCE) ?? [];
  const last = words.at(-1);
  if (last === undefined) return undefined;
  return FOREIGN_VERB_OF.get(LIGHT_VERBS.has(last) ? (words.at(-2) ?? "") : last);
}

// A verb done to a thing rather than by the tool: "削除されたメッセージ" (deleted messages), "被删除的对象", "삭제된 항목"; and
// one naming a time ("运行时节点", runtime nodes; "削除時", on deletion).
const PASSIVE_BEFORE = /[被已]$/;
const PASSIVE_AFTER = /^(?:され|済|된|되는|될|的|了的|时|時)/;

/**
 * A change, a click or a restore heading a noun ("变更记录", the change log; "点击率", the click rate; "恢复点", a restore
 * point): no act of the tool's.
 */
const CJK_NOUN_COMPOUND =
  /^恢[复復](?:点|點|状态|狀態|进度|進度|演练|演練|计划|計劃|记录|記錄|时间|時間|能力|方案|流程)|^(?:变更|變更|更改)(?:记录|紀錄|記錄|历史|歷史|频率|頻率|统计|統計)|^(?:点击|點擊)(?:率|量|数|數|热图|熱圖)|^(?:浏览|瀏覽)器|^(?:领取|領取)(?:记录|紀錄|記錄|状态|狀態|次数|次數|情况|情況|历史|歷史)|^(?:下单|下單)(?:前|后|後|用户|用戶|量|数|數|记录|記錄|人|率)/;

/** A verb joined to the first by "and" in French, Spanish, Portuguese, Italian, German, Dutch, Russian or Turkish. */
const FOREIGN_JOINED = /\s(?:et|y|e|und|en|и|ve)\s+(\p{L}+)/u;

/**
 * A change Chinese joins to its first verb with 并 or 然后 ("关闭浏览器进程并清空会话状态" closes the browser and empties the
 * session, "解析简历并写入人才库" parses a résumé and writes it to the pool): the worse reading stands, except a clean-up of
 * the text a reading tool hands back ("获取网页内容并清理HTML标签").
 */
const CJK_JOINED_CHANGE = new RegExp(
  `(?:并且?|並且?|然后|然後|同时|同時)(${CJK_VERB_LIST.filter((v) => v.info.category !== "read")
    .map((v) => v.said)
    .join("|")})`,
);
const CLEANED_TEXT = /^(?:html|HTML|多余|多餘|空白|空格|换行|換行|格式|标签|標籤|噪声|噪聲|无关|無關)/;

/** The change a Chinese sentence joins to its first verb, when worse than that verb (CJK_JOINED_CHANGE). */
function joinedCjkChange(head: string, first: VerbInfo): VerbInfo | undefined {
  const m = CJK_JOINED_CHANGE.exec(head);
  if (!m) return undefined;
  const info = CJK_VERB_LIST.find((v) => v.said === m[1])?.info;
  if (!info || SEVERITY[info.category] <= SEVERITY[first.category]) return undefined;
  return first.category === "read" && info.category === "destructive" && CLEANED_TEXT.test(head.slice(m.index + m[0].length)) ? undefined : info;
}

/**
 * A change a Japanese or Korean sentence goes on from before its last verb ("設定を変えて、現在の統計を返す" changes the
 * setting and returns the statistics, "파일을 생성하고 경로를 반환합니다" creates a file and returns its path): both are done,
 * and the worse reading stands.
 */
const CONTINUED_AFTER = /^(?:して|し[、,，]|て[、,，]?|した(?:後|あと)|하고|하여|해서|한\s?(?:뒤|후)|해\s)/;
/**
 * … but a setting made as the means of the read (a filter, a condition, a period, an order, a format, a unit: "필터를
 * 설정하여 … 조회합니다", "表示形式を変えて返します") changes nothing kept, and a chain that ends in a word describing a thing
 * ("사용자가 생성하고 공유한 문서를 검색합니다", the documents users created and shared) tells of that thing.
 */
const MEANS_WORDS = /(?:条件|フィルタ|期間|形式|単位|並び順|順序|サイズ|言語|タイムゾーン|通貨|필터|기간|정렬|조건|형식|단위|순서|크기|기준|언어|통화|시간대|키)/;
const RELATIVE_NEXT = /^(?:して|し|て|하고|하여|해서|해)[、,，\s]*(\S{1,6}?)(?:した|された|한|된|했던)(?!\s?(?:후|뒤)|後|あと)(?=\s|[^\s]{0,12}?(?:を|를|을|の|이|가))/;

/** Whether the clause before `at` sets a means of the read as the changed thing (MEANS_WORDS), a word or two before the verb. */
function meansBefore(head: string, at: number): boolean {
  const before = head.slice(Math.max(0, at - 14), at);
  return MEANS_WORDS.test(before.slice(before.search(/[^、。,，]*$/)));
}

/** Whether the chain after a change at `at` ends in a relative form of another verb (RELATIVE_NEXT), describing a thing. */
function relativeNext(after: string, said: string): boolean {
  const m = RELATIVE_NEXT.exec(after);
  return m !== null && m[1] !== said;
}

/** The worst change a Japanese or Korean sentence goes on from before its last verb (CONTINUED_AFTER), if any. */
function continuedChange(head: string): VerbInfo | undefined {
  let worst: VerbInfo | undefined;
  for (const { said, info } of CJK_VERB_LIST) {
    if (info.category === "read" || (worst && SEVERITY[info.category] <= SEVERITY[worst.category])) continue;
    for (let i = head.indexOf(said); i >= 0; i = head.indexOf(said, i + 1)) {
      const after = head.slice(i + said.length);
      if (meansBefore(head, i) || relativeNext(after, said)) continue;
      if (CONTINUED_AFTER.test(after) && !attributiveAt(head, i, said.length)) {
        worst = info;
        break;
      }
    }
  }
  return worst;
}

/**
 * A verb denied: "保存・適用せず" (without saving or applying), "발송하지 않습니다" (does not send), "不保存" (does not save). A
 * verb read last in its sentence is first checked against these.
 */
const DENIED_BEFORE = /(?:不|未|不会|不會|无需|無需)$/;
const DENIED_AFTER = /^(?:[・、/][\p{L}]{1,4})?(?:せず|しない|しません|されない|されません|하지 않|하지 마|되지 않)/u;

/** Whether the CJK verb at `at` (`length` long) of `text` describes its object (passive or attributive) or is denied rather than acts. */
function attributiveAt(text: string, at: number, length: number): boolean {
  const after = text.slice(at + length, at + length + 8);
  return PASSIVE_BEFORE.test(text.slice(Math.max(0, at - 1), at)) || PASSIVE_AFTER.test(after) || DENIED_BEFORE.test(text.slice(Math.max(0, at - 2), at)) || DENIED_AFTER.test(after);
}

/**
 * The verb of a description in another language: with `firstWord`, its first word (French, Spanish, German,
 * Portuguese, Italian, Russian); without, a known verb in its first 40 characters: the earliest in Chinese, the last
 * of the first sentence in Japanese and Korean, whose verbs come last; there a destructive verb anywhere in that
 * sentence wins (where a sentence could be read either way, the worse reading stands).
 */
function foreignDescriptionVerb(description: string, firstWord: boolean): DescriptionVerbHit | undefined {
  let head = description.slice(0, 40);
  let found: VerbInfo | undefined;
  if (firstWord) {
    // "Utilisez cet outil pour rattacher …": the verb after the filler leads, as after "Use this tool to".
    const text = USE_THIS_TOOL.test(head) ? description.replace(USE_THIS_TOOL, "") : description;
    head = text.slice(0, 40);
    const first = leadingLetters(head)?.toLowerCase();
    found = first ? (separatedVerb(first, text) ?? FOREIGN_VERB_OF.get(first)) : undefined;
    // "Marca una reserva como …" marks, where "Marca, precio y …" and "Marca temporal" name a brand and a stamp.
    if (found && FOREIGN_NOUN_VERBS.has(first!) && !IBERIAN_DETERMINER_NEXT.test(text)) found = undefined;
    if (!found && first !== undefined && VERB_FINAL_LATIN.test(text)) found = lastVerbOfSentence(text);
    // German puts the verb last after its filler: "…, um eine Datei zu löschen".
    if (!found && text !== description) found = FOREIGN_VERB_OF.get(ZU_INFINITIVE.exec(text.slice(0, 80))?.[1]?.toLowerCase() ?? "");
    // A worse verb joined to the first in its sentence stands ("Inspecte le conteneur et supprime les volumes orphelins").
    if (found) {
      const end = text.search(SENTENCE_END);
      const joined = FOREIGN_JOINED.exec(text.slice(0, end > 0 ? end : 160));
      const other = joined ? FOREIGN_VERB_OF.get(joined[1]!.toLowerCase()) : undefined;
      if (other) found = mostSevere(found, other);
    }
  } else if (NON_ASCII_LETTER.test(head)) {
    const verbFinal = VERB_FINAL_SCRIPT.test(head);
    if (verbFinal) {
      // The verb ends the sentence, however far that is ("…파일 목록을 조회합니다"), up to a long sentence's length.
      const sentence = description.slice(0, VERB_FINAL_SENTENCE);
      const end = sentence.search(SENTENCE_END);
      const polite = POLITE_END.exec(sentence);
      head = sentence.slice(0, Math.min(end > 0 ? end : sentence.length, polite ? polite.index + polite[0].length : sentence.length));
    }
    let at = verbFinal ? -1 : Infinity;
    for (const { said, info } of CJK_VERB_LIST) {
      const i = verbFinal ? head.lastIndexOf(said) : head.indexOf(said);
      if (i < 0 || attributiveAt(head, i, said.length) || CJK_NOUN_COMPOUND.test(head.slice(i, i + said.length + 2))) continue;
      if (verbFinal && found?.category === "destructive") break;
      // A destructive word wins from the sentence's opening only: further on it is as often a noun of what the verb
      // hands back ("… revoked 상태와 폐기 일시를 반환합니다", the revocation time).
      if (verbFinal ? i > at || (info.category === "destructive" && i < VERB_FINAL_OPENING) : i < at) {
        at = i;
        found = info;
      }
    }
    if (found && !verbFinal) found = joinedCjkChange(head, found) ?? found;
    if (found && verbFinal && found.category === "read") found = continuedChange(head) ?? found;
  }
  if (!found) return undefined;
  return { verb: found.verb, category: found.category, ambiguous: false, joined: [], quote: quoteText(description, 90), object: [], first: true };
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

/** The next word or sentence mark of `text` from `from`; the one object is reused, read before the next call. */
function nextDescriptionWord(text: string, from: number): DescriptionToken | undefined {
  const n = text.length;
  let i = from;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) break;
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

const REMOVE_VERBS = new Set(["remove", "delete", "rm", "del", "detach"]);
// "Removes the label from an issue": the removed thing and what it is removed from, in the first clause. "Delete a
// label from a board" deletes the label: a thing deleted from where it lives is gone.
const REMOVED_FROM = /\b(?:removes?|detach(?:es)?)\s+(?:the\s+|a\s+|an\s+|one or more\s+|one\s+|specified\s+|given\s+)*([a-z]+(?:\s+[a-z]+)?)\s+from\s+(?:the\s+|a\s+|an\s+|one\s+|its\s+|their\s+|this\s+|that\s+|specified\s+|given\s+)*([a-z]+)/;
// "Removes the link between …", "deletes the relationship from …": the removed thing and the word after it.
const REMOVED_LINK = /\b(?:removes?|deletes?)\s+(?:the\s+|a\s+|an\s+)?([a-z]+)\s+(?:between|from|to|of)\b/;
// Cheap test before scanning argument descriptions for a stated destructive effect.
const EFFECT_PREFILTER = /delet|remov|drop|truncat|wipe|eras|destroy|purg|lost|lose|rm -rf|terminat|discard|overwrit|is cleared|are cleared|killing/i;

/**
 * Whether a remove/delete names a link rather than a thing: "remove_user_from_group" (the user and the group stay),
 * "delete_relation", "Removes the label from an issue". Returns the words that show it.
 */
function unlinkOf(words: readonly string[], nv: NameVerbHit | undefined, dv: DescriptionVerbHit | undefined, lowerDescription: string): string | undefined {
  // "unlink_issue", "detach_volume", "disassociate_address": the verb itself removes a link.
  if (nv && UNLINK_VERBS.has(nv.verb) && nv.position !== "embeds") return words.slice(nv.index).join(" ");
  if (!nv && dv && UNLINK_VERBS.has(dv.verb)) return dv.quote;
  if (nv && REMOVE_VERBS.has(nv.verb) && nv.position !== "embeds") {
    const after = words.slice(nv.index + 1);
    const from = after.indexOf("from");
    const removed = after.slice(0, from);
    // A tag, a label or a member taken off anything stays what it was: remove_tag_from_item.
    if (from > 0 && (LINK_CONTAINERS.has(after[from + 1] ?? "") || removed.some((w) => ATTACHED_THINGS.has(w))) && !removed.some((w) => DATA_OBJECTS.has(w))) return after.slice(0, from + 2).join(" ");
    if (from < 0 && after.length > 0 && LINK_OBJECTS.has(after[after.length - 1]!)) return after.join(" ");
    // … and so is a thing attached to another taken off it ("remove_tags"), where a delete may delete the tag itself.
    if (from < 0 && nv.verb === "remove" && after.length > 0 && ATTACHED_THINGS.has(after[after.length - 1]!)) return after.join(" ");
  }
  if ((!nv || nv.category === "destructive") && dv && REMOVE_VERBS.has(dv.verb)) {
    const head = lowerDescription.slice(0, 160);
    const m = REMOVED_FROM.exec(head);
    if (m && LINK_CONTAINERS.has(m[2]!) && !m[1]!.split(/\s+/).some((w) => DATA_OBJECTS.has(w))) return m[0];
    // "Removes the link between two issues": the removed thing is itself a link.
    const link = REMOVED_LINK.exec(head);
    if (link && LINK_OBJECTS.has(link[1]!)) return link[0];
  }
  return undefined;
}

/**
 * Whether the description leads with a removal of its own beside a milder change the name names: not a thing
 * removed from somewhere ("Remove a message from the trash" is what `untrash` does), nor an "un-" verb's undoing.
 */
function removalLeadOutweighs(nv: NameVerbHit | undefined, dv: DescriptionVerbHit | undefined, lowerDescription: string): boolean {
  if (!dv || !dv.first || dv.ambiguous || dv.category !== "destructive") return false;
  if (!nv || nv.ambiguous || (nv.category !== "write" && nv.category !== "execute") || nv.verb.startsWith("un")) return false;
  return !REMOVED_FROM.test(lowerDescription.slice(0, 200));
}

/** A generated thing made into files or a pull request: "Creates test files and opens a PR with them". */
const MADE_INTO_FILES = /\b(?:creates?|writes?|saves?)\s+(?:[a-z-]+\s+){0,2}?files?\b|\bopens?\s+(?:a\s+)?(?:pr|pull request|merge request)\b/;
/** Someone else doing it: "Use it when someone opens a PR". */
const OTHER_SUBJECT_BEFORE = /\b(?:when|if|once|after|before|someone|anyone|users?|they|you)\s+(?:[a-z-]+\s+)?$/;

/** Whether the text says the tool makes what it generates into files or a pull request, not denied nor another's act. */
function madeIntoFiles(lower: string): boolean {
  const m = MADE_INTO_FILES.exec(lower);
  return m !== null && !deniedAt(lower, m.index) && !OTHER_SUBJECT_BEFORE.test(lower.slice(Math.max(0, m.index - 24), m.index));
}
/**
 * Read-only statements listed as all a tool runs: "one bounded SELECT, SHOW, DESCRIBE, DESC or EXPLAIN statement",
 * "only SELECT or EXPLAIN queries"; not examples of what it runs ("SELECT and SHOW queries return rows").
 */
const READ_STATEMENTS_LISTED = /\b(?:only|one|single)\s+(?:[a-z-]+\s+)?(?:select|show|describe|desc|explain|pragma)(?:\s*(?:,|\/|\bor\b|\band\b)\s*(?:select|show|describe|desc|explain|pragma|with))+\s+(?:statements?|quer(?:y|ies))\b/;
/**
 * A SELECT named as what the tool runs, right after the verb (a query's noun between), in any language that spaces its
 * words and in Chinese ("Execute a SELECT against …", "Выполнить SELECT в Trino", "执行 SELECT 查询"): the statement's
 * own name, in capitals, as a query language writes it.
 */
const SELECT_RUN =
  /(?:^|[\s(])(?:[Rr]uns?|[Ee]xecutes?|[Вв]ыполни(?:ть|те|т)|[Вв]ыполняет|[Ee]jecuta(?:r)?|[Ee]xécute(?:r)?|[Ee]xecuta(?:r)?|[Ee]segu(?:e|ire)|[Ff]ührt|执行|執行)\s*(?:(?:a|an|one|single|un|une|uma|um|una|einen?|eine)\s+)?(?:(?:query|consulta|requête|abfrage|запрос)\s+)?SELECT\b/;
/** The rows handed back, the one step a SELECT's sentence may go on to. */
const RETURNS_ROWS = /(?:\band (?:then )?returns?|\by devuelve|\bet renvoie|\bи возвращает|并返回|并且返回)/giu;
/**
 * What makes a SELECT named in its sentence not all the tool runs: a second step, another statement, SELECT … INTO, a
 * row lock ("Execute a SELECT and email the results", "Run SELECT or PL/SQL blocks", "Execute SELECT and other statements").
 */
const SELECT_RUN_OTHER = /(?<!\p{L})(?:and|then|or|into|other|any|for update|и|или|затем|y|o|luego|et|ou|puis|und|oder|dann|e|depois)(?!\p{L})|[;；]|并|然后/iu;

/** … or a clause after a comma that is more than a limit ("Ejecuta una consulta SELECT, guardando el resultado …", "，把结果插入"). */
const STEP_AFTER_COMMA = /[,，]\s*(?!(?:не|no|not|at most|up to|max|maximum|limit|limited|hasta|до|jusqu|bis|höchstens|máximo|massimo|最多|至多)(?!\p{L}))\p{L}/u;
/** An aside in brackets, which neither goes on to a step nor limits one ("в Trino (каталоги dwh, ch, lake)"). */
const PARENTHESES = /\([^)]*\)|（[^）]*）/g;

/**
 * The SELECT a text names as all its tool runs (SELECT_RUN), quoted, unless its sentence goes on to more
 * (SELECT_RUN_OTHER, STEP_AFTER_COMMA).
 */
function selectRun(description: string): string | undefined {
  const m = SELECT_RUN.exec(description);
  if (!m) return undefined;
  const rest = description.slice(m.index + m[0].length);
  // The sentence's end: a stop before a space, never an ellipsis ("SELECT ... INTO").
  const end = rest.search(/(?<!\.)[.!?。](?!\.)(?=\s|$)|\n/);
  const sentence = (end < 0 ? rest : rest.slice(0, end)).replace(RETURNS_ROWS, "").replace(PARENTHESES, "");
  return SELECT_RUN_OTHER.test(sentence) || STEP_AFTER_COMMA.test(sentence) ? undefined : m[0].trim();
}
/**
 * Words of trading, in their market sense only: a position held at a market price, with its stops, leverage or margin
 * ("at market price", "stop loss", "SL/TP", "leveraged", "isolated margin", "futures position"), not a layout's margin
 * or its mode, a trade-off, a verb's "leverage", a title's "long or short" or a runtime's futures.
 */
const TRADING_TEXT =
  /\b(?:at (?:the )?market(?: price)?|market (?:price|order)s?|stop[- ]loss(?:es)?|take[- ]profits?|sl\/tp|leveraged|\d+x leverage|(?:isolated|cross|initial|maintenance) margin|margin (?:call|ratio|account|requirement|level)s?|perpetuals?|perps?|(?:futures|perpetual|perp|leveraged) positions?|(?:exchange|futures|trading|brokerage) (?:account|contract|pair|platform)s?)\b/;
/** SQL's statements that change data or schema, as a text lists them ("DROP, DELETE, INSERT, UPDATE"). */
const WRITE_STATEMENTS = "(?:insert|update|delete|drop|alter|truncate|create|replace|merge|grant|revoke)";
/** … and as a text names them anywhere, in capitals. */
const WRITE_STATEMENT_NAMED = /\b(?:INSERT|UPDATE|DELETE|DROP|ALTER|TRUNCATE|CREATE|REPLACE|MERGE|GRANT|REVOKE)\b/g;
/** A verb by which the tool refuses something, in the active voice, with "any" or "all" after it. */
const REFUSING = "\\b(?:rejects|refuses|blocks|forbids|disallows|prevents|prohibits)\\s+(?:any\\s+|all\\s+)?";
/**
 * Words that say the statements a text names are refused: "are rejected", or "rejects INSERT/UPDATE/DELETE", not writes
 * refused somewhere or with an exception ("Rejects writes to system tables", "rejects mutations unless allow_writes").
 */
const WRITES_REFUSED = new RegExp(
  `\\b(?:(?:are|is|get|gets)\\s+(?:rejected|refused|blocked|forbidden|disallowed|not allowed|not permitted)|${REFUSING}(?:writes|mutations|non-select(?:\\s+statements)?|insert\\s*[\\/,]\\s*update)\\b(?!\\s+(?:to|into|on|in)\\b))`,
);
/** A list of write statements a text says the tool refuses, whole: "prevents DROP, DELETE, INSERT, UPDATE". */
const REFUSED_STATEMENTS = new RegExp(`${REFUSING}(${WRITE_STATEMENTS}(?:\\s*(?:,|\\/|\\bor\\b|\\band\\b)\\s*${WRITE_STATEMENTS})+)`);
/** Words after a refused list that refuse it only somewhere or sometimes ("… on system tables", "… without a WHERE clause"). */
const REFUSAL_LIMITED = /^\s*(?:statements?|queries|commands)?\s*(?:to|into|on|in|without|that|which|for|when|if|of|from|against|with|affecting|outside|beyond)\b/;

/**
 * Whether a text refuses the write statements it names: all of them, in a list refused everywhere ("It prevents DROP,
 * DELETE, INSERT, UPDATE, and other dangerous statements"), never some while it runs others ("Execute SELECT, INSERT or
 * UPDATE. Prevents DROP and TRUNCATE", "can modify data through stored procedures") nor only in some places or cases.
 */
function writesRefused(description: string, lower: string): boolean {
  if (WRITES_REFUSED.test(lower)) return true;
  const m = REFUSED_STATEMENTS.exec(lower);
  if (!m || REFUSAL_LIMITED.test(lower.slice(m.index + m[0].length))) return false;
  // A write the text allows elsewhere, in any case ("insert or upsert are supported", "can modify data"), stands.
  if (WRITE_ALLOWED.test(lower.slice(0, m.index) + lower.slice(m.index + m[0].length))) return false;
  const refused = new Set(m[1]!.match(/[a-z]+/g));
  return [...description.matchAll(WRITE_STATEMENT_NAMED)].every((w) => refused.has(w[0].toLowerCase()));
}
/** Words of a write a text may allow outside the list it refuses. */
const WRITE_ALLOWED = /\b(?:insert|upsert|update|delete|drop|alter|truncate|modif(?:y|ies|ied|ication)|writes?|mutations?|stored procedures?)\b/;
/** … unless the text makes an exception anywhere: "by default", "unless allow_writes", "when started in read-only mode". */
const REFUSAL_EXCEPTED = /\b(?:unless|except|otherwise|by default|allow[_-]?writes?|when (?:started|running|run) in)\b|\b(?:are|is) (?:allowed|permitted)\b/;

/** An HTTP request line opening a description generated from an API spec. */
const REQUEST_LINE = /^(?:get|post|put|patch|delete)\s+\/\S*\s*/;
// A second action joined to the first in one sentence: "… and mark them as read", "… then replace it", "…, and email it".
// The adverb is tried last, so a joined verb ending in -ly stays the verb ("and apply them all", "and reply to them").
const JOINED_ACTION = /(?:\band|\bthen|,)\s+(?:then\s+|also\s+|[a-z]+ly\s+)??([a-z]+)\s+(it|them|this|these|those|the|a|an|one|all|its|their|each|every|any)\b/g;
const PRONOUNS = new Set(["it", "them", "this", "these", "those"]);
/** Relative pronouns: the verbs after one tell of the thing before it. */
const RELATIVE_WORDS = new Set(["that", "which", "who"]);
/**
 * A relative pronoun after the thing a text opens with, in lower-case text, unless that thing is the tool itself
 * ("Inbox helper that fetches unread mail and marks it as read"): group 1 is the word before the pronoun.
 */
const RELATIVE_AFTER_THING = new RegExp(`\\b([a-z0-9-]+)\\s+(?:${[...RELATIVE_WORDS].join("|")})\\s`);
/** Nouns that name the tool itself when a text opens with one: its relative clause says what the tool does. */
const TOOL_NOUNS = new Set("tool tools helper utility scanner agent assistant service server command function endpoint bot script wrapper".split(" "));
/** Verbs that make a credential when their object is one: "Generates a new access token", "Creates an API key". */
const CREDENTIAL_MAKING_VERBS = new Set(["create", "generate", "issue", "mint", "rotate", "regenerate", "new"]);

/**
 * The change a description's first sentence joins to its lead ("Fetch unread emails and mark them as read", "Search
 * for a string and replace it"), unless denied; a word as often a noun counts where a pronoun follows it ("and post
 * it"), an -ing form never (how the work is done). Removals are statedRemoval's.
 */
function joinedAction(lower: string, opensWithVerb: boolean): { category: Category; quote: string } | undefined {
  // A spec's request line first ("GET /me/notifications") is no sentence of its own: the summary after it is.
  const text = lower.charCodeAt(0) <= 122 ? lower.replace(REQUEST_LINE, "") : lower;
  const end = text.slice(0, 200).search(/[.!?\n]/);
  const first = end < 0 ? text.slice(0, 200) : text.slice(0, end);
  if (!first.includes(" and ") && !first.includes("then") && !first.includes(",")) return undefined;
  JOINED_ACTION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = JOINED_ACTION.exec(first))) {
    const word = m[1]!;
    const v = TEXT_VERBS.get(word);
    // What a tool generates, renders or composes it usually hands back ("… and generates the install command").
    if (!v || v.category === "read" || v.category === "destructive" || (GENERATING_VERBS.has(v.verb) && v.verb !== "create" && v.verb !== "build")) continue;
    if (word.endsWith("ing") && word !== v.verb) continue;
    if (v.ambiguous && !PRONOUNS.has(m[2]!)) continue;
    const at = m.index + m[0].indexOf(word);
    if (deniedAt(first, at)) continue;
    // In a text that opens with a thing, verbs after "that" or "which" tell of that thing ("The source code that
    // positions gates, scores them and replays them").
    const relative = opensWithVerb ? null : RELATIVE_AFTER_THING.exec(first.slice(0, at));
    if (relative && !TOOL_NOUNS.has(relative[1]!)) continue;
    return { category: v.category, quote: quoteText(first.slice(at), 60) };
  }
  return undefined;
}

/**
 * The change a verb a switch is said to make stands for ("to drop", "is executed"): none for a read or a shaping verb;
 * as a participle, only a run, a removal, a replacement or a store ("user ids are resolved and sent" tells how a query
 * is made).
 */
function switchedChange(word: string, participle: boolean): VerbInfo | undefined {
  const v = participle ? PARTICIPLES.get(word) : TEXT_VERBS.get(word);
  if (!v || v.category === "read" || SWITCHED_NO_EFFECT.has(v.verb)) return undefined;
  return !participle || v.category !== "write" || NON_ADDITIVE_VERBS.has(v.verb) || SWITCHED_STORES.has(v.verb) ? v : undefined;
}

/**
 * The change a verb the text says the tool makes when asked stands for: only one that keeps, sends, runs or removes
 * something ("Optionally posts review comments"), not a choice of what to read ("optionally select a line range",
 * "optionally refresh from the API").
 */
function optionalChange(word: string): VerbInfo | undefined {
  const v = TEXT_VERBS.get(word);
  return v && OPTIONAL_EFFECT_VERBS.has(v.verb) ? v : undefined;
}
const OPTIONAL_EFFECT_VERBS = new Set("post send create save write store persist publish commit upload submit mark execute delete remove purge overwrite replace start provision".split(" "));

/**
 * A verb as a list of actions says it, with a short verb's -ing form that doubles its last letter ("Supports creating,
 * getting, stopping …"); those forms are not read elsewhere, where they are as often nouns or adjectives ("Running
 * processes", "Shipping rates").
 */
function listedVerb(word: string): VerbInfo | undefined {
  return TEXT_VERBS.get(word) ?? (/([bdgklmnprt])\1ing$/.test(word) ? TEXT_VERBS.get(word.slice(0, -4)) : undefined);
}

/** An English verb of each class, for an action listed in another language's conjugated form ("elenca, crea o elimina"). */
const CLASS_VERBS: Record<Category, string> = { read: "list", write: "update", execute: "run", destructive: "delete", financial: "pay" };

/** An action listed in another language, as the English verb of its class (its own, where glossed: "annule" cancels). */
function foreignListed(word: string): VerbInfo | undefined {
  const v = FOREIGN_VERB_OF.get(word);
  if (!v) return undefined;
  return NAME_VERBS.get(v.verb) ?? NAME_VERBS.get(CLASS_VERBS[v.category]);
}

/**
 * The most dangerous of the actions an argument offers (`{"action": {"enum": ["list", "create", "delete"]}}`), each
 * value read by the first verb among its words; none when it offers only HTTP methods on a tool that sends no requests.
 */
function mostSevereOffered(property: string | undefined, offered: readonly string[], words: readonly string[], lowerDescription: string): ToolReading["operations"] {
  if (offered.every(isHttpMethod) && !sendsRequests(words, lowerDescription)) return undefined;
  let best: VerbInfo | undefined;
  let bestValue = "";
  for (const value of offered) {
    const vt = tokenizeName(value).tokens;
    let v: VerbInfo | undefined;
    for (const t of vt) {
      v = NAME_VERBS.get(t);
      if (v) break;
    }
    // "remove" on a tool about a link (issue_dependency_write: add / remove) unlinks; it deletes neither end.
    if (v && REMOVE_VERBS.has(v.verb) && (words.some((w) => LINK_OBJECTS.has(w)) || vt.some((w) => LINK_OBJECTS.has(w)))) v = NAME_VERBS.get("unlink");
    // "select" beside "count" and "exists" on a tool about SQL is a SELECT, not a choice made in an interface.
    else if (v && v.verb === "select" && SQL_WORD.test(lowerDescription.slice(0, 300))) v = NAME_VERBS.get("query");
    if (v && (!best || SEVERITY[v.category] > SEVERITY[best.category])) {
      best = v;
      bestValue = value;
    }
  }
  return best ? { ...(property !== undefined ? { property } : {}), values: offered, category: best.category, value: bestValue, verb: best.verb } : undefined;
}

/** Whether any evidence weighed toward any category. */
function hasAnyScore(scores: Record<Category, number>): boolean {
  return Math.max(scores.read, scores.write, scores.execute, scores.destructive, scores.financial) > 0;
}

/** Whether the evidence so far reads the tool as a read: what the text then states it changes can outweigh the name. */
function readsMost(scores: Record<Category, number>): boolean {
  return scores.read > 0 && scores.read >= Math.max(scores.write, scores.execute, scores.destructive, scores.financial);
}

/** Whether the name's or the description's verb is itself a removal: a removal stated later in the text is no news. */
function leadsRemoval(nv: NameVerbHit | undefined, dv: DescriptionVerbHit | undefined): boolean {
  const removes = (v: VerbInfo) => v.category === "destructive" || REMOVE_VERBS.has(v.verb) || UNLINK_VERBS.has(v.verb);
  return (nv !== undefined && removes(nv)) || (dv !== undefined && removes(dv));
}

/** EFFECT_PREFILTER.test of an argument's description, read once per server (a server repeats its arguments). */
function effectCue(text: string, profile: ServerProfile | undefined): boolean {
  const seen = profile?.argumentEffectCues;
  if (!seen) return EFFECT_PREFILTER.test(text);
  let cue = seen.get(text);
  if (cue === undefined) seen.set(text, (cue = EFFECT_PREFILTER.test(text)));
  return cue;
}

/**
 * Whether EFFECT_PREFILTER finds anything in the arguments' descriptions joined by spaces, one description at a
 * time: of its words only "rm -rf" holds a space, which joining could complete ("… rm" then "-rf …").
 */
function argumentEffectCue(props: readonly { description: string }[], profile: ServerProfile | undefined): boolean {
  let previous = "";
  for (const p of props) {
    if (!p.description) continue;
    if (effectCue(p.description, profile) || (/rm$/i.test(previous) && /^-rf/i.test(p.description))) return true;
    previous = p.description;
  }
  return false;
}

/** Arguments named for what is to be deleted ("remove" is left out: as often a link undone, `labels.remove`). */
const DELETION_KEYS = new Set(["delete", "deletes", "to_delete", "delete_ids", "ids_to_delete", "destroy", "purge"]);

// An argument's description that leads with deleting a named thing (see argumentEffect).
const DESTRUCTIVE_OPTION =
  /^(?:(?:if|when) (?:set to )?true,? |whether to |set (?:to true|this) to )?(?:permanently )?(?:delete|deletes|purge|purges|wipe|wipes|erase|erases|destroy|destroys|drop|drops)\s+(?:\S+\s+){0,2}?(?:(?:a|an|the|all|any|every|each|this|these|those|existing|old)\b|[a-z]+[^s\s]s\b)/i;

/**
 * A stated destructive effect in the arguments' descriptions ("raw SQL, e.g. to DROP TABLE"), or an option whose
 * description leads with deleting something ("Delete files on the remote that are missing locally", "Whether to
 * purge old versions"): the tool does it when the option is set. Its object is named (a determiner or a plural:
 * "Delete constraint for lookup fields" names a setting); "remove" is not here, being as often a field cleared or a
 * link undone ("Remove the expiration time", "Remove from current parent"), and overwrites are overwriteArgument's.
 */
function argumentEffect(props: readonly PropertyView[], profile: ServerProfile | undefined): string | undefined {
  // A batch's list of what to delete (`{create: […], update: […], delete: [ids]}`) deletes, whatever it is described as.
  const deletes = props.find((p) => DELETION_KEYS.has(p.key));
  if (deletes) return `${deletes.name} argument`;
  if (!argumentEffectCue(props, profile)) return undefined;
  let joined = "";
  for (const p of props) if (p.description) joined += ` ${p.description}`;
  const stated = findPhrase(joined.toLowerCase(), "destructive_effect");
  if (stated) return stated;
  for (const p of props) if (DESTRUCTIVE_OPTION.test(p.description)) return quoteText(p.description, 60);
  return undefined;
}

/** Examinations that are queries: one may be a statement that writes (WRITABLE_QUERY, RESULT_KEPT). */
const QUERIES = new Set(["query", "queries"]);
/** A query's result kept: "writes its result to the stage", "results are written to the target bucket". */
const RESULT_KEPT = /\b(?:(?:writes?|saves?|stores?|persists?|inserts?|uploads?)\s+(?:(?:its|the|their|each|all)\s+)?(?:query\s+)?(?:results?|rows|output|answer|data)|(?:is|are) (?:written|saved|stored|persisted|inserted))\b/;
/** What a query may be a writing statement of (SQL_WORDS, WRITING_QUERY_WORDS), as a word of the text. */
const WRITABLE_QUERY = new RegExp(`\\b(?:${[...SQL_WORDS, ...WRITING_QUERY_WORDS].join("|")})\\b`);

/** The examination a running verb runs ("run_audit", "Run security scan on …"), from the name or the description. */
function examinationRun(
  nv: NameVerbHit | undefined,
  object: readonly string[],
  dv: DescriptionVerbHit | undefined,
  lowerDescription: string,
): { source: "name" | "description"; quote: string; runs: Category } | undefined {
  // A query run is an examination unless it may write: a statement in SQL or a graph language that also writes, a
  // mutation, a database's raw query ("Execute a Cypher query", "Run a query against the database"), or a result kept
  // ("Runs a read-only query and writes its result to the stage").
  const mayWrite = lowerDescription.includes("quer") && (WRITABLE_QUERY.test(lowerDescription) || RESULT_KEPT.test(lowerDescription));
  const examined = (verb: string) => (o: string) => (EXAMINATIONS.has(o) && !(mayWrite && QUERIES.has(o))) || (verb === "evaluate" && EVALUATED.has(o));
  if (nv && RUNNING_VERBS.has(nv.verb)) {
    const w = object.find(examined(nv.verb));
    if (w) return { source: "name", quote: `${nv.verb} ${w}`, runs: nv.category };
  }
  if (dv && RUNNING_VERBS.has(dv.verb)) {
    // The examination may sit behind its qualifiers ("Runs security and performance lint checks against the schema"),
    // unless the text says the run writes ("Build tools may … write local caches").
    const unsaved = dv.first && !PERSIST_WORDS.test(lowerDescription);
    const w = dv.object.find(examined(dv.verb)) ?? (unsaved ? clauseAfterVerb(dv.quote).find(examined(dv.verb)) : undefined);
    if (w) return { source: "description", quote: `${dv.verb} ${dv.object.slice(0, dv.object.indexOf(w) + 1).join(" ")}`, runs: dv.category };
    const purpose = unsaved ? examiningPurpose(lowerDescription) : undefined;
    if (purpose) return { source: "description", quote: purpose, runs: dv.category };
  }
  return undefined;
}

/**
 * A program's purpose after the few words naming it: "Run masscan for high-speed port scanning", "Run whatweb to
 * identify web technologies". Group 1 is the preposition, group 2 up to five words of the purpose.
 */
const RUN_PURPOSE = /^\S+\s+(?:[^\s.,;:()]+\s+){1,3}?(for|to)\s+((?:[^\s.,;:()]+\s*){1,5})/;

/**
 * The purpose a program is run for, quoted, when it examines: its head (the verb after "to", the last noun after
 * "for", before any preposition) examines, and no change is joined to it ("to find and replace text") nor an attack
 * ("for detection and exploitation").
 */
function examiningPurpose(lower: string): string | undefined {
  const m = RUN_PURPOSE.exec(lower);
  if (!m) return undefined;
  const all = m[2]!.trim().split(/\s+/);
  const end = all.findIndex((w) => PREPOSITIONS.has(w));
  const words = end > 0 ? all.slice(0, end) : all;
  const head = m[1] === "to" ? words[0]! : words.at(-1)!;
  if (!EXAMINING_PURPOSES.has(head) || words.some((w) => BEYOND_EXAMINING.has(w))) return undefined;
  const joinsChange = words.some((w, i) => i > 0 && CONJUNCTIONS.has(words[i - 1]!) && (TEXT_VERBS.get(w)?.category ?? "read") !== "read");
  return joinsChange ? undefined : quoteText(m[0], 60);
}

/** Up to six words after a leading verb, up to the first preposition or mark: what the verb takes. */
function clauseAfterVerb(quote: string): string[] {
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

const HTTP_METHODS = new Set("get head post put patch delete options trace connect".split(" "));

function isHttpMethod(value: string): boolean {
  return HTTP_METHODS.has(value.toLowerCase());
}

/**
 * Whether a tool makes HTTP requests itself ("Make an HTTP request to any URL"): only then is a DELETE among its
 * `method` values something it does; elsewhere the method describes a thing (a mocked endpoint, an API being
 * documented) or filters a listing.
 */
function sendsRequests(words: readonly string[], lowerDescription: string): boolean {
  return words.includes("request") || words.includes("http") || words.includes("curl") || /\b(?:http )?requests?\b/.test(lowerDescription.slice(0, 200));
}

/**
 * A verb whose object says what it does: "simulates pressing a key" and "simulate a click" press and click (the
 * simulated event happens); "extracts an archive" writes the archive's files, where "extracts entities" reads.
 */
function verbForObject<T extends VerbInfo>(v: T, object: readonly string[]): T {
  if (v.verb === "simulate") {
    const event = object.find((w) => INPUT_EVENTS.has(w));
    if (event) {
      const pressed = TEXT_VERBS.get(event) ?? { verb: event, category: "write" as const, ambiguous: false };
      return { ...v, verb: pressed.verb, category: pressed.category, ambiguous: pressed.ambiguous };
    }
  }
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

/**
 * Another language's claim of changing nothing, unless it names what it leaves alone, marked as the Korean or Japanese
 * topic or object just before it: "다우오피스 예약은 변경하지 않습니다" leaves one system's bookings alone (the tool changes
 * its own), where "아무것도 변경하지 않습니다" and "データは変更しません" claim it for everything.
 */
function foreignReadOnlyClaim(description: string): string | undefined {
  const m = READ_ONLY_ELSEWHERE.exec(description);
  if (!m) return undefined;
  const named = TOPIC_BEFORE.exec(description.slice(Math.max(0, m.index - 16), m.index));
  return named && !WHOLE_NOUNS.has(named[1]!) ? undefined : m[0];
}
const TOPIC_BEFORE = /([\p{L}\p{N}]+)[은는을를はを]\s*$/u;
const WHOLE_NOUNS = new Set(["데이터", "상태", "파일", "データ", "状態", "ファイル"]);

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
function descriptionVerbAfterLabel(description: string, lower: string): DescriptionVerbHit | undefined {
  const whole = leadingVerb(description, lower);
  const label = leadingLabel(description);
  if (!label && !whole) return verbOfSecondSentence(description);
  if (!label || (whole && whole.category === "destructive")) return whole;
  if (label.kind === "named") {
    const first = leadingLetters(label.rest)?.toLowerCase();
    if (!first || !(TEXT_VERBS.has(first) || FOREIGN_VERB_OF.has(first))) return whole;
  }
  const after = leadingVerb(label.rest, label.rest.toLowerCase());
  // A bracket holds no action ("[Risk: MEDIUM, Read-Only: false] Unified … tool. Propose and apply …"): after it, a
  // short verbless opening is a label too.
  return label.kind === "bracketed" ? (after ?? verbOfSecondSentence(label.rest)) : (after ?? whole);
}

/** What a conversion turns into, up to three words after "into": "into a Baize execution task". */
const CONVERTED_INTO = /\binto\s+(?:a\s+|an\s+|the\s+)?((?:[a-z]+\s+){0,2}[a-z]+)/;
/** Records a conversion makes: "into a draft invoice", "into an execution task" (not "into a list of tasks"). */
const RECORD_KINDS = new Set("task tasks subtask subtasks ticket tickets issue issues draft drafts invoice invoices card cards deal deals lead leads story stories epic epics job jobs".split(" "));

/** Whether a conversion's clause makes a record: the head word of what it turns into, before any of/for/with. */
function convertsIntoRecord(clause: string): boolean {
  const into = CONVERTED_INTO.exec(clause);
  if (!into) return false;
  const words = into[1]!.split(/\s+/);
  const cut = words.findIndex((w) => w === "of" || w === "for" || w === "with");
  const head = (cut < 0 ? words : words.slice(0, cut)).at(-1);
  return head !== undefined && RECORD_KINDS.has(head);
}

/**
 * A run started as a job of its own: a job id handed back, a background or asynchronous run, a queue ("Start a
 * background crawl … Returns a job ID"), a lasting thing it creates ("Creates a persistent audit session"), where a
 * streaming session polled for its results is a reading.
 */
const BACKGROUND_JOB = /\b(?:job[ _-]?ids?|in the background|background (?:job|task|run|crawl|scan|search|analysis)|asynchronous(?:ly)?|queued?|poll (?:with|using|via)|creates? an? (?:persistent|durable|stored|saved|new)\b)\b/;

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
function writtenAnyway(
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
// (a guest or a passenger checked in; "check" alone reads).
const TWO_WORD_VERB = /\b(?:dry[- ]run|force[- ]push|turn (?:on|off)\b|roll(?:s|ing)? back\b|zero(?:e?s)? out\b|check-in\b|checks in\b)/i;
const TWO_WORD_VERBS = /\b(?:dry[- ]run|force[- ]push|turn (?:on|off)\b|roll(?:s|ing)? back\b|zero(?:e?s)? out\b|check-in\b|checks in\b)/gi;
/** "rolls back" → "rollbacks": the one-word verb in the same form. */
const joinTwoWords = (m: string) => {
  const lower = m.toLowerCase();
  if (lower.startsWith("roll")) return `rollback${lower.slice(4, lower.indexOf(" "))}`;
  if (lower.startsWith("zero")) return lower.startsWith("zero ") ? "zeroout" : "zeroouts";
  if (lower.startsWith("checks")) return "checkins";
  return lower.replace(/[- ]/, "");
};
// Verbs that say nothing of the effect: the verb after them does ("Attempt to repair …").
const SKIPPED_GENERIC = new Set(["perform", "performs", "use", "uses", "attempt", "attempts"]);
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
function nounInDescription(words: readonly string[], nameVerb: NameVerbHit | undefined, dv: DescriptionVerbHit, lowerDescription: string): boolean {
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

/** A letter of another script or accented Latin: text that may be in another language. */
const OTHER_LETTER = /[\u00c0-\u024f\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\u1e00-\u1eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
/** Function words of the Latin-script languages read here that English does not use ("el mundo actual se borra"). */
const OTHER_LANGUAGE_WORD = / (?:se|el|la|los|las|der|die|das|und|les|des|est|il|lo|con|del|di|dei|nel|una|sono|viene|vengono|wird|nicht|para|por|het|een) /;

/** A negation just before a phrase of another language ("不会失效", "ne sera pas", "nicht") or just after it ("上書きされません"). */
const NEGATED_BEFORE = /(?:不会|不會|不|没有|沒有|않|\bne|\bn'|\bno|\bnão|\bnicht|\bне|\btidak|\bkhông|\bnie|\bniet|\bnon)\s*$/i;
const NEGATED_AFTER = /^(?:されません|しません|されない|되지 않|하지 않|\s*(?:değil|yok))/;

/** A parenthesis opened right after a tool's name (group 1), a word or two before what it explains: "write_note (ghi đè)". */
const EXPLAINS_TOOL = new RegExp(`(${TOOL_NAME})\`?\\s*\\(\\s*(?:[^\\s()]+\\s+){0,2}$`, "i");

/**
 * The first match of `pattern` in `text` that does not explain another tool than the one named `self` (lower-case):
 * "CẦN version này để write_note (ghi đè)" tells of write_note, and the tool's own words may follow it.
 */
function ownMatch(pattern: RegExp, text: string, self: string): { index: number; text: string } | undefined {
  for (let from = 0; from < text.length; ) {
    const m = pattern.exec(from === 0 ? text : text.slice(from));
    if (!m) return undefined;
    const index = from + m.index;
    const named = EXPLAINS_TOOL.exec(text.slice(Math.max(0, index - 60), index))?.[1];
    if (named === undefined || named.toLowerCase() === self) return { index, text: m[0] };
    from = index + Math.max(1, m[0].length);
  }
  return undefined;
}

/** What `pattern` finds in another language's text, unless a negation beside it denies it or it explains another tool. */
function affirmedElsewhere(pattern: RegExp, description: string, self: string): string | undefined {
  const m = ownMatch(pattern, description, self);
  if (!m) return undefined;
  const end = m.index + m.text.length;
  const denied = NEGATED_BEFORE.test(description.slice(Math.max(0, m.index - 8), m.index)) || NEGATED_AFTER.test(description.slice(end, end + 8));
  return denied ? undefined : m.text;
}

/**
 * Words of another language that `pattern` finds (loss, a removal), unless they tell of a removal that happens by
 * itself or later ("… supprimés automatiquement", "30日後に削除されます"): a retention policy, not the tool's act.
 */
function statedElsewhere(pattern: RegExp, description: string, self: string): string | undefined {
  const m = ownMatch(pattern, description, self);
  if (!m) return undefined;
  const end = m.index + m.text.length;
  if (AUTOMATIC_ELSEWHERE.test(description.slice(end, end + 24))) return undefined;
  return LATER_ELSEWHERE.test(description.slice(Math.max(0, m.index - 12), m.index)) ? undefined : m.text;
}

/** What a text says of a made thing it hands back only: "It is not saved anywhere". */
const NOT_KEPT = /\b(?:not (?:saved|stored|persisted)|nothing is (?:saved|stored|persisted|created))\b/;

/** Verbs that examine code or SQL they are given without running it (EXPLAIN ANALYZE runs it: analyze is not here). */
const CODE_EXAMINING_VERBS = new Set(["explain", "validate", "lint", "format", "parse", "estimate", "preview", "dryrun", "verify", "tokenize"]);

/** Whether a verb after the description's start stands as a noun before "of": "Past deploys of a service", "Condensed outline of the DOM". */
function pluralBeforeOf(dv: DescriptionVerbHit, lowerDescription: string): boolean {
  return lowerDescription.includes(`${dv.verb}s of `) || lowerDescription.includes(` ${dv.verb} of `);
}
// … and a yes-or-no question about a thing ("Is the door locked, open or forced?").
const QUESTION_WORDS = "which|whether|what|who|where(?!\\s+(?:possible|available|supported|applicable|needed|necessary|relevant)\\b)|how many|how much|(?:is|are|does|do|has|have) (?:the|a|an|there|this|any)";

/** A description that opens as the question its answer settles: "Which migrations have been applied …". */
const QUESTION_START = new RegExp(`^(?:${QUESTION_WORDS})\\s`);
/** Descriptions that open as a noun phrase ("Headers of an object …", "Size of the queue") or a question ("Which …"). */
const NOUN_PHRASE_START = new RegExp(`^(?:(?:[\\p{L}][\\p{L}\\p{N}'-]*,?\\s+){1,3}of\\s|(?:${QUESTION_WORDS})\\s)`, "u");
/** A generic verb opening a description (SKIPPED_GENERIC's, and managing or handling): the verb that matters comes after. */
const GENERIC_START = new RegExp(`^(?:${[...SKIPPED_GENERIC, "manage", "manages", "handle", "handles"].join("|")})\\s`);

/**
 * A description opening with a turning on or off, its object between and the particle ending the clause: "Turn
 * Logitech Litra device(s) on.", "Turns monitoring on or off" (not "Turn text into speech based on input").
 */
const TURNED_ON_OFF = /^turns?\s+((?:[^\s.,;:]+\s+){1,5}?)(on|off)(?=\s*(?:$|[.,;:!)]|\s(?:and|or)\b))/i;
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
  // "Dry-run: …", "force-push", "turn on", "roll back", "zero out" and "check-in" are one word each. Few descriptions say "dry", "force",
  // "turn o", "roll" or "zero" at all (where "turn" alone is in every "Returns").
  const text = description.length > 400 ? description.slice(0, 400) : description;
  const joined = (lower.includes("dry") || lower.includes("force") || lower.includes("turn o") || lower.includes("roll") || lower.includes("zero") || lower.includes("check")) && TWO_WORD_VERB.test(text) ? text.replace(TWO_WORD_VERBS, joinTwoWords) : text;
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
    // Asking something to do a thing is doing it: "Asks an application to quit" quits.
    if ((word === "ask" || word === "asks") && others === 0) {
      const asked = ASKED_TO.exec(head.slice(token.end, token.end + 60));
      if (asked && TEXT_VERBS.has(asked[1]!.toLowerCase())) continue;
    }
    // A part of an identifier ("creator_type", "dry_run") names a field, not what the tool does; so does a word quoted
    // alone after words of the text's own (the Mentor "void" inbox), where one it opens with, after filler or an adverb,
    // is its verb ("`kill` a process", 'Forcibly "stop" the VM').
    // … and so does a host's or a file's name ("Grants.gov", "config.yaml").
    const dotted = head.charCodeAt(token.end) === 46 && isLowerAsciiLetter(head.charCodeAt(token.end + 1));
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
    const found = TEXT_VERBS.get(word) ?? (others === 0 && NOMINALIZED.has(word) && /^\s+of\s/i.test(head.slice(token.end, token.end + 5)) ? NAME_VERBS.get(NOMINALIZED.get(word)!) : undefined);
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
      // The first clause: joined verbs ("Create or update") and the object ("a Kubernetes Pod") live here.
      const clauseEnd = rest.slice(0, 160).search(/[.;:\n(]/);
      const clauseText = (clauseEnd >= 0 ? rest.slice(0, clauseEnd) : rest.slice(0, 160)).toLowerCase();
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
        const next = TEXT_VERBS.get(w);
        // In a list of actions one may carry its object before the last is named ("List, get details, or cancel runs"):
        // that word is skipped when a conjunction and an unambiguous verb follow it.
        if (!next && j > 1 && joined.length > 0 && CONJUNCTIONS.has(clause.at(j + 1) ?? "") && TEXT_VERBS.get(clause.at(j + 2) ?? "")?.ambiguous === false && listedAfterLead(rest)) {
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
        if (next && j === 1 && !listedAfterLead(rest)) break;
        // … and so does the last of a marked list of verbs, after its conjunction ("List, count, or merge tags").
        const closesList = joined.length > 0 && CONJUNCTIONS.has(clause.at(j - 1) ?? "") && listedAfterLead(rest);
        if (!next || (next.ambiguous && !paired && !closesList && !(CONJUNCTIONS.has(nextWord) && TEXT_VERBS.get(clause.at(j + 2) ?? "")?.ambiguous === false) && !OBJECT_OPENERS.has(nextWord))) break;
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
      // to someone or something named sends the report.
      if (v.verb === "report" && (object[0] === "a" || object[0] === "an" || REPORTED_TO.test(ASKED_AFTER_VERB.test(clauseText) ? clauseText.replace(TO_PRONOUN, "") : clauseText))) return { ...hit, category: "write" };
      // Extracting into a new thing makes it ("Extract code range to a new function"), where extracting text reads;
      // so does converting into a record of the kind a converted record is ("Convert an estimate into a draft invoice").
      if (v.verb === "extract" && INTO_NEW.test(clauseText)) return { ...hit, category: "write" };
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

export interface PropertyView {
  name: string;
  /** The name in snake_case, as the lexicon lists arguments: filePath → file_path. */
  key: string;
  /** What the key says the argument runs, when it names a language (EXEC_PROPERTIES): looked up once per argument. */
  exec: ExecKind | undefined;
  description: string;
  enumValues: readonly string[];
  /** The JSON schema type, when it is one name ("boolean", "number" …). */
  type: string | undefined;
}

const NO_VALUES: readonly string[] = [];

const snakeCodes: number[] = [];

function snakeByRegex(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase().replace(/-/g, "_");
}

/**
 * An argument name in snake_case (filePath → file_path, page-size → page_size): the name itself unless it has an
 * upper-case ASCII letter or a dash; then, for an ASCII name, one pass over its characters that does what the
 * regex replacements below do (a third of the argument names are camelCase, and every tool's arguments are read).
 */
function snakeKey(name: string): string {
  let i = 0;
  for (; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c === 45) break;
  }
  if (i === name.length) return name;
  // Long names (as arguments to fromCharCode) and names outside ASCII take the regexes.
  if (name.length > 256) return snakeByRegex(name);
  snakeCodes.length = 0;
  let afterLower = false;
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c >= 128) return snakeByRegex(name);
    if (c >= 65 && c <= 90) {
      // An upper-case letter after a lower-case one starts a word.
      if (afterLower) snakeCodes.push(95);
      snakeCodes.push(c + 32);
    } else snakeCodes.push(c === 45 ? 95 : c);
    afterLower = c >= 97 && c <= 122;
  }
  return String.fromCharCode(...snakeCodes);
}

/** "read-write" (or read/write) in lower-cased text: a mode that writes. */
const READ_WRITE = /\bread[- /]write\b/;

/** Whether a schema lists an argument among those it requires. */
function requiredArgument(schema: Record<string, unknown> | undefined, name: string): boolean {
  const required = schema?.required;
  return Array.isArray(required) && required.includes(name);
}

/** The properties of a tool's input schema, each with its snake_case key, description and string enum. */
export function schemaProperties(schema: Record<string, unknown> | undefined): PropertyView[] {
  const props = schema?.properties ?? (schema ? variantProperties(schema) : undefined);
  if (!props || typeof props !== "object") return [];
  const out: PropertyView[] = [];
  for (const name of Object.keys(props)) {
    const raw = (props as Record<string, unknown>)[name];
    const p = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
    const description = p.description;
    const key = snakeKey(name);
    out.push({ name, key, exec: EXEC_KIND.get(key), description: typeof description === "string" ? description : "", enumValues: choiceValues(p, name), type: typeof p.type === "string" ? p.type : undefined });
  }
  return out;
}

/** An object's variants in a JSON schema: the objects of its anyOf or oneOf. */
function variantsOf(schema: Record<string, unknown>): Record<string, unknown>[] {
  const list = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  return list ? list.filter((v): v is Record<string, unknown> => v !== null && typeof v === "object") : [];
}

/**
 * The properties of a schema given only as variants (a discriminated union at the top, as zod writes one): each
 * property once, a discriminator as the union of its variants' constants (`{oneOf: [{properties: {action: {const:
 * "list"}}}, …]}` offers every action).
 */
function variantProperties(schema: Record<string, unknown>): Record<string, unknown> | undefined {
  const variants = variantsOf(schema);
  if (variants.length === 0) return undefined;
  const merged: Record<string, Record<string, unknown>> = {};
  for (const v of variants) {
    const props = v.properties;
    if (!props || typeof props !== "object") continue;
    for (const [name, raw] of Object.entries(props as Record<string, unknown>)) {
      if (!raw || typeof raw !== "object") continue;
      const p = raw as Record<string, unknown>;
      const known = merged[name];
      if (!known) merged[name] = typeof p.const === "string" ? { ...p, enum: [p.const] } : p;
      else if (typeof p.const === "string" && Array.isArray(known.enum)) known.enum = [...(known.enum as unknown[]), p.const];
    }
  }
  return merged;
}

/**
 * The fixed values a property offers: its enum, or the constants of its variants (`{anyOf: [{const: "list"}, …]}`,
 * or a discriminated union under the property itself, `{anyOf: [{properties: {action: {const: "list"}}}, …]}`).
 */
function choiceValues(p: Record<string, unknown>, name: string): readonly string[] {
  const strings = (values: unknown) => (Array.isArray(values) ? values.filter((v): v is string => typeof v === "string") : []);
  if (Array.isArray(p.enum)) return strings(p.enum);
  const variants = variantsOf(p);
  if (variants.length === 0) return NO_VALUES;
  const values: string[] = [];
  for (const v of variants) {
    const own = (v.properties as Record<string, Record<string, unknown> | undefined> | undefined)?.[name];
    const at = own && typeof own === "object" ? own : v;
    if (typeof at.const === "string") values.push(at.const);
    else values.push(...strings(at.enum));
  }
  return values.length > 0 ? values : NO_VALUES;
}

/** findInjection of an argument's description, read once per server. */
function argumentInjection(text: string, profile: ServerProfile | undefined): InjectionFinding | undefined {
  const seen = profile?.argumentInjections;
  if (!seen) return findInjection(text);
  let found = seen.get(text);
  if (found === undefined) {
    found = findInjection(text) ?? null;
    seen.set(text, found);
  }
  return found ?? undefined;
}

/**
 * A confirmation the tool asks for before it acts (CONFIRMATION_REQUIRED) or the person gives first
 * (CONFIRMED_BY_PERSON). Every form of both holds "confirm", "approv" or 确认: the rest of the text pays for neither.
 */
function confirmationAsked(lower: string): RegExpExecArray | null {
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
/** The tool signing or sending a transaction it built: "signs it with the configured keypair", "then signs and submits it". */
const SIGNED_AND_SENT = /\b(?:signs|signing)\s+(?:it|and|with|the)\b|\b(?:sends|submits|broadcasts|executes)\b/;
/** An identifier in snake case: a tool's or an argument's name. */
const NAMED_TOOL = /\b[a-z0-9]+(?:_[a-z0-9]+)+\b/;

const EVALUATING_VERBS = new Set(["evaluate", "eval"]);
/** The kinds of code an evaluation runs, a notebook's cells and the languages named. */
const CODE_WORDS = "javascript|js|typescript|expressions?|scripts?|code|snippets?|functions?|python|java|lua|statements?|commands?|shell|cells?|notebooks?|lisp|elisp|clojure";
/** Code an evaluation runs, as a word of the description. */
const EVALUATED_CODE = new RegExp(`\\b(?:${CODE_WORDS}|lambda|sexp|repl|nrepl)\\b`);
/**
 * The head of what a description evaluates: the last word before a preposition or a stop ("Evaluate a JavaScript
 * expression in the page" → expression; "Evaluate the code quality of a repository" → repository).
 */
const EVALUATED_PHRASE = /\beval(?:uate|uates|uating)?\s+(?:[\w'’.+-]+\s+){0,5}?([\w'’.+-]+)(?=\s+(?:in|on|inside|within|against|and|to|for|with|from|using|at|as|under|while|by|without|so|then)\b|\s*[.,;:()]|\s*$)/;
/** Heads that are code an evaluation runs: those words, a Lisp form, a block or a program. */
const EVALUATED_CODE_HEAD = new RegExp(`^(?:${CODE_WORDS}|lambdas?|sexps?|forms?|blocks?|programs?)$`);
/** An evaluation whose results are kept: "… and log the metrics to MLflow", "saves the scores". */
const RESULTS_KEPT =
  /(?:\b(?:log|logs|save|saves|store|stores|write|writes|persist|persists|record|records)\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:metrics|results?|scores?|evaluations?|findings)|\b(?:metrics|results?|scores?)\s+(?:are|is)\s+(?:then\s+|also\s+)?(?:logged|saved|stored|written|recorded))\b(?![^.;]{0,20}\b(?:response|caller|output|reply)\b)/;
const RECOMPUTING_VERBS = new Set(["recompute", "recalculate"]);
/** Other inputs a recomputation takes ("for a different interest rate", "using the given values"), not the record it redoes. */
const RECOMPUTED_FOR_INPUTS =
  /\b(?:for|from|with|using)\s+(?:the\s+|a\s+|an\s+|these\s+)?(?:given|different|supplied|provided|new|other|hypothetical|alternative)\s+(?:[a-z-]+\s+){0,2}?(?:rates?|values?|parameters?|inputs?|numbers?|amounts?|terms?|assumptions?|figures?)\b/;
const GOING_VERBS = new Set(["go", "navigate"]);
/** What a tool follows to read where it leads, not to subscribe ("cross" as "cross-references" ends a phrase). */
const FOLLOWED_PATHS = new Set("link links cursor cursors reference references cross redirect redirects pointer pointers href hrefs url urls keys".split(" "));
/** A following by some means, in lower-case text: "Follow an account by its URL", "Follow the account at a profile URL". */
const FOLLOWED_BY_MEANS = /^follows?\s+(?:[^\s.,;:]+\s+){1,4}?(?:by|at|via|whose)\b/;
/**
 * A "Side effects:" label of the text's own, led by a verb of change ("Side effects: executes a shell command"), with
 * that verb's class; not one the words after deny ("Side effect: updates nothing", "modifies no state").
 */
function sideEffectListed(lowerDescription: string): { quote: string; category: Category } | undefined {
  if (!lowerDescription.includes("side")) return undefined;
  const m = SIDE_EFFECTS_LISTED.exec(lowerDescription);
  const v = m ? TEXT_VERBS.get(m[1]!) : undefined;
  if (!m || !v || v.category === "read" || /^\s+(?:nothing|no)\b/.test(lowerDescription.slice(m.index + m[0].length))) return undefined;
  return { quote: quoteText(lowerDescription.slice(m.index, m.index + 80).replace(/^[^a-z]+/, ""), 60), category: v.category };
}

/** Name verbs that hand back what they make (an export, a render, a download), unless the description says it is kept. */
const OUTPUT_VERBS = new Set(["export", "render", "download", "dump", "print"]);
/** Description verbs that keep what they make: "Write a diagnostics bundle …", "Save the export under exports/". */
const KEEPING_LEADS = new Set(["write", "save", "store", "persist"]);
/** Description verbs that keep something, whatever the name reads: "Record an answer", "Save one view PNG" (not "Write access …"). */
const RECORDING_LEADS = new Set(["save", "store", "persist", "append", "record"]);
/**
 * … as verbs, bare with their object's determiner after them: not the nouns of "Record details for the given ID", "Store
 * list", nor a plural before its relative clause ("Stores the current user can manage", "Records every change made").
 */
const RECORDED_OBJECT = /\b(?:save|store|persist|append|record)\s+(?:a|an|the|one|this|that|these|those|its|their|your|each|every|all|some|any|it|them|new)\b|\brecords\s+that\b/;
/** … unless the text hands it back instead: "Write the results as CSV and return the text inline", "Nothing is saved". */
const HANDED_BACK_INSTEAD = /\b(?:inline|as base64|as a string|(?:in|to) the response|back to the caller|to stdout|nothing is (?:saved|stored|written|kept)|not (?:saved|stored|written|kept))\b/;
/** Where a symbol of code is written: what an editor's "go to" finds. */
const CODE_LOCATIONS = new Set("definition definitions declaration declarations implementation implementations symbol symbols".split(" "));
/** A go-to that moves an editor: "Navigate the editor to …", "moves the cursor there", "opens the file". */
const MOVES_EDITOR = /\beditor\b|\b(?:moves?|moving|places?|sets?|selects?|selecting)\s+(?:the\s+)?(?:cursor|selection|caret|range)\b|\bopen(?:s|ing)?\s+(?:the\s+|its\s+)?file\b/;
/**
 * A Git fetch: of nothing or of changes, branches, refs or tags from a remote ("Fetch a branch from origin", "Fetch from
 * the remote repository without merging"), of a remote named ("Fetch the specified remote"), of every remote, of remote
 * refs, or "git fetch"; not of a file from a remote repository, nor what it hands back ("… and return them as a list").
 */
const GIT_FETCH =
  /\bfetch(?:es|ing)?\s+(?:(?:a|the|all|latest|new|any|its)\s+){0,2}(?:(?:changes|updates|branch(?:es)?|refs|tags|commits|objects)\s+)?from\s+(?:(?:a|the|its|every|each|all|another)\s+)?(?:remotes?|origin|upstream)\b|\bfetch(?:es|ing)?\s+(?:(?:the|a|specified|given|named|selected)\s+)+remote\b(?!\s+(?:file|files|url|content|data|repository|branches))|\bfetch(?:es|ing)?\b[^.;]{0,30}?\b(?:all|every|each)\s+remotes?\b|\bfetch(?:es|ing)?\s+(?:git\s+)?remote\s+refs\b|\bgit fetch\b/;
const HANDED_BACK = /\breturn(?:s|ing)?\s+(?:them|their|its|the\s+(?:list|names|messages|contents?))\b/;
const SESSION_VERBS = new Set(["connect", "disconnect", "reconnect"]);
/** Connecting in other words ("Attach to an existing sandbox"). */
const ATTACHING_VERBS = new Set(["attach", "detach"]);
/** What a session verb's lead opens or closes when it is the connection itself ("Opens a connection with the MySQL server"). */
const CONNECTION_OBJECTS = new Set("connection connections session sessions socket sockets".split(" "));
/**
 * A description that leads by connecting things, not "to", "from" or another preposition, nor the connector itself:
 * "Connects memories together", "This tool connects two nodes", not "Connects the agent to Chrome".
 */
const LINKS_THINGS =
  /^\W*(?:(?:this tool|this|it)\s+|use (?:this|it)(?: tool)? to\s+)?(?:re|dis)?connect(?:s|ing)?\s+(?!(?:to|from|with|via|using|over|through|and|or|on|in|into|at|as|if|when|once|it|directly|automatically|securely|again|back|first|now|here|me|you|us)\b)(?!(?:the\s+|this\s+|your\s+|an?\s+)?(?:agent|client|assistant|session|bot|model|claude|(?:mcp|this)\s+server)\b)[a-z]/;
/** Verbs that keep what they are given: a made thing they update, save or share is kept. */
const STORING_VERBS = new Set("update upsert save store edit modify patch put append persist write share publish".split(" "));
/** … of which a name's verb keeps the made thing even where the description only makes it ("update_day"). */
const KEEPING_VERBS = new Set("update upsert save store persist publish share".split(" "));

/**
 * Whether an evaluation runs code: the name's object is code by its head word (`eval_js`, `evaluate_notebook`; not
 * `evaluate_code_quality`), or the description's evaluated phrase is by its head ("Evaluate a Clojure form …"; not
 * "Evaluate the function's complexity"), or, where the description evaluates nothing by name, it names code at all
 * ("Execute JavaScript in the browser context").
 */
function evaluatesCode(object: readonly string[], lowerDescription: string): boolean {
  if (EVALUATED_CODE_HEAD.test(object.at(-1) ?? "")) return true;
  const head = EVALUATED_PHRASE.exec(lowerDescription)?.[1];
  return head !== undefined ? EVALUATED_CODE_HEAD.test(head) : EVALUATED_CODE.test(lowerDescription);
}

/** The name's and the description's verbs in the sense their objects and the text give them. */
function verbsInTheirSense(
  nv: NameVerbHit | undefined,
  dv: DescriptionVerbHit | undefined,
  object: readonly string[],
  lowerName: string,
  lowerDescription: string,
): { nv: NameVerbHit | undefined; dv: DescriptionVerbHit | undefined } {
  // Evaluating a thing that is no code (a design, a strategy, a prediction, a session) assesses it, and keeps what it
  // finds only where the text says so ("… and log the metrics to MLflow"); evaluating an expression, a script or code
  // runs it ("Evaluate a JavaScript expression in the page").
  if (nv && EVALUATING_VERBS.has(nv.verb) && nv.category === "execute" && object.length > 0 && !object.some((w) => EVALUATED.has(w)) && !evaluatesCode(object, lowerDescription)) {
    nv = { ...nv, category: RESULTS_KEPT.test(lowerDescription) ? "write" : "read" };
  }
  // Recomputing for other inputs calculates ("Recalculate the monthly payment for a different rate").
  if ((RECOMPUTING_VERBS.has(nv?.verb ?? "") || RECOMPUTING_VERBS.has(dv?.verb ?? "")) && RECOMPUTED_FOR_INPUTS.test(lowerDescription)) {
    if (nv && RECOMPUTING_VERBS.has(nv.verb)) nv = { ...nv, category: "read" };
    if (dv && RECOMPUTING_VERBS.has(dv.verb)) dv = { ...dv, category: "read" };
  }
  // Going to a symbol's definition finds where it is written (an editor's lookup), unless it moves an editor there.
  const goesTo = (v: VerbInfo | undefined, words: readonly string[]) => v !== undefined && GOING_VERBS.has(v.verb) && words.some((w) => CODE_LOCATIONS.has(w));
  const nameGoes = goesTo(nv, object);
  const descriptionGoes = goesTo(dv, dv?.object ?? []);
  if ((nameGoes || descriptionGoes) && !MOVES_EDITOR.test(lowerDescription)) {
    if (nv && nameGoes) nv = { ...nv, category: "read" };
    if (dv && descriptionGoes) dv = { ...dv, category: "read" };
  }
  // A Git fetch updates the repository's remote-tracking refs ("git fetch from all remotes") where Git is named.
  if ((nv?.verb === "fetch" || dv?.verb === "fetch") && GIT_FETCH.test(lowerDescription) && !HANDED_BACK.test(lowerDescription) && (lowerName.includes("git") || lowerName.includes("repo") || /\bgit\b/.test(lowerDescription))) {
    if (nv?.verb === "fetch") nv = { ...nv, category: "write" };
    if (dv?.verb === "fetch") dv = { ...dv, category: "write" };
  }
  // Connecting and disconnecting read a session ("Connect to the MySQL database", "Opens a connection with the MySQL
  // server"); one that leads by linking things writes ("Connects related entries to a relation field", "Disconnect a
  // member from their voice channel"), and a description leading with another change says what it does ("Add a
  // patchcord", "Turn off a device's VPN tunnel", "Create a connection between Salesforce and HubSpot").
  if (nv && SESSION_VERBS.has(nv.verb)) {
    const connectionItself = dv !== undefined && dv.object.some((w) => CONNECTION_OBJECTS.has(w)) && !/\bconnection between\b/.test(lowerDescription);
    if (dv && dv.first && dv.category !== "read" && !SESSION_VERBS.has(dv.verb) && !ATTACHING_VERBS.has(dv.verb) && !connectionItself) nv = { ...nv, category: dv.category };
    else if (LINKS_THINGS.test(lowerDescription)) nv = { ...nv, category: "write" };
  }
  if (dv && SESSION_VERBS.has(dv.verb) && LINKS_THINGS.test(lowerDescription)) dv = { ...dv, category: "write" };
  // Following a link, a cursor or a reference reads where it leads ("Follow the `next_href` cursor to fetch the next
  // page", "Follow incoming/outgoing cross-references"); following a person, a team or a channel subscribes. The path
  // must be what is followed, not how ("Follow an account by its URL"), and a name's path gives way to a description
  // leading with another verb ("follow_user_link": "Subscribe to …").
  const followsPath = (v: VerbInfo | undefined, words: readonly string[]) => v?.verb === "follow" && FOLLOWED_PATHS.has(words.at(-1) ?? "");
  if (nv && followsPath(nv, object) && !object.some((w) => w === "by" || w === "via" || w === "at") && (!dv || dv.verb === "follow") && !FOLLOWED_BY_MEANS.test(lowerDescription)) nv = { ...nv, category: "read" };
  if (dv && followsPath(dv, dv.object) && !FOLLOWED_BY_MEANS.test(lowerDescription)) dv = { ...dv, category: "read" };
  // An export or a render whose description leads by writing what it makes keeps it ("export_diagnostics": "Write a
  // diagnostics bundle and return its path"); any other reading name's tool that leads by saving, appending or
  // recording something keeps it ("review_card": "Record an answer for a card", "cad_preview": "Save one view PNG").
  if (nv && nv.category === "read" && dv?.first && (OUTPUT_VERBS.has(nv.verb) ? KEEPING_LEADS.has(dv.verb) : RECORDING_LEADS.has(dv.verb) && RECORDED_OBJECT.test(lowerDescription.slice(0, 120))) && dv.category === "write" && !HANDED_BACK_INSTEAD.test(lowerDescription)) {
    nv = { ...nv, category: "write" };
  }
  return { nv, dv };
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
  // A readout's name repeated at the description's start ("build_logs", "Build logs of a CI run") is no verb there either.
  if (dv && dv.ambiguous && dv.first) {
    const nameFirst = NAME_VERBS.get(tokens.tokens[tokens.lastSegmentStart] ?? "");
    if (nameFirst?.verb === dv.verb && readoutName(nameFirst, tokens.tokens, tokens.lastSegmentStart, tokens.tokens.length)) dv = undefined;
  }

  // Name: verb and object.
  const nameVerb = findNameVerb(tokens, profile?.verbLast ?? false);
  // A verbless name's noun met again as the description's verb ("console_messages", "All console messages logged by the
  // page so far") is that noun there too, as is a word a noun-phrase description holds ("Chronological log of …").
  if (dv && dv.category !== "destructive" && (dv.ambiguous ? nounInDescription(tokens.tokens, nameVerb, dv, lowerDescription) : !dv.first && pluralBeforeOf(dv, lowerDescription))) dv = undefined;
  let nv = agreeWithDescription(tokens, nameVerb, dv);
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
    if (MONEY_OBJECTS.has(w) && !(nv && i === nv.index)) moneyObject ??= w;
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
    if (claim !== undefined && (nv ?? dv)?.category !== "read" && claimAboutMode(lowerDescription, claim)) phrases.read_only_claim = undefined;
    // … nor does one beside "read-write" ("Supports both read-write and read-only queries"): reading is one of its modes.
    else if (claim !== undefined && READ_WRITE.test(lowerDescription)) phrases.read_only_claim = undefined;
    // … nor one set false or limited to one thing a leading change leaves alone.
    else if (claim !== undefined && claimNotMade(lowerDescription, claim, dv !== undefined && leadsWithChange(dv))) phrases.read_only_claim = undefined;
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
    // … and so does a command argument limited to listed values: the values are the operations.
    const selects = (roles & ROLE.operation) !== 0 || (p.exec === "command" && p.enumValues.length > 0);
    const offered = !selects || operations ? NO_VALUES : p.enumValues.length > 0 || p.key === "command" ? p.enumValues : (listed ??= listedActions(description));
    if (offered.length > 0) operations = mostSevereOffered(p.name, offered, words, lowerDescription);
  }
  // A tool whose schema lists no arguments takes the actions its description lists ("Dataset ops: list/get/delete").
  if (!operations && props.length === 0 && !emptyDescription) {
    const offered = listedActions(description);
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

  // Phrases that weigh toward a category.
  const readOnly = phrases.read_only_claim ?? (otherLanguage ? foreignReadOnlyClaim(description) : undefined);
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
  const action = !saved && (readingLead || generating) ? joinedAction(lowerDescription, dv?.first === true) : undefined;
  if (action && readingLead) {
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
    (execKind === "sql" || dv?.category === "execute" ? (READ_STATEMENTS_LISTED.exec(lowerDescription)?.[0] ?? selectRun(description)) : undefined);
  // Statements the text names as refused ("INSERT/UPDATE/DELETE and DDL are rejected") are no mutation it may run.
  const refusesWrites = phrases.mutation !== undefined && readQuery !== undefined && writesRefused(description, lowerDescription) && !REFUSAL_EXCEPTED.test(lowerDescription);
  if (readQuery && (!phrases.mutation || refusesWrites) && !effect && !saved && execKind !== "code" && execKind !== "command") {
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
    const joinedLater = action || saved ? undefined : joinedAction(lowerDescription, dv?.first === true);
    if (joinedLater) {
      // It outweighs the examination's reading, as a joined action outweighs any reading lead.
      const weight = Math.max(WEIGHTS.joinedAction, scores.read - scores[joinedLater.category] + 1);
      scores[joinedLater.category] += weight;
      evidence.push({ signal: "joined_action", source: "description", quote: joinedLater.quote, weight });
    }
  }
  // Generating a chart, a diagram or a summary from given data changes nothing, unless the text says it is kept.
  if (generating && !effect && !action && !phrases.overwrite && !phrases.irreversible) {
    const made = generating === "generate" ? (w: string) => GENERATED_ARTIFACTS.has(w) || GENERATED_TEXTS.has(w) : (w: string) => GENERATED_ARTIFACTS.has(w);
    // Whatever is made, the text saying it is not kept ("It is not saved anywhere") makes it handed back only.
    const notKept = NOT_KEPT.test(lowerDescription);
    const artifact = object.find(made) ?? dv?.object.find(made) ?? (notKept ? (object[0] ?? dv?.object[0]) : undefined);
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

export { SEND_VERBS };
