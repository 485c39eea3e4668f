// The synthetic world: deterministic files, counts that add up, and a server with the registry's and Glama's paging.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseGlamaPage } from "../../crawler/sources/glama.js";
import { parseRegistryPage } from "../../crawler/sources/registry.js";
import { normalizeRepository, repositoryAlias } from "../../crawler/normalize.js";
import { main } from "../../scripts/dev/world/main.js";
import { FILES, readManifest, type Manifest } from "../../scripts/dev/world/files.js";
import { generateWorld, OFFICIAL_META } from "../../scripts/dev/world/generate.js";
import { mutateWorld } from "../../scripts/dev/world/mutate.js";
import { serveWorld, type WorldServer } from "../../scripts/dev/world/serve.js";

const SERVERS = 300;
let root: string;
let dir: string;
let manifest: Manifest;

type Item = { server: { name: string; version: string; repository?: { url?: string; subfolder?: string } }; _meta: Record<string, { status: string; isLatest: boolean; updatedAt: string }> };
type Glama = { id: string; repository: { url: string } | null; tools: { name: string; description: string | null; inputSchema: unknown; annotations?: unknown }[] };

async function jsonLines<T>(path: string): Promise<T[]> {
  return (await readFile(path, "utf8"))
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

const keyOf = (i: Item) => `${i.server.name}:${i.server.version}`;

async function getJson(url: string, init?: RequestInit): Promise<{ status: number; etag: string | null; body: unknown }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, etag: res.headers.get("etag"), body: text ? JSON.parse(text) : undefined };
}

/** Follows the registry's cursors from the first page to the last; returns every item and the page count. */
async function crawlRegistry(base: string, query: string): Promise<{ items: Item[]; pages: number }> {
  const items: Item[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const params = new URLSearchParams(`limit=100${query ? `&${query}` : ""}`);
    if (cursor) params.set("cursor", cursor);
    const { status, body } = await getJson(`${base}/v0.1/servers?${params}`);
    expect(status).toBe(200);
    const page = body as { servers: Item[]; metadata: { nextCursor?: string; count: number } };
    expect(page.metadata.count).toBe(page.servers.length);
    items.push(...page.servers);
    pages++;
    if (!page.metadata.nextCursor) return { items, pages };
    cursor = page.metadata.nextCursor;
    if (pages > 10_000) throw new Error("registry paging does not end");
  }
}

