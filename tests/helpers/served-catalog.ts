// The served catalog for tests: the shipped snapshot refreshed by the CLI, opened and served on 127.0.0.1 by a real HTTP server.
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { openCatalog, type Catalog } from "../../db/client.js";
import { createApp, type AppOptions } from "../../server/app.js";
import { SERVE_DEFAULTS } from "../../server/defaults.js";
import type { DriverName } from "./catalog.js";
import { runCli } from "./cli.js";
import { glamaServer, startGlamaReplay, type GlamaServerFields } from "./glama-replay.js";
import { emptyCliCatalog, snapshotCliCatalog, type CliCatalog } from "./snapshot-catalog.js";

export interface ServedCatalog {
  url: string;
  catalog: Catalog;
  cli: CliCatalog;
  /** Request log lines the app wrote. */
  log: string[];
  close(): Promise<void>;
}

/**
 * Serves an already built catalog (its CLI env names where it lives) on an ephemeral port, as `serve` does: requests read
 * through the catalog's `reads`, under `statementTimeoutMs` (default serve's) on Postgres. `app` adds to the app's options.
 */
export async function serveCatalog(cli: CliCatalog, app: Pick<AppOptions, "stats" | "verdictCounts"> & { statementTimeoutMs?: number } = {}): Promise<ServedCatalog> {
  const { statementTimeoutMs = SERVE_DEFAULTS.statementTimeoutMs, ...options } = app;
  const catalog = await openCatalog({
    ...(cli.env.DATABASE_URL ? { databaseUrl: cli.env.DATABASE_URL } : {}),
    dataDir: cli.env.CATALOG_DATA_DIR ?? "unused",
    migrate: false,
    readStatementTimeoutMs: statementTimeoutMs,
  });
  const log: string[] = [];
  const served = createApp({
    ...options,
    db: catalog.reads.db,
    statementTimeoutMs: catalog.reads.statementTimeoutMs,
    log: (line) => log.push(line),
    onError: (e) => log.push(`error: ${(e as Error).stack}`),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: served.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    catalog,
    cli,
    log,
    async close() {
      if ("closeAllConnections" in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await catalog.close();
    },
  };
}

export async function servedSnapshot(driver: DriverName): Promise<ServedCatalog> {
  return servedOwning(await snapshotCliCatalog(driver));
}

/**
 * An empty catalog that `refresh --sources glama` filled from a local replay of Glama's API listing one server (`fields`,
 * as glamaServer completes them), served: the pages and API of a server whose tools a test chooses.
 */
export async function servedGlamaServer(driver: DriverName, fields: GlamaServerFields): Promise<ServedCatalog> {
  const replay = await startGlamaReplay({ servers: [glamaServer(fields)] });
  const cli = await emptyCliCatalog(driver, { GLAMA_URL: replay.url, CATALOG_ALLOW_PRIVATE_NETWORK: "1" });
  try {
    const refresh = await runCli(["refresh", "--sources", "glama", "--json"], cli.env);
    if (refresh.code !== 0) throw new Error(`refresh of the Glama replay exited ${refresh.code}: ${refresh.stderr}`);
  } catch (e) {
    await cli.dispose();
    throw e;
  } finally {
    await replay.close();
  }
  return servedOwning(cli);
}

/** Serves `cli`'s catalog; closing it disposes of the catalog too. */
async function servedOwning(cli: CliCatalog): Promise<ServedCatalog> {
  const served = await serveCatalog(cli);
  return {
    ...served,
    async close() {
      await served.close();
      await cli.dispose();
    },
  };
}
