// The probe sets: they parse, they are scored as the corpus is (hints for the shipped design, category for the rules
// alone), a bad line is named with its file and line, and every set is large and varied enough to mean something.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shippedModel } from "../../classifier/model.js";
import { evaluate } from "../../scripts/dev/eval/metrics.js";
import { PROBE_PATHS, probeReports, probeRows, readProbes } from "../../scripts/dev/eval/probes.js";
import { RULES_ONLY, shippedDesign } from "../../scripts/dev/eval/systems.js";
import { projectRoot } from "../../scripts/project-root.js";

const root = projectRoot();

describe("the probe sets", () => {
  it.each(Object.entries(PROBE_PATHS))("%s parses: 200+ tools over 15+ servers, every label, hard cases and other languages", (_, path) => {
    const tools = readProbes(join(root, path));
    expect(tools.length).toBeGreaterThanOrEqual(200);
    expect(new Set(tools.map((t) => t.server)).size).toBeGreaterThanOrEqual(15);
    for (const label of ["read", "write", "destructive"]) expect(tools.filter((t) => t.label === label).length, label).toBeGreaterThan(40);
    expect(tools.filter((t) => t.hard).length / tools.length).toBeGreaterThan(0.3);
    expect(tools.filter((t) => /[^\x00-\x7f]{3}/.test(t.tool.description ?? "")).length).toBeGreaterThan(10);
  });

  it("names a bad line by its file and line number", () => {
    const dir = mkdtempSync(join(tmpdir(), "probes-"));
    const file = join(dir, "bad.jsonl");
    writeFileSync(file, `${JSON.stringify({ server: "s", domain: "d", name: "list_x", description: "Lists x.", label: "read", hard: false, why: "reads" })}\n${JSON.stringify({ server: "s", domain: "d", name: "drop_x", label: "gone", hard: false, why: "" })}\n`);
    expect(() => readProbes(file)).toThrow(/bad\.jsonl:2: /);
  });

  it("scores the shipped design by its hints and the rules alone by their category", () => {
    const tools = [
      { tool: { name: "reset_layout", description: "Resets the saved layout to the default." }, server: "s", domain: "d", label: "destructive" as const, hard: false, why: "" },
      { tool: { name: "list_layouts", description: "Lists saved layouts." }, server: "s", domain: "d", label: "read" as const, hard: false, why: "" },
    ];
    // A reset is a write for policy (category) and not additive in the hints.
    const [shipped, rules] = probeRows(tools, [shippedDesign(shippedModel()), RULES_ONLY]);
    expect(shipped.map((r) => r.predicted)).toEqual(["destructive", "read"]);
    expect(rules.map((r) => r.predicted)).toEqual(["write", "read"]);
    expect(evaluate(rules).threeWayAgreement.right).toBe(1);
  });

  it("reports every set for both classifiers", () => {
    const reports = probeReports(root, shippedModel());
    expect(reports.map((r) => r.name)).toEqual(Object.keys(PROBE_PATHS));
    for (const r of reports) expect(r.learned.tools).toBe(r.tools);
  });
});
