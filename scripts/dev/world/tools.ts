// Synthetic tool lists: names in the naming styles real servers use, phrasing and schemas after the real fixtures.
import type { Rng } from "./random.js";
import {
  DESCRIPTIONS,
  DOMAINS,
  EXEC_TOOLS,
  FIELD_TYPES,
  FINANCIAL_TOOLS,
  INJECTIONS,
  USAGE_NOTES,
  VERBS,
  type Category,
  type Domain,
  type DomainObject,
  type SpecialTool,
  type Verb,
} from "./vocabulary.js";

/** A tool as Glama publishes it (plus annotations on the minority of servers that declare them). */
export interface WorldTool {
  name: string;
  description: string | null;
  inputSchema: Record<string, unknown> | null;
  annotations?: Record<string, unknown>;
}

export type NamingStyle = "snake" | "objectFirst" | "camel" | "kebab" | "dotted" | "prefixed" | "pascal" | "joined";

const STYLES: readonly (readonly [NamingStyle, number])[] = [
  ["snake", 55],
  ["objectFirst", 10],
  ["camel", 12],
  ["kebab", 7],
  ["dotted", 5],
  ["prefixed", 8],
  ["pascal", 2],
  ["joined", 1],
];

export function pickStyle(rng: Rng): NamingStyle {
  return rng.weighted(STYLES);
}