/** The server trusts registry.idx and glama.idx: every row must point at its item and agree with it. */
async function expectIndexesAgree(world: string): Promise<void> {
  const registry = await readFile(join(world, FILES.registry));
  const rows = (await readFile(join(world, FILES.registryIndex), "utf8")).split("\n").filter(Boolean);
  const items = await jsonLines<Item>(join(world, FILES.registry));
  expect(rows.length).toBe(items.length);
  rows.forEach((row, i) => {
    const [offset, length, updatedMs, deleted, key] = row.split("\t");
    const item = JSON.parse(registry.subarray(Number(offset), Number(offset) + Number(length)).toString("utf8")) as Item;
    expect(item).toEqual(items[i]);
    expect(key).toBe(keyOf(item));
    expect(Number(updatedMs)).toBe(Date.parse(item._meta[OFFICIAL_META]!.updatedAt));
    expect(deleted).toBe(item._meta[OFFICIAL_META]!.status === "deleted" ? "1" : "0");
  });
  const glama = await readFile(join(world, FILES.glama));
  const glamaRows = (await readFile(join(world, FILES.glamaIndex), "utf8")).split("\n").filter(Boolean);
  const servers = await jsonLines<Glama>(join(world, FILES.glama));
  expect(glamaRows.length).toBe(servers.length);
  glamaRows.forEach((row, i) => {
    const [offset, length] = row.split("\t").map(Number);
    expect(JSON.parse(glama.subarray(offset!, offset! + length!).toString("utf8"))).toEqual(servers[i]);
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "gen-world-"));
  dir = join(root, "world");
  manifest = await generateWorld({ dir, servers: SERVERS, seed: 7 });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("generateWorld", () => {
  it("writes byte-identical files for the same seed and different ones for another seed", async () => {
    const again = join(root, "again");
    const other = join(root, "other");
    await generateWorld({ dir: again, servers: SERVERS, seed: 7 });
    await generateWorld({ dir: other, servers: SERVERS, seed: 8 });
    for (const f of Object.values(FILES)) {
      const a = await readFile(join(dir, f));
      expect(a.length).toBeGreaterThan(0);
      expect((await readFile(join(again, f))).equals(a), f).toBe(true);
    }
    expect((await readFile(join(other, FILES.registry))).equals(await readFile(join(dir, FILES.registry)))).toBe(false);
    expect((await readFile(join(other, FILES.glama))).equals(await readFile(join(dir, FILES.glama)))).toBe(false);
  });

  it("has the counts the manifest claims, one latest version per name, sorted by name:version", async () => {
    const items = await jsonLines<Item>(join(dir, FILES.registry));
    const glama = await jsonLines<Glama>(join(dir, FILES.glama));
    expect(manifest).toMatchObject({ seed: 7, servers: SERVERS, registryNames: SERVERS, registryItems: items.length, glamaServers: glama.length, mutations: 0 });
    expect(new Set(items.map((i) => i.server.name)).size).toBe(SERVERS);
    expect(glama.length).toBe(Math.round(SERVERS * 1.6));
    expect(glama.reduce((n, s) => n + s.tools.length, 0)).toBe(manifest.tools);
    // ~10 tools per registry name on average, spread over Glama's servers.
    expect(manifest.tools).toBeGreaterThan(SERVERS * 7);
    expect(manifest.tools).toBeLessThan(SERVERS * 13);
    await expectIndexesAgree(dir);
    const keys = items.map(keyOf);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(keys).size).toBe(keys.length);
    const latest = new Map<string, number>();
    for (const i of items) if (i._meta[OFFICIAL_META]!.isLatest) latest.set(i.server.name, (latest.get(i.server.name) ?? 0) + 1);
    expect(latest.size).toBe(SERVERS);
    expect([...latest.values()].every((n) => n === 1)).toBe(true);
    expect(items.every((i) => i._meta[OFFICIAL_META]!.updatedAt <= manifest.maxUpdatedAt || Date.parse(i._meta[OFFICIAL_META]!.updatedAt) <= Date.parse(manifest.maxUpdatedAt))).toBe(true);
  });

  it("gives Glama twins the registry server's repository, so entity resolution can merge them", async () => {
    const items = await jsonLines<Item>(join(dir, FILES.registry));
    const registryRepos = new Set<string>();
    for (const i of items) {
      const repo = normalizeRepository(i.server.repository?.url, i.server.repository?.subfolder);
      if (repo) registryRepos.add(repositoryAlias(repo));
    }
    const glama = await jsonLines<Glama>(join(dir, FILES.glama));
    const shared = glama.filter((s) => {
      const repo = normalizeRepository(s.repository?.url);
      return repo && registryRepos.has(repositoryAlias(repo));
    });
    expect(shared.length).toBe(manifest.glamaTwins);
    expect(manifest.glamaTwins).toBeGreaterThan(SERVERS * 0.25);
    // Messy on purpose, as the real sample is: clone URLs, monorepo folders, empty repository objects.
    expect(items.some((i) => i.server.repository?.url?.endsWith(".git"))).toBe(true);
    expect(items.some((i) => i.server.repository?.subfolder)).toBe(true);
    expect(items.some((i) => i.server.repository && !i.server.repository.url)).toBe(true);
  });

  it("writes realistic, varied tool lists", async () => {
    const glama = await jsonLines<Glama>(join(dir, FILES.glama));
    const tools = glama.flatMap((s) => s.tools);
    const counts = glama.map((s) => s.tools.length).sort((a, b) => a - b);
    expect(counts[Math.floor(counts.length / 2)]).toBeLessThanOrEqual(6);
    expect(counts[counts.length - 1]).toBeGreaterThanOrEqual(30);
    for (const s of glama) expect(new Set(s.tools.map((t) => t.name)).size).toBe(s.tools.length);
    const names = tools.map((t) => t.name);
    expect(names.some((n) => /^[a-z]+(_[a-z0-9]+)+$/.test(n))).toBe(true);
    expect(names.some((n) => /^[a-z]+([A-Z][a-z0-9]*)+$/.test(n))).toBe(true);
    expect(names.some((n) => n.includes("-"))).toBe(true);
    expect(names.some((n) => n.includes("."))).toBe(true);
    const annotated = tools.filter((t) => t.annotations).length;
    expect(annotated).toBeGreaterThan(0);
    expect(annotated).toBeLessThan(tools.length / 2);
    expect(tools.some((t) => JSON.stringify(t.inputSchema).includes('"enum"'))).toBe(true);
    expect(tools.some((t) => JSON.stringify(t.inputSchema).includes('"required"'))).toBe(true);
    expect(names.some((n) => /delete|remove|purge/i.test(n))).toBe(true);
  });

  it("parses with the real adapters: every registry item and every Glama server, none skipped", async () => {
    const items = await jsonLines<unknown>(join(dir, FILES.registry));
    const page = parseRegistryPage({ servers: items, metadata: { count: items.length } });
    expect(page.skipped).toEqual([]);
    expect(page.records.length).toBe(manifest.registryItems);
    const glama = await jsonLines<unknown>(join(dir, FILES.glama));
    const g = parseGlamaPage({ servers: glama, pageInfo: { hasNextPage: false, endCursor: null } });
    expect(g.skipped).toEqual([]);
    expect(g.records.length).toBe(manifest.glamaServers);
  });
});

