// `risk NAME --server S --all`: --all means what it means without --server, every lookalike and not only the riskiest
// 20, here those of that one server (a server may hold dozens of names that read alike once Unicode-normalized).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SERVE_DEFAULTS } from "../server/defaults.js";
import { DRIVERS } from "./helpers/catalog.js";
import { emptyCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";

/** Every spelling of "abc" in ASCII and fullwidth letters, each case: 64 names, 56 of them lookalikes of "abc" (a fullwidth letter). */
const SPELLINGS = ["a", "A", "\uff41", "\uff21"].flatMap((x) => ["b", "B", "\uff42", "\uff22"].flatMap((y) => ["c", "C", "\uff43", "\uff23"].map((z) => x + y + z)));

describe.each(DRIVERS)("risk --server S --all (%s)", (driver) => {
  let cat: CliCatalog;

  beforeAll(async () => {
    cat = await emptyCliCatalog(driver);
    const db = (await cat.held()).db;
    await db.execute(sql`insert into servers (key, canonical_source, canonical_rank, content_hash) values ('example.com/one', 'test:1', 1, 'h'), ('example.com/two', 'test:2', 1, 'h2')`);
    await db.execute(sql`insert into tools (server_id, name, content_hash, origin)
      select s.id, n.name, md5(s.key || n.name), 'live' from servers s, jsonb_array_elements_text(${JSON.stringify(SPELLINGS)}::jsonb) n(name)`);
  });
  afterAll(async () => cat?.dispose());

  test("lists every lookalike on that server; without --all the riskiest 20 and a count of the rest", async () => {
    const ask = async (...flags: string[]) => {
      const r = await cat.cli(["risk", "abc", "--server", "example.com/one", ...flags]);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const top = JSON.parse(await ask("--json"));
    expect(top.lookalikes.total).toBe(56);
    expect(top.lookalikes.entries).toHaveLength(SERVE_DEFAULTS.nameEntries);
    const all = JSON.parse(await ask("--json", "--all"));
    expect(all.lookalikes.total).toBe(56);
    expect(all.lookalikes.entries).toHaveLength(56);
    expect(new Set(all.lookalikes.entries.map((e: { server: string }) => e.server))).toEqual(new Set(["example.com/one"]));
    expect(await ask()).toContain(`… and ${56 - SERVE_DEFAULTS.nameEntries} more lookalikes (--all lists every one)`);
    expect(await ask("--all")).not.toContain("more lookalike");
  });
});
