// What a server's tools and description say about its domain and its naming (a shared namespace, verbs put last),
// computed once per server, and the sibling domains each of its tools is read with.
import { DOMAIN_TOKENS, IDENTITY_WEAK, SEVERITY, type Domain } from "./lexicon.js";
import type { ToolInput } from "./tool.js";
import type { InjectionFinding } from "./injection.js";
import { leadingWords, tokenizeName, type NameTokens } from "./tokens.js";
import { NAME_VERBS } from "./verb-tables.js";
import { GETTER_VERBS } from "./name-verb.js";

const DOMAIN_OF = new Map<string, Domain[]>();
for (const [domain, words] of Object.entries(DOMAIN_TOKENS) as [Domain, string][]) {
  for (const w of words.split(/\s+/)) {
    if (!w) continue;
    const list = DOMAIN_OF.get(w) ?? [];
    list.push(domain);
    DOMAIN_OF.set(w, list);
  }
}

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
export function contextOf(profile: ServerProfile, self: number): readonly SiblingDomain[] {
  return self >= 0 && profile.toolVotes[self]!.length > 0 ? siblingDomains(profile, self) : profile.commonContext;
}
