import { describe, expect, it } from "vitest";
import { classifierFigure, worldServers } from "../../scripts/dev/bench/classifier.js";
import { describeEntries, summarizeProfile } from "../../scripts/dev/bench/profile.js";

const frame = (functionName: string, url = "") => ({ functionName, url, lineNumber: 9, columnNumber: 0, scriptId: "1" });

describe("summarizeProfile", () => {
  // root → profiledWork → decide → quoteText; root → dispatch (the profiler's own stop); root → GC
  const profile = {
    nodes: [
      { id: 1, callFrame: frame("(root)"), children: [2, 5, 6] },
      { id: 2, callFrame: frame("profiledWork", "file:///x/scripts/dev/bench/profile.js"), children: [3] },
      { id: 3, callFrame: frame("decide", "file:///x/classifier/classify.js"), children: [4] },
      { id: 4, callFrame: frame("quoteText", "file:///x/classifier/quote.js") },
      { id: 5, callFrame: frame("dispatch") },
      { id: 6, callFrame: frame("(garbage collector)") },
    ],
    samples: [3, 3, 4, 5, 6, 3],
    timeDeltas: [10, 10, 20, 500, 10, 10],
  };

  it("counts the work's frames and garbage collection, not the profiler's own", () => {
    const s = summarizeProfile(profile);
    expect(s.functions).toEqual([
      { name: "decide (classifier/classify.js:10)", share: 0.5 },
      { name: "quoteText (classifier/quote.js:10)", share: 1 / 3 },
      { name: "(garbage collector)", share: 1 / 6 },
    ]);
    expect(s.modules.map((m) => m.name)).toEqual(["classifier/classify.js", "classifier/quote.js", "(garbage collector)"]);
    expect(describeEntries(s.modules.slice(0, 1))).toBe("classifier/classify.js 50%");
  });

  it("keeps the largest entries only", () => {
    expect(summarizeProfile(profile, 1).functions).toHaveLength(1);
  });
});

describe("classifierFigure", () => {
  const servers = worldServers({ tools: 100, seed: 2 });

  it("gives a missed target its measured cause: where a profile of the classifier finds the time", async () => {
    const f = await classifierFigure("world", servers, { toolsPerSecond: 10, cpuToolsPerSecond: 20, tools: 100, seconds: 1, runs: 3 }, 0, "d");
    expect(f).toMatchObject({ value: 10, unit: "tools/s", target: { op: ">=", value: 100_000 }, met: false });
    expect(f.why).toMatch(/classifier\/[\w-]+\.[jt]s \d+%/);
    expect(f.detail).toBe("median of 3 runs; 20 tools per second of CPU time; d");
  });

  it("explains nothing when the target is met", async () => {
    const f = await classifierFigure("world", servers, { toolsPerSecond: 200_000, cpuToolsPerSecond: 200_000, tools: 100, seconds: 1, runs: 1 }, 0, "d");
    expect(f.met).toBe(true);
    expect(f.why).toBeUndefined();
  });
});
