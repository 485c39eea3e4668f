// A catalog as it is between an upgrade that bumps CLASSIFIER_VERSION and the refresh that stores its verdicts, for the
// measurements of what reading it costs (stale-name.ts, stale-stats.ts): their shared flags (--servers, --tools,
// --repeat, --driver) and the scratch catalog, on PGlite in a temporary directory or on Postgres (a scratch database,
// dropped after).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { CLASSIFIER_VERSION } from "../../../classifier/classify.js";
import { openCatalog, type Catalog } from "../../../db/client.js";
import { createScratchDatabase } from "../../../db/scratch.js";
import { FlagError, wholeFlag } from "../whole-flag.js";

/** The name every server's first tool has. */
export const NAME = "search";
const [, FAMILY, NUMBER] = /^(.+)-(\d+)$/.exec(CLASSIFIER_VERSION)!;
/** The classifier before this one: every stored verdict is its. */
export const OLDER = `${FAMILY}-${Number(NUMBER) - 1}`;

/** `servers` servers of `tools` tools each (the first named `search`), every verdict stored by OLDER. */
export async function fillStaleCatalog(catalog: Catalog, servers: number, tools: number): Promise<void> {
  const db = catalog.db;
  await db.execute(sql`insert into servers (key, description, canonical_source, canonical_rank, content_hash)
    select 'example.com/stale-' || lpad(i::text, 6, '0'), 'Keeps the records of team ' || i || '.', 'bench:' || i, 1, 'h' || i from generate_series(1, ${servers}::int) i`);
  await db.execute(sql`insert into tools (server_id, name, description, input_schema, content_hash, origin)
    select s.id,
      case when t = 1 then ${NAME} else (array['get', 'list', 'create', 'delete', 'update'])[1 + t % 5] || '_' || (array['record', 'file', 'issue', 'page'])[1 + t % 4] || '_' || t end,
      case when t = 1 then 'Searches the records by a query and returns the matches.'
        else initcap((array['get', 'list', 'create', 'delete', 'update'])[1 + t % 5]) || 's the ' || (array['record', 'file', 'issue', 'page'])[1 + t % 4] || ' ' || t || ' of the team.' end,
      '{"type": "object", "properties": {"query": {"type": "string", "description": "what to look for"}}}'::jsonb,
      md5(s.id || ':' || t), 'live'
    from servers s, generate_series(1, ${tools}::int) t`);
  await db.execute(sql`insert into classifications (tool_id, classifier_version, content_hash, category, risk, confidence, signals, rationale, evidence, rule, method)
    select t.id, ${OLDER}, t.content_hash, 'read', 'low', 0.5, '[]'::jsonb, 'an older verdict', '[]'::jsonb, '{"action": "allow"}'::jsonb, 'rules' from tools t`);
  await db.execute(sql`analyze`);
}

export interface StaleFlags {
  servers: number;
  tools: number;
  repeat: number;
  driver: "pglite" | "postgres";
}

/** The shared flags as parseArgs read them (strings), checked; a FlagError names the one that is wrong. */
export function staleFlags(values: { servers: string; tools: string; repeat: string; driver: string }): StaleFlags {
  if (values.driver !== "pglite" && values.driver !== "postgres") throw new FlagError(`--driver takes pglite or postgres; got ${JSON.stringify(values.driver)}`);
  if (values.driver === "postgres" && !process.env.DATABASE_URL) throw new FlagError("--driver postgres needs DATABASE_URL (a server where a scratch database may be created)");
  return { servers: wholeFlag("servers", values.servers, { min: 1 }), tools: wholeFlag("tools", values.tools, { min: 1 }), repeat: wholeFlag("repeat", values.repeat, { min: 1 }), driver: values.driver };
}

/** `f` on a scratch catalog of `flags`' driver filled by fillStaleCatalog, removed after; `name` names its directory and database. */
export async function withStaleCatalog<T>(flags: StaleFlags, name: string, f: (catalog: Catalog) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `mcp-catalog-${name}-`));
  const scratch = flags.driver === "postgres" ? await createScratchDatabase(process.env.DATABASE_URL!, `mcp_catalog_bench_${name.replace(/-/g, "_")}`) : undefined;
  const catalog = await openCatalog(scratch ? { databaseUrl: scratch.url, dataDir: "unused" } : { dataDir: join(dir, "catalog") });
  try {
    await fillStaleCatalog(catalog, flags.servers, flags.tools);
    return await f(catalog);
  } finally {
    await catalog.close();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
