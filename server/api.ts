// The JSON API under /api: routes declared once with zod (validation, types and the OpenAPI document at /api/openapi.json).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { FORMAT_NAMES } from "../classifier/formats/formats.js";
import { CATEGORIES, RISKS } from "../classifier/taxonomy.js";
import type { Db } from "../db/client.js";
import { badRequest } from "./errors.js";
import { findChanges, findServers, findTools, POLICY_MEDIA_TYPES, serverPolicy, serverView, toolOn } from "./reader.js";
import { changeItemSchema, errorSchema, listSchema, serverDetailSchema, serverItemSchema, statsSchema, toolItemSchema, toolItem, type StatsView } from "./views.js";
import { CLIENT_NAME_MEANING } from "../scripts/client-name.js";
import { SERVE_DEFAULTS } from "./defaults.js";
import { nameProblem, refusing, searchTextProblem } from "./lookup-text.js";
import { pathName } from "./paths.js";
import { pageSizeParam, validationHook } from "./validation.js";

const limit = pageSizeParam(SERVE_DEFAULTS.maxPageSize, SERVE_DEFAULTS.pageSize).openapi({ description: `page size, 1 to ${SERVE_DEFAULTS.maxPageSize}` });
const cursor = z.string().optional().openapi({ description: "nextCursor of the previous page" });
const serverParam = z
  .string()
  .min(1)
  .superRefine(refusing(nameProblem))
  .openapi({ description: `a server key, registry name, repository URL, npm:<package> or unique key prefix (URL-encoded; at most ${SERVE_DEFAULTS.maxNameBytes} bytes)` });
/** Search text: not blank, at most maxSearchChars characters. */
const searchText = (description: string) =>
  z
    .string()
    .superRefine(refusing(searchTextProblem))
    .optional()
    .openapi({ description: `${description}; at most ${SERVE_DEFAULTS.maxSearchChars} characters` });
const toolName = (description: string) =>
  z
    .string()
    .min(1)
    .superRefine(refusing(nameProblem))
    .openapi({ description: `${description}; at most ${SERVE_DEFAULTS.maxNameBytes} bytes` });

const errors = {
  400: { description: "a bad parameter", content: { "application/json": { schema: errorSchema } } },
  404: { description: "nothing by that name", content: { "application/json": { schema: errorSchema } } },
  409: { description: "ambiguous: the candidates are listed", content: { "application/json": { schema: errorSchema } } },
  503: {
    description: "a query took longer than the catalog's time limit and was cancelled (on Postgres); Retry-After says when to try again",
    headers: { "Retry-After": { description: "seconds", schema: { type: "integer" } } },
    content: { "application/json": { schema: errorSchema } },
  },
} as const;
const ok = <T extends z.ZodType>(schema: T, description: string) => ({ 200: { description, content: { "application/json": { schema } } }, ...errors });

