// Auth posture per remote, from a live listing: open, or needs auth and how it says so (401 with
// WWW-Authenticate, RFC 9728 protected-resource metadata, the authorization server it names); shown
// by `policy` and counted by `stats`. And re-listing when a server's own list asks for it (ttlMs).
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listRemoteTools } from "../crawler/mcp/remote.js";
import { relistAt, RELIST_BOUNDS } from "../crawler/listing.js";
import * as schema from "../db/schema.js";
import { createScratchDatabase, DRIVERS } from "./helpers/catalog.js";
import { cliSession, type CliSession } from "./helpers/cli.js";
import { startLocalServer, type LocalServer } from "./helpers/local-server.js";
import { startRegistryReplay, type RegistryReplay } from "./helpers/registry-replay.js";
import { migratedDataDir } from "./helpers/snapshot-catalog.js";
import { limits, startModernServer, startStreamableServer } from "./enumerate/servers.js";
import { registryItem, toolServer } from "./queue/helpers.js";
import { scratchBase } from "./helpers/templates.js";

/** A remote that refuses without credentials, the way the MCP authorization spec says, and serves its metadata. */
async function lockedServer(o: { metadata: boolean }): Promise<LocalServer> {
  const s: LocalServer = await startLocalServer((req, res) => {
    const base = s.url;
    if (req.url === "/.well-known/oauth-protected-resource/mcp" && o.metadata) {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ resource: `${base}/mcp`, authorization_servers: ["https://auth.example.com/"], scopes_supported: ["tools:read"] }));
      return;
    }
    if (req.url?.startsWith("/.well-known/")) return void res.writeHead(404).end();
    const challenge = o.metadata ? `Bearer realm="tools", resource_metadata="${base}/.well-known/oauth-protected-resource/mcp", scope="tools:read"` : 'Basic realm="intranet"';
    res.writeHead(401, { "www-authenticate": challenge, "content-type": "application/json" }).end('{"error":"unauthorized"}');
  });
  return s;
}

describe("how a remote says it needs auth", () => {
  const servers: LocalServer[] = [];
  afterAll(async () => Promise.all(servers.map((s) => s.close())));

  test("401 with a Bearer challenge naming protected-resource metadata: the authorization server is read from it", async () => {
    const s = await lockedServer({ metadata: true });
    servers.push(s);
    const e = await listRemoteTools({ url: `${s.url}/mcp`, type: "streamable-http" }, { limits }).catch((x: unknown) => x);
    expect(e).toMatchObject({
      reason: "auth",
      auth: { status: 401, scheme: "Bearer", realm: "tools", scope: "tools:read", resourceMetadataUrl: `${s.url}/.well-known/oauth-protected-resource/mcp`, authorizationServers: ["https://auth.example.com/"] },
    });
  });

  test("401 with a Basic challenge naming no metadata: needs auth, and nothing more is asked of the server", async () => {
    const s = await lockedServer({ metadata: false });
    servers.push(s);
    const e = await listRemoteTools({ url: `${s.url}/mcp`, type: "streamable-http" }, { limits }).catch((x: unknown) => x);
    expect((e as { auth: unknown }).auth).toEqual({ status: 401, scheme: "Basic", realm: "intranet" });
    expect(s.requests.filter((r) => r.startsWith("/.well-known/"))).toEqual([]);
  });

  test("metadata the challenge names but that cannot be read: needs auth, with the failure noted", async () => {
    const s: LocalServer = await startLocalServer((_req, res) => {
      res.writeHead(401, { "www-authenticate": `Bearer resource_metadata="${s.url}/.well-known/oauth-protected-resource/missing"` }).end();
    });
    servers.push(s);
    const e = await listRemoteTools({ url: `${s.url}/mcp`, type: "streamable-http" }, { limits }).catch((x: unknown) => x);
    expect(e).toMatchObject({ reason: "auth", auth: { status: 401, scheme: "Bearer", resourceMetadataUrl: `${s.url}/.well-known/oauth-protected-resource/missing` } });
    expect((e as { auth: { metadataError?: string; authorizationServers?: unknown } }).auth.metadataError).toBeTruthy();
    expect((e as { auth: { authorizationServers?: unknown } }).auth.authorizationServers).toBeUndefined();
  });

  test("a 2026-07-28 list's ttlMs comes back with the list", async () => {
    const s = await startModernServer();
    servers.push(s);
    const r = await listRemoteTools({ url: s.url, type: "streamable-http" }, { limits });
    expect(r.ttlMs).toBe(300_000);
  });

  test("re-listing time: the server's ttlMs within the floor and the ceiling; none without one", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(relistAt(now, undefined)).toBeNull();
    expect(relistAt(now, 2 * 3_600_000)).toBe("2026-01-01T02:00:00.000Z");
    expect(relistAt(now, 1_000)).toBe(new Date(now.getTime() + RELIST_BOUNDS.floorMs).toISOString());
    expect(relistAt(now, 365 * 24 * 3_600_000)).toBe(new Date(now.getTime() + RELIST_BOUNDS.ceilingMs).toISOString());
  });
});

