// The pages: home, search, a tool name across servers, one tool on one server, one server. Pure: data in, HTML out.
import { html } from "hono/html";
import { CLASSIFIER_VERSION } from "../../classifier/classify.js";
import { actionRuleLoss, actionSplit } from "../../classifier/formats/export.js";
import { FORMAT_DESCRIPTIONS, FORMAT_EXPRESSES, FORMAT_NAMES, toolNameIn, type FormatName } from "../../classifier/formats/formats.js";
import type { Category } from "../../classifier/taxonomy.js";
import type { CategoryRiskCount } from "../../db/browse.js";
import type { NameSummary } from "../../db/lookups.js";
import { candidatesLeadIn, namePage, RequestError, type ServedError } from "../errors.js";
import { paths } from "../paths.js";
import { holdersText, methodText, outdatedGroupsText, unstoredText } from "../../scripts/tool-view.js";
import { queuedListingsSentence } from "../../scripts/queued-listings.js";
import { classifiedNowText } from "../../scripts/verdict-counts.js";
import type { Page, ServerView } from "../reader.js";
import type { CatalogSummary, ChangeItem, ServerItem, ToolItem } from "../views.js";
import { catalogPlain, catalogText } from "./catalog-text.js";
import { categoryRiskChart } from "./chart.js";
import { layout, riskBadge, type Html } from "./layout.js";
import { plural } from "../../classifier/plural.js";
import { APPROVAL_LIMIT_PER_HOUR, decisionOf, ruleSchema, WRITE_LIMIT_PER_MINUTE, type BaseRule, type Decision, type Limit } from "../../classifier/policy.js";
import { CLAUDE_CODE_LIST, sharedList } from "../../classifier/formats/claude-code.js";

const HINTS = ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const;

/** A list of tools; search as you type (assets.ts) writes the same markup for each, server shown. */
function toolList(items: readonly ToolItem[], o: { showServer: boolean }): Html {
  return html`<ul class="results">${items.map(
    (t) => html`<li><a href="${t.page}">${catalogText(t.tool)}</a> ${o.showServer ? html`<span class="muted">on ${catalogText(t.server)}</span> ` : ""}${riskBadge(t.risk)} <span class="muted">${t.category ?? ""}</span></li>`,
  )}</ul>` as Html;
}

/** Where some of the listed verdicts were made now (an upgrade's classifier, before its refresh), how many. */
function unstoredNote(items: readonly ToolItem[]): Html | string {
  const made = items.filter((t) => !t.stored).length;
  if (!made) return "";
  return html`<p class="muted unstored">${made === items.length ? "These verdicts are" : `${made} of these ${items.length} verdicts are`} the current classifier's, not yet stored in the catalog: the next refresh stores them.</p>` as Html;
}

function changeList(items: readonly ChangeItem[]): Html {
  if (!items.length) return html`<p class="muted">No changes recorded.</p>` as Html;
  return html`<ul class="results">${items.map(
    (c) => html`<li><span class="muted">${c.at.slice(0, 10)}</span> <a href="${c.page}">${catalogText(c.tool)}</a> <span class="muted">on ${catalogText(c.server)}</span> — ${catalogText(c.labels.join("; "))}</li>`,
  )}</ul>` as Html;
}

/**
 * One dialect's policy on a page: its text, or the tools whose names the dialect cannot hold, why (UnrepresentableNameError)
 * and each one's decision (its rule's: what a document naming it would do).
 * `sharedWith`, on a tool's page: the server's other tools the dialect names as it names this one (toolNameIn), each
 * with its own decision, whose rules the snippet's one rule holds too.
 */
export type PolicyText =
  | { format: FormatName; text: string; sharedWith?: { tool: string; decision: Decision }[] }
  | { format: FormatName; refused: { tool: string; why: string; decision: Decision }[] };
export type RefusedPolicy = Extract<PolicyText, { refused: unknown }>;

