// The serving defaults, in one table: the CLI's flags and the routes read them from here.
export const SERVE_DEFAULTS = {
  port: 8080,
  host: "127.0.0.1",
  /** Items per page of a list route when `limit` is not given, and the most it may ask. */
  pageSize: 20,
  maxPageSize: 100,
  /** The registry feed's page size (the official registry's own default and maximum). */
  feedPageSize: 30,
  maxFeedPageSize: 100,
  /** After SIGTERM, how long open connections get to finish before they are cut. */
  shutdownGraceMs: 5_000,
} as const;
