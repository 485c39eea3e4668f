// HTTP as a client sees it, on the shipped snapshot: compression, ETags and caching on pages and the API alike, 405 with
// Allow, query parameters a route does not read, a search's two cursors, and the canonical URL of a page many URLs reach.
import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIVERS } from "../helpers/catalog.js";
import { serveCatalog, type ServedCatalog } from "../helpers/served-catalog.js";
import { snapshotCliCatalog } from "../helpers/snapshot-catalog.js";

const GITHUB = "io.github.github/github-mcp-server";
const enc = encodeURIComponent;

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

describe.each(DRIVERS)("HTTP on %s", (driver) => {
  let s: ServedCatalog;
  /** The bytes as sent, without fetch's decoding and with only the headers given (fetch adds Accept-Encoding). */
  const raw = (path: string, headers: Record<string, string> = {}, method = "GET") =>
    new Promise<Raw>((resolve, reject) => {
      const req = request(`${s.url}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
  const get = async (path: string, init?: RequestInit) => {
    const r = await fetch(`${s.url}${path}`, init);
    return { status: r.status, text: await r.text(), headers: r.headers };
  };

  beforeAll(async () => {
    s = await serveCatalog(await snapshotCliCatalog(driver));
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await s?.cli.dispose();
  });

  it("compresses pages, JSON and policies for a client that takes gzip, and says it varies by Accept-Encoding", async () => {
    for (const path of [`/servers/${enc(GITHUB)}`, "/", `/api/servers/${enc(GITHUB)}`, `/api/servers/${enc(GITHUB)}/policy?format=intercept`, "/assets/style.css", "/v0.1/servers"]) {
      const plain = await raw(path);
      const gzip = await raw(path, { "accept-encoding": "gzip, deflate, br" });
      expect(plain.headers["content-encoding"], path).toBeUndefined();
      expect(gzip.headers["content-encoding"], path).toBe("gzip");
      expect(gunzipSync(gzip.body).equals(plain.body), path).toBe(true);
      expect(gzip.body.length, path).toBeLessThan(plain.body.length / 2);
      for (const r of [plain, gzip]) expect(r.headers.vary, path).toMatch(/accept-encoding/i);
    }
    // The server's page: 129 KB as HTML, 10 KB sent.
    const page = await raw(`/servers/${enc(GITHUB)}`, { "accept-encoding": "gzip" });
    expect(page.body.length).toBeLessThan(30_000);
  });

  it("sends pages with an ETag and Cache-Control: no-cache, and answers 304 to a matching If-None-Match, per encoding", async () => {
    for (const path of ["/", `/servers/${enc(GITHUB)}`, `/servers/${enc(GITHUB)}/tools/delete_file`, "/tools/delete_file", "/search?q=file", "/api/tools?name=delete_file"]) {
      for (const encoding of [{}, { "accept-encoding": "gzip" }] as Record<string, string>[]) {
        const first = await raw(path, encoding);
        expect(first.status, path).toBe(200);
        const tag = first.headers.etag as string;
        expect(tag, path).toMatch(/^"[0-9a-f]+"$/);
        expect(first.headers["cache-control"], path).toBe("no-cache");
        const again = await raw(path, { ...encoding, "if-none-match": tag });
        expect(again.status, path).toBe(304);
        expect(again.body.length, path).toBe(0);
        expect(again.headers.etag, path).toBe(tag);
        expect(again.headers["cache-control"], path).toBe("no-cache");
      }
      // Each encoding is its own representation, with its own tag.
      expect((await raw(path)).headers.etag, path).not.toBe((await raw(path, { "accept-encoding": "gzip" })).headers.etag);
    }
  });

  it("links the script and stylesheet under names hashed from their bytes, kept for good; the unversioned names are revalidated", async () => {
    const home = (await raw("/")).body.toString();
    const style = /<link rel="stylesheet" href="(\/assets\/style\.[0-9a-f]{16}\.css)">/.exec(home)?.[1];
    const script = /<script src="(\/assets\/app\.[0-9a-f]{16}\.js)" defer><\/script>/.exec(home)?.[1];
    expect(style, "the page links a hashed stylesheet").toBeDefined();
    expect(script, "the page links a hashed script").toBeDefined();
    for (const [hashed, plain] of [[style!, "/assets/style.css"], [script!, "/assets/app.js"]] as const) {
      const kept = await raw(hashed);
      expect(kept.status, hashed).toBe(200);
      expect(kept.headers["cache-control"], hashed).toBe("public, max-age=31536000, immutable");
      const revalidated = await raw(plain);
      expect(revalidated.headers["cache-control"], plain).toBe("no-cache");
      expect(revalidated.headers["content-type"], plain).toBe(kept.headers["content-type"]);
      expect(revalidated.body.equals(kept.body), plain).toBe(true);
      // The name is the bytes': another hash names nothing.
      expect((await raw(hashed.replace(/\.[0-9a-f]{16}\./, ".0000000000000000."))).status, hashed).toBe(404);
    }
  });

  it("answers HEAD with GET's headers, compression and ETag included, and no body, so a conditional GET after a HEAD matches", async () => {
    // Headers of the connection and the framing, not of the representation: a HEAD has no body to frame.
    const representation = (r: Raw) =>
      Object.fromEntries(Object.entries(r.headers).filter(([name]) => !["date", "connection", "keep-alive", "transfer-encoding", "content-length"].includes(name)));
    for (const path of ["/", `/servers/${enc(GITHUB)}`, "/api/tools?name=delete_file", `/api/servers/${enc(GITHUB)}`, "/v0.1/servers", "/assets/style.css"]) {
      for (const encoding of [{}, { "accept-encoding": "gzip" }, { "accept-encoding": "deflate" }] as Record<string, string>[]) {
        const get = await raw(path, encoding);
        const head = await raw(path, encoding, "HEAD");
        const what = `${path} ${JSON.stringify(encoding)}`;
        expect(head.status, what).toBe(200);
        expect(head.body.length, what).toBe(0);
        expect(representation(head), what).toEqual(representation(get));
        const revalidated = await raw(path, { ...encoding, "if-none-match": head.headers.etag as string });
        expect(revalidated.status, what).toBe(304);
      }
    }
    // The request log says what the client sent.
    expect(s.log.some((line) => line.startsWith("HEAD /assets/style.css 200 "))).toBe(true);
  });

  it("answers a method the catalog does not take with 405 and Allow where the path exists, OPTIONS with Allow", async () => {
    for (const [method, path] of [
      ["POST", "/"],
      ["PUT", `/servers/${enc(GITHUB)}`],
      ["DELETE", `/servers/${enc(GITHUB)}/tools/delete_file`],
      ["POST", "/search?q=file"],
      ["PATCH", "/assets/style.css"],
      ["POST", `/servers/${GITHUB}`],
    ] as const) {
      const r = await get(path, { method });
      expect(r.status, `${method} ${path}`).toBe(405);
      expect(r.headers.get("allow"), `${method} ${path}`).toBe("GET, HEAD, OPTIONS");
      expect(r.headers.get("content-type"), `${method} ${path}`).toMatch(/^text\/html/);
      expect(r.text, `${method} ${path}`).toContain("Method not allowed");
    }
    for (const [method, path] of [
      ["DELETE", `/api/servers/${enc(GITHUB)}`],
      ["POST", "/api/tools"],
      ["PUT", "/v0.1/servers"],
    ] as const) {
      const r = await get(path, { method });
      expect(r.status, `${method} ${path}`).toBe(405);
      expect(r.headers.get("allow"), `${method} ${path}`).toBe("GET, HEAD, OPTIONS");
      expect(JSON.parse(r.text).error, `${method} ${path}`).toEqual({ status: 405, message: `${method} is not allowed on ${path.replace(/\?.*/, "")}: it answers GET, HEAD, OPTIONS` });
    }
    const options = await get("/", { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    // A path nothing answers stays a 404, whatever the method.
    for (const method of ["GET", "POST", "OPTIONS"]) expect((await get("/nothing/here", { method })).status, method).toBe(404);
    const head = await raw(`/servers/${enc(GITHUB)}`, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it("takes a parameter the route does not read however often it comes, and refuses one it reads given twice", async () => {
    const css = await get("/assets/style.css?v=1&v=2");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    for (const path of ["/?utm_source=a&utm_source=b", `/servers/${enc(GITHUB)}?ref=a&ref=b`, "/api/tools?name=delete_file&utm=a&utm=b", "/v0.1/servers?limit=1&x=1&x=2"]) {
      expect((await get(path)).status, path).toBe(200);
    }
    for (const [path, name] of [
      ["/search?q=a&q=b", "q"],
      ["/search?q=file&cursor=a&cursor=b", "cursor"],
      [`/servers/${enc(GITHUB)}?cursor=a&cursor=b`, "cursor"],
      ["/api/tools?category=read&category=write", "category"],
      ["/api/servers?q=git&limit=1&limit=2", "limit"],
    ] as const) {
      const r = await get(path);
      expect(r.status, path).toBe(400);
      expect(r.text, path).toContain(`${name}: given more than once`);
    }
  });

  it("reads each of a search's two cursors: a bad one is a 400, and both continue their own list", async () => {
    const first = await get("/search?q=github");
    const cursorOf = (param: string) => new RegExp(`href="/search\\?q=github&amp;${param}=([^"]+)"`).exec(first.text)![1]!;
    const [tools, servers] = [cursorOf("cursor"), cursorOf("serverCursor")];
    for (const path of [`/search?q=file&cursor=y&serverCursor=${servers}`, `/search?q=file&cursor=${tools}&serverCursor=x`, "/search?q=file&cursor=y&serverCursor=x"]) {
      const r = await get(path);
      expect(r.status, path).toBe(400);
      expect(r.text, path).toContain("cursor is not one this API issued");
    }
    const both = await get(`/search?q=github&cursor=${tools}&serverCursor=${servers}`);
    expect(both.status).toBe(200);
    expect(both.text).toContain("<h2>Servers</h2>");
    expect(both.text).toContain("<h2>Tools</h2>");
  });

  it("names the canonical URL on a server's and a tool's page that other URLs reach: a key in another case, a prefix, a repository URL", async () => {
    const canonical = `<link rel="canonical" href="/servers/${enc(GITHUB)}">`;
    for (const typed of [GITHUB, GITHUB.toUpperCase(), "io.github.github/github", "https://github.com/github/github-mcp-server"]) {
      const r = await get(`/servers/${enc(typed)}`);
      expect(r.status, typed).toBe(200);
      expect(r.text, typed).toContain(canonical);
      const tool = await get(`/servers/${enc(typed)}/tools/DELETE_FILE`);
      expect(tool.text, typed).toContain(`<link rel="canonical" href="/servers/${enc(GITHUB)}/tools/delete_file">`);
    }
  });
});
