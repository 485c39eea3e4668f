// The prompt-injection figures: how many hand-written poisoned descriptions the classifier flags (our own set, every
// family in varied wording; held-out sets written by other hands without reading the detector, never read; sets written by
// other hands to be read or learned from), how many honest tools using the families' vocabulary it flags, and how many
// of the corpus's real tools it flags.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { classifyRead, classifyTool } from "../../../classifier/classify.js";
import { INJECTION_FAMILIES } from "../../../classifier/injection-lexicon.js";
import { toolInputSchema, type ToolInput } from "../../../classifier/tool.js";
import type { Dataset } from "./dataset.js";
import { readingOf } from "./server-readings.js";

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
  dev7: "scripts/dev/eval/injection/dev-7.jsonl",
  devBenign7: "scripts/dev/eval/injection/dev-benign-7.jsonl",
  heldOut7: "scripts/dev/eval/injection/held-out-7.jsonl",
  benign7: "scripts/dev/eval/injection/benign-7.jsonl",
  dev8: "scripts/dev/eval/injection/dev-8.jsonl",
  devBenign8: "scripts/dev/eval/injection/dev-benign-8.jsonl",
  heldOut8: "scripts/dev/eval/injection/held-out-8.jsonl",
  benign8: "scripts/dev/eval/injection/benign-8.jsonl",
  dev9: "scripts/dev/eval/injection/dev-9.jsonl",
  devBenign9: "scripts/dev/eval/injection/dev-benign-9.jsonl",
  heldOut9: "scripts/dev/eval/injection/held-out-9.jsonl",
  benign9: "scripts/dev/eval/injection/benign-9.jsonl",
  dev10: "scripts/dev/eval/injection/dev-10.jsonl",
  devBenign10: "scripts/dev/eval/injection/dev-benign-10.jsonl",
  dev11: "scripts/dev/eval/injection/dev-11.jsonl",
  devBenign11: "scripts/dev/eval/injection/dev-benign-11.jsonl",
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
    classifyRead(readingOf(s)).forEach((c, i) => {
      out.total++;
      if (flagged(c)) out.flagged.push({ server: s.server, tool: s.tools[i]!.name, quote: c.evidence.find((e) => e.signal === "prompt_injection")?.quote ?? "" });
    });
  }
  return out;
}

/**
 * The sets written to test the detector beside our own, in the order the report and `--json` give them: each poisoned
 * set (its misses named) or benign set (its flagged tools named), keyed as `--json` keys it, with its row's words.
 */
const TEST_SETS = [
  { key: "heldOut", path: "heldOut", kind: "poisoned", row: "held-out poisoned descriptions, written after the detector", missed: "held-out set" },
  { key: "heldOut2", path: "heldOut2", kind: "poisoned", row: "held-out poisoned descriptions, second set, written by another hand without the detector", missed: "second held-out set" },
  { key: "heldOut3", path: "heldOut3", kind: "poisoned", row: "held-out poisoned descriptions, third set, written by another hand without the detector", missed: "third held-out set" },
  { key: "benign", path: "benign3", kind: "benign", row: "benign tools using the families' vocabulary" },
  { key: "heldOut4", path: "heldOut4", kind: "poisoned", row: "held-out poisoned descriptions, fourth set, written by another hand without the detector; its misses were read after its first run", missed: "fourth held-out set" },
  { key: "benign4", path: "benign4", kind: "benign", row: "benign tools, fourth set" },
  { key: "heldOut5", path: "heldOut5", kind: "poisoned", row: "held-out poisoned descriptions, fifth set, written by another hand without the detector, never read", missed: "fifth held-out set" },
  { key: "benign5", path: "benign5", kind: "benign", row: "benign tools, fifth set" },
  { key: "heldOut6", path: "heldOut6", kind: "poisoned", row: "held-out poisoned descriptions, sixth set, written by another hand without the detector, never read", missed: "sixth held-out set" },
  { key: "benign6", path: "benign6", kind: "benign", row: "benign tools, sixth set" },
  { key: "dev7", path: "dev7", kind: "poisoned", row: "poisoned descriptions written by another hand without the detector, to be read: learned-36's readings were written from its misses, and learned-38's learned reader is trained on it", missed: "set read for learned-36" },
  { key: "devBenign7", path: "devBenign7", kind: "benign", row: "benign tools of the set read for learned-36 (trained on since learned-38)" },
  { key: "heldOut7", path: "heldOut7", kind: "poisoned", row: "held-out poisoned descriptions, seventh set, written by another hand without the detector, never read", missed: "seventh held-out set" },
  { key: "benign7", path: "benign7", kind: "benign", row: "benign tools, seventh set" },
  { key: "dev8", path: "dev8", kind: "poisoned", row: "poisoned descriptions written by another hand without the detector, to be read: learned-37's readings were written from its misses, and learned-38's learned reader is trained on it", missed: "set read for learned-37" },
  { key: "devBenign8", path: "devBenign8", kind: "benign", row: "benign tools of the set read for learned-37 (trained on since learned-38)" },
  { key: "heldOut8", path: "heldOut8", kind: "poisoned", row: "held-out poisoned descriptions, eighth set, written by another hand without the detector, never read", missed: "eighth held-out set" },
  { key: "benign8", path: "benign8", kind: "benign", row: "benign tools, eighth set" },
  { key: "dev9", path: "dev9", kind: "poisoned", row: "poisoned descriptions written by another hand without the detector, to be learned from; not yet trained on (see the README)", missed: "ninth set to be learned from" },
  { key: "devBenign9", path: "devBenign9", kind: "benign", row: "benign tools of the ninth set to be learned from" },
  { key: "heldOut9", path: "heldOut9", kind: "poisoned", row: "held-out poisoned descriptions, ninth set, written by another hand without the detector, never read", missed: "ninth held-out set" },
  { key: "benign9", path: "benign9", kind: "benign", row: "benign tools, ninth set" },
  { key: "dev10", path: "dev10", kind: "poisoned", row: "poisoned descriptions, tenth set, written by another hand without the detector, to be learned from; measured, not trained on (see the README)", missed: "tenth set to be learned from" },
  { key: "devBenign10", path: "devBenign10", kind: "benign", row: "honest tools of the tenth set, each borrowing a family's words" },
  { key: "dev11", path: "dev11", kind: "poisoned", row: "poisoned descriptions, eleventh set, written by another hand without the detector in documentation's low-key voice, to be read: learned-40's readings were written from its misses; measured, not trained on", missed: "set read for learned-40" },
  { key: "devBenign11", path: "devBenign11", kind: "benign", row: "honest tools of the set read for learned-40, each borrowing a family's words" },
] as const satisfies readonly { key: string; path: keyof typeof INJECTION_PATHS; kind: "poisoned" | "benign"; row: string; missed?: string }[];
type TestSet = (typeof TEST_SETS)[number];
type HeldOutSet = Extract<TestSet, { kind: "poisoned" }>;
type BenignSet = Extract<TestSet, { kind: "benign" }>;
const HELD_OUT_SETS = TEST_SETS.filter((t): t is HeldOutSet => t.kind === "poisoned");
const BENIGN_SETS = TEST_SETS.filter((t): t is BenignSet => t.kind === "benign");

