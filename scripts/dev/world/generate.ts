// generateWorld: a deterministic synthetic registry + Glama directory, streamed to disk.
//
// Two passes, so nothing but identities is ever held: pass 1 draws each registry server's identity (name,
// owner/repo, domain, versions — a few hundred bytes each) and sorts the `name:version` keys; pass 2 renders each
// item from its (seed, index) stream in key order and appends it to registry.jsonl; pass 3 renders the Glama
// directory (twins of registry servers interleaved with Glama-only servers) and their tools straight to glama.jsonl.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { GlamaServer } from "./glama-api.js";
import { FILES, LineWriter, manifestText, registryIndexLine, rfc3339, type Manifest } from "./files.js";
import { Rng, STREAM } from "./random.js";
import { generateTools, pickStyle, plural, toolCount } from "./tools.js";
import {
  COMPANY_SUFFIXES,
  DOMAINS,
  HANDLE_PARTS,
  LICENSES,
  QUALIFIERS,
  REPO_PATTERNS,
  SERVER_PHRASES,
  type Domain,
} from "./vocabulary.js";

export const SCHEMA_URL = "https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json";
export const OFFICIAL_META = "io.modelcontextprotocol.registry/official";
const DAY = 86_400_000;
/** Glama lists about 1.6 servers for every registry name (~80,000 against ~50,000). */
export const GLAMA_RATIO = 1.6;

export interface GenerateOptions {
  dir: string;
  /** Registry names (default 50,000); Glama gets about 1.6× as many servers. */
  servers?: number;
  seed?: number;
  /** Average tools per registry name (default 10): servers × this many tools in all, spread over Glama's servers. */
  toolsPerServer?: number;
}

type NameKind = "github" | "company" | "smithery" | "other";

/** What pass 1 keeps of each registry server: enough to render every item again from its own stream. */
export interface Identity {
  index: number;
  kind: NameKind;
  name: string;
  /** As the owner writes it (case kept); the repository's owner. */
  owner: string;
  repoName: string;
  domain: Domain;
  /** Canonical repository (messiness is added when rendering), or none. */
  repo?: { url: string; subfolder?: string };
  /** Whether npm/PyPI would let this server have the bare repo name as its package name. */
  repoNameUnique: boolean;
  versions: string[];
  twin: boolean;
}

export function generatedAtMs(seed: number): number {
  // A fixed clock per seed: within 2026, so every timestamp in the world is in the past of the real one.
  return Date.UTC(2026, 0, 1) + ((seed >>> 0) % 300) * DAY;
}

function handle(rng: Rng): string {
  let h = rng.pick(HANDLE_PARTS);
  if (rng.chance(0.6)) h += rng.chance(0.3) ? `-${rng.pick(HANDLE_PARTS)}` : rng.pick(HANDLE_PARTS);
  if (rng.chance(0.3)) h += String(rng.int(1, 999));
  // A share of handles keep their capitals (PabloLec, ONLYOFFICE), which repository URLs then disagree on.
  if (rng.chance(0.15)) h = h.split("-").map((p) => p[0]!.toUpperCase() + p.slice(1)).join(rng.chance(0.5) ? "" : "-");
  else if (rng.chance(0.02)) h = h.toUpperCase();
  return h;
}

function repoName(rng: Rng, domain: Domain): string {
  const pattern = rng.weighted(REPO_PATTERNS);
  const d = rng.chance(0.15) ? `${domain.id}-${rng.pick(domain.objects).s.split(" ")[0]}` : domain.id;
  return pattern
    .replace("{D}", domain.name.replace(/\s+/g, "-"))
    .replace("{d}", d)
    .replace("{w}", rng.pick(QUALIFIERS));
}

