// Servers on GitLab, where projects sit in nested groups and a folder link reads `/-/tree/<branch>/<path>`: two
// projects of one subgroup, or two folders of one project, stay two servers; the same one from two sources is one.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HttpClient } from "../crawler/http.js";
import { refresh } from "../crawler/refresh.js";
import { pulsemcpSource } from "../crawler/sources/pulsemcp.js";
import { registrySource } from "../crawler/sources/registry.js";
import { queryRows } from "../db/sql.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";
import { testHttpClient } from "./helpers/http.js";
import { startPulseReplay, type PulseReplay, type PulseServer } from "./helpers/pulsemcp-replay.js";
import { registryItem, startRegistryReplay, type RegistryReplay } from "./helpers/registry-replay.js";

const pulseServer = (name: string, sourceCodeUrl: string): PulseServer => ({ name, url: `https://www.pulsemcp.com/servers/${name}`, source_code_url: sourceCodeUrl });

describe.each(DRIVERS)("GitLab repositories on %s", (driver) => {
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
    ]);
    pulse = await startPulseReplay([
      // Two projects of one subgroup.
      pulseServer("alpha", "https://gitlab.com/acme/ai/alpha-mcp"),
      pulseServer("beta", "https://gitlab.com/acme/ai/beta-mcp"),
      // Two folders of one project, and the registry's server by its folder link.
      pulseServer("wiki", "https://gitlab.com/acme/platform/tools/-/tree/main/servers/wiki"),
      pulseServer("tickets", "https://gitlab.com/acme/platform/tools/-/tree/main/servers/tickets"),
    ]);
    const summary = await refresh(t.catalog, { sources: [registrySource(registry.url), pulsemcpSource({ baseUrl: pulse.url })], full: false, fetcherFor: () => http });
    expect(summary.status).toBe("succeeded");
  });
  afterAll(async () => {
    await http?.close();
    await Promise.all([registry?.close(), pulse?.close(), t?.dispose()]);
  });

  test("each project and each folder is its own server; a folder two sources list is one", async () => {
    const rows = await queryRows<{ key: string; sources: string }>(
      t.catalog.db,
      sql`select s.key, string_agg(distinct ss.source, ',' order by ss.source) as sources from servers s join server_sources ss on ss.server_id = s.id group by s.key order by s.key`,
    );
    expect(rows).toEqual([
      { key: "gitlab.com/acme/ai/alpha-mcp", sources: "pulsemcp" },
      { key: "gitlab.com/acme/ai/beta-mcp", sources: "pulsemcp" },
      { key: "gitlab.com/acme/platform/tools#servers/wiki", sources: "pulsemcp" },
      { key: "io.gitlab.acme/tickets", sources: "pulsemcp,registry" },
    ]);
  });
});
