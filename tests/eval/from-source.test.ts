// The tools read from the files of servers that could not be listed here: every line parses, none is of a package the
// classifier is measured on or of a server the corpus lists, a bad line is named by its line, and the report scores
// every labelled tool, by the servers' own hints and by ours.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shippedModel } from "../../classifier/model.js";
import { DATA_PATHS, loadDataset } from "../../scripts/dev/eval/dataset.js";
import { FROM_SOURCE_PATH, fromSourceReport, readSourceTools } from "../../scripts/dev/eval/from-source.js";
import { projectRoot } from "../../scripts/project-root.js";

const root = projectRoot();
const tools = readSourceTools(join(root, FROM_SOURCE_PATH));

describe("real tools read from their servers' published files", () => {
  it("holds whole servers, none measured on nor listed in the corpus, with our labels and some servers' own hints", () => {
    const excluded = new Set(readFileSync(join(root, DATA_PATHS.excluded), "utf8").split("\n").map((l) => l.trim()));
    const listed = new Set(loadDataset(root).servers.map((s) => s.server));
    for (const pkg of new Set(tools.map((t) => t.package))) {
      expect(excluded.has(pkg), pkg).toBe(false);
      expect(listed.has(pkg), pkg).toBe(false);
    }
    const ids = tools.map((t) => `${t.package}/${t.name}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const label of ["read", "write", "destructive"]) expect(tools.filter((t) => t.label === label).length, label).toBeGreaterThan(100);
    expect(new Set(tools.filter((t) => t.annotations).map((t) => t.package)).size).toBeGreaterThanOrEqual(5);
    // A server is labelled by us or declares its hints, never both: ours are for servers that declare none.
    const declaring = new Set(tools.filter((t) => t.annotations).map((t) => t.package));
    expect(tools.filter((t) => t.label && declaring.has(t.package))).toEqual([]);
  });

  it("names a bad line by its line", () => {
    const file = join(mkdtempSync(join(tmpdir(), "from-source-")), "tools.jsonl");
    writeFileSync(file, `${JSON.stringify({ package: "p", version: "1.0.0", file: "index.js", name: "t", description: "", label: "gone" })}\n`);
    expect(() => readSourceTools(file)).toThrow(/tools\.jsonl:1: /);
    // … counted with the blank lines before it.
    writeFileSync(file, `\n\n${JSON.stringify({ package: "p", version: "1.0.0", file: "index.js", name: "t", description: "", label: "gone" })}\n`);
    expect(() => readSourceTools(file)).toThrow(/tools\.jsonl:3: /);
  });

  it("scores every labelled tool with the rules alone and the shipped design, and the sure labels apart", () => {
    const r = fromSourceReport(root, shippedModel());
    const ours = tools.filter((t) => t.label);
    expect(r.ours.learned.tools).toBe(ours.length);
    expect(r.ours.rulesOnly.tools).toBe(ours.length);
    expect(r.ours.learnedSure.tools).toBe(ours.filter((t) => !t.unsure).length);
    expect(r.declared.learned.tools).toBe(tools.filter((t) => t.annotations && (t.annotations.readOnlyHint !== undefined || t.annotations.destructiveHint !== undefined)).length);
    expect(r.tools).toBe(tools.length);
  });
});
