// Which methods a path answers, for a 405's Allow header and an OPTIONS answer: the catalog is read-only, so a path a GET
// route takes answers GET, HEAD (Hono answers it with GET's headers) and OPTIONS; /mcp answers for itself.
import type { Hono } from "hono";
import { PatternRouter } from "hono/router/pattern-router";

export const ALLOWED_METHODS = "GET, HEAD, OPTIONS";

/** Whether a path is one a GET route of `app` takes, its routes as they are now (call it once every route is added). */
export function getRouted(app: Hono): (path: string) => boolean {
  const router = new PatternRouter<true>();
  for (const route of app.routes) if (route.method === "GET") router.add("GET", route.path, true);
  return (path) => router.match("GET", path)[0].length > 0;
}
