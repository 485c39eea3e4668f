// Server search (key, title or description ILIKE '%text%': /api/servers?q=, /search, the home page's as-you-type box)
// and the feed's updated_since read a large catalog's servers by their indexes, not all of them, once a run has ended.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listServers, type ServerListOptions } from "../db/browse.js";
import type { Db } from "../db/client.js";
import { mergePendingIndexEntries } from "../db/runs.js";
import { catalogChanged } from "../db/servers.js";
import { queryRows } from "../db/sql.js";
import { DRIVERS } from "./helpers/catalog.js";
import { snapshotCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";

const SERVICES = "github slack notion figma stripe sentry linear asana trello dropbox zendesk hubspot shopify twilio okta datadog grafana airtable calendar gmail";

describe.each(DRIVERS)("listing servers on %s", (driver) => {
  let cli: CliCatalog;
  let db: Db;
  /** What merging found pending in the trigram indexes of the catalog as its refresh left it. */
  let pendingAfterRefresh: number;

  beforeAll(async () => {
    cli = await snapshotCliCatalog(driver);
    db = (await cli.held()).db;
    pendingAfterRefresh = await mergePendingIndexEntries(db);
    // Thousands of servers with the words of a real catalog, twenty services a twentieth of them each…
    await db.execute(sql`insert into servers (key, title, description, canonical_source, canonical_rank, content_hash, catalog_updated_at)
      select 'github.com/owner' || i || '/' || s || '-mcp', initcap(s) || ' MCP Server',
        'Connect AI assistants to ' || initcap(s) || ' to search, read and manage its ' || o || '.', 'test:' || i, 20, 'h', now() - interval '1 day'
      from generate_series(1, 8000) i,
        lateral (select (string_to_array(${SERVICES}, ' '))[1 + i % 20] as s, (array['issues', 'files', 'messages', 'tickets', 'records', 'events'])[1 + i % 6] as o) words`);
    // …and two of a service no other server names: a four-letter word, whose share only the statistics tell.
    await db.execute(sql`insert into servers (key, title, description, canonical_source, canonical_rank, content_hash)
      values ('github.com/acme/xero-books', null, 'Invoices and contacts in Xero.', 'test:x1', 20, 'h'),
        ('io.github.acme/ledger', 'XERO ledger', null, 'test:x2', 20, 'h')`);
    // What the end of a run does (the whole table analyzed: which tables analyzeChangedTables picks waits on Postgres's statistics).
    await mergePendingIndexEntries(db);
    await db.execute(sql`analyze servers`);
  }, 300_000);
  afterAll(() => cli?.dispose());

  /** The plan of listServers' query, as the API asks it (a page of five and one more). */
  const plan = async (o: Omit<ServerListOptions, "limit">) =>
    (await queryRows<{ "QUERY PLAN": string }>(db, sql`explain ${listServers(db, { ...o, limit: 6 }).getSQL()}`)).map((r) => r["QUERY PLAN"]).join("\n");

  it("a refresh leaves nothing pending beside the trigram indexes, which every search would read", () => {
    expect(pendingAfterRefresh).toBe(0);
  });

  it("finds a word few servers hold through the trigram indexes on key, title and description", async () => {
    const found = await listServers(db, { q: "xero", limit: 6 });
    expect(found.map((s) => s.key)).toEqual(["github.com/acme/xero-books", "io.github.acme/ledger"]);
    const read = await plan({ q: "xero" });
    for (const index of ["servers_key_trgm_idx", "servers_title_trgm_idx", "servers_description_trgm_idx"]) expect(read).toContain(`Bitmap Index Scan on ${index}`);
    // Not every server, in a scan or in key order.
    expect(read).not.toMatch(/Seq Scan on servers|servers_key_idx/);
  });

  it("reads the servers a mirror has not seen by their catalog_updated_at", async () => {
    const [from] = await queryRows<{ at: string }>(db, sql`select to_json(now())#>>'{}' as at`);
    const few = await queryRows<{ id: number }>(db, sql`select id from servers order by id desc limit 2`);
    await catalogChanged(db, few.map((r) => Number(r.id)));
    expect(await listServers(db, { updatedSince: from!.at, limit: 6 })).toHaveLength(2);
    const read = await plan({ updatedSince: from!.at });
    expect(read).toContain("servers_catalog_updated_at_idx");
    expect(read).not.toMatch(/Seq Scan on servers|servers_key_idx/);
  });
});
