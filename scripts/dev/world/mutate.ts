// mutateWorld: the "1% changed" night — new versions for a fraction of registry names, a changed tool on a
// fraction of Glama servers — streamed through the files and renamed into place, manifest last.
import { createReadStream, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { FILES, LineWriter, manifestText, readManifest, registryIndexLine, rfc3339, type Manifest } from "./files.js";
import { OFFICIAL_META } from "./generate.js";
import { Rng, STREAM } from "./random.js";
import { generateTools, pickStyle } from "./tools.js";
import { DOMAINS } from "./vocabulary.js";

export interface MutateOptions {
  dir: string;
  /** Share of registry names and of Glama servers to change (default 0.01). */
  fraction?: number;
  /** Default: derived from the world's seed and how many mutations it has had, so successive nights differ. */
  seed?: number;
}

export interface Mutation {
  /** The manifest's maxUpdatedAt before this mutation: `updated_since` it returns exactly `registryKeys`. */
  since: string;
  /** `name:version` of every registry item added or rewritten: each new version and the one it took isLatest from. */
  registryKeys: string[];
  /** Names that got a new version. */
  registryNames: string[];
  /** Ids of the Glama servers whose tools changed. */
  glamaIds: string[];
  manifest: Manifest;
}

type RegistryItem = {
  server: { name: string; version: string; packages?: { version?: string }[] } & Record<string, unknown>;
  _meta: Record<string, { status?: string; publishedAt?: string; updatedAt?: string; isLatest?: boolean }>;
};

/** Selection sampling (Knuth's algorithm S): exactly `want` of `total` items, decided one at a time in order. */
class Selector {
  private seen = 0;
  private chosen = 0;

  constructor(
    private readonly rng: Rng,
    private readonly total: number,
    private readonly want: number,
  ) {}

  next(): boolean {
    const pick = (this.total - this.seen) * this.rng.next() < this.want - this.chosen;
    this.seen++;
    if (pick) this.chosen++;
    return pick;
  }
}

async function* readLines(path: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  for await (const line of rl) if (line) yield line;
}

function nameOf(key: string): string {
  return key.slice(0, key.indexOf(":"));
}

function bumpVersion(version: string, taken: Set<string>): string {
  const m = /^(\d+)\.(\d+)\.(\d+)(.*)$/.exec(version);
  let [major, minor, patch] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const suffix = m?.[4] ?? "";
  for (;;) {
    patch++;
    const v = `${major}.${minor}.${patch}${suffix}`;
    if (!taken.has(v)) return v;
    if (patch > 1000) [major, minor, patch] = [major + 1, 0, 0];
  }
}

const compareKeys = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export async function mutateWorld(opts: MutateOptions): Promise<Mutation> {
  const { dir } = opts;
  const fraction = Math.max(0, Math.min(1, opts.fraction ?? 0.01));
  const manifest = readManifest(dir);
  const seed = Math.floor(opts.seed ?? manifest.seed * 1000 + manifest.mutations + 1);
  const since = manifest.maxUpdatedAt;
  // Every change happens a minute after the newest item so far, a second apart.
  let clock = Date.parse(since) + 60_000;

  // Names eligible for a new version: those with at least one version not deleted (from the index alone).
  const indexRows = readFileSync(join(dir, FILES.registryIndex), "utf8").split("\n").filter(Boolean);
  const alive = new Set<string>();
  const names: string[] = [];
  for (const row of indexRows) {
    const cols = row.split("\t");
    const name = nameOf(cols.slice(4).join("\t"));
    if (names[names.length - 1] !== name) names.push(name);
    if (cols[3] !== "1") alive.add(name);
  }
  indexRows.length = 0;
  const eligible = names.filter((n) => alive.has(n)).length;
  const pickName = new Selector(Rng.of(seed, STREAM.mutateRegistry), eligible, Math.round(eligible * fraction));

  const registryKeys: string[] = [];
  const registryNames: string[] = [];
  const registry = new LineWriter(join(dir, `${FILES.registry}.tmp`));
  const registryIndex = new LineWriter(join(dir, `${FILES.registryIndex}.tmp`));
  let items = 0;
  let maxUpdated = { ms: Date.parse(since), text: since };
  const write = (entry: { key: string; line: string; item: RegistryItem | null; updatedMs: number; deleted: boolean }) => {
    const at = registry.write(entry.line);
    registryIndex.write(registryIndexLine(at.offset, at.length, entry.updatedMs, entry.deleted, entry.key));
    items++;
  };
  // Items of one name are adjacent (they share the `name:` prefix): handle one block at a time.
  let block: { key: string; line: string; item: RegistryItem }[] = [];
  const flush = () => {
    if (!block.length) return;
    const name = block[0]!.item.server.name;
    const entries = block.map((b) => {
      const meta = b.item._meta[OFFICIAL_META]!;
      return { key: b.key, line: b.line, item: b.item as RegistryItem | null, updatedMs: Date.parse(meta.updatedAt ?? ""), deleted: meta.status === "deleted" };
    });
    if (alive.has(name) && pickName.next()) {
      const latest = block.find((b) => b.item._meta[OFFICIAL_META]?.isLatest) ?? block[block.length - 1]!;
      const now = clock;
      clock += 1000;
      const version = bumpVersion(latest.item.server.version, new Set(block.map((b) => b.item.server.version)));
      const old = latest.item.server.version;
      const added: RegistryItem = structuredClone(latest.item);
      added.server.version = version;
      for (const p of added.server.packages ?? []) if (p.version === old) p.version = version;
      added._meta[OFFICIAL_META] = { status: "active", publishedAt: rfc3339(now, 123), updatedAt: rfc3339(now, 123), isLatest: true };
      latest.item._meta[OFFICIAL_META] = { ...latest.item._meta[OFFICIAL_META], isLatest: false, updatedAt: rfc3339(now, 321) };
      const addedKey = `${name}:${version}`;
      const rewritten = entries.find((e) => e.key === latest.key)!;
      rewritten.line = JSON.stringify(latest.item);
      rewritten.updatedMs = now;
      entries.push({ key: addedKey, line: JSON.stringify(added), item: added, updatedMs: now, deleted: false });
      entries.sort(compareKeys);
      registryKeys.push(latest.key, addedKey);
      registryNames.push(name);
      const text = rfc3339(now, 321);
      if (now > maxUpdated.ms || (now === maxUpdated.ms && text > maxUpdated.text)) maxUpdated = { ms: now, text };
    }
    for (const e of entries) write(e);
    block = [];
  };
  for await (const line of readLines(join(dir, FILES.registry))) {
    const item = JSON.parse(line) as RegistryItem;
    const key = `${item.server.name}:${item.server.version}`;
    if (block.length && block[0]!.item.server.name !== item.server.name) flush();
    block.push({ key, line, item });
  }
  flush();
  registry.close();
  registryIndex.close();

  // Glama: a changed description or schema on one tool of the chosen servers.
  const pickGlama = new Selector(Rng.of(seed, STREAM.mutateGlama), manifest.glamaServers, Math.round(manifest.glamaServers * fraction));
  const glama = new LineWriter(join(dir, `${FILES.glama}.tmp`));
  const glamaIndex = new LineWriter(join(dir, `${FILES.glamaIndex}.tmp`));
  const glamaIds: string[] = [];
  let tools = manifest.tools;
  let position = 0;
  for await (const line of readLines(join(dir, FILES.glama))) {
    let out = line;
    if (pickGlama.next()) {
      const server = JSON.parse(line) as { id: string; tools: { name: string; description: string | null; inputSchema: Record<string, unknown> | null }[] };
      const rng = Rng.of(seed, STREAM.mutateItem, position);
      const before = server.tools.length;
      const tool = before ? rng.pick(server.tools) : undefined;
      if (!tool) {
        // A server Glama had not inspected before now lists its tools.
        server.tools = generateTools(rng, { domain: rng.pick(DOMAINS), count: rng.int(1, 5), style: pickStyle(rng) });
      } else if (rng.chance(0.5) || !tool.inputSchema) {
        tool.description = `${(tool.description ?? "").trimEnd()}${tool.description ? " " : ""}Results are cached for ${rng.int(1, 60)} minutes.`;
      } else {
        const properties = ((tool.inputSchema.properties ??= {}) as Record<string, unknown>);
        properties[`option_${rng.int(1, 9999)}`] = { type: rng.pick(["string", "boolean", "integer"]), description: "Added in the latest release" };
      }
      tools += server.tools.length - before;
      out = JSON.stringify(server);
      glamaIds.push(server.id);
    }
    const at = glama.write(out);
    glamaIndex.write(`${at.offset}\t${at.length}`);
    position++;
  }
  glama.close();
  glamaIndex.close();

  for (const f of [FILES.registry, FILES.registryIndex, FILES.glama, FILES.glamaIndex]) renameSync(join(dir, `${f}.tmp`), join(dir, f));
  const next: Manifest = { ...manifest, registryItems: items, tools, maxUpdatedAt: maxUpdated.text, mutations: manifest.mutations + 1 };
  // A new file renamed in, not rewritten in place: a running serveWorld sees a new inode and reloads.
  writeFileSync(join(dir, `${FILES.manifest}.tmp`), manifestText(next));
  renameSync(join(dir, `${FILES.manifest}.tmp`), join(dir, FILES.manifest));
  return { since, registryKeys, registryNames, glamaIds, manifest: next };
}
