// The catalog's tables: the single source of truth for the database (migrations are generated from it).
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });

/**
 * The time a change to a server's entry is dated (servers.catalog_updated_at): the clock as the statement writes it,
 * not now(), its transaction's start. A transaction is in pg_stat_activity before it reads the clock, so a change no
 * poll has seen is dated at or after the feed's nextUpdatedSince (db/browse.ts), even from a transaction that began
 * before it was read; the start time is taken before the transaction is shown there.
 */
export const CATALOG_CHANGED_AT = sql`clock_timestamp()`;

/** One canonical server, however many sources list it. */
export const servers = pgTable(
  "servers",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** Official registry name when there is one, else host/owner/repo[#subfolder]. */
    key: text("key").notNull(),
    title: text("title"),
    description: text("description"),
    repositoryKey: text("repository_key"),
    repositoryUrl: text("repository_url"),
    repositorySubfolder: text("repository_subfolder"),
    websiteUrl: text("website_url"),
    version: text("version"),
    /** active | deprecated | deleted | gone */
    status: text("status").notNull().default("active"),
    packages: jsonb("packages").notNull().default(sql`'[]'::jsonb`),
    remotes: jsonb("remotes").notNull().default(sql`'[]'::jsonb`),
    popularity: integer("popularity"),
    publishedAt: ts("published_at"),
    updatedAt: ts("updated_at"),
    /** The source record whose fields the row shows (`source:sourceId`) and how much it outranks others. */
    canonicalSource: text("canonical_source").notNull(),
    canonicalRank: integer("canonical_rank").notNull(),
    /** Hash of the canonical fields: an unchanged record is not rewritten. */
    contentHash: text("content_hash").notNull(),
    firstSeenAt: ts("first_seen_at").notNull().defaultNow(),
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    /**
     * When what the catalog says of the server last changed: its record rewritten, its status, its tools, their
     * classifications, its listing error. The feed's updatedAt, so `updated_since` finds every change a mirror has not
     * seen; `updatedAt` is only the source's word, which a directory does not give and which predates the catalog's learning of it.
     * Always CATALOG_CHANGED_AT.
     */
    catalogUpdatedAt: ts("catalog_updated_at").notNull().default(CATALOG_CHANGED_AT),
    /**
     * The runs that first saw, last changed and removed (deleted/gone) the server: a run's counts. Which
     * runs saw it unchanged is told by its records' pages (source_pages.seen_run_id), not written here.
     */
    firstRunId: integer("first_run_id"),
    changedRunId: integer("changed_run_id"),
    removedRunId: integer("removed_run_id"),
    introspectedAt: ts("introspected_at"),
    /**
     * The record (content_hash) the last live listing was made for. A server whose record changed since is due: the run
     * that changed it may have stopped before it listed it, and the next run must not take it for listed.
     */
    introspectedHash: text("introspected_hash"),
    /** Why the last live listing failed (null: it succeeded, or none ran); the tools of the last one that succeeded are kept. */
    introspectionError: text("introspection_error"),
    /**
     * What the last successful live listing could not keep as sent (tools skipped, hints dropped, a list cut at a limit,
     * text replaced); null when it kept everything. Left as it was by a failed listing: it tells of the tools still kept.
     */
    introspectionNotes: text("introspection_notes"),
    /** When the live list is due again: the server's own `ttlMs` bounded by a floor and a ceiling; null: the max-age rule. */
    relistAt: ts("relist_at"),
    /**
     * The mode of the last successful live listing, whose tools are the server's live ones: remote | stdio (null: none
     * recorded, listed before this column). Those tools are withdrawn once that mode can no longer list the server.
     */
    listedBy: text("listed_by"),
    /** How a remote answers without credentials: open | auth (null until listed). */
    authPosture: text("auth_posture"),
    /** How it says it needs auth: status, WWW-Authenticate scheme and realm, protected-resource metadata and its authorization servers. */
    authDetails: jsonb("auth_details"),
  },
  (t) => [
    uniqueIndex("servers_key_idx").on(t.key),
    index("servers_key_lower_idx").on(sql`lower(${t.key})`),
    index("servers_status_idx").on(t.status),
    index("servers_repository_key_idx").on(t.repositoryKey),
    // Search (/api/servers?q=, /search and the home page's as-you-type box, the feed's search) is `ILIKE '%text%'` on
    // each of these: a rare word reads the few servers holding its trigrams instead of every server.
    index("servers_key_trgm_idx").using("gin", t.key.op("gin_trgm_ops")),
    index("servers_title_trgm_idx").using("gin", t.title.op("gin_trgm_ops")),
    index("servers_description_trgm_idx").using("gin", t.description.op("gin_trgm_ops")),
    // The feed's updated_since: a mirror's poll reads the servers changed since, not all of them.
    index("servers_catalog_updated_at_idx").on(t.catalogUpdatedAt),
  ],
);