function versionList(rng: Rng): string[] {
  const count = rng.weighted([
    [1, 55],
    [2, 25],
    [3, 12],
    [4, 8],
  ] as const);
  const starts: readonly (readonly [number, number, number])[] = [
    [0, 1, 0],
    [1, 0, 0],
    [0, 0, 1],
    [1, 0, 0],
    [0, 2, 0],
    [1, 2, 0],
    [2, 0, 0],
  ];
  let [major, minor, patch] = rng.pick(starts);
  const suffix = rng.chance(0.03) ? "-beta" : "";
  const out: string[] = [];
  for (let v = 0; v < count; v++) {
    out.push(`${major}.${minor}.${patch}${suffix}`);
    const step = rng.weighted([
      ["patch", 70],
      ["minor", 25],
      ["major", 5],
    ] as const);
    if (step === "patch") patch++;
    else if (step === "minor") [minor, patch] = [minor + 1, 0];
    else [major, minor, patch] = [major + 1, 0, 0];
  }
  return out;
}

/** Draws server `index`'s identity; `taken` holds owner/repo pairs already used (lower case). */
function drawIdentity(seed: number, index: number, taken: Set<string>): Identity {
  for (let attempt = 0; ; attempt++) {
    const rng = Rng.of(seed, STREAM.identity, index, attempt);
    const domain = rng.pick(DOMAINS);
    const kind = rng.weighted([
      ["github", 70],
      ["company", 12],
      ["smithery", 10],
      ["other", 8],
    ] as const);
    let owner = handle(rng);
    let repo = repoName(rng, domain);
    let name: string;
    let repoInfo: Identity["repo"];
    if (kind === "github") {
      name = `io.github.${rng.chance(0.5) ? owner : owner.toLowerCase()}/${repo}`;
      if (!rng.chance(0.08)) repoInfo = { url: `https://github.com/${owner}/${repo}` };
    } else if (kind === "smithery") {
      name = `ai.smithery/${owner}-${repo}`;
      if (!rng.chance(0.3)) repoInfo = { url: `https://github.com/${owner}/${repo}` };
    } else {
      // Companies: the vendor's own server (com.stripe/mcp) or a product company's; some in one monorepo.
      const company = rng.chance(0.4) ? domain.id : `${rng.pick(HANDLE_PARTS)}${rng.pick(HANDLE_PARTS)}${rng.pick(COMPANY_SUFFIXES)}`;
      const tld = kind === "company" ? "com" : rng.pick(["ai", "dev", "app", "io", "live", "co", "me"]);
      owner = company;
      const leaf = rng.pick(["mcp", repo, domain.id, `${domain.id}-mcp`, "mcp-server"]);
      repo = leaf;
      name = `${tld}.${company}/${leaf}`;
      const layout = rng.weighted([
        ["own", kind === "company" ? 55 : 40],
        ["monorepo", 25],
        ["none", kind === "company" ? 20 : 35],
      ] as const);
      if (layout === "own") repoInfo = { url: `https://github.com/${company}/${leaf === "mcp" ? `${domain.id}-mcp` : leaf}` };
      if (layout === "monorepo") repoInfo = { url: `https://github.com/${company}/mcp-servers`, subfolder: `${rng.pick(["packages", "src", "servers"])}/${leaf}` };
    }
    // Distinct servers never share an owner/repo pair, a name, or a repository (+ folder): entity resolution
    // would rightly merge them. Monorepo siblings share the repository and differ by folder.
    const unique = `${owner}/${repo}`.toLowerCase();
    const repoPair = repoInfo ? repoInfo.url.replace("https://github.com/", "").toLowerCase() : "";
    const repoKey = repoInfo?.subfolder ? `${repoPair}#${repoInfo.subfolder.toLowerCase()}` : repoPair;
    const monorepo = !!repoInfo?.subfolder;
    if (taken.has(unique) || taken.has(name.toLowerCase()) || (repoKey && taken.has(repoKey))) continue;
    if (repoPair && !monorepo && repoPair !== unique && taken.has(repoPair)) continue;
    if (monorepo && taken.has(`solo:${repoPair}`)) continue;
    taken.add(unique);
    taken.add(name.toLowerCase());
    if (repoKey) taken.add(repoKey);
    if (repoPair && !monorepo) taken.add(`solo:${repoPair}`);
    if (repoPair) taken.add(repoPair);
    return {
      index,
      kind,
      name,
      owner,
      repoName: repo,
      domain,
      ...(repoInfo ? { repo: repoInfo } : {}),
      repoNameUnique: false,
      versions: versionList(rng),
      twin: !!repoInfo && rng.chance(0.5),
    };
  }
}

