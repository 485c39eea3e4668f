// The labelled data the evaluation and training read: the harvested corpus (every listed server, labelled or
// not) and the hand-collected fixtures, each server with its vendor group and its tools' declared hints.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { ToolAnnotations, ToolInput } from "../../../classifier/tool.js";
import { parseToolList } from "../../../crawler/distinct-tools.js";
import { Corpus } from "../corpus/corpus-data.js";
import { ExcludedPackages } from "../corpus/excluded.js";
import { vendorGroups, type GroupMember } from "./groups.js";
import { labelFromHints, type Label } from "./labels.js";

export type Table = "corpus" | "fixtures";

/** One server's tools, as the classifier sees them (annotations removed), with what the server declared. */
export interface ServerData {
  /** The package name (corpus) or the fixture file's name without `.jsonl`. */
  server: string;
  table: Table;
  /** The vendor group: every server of a group lands in one fold. */
  group: string;
  /** `name@version` for corpus packages. */
  version?: string;
  /** The tools without their annotations: what the classifier is given. */
  tools: ToolInput[];
  /** The annotations each tool declared, as given. */
  declared: (ToolAnnotations | undefined)[];
  /** The label each tool's hints give, when they give one. */
  labels: (Label | undefined)[];
  /** Why a reviewer would agree a label is wrong, by tool name. */
  disputed: Map<string, string>;
}

export interface Dataset {
  servers: ServerData[];
}

export const disputedSchema = z.array(z.object({ id: z.string().min(1), reason: z.string().min(20) }).strict());
export type Disputed = z.infer<typeof disputedSchema>[number];

/** The paths the data comes from, relative to the repository root. */
export const DATA_PATHS = {
  corpus: "scripts/dev/corpus/data",
  corpusDisputed: "scripts/dev/eval/disputed.json",
  fixtures: "tests/fixtures/labeled",
  excluded: "../shared/eval/excluded-packages.txt",
} as const;

/**
 * Per tests/fixtures/labeled/SOURCES.md: buildkite, kube-lint and apollo mark read tools readOnlyHint: true
 * and leave write tools with no hint at all, so in those files an absent readOnlyHint means "writes".
 */
export const ABSENT_READONLY_MEANS_WRITE = new Set(["docker-mcp-registry-buildkite", "docker-mcp-registry-kube-lint-mcp", "docker-mcp-registry-apollo-mcp-server"]);

function readDisputed(path: string): Map<string, string> {
  if (!existsSync(path)) return new Map();
  return new Map(disputedSchema.parse(JSON.parse(readFileSync(path, "utf8"))).map((d) => [d.id, d.reason]));
}

function disputesOf(all: Map<string, string>, server: string): Map<string, string> {
  const prefix = `${server}/`;
  const out = new Map<string, string>();
  for (const [id, reason] of all) if (id.startsWith(prefix)) out.set(id.slice(prefix.length), reason);
  return out;
}

function withoutAnnotations(t: ToolInput): ToolInput {
  return { name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema, annotations: undefined };
}

const fixtureLineSchema = z
  .object({ server: z.string(), source: z.object({ repo: z.string(), path: z.string() }).loose() })
  .loose();

interface Draft extends Omit<ServerData, "group"> {
  member: GroupMember;
}

function corpusDrafts(root: string, excluded: ExcludedPackages): Draft[] {
  const dir = join(root, DATA_PATHS.corpus);
  const corpus = Corpus.load(dir, excluded);
  const disputed = readDisputed(join(root, DATA_PATHS.corpusDisputed));
  const drafts: Draft[] = [];
  for (const [pkg, records] of [...corpus.tools].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const entry = corpus.entries.get(pkg);
    const { tools } = parseToolList(records);
    const declared = tools.map((t) => t.annotations);
    drafts.push({
      server: pkg,
      table: "corpus",
      ...(entry?.version ? { version: entry.version } : {}),
      tools: tools.map(withoutAnnotations),
      declared,
      labels: declared.map((a) => labelFromHints(a)),
      disputed: disputesOf(disputed, pkg),
      member: { server: pkg, repository: entry?.repository },
    });
  }
  return drafts;
}

function fixtureDrafts(root: string): Draft[] {
  const dir = join(root, DATA_PATHS.fixtures);
  if (!existsSync(dir)) return [];
  const disputed = readDisputed(join(dir, "disputed.json"));
  const drafts: Draft[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort()) {
    const server = file.replace(/\.jsonl$/, "");
    // A null optional field (a null title in a Docker catalogue copy) is an absent one.
    const items = readFileSync(join(dir, file), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => Object.fromEntries(Object.entries(JSON.parse(l) as Record<string, unknown>).filter(([, v]) => v !== null)));
    const first = fixtureLineSchema.parse(items[0]);
    const { tools } = parseToolList(items);
    const declared = tools.map((t) => t.annotations);
    const absentMeansWrite = ABSENT_READONLY_MEANS_WRITE.has(server);
    // The server's own repository owner ties it to its vendor; a Docker catalogue copy is the same server as
    // the corpus's `docker:<name>` entry.
    const owner = /^([\w.-]+)\/[\w.-]+$/.exec(first.server)?.[1];
    const dockerEntry = first.source.repo === "docker/mcp-registry" ? /^servers\/([^/]+)\//.exec(first.source.path)?.[1] : undefined;
    drafts.push({
      server,
      table: "fixtures",
      tools: tools.map(withoutAnnotations),
      declared,
      labels: declared.map((a) => labelFromHints(a, absentMeansWrite)),
      disputed: disputesOf(disputed, server),
      member: {
        server,
        ...(owner ? { repository: `https://github.com/${first.server}` } : first.source.repo !== "docker/mcp-registry" ? { repository: `https://github.com/${first.source.repo}` } : {}),
        ...(dockerEntry ? { keys: [`server:docker:${dockerEntry}`] } : {}),
      },
    });
  }
  return drafts;
}

/** Reads the corpus (evaluation packages dropped by name, whatever the data holds) and the labelled fixtures. */
export function loadDataset(root: string): Dataset {
  const excluded = ExcludedPackages.read(join(root, DATA_PATHS.excluded));
  const drafts = [...corpusDrafts(root, excluded), ...fixtureDrafts(root)];
  const groups = vendorGroups(drafts.map((d) => d.member));
  return { servers: drafts.map(({ member, ...d }) => ({ ...d, group: groups.get(d.server)! })) };
}

/** How many tools of a server carry a label. */
export function labelledCount(s: ServerData): number {
  return s.labels.reduce((n, l) => n + (l ? 1 : 0), 0);
}
