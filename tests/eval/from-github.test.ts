// The tools read from servers' public source on GitHub: every line parses, none is of an evaluation package, its
// repository or a copy, nor shares a server name or a tool text with the corpus, the fixtures or the tools read from
// npm; each declares a hint; each server lies in one batch with at most 60 tools. That the evaluation scores each
// of them is tested on `npm run eval -- --json` (tests/eval/cross-validate.test.ts), which classifies them once.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExcludedPackages } from "../../scripts/dev/corpus/excluded.js";
import { readRepositoryList } from "../../scripts/dev/corpus/excluded-repositories.js";
import { DATA_PATHS, loadDataset } from "../../scripts/dev/eval/dataset.js";
import { FROM_GITHUB_PATH, readGithubTools } from "../../scripts/dev/eval/from-github.js";
import { FROM_SOURCE_PATH, readSourceTools } from "../../scripts/dev/eval/from-source.js";
import { labelFromHints } from "../../scripts/dev/eval/labels.js";
import { projectRoot } from "../../scripts/project-root.js";

const root = projectRoot();
const tools = readGithubTools(join(root, FROM_GITHUB_PATH));

describe("real tools read from servers' public source on GitHub", () => {
  it("holds no evaluation package, repository or copy, nor a server or a tool text the classifier was built or measured on", () => {
    const excluded = ExcludedPackages.read(join(root, DATA_PATHS.excluded)).withRepositories([
      ...(readRepositoryList(join(root, "scripts/dev/corpus/excluded-repositories.txt")) ?? []),
      ...(readRepositoryList(join(root, "scripts/dev/corpus/evaluation-copies.txt")) ?? []),
    ]);
    const data = loadDataset(root);
    const fromNpm = readSourceTools(join(root, FROM_SOURCE_PATH));
    const knownServers = new Set([...data.servers.map((s) => s.server), ...fromNpm.map((t) => t.package)].map((s) => s.toLowerCase()));
    // A text long enough to be a server's own, not a stock phrase ("Get a user").
    const own = (d: string | undefined) => (d && d.trim().length > 25 ? d.trim() : undefined);
    const knownTexts = new Set([...data.servers.flatMap((s) => s.tools.map((t) => own(t.description))), ...fromNpm.map((t) => own(t.description))].filter(Boolean));
    for (const server of new Set(tools.map((t) => t.server))) {
      expect(excluded.has(server) || excluded.hasRepository(`https://github.com/${server}`), server).toBe(false);
      expect(knownServers.has(server.toLowerCase()), server).toBe(false);
    }
    expect(tools.filter((t) => knownTexts.has(own(t.description))).map((t) => `${t.server}/${t.name}`)).toEqual([]);
    // The check has something to hold against: the corpus's own texts are in it.
    expect(knownTexts.size).toBeGreaterThan(10_000);
  });

  it("gives every tool a declared hint, once per server, in all three classes, and keeps each server in one batch", () => {
    const ids = tools.map((t) => `${t.server}/${t.name}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(tools.filter((t) => !labelFromHints(t.annotations))).toEqual([]);
    // Each tool in its server's first batch; one assertion naming every tool elsewhere (not an expect per tool: 50,000).
    const batchOf = new Map<string, number>();
    for (const t of tools) if (!batchOf.has(t.server)) batchOf.set(t.server, t.batch);
    expect(tools.filter((t) => batchOf.get(t.server) !== t.batch).map((t) => `${t.server}/${t.name}: batch ${t.batch}, its server's ${batchOf.get(t.server)}`)).toEqual([]);
    for (const label of ["read", "write", "destructive"]) expect(tools.filter((t) => labelFromHints(t.annotations)?.threeWay === label).length, label).toBeGreaterThan(50);
    const perServer = new Map<string, number>();
    for (const t of tools) perServer.set(t.server, (perServer.get(t.server) ?? 0) + 1);
    expect(Math.max(...perServer.values())).toBeLessThanOrEqual(60);
  });
});
