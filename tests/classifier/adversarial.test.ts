// Generated tools in invented domains, across naming conventions, labels, filler and other languages, checked against
// the safety invariants: a destructive verb leading the name or the description is never read nor low risk (nor
// readOnlyHint); a declared destructiveHint: true never lowers risk; critical risk is never allowed.
import { describe, expect, it } from "vitest";
import { classifyServer, type Classification } from "../../classifier/classify.js";
import { riskRank } from "../../classifier/taxonomy.js";
import type { ToolInput } from "../../classifier/tool.js";
import { rng } from "../helpers/rng.js";

// The destructive verbs and their kin, the ones that are also nouns (drop, clear, flush, empty) included.
const DESTRUCTIVE = ["delete", "remove", "drop", "destroy", "purge", "wipe", "terminate", "revoke", "erase", "truncate", "uninstall", "discard", "evict", "decommission", "expunge", "clear", "flush", "empty", "obliterate", "shred"];
const NOUNS = ["glimmer", "fjord", "quokka", "sprocket", "teapot", "nebula", "ledger", "canvas", "shelf", "voucher", "roster", "beacon", "orchard", "kiln"];
const SERVICES = ["zorb", "quill", "kite", "moxa", "plinth", "vexa"];
// Benign-sounding words put where a category label or a reading verb would tempt a reader toward "read".
const READ_LABELS = ["Search", "List", "View", "Query", "Report", "Status", "Lookup"];
const FILLER_NAMES = ["tool", "helper", "handler", "op", "action", "util"];

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const third = (v: string) => (v.endsWith("y") && !/[aeiou]y$/.test(v) ? `${v.slice(0, -1)}ies` : /(?:s|sh|ch|x)$/.test(v) ? `${v}es` : `${v}s`);

function generate(seed: number, n: number): ToolInput[] {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  // Names that lead with the verb by any convention: verb first, or verb last after a service and a resource.
  const names: ((v: string, o: string) => string)[] = [
    (v, o) => `${v}_${o}`,
    (v, o) => `${pick(SERVICES)}_${o}_${v}`,
    (v, o) => `${o}-${v}`,
    (v, o) => `${v}${cap(o)}`,
    (v, o) => `${cap(v)}${cap(o)}`,
    (v, o) => `${pick(SERVICES)}.${o}.${v}`,
    (v, o) => `${v.toUpperCase()}_${o.toUpperCase()}`,
    (v, o) => `${pick(SERVICES)}__${v}_${o}s`,
    (v, o) => `${o}s/${v}`,
    (v, o) => `${pick(SERVICES)}-${v}-${o}`,
    (v, o) => `bulk_${v}_${o}s`,
    (v, o) => `${pick(SERVICES)}${cap(o)}${cap(v)}`,
  ];
  // Descriptions that lead with the verb, behind labels, filler and lures.
  const descriptions: ((v: string, o: string) => string)[] = [
    (v, o) => `${cap(third(v))} the ${o}.`,
    (v, o) => `[${cap(pick(SERVICES))}] ${cap(v)} a ${o}.`,
    (v, o) => `[${pick(READ_LABELS)} tools] ${cap(v)} a ${o}.`,
    (v, o) => `${pick(READ_LABELS)}: ${cap(v)} the ${o} and everything in it.`,
    (v, o) => `${cap(pick(SERVICES))} | ${cap(v)} ${o}`,
    (v, o) => `Use this tool to ${v} a ${o}.`,
    (v, o) => `This tool ${third(v)} ${o}s.`,
    (v, o) => `${cap(v)} ${o}. Safe to call; read-only metadata is returned.`,
    (v, o) => `${cap(third(v))} the ${o}. Returns the ${o} id.`,
    (v, o) => `${cap(v)} ${o} (${pick(["v2", "beta", "admin"])}). Lists nothing, shows nothing.`,
  ];
  const foreign = ["Supprime le {o}.", "Elimina el {o}.", "Löscht den {o}.", "Exclui o {o}.", "删除{o}", "{o}を削除します", "{o}을 삭제합니다", "Cancella il {o}.", "Удаляет {o}.", "[{o}] 删除记录"];
  const tools: ToolInput[] = [];
  for (let i = 0; i < n; i++) {
    const v = pick(DESTRUCTIVE);
    const o = pick(NOUNS);
    const kind = r();
    // Half lead with the verb in the name; a third only in the description, under a neutral name; the rest in another language.
    if (kind < 0.5) tools.push({ name: pick(names)(v, o), description: r() < 0.5 ? pick(descriptions)(v, o) : pick(["", "Read-only.", "Get the item.", "Search and view details."]), annotations: undefined });
    else if (kind < 0.85) tools.push({ name: `${o}_${pick(FILLER_NAMES)}`, description: pick(descriptions)(v, o), annotations: undefined });
    else tools.push({ name: `${o}_${pick(FILLER_NAMES)}`, description: pick(foreign).replace("{o}", o), annotations: undefined });
  }
  return tools;
}

const MODELS = [
  ["the rules alone", { model: null }],
  ["the shipped model", {}],
] as const;

function allowed(c: Classification): boolean {
  return (c.rule as { action?: string }).action === "allow";
}

describe.each(MODELS)("generated adversarial tools with %s", (_, options) => {
  // Several servers of 40 tools each: siblings matter, so one huge server would not be like a real one.
  const servers = Array.from({ length: 6 }, (_, i) => generate(100 + i, 40));

  it("a tool led by a destructive verb, in its name or its description, is never read, low risk or read-only", () => {
    let checked = 0;
    servers.forEach((tools, s) => {
      const classified = classifyServer({ name: `generated-${s}`, tools }, options);
      tools.forEach((t, i) => {
        const c = classified[i]!;
        const what = `${t.name}: ${t.description}`;
        expect(c.category, what).not.toBe("read");
        expect(c.risk, what).not.toBe("low");
        expect(c.hints.readOnlyHint, what).toBe(false);
        if (c.risk === "critical") expect(allowed(c), what).toBe(false);
        checked++;
      });
    });
    expect(checked).toBe(240);
  });

  it("declaring destructiveHint: true never lowers the risk of a generated tool, led by any verb", () => {
    const r = rng(7);
    const verbs = ["get", "list", "create", "update", "run", ...DESTRUCTIVE.slice(0, 6)];
    const tools: ToolInput[] = Array.from({ length: 120 }, (_, i) => {
      const v = verbs[Math.floor(r() * verbs.length)]!;
      return { name: `${SERVICES[i % SERVICES.length]}_${NOUNS[i % NOUNS.length]}_${v}`, description: `${cap(third(v))} a ${NOUNS[(i * 3) % NOUNS.length]}.`, annotations: undefined };
    });
    const plain = classifyServer({ name: "hinted", tools }, options);
    const hinted = classifyServer({ name: "hinted", tools: tools.map((t) => ({ ...t, annotations: { readOnlyHint: false, destructiveHint: true } })) }, options);
    tools.forEach((t, i) => {
      expect(riskRank(hinted[i]!.risk), t.name).toBeGreaterThanOrEqual(riskRank(plain[i]!.risk));
      if (hinted[i]!.risk === "critical") expect(allowed(hinted[i]!), t.name).toBe(false);
    });
  });
});
