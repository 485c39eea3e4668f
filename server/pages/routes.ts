// The HTML routes: each asks the reader, renders a page, and answers with it.
import { Hono, type Context } from "hono";
import { FORMAT_NAMES, type FormatName } from "../../classifier/formats/formats.js";
import { buildPolicy, decisionOf, ruleSchema, type Policy } from "../../classifier/policy.js";
import type { Db } from "../../db/client.js";
import { currentNameTwins, currentOtherTools } from "../../scripts/current-lookups.js";
import type { VerdictCounts } from "../../scripts/verdict-counts.js";
import { SERVE_DEFAULTS } from "../defaults.js";
import { pathName, paths, slashedToolNamePage, unencodedServerPage, unslashedServerName } from "../paths.js";
import { checkedParam, nameProblem, searchTextProblem } from "../lookup-text.js";
import { catalogSummary, findChanges, findServers, findTools, namesServer, resolveServer, serverView, toolPageOn, toolsNamed } from "../reader.js";
import { rulesFor } from "../../scripts/policy-rules.js";
import { queryParam } from "../validation.js";
import { toolItem } from "../views.js";
import { exportNamed, toolNameIn, UnrepresentableNameError } from "../../classifier/formats/formats.js";
import { ICON, SCRIPT, SCRIPT_PATH, STYLE, STYLE_PATH } from "./assets.js";
import { homePage, searchPage, serverPage, toolNamePage, toolPage, type PolicyText } from "./render.js";

/**
 * A policy in every dialect, `policyIn` giving each its policy (a server's, the same in all; a tool's own rule with the
 * tools the dialect names alike), as `policy` writes it (without its Generated time), for the switcher. A dialect that cannot name some of its tools keeps its place with those tools, why,
 * and each one's decision: the page says what that means (a document left without them denies them) rather than drop
 * the dialect unsaid. One that cannot name the server (no rule could) is left out.
 */
function formatTexts(server: { key: string }, policyIn: (format: FormatName) => Policy): PolicyText[] {
  return FORMAT_NAMES.flatMap((format): PolicyText[] => {
    const policy = policyIn(format);
    try {
      const { unnamed, rendered } = exportNamed(format, { server: { key: server.key }, policy });
      if (!unnamed.length) return [{ format, text: rendered.text }];
      return [{ format, refused: unnamed.map((u) => ({ ...u, decision: decisionOf(policy.tools[u.tool]!) })) }];
    } catch (e) {
      if (e instanceof UnrepresentableNameError) return [];
      throw e;
    }
  });
}

const CSS = "text/css; charset=utf-8";
const JS = "text/javascript; charset=utf-8";
/** A year, the longest HTTP caches keep anything, and never revalidated: the URL changes with the bytes. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/** A name in the page's path, as `paths` wrote it (a dot segment's name stuffed with `~`), checked as every lookup is. */
const named = (c: Context, param: string) => checkedParam(param, pathName(c.req.param(param) ?? ""), nameProblem);