/** Every record each source published, raw, with the hash that tells a changed one. */
export const serverSources = pgTable(
  "server_sources",
  {
    source: text("source").notNull(),
    sourceId: text("source_id").notNull(),
    serverId: integer("server_id")
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    isLatest: boolean("is_latest").notNull(),
    raw: jsonb("raw").notNull(),
    contentHash: text("content_hash").notNull(),
    fetchedAt: ts("fetched_at").notNull().defaultNow(),
    runId: integer("run_id"),
    /**
     * The list page the record was last seen on in a full crawl (or first seen on, incrementally). A
     * page answered 304 vouches for every record placed on it; a record whose page the last full
     * crawl did not see is no longer listed by the source.
     */
    pageId: integer("page_id").references(() => sourcePages.id, { onDelete: "set null" }),
    /**
     * How many complete full walks of the source in a row did not list the record, counted up to the number that
     * stops it vouching for its server (crawler/plan/crawl.ts walksBeforeGone), and reset by a walk that lists it.
     */
    missedWalks: integer("missed_walks").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.source, t.sourceId] }), index("server_sources_server_idx").on(t.serverId), index("server_sources_page_idx").on(t.pageId)],
);

/** Every list page a crawl fetched: its validators for the next conditional request, and what a 304 stands for. */
export const sourcePages = pgTable(
  "source_pages",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    source: text("source").notNull(),
    url: text("url").notNull(),
    etag: text("etag"),
    lastModified: text("last_modified"),
    /** Where the page pointed next: a crawl answered 304 goes on from here without the body. */
    nextCursor: text("next_cursor"),
    /** Its records' highest updatedAt. */
    maxUpdatedAt: text("max_updated_at"),
    /**
     * The updated_since the source named for its next poll (an mcp-catalog feed's metadata.nextUpdatedSince): what a
     * 304 of the page names again, and, on a crawl's last page, the next watermark (crawler/plan/crawl.ts crawlCompletion).
     */
    nextUpdatedSince: text("next_updated_since"),
    records: integer("records").notNull().default(0),
    /** The last run that fetched the page (200 or 304): the records placed on it were listed then. */
    seenRunId: integer("seen_run_id").notNull(),
  },
  (t) => [uniqueIndex("source_pages_source_url_idx").on(t.source, t.url)],
);

/**
 * The detail page each record of a source was last read from (npm's manifest, PyPI's project JSON),
 * with the validators to ask it again conditionally, and what it showed: a record kept (its raw is in
 * server_sources) or why the record was skipped (npm: not a server). Kept apart from server_sources
 * because a skipped record has no row there, and asking its detail again conditionally saves as much.
 */