describe("serveWorld", () => {
  let server: WorldServer;
  beforeAll(async () => {
    server = await serveWorld({ dir });
  });
  afterAll(async () => {
    await server.close();
  });

  it("pages the registry by cursor to the end, with exactly the generated items in order", async () => {
    const file = await jsonLines<Item>(join(dir, FILES.registry));
    const all = await crawlRegistry(server.url, "include_deleted=true");
    expect(all.items.map(keyOf)).toEqual(file.map(keyOf));
    expect(all.items).toEqual(file);
    expect(all.pages).toBe(Math.ceil(file.length / 100));
    const visible = await crawlRegistry(server.url, "");
    expect(visible.items.map(keyOf)).toEqual(file.filter((i) => i._meta[OFFICIAL_META]!.status !== "deleted").map(keyOf));
    // The crawler's own adapter follows the same cursors.
    const { body } = await getJson(`${server.url}/v0.1/servers?limit=100&include_deleted=true`);
    const parsed = parseRegistryPage(body);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.next).toBe(keyOf(file[99]!));
  });

  it("pages Glama with opaque cursors to every server", async () => {
    const file = await jsonLines<Glama>(join(dir, FILES.glama));
    const ids: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const { status, body } = await getJson(`${server.url}/v1/servers?first=100${after ? `&after=${encodeURIComponent(after)}` : ""}`);
      expect(status).toBe(200);
      const page = body as { servers: Glama[]; pageInfo: { endCursor: string | null; hasNextPage: boolean; hasPreviousPage: boolean } };
      expect(page.pageInfo.hasPreviousPage).toBe(pages > 0);
      ids.push(...page.servers.map((s) => s.id));
      pages++;
      const parsed = parseGlamaPage(page);
      expect(parsed.skipped).toEqual([]);
      if (!parsed.next) break;
      expect(parsed.next).toMatch(/^[A-Za-z0-9+/]+=*$/);
      after = parsed.next;
    }
    expect(ids).toEqual(file.map((s) => s.id));
    expect(pages).toBe(Math.ceil(file.length / 100));
    expect((await getJson(`${server.url}/v1/servers`)).body).toMatchObject({ pageInfo: { hasNextPage: true } });
    expect(((await getJson(`${server.url}/v1/servers`)).body as { servers: unknown[] }).servers.length).toBe(10);
    expect((await getJson(`${server.url}/v1/servers?after=bm90LWEtY3Vyc29y`)).status).toBe(400);
  });

  it("answers a matching If-None-Match with 304 and a changed page with a new ETag", async () => {
    const first = await getJson(`${server.url}/v0.1/servers?limit=50`);
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await fetch(`${server.url}/v0.1/servers?limit=50`, { headers: { "if-none-match": first.etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const other = await getJson(`${server.url}/v0.1/servers?limit=51`);
    expect(other.status).toBe(200);
    expect(other.etag).not.toBe(first.etag);
    const stale = await fetch(`${server.url}/v1/servers?first=5`, { headers: { "if-none-match": '"stale"' } });
    expect(stale.status).toBe(200);
    const g = stale.headers.get("etag")!;
    expect((await fetch(`${server.url}/v1/servers?first=5`, { headers: { "if-none-match": `W/${g}` } })).status).toBe(304);
    expect(server.requests()).toBeGreaterThan(0);
  });

  it("applies the delay to every request", async () => {
    const slow = await serveWorld({ dir, delayMs: 150 });
    try {
      const started = performance.now();
      const res = await fetch(`${slow.url}/v1/servers?first=1`);
      await res.text();
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      expect(slow.requests()).toBe(1);
    } finally {
      await slow.close();
    }
  });
});

describe("mutateWorld", () => {
  it("adds versions whose updated_since page is exactly the mutated items, deterministically", async () => {
    const copy = join(root, "mutated");
    const twin = join(root, "mutated-twin");
    await generateWorld({ dir: copy, servers: SERVERS, seed: 7 });
    await generateWorld({ dir: twin, servers: SERVERS, seed: 7 });
    const before = await jsonLines<Glama>(join(copy, FILES.glama));
    // A server started before the mutation sees it: it reloads when the manifest is replaced.
    const server = await serveWorld({ dir: copy });
    try {
      expect((await crawlRegistry(server.url, `updated_since=${encodeURIComponent(manifest.maxUpdatedAt)}`)).items).toEqual([]);
      const m = await mutateWorld({ dir: copy, fraction: 0.05, seed: 3 });
      const m2 = await mutateWorld({ dir: twin, fraction: 0.05, seed: 3 });
      expect(m2.registryKeys).toEqual(m.registryKeys);
      for (const f of Object.values(FILES)) expect((await readFile(join(twin, f))).equals(await readFile(join(copy, f))), f).toBe(true);

      expect(m.since).toBe(manifest.maxUpdatedAt);
      // Names whose every version is deleted get no new version.
      const items = await jsonLines<Item>(join(twin, FILES.registry));
      const alive = new Set(items.filter((i) => i._meta[OFFICIAL_META]!.status !== "deleted").map((i) => i.server.name));
      expect(m.registryNames.length).toBe(Math.round(alive.size * 0.05));
      expect(m.registryNames.every((n) => alive.has(n))).toBe(true);
      expect(m.registryKeys.length).toBe(m.registryNames.length * 2);
      const changed = await crawlRegistry(server.url, `updated_since=${encodeURIComponent(m.since)}`);
      expect(changed.items.map(keyOf)).toEqual([...m.registryKeys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      for (const i of changed.items) expect(Date.parse(i._meta[OFFICIAL_META]!.updatedAt)).toBeGreaterThan(Date.parse(m.since));
      await expectIndexesAgree(copy);
      // The new version is the latest and active; the one before it no longer is.
      for (const name of m.registryNames) {
        const versions = changed.items.filter((i) => i.server.name === name);
        expect(versions.map((i) => i._meta[OFFICIAL_META]!.isLatest).sort()).toEqual([false, true]);
      }
      expect(parseRegistryPage({ servers: changed.items }).skipped).toEqual([]);
      expect((await crawlRegistry(server.url, `updated_since=${encodeURIComponent(m.manifest.maxUpdatedAt)}`)).items).toEqual([]);

      const after = await jsonLines<Glama>(join(copy, FILES.glama));
      expect(after.length).toBe(before.length);
      const differ = after.filter((s, i) => JSON.stringify(s) !== JSON.stringify(before[i])).map((s) => s.id);
      expect(differ).toEqual(m.glamaIds);
      expect(m.glamaIds.length).toBe(Math.round(before.length * 0.05));
      const reread = readManifest(copy);
      expect(reread).toMatchObject({ mutations: 1, registryItems: manifest.registryItems + m.registryNames.length, tools: after.reduce((n, s) => n + s.tools.length, 0) });
      const all = await crawlRegistry(server.url, "include_deleted=true");
      expect(all.items.length).toBe(reread.registryItems);
    } finally {
      await server.close();
    }
  });
});

describe("gen-world CLI", () => {
  it("serves with --serve --json, printing exactly one line with the URL", async () => {
    const out = join(root, "cli");
    let stdout = "";
    let stderr = "";
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const running = main(["--servers", "40", "--seed", "2", "--out", out, "--serve", "--json", "--delay-ms", "1"], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      stop: stopped,
    });
    for (let i = 0; i < 200 && !stdout.includes("\n"); i++) await new Promise((r) => setTimeout(r, 25));
    expect(stdout).toMatch(/^\{"url":"http:\/\/127\.0\.0\.1:\d+"\}\n$/);
    const { url } = JSON.parse(stdout) as { url: string };
    const page = await getJson(`${url}/v0.1/servers?limit=5`);
    expect((page.body as { servers: unknown[] }).servers.length).toBe(5);
    stop();
    expect(await running).toBe(0);
    expect(stderr).toContain("generated");
    expect(readManifest(out).servers).toBe(40);
  });

  it("prints help, and rejects bad values with exit code 2", async () => {
    let stdout = "";
    let stderr = "";
    const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
    expect(await main(["--help"], io)).toBe(0);
    expect(stdout).toContain("--delay-ms");
    expect(await main(["--servers", "many"], io)).toBe(2);
    expect(stderr).toContain("--servers");
    expect(await main(["--bogus"], io)).toBe(2);
  });
});
