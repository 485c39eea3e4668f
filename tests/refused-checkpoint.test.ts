// A crawl broken off mid-way leaves a checkpoint whose cursor the source no longer takes by the next run (a Glama
// replay on 127.0.0.1 whose cursors carry an epoch that changes): the next run starts the crawl over from the first
// page instead of failing on that cursor on every run for ever, `--full` included.
import type { IncomingMessage, ServerResponse } from "node:http";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DRIVERS } from "./helpers/catalog.js";
import { startLocalServer, type LocalServer } from "./helpers/local-server.js";
import { emptyCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";

const PER_PAGE = 2;
const servers = Array.from({ length: 7 }, (_, i) => ({
  id: `srv${i}`.padEnd(10, "0"),
  name: `Server ${i}`,
  namespace: "acme",
  slug: `server-${i}`,
  description: `Server number ${i}.`,
  url: `https://glama.ai/mcp/servers/acme/server-${i}`,
  repository: { url: `https://github.com/acme/server-${i}` },
  tools: [],
}));

type Summary = {
  status: string;
  failures: { kind: string; status?: number; page?: number }[];
  sources: { glama: { resumed: boolean; pages: number; requests: number; checkpointRefused?: string } };
};

describe.each(DRIVERS)("a checkpoint whose cursor the source refuses, on %s", (driver) => {
  let glama: LocalServer;
  let catalog: CliCatalog;
  /** Cursors are `epoch:offset`; one of another epoch is refused with 400, as an expired cursor is. */
  let epoch = 1;
  /** Pages from this offset answer 403 (a run broken off there); undefined: none. */
  let failFrom: number | undefined;

  beforeAll(async () => {
    glama = await startLocalServer((req: IncomingMessage, res: ServerResponse) => {
      const after = new URL(req.url ?? "/", "http://replay").searchParams.get("after");
      const [cursorEpoch, offset] = after ? after.split(":").map(Number) : [epoch, 0];
      if (cursorEpoch !== epoch) {
        res.writeHead(400, { "content-type": "application/json" }).end('{"error":{"code":"INVALID_CURSOR"}}');
        return;
      }
      if (failFrom !== undefined && offset! >= failFrom) {
        res.writeHead(403, { "content-type": "application/json" }).end('{"error":"forbidden"}');
        return;
      }
      const more = offset! + PER_PAGE < servers.length;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ servers: servers.slice(offset, offset! + PER_PAGE), pageInfo: { startCursor: `${epoch}:${offset}`, endCursor: more ? `${epoch}:${offset! + PER_PAGE}` : null, hasNextPage: more, hasPreviousPage: offset! > 0 } }));
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

  test("the next run starts the crawl over from the first page, and lists every server", async () => {
    failFrom = 4;
    const broken = await refresh();
    expect(broken.code).toBe(1);
    expect(broken.summary.failures).toMatchObject([{ kind: "status", status: 403, page: 3 }]);

    // By the next run the source's cursors have changed: the checkpoint's is refused.
    failFrom = undefined;
    epoch = 2;
    const before = glama.requests.length;
    const next = await refresh();
    expect(next.code).toBe(0);
    expect(next.summary.status).toBe("succeeded");
    expect(next.summary.sources.glama).toMatchObject({ resumed: false, pages: 4, requests: 5, checkpointRefused: expect.stringContaining("HTTP 400") });
    expect(glama.requests.slice(before)).toEqual([
      expect.stringContaining("after=1%3A4"),
      expect.not.stringContaining("after="),
      expect.stringContaining("after=2%3A2"),
      expect.stringContaining("after=2%3A4"),
      expect.stringContaining("after=2%3A6"),
    ]);
    const [count] = await catalog.rows<{ n: number }>(sql`select count(*)::int as n from servers where status = 'active'`);
    expect(count!.n).toBe(servers.length);

    // And the run after it resumes nothing: a plain full walk.
    const after = await refresh();
    expect(after.summary.sources.glama).toMatchObject({ resumed: false, pages: 4 });
    expect(after.summary.sources.glama.checkpointRefused).toBeUndefined();
  });
});