/**
 * Every dialect of a policy; the script turns the list into a switcher with a copy button. A dialect that cannot hold
 * a tool's name has, where its text would be, why there is none and what to do (refusedNote: of the page's tool or of
 * the server's), and on a tool's page (`tool`) one whose rule also holds other tools says so above it (sharedNameNote).
 */
function policyBlock(texts: readonly PolicyText[], label: string, server: string, tool?: ToolItem): Html {
  const refused = refusedNote(server, texts, tool !== undefined);
  return html`<div class="policy" data-policy>
<div class="policy-tools" hidden>
<label>Format <select aria-label="Policy format">${texts.map((t) => html`<option value="${t.format}">${t.format}</option>`)}</select></label>
<button type="button" data-copy>Copy</button>
<span class="muted" role="status" data-copy-status></span>
</div>
${texts.map(
  (t) =>
    html`<section data-format="${t.format}"><h3>${t.format} <span class="muted">— ${FORMAT_DESCRIPTIONS[t.format]}</span></h3>${"text" in t ? html`${tool && t.sharedWith?.length ? html`<p class="shared-name">${sharedNameNote(tool, t.format, t.sharedWith)}</p>` : ""}<pre aria-label="${label} (${t.format})">${t.text}</pre>` : html`<p class="unwritable">${refused(t)}</p>`}</section>`,
)}
</div>` as Html;
}

/**
 * Why a tool's rule in `format` is stricter than its own, where the format names other tools as it names this one
 * (Claude Code writes each character outside A-Z a-z 0-9 _ - as "_"): one rule holds them all, the strictest of theirs
 * (sharedList, as the claude-code exporter writes it), and the note names each tool with its own rule.
 */
function sharedNameNote(t: ToolItem, format: FormatName, others: readonly { tool: string; decision: Decision }[]): Html {
  const all = [{ tool: t.tool, decision: decisionOf(ruleSchema.parse(t.rule)) }, ...others].sort((a, b) => (a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0));
  const names = all.map((e) => catalogText(e.tool));
  const each = all.map((e, i) => html`${i ? "; " : ""}${names[i]}: ${CLAUDE_CODE_LIST[e.decision]}`);
  return html`${format} names ${listedParts(names)} alike, ${catalogText(toolNameIn(format, t.tool))} (it writes each character outside A-Z a-z 0-9 _ - as "_"), so one rule holds them all: ${sharedList(all.map((e) => e.decision))}, the strictest of their rules (${each}).` as Html;
}

/** Why a dialect has no text, in its exporter's words. */
function refusedWords(p: RefusedPolicy): Html {
  const each = p.refused.map((r, i) => html`${i ? (i === p.refused.length - 1 ? " and " : ", ") : ""}${catalogText(r.tool)} (${r.why})`);
  return html`No ${p.format} policy: it cannot name the ${p.refused.length > 1 ? "tools" : "tool"} ${each}.` as Html;
}

/**
 * Where a dialect cannot name a tool (PolicyLayer's and Intercept's "*", their wildcard): why, what a document of that
 * dialect does with a tool it leaves out (Expressiveness.unnamedDenied), that `policy` refuses the server's document in
 * it, and which formats name the tools, for rules that let them run. On a tool's page (`onTool`) of that tool; on the
 * server's page of each tool it cannot name, with its rule.
 */