const cap = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

function serverDescription(rng: Rng, domain: Domain): string {
  const [a, b] = rng.sample(domain.objects, 2);
  return rng
    .pick(SERVER_PHRASES)
    .replace(/\{Domain\}/g, domain.name)
    .replace("{objs}", plural(a!.s))
    .replace("{objs2}", plural((b ?? a)!.s));
}

function envVars(rng: Rng, domain: Domain): Record<string, unknown>[] {
  const prefix = domain.id.toUpperCase();
  const vars: Record<string, unknown>[] = [
    {
      description: `${domain.name} ${rng.pick(["API key", "personal access token", "API token"])}${rng.chance(0.3) ? ` (create one in your ${domain.name} account settings)` : ""}`,
      isRequired: true,
      ...(rng.chance(0.5) ? { format: "string" } : {}),
      isSecret: true,
      name: `${prefix}_${rng.pick(["API_KEY", "TOKEN", "ACCESS_TOKEN", "API_TOKEN"])}`,
    },
  ];
  if (rng.chance(0.3)) vars.push({ description: `Base URL of the ${domain.name} API`, format: "string", name: `${prefix}_BASE_URL` });
  if (rng.chance(0.15)) vars.push({ description: "Choose log level between 'debug', 'info', 'warn' or 'error'. Default is 'info'.", format: "string", name: "LOG_LEVEL" });
  return vars;
}

type PackageKind = "npm" | "pypi" | "oci" | "nuget" | "mcpb";

/** Everything about a registry server that all its versions share, drawn from its own stream. */
interface ServerSpec {
  id: Identity;
  title?: string;
  description: string;
  websiteUrl?: string;
  repository?: Record<string, unknown>;
  packageKinds: PackageKind[];
  npmName: string;
  pypiName: string;
  ociHost: string;
  env?: Record<string, unknown>[];
  runtimeHint: boolean;
  registryBaseUrl: boolean;
  remotes: Record<string, unknown>[];
  statuses: string[];
  publishedMs: number[];
  updatedMs: number[];
  micros: number[];
  /** A later version may reword the description (the registry keeps each version's own text). */
  rewordFrom: number;
}

function messyRepository(rng: Rng, id: Identity): Record<string, unknown> | undefined {
  if (!id.repo) {
    // The real sample: half the servers without a repository say `{}`, half leave it out.
    return rng.chance(0.5) ? {} : undefined;
  }
  let url = id.repo.url;
  const r = rng.next();
  if (r < 0.15) url += ".git";
  else if (r < 0.18) url += "/";
  else if (r < 0.2) url = url.replace("https://github.com", "https://www.github.com");
  return {
    url,
    source: "github",
    ...(rng.chance(0.08) ? { id: String(rng.int(100_000_000, 999_999_999)) } : {}),
    ...(id.repo.subfolder ? { subfolder: id.repo.subfolder } : {}),
  };
}

