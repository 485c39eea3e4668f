import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { classifyServer, classifyTool } from "../../classifier/classify.js";
import { benchClassifier, benchFlags, githubServers, labelledServers, runBench, worldServers } from "../../scripts/dev/bench/classifier.js";
import { FROM_GITHUB_PATH, readGithubTools } from "../../scripts/dev/eval/from-github.js";
import { projectRoot } from "../../scripts/project-root.js";

describe("benchClassifier", () => {
  const world = worldServers({ tools: 2000, seed: 7 });

  it("measures realistic servers: skewed sizes, descriptions, schemas, siblings", () => {
    const sizes = world.map((s) => s.tools.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...sizes)).toBeGreaterThan(30);
    expect(world.every((s) => s.description)).toBe(true);
    const tools = world.flatMap((s) => s.tools);
    expect(tools.filter((t) => t.description).length / tools.length).toBeGreaterThan(0.9);
    expect(tools.filter((t) => t.inputSchema).length / tools.length).toBeGreaterThan(0.9);
    expect(labelledServers().reduce((n, s) => n + s.tools.length, 0)).toBeGreaterThan(200);
  });

  it("is deterministic per seed", () => {
    expect(worldServers({ tools: 300, seed: 3 })).toEqual(worldServers({ tools: 300, seed: 3 }));
  });

  it("counts every tool it classifies", () => {
    const r = benchClassifier(world.slice(0, 20), 0.05);
    expect(r.tools % world.slice(0, 20).reduce((n, s) => n + s.tools.length, 0)).toBe(0);
    expect(r.toolsPerSecond).toBeGreaterThan(0);
  });
});

describe("the GitHub set", () => {
  it("is every tool of the eval's GitHub file, one server per source, as listed with the hints it declares", () => {
    const file = readGithubTools(join(projectRoot(), FROM_GITHUB_PATH));
    const servers = githubServers();
    expect(servers.length).toBe(new Set(file.map((t) => t.server)).size);
    // (a name a server lists twice with different definitions is left out, as the crawler leaves it out)
    expect(servers.reduce((n, s) => n + s.tools.length, 0)).toBeGreaterThan(file.length * 0.99);
    const first = servers.find((s) => s.name === file[0]!.server)!;
    expect(first.tools[0]).toMatchObject({ name: file[0]!.name, annotations: file[0]!.annotations });
  });

  it("is one of the sets the bench names; an unknown name is refused", async () => {
    let err = "";
    expect(await runBench(["--sets", "github,nope"], () => {}, (s) => (err += s))).toBe(2);
    expect(err).toMatch(/no set named "nope"/);
  });
});

describe("siblings in a large server", () => {
  it("classifyServer gives each tool what classifyTool with the whole server gives it", () => {
    const big = [...worldServers({ tools: 3000, seed: 11 })].sort((a, b) => b.tools.length - a.tools.length)[0]!;
    expect(big.tools.length).toBeGreaterThan(50);
    const all = classifyServer(big);
    big.tools.forEach((t, i) => expect(classifyTool(t, big)).toEqual(all[i]));
  });
});

describe("the classifier bench's flags", () => {
  it("reads whole numbers, with the defaults for flags not given", () => {
    expect(benchFlags([])).toEqual({ seconds: 3, runs: 3, tools: 20_000, sets: ["world", "fixtures", "corpus", "github"] });
    expect(benchFlags(["--seconds", "1", "--runs", "5", "--tools", "300", "--sets", "corpus"])).toEqual({ seconds: 1, runs: 5, tools: 300, sets: ["corpus"] });
  });

  it("refuses what Number() took for a number, naming the flag, and exits 2 before measuring anything", async () => {
    for (const [flag, value] of [
      ["--seconds", "abc"],
      ["--seconds", ""],
      ["--seconds", "0"],
      ["--runs", "1e2"],
      ["--runs", "0x10"],
      ["--runs", " 3"],
      ["--tools", "1.5"],
      ["--tools", "-1"],
    ] as const) {
      // --flag=value: parseArgs takes a value that starts with "-" only this way.
      expect(() => benchFlags([`${flag}=${value}`]), `${flag} ${JSON.stringify(value)}`).toThrow(`${flag} takes a whole number from 1; got ${JSON.stringify(value)}`);
      let out = "";
      let err = "";
      const code = await runBench([`${flag}=${value}`], (s) => (out += s), (s) => (err += s));
      expect(code).toBe(2);
      expect(out).toBe("");
      expect(err).toContain(`bench-classifier: ${flag} takes a whole number from 1; got ${JSON.stringify(value)}`);
    }
  });
});
