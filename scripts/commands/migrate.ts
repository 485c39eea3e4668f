// `mcp-catalog migrate`: applies the committed migrations to the configured database.
import { migrateCatalog } from "../../db/client.js";
import { describeDbError, errorLine } from "../../db/errors.js";
import { CliError, type Command } from "../command.js";
import { loadConfig } from "../config.js";
import { throwIfNewer, withCatalog } from "../open-catalog.js";
import { debugOn } from "../switch.js";
import { safeText } from "../terminal.js";

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
          // Opened without migrating, a Postgres catalog meets an unreachable server here, at its first statement:
          // named as every other command names it, not as the bare socket error.
          const why = describeDbError(e, { debug: debugOn(io.env) }) ?? errorLine(e);
          throw new CliError(`cannot migrate the catalog at ${safeText(catalog.location)}: ${safeText(why)}`, 1);
        });
        io.stderr.write(`catalog schema is up to date (${catalog.driver}: ${catalog.location})\n`);
      },
      { migrate: false },
    );
    return 0;
  },
};