export type InjectionReport = { poisoned: SetResult; real: RealResult } & Record<HeldOutSet["key"], SetResult> & Record<BenignSet["key"], BenignResult>;

export function injectionReport(root: string, data: Dataset): InjectionReport {
  const read = (set: keyof typeof INJECTION_PATHS) => readSet(join(root, INJECTION_PATHS[set]));
  const held = Object.fromEntries(HELD_OUT_SETS.map((t) => [t.key, detectPoisoned(read(t.path))])) as Record<HeldOutSet["key"], SetResult>;
  const benign = Object.fromEntries(BENIGN_SETS.map((t) => [t.key, flagBenign(read(t.path))])) as Record<BenignSet["key"], BenignResult>;
  return { poisoned: detectPoisoned(read("poisoned")), ...held, ...benign, real: flagReal(data) };
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
  const sets = TEST_SETS.map((t) =>
    t.kind === "poisoned" ? [t.key, { poisoned: r[t.key].total, detected: r[t.key].detected }] : [t.key, { total: r[t.key].total, flagged: r[t.key].flagged.length }],
  );
  return {
    poisoned: r.poisoned.total,
    detected: r.poisoned.detected,
    realFlagged: r.real.flagged.length,
    realTotal: r.real.total,
    ...(Object.fromEntries(sets) as Record<HeldOutSet["key"], { poisoned: number; detected: number }> & Record<BenignSet["key"], { total: number; flagged: number }>),
  };
}

export function injectionSection(r: InjectionReport, pct: (x: number) => string, oneLine: (s: string, max: number) => string): string[] {
  const lines = [
    "## Prompt injection in descriptions",
    "",
    "| set | flagged | target |",
    "| --- | --- | --- |",
    `| poisoned descriptions (${INJECTION_PATHS.poisoned}) | ${r.poisoned.detected}/${r.poisoned.total} | all |`,
    ...TEST_SETS.map((t) =>
      t.kind === "poisoned"
        ? `| ${t.row} (${INJECTION_PATHS[t.path]}) | ${r[t.key].detected}/${r[t.key].total} | — |`
        : `| ${t.row} (${INJECTION_PATHS[t.path]}): benign tools flagged | ${r[t.key].flagged.length}/${r[t.key].total} | — |`,
    ),
    `| real corpus tools | ${r.real.flagged.length}/${r.real.total} (${pct(r.real.flagged.length / r.real.total)}) | at most ${MAX_REAL_FLAGGED * 100}% |`,
    "",
  ];
  // The held-out and benign sets are named by family and tool only: their text in the report would reach
  // whoever next works on the detector, and the sets would no longer measure wording it was not built from.
  for (const m of r.poisoned.missed) lines.push(`- missed (${m.family}): ${m.name}: ${oneLine(m.description ?? "", 120)}`);
  for (const t of HELD_OUT_SETS) for (const m of r[t.key].missed) lines.push(`- missed, ${t.missed} (${m.family}): ${m.name}`);
  for (const t of BENIGN_SETS) for (const f of r[t.key].flagged) lines.push(`- benign tool flagged (${f.family}): ${f.name}`);
  for (const f of r.real.flagged) lines.push(`- real tool flagged: ${f.server} ${f.tool}: '${f.quote}'`);
  return lines;
}