function refusedNote(server: string, texts: readonly PolicyText[], onTool: boolean): (p: RefusedPolicy) => Html {
  return (p) => {
    const names = p.refused.map((r) => catalogText(r.tool));
    const them = listedParts(names);
    const denied = p.refused.every((r) => r.decision === "deny");
    const namers = texts.filter((o) => "text" in o).map((o) => o.format);
    const rules = onTool ? "" : html` (${p.refused.map((r, i) => html`${i ? "; " : ""}${names[i]}: ${CLAUDE_CODE_LIST[r.decision]}`)})`;
    const left = FORMAT_EXPRESSES[p.format].unnamedDenied
      ? html` ${p.format} denies a tool its document does not name, so there ${them} ${p.refused.length > 1 ? "are" : "is"} denied${denied ? `, as ${p.refused.length > 1 ? "their rules say" : "its rule says"}` : `, stricter than ${p.refused.length > 1 ? "their rules" : "its rule"}`}${rules}.`
      : html` ${p.format} does not deny a tool its document does not name.`;
    const write = onTool
      ? html`refuses to write the server's document with it: leave ${them} out of one written by hand`
      : html`refuses to write this document: write one by hand that leaves ${them} out, every other tool's rule as it is`;
    const it = p.refused.length > 1 ? "them" : "it";
    return html`${refusedWords(p)}${left} <code>mcp-catalog policy ${catalogText(server)} --format ${p.format}</code> ${write} (<code>--json</code> gives every tool's rule).${!denied && namers.length ? ` To let ${it} run as ${p.refused.length > 1 ? "their rules say" : "its rule says"}, use a format that names ${it}: ${listed(namers)}.` : ""}` as Html;
  };
}

export function homePage(o: { stats: CatalogSummary; changes: ChangeItem[] }): Html {
  const s = o.stats;
  return layout({
    title: "Every MCP tool, classified by risk",
    description: "Every public MCP server and tool, classified by what it does and how risky it is, with a recommended policy.",
    body: html`<h1>Every MCP tool, classified by risk</h1>
<p>What each tool of each public MCP server does — read, write, execute, destructive, financial — how risky it is, and the policy a gateway or client should enforce.</p>
<form action="/search" method="get" role="search" aria-label="Catalog" class="card">
<label for="q">Search a tool or server</label>
<input id="q" type="search" name="q" autocomplete="off" data-live-search="live-results" placeholder="delete_file, create_user, kubernetes…">
<div id="live-results" aria-live="polite"></div>
</form>
<h2>The catalog</h2>
<p>${plural(s.servers.total, "server")} (${s.servers.active} active), ${plural(s.tools, "tool")}, ${s.classified} classified${s.classifiedNow ? html` <span class="muted unstored">(and ${classifiedNowText(s.classifiedNow)})</span>` : ""}; ${plural(s.merged, "server")} seen in more than one source.${s.lastRun ? html` Last refresh: ${s.lastRun.status}, ${s.lastRun.startedAt.slice(0, 16).replace("T", " ")} UTC.${s.lastRun.queued ? ` ${queuedListingsSentence(s.lastRun.queued)}` : ""}` : ""}</p>
${categoryRiskChart(s.byCategoryRisk as CategoryRiskCount[])}
<h2>Latest changes</h2>
${changeList(o.changes)}` as Html,
  });
}

/** A list of servers; search as you type (assets.ts) writes the same markup for each. */
function serverList(items: readonly ServerItem[]): Html {
  return html`<ul class="results">${items.map(
    (s) => html`<li><a href="${s.page}">${catalogText(s.server)}</a>${s.title ? html` <span class="muted">${catalogText(s.title)}</span>` : ""}</li>`,
  )}</ul>` as Html;
}

