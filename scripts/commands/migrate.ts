// `mcp-catalog migrate`: applies the committed migrations to the configured database.
import { migrateCatalog } from "../../db/client.js";
import type { Command } from "../command.js";
import { loadConfig } from "../config.js";
import { throwIfNewer, withCatalog } from "../open-catalog.js";

export const command: Command = {
  name: "migrate",
  summary: "Create or upgrade the catalog's database schema (also done automatically on first use)",
  usage: "",
  details: [
    "Exit codes: 0 the schema is current; 1 the catalog cannot be opened or a migration failed; 2 a newer",
    "mcp-catalog migrated it (it records schema migrations this one does not know: upgrade); 3 the embedded",
    "catalog is held by another process.",
  ].join("\n"),
  options: {},
  async run(_args, io) {
    const config = loadConfig(io.env, io.cwd);
    await withCatalog(
      io,
      config,
      async (catalog) => {
        await migrateCatalog(catalog).catch((e: unknown) => {
          throwIfNewer(e);
          throw e;
        });
        io.stderr.write(`catalog schema is up to date (${catalog.driver}: ${catalog.location})\n`);
      },
      { migrate: false },
    );
    return 0;
  },
};
