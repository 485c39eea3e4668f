// The serving defaults and the lookup limits, in one table: the CLI's flags and commands, the routes and the MCP tools read them from here.
import { MAX_TOOL_NAME_BYTES } from "../classifier/tool.js";

export const SERVE_DEFAULTS = {
  port: 8080,
  host: "127.0.0.1",
  /** Items per page of a list route when `limit` is not given, and the most it may ask. */
  pageSize: 20,
  maxPageSize: 100,
  /** `search --limit`: results when not given, and the most it may ask. */
  searchLimit: 20,
  maxSearchLimit: 1000,
  /** `changes --limit`: changes when not given, and the most it may ask. */
  changesLimit: 100,
  maxChangesLimit: 10_000,
  /**
   * How many entries a name held by many servers is answered with, the riskiest first (`risk NAME` without --all,
   * check_tool); the groups count them all. The name's page (/tools/NAME) lists more, having the room.
   */
  nameEntries: 20,
  namePageEntries: 100,
  /**
   * How many tools a server's page lists at once, in name order; a server with more is paged (`?cursor=`), and its
   * policy is linked in each dialect (/api/servers/SERVER/policy) rather than written out six times: 2,000 tools made
   * a 2 MB page, 1.7 MB of it the policies, and took seconds to render.
   */
  serverPageTools: 200,
  /** How many of its server's other tools a tool's page lists, the riskiest first (they were all listed: 313 KB a page at 2,000 tools). */
  otherTools: 50,
  /**
   * How many tools one page of a list filtered by category or risk reads at most while some stored verdicts are outdated
   * (between an upgrade that changes the classifier and the refresh that stores its verdicts): such tools are filtered on
   * the verdict made now, each one classified, so a page whose matches are rare stops here, shorter, and links the next.
   */
  filterReadTools: 500,
  /**
   * How many verdicts made now (a tool's stored verdict outdated, as above) a process keeps, by server and the definitions
   * of its tools (scripts/verdict-cache.ts), so a server is classified once, not again on each page or batch that reads it:
   * a verdict is about 1 KB, so at most some tens of MB, held only between an upgrade and its refresh.
   */
  verdictCacheTools: 20_000,
  /** The registry feed's page size (the official registry's own default and maximum). */
  feedPageSize: 30,
  maxFeedPageSize: 100,
  /** After SIGTERM, how long open connections get to finish before they are cut. */
  shutdownGraceMs: 5_000,
  /**
   * On Postgres, the longest one query of a request may run before the database cancels it and the request answers
   * 503 (CATALOG_SERVE_STATEMENT_TIMEOUT_MS; 0: no limit). The inputs that make a lookup slow are capped below; this
   * is the backstop for what no cap foresaw (a plan gone wrong, a lock held by a migration). At the benchmark's full
   * size (500,128 tools) on two cores loaded 25-30, a tool lookup over HTTP had p99 1,267 ms: this is about four times that.
   */
  statementTimeoutMs: 5_000,
  /**
   * That 503's Retry-After, in seconds: the same request may answer once the load or the lock that slowed it has
   * passed, and a client that retries at once only adds to the load.
   */
  timeoutRetryAfterSeconds: 5,
  /**
   * The longest search text (`search TEXT`, `q`, `query`, the feed's `search`), in characters. A search compares the
   * text with every tool's name and description, at a cost that grows with its length (100 KB held Postgres for 87 s
   * on 6,000 tools). A search is a name or a few words: MCP recommends tool names of at most 128 characters, and this
   * is twice that, longer than any name in the catalog or any phrase typed to find one. At this length a search of
   * those 6,000 tools took under 0.1 s on Postgres and 0.2 s on PGlite.
   */
  maxSearchChars: 256,
  /**
   * The longest tool or server name a lookup takes, in UTF-8 bytes (`risk NAME`, SERVER, `name`, `server`, `tool`):
   * the crawler stores no tool whose name is longer, so a longer one names nothing, and server keys (registry names,
   * repository paths, npm names, each at most a few hundred) are far shorter.
   */
  maxNameBytes: MAX_TOOL_NAME_BYTES,
} as const;