/** One page of tools and one of servers, each continued by its own cursor: a continued page shows only its own kind. */
export function searchPage(o: { q: string; tools: Page<ToolItem>; servers: Page<ServerItem>; continued: boolean }): Html {
  const more = (param: string, cursor: string | null, label: string) =>
    cursor ? html`<p><a href="/search?q=${encodeURIComponent(o.q)}&amp;${param}=${encodeURIComponent(cursor)}">${label}</a></p>` : "";
  return layout({
    title: o.q ? `Tools and servers matching “${catalogPlain(o.q)}”` : "Search",
    body: html`<h1 data-search-heading>${o.q ? html`Tools and servers matching “${catalogText(o.q)}”` : "Search"}</h1>
<form action="/search" method="get" role="search" aria-label="These results"><input type="search" name="q" value="${o.q}" aria-label="Change this search" data-live-search="search-results"></form>
<div id="search-results">
${o.q && !o.continued && !o.tools.items.length && !o.servers.items.length ? html`<p class="muted">No tool or server matches.</p>` : ""}
${o.servers.items.length ? html`<h2>Servers</h2>${serverList(o.servers.items)}${more("serverCursor", o.servers.nextCursor, "More servers")}` : ""}
${o.servers.items.length && o.tools.items.length ? html`<h2>Tools</h2>` : ""}
${toolList(o.tools.items, { showServer: true })}
${unstoredNote(o.tools.items)}
${more("cursor", o.tools.nextCursor, "More tools")}
</div>` as Html,
  });
}

/** "77 servers: 70 read / low, 7 write / medium". */
export function nameSummaryLine(s: NameSummary): string {
  const groups = s.groups.map((g) => `${g.count} ${g.category ?? "unclassified"}${g.risk ? ` / ${g.risk}` : ""}`).join(", ");
  return `${holdersText(s)}: ${groups}`;
}

export function toolNamePage(o: { summary: NameSummary; items: ToolItem[] }): Html {
  const name = o.summary.name;
  return layout({
    title: `${catalogPlain(name)}: what it does and how risky it is`,
    description: nameSummaryLine(o.summary),
    body: html`<h1>${catalogText(name)}</h1>
<p class="card">${nameSummaryLine(o.summary)}</p>
<h2>On each server</h2>
${toolList(o.items, { showServer: true })}
${unstoredNote(o.items)}
${o.summary.tools > o.items.length ? html`<p class="muted">The ${o.items.length} riskiest of ${o.summary.tools} are listed.</p>` : ""}
${o.summary.outdated ? html`<p class="muted outdated">${outdatedGroupsText(o.summary, CLASSIFIER_VERSION)}.</p>` : ""}` as Html,
  });
}

function declaredHints(t: ToolItem): Html {
  const declared = t.annotations ?? {};
  const rows = HINTS.map((h) => {
    const said = typeof declared[h] === "boolean" ? String(declared[h]) : "not declared";
    const inferred = t.hints && typeof t.hints[h] === "boolean" ? String(t.hints[h]) : "—";
    const conflict = said !== "not declared" && inferred !== "—" && said !== inferred;
    return html`<tr${conflict ? html` class="conflict"` : ""}><th scope="row">${h}</th><td>${said}</td><td>${inferred}</td></tr>`;
  });
  return html`<table><thead><tr><th>hint</th><th>the server declares</th><th>the catalog infers</th></tr></thead><tbody>${rows}</tbody></table>` as Html;
}

function contradicts(t: ToolItem): boolean {
  if (t.signals.includes("annotation_conflict")) return true;
  const a = t.annotations ?? {};
  return (a.readOnlyHint === true && t.category !== null && t.category !== "read") || (a.destructiveHint === false && t.category === "destructive");
}

/** "a minute", "an hour": a limit's window after its count. */
const PER_WINDOW: Record<Limit["window"], string> = { minute: "a minute", hour: "an hour", day: "a day" };

/** A rule's limits as the rule holds them: ", at most 30 calls a minute"; nothing without limits. */
function limitsText(r: BaseRule): string {
  return (r.limits ?? []).map((l) => `, at most ${plural(l.max, "call")} ${PER_WINDOW[l.window]}`).join("");
}

/** What one action's rule does to its calls: "allowed, at most 30 calls a minute", "denied". */
function actionWords(r: BaseRule): string {
  const decision = decisionOf(r);
  if (decision === "deny") return "denied";
  return `${decision === "approve" ? "a person approves each call" : "allowed"}${limitsText(r)}`;
}

