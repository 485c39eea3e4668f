// The served catalog as one Hono app: request logs, security headers, the JSON API, the registry feed, MCP and the pages.
import { createHash } from "node:crypto";
import { createMcpHandler } from "@modelcontextprotocol/server";
import { Hono, type Context } from "hono";
import { except } from "hono/combine";
import { compress, COMPRESSIBLE_CONTENT_TYPE_REGEX } from "hono/compress";
import { cors } from "hono/cors";
import { etag, RETAINED_304_HEADERS } from "hono/etag";
import { secureHeaders } from "hono/secure-headers";
import type { Db } from "../db/client.js";
import { apiRoutes } from "./api.js";
import { feedRoutes } from "./feed.js";
import { catalogMcpServer } from "./mcp.js";
import { errorPage } from "./pages/render.js";
import { pageRoutes } from "./pages/routes.js";
import { asQueryTimeout, namePage, QueryTimeoutError, RequestError, shownName, type ServedError } from "./errors.js";
import type { ErrorBody } from "./views.js";
import { safeText } from "../scripts/terminal.js";
import { statsCache, type StatsCacheOptions } from "./stats-cache.js";
import { keptPerSnapshot } from "./snapshot-kept.js";
import { KeptPerServer } from "../scripts/kept-per-server.js";
import { currentVerdictCounts, type UncountedGroup, type VerdictCounts } from "../scripts/verdict-counts.js";
import { refuseUndecodable, refuseUnstorable } from "./validation.js";
import { ALLOWED_METHODS, getRouted } from "./allowed.js";

export interface AppOptions {
  db: Db;
  /** One line per request (method, path, status, time); omitted: no request log. */
  log?: (line: string) => void;
  /** Internal errors, with their stack, for the operator. */
  onError?: (error: unknown) => void;
  /** CATALOG_DEBUG: an MCP caller sees an internal error's own message. */
  debug?: boolean;
  /** The limit `db` cancels a query at (Catalog.reads), for the 503 that says so. */
  statementTimeoutMs?: number;
  /** How GET /api/stats's report is built and when it is kept (server/stats-cache.ts); by default `stats` under catalogSnapshot. */
  stats?: Pick<StatsCacheOptions, "build" | "snapshot">;
  /** How the home page's counts of tools by current verdict are made, kept per state of the catalog (server/snapshot-kept.ts); by default currentVerdictCounts, each server's figures kept for the next count while its tools and verdicts stay as they were. */
  verdictCounts?: (db: Db) => Promise<VerdictCounts>;
}

/** Every page and route may only load from this origin; no inline script or style (catalog text cannot run). */
const CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};

export function errorJson(c: Context, e: ServedError) {
  const body: ErrorBody = {
    error: {
      status: e.status,
      message: e.message,
      ...(e.status === 409
        ? { candidates: e.candidates.map((name) => ({ ...(typeof e.names === "object" ? { server: e.names.toolsOf, tool: name } : { server: name }), page: namePage(e.names, name) })), moreCandidates: e.moreCandidates }
        : {}),
      ...(e.status === 404 && e.candidates.length ? { suggestions: [...e.candidates] } : {}),
    },
  };
  return c.json(body, e.status);
}

/**
 * The ETag's SHA-1, the digest hono's default takes from WebCrypto, computed in this thread: WebCrypto
 * hands every body to the thread pool and back, a fifth of a warm API request's CPU (measured on
 * GET /api/tools?name=). The tags are the same bytes.
 */
function sha1(body: Uint8Array): ArrayBuffer {
  const digest = createHash("sha1").update(body).digest();
  return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength) as ArrayBuffer;
}

