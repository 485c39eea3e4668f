// The real tools we labelled: every label parses and names a tool of the corpus, a bad line is named by its line, and
// the report scores every tool for both classifiers, the sure labels apart.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shippedModel } from "../../classifier/model.js";
import { loadDataset } from "../../scripts/dev/eval/dataset.js";
import { OUR_LABELS_PATH, ourLabelledTools, ourLabelsReport, readOurLabels } from "../../scripts/dev/eval/our-labels.js";
import { projectRoot } from "../../scripts/project-root.js";

const root = projectRoot();
const data = loadDataset(root);

describe("real tools labelled by us", () => {
  it("names real corpus tools of servers that declare no hints, every label among them", () => {
    const labels = readOurLabels(join(root, OUR_LABELS_PATH));
    const tools = ourLabelledTools(labels, data);
    expect(tools.length).toBeGreaterThanOrEqual(400);
    for (const label of ["read", "write", "destructive"]) expect(tools.filter((t) => t.label === label).length, label).toBeGreaterThan(40);
    const servers = new Map(data.servers.map((s) => [s.server, s]));
    for (const pkg of new Set(labels.map((l) => l.package))) expect(servers.get(pkg)!.labels.every((l) => l === undefined), pkg).toBe(true);
  });

  it("names a bad line by its line and a tool the corpus lacks by its name", () => {
    const file = join(mkdtempSync(join(tmpdir(), "our-labels-")), "labels.jsonl");
    writeFileSync(file, `${JSON.stringify({ package: "p", name: "t", label: "gone", unsure: false, why: "" })}\n`);
    expect(() => readOurLabels(file)).toThrow(/labels\.jsonl:1: /);
    expect(() => ourLabelledTools([{ package: "no-such-package", name: "t", label: "read", unsure: false, why: "" }], data)).toThrow(/no-such-package\/t/);
  });

  it("scores every tool with the rules alone and the shipped design, and the sure labels apart", () => {
    const r = ourLabelsReport(root, data, shippedModel());
    expect(r.rulesOnly.tools).toBe(r.tools);
    expect(r.learned.tools).toBe(r.tools);
    expect(r.learnedSure.tools).toBe(r.tools - r.unsure);
  });
});
