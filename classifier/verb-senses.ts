// The name's and the description's verbs in the sense their objects and the text give them: an evaluation of no
// code, a recomputation, a go-to, a Git fetch, a connection, a follow, an export that keeps what it makes.
import { EVALUATED } from "./lexicon.js";
import type { VerbInfo } from "./verb-tables.js";
import type { NameVerbHit } from "./name-verb.js";
import { articled, determined, type DescriptionVerbHit } from "./description-verb.js";

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
/**
 * Heads of what an evaluation runs beyond CODE_WORDS: a piece of an editor's text (a buffer, a region, a chunk, an
 * s-expression, a string, a module), a language named alone ("Evaluate Ruby in the running Rails process") or a
 * statement that writes ("Evaluate a GraphQL mutation").
 */
const CODE_PIECE_HEAD =
  /^(?:buffers?|regions?|chunks?|s-expressions?|strings?|modules?|mutations?|ruby|elixir|php|julia|r|erlang|swift|applescript|bash|node\.?js|vimscript|gdscript|hcl|starlark|wasm|webassembly|sql|cypher|graphql|haskell)$/;
/** A console code is evaluated in, named anywhere in the text ("Evaluate the current buffer in the REPL"). */
const RUNTIME_NAMED = /\b(?:repl|nrepl|console|interpreter|tinker)\b/;
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
export const HANDED_BACK_INSTEAD = /\b(?:inline|as base64|as a string|(?:in|to) the response|back to the caller|to stdout|nothing is (?:saved|stored|written|kept)|not (?:saved|stored|written|kept))\b/;
/**
 * Description leads that only change, never read, in over four thousand servers' own hints, as verbs before a determined
 * object: a reading name's tool whose description opens with one does it ("pokedex_suggest_feature": "Submit a feature
 * request", "research_web": "Launch a research agent …"); the name's verb is how it is reached. A word as often a noun
 * is such a verb before its article ("ask_person": "Posts a card …", "render_clip": "Queue a lossless render …").
 */
const CHANGING_LEADS = new Set("add copy submit insert upload import install publish register schedule enqueue queue post launch spawn deploy".split(" "));
/** … but not a query submitted or filters added (the caller's way to read), a calculator's sum, nor a text saying it changes nothing. */
const CHANGE_FOR_READING = /^\S+\s+(?:\S+\s+){0,2}?(?:query|queries|search|searches|filters?|lookups?)\b/;
const COMPUTING_VERBS = new Set(["calculate", "compute", "estimate", "convert", "sum", "count"]);
const CHANGES_NOTHING = /\bread-only\b|\bnothing is (?:modified|changed|written|saved|created)\b|\b(?:modifies|changes) nothing\b/;
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

/**
 * Whether an evaluation runs code: the name's object is code by its head word (`eval_js`, `evaluate_notebook`; not
 * `evaluate_code_quality`), the text names a console it runs in (RUNTIME_NAMED), or the description's evaluated phrase
 * is code by its head ("Evaluate a Clojure form …"; not "Evaluate the function's complexity"), or, where the description
 * evaluates nothing by name, it names code at all ("Execute JavaScript in the browser context").
 */
function evaluatesCode(object: readonly string[], lowerDescription: string): boolean {
  if (headIsCode(object.at(-1) ?? "") || RUNTIME_NAMED.test(lowerDescription)) return true;
  const head = EVALUATED_PHRASE.exec(lowerDescription)?.[1];
  return head !== undefined ? headIsCode(head) : EVALUATED_CODE.test(lowerDescription);
}

/** Whether the head of what is evaluated, in the name or the description, is code (EVALUATED_CODE_HEAD, CODE_PIECE_HEAD). */
function headIsCode(head: string): boolean {
  return EVALUATED_CODE_HEAD.test(head) || CODE_PIECE_HEAD.test(head);
}

/** The name's and the description's verbs in the sense their objects and the text give them. */
export function verbsInTheirSense(
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
  // … and so does one a description leads with, by the head of what it evaluates ("Evaluate and rank all open deals",
  // "Evaluates code changes for potential issues"; not "Evaluate Ruby in the running Rails process", "Evaluate the
  // current buffer in the REPL"); a formula, a rule or a query evaluated is read by examinationRun.
  if (dv && EVALUATING_VERBS.has(dv.verb) && dv.category === "execute") {
    const head = EVALUATED_PHRASE.exec(lowerDescription)?.[1];
    if (head !== undefined && !EVALUATED.has(head) && !headIsCode(head) && !RUNTIME_NAMED.test(lowerDescription)) dv = { ...dv, category: RESULTS_KEPT.test(lowerDescription) ? "write" : "read" };
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
  if (nv && nv.category === "read" && dv?.first && (!dv.ambiguous || articled(dv)) && CHANGING_LEADS.has(dv.verb) && dv.category !== "read" && determined(dv) && !COMPUTING_VERBS.has(nv.verb)) {
    const quote = dv.quote.toLowerCase();
    if (!CHANGE_FOR_READING.test(quote) && !CHANGES_NOTHING.test(lowerDescription)) nv = { ...nv, category: dv.category };
  }
  return { nv, dv };
}
