// The COPY baseline's dump: COPY's text format written from raw values, byte for byte what the server's COPY prints.
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyTextRow } from "../../scripts/dev/bench/copy-text.js";
import { dumpTable } from "../../scripts/dev/bench/copy-baseline.js";
import { createScratchDatabase } from "../../db/scratch.js";

const bytes = (s: string) => Buffer.from(s, "utf8");

describe("copyTextRow", () => {
  it("separates values with tabs, ends the row with a newline and writes NULL as \\N", () => {
    expect(copyTextRow([bytes("7"), null, bytes("plain text")]).toString()).toBe("7\t\\N\tplain text\n");
  });

  it("escapes backslashes and the control characters COPY escapes, and keeps every other byte", () => {
    const value = bytes('a\\b\tc\nd\re\bf\fg\vh\u0001 {"k": "é✓"}');
    expect(copyTextRow([value]).toString()).toBe('a\\\\b\\tc\\nd\\re\\bf\\fg\\vh\u0001 {"k": "é✓"}\n');
  });

  it("writes an empty string as nothing between its tabs, unlike NULL", () => {
    expect(copyTextRow([bytes(""), bytes(""), null]).toString()).toBe("\t\t\\N\n");
  });
});

// The stall this replaces (postgres.js's COPY-out readable never ending) showed only on the default world's
// 483 MB of classifications, not on any table a test can build in seconds; what a test can hold is that the
// dump is what COPY itself prints, so the baseline loads the same bytes it loaded before.
describe.runIf(process.env.DATABASE_URL)("dumpTable (Postgres)", () => {
  let db: { url: string; drop(): Promise<void> };
  let sql: postgres.Sql;
  let dir: string;
  beforeAll(async () => {
    db = await createScratchDatabase(process.env.DATABASE_URL!, "mcp_catalog_test");
    sql = postgres(db.url, { max: 1, onnotice: () => {} });
    dir = await mkdtemp(join(tmpdir(), "mcp-catalog-copy-text-"));
    await sql`create table public.t (id int primary key, name text, score real, doc jsonb, tags text[], seen timestamptz, note text)`;
    await sql`insert into public.t
      select i, 'tool_' || i || E'\\t\\n\\\\', i / 3.0, jsonb_build_object('rationale', E'line one\\nline "two"\\ttab \\\\ é', 'n', i),
        array['a b', E'c\\td', null], timestamptz '2026-12-02 10:00:00+00' + i * interval '1 minute',
        case when i % 3 = 0 then null when i % 3 = 1 then '' else repeat('x', 5000) end
      from generate_series(1, 5000) i`;
  });
  afterAll(async () => {
    await sql?.end();
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("writes the bytes COPY … TO STDOUT prints, over several cursor batches", async () => {
    const file = join(dir, "t.copy");
    const written = await dumpTable(sql, "t", file);
    const chunks: Buffer[] = [];
    for await (const chunk of await sql.unsafe("copy public.t to stdout").readable()) chunks.push(chunk as Buffer);
    const copied = Buffer.concat(chunks);
    const dumped = await readFile(file);
    expect(written).toBe(dumped.length);
    expect(dumped.length).toBe(copied.length);
    expect(dumped.equals(copied)).toBe(true);
  });
});
