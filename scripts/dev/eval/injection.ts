// The prompt-injection figures: how many hand-written poisoned descriptions the classifier flags (every family,
// varied wording; a held-out set written after the detector; a second and a third held-out set written by other hands
// without reading the detector), how many benign tools using the families' vocabulary it flags, and how many of the
// corpus's real tools it flags.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { classifyServer, classifyTool } from "../../../classifier/classify.js";
import { INJECTION_FAMILIES } from "../../../classifier/injection-lexicon.js";
import { toolInputSchema, type ToolInput } from "../../../classifier/tool.js";
import type { Dataset } from "./dataset.js";

export const INJECTION_PATHS = {
  poisoned: "scripts/dev/eval/injection/poisoned.jsonl",
  heldOut: "scripts/dev/eval/injection/held-out.jsonl",
  heldOut2: "scripts/dev/eval/injection/held-out-2.jsonl",
  heldOut3: "scripts/dev/eval/injection/held-out-3.jsonl",
  benign3: "scripts/dev/eval/injection/benign-3.jsonl",
  heldOut4: "scripts/dev/eval/injection/held-out-4.jsonl",
  benign4: "scripts/dev/eval/injection/benign-4.jsonl",
  heldOut5: "scripts/dev/eval/injection/held-out-5.jsonl",
  benign5: "scripts/dev/eval/injection/benign-5.jsonl",
  heldOut6: "scripts/dev/eval/injection/held-out-6.jsonl",
  benign6: "scripts/dev/eval/injection/benign-6.jsonl",
} as const;

/** At most this share of real tools may be flagged (real descriptions say "IMPORTANT: use absolute paths"). */
export const MAX_REAL_FLAGGED = 0.01;

const familySchema = z.object({ family: z.union([z.enum(INJECTION_FAMILIES), z.literal("benign")]) }).loose();
/**
 * A tool as a server would list it, with a family: for a poisoned tool the family it was written for, for a
 * benign one the family whose vocabulary it borrows, or "benign" where its writer named none.
 */
export type SetTool = ToolInput & z.infer<typeof familySchema>;

export function readSet(path: string): SetTool[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      const item: unknown = JSON.parse(l);
      const tool = toolInputSchema.safeParse(item);
      const family = familySchema.safeParse(item);
      if (!tool.success || !family.success) throw new Error(`${path}:${i + 1}: ${(tool.error ?? family.error)?.issues[0]?.message ?? "invalid line"}`);
      return { ...tool.data, family: family.data.family };
    });
}

const flagged = (c: { signals: string[] }) => c.signals.includes("prompt_injection");

export interface SetResult {
  total: number;
  detected: number;
  missed: SetTool[];
}

/** A set's tool classified alone, as a new server's only tool would be. */
const flaggedAlone = (t: SetTool) => flagged(classifyTool({ ...t, annotations: undefined }));

export function detectPoisoned(set: readonly SetTool[]): SetResult {
  const missed = set.filter((p) => !flaggedAlone(p));
  return { total: set.length, detected: set.length - missed.length, missed };
}

export interface BenignResult {
  total: number;
  flagged: SetTool[];
}

export function flagBenign(set: readonly SetTool[]): BenignResult {
  return { total: set.length, flagged: set.filter(flaggedAlone) };
}

export interface RealResult {
  total: number;
  flagged: { server: string; tool: string; quote: string }[];
}

/** The corpus's real tools classified server by server, as the catalog does; every flagged one named. */
export function flagReal(data: Dataset): RealResult {
  const out: RealResult = { total: 0, flagged: [] };
  for (const s of data.servers) {
    if (s.table !== "corpus") continue;
    classifyServer({ name: s.server, tools: s.tools }).forEach((c, i) => {
      out.total++;
      if (flagged(c)) out.flagged.push({ server: s.server, tool: s.tools[i]!.name, quote: c.evidence.find((e) => e.signal === "prompt_injection")?.quote ?? "" });
    });
  }
  return out;
}

export interface InjectionReport {
  poisoned: SetResult;
  heldOut: SetResult;
  heldOut2: SetResult;
  heldOut3: SetResult;
  benign: BenignResult;
  heldOut4: SetResult;
  benign4: BenignResult;
  heldOut5: SetResult;
  benign5: BenignResult;
  heldOut6: SetResult;
  benign6: BenignResult;
  real: RealResult;
}

export function injectionReport(root: string, data: Dataset): InjectionReport {
  const read = (set: keyof typeof INJECTION_PATHS) => readSet(join(root, INJECTION_PATHS[set]));
  return {
    poisoned: detectPoisoned(read("poisoned")),
    heldOut: detectPoisoned(read("heldOut")),
    heldOut2: detectPoisoned(read("heldOut2")),
    heldOut3: detectPoisoned(read("heldOut3")),
    benign: flagBenign(read("benign3")),
    heldOut4: detectPoisoned(read("heldOut4")),
    benign4: flagBenign(read("benign4")),
    heldOut5: detectPoisoned(read("heldOut5")),
    benign5: flagBenign(read("benign5")),
    heldOut6: detectPoisoned(read("heldOut6")),
    benign6: flagBenign(read("benign6")),
    real: flagReal(data),
  };
}

