// Weighs a tool's evidence into a category, risk, confidence, rationale and suggested rule.
import { DOMAIN_LABEL, MANAGING_VERBS, SEND_VERBS, SEVERITY, VERB_GLOSS, WEIGHTS, type Domain } from "./lexicon.js";
import { actionToolName, findActionArgument } from "./actions.js";
import { actionReason, actionRisk, ruleWithArguments, type ActionClass, type ArgumentFindings } from "./argument-rules.js";
import { declaredDanger, type DeclaredDanger } from "./annotations.js";
import { ruleForRisk, ruleHasReason, type Rule } from "./policy.js";
import { emptyFeatures, toolFeatures, type Features } from "./features.js";
import { hintClassOfCategory, hintsFor, NON_ADDITIVE_SIGNALS, nonAdditiveEvidence, type Hints } from "./hints.js";
import { describeInjection } from "./injection.js";
import { HINT_CLASSES, predict, shippedModel, strongestEvidence, weightedBuckets, type HintClass, type Model } from "./model.js";
import { quoteText } from "./quote.js";
import { findRawArguments } from "./raw-arguments.js";
import { buildProfile, type ServerProfile, type SiblingDomain } from "./server-profile.js";
import { readTool, type Evidence, type ToolReading } from "./signals.js";
import type { VerbInfo } from "./verb-tables.js";
import { BASE_RISK, CATEGORIES, injectedRisk, raiseRisk, riskRank, type Category, type Risk } from "./taxonomy.js";
import type { ToolAnnotations, ToolInput } from "./tool.js";
import { tokenizeName } from "./tokens.js";

export type { Evidence } from "./signals.js";
export type { Hints } from "./hints.js";

/** Bump whenever rules, lexicon or weights change: stored classifications of older versions are redone. */
export const CLASSIFIER_VERSION = "learned-52";

/** How to classify: `model` null means the rules alone; absent, the shipped learned model weighs the evidence. */
export interface ClassifyOptions {
  model?: Model | null;
  /** Receives each tool's model features, in order (training sees exactly what inference sees). */
  onFeatures?: (features: Features, index: number) => void;
}

export interface ServerContext {
  name: string;
  description?: string;
  /** All the server's tools: each one's siblings. */
  tools: readonly ToolInput[];
}

export interface Classification {
  category: Category;
  risk: Risk;
  confidence: number;
  signals: string[];
  rationale: string;
  evidence: Evidence[];
  rule: Rule;
  /** MCP's hints as the classifier predicts them from the tool's text (never copied from its annotations). */
  hints: Hints;
  /** How the verdict was reached: the rules, the server's hints, or the rules reviewed by a model (review.ts). */
  method: "rules" | "annotations" | "rules+model";
  /** The reviewing model and prompt version, when a model's verdict was applied (method rules+model). */
  reviewedBy?: ReviewedBy;
  classifierVersion: string;
  /** The server's declared hints, recorded as given. */
  annotations?: ToolAnnotations;
  /** What its arguments say: the action each value of a consolidated tool's action argument is, and raw-language arguments. */
  arguments?: ArgumentFindings;
}

/** Which model reviewed a classification, with which prompt: a verdict is only as good as both. */
export interface ReviewedBy {
  model: string;
  promptVersion: string;
}

/** Signals that raise risk one step (DESIGN.md "Risk"). */
const AGGRAVATING: Record<string, string> = {
  identity: "it changes identities or permissions",
  secrets: "it handles secrets",
  bulk_scope: "it acts on many things at once",
  external_send: "it sends data outside (an exfiltration path)",
  production_infra: "it changes production infrastructure",
  prompt_injection: "its text tries to instruct the model",
  irreversible: "it overwrites what was there",
};

const REASON_PREFIX: Record<string, string> = {
  identity: "Changes identities or permissions",
  secrets: "Handles secrets",
  bulk_scope: "Acts in bulk",
  external_send: "Sends data outside",
  production_infra: "Changes production infrastructure",
  prompt_injection: "Its description contains instructions aimed at the model",
  irreversible: "Overwrites existing data",
};

