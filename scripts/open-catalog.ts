// Opens the catalog the configuration names, turning driver failures into one clear line.
import { CatalogBusyError, openCatalog, redactUrl, type Catalog } from "../db/client.js";
import { CliError } from "./command.js";
import type { Config } from "./config.js";

export async function openConfiguredCatalog(config: Config, options: { migrate?: boolean } = {}): Promise<Catalog> {
  try {
    return await openCatalog({ ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), dataDir: config.dataDir, ...options });
  } catch (e) {
    if (e instanceof CatalogBusyError) throw new CliError(e.message, 3);
    const where = config.databaseUrl ? redactUrl(config.databaseUrl) : config.dataDir;
    throw new CliError(`cannot open the catalog at ${where}: ${(e as Error).message}`, 1);
  }
}

/** Opens the catalog, runs `fn`, and always closes it (an open PGlite keeps the process alive). */
export async function withCatalog<T>(config: Config, fn: (catalog: Catalog) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const catalog = await openConfiguredCatalog(config, options);
  try {
    return await fn(catalog);
  } finally {
    await catalog.close();
  }
}
