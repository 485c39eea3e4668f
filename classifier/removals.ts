// Removals read closely: a remove that undoes a link rather than deleting a thing, and whether the name or the
// description leads with a removal.
import { ATTACHED_THINGS, DATA_OBJECTS, LINK_CONTAINERS, LINK_OBJECTS, UNLINK_VERBS } from "./lexicon.js";
import type { VerbInfo } from "./verb-tables.js";
import type { NameVerbHit } from "./name-verb.js";
import type { DescriptionVerbHit } from "./description-verb.js";

export const REMOVE_VERBS = new Set(["remove", "delete", "rm", "del", "detach"]);
// "Removes the label from an issue": the removed thing and what it is removed from, in the first clause. "Delete a
// label from a board" deletes the label: a thing deleted from where it lives is gone.
const REMOVED_FROM = /\b(?:removes?|detach(?:es)?)\s+(?:the\s+|a\s+|an\s+|one or more\s+|one\s+|specified\s+|given\s+)*([a-z]+(?:\s+[a-z]+)?)\s+from\s+(?:the\s+|a\s+|an\s+|one\s+|its\s+|their\s+|this\s+|that\s+|specified\s+|given\s+)*([a-z]+)/;
// "Removes the link between …", "deletes the relationship from …": the removed thing and the word after it.
const REMOVED_LINK = /\b(?:removes?|deletes?)\s+(?:the\s+|a\s+|an\s+)?([a-z]+)\s+(?:between|from|to|of)\b/;

/**
 * Whether a remove/delete names a link rather than a thing: "remove_user_from_group" (the user and the group stay),
 * "delete_relation", "Removes the label from an issue". Returns the words that show it.
 */
export function unlinkOf(words: readonly string[], nv: NameVerbHit | undefined, dv: DescriptionVerbHit | undefined, lowerDescription: string): string | undefined {
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
export function removalLeadOutweighs(nv: NameVerbHit | undefined, dv: DescriptionVerbHit | undefined, lowerDescription: string): boolean {
  if (!dv || !dv.first || dv.ambiguous || dv.category !== "destructive") return false;
  if (!nv || nv.ambiguous || (nv.category !== "write" && nv.category !== "execute") || nv.verb.startsWith("un")) return false;
  return !REMOVED_FROM.test(lowerDescription.slice(0, 200));
}

/** Whether the name's or the description's verb is itself a removal: a removal stated later in the text is no news. */
export function leadsRemoval(nv: NameVerbHit | undefined, dv: DescriptionVerbHit | undefined): boolean {
  const removes = (v: VerbInfo) => v.category === "destructive" || REMOVE_VERBS.has(v.verb) || UNLINK_VERBS.has(v.verb);
  return (nv !== undefined && removes(nv)) || (dv !== undefined && removes(dv));
}