export function createApp(o: AppOptions) {
  const app = new Hono();
  if (o.log) {
    const log = o.log;
    app.use(async (c, next) => {
      const started = performance.now();
      // Read first: a HEAD is served as the GET it mirrors (below), and is logged as what the client sent.
      const method = c.req.method;
      await next();
      // The path is decoded: escaped, so a URL cannot write control characters or a forged line to the log.
      log(`${method} ${safeText(c.req.path)} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`);
    });
  }
  app.use(secureHeaders({ contentSecurityPolicy: CSP, crossOriginResourcePolicy: false }));
  for (const prefix of ["/api/*", "/v0.1/*"]) app.use(prefix, cors({ origin: "*", allowMethods: ["GET", "HEAD", "OPTIONS"], exposeHeaders: ["ETag", "Retry-After"] }));
  // Every answer but MCP's (its own protocol, and streams): compressed when the client takes gzip or deflate (Vary:
  // Accept-Encoding; a server's page of 129 KB is 10 KB in gzip), tagged with an ETag of the bytes sent (each encoding
  // its own) and answered 304 to a matching If-None-Match, and revalidated before each use (Cache-Control: no-cache)
  // unless the route says otherwise (the hashed assets are immutable, the icon keeps a day). A HEAD gets the same headers as the GET (Content-Encoding,
  // ETag, Vary…): hono runs the GET route for it and drops the body, but its compress middleware leaves a HEAD alone,
  // so the HEAD's ETag was the uncompressed bytes' and never matched the GET a client then sent with If-None-Match.
  app.use(
    except(
      "/mcp",
      async (c, next) => {
        if (c.req.method === "HEAD") c.req.raw = new Request(c.req.raw, { method: "GET" });
        await next();
      },
      // A 304 keeps only the headers listed here: without the CORS ones, a script on another origin that
      // revalidates by hand (If-None-Match) is refused the answer, and its ETag with it.
      etag({ generateDigest: sha1, retainedHeaders: [...RETAINED_304_HEADERS, "access-control-allow-origin", "access-control-expose-headers"] }),
      compress({ contentTypeFilter: (type) => COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) || /^application\/yaml\b/i.test(type) }),
      async (c, next) => {
        await next();
        if (!c.res.headers.has("cache-control")) c.header("Cache-Control", "no-cache");
      },
    ),
  );
  // Every route, page and feed reads its parameters from here: one check keeps escapes that are not UTF-8, NULs and
  // lone surrogates out of every path and query. A repeat is refused where a route reads the parameter (validation.ts).
  // After the headers above, so its 400 carries them as every other answer does: the CSP and framing rules on a page,
  // CORS on the API (a script on another origin reads the message, not a network error), Cache-Control.
  app.use(async (c, next) => {
    refuseUndecodable(new URL(c.req.url));
    refuseUnstorable({ path: c.req.path, ...c.req.queries() });
    await next();
  });
  app.route("/api", apiRoutes(o.db, { stats: statsCache(o.db, o.stats) }));
  app.route("/v0.1", feedRoutes(o.db));
  // MCP over Streamable HTTP: the SDK serves each request with a fresh server (stateless; both protocol eras).
  const mcp = createMcpHandler(() => catalogMcpServer(o.db, { ...(o.onError ? { onError: o.onError } : {}), statementTimeoutMs: o.statementTimeoutMs, debug: o.debug ?? false }), { ...(o.onError ? { onerror: o.onError } : {}) });
  app.all("/mcp", (c) => mcp.fetch(c.req.raw));
  // The per-server figures of the last count, so a count after a write classifies only the servers it changed.
  const kept = new KeptPerServer<UncountedGroup[]>();
  const verdictCounts = o.verdictCounts ?? ((db: Db) => currentVerdictCounts(db, { kept }));
  app.route("/", pageRoutes(o.db, { verdictCounts: keptPerSnapshot<void, VerdictCounts>(o.db, () => verdictCounts(o.db)) }));

  // Programs get JSON errors; people get a page.
  const wantsJson = (c: Context) => /^\/(api|v0\.1|mcp)(\/|$)/.test(c.req.path);
  const answerError = (c: Context, e: ServedError) => {
    if (e instanceof QueryTimeoutError) c.header("Retry-After", String(e.retryAfterSeconds));
    return wantsJson(c) ? errorJson(c, e) : c.html(errorPage(e), e.status);
  };
  // A path a GET route takes answers GET, HEAD and OPTIONS; another method there is a 405 saying which (Allow).
  const routedForGet = getRouted(app);
  app.notFound((c) => {
    if (!["GET", "HEAD"].includes(c.req.method) && routedForGet(c.req.path)) {
      c.header("Allow", ALLOWED_METHODS);
      if (c.req.method === "OPTIONS") return c.body(null, 204);
      return answerError(c, new RequestError(405, `${shownName(c.req.method)} is not allowed on ${shownName(c.req.path)}: it answers ${ALLOWED_METHODS}`));
    }
    return answerError(c, new RequestError(404, `no route ${c.req.method} ${shownName(c.req.path)}`));
  });
  app.onError((e, c) => {
    if (e instanceof RequestError) return answerError(c, e);
    const timeout = asQueryTimeout(e, o.statementTimeoutMs);
    if (timeout) return answerError(c, timeout);
    o.onError?.(e);
    return wantsJson(c) ? c.json({ error: { status: 500, message: "internal error" } } satisfies ErrorBody, 500) : c.text("internal error", 500);
  });
  return app;
}
