// SSRF through the registry: remote URLs that point inside the network are refused before any
// connection, recorded on their server, and listed only when CATALOG_ALLOW_PRIVATE_NETWORK allows it.
// Names resolve through a stub resolver, never real DNS.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { eq } from "drizzle-orm";
import type { HttpClient } from "../../crawler/http.js";
import { introspectServers } from "../../crawler/introspect-stage.js";
import { refresh } from "../../crawler/refresh.js";
import { registrySource } from "../../crawler/sources/registry.js";
import { servers, tools } from "../../db/schema.js";
import { startStreamableServer } from "../enumerate/servers.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "../helpers/catalog.js";
import { testHttpClient } from "../helpers/http.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";
import { startRegistryReplay, type RegistryItem, type RegistryReplay } from "../helpers/registry-replay.js";
import { stubDns } from "../http/stub-dns.js";

function trapServer(): McpServer {
  const server = new McpServer({ name: "internal-admin", version: "1.0.0" });
  server.registerTool("read_secrets", { description: "Read the internal secrets store." }, async () => ({ content: [] }));
  return server;
}

function item(name: string, url: string): RegistryItem {
  const at = "2025-11-01T00:00:00Z";
  return {
    server: { name, description: "SSRF probe", version: "1.0.0", remotes: [{ type: "streamable-http", url }] },
    _meta: { "io.modelcontextprotocol.registry/official": { status: "active", publishedAt: at, updatedAt: at, isLatest: true } },
  } as RegistryItem;
}

describe.each(DRIVERS)("remote URLs from the registry on %s", (driver) => {
  let t: TestCatalog;
  let trap: LocalServer;
  let redirector: LocalServer;
  let registry: RegistryReplay;
  let probes: Record<string, string>;
  const dns = stubDns({ "registry.test": ["127.0.0.1"], "public.test": ["127.0.0.1"], "loopback.test": ["127.0.0.1"], "internal.test": ["10.1.2.3"] });
  const clients: HttpClient[] = [];
  // The registry itself and the redirecting "public" host are reached over loopback, so they are
  // trusted by name; everything a remote URL points at is checked, redirects included.
  const client = (allowPrivateNetwork: boolean) => {
    const c = testHttpClient({ allowPrivateNetwork, lookup: dns.lookup, trustedHosts: ["registry.test", "public.test"], maxAttempts: 1, connectTimeoutMs: 1_000 });
    clients.push(c);
    return c;
  };

  async function run(http: HttpClient) {
    return refresh(t.catalog, {
      sources: [registrySource(registry.url.replace("127.0.0.1", "registry.test"))],
      full: true,
      fetcherFor: () => http,
      introspect: (db, runId) =>
        introspectServers(db, runId, {
          modes: ["remote"],
          limits: { connectTimeoutMs: 1_000, requestTimeoutMs: 1_000, totalTimeoutMs: 3_000, maxTools: 100, maxBytes: 1_000_000, maxPages: 5 },
          concurrency: 4,
          perHostConcurrency: 2,
          maxAgeHours: 0,
          fetch: http.fetch,
          sandbox: { memoryMb: 256, noNetwork: true },
          installTimeoutMs: 1_000,
        }),
    });
  }

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    trap = await startStreamableServer(trapServer);
    const trapPort = new URL(trap.url).port;
    redirector = await startLocalServer((_req, res) => void res.writeHead(307, { location: `http://127.0.0.1:${trapPort}/mcp` }).end());
    probes = {
      "io.test/loopback": `http://127.0.0.1:${trapPort}/mcp`,
      "io.test/private": "http://10.0.0.1/mcp",
      "io.test/metadata": "http://169.254.169.254/latest/meta-data/",
      "io.test/ipv6-loopback": `http://[::1]:${trapPort}/mcp`,
      "io.test/decimal": `http://2130706433:${trapPort}/mcp`,
      "io.test/hex": `http://0x7f000001:${trapPort}/mcp`,
      "io.test/dns-loopback": `http://loopback.test:${trapPort}/mcp`,
      "io.test/dns-private": "http://internal.test/mcp",
      "io.test/redirect": `http://public.test:${new URL(redirector.url).port}/mcp`,
    };
    registry = await startRegistryReplay(Object.entries(probes).map(([name, url]) => item(name, url)));
  });
  afterAll(async () => {
    await Promise.all([...clients.map((c) => c.close()), trap.close(), redirector.close(), registry.close()]);
    await t.dispose();
  });

  test("every one is refused before a connection, and the refusal is recorded on its server", async () => {
    const summary = await run(client(false));
    expect(summary.status).toBe("succeeded");
    expect(summary.introspection).toMatchObject({ attempted: 9, succeeded: 0, failed: 9, failures: { blocked: 9 } });
    expect(trap.requests).toEqual([]);
    expect(redirector.requests).toHaveLength(1); // the public hop is made; the redirect inward is not followed
    const rows = await t.catalog.db.select({ key: servers.key, error: servers.introspectionError }).from(servers);
    expect(rows.map((r) => r.key).sort()).toEqual(Object.keys(probes).sort());
    for (const r of rows) expect(r.error, r.key).toMatch(/^blocked: /);
    expect(await t.catalog.db.select().from(tools)).toEqual([]);
  });

  test("with the private network allowed, the loopback ones are listed", async () => {
    // Only loopback targets are probed with the guard off: the tests never send traffic elsewhere.
    const loopbackOnly = new Set(["io.test/loopback", "io.test/decimal", "io.test/hex", "io.test/dns-loopback"]);
    registry.items.forEach((i) => {
      if (!loopbackOnly.has(i.server.name)) (i._meta!["io.modelcontextprotocol.registry/official"] as Record<string, unknown>).status = "deleted";
    });
    const summary = await run(client(true));
    expect(summary.introspection).toMatchObject({ attempted: 4, succeeded: 4, failed: 0 });
    const [loopback] = await t.catalog.db.select({ id: servers.id, error: servers.introspectionError }).from(servers).where(eq(servers.key, "io.test/loopback"));
    expect(loopback!.error).toBeNull();
    const listed = await t.catalog.db.select({ name: tools.name }).from(tools).where(eq(tools.serverId, loopback!.id));
    expect(listed).toEqual([{ name: "read_secrets" }]);
  });
});
