import { describe, expect, it } from "vitest";
import { classifyServer, classifyTool } from "../../classifier/classify.js";
import { benchClassifier, benchFlags, labelledServers, runBench, worldServers } from "../../scripts/dev/bench/classifier.js";

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
    expect(benchFlags([])).toEqual({ seconds: 3, runs: 3, tools: 20_000 });
    expect(benchFlags(["--seconds", "1", "--runs", "5", "--tools", "300"])).toEqual({ seconds: 1, runs: 5, tools: 300 });
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
