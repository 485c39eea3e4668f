// PyPI as a source: it has no search, so the projects are the PyPI coordinates the other sources named; each is read from the JSON API.
import { z } from "zod";
import { normalizeRepository, packageAlias, repositoryAlias } from "../normalize.js";
import type { Alias, Repository, SourceRecord } from "../records.js";
import { SourceFormatError, type ParsedPage, type Source, type SourceContext } from "./source.js";
import { describeIssue, nonEmpty } from "./fields.js";

export const DEFAULT_PYPI_URL = "https://pypi.org";
/** Projects per list page: each is one JSON request, and a page is written in one transaction. */
export const PYPI_PAGE_SIZE = 100;

/** Hosts whose project URLs name a repository. */
const CODE_HOSTS = new Set(["github.com", "gitlab.com", "bitbucket.org", "codeberg.org"]);

/**
 * The line that binds a PyPI project to its official registry name (the registry's proof for PyPI,
 * usually inside an HTML comment in the README): `mcp-name: io.github.owner/name`.
 */
const MCP_NAME = /\bmcp-name:\s*([A-Za-z0-9.-]+\/[A-Za-z0-9._-]+)/;

const urlMap = z.record(z.string(), z.string()).nullish().catch(undefined);

const projectSchema = z
  .object({
    info: z
      .object({
        name: z.string().trim().min(1),
        version: z.string().trim().min(1),
        summary: z.string().nullish().catch(undefined),
        description: z.string().nullish().catch(undefined),
        home_page: z.string().nullish().catch(undefined),
        project_url: z.string().nullish().catch(undefined),
        project_urls: urlMap,
      })
      .loose(),
    last_serial: z.number().int().optional().catch(undefined),
  })
  .loose();

const listSchema = z.object({ projects: z.array(z.string().min(1)), next: z.string().optional() });

/** PEP 503: the name PyPI compares by. */
export function pep503(name: string): string {
  return packageAlias("pypi", name)!.value;
}

/** The repository a project's URLs point at: a source-like label first, then any code-host link. */
export function projectRepository(urls: Record<string, string>, homePage?: string): Repository | undefined {
  const onCodeHost = (u: string) => {
    try {
      return CODE_HOSTS.has(new URL(u).hostname.toLowerCase().replace(/^www\./, ""));
    } catch {
      return false;
    }
  };
  const labelled = Object.entries(urls).sort(([a], [b]) => Number(/source|repo|code/i.test(b)) - Number(/source|repo|code/i.test(a)));
  const found = [...labelled.map(([, u]) => u), ...(homePage ? [homePage] : [])].find(onCodeHost);
  return found ? normalizeRepository(found) : undefined;
}

/** A known coordinate, before its JSON is read. */
function candidate(name: string): SourceRecord {
  return {
    source: "pypi",
    sourceId: name,
    isLatest: true,
    raw: null,
    server: { key: `pypi.org/project/${name}`, status: "active", packages: [], remotes: [] },
    aliases: [{ kind: "pypi", value: name }],
  };
}

/**
 * A project's JSON to the record of its server: version, summary, project URLs (its repository)
 * and the `mcp-name:` line, which links it to its registry entry and then names it. The files of
 * every release (`releases`, `urls`) are left out of the stored record: they are large and say
 * nothing about the server.
 */
export function parsePypiProject(record: SourceRecord, body: unknown): SourceRecord | { skip: string } {
  const parsed = projectSchema.safeParse(body);
  if (!parsed.success) return { skip: `project: ${describeIssue(parsed.error)}` };
  const { info, last_serial } = parsed.data;
  const name = pep503(info.name);
  if (name !== record.sourceId) return { skip: `project: names ${info.name}, not ${record.sourceId}` };
  const urls = info.project_urls ?? {};
  const repository = projectRepository(urls, nonEmpty(info.home_page));
  const mcpName = MCP_NAME.exec(info.description ?? "")?.[1];
  const aliases: Alias[] = [{ kind: "pypi", value: name }];
  if (mcpName) aliases.unshift({ kind: "registry", value: mcpName.toLowerCase() });
  if (repository) aliases.push({ kind: "repo", value: repositoryAlias(repository) });
  const homepage = Object.entries(urls).find(([label]) => /^home\s*page$/i.test(label))?.[1];
  return {
    ...record,
    raw: { info: parsed.data.info, ...(last_serial !== undefined ? { last_serial } : {}) },
    server: {
      key: mcpName ?? (repository ? repositoryAlias(repository) : record.server.key),
      title: info.name,
      description: nonEmpty(info.summary),
      version: info.version,
      status: "active",
      repository,
      websiteUrl: nonEmpty(homepage) ?? nonEmpty(info.home_page) ?? nonEmpty(info.project_url),
      packages: [{ registryType: "pypi", identifier: info.name, version: info.version }],
      remotes: [],
    },
    aliases,
  };
}

export interface PypiSourceOptions {
  /** Default https://pypi.org. */
  baseUrl?: string;
  pageSize?: number;
}

export function pypiSource(opts: PypiSourceOptions = {}): Source {
  const base = (opts.baseUrl ?? DEFAULT_PYPI_URL).replace(/\/+$/, "");
  const size = Math.max(1, Math.floor(opts.pageSize ?? PYPI_PAGE_SIZE));
  let known: string[] = [];
  // A page starts at the first known name at or after its cursor, so a resumed crawl goes on from
  // where it stopped even when the known names changed meanwhile.
  const startOf = (cursor: string | null) => (cursor ? known.findIndex((n) => n >= cursor) : 0);
  return {
    name: "pypi",
    incremental: false,
    async start(ctx: SourceContext): Promise<void> {
      known = [...new Set(await ctx.aliasValues("pypi"))].sort();
    },
    pageUrl(cursor: string | null): string {
      // Names the page (the catalog keeps a row per page); nothing is fetched from it.
      return `${base}/pypi/?known-from=${encodeURIComponent(cursor ?? "")}`;
    },
    listPage(cursor: string | null): unknown {
      const from = startOf(cursor);
      const projects = from < 0 ? [] : known.slice(from, from + size);
      const next = from < 0 ? undefined : known[from + size];
      return { projects, ...(next ? { next } : {}) };
    },
    parsePage(body: unknown): ParsedPage {
      const page = listSchema.safeParse(body);
      if (!page.success) throw new SourceFormatError("pypi", `not a list of known projects (${describeIssue(page.error)})`);
      return { records: page.data.projects.map(candidate), skipped: [], ...(page.data.next ? { next: page.data.next } : {}) };
    },
    detailUrl(record: SourceRecord): string {
      return `${base}/pypi/${encodeURIComponent(record.sourceId)}/json`;
    },
    parseDetail: parsePypiProject,
    // The stored raw is the project's JSON without its release files, which parsePypiProject never reads.
    storedDetail: (raw: unknown) => raw,
    // A coordinate whose project cannot be read says nothing new: skipped and counted.
    detailRequired: true,
  };
}
