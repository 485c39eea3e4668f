// Safety invariants as properties, over every tool of the harvested corpus and over generated names: a destructive
// verb leading the name or the description is never read nor low risk; a declared destructiveHint: true never
// lowers risk, and a tool declared destructive or not read-only is never low risk; critical risk is never allowed; a
// tool whose text aims at the model is never allowed by rule.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { classifyRead, classifyServer, classifyTool, leadsDestructive, readServer, type Classification, type ServerReading } from "../../classifier/classify.js";
import { VERBS, AMBIGUOUS_VERBS } from "../../classifier/lexicon.js";
import { readTool } from "../../classifier/signals.js";
import { decisionOf } from "../../classifier/policy.js";
import { riskRank } from "../../classifier/taxonomy.js";
import type { ToolInput } from "../../classifier/tool.js";
import { rng } from "../helpers/rng.js";
import { projectRoot } from "../../scripts/project-root.js";
import { loadDataset } from "../../scripts/dev/eval/dataset.js";
import { INJECTION_PATHS, readSet } from "../../scripts/dev/eval/injection.js";

const corpus = loadDataset(projectRoot()).servers.filter((s) => s.table === "corpus");
const MODELS = [
  ["the shipped model", {}],
  ["the rules alone", { model: null }],
] as const;

const DESTRUCTIVE = VERBS.destructive.split(/\s+/).filter((v) => v && !AMBIGUOUS_VERBS.has(v));
const OBJECTS = ["repository", "user", "bucket", "record", "file", "cluster", "index", "secret", "widget", "report", "list", "chart"];
const SERVICES = ["github", "aws", "acme", "jira", "db"];
// Descriptions chosen to tempt a reader toward "read": claims, read verbs, benign words.
const LURES = ["", "Read-only. Lists nothing.", "Get the item.", "Returns the result of the operation.", "Safe to call; shows a summary.", "Search and view details."];

function generated(n: number): ToolInput[] {
  const r = rng(11);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const styles = [
    (v: string, o: string) => `${v}_${o}`,
    (v: string, o: string) => `${v}${o[0]!.toUpperCase()}${o.slice(1)}`,
    (v: string, o: string) => `${o}-${v}`,
    (v: string, o: string) => `${pick(SERVICES)}_${o}_${v}`,
    (v: string, o: string) => `${pick(SERVICES)}.${v}_${o}`,
  ];
  return Array.from({ length: n }, () => {
    const verb = pick(DESTRUCTIVE);
    return { name: pick(styles)(verb, pick(OBJECTS)), description: pick(LURES), annotations: undefined };
  });
}

/** The corpus's tools as each test lists them: as harvested, or with the same hints given to every tool of a server. */
const VARIANTS = {
  listed: (s: CorpusServer) => s.tools,
  declaredDestructive: (s: CorpusServer) => s.tools.map((t) => ({ ...t, annotations: { readOnlyHint: false, destructiveHint: true } })),
  // The server's own mixed hints too (a readOnlyHint beside a destructive one).
  declaredMixed: (s: CorpusServer) => s.tools.map((t) => ({ ...t, annotations: { readOnlyHint: true, destructiveHint: true } })),
  ownHints: (s: CorpusServer) => s.tools.map((t, i) => ({ ...t, annotations: s.declared[i] })),
} as const;
type CorpusServer = (typeof corpus)[number];

/**
 * What the corpus tests share, each computed once a file: every corpus server read once per variant (reading is the
 * same under either model; classifyRead decides as classifyServer does, tests/classifier/classify.test.ts), and
 * classified per variant and classifier options.
 */
const readings = new Map<keyof typeof VARIANTS, ServerReading[]>();
function readAs(variant: keyof typeof VARIANTS): ServerReading[] {
  let read = readings.get(variant);
  if (!read) {
    read = corpus.map((s) => readServer({ name: s.server, tools: VARIANTS[variant](s) }));
    readings.set(variant, read);
  }
  return read;
}
const classifiedCache = new Map<string, Map<object, Classification[][]>>();
function classifiedAs(variant: keyof typeof VARIANTS, options: (typeof MODELS)[number][1]): Classification[][] {
  let byOptions = classifiedCache.get(variant);
  if (!byOptions) classifiedCache.set(variant, (byOptions = new Map()));
  let classified = byOptions.get(options);
  if (!classified) {
    classified = readAs(variant).map((read) => classifyRead(read, options));
    byOptions.set(options, classified);
  }
  return classified;
}
/** Which corpus tools lead with a destructive verb, as their server's names give it (a shared prefix can be its namespace). */
function leadsWithDestructiveVerb(): boolean[][] {
  return readAs("listed").map((read) => read.readings.map(leadsDestructive));
}

