// The same server from two sources is one, however each writes its repository; two servers stay two. On GitLab,
// projects sit in nested groups and a folder link reads `/-/tree/<branch>/<path>`; a folder with a space or an
// accent is written as is by one source and percent-encoded in another's link; a directory may link a folder's README.
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
      // Two projects of one subgroup.
      pulseServer("alpha", "https://gitlab.com/acme/ai/alpha-mcp"),
      pulseServer("beta", "https://gitlab.com/acme/ai/beta-mcp"),
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

  test("each project and each folder is its own server; a folder two sources list is one, however its link is encoded", async () => {
    const rows = await queryRows<{ key: string; sources: string }>(
      t.catalog.db,
      sql`select s.key, string_agg(distinct ss.source, ',' order by ss.source) as sources from servers s join server_sources ss on ss.server_id = s.id group by s.key order by s.key`,
    );
    expect(rows).toEqual([
      { key: "github.com/acme/scripts#servers/weather.py", sources: "pulsemcp" },
      { key: "gitlab.com/acme/ai/alpha-mcp", sources: "pulsemcp" },
      { key: "gitlab.com/acme/ai/beta-mcp", sources: "pulsemcp" },
      { key: "gitlab.com/acme/platform/tools#servers/wiki", sources: "pulsemcp" },
      { key: "io.github.acme/cafe", sources: "pulsemcp,registry" },
      { key: "io.github.acme/docs", sources: "pulsemcp,registry" },
      { key: "io.github.acme/solo", sources: "pulsemcp,registry" },
      { key: "io.github.acme/spaced", sources: "pulsemcp,registry" },
      { key: "io.gitlab.acme/tickets", sources: "pulsemcp,registry" },
    ]);
  });
});
