// MCP's own tool hints as the classifier predicts them, in the specification's meaning: readOnlyHint (changes
// nothing in its environment), destructiveHint (may make a non-additive change: a delete, and also an update that
// overwrites, a replace, a reset), idempotentHint (calling again with the same arguments has no further effect)
// and openWorldHint (reaches an open world of outside entities, such as the web or another service). Pure.
import {
  APPLYING_DENIED,
  ATTACHED_THINGS,
  DOMAIN_TOKENS,
  ENDING_VERBS,
  FORMATTING,
  IDEMPOTENT_VERBS,
  LOCAL_VERBS,
  NON_ADDITIVE_VERBS,
  PASSING_THINGS,
  PATCH_APPLIED,
  PATCH_NAME_WORDS,
  RUNNING_THINGS,
  SNAPSHOTS,
} from "./lexicon.js";
import type { HintClass } from "./model.js";
import { deniedAt, endingUndone, keepsPrior } from "./stated-effects.js";
import type { Evidence, ToolReading } from "./signals.js";
import type { Category } from "./taxonomy.js";

export interface Hints {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/**
 * The hint class a category stands for when the rules decide alone. Execute may do anything, so it may destroy,
 * unless what it runs is contained: a build, a launch, a call of something already there, with no code, command or
 * SQL given to run (`openEnded` false).
 */
export function hintClassOfCategory(category: Category, nonAdditive: boolean, openEnded = true): HintClass {
  if (category === "read") return "read";
  if (category === "execute") return openEnded || nonAdditive ? "destructive" : "write";
  if (category === "destructive") return "destructive";
  // An overwrite or a removed link is a write for policy and a non-additive change for the hints.
  return nonAdditive ? "destructive" : "write";
}

/** What a cancel stops that would have removed something: cancelling a pending deletion keeps the thing (a restore). */
const REMOVALS = new Set("deletion deletions removal removals termination terminations purge purges destruction".split(" "));

/** Non-additive verbs a description's lead does not add to a name's verb: their object decides, or it is a field. */
const LEAD_ONLY_IN_NAME = new Set(["apply", "restore", "replace"]);

/** A kick that starts something: "Kick off a scan" starts a job, where "Kick a member" removes one. */
const KICK_OFF = /\bkick(?:s|ed|ing)?\s+off\b/i;

/** Files, media and data merged into one: the result is a new file or value, the inputs kept. */
const MERGED_PRODUCTS = new Set(
  "pdf pdfs video videos audio clip clips image images doc docs sheet sheets csv json geojson file files track tracks dict dicts dataframe dataframes interval intervals array arrays".split(" "),
);
/** "Merge" as a noun's modifier opening a name: "merge_request_comment", "merge_conflicts_list", "merge_queue_status". */
const MERGE_NOUNS = new Set(["request", "requests", "conflict", "conflicts", "queue", "strategy", "base", "status", "field"]);
/**
 * A merge whose result is a new thing, the merged ones kept: "into a single new recording", "written out as a new
 * file", "Returns a new copy", "into one PDF", "keeping existing keys", "The input files are not modified", 新しいファイル,
 * 新的文件, 元のシートは残ります, 原文件不受影响, 合并为一个文件.
 */
const MERGED_INTO_NEW =
  /\b(?:into (?:a |one )?(?:single )?new|as a new (?:file|document|copy|recording|track|version|pdf)|a new copy|into (?:a single|one) (?:[a-z0-9-]+ )?(?:file|pdf|document|video|audio|image|mp4|mp3|csv|archive|zip)|(?:originals?|sources?|inputs?|input files|source files|existing (?:keys|entries|values)) (?:are |is |stay |remain )(?:not modified|kept|unchanged|preserved)|keeping (?:the |all )?existing (?:keys|entries|values|files|data|ones))\b|新しい(?:ファイル|シート|ドキュメント|PDF)|(?<!最)新的(?:文件|文档|表格|PDF|视频|图片)|元の[^。]{0,12}残|原[^。，]{0,6}(?:不受影响|保留|不变)|合并[为成]一个(?:文件|文档|PDF|视频)|1つの(?:ファイル|PDF|シート|ドキュメント)に/;

const RESTORED_FROM_SNAPSHOT = /\bfrom (?:an? |the |its )?(?:[a-z]+ )?(?:backup|snapshot|checkpoint|dump)s?\b/i;

/**
 * What says the change is not additive (MCP's destructiveHint for a write), or undefined: an overwrite stated or
 * offered, a replace, a reset, a rollback, a revert, an undo, an apply (but a label applied is attached), a backup or
 * a snapshot restored (a deleted file restored is added back), a removed link, new content given to an update, a
 * switch that deletes on the way (`truncateFirst`). Not every update of a body or content: GitHub marks its body
 * updates additive writes.
 */
export function nonAdditiveEvidence(r: ToolReading): Pick<Evidence, "source" | "quote"> | undefined {
  const change = nonAdditiveChange(r);
  // What the text says is kept ("nothing is lost", "kept as a revision", "the previous text remains in the key's
  // history") makes the change additive, its verb or its words of replacement whatever. The text is read for it only
  // where a change was found: most tools have none, and the reading scans the whole description.
  return change && !keepsPrior(r.lowerDescription) ? change : undefined;
}

/** The evidence of a non-additive change, whatever the text says is kept. */
function nonAdditiveChange(r: ToolReading): Pick<Evidence, "source" | "quote"> | undefined {
  if (r.phrases.overwrite !== undefined) return { source: "description", quote: r.phrases.overwrite };
  if (r.overwriteArgument !== undefined) return { source: "schema", quote: r.overwriteArgument };
  if (r.destroyingOption !== undefined) return { source: "schema", quote: r.destroyingOption };
  // A change the text calls irreversible (a payment that "cannot be cancelled") is no additive one to retry or undo.
  if (r.phrases.irreversible !== undefined) return { source: "description", quote: r.phrases.irreversible };
  const stated = r.evidence.find((e) => NON_ADDITIVE_SIGNALS.has(e.signal));
  if (stated) return stated;
  // A patch or a diff applied rewrites the lines it covers, whichever verb the name leads with ("file_patch": "Apply a
  // unified diff to one existing file"): authors on the GitHub set mark these destructive about three to one. "apply"
  // is a word as often a noun, so "apply_patch" reads "patch" as its verb and leadNonAdditive never sees the apply: the
  // name's words count where the description says nothing of applying a patch, nor denies applying anything.
  const patched = PATCH_APPLIED.exec(r.lowerDescription);
  if (patched && !deniedAt(r.lowerDescription, patched.index)) return { source: "description", quote: patched[0] };
  const words = r.tokens.tokens;
  const namesApply = words.some((w, i) => w === "apply" && (PATCH_NAME_WORDS.has(words[i + 1] ?? "") || PATCH_NAME_WORDS.has(words[i - 1] ?? "")));
  if (!patched && namesApply && !APPLYING_DENIED.test(r.lowerDescription)) return { source: "name", quote: "apply" };
  // A verb run into another word ("stackrollback") says less than the description's own lead ("Create a draft …").
  const fromName = r.nameVerb !== undefined && (r.nameVerb.position !== "embeds" || r.descriptionVerb === undefined);
  const lead = fromName ? r.nameVerb!.verb : r.descriptionVerb?.verb;
  // A replacing verb joined to the lead ("search and replace", "create or replace") is not additive either.
  const joined = [...(r.nameVerb?.joined ?? []), ...(r.descriptionVerb?.joined ?? [])].find((v) => NON_ADDITIVE_VERBS.has(v.verb) && v.verb !== "apply");
  if (joined) return { source: r.nameVerb?.joined.includes(joined) ? "name" : "description", quote: joined.verb };
  if (lead === undefined) return undefined;
  if (leadNonAdditive(r, lead)) return { source: fromName ? "name" : "description", quote: lead };
  // The description's own lead says what the name's verb does ("session_stop": "Cancel the running session …"); a
  // replace there is as often of one field's value ("Replace a node's fill"), and a whole one is an overwrite phrase.
  const dv = r.descriptionVerb;
  const saysMore = fromName && dv !== undefined && dv.first && !dv.ambiguous && !LEAD_ONLY_IN_NAME.has(dv.verb) && leadNonAdditive(r, dv.verb);
  return saysMore ? { source: "description", quote: dv.verb } : undefined;
}

/**
 * Whether what the ending `lead` ends passes without loss (PASSING_THINGS): the last word of the object of the verb read,
 * the name's ("stop_recording", "close_sidebar", and an activity's -ing word there: "stop_sharing") or the description's
 * ("Stop the device vibration"), where "recording_server_stop" and "Stop the recording server" end a server.
 */
function endsPassingThing(r: ToolReading, lead: string): boolean {
  if (r.nameVerb?.verb === lead) {
    const named = r.object.at(-1);
    return named !== undefined && (PASSING_THINGS.has(named) || (named.length > 5 && named.endsWith("ing")));
  }
  const head = r.descriptionVerb?.object.at(-1);
  return head !== undefined && PASSING_THINGS.has(head);
}

/**
 * Whether an ending ends a thing that runs or holds what it serves (RUNNING_THINGS): a word of the object of the name's
 * verb ("stop_vm"), or of the description's object up to its first preposition or conjunction ("Stops a running
 * headless Raxol session"), where "Close the alert shown on the page" and "Disable image loading in the browser" end an
 * alert and a loading.
 */
function endsRunningThing(r: ToolReading): boolean {
  if (r.nameVerb !== undefined && r.object.some((w) => RUNNING_THINGS.has(w))) return true;
  const quote = r.descriptionVerb?.quote.toLowerCase();
  if (quote === undefined) return false;
  for (const w of quote.split(/[^a-z]+/).slice(1)) {
    if (OBJECT_ENDS.has(w)) return false;
    if (RUNNING_THINGS.has(w)) return true;
  }
  return false;
}
/** Words that end an object's phrase: what follows them is where, whose or what else. */
const OBJECT_ENDS = new Set("on in of for from at to with by into onto within and or then but if when so".split(" "));

/** Endings said as often of a sound, a dialog or a setting: only a running thing's is non-additive. */
const STOPPING_VERBS = new Set(["stop", "close", "disable"]);
/** Endings that start again by themselves: "start it again" says what they do, not that they are undone. */
const RESTARTS = new Set(["restart", "reboot"]);

/** A refund made of something: "Refund a paid ticket", "Refunds all or part of a charge", "Refund the order". */
const REFUND_MADE = /^refunds?\s+(?:a|an|the|this|that|these|those|all|part|one|its|their|your|\d)\b/i;

/** An application made, not changes applied: "Apply to a job on the board", "Apply for a business loan". */
const APPLIED_FOR = /^appl(?:y|ies|ying)\s+(?:to|for)\s+(?!(?:all|every|any|each|these|those)\b)(?:(?:a|an|the|this|that)\s+)?(?:[a-z-]+\s+){0,2}?(?:jobs?|postings?|positions?|roles?|openings?|vacanc(?:y|ies)|program(?:me)?s?|grants?|loans?|scholarships?|courses?|membership|visas?|permits?|refunds?|leave|reimbursements?)\b/;

/**
 * Whether a leading verb makes a change that is not additive, by what it works on: an apply of anything but an
 * attached thing (a label) or a formatting (a style set in place), a restore of a backup or a snapshot, a cancel of
 * anything but a pending removal (cancelling a deletion keeps the thing), and every other replacing, resetting or
 * reverting verb.
 */
function leadNonAdditive(r: ToolReading, lead: string): boolean {
  const objectHas = (words: ReadonlySet<string>) => r.object.some((w) => words.has(w)) || (r.descriptionVerb?.object ?? []).some((w) => words.has(w));
  if (lead === "apply") return !objectHas(ATTACHED_THINGS) && !objectHas(FORMATTING) && !APPLIED_FOR.test(r.descriptionVerb?.quote.toLowerCase() ?? "");
  if (lead === "restore") return objectHas(SNAPSHOTS) || RESTORED_FROM_SNAPSHOT.test(r.descriptionVerb?.quote ?? "");
  if (lead === "cancel" || lead === "abort") return !objectHas(REMOVALS);
  // A member kicked is removed; a job kicked off is started.
  if (lead === "kick") return !KICK_OFF.test(r.descriptionVerb?.quote ?? "");
  // A refund takes back a payment made. Only as the lead: a refund named after another verb is the thing read or
  // made ("get_refund", "list_refunds"), which NON_ADDITIVE_VERBS would join to that verb; and a description leading
  // with it must refund something ("Refund a paid ticket"), not name it ("Refund details for an order").
  if (lead === "refund") return r.descriptionVerb?.verb !== "refund" || REFUND_MADE.test(r.descriptionVerb.quote);
  // An ending ends what ran: a service, a session, a browser, a user's access, unless the text says what ran keeps its
  // data or can be started again. A stopped recording or a closed dialog loses nothing.
  if (ENDING_VERBS.has(lead)) return (!STOPPING_VERBS.has(lead) || endsRunningThing(r)) && !endsPassingThing(r, lead) && !endingUndone(r.lowerDescription, !RESTARTS.has(lead));
  // Two things merged into one: the one merged away is gone (a duplicate contact, a source branch), unless the merge
  // makes a new thing of them ("Merge recordings into a single new recording") or keeps them.
  if (lead === "merge") return !MERGE_NOUNS.has(r.object[0] ?? "") && !objectHas(MERGED_PRODUCTS) && !MERGED_INTO_NEW.test(r.lowerDescription);
  return NON_ADDITIVE_VERBS.has(lead);
}

/**
 * Evidence signals of a non-additive change: a write for policy, destructive in MCP's hints. `non_additive` is the
 * one classify.ts records for the rest (a reset, a rollback, an apply …), so a later change of category (the model
 * review) keeps the hint the text supports.
 */
export const NON_ADDITIVE_SIGNALS: ReadonlySet<string> = new Set(["overwrite", "unlink", "replaces_content", "replaces_file", "non_additive"]);

/** The hint class on the evaluation's scale of declared hints: read = readOnly; destructive = not read-only and destructive. */
export function hintClassOf(h: Pick<Hints, "readOnlyHint" | "destructiveHint">): HintClass {
  if (h.readOnlyHint) return "read";
  return h.destructiveHint ? "destructive" : "write";
}

/**
 * Whether calling the tool again with the same arguments changes nothing more: a read does not change anything;
 * set / update / delete-style verbs land in the same state; create, add, send and run do it again.
 */
function idempotent(cls: HintClass, r: ToolReading): boolean {
  if (cls === "read") return true;
  const verb = r.nameVerb?.verb ?? r.descriptionVerb?.verb;
  return verb !== undefined && IDEMPOTENT_VERBS.has(verb);
}

const FILE_WORDS = new Set(DOMAIN_TOKENS.filesystem.split(" "));

/**
 * Whether the tool reaches outside entities. The specification's default is true; a tool that only computes
 * over what it is given, or works on local files, is a closed world.
 */
function openWorld(r: ToolReading): boolean {
  const verb = r.nameVerb?.verb ?? r.descriptionVerb?.verb;
  if (verb !== undefined && LOCAL_VERBS.has(verb) && !r.context.some((c) => c.domain === "browser")) return false;
  // A file tool works on the machine it runs on, unless its server talks to a browser or sends messages.
  const files = r.tokens.tokens.some((w) => FILE_WORDS.has(w)) || r.context.some((c) => c.domain === "filesystem");
  if (files && !r.context.some((c) => c.domain === "browser" || c.domain === "messaging")) return false;
  return true;
}

/** All four hints from a hint class and the rules' reading of the tool. */
export function hintsFor(cls: HintClass, r: ToolReading): Hints {
  return { readOnlyHint: cls === "read", destructiveHint: cls === "destructive", idempotentHint: idempotent(cls, r), openWorldHint: openWorld(r) };
}
