// A directory whose page says more pages follow but gives no way to reach them: the crawl is partial, so the
// source fails on that page and nothing it listed before is marked gone (a Glama replay on 127.0.0.1).
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DRIVERS } from "./helpers/catalog.js";
import { startLocalServer, type LocalServer } from "./helpers/local-server.js";
import { emptyCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";

const PER_PAGE = 2;
/** Enough servers that one left unreached is within the share a crawl may mark gone. */
const servers = Array.from({ length: 21 }, (_, i) => ({
  id: `srv${i}`,
  name: `Server ${i}`,
  namespace: "acme",
  slug: `server-${i}`,
  description: `Server number ${i}.`,
  url: `https://glama.ai/mcp/servers/acme/server-${i}`,
  repository: { url: `https://github.com/acme/server-${i}` },
  tools: [],
}));

type Summary = { status: string; failures: { kind: string; source?: string; page?: number }[]; sources: { glama: { pages: number; gone: number } }; servers: { removed: number } };

describe.each(DRIVERS)("a walk that cannot go on, on %s", (driver) => {
  let glama: LocalServer;
  let catalog: CliCatalog;
  /** The offset of the page that says hasNextPage without an endCursor (none: every page is whole). */
  let brokenAt: number | undefined;

  beforeAll(async () => {
    // Glama's relay pages, PER_PAGE servers each whatever `first` asks (the cursor is the next offset).
    glama = await startLocalServer((req: IncomingMessage, res: ServerResponse) => {
      const after = new URL(req.url ?? "/", "http://replay").searchParams.get("after");
      const start = after ? Number(after) : 0;
      const more = start + PER_PAGE < servers.length;
      const endCursor = more && start !== brokenAt ? String(start + PER_PAGE) : null;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ servers: servers.slice(start, start + PER_PAGE), pageInfo: { startCursor: String(start), endCursor, hasNextPage: more, hasPreviousPage: start > 0 } }));
    });
    catalog = await emptyCliCatalog(driver, { GLAMA_URL: glama.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
  });
  afterAll(async () => {
    await catalog?.dispose();
    await glama?.close();
  });

  const refresh = async () => {
    const r = await catalog.cli(["refresh", "--sources", "glama", "--no-classify", "--json"]);
    return { code: r.code, summary: JSON.parse(r.stdout) as Summary };
  };
  const active = async () => (JSON.parse((await catalog.cli(["stats", "--json"])).stdout) as { servers: { active: number; gone: number } }).servers;

  test("hasNextPage without an endCursor fails the source on that page; the servers after it stay", async () => {
    brokenAt = undefined;
    expect((await refresh()).summary.status).toBe("succeeded");
    expect(await active()).toMatchObject({ active: servers.length, gone: 0 });

    brokenAt = 18;
    const { code, summary } = await refresh();
    expect(code).toBe(1);
    expect(summary.status).toBe("failed");
    expect(summary.failures).toMatchObject([{ kind: "format", source: "glama", page: 10 }]);
    expect(summary.sources.glama.gone).toBe(0);
    expect(summary.servers.removed).toBe(0);
    expect(await active()).toMatchObject({ active: servers.length, gone: 0 });

    // Mended, the next run resumes at that page and completes the crawl.
    brokenAt = undefined;
    const mended = await refresh();
    expect(mended.summary.status).toBe("succeeded");
    expect(await active()).toMatchObject({ active: servers.length, gone: 0 });
  });
});