/** "a", "a and b", "a, b and c", as parts for a page's markup (the names may be catalog text). */
const listedParts = <T>(names: readonly T[]): (T | string)[] => names.flatMap((name, i) => [i === 0 ? "" : i === names.length - 1 ? " and " : ", ", name]);
const listed = (names: readonly string[]) => listedParts(names).join("");

/**
 * The tool's rule in words: the page's own, and its name, the rule's reason and its argument's values as `show` shows
 * catalog text. A rule decided per action says each action's rule first, and that the values it does not list are denied:
 * the tool's own rule is only the strictest of them, what a format that reads no arguments applies to every call, and
 * the policies below allow the rest. A format that reads arguments but writes the strictest for this tool is named so,
 * with why (actionRuleLoss): native and Intercept cannot read an argument named with a "." (a condition path `args.a.b`
 * reads a nested field), and Intercept cannot count the allowed actions' limit for a tool named with one.
 */
function ruleSentence<Shown>(t: ToolItem, show: (text: string) => Shown): (string | Shown)[] {
  if (!t.rule) return ["Not classified yet."];
  const r = ruleSchema.parse(t.rule);
  const name = show(t.tool);
  const whole =
    r.action === "deny"
      ? ["Deny ", name, ...(r.reason !== undefined ? [": ", show(r.reason)] : []), "."]
      : r.action === "require_approval"
        ? ["Ask a person before each call of ", name, limitsText(r), "."]
        : ["Allow ", name, limitsText(r), "."];
  if (!r.byArgument) return whole;
  // Actions with the same rule in words are named together, in the rule's order.
  const byWords = new Map<string, string[]>();
  for (const [value, rule] of Object.entries(r.byArgument.values)) byWords.set(actionWords(rule), [...(byWords.get(actionWords(rule)) ?? []), value]);
  const actions = [...byWords].flatMap(([words, values], i) => [i ? "; " : "", ...values.flatMap((v, j) => [j ? ", " : "", show(v)]), `: ${words}`]);
  // The formats that read the argument let through only the values listed (native's require, cedar's permit, intercept's
  // condition): a value the rule does not name, or a call without the argument, is denied, however mild the tool.
  const argument = show(r.byArgument.argument);
  // A format that reads arguments may still write the strictest rule: exactly when its exporter does (actionRuleLoss).
  const split = actionSplit({ rule: r })!;
  const loss = (f: (typeof FORMAT_NAMES)[number]) => actionRuleLoss(FORMAT_EXPRESSES[f], t.tool, split);
  const dotted = FORMAT_NAMES.filter((f) => loss(f) === "dotted argument");
  const uncounted = FORMAT_NAMES.filter((f) => loss(f) === "uncounted limit");
  const readers = FORMAT_NAMES.filter((f) => FORMAT_EXPRESSES[f].argumentRules !== "none" && !loss(f));
  if (!dotted.length && !uncounted.length) return ["By its ", argument, " argument, each action has its own rule: ", ...actions, "; any other ", argument, " value, or a call without one, is denied. A format that cannot read arguments holds every call to the strictest: ", ...whole];
  const many = dotted.length + uncounted.length > 1;
  const why = [
    ...(dotted.length ? [`${listed(dotted)} cannot read an argument whose name holds a dot (${dotted.length > 1 ? "they" : "it"} would read a nested field)`] : []),
    ...(uncounted.length ? [`${listed(uncounted)} cannot count the limit of the allowed actions for a tool whose name holds a dot`] : []),
  ];
  return [
    "By its ", argument, " argument, each action has its own rule where a format reads it (", listed(readers), "): ", ...actions, "; any other ", argument, " value, or a call without one, is denied. ",
    `${why.join(", and ")}, so ${many ? "they" : "it"}, like a format that cannot read arguments, ${many ? "hold" : "holds"} every call to the strictest: `, ...whole,
  ];
}

/**
 * One tool; `removedAt` when its server no longer lists it: its page stays, marked, with what the catalog last knew.
 * `others` is some of the server's other tools (the riskiest), `total` how many there are.
 */