describe.each(DRIVERS)("auth posture and ttl re-listing in the catalog on %s", (driver) => {
  let dir: string;
  let env: Record<string, string>;
  let registry: RegistryReplay;
  const servers: LocalServer[] = [];
  let modern: Awaited<ReturnType<typeof startModernServer>>;
  let database: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let cli: CliSession;

  beforeAll(async () => {
    dir = mkdtempSync(join(scratchBase(), "auth-posture-"));
    const open = await startStreamableServer(toolServer("open"));
    const locked = await lockedServer({ metadata: true });
    modern = await startModernServer();
    servers.push(open, locked, modern);
    registry = await startRegistryReplay([registryItem("io.test/open", `${open.url}/mcp`), registryItem("io.test/locked", `${locked.url}/mcp`), registryItem("io.test/modern", modern.url)]);
    if (driver === "postgres") database = await createScratchDatabase();
    env = { CATALOG_DATA_DIR: join(dir, "db"), ...(database ? { DATABASE_URL: database.url } : {}), REGISTRY_URL: registry.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1", CATALOG_INTROSPECT: "remote" };
    // The catalog exists before the first refresh: this file is about auth, not a first run's initdb.
    if (!database) await migratedDataDir(env.CATALOG_DATA_DIR!);
    // The first refresh and the commands of the tests below share the catalog held open: auth and re-listing are their
    // subject, not opening.
    cli = cliSession(env);
    const r = await cli.run(["refresh", "--sources", "registry", "--json"]);
    expect(r.code, r.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await cli?.close();
    await Promise.all(servers.map((s) => s.close()));
    await registry.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("stats counts the open remotes and those that need auth", async () => {
    const stats = JSON.parse((await cli.run(["stats", "--json"])).stdout);
    expect(stats.remotes).toEqual({ open: 2, needsAuth: 1 });
    expect((await cli.run(["stats"])).stdout).toMatch(/remotes\s+open 2, needs auth 1/);
  });

  test("policy says how a remote needs auth, and that an open one is open", async () => {
    const locked = await cli.run(["policy", "io.test/locked"]);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(/needs auth \(401 Bearer realm "tools", protected-resource metadata at http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp, authorization server https:\/\/auth\.example\.com\/\)/);
    const open = await cli.run(["policy", "io.test/open"]);
    expect(open.code).toBe(0);
    expect(open.stderr).toMatch(/io\.test\/open: remote open/);
  });

  test("a server whose list asked for a ttl is listed again once it has passed, not before", async () => {
    const lists = () => modern.log.filter((l) => l.method === "tools/list").length;
    const relistOf = async () =>
      (await cli.catalog()).db.select({ key: schema.servers.key, relistAt: schema.servers.relistAt }).from(schema.servers).orderBy(schema.servers.key);
    // The modern server's list says ttlMs 300000 (five minutes): under the floor, so it is due in an hour, not in the max-age rule's 20.
    const first = await relistOf();
    const due = first.find((r) => r.key === "io.test/modern")!.relistAt!;
    expect(Math.abs(Date.parse(due) - Date.now() - RELIST_BOUNDS.floorMs)).toBeLessThan(5 * 60_000);
    expect(first.find((r) => r.key === "io.test/open")!.relistAt).toBeNull();
    const before = lists();
    expect((await cli.run(["refresh", "--sources", "registry", "--json"])).code).toBe(0);
    expect(lists()).toBe(before);
    // Its time comes: the next refresh lists it again (and only it: the open one is within the max age).
    await (await cli.catalog()).db.update(schema.servers).set({ relistAt: new Date(Date.now() - 1_000).toISOString() }).where(eq(schema.servers.key, "io.test/modern"));
    const r = JSON.parse((await cli.run(["refresh", "--sources", "registry", "--json"])).stdout);
    expect(lists()).toBe(before + 2);
    expect(r.introspection.attempted).toBe(1);
  });
});
