// A tool's input schema read as arguments (snake_case keys, descriptions, offered values), and what the arguments
// say: the roles their names carry, an injection or a removal in their descriptions, the actions they offer.
import {
  AMOUNT_PROPERTIES,
  BULK_PROPERTIES,
  CONTENT_PROPERTIES,
  CURRENCY_PROPERTIES,
  DRY_RUN_PROPERTIES,
  EXEC_PROPERTIES,
  LINK_OBJECTS,
  OPERATION_PROPERTIES,
  OVERWRITE_WORDS,
  PATH_PROPERTIES,
  PAYEE_PROPERTIES,
  RECIPIENT_PROPERTIES,
  SECRET_PROPERTIES,
  SEVERITY,
  SQL_WORDS,
} from "./lexicon.js";
import { findInjection, type InjectionFinding } from "./injection.js";
import { findPhrase } from "./phrases.js";
import { quoteText } from "./quote.js";
import { tokenizeName } from "./tokens.js";
import { NAME_VERBS, type VerbInfo } from "./verb-tables.js";
import type { ServerProfile } from "./server-profile.js";
import { REMOVE_VERBS } from "./removals.js";
import type { ToolReading } from "./signals.js";

/**
 * What an argument's name says it carries; one lookup in ARGUMENT_ROLES gives all of them. `money`: what says an amount
 * is money, a currency or someone it is paid to.
 */
export const ROLE = { amount: 1, money: 2, recipient: 4, bulk: 8, secret: 16, content: 32, path: 64, overwrite: 128, operation: 256, dryRun: 512 } as const;
export const ARGUMENT_ROLES = new Map<string, number>();
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
export const QUERY_ARGUMENT = /(?:^|_)(?:query|queries|sql|cypher|statement|statements)$/;
// A word of SQL_WORDS in lower-case text, as textWords splits it.
export const SQL_WORD = new RegExp(`(?<![a-z0-9])(?:${[...SQL_WORDS].join("|")})(?![a-z0-9])`);

// Cheap test before scanning argument descriptions for a stated destructive effect.
export const EFFECT_PREFILTER = /delet|remov|drop|truncat|wipe|eras|destroy|purg|lost|lose|rm -rf|terminat|discard|overwrit|is cleared|are cleared|killing/i;

/**
 * The most dangerous of the actions an argument offers (`{"action": {"enum": ["list", "create", "delete"]}}`), each
 * value read by the first verb among its words; none when it offers only HTTP methods on a tool that sends no requests.
 */
export function mostSevereOffered(property: string | undefined, offered: readonly string[], words: readonly string[], lowerDescription: string): ToolReading["operations"] {
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
export function argumentEffect(props: readonly PropertyView[], profile: ServerProfile | undefined): string | undefined {
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

export const NO_VALUES: readonly string[] = [];

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

/** Whether a schema lists an argument among those it requires. */
export function requiredArgument(schema: Record<string, unknown> | undefined, name: string): boolean {
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
export function argumentInjection(text: string, profile: ServerProfile | undefined): InjectionFinding | undefined {
  const seen = profile?.argumentInjections;
  if (!seen) return findInjection(text);
  let found = seen.get(text);
  if (found === undefined) {
    found = findInjection(text) ?? null;
    seen.set(text, found);
  }
  return found ?? undefined;
}
