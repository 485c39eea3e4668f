// A directory paged by offset (PulseMCP's offset, Smithery's page numbers) that deletes an entry while a walk is
// between its pages shifts the entries after it back: the walk misses a live server and still completes. Such a
// server must not go until complete walks in a row have missed it as often as the rule asks; one listed again starts
// over. Real-shaped replays on 127.0.0.1, the entry deleted right after the walk's first page is served.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { PageFetcher } from "../crawler/fetcher.js";
import type { HttpClient } from "../crawler/http.js";
import { walksBeforeGone } from "../crawler/plan/crawl.js";
import { DEFAULT_CRAWL_LIMITS } from "../crawler/plan/walk.js";
import type { SourceName } from "../crawler/records.js";
import { refresh, type RefreshSummary } from "../crawler/refresh.js";
import { pulsemcpSource } from "../crawler/sources/pulsemcp.js";
import { smitherySource } from "../crawler/sources/smithery.js";
import type { Source } from "../crawler/sources/source.js";
import { queryRows } from "../db/sql.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";
import { testHttpClient } from "./helpers/http.js";
import { startPulseReplay } from "./helpers/pulsemcp-replay.js";
import { startSmitheryReplay } from "./helpers/smithery-replay.js";

const PER_PAGE = 5;
const WALKS = DEFAULT_CRAWL_LIMITS.offsetMissesBeforeGone;

/** A directory replay whose list the test edits between and during walks. */
interface Directory {
  name: SourceName;
  /** The entries in listing order, as the replay serves them (edited in place). */
  list: unknown[];
  source: Source;
  /** The URL of the first list page (detail pages and later pages are not). */
  firstPage(url: string): boolean;
  close(): Promise<void>;
}

const directories: Record<string, () => Promise<Directory>> = {
  pulsemcp: async () => {
    const replay = await startPulseReplay();
    return {
      name: "pulsemcp",
      list: replay.servers,
      source: pulsemcpSource({ baseUrl: replay.url, pageSize: PER_PAGE }),
      firstPage: (url) => new URL(url).searchParams.get("offset") === "0",
      close: () => replay.close(),
    };
  },
  smithery: async () => {
    const replay = await startSmitheryReplay();
    return {
      name: "smithery",
      list: replay.data.list,
      source: smitherySource({ apiKey: "sk-test", baseUrl: replay.url, pageSize: PER_PAGE }),
      firstPage: (url) => new URL(url).pathname === "/servers" && new URL(url).searchParams.get("page") === "1",
      close: () => replay.close(),
    };
  },
};

describe.each(DRIVERS)("servers an offset-paged walk skips, on %s", (driver) => {
  let t: TestCatalog;
  let http: HttpClient;

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    http = testHttpClient();
  });
  afterAll(async () => {
    await http.close();
    await t.dispose();
  });

  describe.each(Object.keys(directories))("%s", (name) => {
    let dir: Directory;
    /** Run once, right after the next walk's first list page is fetched: what the directory does meanwhile. */
    let betweenPages: (() => void) | undefined;

    beforeAll(async () => {
      dir = await directories[name]!();
    });
    afterAll(() => dir.close());

    const fetcher: PageFetcher = {
      getJson: async (url, init) => {
        const page = await http.getJson(url, init);
        if (betweenPages && dir.firstPage(url)) {
          const during = betweenPages;
          betweenPages = undefined;
          during();
        }
        return page;
      },
    };
    const walk = async (): Promise<RefreshSummary> => {
      const summary = await refresh(t.catalog, { sources: [dir.source], full: false, fetcherFor: () => fetcher });
      expect(summary.status).toBe("succeeded");
      expect(betweenPages).toBeUndefined();
      return summary;
    };
    /** The id the source gives an entry: the record's id in server_sources. */
    const idOf = async (entry: unknown) => {
      const body = dir.name === "pulsemcp" ? { servers: [entry], total_count: 1 } : { servers: [entry], pagination: { currentPage: 1, totalPages: 1 } };
      return dir.source.parsePage(body).records[0]!.sourceId;
    };
    const statusOf = async (entry: unknown) =>
      (
        await queryRows<{ status: string }>(
          t.catalog.db,
          sql`select s.status from servers s join server_sources ss on ss.server_id = s.id where ss.source = ${dir.name} and ss.source_id = ${await idOf(entry)}`,
        )
      )[0]?.status;
    /** The entries a page holds that the source reads as servers (the replays mix in garbage). */
    const servers = async (entries: unknown[]) => {
      const out: unknown[] = [];
      for (const e of entries) if (await idOf(e).catch(() => undefined)) out.push(e);
      return out;
    };

    test("is kept through the walk that skips it, starts over when listed again, and a server truly deleted goes after the walks the rule asks", async () => {
      expect(walksBeforeGone(dir.name)).toBe(WALKS);
      expect(WALKS).toBeGreaterThan(1);
      expect((await walk()).sources[dir.name]).toMatchObject({ gone: 0, missing: 0 });

      // Deleted while the walk is between its first and second pages: the first entry of the second page moves onto
      // the first, already read, so the walk never sees it.
      const [deleted] = await servers(dir.list.slice(0, PER_PAGE));
      const skipped = dir.list[PER_PAGE];
      expect(await servers([skipped])).toHaveLength(1);
      betweenPages = () => dir.list.splice(dir.list.indexOf(deleted), 1);
      const shifted = await walk();
      expect(shifted.servers.removed).toBe(0);
      expect(shifted.sources[dir.name]).toMatchObject({ gone: 0, goneWithheld: 0, missing: 1 });
      expect(await statusOf(skipped)).toBe("active");
      expect(await statusOf(deleted)).toBe("active");

      // The skipped server is listed again: its count starts over. The deleted one is missed by every walk from now.
      for (let missed = 1; missed < WALKS; missed++) {
        const again = await walk();
        expect(again.servers.removed).toBe(0);
        expect(again.sources[dir.name]).toMatchObject({ gone: 0, missing: 1 });
        expect(await statusOf(skipped)).toBe("active");
        expect(await statusOf(deleted)).toBe("active");
      }

      // The same server skipped again the same way (an entry moved to the front puts it back first on the second
      // page, one deleted between the pages moves it off it): counted from one again, so kept, while the server
      // deleted for good has now been missed by as many walks as the rule asks, and goes.
      expect(dir.list.indexOf(skipped)).toBe(PER_PAGE - 1);
      const moved = dir.list.splice(PER_PAGE, 1)[0];
      dir.list.unshift(moved);
      const [alsoDeleted] = await servers(dir.list.slice(0, PER_PAGE).filter((e) => e !== moved));
      betweenPages = () => dir.list.splice(dir.list.indexOf(alsoDeleted), 1);
      const reskipped = await walk();
      expect(reskipped.servers.removed).toBe(1);
      expect(reskipped.sources[dir.name]).toMatchObject({ gone: 1, missing: 1 });
      expect(await statusOf(deleted)).toBe("gone");
      expect(await statusOf(skipped)).toBe("active");
      expect(await statusOf(alsoDeleted)).toBe("active");
    });
  });
});
