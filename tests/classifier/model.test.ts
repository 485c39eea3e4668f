import { describe, expect, it } from "vitest";
import { classifyServer, classifyTool, type Classification } from "../../classifier/classify.js";
import { featureId, KIND, toolFeatures, type Features } from "../../classifier/features.js";
import { hintClassOf } from "../../classifier/hints.js";
import { decodeModel, emptyWeights, encodeModel, modelFileSchema, predict, shippedModel, strongestEvidence, type Model } from "../../classifier/model.js";
import { readTool } from "../../classifier/signals.js";
import type { ToolInput } from "../../classifier/tool.js";

const tool = (name: string, description?: string, extra: Partial<ToolInput> = {}): ToolInput => ({ name, description, annotations: undefined, ...extra });

function modelWith(entries: [id: number, w: [number, number, number]][], temperature = 1): Model {
  const weights = emptyWeights();
  for (const [id, w] of entries) weights.set(w, id * 3);
  return { weights, temperature, trainedOn: { servers: 7, labelledTools: 321 } };
}

describe("features", () => {
  it("tell a word's place apart: first in the name, last in the name, in the description", () => {
    const t = tool("delete_thing", "delete it");
    const f = toolFeatures(t, readTool(t), "destructive");
    expect(f.ids).toContain(featureId(KIND.nameFirst, "delete"));
    expect(f.ids).toContain(featureId(KIND.descriptionWord, "delete"));
    expect(f.ids).toContain(featureId(KIND.descriptionPair, "delete", "it"));
    expect(f.ids).toContain(featureId(KIND.ruleCategory, "destructive"));
    expect(featureId(KIND.nameFirst, "delete")).not.toBe(featureId(KIND.nameLast, "delete"));
    const g = toolFeatures(tool("thing_delete"), readTool(tool("thing_delete")), "destructive");
    expect(g.ids).toContain(featureId(KIND.nameLast, "delete"));
    expect(g.ids).not.toContain(featureId(KIND.nameFirst, "delete"));
  });

  it("tell a schema listing no arguments from a tool listed without its schema", () => {
    const features = (t: ToolInput) => toolFeatures(t, readTool(t), "read").ids;
    const none = features(tool("list_items", "Lists items", { inputSchema: { type: "object", properties: {} } }));
    const unlisted = features(tool("list_items", "Lists items"));
    expect(none).toContain(featureId(KIND.argumentCount, "none"));
    expect(unlisted).toContain(featureId(KIND.argumentCount, "unknown"));
    expect(unlisted).not.toContain(featureId(KIND.argumentCount, "none"));
  });

  it("never include the annotations: the model predicts them", () => {
    const plain = tool("get_x", "Gets x");
    const annotated = tool("get_x", "Gets x", { annotations: { readOnlyHint: true, destructiveHint: false } });
    expect(toolFeatures(annotated, readTool(annotated), "read").ids).toEqual(toolFeatures(plain, readTool(plain), "read").ids);
  });
});

describe("the weights file", () => {
  it("round-trips through its compact form to the thousandth", () => {
    const m = modelWith([
      [5, [1.2345, -0.5, 0]],
      [262_143, [0, 0, -3.25]],
    ], 1.35);
    const file = modelFileSchema.parse(JSON.parse(JSON.stringify(encodeModel(m))));
    const back = decodeModel(file);
    expect(back.temperature).toBe(1.35);
    expect(back.trainedOn).toEqual(m.trainedOn);
    expect(Array.from(back.weights.slice(15, 18)).map((x) => Math.round(x * 1000) / 1000)).toEqual([1.235, -0.5, 0]);
    expect(back.weights[262_143 * 3 + 2]).toBeCloseTo(-3.25, 5);
    expect(back.weights.reduce((n, x) => n + (x !== 0 ? 1 : 0), 0)).toBe(3);
  });

  it("a truncated weights string is refused with the reason", () => {
    const file = encodeModel(modelWith([[5, [1, 0, 0]]]));
    expect(() => decodeModel({ ...file, weights: Buffer.from([1, 2, 3]).toString("base64") })).toThrow(/whole number of 10-byte entries/);
  });

  it("ships in classifier/ and loads", () => {
    const m = shippedModel();
    expect(m).not.toBeNull();
    expect(m!.trainedOn.labelledTools).toBeGreaterThan(0);
  });
});

