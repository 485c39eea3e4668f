// Evidence about one tool from its name, description, input schema and siblings; classify.ts weighs it.
// Lexicon lookups are compiled once into Maps and Sets at module load, so reading a tool costs a few
// map lookups per word.
import {
  AMBIGUOUS_VERBS,
  AMOUNT_PROPERTIES,
  BULK_PROPERTIES,
  BULK_TOKENS,
  CONTENT_PROPERTIES,
  CURRENCY_PROPERTIES,
  DOMAIN_TOKENS,
  EXEC_PROPERTIES,
  IDENTITY_STRONG,
  IDENTITY_VERBS,
  IDENTITY_WEAK,
  INFRA_TOKENS,
  INJECTION_PATTERNS,
  LEADING_FILLER,
  MESSAGE_OBJECTS,
  MONEY_OBJECTS,
  OPERATION_PROPERTIES,
  OVERWRITE_WORDS,
  PATH_PROPERTIES,
  PHRASES,
  RECIPIENT_PROPERTIES,
  SECRET_ABOUT,
  SECRET_PROPERTIES,
  SECRET_TOKENS,
  SEND_VERBS,
  SEVERITY,
  SQL_WORDS,
  VERBS,
  WEIGHTS,
  type Domain,
  type PhraseSignal,
} from "./lexicon.js";
import type { Category } from "./taxonomy.js";
import type { ToolInput } from "./tool.js";
import { textWords, tokenizeName, type NameTokens } from "./tokens.js";

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
// Descriptions begin "Returns …" far more often than names do; it reads.
TEXT_VERBS.set("returns", { verb: "return", category: "read", ambiguous: true });
TEXT_VERBS.set("return", { verb: "return", category: "read", ambiguous: true });
// Generic verbs that say nothing about the effect ("Perform write operations", "Manage …") are skipped or weak.
TEXT_VERBS.set("manage", { verb: "manage", category: "write", ambiguous: true });
TEXT_VERBS.set("manages", { verb: "manage", category: "write", ambiguous: true });
NAME_VERBS.set("manage", { verb: "manage", category: "write", ambiguous: true });
NAME_VERBS.set("handle", { verb: "handle", category: "write", ambiguous: true });

export function nameVerb(word: string): VerbInfo | undefined {
  return NAME_VERBS.get(word);
}