export function toolPage(o: { tool: ToolItem; removedAt: string | null; others: { items: ToolItem[]; total: number }; history: ChangeItem[]; policies: PolicyText[] }): Html {
  const t = o.tool;
  const plainName = catalogPlain(t.tool);
  const name = catalogText(t.tool);
  const server = catalogText(t.server);
  const removed = o.removedAt ? ` (removed ${o.removedAt.slice(0, 10)})` : "";
  return layout({
    title: `${plainName} on ${catalogPlain(t.server)}${removed}`,
    description: `${plainName}${removed}: ${t.category ?? "unclassified"}, ${t.risk ?? "unclassified"} risk. ${ruleSentence(t, catalogPlain).join("")}`,
    canonical: t.page,
    body: html`<p class="muted"><a href="${paths.server(t.server)}">${server}</a> · <a href="${paths.toolName(t.tool)}">${name} on every server</a></p>
<h1>${name} ${riskBadge(t.risk)}</h1>
${o.removedAt ? html`<p class="card"><strong>Removed tool.</strong> ${server} stopped listing ${name} on ${o.removedAt.slice(0, 16).replace("T", " ")} UTC. What follows is what the catalog last knew of it: its last classification and its history.</p>` : ""}
<p>${t.category ? html`Category: <strong>${t.category}</strong>, confidence ${t.confidence ?? ""}.` : "Not classified yet."}</p>
${methodText(t) ? html`<p class="muted method">Verdict reached by ${methodText(t)}.</p>` : ""}
${unstoredText(t) ? html`<p class="muted unstored">This is ${unstoredText(t)}.</p>` : ""}
<h2>What ${name} does</h2>
${t.title ? html`<p><strong>${catalogText(t.title)}</strong></p>` : ""}
<p class="desc">${t.description ? catalogText(t.description) : "The server gives no description."}</p>
<h2>Why ${name} needs a policy</h2>
<p>${t.rationale ? catalogText(t.rationale) : "Not classified yet."}</p>
${t.signals.length ? html`<p class="muted">Signals: ${t.signals.join(", ")}</p>` : ""}
<h2>What the server declares</h2>
${contradicts(t) ? html`<p class="conflict">The server's own annotations contradict what the tool's name and description say it does.</p>` : ""}
${declaredHints(t)}
<h2>How to control ${name}</h2>
<p>${ruleSentence(t, catalogText)}</p>
${policyBlock(o.policies, `policy for ${plainName}`, t.server, t)}
<h2>Other tools on ${server}</h2>
${o.others.items.length ? toolList(o.others.items, { showServer: false }) : html`<p class="muted">None.</p>`}
${o.others.total > o.others.items.length ? html`<p class="muted">The ${o.others.items.length} riskiest of ${o.others.total}: <a href="${paths.server(t.server)}">every tool of ${server}</a>.</p>` : ""}
<h2>History</h2>
${changeList(o.history)}
<h2>FAQ</h2>
<dl>
<dt>What does ${name} do?</dt><dd>${t.description ? catalogText(t.description) : "Its server gives no description."}</dd>
<dt>How risky is ${name}?</dt><dd>${t.risk ? `${t.risk} risk: it is classified as ${t.category}.` : "Not classified yet."}</dd>
<dt>How do I enforce a policy on ${name}?</dt><dd>Put the rule above in your gateway or client: pick its format, copy it, or fetch the whole server's policy with <code>mcp-catalog policy ${server} --format FORMAT</code>.</dd>
<dt>Can I rate-limit ${name}?</dt><dd>Yes: the native and Intercept formats carry rate limits (medium risk: ${WRITE_LIMIT_PER_MINUTE} calls a minute; high: ${APPROVAL_LIMIT_PER_HOUR} an hour, with approval); formats without limits get the nearest stricter rule.</dd>
<dt>How do I block ${name}?</dt><dd>Deny it: in Claude Code list <code>mcp__SERVER__${catalogText(toolNameIn("claude-code", t.tool))}</code> under <code>permissions.deny</code> (Claude Code matches a tool by its name with each character outside A-Z a-z 0-9 _ - written as "_"), in Codex list it in <code>disabled_tools</code> and leave it out of <code>enabled_tools</code>, in the native policy leave it out of <code>tools</code> (its <code>default</code> is <code>deny</code>) or list it in <code>hide</code>.</dd>
</dl>` as Html,
  });
}

