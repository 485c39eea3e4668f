// The benchmark's figures: each value beside its target, whether it was met, by how much it was missed
// and why; rendered as a table for people and kept as JSON for machines.
import { cpus } from "node:os";

export interface Target {
  op: "<=" | ">=";
  value: number;
}

export interface Figure {
  label: string;
  value: number;
  unit: string;
  target?: Target;
  met?: boolean;
  /** How far from the target, when missed ("+82.1 s, 2.37× the target"). */
  missedBy?: string;
  /** Why it was missed, from what the run measured. */
  why?: string;
  /** Context shown under the figure (breakdowns, samples). */
  detail?: string;
}

export function figure(label: string, value: number, unit: string, target?: Target, explain?: () => string): Figure {
  if (!target) return { label, value, unit };
  const met = target.op === "<=" ? value <= target.value : value >= target.value;
  if (met) return { label, value, unit, target, met };
  const diff = Math.abs(value - target.value);
  const factor = target.op === "<=" ? value / target.value : target.value / Math.max(value, Number.EPSILON);
  const missedBy = `${target.op === "<=" ? "+" : "-"}${format(diff, unit)} ${unit}, ${factor.toFixed(2)}× ${target.op === "<=" ? "over" : "under"} the target`;
  return { label, value, unit, target, met, missedBy, ...(explain ? { why: explain() } : {}) };
}

/** Why a figure may be off: the machine's load when it was measured, if above its cores. */
export function loadNote(load: number): string {
  const cores = cpus().length;
  return load > cores ? ` The machine's load average was ${load.toFixed(1)} on ${cores} cores: other processes were competing for the CPU.` : "";
}

export function withDetail(f: Figure, detail: string): Figure {
  return { ...f, detail };
}

export function format(value: number, unit = ""): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = unit === "×" || unit === "" ? 2 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function valueText(f: Figure): string {
  return `${format(f.value, f.unit)} ${f.unit}`.trim();
}

function targetText(f: Figure): string {
  return f.target ? `${f.target.op === "<=" ? "≤" : "≥"} ${format(f.target.value, f.unit)} ${f.unit}`.trim() : "";
}

function verdict(f: Figure): string {
  if (f.met === undefined) return "";
  return f.met ? "met" : `MISSED (${f.missedBy})`;
}

function wrap(text: string, width: number, indent: string): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(indent + line);
  return out;
}

/** A section of rows: label, value, target, verdict; detail and why lines under their figure. */
export function table(title: string, figures: readonly Figure[]): string {
  const w = { label: Math.max(...figures.map((f) => f.label.length), 10), value: Math.max(...figures.map((f) => valueText(f).length), 5), target: Math.max(...figures.map((f) => targetText(f).length), 6) };
  const lines = [title, `  ${"figure".padEnd(w.label)}  ${"value".padStart(w.value)}  ${"target".padEnd(w.target)}  verdict`];
  for (const f of figures) {
    lines.push(`  ${f.label.padEnd(w.label)}  ${valueText(f).padStart(w.value)}  ${targetText(f).padEnd(w.target)}  ${verdict(f)}`.trimEnd());
    if (f.detail) lines.push(...wrap(f.detail, 110, "      "));
    if (f.why) lines.push(...wrap(`why: ${f.why}`, 110, "      "));
  }
  return `${lines.join("\n")}\n`;
}
