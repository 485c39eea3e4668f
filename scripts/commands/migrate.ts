// `mcp-catalog migrate`: applies the committed migrations to the configured database.
import { migrateCatalog } from "../../db/client.js";
import type { Command } from "../command.js";
import { loadConfig } from "../config.js";
import { withCatalog } from "../open-catalog.js";

export const command: Command = {
  name: "migrate",
  summary: "Create or upgrade the catalog's database schema (also done automatically on first use)",
  usage: "",
  options: {},
  async run(_args, io) {
    const config = loadConfig(io.env, io.cwd);
    await withCatalog(
      io,
      config,
      async (catalog) => {
        await migrateCatalog(catalog);
        io.stderr.write(`catalog schema is up to date (${catalog.driver}: ${catalog.location})\n`);
      },
      { migrate: false },
    );
    return 0;
  },
};
