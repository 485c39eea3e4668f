// The real tool texts the injection reader learns as benign (scripts/dev/train/injection/real-benign.jsonl): every line
// parses, none is of an evaluation package or its repository, nor of a file, a server or a text of the sets the
// injection figures are measured on (the GitHub set, the npm source, the corpus), and they are varied enough to teach.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExcludedPackages } from "../../scripts/dev/corpus/excluded.js";
import { readRepositoryList } from "../../scripts/dev/corpus/excluded-repositories.js";
import { DATA_PATHS, loadDataset } from "../../scripts/dev/eval/dataset.js";
import { FROM_GITHUB_PATH, readGithubTools } from "../../scripts/dev/eval/from-github.js";
import { FROM_SOURCE_PATH, readSourceTools } from "../../scripts/dev/eval/from-source.js";
import { readRealBenign, REAL_BENIGN_PATH } from "../../scripts/dev/train/real-benign.js";
import { projectRoot } from "../../scripts/project-root.js";

const root = projectRoot();
const texts = readRealBenign(join(root, REAL_BENIGN_PATH));

const count = <T>(items: readonly T[], key: (t: T) => string) => {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return m;
};

describe("real benign texts for the injection reader", () => {
  it("holds nothing of an evaluation package nor of a set the injection figures are measured on", () => {
    const excluded = ExcludedPackages.read(join(root, DATA_PATHS.excluded)).withRepositories([
      ...(readRepositoryList(join(root, "scripts/dev/corpus/excluded-repositories.txt")) ?? []),
      ...(readRepositoryList(join(root, "scripts/dev/corpus/evaluation-copies.txt")) ?? []),
    ]);
    const github = readGithubTools(join(root, FROM_GITHUB_PATH));
    const fromNpm = readSourceTools(join(root, FROM_SOURCE_PATH));
    const data = loadDataset(root);
    const files = new Set(github.map((t) => t.indexId));
    const servers = new Set([...github.map((t) => t.server), ...fromNpm.map((t) => t.package), ...data.servers.map((s) => s.server)].map((s) => s.toLowerCase()));
    // A text's opening, long enough to be a server's own and not a stock phrase: a copy of a measured server shares it.
    const opening = (d: string) => (d.trim().length >= 30 ? d.trim().toLowerCase().slice(0, 40) : undefined);
    const measured = new Set(
      [...github.map((t) => t.description), ...fromNpm.map((t) => t.description ?? ""), ...data.servers.flatMap((s) => s.tools.map((t) => t.description ?? ""))].map(opening).filter(Boolean),
    );
    for (const t of texts) {
      expect(files.has(t.indexId), t.indexId).toBe(false);
      expect(servers.has(t.repo.toLowerCase()), t.repo).toBe(false);
      expect(excluded.has(t.repo) || excluded.hasRepository(`https://github.com/${t.repo}`), t.repo).toBe(false);
      expect(measured.has(opening(t.text)), t.text).toBe(false);
    }
    expect(files.size).toBeGreaterThan(5_000);
  });

  it("is varied: many files and languages, English among them, no file or repository dominant, no text twice", () => {
    expect(texts.length).toBeGreaterThan(1_500);
    expect(new Set(texts.map((t) => t.text)).size).toBe(texts.length);
    const languages = count(texts, (t) => t.language);
    expect(languages.size).toBeGreaterThanOrEqual(18);
    expect(languages.get("en")).toBeGreaterThan(500);
    expect(Math.max(...count(texts, (t) => t.indexId).values())).toBeLessThanOrEqual(40);
    expect(Math.max(...count(texts, (t) => t.repo).values())).toBeLessThanOrEqual(60);
  });
});