/**
 * A paged server's policy: a link to each dialect's document (the page would be megabytes with them written out), and
 * for a dialect that refuses the document, in the link's place, why and what to do (refusedNote), as the switcher says:
 * the link would only answer 400.
 */
function policyLinks(texts: readonly PolicyText[], server: string): Html {
  const refused = refusedNote(server, texts, false);
  return html`<h2>Recommended policy</h2><p>Every tool's rule, as the <code>policy</code> command writes it:</p><ul class="policy-links">${texts.map(
    (t) =>
      html`<li>${"text" in t ? html`<a href="${paths.policy(server, t.format)}">${t.format}</a>` : t.format} <span class="muted">— ${FORMAT_DESCRIPTIONS[t.format]}</span>${"text" in t ? "" : html`<p class="unwritable">${refused(t)}</p>`}</li>`,
  )}</ul>` as Html;
}

/**
 * One server. `tools` is the page of its tools shown (all of them, or `serverPageTools` continued from `cursor`); a paged
 * server's `policies` are linked (policyLinks), not written out.
 */
export function serverPage(o: { server: ServerView; tools: Page<ToolItem>; cursor: string | undefined; policies: PolicyText[] }): Html {
  const s = o.server;
  const paged = o.tools.items.length < s.items.length || o.cursor !== undefined;
  const byCategory = new Map<string, ToolItem[]>();
  for (const t of o.tools.items) byCategory.set(t.category ?? "unclassified", [...(byCategory.get(t.category ?? "unclassified") ?? []), t]);
  // The failure is the server's own words (or its transport's).
  const failure = s.introspectionError ? catalogText(s.introspectionError) : null;
  const listing = s.introspectedAt
    ? html`listed live ${s.introspectedAt.slice(0, 16).replace("T", " ")} UTC${failure ? html`; failed: ${failure}` : ""}${s.introspectionNotes ? html`; noted: ${catalogText(s.introspectionNotes)}` : ""}${s.authPosture ? `; remote ${s.authPosture === "auth" ? "needs auth" : s.authPosture}` : ""}`
    : failure
      ? html`live listing failed: ${failure}`
      : "not listed live (tools from directories)";
  const pager = paged
    ? html`<p class="muted">${o.tools.items.length} of ${s.items.length} tools on this page, by name.${o.cursor !== undefined ? html` <a href="${paths.server(s.server)}">First page</a>` : ""}${o.tools.nextCursor ? html` <a href="${paths.server(s.server, o.tools.nextCursor)}">Next tools</a>` : ""}</p>`
    : "";
  return layout({
    title: catalogPlain(s.server),
    description: s.verdict.summary,
    canonical: paths.server(s.server, o.cursor),
    body: html`<h1>${catalogText(s.title ?? s.server)} ${riskBadge(s.verdict.risk)}</h1>
<p class="muted">${catalogText(s.server)}</p>
<p class="card">${s.verdict.summary}</p>
${gradeBlock(s)}
${s.description ? html`<p class="desc">${catalogText(s.description)}</p>` : ""}
<dl class="facts">
<dt>status</dt><dd>${catalogText(s.status)}</dd>
<dt>version</dt><dd>${s.version ? catalogText(s.version) : "—"}</dd>
${s.repositoryUrl ? html`<dt>repository</dt><dd>${catalogText(s.repositoryUrl)}</dd>` : ""}
${s.websiteUrl ? html`<dt>website</dt><dd>${catalogText(s.websiteUrl)}</dd>` : ""}
<dt>last refreshed</dt><dd>${s.lastSeenAt.slice(0, 16).replace("T", " ")} UTC</dd>
<dt>live listing</dt><dd>${listing}</dd>
</dl>
<h2>Tools by category</h2>
${s.items.length ? pager : html`<p class="muted">No tools in the catalog yet.</p>`}
${[...byCategory].map(([category, tools]) => html`<h3>${category} <span class="muted">(${paged ? `${tools.length} of ${categoryCount(s, category)}` : tools.length})</span></h3>${toolList(tools, { showServer: false })}`)}
${unstoredNote(o.tools.items)}
${pager}
${o.policies.length && !paged ? html`<h2>Recommended policy</h2>${policyBlock(o.policies, `policy for ${catalogPlain(s.server)}`, s.server)}` : ""}
${paged && o.policies.length ? policyLinks(o.policies, s.server) : ""}
<h2>Sources and aliases</h2>
<table><thead><tr><th>source</th><th>record</th><th>fetched</th></tr></thead><tbody>${s.sources.map(
      (r) => html`<tr><td>${r.source}</td><td>${catalogText(r.sourceId)}</td><td>${r.fetchedAt.slice(0, 10)}</td></tr>`,
    )}</tbody></table>
<table><thead><tr><th>alias</th><th>value</th></tr></thead><tbody>${s.aliases.map((a) => html`<tr><td>${a.kind}</td><td>${catalogText(a.value)}</td></tr>`)}</tbody></table>` as Html,
  });
}