function remotes(rng: Rng, id: Identity): Record<string, unknown>[] {
  const kinds = rng.weighted([
    [["streamable-http"], 75],
    [["sse"], 5],
    [["streamable-http", "sse"], 20],
  ] as const);
  const host =
    id.kind === "smithery"
      ? `https://server.smithery.ai/@${id.owner}/${id.repoName}`
      : id.kind === "github"
        ? `https://${id.repoName.toLowerCase().replace(/_/g, "-")}.${id.owner.toLowerCase()}.workers.dev`
        : `https://mcp.${id.owner}.com/${id.repoName}`;
  const templated = id.kind !== "smithery" && rng.chance(0.03);
  const base = templated ? host.replace("https://", "https://{tenant}.") : host;
  let headers: Record<string, unknown>[] | undefined;
  if (id.kind === "smithery") {
    headers = [{ description: "Bearer token for Smithery authentication", isRequired: true, value: "Bearer {smithery_api_key}", isSecret: true, name: "Authorization" }];
  } else if (rng.chance(0.3)) {
    headers = [
      rng.chance(0.6)
        ? { description: `${id.domain.name} API token`, isRequired: true, isSecret: true, name: "Authorization", ...(rng.chance(0.5) ? { value: "Bearer {api_token}" } : {}) }
        : { description: "Your API key", isRequired: true, isSecret: true, name: "X-API-Key" },
    ];
  }
  return kinds.map((type) => ({
    type,
    url: `${base}/${type === "sse" ? "sse" : "mcp"}`,
    ...(headers ? { headers } : {}),
    ...(templated ? { variables: { tenant: { description: "Your tenant subdomain", isRequired: true } } } : {}),
  }));
}

function serverSpec(seed: number, id: Identity, generatedAt: number): ServerSpec {
  const rng = Rng.of(seed, STREAM.spec, id.index);
  const packageKinds = rng.weighted<PackageKind[]>([
    [[], 24],
    [["npm"], 26],
    [["pypi"], 18],
    [["oci"], 14],
    [["nuget"], 7],
    [["mcpb"], 2],
    [["npm", "oci"], 4],
    [["pypi", "oci"], 4],
    [["mcpb", "npm"], 3],
    [["mcpb", "npm", "oci"], 1],
  ]);
  const wantsRemotes = packageKinds.length === 0 ? !rng.chance(0.05) : rng.chance(0.12);
  const n = id.versions.length;
  const start = generatedAt - rng.int(2 * DAY, 420 * DAY);
  const span = generatedAt - start;
  const publishedMs: number[] = [];
  for (let v = 0; v < n; v++) publishedMs.push(v === 0 ? start : start + Math.floor((span * (v + rng.next() * 0.9)) / n));
  const updatedMs = publishedMs.map((p, v) => {
    // A superseded version was last touched when the next one took isLatest from it.
    if (v < n - 1) return publishedMs[v + 1]! + rng.int(0, 200);
    return rng.chance(0.6) ? p : Math.min(generatedAt - 1000, p + rng.int(0, 5 * DAY));
  });
  const statusRoll = rng.next();
  const statuses = id.versions.map((_, v) => {
    if (statusRoll < 0.015) return "deleted";
    if (statusRoll < 0.045) return "deprecated";
    if (statusRoll < 0.06 && v === 0 && n > 1) return "deleted";
    return "active";
  });
  const owner = id.owner.toLowerCase();
  const spec: ServerSpec = {
    id,
    description: serverDescription(rng, id.domain),
    packageKinds,
    npmName: id.repoNameUnique && rng.chance(0.5) ? id.repoName.toLowerCase() : `@${owner}/${id.repoName.toLowerCase()}`,
    pypiName: id.repoNameUnique ? id.repoName.toLowerCase() : `${owner}-${id.repoName.toLowerCase()}`,
    ociHost: rng.chance(0.6) ? "docker.io" : "ghcr.io",
    runtimeHint: rng.chance(0.4),
    registryBaseUrl: rng.chance(0.5),
    remotes: wantsRemotes ? remotes(rng, id) : [],
    statuses,
    publishedMs,
    updatedMs,
    micros: id.versions.map(() => rng.int(0, 999)),
    rewordFrom: rng.chance(0.1) ? rng.int(1, Math.max(1, n - 1)) : n,
  };
  if (rng.chance(0.4)) spec.title = rng.chance(0.5) ? `${id.domain.name} MCP Server` : cap(id.repoName.replace(/[-_]/g, " "));
  if (rng.chance(0.2)) spec.websiteUrl = rng.chance(0.5) ? `https://${owner}.github.io/${id.repoName}` : `https://${id.domain.id}.com/mcp`;
  const repository = messyRepository(rng, id);
  if (repository) spec.repository = repository;
  if (rng.chance(0.5)) spec.env = envVars(rng, id.domain);
  return spec;
}

