// One redirect policy for every MCP transport (issue 10, case 10): a POST follows a redirect only
// within its origin, the SSRF guard checks every hop, and a refusal by the guard reads "blocked",
// over SSE as over Streamable HTTP.
import { afterEach, describe, expect, it } from "vitest";
import { listRemoteTools } from "../../crawler/mcp/remote.js";
import { HttpError, type HttpClient } from "../../crawler/http.js";
import { testHttpClient } from "../helpers/http.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";
import { annotatedServer, limits, listingFailure, readBody, startRawLegacyServer, startSseServer, startStreamableServer } from "./servers.js";

const servers: LocalServer[] = [];
const clients: HttpClient[] = [];
const track = <T extends LocalServer>(s: T): T => (servers.push(s), s);
const http = (o: Parameters<typeof testHttpClient>[0] = {}) => {
  const c = testHttpClient({ maxAttempts: 1, ...o });
  clients.push(c);
  return c;
};
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Answers every request with `status` to `to(path)`, and records the bodies it was sent. */
async function redirector(status: number, to: (path: string) => string): Promise<LocalServer & { bodies: string[] }> {
  const bodies: string[] = [];
  const s = await startLocalServer(async (req, res) => {
    bodies.push(await readBody(req));
    res.writeHead(status, { location: to(req.url ?? "/") }).end();
  });
  return track({ ...s, bodies });
}

describe("the crawler's fetch", () => {
  it("refuses to follow a POST's redirect to another origin, and follows a GET's", async () => {
    const other = track(await startLocalServer(async (req, res) => void res.end(`${req.method} ${await readBody(req)}`)));
    const r = await redirector(307, (path) => `${other.url.replace("127.0.0.1", "localhost")}${path}`);
    const e = await http().fetch(`${r.url}/mcp`, { method: "POST", body: '{"secret":1}' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HttpError);
    expect(e).toMatchObject({ kind: "redirect", status: 307 });
    expect((e as Error).message).toMatch(/another origin/);
    expect(other.requests).toEqual([]);
    const ok = await http().fetch(`${r.url}/page`);
    expect(await ok.text()).toBe("GET ");
    expect(other.requests).toEqual(["/page"]);
  });
});

describe("Streamable HTTP", () => {
  it("the first server/discover POST does not follow a cross-origin 307: its body never reaches the other origin", async () => {
    const elsewhere = track(await startStreamableServer(annotatedServer));
    const r = await redirector(307, () => `${elsewhere.url.replace("127.0.0.1", "localhost")}/mcp`);
    const e = await listingFailure(listRemoteTools({ url: `${r.url}/mcp`, type: "streamable-http" }, { limits, fetch: http().fetch }));
    expect(e.reason).toBe("protocol");
    expect(e.message).toMatch(/another origin/);
    expect(elsewhere.requests).toEqual([]);
    expect(JSON.parse(r.bodies[0]!)).toMatchObject({ method: "server/discover" });
  });

  it("a same-origin 307 is followed with its method and body", async () => {
    const s = track(
      await startRawLegacyServer({
        takeOver: (_m, req, res) => (req.url === "/old" ? (res.writeHead(307, { location: "/mcp" }).end(), true) : false),
        toolsList: () => ({ tools: [{ name: "moved", inputSchema: { type: "object" } }] }),
      }),
    );
    const r = await listRemoteTools({ url: `${s.url}/old`, type: "streamable-http" }, { limits, fetch: http().fetch });
    expect(r.tools.map((t) => t.name)).toEqual(["moved"]);
    expect(s.methods).toContain("initialize");
  });

  it("a redirect to an address the guard refuses is blocked", async () => {
    const target = track(await startStreamableServer(annotatedServer));
    const r = await redirector(307, () => `http://localhost:${new URL(target.url).port}/mcp`);
    const e = await listingFailure(listRemoteTools({ url: `${r.url}/mcp`, type: "streamable-http" }, { limits, fetch: http({ allowPrivateNetwork: false, trustedHosts: ["127.0.0.1"] }).fetch }));
    // The guard is asked about the hop before the redirect policy: its refusal is what is recorded.
    expect(e.reason).toBe("blocked");
    expect(target.requests).toEqual([]);
  });
});

describe("HTTP+SSE", () => {
  it("an SSE remote refused by the SSRF guard is recorded as blocked, not protocol", async () => {
    const s = track(await startSseServer(annotatedServer));
    const e = await listingFailure(listRemoteTools({ url: `${s.url}/sse`, type: "sse" }, { limits, fetch: http({ allowPrivateNetwork: false }).fetch }));
    expect(e.reason).toBe("blocked");
    expect(e.message).toMatch(/refused/);
    expect(s.requests).toEqual([]);
  });

  it("the guard checks every hop of the SSE stream's GET: a redirect to a refused address is blocked", async () => {
    const s = track(await startSseServer(annotatedServer));
    const r = await redirector(302, () => `http://localhost:${new URL(s.url).port}/sse`);
    const e = await listingFailure(listRemoteTools({ url: `${r.url}/sse`, type: "sse" }, { limits, fetch: http({ allowPrivateNetwork: false, trustedHosts: ["127.0.0.1"] }).fetch }));
    expect(e.reason).toBe("blocked");
    expect(e.message).toMatch(/localhost/);
    expect(s.requests).toEqual([]);
  });

  it("an SSE stream's GET may follow a redirect to another origin, but its POSTs stay within the origin they were addressed to", async () => {
    const s = track(await startSseServer(annotatedServer));
    const r = await redirector(302, (path) => `${s.url}${path}`);
    const e = await listingFailure(listRemoteTools({ url: `${r.url.replace("127.0.0.1", "localhost")}/sse`, type: "sse" }, { limits, fetch: http().fetch }));
    expect(e.message).toMatch(/POST .* another origin/);
    expect(s.requests).toEqual(["/sse"]);
  });
});