/** How many of the server's tools are in `category` (its verdict's count), where a page lists only some. */
function categoryCount(s: ServerView, category: string): number {
  return category === "unclassified" ? s.verdict.unclassified : (s.verdict.byCategory[category as Category] ?? 0);
}

/** The server's grade with every reason that took points, and its toxic flow named leg by leg. */
function gradeBlock(s: ServerView): Html | string {
  const leg = (label: string, tools: { tool: string }[]) => html`<li>${label}: ${tools.map((t, i) => html`${i ? ", " : ""}${catalogText(t.tool)}`)}</li>`;
  const flow = s.toxicFlow
    ? html`<p class="card"><strong>Toxic flow:</strong> this server alone can read untrusted content, read private data and send data out.</p>
<ul class="flow">${leg("reads untrusted content", s.toxicFlow.untrusted)}${leg("reads private data", s.toxicFlow.private)}${leg("sends data out", s.toxicFlow.sink)}</ul>` as Html
    : "";
  if (!s.grade) return flow;
  return html`<h2>Grade <span class="grade grade-${s.grade.grade}">${s.grade.grade}</span> <span class="muted">(${s.grade.score} points)</span></h2>
${s.grade.reasons.length ? html`<ul class="reasons">${s.grade.reasons.map((r) => html`<li>${r.reason} <span class="muted">(−${r.points})</span></li>`)}</ul>` : html`<p class="muted">No findings took points.</p>`}
${flow}` as Html;
}

export function errorPage(e: ServedError): Html {
  const title = e.status === 503 ? "Too slow to answer" : { 400: "Bad request", 404: "Not found", 405: "Method not allowed", 409: "Which one?" }[e.status];
  return layout({
    title,
    // The message quotes the names it was given.
    body: html`<h1>${title}</h1><p>${catalogText(e.message)}</p>
${e instanceof RequestError && e.candidates.length ? html`<p>${e.status === 409 ? `${candidatesLeadIn(e)}:` : "Close names in the catalog:"}</p>
<ul class="results">${e.candidates.slice(0, 50).map((c) => html`<li><a href="${namePage(e.names, c)}">${catalogText(c)}</a></li>`)}</ul>` : ""}` as Html,
  });
}

export const ALL_FORMATS = FORMAT_NAMES;