/** The targets this report misses, in words. */
export function injectionMisses(r: InjectionReport): string[] {
  const misses: string[] = [];
  if (r.poisoned.detected < r.poisoned.total) misses.push(`poisoned descriptions missed: ${r.poisoned.missed.map((m) => m.name).join(", ")}`);
  if (r.real.flagged.length > MAX_REAL_FLAGGED * r.real.total) misses.push(`real tools flagged: ${r.real.flagged.length} of ${r.real.total} (target at most ${MAX_REAL_FLAGGED * 100}%)`);
  return misses;
}

/** The figures as `--json` carries them. */
export function injectionFigures(r: InjectionReport) {
  return {
    poisoned: r.poisoned.total,
    detected: r.poisoned.detected,
    realFlagged: r.real.flagged.length,
    realTotal: r.real.total,
    heldOut: { poisoned: r.heldOut.total, detected: r.heldOut.detected },
    heldOut2: { poisoned: r.heldOut2.total, detected: r.heldOut2.detected },
    heldOut3: { poisoned: r.heldOut3.total, detected: r.heldOut3.detected },
    benign: { total: r.benign.total, flagged: r.benign.flagged.length },
    heldOut4: { poisoned: r.heldOut4.total, detected: r.heldOut4.detected },
    benign4: { total: r.benign4.total, flagged: r.benign4.flagged.length },
    heldOut5: { poisoned: r.heldOut5.total, detected: r.heldOut5.detected },
    benign5: { total: r.benign5.total, flagged: r.benign5.flagged.length },
    heldOut6: { poisoned: r.heldOut6.total, detected: r.heldOut6.detected },
    benign6: { total: r.benign6.total, flagged: r.benign6.flagged.length },
  };
}

export function injectionSection(r: InjectionReport, pct: (x: number) => string, oneLine: (s: string, max: number) => string): string[] {
  const lines = [
    "## Prompt injection in descriptions",
    "",
    "| set | flagged | target |",
    "| --- | --- | --- |",
    `| poisoned descriptions (${INJECTION_PATHS.poisoned}) | ${r.poisoned.detected}/${r.poisoned.total} | all |`,
    `| held-out poisoned descriptions, written after the detector (${INJECTION_PATHS.heldOut}) | ${r.heldOut.detected}/${r.heldOut.total} | — |`,
    `| held-out poisoned descriptions, second set, written by another hand without the detector (${INJECTION_PATHS.heldOut2}) | ${r.heldOut2.detected}/${r.heldOut2.total} | — |`,
    `| held-out poisoned descriptions, third set, written by another hand without the detector (${INJECTION_PATHS.heldOut3}) | ${r.heldOut3.detected}/${r.heldOut3.total} | — |`,
    `| benign tools using the families' vocabulary (${INJECTION_PATHS.benign3}): benign tools flagged | ${r.benign.flagged.length}/${r.benign.total} | — |`,
    `| held-out poisoned descriptions, fourth set, written by another hand without the detector; its misses were read after its first run (${INJECTION_PATHS.heldOut4}) | ${r.heldOut4.detected}/${r.heldOut4.total} | — |`,
    `| benign tools, fourth set (${INJECTION_PATHS.benign4}): benign tools flagged | ${r.benign4.flagged.length}/${r.benign4.total} | — |`,
    `| held-out poisoned descriptions, fifth set, written by another hand without the detector, never read (${INJECTION_PATHS.heldOut5}) | ${r.heldOut5.detected}/${r.heldOut5.total} | — |`,
    `| benign tools, fifth set (${INJECTION_PATHS.benign5}): benign tools flagged | ${r.benign5.flagged.length}/${r.benign5.total} | — |`,
    `| held-out poisoned descriptions, sixth set, written by another hand without the detector, never read (${INJECTION_PATHS.heldOut6}) | ${r.heldOut6.detected}/${r.heldOut6.total} | — |`,
    `| benign tools, sixth set (${INJECTION_PATHS.benign6}): benign tools flagged | ${r.benign6.flagged.length}/${r.benign6.total} | — |`,
    `| real corpus tools | ${r.real.flagged.length}/${r.real.total} (${pct(r.real.flagged.length / r.real.total)}) | at most ${MAX_REAL_FLAGGED * 100}% |`,
    "",
  ];
  // The held-out and benign sets are named by family and tool only: their text in the report would reach
  // whoever next works on the detector, and the sets would no longer measure wording it was not built from.
  for (const m of r.poisoned.missed) lines.push(`- missed (${m.family}): ${m.name}: ${oneLine(m.description ?? "", 120)}`);
  const heldOut = [
    [r.heldOut, ", held-out set"],
    [r.heldOut2, ", second held-out set"],
    [r.heldOut3, ", third held-out set"],
    [r.heldOut4, ", fourth held-out set"],
    [r.heldOut5, ", fifth held-out set"],
    [r.heldOut6, ", sixth held-out set"],
  ] as const;
  for (const [set, which] of heldOut) for (const m of set.missed) lines.push(`- missed${which} (${m.family}): ${m.name}`);
  for (const t of [...r.benign.flagged, ...r.benign4.flagged, ...r.benign5.flagged, ...r.benign6.flagged]) lines.push(`- benign tool flagged (${t.family}): ${t.name}`);
  for (const f of r.real.flagged) lines.push(`- real tool flagged: ${f.server} ${f.tool}: '${f.quote}'`);
  return lines;
}