interface Phrase {
  words: string[];
  text: string;
  signal: PhraseSignal;
}
const PHRASE_INDEX = new Map<string, Phrase[]>();
for (const [signal, list] of Object.entries(PHRASES) as [PhraseSignal, string[]][]) {
  for (const text of list) {
    const words = text.split(" ");
    const first = words[0]!;
    let bucket = PHRASE_INDEX.get(first);
    if (!bucket) PHRASE_INDEX.set(first, (bucket = []));
    bucket.push({ words, text, signal });
  }
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

// Words every injection phrase in the lexicon contains one of (kept in step with PHRASES.prompt_injection).
const INJECTION_PREFILTER = /ignore|disregard|forget|mention|reveal|instruction|mcp|rsa|ssh|scary|upset|prompt|tell|inform|notify|hide|must not|visible|pass (?:its|their)|otherwise|<|\[|[\u200b-\u200d\u2060-\u2064\u202a-\u202e\u2066-\u2069]|\udb40/i;
const STOP_WORDS = new Set("a an the to from in of for by with on and or into at as is its via".split(" "));
const CONJUNCTIONS = new Set(["or", "and"]);
const PREPOSITIONS = new Set("to from in of for by with on into at via".split(" "));
const PARTICLES = new Set(["down", "up", "out", "off", "over"]);
const ALL_CAPS = /^[A-Z\d]+$/;

// ---- untrusted text ---------------------------------------------------------------------------

// Controls, zero-width and bidi characters: never copied into a rationale.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\ud800-\udfff]/g;

// Anything quoteText would change: an unsafe character, a quote, whitespace other than one inner space.
const NEEDS_CLEANING = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff']|[^\S ]|\s\s|^\s|\s$/;

/** Tool text made safe to quote: no control or invisible characters, one line, at most `max` characters. */
export function quoteText(text: string, max = 80): string {
  const head = text.length > max * 2 ? text.slice(0, max * 2) : text;
  // Most names and descriptions are already clean: one test instead of four replacing passes.
  const clean = NEEDS_CLEANING.test(head) ? head.replace(UNSAFE_CHARS, " ").replace(/\s+/g, " ").trim().replace(/'/g, "’") : head;
  if (clean.length <= max) return clean;
  return `${clean.slice(0, max - 1).trimEnd()}…`;
}

// ---- siblings ---------------------------------------------------------------------------------

/** What a server's tools and description say about its domain, computed once per server. */
export interface ServerProfile {
  names: NameTokens[];
  /** Per domain, the indexes of the tools that vote for it. */
  votes: Map<Domain, number[]>;
  /** Domains the server's own name or description names. */
  serverDomains: Set<Domain>;
  toolNames: string[];
}

function toolDomains(tokens: readonly string[]): Set<Domain> {
  const found = new Set<Domain>();
  let weakIdentity = 0;
  for (const t of tokens) {
    const ds = DOMAIN_OF.get(t);
    if (ds) for (const d of ds) found.add(d);
    if (IDENTITY_WEAK.has(t)) weakIdentity++;
  }
  // "add_user_to_group": two weak identity words together are membership management.
  if (weakIdentity >= 2) found.add("identity");
  return found;
}

export function buildProfile(context: { name: string; description?: string | undefined; tools: readonly ToolInput[] }): ServerProfile {
  const names = context.tools.map((t) => tokenizeName(t.name));
  const votes = new Map<Domain, number[]>();
  names.forEach((n, i) => {
    for (const d of toolDomains(n.tokens)) {
      const list = votes.get(d) ?? [];
      list.push(i);
      votes.set(d, list);
    }
  });
  const serverWords = [...tokenizeName(context.name ?? "").tokens, ...textWords(context.description ?? "").slice(0, 60)];
  const serverDomains = toolDomains(serverWords);
  return { names, votes, serverDomains, toolNames: context.tools.map((t) => t.name) };
}

/** Domains the *other* tools (and the server's own text) establish, with up to three example siblings each. */
function siblingDomains(profile: ServerProfile, self: number): { domain: Domain; examples: string[]; server: boolean }[] {
  const out: { domain: Domain; examples: string[]; server: boolean }[] = [];
  for (const [domain, idx] of profile.votes) {
    const others = idx.filter((i) => i !== self);
    const server = profile.serverDomains.has(domain);
    if (others.length >= 2 || (others.length >= 1 && server)) {
      out.push({ domain, examples: others.slice(0, 3).map((i) => profile.toolNames[i]!), server });
    }
  }
  for (const domain of profile.serverDomains) {
    if (!profile.votes.has(domain)) out.push({ domain, examples: [], server: true });
  }
  return out;
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
}

export interface ToolReading {
  tokens: NameTokens;
  nameVerb?: NameVerbHit;
  descriptionVerb?: DescriptionVerbHit;
  /** Name words that are not the verb, conjunctions or namespaces: the object ("pull request review"). */
  object: string[];
  /** Per category, summed weight of the evidence from the tool's own text (no annotations). */
  scores: Record<Category, number>;
  evidence: Evidence[];
  /** Flags for aggravating and other named signals; classify.ts turns them into signal names. */
  phrases: Map<PhraseSignal, string>;
  execKind?: "sql" | "command" | "code" | "expression";
  execProperty?: string;
  moneyArgument?: string;
  recipientArgument?: string;
  bulkArgument?: string;
  secretArgument?: string;
  fileWrite?: string;
  overwriteArgument?: string;
  operations?: { property: string; values: string[]; category: Category; value: string; verb: string };
  identityName?: { token: string; strong: boolean };
  secretName?: string;
  moneyObject?: string;
  messageObject?: string;
  bulkName?: string;
  infraName?: string;
  productionMention?: string;
  injection?: string;
  emptyDescription: boolean;
  /** The tool's own text says little: no description, or neither name nor description has a verb. */
  thin: boolean;
  context: { domain: Domain; examples: string[]; server: boolean }[];
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
    joined.push(v);
    j++;
  }
  return joined;
}

/**
 * The verb of a name. Precedence: an unambiguous verb that begins the last segment (create_issue),
 * one that ends it (pods_delete, issue_read), any unambiguous verb (vm_create_from_template), then
 * ambiguous ones (post_message), then a verb embedded in a single word (tfdeploy, awsinspect).
 */
function findNameVerb(tokens: NameTokens): NameVerbHit | undefined {
  const { tokens: words, lastSegmentStart } = tokens;
  const ranges: [number, number][] = [[lastSegmentStart, words.length]];
  if (lastSegmentStart > 0) ranges.push([0, lastSegmentStart]);
  for (const [from, to] of ranges) {
    const hit = (i: number, position: NameVerbPosition): NameVerbHit => {
      const v = NAME_VERBS.get(words[i]!)!;
      return { verb: v.verb, category: v.category, ambiguous: v.ambiguous, position, joined: joinedAfter(words, i, to), index: i };
    };
    const first = NAME_VERBS.get(words[from] ?? "");
    if (first && !first.ambiguous) return hit(from, "begins");
    const last = NAME_VERBS.get(words[to - 1] ?? "");
    if (last && !last.ambiguous && to - 1 > from) return hit(to - 1, "ends");
    for (let i = from + 1; i < to - 1; i++) {
      const v = NAME_VERBS.get(words[i]!);
      if (v && !v.ambiguous) return hit(i, "contains");
    }
    if (first) return hit(from, "begins");
    if (last && to - 1 > from) return hit(to - 1, "ends");
    for (let i = from + 1; i < to - 1; i++) if (NAME_VERBS.has(words[i]!)) return hit(i, "contains");
  }
  // Run-together names ("tfdeploy", "stackrollback"): a known verb of four letters or more at either end.
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    if (w.length < 6) continue;
    for (let k = Math.min(w.length - 2, 10); k >= 4; k--) {
      const suffix = NAME_VERBS.get(w.slice(w.length - k));
      if (suffix && !suffix.ambiguous) return { verb: suffix.verb, category: suffix.category, ambiguous: suffix.ambiguous, position: "embeds", within: w, joined: [], index: i };
      const prefix = NAME_VERBS.get(w.slice(0, k));
      if (prefix && !prefix.ambiguous) return { verb: prefix.verb, category: prefix.category, ambiguous: prefix.ambiguous, position: "embeds", within: w, joined: [], index: i };
    }
  }
  return undefined;
}

const DESCRIPTION_WORD = /[A-Za-z0-9][A-Za-z0-9'’]*|[.!?;]/g;
const SKIPPED_GENERIC = new Set(["perform", "performs", "use", "uses"]);

/** The verb a description leads with, after labels ("WORKFLOW:", "Step 1 of 4 -") and filler ("Use this tool to"). */
function findDescriptionVerb(description: string): DescriptionVerbHit | undefined {
  const head = description.length > 400 ? description.slice(0, 400) : description;
  DESCRIPTION_WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  let seen = 0;
  let others = 0;
  while ((m = DESCRIPTION_WORD.exec(head)) && seen < 24) {
    seen++;
    const raw = m[0];
    if (raw.length === 1 && ".!?;".includes(raw)) {
      if (others > 0) others++;
      continue;
    }
    const word = raw.toLowerCase();
    if (/^\d/.test(word)) continue;
    // Upper-case labels: "INSPECTION:", "DRIFT CHECK:", but a one-letter "A" is filler.
    if (raw.length > 1 && ALL_CAPS.test(raw)) continue;
    if (LEADING_FILLER.has(word) || SKIPPED_GENERIC.has(word)) continue;
    const v = TEXT_VERBS.get(word);
    if (v) {
      const rest = head.slice(m.index);
      // The first clause: joined verbs ("Create or update") and the object ("a Kubernetes Pod") live here.
      const clauseEnd = rest.slice(0, 160).search(/[.;:\n(]/);
      const clause = textWords(clauseEnd >= 0 ? rest.slice(0, clauseEnd) : rest.slice(0, 160));
      const joined: VerbInfo[] = [];
      let j = 1;
      while (j < clause.length) {
        const w = clause[j]!;
        if (CONJUNCTIONS.has(w)) {
          j++;
          continue;
        }
        const next = TEXT_VERBS.get(w);
        if (!next || next.ambiguous) break;
        joined.push(next);
        j++;
      }
      let k = j;
      if (PARTICLES.has(clause[k] ?? "")) k++;
      const object: string[] = [];
      while (k < clause.length && object.length < 4) {
        const w = clause[k]!;
        if (STOP_WORDS.has(w)) {
          if (object.length > 0) break;
          if (w === "a" || w === "an" || w === "the") object.push(w);
        } else object.push(w);
        k++;
      }
      // Quote from the start unless the verb comes late (after a long label or preamble).
      return { verb: v.verb, category: v.category, ambiguous: v.ambiguous, joined, quote: quoteText(m.index < 60 ? description : rest, 90), object };
    }
    others++;
    if (others > 4) return undefined;
  }
  return undefined;
}

/** Like scanPhrases, for one signal only. */
function scanPhrasesFor(words: readonly string[], into: Map<PhraseSignal, string>, signal: PhraseSignal): void {
  for (let i = 0; i < words.length; i++) {
    const bucket = PHRASE_INDEX.get(words[i]!);
    if (!bucket) continue;
    for (const p of bucket) {
      if (p.signal !== signal) continue;
      let ok = true;
      for (let k = 1; k < p.words.length; k++) {
        if (words[i + k] !== p.words[k]) {
          ok = false;
          break;
        }
      }
      if (ok) {
        into.set(signal, p.text);
        return;
      }
    }
  }
}

/** Scans words for lexicon phrases; the first quote per signal is kept. */
function scanPhrases(words: readonly string[], into: Map<PhraseSignal, string>): void {
  for (let i = 0; i < words.length; i++) {
    const bucket = PHRASE_INDEX.get(words[i]!);
    if (!bucket) continue;
    for (const p of bucket) {
      if (into.has(p.signal)) continue;
      let ok = true;
      for (let k = 1; k < p.words.length; k++) {
        if (words[i + k] !== p.words[k]) {
          ok = false;
          break;
        }
      }
      if (ok) into.set(p.signal, p.text);
    }
  }
}

interface PropertyView {
  name: string;
  key: string;
  description: string;
  type: unknown;
  enumValues: string[];
}

function schemaProperties(schema: Record<string, unknown> | undefined): PropertyView[] {
  const props = schema?.properties;
  if (!props || typeof props !== "object") return [];
  const out: PropertyView[] = [];
  for (const [name, raw] of Object.entries(props as Record<string, unknown>)) {
    const p = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
    const en = Array.isArray(p.enum) ? p.enum.filter((v): v is string => typeof v === "string") : [];
    out.push({
      name,
      key: /[A-Z-]/.test(name) ? name.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase().replace(/-/g, "_") : name,
      description: typeof p.description === "string" ? p.description : "",
      type: p.type,
      enumValues: en,
    });
  }
  return out;
}

/** All evidence from the tool's own text and its server's other tools. */
export function readTool(tool: ToolInput, profile?: ServerProfile, self = -1, precomputed?: NameTokens): ToolReading {
  const tokens = precomputed ?? tokenizeName(tool.name);
  const scores = emptyScores();
  const evidence: Evidence[] = [];
  const phrases = new Map<PhraseSignal, string>();
  const description = (tool.description ?? "").trim();
  const emptyDescription = description.length === 0;

  // Name: verb and object.
  const nv = findNameVerb(tokens);
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
  if (nv) {
    let best: VerbInfo = nv;
    for (const j of nv.joined) best = mostSevere(best, j);
    const weight = nv.position === "embeds" ? WEIGHTS.nameVerbCompound : nv.ambiguous ? WEIGHTS.nameVerbAmbiguous : WEIGHTS.nameVerb;
    scores[best.category] += weight;
    evidence.push({ signal: `verb:${nv.verb}`, source: "name", quote: nv.within ?? tool.name, weight });
    for (const j of nv.joined) evidence.push({ signal: `verb:${j.verb}`, source: "name", quote: tool.name, weight: 0 });
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

  // Description: leading verb, phrases, injection.
  let dv: DescriptionVerbHit | undefined;
  let injection: string | undefined;
  let productionMention: string | undefined;
  if (!emptyDescription) {
    dv = findDescriptionVerb(description);
    if (dv) {
      let best: VerbInfo = dv;
      for (const j of dv.joined) best = mostSevere(best, j);
      const weight = dv.ambiguous && dv.joined.length === 0 ? WEIGHTS.descriptionVerbAmbiguous : WEIGHTS.descriptionVerb;
      scores[best.category] += weight;
      evidence.push({ signal: `description_verb:${dv.verb}`, source: "description", quote: dv.quote, weight });
      for (const j of dv.joined) evidence.push({ signal: `description_verb:${j.verb}`, source: "description", quote: dv.quote, weight: 0 });
    }
    const dwords = textWords(description);
    scanPhrases(dwords, phrases);
    if (dwords.includes("production")) productionMention = "production";
    for (const re of INJECTION_PATTERNS) {
      const m = re.exec(description);
      if (m) {
        injection = m[0].length > 1 && /\S/.test(m[0]) && !/^[\u200b-\u206f\udb40\udc00-\udfff]+$/.test(m[0]) ? m[0] : "hidden characters";
        break;
      }
    }
  }
  if (tool.title) {
    // Titles are short; they add phrases (e.g. "read-only") but never a leading verb of their own.
    scanPhrases(textWords(tool.title), phrases);
  }

  // Input schema.
  const props = schemaProperties(tool.inputSchema);
  let execKind: ToolReading["execKind"];
  let execProperty: string | undefined;
  let moneyArgument: string | undefined;
  let hasCurrency = false;
  let recipientArgument: string | undefined;
  let bulkArgument: string | undefined;
  let secretArgument: string | undefined;
  let hasContent: string | undefined;
  let hasPath: string | undefined;
  let overwriteArgument: string | undefined;
  let operations: ToolReading["operations"];
  const lowerDescription = emptyDescription ? "" : description.toLowerCase();
  for (const p of props) {
    const kind = EXEC_PROPERTIES[p.key];
    if (kind && !execKind) {
      // "code" and "expression" are often data (a country code, a filter); they count when described as run.
      const described = /\b(?:run|runs|execute|executes|executed|evaluate|evaluated|eval|shell|sql|script)\b/i.test(p.description);
      if (kind === "sql" || kind === "command" || described) {
        execKind = kind;
        execProperty = p.name;
      }
    }
    if ((p.key === "query" || p.key === "queries") && !execKind) {
      const text = `${p.description} ${lowerDescription.slice(0, 300)}`.toLowerCase();
      for (const w of textWords(text)) {
        if (SQL_WORDS.has(w)) {
          execKind = "sql";
          execProperty = p.name;
          break;
        }
      }
    }
    if (AMOUNT_PROPERTIES.has(p.key)) moneyArgument ??= p.name;
    if (CURRENCY_PROPERTIES.has(p.key)) hasCurrency = true;
    if (RECIPIENT_PROPERTIES.has(p.key)) recipientArgument ??= p.name;
    if (BULK_PROPERTIES.has(p.key)) bulkArgument ??= p.name;
    if (SECRET_PROPERTIES.has(p.key)) secretArgument ??= p.name;
    if (CONTENT_PROPERTIES.has(p.key)) hasContent ??= p.name;
    if (PATH_PROPERTIES.has(p.key)) hasPath ??= p.name;
    if (OVERWRITE_WORDS.has(p.key) || p.enumValues.some((v) => OVERWRITE_WORDS.has(v.toLowerCase()))) overwriteArgument ??= p.name;
    if (OPERATION_PROPERTIES.has(p.key) && p.enumValues.length > 0 && !operations) {
      let best: VerbInfo | undefined;
      let bestValue = "";
      for (const value of p.enumValues) {
        const vt = tokenizeName(value).tokens;
        let v: VerbInfo | undefined;
        for (const t of vt) {
          v = NAME_VERBS.get(t);
          if (v) break;
        }
        if (v && (!best || SEVERITY[v.category] > SEVERITY[best.category])) {
          best = v;
          bestValue = value;
        }
      }
      if (best) operations = { property: p.name, values: p.enumValues, category: best.category, value: bestValue, verb: best.verb };
    }
  }
  if (execKind) {
    const weight = execKind === "sql" ? WEIGHTS.sqlArgument : WEIGHTS.execArgument;
    scores.execute += weight;
    evidence.push({ signal: execKind === "sql" ? "schema:sql_argument" : `schema:${execKind}_argument`, source: "schema", quote: execProperty!, weight });
  }
  if (moneyArgument && (hasCurrency || moneyObject)) {
    scores.financial += WEIGHTS.moneyArgument;
    evidence.push({ signal: "schema:amount_argument", source: "schema", quote: moneyArgument, weight: WEIGHTS.moneyArgument });
  }
  let fileWrite: string | undefined;
  if (hasContent && hasPath) {
    fileWrite = `${hasPath} + ${hasContent}`;
    scores.write += WEIGHTS.fileWrite;
    evidence.push({ signal: "schema:file_write", source: "schema", quote: fileWrite, weight: WEIGHTS.fileWrite });
  }
  if (operations) {
    evidence.push({ signal: `schema:operation_${operations.category}`, source: "schema", quote: `${operations.property}: ${operations.value}`, weight: WEIGHTS.operationEnum });
  }

  // Phrases that weigh toward a category.
  const readOnly = phrases.get("read_only_claim");
  if (readOnly) {
    scores.read += WEIGHTS.readOnlyClaim;
    evidence.push({ signal: "read_only_claim", source: "description", quote: readOnly, weight: WEIGHTS.readOnlyClaim });
  }
  const irreversible = phrases.get("irreversible");
  if (irreversible) {
    scores.destructive += WEIGHTS.irreversible;
    evidence.push({ signal: "irreversible", source: "description", quote: irreversible, weight: WEIGHTS.irreversible });
  }
  const overwrite = phrases.get("overwrite") ?? (overwriteArgument ? `${overwriteArgument}` : undefined);
  // Overwriting counts as destruction for files (a field "replaced" by an update is an ordinary write).
  if (overwrite && (fileWrite || words.includes("file") || words.includes("files"))) {
    scores.destructive += WEIGHTS.overwrite;
    evidence.push({ signal: "overwrite", source: phrases.has("overwrite") ? "description" : "schema", quote: overwrite, weight: WEIGHTS.overwrite });
  }
  const execPhrase = phrases.get("execute_phrase");
  if (execPhrase) {
    scores.execute += WEIGHTS.executePhrase;
    evidence.push({ signal: "execute_phrase", source: "description", quote: execPhrase, weight: WEIGHTS.executePhrase });
  }

  if (!injection && props.length > 0) {
    // Tool poisoning also hides in argument descriptions: scan them together, once.
    let joined = "";
    for (const p of props) if (p.description) joined += ` ${p.description}`;
    // Most argument descriptions hold none of the words an injection needs: check cheaply first.
    if (joined && INJECTION_PREFILTER.test(joined)) {
      const found = new Map<PhraseSignal, string>();
      scanPhrasesFor(textWords(joined), found, "prompt_injection");
      const hit = found.get("prompt_injection") ?? (INJECTION_PATTERNS.some((re) => re.test(joined)) ? "model-aimed markup in an argument description" : undefined);
      if (hit) injection = hit;
    }
  }
  if (!injection) injection = phrases.get("prompt_injection");

  const thin = emptyDescription || description.length < 12 || (!nv && !dv);
  const context = profile ? siblingDomains(profile, self) : [];

  const reading: ToolReading = {
    tokens,
    object,
    scores,
    evidence,
    phrases,
    emptyDescription,
    thin,
    context,
  };
  if (nv) reading.nameVerb = nv;
  if (dv) reading.descriptionVerb = dv;
  if (execKind) reading.execKind = execKind;
  if (execProperty) reading.execProperty = execProperty;
  if (moneyArgument) reading.moneyArgument = moneyArgument;
  if (recipientArgument) reading.recipientArgument = recipientArgument;
  if (bulkArgument) reading.bulkArgument = bulkArgument;
  if (secretArgument) reading.secretArgument = secretArgument;
  if (fileWrite) reading.fileWrite = fileWrite;
  if (overwriteArgument) reading.overwriteArgument = overwriteArgument;
  if (operations) reading.operations = operations;
  if (identityName) reading.identityName = identityName;
  if (secretName) reading.secretName = secretName;
  if (moneyObject) reading.moneyObject = moneyObject;
  if (messageObject) reading.messageObject = messageObject;
  if (bulkName) reading.bulkName = bulkName;
  if (infraName) reading.infraName = infraName;
  if (productionMention) reading.productionMention = productionMention;
  if (injection) reading.injection = injection;
  return reading;
}

export { SEND_VERBS };
