// The tools read from servers' public source on GitHub: every line parses, none is of an evaluation package, its
// repository or a copy of it, nor of a server the corpus lists; each declares a hint; the report scores each of them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shippedModel } from "../../classifier/model.js";
import { DATA_PATHS, loadDataset } from "../../scripts/dev/eval/dataset.js";
import { FROM_GITHUB_PATH, fromGithubReport, readGithubTools } from "../../scripts/dev/eval/from-github.js";
import { labelFromHints } from "../../scripts/dev/eval/labels.js";
import { projectRoot } from "../../scripts/project-root.js";

const root = projectRoot();
const tools = readGithubTools(join(root, FROM_GITHUB_PATH));
const lines = (path: string) => readFileSync(join(root, path), "utf8").split("\n").map((l) => l.trim().toLowerCase()).filter((l) => l && !l.startsWith("#"));

describe("real tools read from servers' public source on GitHub", () => {
  it("holds no evaluation package, repository or copy, nor a server the corpus lists", () => {
    const excluded = new Set([
      ...lines(DATA_PATHS.excluded),
      ...lines("scripts/dev/corpus/excluded-repositories.txt"),
      ...lines("scripts/dev/corpus/evaluation-copies.txt"),
    ]);
    const listed = new Set(loadDataset(root).servers.map((s) => s.server.toLowerCase()));
    for (const server of new Set(tools.map((t) => t.server.toLowerCase()))) {
      expect(excluded.has(server) || excluded.has(`https://github.com/${server}`), server).toBe(false);
      expect(listed.has(server), server).toBe(false);
    }
  });

  it("gives every tool a declared hint, once per server, in all three classes, and keeps each server in one batch", () => {
    const ids = tools.map((t) => `${t.server}/${t.name}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(tools.filter((t) => !labelFromHints(t.annotations))).toEqual([]);
    const batchOf = new Map<string, number>();
    for (const t of tools) expect(batchOf.set(t.server, batchOf.get(t.server) ?? t.batch).get(t.server), t.server).toBe(t.batch);
    for (const label of ["read", "write", "destructive"]) expect(tools.filter((t) => labelFromHints(t.annotations)?.threeWay === label).length, label).toBeGreaterThan(50);
  });

  it("scores every tool with the rules alone and the shipped design", () => {
    const r = fromGithubReport(root, shippedModel());
    expect(r.tools).toBe(tools.length);
    expect(r.learned.tools).toBe(tools.length);
    expect(r.rulesOnly.tools).toBe(tools.length);
    expect(r.servers).toBe(new Set(tools.map((t) => t.server)).size);
    expect(r.batches.map((b) => b.batch)).toEqual([1, 2, 3]);
    expect(r.batches.reduce((n, b) => n + b.learned.tools, 0)).toBe(tools.length);
    expect(r.injectionFlagged).toBeGreaterThanOrEqual(0);
    expect(r.injectionFlagged).toBeLessThanOrEqual(r.tools);
  });
});
