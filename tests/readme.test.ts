// README.md against the code, in both directions: every variable the product reads and its default, every npm script,
// every option of every command, every route the server answers and every MCP tool with its arguments, and the serving
// defaults and limits README states. Each list is read from the code, so a new one that README does not name fails here.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../server/app.js";
import { SERVE_DEFAULTS } from "../server/defaults.js";
import { COMMANDS } from "../scripts/cli.js";
import { DEFAULT_USER_AGENT, envSchema, loadConfig } from "../scripts/config.js";
import { VERSION } from "../scripts/version.js";
import { README, readmePart } from "./helpers/readme.js";
import { appWithoutCatalog, listedMcpTools } from "./helpers/served-surface.js";
import { snapshotCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";

const ROOT = new URL("..", import.meta.url).pathname;
/** README's text with its line breaks and runs of spaces as one space, for phrases that wrap. */
const FLAT = README.replace(/\s+/g, " ");

/** The product's source files: what `npm pack` ships, the development scripts left out. */
function productFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== join("scripts", "dev")) walk(path);
      } else if (/\.(ts|js)$/.test(entry.name)) files.push(path);
    }
  };
  for (const dir of ["bin", "classifier", "crawler", "db", "scripts", "server"]) walk(dir);
  return files;
}

describe("Configuration", () => {
  const section = readmePart("## Configuration", "\n## ");
  /** Each table row's variables (a row may name two) and its default cell. */
  const rows = [...section.matchAll(/^\| ([^|]*`[A-Z][A-Z0-9_]*`[^|]*) \| ([^|]*) \|/gm)].flatMap((m) =>
    [...m[1]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((v) => ({ name: v[1]!, default: m[2]!.trim() })),
  );
  const row = (name: string) => rows.find((r) => r.name === name);

  test("the table has a row for every variable the configuration reads, and names no other", () => {
    const read = Object.keys(envSchema.shape);
    for (const name of read) expect(row(name), `README's row for ${name}`).toBeDefined();
    // TERM is read beside the configuration, where the output is painted (the next test finds it there).
    expect(rows.map((r) => r.name).filter((n) => !read.includes(n))).toEqual(["TERM"]);
  });

  test("every variable read anywhere in the product is named in the section", () => {
    const names = new Set<string>();
    for (const file of productFiles()) {
      const text = readFileSync(join(ROOT, file), "utf8");
      for (const m of text.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)\b|\[["']([A-Z][A-Z0-9_]*)["']\])/g)) names.add(m[1] ?? m[2]!);
    }
    // The scan finds what the sandbox and the terminal read (a scan that found nothing would pass on anything).
    expect([...names]).toEqual(expect.arrayContaining(["PATH", "NODE_EXTRA_CA_CERTS", "TERM", "NO_COLOR"]));
    for (const name of names) expect(section, `README's Configuration names ${name}`).toContain(`\`${name}\``);
  });

  test("each default README states is the code's", () => {
    const cwd = "/catalog-home";
    const config = loadConfig({}, cwd);
    // The variables whose default loadConfig supplies (the schema leaves them undefined), as README writes each.
    const supplied: Record<string, string> = {
      CATALOG_DATA_DIR: `\`./${relative(cwd, config.dataDir)}\``,
      REGISTRY_URL: `\`${config.registryUrl}\``,
      GLAMA_URL: `\`${config.glamaUrl}\``,
      SMITHERY_URL: `\`${config.smitheryUrl}\``,
      PULSEMCP_URL: `\`${config.pulsemcpUrl}\``,
      PYPI_URL: `\`${config.pypiUrl}\``,
      NPM_REGISTRY_URL: `\`${config.npmRegistryUrl}\``,
      CATALOG_USER_AGENT: `\`${DEFAULT_USER_AGENT.replace(VERSION, "<version>")}\``,
      CATALOG_INTROSPECT: `\`${config.introspect.modes.join(",")}\``,
      CATALOG_LLM_MODEL: `\`${config.llm.model}\``,
    };
    const unset = ["DATABASE_URL", "GLAMA_API_KEY", "SMITHERY_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL", "NO_COLOR"];
    for (const [name, schema] of Object.entries(envSchema.shape)) {
      const stated = row(name)!.default;
      const fallback: unknown = schema.parse(undefined);
      if (typeof fallback === "number") expect(stated, name).toBe(`\`${fallback}\``);
      else if (typeof fallback === "boolean") expect(stated, name).toBe(fallback ? "on" : "off");
      else if (name === "AWESOME_LIST_URLS") {
        // Named by repository: the raw README.md of owner/repo.
        for (const url of config.awesomeListUrls) expect(stated, url).toContain(`\`${new URL(url).pathname.split("/").slice(1, 3).join("/")}\``);
      } else if (name in supplied) expect(stated, name).toBe(supplied[name]);
      else expect([name, stated], `${name}: add its default to this test`).toEqual([name, unset.includes(name) ? "unset" : "?"]);
    }
  });
});

test("every npm script is in README, the lifecycle ones by what runs them", () => {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const lifecycle: Record<string, string> = { prepare: "`npm install` also compiles", prepack: "`npm pack`", test: "npm test" };
  for (const name of Object.keys(scripts)) expect(FLAT.includes(lifecycle[name] ?? `npm run ${name}`), `README names the script ${name}`).toBe(true);
});

describe("commands", () => {
  const section = (name: string) => {
    const heading = new RegExp(`^### \`mcp-catalog ${name}\\b.*$`, "m").exec(README)!;
    const from = heading.index + heading[0].length;
    return README.slice(from, README.indexOf("\n### ", from));
  };

  test("every option of every command is described in its section, --wait where the read commands are", async () => {
    const readers = /The read commands \(([^)]*)\) also take `--wait SECONDS`/.exec(README)![1]!;
    for (const [name, entry] of Object.entries(COMMANDS)) {
      const { options } = await entry.load();
      for (const option of Object.keys(options)) {
        if (option === "wait") expect(readers, `the read commands README names take ${name}`).toContain(`\`${name}\``);
        else expect(section(name), `${name} --${option}`).toMatch(new RegExp(`\`--${option}\\b`));
      }
    }
  });

  test("the flags that take no command: --help, help and --version", () => {
    const intro = readmePart("## Commands", "\n### ");
    for (const flag of ["`mcp-catalog --help`", "`help`", "`mcp-catalog --version`", "`-V`", "`-h`"]) expect(intro).toContain(flag);
  });
});

describe("serve", () => {
  const app = appWithoutCatalog();
  const gets = [...new Set(app.routes.filter((r) => r.method === "GET").map((r) => r.path))];
  /** A page's path as README's pages table writes it. */
  const asPage = (path: string) => path.replace(/:([a-z]+)/g, (_, param: string) => param.toUpperCase());

  test("every route is in README, and every route README's tables name is one", () => {
    expect(gets).toContain("/api/tools/:server/:tool");
    for (const path of gets) {
      // The other spellings of a page's path (slashes as typed, a trailing slash) redirect: README's "names in a path".
      if (path.endsWith("/*")) continue;
      const written = /^\/(api|v0\.1)\//.test(path) ? `GET ${path}` : asPage(path);
      expect(new RegExp(`\`${written.replace(/[.]/g, "\\.")}[\`?]`).test(FLAT), `README names ${written}`).toBe(true);
    }
    expect(app.routes.some((r) => r.path === "/mcp")).toBe(true);
    expect(FLAT.includes("`/mcp`"), "README names /mcp").toBe(true);
    const documented = [
      // A route is written `GET /path` or `GET /path?query`; a logged request (`GET /api/tools 200 1.8ms`) is none.
      ...[...FLAT.matchAll(/`GET (\/(?:api|v0\.1)\/[^`?\s]*)[`?]/g)].map((m) => m[1]!),
      ...[...readmePart("#### Pages", "\n#### ").matchAll(/^\| `(\/[^`?]*)/gm)].map((m) => m[1]!),
    ];
    const answered = [...gets, ...gets.map(asPage)];
    for (const path of documented) expect(answered, path).toContain(path);
  });

  test("README's MCP table has every tool with its arguments, and no other", async () => {
    const tools = await listedMcpTools(app);
    const table = new Map([...readmePart("### `mcp-catalog mcp`", "\n## ").matchAll(/^\| `([a-z_]+)` \| ([^|]*) \|/gm)].map((m) => [m[1]!, m[2]!]));
    expect([...table.keys()].sort()).toEqual(tools.map((t) => t.name).sort());
    for (const tool of tools) {
      const args = Object.keys(tool.inputSchema.properties).map((a) => `\`${a}${tool.inputSchema.required?.includes(a) ? "" : "?"}\``);
      expect([...table.get(tool.name)!.matchAll(/`[^`]+`/g)].map((m) => m[0]).sort(), tool.name).toEqual(args.sort());
    }
  });

  test("each serving default and lookup limit is stated as the one table has it", () => {
    const d = SERVE_DEFAULTS;
    const n = (x: number) => x.toLocaleString("en-US");
    // One phrase per key of the table: a key added without README saying it fails here.
    const phrases: Record<keyof typeof SERVE_DEFAULTS, string[]> = {
      port: [`\`${d.host}:${d.port}\``],
      host: [`\`${d.host}:${d.port}\``],
      pageSize: [`from 1 to ${d.maxPageSize}, default ${d.pageSize}`],
      maxPageSize: [`from 1 to ${d.maxPageSize}, default ${d.pageSize}`],
      searchLimit: [`\`--limit\` defaults to ${d.searchLimit} (at most ${d.maxSearchLimit})`],
      maxSearchLimit: [`\`--limit\` defaults to ${d.searchLimit} (at most ${d.maxSearchLimit})`],
      changesLimit: [`\`--limit\` defaults to ${d.changesLimit} (at most ${n(d.maxChangesLimit)})`],
      maxChangesLimit: [`\`--limit\` defaults to ${d.changesLimit} (at most ${n(d.maxChangesLimit)})`],
      nameEntries: [`the ${d.nameEntries} riskiest entries`, `(the ${d.nameEntries} riskiest,`],
      namePageEntries: [`(the riskiest ${d.namePageEntries};`],
      serverPageTools: [`lists them ${d.serverPageTools} at a time`],
      otherTools: [`the riskiest ${d.otherTools}`],
      filterReadTools: [`reads at most ${d.filterReadTools} tools`],
      verdictCacheTools: [`at most ${n(d.verdictCacheTools)} of them`],
      feedPageSize: [`\`limit\` is 1 to ${d.maxFeedPageSize} (default ${d.feedPageSize})`],
      maxFeedPageSize: [`\`limit\` is 1 to ${d.maxFeedPageSize} (default ${d.feedPageSize})`],
      shutdownGraceMs: [`at most ${d.shutdownGraceMs / 1000} s`],
      statementTimeoutMs: [`\`CATALOG_SERVE_STATEMENT_TIMEOUT_MS\` (default ${d.statementTimeoutMs},`],
      timeoutRetryAfterSeconds: [`\`Retry-After: ${d.timeoutRetryAfterSeconds}\``],
      maxSearchChars: [`at most ${d.maxSearchChars} characters`],
      maxNameBytes: [`at most ${n(d.maxNameBytes)} bytes`],
    };
    for (const [key, said] of Object.entries(phrases)) for (const phrase of said) expect(FLAT.includes(phrase), `${key}: README says ${phrase}`).toBe(true);
  });
});

describe("README's examples, on the catalog its Set up builds from the shipped snapshot", () => {
  let catalog: CliCatalog;
  beforeAll(async () => {
    catalog = await snapshotCliCatalog("pglite");
  }, 300_000);
  afterAll(async () => catalog?.dispose());
  const GITHUB = "io.github.github/github-mcp-server";
  /** The JSON of README's code block after `lead`, its elisions ("…") kept as they are. */
  const example = (lead: string) => JSON.parse(/```json\n([\s\S]*?)```/.exec(README.slice(README.indexOf(lead)))![1]!) as Record<string, any>;

  test("the counts it promises, and the commands it runs after the refresh, as written", async () => {
    const [, servers, tools] = /real registry data, (\d+) servers, (\d+) real tools/.exec(FLAT)!;
    const stats = JSON.parse((await catalog.cli(["stats", "--json"])).stdout);
    expect([stats.servers.total, stats.tools]).toEqual([Number(servers), Number(tools)]);
    const block = /```sh\nnpx mcp-catalog refresh --snapshot data\/snapshot\n([^`]*)```/.exec(README)![1]!.trim().split("\n");
    expect(block).toHaveLength(2);
    for (const line of block) {
      const r = await catalog.cli(line.replace(/^npx mcp-catalog /, "").split(" "));
      expect([line, r.code, r.stdout.length > 0]).toEqual([line, 0, true]);
    }
  });

  test("the grade policy's stderr starts with, and the native document --hide writes", async () => {
    const grade = /stderr starts with the server's grade: `([^`]*)…`/.exec(README)![1]!;
    const r = await catalog.cli(["policy", GITHUB, "--hide"]);
    expect(r.stderr.startsWith(grade), r.stderr.split("\n")[0]).toBe(true);
    const shown = example("A native policy for GitHub's server, written with `--hide`");
    const written = JSON.parse(r.stdout);
    expect([written.version, written.default]).toEqual([shown.version, shown.default]);
    const hidden = (shown.hide as string[]).filter((t) => t !== "…");
    expect(written.hide.slice(0, hidden.length)).toEqual(hidden);
    for (const [tool, rule] of Object.entries(shown.tools)) expect(written.tools[tool], tool).toEqual(rule);
  });

  test("the feed's findings for GitHub's server", async () => {
    const shown = example("the catalog's findings under one key of its own");
    const app = createApp({ db: (await catalog.held()).db });
    const item = (await (await app.request(`/v0.1/servers/${encodeURIComponent(GITHUB)}/versions/latest`)).json()) as { _meta: Record<string, any> };
    const findings = item._meta["io.github.mcp-catalog/findings"];
    expect(findings.page).toBe(shown.page);
    expect({ ...findings.verdict, summary: "…" }).toEqual(shown.verdict);
    for (const tool of shown.tools) {
      const served = findings.tools.find((t: { name: string }) => t.name === tool.name);
      expect({ ...served, rule: { ...served.rule, reason: "…" } }).toEqual(tool);
    }
  });
});