function pascal(s: string): string {
  return s.split(/[-_]/).map(cap).join("");
}

function renderPackages(spec: ServerSpec, version: string, rng: Rng): Record<string, unknown>[] {
  const { id } = spec;
  const owner = id.owner.toLowerCase();
  return spec.packageKinds.map((kind) => {
    const env = spec.env ? { environmentVariables: spec.env } : {};
    const stdio = { transport: { type: "stdio" } };
    switch (kind) {
      case "npm":
        return {
          registryType: "npm",
          ...(spec.registryBaseUrl ? { registryBaseUrl: "https://registry.npmjs.org" } : {}),
          identifier: spec.npmName,
          version: rng.chance(0.05) ? "latest" : version,
          ...(spec.runtimeHint ? { runtimeHint: "npx" } : {}),
          ...stdio,
          ...env,
        };
      case "pypi":
        return {
          registryType: "pypi",
          ...(spec.registryBaseUrl ? { registryBaseUrl: "https://pypi.org" } : {}),
          identifier: spec.pypiName,
          version,
          ...(spec.runtimeHint ? { runtimeHint: "uvx" } : {}),
          ...stdio,
          ...env,
        };
      case "oci":
        return { registryType: "oci", identifier: `${spec.ociHost}/${owner}/${id.repoName.toLowerCase()}:${version}`, ...(spec.runtimeHint ? { runtimeHint: "docker" } : {}), ...stdio, ...env };
      case "nuget":
        return { registryType: "nuget", identifier: `${pascal(id.owner)}.${pascal(id.repoName)}`, version, ...stdio, ...env };
      case "mcpb": {
        const repoUrl = id.repo?.url ?? `https://github.com/${id.owner}/${id.repoName}`;
        return { registryType: "mcpb", identifier: `${repoUrl}/releases/download/v${version}/${id.repoName}.mcpb`, fileSha256: rng.hex(64), ...stdio };
      }
    }
  });
}

/** Version `v` of a server as the registry's /v0.1/servers lists it. */
function registryItem(seed: number, spec: ServerSpec, v: number): Record<string, unknown> {
  const { id } = spec;
  const rng = Rng.of(seed, STREAM.version, id.index, v);
  const version = id.versions[v]!;
  const server: Record<string, unknown> = { $schema: SCHEMA_URL, name: id.name };
  if (spec.title) server.title = spec.title;
  server.description = v >= spec.rewordFrom ? `${spec.description.replace(/[.…]$/, "")}. Now with ${plural(rng.pick(id.domain.objects).s)} support.` : spec.description;
  if (spec.repository) server.repository = spec.repository;
  server.version = version;
  if (spec.websiteUrl) server.websiteUrl = spec.websiteUrl;
  if (spec.packageKinds.length) server.packages = renderPackages(spec, version, rng);
  if (spec.remotes.length) server.remotes = spec.remotes;
  return {
    server,
    _meta: {
      [OFFICIAL_META]: {
        status: spec.statuses[v],
        publishedAt: rfc3339(spec.publishedMs[v]!, spec.micros[v]!),
        // Untouched since publication: the very same timestamp, as the registry writes it.
        updatedAt: spec.updatedMs[v] === spec.publishedMs[v] ? rfc3339(spec.publishedMs[v]!, spec.micros[v]!) : rfc3339(spec.updatedMs[v]!, (spec.micros[v]! * 7) % 1000),
        isLatest: v === id.versions.length - 1,
      },
    },
  };
}

interface GlamaDraft {
  namespace: string;
  slug: string;
  name: string;
  description: string;
  repoUrl: string | null;
  domain: Domain;
}

