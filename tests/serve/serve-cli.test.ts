// `mcp-catalog serve` as a process: arguments and settings, request logs and --quiet, a port in use, graceful SIGTERM,
// --refresh-every on PGlite (also stopped while its refresh lists a server live).
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { startGlamaReplay, type GlamaReplay } from "../helpers/glama-replay.js";
import { startHeldMcpServer, type HeldMcpServer } from "../helpers/held-mcp-server.js";
import { loadRegistrySample, registryItem, startRegistryReplay, type RegistryReplay } from "../helpers/registry-replay.js";
import { startServeProcess } from "../helpers/serve-process.js";
import { emptyCliCatalog, snapshotCliCatalog, type CliCatalog } from "../helpers/snapshot-catalog.js";

describe("serve arguments", () => {
  it.each([
    [["--port", "http"], "--port takes a port number"],
    [["--port", "70000"], "--port takes a port number"],
    [["--refresh-every", "soon"], "--refresh-every takes a duration"],
    [["--refresh-every", "0s"], "--refresh-every takes a duration"],
    [["--refresh-every", "366d"], "--refresh-every takes a duration like 90s, 30m, 12h or 1d, from 1s to 365d; got '366d'"],
    [["--host", " "], "--host must not be empty"],
    [["extra"], "serve takes 0 arguments"],
    [["--sources", "registry"], "--sources only applies with --refresh-every"],
    [["--refresh-every", "1h", "--sources", "nowhere"], "unknown source 'nowhere'"],
    [["--refresh-every", "1h", "--sources", "registry,,glama"], "--sources takes a comma-separated list of sources with no empty item"],
  ])("refuses %j with exit 2 before opening the catalog", async (args, message) => {
    const r = await runCli(["serve", ...args], { CATALOG_DATA_DIR: "/nonexistent/never-created" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it.each(["5s", "-1", "2147483648"])("refuses CATALOG_SERVE_STATEMENT_TIMEOUT_MS=%s with exit 2 before opening the catalog", async (value) => {
    const r = await runCli(["serve"], { CATALOG_DATA_DIR: "/nonexistent/never-created", CATALOG_SERVE_STATEMENT_TIMEOUT_MS: value });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("environment variable CATALOG_SERVE_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds up to 2147483647 (0: no limit)");
  });
});

describe("serve as a process on PGlite", () => {
  let catalog: CliCatalog;
  beforeAll(async () => {
    catalog = await snapshotCliCatalog("pglite");
  }, 300_000);
  afterAll(async () => catalog?.dispose());

  it("logs one line per request on stderr, and stops on SIGTERM with exit 0", async () => {
    const serve = await startServeProcess([], catalog.env);
    const r = await fetch(`${serve.url}/api/tools?name=delete_file`);
    expect(r.status).toBe(200);
    expect(((await r.json()) as any).items.length).toBeGreaterThan(0);
    expect(await serve.stop()).toBe(0);
    expect(serve.stderr()).toMatch(/^GET \/api\/tools 200 \d+\.\dms$/m);
    expect(serve.stderr()).toContain("mcp-catalog serve: stopped");
  });

  // One process for both: a --quiet server is what holds the catalog while the second is refused.
  it("--quiet leaves the request log out; a second serve and a reader exit 3 at once while it holds the embedded catalog, 1 on a port in use", async () => {
    const first = await startServeProcess(["--quiet"], catalog.env);
    expect((await fetch(`${first.url}/api/stats`)).status).toBe(200);
    const busy = await runCli(["serve", "--port", "0"], catalog.env);
    expect(busy.code).toBe(3);
    expect(busy.stderr).toContain("in use by process");
    expect(busy.stderr).toContain("(a server, which holds it until it is stopped)");
    // A reader does not wait its 60 s for a server that will not stop: it is refused at once.
    const started = Date.now();
    const reader = await runCli(["stats"], catalog.env);
    expect(reader.code).toBe(3);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(reader.stderr).toMatch(/serve.*\(a server, which holds it until it is stopped\); stop it first/);
    expect(await first.stop()).toBe(0);
    expect(first.stderr()).not.toContain("GET /api/stats");

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve()));
    const port = (blocker.address() as AddressInfo).port;
    const taken = await runCli(["serve", "--port", String(port)], catalog.env);
    blocker.close();
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain(`cannot listen on 127.0.0.1:${port}: the port is in use`);
  });
});

describe("serve --refresh-every on PGlite", () => {
  let registry: RegistryReplay;
  let glama: GlamaReplay;
  let catalog: CliCatalog;
  beforeAll(async () => {
    registry = await startRegistryReplay(loadRegistrySample());
    glama = await startGlamaReplay();
    catalog = await emptyCliCatalog("pglite", { REGISTRY_URL: registry.url, GLAMA_URL: glama.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
  }, 300_000);
  afterAll(async () => {
    await registry?.close();
    await glama?.close();
    await catalog?.dispose();
  });

  it("runs the refresh inside the serving process while pages keep answering", { timeout: 240_000 }, async () => {
    // Only the sources replayed here: the tests never reach the network.
    const serve = await startServeProcess(["--refresh-every", "1s", "--sources", "registry,glama", "--quiet"], catalog.env);
    expect(((await (await fetch(`${serve.url}/api/stats`)).json()) as any).servers.total).toBe(0);
    // Until the run reports, every request is answered (the refresh writes page by page in between).
    const deadline = Date.now() + 90_000;
    while (!/refresh #1 /.test(serve.stderr()) && Date.now() < deadline) {
      expect((await fetch(`${serve.url}/api/stats`)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const total = ((await (await fetch(`${serve.url}/api/stats`)).json()) as any).servers.total;
    expect(total).toBeGreaterThanOrEqual(new Set(loadRegistrySample().map((i) => i.server.name)).size);
    expect(await serve.stop()).toBe(0);
    expect(serve.stderr()).toMatch(/refresh #1 succeeded/);
    expect(registry.requests.some((r) => r.startsWith("/v0.1/servers"))).toBe(true);
  });
});

describe("serve --refresh-every stopped while its refresh lists a server", () => {
  let held: HeldMcpServer;
  let registry: RegistryReplay;
  let catalog: CliCatalog;
  beforeAll(async () => {
    held = await startHeldMcpServer({ era: "modern", hold: true });
    registry = await startRegistryReplay([registryItem("io.github.acme/held", { remotes: [{ type: "streamable-http", url: held.endpoint }] })]);
    catalog = await emptyCliCatalog("pglite", { REGISTRY_URL: registry.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1", CATALOG_INTROSPECT: "remote" });
  }, 300_000);
  afterAll(async () => {
    await registry?.close();
    await held?.close();
    await catalog?.dispose();
  });

  it("SIGTERM as the server's tools/list waits for its answer stops serve with exit 0, the run recorded as interrupted", { timeout: 120_000 }, async () => {
    const serve = await startServeProcess(["--refresh-every", "1s", "--sources", "registry", "--quiet"], catalog.env);
    await held.listing;
    expect(await serve.stop()).toBe(0);
    const stderr = serve.stderr();
    expect(stderr).toMatch(/^refresh #1 failed in /m);
    expect(stderr).toContain("refresh: run failed: the server is shutting down");
    expect(stderr).toContain("mcp-catalog serve: stopped");
    // No uncaught error's stack: the interrupt's reason once escaped as an unhandled rejection, exit code 1.
    expect(stderr).not.toMatch(/^\s+at /m);
    const stats = JSON.parse((await catalog.cli(["stats", "--json"])).stdout) as { lastRun: unknown };
    expect(stats.lastRun).toMatchObject({ status: "failed", failures: [{ stage: "run", kind: "aborted", message: "the server is shutting down" }] });
  });
});
