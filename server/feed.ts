// The registry-compatible feed under /v0.1: every catalogued server in the official registry's response
// shape, the catalog's findings under one namespaced _meta key, so a host that reads the registry gets them.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { PackageRef, RemoteRef } from "../crawler/records.js";
import { canonicalRecords, listServers, serverDetail, toolsOfServers, unseenChangesFrom, type ServerSummary } from "../db/browse.js";
import type { Db } from "../db/client.js";
import type { ToolEntry } from "../db/lookups.js";
import { INSTANT_LIMITS, readInstant } from "../scripts/catalog-instant.js";
import { isoInstant } from "../scripts/iso-instant.js";
import { matchServerName } from "../scripts/resolve-server.js";
import type { ReviewAnswers } from "../scripts/carried-reviews.js";
import { currentReviewAnswers, currentServerEntries } from "../scripts/current-verdicts.js";
import { toolView } from "../scripts/tool-view.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { SERVE_DEFAULTS } from "./defaults.js";
import { notFound, shownName } from "./errors.js";
import { nameProblem, refusing, searchTextProblem } from "./lookup-text.js";
import { paths } from "./paths.js";
import { resolveServer } from "./reader.js";
import { publishedServer } from "./server-json.js";
import { pageSizeParam, validationHook } from "./validation.js";
import { verdictOf } from "./views.js";

/** The catalog's own _meta namespace (reverse-DNS of the project's home, as the registry asks of extensions). */
export const FINDINGS_META = "io.github.mcp-catalog/findings";
export const OFFICIAL_META = "io.modelcontextprotocol.registry/official";
const SERVER_SCHEMA = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json";
/** The registry requires a version; a server no source versioned is published as this one. */
export const UNVERSIONED = "0.0.0";

type FeedServer = ServerSummary & { packages: unknown; remotes: unknown; repositorySubfolder: string | null; publishedAt: string | null };

function repositoryOf(s: FeedServer) {
  if (!s.repositoryUrl) return undefined;
  const host = /^https?:\/\/(?:www\.)?([^/]+)/i.exec(s.repositoryUrl)?.[1]?.toLowerCase() ?? "";
  const source = host.split(".").at(-2) ?? host;
  return { url: s.repositoryUrl, source, ...(s.repositorySubfolder ? { subfolder: s.repositorySubfolder } : {}) };
}

/**
 * One server as the official registry lists it, with the catalog's findings beside the registry's own metadata.
 * `registryRecord` is the registry record the server's fields come from, if they do: its packages, remotes,
 * repository, icons and publisher's _meta go on as published, with what a host needs to run, reach or check the
 * server that the catalog's own fields leave out (the repository's id, its URL's case).
 */
export function feedItem(s: FeedServer, stored: readonly ToolEntry[], answers: ReviewAnswers, registryRecord?: unknown) {
  const tools = currentServerEntries(s, stored, answers);
  const published = publishedServer(registryRecord);
  const packages =
    published.packages ??
    (s.packages as PackageRef[]).map((p) => ({
      registryType: p.registryType,
      identifier: p.identifier,
      ...(p.version ? { version: p.version } : {}),
      ...(p.runtimeHint ? { runtimeHint: p.runtimeHint } : {}),
      transport: { type: p.transport ?? "stdio" },
    }));
  const remotes = published.remotes ?? (s.remotes as RemoteRef[]).map((r) => ({ type: r.type, url: r.url }));
  const repository = published.repository ?? repositoryOf(s);
  const verdict = verdictOf(tools);
  return {
    server: {
      $schema: SERVER_SCHEMA,
      name: s.key,
      description: s.description ?? s.title ?? "",
      ...(s.title ? { title: s.title } : {}),
      version: s.version ?? UNVERSIONED,
      ...(repository ? { repository } : {}),
      ...(s.websiteUrl ? { websiteUrl: s.websiteUrl } : {}),
      ...(packages.length ? { packages } : {}),
      ...(remotes.length ? { remotes } : {}),
      ...(published.icons?.length ? { icons: published.icons } : {}),
      ...(published._meta ? { _meta: published._meta } : {}),
    },
    _meta: {
      [OFFICIAL_META]: {
        status: s.status === "gone" ? "deleted" : s.status,
        ...(s.publishedAt ? { publishedAt: isoInstant(s.publishedAt) } : {}),
        // When the catalog last changed what it says of the server (its record, status, tools, their verdicts): what
        // updated_since filters on. The source's own date is earlier than the catalog learned of it, and a directory gives none.
        updatedAt: isoInstant(s.catalogUpdatedAt),
        isLatest: true,
      },
      [FINDINGS_META]: {
        page: paths.server(s.key),
        verdict: { risk: verdict.risk, summary: verdict.summary, needsApproval: verdict.needsApproval, denied: verdict.denied, byCategory: verdict.byCategory },
        // Each verdict with how it was reached (rules, annotations, rules+model), as the API's tool items say.
        tools: tools
          .map(toolView)
          .map((v) => ({ name: v.tool, category: v.category, risk: v.risk, rule: v.rule, classifierVersion: v.classifierVersion, method: v.method, reviewedBy: v.reviewedBy, stored: v.stored, storedClassifierVersion: v.storedClassifierVersion })),
        ...(s.introspectionError ? { lastListingError: s.introspectionError } : {}),
        ...(s.introspectionNotes ? { lastListingNotes: s.introspectionNotes } : {}),
      },
    },
  };
}