function gloss(verb: string): string {
  const known = VERB_GLOSS[verb];
  if (known) return known;
  if (/(?:s|sh|ch|x|z|o)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

const DETERMINERS = new Set(["a", "an", "the", "all", "every", "each", "any", "some", "this", "these", "those"]);

/** "repository" → "a repository"; plural, determined or description-given objects keep their own form. */
function objectPhrase(words: readonly string[], addArticle = true): string {
  const text = words.join(" ");
  if (!text) return "";
  const first = words[0]!;
  if (first === "a" || first === "an" || first === "the") return words.length > 1 ? text : "";
  if (!addArticle || DETERMINERS.has(first)) return text;
  const last = words[words.length - 1]!;
  if (/[^s]s$/.test(last) || /ies$/.test(last)) return text;
  return `${/^(?:[aeio]|u(?!s|n[iu]|ti|r))/.test(text) ? "an" : "a"} ${text}`;
}

/** The verb behind a category: the name's, a joined one, the description's, in that order. */
function verbFor(r: ToolReading, category: Category): string | undefined {
  // "create_refund": the name's own verb reads best when its object is what makes the tool financial.
  if (category === "financial" && r.nameVerb && r.moneyObject) return r.nameVerb.verb;
  for (const hit of [r.nameVerb, r.descriptionVerb]) {
    if (!hit) continue;
    if (hit.category === category) return hit.verb;
    for (const v of hit.joined) if (v.category === category) return v.verb;
  }
  return r.nameVerb?.verb ?? r.descriptionVerb?.verb;
}

/** What the tool does to what, for reasons and rationales: "deletes a repository". */
function actionPhrase(r: ToolReading, category: Category, fromOperations: boolean): string {
  const nameObject = r.object.filter((w) => w.length > 2);
  if (fromOperations && r.operations) {
    const op = tokenizeName(r.operations.value).tokens.filter((w) => w !== r.operations!.verb && !STOP.has(w));
    // "delete_pending" on a review tool: the operation's words qualify the tool's object.
    const words = op.length >= 2 || nameObject.length === 0 ? op : [...op, ...nameObject];
    return `${gloss(r.operations.verb)} ${objectPhrase(words.slice(0, 5))}`.trim();
  }
  // Noun-first and run-together names (pods_delete, tfdeploy) say less about the object than the description.
  const preferDescription = !r.nameVerb || r.nameVerb.position === "ends" || r.nameVerb.position === "embeds" || nameObject.length === 0;
  const descObject = r.descriptionVerb?.object ?? [];
  const useDescription = descObject.length > 0 && (preferDescription || nameObject.length === 0);
  const obj = useDescription ? objectPhrase(descObject.slice(0, 4), false) : objectPhrase(nameObject.length > 0 ? r.object.slice(0, 4) : []);
  const verb = verbFor(r, category);
  if (!verb) return obj;
  return obj ? `${gloss(verb)} ${obj}` : gloss(verb);
}

const STOP = new Set(["a", "an", "the", "to", "from", "of", "for", "in", "on"]);

function capitalize(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

function reasonFor(r: ToolReading, category: Category, aggravating: string[], fromOperations: boolean): string {
  if (aggravating.includes("prompt_injection")) return REASON_PREFIX.prompt_injection!;
  const action = actionPhrase(r, category, fromOperations);
  switch (category) {
    case "destructive":
      return action ? `Irreversible: ${action}` : "Irreversible: deletes or overwrites data";
    case "financial":
      return action ? `Moves money: ${action}` : "Moves money or commits spend";
    case "execute":
      if (r.execKind === "sql") return "Executes arbitrary SQL";
      if (r.execKind === "command") return "Runs shell commands";
      if (r.execKind === "code") return "Executes code";
      return action ? `Runs with open effects: ${action}` : "Runs code, commands or workflows with open effects";
    default: {
      const first = aggravating[0];
      if (first) return action ? `${REASON_PREFIX[first]}: ${action}` : REASON_PREFIX[first]!;
      return action ? capitalize(action) : category === "read" ? "Reads data" : "Changes state";
    }
  }
}

interface HintedClasses {
  allowed: ReadonlySet<Category>;
  label: string;
}
const HINTED_READ_ONLY: HintedClasses = { allowed: new Set(["read"]), label: "read-only" };
const HINTED_DESTRUCTIVE: HintedClasses = { allowed: new Set(["destructive", "execute", "financial"]), label: "destructive" };
const HINTED_NOT_DESTRUCTIVE: HintedClasses = { allowed: new Set(["write", "execute", "financial"]), label: "not destructive" };
const HINTED_NOT_READ_ONLY: HintedClasses = { allowed: new Set(["write", "execute", "destructive", "financial"]), label: "not read-only" };

/** The class the server's explicit hints claim, or undefined when they claim nothing. Absent hints say nothing. */
function hintedClasses(a: ToolAnnotations | undefined): HintedClasses | undefined {
  if (!a) return undefined;
  if (a.readOnlyHint === true) return HINTED_READ_ONLY;
  if (a.destructiveHint === true) return HINTED_DESTRUCTIVE;
  if (a.destructiveHint === false) return HINTED_NOT_DESTRUCTIVE;
  if (a.readOnlyHint === false) return HINTED_NOT_READ_ONLY;
  return undefined;
}

/**
 * Whether a tool's own text says nothing of what it does, so that its category is a guess: neither its name nor its
 * description has a verb the rules know, it offers no operations and takes no code, command or SQL to run, and nothing
 * in it weighs more than a verbless guess does (a readout noun ending the name, `widget_status`; a question opening the
 * description, "Does the thing."; each WEIGHTS.readoutName). Its category is then the fallback write, that guess, or
 * the learned model's odds from words that say no action. Any verb, even one that is as often a noun, is the text's own
 * word for what the tool does, and so is a stated effect or claim (read-only wording, "also deletes": each weighs more).
 */
function saysNothingOfItself(r: ToolReading): boolean {
  const s = r.scores;
  return !r.nameVerb && !r.descriptionVerb && !r.operations && !r.execKind && Math.max(s.read, s.write, s.execute, s.destructive, s.financial) <= WEIGHTS.readoutName;
}

/** The categories a server's declared danger rules out: it may be more dangerous than declared, never less. */
const RULED_OUT: Record<DeclaredDanger["category"], ReadonlySet<Category>> = {
  destructive: new Set(["read", "write"]),
  write: new Set(["read"]),
};

/**
 * The least risk of a tool its own server declares dangerous (declaredDanger), whatever its text says. Where the text
 * reads it (`get_user`, "Returns the user."), the read stands, since servers mislabel and the text is the tool's own
 * evidence (the conflict is the `annotation_conflict` signal), but it is not low: low is allowed with no limit, and
 * nothing is gained by trusting a read over its author's word that it is dangerous. Medium (allowed, rate-limited) and
 * not the declared class's own risk: denying every read a server over-declares (mcp-go's NewTool sends
 * `destructiveHint: true` for any tool whose author set no hints) would deny tools the text plainly says read.
 */
const DECLARED_DANGER_RISK: Risk = "medium";

function argmax(scores: Record<Category, number>): Category | undefined {
  let best: Category | undefined;
  let bestScore = 0;
  for (const c of CATEGORIES) {
    const s = scores[c];
    // Ties go to the more severe category: when evidence is split, assume the worse.
    if (s > bestScore || (s === bestScore && s > 0 && best && SEVERITY[c] > SEVERITY[best])) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}

/** The most severe of a verb and the verbs joined to it ("get_or_delete" → destructive). */
function mostSevereCategory(hit: VerbInfo & { joined: readonly VerbInfo[] }): Category {
  let category = hit.category;
  for (const j of hit.joined) if (SEVERITY[j.category] > SEVERITY[category]) category = j.category;
  return category;
}

// Fields by name rather than a spread: spreading was a hot spot of the classifier.
function copyScores(s: Record<Category, number>): Record<Category, number> {
  return { read: s.read, write: s.write, execute: s.execute, destructive: s.destructive, financial: s.financial };
}

function joinNames(names: readonly string[]): string {
  const q = names.map((n) => quoteText(n, 60));
  if (q.length <= 1) return q.join("");
  return `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
}

const CATEGORY_PHRASE: Record<Category, string> = {
  read: "a read",
  write: "a write",
  execute: "an execute tool",
  destructive: "destructive",
  financial: "financial",
};

/** Verbs that send when their object is a message ("post_message", "create_email"). */
const MESSAGE_WRITE_VERBS = new Set(["post", "reply", "publish", "create", "write", "respond", "share", "compose", "schedule"]);

/** When siblings establish several domains, the one that matters most for risk places the tool. */
const CONTEXT_PREFERENCE: readonly Domain[] = ["identity", "secrets", "payments", "database", "messaging", "infrastructure", "browser", "filesystem"];

/**
 * Whether the name's verb or the description's leading verb is a destructive one (delete, drop, purge …): such a
 * tool is never read, whatever else its text says (a safety invariant, held by property tests).
 */
export function leadsDestructive(r: ToolReading): boolean {
  const nv = r.nameVerb;
  // A word that is also a noun (drop, clear, flush, empty) counts wherever the name has no other verb: "drop_table",
  // "canvas_clear"; in the description, where it opens the text ("Drop the table", not "price drop alerts").
  if (nv && nv.position !== "embeds" && (nv.category === "destructive" || nv.joined.some((j) => j.category === "destructive"))) return true;
  const dv = r.descriptionVerb;
  return dv !== undefined && (!dv.ambiguous || dv.first) && dv.category === "destructive";
}

/** Whether the only verbs of a tool's name and description are managing ones, with no other signal scored. */
function onlyManages(r: ToolReading): boolean {
  const verbs = [r.nameVerb?.verb, r.descriptionVerb?.verb].filter((v) => v !== undefined);
  return verbs.length > 0 && verbs.every((v) => MANAGING_VERBS.has(v)) && r.evidence.every((e) => e.weight === 0 || e.signal.startsWith("verb:") || e.signal.startsWith("description_verb:") || e.signal.startsWith("schema:operation_"));
}

/** Categories the hint classes stand for when the learned model moves a tool across the read axis. */
const CATEGORY_OF_HINT: Record<HintClass, Category> = { read: "read", write: "write", destructive: "destructive" };

/** How sure the model must be to move a tool across the read axis against the rules' reading. */
const MODEL_OVERRULES = 0.8;
/** … and against a reading resting on one word that is as often a noun ("Order book depth", "Trading pair data"). */
const MODEL_OVERRULES_WEAK = 0.5;
/** … and to call a read a tool whose text gave the rules nothing to go on but acts on something (ACTS_ON_SOMETHING). */
const MODEL_READS_UNSEEN = 0.5;
/** A text opening, after a label, with a capitalized word before a determiner: a verb acting on something. */
const ACTS_ON_SOMETHING = /^\s*(?:\[[^\]]*\]\s*|[A-Z][A-Za-z -]{0,30}:\s+)?[A-Z][a-z]+\s+(?:(?:or|and)\s+[a-z]+\s+)?(?:a|an|the|its|their|this|these|one|all|every|each|your|any|some|up to)\b/;

/**
 * Letters of scripts whose words neither the rules nor the corpus the model learned from hold more than a few of (Greek,
 * Armenian, Hebrew, the Indic scripts, Thai, Lao, Myanmar, Georgian, Ethiopic, Khmer): a text in one that gave the rules
 * nothing is one the model cannot read either, so its read is no better than a guess.
 */
const UNREAD_SCRIPT = /[\u0370-\u03ff\u0530-\u05ff\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u10a0-\u10ff\u1200-\u137f\u1780-\u17ff]/;

const scratchFeatures: Features = emptyFeatures();

const HINT_PHRASE: Record<HintClass, string> = { read: "read-only", write: "non-destructive writes", destructive: "destructive" };

function decide(tool: ToolInput, r: ToolReading, model: Model | null, onFeatures?: (features: Features) => void): Classification {
  const evidence = r.evidence;
  const signals: string[] = [];
  const sentences: string[] = [];
  const add = (s: string) => {
    if (!signals.includes(s)) signals.push(s);
  };
  for (const e of evidence) add(e.signal);

  // 1. Category from the tool's own text.
  const scores = r.scores;
  let category: Category | undefined = argmax(scores);
  let ruleCategory = category;
  let fromOperations = false;
  // A tool that offers a more dangerous operation than its name says can do that operation; one that says only that it
  // manages ("Manage workspaces - supports list and get operations") does what it offers, and no more.
  if (r.operations && (!category || SEVERITY[r.operations.category] > SEVERITY[category] || onlyManages(r))) {
    category = r.operations.category;
    ruleCategory = category;
    fromOperations = true;
  }

  // 2. Siblings, when the tool's own text is thin.
  let contextDomain: SiblingDomain | undefined;
  if (r.thin && r.context.length > 0) {
    for (const d of CONTEXT_PREFERENCE) {
      contextDomain = r.context.find((c) => c.domain === d);
      if (contextDomain) break;
    }
    if (contextDomain) {
      const signal = contextDomain.domain === "identity" ? "context:iam_siblings" : `context:${contextDomain.domain}_siblings`;
      add(signal);
      evidence.push({ signal, source: contextDomain.examples.length > 0 ? "siblings" : "server", quote: contextDomain.examples.join(", ") || "server description", weight: WEIGHTS.siblingDomain });
      // "query" or "run" on a database server with nothing else said runs SQL.
      if (contextDomain.domain === "database" && r.nameVerb && (r.nameVerb.verb === "query" || r.nameVerb.category === "execute")) {
        category = "execute";
        ruleCategory = category;
      }
    }
  }

  // 3. Money objects and arguments turn a write into a money movement.
  if (category && (category === "write" || category === "execute") && (r.moneyObject || (r.moneyArgument && evidence.some((e) => e.signal === "schema:amount_argument")))) {
    category = "financial";
    ruleCategory = category;
    add("money");
    evidence.push({ signal: "money", source: r.moneyObject ? "name" : "schema", quote: r.moneyObject ?? r.moneyArgument!, weight: 1 });
  }

  // Nothing at all to go on: assume it changes something, with low confidence.
  const noEvidence = !category;
  if (!category) {
    category = "write";
    ruleCategory = undefined;
  }

  // Words that say data is lost or cannot be recovered make a change destructive; in a read's text they are about
  // something else ("deletions cannot be undone" beside a listing).
  if (category === "write" && r.phrases.irreversible !== undefined) {
    category = "destructive";
    ruleCategory = category;
  }

  // Safety: a destructive verb leading the name or the description is never a read.
  const destructiveLead = leadsDestructive(r);
  if (destructiveLead && category === "read") {
    category = "destructive";
    ruleCategory = category;
  }

  // 3b. The learned model weighs the rules' reading with the name's and description's words into MCP's hint
  // classes; where it crosses the read axis, the category follows it (the read axis is one decision).
  // Not additive, so destructive in MCP's hints though a write for policy: an overwrite, a replace, a reset, and a
  // removed link (both ends stay, the link is gone).
  const nonAdditiveQuote = nonAdditiveEvidence(r);
  const nonAdditive = nonAdditiveQuote !== undefined;
  let hintClass = hintClassOfCategory(category, nonAdditive, !signals.includes("contained_run"));
  let learned: { p: number; notRead: number; cls: HintClass; evidence: string[]; readOdds?: number } | undefined;
  // Without a sink the features live only for this decision: one scratch set serves every tool, holding only those
  // the model weighs (the sums and the evidence named are the same).
  const features = onFeatures
    ? toolFeatures(tool, r, noEvidence ? undefined : category)
    : model
      ? toolFeatures(tool, r, noEvidence ? undefined : category, scratchFeatures, weightedBuckets(model))
      : undefined;
  onFeatures?.(features!);
  if (model && features) {
    const p = predict(model, features);
    let cls = p[0]! >= p[1]! && p[0]! >= p[2]! ? 0 : p[2]! > p[1]! ? 2 : 1;
    if (cls === 0 && destructiveLead) cls = 2;
    const rulesClass = hintClass;
    hintClass = HINT_CLASSES[cls]!;
    // The model overrules the rules' reading only when it is sure: the rules explain themselves, and a few
    // servers' labelling habits should not outweigh them.
    // Nor does it make a change the text calls non-additive (an overwrite, a replace, a removed link) additive, nor
    // read it, even where no verb says what the tool does: an overwrite offered is no read-only tool's.
    const keepsNonAdditive = nonAdditive && rulesClass === "destructive" && hintClass !== "destructive";
    // The rules' reading weighs no more than one description word that is as often a noun.
    const weakRules = Math.max(scores.read, scores.write, scores.execute, scores.destructive, scores.financial) <= WEIGHTS.descriptionVerbAmbiguous && !destructiveLead;
    // A description that opens by acting on something with a verb the rules do not know ("Trim a clip at its in or out
    // edge", "Transpose a passage by N semitones") is called a read only where the model thinks it more likely than not:
    // the three classes' argmax can be a read it puts under even odds, and a change read as a read fails open. (A
    // noun-phrase text, "Column-level lineage: which upstream models …", is read at such odds four times in five.)
    // So is one in a script neither it nor the rules read (UNREAD_SCRIPT): "सर्वर से फ़ाइल हटाएं" deletes a file.
    const unsureRead = noEvidence && cls === 0 && p[0]! < MODEL_READS_UNSEEN && (ACTS_ON_SOMETHING.test(tool.description ?? "") || UNREAD_SCRIPT.test(`${tool.name} ${tool.description ?? ""}`));
    if (keepsNonAdditive || unsureRead || (!noEvidence && hintClass !== rulesClass && p[cls]! < (weakRules ? MODEL_OVERRULES_WEAK : MODEL_OVERRULES))) {
      hintClass = rulesClass;
      cls = HINT_CLASSES.indexOf(rulesClass);
    }
    // An unsure read kept as the rules' change is as sure as the model is that the tool is not a read, and names what
    // weighed toward the read it was not sure of.
    learned = { p: unsureRead ? 1 - p[0]! : p[cls]!, notRead: 1 - p[0]!, cls: hintClass, evidence: strongestEvidence(model, features, unsureRead ? 0 : cls, 2), readOdds: unsureRead ? p[0]! : undefined };
    if (noEvidence || (category === "read") !== (hintClass === "read")) {
      // With nothing in the text to go on, a model less than even sure of a destruction calls it a change that may
      // destroy (a write, destructive in the hints), not a delete: the harshest class needs evidence or a sure model.
      category = noEvidence && hintClass === "destructive" && learned.p < 0.5 ? "write" : CATEGORY_OF_HINT[hintClass];
      ruleCategory = category;
    }
  }
  // Safety: a text that says the tool spends is never a read, whatever it reads first. Held after the model's features
  // are taken, as a guard on the verdict rather than evidence weighed: the corpus has too few paid tools to weigh it.
  if (r.statedSpend && category === "read") {
    category = "financial";
    ruleCategory = category;
    hintClass = "write";
    add("stated_spend");
    evidence.push({ signal: "stated_spend", source: "description", quote: r.statedSpend, weight: 0 });
  }
  // Recorded after the model's features are taken (it weighs the reading's signals), so that a later change of
  // category, the model review's (review.ts), keeps the non-additive hint the text supports.
  if (nonAdditiveQuote && !evidence.some((e) => NON_ADDITIVE_SIGNALS.has(e.signal))) {
    add("non_additive");
    evidence.push({ signal: "non_additive", ...nonAdditiveQuote, weight: 0 });
  }

  // 4. Annotations weigh as evidence, but untrusted hints never lower the rules' class.
  let method: Classification["method"] = "rules";
  const a = tool.annotations;
  // A tool whose text says nothing of what it does takes the danger its server declares, where its guessed class is
  // one the declaration rules out (a read, or a write where destructiveHint is true): a claim of danger is a floor.
  const danger = declaredDanger(a);
  const declaredDecides = danger !== undefined && (noEvidence || saysNothingOfItself(r)) && RULED_OUT[danger.category].has(category);
  if (a) {
    const withHints = copyScores(scores);
    if (a.readOnlyHint === true) withHints.read += WEIGHTS.annotationReadOnly;
    if (a.readOnlyHint === false) withHints.write += WEIGHTS.annotationWrite;
    if (a.destructiveHint === true && a.readOnlyHint !== true) withHints.destructive += WEIGHTS.annotationDestructive;
    const hinted = argmax(withHints);
    // A declared destructiveHint never lets the hints choose read, even beside a readOnlyHint: it never lowers risk.
    if (declaredDecides) {
      category = danger!.category;
      method = "annotations";
    } else if (hinted && noEvidence && !(hinted === "read" && a.destructiveHint === true)) {
      category = hinted;
      method = "annotations";
    } else if (hinted && ruleCategory && SEVERITY[hinted] > SEVERITY[ruleCategory] && !fromOperations) {
      category = hinted;
      method = "annotations";
    }
    if (a.readOnlyHint !== undefined) evidence.push({ signal: `annotation:readOnlyHint=${a.readOnlyHint}`, source: "annotations", quote: `readOnlyHint: ${a.readOnlyHint}`, weight: a.readOnlyHint ? WEIGHTS.annotationReadOnly : WEIGHTS.annotationWrite });
    if (a.destructiveHint !== undefined) evidence.push({ signal: `annotation:destructiveHint=${a.destructiveHint}`, source: "annotations", quote: `destructiveHint: ${a.destructiveHint}`, weight: a.destructiveHint ? WEIGHTS.annotationDestructive : 0 });
  }
  const hints = hintedClasses(a);
  const conflict = hints && !hints.allowed.has(category) ? hints.label : undefined;

  // 5. Aggravating signals (each only where it makes the tool more dangerous).
  const changes = category !== "read";
  const aggravating: string[] = [];
  const aggravate = (signal: string, e: Evidence) => {
    if (!aggravating.includes(signal)) aggravating.push(signal);
    add(signal);
    evidence.push(e);
  };
  const identityFromContext = contextDomain?.domain === "identity";
  if (changes && r.identityName && (r.identityName.strong || r.identityName.token !== "access")) {
    aggravate("identity", { signal: "identity", source: "name", quote: r.identityName.token, weight: 1 });
  } else if (changes && (identityFromContext || (r.phrases.identity !== undefined && r.context.some((c) => c.domain === "identity")))) {
    aggravate("identity", { signal: "identity", source: "siblings", quote: contextDomain?.examples.join(", ") ?? r.phrases.identity!, weight: 1 });
  }
  if (r.secretName) aggravate("secrets", { signal: "secrets", source: "name", quote: r.secretName, weight: 1 });
  else if (r.secretArgument) aggravate("secrets", { signal: "secrets", source: "schema", quote: r.secretArgument, weight: 1 });
  else if (changes && contextDomain?.domain === "secrets") aggravate("secrets", { signal: "secrets", source: "siblings", quote: contextDomain.examples.join(", "), weight: 1 });
  if (changes) {
    const bulk = r.bulkName ?? r.bulkArgument ?? r.phrases.bulk_scope;
    if (bulk) aggravate("bulk_scope", { signal: "bulk_scope", source: r.bulkName ? "name" : r.bulkArgument ? "schema" : "description", quote: bulk, weight: 1 });
    const verb = r.nameVerb?.verb;
    const sends = (verb && SEND_VERBS.has(verb)) || (r.messageObject && verb && MESSAGE_WRITE_VERBS.has(verb));
    if (sends) aggravate("external_send", { signal: "external_send", source: "name", quote: tool.name, weight: 1 });
    else if (r.recipientArgument && category !== "destructive") aggravate("external_send", { signal: "external_send", source: "schema", quote: r.recipientArgument, weight: 1 });
    else if (r.phrases.external_send !== undefined) aggravate("external_send", { signal: "external_send", source: "description", quote: r.phrases.external_send, weight: 1 });
    const infra = r.productionMention ?? (category !== "write" ? r.infraName : undefined);
    if (infra) aggravate("production_infra", { signal: "production_infra", source: r.productionMention ? "description" : "name", quote: infra, weight: 1 });
  }
  // Overwriting a file loses what was there: a write that cannot be undone.
  if (changes && category !== "destructive" && r.evidence.some((e) => e.signal === "overwrite")) {
    aggravate("irreversible", { signal: "irreversible", source: "description", quote: r.phrases.overwrite ?? r.overwriteArgument ?? "overwrite", weight: 1 });
  }
  const inj = r.injection;
  if (inj) aggravate("prompt_injection", { signal: "prompt_injection", source: inj.where === "description" ? "description" : "schema", quote: quoteText(inj.finding.quote, 60), weight: 1 });
  if (r.emptyDescription) add("empty_description");
  if (conflict) {
    add("annotation_conflict");
    evidence.push({ signal: "annotation_conflict", source: "annotations", quote: conflict, weight: 0 });
  }

  // 6. Risk: the category's base, raised one step by any aggravating signal; text aimed at the model, to high at least.
  // … and never below DECLARED_DANGER_RISK where its server declares it dangerous.
  const base = BASE_RISK[category];
  const raised = inj ? injectedRisk(base) : aggravating.length > 0 ? raiseRisk(base) : base;
  const declaredFloor = danger !== undefined && riskRank(raised) < riskRank(DECLARED_DANGER_RISK);
  const risk = declaredFloor ? DECLARED_DANGER_RISK : raised;

  // 7. Confidence: how many independent pieces agree with the outcome.
  const nv = r.nameVerb;
  const dv = r.descriptionVerb;
  const dvCategory = dv ? mostSevereCategory(dv) : undefined;
  const nvCategory = nv ? mostSevereCategory(nv) : undefined;
  // A write verb on a money object ("create_refund", "transfer_funds") agrees with financial.
  const moneyWrite = category === "financial" && (r.moneyObject !== undefined || r.evidence.some((e) => e.signal === "schema:amount_argument"));
  const nameAgrees = nvCategory === category || (moneyWrite && (nvCategory === "write" || nvCategory === "execute"));
  const descAgrees = dvCategory === category || (moneyWrite && (dvCategory === "write" || dvCategory === "execute"));
  let confidence: number;
  // A class taken on the server's word alone is as sure as any the hints decided with nothing else to go on: the
  // model's odds were for the class the declaration ruled out.
  if (declaredDecides) confidence = 0.5;
  // Money moved is a write or a destruction alike: the model's doubt between the two is no doubt about the category.
  else if (learned) confidence = category === "financial" ? Math.max(learned.p, learned.notRead) : learned.p;
  else if (noEvidence && method !== "annotations") confidence = contextDomain ? 0.4 : 0.3;
  else if (noEvidence) confidence = 0.5;
  else if (fromOperations) confidence = nameAgrees || descAgrees ? 0.9 : 0.85;
  else if (nv && dv) {
    if (nameAgrees && descAgrees) confidence = nv.ambiguous || nv.position === "embeds" ? 0.9 : 0.95;
    else if (nameAgrees || descAgrees) confidence = 0.65;
    else confidence = 0.55;
  } else if (nv) {
    const strength = nv.ambiguous ? 0.6 : nv.position === "embeds" ? 0.7 : 0.85;
    confidence = nameAgrees ? (r.emptyDescription ? strength - 0.05 : strength) : 0.55;
  } else if (dv) {
    confidence = descAgrees ? (dv.ambiguous ? 0.7 : 0.85) : 0.55;
  } else confidence = 0.6;
  if (!noEvidence && !learned) {
    const readClaim = r.phrases.read_only_claim !== undefined;
    if (readClaim && category === "read") confidence = Math.min(0.97, confidence + 0.03);
    if (readClaim && category !== "read") confidence = Math.min(confidence, 0.6);
    if (r.execKind && category === "execute") confidence = Math.min(0.97, confidence + 0.05);
    if (r.phrases.irreversible !== undefined && category === "destructive") confidence = Math.min(0.97, confidence + 0.03);
  }
  if (hints && !conflict) confidence = Math.min(0.99, confidence + 0.03);
  if (conflict) confidence = Math.min(confidence, 0.6);
  confidence = Math.round(confidence * 100) / 100;

  // 8. Rationale: a short paragraph quoting the evidence.
  if (nv) {
    const joined = nv.joined.length > 0 ? ` and '${nv.joined.map((j) => j.verb).join("' and '")}'` : "";
    if (nv.position === "embeds") sentences.push(`Its name '${quoteText(tool.name, 60)}' embeds the verb '${nv.verb}'.`);
    else sentences.push(`Its name ${nv.position === "contains" ? "contains" : `${nv.position} with`} '${nv.verb}'${joined}${nv.ambiguous ? ` (a word that is also a noun)` : ""}.`);
  } else {
    sentences.push(`Its name '${quoteText(tool.name, 60)}' has no verb the classifier knows.`);
  }
  if (r.emptyDescription) {
    if (contextDomain && contextDomain.examples.length > 0) {
      sentences.push(`No description; the server's other tools, ${joinNames(contextDomain.examples.slice(0, 2))}, place it in ${DOMAIN_LABEL[contextDomain.domain]}.`);
    } else if (contextDomain) {
      sentences.push(`No description; the server's own description places it in ${DOMAIN_LABEL[contextDomain.domain]}.`);
    } else sentences.push("It has no description.");
  } else if (dv) {
    sentences.push(`Its description reads '${dv.quote}'.`);
    if (contextDomain && contextDomain.examples.length > 0) sentences.push(`The server's other tools, ${joinNames(contextDomain.examples.slice(0, 2))}, place it in ${DOMAIN_LABEL[contextDomain.domain]}.`);
  } else if (contextDomain && contextDomain.examples.length > 0) {
    sentences.push(`Its description does not say what it does; the server's other tools, ${joinNames(contextDomain.examples.slice(0, 2))}, place it in ${DOMAIN_LABEL[contextDomain.domain]}.`);
  }
  const said: string[] = [];
  const ro = r.phrases.read_only_claim;
  if (ro) said.push(`claims '${ro}'`);
  const irr = r.phrases.irreversible;
  if (irr) said.push(`says '${irr}'`);
  const ex = r.phrases.execute_phrase;
  if (ex) said.push(`mentions '${ex}'`);
  const effect = r.phrases.destructive_effect;
  if (effect) said.push(`states the effect '${effect}'`);
  const readQuery = r.phrases.read_query;
  if (readQuery && r.evidence.some((e) => e.signal === "read_query")) said.push(`says it runs a '${readQuery}'`);
  if (said.length > 0) sentences.push(`The description ${said.join(" and ")}.`);
  for (const e of r.evidence) {
    if (e.signal === "destructive_effect" && e.source === "schema") sentences.push(`An argument's description states the effect '${e.quote}'.`);
    if (e.signal === "unlink") sentences.push(`It removes a link ('${quoteText(e.quote, 60)}'), deleting neither end.`);
    if (e.signal === "replaces_content") sentences.push(`It updates with new content ('${quoteText(e.quote, 40)}'), replacing what was there: not additive.`);
    if (e.signal === "replaces_file") sentences.push(`It writes the content it is given to a path ('${quoteText(e.quote, 40)}'), replacing any file there: not additive.`);
    if (e.signal === "read_query" && e.source === "schema") sentences.push(`An argument's description limits its query to reading ('${e.quote}').`);
    if (e.signal === "examination") sentences.push(`It runs an examination ('${quoteText(e.quote, 60)}'), which reports findings and changes nothing.`);
    if (e.signal === "generated_artifact") sentences.push(`It makes an artifact from what it is given ('${e.quote}') and keeps nothing.`);
    if (e.signal === "joined_action") sentences.push(`Its description joins a change to what it reads ('${e.quote}').`);
    if (e.signal === "agent_run") sentences.push(`It hands its task to an agent that acts on its own ('${e.quote}'): what it changes is the agent's choice.`);
    if (e.signal === "stated_change") sentences.push(`Its description states the change it makes ('${e.quote}').`);
    if (e.signal === "confirmation_required") sentences.push(`It asks for a confirmation before it acts ('${quoteText(e.quote, 40)}'), which no read needs.`);
    if (e.signal === "switched_action") sentences.push(`An argument switched on makes it change something ('${e.quote}'): not read-only.`);
    if (e.signal === "stated_save") sentences.push(`The description says it writes a file ('${e.quote}').`);
    if (e.signal === "started_job") sentences.push(`It starts a job that runs on after it answers ('${quoteText(e.quote, 40)}').`);
    if (e.signal === "stated_load") sentences.push(`It loads data into a store ('${e.quote}'): an import, not a read.`);
    if (e.signal === "schema:output_path") sentences.push(`It takes a path to write its output to ('${quoteText(e.quote, 40)}').`);
    if (e.signal === "arithmetic") sentences.push("It adds the numbers it is given and hands the sum back.");
    // (Said where it sets the hints apart from the category: a destructive tool's rationale has said what it removes.)
    if (e.signal === "non_additive" && category !== "destructive") sentences.push(e.source === "schema" ? `Its '${quoteText(e.quote, 40)}' argument may remove or overwrite what was there: not additive.` : `'${quoteText(e.quote, 40)}' changes what was there: not additive.`);
    if (e.signal === "stated_send") sentences.push("Its description opens by sending something outside, which no read does.");
    if (e.signal === "stated_spend") sentences.push(`Its description says it spends ('${e.quote}'), which no read does.`);
    if (e.signal === "stated_credential") sentences.push("Its description opens by making a credential, which is kept and valid: no read.");
    if (e.signal === "mutating_sql") sentences.push(`The SQL it runs may change data ('${quoteText(e.quote, 40)}').`);
    if (e.signal === "schema:dry_run_argument") sentences.push(`It offers a '${quoteText(e.quote, 40)}' argument to rehearse its effect: a tool that changes nothing has nothing to rehearse.`);
  }
  if (r.execKind) sentences.push(`It takes a '${quoteText(r.execProperty!, 40)}' argument (${r.execKind === "sql" ? "SQL" : r.execKind} to execute).`);
  if (r.operations && fromOperations) {
    const { property, value } = r.operations;
    sentences.push(property !== undefined ? `Its '${quoteText(property, 40)}' argument offers '${quoteText(value, 40)}'.` : `Its description lists the action '${quoteText(value, 40)}'.`);
  }
  if (r.fileWrite) sentences.push(`It takes a path and content to write (${quoteText(r.fileWrite, 60)}).`);
  if (signals.includes("money")) sentences.push(`It moves money (${quoteText(r.moneyObject ?? r.moneyArgument ?? "", 40)}).`);
  if (conflict) {
    sentences.push(`The server marks it ${conflict}, but the evidence says ${category}: annotation conflict.`);
  } else if (declaredDecides) {
    // Said after the model's odds, which it overrules.
  } else if (method === "annotations") {
    sentences.push(`The server's own hints (${hints?.label ?? "annotations"}) decided the class.`);
  } else if (hints) {
    sentences.push(`The server's hints agree (${hints.label}).`);
  }
  if (learned) {
    const weighs = learned.evidence.length > 0 ? `${learned.evidence.join(" and ")} ${learned.evidence.length === 1 ? "weighs" : "weigh"} most; ` : "";
    const share =
      learned.readOdds !== undefined
        ? `tools like this one are read-only in only ${Math.round(learned.readOdds * 100)}% of cases, under even odds, so with nothing in the text to go on it is taken to change something.`
        : `tools like this one are ${HINT_PHRASE[learned.cls]} in ${Math.round(learned.p * 100)}% of cases.`;
    sentences.push(`Learned from ${model!.trainedOn.labelledTools} annotated tools of ${model!.trainedOn.servers} servers: ${weighs}${share}`);
  }
  if (declaredDecides) sentences.push(`Its own text says nothing of what it does, and its server declares ${danger!.hint}: a claim of danger is taken where one of safety never is, so the class follows it.`);
  if (inj) sentences.push(describeInjection(inj.finding, inj.where === "description" ? "Its description" : `The description of its argument '${quoteText(inj.where.argument, 40)}'`));
  const why = aggravating.filter((s) => s !== "prompt_injection").map((s) => AGGRAVATING[s]!);
  if (inj) why.push(AGGRAVATING.prompt_injection!);
  if (declaredFloor) why.push(`its server declares ${danger!.hint}`);
  const verdict = `So it is ${CATEGORY_PHRASE[category]}: ${base} risk`;
  sentences.push(risk !== base ? `${verdict}, raised to ${risk} because ${why.join(" and ")}.` : `${verdict}.`);

  // The reason is a phrase to build; rules that do not show it do not pay for it.
  const reason = ruleHasReason(risk) ? (declaredDecides && !inj ? `Its server declares ${danger!.hint}; its text does not say what it does` : reasonFor(r, category, aggravating, fromOperations)) : "";
  const out: Classification = {
    category,
    risk,
    confidence,
    signals,
    rationale: sentences.join(" "),
    evidence,
    rule: ruleForRisk(tool.name, risk, reason),
    hints: hintsFor(hintClass, r),
    method,
    classifierVersion: CLASSIFIER_VERSION,
  };
  if (a) out.annotations = a;
  return out;
}

function modelOf(options: ClassifyOptions): Model | null {
  return options.model === undefined ? shippedModel() : options.model;
}

/**
 * Each action of a consolidated tool classified on its own, as the tool it would be alone (its value
 * and the tool's nouns as the name, the argument's line about it as the description), and raw-language
 * arguments; the tool's rule then follows from them (argument-rules.ts).
 */
function withArguments(tool: ToolInput, r: ToolReading, c: Classification, model: Model | null, profile?: ServerProfile): Classification {
  const action = findActionArgument(tool, r.properties);
  const raw = findRawArguments(tool, r.properties);
  if (!action && raw.length === 0) return c;
  const findings: ArgumentFindings = { raw };
  if (action) {
    const values: ActionClass[] = action.values.map((value) => {
      const note = action.notes[value];
      const alone: ToolInput = { name: actionToolName(tool.name, value), description: note, annotations: undefined };
      const own = decide(alone, readTool(alone, profile), model);
      const risk = actionRisk(own, c);
      const reason = actionReason(action.name, value, risk, { category: own.category, reason: own.rule.reason });
      return { value, category: own.category, risk, confidence: own.confidence, rationale: own.rationale, reason };
    });
    findings.action = { argument: action.name, source: action.source, values };
  }
  return { ...c, rule: ruleWithArguments(tool.name, c.rule, findings), arguments: findings };
}

/** A tool's classification from its reading: the decision, then what its arguments add. */
function classifyReading(tool: ToolInput, r: ToolReading, model: Model | null, onFeatures?: (features: Features) => void, profile?: ServerProfile): Classification {
  return withArguments(tool, r, decide(tool, r, model, onFeatures), model, profile);
}

/** Classifies one tool; with `context`, the server's other tools decide the domain when the tool's own text is thin. */
export function classifyTool(tool: ToolInput, context?: ServerContext, options: ClassifyOptions = {}): Classification {
  const model = modelOf(options);
  const sink = options.onFeatures ? (f: Features) => options.onFeatures!(f, 0) : undefined;
  if (!context) return classifyReading(tool, readTool(tool), model, sink);
  const profile = buildProfile(context);
  const self = context.tools.indexOf(tool);
  return classifyReading(tool, readTool(tool, profile, self >= 0 ? self : -1, self >= 0 ? profile.names[self] : undefined), model, sink, profile);
}

/** Each tool of a server decided from its reading, in order. */
function classifyEach(context: ServerContext, profile: ServerProfile, reading: (i: number) => ToolReading, options: ClassifyOptions): Classification[] {
  const model = modelOf(options);
  const { onFeatures } = options;
  return context.tools.map((tool, i) => classifyReading(tool, reading(i), model, onFeatures ? (f) => onFeatures(f, i) : undefined, profile));
}

/** Classifies every tool of a server, in order; the sibling profile is built once. */
export function classifyServer(context: ServerContext, options: ClassifyOptions = {}): Classification[] {
  const profile: ServerProfile = buildProfile(context);
  return classifyEach(context, profile, (i) => readTool(context.tools[i]!, profile, i, profile.names[i]), options);
}

/** A server's tools read once, for classifyRead to decide under as many models as asked. */
export interface ServerReading {
  readonly context: ServerContext;
  readonly profile: ServerProfile;
  readonly readings: readonly ToolReading[];
}

export function readServer(context: ServerContext): ServerReading {
  const profile = buildProfile(context);
  const readings = context.tools.map((tool, i) => readTool(tool, profile, i, profile.names[i]));
  // Each decision copies the evidence list, not the evidence in it: frozen, no decision can change what the next reads.
  for (const r of readings) for (const e of r.evidence) Object.freeze(e);
  return { context, profile, readings };
}

/**
 * classifyServer on a server already read: what the rules alone and a model each make of the same reading, without
 * reading it twice. A decision adds its own evidence to the reading it is given (siblings, money, hints), so each
 * decides on its own copy and the reading stays as read.
 */
export function classifyRead(read: ServerReading, options: ClassifyOptions = {}): Classification[] {
  return classifyEach(read.context, read.profile, (i) => ({ ...read.readings[i]!, evidence: [...read.readings[i]!.evidence] }), options);
}