function glamaServer(rng: Rng, toolRng: Rng, draft: GlamaDraft, meanTools: number): GlamaServer {
  // Glama lists some servers it never inspected, with an empty tool list.
  const count = rng.chance(0.02) ? 0 : toolCount(rng, meanTools);
  const envName = `${draft.domain.id.toUpperCase()}_API_KEY`;
  return {
    id: rng.alnum(10),
    name: draft.name,
    namespace: draft.namespace,
    slug: draft.slug,
    description: draft.description,
    url: `https://glama.ai/mcp/servers/${draft.namespace}/${draft.slug}`,
    repository: draft.repoUrl ? { url: draft.repoUrl } : null,
    spdxLicense: rng.weighted(LICENSES),
    attributes: rng.weighted([
      [["hosting:local-only"], 50],
      [["hosting:remote-capable"], 20],
      [["author:official", "hosting:remote-capable"], 5],
      [[], 25],
    ]),
    environmentVariablesJsonSchema: rng.chance(0.4)
      ? { type: "object", properties: { [envName]: { type: "string", description: `${draft.domain.name} API key` } }, required: [envName] }
      : null,
    tools: count ? generateTools(toolRng, { domain: draft.domain, count, style: pickStyle(toolRng) }) : [],
  };
}

/** Glama's view of a registry server: the same repository, written its own way (tree URL for a monorepo folder). */
function twinDraft(seed: number, id: Identity): GlamaDraft {
  const rng = Rng.of(seed, STREAM.glamaTwin, id.index);
  const repo = id.repo!;
  let url = repo.subfolder ? `${repo.url}/tree/main/${repo.subfolder}` : repo.url;
  if (rng.chance(0.2)) url = url.toLowerCase();
  return {
    namespace: id.owner.toLowerCase(),
    slug: id.repoName.toLowerCase(),
    name: rng.chance(0.5) ? id.repoName : `${id.domain.name} MCP Server`,
    description: serverDescription(rng, id.domain),
    repoUrl: url,
    domain: id.domain,
  };
}

function glamaOnlyDraft(seed: number, j: number, taken: Set<string>): GlamaDraft {
  for (let attempt = 0; ; attempt++) {
    const rng = Rng.of(seed, STREAM.glamaOnly, j, attempt);
    const domain = rng.pick(DOMAINS);
    const owner = handle(rng);
    const repo = repoName(rng, domain);
    const unique = `${owner}/${repo}`.toLowerCase();
    if (taken.has(unique)) continue;
    taken.add(unique);
    const host = rng.weighted([
      ["github.com", 92],
      ["gitlab.com", 6],
      [null, 2],
    ] as const);
    return {
      namespace: owner.toLowerCase(),
      slug: repo.toLowerCase(),
      name: rng.chance(0.6) ? repo : `${domain.name} ${rng.pick(["MCP", "MCP Server", "Tools", "Connector"])}`,
      description: serverDescription(rng, domain),
      repoUrl: host ? `https://${host}/${owner}/${repo}` : null,
      domain,
    };
  }
}