// Sent to Postgres as written, microseconds and all: one it would refuse (February 30th, year 0000, an offset past
// ±15:59) is a 400 here, as `since` is, not a failed query.
const rfc3339 = z.string().superRefine((v, ctx) => {
  const read = readInstant(v, "rfc3339");
  if ("problem" in read) ctx.addIssue({ code: "custom", message: read.problem === "invalid" ? "must be an RFC 3339 date and time (2026-11-01T00:00:00Z)" : INSTANT_LIMITS[read.problem] });
});

const listRoute = createRoute({
  method: "get",
  path: "/servers",
  request: {
    query: z.object({
      cursor: z.string().optional(),
      limit: pageSizeParam(SERVE_DEFAULTS.maxFeedPageSize, SERVE_DEFAULTS.feedPageSize),
      // Blank is no filter here, as on the registry; past the limit, refused as /api/servers?q= refuses it.
      search: z
        .string()
        .superRefine(refusing((text) => (text.trim() ? searchTextProblem(text) : undefined)))
        .optional(),
      updated_since: rfc3339.optional(),
      version: z.literal("latest").optional(),
      include_deleted: z.enum(["true", "false"]).optional(),
    }),
  },
  responses: { 200: { description: "a page of servers in the official registry's shape" } },
});

const nameParam = z.string().min(1).superRefine(refusing(nameProblem));

const versionsRoute = createRoute({
  method: "get",
  path: "/servers/{name}/versions",
  request: { params: z.object({ name: nameParam }) },
  responses: { 200: { description: "every version of one server the catalog keeps (one: its latest), in the list's shape" } },
});

const versionRoute = createRoute({
  method: "get",
  path: "/servers/{name}/versions/{version}",
  request: { params: z.object({ name: nameParam, version: z.string().min(1) }) },
  responses: { 200: { description: "one server version in the official registry's shape" } },
});

/** The server a registry client names, exactly (its server.name or registry name: a prefix or a URL the API takes names nothing here, the registry's 404). */
async function namedServer(db: Db, name: string): Promise<FeedServer> {
  return (await serverDetail(db, (await resolveServer(db, name, matchServerName)).id))!;
}

/** One server's feed item, on its own. */
async function oneItem(db: Db, s: FeedServer) {
  const [tools, records] = [await toolsOfServers(db, [s.id]), await canonicalRecords(db, [s.id], "registry")];
  const stored = tools.get(s.id) ?? [];
  return feedItem(s, stored, await currentReviewAnswers(db, stored), records.get(s.id));
}

export function feedRoutes(db: Db) {
  const feed = new OpenAPIHono({ defaultHook: validationHook });
  feed.openapi(listRoute, async (c) => {
    const q = c.req.valid("query");
    const cursor = q.cursor !== undefined ? decodeCursor(q.cursor, "feed", z.tuple([z.string(), rfc3339.nullable()])) : undefined;
    const after = cursor?.[0];
    // Read before the first page and carried on by the cursor: a change that commits while a mirror pages on is dated
    // at or after it, even one to a server on a page already passed, so the poll that starts from it sees the change.
    const nextUpdatedSince = (cursor ? cursor[1] : await unseenChangesFrom(db)) ?? undefined;
    const rows = await listServers(db, {
      limit: q.limit + 1,
      ...(q.search?.trim() ? { q: q.search.trim() } : {}),
      ...(q.updated_since ? { updatedSince: q.updated_since } : {}),
      ...(after !== undefined ? { after } : {}),
      // As on the registry, updated_since lists deletions too: an incremental mirror would otherwise keep them forever.
      includeDeleted: q.include_deleted === "true" || q.updated_since !== undefined,
    });
    const shown = rows.slice(0, q.limit);
    const ids = shown.map((s) => s.id);
    const [tools, records] = [await toolsOfServers(db, ids), await canonicalRecords(db, ids, "registry")];
    const answers = await currentReviewAnswers(db, [...tools.values()].flat());
    const servers = shown.map((s) => feedItem(s, tools.get(s.id) ?? [], answers, records.get(s.id)));
    const next = rows.length > q.limit ? encodeCursor("feed", [shown.at(-1)!.key, nextUpdatedSince ?? null]) : undefined;
    return c.json({ servers, metadata: { count: servers.length, ...(next ? { nextCursor: next } : {}), ...(nextUpdatedSince ? { nextUpdatedSince } : {}) } }, 200);
  });
  // The registry lists a server's versions newest first; the catalog keeps one.
  feed.openapi(versionsRoute, async (c) => {
    const item = await oneItem(db, await namedServer(db, c.req.valid("param").name));
    return c.json({ servers: [item], metadata: { count: 1 } }, 200);
  });
  feed.openapi(versionRoute, async (c) => {
    const { name, version } = c.req.valid("param");
    const s = await namedServer(db, name);
    if (version !== "latest" && version !== (s.version ?? UNVERSIONED)) throw notFound(`${s.key} has no version '${shownName(version)}' in the catalog (it keeps the latest: ${s.version ?? UNVERSIONED})`);
    return c.json(await oneItem(db, s), 200);
  });
  return feed;
}
