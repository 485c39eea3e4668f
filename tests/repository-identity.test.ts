// The same server from two sources is one, however each writes its repository; two servers stay two. On GitLab,
// projects sit in nested groups and a folder link reads `/-/tree/<branch>/<path>`; a folder with a space or an
// accent is written as is by one source and percent-encoded in another's link; a directory may link a folder's README.
// A catalog whose records were derived by older rules is, after the next refresh, the catalog these rules build.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HttpClient } from "../crawler/http.js";
import { refresh, type RefreshSummary } from "../crawler/refresh.js";
import { pulsemcpSource } from "../crawler/sources/pulsemcp.js";
import { registrySource } from "../crawler/sources/registry.js";
import type { Db } from "../db/client.js";
import { queryRows } from "../db/sql.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";
import { testHttpClient } from "./helpers/http.js";
import { startPulseReplay, type PulseReplay, type PulseServer } from "./helpers/pulsemcp-replay.js";
import { registryItem, startRegistryReplay, type RegistryReplay } from "./helpers/registry-replay.js";

const pulseServer = (name: string, sourceCodeUrl: string): PulseServer => ({ name, url: `https://www.pulsemcp.com/servers/${name}`, source_code_url: sourceCodeUrl });

describe.each(DRIVERS)("repositories across sources on %s", (driver) => {
  let t: TestCatalog;
  let http: HttpClient;
  let registry: RegistryReplay;
  let pulse: PulseReplay;

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    http = testHttpClient();
    registry = await startRegistryReplay([
      // The registry names the folder apart from the URL; PulseMCP links the same folder.
      registryItem("io.gitlab.acme/tickets", { repository: { url: "https://gitlab.com/acme/platform/tools", source: "gitlab", subfolder: "servers/tickets" } }),
      registryItem("io.github.acme/spaced", { repository: { url: "https://github.com/acme/mono", source: "github", subfolder: "servers/my server" } }),
      registryItem("io.github.acme/cafe", { repository: { url: "https://github.com/acme/mono", source: "github", subfolder: "servers/Café" } }),
      registryItem("io.github.acme/docs", { repository: { url: "https://github.com/acme/mono", source: "github", subfolder: "servers/docs" } }),
      registryItem("io.github.acme/solo", { repository: { url: "https://github.com/acme/solo", source: "github" } }),
    ]);
    pulse = await startPulseReplay([
      // Two projects of one subgroup, on gitlab.com and on a GitLab of its own without `/-/` in the links.
      pulseServer("alpha", "https://gitlab.com/acme/ai/alpha-mcp"),
      pulseServer("beta", "https://gitlab.com/acme/ai/beta-mcp"),
      pulseServer("gamma", "https://gitlab.example.com/acme/ai/gamma-mcp"),
      pulseServer("delta", "https://gitlab.example.com/acme/ai/delta-mcp"),
      // Two folders of one project, and the registry's server by its folder link.
      pulseServer("wiki", "https://gitlab.com/acme/platform/tools/-/tree/main/servers/wiki"),
      pulseServer("tickets", "https://gitlab.com/acme/platform/tools/-/tree/main/servers/tickets"),
      // The registry's folders as a browser's address bar writes them, and as typed.
      pulseServer("spaced", "https://github.com/acme/mono/tree/main/servers/my%20server"),
      pulseServer("cafe", "https://github.com/acme/mono/tree/main/servers/Café"),
      // A folder's README, and the repository's own, name that folder and the repository.
      pulseServer("docs", "https://github.com/acme/mono/blob/main/servers/docs/README.md"),
      pulseServer("solo", "https://github.com/acme/solo/blob/main/readme.rst"),
      // Any other file is no folder of a server: it keeps its own path.
      pulseServer("weather", "https://github.com/acme/scripts/blob/main/servers/weather.py"),
    ]);
    const summary = await refresh(t.catalog, { sources: [registrySource(registry.url), pulsemcpSource({ baseUrl: pulse.url })], full: false, fetcherFor: () => http });
    expect(summary.status).toBe("succeeded");
  });
  afterAll(async () => {
    await http?.close();
    await Promise.all([registry?.close(), pulse?.close(), t?.dispose()]);
  });

  /** The servers records are on, with the sources of their records. */
  const listed = () =>
    queryRows<{ key: string; sources: string }>(
      t.catalog.db,
      sql`select s.key, string_agg(distinct ss.source, ',' order by ss.source) as sources from servers s join server_sources ss on ss.server_id = s.id group by s.key order by s.key`,
    );
  const built = [
    { key: "github.com/acme/scripts#servers/weather.py", sources: "pulsemcp" },
    { key: "gitlab.com/acme/ai/alpha-mcp", sources: "pulsemcp" },
    { key: "gitlab.com/acme/ai/beta-mcp", sources: "pulsemcp" },
    { key: "gitlab.com/acme/platform/tools#servers/wiki", sources: "pulsemcp" },
    { key: "gitlab.example.com/acme/ai/delta-mcp", sources: "pulsemcp" },
    { key: "gitlab.example.com/acme/ai/gamma-mcp", sources: "pulsemcp" },
    { key: "io.github.acme/cafe", sources: "pulsemcp,registry" },
    { key: "io.github.acme/docs", sources: "pulsemcp,registry" },
    { key: "io.github.acme/solo", sources: "pulsemcp,registry" },
    { key: "io.github.acme/spaced", sources: "pulsemcp,registry" },
    { key: "io.gitlab.acme/tickets", sources: "pulsemcp,registry" },
  ];

  test("each project and each folder is its own server; a folder two sources list is one, however its link is encoded", async () => {
    expect(await listed()).toEqual(built);
  });

  describe("a catalog built by the rules before these, after its next refresh", () => {
    let upgraded: RefreshSummary;
    let after: RefreshSummary;
    beforeAll(async () => {
      // What the release before left: subgroups cut at their group (gitlab.com's by an older one still), a link's
      // folder percent-encoded, a README link a folder of its own; aliases kept per server, as migration 0025 gives them
      // to each record of the server, and no identity rules recorded.
      const db = t.catalog.db;
      await asOlderRulesLeft(db, "gitlab.com/acme/ai", ["alpha", "beta"]);
      await asOlderRulesLeft(db, "gitlab.example.com/acme/ai", ["gamma", "delta"]);
      await asOlderRulesLeft(db, "github.com/acme/mono#servers/my%20server", ["spaced"]);
      await asOlderRulesLeft(db, "github.com/acme/mono#servers/caf%c3%a9", ["cafe"]);
      await asOlderRulesLeft(db, "github.com/acme/mono#servers/docs/readme.md", ["docs"]);
      await db.execute(sql`update source_state set identity_rules_version = null`);
      const sources = () => [registrySource(registry.url), pulsemcpSource({ baseUrl: pulse.url })];
      upgraded = await refresh(t.catalog, { sources: sources(), full: false, fetcherFor: () => http });
      after = await refresh(t.catalog, { sources: sources(), full: false, fetcherFor: () => http });
    });

    test("every server is where a fresh build puts it; those the old rules made are gone", async () => {
      expect(upgraded.status).toBe("succeeded");
      expect(await listed()).toEqual(built);
      const gone = await queryRows<{ key: string }>(t.catalog.db, sql`select key from servers where status = 'gone' order by key`);
      expect(gone.map((g) => g.key)).toEqual([
        "github.com/acme/mono#servers/caf%c3%a9",
        "github.com/acme/mono#servers/docs/readme.md",
        "github.com/acme/mono#servers/my%20server",
        "gitlab.com/acme/ai",
        "gitlab.example.com/acme/ai",
      ]);
      // No alias names a server by the old rules' forms, nor twice by one record.
      const stale = await queryRows<{ value: string }>(t.catalog.db, sql`select a.value from server_aliases a join servers s on s.id = a.server_id where s.status = 'gone'`);
      expect(stale).toEqual([]);
    });

    test("that refresh read every page whole and wrote every record again; the next one is as usual", () => {
      for (const name of ["registry", "pulsemcp"] as const) {
        expect(upgraded.sources[name]).toMatchObject({ mode: "full", notModified: 0, unchangedRecords: 0 });
        expect(after.sources[name]!.unchangedRecords).toBe(after.sources[name]!.records);
      }
      expect(upgraded.servers).toMatchObject({ removed: 5 });
      expect(after.servers).toMatchObject({ added: 0, updated: 0, removed: 0 });
    });
  });
});

