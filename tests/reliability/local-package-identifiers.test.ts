// Catalog data names registry packages only: a registry item whose npm identifier is a local path (a directory, a
// tarball, a file: spec) is refused at the install boundary, recorded on its server, and nothing of it runs.
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { HttpClient } from "../../crawler/http.js";
import { introspectServers } from "../../crawler/introspect-stage.js";
import { refresh } from "../../crawler/refresh.js";
import { registrySource } from "../../crawler/sources/registry.js";
import { servers, tools } from "../../db/schema.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "../helpers/catalog.js";
import { testHttpClient } from "../helpers/http.js";
import { npmTarball } from "../helpers/npm-tarball.js";
import { OFFICIAL, startRegistryReplay, type RegistryItem, type RegistryReplay } from "../helpers/registry-replay.js";
import { scriptServer } from "../helpers/script-server.js";

const LIMITS = { connectTimeoutMs: 5_000, requestTimeoutMs: 5_000, totalTimeoutMs: 10_000, maxTools: 50, maxBytes: 1024 * 1024, maxPages: 5 };
// Nothing listens here: a name that did reach npm would fail at once instead of leaving the machine.
const DEAD_REGISTRY = "http://127.0.0.1:9/";

describe.each(DRIVERS)("a registry item naming a local path as its npm package, on %s", (driver) => {
  let t: TestCatalog;
  let registry: RegistryReplay;
  let http: HttpClient;
  let root: string;
  let marks: string;
  let summary: Awaited<ReturnType<typeof refresh>>;
  const identifiers: Record<string, string> = {};

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "local-identifiers-"));
    // The server writes here when it starts, as whichever user the sandbox runs it as.
    marks = join(root, "marks");
    await mkdir(marks);
    await chmod(root, 0o755);
    await chmod(marks, 0o777);
    const server = (name: string) =>
      scriptServer({ name, before: `require("fs").writeFileSync(${JSON.stringify(join(marks, name))}, "ran");`, tools: [{ name: "planted", inputSchema: { type: "object" } }] });
    const dir = join(root, "pkg");
    await mkdir(dir);
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "planted-dir", version: "1.0.0", bin: "server.js" }));
    await writeFile(join(dir, "server.js"), server("dir"), { mode: 0o755 });
    const tarball = join(root, "planted-1.0.0.tgz");
    await writeFile(tarball, npmTarball({ name: "planted", version: "1.0.0", bin: "server.js" }, { "server.js": server("tarball") }));
    Object.assign(identifiers, {
      "io.test/absolute-dir": dir,
      "io.test/relative-dir": relative(process.cwd(), dir),
      "io.test/file-spec": `file:${dir}`,
      "io.test/tarball": tarball,
      "io.test/tarball-name": "planted-1.0.0.tgz",
    });
    const at = "2025-11-01T00:00:00Z";
    const items = Object.entries(identifiers).map(
      ([name, identifier]): RegistryItem => ({
        server: { name, description: "local path", version: "1.0.0", packages: [{ registryType: "npm", identifier, transport: { type: "stdio" } }] },
        _meta: { [OFFICIAL]: { status: "active", publishedAt: at, updatedAt: at, isLatest: true } },
      }),
    );
    registry = await startRegistryReplay(items);
    http = testHttpClient({ maxAttempts: 1 });
    t = await openTestCatalog(driver);
    summary = await refresh(t.catalog, {
      sources: [registrySource(registry.url)],
      full: true,
      fetcherFor: () => http,
      introspect: (db, runId) =>
        introspectServers(db, runId, {
          modes: ["stdio"],
          limits: LIMITS,
          concurrency: 5,
          perHostConcurrency: 5,
          maxAgeHours: 0,
          fetch: http.fetch,
          sandbox: { memoryMb: 256, noNetwork: true },
          installTimeoutMs: 60_000,
          npmRegistryUrl: DEAD_REGISTRY,
        }),
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([http?.close(), registry?.close(), t?.dispose()]);
    await rm(root, { recursive: true, force: true });
  });

  test("each is refused as not an npm package name, recorded on its server, and nothing is installed, run or stored", async () => {
    expect(summary.introspection).toMatchObject({ attempted: 5, succeeded: 0, failed: 5, failures: { install: 5 } });
    for (const [key, identifier] of Object.entries(identifiers)) {
      const [row] = await t.catalog.db.select({ error: servers.introspectionError }).from(servers).where(eq(servers.key, key));
      expect(row!.error).toBe(`install: not an npm package name: ${JSON.stringify(identifier)}`);
    }
    expect(await readdir(marks)).toEqual([]);
    expect(await t.catalog.db.select({ name: tools.name }).from(tools)).toEqual([]);
  });
});