/** `verdictCounts`: the catalog's tools counted by their current verdicts, for the home page (kept between requests: server/app.ts). */
export function pageRoutes(db: Db, o: { verdictCounts: () => Promise<VerdictCounts> }) {
  const pages = new Hono();
  // The unversioned URLs are revalidated before each use (no-cache: server/app.ts); the hashed ones the pages link are
  // kept for good, their name changing with their bytes. Any other name under /assets is a 404.
  pages.get("/assets/style.css", (c) => c.body(STYLE, 200, { "content-type": CSS }));
  pages.get("/assets/app.js", (c) => c.body(SCRIPT, 200, { "content-type": JS }));
  pages.get("/assets/:asset", (c, next) => {
    const path = `/assets/${c.req.param("asset")}`;
    if (path === STYLE_PATH) return c.body(STYLE, 200, { "content-type": CSS, "cache-control": IMMUTABLE });
    if (path === SCRIPT_PATH) return c.body(SCRIPT, 200, { "content-type": JS, "cache-control": IMMUTABLE });
    return next();
  });
  // The pages link the icon; a browser still asks /favicon.ico for what is not a page (the API's JSON, the feed).
  for (const path of ["/assets/icon.svg", "/favicon.ico"]) pages.get(path, (c) => c.body(ICON, 200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" }));

  pages.get("/", async (c) => c.html(homePage({ stats: await catalogSummary(db, o.verdictCounts), changes: (await findChanges(db, { limit: 10 })).items })));

  pages.get("/search", async (c) => {
    // No text is the empty search page, not an error; text past the limit is a 400, as on /api/tools.
    const q = (queryParam(c, "q") ?? "").trim();
    if (q) checkedParam("q", q, searchTextProblem);
    // An empty cursor is no cursor, as before: the first page.
    const cursor = queryParam(c, "cursor") || undefined;
    const serverCursor = queryParam(c, "serverCursor") || undefined;
    // A continued page shows the kinds whose cursor it was given, each read (a bad one is a 400): both, when both are.
    const continued = cursor !== undefined || serverCursor !== undefined;
    const none = { items: [], nextCursor: null };
    const limit = SERVE_DEFAULTS.pageSize;
    // Servers match by key, title or description as /api/servers?q= does: a server without tools matches no tool search.
    const tools = q && (!continued || cursor !== undefined) ? await findTools(db, { q, limit, ...(cursor ? { cursor } : {}) }) : none;
    const servers = q && (!continued || serverCursor !== undefined) ? await findServers(db, { q, limit, ...(serverCursor ? { cursor: serverCursor } : {}) }) : none;
    return c.html(searchPage({ q, tools, servers, continued }));
  });

  pages.get("/tools/:name", async (c) => {
    const summary = await toolsNamed(db, named(c, "name"), { limit: SERVE_DEFAULTS.namePageEntries });
    return c.html(toolNamePage({ summary, items: summary.entries.map(toolItem) }));
  });

  // Only what the route above did not take: a trailing slash.
  pages.get("/tools/*", (c) => {
    const page = slashedToolNamePage(new URL(c.req.url).pathname.slice("/tools/".length));
    return page ? c.redirect(page, 301) : c.notFound();
  });

  // A server name ending in an encoded slash goes to the page without it (301), as `/servers/SERVER/` does: one URL per page.
  pages.get("/servers/:server/tools/:tool", async (c, next) => {
    const bare = unslashedServerName(named(c, "server"));
    return bare === undefined ? next() : c.redirect(paths.tool(bare, named(c, "tool")), 301);
  });
  pages.get("/servers/:server", async (c, next) => {
    const bare = unslashedServerName(named(c, "server"));
    return bare === undefined ? next() : c.redirect(`${paths.server(bare)}${new URL(c.req.url).search}`, 301);
  });

  pages.get("/servers/:server/tools/:tool", async (c) => {
    // A removed tool's page too: the latest changes link to it.
    const { server, entry, removedAt } = await toolPageOn(db, named(c, "server"), named(c, "tool"));
    const tool = toolItem(entry);
    const others = await currentOtherTools(db, server, entry.tool, SERVE_DEFAULTS.otherTools);
    const history = (await findChanges(db, { server: server.key, tool: entry.tool, limit: SERVE_DEFAULTS.maxPageSize })).items;
    // The tool's own rule as a one-tool policy, in every dialect, with the tools a dialect names as it names this one
    // (Claude Code's `a/b` and `a_b`): there the rule is the one the server's document has for them all, the strictest.
    const rule = entry.classification ? ruleSchema.parse(entry.classification.rule) : undefined;
    const twins = rule ? (await currentNameTwins(db, server, entry.tool)).filter((e) => e.classification) : [];
    // The page names those tools by the dialect's snippet, each with its own decision, to say why the rule is stricter.
    const sameName = (format: FormatName) =>
      twins.filter((e) => toolNameIn(format, e.tool) === toolNameIn(format, entry.tool)).map((e) => ({ tool: e.tool, rule: ruleSchema.parse(e.classification!.rule) }));
    const policies = rule
      ? formatTexts(server, (format) => buildPolicy([[entry.tool, rule], ...sameName(format).map((e) => [e.tool, e.rule] as const)])).map((p): PolicyText => {
          const sharedWith = sameName(p.format).map((e) => ({ tool: e.tool, decision: decisionOf(e.rule) }));
          return "text" in p && sharedWith.length ? { ...p, sharedWith } : p;
        })
      : [];
    return c.html(toolPage({ tool, removedAt, others: { items: others.entries.map(toolItem), total: others.total }, history, policies }));
  });

  pages.get("/servers/:server", async (c) => {
    const cursor = queryParam(c, "cursor") || undefined;
    const ref = await resolveServer(db, named(c, "server"));
    const view = await serverView(db, ref.key);
    // A server with more tools than a page holds lists them a page at a time, as /api/tools?server= does, and links its
    // policy: still written here, for a dialect whose document would be refused says so in its link's place.
    const paged = cursor !== undefined || view.entries.length > SERVE_DEFAULTS.serverPageTools;
    const tools = paged ? await findTools(db, { server: ref.key, limit: SERVE_DEFAULTS.serverPageTools, ...(cursor ? { cursor } : {}) }) : { items: view.items, nextCursor: null };
    const policy = buildPolicy(rulesFor(view.entries));
    const policies = view.entries.length ? formatTexts(ref, () => policy) : [];
    return c.html(serverPage({ server: view, tools, cursor, policies }));
  });

  // Only what the two routes above did not take: a name whose slashes were not encoded.
  pages.get("/servers/*", async (c) => {
    const to = await unencodedServerPage(new URL(c.req.url).pathname.slice("/servers/".length), (name) => namesServer(db, name));
    return to ? c.redirect(to.page, to.permanent ? 301 : 302) : c.notFound();
  });
  return pages;
}