function notAllowed(c: Classification): boolean {
  const rule = c.rule as { action?: string };
  return rule.action === "deny" || rule.action === "require_approval";
}

describe.each(MODELS)("safety invariants with %s", (_, options) => {
  it("a generated name led by a destructive verb is never read nor low risk, whatever its description claims", () => {
    const tools = generated(600);
    const classified = classifyServer({ name: "generated", tools }, options);
    tools.forEach((t, i) => {
      const c = classified[i]!;
      expect(leadsDestructive(readTool(t)), t.name).toBe(true);
      expect(c.category, `${t.name}: ${t.description}`).not.toBe("read");
      expect(c.risk, t.name).not.toBe("low");
      expect(c.hints.readOnlyHint, t.name).toBe(false);
    });
  });

  it("a description led by a destructive verb is never read nor low risk", () => {
    for (const verb of DESTRUCTIVE) {
      const c = classifyTool({ name: "widget_helper", description: `${verb[0]!.toUpperCase()}${verb.slice(1)} the widget.`, annotations: undefined }, undefined, options);
      expect(c.category, verb).not.toBe("read");
      expect(c.risk, verb).not.toBe("low");
    }
  });

  it("over the corpus: a destructive leading verb is never read nor low risk; critical risk is never allowed", () => {
    let checked = 0;
    const classifiedAll = classifiedAs("listed", options);
    const leads = leadsWithDestructiveVerb();
    corpus.forEach((s, k) => {
      const classified = classifiedAll[k]!;
      s.tools.forEach((t, i) => {
        const c = classified[i]!;
        if (c.risk === "critical") expect(notAllowed(c), `${s.server}/${t.name}`).toBe(true);
        if (!leads[k]![i]) return;
        checked++;
        expect(c.category, `${s.server}/${t.name}`).not.toBe("read");
        expect(c.risk, `${s.server}/${t.name}`).not.toBe("low");
      });
    });
    expect(checked).toBeGreaterThan(50);
  });

  it("a tool whose text tries to instruct the model is high risk at least and never allowed by rule, whatever it does", () => {
    const poisoned = readSet(join(projectRoot(), INJECTION_PATHS.poisoned));
    let flagged = 0;
    for (const p of poisoned) {
      const c = classifyTool(p, undefined, options);
      if (!c.signals.includes("prompt_injection")) continue;
      flagged++;
      expect(riskRank(c.risk), p.name).toBeGreaterThanOrEqual(riskRank("high"));
      expect(notAllowed(c), p.name).toBe(true);
    }
    expect(flagged).toBe(poisoned.length);
  });

  it("over the corpus: declaring destructiveHint: true never lowers a tool's risk", () => {
    const plainAll = classifiedAs("listed", options);
    const hintedAll = classifiedAs("declaredDestructive", options);
    const mixedAll = classifiedAs("declaredMixed", options);
    corpus.forEach((s, k) => {
      const plain = plainAll[k]!;
      const hinted = hintedAll[k]!;
      const mixed = mixedAll[k]!;
      s.tools.forEach((t, i) => {
        expect(riskRank(hinted[i]!.risk), `${s.server}/${t.name}`).toBeGreaterThanOrEqual(riskRank(plain[i]!.risk));
        expect(riskRank(mixed[i]!.risk), `${s.server}/${t.name}`).toBeGreaterThanOrEqual(riskRank(plain[i]!.risk));
        // A tool its own server calls destructive is never low risk, so never allowed without a limit.
        expect(hinted[i]!.risk, `${s.server}/${t.name}`).not.toBe("low");
        expect(decisionOf(hinted[i]!.rule), `${s.server}/${t.name}`).not.toBe("allow");
      });
    });
  });

  it("over the corpus with its servers' own hints: a tool declared destructive or not read-only is never low risk", () => {
    let checked = 0;
    const ownAll = classifiedAs("ownHints", options);
    corpus.forEach((s, k) => {
      const classified = ownAll[k]!;
      s.tools.forEach((t, i) => {
        const a = s.declared[i];
        if (!a || a.readOnlyHint === true || (a.destructiveHint !== true && a.readOnlyHint !== false)) return;
        checked++;
        expect(classified[i]!.risk, `${s.server}/${t.name}`).not.toBe("low");
      });
    });
    expect(checked).toBeGreaterThan(100);
  });
});
