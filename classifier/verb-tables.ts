// The lexicon's verbs compiled once into Maps at module load, by every form a name or a description writes them
// in, with their participles, so reading a tool costs a few map lookups per word.
import { AMBIGUOUS_VERBS, FOREIGN_GLOSS, FOREIGN_NAME_VERBS, SEVERITY, VERBS } from "./lexicon.js";
import type { Category } from "./taxonomy.js";

export interface VerbInfo {
  verb: string;
  category: Category;
  ambiguous: boolean;
}

export const NAME_VERBS = new Map<string, VerbInfo>();
export const TEXT_VERBS = new Map<string, VerbInfo>();

export function inflections(verb: string): string[] {
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
 * one is issued ("Issue a refund", "Issues a billing key"), and is a ticket anywhere else; so "payout" pays one out
 * leading the text ("Payout the pending balance to …") and is the money paid anywhere else ("Latest daily payout per TH").
 */
export const FIRST_WORD_ONLY = new Set(["del", "issue", "payout"]);
for (const form of ["issue", "issues"]) TEXT_VERBS.set(form, { verb: "issue", category: "write", ambiguous: true });

/** Past participles of the lexicon's verbs ("created", "dropped", "sent"): what a passive description says is done. */
export const PARTICIPLES = new Map<string, VerbInfo>();
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

// A queue a description leads with adds to one ("Queue a Knowledge proposal for review"); in a name it is as often
// the thing read (queue_depth, my_queue), and so it is in a text without its article (findDescriptionVerb).
for (const form of inflections("queue")) TEXT_VERBS.set(form, { verb: "queue", category: "write", ambiguous: true });

export function nameVerb(word: string): VerbInfo | undefined {
  return NAME_VERBS.get(word);
}

export function mostSevere(a: VerbInfo, b: VerbInfo): VerbInfo {
  return SEVERITY[b.category] > SEVERITY[a.category] ? b : a;
}