/**
 * Puts the PulseMCP records of these entries on one server keyed `key`, as rules before these derived them: the
 * servers they were on are dropped when no record is left on them, and the records' aliases are the server's (its
 * repository key and the entries' ids), each given to every one of its records.
 */
async function asOlderRulesLeft(db: Db, key: string, names: string[]): Promise<void> {
  const ids = names.map((n) => `pulsemcp.com/servers/${n}`);
  const idList = sql.join(ids.map((id) => sql`${id}`), sql`, `);
  const [server] = await queryRows<{ id: number }>(
    db,
    sql`insert into servers (key, repository_key, canonical_source, canonical_rank, content_hash) values (${key}, ${key.split("#")[0]!}, ${`pulsemcp:${ids[0]}`}, 14, 'older rules') returning id`,
  );
  await db.execute(sql`update server_sources set server_id = ${server!.id} where source = 'pulsemcp' and source_id in (${idList})`);
  await db.execute(sql`delete from servers s where not exists (select 1 from server_sources ss where ss.server_id = s.id)`);
  await db.execute(sql`delete from server_aliases where source = 'pulsemcp' and source_id in (${idList})`);
  const values = [{ kind: "repo", value: key }, ...ids.map((value) => ({ kind: "pulsemcp", value }))];
  for (const sourceId of ids) {
    for (const a of values) {
      await db.execute(sql`insert into server_aliases (kind, value, server_id, source, source_id) values (${a.kind}, ${a.value}, ${server!.id}, 'pulsemcp', ${sourceId})`);
    }
  }
}
