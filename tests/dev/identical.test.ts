import { describe, expect, it } from "vitest";
import { classifyServer, type ServerContext } from "../../classifier/classify.js";
import { worldServers } from "../../scripts/dev/bench/classifier.js";
import { compareVerdicts, main } from "../../scripts/dev/bench/identical.js";

describe("compareVerdicts", () => {
  const sets = [{ label: "world", servers: worldServers({ tools: 200, seed: 5 }) }];
  const total = sets[0]!.servers.reduce((n, s) => n + s.tools.length, 0);

  it("finds nothing between a classifier and itself, and counts every tool", () => {
    expect(compareVerdicts(sets, (s) => classifyServer(s), (s) => classifyServer(s))).toEqual({ tools: total, differences: [] });
  });

  it("names the tool and the first field that differs", () => {
    const target = sets[0]!.servers[1]!;
    const changed = (s: ServerContext) => classifyServer(s).map((c, i) => (s === target && i === 0 ? { ...c, rationale: `${c.rationale} ` } : c));
    const { differences } = compareVerdicts(sets, (s) => classifyServer(s), changed);
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatchObject({ set: "world", server: target.name, tool: target.tools[0]!.name, field: "rationale" });
    expect(differences[0]!.head).toBe(`${differences[0]!.base.slice(0, -1)} "`);
  });

  it("notices a field added or removed", () => {
    const extra = (s: ServerContext) => classifyServer(s).map((c) => ({ ...c, reviewedBy: { model: "x", promptVersion: "p" } }));
    expect(compareVerdicts(sets, (s) => classifyServer(s), extra).differences[0]?.field).toBe("fields");
  });
});

describe("identical's flags", () => {
  it("refuses a --show that is not a whole number, naming it, and exits 2 before building anything", async () => {
    for (const value of ["ten", "", "1e1", "0x10", "2.5", "-1"]) {
      let out = "";
      let err = "";
      const code = await main(["--base", "no-such-ref-r7", `--show=${value}`], (s) => (out += s), (s) => (err += s));
      expect(code, JSON.stringify(value)).toBe(2);
      expect(out).toBe("");
      expect(err).toContain(`identical: --show takes a whole number from 0; got ${JSON.stringify(value)}`);
    }
  });
});
