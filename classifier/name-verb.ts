// The verb of a tool's name (create_issue, pods_delete, tfdeploy) by its words' positions, and that verb as the
// description reads it.
import { HANDING_BACK_VERBS, IDIOM_WORDS, NON_ADDITIVE_VERBS, NOT_EMBEDDING, READOUT_NOUNS, RECORDING_VERBS, REMOVAL_PLACES, SEVERITY, STATE_NOUNS } from "./lexicon.js";
import type { NameTokens } from "./tokens.js";
import { inflections, NAME_VERBS, type VerbInfo } from "./verb-tables.js";
import { articled, CONJUNCTIONS, DETERMINERS, determined, objectOpening, type DescriptionVerbHit } from "./description-verb.js";
import { FOREIGN_VERB_OF } from "./other-languages.js";

type NameVerbPosition = "begins" | "ends" | "contains" | "embeds";

export interface NameVerbHit extends VerbInfo {
  position: NameVerbPosition;
  /** The whole word the verb was found in, when it was embedded ("tfdeploy"). */
  within?: string;
  /** Other verbs joined to it by "or"/"and" (get_or_create). */
  joined: VerbInfo[];
  index: number;
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
export function readoutName(first: VerbInfo, words: readonly string[], from: number, to: number): boolean {
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
/** Words that open a name asking who, what, which, where, when, how or whether: "who_can_approve", "what_can_i_build". */
const QUESTION_OPENERS = new Set(["who", "what", "which", "where", "when", "how", "whether"]);

/**
 * Whether a name's last segment asks a question: it opens with a question's word and goes on ("is_market_open",
 * "who_can_approve", "how_late_is_this_invoice"), or asks of a state its opening nouns name ("notebook_code_is_complete",
 * "browser_is_visible"), where a verb before the "is" makes what follows a field it changes ("set_is_active").
 */
function asksQuestion(words: readonly string[], from: number): boolean {
  if (words.length - from < 2) return false;
  if (QUESTION_NAME_WORDS.has(words[from]!)) return true;
  // A verb after the question's word is the question's own after "can" or "may" ("who_can_approve"), and a noun after a
  // determiner ("how_late_is_this_invoice"); elsewhere it is what the tool does once the question is settled
  // ("when_ready_send", "where_to_move_files").
  if (QUESTION_OPENERS.has(words[from]!)) return words.every((w, i) => i <= from || !NAME_VERBS.has(w) || ASKED_ABILITY.has(words[i - 1]!) || DETERMINERS.has(words[i - 1]!) || (ASKED_ABILITY.has(words[i - 2]!) && PRONOUNS.has(words[i - 1]!)));
  // … and a state asked of nouns: its word right after the "is", nothing after it a verb ("task_is_done_close" closes).
  const at = words.findIndex((w, i) => i > from && i < words.length - 1 && QUESTION_NAME_WORDS.has(w));
  return at > 0 && !words.slice(from, at).some((w) => NAME_VERBS.has(w)) && !words.slice(at + 2).some((w) => NAME_VERBS.has(w));
}
/** Words of ability a question asks of, and who it asks it of: "who_can_approve", "what_can_i_build". */
const ASKED_ABILITY = new Set(["can", "could", "may", "might"]);
const PRONOUNS = new Set(["i", "we", "you", "they", "he", "she", "it"]);
/** Words after a destructive one in a name that make it a state asked about: "is_delete_protected", "is_kill_switch_on". */
const STATE_AFTER_REMOVAL = new Set(["protected", "protection", "allowed", "locked", "enabled", "disabled", "switch", "pending", "scheduled", "permission", "permissions", "access", "right", "rights"]);

/** Words of time or order that make the verb after them in a name a noun: "latest_run", "last_build", "next_sync". */
const WHEN_WORDS = new Set(["latest", "last", "recent", "previous", "prior", "current", "next", "upcoming"]);

/**
 * Whether a fixed expression hides verb `v`, words[i], at a name's first, last or inner word ("coin_open_interest"),
 * where one that destroys stays a verb ("drop_zone" may drop a DNS zone); the destructive scans of verbInRange keep
 * their own idiom check (drag_drop).
 */
function idiomHidesVerb(v: VerbInfo, words: readonly string[], i: number): boolean {
  return v.category !== "destructive" && inIdiom(words, i);
}

/**
 * The verb a name's word would be, unless a word of time or order before it makes it the thing ("latest_run"), a
 * "by" makes it what the things are grouped or looked up by ("nodes_by_type"; only a destructive verb stays one), or it
 * is part of a fixed expression ("coin_open_interest"). (A "per" is left alone: "tests_per_test_name" tests.)
 */
function nameWordVerb(words: readonly string[], i: number, from: number): VerbInfo | undefined {
  const v = i > from && WHEN_WORDS.has(words[i - 1]!) ? undefined : NAME_VERBS.get(words[i] ?? "");
  if (v && v.category !== "destructive" && i > from && words[i - 1] === "by") return undefined;
  return v && idiomHidesVerb(v, words, i) ? undefined : v;
}

/** Verbs that fetch a thing the words after them name: "get_message", "list_trash". */
export const GETTER_VERBS = new Set(["get", "list", "fetch", "read", "retrieve", "show", "view", "describe", "lookup"]);

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

/**
 * Changes that open a name as its verb where a reading word follows inside it, that word then part of what is changed:
 * "set_read_status", "setReadOnly", "clear_search_history", "reset_scan_state". A set, a clearing or a reset is rarely
 * the thing such a word qualifies, where a mail, a log or a build is ("mail_search_results", "log_tail_lines").
 */
const OPENING_CHANGES = new Set(["set", "reset", "clear"]);

function verbByPosition(words: readonly string[], from: number, to: number, verbLast: boolean): NameVerbHit | undefined {
  const hit = verbByOrder(words, from, to, verbLast);
  if (hit?.category !== "read") return hit;
  // The change opens the name, or follows a first word that is no plain verb (a service's: "gmail_set_read_status").
  const at = OPENING_CHANGES.has(words[from]!) ? from : to - from > 2 && OPENING_CHANGES.has(words[from + 1]!) && NAME_VERBS.get(words[from]!)?.ambiguous !== false ? from + 1 : -1;
  // A reading verb ending the name reads what the words before it name: "set_list" lists sets, "reset_history_get" gets
  // a history of resets, "clear_cache_preview" previews a clearing.
  if (at < 0 || hit.index <= at || hit.index === to - 1) return hit;
  return nameHit(NAME_VERBS.get(words[at]!)!, at === from ? "begins" : "contains", at, joinedAfter(words, at, to));
}

/** The verb of words[from, to) by position alone: findNameVerb's precedence of first, last and inner words. */
function verbByOrder(words: readonly string[], from: number, to: number, verbLast: boolean): NameVerbHit | undefined {
  const opening = NAME_VERBS.get(words[from] ?? "");
  const first = opening && idiomHidesVerb(opening, words, from) ? undefined : opening;
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
export function findNameVerb(tokens: NameTokens, verbLast: boolean): NameVerbHit | undefined {
  const { tokens: words, lastSegmentStart } = tokens;
  // A name that asks a question names a state it reads: "is_market_open", "has_write_access"; with a destructive verb
  // in it the worse reading stands, unless the verb names a state ("is_delete_protected", "has_delete_permission").
  // ("can" and "should" open as many acts: `can_send` a CAN bus frame, `should_retry` requeues.)
  if (asksQuestion(words, lastSegmentStart) && !words.some((w, i) => NAME_VERBS.get(w)?.category === "destructive" && !STATE_AFTER_REMOVAL.has(words[i + 1] ?? ""))) return undefined;
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
export function agreeWithDescription(tokens: NameTokens, nv: NameVerbHit | undefined, dv: DescriptionVerbHit | undefined, lower: string): NameVerbHit | undefined {
  if (!nv || !dv || nv.position === "embeds" || nv.category === dv.category || nv.verb === dv.verb) return nv;
  const words = tokens.tokens;
  // A verb written as two words ("check_out_status") whose description leads with its first word alone ("Check the
  // status of …") is that word.
  const firstOfPair = nv.index > 0 && nv.verb !== words[nv.index] ? NAME_VERBS.get(words[nv.index - 1]!) : undefined;
  if (firstOfPair?.verb === dv.verb) return nameHit(firstOfPair, nv.position, nv.index - 1, joinedAfter(words, nv.index - 1, words.length));
  // A change the description's leading read takes as the first word of its object qualifies the thing read
  // ("ticktick_focus_heatmap", "Get focus/pomodoro heatmap data"; "install_preferences", "Show the install method"):
  // the name has no verb of its own, where it has no other verb's word ("apply_update": "Download the update …"), the
  // word qualifies a noun of the object (not "Get sync", "Get sync started") and the text says the verb nowhere else
  // (qualifiesThingRead).
  if (dv.first && dv.category === "read" && !dv.ambiguous && !nv.ambiguous && nv.category !== "destructive" && !words.some((w, i) => i !== nv.index && NAME_VERBS.has(w)) && qualifiesThingRead(words[nv.index]!, nv.verb, dv, lower)) return undefined;
  // A change between the name's words, before a noun of it, that a description leading with a verb handing data back
  // never says ("ozon_fbo_cancel_reasons", "Возвращает актуальный справочник причин отмены FBO": returns the reference
  // list of cancel reasons) qualifies that noun: the name has no verb of its own. A removal stands (get_delete_protection
  // is weighed by destructiveAsObject), as does a verb the text says elsewhere ("…; cancels the order").
  if (nv.position === "contains" && nv.category === "write" && !nv.ambiguous && nv.joined.length === 0 && dv.first && HANDING_BACK_VERBS.has(dv.verb) && !dv.ambiguous && dv.joined.length === 0 && nv.index < words.length - 1 && !NAME_VERBS.has(words[nv.index + 1]!) && !saysVerb(nv.verb, lower)) return undefined;
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
    // A word as often a noun counts as the verb where an article follows it there ("Set the …", not "Order book …"); a
    // milder verb than the first only where its object is determined ("store_get_product", "Get one product by sku";
    // not "create_read_replica", "Read replica of the primary database").
    const nextAsDescribed = next !== undefined && (!next.ambiguous || articled(dv)) && dv.first && next.verb === dv.verb && nv.category !== "destructive" && (SEVERITY[next.category] > SEVERITY[nv.category] || (!next.ambiguous && !dv.ambiguous && determined(dv)));
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
  // A verb ending the name that the description names as a thing, after its article ("myshows_rate_show", "Set the
  // user's rating for a show"), is the name's object.
  const endsAsThing = () => nv.position === "ends" && new RegExp(`\\b(?:a|an|the|each|this|that|every)\\s+${words[nv.index]}\\b`).test(dv.quote.toLowerCase());
  for (let i = from; i < words.length; i++) {
    const v = i === nv.index ? undefined : NAME_VERBS.get(words[i]!);
    // A word as often a noun leading the description ("Takes a snapshot of a volume") chooses its own word of the name,
    // not another of its class over a plain verb (strato_snapshot_create).
    if (v && v.category === dv.category && ((v.verb === dv.verb && dv.first) || !dv.ambiguous || nv.ambiguous || endsAsThing())) return nameHit(v, i === from ? "begins" : i === words.length - 1 ? "ends" : "contains", i, joinedAfter(words, i, words.length));
  }
  return nv;
}

/**
 * Whether the name's verb word opens the object of the description's leading read before a noun it qualifies ("focus"
 * in "Get focus time per project"), and the text does not say the verb elsewhere: no participle after the word ("Get
 * sync started" gets it done), no third person or re-verb of it ("…; mutes the channel", "and redeploy if …"), and the
 * word itself not where a verb goes (after "then", "and", "to" …: "Get import template, then import contacts").
 * Identifiers are no words of the text ("started by publish_track").
 */
function qualifiesThingRead(word: string, verb: string, dv: DescriptionVerbHit, lower: string): boolean {
  const next = dv.object[articled(dv) ? 2 : 1];
  if (objectOpening(dv) !== word || next === undefined || /(?:ed|ing)$/.test(next)) return false;
  // A participle or an -ing word is as often a state or a noun ("'done' = published"); a third person or a re-verb acts.
  const forms = new Set([inflections(verb)[1]!, `re${verb}`]);
  const tokens = lower.match(/[a-z_]+/g) ?? [];
  return !tokens.some((t, i) => forms.has(t) || (t === word && i > 0 && VERB_SLOT_BEFORE.has(tokens[i - 1]!)));
}
/**
 * Whether the text says `verb` in any form: itself, inflected, as a participle (a final consonant doubled too:
 * "stopped", "cancelled") or a re-verb ("cancels", "created", "recancel"); or, in another language, any change verb
 * ("Затем отменяет его": then cancels it).
 */
function saysVerb(verb: string, lower: string): boolean {
  const last = verb.at(-1)!;
  const forms = new Set([...inflections(verb), verb.endsWith("e") ? `${verb}d` : `${verb}ed`, `${verb}${last}ed`, `${verb}${last}ing`, `re${verb}`]);
  return (lower.match(/[\p{L}_]+/gu) ?? []).some((t) => forms.has(t) || (t.charCodeAt(0) > 127 && (FOREIGN_VERB_OF.get(t)?.category ?? "read") !== "read"));
}
/** Words after which a verb's bare word is that verb: "then import", "and restart", "to sync". */
const VERB_SLOT_BEFORE = new Set(["then", "and", "or", "to", "also", "will", "can", "may", "must", "should", "please"]);

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
 * nouns made of one: "confirm|ation", "stat|ement", "list|ener", and the adjectives: "wire|less", "play|ful".
 */
const INFLECTION = /^(?:ies|y|e?d|e?r|e?rs|ing|ings|ion|ions|ution|utions|ations?|e?ments?|able|ive|or|ors|s|es|ure|al|ance|ances|eners?|ency|ence|less|ness|ful)$/;
