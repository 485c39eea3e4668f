// README.md as tests read it: the parts that document an output, and whether they name a field.
import { readFileSync } from "node:fs";

export const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The README's text from `start` to the next occurrence of `end`. */
export function readmePart(start: string, end: string): string {
  const from = README.indexOf(start);
  if (from < 0) throw new Error(`README has no ${start}`);
  const to = README.indexOf(end, from + start.length);
  return README.slice(from, to < 0 ? undefined : to);
}

/** Whether a README field list (`{a, b?: {…}, c}`) names `key`. */
export function namesField(list: string, key: string): boolean {
  return new RegExp(`[{,]\\s*${key}\\??[:,}]`).test(list);
}

/** Whether a README field table has a row for `key` (`| \`key\` | what it holds |`). */
export function describesField(table: string, key: string): boolean {
  return table.includes(`\n| \`${key}\` | `);
}
