// A tool name held by many servers, every stored verdict an older classifier's (between an upgrade and its refresh): a
// lookup of the name (`risk NAME`, `/tools/NAME`, `check_tool`) classified every holder, a whole server read for each,
// so `search` on thousands of servers made one request classify thousands of servers. It classifies the entries it
// shows, and says how many of the name's tools its groups count by their stored verdicts.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CLASSIFIER_VERSION } from "../classifier/classify.js";
import type { Db } from "../db/client.js";
import { queryRows } from "../db/sql.js";
import { serverToolHashes } from "../db/verdict-facts.js";
import { currentNameSummary } from "../scripts/current-lookups.js";
import { serverFingerprint, verdictCache } from "../scripts/verdict-cache.js";
import { createApp } from "../server/app.js";
import { toolNamePage } from "../server/pages/render.js";
import { toolItem } from "../server/views.js";
import { DRIVERS } from "./helpers/catalog.js";
import { emptyCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";

const [, FAMILY, NUMBER] = /^(.+)-(\d+)$/.exec(CLASSIFIER_VERSION)!;
const OLDER = `${FAMILY}-${Number(NUMBER) - 1}`;
const HOLDERS = 25;

describe.each(DRIVERS)(`a name on ${HOLDERS} servers whose verdicts an older classifier stored (%s)`, (driver) => {
  let cat: CliCatalog;
  let db: Db;
  /** How many of the holders' servers have verdicts made now kept in this process. */
  let classified: () => number;

  beforeAll(async () => {
    cat = await emptyCliCatalog(driver);
    db = (await cat.held()).db;
    // Each server: `search` (a read; the older classifier called it a write) beside two note tools. Its key names the
    // driver: the verdicts made are kept in the process, which the other driver's catalog shares.
    await db.execute(sql`insert into servers (key, canonical_source, canonical_rank, content_hash)
      select 'example.com/' || ${driver}::text || '/holder-' || lpad(i::text, 2, '0'), 'test:' || i, 1, 'h' || i from generate_series(1, ${HOLDERS}::int) i`);
    await db.execute(sql`insert into tools (server_id, name, description, content_hash, origin)
      select s.id, t.name, t.description, md5(s.id || t.name), 'live' from servers s, (values
        ('search', 'Searches the notes by a query and returns the matching notes.'),
        ('get_note', 'Gets one note of the signed-in user.'),
        ('list_notes', 'Lists the notes of the signed-in user.')) t(name, description)`);
    await db.execute(sql`insert into classifications (tool_id, classifier_version, content_hash, category, risk, confidence, signals, rationale, evidence, rule, method)
      select t.id, ${OLDER}, t.content_hash, 'write', 'medium', 0.5, '[]'::jsonb, 'an older verdict', '[]'::jsonb, '{}'::jsonb, 'rules' from tools t`);
    const ids = (await queryRows<{ id: number }>(db, sql`select id from servers`)).map((r) => Number(r.id));
    const fingerprints = [...(await serverToolHashes(db, ids)).values()].map(serverFingerprint);
    classified = () => fingerprints.filter((f) => verdictCache.get(f) !== undefined).length;
  }, 120_000);
  afterAll(async () => cat?.dispose());

  test("a lookup classifies the entries it shows, its groups counting the rest by their stored verdicts, and says how many", async () => {
    const s = await currentNameSummary(db, "search", { limit: 3 });
    expect(classified()).toBe(3);
    expect(s).toMatchObject({ total: HOLDERS, tools: HOLDERS, outdated: HOLDERS - 3 });
    expect(s.entries.map((e) => [e.server, e.classification?.category, e.classification?.risk, e.stored, e.storedClassifierVersion])).toEqual(
      ["01", "02", "03"].map((n) => [`example.com/${driver}/holder-${n}`, "read", "low", false, OLDER]),
    );
    expect(s.groups).toEqual([
      { category: "write", risk: "medium", count: HOLDERS - 3 },
      { category: "read", risk: "low", count: 3 },
    ]);
    const page = toolNamePage({ summary: s, items: s.entries.map(toolItem) }).toString();
    expect(page).toContain(`${HOLDERS - 3} of the name&#39;s ${HOLDERS} tools are counted by their stored verdicts, not this classifier&#39;s (${CLASSIFIER_VERSION}): only the tools listed were classified again`);
  });

  test("risk NAME classifies its 20 entries and says so; --all classifies every one", async () => {
    const top = await cat.cli(["risk", "search", "--json"]);
    expect(top.code, top.stderr).toBe(0);
    expect(JSON.parse(top.stdout)).toMatchObject({ total: HOLDERS, outdated: HOLDERS - 20, groups: [{ category: "read", risk: "low", count: 20 }, { category: "write", risk: "medium", count: HOLDERS - 20 }] });
    expect(classified()).toBe(20);
    const text = await cat.cli(["risk", "search"]);
    expect(text.stdout).toContain(`${HOLDERS - 20} of the name's ${HOLDERS} tools are counted by their stored verdicts, not this classifier's (${CLASSIFIER_VERSION}): only the tools listed were classified again; the next refresh stores every verdict (--all classifies every one)`);
    const all = JSON.parse((await cat.cli(["risk", "search", "--json", "--all"])).stdout);
    expect(all).toMatchObject({ total: HOLDERS, outdated: 0, groups: [{ category: "read", risk: "low", count: HOLDERS }] });
    expect(all.entries.every((e: { stored: boolean }) => !e.stored)).toBe(true);
    expect(classified()).toBe(HOLDERS);
  });

  test("check_tool says how many of the name's tools it counts by older verdicts; /tools/NAME lists and classifies 100", async () => {
    // The app answered in this process, as `serve` answers it, with no socket between.
    const app = createApp({ db });
    const client = new Client({ name: "current-name-cost-test", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL("http://catalog.test/mcp"), { fetch: async (url, init) => app.fetch(new Request(url, init)) }));
    try {
      const check = (await client.callTool({ name: "check_tool", arguments: { name: "search" } })) as { structuredContent: any };
      expect(check.structuredContent).toMatchObject({ servers: HOLDERS, outdated: HOLDERS - 20, groups: [{ category: "read", risk: "low", count: 20 }, { category: "write", risk: "medium", count: HOLDERS - 20 }] });
      expect(check.structuredContent.entries).toHaveLength(20);
    } finally {
      await client.close();
    }
    // The page lists 100: every holder, each classified, so none is counted by an older verdict.
    const page = await (await app.fetch(new Request("http://catalog.test/tools/search"))).text();
    expect(page).toContain(`${HOLDERS} servers: ${HOLDERS} read / low`);
    expect(page).not.toContain("counted by their stored verdicts");
  });
});