/** Generates the world into `dir` (created if missing; the world's files are overwritten) and returns its manifest. */
export async function generateWorld(opts: GenerateOptions): Promise<Manifest> {
  const servers = Math.max(1, Math.floor(opts.servers ?? 50_000));
  const seed = Math.floor(opts.seed ?? 1);
  const toolsPerServer = opts.toolsPerServer ?? 10;
  const dir = opts.dir;
  mkdirSync(dir, { recursive: true });
  const generatedAt = generatedAtMs(seed);

  // Pass 1: identities and the sorted key list.
  const taken = new Set<string>();
  const identities: Identity[] = [];
  const repoNames = new Map<string, number>();
  for (let i = 0; i < servers; i++) {
    const id = drawIdentity(seed, i, taken);
    identities.push(id);
    const rn = id.repoName.toLowerCase();
    repoNames.set(rn, (repoNames.get(rn) ?? 0) + 1);
  }
  for (const id of identities) id.repoNameUnique = repoNames.get(id.repoName.toLowerCase()) === 1;
  repoNames.clear();
  const keys: { key: string; server: number; version: number }[] = [];
  for (const id of identities) id.versions.forEach((v, version) => keys.push({ key: `${id.name}:${v}`, server: id.index, version }));
  keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  // Pass 2: registry items in key order. All versions of a name are adjacent (they share the `name:` prefix).
  const registry = new LineWriter(join(dir, `${FILES.registry}.tmp`));
  const registryIndex = new LineWriter(join(dir, `${FILES.registryIndex}.tmp`));
  let spec: ServerSpec | undefined;
  let maxUpdated = { ms: 0, text: "" };
  for (const k of keys) {
    if (spec?.id.index !== k.server) spec = serverSpec(seed, identities[k.server]!, generatedAt);
    const item = registryItem(seed, spec, k.version);
    const meta = item._meta as Record<string, { updatedAt: string; status: string }>;
    const updatedAt = meta[OFFICIAL_META]!.updatedAt;
    const updatedMs = Date.parse(updatedAt);
    if (updatedMs > maxUpdated.ms || (updatedMs === maxUpdated.ms && updatedAt > maxUpdated.text)) maxUpdated = { ms: updatedMs, text: updatedAt };
    const at = registry.write(JSON.stringify(item));
    registryIndex.write(registryIndexLine(at.offset, at.length, updatedMs, meta[OFFICIAL_META]!.status === "deleted", k.key));
  }
  registry.close();
  registryIndex.close();
  const registryItems = keys.length;
  keys.length = 0;

  // Pass 3: the Glama directory, twins interleaved evenly with Glama-only servers.
  const twins = identities.filter((id) => id.twin).length;
  const glamaCount = Math.max(twins, Math.round(servers * GLAMA_RATIO));
  const glamaOnly = glamaCount - twins;
  // Tools live only in Glama: servers × toolsPerServer of them, over the ~98% of Glama servers that list any.
  const meanTools = (servers * toolsPerServer) / glamaCount / 0.98;
  const glama = new LineWriter(join(dir, `${FILES.glama}.tmp`));
  const glamaIndex = new LineWriter(join(dir, `${FILES.glamaIndex}.tmp`));
  let written = 0;
  let onlyWritten = 0;
  let tools = 0;
  const emit = (server: GlamaServer) => {
    const at = glama.write(JSON.stringify(server));
    glamaIndex.write(`${at.offset}\t${at.length}`);
    tools += server.tools.length;
    written++;
  };
  for (const id of identities) {
    if (id.twin) emit(glamaServer(Rng.of(seed, STREAM.glamaTwin, id.index, 1), Rng.of(seed, STREAM.tools, written), twinDraft(seed, id), meanTools));
    const due = Math.floor(((id.index + 1) * glamaOnly) / servers);
    while (onlyWritten < due) {
      const draft = glamaOnlyDraft(seed, onlyWritten, taken);
      emit(glamaServer(Rng.of(seed, STREAM.glamaOnly, onlyWritten, 1_000_000), Rng.of(seed, STREAM.tools, written), draft, meanTools));
      onlyWritten++;
    }
  }
  glama.close();
  glamaIndex.close();

  for (const f of [FILES.registry, FILES.registryIndex, FILES.glama, FILES.glamaIndex]) renameSync(join(dir, `${f}.tmp`), join(dir, f));
  const manifest: Manifest = {
    format: 1,
    seed,
    servers,
    toolsPerServer,
    registryNames: servers,
    registryItems,
    glamaServers: written,
    glamaTwins: twins,
    tools,
    generatedAt: rfc3339(generatedAt),
    maxUpdatedAt: maxUpdated.text,
    mutations: 0,
  };
  // Renamed into place: a running serveWorld sees a new manifest inode and reloads its indexes.
  writeFileSync(join(dir, `${FILES.manifest}.tmp`), manifestText(manifest));
  renameSync(join(dir, `${FILES.manifest}.tmp`), join(dir, FILES.manifest));
  return manifest;
}