const routes = {
  tools: createRoute({
    method: "get",
    path: "/tools",
    summary: "Tools by exact name, by search text (ranked), or all, filtered and paged",
    request: {
      query: z.object({
        name: toolName("exact tool name, case-insensitive").optional(),
        q: searchText("search text: name first, then description"),
        category: z.enum(CATEGORIES).optional(),
        risk: z.enum(RISKS).optional(),
        server: serverParam.optional(),
        cursor,
        limit,
      }),
    },
    responses: ok(listSchema(toolItemSchema, "ToolList"), "a page of tools"),
  }),
  tool: createRoute({
    method: "get",
    path: "/tools/{server}/{tool}",
    summary: "One tool on one server",
    request: { params: z.object({ server: serverParam, tool: toolName("the tool's name: the exact one, else one that differs only in case (409 when several do); a name `.` or `..` (after any `~`s) is written with one `~` more, as a URL parser removes a dot segment (`~..` is `..`)") }) },
    responses: ok(toolItemSchema, "the tool"),
  }),
  servers: createRoute({
    method: "get",
    path: "/servers",
    summary: "Servers in key order, filtered by text in the key, title or description",
    request: { query: z.object({ q: searchText("text in the key, title or description"), cursor, limit }) },
    responses: ok(listSchema(serverItemSchema, "ServerList"), "a page of servers"),
  }),
  server: createRoute({
    method: "get",
    path: "/servers/{server}",
    summary: "One server: verdict, tools, aliases and sources",
    description: "`items` holds every tool of the server, unpaged; GET /api/tools?server=SERVER&limit=&cursor= pages the same items.",
    request: { params: z.object({ server: serverParam }) },
    responses: ok(serverDetailSchema, "the server"),
  }),
  policy: createRoute({
    method: "get",
    path: "/servers/{server}/policy",
    summary: "The server's recommended policy in one dialect (the `policy` command's output)",
    request: {
      params: z.object({ server: serverParam }),
      query: z.object({
        format: z.enum(FORMAT_NAMES).default("native"),
        clientName: z.string().min(1).optional().openapi({ description: `the ${CLIENT_NAME_MEANING}` }),
      }),
    },
    responses: {
      200: {
        description: "the policy file: JSON (native, claude-code), YAML (intercept, cedar, agentgateway) or TOML (codex)",
        // A JSON dialect's body is a JSON object (a schema of type string would say a JSON string); YAML and TOML are text.
        content: Object.fromEntries([...new Set(Object.values(POLICY_MEDIA_TYPES))].map((t) => [t, { schema: t === "application/json" ? z.record(z.string(), z.unknown()) : z.string() }])),
      },
      ...errors,
    },
  }),
  changes: createRoute({
    method: "get",
    path: "/changes",
    summary: "The tool change feed, newest first, with labels",
    request: {
      query: z.object({
        since: z.string().optional().openapi({ description: "a date (2026-11-01), a date and time, or an age (7d, 12h, 30m)" }),
        server: serverParam.optional(),
        cursor,
        limit,
      }),
    },
    responses: ok(listSchema(changeItemSchema, "ChangeList"), "a page of changes"),
  }),
  stats: createRoute({
    method: "get",
    path: "/stats",
    summary: "What `stats --json` prints (servers, tools, sources, grades, annotation coverage, toxic flows, the last run), plus tools by category and risk",
    responses: { 200: { description: "the statistics", content: { "application/json": { schema: statsSchema } } }, 503: errors[503] },
  }),
};

/** `stats` answers GET /api/stats: the report kept while the catalog is unchanged (server/stats-cache.ts). */
export function apiRoutes(db: Db, o: { stats: () => Promise<StatsView> }) {
  const api = new OpenAPIHono({ defaultHook: validationHook });
  api.openapi(routes.tools, async (c) => {
    const q = c.req.valid("query");
    if (q.name !== undefined && q.q !== undefined) throw badRequest("name and q: pass one of them");
    return c.json(await findTools(db, q), 200);
  });
  // Names in a path as `paths` writes them: a name `.` or `..` is `~.` or `~..` (pathName).
  api.openapi(routes.tool, async (c) => {
    const { server, tool } = c.req.valid("param");
    return c.json(toolItem((await toolOn(db, pathName(server), pathName(tool))).entry), 200);
  });
  api.openapi(routes.servers, async (c) => c.json(await findServers(db, c.req.valid("query")), 200));
  api.openapi(routes.server, async (c) => {
    const { entries: _entries, ...view } = await serverView(db, pathName(c.req.valid("param").server));
    return c.json(view, 200);
  });
  api.openapi(routes.policy, async (c) => {
    const { format, clientName } = c.req.valid("query");
    const { text } = await serverPolicy(db, pathName(c.req.valid("param").server), format, clientName);
    return c.body(text, 200, { "content-type": `${POLICY_MEDIA_TYPES[format]}; charset=utf-8` }) as never;
  });
  api.openapi(routes.changes, async (c) => c.json(await findChanges(db, c.req.valid("query")), 200));
  api.openapi(routes.stats, async (c) => c.json(await o.stats(), 200));
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "mcp-catalog", version: "1", description: "Every public MCP server and tool, classified by risk, with a recommended policy." },
    servers: [{ url: "/api" }],
  });
  return api;
}
