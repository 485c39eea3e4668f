// What the served catalog answers with, as zod schemas (validation, OpenAPI, types) and builders from rows.
import { z } from "@hono/zod-openapi";
import { changeLabels } from "../classifier/change-labels.js";
import { GRADES } from "../classifier/grade.js";
import { ruleSchema } from "../classifier/policy.js";
import { verdictSchema, serverVerdict } from "../classifier/verdict.js";
import type { Category, Risk } from "../classifier/taxonomy.js";
import type { ServerSummary } from "../db/browse.js";
import type { ChangeRow } from "../db/lookups.js";
import type { CurrentEntry } from "../scripts/current-verdicts.js";
import { isoInstant } from "../scripts/iso-instant.js";
import { catalogCountsSchema, statsReportSchema } from "../scripts/stats-report.js";
import { verdictCountsSchema } from "../scripts/verdict-counts.js";
import { toolView } from "../scripts/tool-view.js";
import { paths } from "./paths.js";

const json = z.record(z.string(), z.unknown());

export const toolItemSchema = z
  .object({
    server: z.string(),
    tool: z.string(),
    title: z.string().nullable(),
    description: z.string().nullable(),
    category: z.string().nullable(),
    risk: z.string().nullable(),
    confidence: z.number().nullable(),
    rationale: z.string().nullable(),
    signals: z.array(z.string()),
    annotations: json.nullable(),
    rule: json.nullable(),
    hints: z.record(z.string(), z.boolean()).nullable().meta({ description: "MCP's hints as the classifier predicts them" }),
    classifierVersion: z.string().nullable(),
    method: z.string().nullable().meta({ description: "how the verdict was reached: rules, annotations, or rules+model" }),
    reviewedBy: z.object({ model: z.string(), promptVersion: z.string() }).nullable().meta({ description: "the model and prompt version whose verdict was applied (method rules+model)" }),
    stored: z.boolean().meta({ description: "whether the verdict is the one the catalog stores; false: the current classifier's, made now (the stored one is outdated or missing), which the next refresh stores" }),
    storedClassifierVersion: z.string().nullable().meta({ description: "the classifier version of the verdict the catalog stores for the tool (null: none); classifierVersion is the shown verdict's" }),
    page: z.string().meta({ description: "path of the tool's HTML page" }),
  })
  .openapi("Tool");
export type ToolItem = z.infer<typeof toolItemSchema>;

export function toolItem(e: CurrentEntry): ToolItem {
  return { ...toolView(e), title: e.title, description: e.description, page: paths.tool(e.server, e.tool) };
}

export const serverItemSchema = z
  .object({
    server: z.string(),
    title: z.string().nullable(),
    description: z.string().nullable(),
    version: z.string().nullable(),
    status: z.string(),
    repositoryUrl: z.string().nullable(),
    websiteUrl: z.string().nullable(),
    tools: z.number().int(),
    updatedAt: z.string().nullable(),
    lastSeenAt: z.string(),
    introspectedAt: z.string().nullable(),
    introspectionError: z.string().nullable(),
    introspectionNotes: z.string().nullable(),
    authPosture: z.string().nullable(),
    page: z.string(),
  })
  .openapi("Server");
export type ServerItem = z.infer<typeof serverItemSchema>;

export function serverItem(s: ServerSummary): ServerItem {
  return {
    server: s.key,
    title: s.title,
    description: s.description,
    version: s.version,
    status: s.status,
    repositoryUrl: s.repositoryUrl,
    websiteUrl: s.websiteUrl,
    tools: Number(s.tools),
    updatedAt: isoInstant(s.updatedAt),
    lastSeenAt: isoInstant(s.lastSeenAt),
    introspectedAt: isoInstant(s.introspectedAt),
    introspectionError: s.introspectionError,
    introspectionNotes: s.introspectionNotes,
    authPosture: s.authPosture,
    page: paths.server(s.key),
  };
}

const flowLegSchema = z.array(z.object({ server: z.string(), tool: z.string() }));

export const serverDetailSchema = serverItemSchema
  .extend({
    verdict: verdictSchema,
    /** The A–F grade with the reasons that took points (classifier/grade.ts); null for a server without tools. */
    grade: z
      .object({ grade: z.enum(GRADES), score: z.number(), reasons: z.array(z.object({ reason: z.string(), points: z.number() })) })
      .nullable(),
    /** Tools on each leg when the server alone reads untrusted content, reads private data and sends data out. */
    toxicFlow: z.object({ untrusted: flowLegSchema, private: flowLegSchema, sink: flowLegSchema }).nullable(),
    // Unpaged, as the route has always answered: a client that wants pages has them from the tools list.
    items: z.array(toolItemSchema).openapi({ description: "every current tool of the server, unpaged; GET /api/tools?server=SERVER&limit=&cursor= pages the same items" }),
    aliases: z.array(z.object({ kind: z.string(), value: z.string(), source: z.string() })),
    sources: z.array(z.object({ source: z.string(), sourceId: z.string(), isLatest: z.boolean(), fetchedAt: z.string() })),
  })
  .openapi("ServerDetail");
export type ServerDetailView = z.infer<typeof serverDetailSchema>;

export function verdictOf(entries: readonly CurrentEntry[]) {
  return serverVerdict(
    entries.map(({ classification: c }) => ({ category: (c?.category ?? null) as Category | null, risk: (c?.risk ?? null) as Risk | null, rule: c ? ruleSchema.parse(c.rule) : null })),
  );
}

export const changeItemSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    server: z.string(),
    tool: z.string(),
    kind: z.string(),
    labels: z.array(z.string()),
    oldHash: z.string().nullable(),
    newHash: z.string().nullable(),
    details: z.unknown(),
    runId: z.number().int().nullable(),
    page: z.string(),
  })
  .openapi("Change");
export type ChangeItem = z.infer<typeof changeItemSchema>;

export function changeItem(r: ChangeRow): ChangeItem {
  return {
    id: r.id,
    at: isoInstant(r.at),
    server: r.server,
    tool: r.tool,
    kind: r.kind,
    labels: changeLabels(r),
    oldHash: r.oldHash,
    newHash: r.newHash,
    details: r.details,
    runId: r.runId,
    page: paths.tool(r.server, r.tool),
  };
}

/** What the home page shows: the counts that cost a few queries, and the tools counted by their current verdicts (the chart's). */
const catalogSummarySchema = catalogCountsSchema.extend(verdictCountsSchema.shape);
export type CatalogSummary = z.infer<typeof catalogSummarySchema>;

/** `stats --json` (scripts/stats-report.ts); extended, as a schema made before @hono/zod-openapi loaded has no `openapi`. */
export const statsSchema = statsReportSchema.extend({}).openapi("Stats");
export type StatsView = z.infer<typeof statsSchema>;

export const errorSchema = z
  .object({
    error: z.object({
      status: z.number().int(),
      message: z.string(),
      candidates: z.array(z.object({ server: z.string(), tool: z.string().optional(), page: z.string() })).optional().meta({ description: "409: the servers the name matches, or one server's tools (with `tool`) whose names differ only in case" }),
      moreCandidates: z.boolean().optional().meta({ description: "409: true when more names match than `candidates` lists (the first 20 of a key prefix's servers)" }),
      suggestions: z.array(z.string()).optional().meta({ description: "404: close names that do exist" }),
    }),
  })
  .openapi("Error");
export type ErrorBody = z.infer<typeof errorSchema>;

/** Every list route answers `{items, nextCursor}`; nextCursor is null on the last page. */
export function listSchema<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
}
