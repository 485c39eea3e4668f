import { describe, expect, it } from "vitest";
import { classifyServer, classifyTool } from "../../classifier/classify.js";
import { benchClassifier, labelledServers, worldServers } from "../../scripts/dev/bench/classifier.js";

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
