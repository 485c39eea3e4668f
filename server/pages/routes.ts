// The HTML routes: each asks the reader, renders a page, and answers with it.
import { Hono } from "hono";
import { FORMAT_NAMES } from "../../classifier/formats/formats.js";
import { buildPolicy, ruleSchema } from "../../classifier/policy.js";
import type { Db } from "../../db/client.js";
import { serverTools } from "../../db/lookups.js";
import { SERVE_DEFAULTS } from "../defaults.js";
import { slashedToolNamePage, unencodedServerPage } from "../paths.js";
import { RequestError } from "../errors.js";
import { checkedParam, nameProblem, searchTextProblem } from "../lookup-text.js";
import { catalogSummary, findChanges, findServers, findTools, namesServer, policyText, resolveServer, serverView, toolOn, toolsNamed } from "../reader.js";
import { toolItem } from "../views.js";
import { renderPolicy, UnrepresentableNameError } from "../../classifier/formats/formats.js";
import { ICON, SCRIPT, STYLE } from "./assets.js";
import { homePage, searchPage, serverPage, toolNamePage, toolPage } from "./render.js";

/** How many servers a tool name's page lists (the riskiest; its summary line counts them all). */
const NAME_PAGE_ENTRIES = 100;

/** Every dialect the `policy` command writes, for the switcher; a dialect that cannot hold a name is left out. */
function everyFormat(render: (format: (typeof FORMAT_NAMES)[number]) => string) {
  return FORMAT_NAMES.flatMap((format) => {
    try {
      return [{ format, text: render(format) }];
    } catch (e) {
      if (e instanceof RequestError || e instanceof UnrepresentableNameError) return [];
      throw e;
    }
  });
}

export function pageRoutes(db: Db) {
  const pages = new Hono();
  pages.get("/assets/style.css", (c) => c.body(STYLE, 200, { "content-type": "text/css; charset=utf-8", "cache-control": "public, max-age=3600" }));
  pages.get("/assets/app.js", (c) => c.body(SCRIPT, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=3600" }));
  // The pages link the icon; a browser still asks /favicon.ico for what is not a page (the API's JSON, the feed).
  for (const path of ["/assets/icon.svg", "/favicon.ico"]) pages.get(path, (c) => c.body(ICON, 200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" }));

  pages.get("/", async (c) => c.html(homePage({ stats: await catalogSummary(db), changes: (await findChanges(db, { limit: 10 })).items })));

  pages.get("/search", async (c) => {
    // No text is the empty search page, not an error; text past the limit is a 400, as on /api/tools.
    const q = (c.req.query("q") ?? "").trim();
    if (q) checkedParam("q", q, searchTextProblem);
    // An empty cursor is no cursor, as before: the first page.
    const cursor = c.req.query("cursor") || undefined;
    const serverCursor = c.req.query("serverCursor") || undefined;
    const none = { items: [], nextCursor: null };
    const limit = SERVE_DEFAULTS.pageSize;
    // Servers match by key, title or description as /api/servers?q= does: a server without tools matches no tool search.
    const tools = q && serverCursor === undefined ? await findTools(db, { q, limit, ...(cursor ? { cursor } : {}) }) : none;
    const servers = q && cursor === undefined ? await findServers(db, { q, limit, ...(serverCursor ? { cursor: serverCursor } : {}) }) : none;
    return c.html(searchPage({ q, tools, servers, continued: cursor !== undefined || serverCursor !== undefined }));
  });

  pages.get("/tools/:name", async (c) => {
    const summary = await toolsNamed(db, checkedParam("name", c.req.param("name"), nameProblem), { limit: NAME_PAGE_ENTRIES });
    return c.html(toolNamePage({ summary, items: summary.entries.map(toolItem) }));
  });

  // Only what the route above did not take: a trailing slash.
  pages.get("/tools/*", (c) => {
    const page = slashedToolNamePage(new URL(c.req.url).pathname.slice("/tools/".length));
    return page ? c.redirect(page, 301) : c.notFound();
  });

  pages.get("/servers/:server/tools/:tool", async (c) => {
    const { server, entry } = await toolOn(db, checkedParam("server", c.req.param("server"), nameProblem), checkedParam("tool", c.req.param("tool"), nameProblem));
    const tool = toolItem(entry);
    const siblings = await serverTools(db, server.id);
    const history = (await findChanges(db, { server: server.key, limit: SERVE_DEFAULTS.maxPageSize })).items.filter((h) => h.tool === entry.tool);
    // The tool's own rule as a one-tool policy, in every dialect.
    const rule = entry.classification ? ruleSchema.parse(entry.classification.rule) : undefined;
    const policies = rule
      ? everyFormat((format) => renderPolicy(format, { server: { key: server.key }, policy: buildPolicy([[entry.tool, rule]]) }))
      : [];
    return c.html(toolPage({ tool, related: siblings.filter((s) => s.tool !== entry.tool).map(toolItem), history, policies }));
  });

  pages.get("/servers/:server", async (c) => {
    const ref = await resolveServer(db, checkedParam("server", c.req.param("server"), nameProblem));
    const view = await serverView(db, ref.key);
    const policies = view.entries.length ? everyFormat((format) => policyText(ref, view.entries, format)) : [];
    return c.html(serverPage({ server: view, policies }));
  });

  // Only what the two routes above did not take: a name whose slashes were not encoded.
  pages.get("/servers/*", async (c) => {
    const to = await unencodedServerPage(new URL(c.req.url).pathname.slice("/servers/".length), (name) => namesServer(db, name));
    return to ? c.redirect(to.page, to.permanent ? 301 : 302) : c.notFound();
  });
  return pages;
}