export function plural(word: string): string {
  if (/(data|metadata|info|settings|news)$/.test(word)) return word;
  if (/(s|x|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

function pluralPhrase(phrase: string): string {
  const words = phrase.split(" ");
  words[words.length - 1] = plural(words[words.length - 1]!);
  return words.join(" ");
}

const cap = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Words to an identifier in a style: ["list", "pull", "requests"] → list_pull_requests, listPullRequests, … */
function joinWords(words: readonly string[], style: NamingStyle, domain: Domain): string {
  const w = words.map((x) => x.toLowerCase());
  switch (style) {
    case "camel":
      return w[0]! + w.slice(1).map(cap).join("");
    case "pascal":
      return w.map(cap).join("");
    case "kebab":
      return w.join("-");
    case "joined":
      return w.join("");
    case "prefixed":
      return `${domain.id}_${w.join("_")}`;
    default:
      return w.join("_");
  }
}

function toolName(verb: string, objectWords: readonly string[], style: NamingStyle, domain: Domain): string {
  if (style === "objectFirst") return [...objectWords, verb].join("_");
  if (style === "dotted") return `${objectWords.join("_")}.${verb}`;
  return joinWords([verb, ...objectWords], style, domain);
}

/** Argument names follow the server's style: camelCase servers use camelCase arguments. */
function argName(snake: string, style: NamingStyle): string {
  if (style !== "camel" && style !== "pascal") return snake;
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const SCOPE_PARAM_TEXT: Record<string, string> = {
  owner: "Repository owner",
  repo: "Repository name",
  namespace: "Namespace to retrieve the resources from. If not provided, will use the configured namespace",
  project_id: "The ID of the project",
  project_key: "The project key, e.g. PROJ",
  region: "The AWS region, e.g. us-east-1",
  database: "Name of the database",
  org_slug: "The organization slug for the owner of the pipeline",
  organization_slug: "The slug of the organization",
};

function words(field: string): string {
  return field.replace(/_/g, " ");
}

function propertyFor(field: string, obj: string, rng: Rng): Record<string, unknown> {
  const t = FIELD_TYPES[field] ?? { type: "string" };
  const prop: Record<string, unknown> = { type: t.type };
  if (t.items) prop.items = { type: t.items };
  if (t.enum) prop.enum = [...t.enum];
  if (t.format && rng.chance(0.5)) prop.format = t.format;
  // About one property in twelve has no description, as in real schemas.
  if (!rng.chance(0.08)) prop.description = rng.chance(0.5) ? `The ${words(field)} of the ${obj}` : cap(words(field));
  return prop;
}

interface SchemaParts {
  properties: Record<string, Record<string, unknown>>;
  required: string[];
}

function addProp(parts: SchemaParts, name: string, prop: Record<string, unknown>, required: boolean): void {
  if (parts.properties[name]) return;
  parts.properties[name] = prop;
  if (required) parts.required.push(name);
}

function finishSchema(parts: SchemaParts, rng: Rng): Record<string, unknown> {
  const schema: Record<string, unknown> = {};
  if (rng.chance(0.1)) schema.$schema = "http://json-schema.org/draft-07/schema#";
  schema.type = "object";
  schema.properties = parts.properties;
  if (parts.required.length) schema.required = parts.required;
  if (rng.chance(0.2)) schema.additionalProperties = false;
  return schema;
}

function scopeProps(parts: SchemaParts, domain: Domain, style: NamingStyle): void {
  for (const p of domain.scopeParams) {
    addProp(parts, argName(p, style), { type: "string", description: SCOPE_PARAM_TEXT[p] ?? `The ${words(p)}` }, p !== "namespace" && p !== "region");
  }
}

function idProp(parts: SchemaParts, object: DomainObject, style: NamingStyle, rng: Rng): void {
  const base = object.s.replace(/ /g, "_");
  const choice = rng.weighted([
    ["id", 3],
    ["name", 2],
    ["number", 1],
    ["plain", 1],
  ] as const);
  if (choice === "name") addProp(parts, "name", { type: "string", description: `Name of the ${object.s}` }, true);
  else if (choice === "number") addProp(parts, argName(`${base}_number`, style), { type: "number", description: `The number of the ${object.s}` }, true);
  else if (choice === "plain") addProp(parts, "id", { type: "string", description: `The ${object.s} ID` }, true);
  else addProp(parts, argName(`${base}_id`, style), { type: "string", description: `The unique identifier of the ${object.s}` }, true);
}

function pagingProps(parts: SchemaParts, style: NamingStyle, rng: Rng): void {
  if (rng.chance(0.5)) {
    addProp(parts, "page", { type: "number", minimum: 1, description: "Page number for pagination (min 1)" }, false);
    // GitHub's servers say perPage even among snake_case names; others say per_page.
    const perPage = style === "camel" || style === "pascal" || rng.chance(0.5) ? "perPage" : "per_page";
    addProp(parts, perPage, { type: "number", minimum: 1, maximum: 100, description: "Results per page for pagination (min 1, max 100)" }, false);
  } else {
    addProp(parts, "limit", { type: "integer", default: rng.pick([20, 25, 50, 100]), description: "Maximum number of results to return" }, false);
    if (rng.chance(0.6)) addProp(parts, "cursor", { type: "string", description: "Cursor from the previous page's response" }, false);
  }
}

function schemaFor(verb: Verb, object: DomainObject, domain: Domain, style: NamingStyle, rng: Rng): Record<string, unknown> | null {
  const parts: SchemaParts = { properties: {}, required: [] };
  scopeProps(parts, domain, style);
  const fields = object.fields;
  switch (verb.kind) {
    case "get":
      idProp(parts, object, style, rng);
      if (rng.chance(0.2)) addProp(parts, argName("include_details", style), { type: "boolean", default: false, description: "Include the full details" }, false);
      break;
    case "list":
      // A list with nothing to narrow it: real servers publish these with no arguments (or a null schema).
      if (!domain.scopeParams.length && rng.chance(0.15)) return rng.chance(0.3) ? null : finishSchema(parts, rng);
      for (const f of rng.sample(fields.filter((x) => FIELD_TYPES[x]?.enum), 2)) addProp(parts, argName(f, style), propertyFor(f, object.s, rng), false);
      if (rng.chance(0.3)) addProp(parts, "sort", { type: "string", enum: ["created", "updated", "name"], description: "What to sort results by" }, false);
      if (rng.chance(0.3)) addProp(parts, "direction", { type: "string", enum: ["asc", "desc"], description: "Sort direction" }, false);
      pagingProps(parts, style, rng);
      break;
    case "search":
      addProp(parts, "query", { type: "string", description: `Search query for ${pluralPhrase(object.s)}` }, true);
      pagingProps(parts, style, rng);
      break;
    case "create":
    case "run": {
      const chosen = rng.sample(fields, rng.int(1, Math.min(5, fields.length)));
      chosen.forEach((f, i) => addProp(parts, argName(f, style), propertyFor(f, object.s, rng), i < 2 && rng.chance(0.7)));
      break;
    }
    case "update":
      idProp(parts, object, style, rng);
      for (const f of rng.sample(fields, rng.int(1, Math.min(4, fields.length)))) addProp(parts, argName(f, style), propertyFor(f, object.s, rng), false);
      break;
    case "action":
      idProp(parts, object, style, rng);
      if (rng.chance(0.3)) addProp(parts, "reason", { type: "string", description: "Why, recorded in the audit log" }, false);
      break;
    case "delete":
      idProp(parts, object, style, rng);
      if (rng.chance(0.2)) addProp(parts, "force", { type: "boolean", default: false, description: `Delete the ${object.s} even if it is in use` }, false);
      if (rng.chance(0.1)) addProp(parts, "recursive", { type: "boolean", description: "Also delete everything it contains" }, false);
      if (rng.chance(0.1)) addProp(parts, "confirm", { type: "boolean", description: "Must be true" }, true);
      break;
    case "pay":
      break;
  }
  return finishSchema(parts, rng);
}

function specialSchema(tool: SpecialTool, domain: Domain, style: NamingStyle, rng: Rng): Record<string, unknown> {
  const parts: SchemaParts = { properties: {}, required: [] };
  scopeProps(parts, domain, style);
  tool.params.forEach(([name, type, description], i) => {
    const prop: Record<string, unknown> = { type, description };
    if (type === "array") prop.items = { type: "string" };
    if (name === "currency" && rng.chance(0.5)) prop.enum = ["usd", "eur", "gbp", "jpy"];
    if (name === "language") prop.enum = ["python", "javascript"];
    addProp(parts, argName(name, style), prop, i === 0 || (name === "currency" && rng.chance(0.7)));
  });
  return finishSchema(parts, rng);
}

function fill(template: string, verb: string, object: DomainObject, domain: Domain, rng: Rng): string {
  const f = rng.sample(object.fields, 3).map(words);
  return template
    .replace(/\{Verb\}/g, cap(verb))
    .replace(/\{verb\}/g, verb)
    .replace(/\{objs\}/g, pluralPhrase(object.s))
    .replace(/\{obj\}/g, object.s)
    .replace(/\{Domain\}/g, domain.name)
    .replace(/\{scope\}/g, domain.scope)
    .replace(/\{language\}/g, "Python or JavaScript")
    .replace(/\{f1\}/g, f[0] ?? "name")
    .replace(/\{f2\}/g, f[1] ?? "status")
    .replace(/\{f3\}/g, f[2] ?? "timestamps");
}

function description(template: string, verb: string, object: DomainObject, domain: Domain, rng: Rng): string | null {
  const r = rng.next();
  if (r < 0.02) return null;
  if (r < 0.04) return "";
  // Thin descriptions that only restate the name are common in small servers.
  if (r < 0.1) return `${cap(verb)} ${object.s}`;
  let text = fill(template, verb, object, domain, rng);
  if (rng.chance(0.2)) text += `${rng.chance(0.5) ? "\n" : " "}${fill(rng.pick(USAGE_NOTES), verb, object, domain, rng)}`;
  if (rng.chance(0.0005)) text += `\n${rng.pick(INJECTIONS)}`;
  if (rng.chance(0.1)) text += "\n";
  return text;
}

interface AnnotationPolicy {
  annotate: boolean;
  titles: boolean;
  openWorld: boolean;
}

function annotations(category: Category, name: string, policy: AnnotationPolicy, rng: Rng): Record<string, unknown> | undefined {
  if (!policy.annotate) return undefined;
  const a: Record<string, unknown> = {};
  if (policy.titles) a.title = name.split(/[_\-.]|(?=[A-Z])/).filter(Boolean).map(cap).join(" ");
  // A rare server claims read-only for a tool that is not: untrusted hints are part of the world.
  if (category === "read" || rng.chance(0.01)) a.readOnlyHint = true;
  else if (category === "destructive") a.destructiveHint = true;
  else if (rng.chance(0.6)) a.destructiveHint = false;
  if (rng.chance(0.15)) a.idempotentHint = category === "read" || category === "write";
  if (policy.openWorld) a.openWorldHint = true;
  return a;
}

/** The domain's objects first, then (for very large servers) objects borrowed from other domains. */
function objectPool(domain: Domain, count: number, rng: Rng): { object: DomainObject; domain: Domain }[] {
  const own = rng.sample(domain.objects, Math.max(1, Math.min(domain.objects.length, Math.ceil(count / 4))));
  const pool = own.map((object) => ({ object, domain }));
  let guard = 0;
  while (pool.length * 12 < count && guard++ < 50) {
    const other = rng.pick(DOMAINS);
    pool.push({ object: rng.pick(other.objects), domain });
  }
  return pool;
}

export interface ToolListOptions {
  domain: Domain;
  count: number;
  style: NamingStyle;
}

/** A server's tool list: `count` uniquely named tools about one domain. */
export function generateTools(rng: Rng, { domain, count, style }: ToolListOptions): WorldTool[] {
  const policy: AnnotationPolicy = { annotate: rng.chance(0.25), titles: rng.chance(0.5), openWorld: rng.chance(0.3) };
  const tools: WorldTool[] = [];
  const names = new Set<string>();
  const push = (tool: WorldTool) => {
    if (names.has(tool.name) || tools.length >= count) return;
    names.add(tool.name);
    tools.push(tool);
  };

  const specials: SpecialTool[] = [];
  if (domain.exec && rng.chance(0.4)) specials.push(EXEC_TOOLS[domain.exec]!);
  if (domain.financial) specials.push(...rng.sample(FINANCIAL_TOOLS, rng.int(0, 3)));
  for (const s of specials) {
    if (count <= 1 && tools.length) break;
    const [verb, ...rest] = s.name.split("_");
    const name = rest.length ? toolName(verb!, rest, style, domain) : s.name;
    const desc = s.description.replace(/\{Domain\}/g, domain.name).replace(/\{scope\}/g, domain.scope).replace(/\{language\}/g, "Python or JavaScript");
    push({ name, description: desc, inputSchema: specialSchema(s, domain, style, rng), ...annotationField(annotations(s.category, name, policy, rng)) });
  }

  // Weighted sampling without replacement (Efraimidis–Spirakis keys) over verb × object pairs.
  const pool = objectPool(domain, count, rng);
  const candidates: { key: number; verb: Verb; object: DomainObject; domain: Domain }[] = [];
  for (const { object, domain: d } of pool) {
    for (const verb of VERBS) candidates.push({ key: Math.pow(rng.next(), 1 / verb.weight), verb, object, domain: d });
  }
  candidates.sort((a, b) => b.key - a.key);
  let round = 0;
  while (tools.length < count && round < 4) {
    for (const c of candidates) {
      if (tools.length >= count) break;
      const plural = c.verb.kind === "list" || c.verb.kind === "search" || (round === 0 && c.verb.verb === "export");
      const objectWords = (plural ? pluralPhrase(c.object.s) : c.object.s).split(" ");
      // Later rounds make the variants large servers really have: batch, by-name, v2.
      if (round === 1) objectWords.push(c.verb.kind === "list" ? "all" : "batch");
      if (round === 2) objectWords.push("by", "name");
      if (round === 3) objectWords.push("v2");
      const name = toolName(c.verb.verb, objectWords, style, domain);
      const desc = description(rng.pick(DESCRIPTIONS[c.verb.kind]), c.verb.verb, c.object, c.domain, rng);
      push({ name, description: desc, inputSchema: schemaFor(c.verb, c.object, c.domain, style, rng), ...annotationField(annotations(c.verb.category, name, policy, rng)) });
    }
    round++;
  }
  // Half the servers list tools alphabetically (as snapshots do), the rest grouped as written.
  if (rng.chance(0.5)) tools.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return tools;
}

function annotationField(a: Record<string, unknown> | undefined): { annotations?: Record<string, unknown> } {
  return a ? { annotations: a } : {};
}

/** A skewed tool count with the given mean: most servers have 1–5 tools, a few have 30–200. */
export function toolCount(rng: Rng, mean: number): number {
  const sigma = 1.1;
  // ceil() adds about half a tool on average; aim below so the mean lands where asked.
  const mu = Math.log(Math.max(0.6, mean - 0.5)) - (sigma * sigma) / 2;
  const n = Math.ceil(Math.exp(mu + sigma * rng.normal()));
  return Math.max(1, Math.min(200, n));
}