describe("inference", () => {
  const frob = featureId(KIND.nameFirst, "frobnicate");
  const model = modelWith([[frob, [0, 0, 6]]]);

  it("sums the features' weights into calibrated probabilities", () => {
    const t = tool("frobnicate_widget", "");
    const p = predict(model, toolFeatures(t, readTool(t), undefined));
    expect(p[2]).toBeGreaterThan(0.99);
    const hot = predict({ ...model, temperature: 3 }, toolFeatures(t, readTool(t), undefined));
    expect(hot[2]).toBeLessThan(p[2]!);
    expect(hot[2]).toBeGreaterThan(hot[1]!);
  });

  it("names the evidence that weighed most, in words", () => {
    const t = tool("frobnicate_widget", "");
    const f: Features = toolFeatures(t, readTool(t), undefined);
    expect(strongestEvidence(model, f, 2, 2)).toEqual(["'frobnicate' first in the name"]);
    expect(strongestEvidence(model, f, 0, 2)).toEqual([]);
  });

  it("decides the hints, and the rationale quotes the learned evidence with its share", () => {
    const [c] = classifyServer({ name: "s", tools: [tool("frobnicate_widget", "")] }, { model });
    expect(c!.hints).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(c!.category).toBe("destructive");
    expect(c!.confidence).toBeGreaterThan(0.99);
    expect(c!.rationale).toContain("Learned from 321 annotated tools of 7 servers: 'frobnicate' first in the name weighs most; tools like this one are destructive in 100% of cases.");
  });

  it("never names a bare function word as its evidence, and says 'weighs' of one piece", () => {
    const model = shippedModel();
    const tools = [{ name: "pay", description: "Send money to a recipient via Stripe" }, { name: "execute", description: "Execute a GraphQL operation against the graph" }];
    for (const c of classifyServer({ name: "x", tools }, { model })) {
      expect(c.rationale).not.toMatch(/'(?:to|a|an|the|on|are|and|of|in|for|with)' in the description/);
      const weighed = /servers: (.*) (weighs|weigh) most;/.exec(c.rationale);
      if (weighed) expect(weighed[2]).toBe(weighed[1]!.includes(" and ") ? "weigh" : "weighs");
    }
  });

  it("crosses the rules' read axis only when sure", () => {
    const listWord = featureId(KIND.nameFirst, "list");
    const unsure = modelWith([[listWord, [0, 1.2, 0]]]);
    const sure = modelWith([[listWord, [0, 6, 0]]]);
    const t = tool("list_widgets", "Lists the widgets");
    expect(classifyTool(t, undefined, { model: unsure }).category).toBe("read");
    expect(classifyTool(t, undefined, { model: unsure }).hints.readOnlyHint).toBe(true);
    expect(classifyTool(t, undefined, { model: sure }).category).toBe("write");
    expect(classifyTool(t, undefined, { model: sure }).hints.readOnlyHint).toBe(false);
  });

  it("crosses a reading that rests on one word as often a noun more readily", () => {
    const leaningRead = modelWith([[featureId(KIND.nameFirst, "market"), [1.2, 0, 0]]]);
    // "Trade" might be the verb; the model's 62% for a read outweighs it, where it would not outweigh a plain verb.
    expect(classifyTool(tool("market_history", "Trade history for a market"), undefined, { model: leaningRead }).category).toBe("read");
    expect(classifyTool(tool("market_history", "Trade history for a market"), undefined, { model: null }).category).not.toBe("read");
    expect(classifyTool(tool("market_add", "Adds a market"), undefined, { model: leaningRead }).category).toBe("write");
  });

  it("money moved is sure of changing something, however split between a write and a destruction", () => {
    const split = modelWith([[featureId(KIND.nameFirst, "refund"), [0, 1, 1]]]);
    const c = classifyTool(tool("refund_payment", "Refund a payment"), undefined, { model: split });
    expect(c.category).toBe("financial");
    // Each class of change has 42%; that it changes something, 84%.
    expect(c.confidence).toBeCloseTo(0.84, 2);
  });

  it("with nothing in the text, a destruction needs a model more than even sure; less, it is a write that may destroy", () => {
    const frob = featureId(KIND.nameFirst, "frob");
    const leaning = classifyTool(tool("frob_widget"), undefined, { model: modelWith([[frob, [0, 0, 0.6]]]) });
    expect(leaning.category).toBe("write");
    expect(leaning.hints.destructiveHint).toBe(true);
    expect(classifyTool(tool("frob_widget"), undefined, { model: modelWith([[frob, [0, 0, 3]]]) }).category).toBe("destructive");
  });

  it("with nothing in the text, a text that acts on something is read only where the model puts a read over even odds", () => {
    const trim = featureId(KIND.nameFirst, "trim");
    // A read at 45% is the three classes' argmax (write and destruction 27% each), yet under even odds.
    const unsure = modelWith([[trim, [0.5, 0, 0]]]);
    const acts = classifyTool(tool("trim_clip", "Trim a clip at its in or out edge."), undefined, { model: unsure });
    expect(acts.category).toBe("write");
    expect(acts.hints.readOnlyHint).toBe(false);
    expect(acts.confidence).toBeCloseTo(0.55, 2);
    expect(acts.rationale).toContain("read-only in only 45% of cases, under even odds");
    // A noun-phrase text is the model's to read at those odds; a read it is sure of is a read either way.
    expect(classifyTool(tool("trim_clip", "Clip trim points of the timeline, in frames."), undefined, { model: unsure }).category).toBe("read");
    expect(classifyTool(tool("trim_clip", "Trim a clip at its in or out edge."), undefined, { model: modelWith([[trim, [1.5, 0, 0]]]) }).category).toBe("read");
  });

  it("a destructive leading verb is never read, however sure the model is", () => {
    const wrong = modelWith([[featureId(KIND.nameFirst, "delete"), [20, 0, 0]]]);
    const c: Classification = classifyTool(tool("delete_widget", "Deletes a widget"), undefined, { model: wrong });
    expect(c.category).not.toBe("read");
    expect(c.hints.readOnlyHint).toBe(false);
    expect(c.risk).not.toBe("low");
  });

  it("never makes a change the text calls non-additive additive, however sure it is", () => {
    const sureWrite = modelWith([[featureId(KIND.nameFirst, "save"), [0, 20, 0]]]);
    const overwrite = classifyTool(tool("save_file", "Write a file, overwriting the existing one"), undefined, { model: sureWrite });
    expect(overwrite.category).toBe("write");
    expect(overwrite.hints.destructiveHint).toBe(true);
    // Where the text says nothing of the kind, a sure model decides.
    expect(classifyTool(tool("save_draft", "Save a draft"), undefined, { model: modelWith([[featureId(KIND.nameFirst, "save"), [0, 0, 20]]]) }).hints.destructiveHint).toBe(true);
  });

  it("with model null the rules decide alone and the hints follow the category", () => {
    const c = classifyTool(tool("write_file", "Write content to a file, overwriting it if it exists", { inputSchema: { properties: { path: {}, content: {} } } }), undefined, { model: null });
    expect(c.rationale).not.toContain("Learned from");
    expect(hintClassOf(c.hints)).toBe("destructive");
  });
});
