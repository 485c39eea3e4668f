// Live listing's reads and writes on servers: which are due for a tools/list, and what the last one found.
import { and, eq, exists, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { CATALOG_CHANGED_AT, servers, serverSources, type NewServerRow } from "./schema.js";

/** How a live listing reaches a server: its remote, or its npm package installed and run over stdio. */
export type IntrospectMode = "remote" | "stdio";

export interface IntrospectionCandidate {
  id: number;
  key: string;
  description: string | null;
  /** The server record's hash: a listing job is keyed by server and this. */
  contentHash: string;
  remotes: { type: string; url: string; needsSecret?: boolean }[];
  packages: { registryType: string; identifier: string; version?: string; transport?: string }[];
}

/** What makes a server's row listable live in each of these modes: a remote without a secret header, an npm package. */
function listableBy(modes: readonly IntrospectMode[]) {
  return [
    ...(modes.includes("remote") ? [sql`${servers.remotes} @> '[{"needsSecret": false}]'::jsonb`] : []),
    ...(modes.includes("stdio") ? [sql`${servers.packages} @> '[{"registryType": "npm"}]'::jsonb`] : []),
  ];
}

/**
 * Servers (after `afterId`, in id order, at most `limit`) holding current live-listed tools whose listing cannot be
 * repeated: the mode that listed them (servers.listed_by) can no longer list the server (remote: no remote without a
 * secret header; stdio: no npm package), and neither can any of `keepModes` (the modes a run lists by, or the usual
 * ones, whose listing would replace them). A server listed before listed_by was recorded is held to any mode.
 */
export async function serversUnlistable(db: Db, o: { afterId: number; limit: number; keepModes: readonly IntrospectMode[] }): Promise<number[]> {
  const repeatable = or(
    and(eq(servers.listedBy, "remote"), ...listableBy(["remote"])),
    and(eq(servers.listedBy, "stdio"), ...listableBy(["stdio"])),
    and(isNull(servers.listedBy), or(...listableBy(["remote", "stdio"]))),
    ...listableBy(o.keepModes),
  );
  const rows = await db
    .select({ id: servers.id })
    .from(servers)
    .where(
      and(
        sql`${servers.id} > ${o.afterId}`,
        sql`not coalesce(${repeatable}, false)`,
        sql`exists (select 1 from tools t where t.server_id = ${servers.id} and t.origin = 'live' and t.removed_at is null)`,
      ),
    )
    .orderBy(servers.id)
    .limit(o.limit);
  return rows.map((r) => r.id);
}

/**
 * Servers (after `afterId`, in id order) due for a live tools/list: never introspected, changed since
 * their last listing (in this run or one that stopped before it listed them), past the re-listing time
 * their own list asked for (relist_at), or, without one, last introspected before `staleBefore`.
 * Deleted and gone servers are left alone. With `sources`, only servers one of those sources lists (has a record of):
 * a run restricted to some sources lists theirs, not the whole catalog's.
 */
export async function serversDueForIntrospection(
  db: Db,
  o: { afterId: number; limit: number; staleBefore: string; modes: IntrospectMode[]; sources?: readonly string[] },
): Promise<IntrospectionCandidate[]> {
  const reachable = listableBy(o.modes);
  if (reachable.length === 0) return [];
  const rows = await db
    .select({ id: servers.id, key: servers.key, description: servers.description, contentHash: servers.contentHash, remotes: servers.remotes, packages: servers.packages })
    .from(servers)
    .where(
      and(
        sql`${servers.id} > ${o.afterId}`,
        sql`${servers.status} in ('active', 'deprecated')`,
        or(...reachable),
        o.sources ? exists(db.select({ one: sql`1` }).from(serverSources).where(and(eq(serverSources.serverId, servers.id), inArray(serverSources.source, [...o.sources])))) : undefined,
        or(
          isNull(servers.introspectedAt),
          sql`${servers.introspectedHash} is distinct from ${servers.contentHash}`,
          sql`${servers.relistAt} <= now()`,
          and(isNull(servers.relistAt), sql`${servers.introspectedAt} < ${o.staleBefore}`),
        ),
      ),
    )
    .orderBy(servers.id)
    .limit(o.limit);
  return rows as IntrospectionCandidate[];
}

/**
 * What a live listing leaves on its server; the notes and the mode it listed by only from a listing that succeeded (a
 * failed one keeps the tools, and the notes, of the last that did), the auth fields only when the listing told (a remote answered or refused).
 */
export type IntrospectionOutcome = Pick<NewServerRow, "introspectionError" | "introspectionNotes" | "relistAt" | "authPosture" | "authDetails" | "listedBy">;

/**
 * Records the outcome of a live listing on the server: when, for which record, why it failed (null on success), what
 * a successful one noted, when it is due again, its auth posture. With `notListedSince`, only if no listing was recorded since then (an attempt
 * recorded late must not overwrite a later listing). Returns whether it was recorded.
 */
export async function recordIntrospection(
  db: Db,
  server: Pick<IntrospectionCandidate, "id" | "contentHash">,
  outcome: IntrospectionOutcome,
  o: { notListedSince?: string } = {},
): Promise<boolean> {
  const error = outcome.introspectionError ?? null;
  const notes = "introspectionNotes" in outcome ? (outcome.introspectionNotes ?? null) : undefined;
  // The feed shows the listing's error and notes: a new one, or none where there was one, is a change a mirror must see.
  const changed =
    notes === undefined
      ? sql`${servers.introspectionError} is distinct from ${error}::text`
      : sql`(${servers.introspectionError}, ${servers.introspectionNotes}) is distinct from (${error}::text, ${notes}::text)`;
  const rows = await db
    .update(servers)
    .set({
      introspectedAt: sql`now()`,
      introspectedHash: server.contentHash,
      introspectionError: error,
      ...(notes !== undefined ? { introspectionNotes: notes } : {}),
      catalogUpdatedAt: sql`case when ${changed} then ${CATALOG_CHANGED_AT} else ${servers.catalogUpdatedAt} end`,
      relistAt: outcome.relistAt ?? null,
      ...("authPosture" in outcome ? { authPosture: outcome.authPosture, authDetails: outcome.authDetails ?? null } : {}),
      ...(outcome.listedBy ? { listedBy: outcome.listedBy } : {}),
    })
    .where(
      o.notListedSince === undefined
        ? eq(servers.id, server.id)
        : and(eq(servers.id, server.id), or(isNull(servers.introspectedAt), lt(servers.introspectedAt, sql`${o.notListedSince}::timestamptz`))),
    )
    .returning({ id: servers.id });
  return rows.length > 0;
}