export const sourceDetails = pgTable(
  "source_details",
  {
    source: text("source").notNull(),
    sourceId: text("source_id").notNull(),
    /** The validators hold for this URL only (a mirror's ETags mean nothing to another registry). */
    url: text("url").notNull(),
    etag: text("etag"),
    lastModified: text("last_modified"),
    /** Why the detail showed the record is not one to keep; null when it was kept. */
    skipped: text("skipped"),
    /** The hash of what the list page said of the record: a 304 with the same list entry changes nothing. */
    listHash: text("list_hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.sourceId] })],
);

/**
 * Keys that identify a server: registry name, repository, package coordinates, remote URLs, directory ids. Each is
 * asserted by one source record (server_sources) and placed on that record's server: a record written again replaces
 * the aliases it asserts, so an identity it no longer claims stops naming its server.
 */
export const serverAliases = pgTable(
  "server_aliases",
  {
    kind: text("kind").notNull(),
    value: text("value").notNull(),
    serverId: integer("server_id")
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    /** The record of `source` that asserts the alias. */
    sourceId: text("source_id").notNull(),
  },
  (t) => [
    // A record is on one server; a monorepo's repository alias, asserted by records of several servers, is several rows.
    primaryKey({ columns: [t.source, t.sourceId, t.kind, t.value] }),
    index("server_aliases_server_idx").on(t.serverId),
    // Entity resolution looks aliases up by value (then filters the kind).
    index("server_aliases_value_idx").on(t.value),
  ],
);

/**
 * The categories each source record files its server under (a list's heading, a directory's tag),
 * replaced whenever that record changes; `observedAt` is when the source said so.
 */
export const serverCategories = pgTable(
  "server_categories",
  {
    source: text("source").notNull(),
    sourceId: text("source_id").notNull(),
    serverId: integer("server_id")
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    category: text("category").notNull(),
    observedAt: ts("observed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.source, t.sourceId, t.category] }), index("server_categories_server_idx").on(t.serverId)],
);

/**
 * How popular each source record says its server is, one row per metric (stars, weeklyDownloads,
 * downloads: never added across metrics), replaced whenever that record changes.
 */
export const serverPopularity = pgTable(
  "server_popularity",
  {
    source: text("source").notNull(),
    sourceId: text("source_id").notNull(),
    serverId: integer("server_id")
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    metric: text("metric").notNull(),
    value: bigint("value", { mode: "number" }).notNull(),
    observedAt: ts("observed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.source, t.sourceId, t.metric] }), index("server_popularity_server_idx").on(t.serverId)],
);

export const tools = pgTable(
  "tools",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    serverId: integer("server_id")
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    title: text("title"),
    description: text("description"),
    inputSchema: jsonb("input_schema"),
    annotations: jsonb("annotations"),
    contentHash: text("content_hash").notNull(),
    /** Where the current definition came from: live | glama | smithery; on a removed tool, the list that dropped it, or unlistable (no live listing of its server can be repeated). */
    origin: text("origin").notNull(),
    firstSeenAt: ts("first_seen_at").notNull().defaultNow(),
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    removedAt: ts("removed_at"),
  },
  (t) => [
    uniqueIndex("tools_server_name_idx").on(t.serverId, t.name),
    // `risk NAME` looks tools up by case-insensitive name across every server.
    index("tools_name_lower_idx").on(sql`lower(${t.name})`),
    // …and its lookalikes: names that read the same once Unicode-normalized and case-folded ("café" in NFC and in NFD).
    index("tools_name_folded_idx").on(sql`lower(normalize(${t.name}, NFKC))`),
    index("tools_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
  ],
);

/**
 * The definition a tool had before a list a higher one outranks (a directory's copy) brought it back from removed or
 * changed it in run `run_id`: a higher list of the same run that takes the add or change back restores this (the
 * directory's write overwrote it). A tool keeps one row, the first of its latest such run's; a run reads only its own.
 */
export const overwrittenDefinitions = pgTable("overwritten_definitions", {
  toolId: integer("tool_id")
    .primaryKey()
    .references(() => tools.id, { onDelete: "cascade" }),
  runId: integer("run_id").notNull(),
  title: text("title"),
  description: text("description"),
  inputSchema: jsonb("input_schema"),
  annotations: jsonb("annotations"),
  contentHash: text("content_hash").notNull(),
  lastSeenAt: ts("last_seen_at").notNull(),
});

export const toolChanges = pgTable(
  "tool_changes",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    serverId: integer("server_id")
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    toolName: text("tool_name").notNull(),
    /** added | removed | description_changed | schema_changed | annotations_changed */
    kind: text("kind").notNull(),
    oldHash: text("old_hash"),
    newHash: text("new_hash"),
    details: jsonb("details"),
    runId: integer("run_id"),
    at: ts("at").notNull().defaultNow(),
    /**
     * The tool's category right after the change: the classification of the definition it left (new_hash),
     * written when that definition is classified, or with the change when the tool's stored classification is
     * already of it (a tool listed again unchanged), so a change is labelled by what the tool was then, not by
     * what it is now. Null until then, after a removal, and for a definition replaced before it was classified.
     */
    category: text("category"),
  },
  (t) => [
    index("tool_changes_server_at_idx").on(t.serverId, t.at),
    index("tool_changes_at_idx").on(t.at),
    // A classified definition finds its tool's history rows, and a change the one before it, without reading the server's whole history.
    index("tool_changes_server_tool_idx").on(t.serverId, t.toolName),
  ],
);

export const classifications = pgTable(
  "classifications",
  {
    toolId: integer("tool_id")
      .primaryKey()
      .references(() => tools.id, { onDelete: "cascade" }),
    classifierVersion: text("classifier_version").notNull(),
    /** The tool's content hash when it was classified: a changed tool is classified again. */
    contentHash: text("content_hash").notNull(),
    category: text("category").notNull(),
    risk: text("risk").notNull(),
    confidence: real("confidence").notNull(),
    signals: jsonb("signals").notNull(),
    rationale: text("rationale").notNull(),
    evidence: jsonb("evidence").notNull(),
    rule: jsonb("rule").notNull(),
    /** MCP's four hints as the classifier predicts them (null on rows of classifiers that predated them). */
    hints: jsonb("hints"),
    /** What its arguments say (classifier/argument-rules.ts ArgumentFindings): per-action classes, raw-language arguments; null when neither. */
    arguments: jsonb("arguments"),
    /** Its capability facets for toxic flows (classifier/facets.ts), so `stats` finds flows in SQL; null on rows written before they were stored. */
    facets: jsonb("facets"),
    /** rules | annotations | rules+model */
    method: text("method").notNull(),
    /** The model and prompt version whose verdict was applied (method rules+model); null otherwise. */
    reviewModel: text("review_model"),
    reviewPromptVersion: text("review_prompt_version"),
    classifiedAt: ts("classified_at").notNull().defaultNow(),
  },
  (t) => [
    index("classifications_category_risk_idx").on(t.category, t.risk),
    // A new classifier version finds the tools it must classify again without reading them all.
    index("classifications_version_idx").on(t.classifierVersion),
    // Rows stored before facets were are found (and classified again) without reading the others.
    index("classifications_facets_missing_idx").on(t.toolId).where(sql`${t.facets} is null`),
  ],
);

/**
 * The model review's answers, by (tool content hash, model, prompt version): a tool whose definition is
 * unchanged is never sent to the same model with the same prompt twice, whatever else is classified again.
 */
export const modelReviews = pgTable(
  "model_reviews",
  {
    contentHash: text("content_hash").notNull(),
    model: text("model").notNull(),
    promptVersion: text("prompt_version").notNull(),
    /** The verdict as the model gave it (classifier/review.ts reviewVerdictSchema), validated again when read. */
    verdict: jsonb("verdict").notNull(),
    /**
     * Why the verdict was refused when it was last applied (classifier/review.ts VerdictRejection), null when it was
     * taken. A refusal repeats for the same definition, so a tool whose answer was refused is not sent for review again.
     */
    rejected: text("rejected"),
    reviewedAt: ts("reviewed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.contentHash, t.model, t.promptVersion] })],
);

/**
 * Servers whose tools changed since they were last classified: written with the tools, in the same
 * transaction, and emptied by the classify stage, so a night with few changes classifies few servers.
 */
export const classifyQueue = pgTable("classify_queue", {
  serverId: integer("server_id")
    .primaryKey()
    .references(() => servers.id, { onDelete: "cascade" }),
});

/**
 * Hosts that answered a listing with 429: every worker of the fleet leaves them alone until `until`.
 * (Per-host concurrency across workers needs no table: it is a set of advisory locks.)
 */
export const hostBackoffs = pgTable("host_backoffs", {
  host: text("host").primaryKey(),
  until: ts("until").notNull(),
  reason: text("reason").notNull(),
});

export const crawlRuns = pgTable("crawl_runs", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  startedAt: ts("started_at").notNull().defaultNow(),
  finishedAt: ts("finished_at"),
  /** running | succeeded | failed */
  status: text("status").notNull(),
  options: jsonb("options").notNull(),
  /** Per source: requests, records, skipped, errors. */
  sources: jsonb("sources").notNull().default(sql`'{}'::jsonb`),
  /** added, updated, unchanged, removed. */
  servers: jsonb("servers").notNull().default(sql`'{}'::jsonb`),
  tools: jsonb("tools").notNull().default(sql`'{}'::jsonb`),
  /** One line per failure, for a person. */
  error: text("error"),
  /** The same failures typed: stage, source, kind, page, url, status, code (crawler/failure.ts). */
  failures: jsonb("failures").notNull().default(sql`'[]'::jsonb`),
});

/** Each source's position: the watermark of the last complete crawl and the checkpoint of one under way. */
export const sourceState = pgTable("source_state", {
  source: text("source").primaryKey(),
  /** The next run's updated_since: the last complete crawl's highest updatedAt, or its feed's nextUpdatedSince (crawler/plan/crawl.ts crawlCompletion). */
  watermark: text("watermark"),
  /** Checkpoint of a crawl under way: the next page to fetch. Null when none is under way. */
  cursor: text("cursor"),
  /**
   * The list page the cursor is, 1-based within the crawl under way: a resumed crawl numbers its pages
   * on from it, so a failure names the page it stopped on. Null with the cursor, or on a checkpoint
   * written before pages were numbered.
   */
  cursorPage: integer("cursor_page"),
  /** full | incremental: the kind of crawl the cursor belongs to. */
  mode: text("mode"),
  /** The highest updatedAt seen by the crawl under way. */
  pendingWatermark: text("pending_watermark"),
  crawlStartedAt: ts("crawl_started_at"),
  /** The run that started the crawl under way: pages seen since belong to it. */
  crawlRunId: integer("crawl_run_id"),
  /** The crawl under way derives every record again (identityRulesVersion is not this release's): only such a crawl resumes as one. */
  crawlRederives: boolean("crawl_rederives").notNull().default(false),
  /** The run that started the last complete full crawl: a record is still listed if its page was seen since. */
  fullRunId: integer("full_run_id"),
  lastCompletedAt: ts("last_completed_at"),
  lastRunId: integer("last_run_id"),
  /**
   * The version of the identity rules (crawler/normalize.ts IDENTITY_RULES_VERSION) the source's records were last all
   * derived by: a complete full crawl sets it. Null or older, the next crawl derives every record again (crawler/plan/crawl.ts).
   */
  identityRulesVersion: integer("identity_rules_version"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export type ServerRow = typeof servers.$inferSelect;
export type NewServerRow = typeof servers.$inferInsert;
export type ToolRow = typeof tools.$inferSelect;
export type ClassificationRow = typeof classifications.$inferSelect;
export type CrawlRunRow = typeof crawlRuns.$inferSelect;
export type SourceStateRow = typeof sourceState.$inferSelect;
export type SourcePageRow = typeof sourcePages.$inferSelect;
