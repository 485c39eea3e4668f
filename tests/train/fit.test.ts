import { describe, expect, it } from "vitest";
import { classifyTool } from "../../classifier/classify.js";
import { examplesOf } from "../../scripts/dev/train/examples.js";
import { chooseL2, fitModel, FIT_DEFAULTS } from "../../scripts/dev/train/fit.js";
import type { ServerData } from "../../scripts/dev/eval/dataset.js";
import type { Label } from "../../scripts/dev/eval/labels.js";
import type { ToolInput } from "../../classifier/tool.js";

const tool = (name: string, description: string): ToolInput => ({ name, description, annotations: undefined });
const read: Label = { binary: "read", threeWay: "read" };
const destructive: Label = { binary: "not-read", threeWay: "destructive" };

/** Servers whose "zorp" tools are destructive and "blip" tools read: a word the rules do not know. */
function servers(n: number): ServerData[] {
  return Array.from({ length: n }, (_, i) => ({
    server: `server-${i}`,
    table: "corpus" as const,
    group: `group-${i}`,
    tools: [tool(`zorp_item_${i}`, `Zorps the item ${i}`), tool(`blip_item_${i}`, `Blips the item ${i}`), tool(`misc_${i}`, "")],
    declared: [undefined, undefined, undefined],
    labels: [destructive, read, undefined],
    disputed: new Map(),
  }));
}

describe("fitting the model", () => {
  it("learns words the rules do not know, from several servers, and is deterministic", () => {
    const examples = examplesOf(servers(8));
    expect(examples).toHaveLength(16);
    const a = fitModel(examples);
    const b = fitModel(examples);
    expect(Buffer.from(a.model.weights.buffer).equals(Buffer.from(b.model.weights.buffer))).toBe(true);
    expect(a.model.trainedOn).toEqual({ servers: 8, labelledTools: 16 });
    expect(FIT_DEFAULTS.l2).toContain(a.report.l2);
    const zorp = classifyTool(tool("zorp_widget", "Zorps a widget"), undefined, { model: a.model });
    expect(zorp.hints.destructiveHint).toBe(true);
    const blip = classifyTool(tool("blip_widget", "Blips a widget"), undefined, { model: a.model });
    expect(blip.hints.readOnlyHint).toBe(true);
    expect(zorp.rationale).toMatch(/'zorp' first in the name/);
  });

  it("a word only one server uses teaches nothing", () => {
    const examples = examplesOf(servers(1));
    const { model } = fitModel(examples);
    const t = tool("zorp_widget", "");
    const p = classifyTool(t, undefined, { model });
    // Alone, the model keeps to the rules' prior: no verb → the base rate, not "zorp".
    expect(p.rationale).not.toMatch(/'zorp'/);
  });

  it("averages fits on groups drawn with replacement, deterministically, and still learns what most servers teach", () => {
    // Seven servers teach that "zorp" destroys; one odd server calls its zorp tool a read.
    const data = servers(8);
    data[7]!.labels = [read, read, undefined];
    const examples = examplesOf(data);
    const bagged = fitModel(examples, { ...FIT_DEFAULTS, bags: 16 }).model;
    const once = fitModel(examples, { ...FIT_DEFAULTS, bags: 1 }).model;
    expect(Buffer.from(bagged.weights.buffer).equals(Buffer.from(fitModel(examples, { ...FIT_DEFAULTS, bags: 16 }).model.weights.buffer))).toBe(true);
    expect(Buffer.from(bagged.weights.buffer).equals(Buffer.from(once.weights.buffer))).toBe(false);
    expect(classifyTool(tool("zorp_widget", "Zorps a widget"), undefined, { model: bagged }).hints.destructiveHint).toBe(true);
  });

  it("chooses the strongest regularization within one standard error of the lowest held-out loss", () => {
    // A tie, or a lead smaller than the noise, goes to the stronger l2 …
    expect(chooseL2([{ l2: 0.3, logLoss: 0.313, se: 0.02 }, { l2: 1, logLoss: 0.289, se: 0.02 }, { l2: 3, logLoss: 0.2891, se: 0.02 }])).toBe(3);
    expect(chooseL2([{ l2: 1, logLoss: 0.3, se: 0.01 }, { l2: 3, logLoss: 0.305, se: 0.01 }])).toBe(3);
    // … a clear lead keeps the weaker one, and the report says which was taken.
    expect(chooseL2([{ l2: 0.3, logLoss: 0.2, se: 0.01 }, { l2: 1, logLoss: 0.25, se: 0.01 }, { l2: 3, logLoss: 0.3, se: 0.01 }])).toBe(0.3);
    const { report } = fitModel(examplesOf(servers(8)));
    expect(report.l2).toBe(chooseL2(report.heldOut));
    for (const h of report.heldOut) expect(h.se).toBeGreaterThanOrEqual(0);
  });
});
